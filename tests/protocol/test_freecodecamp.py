"""Replays of the freeCodeCamp (simple-peer) client's conversation, as it hears it."""

from tests.conftest import Connect
from tests.helpers import FREECODECAMP_EVENTS


async def test_freecodecamp_call_replay(connect: Connect) -> None:
    first = await connect(FREECODECAMP_EVENTS)
    second = await connect(FREECODECAMP_EVENTS)

    await first.emit("create or join", "demo")
    assert await first.expect("joined room") == [
        ({"initiator": True, "data": "You have successfully joined demo!"},)
    ]

    await second.emit("create or join", "Demo")
    assert await second.expect("joined room") == [
        ({"initiator": False, "data": "You have successfully joined Demo!"},)
    ]
    assert await first.expect("newcomer") == [("Hi there people!",)]

    offer = {"room": "demo", "data": {"type": "offer", "sdp": "v=0"}}
    await first.emit("roomMessage", offer)
    assert await second.expect("roomMessage") == [(offer,)]
    answer = {"room": "demo", "data": {"type": "answer", "sdp": "v=0"}}
    await second.emit("roomMessage", answer)
    assert await first.expect("roomMessage") == [(answer,)]

    third = await connect(FREECODECAMP_EVENTS)
    await third.emit("create or join", "demo")
    assert await third.expect("errorMessage") == [("Could not join room. It's full!",)]


async def test_room_message_for_a_room_the_sender_is_not_in_is_refused(
    connect: Connect,
) -> None:
    first = await connect(FREECODECAMP_EVENTS)
    second = await connect(FREECODECAMP_EVENTS)
    await first.emit("create or join", "demo")
    await second.emit("create or join", "demo")
    await first.expect("joined room", "newcomer")
    await second.expect("joined room")

    await second.emit("roomMessage", {"room": "elsewhere", "data": "sneaky"})
    assert await second.expect("errorMessage") == [
        ("You don't belong to this room kid!",)
    ]

    sentinel = {"room": "Demo", "data": "sentinel"}
    await second.emit("roomMessage", sentinel)
    assert await first.expect("roomMessage") == [(sentinel,)]
    await first.assert_quiet()


async def test_room_message_before_joining_is_refused(connect: Connect) -> None:
    loner = await connect(FREECODECAMP_EVENTS)
    await loner.emit("roomMessage", {"room": "demo", "data": "hello?"})
    assert await loner.expect("errorMessage") == [
        ("You don't belong to this room kid!",)
    ]
