"""Losing the connection to the server: the page says so and recovers by itself."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestServer

from signaling.app import SIGNALING

from .conftest import OpenPage
from .helpers import (
    assert_talking_to_each_other,
    notice_code,
    room_name,
    wait_for_call,
    wait_for_state,
)

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]


async def test_call_resumes_after_the_network_comes_back(open_page: OpenPage) -> None:
    room = room_name()
    first, second = await open_page(f"/?room={room}"), await open_page(f"/?room={room}")
    await wait_for_call(first, second)
    await second.context.set_offline(True)
    await wait_for_state(second, "reconnecting")
    assert await notice_code(second) == "reconnecting"
    await second.context.set_offline(False)
    await wait_for_call(first, second)
    assert await notice_code(second) == ""
    await assert_talking_to_each_other(first, second)


async def test_other_persons_dropped_connection_is_shown_until_they_return(
    open_page: OpenPage, e2e_server: TestServer
) -> None:
    room = room_name()
    first, second = await open_page(f"/?room={room}"), await open_page(f"/?room={room}")
    await wait_for_call(first, second)
    sio = e2e_server.app[SIGNALING].sio
    # Stand-ins for the server's seat holding: it tells the one who stays.
    await sio.emit("peer-reconnecting", {"room": room})
    for page in (first, second):
        await wait_for_state(page, "reconnecting")
        assert await notice_code(page) == "reconnecting"
    await sio.emit("peer-returned", {"room": room})
    for page in (first, second):
        await wait_for_state(page, "connected")
        assert await notice_code(page) == ""


ROUTES = [
    # (our call as {id, remoteId} or None, message {pc, to}, what the page does)
    ({"id": "ours", "remoteId": "theirs"}, {"pc": "theirs", "to": "ours"}, "handle"),
    ({"id": "ours", "remoteId": None}, {"pc": "theirs", "to": None}, "handle"),
    ({"id": "ours", "remoteId": "theirs"}, {"pc": "reloaded", "to": None}, "restart"),
    ({"id": "ours", "remoteId": "theirs"}, {"pc": "theirs", "to": "closed"}, "stale"),
    (None, {"pc": "newcomer", "to": None}, "restart"),
    (None, {"pc": "theirs", "to": "closed"}, "stale"),
]


async def test_messages_are_routed_by_peer_connection_id(open_page: OpenPage) -> None:
    """A reloaded peer starts a fresh call; messages for a closed one are dropped."""
    page = await open_page(media=False)
    routed = await page.evaluate(
        """async (cases) => {
            const { route } = await import("/js/call.js");
            return cases.map(([call, message]) => route(call, message));
        }""",
        [[call, message] for call, message, _ in ROUTES],
    )
    assert routed == [expected for _, _, expected in ROUTES]
