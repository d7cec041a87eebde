"""A clock for the heartbeat that moves only when a test moves it: time and timers
as the event loop gives them (`Clock` in signaling/transport/heartbeat.py), so
every count is exact and no test waits on the wall clock."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field

START = 1000.0


@dataclass
class FakeTimer:
    """Like uvloop's handles: no when(), which a handle for a time already due
    lacks (asyncio's TimerHandle has it)."""

    due: float
    callback: Callable[[], None]
    cancelled: bool = False

    def cancel(self) -> None:
        self.cancelled = True


@dataclass
class FakeClock:
    """The event loop's clock and timers, moved by hand."""

    now: float = START
    timers: list[FakeTimer] = field(default_factory=list)

    def time(self) -> float:
        return self.now

    def call_at(self, when: float, callback: Callable[[], None]) -> FakeTimer:
        timer = FakeTimer(when, callback)
        self.timers.append(timer)
        return timer

    async def advance(self, seconds: float) -> None:
        """Let `seconds` pass on time: each timer fires when it is due."""
        until = self.now + seconds
        while (timer := self._next_due(until)) is not None:
            self.now = max(self.now, timer.due)
            await self._fire(timer)
        self.now = until

    async def stall(self, seconds: float) -> None:
        """The whole process stalls for `seconds`: the timers due meanwhile fire
        late, all at its end."""
        self.now += seconds
        while (timer := self._next_due(self.now)) is not None:
            await self._fire(timer)

    def _next_due(self, until: float) -> FakeTimer | None:
        live = [t for t in self.timers if not t.cancelled and t.due <= until]
        return min(live, key=lambda t: t.due, default=None)

    async def _fire(self, timer: FakeTimer) -> None:
        self.timers.remove(timer)
        timer.callback()
        for _ in range(5):  # let the pings and give-ups the timer started run
            await asyncio.sleep(0)
