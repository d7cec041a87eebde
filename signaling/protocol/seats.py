"""Seats that outlive a connection: held seats freed when their grace period ends,
and classic members of a full room freed when they no longer answer a probe."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from ..rooms import LeaveOutcome, RoomRegistry
from .tags import room_tag

logger = logging.getLogger(__name__)

# How long a classic member gets to answer a ping before a newcomer takes its seat.
PROBE_TIMEOUT_SECONDS = 2.0

# Whether the connection of a sid answers within a timeout (the transport's probe).
Probe = Callable[[str, float], Awaitable[bool]]
Announce = Callable[[LeaveOutcome], Awaitable[None]]


async def expire_held_seats(
    registry: RoomRegistry,
    announce: Announce,
    interval: float = 1.0,
    clock: Callable[[], float] = time.monotonic,
) -> None:
    """Free held seats whose grace period ended; runs for the life of the app."""
    while True:
        await asyncio.sleep(interval)
        for outcome in registry.expire(clock()):
            logger.info("room=%s seat expired", room_tag(outcome.room.key))
            await announce(outcome)


async def free_dead_seats(
    registry: RoomRegistry, room_key: str, probe: Probe
) -> list[LeaveOutcome]:
    """Probe the classic members of a full room; free the seats of those that do
    not answer. Classic clients come back on a new connection after a network
    drop, while the old one may still count as alive for up to ping interval +
    timeout."""
    members = registry.members_without_token(room_key)
    alive = await asyncio.gather(
        *(probe(sid, PROBE_TIMEOUT_SECONDS) for sid in members)
    )
    freed = []
    for sid, is_live in zip(members, alive, strict=True):
        outcome = None if is_live else registry.leave(sid)
        if outcome is not None:
            logger.info("sid=%s did not answer a probe: seat freed", sid)
            freed.append(outcome)
    return freed
