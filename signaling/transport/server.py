"""Socket.IO, lighter: python-socketio's server on the Engine.IO layer of engine.py,
with a direct relay for `message`. What clients see stays the same, byte for byte
in meaning; only the work the server does per frame shrinks (docs/PERFORMANCE.md).
"""

from __future__ import annotations

import logging
from typing import Any

import orjson
import socketio

from .base import RelayCounter, RelayRoom
from .engine import LeanEngineServer
from .manager import NAMESPACE

logger = logging.getLogger(__name__)

# A Socket.IO EVENT packet for `message` in the default namespace, with no ack id and
# no binary attachments: the only shape the direct relay takes.
RELAY_PREFIX = '2["message",'
PAYLOAD_START = len(RELAY_PREFIX)


class SignalingServer(socketio.AsyncServer):  # type: ignore[misc]
    """AsyncServer with uncompressed websockets and a direct relay for `message`.

    `relay_room_of(sid)` names the room a sid may relay to (None when it may not).
    A well-formed `message` from a seated sender is sent on to the other member as
    the frame it arrived in: no second decode, no re-encode, no task per recipient.
    With Redis, a member on another process gets the same frame through it
    (node_manager.py).
    Anything else, including every frame that must be refused, takes the ordinary
    path through the registered handlers, which keep every check.
    """

    def __init__(
        self,
        *args: Any,
        relay_room_of: RelayRoom,
        count_relay: RelayCounter,
        max_relay_chars: int,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.relay_room_of = relay_room_of
        self.count_relay = count_relay
        # Frames this short cannot pass the message size limit (protocol/limits.py).
        self.max_relay_chars = max_relay_chars

    def _engineio_server_class(self) -> type[LeanEngineServer]:
        return LeanEngineServer

    async def _handle_eio_message(self, eio_sid: str, data: Any) -> None:
        if not (
            isinstance(data, str)
            and data.startswith(RELAY_PREFIX)
            and await self._relay_directly(eio_sid, data)
        ):
            await super()._handle_eio_message(eio_sid, data)

    async def _relay_directly(self, eio_sid: str, data: str) -> bool:
        """Relay a plain `message` frame as it is; False leaves it to the handlers."""
        if len(data) > self.max_relay_chars or eio_sid in self._binary_packet:
            return False
        manager = self.manager
        sid = manager.sid_from_eio_sid(eio_sid, NAMESPACE)
        if sid is None or not manager.is_connected(sid, NAMESPACE):
            return False
        room = self.relay_room_of(sid)
        if room is None:
            return False
        try:
            args = orjson.loads(data[1:])
        except orjson.JSONDecodeError:
            return False
        # Exactly one payload: a second argument is dropped by the handler, and a
        # null payload is sent by it as no argument; both stay on the ordinary path.
        if len(args) != 2 or args[1] is None:
            return False
        await manager.relay(room, data, sid)
        # The payload's bytes as relayed, as the handler counts its own relays.
        size = (len(data) if data.isascii() else len(data.encode())) - PAYLOAD_START
        self.count_relay("message", size - 1)  # less the closing bracket
        logger.debug("sid=%s relay message size=%d (direct)", sid, size - 1)
        return True
