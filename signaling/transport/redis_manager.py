"""The python-socketio client manager that carries emits through Redis when
REDIS_URL is set, and stopping it, which python-socketio never does."""

from __future__ import annotations

import asyncio
import importlib
from contextlib import suppress
from typing import Any

import socketio

from ..config import ConfigError, Settings

MISSING_REDIS = (
    "REDIS_URL is set but the redis package is not installed: pip install '.[redis]'"
)


def redis_asyncio() -> Any:
    """redis.asyncio, or a ConfigError saying how to install it."""
    try:
        return importlib.import_module("redis.asyncio")
    except ImportError:
        raise ConfigError(MISSING_REDIS) from None


# Publishes in flight share this many connections and wait up to PUBLISH_WAIT_SECONDS
# for a free one. python-socketio's client opens one per publish in flight; past
# redis-py's 100 it is refused, and python-socketio then builds a whole new client for
# each refused publish without closing the old one (thousands of connections under a
# relay load, docs/PERFORMANCE.md).
PUBLISH_CONNECTIONS = 16
PUBLISH_WAIT_SECONDS = 5.0


class PooledRedisManager(socketio.AsyncRedisManager):  # type: ignore[misc]
    """AsyncRedisManager on a bounded pool that makes publishes wait their turn, and
    that closes the client it replaces when it reconnects (its `_redis_connect`, and
    the `redis`, `pubsub` and `connected` attributes: audited in the contract test)."""

    closing: set[asyncio.Future[None]]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.closing = set()  # clients replaced on a reconnect, being closed

    def _redis_connect(self) -> None:
        if "sentinel" in self.redis_url.split("://", 1)[0]:
            return super()._redis_connect()  # type: ignore[no-any-return]
        replaced = getattr(self, "redis", None)
        module = redis_asyncio()
        pool = module.BlockingConnectionPool.from_url(
            self.redis_url,
            max_connections=PUBLISH_CONNECTIONS,
            timeout=PUBLISH_WAIT_SECONDS,
            **self.redis_options,
        )
        self.redis = module.Redis.from_pool(pool)  # closing the client closes the pool
        self.pubsub = self.redis.pubsub(ignore_subscribe_messages=True)
        self.connected = True
        if replaced is not None:
            closing = asyncio.ensure_future(replaced.aclose())
            self.closing.add(closing)  # held until done, so that it is not collected
            closing.add_done_callback(self.closing.discard)
        return None


def client_manager(settings: Settings) -> socketio.AsyncManager | None:
    """The Redis manager when REDIS_URL is set; None keeps the in-memory default."""
    if not settings.redis_url:
        return None
    redis_asyncio()
    # One channel per deployment: another one on the same Redis hears nothing.
    return PooledRedisManager(
        settings.redis_url, channel=f"{settings.redis_prefix}:socketio"
    )


# How long a starting server waits for its Redis subscription before serving anyway.
SUBSCRIBE_SECONDS = 5.0


async def start_manager(sio: socketio.AsyncServer) -> None:
    """Subscribe to the channel before serving. python-socketio starts its listener
    on the first connection, and what other processes publish before the
    subscription is active never arrives (`manager_initialized`, `initialize` and
    redis-py's `PubSub.subscribed`: audited in the contract test)."""
    if not sio.manager_initialized:
        sio.manager_initialized = True
        sio.manager.initialize()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + SUBSCRIBE_SECONDS
    while not getattr(getattr(sio.manager, "pubsub", None), "subscribed", False):
        if loop.time() > deadline:
            return  # Redis is slow or away: the listener keeps retrying
        await asyncio.sleep(0.02)


async def stop_manager(manager: Any) -> None:
    """python-socketio starts the listener on the first connection, never stops it
    (its `thread`, `pubsub` and `redis` attributes: audited in the contract test)."""
    listener = getattr(manager, "thread", None)
    if isinstance(listener, asyncio.Future) and not listener.done():
        listener.cancel()
        with suppress(asyncio.CancelledError):
            await listener
    if getattr(manager, "pubsub", None) is not None:
        await manager.pubsub.aclose()
    if getattr(manager, "redis", None) is not None:
        await manager.redis.aclose()
