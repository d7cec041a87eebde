"""Calls between Firefox and Chromium: what real people meet most often.

Every test runs in both orders of arrival: who arrives first waits in the room and
answers; who arrives second offers. Chromium is driven by Playwright, Firefox by
tests/e2e/firefox.py; the helpers take either page.
"""

from __future__ import annotations

import pytest

from .conftest import OpenFirefoxPage, OpenPage
from .helpers import (
    RECORD_HISTORY,
    RECORD_RECEIVED_MEDIA,
    Page,
    assert_talking_to_each_other,
    remote_track_kinds,
    room_name,
    wait_for_call,
    wait_for_state,
    wait_until_hearing,
    wait_until_silent,
    wait_until_video_is,
)

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

ORDERS = ["firefox-first", "chromium-first"]
SCRIPT = RECORD_HISTORY + RECORD_RECEIVED_MEDIA


async def call_between(
    open_page: OpenPage, open_firefox_page: OpenFirefoxPage, order: str
) -> dict[str, Page]:
    """A Firefox person and a Chromium person in one call, arriving in `order`."""
    url = f"/?room={room_name()}"
    opens = {"firefox": open_firefox_page, "chromium": open_page}
    first, second = ("firefox", "chromium")
    if order == "chromium-first":
        first, second = second, first
    pages: dict[str, Page] = {first: await opens[first](url, init_script=SCRIPT)}
    await wait_for_state(pages[first], "waiting")
    pages[second] = await opens[second](url, init_script=SCRIPT)
    await wait_for_call(pages[first], pages[second])
    return pages


async def assert_media_both_ways(first: Page, second: Page) -> None:
    """Connected, each sees the other's video moving and hears the other's audio."""
    await wait_for_call(first, second)
    for page in (first, second):
        await wait_until_hearing(page)
        await wait_until_video_is(page, lit=True)
    await assert_talking_to_each_other(first, second)


@pytest.mark.parametrize("order", ORDERS)
async def test_firefox_and_chromium_see_and_hear_each_other(
    open_page: OpenPage, open_firefox_page: OpenFirefoxPage, order: str
) -> None:
    pages = await call_between(open_page, open_firefox_page, order)
    for page in pages.values():
        assert await remote_track_kinds(page) == ["audio", "video"]
    await assert_media_both_ways(pages["firefox"], pages["chromium"])


@pytest.mark.parametrize("order", ORDERS)
async def test_mute_and_camera_off_reach_the_other_browser(
    open_page: OpenPage, open_firefox_page: OpenFirefoxPage, order: str
) -> None:
    pages = await call_between(open_page, open_firefox_page, order)
    for sender, receiver in (("firefox", "chromium"), ("chromium", "firefox")):
        await pages[sender].click("#toggle-mic")
        await pages[sender].click("#toggle-camera")
        await wait_until_silent(pages[receiver])
        await wait_until_video_is(pages[receiver], lit=False)
        await pages[sender].click("#toggle-mic")
        await pages[sender].click("#toggle-camera")
        await wait_until_hearing(pages[receiver])
        await wait_until_video_is(pages[receiver], lit=True)
