"""Logs follow a call without naming the room or carrying SDP, at any level."""

import logging

import pytest

from signaling.protocol import room_tag
from tests.conftest import Connect
from tests.helpers import CODELAB_EVENTS

ROOM = "Grandma's Birthday"
SDP = "v=0 o=- 4611731400430051336 2 IN IP4 192.0.2.44"


async def test_room_names_and_sdp_never_reach_the_logs(
    connect: Connect, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="signaling")
    first = await connect(CODELAB_EVENTS)
    second = await connect(CODELAB_EVENTS)
    await first.emit("create or join", ROOM)
    await second.emit("create or join", ROOM)
    await first.expect("created", "join", "ready")
    await first.emit("message", {"type": "offer", "sdp": SDP})
    await second.expect("joined", "ready", "message")
    await second.call("leave")
    await first.expect("message", "created")
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert room_tag(ROOM.casefold()) in text  # the call can still be followed
    for secret in (ROOM, ROOM.casefold(), "192.0.2.44", "v=0"):
        assert secret not in text
