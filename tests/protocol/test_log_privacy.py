"""Logs follow a call without naming the room or carrying SDP, at any level."""

import pytest

from signaling.config import Settings
from signaling.protocol import room_tag
from signaling.transport.library_logs import SOCKETIO_LOGGER
from tests.conftest import Connect
from tests.helpers import CODELAB_EVENTS

ROOM = "Grandma's Birthday"
SDP = "v=0 o=- 4611731400430051336 2 IN IP4 192.0.2.44"
CANDIDATE = "candidate:1 1 udp 2122260223 198.51.100.7 54321 typ host"
LEVELS = ["INFO", "DEBUG"]


@pytest.fixture(params=LEVELS)
def settings(request: pytest.FixtureRequest) -> Settings:
    return Settings(log_level=request.param)


async def test_room_names_sdp_and_candidates_never_reach_the_logs(
    settings: Settings, connect: Connect, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(settings.log_level)  # every logger, the libraries' included
    first = await connect(CODELAB_EVENTS)
    second = await connect(CODELAB_EVENTS)
    await first.emit("create or join", ROOM)
    await second.emit("create or join", ROOM)
    await first.expect("created", "join", "ready")
    await first.emit("message", {"type": "offer", "sdp": SDP})
    await first.emit("message", {"type": "candidate", "candidate": CANDIDATE})
    # Through the handlers too: a second argument takes the ordinary path.
    await first.emit("message", {"type": "offer", "sdp": SDP}, ROOM)
    await second.expect("joined", "ready", "message", "message", "message")
    await second.call("leave")
    await first.expect("message", "created")
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert room_tag(ROOM.casefold()) in text  # the call can still be followed
    for secret in (ROOM, ROOM.casefold(), "192.0.2.44", "198.51.100.7", "v=0"):
        assert secret not in text
    library_lines = [r for r in caplog.records if r.name == SOCKETIO_LOGGER]
    # python-socketio's own lines appear at DEBUG only, and then redacted.
    assert bool(library_lines) == (settings.log_level == "DEBUG")
