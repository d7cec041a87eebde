"""Losing the connection: the page says so and the call comes back by itself.

Real drops only (reloads are in test_reload.py): a browser that goes offline, a
server that restarts, and a seat held for someone who vanished. Each test ends with
both people connected and each one's remote video moving.
"""

from __future__ import annotations

import asyncio
import json
import secrets
from pathlib import Path

import pytest
from aiohttp.test_utils import TestServer

from signaling.config import Settings
from signaling.rooms import RoomRegistry
from signaling.rooms.tokens import SeatTokens
from tests.helpers import RecordingClient

from .conftest import OpenPage
from .helpers import (
    assert_never_connected_without_video,
    assert_talking_to_each_other,
    join,
    notice_code,
    open_pair,
    room_name,
    state_of,
    wait_for_call,
    wait_for_notice,
    wait_for_signaling,
    wait_for_state,
)

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

ROOT = Path(__file__).resolve().parents[2]
OFFLINE_SECONDS = 5
START_SECONDS = 20.0
# The server notices a vanished connection within two seconds instead of twenty.
QUICK_PINGS = Settings(ping_interval=1, ping_timeout=1)
GRACE_SECONDS = 3.0


def store_seat_token(room: str, token: str) -> str:
    """An init script that puts `token` where the page keeps the room's seat token."""
    key = json.dumps(f"seat-token:{room}")
    return f"sessionStorage.setItem({key}, {json.dumps(token)});"


@pytest.mark.parametrize("server_settings", [QUICK_PINGS], ids=["quick-pings"])
async def test_call_goes_on_while_one_browser_is_offline_for_five_seconds(
    open_page: OpenPage, registry: RoomRegistry
) -> None:
    first, second = await open_pair(open_page, f"/?room={room_name()}")
    await second.context.set_offline(True)
    await wait_for_signaling(second, "offline")
    await asyncio.sleep(OFFLINE_SECONDS)  # the outage itself, not a wait for a state
    # The server noticed the drop and holds the seat; the media went on peer to peer.
    assert (registry.room_count, registry.member_count) == (1, 1)
    assert [await state_of(page) for page in (first, second)] == ["connected"] * 2
    await second.context.set_offline(False)
    await wait_for_signaling(second, "online")
    await wait_for_call(first, second)
    assert [await notice_code(page) for page in (first, second)] == ["", ""]
    await assert_never_connected_without_video(first, second)
    await assert_talking_to_each_other(first, second)


@pytest.mark.parametrize(
    "server_settings",
    [Settings(ping_interval=1, ping_timeout=1, seat_grace_seconds=GRACE_SECONDS)],
    ids=["short-grace"],
)
async def test_held_seat_is_refused_to_a_stranger_until_its_grace_period_ends(
    open_page: OpenPage,
) -> None:
    room = room_name()
    first, second = await open_pair(open_page, f"/?room={room}")
    stranger = await open_page()
    await second.context.set_offline(True)
    await wait_for_signaling(second, "offline")
    await join(stranger, room)
    await wait_for_notice(stranger, "room-full")
    await wait_for_state(stranger, "naming")
    await wait_for_notice(first, "peer-left")
    await wait_for_state(first, "waiting")
    await join(stranger, room)
    await wait_for_call(first, stranger)
    await assert_talking_to_each_other(first, stranger)


async def seat_token(url: str, room: str, *, hang_up: bool = False) -> str:
    """A real seat token for `room`; spent by a hang-up when `hang_up`."""
    client = RecordingClient(url)
    await client.connect()
    try:
        ack = await client.call("create or join", room, {})
        if hang_up:
            assert await client.call("leave") == {"ok": True}
    finally:
        await client.disconnect()
    return str(ack["seat_token"])


async def test_tokens_that_hold_no_seat_in_the_room_win_nothing(
    open_page: OpenPage, e2e_server: TestServer
) -> None:
    room = room_name("full")
    url = str(e2e_server.make_url("/"))
    tokens = {
        "another room": await seat_token(url, room_name("other")),
        "made up": SeatTokens(secrets.token_bytes(32)).issue(room, 1),
        "spent by a hang-up": await seat_token(url, room, hang_up=True),
    }
    first, second = await open_pair(open_page, f"/?room={room}")
    strangers = await asyncio.gather(
        *(
            open_page(f"/?room={room}", init_script=store_seat_token(room, token))
            for token in tokens.values()
        )
    )
    for stranger in strangers:
        await wait_for_notice(stranger, "room-full")
        await wait_for_state(stranger, "naming")
    assert [await state_of(page) for page in (first, second)] == ["connected"] * 2
    await wait_for_call(first, second)
    await assert_talking_to_each_other(first, second)


OFFER = {"type": "offer", "sdp": "v=0"}
ROUTES = [
    # (our call as {id, remoteId} or None, message {pc, to, …}, what the page does)
    ({"id": "ours", "remoteId": "theirs"}, {"pc": "theirs", "to": "ours"}, "handle"),
    ({"id": "ours", "remoteId": None}, {"pc": "theirs", "to": None}, "handle"),
    (
        {"id": "ours", "remoteId": "theirs"},
        {"pc": "reloaded", "to": None, "description": OFFER},
        "restart",
    ),
    # Only an offer starts a new peer connection: a candidate from an unknown one is
    # stale, so a flood of made-up ids cannot make the page rebuild.
    ({"id": "ours", "remoteId": "theirs"}, {"pc": "made-up", "to": None}, "stale"),
    ({"id": "ours", "remoteId": "theirs"}, {"pc": "theirs", "to": "closed"}, "stale"),
    (None, {"pc": "newcomer", "to": None, "description": OFFER}, "restart"),
    (None, {"pc": "newcomer", "to": None}, "stale"),
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
