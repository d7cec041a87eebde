"""The seat-expiry loop outlives a failed pass: a store that raises once, or an
announcement that fails, costs one pass, never the loop."""

from __future__ import annotations

import asyncio
from contextlib import suppress
from typing import Any

from signaling.protocol.seats import expire_held_seats
from signaling.rooms import LeaveOutcome, RoomName

EXPIRED = LeaveOutcome(RoomName("Call", "call"), None, None)


class StoreFailingOnce:
    """Answers `expire` with one expired seat per pass, after failing the first."""

    def __init__(self, error: Exception) -> None:
        self.error = error
        self.passes = 0

    async def expire(self) -> list[LeaveOutcome]:
        self.passes += 1
        if self.passes == 1:
            raise self.error
        return [EXPIRED]


async def run_until_announced(store: Any, announce: Any, count: int) -> list[Any]:
    announced: list[Any] = []

    async def record(outcome: LeaveOutcome) -> None:
        await announce(outcome)
        announced.append(outcome)

    task = asyncio.create_task(expire_held_seats(store, record, interval=0))
    try:
        async with asyncio.timeout(5):
            while len(announced) < count:
                await asyncio.sleep(0)
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task
    return announced


async def nothing(outcome: LeaveOutcome) -> None:
    pass


async def test_expiry_goes_on_after_the_store_raises_once() -> None:
    store = StoreFailingOnce(ConnectionError("store away"))
    assert await run_until_announced(store, nothing, 2) == [EXPIRED, EXPIRED]
    assert store.passes >= 3


async def test_expiry_goes_on_after_an_unexpected_error() -> None:
    store = StoreFailingOnce(KeyError("a bug"))
    assert await run_until_announced(store, nothing, 1) == [EXPIRED]


async def test_expiry_goes_on_after_an_announcement_fails() -> None:
    calls = 0

    async def fails_once(outcome: LeaveOutcome) -> None:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RuntimeError("emit failed")

    store = StoreFailingOnce(ConnectionError("store away"))
    assert await run_until_announced(store, fails_once, 1) == [EXPIRED]
    assert calls == 2
