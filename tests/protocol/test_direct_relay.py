"""The direct relay for `message` keeps every rule of the ordinary path.

Messages here are emitted without an ack, the shape the direct relay takes, so each
test checks the decision that relay makes: relay as received, or hand the frame to
the handlers, which refuse it. Which path ran shows in /metrics: both count the
relay, only the handler path is timed in videoroom_handler_seconds.
"""

from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from signaling.config import Settings
from signaling.rooms.errors import MESSAGE_TOO_LARGE, NOT_IN_ROOM
from tests.conftest import TEST_TRANSPORT, Connect
from tests.helpers import (
    CODELAB_EVENTS,
    OWN_EVENTS,
    codelab_pair,
    open_raw_websocket,
    scrape,
    value,
)

MAX_MESSAGE_BYTES = 1024
LISTENS_FOR = CODELAB_EVENTS | OWN_EVENTS
# Compact ASCII JSON counts an astral character as 12 bytes (two \uXXXX escapes),
# a JSON string adds its two quotes.
ASTRAL = "\U0001f600"
LARGEST_ASTRAL_RUN = (MAX_MESSAGE_BYTES - 2) // 12
MESSAGE = {"event": "message"}
LEVELS = ["INFO", "DEBUG"]  # debug logs never change which path a message takes


@pytest.fixture
def settings() -> Settings:
    return Settings(max_message_bytes=MAX_MESSAGE_BYTES)


@pytest.fixture
async def http(aiohttp_client: Any, server: TestServer) -> TestClient:
    client: TestClient = await aiohttp_client(server)
    return client


async def handled(http: TestClient) -> float:
    """How many `message` frames went through the handler (the ordinary path)."""
    samples = await scrape(http)
    return value(samples, "videoroom_handler_seconds_count", **MESSAGE)


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
    first, second = await codelab_pair(connect, "room", LISTENS_FOR)
    await first.emit("message", payload)
    assert await second.expect("message") == [(payload,)]
    await first.assert_quiet()


@pytest.mark.fast_only(reason="the direct relay is the fast transport's")
# The default limit: under the 1 KiB one above, only frames of up to 85 characters
# are short enough to skip the exact measure.
@pytest.mark.parametrize(
    "settings", [Settings(log_level=x) for x in LEVELS], ids=LEVELS
)
@pytest.mark.parametrize(
    "payload", PAYLOADS[:5], ids=["candidate", "offer", "text", "nested", "unicode"]
)
async def test_plain_messages_take_the_direct_path_at_every_log_level(
    connect: Connect, http: TestClient, payload: Any
) -> None:
    first, second = await codelab_pair(connect, "room", LISTENS_FOR)
    await first.emit("message", payload)
    assert await second.expect("message") == [(payload,)]
    samples = await scrape(http)
    assert value(samples, "videoroom_relayed_messages_total", **MESSAGE) == 1
    assert await handled(http) == 0


async def test_message_one_character_over_the_limit_is_refused_and_not_relayed(
    connect: Connect, http: TestClient
) -> None:
    first, second = await codelab_pair(connect, "room", LISTENS_FOR)
    await first.emit("message", ASTRAL * (LARGEST_ASTRAL_RUN + 1))
    [(error,)] = await first.expect("signaling-error")
    assert error["code"] == MESSAGE_TOO_LARGE
    assert await handled(http) == 1  # measured exactly, by the handler
    await first.emit("message", "sentinel")
    assert await second.expect("message") == [("sentinel",)]


async def test_message_from_someone_in_no_room_is_refused(connect: Connect) -> None:
    first, second = await codelab_pair(connect, "room", LISTENS_FOR)
    outsider = await connect(LISTENS_FOR)
    await outsider.emit("message", {"type": "candidate"})
    [(error,)] = await outsider.expect("signaling-error")
    assert error["code"] == NOT_IN_ROOM
    await first.emit("message", "sentinel")
    assert await second.expect("message") == [("sentinel",)]
    await first.assert_quiet()


async def test_messages_keep_their_order_across_both_paths(
    connect: Connect, http: TestClient
) -> None:
    first, second = await codelab_pair(connect, "room", LISTENS_FOR)
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
    # Only the second, on the fast transport; all three on stock (no direct path).
    assert await handled(http) == (3 if TEST_TRANSPORT == "stock" else 1)


async def test_both_paths_count_the_bytes_a_browser_sends(
    connect: Connect, http: TestClient, server_url: str
) -> None:
    text = "Grüße " + ASTRAL
    receiver = await connect(CODELAB_EVENTS)
    async with aiohttp.ClientSession() as session:
        # A browser sends compact JSON in UTF-8, unescaped.
        sender, _ = await open_raw_websocket(session, server_url)
        await sender.send_str('42["create or join","room"]')
        assert (await sender.receive_str(timeout=5)).startswith('42["created"')
        await receiver.emit("create or join", "room")
        await receiver.expect("joined", "ready")
        await sender.send_str(f'42["message","{text}"]')  # direct, on fast
        await sender.send_str(f'42["message","{text}","room"]')  # the handler
        assert await receiver.expect("message", "message") == [(text,), (text,)]
    samples = await scrape(http)
    assert value(samples, "videoroom_relayed_messages_total", **MESSAGE) == 2
    size = len(f'"{text}"'.encode())
    assert value(samples, "videoroom_relayed_bytes_total", **MESSAGE) == 2 * size
