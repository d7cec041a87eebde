"""Seats that outlive a connection: held seats freed when their grace period ends,
and classic members of a full room freed when they no longer answer a probe."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from ..rooms import LeaveOutcome
from .tags import room_tag

if TYPE_CHECKING:
    from ..store import Rooms

logger = logging.getLogger(__name__)

# How long a classic member gets to answer a ping before a newcomer takes its seat.
PROBE_TIMEOUT_SECONDS = 2.0

# Whether the connection of a sid answers within a timeout (the transport's probe).
Probe = Callable[[str, float], Awaitable[bool]]
Announce = Callable[[LeaveOutcome], Awaitable[None]]


async def expire_held_seats(
    registry: Rooms, announce: Announce, interval: float = 1.0
) -> None:
    """Free held seats whose grace period ended; runs for the life of the app. One
    failed pass (the room store away) is logged, and the next one tries again."""
    while True:
        await asyncio.sleep(interval)
        try:
            for outcome in await registry.expire():
                state = "seat held" if outcome.held else "seat expired"
                state = "seat lost" if outcome.lost else state
                logger.info("room=%s %s", room_tag(outcome.room.key), state)
                await announce(outcome)
        except Exception as error:
            logger.warning("expiring held seats failed: %s", type(error).__name__)


async def free_dead_seats(
    registry: Rooms, room_key: str, probe: Probe
) -> list[LeaveOutcome]:
    """Probe the classic members of a full room; free the seats of those that do
    not answer. Classic clients come back on a new connection after a network
    drop, while the old one may still count as alive for up to ping interval +
    timeout."""
    # Only this process can probe its own connections; those of other processes
    # are let go by their own heartbeat, or with their process's lease.
    members = [
        sid
        for sid in await registry.members_without_token(room_key)
        if registry.room_key_of(sid) == room_key
    ]
    alive = await asyncio.gather(
        *(probe(sid, PROBE_TIMEOUT_SECONDS) for sid in members)
    )
    freed = []
    for sid, is_live in zip(members, alive, strict=True):
        outcome = None if is_live else await registry.leave(sid)
        if outcome is not None:
            logger.info("sid=%s did not answer a probe: seat freed", sid)
            freed.append(outcome)
    return freed
