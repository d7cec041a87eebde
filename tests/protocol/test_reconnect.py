"""Seats held for their owners: drops, returns, grace periods, tokens, restarts."""

from typing import Any

import pytest
from aiohttp.test_utils import TestServer

from signaling import create_app
from signaling.app import SIGNALING
from signaling.config import Settings
from signaling.rooms.errors import ROOM_FULL
from tests.conftest import Connect, in_test_transport
from tests.helpers import (
    CODELAB_EVENTS,
    RecordingClient,
    SilentClassicClient,
    codelab_pair,
    own_pair,
)

OWN = {"peer-joined", "peer-left", "peer-reconnecting", "peer-returned"}
GRACE = 1.0


@pytest.fixture
def settings() -> Settings:
    return Settings(seat_grace_seconds=GRACE)


async def test_dropped_seat_is_held_and_its_owner_returns(connect: Connect) -> None:
    pair = await own_pair(connect, "call", OWN)
    first, second, token = pair.first, pair.second, pair.second_token
    await second.drop()
    assert await first.expect("peer-reconnecting") == [({"room": "call"},)]

    stranger = await connect()
    assert (await stranger.call("create or join", "call"))["code"] == ROOM_FULL

    back = await connect(OWN)
    ack = await back.call("create or join", "call", {"seat_token": token})
    assert (ack["result"], ack["seat"], ack["returned"]) == ("joined", 1, True)
    assert ack["seat_token"] not in (token, None)  # a fresh token for the seat
    assert await first.expect("peer-returned") == [({"room": "call"},)]
    await first.emit("message", "to the new connection")
    relayed = await back.sio.call("create or join", ("call", {"seat_token": token}))
    assert relayed["returned"] is False  # a repeat from the seated connection


async def test_owner_returns_before_the_server_notices_the_old_connection(
    connect: Connect,
) -> None:
    pair = await own_pair(connect, "call", OWN)
    first, second, token = pair.first, pair.second, pair.second_token
    back = await connect({"message"})
    ack = await back.call("create or join", "call", {"seat_token": token})
    assert (ack["seat"], ack["returned"]) == (1, True)
    await second.disconnected.wait()  # the stale connection is closed by the server
    assert await first.expect("peer-returned") == [({"room": "call"},)]
    await first.emit("message", "to the new connection")
    assert await back.expect("message") == [("to the new connection",)]


async def test_seat_is_freed_when_the_grace_period_ends(connect: Connect) -> None:
    pair = await own_pair(connect, "call", OWN)
    first, second = pair.first, pair.second
    await second.drop()
    await first.expect("peer-reconnecting")
    assert await first.expect("peer-left") == [({"room": "call"},)]
    newcomer = await connect()
    ack = await newcomer.call("create or join", "call")
    assert (ack["result"], ack["seat"]) == ("joined", 1)


async def test_hang_up_frees_the_seat_at_once_and_spends_the_token(
    connect: Connect,
) -> None:
    pair = await own_pair(connect, "call", OWN)
    first, second, token = pair.first, pair.second, pair.second_token
    assert await second.call("leave") == {"ok": True}
    assert await first.expect("peer-left") == [({"room": "call"},)]
    newcomer = await connect()
    assert (await newcomer.call("create or join", "call"))["seat"] == 1
    returning = await connect()
    ack = await returning.call("create or join", "call", {"seat_token": token})
    assert ack["code"] == ROOM_FULL


@pytest.mark.parametrize(
    "forged",
    ["made-up", "s1.1.AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA", 17, {"x": 1}],
    ids=["text", "well-formed", "number", "object"],
)
async def test_forged_token_wins_nothing(connect: Connect, forged: Any) -> None:
    await own_pair(connect, "call", OWN)
    intruder = await connect()
    ack = await intruder.call("create or join", "call", {"seat_token": forged})
    assert ack["code"] == ROOM_FULL


async def test_token_from_another_room_wins_nothing(connect: Connect) -> None:
    token = (await own_pair(connect, "mine", OWN)).first_token
    await own_pair(connect, "theirs", OWN)
    intruder = await connect()
    ack = await intruder.call("create or join", "theirs", {"seat_token": token})
    assert ack["code"] == ROOM_FULL


async def test_dead_classic_member_gives_its_seat_to_a_newcomer(
    connect: Connect, server_url: str
) -> None:
    first = await connect(CODELAB_EVENTS)
    await first.emit("create or join", "classic")
    await first.expect("created")
    silent = SilentClassicClient(server_url)
    try:
        await silent.join("classic")
        await first.expect("join", "ready")
        newcomer = await connect(CODELAB_EVENTS)
        await newcomer.emit("create or join", "classic")
        assert await first.expect("message", "created", "join", "ready") == [
            ("bye",),
            ("classic", first.sid),
            ("classic",),
            (),
        ]
        assert await newcomer.expect("joined", "ready") == [
            ("classic", newcomer.sid),
            (),
        ]
    finally:
        await silent.close()


async def test_live_classic_members_keep_their_seats(connect: Connect) -> None:
    await codelab_pair(connect, "classic")
    third = await connect(CODELAB_EVENTS)
    await third.emit("create or join", "classic")
    assert await third.expect("full") == [("classic",)]


SECRET = "same secret for both runs"


@pytest.mark.parametrize("settings", [Settings(secret_key=SECRET)], ids=["secret"])
async def test_tokens_survive_a_restart_with_the_same_secret(
    aiohttp_server: Any, connect: Connect
) -> None:
    token = (await own_pair(connect, "call", OWN)).second_token
    restarted = await aiohttp_server(
        create_app(in_test_transport(Settings(secret_key=SECRET))), host="127.0.0.1"
    )
    client = RecordingClient(str(restarted.make_url("/")).rstrip("/"))
    await client.connect()
    try:
        ack = await client.call("create or join", "call", {"seat_token": token})
        assert (ack["result"], ack["seat"], ack["returned"]) == ("created", 1, True)
    finally:
        await client.disconnect()


async def test_shutdown_tells_nobody_goodbye(
    connect: Connect, server: TestServer
) -> None:
    first = await connect(CODELAB_EVENTS | OWN)
    second = await connect(CODELAB_EVENTS | OWN)
    await first.call("create or join", "call", {})
    await second.call("create or join", "call", {})
    await first.expect("peer-joined")
    await server.app[SIGNALING].shutdown()
    await first.disconnected.wait()
    await second.disconnected.wait()
    first.assert_heard_nothing_more()
    second.assert_heard_nothing_more()
