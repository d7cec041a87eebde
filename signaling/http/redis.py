"""Optional Redis: the Socket.IO client manager that carries emits across processes,
and a connection that /readyz pings. Without REDIS_URL everything stays in memory.

The room registry stays in each process either way (see README, Deploy).
"""

from __future__ import annotations

import asyncio
import importlib
import logging
from collections.abc import AsyncIterator
from contextlib import suppress
from typing import Any, Protocol

import socketio
from aiohttp import web

from ..config import ConfigError, Settings

logger = logging.getLogger(__name__)

MISSING_REDIS = (
    "REDIS_URL is set but the redis package is not installed: pip install '.[redis]'"
)
PING_TIMEOUT_SECONDS = 2.0


class Pinger(Protocol):
    """The part of a redis.asyncio client that readiness uses."""

    async def ping(self) -> Any: ...

    async def aclose(self) -> None: ...


REDIS_PING = web.AppKey("redis_ping", Pinger)


def _redis_asyncio() -> Any:
    try:
        return importlib.import_module("redis.asyncio")
    except ImportError:
        raise ConfigError(MISSING_REDIS) from None


def client_manager(settings: Settings) -> socketio.AsyncManager | None:
    """The Redis manager when REDIS_URL is set; None keeps the in-memory default."""
    if not settings.redis_url:
        return None
    _redis_asyncio()
    return socketio.AsyncRedisManager(settings.redis_url)


def redis_context(
    settings: Settings, sio: socketio.AsyncServer
) -> Any:  # a cleanup_ctx callable
    """Own the Redis connections: open the ping client, close both at cleanup."""

    async def context(app: web.Application) -> AsyncIterator[None]:
        client: Pinger = _redis_asyncio().Redis.from_url(
            settings.redis_url,
            socket_connect_timeout=PING_TIMEOUT_SECONDS,
            socket_timeout=PING_TIMEOUT_SECONDS,
        )
        app[REDIS_PING] = client
        logger.info("emits cross processes through Redis")
        yield
        await client.aclose()
        await _stop_manager(sio.manager)

    return context


async def _stop_manager(manager: Any) -> None:
    """python-socketio starts the listener on the first connection, never stops it."""
    listener = getattr(manager, "thread", None)
    if isinstance(listener, asyncio.Future) and not listener.done():
        listener.cancel()
        with suppress(asyncio.CancelledError):
            await listener
    if getattr(manager, "pubsub", None) is not None:
        await manager.pubsub.aclose()
    if getattr(manager, "redis", None) is not None:
        await manager.redis.aclose()


async def redis_problem(app: web.Application) -> str | None:
    """Why Redis is not usable right now, or None when it answers PING."""
    client = app.get(REDIS_PING)
    if client is None:
        return None
    try:
        await asyncio.wait_for(client.ping(), PING_TIMEOUT_SECONDS)
    except Exception as error:  # redis has its own ConnectionError, not an OSError
        return f"redis does not answer PING ({type(error).__name__})"
    return None
