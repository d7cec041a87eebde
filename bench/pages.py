"""The pages bench/recovery.py drives: people in a call, and what they show.

Each person is a Chromium context of its own that records its peer connections and
samples the other person's video (tests/e2e/helpers.py), so a drop can be judged by
how long that video stood still.
"""

from __future__ import annotations

import asyncio
import secrets
import sys
from collections.abc import Awaitable, Callable, Sequence

from playwright.async_api import Browser, BrowserContext, Page

from tests.e2e.helpers import (
    RECORD_FROZEN_VIDEO,
    RECORD_PEER_CONNECTIONS,
    keeps_its_peer_connection,
    start_watching_video,
)
from tests.e2e.helpers import longest_frozen_ms as longest_frozen_ms_on

TIMEOUT_MS = 60_000
# How long the remote video is still watched once both pages are back online: the
# rejoin (and any renegotiation it starts) happens in this time.
WATCH_AFTER_BACK_SECONDS = 3.0


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


async def wait_for_call_or_explain(*pages: Page) -> None:
    try:
        await wait_for_call(*pages)
    except Exception:
        for page in pages:
            state = await page.evaluate("document.body.dataset.state")
            print(f"  a page stayed {state!r}", file=sys.stderr)
        raise
