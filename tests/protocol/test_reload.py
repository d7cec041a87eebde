"""A reload over the wire, in every order its events can reach the server.

The old page's `leave` may arrive or not, its connection may be noticed gone before or
after the new page joins with the seat token it kept; in every order the person is
back in the call, and while the seat is theirs a third person is refused.
"""

from __future__ import annotations

from typing import Any

import pytest

from signaling.app import SIGNALING
from signaling.config import Settings
from signaling.rooms import ROOM_FULL
from tests.conftest import Connect
from tests.helpers import OWN_SEAT_EVENTS, RecordingClient, own_pair

OWN = OWN_SEAT_EVENTS
ROOM = "call"


@pytest.fixture
def settings() -> Settings:
    return Settings(seat_grace_seconds=30)


async def assert_stranger_refused(connect: Connect) -> None:
    stranger = await connect()
    assert (await stranger.call("create or join", ROOM, {}))["code"] == ROOM_FULL
    await stranger.disconnect()


async def rejoin(connect: Connect, token: str) -> tuple[RecordingClient, Any]:
    """The reloaded page: a new connection that joins with the token it kept."""
    reloaded = await connect(OWN)
    return reloaded, await reloaded.call("create or join", ROOM, {"seat_token": token})


async def assert_in_call(first: RecordingClient, reloaded: RecordingClient) -> None:
    """Messages go both ways between the two, and to nobody else."""
    await first.emit("message", {"to": "reloaded"})
    assert await reloaded.expect("message") == [({"to": "reloaded"},)]
    await reloaded.emit("message", {"to": "first"})
    assert await first.expect("message") == [({"to": "first"},)]


async def test_leave_lost_and_old_connection_gone_before_the_new_join(
    connect: Connect,
) -> None:
    pair = await own_pair(connect, ROOM)
    first, second, token = pair.first, pair.second, pair.second_token
    await second.drop()
    assert await first.expect("peer-reconnecting") == [({"room": ROOM},)]
    await assert_stranger_refused(connect)
    reloaded, ack = await rejoin(connect, token)
    assert (ack["result"], ack["seat"], ack["returned"]) == ("joined", 1, True)
    assert ack["peer_held"] is False
    assert await first.expect("peer-returned") == [({"room": ROOM},)]
    await assert_stranger_refused(connect)
    await assert_in_call(first, reloaded)


async def test_leave_lost_and_new_join_before_the_old_connection_is_gone(
    connect: Connect,
) -> None:
    pair = await own_pair(connect, ROOM)
    first, second, token = pair.first, pair.second, pair.second_token
    reloaded, ack = await rejoin(connect, token)
    assert (ack["result"], ack["seat"], ack["returned"]) == ("joined", 1, True)
    await second.disconnected.wait()  # the stale connection is closed by the server
    assert await first.expect("peer-returned") == [({"room": ROOM},)]
    await assert_stranger_refused(connect)
    await assert_in_call(first, reloaded)


@pytest.mark.parametrize(
    "old_gone_first", [True, False], ids=["gone-join", "join-gone"]
)
async def test_leave_arrives_then_the_reloaded_page_joins_again(
    connect: Connect, old_gone_first: bool
) -> None:
    pair = await own_pair(connect, ROOM)
    first, second, token = pair.first, pair.second, pair.second_token
    assert await second.call("leave") == {"ok": True}
    assert await first.expect("peer-left") == [({"room": ROOM},)]
    if old_gone_first:
        await second.drop()
    reloaded, ack = await rejoin(connect, token)
    # A goodbye spent the token: the free seat is taken like anyone's, with a new one.
    assert (ack["result"], ack["seat"], ack["returned"]) == ("joined", 1, False)
    assert ack["seat_token"] != token
    assert await first.expect("peer-joined") == [({"room": ROOM},)]
    if not old_gone_first:
        await second.drop()
    await assert_stranger_refused(connect)
    await assert_in_call(first, reloaded)
    await first.assert_quiet()


async def test_leave_handled_after_the_new_join_changes_nothing(
    connect: Connect, server: Any
) -> None:
    pair = await own_pair(connect, ROOM)
    first, second, token = pair.first, pair.second, pair.second_token
    old_sid = second.sid
    reloaded, ack = await rejoin(connect, token)
    assert ack["returned"] is True
    # The old page's leave, handled only now (it was still on its way).
    assert await server.app[SIGNALING].leave(old_sid) == {"ok": True}
    await second.disconnected.wait()
    assert await first.expect("peer-returned") == [({"room": ROOM},)]
    await assert_stranger_refused(connect)
    await assert_in_call(first, reloaded)
    await first.assert_quiet()


async def test_both_reload_and_both_are_back(connect: Connect) -> None:
    first = await connect(OWN)
    second = await connect(OWN)
    first_token = (await first.call("create or join", ROOM, {}))["seat_token"]
    second_token = (await second.call("create or join", ROOM, {}))["seat_token"]
    await first.drop()
    await second.drop()
    await assert_stranger_refused(connect)
    first_back, ack = await rejoin(connect, first_token)
    # The other seat waits for its owner: the page waits for them, makes no offer.
    assert (ack["result"], ack["seat"], ack["returned"]) == ("joined", 0, True)
    assert ack["peer_held"] is True
    await assert_stranger_refused(connect)
    second_back, ack = await rejoin(connect, second_token)
    assert (ack["result"], ack["seat"], ack["peer_held"]) == ("joined", 1, False)
    assert await first_back.expect("peer-returned") == [({"room": ROOM},)]
    await assert_stranger_refused(connect)
    await assert_in_call(first_back, second_back)
