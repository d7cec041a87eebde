"""Where the rooms live, behind one interface the handlers await: in this process's
memory (the default, memory.py) or in Redis (redis_rooms.py, for several processes).

Both run every change through the pure `RoomRegistry`, so the rules are the same. Each
owns its clock: held seats are deadlines, and in Redis processes share them.
"""

from __future__ import annotations

import uuid
from typing import Protocol

from signaling.config import Settings
from signaling.rooms import JoinOutcome, LeaveOutcome, RoomRegistry, SeatTokens

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

    def room_key_of(self, sid: str) -> str | None:
        """The room key of a connection to this process, where its messages may go
        (no I/O: the direct relay asks it for every frame)."""
        ...

    def peer_of(self, sid: str) -> str | None:
        """The other person in the room of a connection to this process, as this
        process last saw it (no I/O: the transport asks where to send)."""
        ...

    @property
    def room_count(self) -> int: ...

    @property
    def member_count(self) -> int: ...

    async def close(self) -> None:
        """Let go of the store as the server stops."""
        ...


def open_rooms(settings: Settings, tokens: SeatTokens) -> Rooms:
    """The store the settings ask for: Redis with REDIS_URL, else memory."""
    if not settings.redis_url:
        # Tokens issued from now on win nothing in a room emptied since (spent);
        # tokens from an earlier run, only within a grace period of this start.
        registry = RoomRegistry(
            tokens,
            epoch_ms=tokens.now_ms(),
            restart_window_ms=int(settings.seat_grace_seconds * 1000),
        )
        return MemoryRooms(registry, settings.seat_grace_seconds)
    from .redis_client import connect
    from .redis_rooms import RedisRooms

    return RedisRooms(
        connect(settings.redis_url),
        tokens,
        settings.redis_prefix,
        node_id=uuid.uuid4().hex[:12],
        grace_seconds=settings.seat_grace_seconds,
    )


__all__ = ["MemoryRooms", "Rooms", "open_rooms"]
