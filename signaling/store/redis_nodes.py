"""The seats of a server process that died (its lease in `<prefix>:nodes` ran out):
found in the rooms, which say which process seated each connection, and dropped as
if those connections had vanished (held for their owners, then freed)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from signaling.rooms import LeaveOutcome

from .redis_change import RoomChanges, room_of

logger = logging.getLogger(__name__)

# Rooms read at a time while looking for a dead process's seats.
SCAN_BATCH = 500
# How long one process may take to release a dead one's seats before another
# process may try (should the first die too).
CLAIM_SECONDS = 60

Drop = Callable[[str, str], Awaitable[LeaveOutcome | None]]


async def release_dead_node(
    changes: RoomChanges, node: str, drop: Drop
) -> list[LeaveOutcome]:
    """Drop every seat process `node` made, once: whoever claims it first does."""
    redis, prefix = changes.redis, changes.prefix
    claim = f"{prefix}:releasing:{node}"
    if not await redis.set(claim, changes.node_id, nx=True, ex=CLAIM_SECONDS):
        return []
    outcomes: list[LeaveOutcome] = []
    for key, sid in await seats_of(changes, node):
        outcome = await drop(key, sid)
        if outcome is not None:
            logger.info("sid=%s its server is gone: seat dropped", sid)
            outcomes.append(outcome)
    async with redis.pipeline(transaction=False) as pipe:
        pipe.zrem(f"{prefix}:nodes", node)
        pipe.delete(claim)
        await pipe.execute()
    return outcomes


async def seats_of(changes: RoomChanges, node: str) -> list[tuple[str, str]]:
    """(room key, sid) of every live seat that process `node` made. It reads every
    room of the deployment, which is rare enough (a process died) to cost no key
    per seat on every join."""
    pattern = _glob_escaped(changes.room("")) + "*"
    keys = [
        key async for key in changes.redis.scan_iter(match=pattern, count=SCAN_BATCH)
    ]
    seats: list[tuple[str, str]] = []
    for start in range(0, len(keys), SCAN_BATCH):
        for blob in await changes.redis.mget(keys[start : start + SCAN_BATCH]):
            room = None if blob is None else room_of(blob)
            if room is None:
                continue
            seats += [
                (room["key"], sid)
                for sid, made_by in room.get("nodes", {}).items()
                if made_by == node
            ]
    return seats


def _glob_escaped(text: str) -> str:
    """`text` as a literal in a Redis MATCH pattern."""
    return "".join("\\" + c if c in "*?[]\\" else c for c in text)
