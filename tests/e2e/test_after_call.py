"""After hanging up: Rejoin brings you back, New room makes a fresh one, and the rooms
used lately are offered on the start screen (kept in this browser only, removable)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import OpenPage
from .helpers import join, room_name, wait_for_state
from .test_accessibility import violations
from .test_language import assert_all_german

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]


def room_in_address(url: str) -> str:
    return parse_qs(urlsplit(url).query)["room"][0]


async def test_rejoin_and_new_room_after_hanging_up(open_page: OpenPage) -> None:
    room = room_name("Family")
    page = await open_page()
    await join(page, room)
    await wait_for_state(page, "waiting")
    await page.click("#hang-up")
    await wait_for_state(page, "naming")
    assert await page.is_visible("#after-call")
    assert await page.text_content("#after-room") == room
    await page.click("#rejoin")
    await wait_for_state(page, "waiting")
    assert room_in_address(page.url) == room
    assert not await page.is_visible("#after-call")
    await page.click("#hang-up")
    await wait_for_state(page, "naming")
    await page.click("#new-room")
    await wait_for_state(page, "waiting")
    assert room_in_address(page.url) != room


async def test_recent_rooms_are_offered_kept_and_removable(open_page: OpenPage) -> None:
    first, second = room_name("first"), room_name("second")
    page = await open_page()
    for room in (first, second):
        await join(page, room)
        await wait_for_state(page, "waiting")
        await page.click("#hang-up")
        await wait_for_state(page, "naming")
    await page.reload()
    await wait_for_state(page, "naming")
    assert await page.inner_text("#recent-list .recent-join >> nth=0") == second
    assert await page.inner_text("#recent-list .recent-join >> nth=1") == first
    await page.click(f'#recent-list [aria-label="Remove {second} from this list"]')
    assert await page.locator("#recent-list .recent-join").all_inner_texts() == [first]
    await page.click("#recent-list .recent-join")
    await wait_for_state(page, "waiting")
    assert room_in_address(page.url) == first
    kept = await page.evaluate("localStorage.getItem('video-room.recent-rooms')")
    assert second not in kept


async def test_after_a_call_in_german_is_accessible(open_page: OpenPage) -> None:
    page = await open_page(f"/?room={room_name()}&lang=de")
    await wait_for_state(page, "waiting")
    await page.click("#hang-up")
    await wait_for_state(page, "naming")
    assert await page.is_visible("#recent-list")
    await assert_all_german(page)
    assert await violations(page) == []
