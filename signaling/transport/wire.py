"""Socket.IO, lighter: orjson encoding, inline emits and a direct relay for
`message`, on the Engine.IO layer of engine.py. What clients see stays the same, byte
for byte in meaning; only the work the server does per frame shrinks. Each piece is
measured in docs/PERFORMANCE.md.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Sequence
from typing import Any

import orjson
import socketio
from engineio import json as engineio_json
from engineio import packet as eio_packet
from socketio import packet as sio_packet

from .engine import LeanEngineServer

logger = logging.getLogger(__name__)

# A Socket.IO EVENT packet for `message` in the default namespace, with no ack id and
# no binary attachments: the only shape the direct relay takes.
RELAY_PREFIX = '2["message",'
# Compact ASCII JSON (what the size limit counts) is at most 12 characters per
# character received: an astral character arrives as one and is counted as two
# \uXXXX escapes. Frames short enough that even this cannot pass the limit skip the
# exact measure; longer ones go the ordinary way and are measured exactly.
MAX_EXPANSION = 12
NAMESPACE = "/"
# Integers orjson reads exactly have at most 18 digits (and some 19 or 20 ones).
LONG_NUMBER = re.compile(r"\d{19}")
# A Socket.IO EVENT packet in the default namespace, before its JSON array.
EVENT_PREFIX = "2"


class OrjsonModule:
    """The `json` module python-socketio encodes every emit with, backed by orjson.

    What orjson cannot do exactly goes to engine.io's codec, which keeps its own
    limits: encoding integers over 64 bits; decoding text with a run of 19 or more
    digits (orjson would turn a large integer into a float; engine.io refuses ones
    over 100 digits) or what only Python's json accepts (NaN, lone surrogates). So
    every text decodes to the same values as with engine.io's codec alone.
    """

    @staticmethod
    def loads(text: str, **kwargs: Any) -> Any:
        if LONG_NUMBER.search(text) is None:
            try:
                return orjson.loads(text)
            except orjson.JSONDecodeError:
                pass
        return engineio_json.loads(text, **kwargs)

    @staticmethod
    def dumps(obj: Any, **kwargs: Any) -> str:
        try:
            return orjson.dumps(obj, option=orjson.OPT_NON_STR_KEYS).decode()
        except TypeError:
            return json.dumps(obj, **kwargs)


class InlineManager(socketio.AsyncManager):  # type: ignore[misc]
    """AsyncManager that hands each packet to its recipients in turn.

    The stock manager starts one task per recipient and waits on them all, even for
    an emit to one sid. Handing a packet over only queues it on the engine.io socket
    and never blocks, so doing it inline keeps the order and drops two tasks and a
    wait per emit. Emits with a callback keep the stock path.
    """

    async def emit(
        self,
        event: str,
        data: Any,
        namespace: str,
        room: str | None = None,
        skip_sid: str | list[str] | None = None,
        callback: Any = None,
        to: str | None = None,
        **kwargs: Any,
    ) -> None:
        room = to or room
        if callback is not None or namespace not in self.rooms:
            return await super().emit(  # type: ignore[no-any-return]
                event, data, namespace, room, skip_sid, callback, **kwargs
            )
        if isinstance(data, tuple):
            args = list(data)
        else:
            args = [] if data is None else [data]
        skip = skip_sid if isinstance(skip_sid, list) else [skip_sid]
        frames = self._frames(event, args, namespace)
        if room is None or isinstance(room, str):
            await deliver(self, namespace, room, frames, skip)
            return None
        sockets = self.server.eio.sockets
        for sid, eio_sid in list(self.get_participants(namespace, room)):
            if sid not in skip:
                await _send(sockets.get(eio_sid), frames)
        return None

    def _frames(
        self, event: str, args: list[Any], namespace: str
    ) -> list[eio_packet.Packet]:
        """The engine.io packets that carry this event: one, unless it has binary
        attachments (or numbers orjson cannot write), which the stock encoder does."""
        if namespace == NAMESPACE:
            try:
                body = OrjsonModule.dumps([event, *args])
            except TypeError:
                pass  # binary attachments
            else:
                return [eio_packet.Packet(eio_packet.MESSAGE, EVENT_PREFIX + body)]
        encoded = self.server.packet_class(
            sio_packet.EVENT, namespace=namespace, data=[event, *args]
        ).encode()
        return [
            eio_packet.Packet(eio_packet.MESSAGE, part)
            for part in (encoded if isinstance(encoded, list) else [encoded])
        ]


class SignalingServer(socketio.AsyncServer):  # type: ignore[misc]
    """AsyncServer with uncompressed websockets and a direct relay for `message`.

    `relay_room_of(sid)` names the room a sid may relay to (None when it may not).
    A well-formed `message` from a seated sender is sent on to the other member as
    the frame it arrived in: no second decode, no re-encode, no task per recipient.
    Anything else, including every frame that must be refused, takes the ordinary
    path through the registered handlers, which keep every check.
    """

    def __init__(
        self,
        *args: Any,
        relay_room_of: Callable[[str], str | None],
        max_message_bytes: int,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.relay_room_of = relay_room_of
        # Told the payload size of each directly relayed message (the metrics hook).
        self.count_relayed: Callable[[int], None] = _no_count
        self.max_relay_chars = max_message_bytes // MAX_EXPANSION

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
        frame = eio_packet.Packet(eio_packet.MESSAGE, data)
        await deliver(manager, NAMESPACE, room, [frame], [sid])
        self.count_relayed(len(data) - len(RELAY_PREFIX) - 1)
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("sid=%s relay message size=%d (direct)", sid, len(data))
        return True


async def deliver(
    manager: Any,
    namespace: str,
    room: str | None,
    frames: list[eio_packet.Packet],
    skip: Sequence[str | None],
) -> None:
    """Hand `frames` to every member of one room (a sid is a room too) but those in
    `skip`, straight to their engine.io sockets: no copy and generator as in
    get_participants, no lookup through engine.io's send_packet."""
    members = manager.rooms[namespace].get(room)
    if not members:
        return
    sockets = manager.server.eio.sockets
    for sid, eio_sid in list(members._fwdm.items()):
        if sid not in skip:
            await _send(sockets.get(eio_sid), frames)


async def _send(socket: Any, frames: list[eio_packet.Packet]) -> None:
    if socket is None or socket.closed:
        return  # gone: engine.io's send_packet drops these too
    for frame in frames:
        await socket.send(frame)


def _no_count(size: int) -> None:
    pass
