"""A reload in the registry, in every order its three events can reach the server.

A reload is three events: the old page's `leave` from `pagehide` (which may never
arrive), the old connection noticed gone, and the new page's join with the seat token
it kept. Whatever their order, the person is back in their room; while the seat is
theirs (held, or still sat in by the old connection) a stranger is refused. Only a
`leave` that did arrive frees the seat at once: a closed tab sends the same one.
"""

from __future__ import annotations

import pytest

from signaling.rooms import JoinResult, RoomRegistry, SeatTokens
from tests.helpers import seated_pair

GRACE = 30.0
LEAVE, GONE, JOIN = "leave", "gone", "join"
# The old connection's leave comes before its end; the join may come at any point.
ORDERS = [
    (GONE, JOIN),
    (JOIN, GONE),
    (LEAVE, GONE, JOIN),
    (LEAVE, JOIN, GONE),
    (JOIN, LEAVE, GONE),
]


def registry_with_a_pair() -> tuple[RoomRegistry, str]:
    """A registry with "a" and "b" in room "call"; returns it and b's seat token."""
    rooms = RoomRegistry(SeatTokens(b"unit test secret"))
    return rooms, seated_pair(rooms)[1]


def assert_stranger_refused(rooms: RoomRegistry) -> None:
    assert rooms.join("stranger", "call").result is JoinResult.FULL
    assert rooms.room_of("stranger") is None


@pytest.mark.parametrize("order", ORDERS, ids=["-".join(order) for order in ORDERS])
def test_reloaded_person_is_back_whatever_the_order(order: tuple[str, ...]) -> None:
    rooms, token = registry_with_a_pair()
    reloaded = None
    for event in order:
        if event == LEAVE:
            rooms.leave("b")
        elif event == GONE:
            rooms.drop("b", now=0, grace=GRACE)
        else:
            reloaded = rooms.join("b2", "call", seat_token=token, wants_token=True)
        # Between a leave that arrived and the new join, the seat is nobody's.
        left_for_good = LEAVE in order[: order.index(event) + 1]
        if reloaded is not None or not left_for_good:
            assert_stranger_refused(rooms)
    assert reloaded is not None and reloaded.result is JoinResult.JOINED
    assert (reloaded.seat, reloaded.peer_sid, reloaded.is_peer_held) == (1, "a", False)
    assert rooms.peer_of("a") == "b2" and rooms.room_of("b") is None
    # The seat came back with its own token, or (after a real leave) with a new one.
    assert reloaded.returned is (LEAVE not in order[: order.index(JOIN)])
    assert_stranger_refused(rooms)
    assert (rooms.room_count, rooms.member_count) == (1, 2)


def test_seat_left_for_good_is_free_for_anyone() -> None:
    """The leave of a closed tab: the seat goes to whoever comes next."""
    rooms, token = registry_with_a_pair()
    rooms.leave("b")
    assert rooms.join("c", "call").result is JoinResult.JOINED
    assert rooms.join("b2", "call", seat_token=token).result is JoinResult.FULL


@pytest.mark.parametrize("first_back", ["a2", "b2"])
def test_both_reload_and_both_are_back(first_back: str) -> None:
    rooms = RoomRegistry(SeatTokens(b"unit test secret"))
    tokens = {
        "a2": rooms.join("a", "call", wants_token=True).seat_token,
        "b2": rooms.join("b", "call", wants_token=True).seat_token,
    }
    rooms.drop("a", now=0, grace=GRACE)
    rooms.drop("b", now=0, grace=GRACE)
    assert_stranger_refused(rooms)
    second_back = "b2" if first_back == "a2" else "a2"
    first = rooms.join(first_back, "call", seat_token=tokens[first_back])
    assert (first.returned, first.peer_sid, first.is_peer_held) == (True, None, True)
    assert_stranger_refused(rooms)
    second = rooms.join(second_back, "call", seat_token=tokens[second_back])
    assert (second.returned, second.peer_sid) == (True, first_back)
    assert not second.is_peer_held
    assert_stranger_refused(rooms)
