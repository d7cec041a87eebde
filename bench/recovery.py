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
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from playwright.async_api import Browser, BrowserContext, Page, async_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: the browser flags live with the tests

from bench.pages import (  # noqa: E402
    longest_frozen_ms,
    open_person,
    set_up_call,
    wait_for_call,
    wait_for_call_or_explain,
)
from bench.rolling import behind_nginx, restart_one_after_the_other  # noqa: E402
from tests.e2e.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.processes import SignalingServer  # noqa: E402

OFFLINE_SECONDS = 5.0


Scenario = Callable[[SignalingServer, BrowserContext, Page], Awaitable[None]]


async def reload_page(
    server: SignalingServer, context: BrowserContext, page: Page
) -> None:
    await page.reload()


async def go_offline(
    server: SignalingServer, context: BrowserContext, page: Page
) -> None:
    await context.set_offline(True)
    await asyncio.sleep(OFFLINE_SECONDS)
    await context.set_offline(False)


async def restart_server(
    server: SignalingServer, context: BrowserContext, page: Page
) -> None:
    await asyncio.to_thread(server.stop)
    await asyncio.to_thread(server.start)


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
    log_dir = Path(tempfile.mkdtemp(prefix="recovery-"))
    # A fixed SECRET_KEY, as a deploy sets: tokens from before a restart win back seats.
    env = {"LOG_LEVEL": "INFO", "SECRET_KEY": secrets.token_hex(32)}
    server = SignalingServer("recovery", env)
    server.start(log_dir)
    results = Results()
    try:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
            base_url = server.url
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
        print(f"server logs: {log_dir}", file=sys.stderr)
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
