"""Where the rooms live, behind one interface the handlers await: in this process's
memory (the default, memory.py) or in Redis (redis_rooms.py, for several processes).

Both run every change through the pure `RoomRegistry`, so the rules are the same. Each
owns its clock: held seats are deadlines, and in Redis processes share them.
"""

from __future__ import annotations

from typing import Protocol

from signaling.rooms import JoinOutcome, LeaveOutcome, RoomName

from .memory import MemoryRooms


class Rooms(Protocol):
    """The room registry as the handlers use it."""

    async def join(
        self,
        sid: str,
        raw_name: object,
        seat_token: object = None,
        wants_token: bool = False,
    ) -> JoinOutcome: ...

    async def leave(self, sid: str) -> LeaveOutcome | None: ...

    async def drop(self, sid: str) -> LeaveOutcome | None: ...

    async def expire(self) -> list[LeaveOutcome]: ...

    async def members_without_token(self, room_key: str) -> list[str]: ...

    def room_of(self, sid: str) -> RoomName | None:
        """The room of a connection to this process (no I/O: the relay asks it)."""
        ...

    @property
    def room_count(self) -> int: ...

    @property
    def member_count(self) -> int: ...


__all__ = ["MemoryRooms", "Rooms"]
