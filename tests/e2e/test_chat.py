"""Chat over the call's data channel: text only (markup stays text), never through
the server, a length limit that says so, unread counts, and an ICE restart survived."""

from __future__ import annotations

import pytest

from .conftest import OpenPage
from .frames import record_frames
from .helpers import (
    LOCAL_UFRAG,
    REPORT_ICE_FAILED,
    RESTARTED,
    Page,
    room_name,
    wait_for_call,
    wait_for_state,
)

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

MARKER = "chat-marker-7f3a"
MAX_CHAT_CHARS = 1000


async def say(page: Page, text: str) -> None:
    await page.fill("#chat-input", text)
    await page.press("#chat-input", "Enter")


async def wait_for_message(page: Page, sender: str, text: str) -> None:
    await page.wait_for_function(
        """([sender, text]) => [
            ...document.querySelectorAll(`#chat-log > [data-from="${sender}"]`),
        ].some((m) => m.textContent === text)""",
        arg=[sender, text],
    )


async def messages(page: Page) -> list[list[str]]:
    return list(
        await page.eval_on_selector_all(
            "#chat-log > *", "(all) => all.map((m) => [m.dataset.from, m.textContent])"
        )
    )


async def open_call(open_page: OpenPage) -> tuple[Page, Page, list[str]]:
    """Two people in a typed room (signaling in clear), and every websocket frame
    either page sent or received."""
    first = await open_page("about:blank")
    second = await open_page("about:blank")
    frames = record_frames(first)
    second_frames = record_frames(second)
    room = room_name()
    await first.goto(f"/?room={room}")
    await wait_for_state(first, "waiting")
    await second.goto(f"/?room={room}")
    await wait_for_call(first, second)
    return first, second, [*frames, *second_frames]


async def test_markup_arrives_as_text_and_never_crosses_the_server(
    open_page: OpenPage,
) -> None:
    first, second, frames = await open_call(open_page)
    text = f'<img src=x onerror="window.injected = 1"><b>{MARKER}</b>'
    await say(first, text)
    await wait_for_message(second, "peer", text)
    assert await messages(first) == [["me", text]]
    for page in (first, second):
        assert (
            await page.eval_on_selector_all("#chat-log *", "(all) => all.length") == 1
        )
        assert await page.evaluate("window.injected") is None
    assert any("v=0" in frame for frame in frames)  # the recorder saw signaling
    assert not [frame for frame in frames if MARKER in frame]


async def test_chat_goes_on_after_an_ice_restart(open_page: OpenPage) -> None:
    first, second, _ = await open_call(open_page)
    await say(first, "before")
    await wait_for_message(second, "peer", "before")
    ufrag = await second.evaluate(LOCAL_UFRAG)
    await first.evaluate(REPORT_ICE_FAILED)
    await second.wait_for_function(RESTARTED, arg=ufrag)
    await say(second, "after")
    await wait_for_message(first, "peer", "after")
    assert await messages(first) == [["me", "before"], ["peer", "after"]]


async def test_too_long_message_is_kept_back_with_a_clear_message(
    open_page: OpenPage,
) -> None:
    first, second, _ = await open_call(open_page)
    await say(first, "x" * (MAX_CHAT_CHARS + 1))
    hint = str(await first.text_content("#chat-hint"))
    assert str(MAX_CHAT_CHARS) in hint
    assert await first.input_value("#chat-input") == "x" * (MAX_CHAT_CHARS + 1)
    await say(first, "short")
    await wait_for_message(second, "peer", "short")
    assert await messages(second) == [["peer", "short"]]
    assert await first.text_content("#chat-hint") == ""


async def test_closed_chat_counts_unread_messages(open_page: OpenPage) -> None:
    first, second, _ = await open_call(open_page)
    await second.click("#chat-toggle")
    assert await second.get_attribute("#chat-toggle", "aria-expanded") == "false"
    for text in ("one", "two"):
        await say(first, text)
        await wait_for_message(second, "peer", text)
    assert await second.text_content("#chat-unread") == "2"
    await second.click("#chat-toggle")
    assert await second.is_hidden("#chat-unread")
    await say(first, "three")
    await wait_for_message(second, "peer", "three")
    assert await second.is_hidden("#chat-unread")
