"""How a lean socket is kept alive and found dead: what the server's one heartbeat
(heartbeat.Heartbeat) and the full-room probe need of it. The websocket loop and the
sending are lean_socket.py's.
"""

from __future__ import annotations

import asyncio
from typing import Any

from engineio import exceptions
from engineio import packet as eio_packet
from engineio.async_socket import AsyncSocket


class LiveSocket(AsyncSocket):  # type: ignore[misc]
    """engine.io's socket on the server's one heartbeat instead of a ping task and
    a read timeout each, and with a probe that any packet answers."""

    closing: bool
    closed: bool
    last_ping: float | None
    _connection: Any = None  # the websocket, once it carries the connection
    _upgrades: set[Any] | None = None  # websockets mid-upgrade (a client may open many)
    _probes: set[asyncio.Event] | None = None  # set by the next packet that arrives

    def schedule_ping(self) -> None:
        # As stock (the next ping only once the last one was answered), on the
        # server's one heartbeat instead of a task per ping.
        if self.last_ping:
            self.last_ping = None
            self.server.heartbeat.schedule(self)

    async def ping(self) -> None:
        await self.send(eio_packet.Packet(eio_packet.PING))

    async def give_up(self) -> None:
        """A ping went unanswered for the ping timeout: the client is gone. (The
        heartbeat then drops the connection with `end_connection`.)"""
        if not (self.closing or self.closed):
            await self.close(
                wait=False, abort=False, reason=self.server.reason.PING_TIMEOUT
            )

    def end_connection(self) -> None:
        """Drop this socket's websocket connection, if it has one, and every
        upgrade in progress, at once: a client that does not answer may not read
        either. That ends the websocket loop (or an upgrade waiting for its next
        packet), and a writer waiting for the peer to read."""
        if self._connection is not None:
            self._connection.abort()
        for upgrade in list(self._upgrades or ()):
            upgrade.abort()

    async def check_ping_timeout(self) -> bool:
        # Only "is it closed": the heartbeat alone lets silent clients go, so that
        # a send right after this process was stalled does not take answers still
        # unread in the socket for silence.
        if self.closed:
            raise exceptions.SocketIsClosedError()
        return True

    async def probe(self, timeout: float) -> bool:
        """Ping now; True when any packet arrives within `timeout` seconds. Every
        packet passes the websocket loop's `_heard` check or `receive`."""
        heard = asyncio.Event()
        if self._probes is None:
            self._probes = set()
        self._probes.add(heard)
        try:
            await self.ping()
            await asyncio.wait_for(heard.wait(), timeout)
            return True
        except (TimeoutError, OSError, exceptions.SocketIsClosedError):
            return False
        finally:
            self._probes.discard(heard)

    async def receive(self, pkt: eio_packet.Packet) -> None:
        if self._probes:
            self._heard()
        await super().receive(pkt)

    def _heard(self) -> None:
        for heard in self._probes or ():
            heard.set()
