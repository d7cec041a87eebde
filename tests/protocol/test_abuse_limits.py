"""Each abuse limit refuses the one request too many with its code, and lets the
others through (limits set small here; defaults in config/limits.py)."""

from __future__ import annotations

import aiohttp
import pytest
import socketio
from aiohttp.test_utils import TestServer

from signaling.app import TRANSPORT
from signaling.config import Limits, Settings
from tests.conftest import Connect
from tests.helpers import OWN_EVENTS, RecordingClient, codelab_pair


def limited(**limits: int) -> list[Settings]:
    return [Settings(limits=Limits(**limits))]


@pytest.mark.parametrize("settings", limited(connections_per_address=2), ids=["2"])
async def test_one_connection_too_many_from_an_address_is_refused(
    connect: Connect, server_url: str
) -> None:
    first = await connect()
    await connect()
    extra = RecordingClient(server_url)
    refusals: list[object] = []
    extra.sio.on("connect_error", refusals.append)
    with pytest.raises(socketio.exceptions.ConnectionError):
        await extra.connect()
    [refusal] = refusals
    assert refusal["data"] == {"code": "too-many-connections"}  # type: ignore[index]
    assert refusal["message"].startswith("Too many connections")  # type: ignore[index]
    await first.disconnect()
    await connect()  # a closed connection makes room for another


@pytest.mark.parametrize("settings", limited(joins_per_minute=3), ids=["3"])
async def test_one_join_too_many_in_a_minute_is_refused(connect: Connect) -> None:
    client = await connect()
    for room in ("a", "b", "c"):
        assert (await client.call("create or join", room))["ok"] is True
    ack = await client.call("create or join", "d")
    assert ack["code"] == "too-many-joins"


@pytest.mark.parametrize("settings", limited(messages_per_second=2), ids=["2"])
async def test_messages_over_the_rate_are_dropped_and_the_sender_told_once(
    connect: Connect, server: TestServer
) -> None:
    # The rate's clock stands still: exactly the burst (4 seconds' worth) passes.
    server.app[TRANSPORT].guard.rate.clock = lambda: 0.0  # type: ignore[union-attr]
    first = await connect(OWN_EVENTS)
    second = await connect(OWN_EVENTS)
    # Its Socket.IO connect and its join are the first 2 of the burst of 8 ...
    await first.call("create or join", "room", {})
    await second.call("create or join", "room", {})
    await first.expect("peer-joined")
    for n in range(10):  # ... so 6 messages pass, and 4 are dropped.
        await first.emit("message", n)
    assert await second.expect(*["message"] * 6) == [(n,) for n in range(6)]
    events = await first.expect("signaling-error")
    assert events[0][0]["code"] == "too-many-messages"
    server.app[TRANSPORT].guard.rate.clock = lambda: 60.0  # type: ignore[union-attr]
    await first.emit("message", "sentinel")
    assert await second.expect("message") == [("sentinel",)]
    await first.assert_quiet()  # told once, not once per dropped message


@pytest.mark.parametrize("settings", limited(max_rooms=1), ids=["1"])
async def test_one_room_too_many_is_refused_and_existing_rooms_still_fill(
    connect: Connect,
) -> None:
    await codelab_pair(connect, "first")
    newcomer = await connect()
    ack = await newcomer.call("create or join", "second")
    assert ack["code"] == "too-many-rooms"
    owner = await connect()
    assert (await owner.call("create or join", "own"))["code"] == "too-many-rooms"
    first_only = await connect()
    assert (await first_only.call("create or join", "first"))["code"] == "room-full"


@pytest.mark.parametrize("settings", limited(config_per_minute=2), ids=["2"])
async def test_one_config_request_too_many_in_a_minute_gets_429(
    server_url: str,
) -> None:
    async with aiohttp.ClientSession() as session:
        for _ in range(2):
            async with session.get(f"{server_url}/config") as response:
                assert response.status == 200
        async with session.get(f"{server_url}/config") as response:
            assert response.status == 429
            assert (await response.json())["code"] == "too-many-requests"
            assert response.headers["Retry-After"] == "60"
