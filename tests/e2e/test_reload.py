"""Reloading the page mid-call brings the person straight back into the call.

Whether the `leave` a page sends on `pagehide` reaches the server is up to the
browser, so every test fixes what happens to it: dropped in the page, lost because
the connection closed first, or delivered (and the other page proves it was). In each
case the reloaded person is back in `connected` with video both ways, and was never
shown the room form or a notice.
"""

from __future__ import annotations

import asyncio

import pytest
from playwright.async_api import Page

from .conftest import OpenPage
from .helpers import (
    assert_never_connected_without_video,
    assert_talking_to_each_other,
    notices_since,
    open_pair,
    room_name,
    states_since,
    wait_for_call,
)

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

# The page's goodbye never leaves it, as when the browser does not send it in time.
DROP_LEAVE = """
(() => {
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (typeof data === "string" && /^42\\d*\\["leave"/.test(data)) return;
    return send.call(this, data);
  };
})();
"""
# The connection closes before the page's own pagehide handler runs, so its goodbye
# goes nowhere: this listener is added before any of the page's.
CLOSE_FIRST = """
(() => {
  const sockets = [];
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      sockets.push(this);
    }
  };
  window.addEventListener("pagehide", () => sockets.forEach((s) => s.close()));
})();
"""
LEAVE_LOST = {"dropped": DROP_LEAVE, "closed-first": CLOSE_FIRST}


async def assert_back_without_a_word(page: Page) -> None:
    """Since its reload the page went straight back into the call."""
    assert "naming" not in await states_since(page)
    assert await notices_since(page) == []


async def assert_call_is_whole(first: Page, second: Page) -> None:
    await wait_for_call(first, second)
    await assert_never_connected_without_video(first, second)
    await assert_talking_to_each_other(first, second)


@pytest.mark.parametrize("lost", LEAVE_LOST)
@pytest.mark.parametrize("reloading", ["second", "first"])
async def test_reload_comes_straight_back_when_the_leave_is_lost(
    open_page: OpenPage, lost: str, reloading: str
) -> None:
    first, second = await open_pair(
        open_page, f"/?room={room_name()}", LEAVE_LOST[lost]
    )
    page, other = (second, first) if reloading == "second" else (first, second)
    await page.reload()
    await assert_call_is_whole(first, second)
    await assert_back_without_a_word(page)
    assert "peer-left" not in await notices_since(other)  # the leave never arrived


async def test_reload_comes_straight_back_when_the_leave_arrives(
    open_page: OpenPage,
) -> None:
    first, second = await open_pair(open_page, f"/?room={room_name()}")
    await second.reload()
    await assert_call_is_whole(first, second)
    await assert_back_without_a_word(second)
    assert "peer-left" in await notices_since(first)  # the leave did arrive


@pytest.mark.parametrize("leave", ["dropped", "delivered"])
async def test_both_reloading_at_once_come_back(
    open_page: OpenPage, leave: str
) -> None:
    script = DROP_LEAVE if leave == "dropped" else ""
    first, second = await open_pair(open_page, f"/?room={room_name()}", script)
    await asyncio.gather(first.reload(), second.reload())
    await assert_call_is_whole(first, second)
    for page in (first, second):
        assert "naming" not in await states_since(page)
        # Whoever is back first waits for the other, and may say so.
        assert set(await notices_since(page)) <= {"reconnecting", "peer-left"}
