"""engine.io's socket with a websocket loop that costs no task or timer per frame
(its connection is websocket.LeanWebSocket; how it is kept alive, liveness.py).

What clients see is unchanged; measured in docs/PERFORMANCE.md. Polling is stock.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from engineio import exceptions
from engineio import packet as eio_packet

from .liveness import LiveSocket
from .upgrade import upgrade_handshake

logger = logging.getLogger(__name__)


class LeanSocket(LiveSocket):
    """engine.io's socket with a websocket loop that costs no task or timer per frame.

    The stock loop wraps every read in a new task inside `wait_for` (a timer each),
    and hands every outgoing packet to a writer task through the queue. Here the
    reader awaits the websocket directly; the server's one heartbeat stands in for
    the read timeout (a client that leaves a ping unanswered has its connection
    dropped, and so does a closed socket whose connection is still open when the
    heartbeat next meets it). A packet is written straight to the websocket
    (`write_soon`: one system call for all that one loop pass writes to it) when
    nothing is queued and no write is in progress. Otherwise (or when the peer reads
    so slowly that the write would wait for it) it waits in `queue` behind the
    others, and a writer task sends them in order while any wait: a sender never
    waits for its peer. `None` in the queue ends the writer and closes the
    websocket, as stock.

    Polling is untouched: until the websocket takes over, packets go to the queue.
    """

    connected: bool
    upgrading: bool
    upgraded: bool
    _ws: Any = None
    _write_lock: asyncio.Lock | None = None
    _writer: asyncio.Future[None] | None = None  # sends the queue; only while needed
    _overflowed = False  # more was queued than the server allows: being dropped

    async def send(self, pkt: eio_packet.Packet) -> None:
        if self.closed:
            raise exceptions.SocketIsClosedError()  # as stock
        if self._overflowed:
            return  # being dropped: nothing more is kept for it
        ws = self._ws
        lock = self._write_lock
        if (
            ws is None
            or lock is None
            or lock.locked()
            or self.queue.qsize()
            # False when the peer reads slowly: the writer task waits for it, not
            # the sender.
            or not ws.write_soon(pkt.encode())
        ):
            await self.queue.put(pkt)
            if (
                self.queue.qsize()
                and self.queue.queued_bytes > self.server.max_queued_bytes
            ):
                self._overflow()
                return
            if ws is not None:
                self._start_writer(ws)

    def _overflow(self) -> None:
        """The peer reads less than is sent to it: drop the connection before
        what waits for it grows without bound (a hostile client that never
        reads, or a peer that fell far behind)."""
        self._overflowed = True
        logger.info(
            "eio_sid=%s more than %d bytes queued: connection dropped",
            self.sid,
            self.server.max_queued_bytes,
        )
        while self.queue.qsize():
            self.queue.get_nowait()  # let go of what waits now
            self.queue.task_done()
        if self._connection is not None:
            self.end_connection()  # the websocket loop ends the socket
        else:  # long polling: nothing to abort, so close the socket itself
            self.server.start_background_task(
                self.close,
                wait=False,
                abort=True,
                reason=self.server.reason.TRANSPORT_ERROR,
            )

    async def _websocket_handler(self, ws: Any) -> None:
        max_size = self.server.max_http_buffer_size
        if self.connected:
            if self.upgrading or self.upgraded or self.closing or self.closed:
                return  # one upgrade at a time, and none after it or the close
            if self._upgrades is None:
                self._upgrades = set()
            self._upgrades.add(ws)  # ended with the socket, even mid-upgrade
            try:
                upgraded = await upgrade_handshake(self, ws, max_size)
            finally:
                self._upgrades.discard(ws)
            if not upgraded:
                return
        else:
            self.connected = True
            self.upgraded = True
        self._connection = ws

        self._write_lock = asyncio.Lock()
        self._ws = ws
        if self.queue.qsize():
            self._start_writer(ws)  # what was queued before the websocket opened
        self.server.logger.info("%s: Upgrade to websocket successful", self.sid)

        task = asyncio.current_task()
        receive = ws._sock.receive
        # Socket.IO's packets are handed to it directly when engine.io would only
        # pass them on (handlers awaited in turn), whatever the log level: only
        # engine.io's packet log line, which would carry the data, is skipped.
        on_message = None
        if not self.server.async_handlers:
            on_message = self.server.handlers.get("message")
        try:
            while True:
                try:
                    # What ws.wait() does, one coroutine frame shallower.
                    data = (await receive()).data
                except asyncio.CancelledError:
                    break  # the server dropped the connection: as stock
                except Exception:
                    break
                if type(data) is not str and type(data) is not bytes:
                    break  # closed by the client, or an error
                if len(data) > max_size:
                    break  # packet is too large
                if self._probes:
                    self._heard()  # a probe waits: any packet proves life
                try:
                    if on_message is not None and _is_socketio_message(data):
                        # What `receive` does with such a packet, without building
                        # a Packet object and a log line for it on the way.
                        await on_message(self.sid, data[1:])
                    else:
                        await self.receive(_decoded(data))
                except (exceptions.UnknownPacketError, MalformedPacket):
                    pass
                except exceptions.SocketIsClosedError:
                    self.server.logger.info("Receive error -- socket is closed")
                    break
                except asyncio.CancelledError:
                    break  # the connection was lost while the packet was handled
                except Exception:
                    self.server.logger.exception("Unknown receive error")
        finally:
            self._ws = None
            self.queue.put_nowait(None)  # the writer closes the websocket
            writer = self._start_writer(ws)
        # Ending the socket (and telling Socket.IO) completes even when the request's
        # task is cancelled because the connection was lost; as in the stock loop,
        # that cancellation ends the websocket and nothing else, so that engine.io
        # then forgets the socket.
        end = asyncio.ensure_future(self._end_websocket(writer))
        try:
            while not end.done():
                try:
                    await asyncio.shield(end)
                except asyncio.CancelledError:
                    if task is not None:
                        task.uncancel()
            end.result()
        finally:
            self._connection = None  # nothing left to abort; no cycle holds it

    def end_transport(self) -> None:
        """Close the websocket after what is queued (a long poll: end it), and
        drop any upgrade still in progress."""
        self.queue.put_nowait(None)
        if self._ws is not None:
            self._start_writer(self._ws)
        for upgrade in list(self._upgrades or ()):
            upgrade.abort()

    def _start_writer(self, ws: Any) -> asyncio.Future[None]:
        """The writer task, started if it is not running."""
        if self._writer is None:
            self._writer = asyncio.ensure_future(self._write_queued(ws))
        return self._writer

    async def _write_queued(self, ws: Any) -> None:
        """Send what waits in the queue, in order, then stop; None closes the
        websocket. Runs only while something waits: most sockets never need it."""
        lock = self._write_lock
        assert lock is not None
        try:
            while self.queue.qsize():
                queued = self.queue.get_nowait()
                self.queue.task_done()
                if queued is None or self._ws is None:
                    break
                async with lock:
                    try:
                        ws.flush()  # what was written at once goes first
                        await ws.send(queued.encode())
                    except Exception:
                        break
            else:
                return  # all sent; the websocket stays open
            self._ws = None
            async with lock:
                ws.flush()
                await ws.close()
        finally:
            self._writer = None

    async def _end_websocket(self, writer: asyncio.Future[None]) -> None:
        await writer
        await self.close(
            wait=False, abort=True, reason=self.server.reason.TRANSPORT_CLOSE
        )


class MalformedPacket(ValueError):
    """An Engine.IO packet that does not decode (empty, bad base64): dropped
    without a traceback, as a malformed Socket.IO packet is (guard.py)."""


def _decoded(data: str | bytes) -> eio_packet.Packet:
    try:
        return eio_packet.Packet(encoded_packet=data)
    except Exception:
        logger.debug("a malformed Engine.IO packet: dropped")
        raise MalformedPacket() from None


def _is_socketio_message(data: str | bytes) -> bool:
    """An engine.io MESSAGE carrying a Socket.IO packet (whose type is a digit)."""
    return type(data) is str and data[:1] == "4" and data[1:2].isdigit()
