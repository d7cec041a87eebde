"""The transport's one surface: build a Socket.IO server in the mode the settings
name (fast or stock), close every connection, probe one. Nothing outside
signaling/transport/ touches engine.io's sockets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import socketio

from ..config import Settings
from .closed_sessions import forget_closed_sessions
from .guard import guard_server
from .library_logs import library_loggers
from .redis_manager import client_manager, start_manager, stop_manager

# The room key a sid may relay `message` to, or None (the direct relay asks).
RelayRoom = Callable[[str], str | None]
# Told (event, size in bytes) of every relayed message, on every path (metrics).
RelayCounter = Callable[[str, int], None]


class Transport:
    """What the app may ask of the transport, in either mode (fast.py, stock.py)."""

    def __init__(self, sio: socketio.AsyncServer) -> None:
        self.sio = sio
        # Reserved names, binary attachments, malformed frames, the message rate.
        self.guard = guard_server(sio)
        forget_closed_sessions(sio.eio)

    def connection_count(self) -> int:
        """Open Engine.IO connections."""
        return len(self.sio.eio.sockets)

    async def close_all(self) -> None:
        """Send every connection an Engine.IO CLOSE, end its transport, and stop
        the server's background work: clients see a dropped server and reconnect.
        Our disconnect handler runs for each."""
        for socket in list(self.sio.eio.sockets.values()):
            await socket.close(wait=False)  # runs the disconnect handler, sends CLOSE
            # Browsers keep a websocket open after an Engine.IO CLOSE packet: end
            # it from here once the CLOSE is out (a long poll: end it).
            self.end_transport(socket)
        await self.sio.shutdown()

    def end_transport(self, socket: Any) -> None:
        """End one closed socket's websocket or long poll after what is queued."""
        raise NotImplementedError

    async def is_alive(self, sid: str, timeout: float) -> bool:
        """True when the connection of `sid` answers an Engine.IO ping in time."""
        socket = self._socket_of(sid)
        if socket is None or socket.closed or socket.closing:
            return False
        return await self.probe(socket, timeout)

    async def probe(self, socket: Any, timeout: float) -> bool:
        raise NotImplementedError

    async def start_manager(self) -> None:
        """Have the Redis manager listening before the first client (REDIS_URL)."""
        await start_manager(self.sio)

    async def stop_manager(self) -> None:
        """Stop the Redis manager's listener and connections (REDIS_URL)."""
        await stop_manager(self.sio.manager)

    def _socket_of(self, sid: str) -> Any:
        eio_sid = self.sio.manager.eio_sid_from_sid(sid, "/")
        return self.sio.eio.sockets.get(eio_sid) if eio_sid else None


class Limits(Protocol):
    """The message size limit as the transport applies it (protocol/limits.py)."""

    @property
    def frame_limit(self) -> int: ...

    @property
    def unmeasured_frame_chars(self) -> int: ...


def build_transport(
    settings: Settings,
    limits: Limits,
    relay_room_of: RelayRoom,
    count_relay: RelayCounter,
) -> Transport:
    """The Socket.IO server in the settings' TRANSPORT mode, with our options.

    `relay_room_of` and `count_relay` serve the fast mode's direct relay of
    `message`: the room a sender may relay to, and the metrics hook for it.
    """
    transport = _build(settings, limits, relay_room_of, count_relay)
    transport.guard.limit_rate(settings.limits.messages_per_second)
    return transport


SESSIONS_PER_CONNECTION = 2


def _build(
    settings: Settings,
    limits: Limits,
    relay_room_of: RelayRoom,
    count_relay: RelayCounter,
) -> Transport:
    options = server_options(settings, limits.frame_limit)
    from ..abuse import TrustedProxies, environ_key

    trusted = TrustedProxies(settings.limits.trusted_proxies)
    if settings.transport == "stock":
        from .stock import StockTransport

        return StockTransport(options, trusted)
    from .engine import SessionLimit
    from .fast import FastTransport

    abuse = settings.limits
    # Twice the Socket.IO connections allowed: a tab that reconnects holds two
    # sessions for a moment, and the Socket.IO limit, which explains itself to
    # the person, is met first.
    sessions = SessionLimit(
        SESSIONS_PER_CONNECTION * abuse.connections_per_address,
        lambda environ: environ_key(environ, trusted),
    )
    return FastTransport(
        options,
        limits.unmeasured_frame_chars,
        relay_room_of,
        count_relay,
        abuse.max_queued_bytes,
        sessions,
        trusted,
    )


def server_options(settings: Settings, frame_limit: int) -> dict[str, Any]:
    """AsyncServer options shared by both modes (public python-socketio API)."""
    logger, engineio_logger = library_loggers(settings.log_level == "DEBUG")
    options: dict[str, Any] = {
        "async_mode": "aiohttp",
        "cors_allowed_origins": _cors_origins(settings.allowed_origins),
        # Handlers run in arrival order per client: relayed offers and candidates
        # keep their order, and no task is created per message.
        "async_handlers": False,
        # Drops connections that send far more than a message; the handlers
        # enforce the exact limit with a clear error.
        "max_http_buffer_size": frame_limit,
        "ping_interval": settings.ping_interval,
        "ping_timeout": settings.ping_timeout,
        "logger": logger,
        "engineio_logger": engineio_logger,
    }
    manager = client_manager(settings)  # through Redis when REDIS_URL is set
    if manager is not None:
        options["client_manager"] = manager
    return options


def _cors_origins(origins: tuple[str, ...]) -> str | list[str] | None:
    if not origins:
        return None  # same origin only
    return "*" if "*" in origins else list(origins)
