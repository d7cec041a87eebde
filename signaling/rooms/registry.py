"""Pure room registry: rooms of two seats, who sits where, held seats.

No I/O, no asyncio, no logging, no clock of its own (callers pass `now`): every method
runs to completion without awaiting, so in one event loop each call is atomic and the
registry needs no lock.
"""

from __future__ import annotations

from typing import Any

from .claims import SeatClaims
from .names import RoomName, parse_room_name
from .outcomes import JoinOutcome, JoinResult, LeaveOutcome
from .room import Room, Seat, holds_token
from .tokens import SeatTokens


class RoomRegistry:
    """Rooms by key, and the room each connection sits in (at most one). What a
    seat token wins is `SeatClaims`' to say (claims.py: `epoch_ms`,
    `restart_window_ms`)."""

    def __init__(
        self,
        tokens: SeatTokens | None = None,
        epoch_ms: int | None = None,
        restart_window_ms: int | None = None,
    ) -> None:
        self._rooms: dict[str, Room] = {}
        self._room_key_of: dict[str, str] = {}
        self.claims = SeatClaims(tokens, epoch_ms, restart_window_ms)

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
        claimed = self.claims.claimed_seat(room, room_name.key, seat_token)
        if claimed is None and room is not None and None not in room.seats:
            return JoinOutcome(JoinResult.FULL, room_name, sid)
        left = self.leave(sid)
        made_room = room is None
        if room is None:
            room = Room(room_name, created_ms=self.claims.now_ms())
            self._rooms[room_name.key] = room
        replaced_sid = None
        token: str | None
        prior = None
        if claimed is not None:
            index, token = claimed, str(seat_token)
            if wants_token:  # a fresh token; the one presented lasts till it is used
                prior, token = token, self.claims.issue(room, index) or token
            previous = room.seats[index]
            if previous is not None and previous.sid is not None:
                replaced_sid = previous.sid
                del self._room_key_of[replaced_sid]
        else:
            index = room.seats.index(None)
            token = self.claims.issue(room, index) if wants_token else None
        room.seats[index] = Seat(sid, token, prior=prior)
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
            self.claims.spend(room, index, seat.token)
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
            room.name, sid, peer.sid if peer else None, True, holds_token(peer)
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
        return None if room is None else room.to_data()

    def import_room(self, data: dict[str, Any]) -> None:
        """Put back a room that `export_room` wrote, with its seated connections."""
        room = Room.from_data(data)
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

    def _after_release(self, room: Room, sid: str | None, index: int) -> LeaveOutcome:
        peer = room.other(index)
        if room.is_empty():
            del self._rooms[room.name.key]
        return LeaveOutcome(
            room.name, sid, peer.sid if peer else None, False, holds_token(peer)
        )

    def _outcome(
        self,
        room: Room,
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
            peer_holds_token=holds_token(peer),
            seat_token=seat.token if seat else None,
            **details,
        )
