"""Relays stay inside the room; rooms, seats and races behave exactly."""

import asyncio

from signaling.rooms.errors import NOT_IN_ROOM, ROOM_FULL
from tests.conftest import Connect
from tests.helpers import (
    CODELAB_EVENTS,
    FREECODECAMP_EVENTS,
    OWN_EVENTS,
    codelab_pair,
)


async def test_message_is_relayed_only_to_the_other_member(connect: Connect) -> None:
    a1, a2 = await codelab_pair(connect, "alpha")
    b1, b2 = await codelab_pair(connect, "beta")
    for sender, label in ((a1, "a1"), (a2, "a2"), (b1, "b1"), (b2, "b2")):
        await sender.emit("message", label)
    assert await a1.expect("message") == [("a2",)]
    assert await a2.expect("message") == [("a1",)]
    assert await b1.expect("message") == [("b2",)]
    assert await b2.expect("message") == [("b1",)]
    await a1.emit("message", "sentinel")
    assert await a2.expect("message") == [("sentinel",)]
    for client in (a1, b1, b2):
        await client.assert_quiet()


async def test_message_before_joining_is_refused_and_relayed_nowhere(
    connect: Connect,
) -> None:
    first, second = await codelab_pair(connect, "room")
    outsider = await connect()
    ack = await outsider.call("message", "hello?")
    assert ack["ok"] is False and ack["code"] == NOT_IN_ROOM
    await first.emit("message", "sentinel")
    assert await second.expect("message") == [("sentinel",)]
    await first.assert_quiet()


async def test_fifty_people_racing_for_one_name_seat_exactly_two(
    connect: Connect,
) -> None:
    clients = await asyncio.gather(*(connect() for _ in range(50)))
    acks = await asyncio.gather(*(c.call("create or join", "race") for c in clients))
    results = [ack.get("result") or ack.get("code") for ack in acks]
    assert results.count("created") == 1
    assert results.count("joined") == 1
    assert results.count(ROOM_FULL) == 48


async def test_a_seat_freed_by_disconnect_takes_a_new_person(connect: Connect) -> None:
    first, second = await codelab_pair(connect, "seat")
    await second.disconnect()
    await first.expect("message", "created")
    newcomer = await connect()
    ack = await newcomer.call("create or join", "seat")
    assert ack == {
        "ok": True,
        "result": "joined",
        "room": "seat",
        "seat": 1,
        "polite": False,
        "returned": False,
        "peer_held": False,
    }


async def test_switching_rooms_tells_the_old_peer(connect: Connect) -> None:
    first, second = await codelab_pair(connect, "old")
    ack = await second.call("create or join", "new")
    assert ack["result"] == "created"
    assert await first.expect("message", "created") == [("bye",), ("old", first.sid)]


async def test_own_client_ack_carries_role_and_echoed_name(connect: Connect) -> None:
    first = await connect()
    second = await connect()
    assert await first.call("create or join", "  Family ") == {
        "ok": True,
        "result": "created",
        "room": "Family",
        "seat": 0,
        "polite": True,
        "returned": False,
        "peer_held": False,
    }
    ack = await second.call("create or join", "FAMILY")
    assert (ack["result"], ack["room"], ack["polite"]) == ("joined", "FAMILY", False)


async def test_own_events_announce_arrivals_and_departures(connect: Connect) -> None:
    first = await connect({"peer-joined", "peer-left"})
    second = await connect()
    await first.call("create or join", "Family", {})
    await second.call("create or join", "family", {})
    # Each event names the room as the person who caused it typed it.
    assert await first.expect("peer-joined") == [({"room": "family"},)]
    await second.call("leave")
    assert await first.expect("peer-left") == [({"room": "Family"},)]


EVERY_EVENT = CODELAB_EVENTS | FREECODECAMP_EVENTS | OWN_EVENTS


async def test_our_client_hears_only_our_events(connect: Connect) -> None:
    first = await connect(EVERY_EVENT)
    second = await connect(EVERY_EVENT)
    await first.call("create or join", "room", {})
    await second.call("create or join", "room", {})
    assert await first.expect("peer-joined") == [({"room": "room"},)]
    await second.call("leave")
    assert await first.expect("peer-left") == [({"room": "room"},)]
    await first.assert_quiet()
    await second.assert_quiet()


async def test_classic_clients_hear_both_classic_dialects_and_none_of_ours(
    connect: Connect,
) -> None:
    first = await connect(EVERY_EVENT)
    second = await connect(EVERY_EVENT)
    await first.emit("create or join", "room")
    await first.expect("created", "joined room")
    await second.emit("create or join", "room")
    await first.expect("join", "newcomer", "ready")
    await second.expect("joined", "joined room", "ready")
    await second.emit("bye")
    assert await first.expect("message", "created") == [("bye",), ("room", first.sid)]
    await first.assert_quiet()
    await second.assert_quiet()
