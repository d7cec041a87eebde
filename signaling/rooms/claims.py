"""Seat tokens against rooms: the seat a token wins back, spending one, issuing
one. Pure: the token clock is the tokens' own (tokens.py); no I/O."""

from __future__ import annotations

from .room import Room
from .tokens import SeatTokens


class SeatClaims:
    """What a seat token is worth in a room.

    With `epoch_ms` (when the registry's life began, on the token clock), a token
    issued since then wins nothing in a room made after it: the room it was issued
    for was emptied meanwhile, so the token was spent or its seat expired. Tokens
    from before the epoch (a restart) still win their seats back in a new room, for
    `restart_window_ms` after the epoch (None: always): who was in a call comes
    straight back, and a token spent before a restart, which nothing here
    remembers, cannot be replayed later.
    """

    def __init__(
        self,
        tokens: SeatTokens | None,
        epoch_ms: int | None = None,
        restart_window_ms: int | None = None,
    ) -> None:
        self.tokens = tokens
        self.epoch_ms = epoch_ms
        self.restart_window_ms = restart_window_ms

    def now_ms(self) -> int:
        return self.tokens.now_ms() if self.tokens is not None else 0

    def claimed_seat(
        self, room: Room | None, room_key: str, seat_token: object
    ) -> int | None:
        """The seat a token wins back: the one held (or still sat in) for its owner, or
        its free seat when the room was made again after a restart. A token given up
        by a real leave, or for a seat someone else sits in, wins nothing."""
        if self.tokens is None or seat_token is None:
            return None
        claim = self.tokens.claim(seat_token, room_key)
        if claim is None or self._is_from_an_earlier_room(room, claim.issued_ms):
            return None
        if self._is_past_the_restart_window(claim.issued_ms):
            return None
        if room is None:
            return claim.seat
        seat = room.seats[claim.seat]
        if seat is None:
            spent = claim.issued_ms <= room.spent_until[claim.seat]
            return None if spent else claim.seat
        return claim.seat if seat_token in (seat.token, seat.prior) else None

    def spend(self, room: Room, index: int, token: str) -> None:
        """A token given up by a real leave wins nothing after, nor does any
        token of the seat issued before it: the spent mark moves up to its time."""
        claim = self.tokens.claim(token, room.name.key) if self.tokens else None
        if claim is not None:
            room.spent_until[index] = max(room.spent_until[index], claim.issued_ms)

    def issue(self, room: Room, index: int) -> str | None:
        if self.tokens is None:
            return None
        not_before = max(room.spent_until[index], self.epoch_ms or 0)
        return self.tokens.issue(room.name.key, index, not_before)

    def _is_from_an_earlier_room(self, room: Room | None, issued_ms: int) -> bool:
        """Issued in the registry's life for a room of this name that is gone."""
        if self.epoch_ms is None or issued_ms <= self.epoch_ms:
            return False  # from before this life (its own tokens come after)
        return room is None or issued_ms < room.created_ms

    def _is_past_the_restart_window(self, issued_ms: int) -> bool:
        """Issued before the registry's life, which began too long ago."""
        if self.restart_window_ms is None or self.epoch_ms is None:
            return False
        if issued_ms > self.epoch_ms or self.tokens is None:
            return False
        return self.tokens.now_ms() > self.epoch_ms + self.restart_window_ms
