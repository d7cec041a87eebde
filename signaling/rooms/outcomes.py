"""What a join or a leave did: small frozen values the protocol turns into events."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .names import RoomName


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
    # The store lost this seat (Redis restarted empty) and someone else took it
    # before it could be put back: `sid` is still connected but sits nowhere.
    lost: bool = False


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
    made_room: bool = False  # the room did not exist before this join
    seat_token: str | None = None

    @property
    def is_peer_held(self) -> bool:
        """The other seat waits for its owner, whose connection dropped."""
        return self.result is JoinResult.JOINED and self.peer_sid is None

    @property
    def polite(self) -> bool:
        """Perfect-negotiation role: seat 0 (who made the room) yields on collisions."""
        return self.seat == 0
