"""Calls between Firefox and Chromium: what real people meet most often."""

from __future__ import annotations

import pytest

from .conftest import OpenFirefoxPage, OpenPage
from .helpers import (
    Page,
    assert_talking_to_each_other,
    remote_track_kinds,
    room_name,
    wait_for_call,
    wait_for_state,
)

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]


@pytest.mark.parametrize("first_browser", ["firefox", "chromium"])
async def test_firefox_and_chromium_see_and_hear_each_other(
    open_page: OpenPage, open_firefox_page: OpenFirefoxPage, first_browser: str
) -> None:
    url = f"/?room={room_name()}"
    opens = [open_firefox_page, open_page]
    if first_browser == "chromium":
        opens.reverse()
    first: Page = await opens[0](url)
    await wait_for_state(first, "waiting")
    second: Page = await opens[1](url)
    await wait_for_call(first, second)
    for page in (first, second):
        assert await remote_track_kinds(page) == ["audio", "video"]
    await assert_talking_to_each_other(first, second)
