"""Ask a connection whether it is still there: an Engine.IO ping answered in time.

Classic clients re-send `create or join` from a new connection after a network drop,
while the server may still count their old one for up to ping interval + timeout. A
quick probe tells a dead member from a live one without waiting that long.
"""

from __future__ import annotations

import asyncio
from typing import Any

from engineio import packet
from socketio import AsyncServer


async def is_alive(sio: AsyncServer, sid: str, timeout: float) -> bool:
    """True when the connection of `sid` answers within `timeout` seconds."""
    eio_sid = sio.manager.eio_sid_from_sid(sid, "/")
    socket = sio.eio.sockets.get(eio_sid) if eio_sid else None
    if socket is None or socket.closed or socket.closing:
        return False
    heard = asyncio.Event()
    receive = socket.receive

    async def receive_and_note(pkt: Any) -> None:
        heard.set()
        await receive(pkt)

    # Any packet proves life; the pong to our ping is the one we ask for.
    socket.receive = receive_and_note
    try:
        await socket.send(packet.Packet(packet.PING))
        await asyncio.wait_for(heard.wait(), timeout)
        return True
    except (TimeoutError, OSError):
        return False
    finally:
        if socket.receive is receive_and_note:
            socket.receive = receive
