"""Every HTTP request arrives in bounded time (REQUEST_HEAD_SECONDS,
REQUEST_BODY_SECONDS), and bodies on their way count against their address:
raw sockets on loopback, sending too little."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from signaling.app import BODY_DEADLINE
from signaling.config import Limits, Settings
from tests.helpers import WAIT_SECONDS, wait_until

SESSIONS = 2  # connections per address: 4 bodies may be on their way at once
Opener = Callable[..., "asyncio.Future[RawConnection]"]


@pytest.fixture
def settings() -> Settings:
    return Settings(
        limits=Limits(
            connections_per_address=SESSIONS,
            request_head_seconds=1,
            request_body_seconds=1,
        )
    )


class RawConnection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.reader = reader
        self.writer = writer

    async def send(self, text: str) -> None:
        self.writer.write(text.replace("\n", "\r\n").encode())
        await self.writer.drain()

    async def read_to_close(self) -> bytes:
        """Everything the server sends until it closes the connection."""
        return await asyncio.wait_for(self.reader.read(), WAIT_SECONDS)


@pytest.fixture
async def open_raw(server: TestServer) -> AsyncIterator[Callable[..., object]]:
    opened: list[RawConnection] = []

    async def factory(address: str = "127.0.0.1") -> RawConnection:
        reader, writer = await asyncio.open_connection(
            "127.0.0.1", server.port, local_addr=(address, 0)
        )
        opened.append(RawConnection(reader, writer))
        return opened[-1]

    yield factory
    for connection in opened:
        connection.writer.close()


async def polling_session(server_url: str) -> str:
    """An Engine.IO polling session's sid (its handshake)."""
    async with aiohttp.ClientSession() as session:
        url = f"{server_url}/socket.io/?EIO=4&transport=polling"
        async with session.get(url) as response:
            text = await response.text()
    return str(json.loads(text[1:])["sid"])


def post_head(sid: str, length: int = 100) -> str:
    return (
        f"POST /socket.io/?EIO=4&transport=polling&sid={sid} HTTP/1.1\n"
        f"Host: 127.0.0.1\nContent-Type: text/plain;charset=UTF-8\n"
        f"Content-Length: {length}\n\n"
    )


async def test_an_unfinished_request_head_is_closed(open_raw: Opener) -> None:
    connection = await open_raw()
    await connection.send("GET /healthz HTTP/1.1\nHost: 127.0.0.1\n")
    assert await connection.read_to_close() == b""


async def test_a_polling_post_that_sends_no_body_is_answered_and_closed(
    open_raw: Opener, server_url: str
) -> None:
    connection = await open_raw()
    await connection.send(post_head(await polling_session(server_url)))
    assert (await connection.read_to_close()).startswith(b"HTTP/1.1 408 ")


async def test_a_body_that_stops_halfway_is_answered_and_closed(
    open_raw: Opener, server_url: str
) -> None:
    connection = await open_raw()
    await connection.send(post_head(await polling_session(server_url), 10) + "40")
    assert (await connection.read_to_close()).startswith(b"HTTP/1.1 408 ")


async def test_a_polling_post_that_sends_its_body_is_served(
    open_raw: Opener, server_url: str
) -> None:
    connection = await open_raw()
    await connection.send(post_head(await polling_session(server_url), 2) + "40")
    # Served, then closed once idle for REQUEST_HEAD_SECONDS.
    response = await connection.read_to_close()
    assert response.startswith(b"HTTP/1.1 200 ") and response.endswith(b"\r\n\r\nOK")


async def test_bodies_on_their_way_count_against_their_address(
    open_raw: Opener, server: TestServer, server_url: str
) -> None:
    reading = server.app[BODY_DEADLINE].reading
    sid = await polling_session(server_url)
    stalled = [await open_raw() for _ in range(2 * SESSIONS)]
    for connection in stalled:
        await connection.send(post_head(sid))
    await wait_until(lambda: reading.count("127.0.0.1") == 2 * SESSIONS)
    one_more = await open_raw()
    await one_more.send(post_head(sid))
    assert (await one_more.read_to_close()).startswith(b"HTTP/1.1 429 ")
    # Another address, and requests without a body, are served meanwhile.
    neighbour = await open_raw("127.0.0.2")
    await neighbour.send(post_head(await polling_session(server_url), 2) + "40")
    assert (await neighbour.read_to_close()).startswith(b"HTTP/1.1 200 ")
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{server_url}/healthz") as response:
            assert response.status == 200
    for connection in stalled:  # each is answered and closed in its time
        assert (await connection.read_to_close()).startswith(b"HTTP/1.1 408 ")
    assert reading.count("127.0.0.1") == 0
