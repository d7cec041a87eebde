"""TRANSPORT=stock: the libraries' own engine, python-engineio's sockets, websocket
loop and heartbeat and python-socketio's dispatch, with nothing of them replaced.

The fallback when a library upgrade breaks the fast transport, and the proof that
it changes nothing a client can see (tests/protocol runs in both modes). Not the
bare libraries: the guards (guard.py, closed_sessions.py) stand in front of it as in
fast mode, and three things it has no public API for are done here: ending a closed
socket's transport, noticing any packet from a probed client, and putting the peer's
address and the request's scheme into the environ (docs/INTERNALS.md lists each).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import socketio
from engineio import packet

from ..abuse import TrustedProxies
from ..config import Settings
from .base import Transport
from .environ import with_peer
from .redis_manager import client_manager, start_manager, stop_manager

logger = logging.getLogger(__name__)


class StockTransport(Transport):
    def __init__(self, options: dict[str, Any], settings: Settings) -> None:
        manager = client_manager(settings)  # python-socketio's, through Redis
        if manager is not None:
            options = {**options, "client_manager": manager}
        super().__init__(socketio.AsyncServer(**options))
        trusted = TrustedProxies(settings.limits.trusted_proxies)
        logger.warning(
            "TRANSPORT=stock: for diagnosis, not for a public server. The bound on "
            "bytes queued per connection, the websocket upgrade timeout and the "
            "Engine.IO session limit per address are the fast transport's; run "
            "TRANSPORT=fast in production (docs/SECURITY.md)."
        )
        eio = self.sio.eio
        translate = eio._async["translate_request"]
        eio._async = {
            **eio._async,
            "translate_request": lambda request: with_peer(translate(request), trusted),
        }

    async def start_manager(self) -> None:
        await start_manager(self.sio)

    async def stop_manager(self) -> None:
        await stop_manager(self.sio.manager)

    def end_transport(self, socket: Any) -> None:
        # What engine.io's own loop does when its reader ends: None in the queue
        # makes the writer close the websocket, and ends a long poll.
        socket.queue.put_nowait(None)

    async def probe(self, socket: Any, timeout: float) -> bool:
        heard = asyncio.Event()
        receive = socket.receive

        async def receive_and_note(pkt: Any) -> None:
            heard.set()
            await receive(pkt)

        # engine.io's loop hands every packet to `receive`: any packet proves
        # life; the PONG to our PING is the one we ask for.
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
