"""Emits without a task per recipient: python-socketio's manager handing each packet
straight to its recipients' engine.io sockets, encoded once with orjson."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import socketio
from engineio import packet as eio_packet
from socketio import packet as sio_packet

from .codec import OrjsonModule

NAMESPACE = "/"
# A Socket.IO EVENT packet in the default namespace, before its JSON array.
EVENT_PREFIX = "2"


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
        if callback is not None:
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
            await self.send_frames(namespace, room, frames, skip)
            return None
        sockets = self.server.eio.sockets
        for sid, eio_sid in list(self.get_participants(namespace, room)):
            if sid not in skip:
                await _send(sockets.get(eio_sid), frames)
        return None

    async def send_frames(
        self,
        namespace: str,
        room: str | None,
        frames: list[eio_packet.Packet],
        skip: Sequence[str | None],
    ) -> None:
        """Hand encoded frames to the members of one room (a sid is a room too)."""
        await deliver(self, namespace, room, frames, skip)

    async def relay(self, room: str, frame: str, sender: str) -> None:
        """The direct relay: a received `message` frame, as it is, to the others
        in the sender's room."""
        packet = eio_packet.Packet(eio_packet.MESSAGE, frame)
        await deliver(self, NAMESPACE, room, [packet], [sender])

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
    # python-socketio drops a namespace's table with its last member.
    members = manager.rooms.get(namespace, {}).get(room)
    if not members:
        return
    sockets = manager.server.eio.sockets
    for sid, eio_sid in list(members.items()):  # a bidict: its dict's items
        if sid not in skip:
            await _send(sockets.get(eio_sid), frames)


async def _send(socket: Any, frames: list[eio_packet.Packet]) -> None:
    if socket is None or socket.closed:
        return  # gone: engine.io's send_packet drops these too
    for frame in frames:
        await socket.send(frame)


async def send_packet(socket: Any, packet: eio_packet.Packet) -> None:
    """One packet to one engine.io socket, unless it is gone."""
    if socket is not None and not socket.closed:
        await socket.send(packet)
