"""Pure room registry: name rules, rooms of two seats, who sits where, held seats.

No I/O, no asyncio, no logging, no clock of its own (callers pass `now`): every method
runs to completion without awaiting, so in one event loop each call is atomic and the
registry needs no lock.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from .errors import NAME_INVALID, NAME_REQUIRED, ROOM_FULL, SignalingError
from .tokens import SeatTokens

MAX_ROOM_NAME_LENGTH = 64
ROOM_CAPACITY = 2

# Whitespace we trim and collapse; every other control or format character is refused.
_WHITESPACE_RUN = re.compile(
    r"[\t\n\r\f\v \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+"
)
_REFUSED_CATEGORIES = {"Cc", "Cf", "Cs", "Cn"}
_ALLOWED_FORMAT_CHARACTERS = {"\u200d"}  # zero-width joiner: part of many emoji


@dataclass(frozen=True)
class RoomName:
    """A valid room name: `name` as typed (trimmed), `key` for matching."""

    name: str
    key: str


def parse_room_name(raw: object) -> RoomName:
    """Check and normalise a room name, or raise SignalingError saying what to fix."""
    if not isinstance(raw, str):
        raise SignalingError(NAME_INVALID, "The room name must be text.")
    # Bound the work before normalising: a huge string is refused, not processed.
    if len(raw) > MAX_ROOM_NAME_LENGTH * 4:
        raise _too_long()
    name = _WHITESPACE_RUN.sub(" ", unicodedata.normalize("NFC", raw)).strip()
    if not name:
        raise SignalingError(NAME_REQUIRED, "Type a name for the room.")
    if len(name) > MAX_ROOM_NAME_LENGTH:
        raise _too_long()
    for character in name:
        if (
            unicodedata.category(character) in _REFUSED_CATEGORIES
            and character not in _ALLOWED_FORMAT_CHARACTERS
        ):
            raise SignalingError(
                NAME_INVALID,
                "Room names cannot contain control characters. "
                "Use letters, digits, spaces or punctuation.",
            )
    key = unicodedata.normalize("NFC", name.casefold())
    return RoomName(name=name, key=key)


def room_full_error(room: RoomName) -> SignalingError:
    return SignalingError(
        ROOM_FULL, f"Room “{room.name}” already has two people. Pick another name."
    )


def _too_long() -> SignalingError:
    return SignalingError(
        NAME_INVALID,
        f"Room names can be at most {MAX_ROOM_NAME_LENGTH} characters. "
        "Pick a shorter name.",
    )


class JoinResult(Enum):
    CREATED = "created"  # nobody else in the room: the person waits there
    JOINED = "joined"  # the other seat is taken: the two can start the call
    FULL = "full"  # both seats taken: nothing changed


@dataclass(frozen=True)
class LeaveOutcome:
    """Who left which room (or dropped, seat `held`), and who is still there."""

    room: RoomName
    sid: str | None
    remaining_sid: str | None
    held: bool = False
    remaining_holds_token: bool = False  # who stays is our client, not a classic one


@dataclass(frozen=True)
class JoinOutcome:
    """What a join did. `seat` 0 or 1 when seated; the seat decides the role."""

    result: JoinResult
    room: RoomName
    sid: str
    seat: int | None = None
    peer_sid: str | None = None  # the other person's live connection
    peer_holds_token: bool = False  # the other person is our client
    left: LeaveOutcome | None = None  # the room this socket left to join this one
    is_repeat: bool = False  # the socket asked for the room it is already in
    returned: bool = False  # a seat token brought its owner back to their seat
    replaced_sid: str | None = None  # the owner's previous connection, now stale
    seat_token: str | None = None

    @property
    def polite(self) -> bool:
        """Perfect-negotiation role: seat 0 (who made the room) yields on collisions."""
        return self.seat == 0


@dataclass
class _Seat:
    sid: str | None  # the live connection; None while the seat is held for its owner
    token: str | None = None  # our client's seat token; classic clients hold none
    held_until: float | None = None


@dataclass
class _Room:
    name: RoomName
    seats: list[_Seat | None] = field(default_factory=lambda: [None] * ROOM_CAPACITY)
    spent_tokens: set[str] = field(default_factory=set)  # given up by a real leave

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
    """Rooms by key, and the room each connection sits in (at most one)."""

    def __init__(self, tokens: SeatTokens | None = None) -> None:
        self._rooms: dict[str, _Room] = {}
        self._room_key_of: dict[str, str] = {}
        self._tokens = tokens

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
        if room is None:
            room = self._rooms[room_name.key] = _Room(room_name)
        replaced_sid = None
        token: str | None
        if claimed is not None:
            index, token = claimed, str(seat_token)
            previous = room.seats[index]
            if previous is not None and previous.sid is not None:
                replaced_sid = previous.sid
                del self._room_key_of[replaced_sid]
        else:
            index = room.seats.index(None)
            token = self._issue(room_name.key, index) if wants_token else None
        room.seats[index] = _Seat(sid, token)
        self._room_key_of[sid] = room_name.key
        return self._outcome(
            room,
            room_name,
            sid,
            index,
            left=left,
            returned=claimed is not None,
            replaced_sid=replaced_sid,
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
            room.spent_tokens.add(seat.token)
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
        index = self._tokens.seat_of(seat_token, room_key)
        if index is None or room is None:
            return index
        seat = room.seats[index]
        if seat is None:
            return None if seat_token in room.spent_tokens else index
        return index if seat.token == seat_token else None

    def _issue(self, room_key: str, index: int) -> str | None:
        return None if self._tokens is None else self._tokens.issue(room_key, index)

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
