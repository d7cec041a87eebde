"""Spells of refusals, so that the log says each once: the first refusal for a key
(a connection, an address) starts a spell, which lasts until that key has gone
`quiet_seconds` without one. Pure: no I/O, no logging; the clock is injected."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable

QUIET_SECONDS = 60.0
MAX_KEYS = 10_000


class Spells:
    """When each key was last refused, for at most `max_keys` keys (the least
    recently refused is forgotten first: it may log once more, never cost memory)."""

    def __init__(
        self,
        quiet_seconds: float = QUIET_SECONDS,
        max_keys: int = MAX_KEYS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.quiet_seconds = quiet_seconds
        self.max_keys = max_keys
        self.clock = clock
        self._last: OrderedDict[str, float] = OrderedDict()

    def starts_spell(self, key: str) -> bool:
        """Note a refusal for `key`: True when it starts a spell (worth a line)."""
        now = self.clock()
        last = self._last.pop(key, None)
        self._last[key] = now
        if len(self._last) > self.max_keys:
            self._last.popitem(last=False)
        return last is None or now - last >= self.quiet_seconds

    def forget(self, key: str) -> None:
        self._last.pop(key, None)

    def __len__(self) -> int:
        return len(self._last)
