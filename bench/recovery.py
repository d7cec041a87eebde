"""How long a call takes to set up and to recover, in real Chromium against a real
server.

Set-up: from the second person pressing Enter on the room form until both pages are
`connected` and each one's remote video is advancing. Recovery: for each kind of drop
(page reload, 5 s offline, server restart, a rolling restart of two processes behind
nginx), the time from the end of the drop until the same holds again. Frozen: for
the drops a call should play through, the longest the remote video stood still on
either page, sampled in the page every 100 ms from just before the drop until well
after signaling is back (goal: 0), next to the same watch over a call with no drop.
Prints tables; asserts nothing about speed. Talks to 127.0.0.1 only.

    .venv/bin/python bench/recovery.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

from playwright.async_api import Browser, BrowserContext, Page, async_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: the browser flags live with the tests

from bench.rolling import behind_nginx, restart_one_after_the_other  # noqa: E402
from tests.e2e.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.e2e.helpers import (  # noqa: E402
    RECORD_FROZEN_VIDEO,
    RECORD_PEER_CONNECTIONS,
    keeps_its_peer_connection,
    start_watching_video,
)
from tests.e2e.helpers import longest_frozen_ms as longest_frozen_ms_on  # noqa: E402

TIMEOUT_MS = 60_000
OFFLINE_SECONDS = 5.0
# How long the remote video is still watched once both pages are back online: the
# rejoin (and any renegotiation it starts) happens in this time.
WATCH_AFTER_BACK_SECONDS = 3.0


class Server:
    """`python -m signaling` on a fixed port, restartable like a real deploy."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.process: subprocess.Popen[bytes] | None = None
        self.env = {
            **os.environ,
            "LOG_LEVEL": "WARNING",
            "SECRET_KEY": secrets.token_hex(32),
        }

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "signaling", "--port", str(self.port)],
            cwd=ROOT,
            env=self.env,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError(f"the server did not start on port {self.port}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)
            self.process = None


async def wait_for_call(*pages: Page) -> None:
    """Both pages connected, and each page's remote video moves on after that."""
    for page in pages:
        await page.wait_for_selector('body[data-state="connected"]', state="attached")
    for page in pages:
        start = await page.evaluate(
            "document.querySelector('#remoteVideo').currentTime"
        )
        await page.wait_for_function(
            "(start) => document.querySelector('#remoteVideo').currentTime > start",
            arg=start,
        )


# Page-side clocks, so that the driver's own round trips are not counted: when the
# room form was sent, and when the page first showed `connected`.
MARK_TIMES = """
(() => {
  document.addEventListener("submit", () => { window.submittedAt = Date.now(); }, true);
  new MutationObserver(() => {
    const state = document.body?.dataset.state;
    if (state === "connected") window.connectedAt ??= Date.now();
  }).observe(document, {
    subtree: true, attributes: true, attributeFilter: ["data-state"],
  });
})();
"""


async def set_up_call(browser: Browser, base_url: str) -> float:
    """Seconds from the second person's join (the room form sent) until both pages
    are `connected`, which they are once the other person's media plays; the remote
    video is then checked to advance on both."""
    room = f"setup-{secrets.token_hex(4)}"
    (first_context, first), (second_context, second) = [
        await open_person(browser, url, MARK_TIMES)
        for url in (f"{base_url}/?room={room}", f"{base_url}/")
    ]
    try:
        await first.wait_for_selector('body[data-state="waiting"]', state="attached")
        await second.wait_for_selector('body[data-state="naming"]', state="attached")
        await second.fill("#room-name", room)
        await second.click("#room-form button[type=submit]")
        await wait_for_call(first, second)
        submitted = await second.evaluate("window.submittedAt")
        connected = [
            await page.evaluate("window.connectedAt") for page in (first, second)
        ]
        return float(max(connected) - submitted) / 1000
    finally:
        await first_context.close()
        await second_context.close()


async def open_person(
    browser: Browser, url: str, init_script: str | None = None
) -> tuple[BrowserContext, Page]:
    """A person in a context of their own, whose remote video `longest_frozen_ms`
    can watch."""
    context = await browser.new_context(permissions=["camera", "microphone"])
    context.set_default_timeout(TIMEOUT_MS)
    await context.add_init_script(RECORD_PEER_CONNECTIONS + RECORD_FROZEN_VIDEO)
    if init_script is not None:
        await context.add_init_script(init_script)
    page = await context.new_page()
    await page.goto(url)
    return context, page


Scenario = Callable[[Server, BrowserContext, Page], Awaitable[None]]


async def reload_page(server: Server, context: BrowserContext, page: Page) -> None:
    await page.reload()


async def go_offline(server: Server, context: BrowserContext, page: Page) -> None:
    await context.set_offline(True)
    await asyncio.sleep(OFFLINE_SECONDS)
    await context.set_offline(False)


async def restart_server(server: Server, context: BrowserContext, page: Page) -> None:
    await asyncio.to_thread(server.stop)
    await asyncio.to_thread(server.start)


async def longest_frozen_ms(
    pages: Sequence[Page], drop: Callable[[], Awaitable[None]]
) -> float:
    """The longest the other person's video stood still on any of `pages` (ms, 0 when
    every 100 ms sample saw a new frame), watched from just before `drop` until
    WATCH_AFTER_BACK_SECONDS after every page is back online and in its call.

    The pages must come from `open_person` and stay loaded throughout (a reload
    starts a new sampler). A page that had to build a new peer connection is
    reported on stderr: its freeze is then the time a new call took."""
    await start_watching_video(*pages)
    await drop()
    await wait_for_call(*pages)
    for page in pages:
        await page.wait_for_selector('body[data-signaling="online"]', state="attached")
    await asyncio.sleep(WATCH_AFTER_BACK_SECONDS)  # watching, not waiting for a state
    frozen = [await longest_frozen_ms_on(page) for page in pages]
    for page in pages:
        if not await keeps_its_peer_connection(page):
            print("  a page built a new peer connection", file=sys.stderr)
    return max(frozen)


SET_UP = "call set-up"
OFFLINE = f"one page offline {OFFLINE_SECONDS:.0f} s"
RESTART = "server restart"
SCENARIOS: dict[str, Scenario] = {
    "reload one page": reload_page,
    OFFLINE: go_offline,
    RESTART: restart_server,
}
# The drops a call plays through, so its remote video is watched; a reload replaces
# the page (and its sampler), so it has no such row. The baseline watches a call
# with no drop for as long as the offline row does: what the machine alone costs.
BASELINE = "no drop (baseline)"
WATCHED = (BASELINE, OFFLINE, RESTART)
# Two processes on Redis behind nginx, restarted one after the other (rolling.py).
ROLLING = "rolling restart"


class Results:
    """Seconds to recover per row, and the longest frozen video (ms) per row."""

    def __init__(self) -> None:
        self.seconds: dict[str, list[float]] = {SET_UP: []} | {
            name: [] for name in (*SCENARIOS, ROLLING)
        }
        self.frozen_ms: dict[str, list[float]] = {
            name: [] for name in (*WATCHED, ROLLING)
        }


async def measure(rounds: int) -> Results:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    server = Server(port)
    server.start()
    results = Results()
    try:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
            base_url = f"http://127.0.0.1:{port}"
            for _ in range(rounds):
                print(f"… {SET_UP}", file=sys.stderr, flush=True)
                results.seconds[SET_UP].append(await set_up_call(browser, base_url))
            url = f"{base_url}/?room=recovery-{secrets.token_hex(4)}"
            (_, first), (second_context, second) = [
                await open_person(browser, url) for _ in range(2)
            ]
            await wait_for_call(first, second)
            for _ in range(rounds):
                print(f"… {BASELINE}", file=sys.stderr, flush=True)
                baseline = await longest_frozen_ms(
                    (first, second), lambda: asyncio.sleep(OFFLINE_SECONDS)
                )
                results.frozen_ms[BASELINE].append(baseline)
                for name, scenario in SCENARIOS.items():
                    print(f"… {name}", file=sys.stderr, flush=True)

                    async def drop(
                        name: str = name, scenario: Scenario = scenario
                    ) -> None:
                        await scenario(server, second_context, second)
                        started = time.monotonic()
                        await wait_for_call_or_explain(first, second)
                        results.seconds[name].append(time.monotonic() - started)

                    if name in WATCHED:
                        frozen = await longest_frozen_ms((first, second), drop)
                        results.frozen_ms[name].append(frozen)
                    else:
                        await drop()
            for page in (first, second):  # the next call alone loads the machine
                await page.context.close()
            await measure_rolling_restart(browser, rounds, results)
            await browser.close()
    finally:
        server.stop()
    return results


async def measure_rolling_restart(
    browser: Browser, rounds: int, results: Results
) -> None:
    """A call through nginx while both processes behind it restart in turn."""
    async with behind_nginx() as deployment:
        url = f"{deployment.url}/?room=rolling-{secrets.token_hex(4)}"
        (_, first), (_, second) = [await open_person(browser, url) for _ in range(2)]
        await wait_for_call(first, second)
        for _ in range(rounds):
            print(f"… {ROLLING}", file=sys.stderr, flush=True)

            async def drop() -> None:
                await restart_one_after_the_other(deployment)
                started = time.monotonic()
                await wait_for_call_or_explain(first, second)
                results.seconds[ROLLING].append(time.monotonic() - started)

            frozen = await longest_frozen_ms((first, second), drop)
            results.frozen_ms[ROLLING].append(frozen)


async def wait_for_call_or_explain(*pages: Page) -> None:
    try:
        await wait_for_call(*pages)
    except Exception:
        for page in pages:
            state = await page.evaluate("document.body.dataset.state")
            print(f"  a page stayed {state!r}", file=sys.stderr)
        raise


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds (default: 3)")
    args = parser.parse_args()
    results = asyncio.run(measure(args.rounds))
    print(f"{'what':<24} {'median s':>9} {'min s':>7} {'max s':>7}  (n={args.rounds})")
    for name, seconds in results.seconds.items():
        print(
            f"{name:<24} {statistics.median(seconds):>9.2f} "
            f"{min(seconds):>7.2f} {max(seconds):>7.2f}"
        )
    print(
        f"\n{'longest frozen video':<24} {'median ms':>9} {'min ms':>7} {'max ms':>7}"
    )
    for name, frozen in results.frozen_ms.items():
        print(
            f"{name:<24} {statistics.median(frozen):>9.0f} "
            f"{min(frozen):>7.0f} {max(frozen):>7.0f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
