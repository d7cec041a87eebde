"""TRANSPORT=fast (the default): python-socketio and python-engineio with the
per-frame and per-socket work taken out (docs/PERFORMANCE.md). What clients see is
the same as with TRANSPORT=stock; tests/protocol runs in both modes to prove it."""

from __future__ import annotations

from typing import Any

from ..abuse import TrustedProxies
from .codec import OrjsonModule
from .engine import SessionLimit
from .lean_socket import LeanSocket
from .manager import InlineManager
from .server import SignalingServer
from .surface import RelayCounter, RelayRoom, Transport


class FastTransport(Transport):
    def __init__(
        self,
        options: dict[str, Any],
        max_relay_chars: int,
        relay_room_of: RelayRoom,
        count_relay: RelayCounter,
        max_queued_bytes: int,
        sessions: SessionLimit,
        trusted_proxies: TrustedProxies,
    ) -> None:
        options = {"client_manager": InlineManager(), **options}
        sio = SignalingServer(
            relay_room_of=relay_room_of,
            count_relay=count_relay,
            max_relay_chars=max_relay_chars,
            json=OrjsonModule,
            **options,
        )
        sio.eio.max_queued_bytes = max_queued_bytes
        sio.eio.sessions = sessions
        sio.eio.trusted_proxies = trusted_proxies
        super().__init__(sio)

    def end_transport(self, socket: LeanSocket) -> None:
        socket.end_transport()

    async def probe(self, socket: LeanSocket, timeout: float) -> bool:
        return await socket.probe(timeout)
