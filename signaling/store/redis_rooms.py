"""Rooms in Redis, shared by every server process of one deployment.

Each change reads the rooms it touches, runs the pure `RoomRegistry` on them (the
same rules as in memory) and writes the result back in one MULTI/EXEC under WATCH:
when another process changed one of those rooms meanwhile, nothing is written and
the change runs again on what is there now. So processes racing for a seat can never
seat a third person.

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

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from signaling.rooms import (
    SERVER_UNAVAILABLE,
    JoinOutcome,
    LeaveOutcome,
    RoomName,
    RoomRegistry,
    SeatTokens,
    SignalingError,
    parse_room_name,
)

logger = logging.getLogger(__name__)

# A process that has not renewed its lease for this long is taken for dead.
LEASE_SECONDS = 10.0
# Tries of one change while other processes keep changing the same rooms: racers for
# one room commit one at a time, so the last of n racers may need n tries.
MAX_ATTEMPTS = 100
# How long one Redis command may take before the store counts as away.
TIMEOUT_SECONDS = 2.0
# Connections to Redis per process; changes beyond wait their turn, for at most
# CONNECTION_WAIT_SECONDS (then the join is refused `server-unavailable`).
MAX_CONNECTIONS = 32
CONNECTION_WAIT_SECONDS = 10.0
UNAVAILABLE = SignalingError(
    SERVER_UNAVAILABLE,
    "The server cannot reach its room store right now. Try again in a moment.",
)

Result = TypeVar("Result")


@dataclass
class _LocalSeat:
    """What this process knows of one of its own connections' seats."""

    room: RoomName
    seat_token: str | None
    wants_token: bool


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
        self._local: dict[str, _LocalSeat] = {}
        # Rooms whose seat this process held for a dropped connection, with when
        # the hold ends: they still count toward MAX_ROOMS until then.
        self._held_here: dict[str, float] = {}
        self._has_lease = False  # renewed at least once
        self._nodes = f"{prefix}:nodes"
        self._held = f"{prefix}:held"
        self._epoch = f"{prefix}:epoch"
        self._epoch_ms: int | None = None  # until the first renewal

    # The interface ---------------------------------------------------------------

    async def join(
        self,
        sid: str,
        raw_name: object,
        seat_token: object = None,
        wants_token: bool = False,
    ) -> JoinOutcome:
        room_name = parse_room_name(raw_name)  # bad names cost no round trip
        outcome = await self._change(
            [sid],
            [room_name.key],
            lambda rooms: rooms.join(sid, raw_name, seat_token, wants_token),
        )
        if outcome.seat is not None:
            self._local[sid] = _LocalSeat(outcome.room, outcome.seat_token, wants_token)
        if outcome.replaced_sid is not None:
            self._local.pop(outcome.replaced_sid, None)
        return outcome

    async def leave(self, sid: str) -> LeaveOutcome | None:
        self._local.pop(sid, None)
        return await self._change([sid], [], lambda rooms: rooms.leave(sid))

    async def drop(self, sid: str) -> LeaveOutcome | None:
        self._local.pop(sid, None)
        now = self.clock()
        outcome = await self._change([sid], [], _dropping(sid, now, self.grace_seconds))
        if outcome is not None and outcome.held:
            self._held_here[outcome.room.key] = now + self.grace_seconds
        return outcome

    async def expire(self) -> list[LeaveOutcome]:
        """Renew this process's lease; free held seats whose time is up; hold the
        seats of processes that died."""
        now = self.clock()
        await self._renew_epoch()
        added = await self._redis(
            self.redis.zadd(self._nodes, {self.node_id: now + LEASE_SECONDS})
        )
        outcomes: list[LeaveOutcome] = []
        if added and self._has_lease:
            # Our lease was gone: Redis lost our seats, or others dropped them.
            outcomes += await self._restore_local_seats()
        self._has_lease = True
        outcomes += await self._release_dead_nodes(now)
        due = await self._redis(self.redis.zrangebyscore(self._held, "-inf", now))
        for key in due:
            outcomes += await self._change(
                [], [key.decode()], lambda rooms: rooms.expire(now)
            )
        return outcomes

    async def members_without_token(self, room_key: str) -> list[str]:
        blob = await self._redis(self.redis.get(self._room(room_key)))
        if blob is None:
            return []
        registry = RoomRegistry(self.tokens)
        registry.import_room(json.loads(blob))
        return registry.members_without_token(room_key)

    def room_key_of(self, sid: str) -> str | None:
        seat = self._local.get(sid)
        return None if seat is None else seat.room.key

    @property
    def room_count(self) -> int:
        """Rooms that a connection to this process sits in, or that hold a seat
        for one that dropped."""
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
        """A clean stop: this process's lease ends now, so its seats are held at once
        (the server closes every connection without goodbyes when it stops)."""
        try:
            await self._redis(self.redis.zadd(self._nodes, {self.node_id: 0}))
        except SignalingError:
            pass  # Redis is away: the lease runs out by itself
        finally:
            await self.redis.aclose()

    # Lifecycles --------------------------------------------------------------

    async def _release_dead_nodes(self, now: float) -> list[LeaveOutcome]:
        dead = await self._redis(self.redis.zrangebyscore(self._nodes, "-inf", now))
        outcomes: list[LeaveOutcome] = []
        for raw_node in dead:
            node = raw_node.decode()
            if node == self.node_id:
                continue
            members = await self._redis(self.redis.smembers(self._node_sids(node)))
            for raw_sid in members:
                sid = raw_sid.decode()
                outcome = await self._change(
                    [sid], [], _dropping(sid, now, self.grace_seconds)
                )
                if outcome is not None:
                    logger.info("sid=%s its server is gone: seat dropped", sid)
                    outcomes.append(outcome)
            await self._redis(self._forget_node(node))
        return outcomes

    async def _forget_node(self, node: str) -> None:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.delete(self._node_sids(node))
            pipe.zrem(self._nodes, node)
            await pipe.execute()

    async def _renew_epoch(self) -> None:
        """Learn when the deployment's rooms began, starting them if nobody has."""
        async with self.redis.pipeline(transaction=False) as pipe:
            pipe.set(self._epoch, self.tokens.now_ms(), nx=True)
            pipe.get(self._epoch)
            _, epoch = await self._redis(pipe.execute())
        self._epoch_ms = int(epoch)

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
            outcome = await self._change([sid], [seat.room.key], _seating(sid, seat))
            if outcome.seat is None:
                self._local.pop(sid, None)  # someone else has it now
                lost.append(LeaveOutcome(seat.room, sid, None, lost=True))
        return lost

    # One change ----------------------------------------------------------------

    async def _change(
        self,
        sids: list[str],
        room_keys: list[str],
        change: Callable[[RoomRegistry], Result],
    ) -> Result:
        """Run `change` on the rooms of `sids` and `room_keys`, as one transaction."""
        from redis.exceptions import WatchError

        if self._epoch_ms is None:
            await self._renew_epoch()  # once, before the first lease renewal
        for _ in range(MAX_ATTEMPTS):
            try:
                async with self.redis.pipeline(transaction=True) as pipe:
                    return await self._attempt(pipe, sids, room_keys, change)
            except WatchError:
                continue
            except SignalingError:
                raise
            except Exception as error:
                if _is_redis_failure(error):
                    logger.warning("room store unavailable (%s)", type(error).__name__)
                    raise UNAVAILABLE from None
                raise
        raise UNAVAILABLE

    async def _attempt(
        self,
        pipe: Any,
        sids: list[str],
        room_keys: list[str],
        change: Callable[[RoomRegistry], Result],
    ) -> Result:
        sid_keys = [self._sid(sid) for sid in sids]
        if sid_keys:
            await pipe.watch(*sid_keys)
            current = await pipe.mget(*sid_keys)
        else:
            current = []
        keys = list(dict.fromkeys([*room_keys, *(c.decode() for c in current if c)]))
        registry = RoomRegistry(self.tokens, epoch_ms=self._epoch_ms)
        before: dict[str, dict[str, Any]] = {}
        if keys:
            await pipe.watch(*(self._room(key) for key in keys))
            blobs = await pipe.mget(*map(self._room, keys))
            for key, blob in zip(keys, blobs, strict=True):
                if blob is not None:
                    before[key] = json.loads(blob)
                    registry.import_room(before[key])
        result = change(registry)
        after = {key: registry.export_room(key) for key in keys}
        pipe.multi()
        self._write(pipe, before, after)
        await pipe.execute()
        return result

    def _write(
        self,
        pipe: Any,
        before: dict[str, dict[str, Any]],
        after: dict[str, dict[str, Any] | None],
    ) -> None:
        """Queue what changed: rooms, their held-seat deadlines, each seat's sid."""
        for key, room in after.items():
            if room == before.get(key):
                continue
            if room is None:
                pipe.delete(self._room(key))
                pipe.zrem(self._held, key)
                continue
            pipe.set(self._room(key), json.dumps(room))
            deadlines = [seat[2] for seat in room["seats"] if seat and seat[2]]
            if deadlines:
                pipe.zadd(self._held, {key: min(deadlines)})
            else:
                pipe.zrem(self._held, key)
        seated_before = _seated(before.values())
        seated_after = _seated(room for room in after.values() if room is not None)
        for sid in seated_before.keys() - seated_after.keys():
            pipe.delete(self._sid(sid))
            pipe.srem(self._node_sids(self.node_id), sid)
        for sid, key in seated_after.items():
            if seated_before.get(sid) != key:
                pipe.set(self._sid(sid), key)
                pipe.sadd(self._node_sids(self.node_id), sid)

    async def _redis(self, call: Awaitable[Result]) -> Result:
        try:
            return await call
        except Exception as error:
            if _is_redis_failure(error):
                logger.warning("room store unavailable (%s)", type(error).__name__)
                raise UNAVAILABLE from None
            raise

    def _room(self, key: str) -> str:
        return f"{self.prefix}:room:{key}"

    def _sid(self, sid: str) -> str:
        return f"{self.prefix}:sid:{sid}"

    def _node_sids(self, node: str) -> str:
        return f"{self.prefix}:node:{node}:sids"


def connect(url: str) -> Any:
    """A redis.asyncio client that fails fast when Redis is away (a join waits
    seconds, not minutes) and, when a burst of joins has every connection in use,
    waits for one: redis-py's default pool refuses past 100 connections."""
    from ..transport.redis_manager import redis_asyncio

    module = redis_asyncio()
    pool = module.BlockingConnectionPool.from_url(
        url,
        max_connections=MAX_CONNECTIONS,
        timeout=CONNECTION_WAIT_SECONDS,
        socket_connect_timeout=TIMEOUT_SECONDS,
        socket_timeout=TIMEOUT_SECONDS,
    )
    return module.Redis.from_pool(pool)  # closing the client closes the pool


def _dropping(
    sid: str, now: float, grace: float
) -> Callable[[RoomRegistry], LeaveOutcome | None]:
    return lambda rooms: rooms.drop(sid, now, grace)


def _seating(sid: str, seat: _LocalSeat) -> Callable[[RoomRegistry], JoinOutcome]:
    """Join again with what this process knows: the token claims the seat back."""
    return lambda rooms: rooms.join(
        sid, seat.room.name, seat.seat_token, seat.wants_token
    )


def _seated(rooms: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Each live connection in these rooms, with its room's key."""
    return {
        seat[0]: room["key"]
        for room in rooms
        for seat in room["seats"]
        if seat and seat[0] is not None
    }


def _is_redis_failure(error: Exception) -> bool:
    from redis.exceptions import RedisError

    return isinstance(error, RedisError | OSError | asyncio.TimeoutError)
