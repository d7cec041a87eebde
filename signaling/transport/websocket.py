"""One websocket connection for engine.io, without compression, that writes the
frames of one loop pass with one system call. Run by engine.LeanSocket's loop."""

from __future__ import annotations

import asyncio
import logging
import struct
from typing import Any

from aiohttp import web
from aiohttp.web import WebSocketResponse
from engineio.async_drivers import aiohttp as aiohttp_driver

logger = logging.getLogger(__name__)

# Server-to-client websocket frame headers (RFC 6455 5.2): FIN set, no mask.
TEXT_FRAME, BINARY_FRAME = 0x81, 0x82
SHORT_LENGTH = struct.Struct("!BBH").pack
LONG_LENGTH = struct.Struct("!BBQ").pack


class LeanWebSocket(aiohttp_driver.WebSocket):  # type: ignore[misc]
    """engine.io's aiohttp websocket without permessage-deflate, run by
    `engine.LeanSocket`'s loop, that can write frames at once.

    Browsers and socket.io-client offer compression and aiohttp accepts it by
    default: that is a zlib stream per direction per socket (most of the memory a
    connection costs) and a deflate per frame. Signaling frames are small and go to
    one peer, so they are sent as they are, as Node's socket.io does by default.
    """

    handler: Any
    _transport: asyncio.Transport | None = None
    _high_water = 0
    # Frames written since the loop last came round, sent then in one write.
    _pending: list[bytes]
    _pending_size = 0

    async def __call__(self, environ: dict[str, Any]) -> web.StreamResponse:
        request = environ["aiohttp.request"]
        self._pending = []
        transport = request.transport
        if transport is not None:
            self._transport = transport
            self._high_water = transport.get_write_buffer_limits()[1]
        self._sock = WebSocketResponse(
            max_msg_size=self.server.max_http_buffer_size, compress=False
        )
        try:
            await self._sock.prepare(request)
        except ConnectionResetError:
            return await self._client_left(request)
        self.environ = environ
        try:
            await self.handler(self)
        finally:
            self._let_go()
        return self._sock

    async def _client_left(self, request: Any) -> web.StreamResponse:
        """The client closed its connection before the handshake's answer could be
        written: a connect it gave up on, as a load generator does on a starved
        server. Not an error of ours (aiohttp would log it as one, with a
        traceback): the engine.io socket ends now instead of at its ping timeout."""
        logger.info(
            "%s: the client left during the websocket handshake", request.remote
        )
        socket = getattr(self.handler, "__self__", None)
        self._let_go()
        if socket is not None:
            await socket.close(wait=False, abort=True)
        return web.Response(status=400)  # never written: the connection is gone

    def _let_go(self) -> None:
        """Break the reference cycles a finished connection leaves, so that it is
        freed at once instead of at the collector's next full pass, which the
        server makes rare (`signaling.__main__.tune_gc`): the handler is a method of
        the engine.io socket, which holds this websocket; and aiohttp keeps the
        error of a close that found the peer gone, whose traceback holds the
        response, its request and their frames."""
        self.handler = None
        self._sock._exception = None

    def write_soon(self, data: str | bytes) -> bool:
        """Frame `data` and send it when the event loop next comes round, together
        with everything else written to this websocket until then: a burst of
        relayed messages to one person costs one system call, not one each.

        False, and nothing written, when the frame might have to wait for the peer
        to read (its buffer is over the high-water mark) or the connection is
        closing: the caller then queues it for a writer that can wait.
        """
        transport = self._transport
        if transport is None or transport.is_closing() or self._sock.closed:
            return False
        if isinstance(data, str):
            payload, opcode = data.encode(), TEXT_FRAME
        else:
            payload, opcode = data, BINARY_FRAME
        size = len(payload)
        if size < 126:
            frame = bytes((opcode, size)) + payload
        elif size < 65536:
            frame = SHORT_LENGTH(opcode, 126, size) + payload
        else:
            frame = LONG_LENGTH(opcode, 127, size) + payload
        pending_size = self._pending_size + len(frame)
        if transport.get_write_buffer_size() + pending_size > self._high_water:
            return False
        if not self._pending:
            asyncio.get_running_loop().call_soon(self.flush)
        self._pending.append(frame)
        self._pending_size = pending_size
        return True

    def abort(self) -> None:
        """Drop the connection at once, without a closing handshake."""
        if self._transport is not None:
            self._transport.abort()

    def flush(self) -> None:
        """Write the frames `write_soon` holds (before anything else is written)."""
        if not self._pending:
            return
        frames, self._pending, self._pending_size = self._pending, [], 0
        transport = self._transport
        if self._sock.closed or transport is None or transport.is_closing():
            return  # nothing may follow a close frame
        transport.write(frames[0] if len(frames) == 1 else b"".join(frames))
