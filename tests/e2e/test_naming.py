"""Choosing a room: the form, deep links, the address bar, and names that bite."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from signaling.rooms import RoomRegistry

from .conftest import OpenPage
from .helpers import join, notice_code, room_name, wait_for_notice, wait_for_state

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]


def room_in_address(url: str) -> str:
    return parse_qs(urlsplit(url).query)["room"][0]


async def test_cancel_empty_and_blank_names_keep_the_form(
    open_page: OpenPage, registry: RoomRegistry
) -> None:
    page = await open_page()
    await wait_for_state(page, "naming")
    for attempt in ("cancel", "", "   \t "):
        await page.evaluate("document.querySelector('#notice').dataset.code = ''")
        if attempt == "cancel":
            await page.fill("#room-name", "half typed")
            await page.click("#room-cancel")
        else:
            await join(page, attempt)
        await wait_for_notice(page, "name-required")
        assert await page.evaluate("document.body.dataset.state") == "naming"
    assert registry.member_count == 0


async def test_deep_link_joins_without_the_form(open_page: OpenPage) -> None:
    room = room_name("Deep Link")
    page = await open_page(f"/?room={quote(room)}")
    await wait_for_state(page, "waiting")
    assert await page.text_content("#room-title") == room
    invite = (await page.text_content("#invite-link")) or ""
    assert room_in_address(invite) == room


async def test_joining_through_the_form_puts_the_room_in_the_address(
    open_page: OpenPage,
) -> None:
    room = room_name("Family")
    page = await open_page()
    await join(page, room)
    await wait_for_state(page, "waiting")
    assert room_in_address(page.url) == room


async def test_new_private_room_gets_a_random_key_and_copies_its_link(
    open_page: OpenPage,
) -> None:
    page = await open_page()
    await page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    await wait_for_state(page, "naming")
    await page.click("#room-new")
    await wait_for_state(page, "waiting")
    copied = await page.evaluate("navigator.clipboard.readText()")
    assert copied == page.url
    # 128 random bits in the fragment, which browsers never send to the server; the
    # name the server sees is derived from them and reveals nothing of them.
    key = urlsplit(copied).fragment
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", key)
    name = room_in_address(copied)
    assert re.fullmatch(r"private-[0-9a-f]{24}", name)
    assert key not in name
    assert await page.text_content("#room-title") == "private"


HOSTILE_NAMES = {
    "markup": ("<img src=x onerror=alert(1)>", "waiting"),
    "too-long": ("x" * 300, "naming"),
    "control-characters": ("a\u0007b\u0000c", "naming"),
}


@pytest.mark.parametrize("how", ["form", "link"])
async def test_hostile_names_run_no_script(
    open_page: OpenPage, dialogs: list[str], how: str
) -> None:
    for raw, expected_state in HOSTILE_NAMES.values():
        page = await open_page("/" if how == "form" else f"/?room={quote(raw)}")
        if how == "form":
            await join(page, raw)
        await wait_for_state(page, expected_state)
        if expected_state == "naming":
            await wait_for_notice(page, "name-invalid")
        else:
            assert await page.text_content("#room-title") == raw
        assert await page.locator("img, script:not([type=module])").count() == 0
        assert await notice_code(page) in ("", "name-invalid")
    assert dialogs == []
