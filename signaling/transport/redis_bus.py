"""One process's line to the others through Redis: a channel of its own that it
listens on (`<prefix>:node:<id>`), and an outbox for the others' channels that one
writer sends in one write per loop pass, every record for one process in one
PUBLISH; both over redis_line.py's connections.

What a record says is node_manager.py's business; here they are only text, joined
with a separator that JSON text never holds unescaped.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from contextlib import suppress
from typing import Any

from .redis_line import RedisLine

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
PUBLISH, SUBSCRIBE = b"PUBLISH", b"SUBSCRIBE"
MESSAGE, SUBSCRIBED = b"message", b"subscribe"


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
        self.line: RedisLine | None = None  # for publishing, opened when needed

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
        """Listen on this process's channel before serving."""
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
        await self._drop_line()

    async def _write_outbox(self) -> None:
        try:
            while self.outbox:
                batch, self.outbox, self.queued = self.outbox, {}, 0
                await self._send(batch)
        finally:
            self.writer = None

    async def _send(self, batch: dict[str, list[str]]) -> None:
        """Publish a batch; when the line was open already and turns out broken
        (Redis restarted meanwhile), once more on a new one."""
        for attempt in range(2):
            reused = self.line is not None
            try:
                async with asyncio.timeout(TIMEOUT_SECONDS):
                    await self._publish(batch)
                return
            except Exception as error:
                await self._drop_line()  # a reply may still be on its way
                if attempt == 0 and reused and isinstance(error, OSError):
                    continue  # ConnectionError is an OSError
                count = sum(map(len, batch.values()))
                logger.error(
                    "Redis publish failed: %d records dropped (%s)",
                    count,
                    type(error).__name__,
                )
                return

    async def _publish(self, batch: dict[str, list[str]]) -> None:
        """One write for the batch, one PUBLISH per process; wait for the replies,
        so that what is posted meanwhile makes the next batch."""
        if self.line is None:
            self.line = await RedisLine.open(self.url, TIMEOUT_SECONDS)
        line = self.line
        line.send(
            *(
                (PUBLISH, self.channel_of(node), RECORD_SEPARATOR.join(records))
                for node, records in batch.items()
            )
        )
        await line.drain()
        waiting = len(batch)
        while waiting:
            replies = await line.replies()
            waiting -= len(replies)
            for reply in replies:
                if isinstance(reply, Exception):
                    raise reply

    async def _drop_line(self) -> None:
        line, self.line = self.line, None
        if line is not None:
            with suppress(Exception):
                await line.close()

    async def _listen(self) -> None:
        """Hand every message on our channel to `receive`, in order; listen again
        (after a pause) when the connection to Redis breaks."""
        while True:
            line = None
            try:
                async with asyncio.timeout(TIMEOUT_SECONDS):
                    line = await RedisLine.open(self.url, TIMEOUT_SECONDS)
                line.send((SUBSCRIBE, self.channel))
                while True:
                    for reply in await line.replies():
                        await self._take(reply)
            except asyncio.CancelledError:
                raise
            except Exception as error:
                self.subscribed.clear()
                logger.warning("Redis channel lost (%s)", type(error).__name__)
            finally:
                if line is not None:
                    with suppress(Exception):
                        await line.close()
            await asyncio.sleep(RETRY_SECONDS)

    async def _take(self, reply: Any) -> None:
        """A pushed reply: a message on our channel, or the subscription's answer."""
        if not isinstance(reply, list) or len(reply) != 3:
            if isinstance(reply, Exception):
                raise reply
            return
        kind, _, body = reply
        if kind == MESSAGE:
            try:
                await self.receive(body.decode())
            except Exception:
                logger.exception("a message from another process failed")
        elif kind == SUBSCRIBED:
            self.subscribed.set()
