"""Bad input: a clear refusal, nothing relayed or changed, the server keeps serving."""

import asyncio
from typing import Any

import pytest

from signaling.config import Settings
from signaling.rooms.errors import (
    MESSAGE_INVALID,
    MESSAGE_TOO_LARGE,
    NAME_INVALID,
    NAME_REQUIRED,
    UNKNOWN_EVENT,
)
from tests.conftest import Connect
from tests.helpers import WAIT_SECONDS, codelab_pair

MAX_MESSAGE_BYTES = 4096


@pytest.fixture
def settings() -> Settings:
    return Settings(max_message_bytes=MAX_MESSAGE_BYTES)


BAD_JOINS = [
    ((), NAME_INVALID),
    ((None,), NAME_INVALID),
    ((17,), NAME_INVALID),
    (({"room": "x"},), NAME_INVALID),
    ((["x"],), NAME_INVALID),
    (("",), NAME_REQUIRED),
    (("   ",), NAME_REQUIRED),
    (("x" * 65,), NAME_INVALID),
    (("x" * 3000,), NAME_INVALID),
    (("evil\x00",), NAME_INVALID),
    (("tab\x1b",), NAME_INVALID),
]


@pytest.mark.parametrize(
    ("args", "code"), BAD_JOINS, ids=[repr(a)[:24] for a, _ in BAD_JOINS]
)
async def test_bad_room_name_is_refused_and_changes_nothing(
    connect: Connect, args: tuple[Any, ...], code: str
) -> None:
    first, second = await codelab_pair(connect, "room")
    stranger = await connect({"signaling-error", "errorMessage"})
    ack = await stranger.call("create or join", *args)
    assert ack["ok"] is False and ack["code"] == code and ack["message"]
    [(event,), (text,)] = await stranger.expect("signaling-error", "errorMessage")
    assert event == {"code": code, "message": ack["message"]} and text == ack["message"]

    # A seated person asking for a bad name stays where they are.
    ack = await second.call("create or join", *args)
    assert ack["code"] == code
    await second.emit("message", "still here")
    assert await first.expect("message") == [("still here",)]


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ("x" * (MAX_MESSAGE_BYTES + 1), MESSAGE_TOO_LARGE),
        ({"type": "offer", "sdp": "x" * MAX_MESSAGE_BYTES}, MESSAGE_TOO_LARGE),
        (b"\x00binary", MESSAGE_INVALID),
    ],
    ids=["long-string", "big-offer", "binary"],
)
async def test_bad_message_is_refused_and_not_relayed(
    connect: Connect, payload: Any, code: str
) -> None:
    first, second = await codelab_pair(connect, "room")
    ack = await first.call("message", payload)
    assert ack["ok"] is False and ack["code"] == code
    await first.emit("message", "sentinel")
    assert await second.expect("message") == [("sentinel",)]


async def test_message_without_payload_is_refused(connect: Connect) -> None:
    first, second = await codelab_pair(connect, "room")
    ack = await first.call("message")
    assert ack["code"] == MESSAGE_INVALID
    await first.emit("message", "sentinel")
    assert await second.expect("message") == [("sentinel",)]


async def test_message_just_under_the_limit_is_relayed(connect: Connect) -> None:
    first, second = await codelab_pair(connect, "room")
    payload = "x" * (MAX_MESSAGE_BYTES - 2)  # JSON adds the two quotes
    await first.emit("message", payload)
    assert await second.expect("message") == [(payload,)]


async def test_oversized_frame_closes_only_that_connection(connect: Connect) -> None:
    first, second = await codelab_pair(connect, "room")
    flooder = await connect()
    await flooder.emit("message", "x" * (4 * MAX_MESSAGE_BYTES))
    await asyncio.wait_for(flooder.disconnected.wait(), WAIT_SECONDS)
    assert not flooder.sio.connected
    await first.emit("message", "still serving")
    assert await second.expect("message") == [("still serving",)]


@pytest.mark.parametrize(
    "envelope",
    [None, "text", 5, ["room"], {"data": "no room"}],
    ids=["none", "text", "number", "list", "no-room"],
)
async def test_bad_room_message_is_refused(connect: Connect, envelope: Any) -> None:
    first, second = await codelab_pair(connect, "room")
    ack = await first.call("roomMessage", envelope)
    assert ack["code"] == MESSAGE_INVALID


async def test_unknown_event_is_refused(connect: Connect) -> None:
    client = await connect({"signaling-error"})
    ack = await client.call("launch missiles", {"now": True})
    assert ack["ok"] is False and ack["code"] == UNKNOWN_EVENT
    [(event,)] = await client.expect("signaling-error")
    assert event["code"] == UNKNOWN_EVENT


async def test_leave_when_in_no_room_is_harmless(connect: Connect) -> None:
    client = await connect()
    assert await client.call("leave") == {"ok": True}
    assert await client.call("leave", "extra", 1, None) == {"ok": True}
