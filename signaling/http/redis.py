"""Optional Redis: the connection that /readyz pings, opened and closed with the
app, which also stops the transport's Redis manager (transport/redis_manager.py)
at cleanup. Without REDIS_URL everything stays in memory.

The rooms themselves live in Redis then too (signaling/store/redis_rooms.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, Protocol

from aiohttp import web

from ..config import Settings
from ..config.optional import redis_asyncio

logger = logging.getLogger(__name__)

PING_TIMEOUT_SECONDS = 2.0


class Pinger(Protocol):
    """The part of a redis.asyncio client that readiness uses."""

    async def ping(self) -> Any: ...

    async def aclose(self) -> None: ...


REDIS_PING = web.AppKey("redis_ping", Pinger)


def redis_context(
    settings: Settings,
    start_manager: Callable[[], Awaitable[None]],
    stop_manager: Callable[[], Awaitable[None]],
) -> Any:  # a cleanup_ctx callable
    """Own the Redis connections: open the ping client and start the Socket.IO
    manager's at startup, close both at cleanup."""

    async def context(app: web.Application) -> AsyncIterator[None]:
        client: Pinger = redis_asyncio().Redis.from_url(
            settings.redis_url,
            socket_connect_timeout=PING_TIMEOUT_SECONDS,
            socket_timeout=PING_TIMEOUT_SECONDS,
        )
        app[REDIS_PING] = client
        await start_manager()
        logger.info("rooms and emits shared with other processes through Redis")
        yield
        await client.aclose()
        await stop_manager()

    return context


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
