"""Rooms in Redis, shared by every server process of one deployment: the `Rooms`
interface, and the lifecycles around it (leases, dead processes, Redis restarts).
Each change itself is redis_change.py's.

Every key starts with the deployment's prefix. Processes keep a lease in
`<prefix>:nodes`; the seats of a process whose lease ran out are dropped as if its
connections had vanished (held for their owners, then freed). A process that finds
its own lease gone (Redis restarted empty, or it was stalled past its lease) puts its
live connections back in their seats.

`<prefix>:epoch` is when this deployment's rooms began (set by the first process to
find it missing): as in memory (`RoomRegistry`'s epoch), a token issued since then
wins nothing in a room made after it, so "spent" outlives the room and costs no key
per room. When Redis comes back empty the epoch starts again, and the tokens of
everyone who was in a call win their seats back.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from signaling.rooms import (
    JoinOutcome,
    LeaveOutcome,
    RoomName,
    RoomRegistry,
    SeatTokens,
    SignalingError,
    parse_room_name,
)

from .redis_change import UNAVAILABLE, RoomChanges, is_redis_failure
from .redis_nodes import release_dead_node

logger = logging.getLogger(__name__)

# A process that has not renewed its lease for this long is taken for dead.
LEASE_SECONDS = 10.0

Result = TypeVar("Result")


@dataclass
class _LocalSeat:
    """What this process knows of one of its own connections' seats."""

    room: RoomName
    seat_token: str | None
    wants_token: bool
    peer: str | None = None  # the other person's connection, when it joined


class RedisRooms:
    """The `store.Rooms` interface on a redis.asyncio client."""

    def __init__(
        self,
        redis: Any,  # redis.asyncio.Redis
        tokens: SeatTokens,
        prefix: str,
        node_id: str,
        grace_seconds: float,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.redis = redis
        self.tokens = tokens
        self.prefix = prefix
        self.node_id = node_id
        self.grace_seconds = grace_seconds
        self.clock = clock
        self.changes = RoomChanges(redis, tokens, prefix, node_id)
        # This process's connections and their rooms: which room a change of
        # theirs reads (only a process seats its own connections).
        self._local: dict[str, _LocalSeat] = {}
        # Rooms whose seat this process held for a dropped connection, with when
        # the hold ends: they still count toward MAX_ROOMS until then.
        self._held_here: dict[str, float] = {}
        self._has_lease = False  # renewed at least once
        self._nodes = f"{prefix}:nodes"
        self._held = f"{prefix}:held"
        self._epoch = f"{prefix}:epoch"

    async def join(
        self,
        sid: str,
        raw_name: object,
        seat_token: object = None,
        wants_token: bool = False,
    ) -> JoinOutcome:
        room_name = parse_room_name(raw_name)  # bad names cost no round trip
        current = self.room_key_of(sid)
        outcome = await self._change(
            [room_name.key] if current is None else [room_name.key, current],
            lambda rooms: rooms.join(sid, raw_name, seat_token, wants_token),
            may_create=current is None,
        )
        if outcome.seat is not None:
            self._local[sid] = _LocalSeat(
                outcome.room, outcome.seat_token, wants_token, outcome.peer_sid
            )
        if outcome.replaced_sid is not None:
            self._local.pop(outcome.replaced_sid, None)
        return outcome

    async def leave(self, sid: str) -> LeaveOutcome | None:
        seat = self._local.pop(sid, None)
        if seat is None:
            return None  # seated nowhere, or its seat went to a newer connection
        return await self._change([seat.room.key], lambda rooms: rooms.leave(sid))

    async def drop(self, sid: str) -> LeaveOutcome | None:
        seat = self._local.pop(sid, None)
        if seat is None:
            return None
        now = self.clock()
        outcome = await self._change(
            [seat.room.key], _dropping(sid, now, self.grace_seconds)
        )
        if outcome is not None and outcome.held:
            self._held_here[outcome.room.key] = now + self.grace_seconds
        return outcome

    async def expire(self) -> list[LeaveOutcome]:
        """Renew this process's lease; free held seats whose time is up; hold the
        seats of processes that died. One round trip when nothing is due."""
        now = self.clock()
        async with self.redis.pipeline(transaction=False) as pipe:
            pipe.set(self._epoch, self.tokens.now_ms(), nx=True)
            pipe.get(self._epoch)
            pipe.zadd(self._nodes, {self.node_id: now + LEASE_SECONDS})
            pipe.zrangebyscore(self._nodes, "-inf", now)
            pipe.zrangebyscore(self._held, "-inf", now)
            _, epoch, added, dead, due = await self._redis(pipe.execute())
        self.changes.epoch_ms = int(epoch)
        outcomes: list[LeaveOutcome] = []
        if added and self._has_lease:
            # Our lease was gone: Redis lost our seats, or others dropped them.
            outcomes += await self._restore_local_seats()
        self._has_lease = True
        for node in dead:
            if node.decode() != self.node_id:
                outcomes += await self._release_dead_node(node.decode(), now)
        for key in due:
            outcomes += await self._change(
                [key.decode()], lambda rooms: rooms.expire(now)
            )
        return outcomes

    async def members_without_token(self, room_key: str) -> list[str]:
        registry = RoomRegistry(self.tokens)
        await self._redis(self.changes.read_into(registry, room_key))
        return registry.members_without_token(room_key)

    def room_key_of(self, sid: str) -> str | None:
        seat = self._local.get(sid)
        return None if seat is None else seat.room.key

    def peer_of(self, sid: str) -> str | None:
        seat = self._local.get(sid)
        return None if seat is None else seat.peer

    @property
    def room_count(self) -> int:
        """Rooms this process's connections sit in, or hold a seat for."""
        now = self.clock()
        for key, until in list(self._held_here.items()):
            if until <= now:
                del self._held_here[key]
        return len(
            {seat.room.key for seat in self._local.values()} | {*self._held_here}
        )

    @property
    def member_count(self) -> int:
        """Connections to this process that sit in a room."""
        return len(self._local)

    async def close(self) -> None:
        """A clean stop ends this process's lease: its seats are held at once."""
        try:
            await self._redis(self.redis.zadd(self._nodes, {self.node_id: 0}))
        except SignalingError:
            pass  # Redis is away: the lease runs out by itself
        finally:
            await self.redis.aclose()

    async def _release_dead_node(self, node: str, now: float) -> list[LeaveOutcome]:
        async def drop(key: str, sid: str) -> LeaveOutcome | None:
            return await self._change([key], _dropping(sid, now, self.grace_seconds))

        return await self._redis(release_dead_node(self.changes, node, drop))

    async def _restore_local_seats(self) -> list[LeaveOutcome]:
        """Sit this process's live connections back in their seats, where free; the
        ones someone else took meanwhile come back as `lost` outcomes."""
        seats = list(self._local.items())
        if seats:
            logger.warning(
                "room store lost this server's seats: restoring %d", len(seats)
            )
        lost = []
        for sid, seat in seats:
            outcome = await self._change([seat.room.key], _seating(sid, seat))
            if outcome.seat is None:
                self._local.pop(sid, None)  # someone else has it now
                lost.append(LeaveOutcome(seat.room, sid, None, lost=True))
        return lost

    async def _change(
        self,
        room_keys: list[str],
        change: Callable[[RoomRegistry], Result],
        may_create: bool = False,
    ) -> Result:
        if self.changes.epoch_ms is None:
            await self._renew_epoch()  # once, before the first lease renewal
        return await self.changes.run(room_keys, change, may_create)

    async def _renew_epoch(self) -> None:
        """Learn when the deployment's rooms began, starting them if nobody has."""
        async with self.redis.pipeline(transaction=False) as pipe:
            pipe.set(self._epoch, self.tokens.now_ms(), nx=True)
            pipe.get(self._epoch)
            _, epoch = await self._redis(pipe.execute())
        self.changes.epoch_ms = int(epoch)

    async def _redis(self, call: Awaitable[Result]) -> Result:
        try:
            return await call
        except Exception as error:
            if is_redis_failure(error):
                logger.warning("room store unavailable (%s)", type(error).__name__)
                raise UNAVAILABLE from None
            raise


def _dropping(
    sid: str, now: float, grace: float
) -> Callable[[RoomRegistry], LeaveOutcome | None]:
    return lambda rooms: rooms.drop(sid, now, grace)


def _seating(sid: str, seat: _LocalSeat) -> Callable[[RoomRegistry], JoinOutcome]:
    """Join again with what this process knows: the token claims the seat back,
    and stays the seat's token (its client holds no other)."""
    return lambda rooms: rooms.join(sid, seat.room.name, seat.seat_token, False)
