"""Pure room registry: rooms of two seats, who sits where, held seats.

No I/O, no asyncio, no logging, no clock of its own (callers pass `now`): every method
runs to completion without awaiting, so in one event loop each call is atomic and the
registry needs no lock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .names import RoomName, parse_room_name
from .outcomes import JoinOutcome, JoinResult, LeaveOutcome
from .tokens import SeatTokens

ROOM_CAPACITY = 2


@dataclass
class _Seat:
    sid: str | None  # the live connection; None while the seat is held for its owner
    token: str | None = None  # our client's seat token; classic clients hold none
    held_until: float | None = None
    # The token its owner presented last, good until they present the fresh one
    # `token`: an ack lost on the way must not lock them out of their seat.
    prior: str | None = None


@dataclass
class _Room:
    name: RoomName
    seats: list[_Seat | None] = field(default_factory=lambda: [None] * ROOM_CAPACITY)
    # Per seat, the issue time (ms) of the last token given up by a real leave: a
    # token for that seat issued then or before is spent. Two numbers, however
    # often people come and go (a set of spent tokens grew for the room's life).
    spent_until: list[int] = field(default_factory=lambda: [0] * ROOM_CAPACITY)
    created_ms: int = 0  # on the token clock

    def index_of(self, sid: str) -> int | None:
        for index, seat in enumerate(self.seats):
            if seat is not None and seat.sid == sid:
                return index
        return None

    def other(self, index: int) -> _Seat | None:
        return self.seats[1 - index]

    def is_empty(self) -> bool:
        return all(seat is None for seat in self.seats)


class RoomRegistry:
    """Rooms by key, and the room each connection sits in (at most one).

    With `epoch_ms` (when this registry's life began, on the token clock), a token
    issued since then wins nothing in a room made after it: the room it was issued
    for was emptied meanwhile, so the token was spent or its seat expired. Tokens
    from before the epoch (a restart) still win their seats back in a new room.
    """

    def __init__(
        self,
        tokens: SeatTokens | None = None,
        epoch_ms: int | None = None,
        restart_window_ms: int | None = None,
    ) -> None:
        self._rooms: dict[str, _Room] = {}
        self._room_key_of: dict[str, str] = {}
        self._tokens = tokens
        self._epoch_ms = epoch_ms
        # Tokens from before the epoch win seats only this long after it (None:
        # always): who was in a call comes straight back, and a token spent
        # before a restart, which nothing here remembers, cannot be replayed later.
        self._restart_window_ms = restart_window_ms

    def join(
        self,
        sid: str,
        raw_name: object,
        seat_token: object = None,
        wants_token: bool = False,
    ) -> JoinOutcome:
        """Seat `sid` in the named room, leaving any other room first.

        A valid `seat_token` brings its owner back to their own seat, even while the
        server still believes the old connection is alive. With `wants_token`, a new
        seat comes with a token, and the seat is held when the connection drops.
        """
        room_name = parse_room_name(raw_name)
        room = self._rooms.get(room_name.key)
        if room is not None and (index := room.index_of(sid)) is not None:
            return self._outcome(room, room_name, sid, index, is_repeat=True)
        claimed = self._claimed_seat(room, room_name.key, seat_token)
        if claimed is None and room is not None and None not in room.seats:
            return JoinOutcome(JoinResult.FULL, room_name, sid)
        left = self.leave(sid)
        made_room = room is None
        if room is None:
            created = self._tokens.now_ms() if self._tokens is not None else 0
            room = self._rooms[room_name.key] = _Room(room_name, created_ms=created)
        replaced_sid = None
        token: str | None
        prior = None
        if claimed is not None:
            index, token = claimed, str(seat_token)
            if wants_token:  # a fresh token; the one presented lasts till it is used
                prior, token = token, self._issue(room, index) or token
            previous = room.seats[index]
            if previous is not None and previous.sid is not None:
                replaced_sid = previous.sid
                del self._room_key_of[replaced_sid]
        else:
            index = room.seats.index(None)
            token = self._issue(room, index) if wants_token else None
        room.seats[index] = _Seat(sid, token, prior=prior)
        self._room_key_of[sid] = room_name.key
        return self._outcome(
            room,
            room_name,
            sid,
            index,
            left=left,
            returned=claimed is not None,
            replaced_sid=replaced_sid,
            made_room=made_room,
        )

    def leave(self, sid: str) -> LeaveOutcome | None:
        """A real goodbye: free the seat at once; its token is worth nothing after."""
        key = self._room_key_of.pop(sid, None)
        if key is None:
            return None
        room = self._rooms[key]
        index = room.index_of(sid)
        assert index is not None
        seat = room.seats[index]
        if seat is not None and seat.token is not None:
            self._spend(room, index, seat.token)
        room.seats[index] = None
        return self._after_release(room, sid, index)

    def drop(self, sid: str, now: float, grace: float) -> LeaveOutcome | None:
        """A connection vanished: hold a seat that has a token, free any other."""
        key = self._room_key_of.get(sid)
        if key is None:
            return None
        room = self._rooms[key]
        index = room.index_of(sid)
        seat = room.seats[index] if index is not None else None
        if seat is None or seat.token is None or grace <= 0:
            return self.leave(sid)
        del self._room_key_of[sid]
        seat.sid, seat.held_until = None, now + grace
        peer = room.other(index)  # type: ignore[arg-type]
        return LeaveOutcome(
            room.name, sid, peer.sid if peer else None, True, _holds_token(peer)
        )

    def expire(self, now: float) -> list[LeaveOutcome]:
        """Free every held seat whose grace period has ended."""
        expired = []
        for room in list(self._rooms.values()):
            for index, seat in enumerate(room.seats):
                if seat is not None and seat.held_until is not None:
                    if seat.held_until <= now:
                        room.seats[index] = None
                        expired.append(self._after_release(room, None, index))
        return expired

    def peer_of(self, sid: str) -> str | None:
        """The other person's live connection in the room of `sid`, if there is one."""
        key = self._room_key_of.get(sid)
        if key is None:
            return None
        room = self._rooms[key]
        index = room.index_of(sid)
        peer = room.other(index) if index is not None else None
        return peer.sid if peer else None

    def room_key_of(self, sid: str) -> str | None:
        """The key of the room `sid` sits in: where its messages may go."""
        return self._room_key_of.get(sid)

    def room_of(self, sid: str) -> RoomName | None:
        key = self._room_key_of.get(sid)
        return None if key is None else self._rooms[key].name

    def members_without_token(self, room_key: str) -> list[str]:
        """Live connections that hold no seat token (classic clients) in a room."""
        room = self._rooms.get(room_key)
        if room is None:
            return []
        return [s.sid for s in room.seats if s and s.sid and s.token is None]

    def export_room(self, room_key: str) -> dict[str, Any] | None:
        """A room as plain JSON-ready data (None when there is no such room), for a
        store that keeps rooms outside this process (redis_rooms.py)."""
        room = self._rooms.get(room_key)
        if room is None:
            return None
        return {
            "name": room.name.name,
            "key": room.name.key,
            "seats": [
                None if seat is None else _export_seat(seat) for seat in room.seats
            ],
            "spent_until": list(room.spent_until),
            "created": room.created_ms,
        }

    def import_room(self, data: dict[str, Any]) -> None:
        """Put back a room that `export_room` wrote, with its seated connections."""
        room = _Room(RoomName(data["name"], data["key"]))
        room.seats = [
            None if seat is None else _Seat(*seat[:4]) for seat in data["seats"]
        ]
        # Rooms written before spent_until existed hold a "spent" list: their
        # tokens were of the old format, which wins nothing now anyway.
        room.spent_until = list(data.get("spent_until", [0] * ROOM_CAPACITY))
        room.created_ms = data.get("created", 0)
        self._rooms[room.name.key] = room
        for seat in room.seats:
            if seat is not None and seat.sid is not None:
                self._room_key_of[seat.sid] = room.name.key

    @property
    def room_count(self) -> int:
        return len(self._rooms)

    @property
    def member_count(self) -> int:
        return len(self._room_key_of)

    def _claimed_seat(
        self, room: _Room | None, room_key: str, seat_token: object
    ) -> int | None:
        """The seat a token wins back: the one held (or still sat in) for its owner, or
        its free seat when the room was made again after a restart. A token given up
        by a real leave, or for a seat someone else sits in, wins nothing."""
        if self._tokens is None or seat_token is None:
            return None
        claim = self._tokens.claim(seat_token, room_key)
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

    def _is_from_an_earlier_room(self, room: _Room | None, issued_ms: int) -> bool:
        """Issued in this registry's life for a room of this name that is gone."""
        if self._epoch_ms is None or issued_ms <= self._epoch_ms:
            return False  # from before this life (its own tokens come after)
        return room is None or issued_ms < room.created_ms

    def _is_past_the_restart_window(self, issued_ms: int) -> bool:
        """Issued before this registry's life, which began too long ago."""
        if self._restart_window_ms is None or self._epoch_ms is None:
            return False
        if issued_ms > self._epoch_ms or self._tokens is None:
            return False
        return self._tokens.now_ms() > self._epoch_ms + self._restart_window_ms

    def _spend(self, room: _Room, index: int, token: str) -> None:
        """A token given up by a real leave wins nothing after, nor does any
        token of the seat issued before it: the spent mark moves up to its time."""
        claim = self._tokens.claim(token, room.name.key) if self._tokens else None
        if claim is not None:
            room.spent_until[index] = max(room.spent_until[index], claim.issued_ms)

    def _issue(self, room: _Room, index: int) -> str | None:
        if self._tokens is None:
            return None
        not_before = max(room.spent_until[index], self._epoch_ms or 0)
        return self._tokens.issue(room.name.key, index, not_before)

    def _after_release(self, room: _Room, sid: str | None, index: int) -> LeaveOutcome:
        peer = room.other(index)
        if room.is_empty():
            del self._rooms[room.name.key]
        return LeaveOutcome(
            room.name, sid, peer.sid if peer else None, False, _holds_token(peer)
        )

    def _outcome(
        self,
        room: _Room,
        room_name: RoomName,
        sid: str,
        index: int,
        **details: Any,
    ) -> JoinOutcome:
        peer = room.other(index)
        seat = room.seats[index]
        return JoinOutcome(
            JoinResult.CREATED if peer is None else JoinResult.JOINED,
            room_name,
            sid,
            index,
            peer_sid=peer.sid if peer else None,
            peer_holds_token=_holds_token(peer),
            seat_token=seat.token if seat else None,
            **details,
        )


def _holds_token(seat: _Seat | None) -> bool:
    return seat is not None and seat.token is not None


def _export_seat(seat: _Seat) -> list[Any]:
    """[sid, token, held_until], and the prior token when there is one."""
    exported = [seat.sid, seat.token, seat.held_until]
    return exported if seat.prior is None else [*exported, seat.prior]
