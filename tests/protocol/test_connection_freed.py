"""A finished connection is freed as soon as it ends, by reference counting alone.

The server collects reference cycles rarely (`signaling.__main__.tune_gc`), so any
cycle a finished connection leaves holds its whole object graph (socket, request,
buffers, about 14 KB) until the next full pass: under steady churn, memory grew
by megabytes a second. Each test runs with the collector off and checks that
nothing of the connections it ended is still alive.
"""

from __future__ import annotations

import contextlib
import gc
import json
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from signaling.app import SIGNALING
from signaling.config import Settings
from tests.conftest import Connect
from tests.helpers import open_raw_websocket, wait_until

# The heartbeat lets go of a closed socket when its next ping falls due: a short
# interval keeps the wait short.
SHORT_PING = Settings(ping_interval=1, ping_timeout=1)
pytestmark = [
    pytest.mark.fast_only(
        reason="stock engine.io and aiohttp leave cycles that only the collector frees"
    ),
    pytest.mark.parametrize("settings", [SHORT_PING], ids=["short-ping"]),
]

# What one connection is made of on the server, by (module, class name).
CONNECTION_PARTS = {
    ("signaling.transport.lean_socket", "LeanSocket"),
    ("signaling.transport.websocket", "LeanWebSocket"),
    ("aiohttp.web_ws", "WebSocketResponse"),
    ("aiohttp.web_protocol", "RequestHandler"),
}
Ending = Callable[[aiohttp.ClientWebSocketResponse], Awaitable[None]]


def connection_parts() -> Counter[str]:
    """How many of each part of a connection are alive."""
    return Counter(
        type(o).__name__
        for o in gc.get_objects()
        if (type(o).__module__, type(o).__name__) in CONNECTION_PARTS
    )


async def assert_freed(before: Counter[str]) -> None:
    """Every part the test's connections added is gone (the server may take a
    moment after the socket closes to finish the request)."""
    with contextlib.suppress(TimeoutError):
        await wait_until(lambda: connection_parts() <= before)
    assert connection_parts() - before == Counter()


@pytest.fixture
def collector_off() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


async def say_goodbye(ws: aiohttp.ClientWebSocketResponse) -> None:
    await ws.send_str('42["bye"]')
    await ws.send_str("41")  # Socket.IO disconnect
    await ws.close()


async def close_the_websocket(ws: aiohttp.ClientWebSocketResponse) -> None:
    await ws.close()


async def drop_the_network(ws: aiohttp.ClientWebSocketResponse) -> None:
    """No closing handshake: the server's close then finds the peer gone."""
    connection = ws._response.connection
    assert connection is not None and connection.transport is not None
    connection.transport.abort()


async def send_garbage_then_drop(ws: aiohttp.ClientWebSocketResponse) -> None:
    for frame in ("42[", '42["disconnect"]', '42["nope",1]', "4x"):
        await ws.send_str(frame)
    await drop_the_network(ws)


ENDINGS: dict[str, Ending] = {
    "goodbye": say_goodbye,
    "websocket-close": close_the_websocket,
    "network-drop": drop_the_network,
    "garbage-then-drop": send_garbage_then_drop,
}


@pytest.mark.parametrize("ending", ENDINGS.values(), ids=ENDINGS.keys())
async def test_a_websocket_connection_is_freed_when_it_ends(
    server: TestServer, server_url: str, collector_off: None, ending: Ending
) -> None:
    sockets = server.app[SIGNALING].sio.eio.sockets
    before = connection_parts()
    async with aiohttp.ClientSession() as session:
        pair = [await open_raw_websocket(session, server_url) for _ in range(2)]
        for ws, _ in pair:
            await ws.send_str("42" + json.dumps(["create or join", "freed"]))
        first, second = (ws for ws, _ in pair)
        await second.send_str('42["message","hello"]')
        while '"hello"' not in await first.receive_str(timeout=5):
            pass  # the relay worked both ways through the room
        assert connection_parts() - before
        for ws, _ in pair:
            await ending(ws)
        await wait_until(lambda: not sockets)
    await assert_freed(before)


async def test_a_polling_connection_that_upgraded_is_freed_when_it_drops(
    server: TestServer, connect: Connect, collector_off: None
) -> None:
    sockets = server.app[SIGNALING].sio.eio.sockets
    before = connection_parts()
    client = await connect(transports=["polling", "websocket"])
    await client.call("create or join", "freed-polling")
    await wait_until(lambda: client.sio.transport() == "websocket")
    await client.drop()
    await wait_until(lambda: not sockets)
    await assert_freed(before)
