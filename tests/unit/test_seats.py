"""Held seats and seat tokens in the registry, apart from any I/O."""

import pytest

from signaling.rooms import JoinResult, RoomRegistry
from signaling.rooms.tokens import SeatTokens
from tests.helpers import seated_pair

GRACE = 30.0


def registry() -> RoomRegistry:
    return RoomRegistry(SeatTokens(b"unit test secret"))


def test_tokens_are_bound_to_room_and_seat() -> None:
    tokens = SeatTokens(b"secret")
    token = tokens.issue("call", 1)
    assert tokens.seat_of(token, "call") == 1
    assert tokens.seat_of(token, "other room") is None
    assert tokens.seat_of(token.replace("s2.1.", "s2.0."), "call") is None
    assert SeatTokens(b"another secret").seat_of(token, "call") is None
    assert tokens.issue("call", 1) != token


@pytest.mark.parametrize(
    "token",
    [
        "s1.0.abc.\u00e9\u00e9",
        "s1.0.\u00e9.abc",
        "s1.1.nonce.\U0001f600",
        "s1.0.a.\x00",
    ],
    ids=["accented-mac", "accented-nonce", "emoji", "nul"],
)
def test_a_token_with_other_characters_wins_nothing(token: str) -> None:
    rooms = registry()
    rooms.join("a", "call", wants_token=True)
    assert SeatTokens(b"unit test secret").seat_of(token, "call") is None
    assert rooms.join("b", "call", seat_token=token, wants_token=True).seat == 1


def test_classic_clients_get_no_token_and_no_held_seat() -> None:
    rooms = registry()
    assert rooms.join("a", "call").seat_token is None
    rooms.join("b", "call")
    dropped = rooms.drop("b", now=0, grace=GRACE)
    assert dropped is not None and not dropped.held
    assert rooms.join("c", "call").result is JoinResult.JOINED


def test_a_dropped_seat_is_held_then_returned_to_its_owner() -> None:
    rooms = registry()
    _, token = seated_pair(rooms)
    held = rooms.drop("b", now=100, grace=GRACE)
    assert held is not None and held.held and held.remaining_sid == "a"
    assert rooms.peer_of("a") is None
    assert rooms.join("stranger", "call").result is JoinResult.FULL
    back = rooms.join("b2", "call", seat_token=token)
    assert (back.returned, back.seat, back.peer_sid, back.seat_token) == (
        True,
        1,
        "a",
        token,
    )
    assert rooms.peer_of("a") == "b2"


def test_owner_on_a_new_connection_replaces_the_stale_one() -> None:
    rooms = registry()
    _, token = seated_pair(rooms)
    back = rooms.join("b2", "call", seat_token=token)
    assert back.replaced_sid == "b"
    assert rooms.room_of("b") is None and rooms.leave("b") is None


def test_held_seat_expires_after_the_grace_period() -> None:
    rooms = registry()
    _, token = seated_pair(rooms)
    rooms.drop("b", now=100, grace=GRACE)
    assert rooms.expire(now=100 + GRACE - 1) == []
    [expired] = rooms.expire(now=100 + GRACE)
    assert (expired.remaining_sid, expired.held) == ("a", False)
    assert rooms.join("c", "call").seat == 1
    assert rooms.join("b2", "call", seat_token=token).result is JoinResult.FULL


def test_both_dropped_then_room_disappears_when_both_expire() -> None:
    rooms = registry()
    seated_pair(rooms)
    rooms.drop("a", now=0, grace=GRACE)
    rooms.drop("b", now=0, grace=GRACE)
    assert rooms.room_count == 1
    assert len(rooms.expire(now=GRACE)) == 2
    assert (rooms.room_count, rooms.member_count) == (0, 0)


def test_real_leave_spends_the_token() -> None:
    rooms = registry()
    _, token = seated_pair(rooms)
    rooms.leave("b")
    again = rooms.join("b2", "call", seat_token=token)
    assert (again.seat, again.returned) == (1, False)  # seated like anyone else
    rooms.leave("b2")
    rooms.join("c", "call")
    assert rooms.join("b3", "call", seat_token=token).result is JoinResult.FULL


def test_token_for_a_room_that_is_gone_claims_its_seat() -> None:
    """After a restart the registry is empty; a signed token still names its seat."""
    first_token, token = seated_pair(registry())
    fresh = registry()  # same secret, as with SECRET_KEY set
    back = fresh.join("b2", "call", seat_token=token)
    assert (back.returned, back.seat, back.result) == (True, 1, JoinResult.CREATED)
    first_back = fresh.join("a2", "call", seat_token=first_token)
    assert (first_back.returned, first_back.seat, first_back.peer_sid) == (
        True,
        0,
        "b2",
    )


def test_classic_members_are_listed_for_probing() -> None:
    rooms = registry()
    rooms.join("classic", "mixed")
    rooms.join("ours", "mixed", wants_token=True)
    assert rooms.members_without_token(rooms.room_of("ours").key) == ["classic"]  # type: ignore[union-attr]
