"""The transport's one surface: build a Socket.IO server in the mode the settings
name (fast or stock), with our options and, with REDIS_URL, a manager that reaches
the other processes. Nothing outside signaling/transport/ touches engine.io's
sockets."""

from __future__ import annotations

from typing import Any

from ..config import Settings
from .base import Limits, PeerOf, RelayCounter, RelayRoom, Transport
from .fast import FastTransport
from .library_logs import library_loggers
from .stock import StockTransport


def build_transport(
    settings: Settings,
    limits: Limits,
    relay_room_of: RelayRoom,
    count_relay: RelayCounter,
    peer_of: PeerOf = lambda sid: None,
) -> Transport:
    """The Socket.IO server in the settings' TRANSPORT mode, with our options.

    `relay_room_of` and `count_relay` serve the fast mode's direct relay of
    `message`: the room a sender may relay to, and the metrics hook for it.
    `peer_of` tells the fast mode, with REDIS_URL, which process to send a room's
    messages to (the other person's).
    """
    options = server_options(settings, limits.frame_limit)
    transport: Transport
    if settings.transport == "stock":
        transport = StockTransport(options, settings)
    else:
        transport = FastTransport(
            options, settings, limits, relay_room_of, count_relay, peer_of
        )
    transport.guard.limit_rate(settings.limits.messages_per_second)
    return transport


def server_options(settings: Settings, frame_limit: int) -> dict[str, Any]:
    """AsyncServer options shared by both modes (public python-socketio API)."""
    logger, engineio_logger = library_loggers(settings.log_level == "DEBUG")
    return {
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


def _cors_origins(origins: tuple[str, ...]) -> str | list[str] | None:
    if not origins:
        return None  # same origin only
    return "*" if "*" in origins else list(origins)
