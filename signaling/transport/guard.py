"""What a hostile client may not do to the Socket.IO layer, checked before python-
socketio dispatches a packet (both modes): send the reserved event names, make the
server buffer binary attachments, or fill the log with malformed frames."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import socketio

from ..abuse import Buckets
from ..rooms.errors import TOO_MANY_MESSAGES

logger = logging.getLogger(__name__)

# Names python-socketio triggers itself; a client sending one would run our
# connect or disconnect handler as if the library had (issue 12, item 6).
RESERVED_EVENTS = frozenset({"connect", "connect_error", "disconnect"})
# A reserved name from a client is dispatched under this prefix instead: no
# handler has such a name, so it is refused as an unknown event.
RESERVED_PREFIX = "reserved:"
# Binary Socket.IO packets (BINARY_EVENT, BINARY_ACK) start with their type.
BINARY_TYPES = ("5", "6")
# More attachments than this announced in one packet: the packet is dropped.
MAX_ATTACHMENTS = 8

MessageHandler = Callable[[str, Any], Awaitable[None]]


def guard_server(sio: socketio.AsyncServer) -> FrameGuard:
    """Put the guards in front of `sio`'s packet handling (once, after it is
    built): Engine.IO messages first pass `FrameGuard`, events `_handle_event`."""
    guard = FrameGuard(sio, sio.eio.handlers["message"])
    sio.eio.on("message", guard.handle)
    handle_event = sio._handle_event

    async def refuse_reserved(
        eio_sid: str, namespace: str | None, ack_id: Any, data: Any
    ) -> None:
        if not isinstance(data, list) or not data or not isinstance(data[0], str):
            guard.note_malformed(eio_sid)  # no event name: nothing to dispatch
            return
        if data[0] in RESERVED_EVENTS:
            data = [RESERVED_PREFIX + data[0], *data[1:]]
        await handle_event(eio_sid, namespace, ack_id, data)

    sio._handle_event = refuse_reserved
    return guard


class FrameGuard:
    """Engine.IO messages on their way to python-socketio: binary attachments are
    emptied before they are buffered, and a frame that does not decode is dropped
    with one DEBUG line per connection, no traceback."""

    def __init__(self, sio: socketio.AsyncServer, handle: MessageHandler) -> None:
        self.sio = sio
        self.handle_message = handle
        self._noted: set[str] = set()  # connections already logged once
        self.rate: Buckets | None = None  # messages per connection (limit_rate)
        self._told: set[str] = set()  # over the rate, and told so

    def limit_rate(self, per_second: int) -> None:
        """At most `per_second` messages a second per connection, in bursts of up
        to four seconds' worth (a browser's offer and its ICE candidates)."""
        self.rate = Buckets(per_second, 4 * per_second)

    async def handle(self, eio_sid: str, data: Any) -> None:
        rate = self.rate
        if rate is not None:
            live = self.sio.eio.sockets
            if len(rate) > 2 * len(live) + 64:
                rate.keep_only(live)  # the buckets of connections that are gone
            if not rate.take(eio_sid):
                await self._refuse_rate(eio_sid)
                return
        self._told.discard(eio_sid)
        if isinstance(data, bytes):
            # An attachment: the server refuses binary payloads anyway, so it
            # keeps none of the bytes (the event is refused as not JSON).
            data = b""
        elif isinstance(data, str) and data[:1] in BINARY_TYPES:
            if _attachment_count(data) > MAX_ATTACHMENTS:
                self.note_malformed(eio_sid)
                return
        try:
            await self.handle_message(eio_sid, data)
        except Exception as error:
            # Our handlers answer their own failures (handlers.py); what reaches
            # here is python-socketio refusing a packet: a bad type, namespace or
            # ack id, or JSON that does not decode. The client's fault, not ours.
            self.note_malformed(eio_sid, error)

    async def _refuse_rate(self, eio_sid: str) -> None:
        """Drop the message; say why once per spell over the rate (an answer per
        dropped message would be a flood of its own)."""
        if eio_sid in self._told:
            return
        self._told.add(eio_sid)
        self._forget_gone()
        sid = self.sio.manager.sid_from_eio_sid(eio_sid, "/")
        logger.info("eio_sid=%s refused code=%s", eio_sid, TOO_MANY_MESSAGES)
        if sid is not None:
            await self.sio.emit(
                "signaling-error",
                {
                    "code": TOO_MANY_MESSAGES,
                    "message": "Too many messages at once: some were dropped. "
                    "Slow down and try again.",
                },
                to=sid,
            )

    def note_malformed(self, eio_sid: str, error: Exception | None = None) -> None:
        if eio_sid not in self._noted:
            self._noted.add(eio_sid)
            logger.debug(
                "eio_sid=%s sent a malformed frame: dropped (%s)",
                eio_sid,
                type(error).__name__ if error else "no event name",
            )
        self._forget_gone()

    def _forget_gone(self) -> None:
        """Forget connections that are gone, so the set stays as small as the
        number of open connections."""
        live = self.sio.eio.sockets
        if len(self._noted) > 2 * len(live) + 16:
            self._noted &= set(live)
        if len(self._told) > 2 * len(live) + 16:
            self._told &= set(live)


def _attachment_count(header: str) -> int:
    """The number of attachments a binary packet header announces (`51-[...`)."""
    digits = header[1 : header.find("-")] if "-" in header[:12] else ""
    return int(digits) if digits.isdigit() else MAX_ATTACHMENTS + 1
