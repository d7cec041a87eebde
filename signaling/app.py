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
from .http.redis import redis_context
from .http.static import add_static_routes
from .http.timeouts import BodyDeadline, add_request_timeouts, handler_args
from .protocol import Signaling, socketio_room
from .protocol.limits import MessageLimits
from .protocol.quotas import Quotas
from .rooms import SeatTokens
from .store import Rooms, open_rooms
from .transport import Transport, build_transport

logger = logging.getLogger(__name__)

SIGNALING = web.AppKey("signaling", Signaling)
SETTINGS = web.AppKey("settings", Settings)
METRICS = web.AppKey("metrics", Metrics)
TRANSPORT = web.AppKey("transport", Transport)
BODY_DEADLINE = web.AppKey("body_deadline", BodyDeadline)


def create_app(settings: Settings | None = None) -> web.Application:
    """Build the web application with its Socket.IO server attached."""
    settings = settings or Settings()
    # In memory, or in Redis with REDIS_URL (signaling/store/).
    registry = open_rooms(settings, SeatTokens(settings.secret_key.encode()))
    limits = MessageLimits(settings.max_message_bytes)
    metrics = Metrics(registry)
    # TRANSPORT=fast or stock (signaling/transport/): the only code that knows
    # python-socketio's and python-engineio's internals.
    transport = build_transport(
        settings,
        limits,
        relay_room_of=lambda sid: _socketio_room_of(registry, sid),
        count_relay=metrics.count_relay,
        peer_of=registry.peer_of,
    )
    signaling = Signaling(
        transport.sio,
        registry,
        limits,
        probe=transport.is_alive,
        close_all=transport.close_all,
        hooks=metrics,
        quotas=Quotas(settings.limits, settings.seat_grace_seconds),
    )
    signaling.register()
    # Every request's head and body arrive in bounded time (http/timeouts.py).
    app = web.Application(handler_args=handler_args(settings))
    app[BODY_DEADLINE] = add_request_timeouts(app, settings)
    transport.sio.attach(app)
    app[SIGNALING] = signaling
    app[SETTINGS] = settings
    app[METRICS] = metrics
    app[TRANSPORT] = transport
    add_config_route(app, settings)
    add_health_routes(app, lambda: signaling.is_shutting_down)
    add_metrics_route(app, metrics)
    add_static_routes(app)
    add_security_headers(app)
    app.cleanup_ctx.append(_expire_held_seats)
    if settings.redis_url:
        app.cleanup_ctx.append(
            redis_context(settings, transport.start_manager, transport.stop_manager)
        )
    app.on_shutdown.append(_close_connections)
    return app


def _socketio_room_of(registry: Rooms, sid: str) -> str | None:
    """The Socket.IO room the direct relay sends a member's `message` to."""
    key = registry.room_key_of(sid)
    return None if key is None else socketio_room(key)


async def _expire_held_seats(app: web.Application) -> AsyncIterator[None]:
    signaling = app[SIGNALING]
    task = asyncio.create_task(signaling.expire_held_seats())
    yield
    task.cancel()
    with suppress(asyncio.CancelledError):
        await task
    await signaling.registry.close()


async def _close_connections(app: web.Application) -> None:
    """Close every connection, so that clients reconnect to the next run."""
    count = app[TRANSPORT].connection_count()
    logger.info("shutting down: closing %d connections", count)
    await app[SIGNALING].shutdown()
