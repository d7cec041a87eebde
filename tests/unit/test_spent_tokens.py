"""A token given up by a real leave stays spent, in bounded memory, even after its
room is gone; a token from before a restart still wins its seat back."""

from __future__ import annotations

import json

from signaling.rooms import RoomRegistry, SeatTokens


class Clock:
    """A wall clock the test moves by hand (seconds)."""

    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        self.now += 0.001  # every reading is later than the last
        return self.now


def registry_at(clock: Clock) -> RoomRegistry:
    tokens = SeatTokens(b"unit test secret", clock)
    return RoomRegistry(tokens, epoch_ms=tokens.now_ms())


def test_the_spent_record_does_not_grow_with_comings_and_goings() -> None:
    rooms = registry_at(Clock())
    rooms.join("stays", "call", wants_token=True)
    sizes = []
    for n in range(2000):
        rooms.join(f"visitor{n}", "call", wants_token=True)
        rooms.leave(f"visitor{n}")
        if n in (9, 1999):
            sizes.append(len(json.dumps(rooms.export_room("call"))))
    assert sizes[0] == sizes[1]


def test_a_spent_token_wins_nothing_after_its_room_is_gone() -> None:
    rooms = registry_at(Clock())
    first = rooms.join("a", "call", wants_token=True).seat_token
    rooms.join("b", "call", wants_token=True)
    rooms.leave("a")
    rooms.leave("b")
    assert rooms.room_count == 0
    again = rooms.join("a2", "call", seat_token=first, wants_token=True)
    assert (again.returned, again.seat_token != first) == (False, True)


def test_a_spent_token_wins_nothing_while_its_room_lives() -> None:
    rooms = registry_at(Clock())
    rooms.join("a", "call", wants_token=True)
    token = rooms.join("b", "call", wants_token=True).seat_token
    rooms.leave("b")
    assert rooms.join("b2", "call", seat_token=token).returned is False


def test_a_token_from_before_a_restart_wins_its_seat_back() -> None:
    clock = Clock()
    token = registry_at(clock).join("a", "call", wants_token=True).seat_token
    clock.now += 60  # the server restarts with the same SECRET_KEY
    back = registry_at(clock).join("a2", "call", seat_token=token, wants_token=True)
    assert (back.returned, back.seat) == (True, 0)


def test_a_new_token_for_a_seat_is_never_taken_for_a_spent_one() -> None:
    frozen = SeatTokens(b"unit test secret", lambda: 2_000_000.0)  # one instant
    rooms = RoomRegistry(frozen, epoch_ms=frozen.now_ms())
    rooms.join("stays", "call", wants_token=True)
    rooms.join("b", "call", wants_token=True)
    rooms.leave("b")
    token = rooms.join("c", "call", wants_token=True).seat_token
    rooms.drop("c", now=0, grace=30)
    assert rooms.join("c2", "call", seat_token=token).returned is True


def test_export_and_import_keep_what_is_spent() -> None:
    rooms = registry_at(Clock())
    rooms.join("a", "call", wants_token=True)
    token = rooms.join("b", "call", wants_token=True).seat_token
    rooms.leave("b")
    copy = RoomRegistry(rooms.claims.tokens, epoch_ms=rooms.claims.epoch_ms)
    data = rooms.export_room("call")
    assert data is not None
    copy.import_room(json.loads(json.dumps(data)))
    assert copy.export_room("call") == data
    assert copy.join("b2", "call", seat_token=token).returned is False
