"""The room store's Redis client: bounded, patient with bursts, quick to give up
when Redis is away."""

from __future__ import annotations

from typing import Any

from signaling.config.optional import redis_asyncio

# How long one Redis command may take before the store counts as away.
TIMEOUT_SECONDS = 2.0
# Connections to Redis per process; changes beyond wait their turn, for at most
# CONNECTION_WAIT_SECONDS (then the join is refused `server-unavailable`).
MAX_CONNECTIONS = 32
CONNECTION_WAIT_SECONDS = 10.0


def connect(url: str) -> Any:
    """A redis.asyncio client that fails fast when Redis is away (a join waits
    seconds, not minutes) and, when a burst of joins has every connection in use,
    waits for one: redis-py's default pool refuses past 100 connections."""
    module = redis_asyncio()
    pool = module.BlockingConnectionPool.from_url(
        url,
        max_connections=MAX_CONNECTIONS,
        timeout=CONNECTION_WAIT_SECONDS,
        socket_connect_timeout=TIMEOUT_SECONDS,
        socket_timeout=TIMEOUT_SECONDS,
    )
    return module.Redis.from_pool(pool)  # closing the client closes the pool
