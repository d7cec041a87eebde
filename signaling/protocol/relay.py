"""`message` and `roomMessage`: relayed to the other person in the sender's room
only, after the same checks (a payload, its size, the sender's seat)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from socketio import AsyncServer

from ..rooms import MESSAGE_INVALID, SignalingError
from .acks import names_match, not_in_room
from .hooks import Ack, Hooks
from .limits import MessageLimits, relayed_size
from .tags import room_tag, socketio_room

if TYPE_CHECKING:
    from ..store import Rooms

logger = logging.getLogger(__name__)


class Relay:
    def __init__(
        self, sio: AsyncServer, registry: Rooms, limits: MessageLimits, hooks: Hooks
    ) -> None:
        self.sio = sio
        self.registry = registry
        self.limits = limits
        self.hooks = hooks

    async def message(self, sid: str, *args: Any) -> Ack:
        """`message` (payload): the codelab's relay."""
        if not args:
            raise SignalingError(MESSAGE_INVALID, "A message needs a payload.")
        payload = args[0]
        self.limits.check(payload)
        room = self._room_of(sid)
        logger.debug("sid=%s room=%s relay message", sid, room_tag(room))
        await self.sio.emit("message", payload, room=socketio_room(room), skip_sid=sid)
        self.hooks.count_relay("message", relayed_size(payload))
        return None

    async def room_message(self, sid: str, *args: Any) -> Ack:
        """`roomMessage` ({room, data}): the freeCodeCamp relay, same rules."""
        envelope = args[0] if args else None
        if (
            not isinstance(envelope, dict)
            or "room" not in envelope
            or "data" not in envelope
        ):
            raise SignalingError(
                MESSAGE_INVALID, "A roomMessage needs an object with 'room' and 'data'."
            )
        self.limits.check(envelope)
        room = self._room_of(sid)
        if not names_match(envelope["room"], room):
            raise not_in_room()
        await self.sio.emit(
            "roomMessage", envelope, room=socketio_room(room), skip_sid=sid
        )
        self.hooks.count_relay("roomMessage", relayed_size(envelope))
        return None

    def _room_of(self, sid: str) -> str:
        room = self.registry.room_key_of(sid)
        if room is None:
            raise not_in_room()
        return room
