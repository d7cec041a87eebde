"""The app factory: one Socket.IO server, registry and set of routes per call."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import suppress

from aiohttp import web

from .config import Settings
from .http.headers import add_security_headers
from .http.health import add_health_routes
from .http.ice import add_config_route
from .http.metrics import Metrics, add_metrics_route
from .http.redis import client_manager, redis_context
from .http.static import add_static_routes
from .protocol.handlers import Signaling
from .rooms.registry import RoomRegistry
from .rooms.tokens import SeatTokens
from .transport.wire import InlineManager, OrjsonModule, SignalingServer

logger = logging.getLogger(__name__)

SIGNALING = web.AppKey("signaling", Signaling)
SETTINGS = web.AppKey("settings", Settings)
METRICS = web.AppKey("metrics", Metrics)


def create_app(settings: Settings | None = None) -> web.Application:
    """Build the web application with its Socket.IO server attached."""
    settings = settings or Settings()
    debug = settings.log_level == "DEBUG"
    registry = RoomRegistry(SeatTokens(settings.secret_key.encode()))

    def relay_room_of(sid: str) -> str | None:
        room = registry.room_of(sid)
        return None if room is None else room.key

    # The faster wire (wire.py on engine.py; docs/PERFORMANCE.md): a direct relay for
    # `message`, emits without a task per recipient, orjson, lean websockets.
    sio = SignalingServer(
        relay_room_of=relay_room_of,
        max_message_bytes=settings.max_message_bytes,
        # Through Redis when REDIS_URL is set, else straight to each recipient.
        client_manager=client_manager(settings) or InlineManager(),
        json=OrjsonModule,
        async_mode="aiohttp",
        cors_allowed_origins=_cors_origins(settings.allowed_origins),
        # Handlers run in arrival order per client: relayed offers and candidates keep
        # their order, and no task is created per message.
        async_handlers=False,
        # Room for a full message plus framing; the handlers enforce the exact limit
        # with a clear error, this only drops connections that send far more.
        max_http_buffer_size=2 * settings.max_message_bytes + 4096,
        ping_interval=settings.ping_interval,
        ping_timeout=settings.ping_timeout,
        logger=debug,
        engineio_logger=debug,
    )
    app = web.Application()
    sio.attach(app)
    signaling = Signaling(
        sio, registry, settings.max_message_bytes, settings.seat_grace_seconds
    )
    metrics = Metrics(registry)
    signaling.wrap_handler = metrics.wrap
    signaling.count_reconnect = metrics.count_reconnect
    sio.count_relayed = metrics.count_direct_relay
    signaling.register()
    app[SIGNALING] = signaling
    app[SETTINGS] = settings
    app[METRICS] = metrics
    add_config_route(app, settings)
    add_health_routes(app, lambda: signaling.is_shutting_down)
    add_metrics_route(app, metrics)
    add_static_routes(app)
    add_security_headers(app)
    app.cleanup_ctx.append(_expire_held_seats)
    if settings.redis_url:
        app.cleanup_ctx.append(redis_context(settings, sio))
    app.on_shutdown.append(_close_connections)
    return app


async def _expire_held_seats(app: web.Application) -> AsyncIterator[None]:
    task = asyncio.create_task(app[SIGNALING].expire_held_seats())
    yield
    task.cancel()
    with suppress(asyncio.CancelledError):
        await task


def _cors_origins(origins: tuple[str, ...]) -> str | list[str] | None:
    if not origins:
        return None  # same origin only
    return "*" if "*" in origins else list(origins)


async def _close_connections(app: web.Application) -> None:
    """Close every connection at the transport level, so clients reconnect."""
    signaling = app[SIGNALING]
    logger.info("shutting down: closing %d connections", len(signaling.sio.eio.sockets))
    await signaling.shutdown()
