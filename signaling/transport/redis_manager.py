"""The python-socketio client manager that carries emits through Redis when
REDIS_URL is set, and stopping it, which python-socketio never does."""

from __future__ import annotations

import asyncio
import logging
from contextlib import suppress
from typing import Any

import socketio

from ..config import Settings
from ..config.optional import redis_asyncio

# python-socketio publishes each emit on a connection of its own while it waits for
# Redis; past redis-py's 100 connections they are refused, and for each refusal it
# builds a whole new client without closing the old one (thousands of connections
# under a relay load, docs/PERFORMANCE.md). Here one writer sends what waits in an
# outbox as pipelines, on a small bounded pool.
PUBLISH_CONNECTIONS = 4
PUBLISH_WAIT_SECONDS = 5.0
# Past this many waiting messages a publisher waits for the outbox to drain.
MAX_OUTBOX = 10_000

logger = logging.getLogger(__name__)


class PooledRedisManager(socketio.AsyncRedisManager):  # type: ignore[misc]
    """AsyncRedisManager that publishes through one writer, in order, a burst as one
    pipeline, on a bounded pool, and closes the client it replaces when it
    reconnects (its `_publish`, `_redis_connect`, and the `redis`, `pubsub` and
    `connected` attributes: audited in the contract test)."""

    closing: set[asyncio.Future[None]]
    connected: bool
    outbox: list[str]
    writer: asyncio.Future[None] | None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.closing = set()  # clients replaced on a reconnect, being closed
        self.outbox = []
        self.writer = None

    async def _publish(self, data: Any) -> None:
        """Queue `data` for the channel; the writer sends it soon, in order."""
        self.outbox.append(self.json.dumps(data))
        if self.writer is None:
            self.writer = asyncio.ensure_future(self._write_outbox())
        if len(self.outbox) > MAX_OUTBOX:
            await asyncio.shield(self.writer)  # a flood waits for Redis to catch up

    async def _write_outbox(self) -> None:
        try:
            while self.outbox:
                batch, self.outbox = self.outbox, []
                await self._send(batch)
        finally:
            self.writer = None

    async def _send(self, batch: list[str]) -> None:
        """Publish `batch` as one pipeline, trying once more on a new client."""
        for attempt in (1, 2):
            try:
                if not self.connected:
                    self._redis_connect()
                async with self.redis.pipeline(transaction=False) as pipe:
                    for message in batch:
                        pipe.publish(self.channel, message)
                    await pipe.execute()
                return
            except Exception as error:
                self.connected = False
                if attempt == 2:
                    logger.error(
                        "Redis publish failed: %d messages dropped (%s)",
                        len(batch),
                        type(error).__name__,
                    )

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
    writer = getattr(manager, "writer", None)
    if writer is not None:  # what waits in the outbox goes out first, briefly
        with suppress(Exception):
            await asyncio.wait_for(asyncio.shield(writer), PUBLISH_WAIT_SECONDS)
    if getattr(manager, "pubsub", None) is not None:
        await manager.pubsub.aclose()
    if getattr(manager, "redis", None) is not None:
        await manager.redis.aclose()
