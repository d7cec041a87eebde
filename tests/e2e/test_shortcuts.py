"""Keyboard shortcuts work the call's buttons, never while typing in a field, and
`?` lists them in a help dialog."""

from __future__ import annotations

import pytest

from .conftest import OpenPage
from .helpers import open_pair, room_name, wait_for_state
from .test_accessibility import violations

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]


async def pressed(page: object, selector: str) -> str | None:
    return await page.get_attribute(selector, "aria-pressed")  # type: ignore[attr-defined,no-any-return]


async def test_shortcuts_mute_and_hang_up_but_not_while_typing(
    open_page: OpenPage,
) -> None:
    first, second = await open_pair(open_page, f"/?room={room_name()}")
    await first.keyboard.press("m")
    assert await pressed(first, "#toggle-mic") == "true"
    assert not await first.evaluate(
        "document.querySelector('#localVideo').srcObject.getAudioTracks()[0].enabled"
    )
    await first.keyboard.press("v")
    assert await pressed(first, "#toggle-camera") == "true"
    # The details button appears with the call's first figures; a shortcut acts only
    # on a control that is there.
    await first.wait_for_selector("#toggle-details", state="visible")
    await first.keyboard.press("i")
    assert await first.get_attribute("#toggle-details", "aria-expanded") == "true"
    # Typing an "m" or an "h" in a field is typing, not a shortcut.
    await first.evaluate("""() => {
        const field = document.createElement("input");
        field.id = "typing";
        document.body.append(field);
    }""")
    await first.focus("#typing")
    await first.keyboard.type("mh")
    assert await pressed(first, "#toggle-mic") == "true"
    assert await first.evaluate("document.body.dataset.state") == "connected"
    await first.focus("#toggle-mic")
    await first.keyboard.press("h")
    await wait_for_state(first, "naming")
    await wait_for_state(second, "waiting")


async def test_question_mark_opens_the_help_in_the_page_language(
    open_page: OpenPage,
) -> None:
    page = await open_page("/?lang=de")
    await wait_for_state(page, "naming")
    await page.focus("#room-submit")
    await page.keyboard.press("?")
    await page.wait_for_selector("#shortcuts-help[open]")
    listed = await page.inner_text("#shortcuts-list")
    assert "Auflegen" in listed and "Stumm" in listed
    assert await violations(page) == []
    await page.keyboard.press("Escape")
    await page.wait_for_selector("#shortcuts-help:not([open])", state="attached")
    # In the room form's field, "?" is a character of the name.
    await page.focus("#room-name")
    await page.keyboard.press("?")
    assert await page.input_value("#room-name") == "?"
    assert not await page.evaluate("document.querySelector('#shortcuts-help').open")
