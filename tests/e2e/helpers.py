"""Page helpers: what a person does and sees, without selectors in the tests."""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from playwright.async_api import Page as ChromiumPage

from .firefox import FirefoxPage

# A person's page in either browser: FirefoxPage has the Page methods used here.
Page = ChromiumPage | FirefoxPage


def room_name(prefix: str = "room") -> str:
    """A fresh room name per test, so tests never meet each other."""
    return f"{prefix}-{secrets.token_hex(4)}"


async def wait_for_state(page: Page, state: str) -> None:
    await page.wait_for_selector(f'body[data-state="{state}"]', state="attached")


async def state_of(page: Page) -> str:
    return str(await page.evaluate("document.body.dataset.state"))


async def notice_code(page: Page) -> str:
    return str(await page.get_attribute("#notice", "data-code"))


async def wait_for_notice(page: Page, code: str) -> None:
    await page.wait_for_selector(f'#notice[data-code="{code}"]', state="attached")


async def join(page: Page, room: str) -> None:
    """Type a room name into the form and enter it."""
    await wait_for_state(page, "naming")
    await page.fill("#room-name", room)
    await page.click("#room-form button[type=submit]")


async def wait_for_remote_video(page: Page, selector: str = "#remoteVideo") -> None:
    """The other person's video has a size and its time moves on."""
    start = await page.wait_for_function(
        """(selector) => {
            const video = document.querySelector(selector);
            return video.videoWidth > 0 && video.currentTime > 0 && video.currentTime;
        }""",
        arg=selector,
    )
    await page.wait_for_function(
        "([selector, start]) => document.querySelector(selector).currentTime > start",
        arg=[selector, await start.json_value()],
    )


async def remote_track_kinds(page: Page, selector: str = "#remoteVideo") -> list[Any]:
    return list(
        await page.evaluate(
            """(selector) => {
                const stream = document.querySelector(selector).srcObject;
                return stream ? stream.getTracks().map((t) => t.kind).sort() : [];
            }""",
            selector,
        )
    )


async def wait_for_call(*pages: Page) -> None:
    """Every page is connected and sees the other person's video moving."""
    for page in pages:
        await wait_for_state(page, "connected")
    for page in pages:
        await wait_for_remote_video(page)


# Records every RTCPeerConnection the page builds, so a test can tell who talks to whom.
RECORD_PEER_CONNECTIONS = """
(() => {
  const Native = window.RTCPeerConnection;
  window.peerConnections = [];
  window.RTCPeerConnection = class extends Native {
    constructor(...args) {
      super(...args);
      window.peerConnections.push(this);
    }
  };
})();
"""


async def fingerprints(page: Page) -> tuple[str, str]:
    """DTLS fingerprints (ours, the other side's) of the page's open peer connection."""
    local, remote = await page.evaluate(
        """() => {
            const pc = window.peerConnections.findLast(
                (p) => p.connectionState !== "closed");
            const fingerprint = (d) => d.sdp.match(/a=fingerprint:(.*)/)[1].trim();
            return [
                fingerprint(pc.localDescription), fingerprint(pc.remoteDescription)];
        }"""
    )
    return str(local), str(remote)


async def open_peer_connections(page: Page) -> int:
    return int(
        await page.evaluate(
            "() => window.peerConnections.filter("
            "(p) => p.connectionState !== 'closed').length"
        )
    )


async def assert_talking_to_each_other(first: Page, second: Page) -> None:
    """Each page's remote DTLS fingerprint is the other page's own."""
    first_local, first_remote = await fingerprints(first)
    second_local, second_remote = await fingerprints(second)
    assert (first_remote, second_remote) == (second_local, first_local)


# Every state and notice code the page has shown, in order (some are too brief to
# wait for), and the state each time the remote video lost its stream.
RECORD_HISTORY = """
(() => {
  window.stateHistory = [];
  window.noticeHistory = [];
  window.statesWhenRemoteVideoEmptied = [];
  new MutationObserver(() => {
    const state = document.body?.dataset.state;
    if (state && state !== window.stateHistory.at(-1)) window.stateHistory.push(state);
    const code = document.getElementById("notice")?.dataset.code;
    if (code) window.noticeHistory.push(code);
  }).observe(document, {
    subtree: true, attributes: true, attributeFilter: ["data-state", "data-code"],
  });
  document.addEventListener("emptied", (event) => {
    if (event.target.id === "remoteVideo") {
      window.statesWhenRemoteVideoEmptied.push(document.body.dataset.state);
    }
  }, true);
})();
"""


async def wait_for_past_state(page: Page, state: str) -> None:
    """The page has been in `state` at some point (it may have left it since)."""
    await page.wait_for_function(
        "(state) => window.stateHistory.includes(state)", arg=state
    )


async def states_since(page: Page) -> list[str]:
    """The states recorded since the page loaded or its history was cleared."""
    return list(await page.evaluate("window.stateHistory"))


async def notices_since(page: Page) -> list[str]:
    """The notice codes shown since the page loaded."""
    return list(await page.evaluate("window.noticeHistory"))


async def assert_never_connected_without_video(*pages: Page) -> None:
    """`connected` means the other person's media is playing: it never vanished then."""
    for page in pages:
        states = await page.evaluate("window.statesWhenRemoteVideoEmptied")
        assert "connected" not in states


async def open_pair(
    open_page: Callable[..., Awaitable[Page]],
    url: str,
    init_script: str = "",
    *,
    open_second: Callable[..., Awaitable[Page]] | None = None,
    in_turn: bool = False,
) -> tuple[Page, Page]:
    """Two people in a call at `url`, each page recording its history. The second is
    opened by `open_second` (another browser) if given; `in_turn`: the first is alone
    in the room before the second comes, so the first is the one who waited."""
    script = RECORD_HISTORY + init_script
    first = await open_page(url, init_script=script)
    if in_turn:
        await wait_for_state(first, "waiting")
    second = await (open_second or open_page)(url, init_script=script)
    await wait_for_call(first, second)
    return first, second


# Samples what the page receives from the other person, four times a second: the
# inbound audio energy (getStats `totalAudioEnergy`, which both browsers report) and
# how bright the other person's video is (its mean luma, 0 is black).
RECORD_RECEIVED_MEDIA = """
(() => {
  window.receivedMedia = [];
  let canvas = null;
  const luma = () => {
    const video = document.getElementById("remoteVideo");
    if (!video || video.videoWidth === 0) return null;
    canvas ??= Object.assign(document.createElement("canvas"), {width: 32, height: 24});
    const context = canvas.getContext("2d", {willReadFrequently: true});
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let sum = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      sum += 0.299 * pixels[i] + 0.587 * pixels[i + 1] + 0.114 * pixels[i + 2];
    }
    return sum / (pixels.length / 4);
  };
  setInterval(async () => {
    const pc = window.peerConnections?.findLast((p) => p.connectionState !== "closed");
    if (!pc) return;
    let energy = null;
    (await pc.getStats()).forEach((report) => {
      if (report.type === "inbound-rtp" && report.kind === "audio") {
        energy = report.totalAudioEnergy ?? null;
      }
    });
    window.receivedMedia.push({at: performance.now(), energy, luma: luma()});
    if (window.receivedMedia.length > 80) window.receivedMedia.shift();
  }, 250);
})();
"""

# Spans over which received audio counts as sound or as silence. Chromium's fake
# microphone beeps about twice a second, Firefox's plays a steady tone.
HEARING_SPAN_MS = 1000
SILENCE_SPAN_MS = 2000


async def wait_until_hearing(page: Page) -> None:
    """The other person's audio track is live and its energy grew within a second."""
    await page.wait_for_function(
        """(span) => {
            const stream = document.getElementById("remoteVideo").srcObject;
            const audio = stream?.getAudioTracks()[0];
            const samples = window.receivedMedia.filter((s) => s.energy !== null);
            const last = samples.at(-1);
            const before = samples.findLast((s) => s.at <= last.at - span);
            return audio?.readyState === "live" && before !== undefined &&
                last.energy > before.energy;
        }""",
        arg=HEARING_SPAN_MS,
    )


async def wait_until_silent(page: Page) -> None:
    """No audio energy arrived for two seconds, all of them after this call."""
    since = await page.evaluate("performance.now()")
    await page.wait_for_function(
        """([since, span]) => {
            const samples = window.receivedMedia.filter(
                (s) => s.at >= since && s.energy !== null);
            const last = samples.at(-1);
            if (last === undefined || last.at - samples[0].at < span) return false;
            const start = samples.find((s) => s.at >= last.at - span);
            return last.energy - start.energy < 1e-6;
        }""",
        arg=[since, SILENCE_SPAN_MS],
    )


async def wait_until_video_is(page: Page, lit: bool) -> None:
    """The other person's video shows a picture (`lit`) or only black frames."""
    await page.wait_for_function(
        """(lit) => {
            const recent = window.receivedMedia.slice(-3);
            return recent.length === 3 && recent.every(
                (s) => s.luma !== null && (lit ? s.luma > 24 : s.luma < 8));
        }""",
        arg=lit,
    )


# ICE restarts: the local ICE username fragment changes with every restart.
LOCAL_UFRAG = """() => {
    const pc = window.peerConnections.findLast((p) => p.connectionState !== "closed");
    return pc.localDescription.sdp.match(/a=ice-ufrag:(.*)/)[1].trim();
}"""

# The page's peer connection reports a failed ICE transport, as the browser does when
# the network under a call breaks (loopback never breaks, so this stands in for it).
# The handler is called directly: in Firefox an event dispatched from script reaches an
# RTCPeerConnection's listeners but not its `on...` handler.
REPORT_ICE_FAILED = """() => {
    const pc = window.peerConnections.findLast((p) => p.connectionState !== "closed");
    Object.defineProperty(
        pc, "iceConnectionState", {value: "failed", configurable: true});
    pc.oniceconnectionstatechange(new Event("iceconnectionstatechange"));
    delete pc.iceConnectionState;
}"""

RESTARTED = f"""(before) => ({LOCAL_UFRAG})() !== before &&
    window.peerConnections.findLast(
        (p) => p.connectionState !== "closed").signalingState === "stable"
"""


# Samples the other person's video every 100 ms: when it last showed a new frame, and
# the longest stretch it stood still since sampling (re)started (`frozenFromMs`: when
# that stretch began, counted from the start). Frames are counted synchronously, so a
# busy page thread cannot make video look frozen: Chromium's
# getVideoPlaybackQuality().totalVideoFrames, and Firefox's `mozPaintedFrames`, since
# Firefox's playback quality counts no frames of a MediaStream (and `currentTime` goes
# on in both while the picture stands still). Also keeps the peer connection in use
# when sampling started, to tell whether the call kept it.
RECORD_FROZEN_VIDEO = """
(() => {
  const frames = (video) => ("mozPaintedFrames" in video
    ? video.mozPaintedFrames : video.getVideoPlaybackQuality().totalVideoFrames);
  window.videoSamples = {longestFrozenMs: 0, lastMovedAt: null, lastFrames: null};
  window.resetFrozenVideo = () => {
    const video = document.getElementById("remoteVideo");
    const now = performance.now();
    window.videoSamples = {longestFrozenMs: 0, frozenFromMs: 0, startedAt: now,
      lastMovedAt: now, lastFrames: frames(video)};
    window.callPeerConnection = window.peerConnections.findLast(
      (p) => p.connectionState !== "closed");
  };
  setInterval(() => {
    const samples = window.videoSamples;
    const video = document.getElementById("remoteVideo");
    if (!video || samples.lastMovedAt === null) return;
    const now = performance.now();
    if (frames(video) !== samples.lastFrames) {
      samples.lastFrames = frames(video);
      samples.lastMovedAt = now;
    }
    const frozen = now - samples.lastMovedAt;
    if (frozen > samples.longestFrozenMs) {
      samples.longestFrozenMs = frozen;
      samples.frozenFromMs = samples.lastMovedAt - samples.startedAt;
    }
  }, 100);
})();
"""


async def start_watching_video(*pages: Page) -> None:
    """From now on, measure the longest frozen stretch of each page's remote video."""
    for page in pages:
        await page.evaluate("window.resetFrozenVideo()")


async def longest_frozen_ms(page: Page) -> float:
    """The longest the other person's video stood still since `start_watching_video`."""
    return float(await page.evaluate("window.videoSamples.longestFrozenMs"))


async def keeps_its_peer_connection(page: Page) -> bool:
    """The page talks over the very RTCPeerConnection it had when watching started,
    and built no other one since."""
    return bool(
        await page.evaluate(
            """() => window.peerConnections.at(-1) === window.callPeerConnection &&
                window.callPeerConnection.connectionState === "connected" """
        )
    )


async def wait_for_signaling(page: Page, status: str) -> None:
    """body[data-signaling] is `online` or `offline`."""
    await page.wait_for_selector(f'body[data-signaling="{status}"]', state="attached")
