"""Socket.IO handlers: validate, ask the registry, announce, answer with an ack.

Handlers never let a client payload raise: a SignalingError becomes a refusal (ack plus
error events), anything else is logged once and answered as a server error. Public
python-socketio API only: the transport is reached through the callables given here.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from socketio import AsyncServer

from ..abuse.spells import Spells
from ..config import Limits
from ..rooms import (
    UNKNOWN_EVENT,
    JoinOutcome,
    JoinResult,
    LeaveOutcome,
    SignalingError,
    room_full_error,
)
from .acks import SERVER_FAILURE, log_seated, seat_lost_error, seated_ack
from .dialects import Announcer
from .hooks import Ack, Handler, Hooks, NoHooks
from .joining import Joins
from .limits import MessageLimits
from .quotas import Quotas
from .relay import Relay
from .seats import Probe, expire_held_seats, free_dead_seats
from .tags import room_tag, socketio_room

if TYPE_CHECKING:
    from ..store import Rooms

logger = logging.getLogger(__name__)


class Signaling:
    """The wire: one handler per event, registered from one table in `register`."""

    def __init__(
        self,
        sio: AsyncServer,
        registry: Rooms,
        limits: MessageLimits,
        *,
        probe: Probe,
        close_all: Callable[[], Awaitable[None]],
        hooks: Hooks | None = None,
        quotas: Quotas | None = None,
    ) -> None:
        self.sio = sio
        self.registry = registry
        self.limits = limits
        self.probe = probe
        self.close_all = close_all
        self.hooks = hooks or NoHooks()
        self.quotas = quotas or Quotas(Limits())
        self.announce = Announcer(sio)
        self.is_shutting_down = False
        self.refused = Spells()  # connections refused lately: logged once a spell
        # Connections between their connect and disconnect handlers: a join that
        # awaited checks that its asker is still one of them.
        self._connected: set[str] = set()
        self.joins = Joins(
            registry, self.quotas, self._connected, self._free_dead_seats
        )
        self.relay = Relay(sio, registry, limits, self.hooks)

    def register(self) -> None:
        events: dict[str, Handler] = {
            "create or join": self.create_or_join,
            "message": self.relay.message,
            "roomMessage": self.relay.room_message,
            "leave": self.leave,
            "bye": self.leave,
            "ipaddr": self.ipaddr,
        }
        wrap = self.hooks.wrap
        for event, handler in events.items():
            self.sio.on(event, wrap(event, self._guarded(event, handler)))
        self.sio.on("connect", wrap("connect", self.connect))
        self.sio.on("disconnect", wrap("disconnect", self.disconnect))
        self.sio.on("*", wrap("*", self.unknown_event))

    async def shutdown(self) -> None:
        """Close every connection without goodbyes: clients reconnect to the next
        run."""
        if self.is_shutting_down:
            return
        self.is_shutting_down = True
        await self.close_all()

    async def expire_held_seats(self, interval: float = 1.0) -> None:
        """Free held seats whose grace period ended; runs for the life of the app."""
        await expire_held_seats(self.registry, self._after_expiry, interval)

    async def connect(self, sid: str, environ: dict[str, Any], auth: Any) -> None:
        self.quotas.open(sid, environ)  # refuses one connection too many
        self._connected.add(sid)
        logger.info("sid=%s connected", sid)

    async def disconnect(self, sid: str, reason: Any = None) -> None:
        self._connected.discard(sid)
        self.quotas.close(sid)
        self.refused.forget(sid)
        logger.info("sid=%s disconnected reason=%s", sid, reason)
        # A restart is not a hang-up: nobody is told anything while the server goes
        # down, and clients come back with their seat tokens.
        if self.is_shutting_down:
            return
        try:
            if reason == self.sio.reason.CLIENT_DISCONNECT:
                outcome = await self.registry.leave(sid)
            else:
                outcome = await self.registry.drop(sid)
        except SignalingError as error:
            # The room store is away: its seat is dropped with this server's lease.
            self.quotas.release_seat(sid)
            logger.warning("sid=%s seat not released: %s", sid, error.code)
            return
        self.quotas.release_seat(sid, held=outcome is not None and outcome.held)
        if outcome is not None:
            await self._announce_left(outcome)

    async def create_or_join(self, sid: str, *args: Any) -> Ack:
        """`create or join` (room, {seat_token}?): take a seat in the named room."""
        self.quotas.check_join(sid)
        raw_name = args[0] if args else None
        options = args[1] if len(args) > 1 and isinstance(args[1], dict) else None
        join_args = (
            raw_name,
            None if options is None else options.get("seat_token"),
            options is not None,  # our client: give it a token, hold its seat
        )
        outcome = await self.joins.join_while_connected(sid, join_args)
        if outcome is None:
            return None  # the asker is gone: nobody hears an answer
        if outcome.left is not None:
            await self._announce_left(outcome.left)
        if outcome.result is JoinResult.FULL:
            return await self._refuse(
                sid, room_full_error(outcome.room), outcome.room.name
            )
        if self.joins.took_one_seat_too_many(outcome):
            await self.joins.undo(outcome, refused=True)
            return await self._refuse(sid, self.quotas.too_many_seats())
        if self.joins.made_one_room_too_many(outcome):
            await self.joins.undo(outcome, refused=True)
            return await self._refuse(sid, self.quotas.too_many_rooms())
        try:
            await self._seat(outcome)
        except Exception:
            await self.joins.undo(outcome)
            if sid not in self._connected:
                return None  # it left while being seated: nothing went wrong
            raise
        return seated_ack(outcome)

    async def leave(self, sid: str, *args: Any) -> Ack:
        """`leave` / `bye`: a real goodbye; the seat is free at once."""
        outcome = await self.registry.leave(sid)
        self.quotas.release_seat(sid)
        if outcome is not None:
            await self._announce_left(outcome)
        return {"ok": True}

    async def ipaddr(self, sid: str, *args: Any) -> Ack:
        """`ipaddr`: the codelab asks for the server's addresses; they stay private."""
        return None

    async def unknown_event(self, event: str, sid: str, *args: Any) -> Ack:
        # The transport dispatches a reserved name a client sent (`disconnect`)
        # as "reserved:disconnect", so it lands here, refused like any other.
        return await self._refuse(
            sid,
            SignalingError(
                UNKNOWN_EVENT,
                f"The server does not know the event {str(event)[:40]!r}.",
            ),
        )

    def _guarded(self, event: str, handler: Handler) -> Handler:
        async def guarded(sid: str, *args: Any) -> Ack:
            try:
                return await handler(sid, *args)
            except SignalingError as refusal:
                return await self._refuse(sid, refusal)
            except Exception:
                logger.exception("sid=%s event=%r failed", sid, event)
                return await self._refuse(sid, SERVER_FAILURE)

        return guarded

    async def _refuse(
        self, sid: str, refusal: SignalingError, room_name: str = ""
    ) -> dict[str, Any]:
        # INFO once per spell of refusals on a connection; the rest are DEBUG
        # (metrics count every one): a flood of bad events must not flood the log.
        spell = self.refused.starts_spell(sid)
        logger.log(
            logging.INFO if spell else logging.DEBUG,
            "sid=%s refused code=%s",
            sid,
            refusal.code,
        )
        await self.announce.refused(sid, refusal, room_name)
        return refusal.as_ack()

    async def _seat(self, outcome: JoinOutcome) -> None:
        """Enter the Socket.IO room and tell everyone concerned."""
        if outcome.returned:
            self.hooks.count_reconnect()
        if outcome.replaced_sid is not None:
            # The owner came back on a new connection: the old one is stale.
            await self.sio.disconnect(outcome.replaced_sid)
        if not outcome.is_repeat:
            await self.sio.enter_room(outcome.sid, socketio_room(outcome.room.key))
        log_seated(outcome)
        await self.announce.seated(outcome)

    async def _free_dead_seats(self, room_key: str) -> bool:
        """Free the seats of a full room's classic members that do not answer."""
        freed = await free_dead_seats(self.registry, room_key, self.probe)
        for outcome in freed:
            await self._announce_left(outcome)
            if outcome.sid is not None:
                await self.sio.disconnect(outcome.sid)
        return bool(freed)

    async def _after_expiry(self, outcome: LeaveOutcome) -> None:
        """A held seat freed or held, or a seat the room store lost: its connection
        leaves the Socket.IO room, so the room's new pair is never heard there."""
        if outcome.lost and outcome.sid is not None:
            await self.sio.leave_room(outcome.sid, socketio_room(outcome.room.key))
            lost = seat_lost_error(outcome.room)
            await self.announce.refused(outcome.sid, lost, outcome.room.name)
            return
        await self.announce.left(outcome)

    async def _announce_left(self, outcome: LeaveOutcome) -> None:
        if outcome.sid is not None:
            await self.sio.leave_room(outcome.sid, socketio_room(outcome.room.key))
        state = "seat held" if outcome.held else "left"
        logger.info("sid=%s room=%s %s", outcome.sid, room_tag(outcome.room.key), state)
        await self.announce.left(outcome)
