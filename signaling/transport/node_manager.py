"""Emits across processes (TRANSPORT=fast with REDIS_URL): `InlineManager` that also
reaches the people connected to other processes, through each process's own Redis
channel (redis_bus.py), so a process hears only what is for its own connections.

Every sid starts with the id of the process it is connected to, so an emit to a
sid on another process goes straight to that process. For a room, each process
keeps, for its own members, where the others are (`remote`): the room store names
the other person when someone here enters a room (`peer_of`), and that process is
told (`e`); leaving tells them too (`l`). A stale entry only sends a frame to a
process that delivers it to nobody: the receiving process delivers to its own
members of the room and nobody else.

Records (text; fields apart by \\x1f, which JSON text never holds unescaped):
`m<room>\\x1f<skip sids, comma-separated>\\x1f<Socket.IO frame>` deliver a frame,
`e<room>\\x1f<sid>` a sid entered a room, `l<room>\\x1f<sid>` it left, `x<sid>`
disconnect a sid. A received `message` is forwarded as the frame it arrived in.
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Iterable, Sequence
from typing import Any

from engineio import packet as eio_packet

from ..config.optional import hiredis
from .base import PeerOf
from .manager import NAMESPACE, InlineManager, deliver, send_packet
from .redis_bus import MAX_OUTBOX, RECORD_SEPARATOR, RedisBus

logger = logging.getLogger(__name__)

FIELD = "\x1f"
# A sid as LeanEngineServer makes it with our prefix: process id, a dot, and
# engine.io's 20 characters.
SID = re.compile(r"([0-9a-f]{8})\.[A-Za-z0-9_-]{20}")


def node_of(sid: str | None) -> str | None:
    """The process a sid is connected to, or None for a name that is not a sid."""
    match = None if sid is None else SID.fullmatch(sid)
    return None if match is None else match.group(1)


class NodeManager(InlineManager):
    """InlineManager whose rooms and sids reach across processes."""

    def __init__(self, url: str, prefix: str, peer_of: PeerOf) -> None:
        super().__init__()
        self.node = secrets.token_hex(4)
        self.sid_prefix = self.node + "."
        self.peer_of = peer_of
        # room → {sid: process} of its members connected elsewhere, for the rooms
        # that have a member here.
        self.remote: dict[str, dict[str, str]] = {}
        hiredis()  # missing: a configuration error at startup, not at first use
        self.bus = RedisBus(url, prefix, self.node, self._receive)

    async def start(self) -> None:
        await self.bus.start()

    async def stop(self) -> None:
        await self.bus.stop()

    async def send_frames(
        self,
        namespace: str,
        room: str | None,
        frames: list[eio_packet.Packet],
        skip: Sequence[str | None],
    ) -> None:
        await deliver(self, namespace, room, frames, skip)
        if namespace != NAMESPACE or room is None:
            return  # our app emits to rooms and sids of the default namespace only
        if len(frames) != 1 or not isinstance(frames[0].data, str):
            logger.warning("an emit with binary attachments stays on this process")
            return
        self._forward(room, frames[0].data, skip)
        await self.bus.wait_if_full()

    async def relay(self, room: str, frame: str, sender: str) -> None:
        members = self.rooms.get(NAMESPACE, {}).get(room)
        if members is not None and len(members) > 1:  # someone here besides sender
            await super().relay(room, frame, sender)
        remote = self.remote.get(room)
        if remote:
            record = f"m{room}{FIELD}{sender}{FIELD}{frame}"
            for node in remote.values() if len(remote) == 1 else set(remote.values()):
                self.bus.post(node, record)
            if self.bus.queued > MAX_OUTBOX:
                await self.bus.wait_if_full()

    async def enter_room(
        self, sid: str, namespace: str, room: str, eio_sid: str | None = None
    ) -> None:
        await super().enter_room(sid, namespace, room, eio_sid=eio_sid)
        if namespace != NAMESPACE or room == sid:
            return
        peer = self.peer_of(sid)
        peer_node = node_of(peer)
        if peer is None or peer_node is None or self._is_here(peer):
            self.remote.pop(room, None)
            return
        self.remote[room] = {peer: peer_node}
        self.bus.post(peer_node, f"e{room}{FIELD}{sid}")

    async def leave_room(self, sid: str, namespace: str, room: str) -> None:
        if namespace == NAMESPACE and not self._is_here(sid):
            # Someone elsewhere (its process died, as the room store tells us).
            self._forget(room, sid)
            return
        await super().leave_room(sid, namespace, room)
        if namespace == NAMESPACE:
            self._left(sid, room)

    async def disconnect(self, sid: str, namespace: str, **kwargs: Any) -> None:
        rooms = [] if namespace != NAMESPACE else self.get_rooms(sid, namespace)
        await super().disconnect(sid, namespace, **kwargs)
        for room in rooms:
            if room is not None and room != sid:
                self._left(sid, room)

    async def can_disconnect(self, sid: str, namespace: str) -> bool:
        if self.is_connected(sid, namespace) or self.is_pre_connected(sid, namespace):
            return await super().can_disconnect(sid, namespace)  # type: ignore[no-any-return]
        node = node_of(sid)
        if node is not None and node != self.node:
            self.bus.post(node, f"x{sid}")  # its own process disconnects it
        return False

    def _forward(self, room: str, frame: str, skip: Iterable[str | None]) -> None:
        members = self.remote.get(room)
        if members:
            nodes: Iterable[str] = set(members.values())
        elif self._is_here(room) or (node := node_of(room)) in (None, self.node):
            return
        else:
            nodes = (node,)  # a sid connected elsewhere
        skipped = ",".join(sid for sid in skip if sid)
        for node in nodes:
            self.bus.post(node, f"m{room}{FIELD}{skipped}{FIELD}{frame}")

    def _left(self, sid: str, room: str) -> None:
        """Tell where the room's other members are; forget them with our last one."""
        members = self.remote.get(room)
        for node in set(members.values()) if members else ():
            self.bus.post(node, f"l{room}{FIELD}{sid}")
        if not self._is_here(room):
            self.remote.pop(room, None)

    def _forget(self, room: str, sid: str) -> None:
        members = self.remote.get(room)
        if members is not None:
            members.pop(sid, None)
            if not members:
                del self.remote[room]

    def _is_here(self, room: str) -> bool:
        """Whether a room (or a sid) has a member connected to this process."""
        return bool(self.rooms.get(NAMESPACE, {}).get(room))

    async def _receive(self, text: str) -> None:
        """What other processes sent us, record by record, in order: a record that
        fails is logged and the others still go."""
        rooms = self.rooms.get(NAMESPACE, {})
        sockets = self.server.eio.sockets
        for record in text.split(RECORD_SEPARATOR):
            try:
                if record[:1] != "m":
                    await self._apply(record[:1], record[1:])
                    continue
                # The bulk: a frame for our members of a room, handed over here
                # rather than through a coroutine per record.
                room, skipped, frame = record[1:].split(FIELD, 2)
                members = rooms.get(room)
                if not members:
                    continue
                skip = skipped.split(",")
                packet = eio_packet.Packet(eio_packet.MESSAGE, frame)
                for sid, eio_sid in list(members.items()):
                    if sid not in skip:
                        await send_packet(sockets.get(eio_sid), packet)
            except Exception:
                logger.exception("a record from another process failed: %r", record[:1])

    async def _apply(self, kind: str, body: str) -> None:
        if kind == "m":
            room, skipped, frame = body.split(FIELD, 2)
            packet = eio_packet.Packet(eio_packet.MESSAGE, frame)
            await deliver(self, NAMESPACE, room, [packet], skipped.split(","))
        elif kind == "e":
            room, sid = body.split(FIELD, 1)
            node = node_of(sid)
            if node is not None and self._is_here(room):
                self.remote[room] = {sid: node}  # two seats: the other one
        elif kind == "l":
            room, sid = body.split(FIELD, 1)
            self._forget(room, sid)
        elif kind == "x" and self.is_connected(body, NAMESPACE):
            await self.server.disconnect(body, ignore_queue=True)
