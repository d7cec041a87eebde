"""One process's line to the others through Redis: a channel of its own that it
listens on (`<prefix>:node:<id>`), and an outbox for the others' channels that one
writer sends as a pipeline, every record for one process in one PUBLISH.

What a record says is node_manager.py's business; here they are only text, joined
with a separator that JSON text never holds unescaped.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from contextlib import suppress
from typing import Any

from ..config.optional import redis_asyncio

logger = logging.getLogger(__name__)

RECORD_SEPARATOR = "\x1e"
# Past this many waiting records a sender waits for the outbox to drain.
MAX_OUTBOX = 10_000
# How long a command to Redis may take; how long to wait before listening again.
TIMEOUT_SECONDS = 5.0
RETRY_SECONDS = 0.5
# How long a starting server waits for its subscription before serving anyway.
SUBSCRIBE_SECONDS = 5.0

Receive = Callable[[str], Awaitable[None]]


class RedisBus:
    def __init__(self, url: str, prefix: str, node: str, receive: Receive) -> None:
        self.url = url
        self.prefix = prefix
        self.channel = self.channel_of(node)
        self.receive = receive
        self.outbox: dict[str, list[str]] = {}
        self.queued = 0
        self.writer: asyncio.Future[None] | None = None
        self.listener: asyncio.Future[None] | None = None
        self.subscribed = asyncio.Event()
        self.redis: Any = None

    def channel_of(self, node: str) -> str:
        return f"{self.prefix}:node:{node}"

    def post(self, node: str, record: str) -> None:
        """Queue `record` for process `node`; the writer sends it soon, in order."""
        self.outbox.setdefault(node, []).append(record)
        self.queued += 1
        if self.writer is None:
            self.writer = asyncio.ensure_future(self._write_outbox())

    async def wait_if_full(self) -> None:
        """A flood waits for Redis to catch up instead of growing the outbox."""
        if self.queued > MAX_OUTBOX and self.writer is not None:
            await asyncio.shield(self.writer)

    async def start(self) -> None:
        """Connect, and listen on this process's channel before serving."""
        self.redis = redis_asyncio().Redis.from_url(
            self.url,
            socket_connect_timeout=TIMEOUT_SECONDS,
            socket_timeout=TIMEOUT_SECONDS,
        )
        self.listener = asyncio.ensure_future(self._listen())
        with suppress(TimeoutError):  # Redis is away: the listener keeps trying
            await asyncio.wait_for(self.subscribed.wait(), SUBSCRIBE_SECONDS)

    async def stop(self) -> None:
        if self.listener is not None:
            self.listener.cancel()
            with suppress(asyncio.CancelledError):
                await self.listener
        if self.writer is not None:  # what waits in the outbox goes out, briefly
            with suppress(Exception):
                await asyncio.wait_for(asyncio.shield(self.writer), TIMEOUT_SECONDS)
        if self.redis is not None:
            await self.redis.aclose()

    async def _write_outbox(self) -> None:
        try:
            while self.outbox:
                batch, self.outbox, self.queued = self.outbox, {}, 0
                await self._send(batch)
        finally:
            self.writer = None

    async def _send(self, batch: dict[str, list[str]]) -> None:
        try:
            async with self.redis.pipeline(transaction=False) as pipe:
                for node, records in batch.items():
                    pipe.publish(self.channel_of(node), RECORD_SEPARATOR.join(records))
                await pipe.execute()
        except Exception as error:
            count = sum(map(len, batch.values()))
            logger.error(
                "Redis publish failed: %d records dropped (%s)",
                count,
                type(error).__name__,
            )

    async def _listen(self) -> None:
        """Hand every message on our channel to `receive`, in order; listen again
        (after a pause) when the connection to Redis breaks."""
        while True:
            pubsub = self.redis.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.subscribe(self.channel)
                self.subscribed.set()
                while True:
                    message = await pubsub.get_message(timeout=None)
                    if message is not None:
                        await self._hand_over(message["data"])
            except asyncio.CancelledError:
                raise
            except Exception as error:
                self.subscribed.clear()
                logger.warning("Redis channel lost (%s)", type(error).__name__)
            finally:
                with suppress(Exception):
                    await pubsub.aclose()
            await asyncio.sleep(RETRY_SECONDS)

    async def _hand_over(self, data: bytes) -> None:
        try:
            await self.receive(data.decode())
        except Exception:
            logger.exception("a message from another process failed")
