"""After a restart with the same SECRET_KEY (rooms in memory): a room a token makes
again counts toward MAX_ROOMS like any new room."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from signaling import create_app
from signaling.config import Limits, Settings
from tests.conftest import in_test_transport
from tests.helpers import RecordingClient

SECRET = "a secret that outlives the process"
SETTINGS = Settings(
    secret_key=SECRET,
    limits=Limits(max_rooms=1, connections_per_address=100, joins_per_minute=100),
)


@pytest.fixture
async def client_of() -> AsyncIterator[Callable[[Any], Any]]:
    clients: list[RecordingClient] = []

    async def factory(server: Any) -> RecordingClient:
        client = RecordingClient(str(server.make_url("/")).rstrip("/"))
        await client.connect()
        clients.append(client)
        return client

    yield factory
    for client in clients:
        await client.disconnect()


async def test_a_room_made_again_by_a_token_counts_toward_max_rooms(
    aiohttp_server: Any, client_of: Callable[[Any], Any]
) -> None:
    before = await aiohttp_server(create_app(in_test_transport(SETTINGS)))
    owner = await client_of(before)
    token = (await owner.call("create or join", "ours", {}))["seat_token"]
    await before.close()  # the server restarts

    after = await aiohttp_server(create_app(in_test_transport(SETTINGS)))
    other = await client_of(after)
    assert (await other.call("create or join", "theirs", {}))["ok"] is True
    back = await client_of(after)
    ack = await back.call("create or join", "ours", {"seat_token": token})
    assert ack["code"] == "too-many-rooms"
    await other.call("leave")  # room again: the token still brings its owner back
    ack = await back.call("create or join", "ours", {"seat_token": token})
    assert (ack["ok"], ack["returned"]) == (True, True)
