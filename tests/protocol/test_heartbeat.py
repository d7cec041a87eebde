"""The server's heartbeat over real connections, on a clock the test moves: a client
that answers pings stays, one that does not is dropped once the timeout passes.
(Its exact timing, stalls and batches: tests/unit/test_heartbeat.py.)"""

from __future__ import annotations

from collections.abc import Iterator

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from signaling.app import SIGNALING
from signaling.config import Settings
from tests.clock import FakeClock
from tests.conftest import Connect
from tests.helpers import (
    WAIT_SECONDS,
    codelab_pair,
    open_polling,
    open_raw_websocket,
    wait_until,
)

INTERVAL, TIMEOUT = Settings().ping_interval, Settings().ping_timeout
assert INTERVAL == TIMEOUT, "the rounds below assume it"
pytestmark = pytest.mark.fast_only(
    reason="the heartbeat on a clock the test moves is the fast transport's own; "
    "stock's is engine.io's ping task on the wall clock"
)


@pytest.fixture
def clock(server: TestServer) -> Iterator[FakeClock]:
    """The server's heartbeat on a clock that moves only when the test moves it
    (set before anyone connects, so that every ping is scheduled on it)."""
    clock = FakeClock()
    server.app[SIGNALING].sio.eio.heartbeat.clock = clock
    yield clock


def server_sockets(server: TestServer) -> dict[str, object]:
    sockets: dict[str, object] = server.app[SIGNALING].sio.eio.sockets
    return sockets


async def test_client_answering_pings_stays(
    server: TestServer, connect: Connect, clock: FakeClock
) -> None:
    first, second = await codelab_pair(connect, "room")
    sockets = list(server_sockets(server).values())
    assert len(sockets) == 2
    for _ in range(3):
        # A ping one interval after the last answer; the last ping's timeout
        # passes with it (interval and timeout are both 10 s).
        await clock.advance(INTERVAL)
        # Pinged now: each socket waits for its PONG ...
        assert [s.last_ping for s in sockets] == [clock.now, clock.now]  # type: ignore[attr-defined]
        # ... which each client sends back.
        await wait_until(lambda: all(s.last_ping is None for s in sockets))  # type: ignore[attr-defined]
    await clock.advance(TIMEOUT)
    assert len(server_sockets(server)) == 2
    await first.emit("message", "still here")
    assert await second.expect("message") == [("still here",)]


async def test_silent_client_is_dropped(
    server: TestServer, server_url: str, clock: FakeClock
) -> None:
    sockets = server_sockets(server)
    async with aiohttp.ClientSession() as session:
        ws, _ = await open_raw_websocket(session, server_url)
        await clock.advance(INTERVAL)
        assert await ws.receive_str(timeout=WAIT_SECONDS) == "2"  # PING, unanswered
        await clock.advance(TIMEOUT)
        closing = await ws.receive(timeout=WAIT_SECONDS)
        assert closing.type in (
            aiohttp.WSMsgType.CLOSE,
            aiohttp.WSMsgType.CLOSED,
            aiohttp.WSMsgType.CLOSING,
        )
        await wait_until(lambda: not sockets)


async def test_a_polling_client_that_stops_polling_is_dropped(
    server: TestServer, server_url: str, clock: FakeClock
) -> None:
    sockets = server_sockets(server)
    async with aiohttp.ClientSession() as session:
        await open_polling(session, server_url)
        assert len(sockets) == 1
        # It never polls again, so it never answers the ping: once the timeout
        # has passed, the server lets it go and forgets it.
        await clock.advance(INTERVAL)
        assert len(sockets) == 1
        await clock.advance(TIMEOUT)
        await wait_until(lambda: not sockets)
