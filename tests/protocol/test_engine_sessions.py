"""Engine.IO sessions per address are bounded from the handshake on, so that
sessions which never connect to Socket.IO (where MAX_CONNECTIONS_PER_ADDRESS
refuses with a code and a sentence) cannot pile up until their heartbeat ends.
That the Socket.IO limit is still met first, with its code, is in
test_abuse_limits.py."""

from __future__ import annotations

import json

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from signaling.app import SIGNALING
from signaling.config import Limits, Settings
from signaling.transport.fast import SESSIONS_PER_CONNECTION

CONNECTIONS = 2
SESSIONS = SESSIONS_PER_CONNECTION * CONNECTIONS
FEW = Settings(limits=Limits(connections_per_address=CONNECTIONS))
pytestmark = [
    pytest.mark.fast_only(reason="stock engine.io does not count sessions"),
    pytest.mark.parametrize("settings", [FEW], ids=["two-per-address"]),
]


async def handshake(session: aiohttp.ClientSession, url: str) -> tuple[int, str]:
    """Open a bare polling session; its HTTP status and sid ("" when refused)."""
    async with session.get(f"{url}/socket.io/?EIO=4&transport=polling") as response:
        body = await response.text()
        if response.status != 200:
            return response.status, ""
        return response.status, json.loads(body[1:])["sid"]


async def test_bare_sessions_past_the_limit_are_refused(
    server: TestServer, server_url: str
) -> None:
    sockets = server.app[SIGNALING].sio.eio.sockets
    async with aiohttp.ClientSession() as session:
        opened = [await handshake(session, server_url) for _ in range(SESSIONS)]
        assert [status for status, _ in opened] == [200] * SESSIONS
        status, sid = await handshake(session, server_url)
        assert (status, sid) == (401, "")
        assert len(sockets) == SESSIONS  # the refused one left nothing behind

        # A session that ends makes room for a new one.
        first = opened[0][1]
        close = f"{server_url}/socket.io/?EIO=4&transport=polling&sid={first}"
        async with session.post(close, data="1") as response:  # Engine.IO close
            assert response.status == 200
        status, sid = await handshake(session, server_url)
        assert status == 200 and sid in sockets


async def test_a_websocket_past_the_limit_is_refused_at_its_handshake(
    server_url: str,
) -> None:
    async with aiohttp.ClientSession() as session:
        for _ in range(SESSIONS):
            assert (await handshake(session, server_url))[0] == 200
        url = f"{server_url}/socket.io/?EIO=4&transport=websocket"
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(url)
        assert refused.value.status == 401
