"""English and German: `?lang=de` words every state in German, and the switch in the
header changes the words live, without touching the call."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import OpenPage
from .helpers import (
    join,
    notice_code,
    open_pair,
    room_name,
    wait_for_notice,
    wait_for_state,
)

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

# Camera and microphone never answer: the page stays in state "media".
CLOSE_PEER_CONNECTIONS = "window.peerConnections.forEach((pc) => pc.close())"
MEDIA_PENDING = "navigator.mediaDevices.getUserMedia = () => new Promise(() => {});"

# Every visible text and spoken attribute of the page that is an English sentence
# of the dictionaries with a different German one: none may show in German.
ENGLISH_SHOWN = """async () => {
  const {DICTIONARIES: {en, de}} = await import("/js/i18n.js");
  // The switch names each language in that language, always.
  const english = new Set(Object.keys(en)
    .filter((k) => en[k] !== de[k] && k !== "language.name").map((k) => en[k]));
  const shown = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    if (text && node.parentElement.checkVisibility()) shown.push(text);
  }
  for (const element of document.querySelectorAll("[aria-label], [placeholder]")) {
    if (!element.checkVisibility()) continue;
    shown.push(element.getAttribute("aria-label"), element.getAttribute("placeholder"));
  }
  return shown.filter((text) => english.has(text));
}"""


async def german(page: Any, key: str) -> str:
    return str(
        await page.evaluate(
            "async (key) => (await import('/js/i18n.js')).DICTIONARIES.de[key]", key
        )
    )


async def assert_all_german(page: Any) -> None:
    assert await page.evaluate("document.documentElement.lang") == "de"
    assert await page.evaluate(ENGLISH_SHOWN) == []
    code = await notice_code(page)
    if code:
        notice = await page.text_content("#notice")
        assert notice in {
            await german(page, f"notice.{code}"),
            await german(page, "notice.peer-reconnecting"),
        }


async def test_asking_for_media_is_worded_in_german(open_page: OpenPage) -> None:
    page = await open_page("/?lang=de", init_script=MEDIA_PENDING)
    await wait_for_state(page, "media")
    await page.wait_for_function("() => document.documentElement.lang === 'de'")
    await assert_all_german(page)


async def test_refused_media_is_worded_in_german(open_page: OpenPage) -> None:
    page = await open_page("/?lang=de", media=False)
    await wait_for_state(page, "media-error")
    await assert_all_german(page)


async def test_the_room_form_is_worded_in_german(open_page: OpenPage) -> None:
    page = await open_page("/?lang=de")
    await wait_for_state(page, "naming")
    await assert_all_german(page)
    await join(page, "   ")
    await wait_for_notice(page, "name-required")
    await assert_all_german(page)


async def test_a_call_and_its_drop_are_worded_in_german(open_page: OpenPage) -> None:
    first, second = await open_pair(open_page, f"/?room={room_name()}&lang=de")
    for page in (first, second):
        await assert_all_german(page)
    # Their peer connection ends: our media stops, and the page is reconnecting.
    await second.evaluate(CLOSE_PEER_CONNECTIONS)
    await wait_for_state(first, "reconnecting")
    await assert_all_german(first)


async def test_waiting_alone_is_worded_in_german(open_page: OpenPage) -> None:
    page = await open_page(f"/?room={room_name()}&lang=de")
    await wait_for_state(page, "waiting")
    await assert_all_german(page)


async def test_the_switch_changes_the_words_live(open_page: OpenPage) -> None:
    page = await open_page("/?lang=en")
    await join(page, "")
    await wait_for_notice(page, "name-required")
    english_notice = await page.text_content("#notice")
    await page.click("#languages [data-language=de]")
    await page.wait_for_function("() => document.documentElement.lang === 'de'")
    await assert_all_german(page)
    assert await page.text_content("#notice") != english_notice
    assert await page.get_attribute("[data-language=de]", "aria-pressed") == "true"
    assert await page.evaluate("document.body.dataset.state") == "naming"
    await page.click("#languages [data-language=en]")
    await page.wait_for_function("() => document.documentElement.lang === 'en'")
    assert await page.text_content("#notice") == english_notice
    assert await page.text_content("#room-heading") == "Start or join a call"
