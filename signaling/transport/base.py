"""What the app may ask of the transport in either mode (`Transport`), and the
callables and limits it is built with. The modes (fast.py, stock.py) build on it;
surface.py picks one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import socketio

from .closed_sessions import forget_closed_sessions
from .guard import guard_server

# The room key a sid may relay `message` to, or None (the direct relay asks).
RelayRoom = Callable[[str], str | None]
# Told (event, size in bytes) of every relayed message, on every path (metrics).
RelayCounter = Callable[[str, int], None]
# The other person in a sid's room, as the room store last saw it (or None).
PeerOf = Callable[[str], str | None]


class Transport:
    """What the app may ask of the transport, in either mode (fast.py, stock.py)."""

    def __init__(self, sio: socketio.AsyncServer) -> None:
        self.sio = sio
        # Reserved names, binary attachments, malformed frames, the message rate.
        self.guard = guard_server(sio)
        forget_closed_sessions(sio.eio)

    def connection_count(self) -> int:
        """Open Engine.IO connections."""
        return len(self.sio.eio.sockets)

    async def close_all(self) -> None:
        """Send every connection an Engine.IO CLOSE, end its transport, and stop
        the server's background work: clients see a dropped server and reconnect.
        Our disconnect handler runs for each."""
        for socket in list(self.sio.eio.sockets.values()):
            await socket.close(wait=False)  # runs the disconnect handler, sends CLOSE
            # Browsers keep a websocket open after an Engine.IO CLOSE packet: end
            # it from here once the CLOSE is out (a long poll: end it).
            self.end_transport(socket)
        await self.sio.shutdown()

    def end_transport(self, socket: Any) -> None:
        """End one closed socket's websocket or long poll after what is queued."""
        raise NotImplementedError

    async def is_alive(self, sid: str, timeout: float) -> bool:
        """True when the connection of `sid` answers an Engine.IO ping in time."""
        socket = self._socket_of(sid)
        if socket is None or socket.closed or socket.closing:
            return False
        return await self.probe(socket, timeout)

    async def probe(self, socket: Any, timeout: float) -> bool:
        raise NotImplementedError

    async def start_manager(self) -> None:
        """Have the Redis manager listening before the first client (REDIS_URL)."""
        raise NotImplementedError

    async def stop_manager(self) -> None:
        """Stop the Redis manager's listener and connections (REDIS_URL)."""
        raise NotImplementedError

    def _socket_of(self, sid: str) -> Any:
        eio_sid = self.sio.manager.eio_sid_from_sid(sid, "/")
        return self.sio.eio.sockets.get(eio_sid) if eio_sid else None


class Limits(Protocol):
    """The message size limit as the transport applies it (protocol/limits.py)."""

    @property
    def frame_limit(self) -> int: ...

    @property
    def unmeasured_frame_chars(self) -> int: ...
