"""TRANSPORT=fast (the default): python-socketio and python-engineio with the
per-frame and per-socket work taken out (docs/PERFORMANCE.md). What clients see is
the same as with TRANSPORT=stock; tests/protocol runs in both modes to prove it."""

from __future__ import annotations

from typing import Any

from ..abuse import TrustedProxies, environ_key
from ..config import Settings
from .base import Limits, PeerOf, RelayCounter, RelayRoom, Transport
from .codec import OrjsonModule
from .engine import SessionLimit
from .lean_socket import LeanSocket
from .manager import InlineManager
from .node_manager import NodeManager
from .server import SignalingServer

# Engine.IO sessions per Socket.IO connection allowed: a tab that reconnects holds
# two sessions for a moment, and the Socket.IO limit, which explains itself to the
# person, is met first.
SESSIONS_PER_CONNECTION = 2


class FastTransport(Transport):
    def __init__(
        self,
        options: dict[str, Any],
        settings: Settings,
        limits: Limits,
        relay_room_of: RelayRoom,
        count_relay: RelayCounter,
        peer_of: PeerOf,
    ) -> None:
        manager: InlineManager = InlineManager()
        if settings.redis_url:  # other processes are reached through Redis
            manager = NodeManager(settings.redis_url, settings.redis_prefix, peer_of)
        sio = SignalingServer(
            relay_room_of=relay_room_of,
            count_relay=count_relay,
            max_relay_chars=limits.unmeasured_frame_chars,
            json=OrjsonModule,
            client_manager=manager,
            **options,
        )
        abuse = settings.limits
        trusted = TrustedProxies(abuse.trusted_proxies)
        sio.eio.max_queued_bytes = abuse.max_queued_bytes
        sio.eio.sessions = SessionLimit(
            SESSIONS_PER_CONNECTION * abuse.connections_per_address,
            lambda environ: environ_key(environ, trusted),
        )
        sio.eio.trusted_proxies = trusted
        if isinstance(manager, NodeManager):
            sio.eio.sid_prefix = manager.sid_prefix  # each sid names its process
        super().__init__(sio)

    async def start_manager(self) -> None:
        if isinstance(self.sio.manager, NodeManager):
            await self.sio.manager.start()

    async def stop_manager(self) -> None:
        if isinstance(self.sio.manager, NodeManager):
            await self.sio.manager.stop()

    def end_transport(self, socket: LeanSocket) -> None:
        socket.end_transport()

    async def probe(self, socket: LeanSocket, timeout: float) -> bool:
        return await socket.probe(timeout)
