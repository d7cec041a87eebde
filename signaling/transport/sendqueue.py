"""The queue of packets waiting for one engine.io socket, in a fraction of the memory.

engine.io gives every socket an asyncio.Queue, which allocates four deques up front
(items, getters, putters, and the waiters of its join event): about 3 KB that each
connection carries for its whole life, though on a websocket most packets never wait
in it (engine.LeanSocket writes them at once). This queue has what engine.io and
engine.py use of asyncio.Queue, with the same behaviour (unbounded, FIFO, cancellable
`get`, `task_done` / `join`), and holds a deque only while packets wait in it.
It counts the bytes waiting (`queued_bytes`), so that LeanSocket can end a
connection whose peer does not read before it holds more than the limit.
"""

from __future__ import annotations

import asyncio
from collections import deque
from typing import Any


class SendQueue:
    __slots__ = ("_items", "_getters", "_joiners", "_unfinished", "queued_bytes")

    def __init__(self) -> None:
        self._items: deque[Any] | None = None
        self._getters: list[asyncio.Future[None]] = []
        self._joiners: list[asyncio.Future[None]] = []
        self._unfinished = 0
        self.queued_bytes = 0  # the size of what waits, as packet_size counts it

    def qsize(self) -> int:
        return len(self._items) if self._items else 0

    def empty(self) -> bool:
        return not self._items

    def put_nowait(self, item: Any) -> None:
        if self._items is None:
            self._items = deque()
        self._items.append(item)
        self.queued_bytes += packet_size(item)
        self._unfinished += 1
        self._wake_next_getter()

    async def put(self, item: Any) -> None:
        self.put_nowait(item)

    def get_nowait(self) -> Any:
        items = self._items
        if not items:
            raise asyncio.QueueEmpty
        item = items.popleft()
        if not items:
            self._items = None
            self.queued_bytes = 0
        else:
            self.queued_bytes -= packet_size(item)
        return item

    async def get(self) -> Any:
        while not self._items:
            getter = asyncio.get_running_loop().create_future()
            self._getters.append(getter)
            try:
                await getter
            except BaseException:
                # Cancelled (a long poll timing out) or the task is ending: leave
                # the line, and pass a wake-up this getter took on to the next one.
                getter.cancel()
                if getter in self._getters:
                    self._getters.remove(getter)
                if self._items and not getter.cancelled():
                    self._wake_next_getter()
                raise
        return self.get_nowait()

    def task_done(self) -> None:
        if self._unfinished <= 0:
            raise ValueError("task_done() called too many times")
        self._unfinished -= 1
        if self._unfinished == 0:
            joiners, self._joiners = self._joiners, []
            for joiner in joiners:
                if not joiner.done():
                    joiner.set_result(None)

    async def join(self) -> None:
        if self._unfinished > 0:
            joiner = asyncio.get_running_loop().create_future()
            self._joiners.append(joiner)
            await joiner

    def _wake_next_getter(self) -> None:
        while self._getters:
            getter = self._getters.pop(0)
            if not getter.done():
                getter.set_result(None)
                break


# What a packet costs beyond its data (the Packet object, its encoding's framing).
PACKET_OVERHEAD = 64


def packet_size(item: Any) -> int:
    """About how many bytes a queued engine.io packet holds: its data's length
    (characters for text) plus a fixed overhead; None (end of the writer) 0."""
    if item is None:
        return 0
    data = getattr(item, "data", None)
    size = len(data) if isinstance(data, str | bytes) else 0
    return size + PACKET_OVERHEAD
