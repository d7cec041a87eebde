"""Record real getStats() series from a call between two pages, trimmed to the fields
the page reads, as fixtures for tests/js (run by hand, not by the tests):

    .venv/bin/python -m tests.js.record_stats direct|relay|throttled|firefox [seconds]

Each scenario writes one JSON file per page under tests/js/fixtures/: a list of
samples one second apart, each a list of stats objects. `throttled` caps the first
page's video sender at 40 kbps with setParameters (a weak upload); `firefox` makes
the first page Firefox (whose stats differ: no transport report, a `selected` pair,
no qualityLimitationReason). Loss and delay cannot be made on loopback (libwebrtc's
fake-network field trials do not reach Chromium's renderer): tests/js/recorded.mjs
lays them over a recording.
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
from pathlib import Path

from aiohttp.test_utils import TestServer
from playwright.async_api import async_playwright

from signaling import create_app
from signaling.config import Settings
from tests.e2e.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.e2e.firefox import Firefox
from tests.e2e.helpers import RECORD_PEER_CONNECTIONS, Page, room_name, wait_for_call
from tests.turn import TurnServer, relay_only_settings

FIXTURES = Path(__file__).resolve().parent / "fixtures"
KEEP = {
    "candidate-pair": ["state", "nominated", "selected", "localCandidateId",
                       "remoteCandidateId",
                       "currentRoundTripTime", "availableOutgoingBitrate",
                       "bytesSent", "bytesReceived"],
    "local-candidate": ["candidateType", "protocol", "relayProtocol"],
    "remote-candidate": ["candidateType", "protocol"],
    "transport": ["selectedCandidatePairId"],
    "inbound-rtp": ["kind", "codecId", "packetsReceived", "packetsLost", "jitter",
                    "bytesReceived", "framesPerSecond", "frameWidth", "frameHeight",
                    "framesDecoded", "freezeCount"],
    "outbound-rtp": ["kind", "codecId", "packetsSent", "bytesSent", "framesPerSecond",
                     "frameWidth", "frameHeight", "qualityLimitationReason",
                     "targetBitrate"],
    "remote-inbound-rtp": ["kind", "localId", "packetsLost", "fractionLost", "jitter",
                           "roundTripTime"],
    "codec": ["mimeType", "clockRate"],
}  # fmt: skip
THROTTLE = """async () => {
  const pc = window.peerConnections.findLast((p) => p.connectionState !== "closed");
  const sender = pc.getSenders().find((s) => s.track?.kind === "video");
  const parameters = sender.getParameters();
  parameters.encodings[0].maxBitrate = 40_000;
  await sender.setParameters(parameters);
}"""
SAMPLE = """async () => {
  const pc = window.peerConnections.findLast((p) => p.connectionState !== "closed");
  return [...(await pc.getStats()).values()];
}"""


def trim(reports: list[dict[str, object]]) -> list[dict[str, object]]:
    """The reports and fields the page reads; of the candidate pairs, the nominated
    ones (the selected pair is one of them) and their candidates."""
    pairs = [r for r in reports if r["type"] == "candidate-pair" and r.get("nominated")]
    candidates = {
        p[side] for p in pairs for side in ("localCandidateId", "remoteCandidateId")
    }
    kept = []
    for report in reports:
        kind = str(report["type"])
        if kind not in KEEP or (kind == "candidate-pair" and report not in pairs):
            continue
        if kind.endswith("-candidate") and report["id"] not in candidates:
            continue
        trimmed = {key: report[key] for key in ("id", "type", "timestamp")}
        trimmed.update({key: report[key] for key in KEEP[kind] if key in report})
        kept.append(trimmed)
    return kept


async def record(scenario: str, seconds: int) -> None:
    settings, turn = Settings(), None
    if scenario == "relay":
        turn = TurnServer(Path(tempfile.mkdtemp()))
        settings = relay_only_settings(turn)
    server = TestServer(create_app(settings), host="127.0.0.1")
    await server.start_server()
    firefox = None
    try:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
            url = str(server.make_url(f"/?room={room_name('record')}"))
            pages: list[Page] = []
            if scenario == "firefox":
                firefox = await Firefox.launch(15_000)
                pages.append(await firefox.new_page([RECORD_PEER_CONNECTIONS]))
                await pages[-1].goto(url)
            while len(pages) < 2:
                context = await browser.new_context(
                    permissions=["camera", "microphone"]
                )
                await context.add_init_script(RECORD_PEER_CONNECTIONS)
                pages.append(await context.new_page())
                await pages[-1].goto(url)
            await wait_for_call(*pages)
            if scenario == "throttled":
                await pages[0].evaluate(THROTTLE)
            series: list[list[list[dict[str, object]]]] = [[], []]
            for _ in range(seconds):
                for page, samples in zip(pages, series, strict=True):
                    samples.append(trim(await page.evaluate(SAMPLE)))
                await asyncio.sleep(1)
            await browser.close()
    finally:
        if firefox is not None:
            await firefox.stop()
        await server.close()
        if turn is not None:
            turn.stop()
    for name, samples in zip(("first", "second"), series, strict=True):
        path = FIXTURES / f"{scenario}-{name}.json"
        path.write_text(json.dumps(samples, separators=(",", ":")) + "\n")
        print(f"{path}: {len(samples)} samples")


if __name__ == "__main__":
    asyncio.run(record(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 20))
