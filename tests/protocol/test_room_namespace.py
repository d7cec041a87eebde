"""Rooms of ours and the rooms Socket.IO names after each connection never meet:
ours are entered as `room:<key>`, for emits and for the direct relay alike."""

from __future__ import annotations

from aiohttp.test_utils import TestServer

from signaling.app import SIGNALING
from tests.conftest import Connect
from tests.helpers import codelab_pair


async def test_members_are_in_the_prefixed_room_only(
    connect: Connect, server: TestServer
) -> None:
    first, second = await codelab_pair(connect, "Call")
    sio = server.app[SIGNALING].sio
    for member in (first, second):
        assert set(sio.rooms(member.sid)) == {member.sid, "room:call"}
    # The direct relay (fast transport) and the handlers send into that room.
    await first.emit("message", "to the other member")
    assert await second.expect("message") == [("to the other member",)]
    await second.emit("roomMessage", {"room": "Call", "data": "back"})
    await second.emit("message", {"type": "offer", "sdp": "v=0"})
    assert await first.expect("message") == [({"type": "offer", "sdp": "v=0"},)]
