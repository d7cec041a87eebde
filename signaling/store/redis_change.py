"""One change to rooms in Redis: read them, run the pure `RoomRegistry` on them (the
same rules as in memory), and write back what changed only if nobody changed those
rooms meanwhile; otherwise run again on what is there now. So processes racing for
a seat can never seat a third person.

Round trips: a join that may make a new room sends `SET room NX GET` first, which
writes the room when it is not there (the whole join: one command) and otherwise
returns it, so that the second round trip, the compare-and-set script, follows at
once. Every other change is a GET and the script. A change that writes nothing
(a full room) stops after the read.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from signaling.rooms import SERVER_UNAVAILABLE, RoomRegistry, SeatTokens, SignalingError

logger = logging.getLogger(__name__)

# Tries of one change while other processes keep changing the same rooms: racers for
# one room commit one at a time, so the last of n racers may need n tries.
MAX_ATTEMPTS = 100
UNAVAILABLE = SignalingError(
    SERVER_UNAVAILABLE,
    "The server cannot reach its room store right now. Try again in a moment.",
)

# KEYS: the n rooms read, then the held-seat deadlines. ARGV: n, each room as it
# was read ('' when absent), then per room its new value ('' deletes it), its
# earliest held-seat deadline ('' for none, '-' unchanged) and its key.
WRITE_IF_UNCHANGED = """
local n = tonumber(ARGV[1])
for i = 1, n do
  if (redis.call('GET', KEYS[i]) or '') ~= ARGV[1 + i] then return 0 end
end
local held, a = KEYS[n + 1], n + 2
for i = 1, n do
  local room, deadline, key = ARGV[a], ARGV[a + 1], ARGV[a + 2]
  a = a + 3
  if room == '' then
    if ARGV[1 + i] ~= '' then redis.call('DEL', KEYS[i]) end
  elseif room ~= ARGV[1 + i] then
    redis.call('SET', KEYS[i], room)
  end
  if deadline == '' then redis.call('ZREM', held, key)
  elseif deadline ~= '-' then redis.call('ZADD', held, deadline, key) end
end
return 1
"""

Result = TypeVar("Result")
Change = Callable[[RoomRegistry], Result]


@dataclass
class RoomChanges:
    """Runs changes on the rooms of one deployment, as one process (`node_id`)."""

    redis: Any  # redis.asyncio.Redis
    tokens: SeatTokens
    prefix: str
    node_id: str
    epoch_ms: int | None = None

    def __post_init__(self) -> None:
        self._write = self.redis.register_script(WRITE_IF_UNCHANGED)
        self.held_key = f"{self.prefix}:held"

    def room(self, key: str) -> str:
        return f"{self.prefix}:room:{key}"

    async def run(
        self, room_keys: list[str], change: Change[Result], may_create: bool = False
    ) -> Result:
        """Run `change` on these rooms as one transaction. `may_create`: the change
        is a join whose only room may not exist yet (one round trip if so)."""
        keys = list(dict.fromkeys(room_keys))
        for attempt in range(MAX_ATTEMPTS):
            try:
                if may_create and attempt == 0 and len(keys) == 1:
                    done, result = await self._create(keys[0], change)
                else:
                    done, result = await self._attempt(keys, change, None)
            except SignalingError:
                raise
            except Exception as error:
                if is_redis_failure(error):
                    logger.warning("room store unavailable (%s)", type(error).__name__)
                    raise UNAVAILABLE from None
                raise
            if done:
                return result
        raise UNAVAILABLE

    async def read_into(self, registry: RoomRegistry, key: str) -> None:
        """Put one room, as it is now, into `registry` (to read, not to change)."""
        blob = await self.redis.get(self.room(key))
        if blob is not None:
            registry.import_room(room_of(blob))

    async def _create(self, key: str, change: Change[Result]) -> tuple[bool, Result]:
        registry = self._registry()
        result = change(registry)
        room = registry.export_room(key)
        if room is None:
            return await self._attempt([key], change, None)
        self._note_nodes(room, {})
        found = await self.redis.set(
            self.room(key), json.dumps(room), nx=True, get=True
        )
        if found is None:
            return True, result  # it was not there: the room is ours, as written
        return await self._attempt([key], change, {key: found})

    async def _attempt(
        self, keys: list[str], change: Change[Result], read: dict[str, bytes] | None
    ) -> tuple[bool, Result]:
        if read is None:
            blobs = await self.redis.mget(*map(self.room, keys)) if keys else []
            read = {k: b for k, b in zip(keys, blobs, strict=True) if b is not None}
        registry = self._registry()
        before = {key: room_of(blob) for key, blob in read.items()}
        for room in before.values():
            registry.import_room(room)
        result = change(registry)
        args: list[Any] = [len(keys), *(read.get(key, b"") for key in keys)]
        changed = False
        for key in keys:
            old, new = before.get(key), registry.export_room(key)
            if new is not None:
                self._note_nodes(new, (old or {}).get("nodes", {}))
            if _without_nodes(new) == _without_nodes(old):
                args += [read.get(key, b""), "-", key]
                continue
            changed = True
            args += [b"" if new is None else json.dumps(new), _deadline(old, new), key]
        if not changed:
            return True, result  # nothing to write: what was read decided it
        written = await self._write(
            keys=[*map(self.room, keys), self.held_key], args=args
        )
        return bool(written), result

    def _registry(self) -> RoomRegistry:
        return RoomRegistry(self.tokens, epoch_ms=self.epoch_ms)

    def _note_nodes(self, room: dict[str, Any], nodes: dict[str, str]) -> None:
        """Which process each seated connection is on: a newcomer is on this one
        (only a process seats its own connections); used when a process dies."""
        room["nodes"] = {
            seat[0]: nodes.get(seat[0], self.node_id)
            for seat in room["seats"]
            if seat and seat[0] is not None
        }


def room_of(blob: bytes | str) -> dict[str, Any]:
    room: dict[str, Any] = json.loads(blob)
    return room


def _without_nodes(room: dict[str, Any] | None) -> dict[str, Any] | None:
    if room is None:
        return None
    return {name: value for name, value in room.items() if name != "nodes"}


def _deadline(old: dict[str, Any] | None, new: dict[str, Any] | None) -> str:
    """The room's entry in the held set: '' to remove it, '-' to leave it."""
    before, after = _earliest_hold(old), _earliest_hold(new)
    if before == after:
        return "-"
    return "" if after is None else repr(after)


def _earliest_hold(room: dict[str, Any] | None) -> float | None:
    if room is None:
        return None
    deadlines = [seat[2] for seat in room["seats"] if seat and seat[2]]
    return min(deadlines) if deadlines else None


def is_redis_failure(error: Exception) -> bool:
    from redis.exceptions import RedisError

    return isinstance(error, RedisError | OSError | asyncio.TimeoutError)
