"""The direct relay for `message` keeps every rule of the ordinary path.

Messages here are emitted without an ack, the shape the direct relay takes, so each
test checks the decision that relay makes: relay as received, or hand the frame to
the handlers, which refuse it.
"""

from typing import Any

import pytest

from signaling.config import Settings
from signaling.rooms.errors import MESSAGE_TOO_LARGE, NOT_IN_ROOM
from tests.conftest import Connect
from tests.helpers import CODELAB_EVENTS, OWN_EVENTS

MAX_MESSAGE_BYTES = 1024
LISTENS_FOR = CODELAB_EVENTS | OWN_EVENTS
# Compact ASCII JSON counts an astral character as 12 bytes (two \uXXXX escapes),
# a JSON string adds its two quotes.
ASTRAL = "\U0001f600"
LARGEST_ASTRAL_RUN = (MAX_MESSAGE_BYTES - 2) // 12


@pytest.fixture
def settings() -> Settings:
    return Settings(max_message_bytes=MAX_MESSAGE_BYTES)


async def seated_pair(connect: Connect) -> tuple:
    first = await connect(LISTENS_FOR)
    second = await connect(LISTENS_FOR)
    await first.call("create or join", "room")
    await second.call("create or join", "room")
    await first.expect("created", "join", "ready")
    await second.expect("joined", "ready")
    return first, second


PAYLOADS = [
    {"type": "candidate", "label": 0, "id": "0", "candidate": "candidate:1 1 udp 1"},
    {"type": "offer", "sdp": "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n", "n": 1.5},
    "got user media",
    ["nested", {"deep": [1, 2, {"x": None}]}, True],
    "Grüße " + ASTRAL,
    ASTRAL * LARGEST_ASTRAL_RUN,
]


@pytest.mark.parametrize(
    "payload", PAYLOADS, ids=["candidate", "offer", "text", "nested", "unicode", "max"]
)
async def test_message_arrives_exactly_as_sent(connect: Connect, payload: Any) -> None:
    first, second = await seated_pair(connect)
    await first.emit("message", payload)
    assert await second.expect("message") == [(payload,)]
    first.assert_quiet()


async def test_message_one_character_over_the_limit_is_refused_and_not_relayed(
    connect: Connect,
) -> None:
    first, second = await seated_pair(connect)
    await first.emit("message", ASTRAL * (LARGEST_ASTRAL_RUN + 1))
    [(error,)] = await first.expect("signaling-error")
    assert error["code"] == MESSAGE_TOO_LARGE
    await first.emit("message", "sentinel")
    assert await second.expect("message") == [("sentinel",)]


async def test_message_from_someone_in_no_room_is_refused(connect: Connect) -> None:
    first, second = await seated_pair(connect)
    outsider = await connect(LISTENS_FOR)
    await outsider.emit("message", {"type": "candidate"})
    [(error,)] = await outsider.expect("signaling-error")
    assert error["code"] == NOT_IN_ROOM
    await first.emit("message", "sentinel")
    assert await second.expect("message") == [("sentinel",)]
    first.assert_quiet()


async def test_messages_keep_their_order_across_both_paths(connect: Connect) -> None:
    first, second = await seated_pair(connect)
    # Plain messages go directly; one with the room as second argument goes through
    # the handler. The peer must hear them in the order they were sent.
    await first.emit("message", "one")
    await first.emit("message", "two", "room")
    await first.emit("message", "three")
    assert await second.expect("message", "message", "message") == [
        ("one",),
        ("two",),
        ("three",),
    ]
