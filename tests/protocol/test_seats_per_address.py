"""One address cannot hold every room: seats it sits in or has held for it are
bounded (SEATS_PER_ADDRESS), and held rooms count toward MAX_ROOMS."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest

from signaling.config import Limits, Settings
from tests.conftest import Connect
from tests.helpers import OWN_EVENTS, RecordingClient

SEATS = 3


@pytest.fixture
def settings() -> Settings:
    return Settings(
        seat_grace_seconds=30,
        limits=Limits(
            connections_per_address=10,
            joins_per_minute=100,
            max_rooms=5,
            seats_per_address=SEATS,
        ),
    )


@pytest.fixture
async def neighbour(server_url: str) -> AsyncIterator[RecordingClient]:
    """A client from another address (127.0.0.2)."""
    connector = aiohttp.TCPConnector(local_addr=("127.0.0.2", 0))
    async with aiohttp.ClientSession(connector=connector) as session:
        client = RecordingClient(server_url, OWN_EVENTS, http_session=session)
        await client.connect()
        yield client
        await client.disconnect()


async def test_connections_that_hold_seats_and_vanish_cannot_fill_the_server(
    connect: Connect, neighbour: RecordingClient
) -> None:
    codes, tokens = [], []
    for n in range(8):  # never more than one connection open at a time
        client = await connect(OWN_EVENTS)
        ack = await client.call("create or join", f"held-{n}", {})
        codes.append(ack.get("code", "ok"))
        if ack["ok"]:
            tokens.append(ack["seat_token"])
            await client.drop()  # vanishes: its room is held for it
    assert codes == ["ok"] * SEATS + ["too-many-seats"] * (8 - SEATS)
    ack = await neighbour.call("create or join", "ours", {})
    assert (ack["ok"], ack["result"]) == (True, "created")
    # An owner coming back takes their own seat, limit or not.
    back = await connect(OWN_EVENTS)
    ack = await back.call("create or join", "held-0", {"seat_token": tokens[0]})
    assert (ack["ok"], ack["returned"]) == (True, True)


async def test_the_refusal_says_what_to_do_and_a_real_leave_frees_the_seat(
    connect: Connect,
) -> None:
    clients = [await connect(OWN_EVENTS) for _ in range(SEATS + 1)]
    for n, client in enumerate(clients[:SEATS]):
        assert (await client.call("create or join", f"room-{n}", {}))["ok"]
    ack = await clients[SEATS].call("create or join", "one-more", {})
    assert ack["code"] == "too-many-seats"
    assert "Leave a call you no longer need" in ack["message"]
    await clients[0].call("leave")
    assert (await clients[SEATS].call("create or join", "one-more", {}))["ok"]
