import pytest

from signaling.rooms import (
    MAX_ROOM_NAME_LENGTH,
    JoinResult,
    RoomRegistry,
    parse_room_name,
)
from signaling.rooms.errors import NAME_INVALID, NAME_REQUIRED, SignalingError

# (raw input, expected key or expected refusal code)
NAME_CASES = [
    ("Family", "family"),
    ("  family  ", "family"),
    ("FAMILY", "family"),
    ("team   standup", "team standup"),
    ("team\t \nstandup", "team standup"),
    ("Stra\u00dfe", "strasse"),
    ("Cafe\u0301", "caf\u00e9"),
    ("Caf\u00e9", "caf\u00e9"),
    ("\u00c9t\u00e9", "\u00e9t\u00e9"),
    ("\u5bb6\u65cf", "\u5bb6\u65cf"),
    (
        "\U0001f468\u200d\U0001f469\u200d\U0001f467",
        "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    ),
    ("x" * MAX_ROOM_NAME_LENGTH, "x" * MAX_ROOM_NAME_LENGTH),
    ("", NAME_REQUIRED),
    ("   ", NAME_REQUIRED),
    ("\t\n", NAME_REQUIRED),
    ("x" * (MAX_ROOM_NAME_LENGTH + 1), NAME_INVALID),
    ("x" * 100_000, NAME_INVALID),
    ("bell\x07", NAME_INVALID),
    ("nul\x00byte", NAME_INVALID),
    ("esc\x1b[31m", NAME_INVALID),
    ("del\x7f", NAME_INVALID),
    ("bidi\u202eoverride", NAME_INVALID),
    ("zero\u200bwidth", NAME_INVALID),
    (None, NAME_INVALID),
    (42, NAME_INVALID),
    (["family"], NAME_INVALID),
    ({"room": "family"}, NAME_INVALID),
]


@pytest.mark.parametrize(
    ("raw", "expected"), NAME_CASES, ids=[repr(raw)[:30] for raw, _ in NAME_CASES]
)
def test_room_name_rules(raw: object, expected: str) -> None:
    if expected in (NAME_REQUIRED, NAME_INVALID):
        with pytest.raises(SignalingError) as refusal:
            parse_room_name(raw)
        assert refusal.value.code == expected
        assert refusal.value.message
    else:
        assert parse_room_name(raw).key == expected


def test_name_is_echoed_as_typed_but_trimmed() -> None:
    assert parse_room_name("  Family  Room ").name == "Family Room"


def test_first_person_creates_and_second_joins() -> None:
    rooms = RoomRegistry()
    first = rooms.join("a", "Family")
    second = rooms.join("b", "family ")
    assert (first.result, first.seat, first.peer_sid) == (JoinResult.CREATED, 0, None)
    assert (second.result, second.seat, second.peer_sid) == (JoinResult.JOINED, 1, "a")
    assert second.room.name == "family"
    assert first.polite and not second.polite


def test_third_person_is_told_room_is_full_and_nothing_changes() -> None:
    rooms = RoomRegistry()
    rooms.join("a", "r")
    rooms.join("b", "r")
    assert rooms.join("c", "R").result is JoinResult.FULL
    assert rooms.room_of("c") is None
    assert (rooms.peer_of("a"), rooms.peer_of("b")) == ("b", "a")


def test_full_room_refusal_keeps_the_person_in_their_current_room() -> None:
    rooms = RoomRegistry()
    rooms.join("a", "full")
    rooms.join("b", "full")
    rooms.join("c", "mine")
    assert rooms.join("c", "full").result is JoinResult.FULL
    assert rooms.room_of("c") == parse_room_name("mine")


def test_bad_name_changes_nothing() -> None:
    rooms = RoomRegistry()
    rooms.join("a", "mine")
    with pytest.raises(SignalingError):
        rooms.join("a", "  ")
    assert rooms.room_of("a") == parse_room_name("mine")
    assert rooms.room_count == 1


def test_leaving_frees_the_seat_for_a_newcomer() -> None:
    rooms = RoomRegistry()
    rooms.join("a", "r")
    rooms.join("b", "r")
    left = rooms.leave("a")
    assert left is not None and left.remaining_sid == "b"
    newcomer = rooms.join("c", "r")
    assert (newcomer.result, newcomer.seat, newcomer.peer_sid) == (
        JoinResult.JOINED,
        0,
        "b",
    )
    assert newcomer.polite


def test_asking_for_another_room_leaves_the_first() -> None:
    rooms = RoomRegistry()
    rooms.join("a", "one")
    rooms.join("b", "one")
    moved = rooms.join("a", "two")
    assert moved.result is JoinResult.CREATED
    assert moved.left is not None and moved.left.remaining_sid == "b"
    assert rooms.peer_of("b") is None
    assert rooms.room_count == 2


def test_asking_again_for_the_same_room_is_a_repeat() -> None:
    rooms = RoomRegistry()
    rooms.join("a", "r")
    rooms.join("b", "r")
    again = rooms.join("b", "R")
    assert (again.result, again.is_repeat, again.seat) == (JoinResult.JOINED, True, 1)
    assert again.left is None


def test_registry_is_empty_after_everyone_leaves() -> None:
    rooms = RoomRegistry()
    for index in range(10):
        rooms.join(f"{index}a", f"room {index}")
        rooms.join(f"{index}b", f"room {index}")
    for index in range(10):
        rooms.leave(f"{index}a")
        rooms.leave(f"{index}b")
    assert (rooms.room_count, rooms.member_count) == (0, 0)


def test_leaving_when_in_no_room_is_harmless() -> None:
    assert RoomRegistry().leave("nobody") is None
