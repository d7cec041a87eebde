"""Engine.IO, lighter: python-engineio's server whose sockets are `LeanSocket`s,
run on `LeanWebSocket`s with a `SendQueue` each and kept alive by one `Heartbeat`.
The Socket.IO layer on top is server.py."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import engineio
from engineio.async_socket import AsyncSocket

from ..abuse import ConnectionCounter, TrustedProxies
from ..abuse.spells import Spells
from .environ import LOOPBACK_PROXIES, lean_environ
from .heartbeat import Heartbeat
from .lean_socket import LeanSocket
from .sendqueue import SendQueue
from .websocket import LeanWebSocket

logger = logging.getLogger(__name__)


class UnexpectedSocketError(RuntimeError):
    """engine.io made a socket that LeanSocket was not written against."""


class LeanEngineServer(engineio.AsyncServer):  # type: ignore[misc]
    """engine.io's server with lighter sockets: each is a `LeanSocket` from the
    moment it connects (which also does the service task's work, through the
    heartbeat)."""

    # Bytes that may wait for one socket; more and it is dropped (LeanSocket.send).
    max_queued_bytes = 1024 * 1024
    # Sessions per client address, counted from the Engine.IO handshake: without
    # it, sessions that never connect to Socket.IO (where the friendlier
    # per-address limit applies) would be bounded only by the heartbeat.
    sessions: SessionLimit | None = None
    # Whose X-Forwarded-Proto/-Host may decide the origin a browser must have.
    trusted_proxies: TrustedProxies = LOOPBACK_PROXIES
    # Starts every session id (and so every Socket.IO sid): with Redis, the
    # process the connection is on (node_manager.py).
    sid_prefix = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **{**kwargs, "monitor_clients": False})
        self._async: dict[str, Any] = {
            **self._async,
            "websocket": LeanWebSocket,
            "translate_request": lambda request: lean_environ(
                request, self.trusted_proxies
            ),
        }
        self.heartbeat = Heartbeat(
            self.ping_interval, self.ping_timeout, lambda: self.sockets
        )

    def generate_id(self) -> str:
        return self.sid_prefix + str(super().generate_id())

    def create_queue(self, *args: Any, **kwargs: Any) -> SendQueue:
        return SendQueue()

    async def _trigger_event(self, event: str, *args: Any, **kwargs: Any) -> Any:
        if event == "connect":
            if self.sessions is not None and not self.sessions.open(*args[:2]):
                return False  # engine.io answers 401 and forgets the socket
            # engine.io makes the socket and then announces it, before its first
            # ping is scheduled: the moment to make it a LeanSocket.
            _make_lean(self.sockets.get(args[0]))
        elif event == "disconnect" and self.sessions is not None:
            self.sessions.close(args[0])
        return await super()._trigger_event(event, *args, **kwargs)

    async def shutdown(self) -> None:
        self.heartbeat.stop()
        await super().shutdown()


class SessionLimit:
    """Engine.IO sessions per client address (`address_of` an environ)."""

    def __init__(self, limit: int, address_of: Callable[[dict[str, Any]], str]):
        self.limit = limit
        self.address_of = address_of
        self._counter = ConnectionCounter(limit)
        self._refused = Spells()  # an address retrying at once logs once

    def open(self, sid: str, environ: dict[str, Any]) -> bool:
        address = self.address_of(environ)
        if self._counter.open(sid, address):
            return True
        logger.log(
            logging.INFO if self._refused.starts_spell(address) else logging.DEBUG,
            "eio_sid=%s refused: %d sessions from address=%s",
            sid,
            self.limit,
            address,
        )
        return False

    def close(self, sid: str) -> None:
        self._counter.close(sid)


def _make_lean(socket: Any) -> None:
    """Turn engine.io's new socket into a LeanSocket, or fail loudly: a socket of
    any other class would run without the heartbeat and break shutdown."""
    if type(socket) is AsyncSocket:
        socket.__class__ = LeanSocket
    elif type(socket) is not LeanSocket:
        raise UnexpectedSocketError(
            f"engine.io made a {type(socket).__name__}, not the AsyncSocket that "
            "LeanSocket replaces: re-audit signaling/transport for this "
            "python-engineio release, or run with TRANSPORT=stock"
        )
