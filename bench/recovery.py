"""How long a call takes to recover, measured in real Chromium against a real server.

For each kind of drop (page reload, 5 s offline, server restart), the time from the
end of the drop until both pages are `connected` again and each one's remote video is
advancing. Prints a table; asserts nothing about speed. Talks to 127.0.0.1 only.

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


async def open_person(browser: Browser, url: str) -> tuple[BrowserContext, Page]:
    context = await browser.new_context(permissions=["camera", "microphone"])
    context.set_default_timeout(TIMEOUT_MS)
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
    results: dict[str, list[float]] = {name: [] for name in SCENARIOS}
    try:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
            url = f"http://127.0.0.1:{port}/?room=recovery-{secrets.token_hex(4)}"
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
    print(f"{'drop':<24} {'median s':>9} {'min s':>7} {'max s':>7}  (n={args.rounds})")
    for name, seconds in results.items():
        print(
            f"{name:<24} {statistics.median(seconds):>9.2f} "
            f"{min(seconds):>7.2f} {max(seconds):>7.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
