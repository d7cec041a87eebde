"""Replays of the Google codelab client's conversation, as that client hears it."""

import pytest

from signaling.config import Settings
from tests.conftest import Connect
from tests.helpers import CODELAB_EVENTS, codelab_pair


async def test_codelab_call_replay(connect: Connect) -> None:
    first = await connect(CODELAB_EVENTS)
    second = await connect(CODELAB_EVENTS)

    await first.emit("create or join", "foo")
    assert await first.expect("created") == [("foo", first.sid)]

    await second.emit("create or join", "foo")
    assert await first.expect("join", "ready") == [("foo",), ()]
    assert await second.expect("joined", "ready") == [("foo", second.sid), ()]

    await second.emit("message", "got user media")
    await first.emit("message", {"type": "offer", "sdp": "v=0 offer"})
    await second.emit("message", {"type": "answer", "sdp": "v=0 answer"})
    candidate = {"type": "candidate", "label": 0, "id": "0", "candidate": "candidate:1"}
    await first.emit("message", candidate)
    assert await first.expect("message", "message") == [
        ("got user media",),
        ({"type": "answer", "sdp": "v=0 answer"},),
    ]
    assert await second.expect("message", "message") == [
        ({"type": "offer", "sdp": "v=0 offer"},),
        (candidate,),
    ]

    third = await connect(CODELAB_EVENTS)
    await third.emit("create or join", "foo")
    assert await third.expect("full") == [("foo",)]

    await second.disconnect()
    assert await first.expect("message", "created") == [("bye",), ("foo", first.sid)]


async def test_after_bye_the_remaining_person_starts_the_next_call(
    connect: Connect,
) -> None:
    first, second = await codelab_pair(connect, "foo")
    await second.disconnect()
    await first.expect("message", "created")

    newcomer = await connect(CODELAB_EVENTS)
    await newcomer.emit("create or join", "foo")
    assert await first.expect("join", "ready") == [("foo",), ()]
    assert await newcomer.expect("joined", "ready") == [("foo", newcomer.sid), ()]
    await newcomer.emit("message", "got user media")
    assert await first.expect("message") == [("got user media",)]


async def test_bye_event_frees_the_seat_at_once(connect: Connect) -> None:
    first = await connect(CODELAB_EVENTS)
    second = await connect(CODELAB_EVENTS)
    await first.emit("create or join", "foo")
    await second.emit("create or join", "foo")
    await second.expect("joined", "ready")
    await second.emit("bye", "foo")
    assert await first.expect("created", "join", "ready", "message", "created") == [
        ("foo", first.sid),
        ("foo",),
        (),
        ("bye",),
        ("foo", first.sid),
    ]
    third = await connect(CODELAB_EVENTS)
    await third.emit("create or join", "foo")
    assert await third.expect("joined", "ready") == [("foo", third.sid), ()]


async def test_message_sent_with_the_room_as_second_argument_is_relayed(
    connect: Connect,
) -> None:
    first, second = await codelab_pair(connect, "foo")
    await first.emit("message", {"type": "offer", "sdp": "x"}, "foo")
    assert await second.expect("message") == [({"type": "offer", "sdp": "x"},)]


@pytest.mark.parametrize(
    # A long poll is held open for a ping interval; keep teardown quick.
    "settings",
    [Settings(ping_interval=1, ping_timeout=2)],
    ids=["short-ping"],
)
async def test_polling_transport_works(connect: Connect) -> None:
    first = await connect(CODELAB_EVENTS, transports=["polling"])
    second = await connect(CODELAB_EVENTS, transports=["polling"])
    await first.emit("create or join", "poll")
    await second.emit("create or join", "poll")
    await first.expect("created", "join", "ready")
    await second.expect("joined", "ready")
    await second.emit("message", "hello over polling")
    assert await first.expect("message") == [("hello over polling",)]
