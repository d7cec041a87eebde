"""Seats per address: the seats that connections from one address sit in, plus
the seats held for those of them that dropped, until their grace period ends.

Without it, connections that take a seat with a token and vanish leave a held
room each; one address opening and dropping connections could hold every room
the server allows. Pure: no I/O; the clock is injected.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable

# (room key, seat index): one seat, as long as its room exists.
SeatKey = tuple[str, int]


class SeatCounter:
    """Live and held seats per address, to refuse one seat too many."""

    def __init__(
        self,
        limit: int,
        grace_seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.grace_seconds = grace_seconds
        self.clock = clock
        self._count: dict[str, int] = {}
        self._live: dict[str, tuple[str, SeatKey]] = {}  # sid: (address, seat)
        # Held seats in the order they were held: with one grace period for all,
        # that is the order their deadlines come in.
        self._held: OrderedDict[SeatKey, tuple[str, float]] = OrderedDict()

    def take(
        self,
        sid: str,
        address: str,
        seat: SeatKey,
        *,
        returned: bool = False,
        replaced_sid: str | None = None,
    ) -> None:
        """Count the seat `sid` now sits in (instead of any it sat in before). A
        returning owner's seat stops being held: it is the same seat."""
        self._forget_expired()
        self._release_live(sid)
        if replaced_sid is not None:
            self._release_live(replaced_sid)  # the owner's stale connection
        if returned:
            self._release_held(seat)
        self._live[sid] = (address, seat)
        self._count[address] = self._count.get(address, 0) + 1

    def is_over(self, address: str) -> bool:
        """More seats than the limit for `address`."""
        return self.count(address) > self.limit

    def release(self, sid: str, *, held: bool = False) -> None:
        """`sid` left its seat; with `held`, the seat waits for its owner and
        counts until the grace period ends."""
        entry = self._live.pop(sid, None)
        if entry is None:
            return
        address, seat = entry
        if held and self.grace_seconds > 0:
            self._release_held(seat)  # a seat is held for one owner at a time
            self._held[seat] = (address, self.clock() + self.grace_seconds)
            self._held.move_to_end(seat)
        else:
            self._decrement(address)

    def count(self, address: str) -> int:
        self._forget_expired()
        return self._count.get(address, 0)

    def _release_live(self, sid: str) -> None:
        entry = self._live.pop(sid, None)
        if entry is not None:
            self._decrement(entry[0])

    def _release_held(self, seat: SeatKey) -> None:
        entry = self._held.pop(seat, None)
        if entry is not None:
            self._decrement(entry[0])

    def _forget_expired(self) -> None:
        now = self.clock()
        while self._held:
            seat, (address, deadline) = next(iter(self._held.items()))
            if deadline > now:
                return
            del self._held[seat]
            self._decrement(address)

    def _decrement(self, address: str) -> None:
        count = self._count[address] - 1
        if count:
            self._count[address] = count
        else:
            del self._count[address]
