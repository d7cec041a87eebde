"""A client that gives up on its websocket handshake (closes its connection before
the server's answer is written, as a load generator does with a starved server)
is no error of the server's: nothing logged at ERROR, and its engine.io socket
ends at once instead of at its ping timeout."""

from __future__ import annotations

import asyncio
import base64
import logging
import os
import socket
import struct

import pytest
from aiohttp.test_utils import TestServer

from signaling.app import TRANSPORT
from tests.helpers import wait_until

pytestmark = pytest.mark.fast_only(
    reason="python-engineio's own websocket lets aiohttp log it as an ERROR"
)

HANDSHAKES = 5


async def abandon_handshake(host: str, port: int) -> None:
    """Send a websocket handshake and reset the connection at once (no FIN: RST)."""
    _, writer = await asyncio.open_connection(host, port)
    sock = writer.get_extra_info("socket")
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    key = base64.b64encode(os.urandom(16)).decode()
    writer.write(
        "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
        f"Host: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n".encode()
    )
    await writer.drain()
    writer.close()


async def test_a_handshake_the_client_abandons_is_no_error_and_leaves_nothing(
    server: TestServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    eio = server.app[TRANSPORT].sio.eio
    for _ in range(HANDSHAKES):
        await abandon_handshake(str(server.host), int(server.port or 0))
    await wait_until(
        lambda: handled(caplog) == HANDSHAKES, what="every handshake handled"
    )
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    await wait_until(lambda: not eio.sockets, what="no engine.io socket left")


def handled(caplog: pytest.LogCaptureFixture) -> int:
    """Handshakes the server has finished with: noticed as abandoned, or failed
    with aiohttp's "Error handling request"."""
    return sum(
        "during the websocket handshake" in record.getMessage()
        or "Error handling request" in record.getMessage()
        for record in caplog.records
    )
