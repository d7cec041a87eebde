"""A token bucket with an injected clock, and a bounded set of them by key."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Collection

Clock = Callable[[], float]


class TokenBucket:
    """`rate` tokens a second, at most `burst` saved up; each event takes one."""

    __slots__ = ("rate", "burst", "tokens", "updated")

    def __init__(self, rate: float, burst: float, now: float) -> None:
        self.rate = rate
        self.burst = burst
        self.tokens = burst
        self.updated = now

    def take(self, now: float) -> bool:
        """Take one token if there is one: True when the event may go ahead."""
        elapsed = max(0.0, now - self.updated)
        self.tokens = min(self.burst, self.tokens + elapsed * self.rate)
        self.updated = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


class Buckets:
    """One bucket per key (a connection, an address), at most `max_keys` of them:
    the least recently used is forgotten first, and a forgotten key starts full
    again, so the bound costs some leniency, never memory."""

    def __init__(
        self,
        rate: float,
        burst: float,
        max_keys: int = 100_000,
        clock: Clock = time.monotonic,
    ) -> None:
        self.rate = rate
        self.burst = burst
        self.max_keys = max_keys
        self.clock = clock
        self._buckets: OrderedDict[str, TokenBucket] = OrderedDict()

    def take(self, key: str) -> bool:
        now = self.clock()
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = TokenBucket(self.rate, self.burst, now)
            if len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
        else:
            self._buckets.move_to_end(key)
        return bucket.take(now)

    def keep_only(self, keys: Collection[str]) -> None:
        """Forget every bucket whose key is not in `keys` (connections gone)."""
        for key in [key for key in self._buckets if key not in keys]:
            del self._buckets[key]

    def forget(self, key: str) -> None:
        """The key is gone (a connection closed): its bucket goes with it."""
        self._buckets.pop(key, None)

    def __len__(self) -> int:
        return len(self._buckets)
