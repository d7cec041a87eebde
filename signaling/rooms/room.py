"""One room: its two seats, who sits in each, held seats, and how far each seat's
tokens are spent; as plain JSON-ready data for a store outside the process too.
Pure data: the rules live in registry.py (rooms) and claims.py (tokens)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .names import RoomName

ROOM_CAPACITY = 2


@dataclass
class Seat:
    sid: str | None  # the live connection; None while the seat is held for its owner
    token: str | None = None  # our client's seat token; classic clients hold none
    held_until: float | None = None
    # The token its owner presented last, good until they present the fresh one
    # `token`: an ack lost on the way must not lock them out of their seat.
    prior: str | None = None

    def to_data(self) -> list[Any]:
        """[sid, token, held_until], and the prior token when there is one."""
        data = [self.sid, self.token, self.held_until]
        return data if self.prior is None else [*data, self.prior]


@dataclass
class Room:
    name: RoomName
    seats: list[Seat | None] = field(default_factory=lambda: [None] * ROOM_CAPACITY)
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

    def other(self, index: int) -> Seat | None:
        return self.seats[1 - index]

    def is_empty(self) -> bool:
        return all(seat is None for seat in self.seats)

    def to_data(self) -> dict[str, Any]:
        """The room as plain JSON-ready data (redis_rooms.py keeps it so)."""
        return {
            "name": self.name.name,
            "key": self.name.key,
            "seats": [None if seat is None else seat.to_data() for seat in self.seats],
            "spent_until": list(self.spent_until),
            "created": self.created_ms,
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Room:
        """The room `to_data` wrote."""
        room = cls(RoomName(data["name"], data["key"]))
        room.seats = [
            None if seat is None else Seat(*seat[:4]) for seat in data["seats"]
        ]
        # Rooms written before spent_until existed hold a "spent" list: their
        # tokens were of the old format, which wins nothing now anyway.
        room.spent_until = list(data.get("spent_until", [0] * ROOM_CAPACITY))
        room.created_ms = data.get("created", 0)
        return room


def holds_token(seat: Seat | None) -> bool:
    return seat is not None and seat.token is not None
