"""How long a call takes to set up and to recover, in real Chromium against a real
server.

Set-up: from the second person pressing Enter on the room form until both pages are
`connected` and each one's remote video is advancing. Recovery: for each kind of drop
(page reload, 5 s offline, server restart), the time from the end of the drop until
the same holds again. Prints a table; asserts nothing about speed. Talks to 127.0.0.1
only.

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
from collections.abc import Awaitable, Callable
from pathlib import Path

from playwright.async_api import Browser, BrowserContext, Page, async_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: the browser flags live with the tests

from tests.e2e.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

TIMEOUT_MS = 60_000
OFFLINE_SECONDS = 5.0


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
    context = await browser.new_context(permissions=["camera", "microphone"])
    context.set_default_timeout(TIMEOUT_MS)
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


SET_UP = "call set-up"
SCENARIOS: dict[str, Scenario] = {
    "reload one page": reload_page,
    f"one page offline {OFFLINE_SECONDS:.0f} s": go_offline,
    "server restart": restart_server,
}


async def measure(rounds: int) -> dict[str, list[float]]:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    server = Server(port)
    server.start()
    results: dict[str, list[float]] = {name: [] for name in [SET_UP, *SCENARIOS]}
    try:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
            base_url = f"http://127.0.0.1:{port}"
            for _ in range(rounds):
                print(f"… {SET_UP}", file=sys.stderr, flush=True)
                results[SET_UP].append(await set_up_call(browser, base_url))
            url = f"{base_url}/?room=recovery-{secrets.token_hex(4)}"
            (_, first), (second_context, second) = [
                await open_person(browser, url) for _ in range(2)
            ]
            await wait_for_call(first, second)
            for _ in range(rounds):
                for name, scenario in SCENARIOS.items():
                    print(f"… {name}", file=sys.stderr, flush=True)
                    await scenario(server, second_context, second)
                    started = time.monotonic()
                    try:
                        await wait_for_call(first, second)
                    except Exception:
                        for page in (first, second):
                            state = await page.evaluate("document.body.dataset.state")
                            print(f"  a page stayed {state!r}", file=sys.stderr)
                        raise
                    results[name].append(time.monotonic() - started)
            await browser.close()
    finally:
        server.stop()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds (default: 3)")
    args = parser.parse_args()
    results = asyncio.run(measure(args.rounds))
    print(f"{'what':<24} {'median s':>9} {'min s':>7} {'max s':>7}  (n={args.rounds})")
    for name, seconds in results.items():
        print(
            f"{name:<24} {statistics.median(seconds):>9.2f} "
            f"{min(seconds):>7.2f} {max(seconds):>7.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
