"""Who a connection counts as: its own address, or behind a trusted proxy the one
X-Forwarded-For names (every header line, walked from the right); an IPv6 client
by its /64. And the limits on connections in all and new ones per address."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
import socketio

from signaling.config import Limits, Settings
from tests.helpers import RecordingClient


def limited(**limits: Any) -> list[Settings]:
    return [Settings(limits=Limits(**limits))]


ADMITTED: list[RecordingClient] = []


@pytest.fixture(autouse=True)
async def disconnect_the_admitted() -> AsyncIterator[None]:
    yield
    while ADMITTED:
        await ADMITTED.pop().disconnect()


async def refusal_code(server_url: str, forwarded_for: str | None = None) -> str | None:
    """Connect once (saying X-Forwarded-For when given): None when admitted, else
    the refusal's code. An admitted client stays connected till the test ends."""
    client = RecordingClient(server_url)
    ADMITTED.append(client)
    refusals: list[Any] = []
    client.sio.on("connect_error", refusals.append)
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    try:
        await client.sio.connect(server_url, transports=["websocket"], headers=headers)
    except socketio.exceptions.ConnectionError:
        [refusal] = refusals
        assert refusal["message"], "a refusal says what to do"
        return str(refusal["data"]["code"])
    return None


@pytest.mark.parametrize("settings", limited(connections_per_address=1), ids=["1"])
async def test_people_behind_a_trusted_proxy_are_counted_one_by_one(
    server_url: str,
) -> None:
    # The test clients come from 127.0.0.1: loopback is a trusted proxy by default.
    codes = [await refusal_code(server_url, f"198.51.100.{n}") for n in range(1, 6)]
    assert codes == [None] * 5
    assert await refusal_code(server_url, "198.51.100.1") == "too-many-connections"


@pytest.mark.parametrize(
    "settings", limited(connections_per_address=1, trusted_proxies=()), ids=["none"]
)
async def test_a_client_that_is_not_a_trusted_proxy_cannot_pick_its_address(
    server_url: str,
) -> None:
    assert await refusal_code(server_url, "198.51.100.1") is None
    assert await refusal_code(server_url, "198.51.100.2") == "too-many-connections"


@pytest.mark.parametrize("settings", limited(connections_per_address=1), ids=["1"])
async def test_ipv6_clients_are_counted_by_their_64(server_url: str) -> None:
    assert await refusal_code(server_url, "2001:db8:0:1::1") is None
    assert await refusal_code(server_url, "2001:db8:0:1::2") == "too-many-connections"
    assert await refusal_code(server_url, "2001:db8:0:2::1") is None  # another /64


@pytest.mark.parametrize("settings", limited(max_connections=2), ids=["2"])
async def test_one_connection_over_the_server_total_is_told_the_server_is_full(
    server_url: str,
) -> None:
    assert await refusal_code(server_url, "198.51.100.1") is None
    assert await refusal_code(server_url, "198.51.100.2") is None
    assert await refusal_code(server_url, "198.51.100.3") == "server-full"


@pytest.mark.parametrize("settings", limited(connections_per_minute=3), ids=["3"])
async def test_connecting_too_often_from_one_address_is_refused(
    server_url: str,
) -> None:
    for _ in range(3):
        client = RecordingClient(server_url)
        await client.connect()
        await client.disconnect()  # each closed: only the rate is over
    code = await refusal_code(server_url)
    assert code == "too-many-connection-attempts"
    assert await refusal_code(server_url, "198.51.100.9") is None  # another address


@pytest.mark.parametrize(
    "settings", limited(config_per_minute=1, trusted_proxies=("127.0.0.1",)), ids=["1"]
)
async def test_config_counts_the_client_every_forwarded_line_names(
    server_url: str,
) -> None:
    """A proxy that adds its own X-Forwarded-For line (HAProxy's option
    forwardfor) leaves the client's own line first: it must not pick the address
    /config counts."""
    async with aiohttp.ClientSession() as session:
        statuses = []
        for forged in ("1.1.1.1", "2.2.2.2"):
            headers = [("X-Forwarded-For", forged), ("X-Forwarded-For", "198.51.100.7")]
            async with session.get(f"{server_url}/config", headers=headers) as reply:
                statuses.append(reply.status)
    assert statuses == [200, 429]
