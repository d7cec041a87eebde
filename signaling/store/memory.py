"""Rooms in this process's memory: the default store, for one server process."""

from __future__ import annotations

import time
from collections.abc import Callable

from signaling.rooms import JoinOutcome, LeaveOutcome, RoomRegistry


class MemoryRooms:
    """Rooms in this process's memory: a `RoomRegistry` and a monotonic clock."""

    def __init__(
        self,
        registry: RoomRegistry,
        grace_seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.registry = registry
        self.grace_seconds = grace_seconds
        self.clock = clock

    async def join(
        self,
        sid: str,
        raw_name: object,
        seat_token: object = None,
        wants_token: bool = False,
    ) -> JoinOutcome:
        return self.registry.join(sid, raw_name, seat_token, wants_token)

    async def leave(self, sid: str) -> LeaveOutcome | None:
        return self.registry.leave(sid)

    async def drop(self, sid: str) -> LeaveOutcome | None:
        return self.registry.drop(sid, self.clock(), self.grace_seconds)

    async def expire(self) -> list[LeaveOutcome]:
        return self.registry.expire(self.clock())

    async def members_without_token(self, room_key: str) -> list[str]:
        return self.registry.members_without_token(room_key)

    def room_key_of(self, sid: str) -> str | None:
        return self.registry.room_key_of(sid)

    def peer_of(self, sid: str) -> str | None:
        return self.registry.peer_of(sid)

    @property
    def room_count(self) -> int:
        return self.registry.room_count

    @property
    def member_count(self) -> int:
        return self.registry.member_count

    async def close(self) -> None:
        pass
