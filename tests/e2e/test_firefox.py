"""Firefox on its own: two Firefox people call, a third is refused, Firefox's own
autoplay policy meets the page's play button, and the classic codelab page works in
Firefox too (against Firefox and against Chromium)."""

from __future__ import annotations

import pytest

from signaling.rooms import RoomRegistry

from .conftest import OpenFirefoxPage, OpenPage
from .helpers import (
    LOCAL_UFRAG,
    RECORD_RECEIVED_MEDIA,
    REPORT_ICE_FAILED,
    RESTARTED,
    assert_talking_to_each_other,
    open_peer_connections,
    room_name,
    state_of,
    wait_for_call,
    wait_for_remote_video,
    wait_for_state,
    wait_until_hearing,
)
from .scenarios import assert_a_third_is_told_the_room_is_full, call_by_typed_names

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]


async def test_two_firefox_people_see_and_hear_each_other(
    open_firefox_page: OpenFirefoxPage,
) -> None:
    first, second = await call_by_typed_names(
        open_firefox_page, init_script=RECORD_RECEIVED_MEDIA
    )
    for page in (first, second):
        await wait_until_hearing(page)
    await assert_talking_to_each_other(first, second)


@pytest.mark.parametrize("failing", ["first", "second"])
async def test_ice_failure_between_two_firefox_people_restarts_ice(
    open_firefox_page: OpenFirefoxPage, failing: str
) -> None:
    """Either side seeing ICE fail gets new ICE credentials negotiated on the same
    peer connections: the second (who offered first) restarts, the first asks it to."""
    url = f"/?room={room_name()}"
    first = await open_firefox_page(url, init_script=RECORD_RECEIVED_MEDIA)
    await wait_for_state(first, "waiting")
    second = await open_firefox_page(url, init_script=RECORD_RECEIVED_MEDIA)
    await wait_for_call(first, second)
    pages = {"first": first, "second": second}
    before = {name: await page.evaluate(LOCAL_UFRAG) for name, page in pages.items()}
    await pages[failing].evaluate(REPORT_ICE_FAILED)
    for name, page in pages.items():
        await page.wait_for_function(RESTARTED, arg=before[name])
    await wait_for_call(first, second)
    for page in (first, second):
        await wait_until_hearing(page)
        assert await open_peer_connections(page) == 1


async def test_third_firefox_person_is_told_room_is_full(
    open_firefox_page: OpenFirefoxPage, registry: RoomRegistry
) -> None:
    await assert_a_third_is_told_the_room_is_full(open_firefox_page, registry)


@pytest.mark.parametrize("order", ["firefox-first", "chromium-first"])
async def test_firefox_plays_the_other_person_after_one_click_on_the_play_button(
    open_page: OpenPage,
    open_firefox_page_blocking_autoplay: OpenFirefoxPage,
    order: str,
) -> None:
    """Unlike Chromium, Firefox does not exempt a page that captures the camera from
    its autoplay policy: a page opened from a link, never clicked, may not play the
    other person's sound, so the page offers its play button."""
    url = f"/?room={room_name()}"
    opens = [open_firefox_page_blocking_autoplay, open_page]
    if order == "chromium-first":
        opens.reverse()
    first = await opens[0](url)
    await wait_for_state(first, "waiting")
    second = await opens[1](url)
    firefox = first if order == "firefox-first" else second
    await firefox.wait_for_function(
        "() => !document.getElementById('remote-play').hidden"
    )
    assert await state_of(firefox) == "connecting"
    await firefox.click("#remote-play")
    await wait_for_call(first, second)
    assert await firefox.evaluate("document.getElementById('remote-play').hidden")


@pytest.mark.parametrize("other", ["firefox", "chromium"])
async def test_codelab_page_in_firefox_gets_a_call(
    open_page: OpenPage, open_firefox_page: OpenFirefoxPage, other: str
) -> None:
    url = f"/classic/index.html?room={room_name('codelab')}"
    first = await open_firefox_page(url)
    await first.wait_for_function("() => isInitiator && localStream !== undefined")
    second = await (open_firefox_page if other == "firefox" else open_page)(url)
    for page in (first, second):
        await wait_for_remote_video(page)
