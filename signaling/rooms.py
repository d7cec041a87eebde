"""Pure room registry: name rules, rooms of two seats, who sits where.

No I/O, no asyncio, no logging: every method runs to completion without awaiting, so in
one event loop each call is atomic and the registry needs no lock.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import Enum

from .errors import NAME_INVALID, NAME_REQUIRED, ROOM_FULL, SignalingError

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
    CREATED = "created"  # the room was empty: the person waits there
    JOINED = "joined"  # someone was waiting: the two can start the call
    FULL = "full"  # both seats taken: nothing changed


@dataclass(frozen=True)
class LeaveOutcome:
    """Who left which room, and who (if anyone) is still there."""

    room: RoomName
    sid: str
    remaining_sid: str | None


@dataclass(frozen=True)
class JoinOutcome:
    """What a join did. `seat` 0 or 1 when seated; the seat decides the role."""

    result: JoinResult
    room: RoomName
    sid: str
    seat: int | None = None
    peer_sid: str | None = None
    left: LeaveOutcome | None = None  # the room this socket left to join this one
    is_repeat: bool = False  # the socket asked for the room it is already in

    @property
    def polite(self) -> bool:
        """Perfect-negotiation role: seat 0 (who made the room) yields on collisions."""
        return self.seat == 0


@dataclass
class _Room:
    name: RoomName
    seats: list[str | None] = field(default_factory=lambda: [None] * ROOM_CAPACITY)

    def seat_of(self, sid: str) -> int | None:
        return self.seats.index(sid) if sid in self.seats else None

    def other(self, sid: str) -> str | None:
        return next((s for s in self.seats if s is not None and s != sid), None)

    def is_empty(self) -> bool:
        return all(s is None for s in self.seats)


class RoomRegistry:
    """Rooms by key, and the room each socket sits in (at most one)."""

    def __init__(self) -> None:
        self._rooms: dict[str, _Room] = {}
        self._room_key_of: dict[str, str] = {}

    def join(self, sid: str, raw_name: object) -> JoinOutcome:
        """Seat `sid` in the named room, leaving any other room first."""
        room_name = parse_room_name(raw_name)
        room = self._rooms.get(room_name.key)
        if room is not None:
            if room.seat_of(sid) is not None:
                return self._seated(room, room_name, sid, left=None, is_repeat=True)
            if None not in room.seats:
                return JoinOutcome(JoinResult.FULL, room_name, sid)
        left = self.leave(sid)
        if room is None:
            room = self._rooms[room_name.key] = _Room(room_name)
        seat = room.seats.index(None)
        room.seats[seat] = sid
        self._room_key_of[sid] = room_name.key
        return self._seated(room, room_name, sid, left=left, is_repeat=False)

    def leave(self, sid: str) -> LeaveOutcome | None:
        """Free the seat of `sid`; the room disappears with its last person."""
        key = self._room_key_of.pop(sid, None)
        if key is None:
            return None
        room = self._rooms[key]
        room.seats[room.seats.index(sid)] = None
        if room.is_empty():
            del self._rooms[key]
        return LeaveOutcome(room.name, sid, room.other(sid))

    def peer_of(self, sid: str) -> str | None:
        """The other person in the room of `sid`, if there is one."""
        key = self._room_key_of.get(sid)
        return None if key is None else self._rooms[key].other(sid)

    def room_of(self, sid: str) -> RoomName | None:
        key = self._room_key_of.get(sid)
        return None if key is None else self._rooms[key].name

    @property
    def room_count(self) -> int:
        return len(self._rooms)

    @property
    def member_count(self) -> int:
        return len(self._room_key_of)

    def _seated(
        self,
        room: _Room,
        room_name: RoomName,
        sid: str,
        left: LeaveOutcome | None,
        is_repeat: bool,
    ) -> JoinOutcome:
        peer = room.other(sid)
        result = JoinResult.CREATED if peer is None else JoinResult.JOINED
        seat = room.seat_of(sid)
        return JoinOutcome(result, room_name, sid, seat, peer, left, is_repeat)
