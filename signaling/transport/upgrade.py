"""The Engine.IO upgrade from long polling to websocket, as engine.io's own loop
does it (AsyncSocket._websocket_handler, audited in the contract test), on a
websocket.LeanWebSocket."""

from __future__ import annotations

import asyncio
from typing import Any

from engineio import packet as eio_packet

# How long the whole handshake may take: a client that opens the websocket and then
# says nothing must not hold a request (and the server's shutdown) for good.
UPGRADE_TIMEOUT_SECONDS = 10.0


async def upgrade_handshake(socket: Any, ws: Any, max_size: int) -> bool:
    """PING probe → PONG probe, end the poll, UPGRADE: True once upgraded, False
    when the client does not finish within UPGRADE_TIMEOUT_SECONDS."""
    try:
        async with asyncio.timeout(UPGRADE_TIMEOUT_SECONDS):
            upgraded = await _handshake(socket, ws, max_size)
    except TimeoutError:
        socket.server.logger.info("%s: websocket upgrade timed out", socket.sid)
        upgraded = False
    if not upgraded:
        socket.upgrading = False  # packet sends go on on the poll
    return upgraded


async def _handshake(socket: Any, ws: Any, max_size: int) -> bool:
    socket.upgrading = True  # hold packet sends during the upgrade
    try:
        pkt = await ws.wait()
    except OSError:
        socket.upgrading = False
        return False
    if pkt and len(pkt) > max_size:
        return False
    decoded = eio_packet.Packet(encoded_packet=pkt)
    if decoded.packet_type != eio_packet.PING or decoded.data != "probe":
        socket.server.logger.info(
            "%s: Failed websocket upgrade, no PING packet", socket.sid
        )
        socket.upgrading = False
        return False
    await ws.send(eio_packet.Packet(eio_packet.PONG, data="probe").encode())
    await socket.queue.put(eio_packet.Packet(eio_packet.NOOP))  # end poll
    try:
        pkt = await ws.wait()
    except OSError:
        socket.upgrading = False
        return False
    if pkt and len(pkt) > max_size:
        socket.upgrading = False
        return False
    decoded = eio_packet.Packet(encoded_packet=pkt)
    if decoded.packet_type != eio_packet.UPGRADE:
        socket.upgraded = False
        socket.server.logger.info(
            "%s: Failed websocket upgrade, expected UPGRADE packet", socket.sid
        )
        socket.upgrading = False
        return False
    socket.upgraded = True
    socket.upgrading = False
    return True
