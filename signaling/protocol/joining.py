"""Taking a seat safely while the asker may disconnect at any await: a seat taken
for a connection that is gone, or that cannot be seated, is given back."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Collection
from typing import TYPE_CHECKING

from ..rooms import JoinOutcome, JoinResult
from .quotas import Quotas
from .tags import room_tag

if TYPE_CHECKING:
    from ..store import Rooms

logger = logging.getLogger(__name__)

# (room name, seat token, wants a token): what `Rooms.join` takes after the sid.
JoinArgs = tuple[object, object, bool]


class Joins:
    def __init__(
        self,
        registry: Rooms,
        quotas: Quotas,
        connected: Collection[str],
        free_dead_seats: Callable[[str], Awaitable[bool]],
    ) -> None:
        self.registry = registry
        self.quotas = quotas
        # Connections between their connect and disconnect handlers.
        self.connected = connected
        self.free_dead_seats = free_dead_seats

    async def join_while_connected(
        self, sid: str, join_args: JoinArgs
    ) -> JoinOutcome | None:
        """Join, probing a full room's classic members once; None when the asker
        disconnected during any of it (a seat it took then is given back).

        Every await here may let the asker's disconnect handler run, before the
        seat exists: a seat taken after that would belong to nobody, for good.
        """
        outcome = await self.registry.join(sid, *join_args)
        if outcome.result is JoinResult.FULL and sid in self.connected:
            if await self.free_dead_seats(outcome.room.key):
                if sid not in self.connected:
                    return None
                outcome = await self.registry.join(sid, *join_args)
        if sid not in self.connected:
            await self.undo(outcome)
            return None
        # At once, with no await: a disconnect after this releases the seat.
        self.quotas.take_seat(outcome)
        return outcome

    def took_one_seat_too_many(self, outcome: JoinOutcome) -> bool:
        """A new seat over SEATS_PER_ADDRESS for the asker's address."""
        return self.quotas.took_one_seat_too_many(outcome)

    def made_one_room_too_many(self, outcome: JoinOutcome) -> bool:
        """A new room over MAX_ROOMS, also when a token made it again after a
        restart (an owner coming back to a room that exists is always let in)."""
        return outcome.made_room and self.quotas.rooms_exceeded(
            self.registry.room_count
        )

    async def undo(self, outcome: JoinOutcome, *, refused: bool = False) -> None:
        """Give back a seat whose connection cannot have it: a returning owner's
        seat is held for them again, any other is freed. `refused`: the join is
        being refused, which the refusal's own line says."""
        if outcome.seat is None:
            return
        # A room refused as one too many must not stay behind as a held seat.
        hold = outcome.returned and not (refused and outcome.made_room)
        if hold:
            undone = await self.registry.drop(outcome.sid)
        else:
            undone = await self.registry.leave(outcome.sid)
        self.quotas.release_seat(outcome.sid, held=hold)
        if undone is not None:
            logger.log(
                logging.DEBUG if refused else logging.INFO,
                "sid=%s room=%s join undone",
                outcome.sid,
                room_tag(outcome.room.key),
            )
