"""Faster wire for python-socketio: what clients see stays the same, byte for byte in
meaning; only the work the server does per frame shrinks. Each piece is measured in
docs/PERFORMANCE.md.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

import orjson
import socketio
from aiohttp.web import WebSocketResponse
from engineio import json as engineio_json
from engineio import packet as eio_packet
from engineio.async_drivers import aiohttp as aiohttp_driver
from socketio import packet as sio_packet

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


class OrjsonModule:
    """The `json` module python-socketio encodes every emit with, backed by orjson.

    Only encoding changes: what orjson cannot encode (integers over 64 bits) goes to
    the standard codec. Decoding stays with engine.io's codec and its limits.
    """

    loads = staticmethod(engineio_json.loads)

    @staticmethod
    def dumps(obj: Any, **kwargs: Any) -> str:
        try:
            return orjson.dumps(obj, option=orjson.OPT_NON_STR_KEYS).decode()
        except TypeError:
            return json.dumps(obj, **kwargs)


class UncompressedWebSocket(aiohttp_driver.WebSocket):  # type: ignore[misc]
    """engine.io's aiohttp websocket, without permessage-deflate.

    Browsers and socket.io-client offer compression and aiohttp accepts it by
    default: that is a zlib stream per direction per socket (most of the memory a
    connection costs) and a deflate per frame. Signaling frames are small and go to
    one peer, so they are sent as they are, as Node's socket.io does by default.
    """

    async def __call__(self, environ: dict[str, Any]) -> WebSocketResponse:
        request = environ["aiohttp.request"]
        self._sock = WebSocketResponse(
            max_msg_size=self.server.max_http_buffer_size, compress=False
        )
        await self._sock.prepare(request)
        self.environ = environ
        await self.handler(self)
        return self._sock


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
        encoded = self.server.packet_class(
            sio_packet.EVENT, namespace=namespace, data=[event, *args]
        ).encode()
        frames = [
            eio_packet.Packet(eio_packet.MESSAGE, part)
            for part in (encoded if isinstance(encoded, list) else [encoded])
        ]
        for sid, eio_sid in self.get_participants(namespace, room):
            if sid not in skip:
                for frame in frames:
                    await self.server._send_eio_packet(eio_sid, frame)
        return None


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
        self.eio._async = {**self.eio._async, "websocket": UncompressedWebSocket}

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
        for peer_sid, peer_eio_sid in manager.get_participants(NAMESPACE, room):
            if peer_sid != sid:
                await self.eio.send_packet(peer_eio_sid, frame)
        self.count_relayed(len(data) - len(RELAY_PREFIX) - 1)
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("sid=%s relay message size=%d (direct)", sid, len(data))
        return True


def _no_count(size: int) -> None:
    pass
