"""Seat tokens end: they expire, a returning owner gets a fresh one (the old one
lasts until the fresh one is used), and a token from before a restart wins a seat
only just after it."""

from __future__ import annotations

from signaling.rooms import JoinResult, RoomRegistry, SeatTokens
from signaling.rooms.tokens import TOKEN_LIFETIME_SECONDS

GRACE = 30.0
WINDOW_MS = 30_000


class Clock:
    """A wall clock the test moves by hand (seconds); every reading is later."""

    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        self.now += 0.001
        return self.now


def registry_at(clock: Clock, window_ms: int | None = WINDOW_MS) -> RoomRegistry:
    """A registry as the memory store makes one, starting now."""
    tokens = SeatTokens(b"unit test secret", clock)
    return RoomRegistry(tokens, epoch_ms=tokens.now_ms(), restart_window_ms=window_ms)


def held_pair(rooms: RoomRegistry) -> str:
    """ "a" and "b" in "call", b's seat held for it; b's token."""
    rooms.join("a", "call", wants_token=True)
    token = rooms.join("b", "call", wants_token=True).seat_token
    assert token is not None
    rooms.drop("b", now=0, grace=GRACE)
    return token


def test_a_token_expires_after_its_lifetime() -> None:
    clock = Clock()
    rooms = registry_at(clock)
    token = held_pair(rooms)
    clock.now += TOKEN_LIFETIME_SECONDS + 1
    back = rooms.join("b2", "call", seat_token=token, wants_token=True)
    assert back.result is JoinResult.FULL  # the seat waits for a live token only


def test_a_returning_owner_gets_a_fresh_token_and_the_old_one_then_ends() -> None:
    clock = Clock()
    rooms = registry_at(clock)
    old = held_pair(rooms)
    back = rooms.join("b2", "call", seat_token=old, wants_token=True)
    assert back.returned and back.seat_token not in (old, None)
    rooms.drop("b2", now=0, grace=GRACE)
    again = rooms.join("b3", "call", seat_token=back.seat_token, wants_token=True)
    assert again.returned is True
    rooms.drop("b3", now=0, grace=GRACE)  # the fresh one was used: the old one ends
    assert rooms.join("thief", "call", seat_token=old).result is JoinResult.FULL
    # Renewed on every return: a long call with reconnects never runs out.
    clock.now += TOKEN_LIFETIME_SECONDS - 10
    rooms.drop("b3", now=0, grace=GRACE)
    last = rooms.join("b4", "call", seat_token=again.seat_token, wants_token=True)
    assert last.returned is True


def test_an_owner_whose_ack_was_lost_comes_back_with_the_token_it_has() -> None:
    rooms = registry_at(Clock())
    old = held_pair(rooms)
    rooms.join("b2", "call", seat_token=old, wants_token=True)  # its ack never came
    rooms.drop("b2", now=0, grace=GRACE)
    back = rooms.join("b3", "call", seat_token=old, wants_token=True)
    assert (back.returned, back.seat) == (True, 1)
    exported = rooms.export_room("call")
    assert exported is not None
    copy = RoomRegistry(SeatTokens(b"unit test secret", Clock()))
    copy.import_room(exported)  # the seat's tokens, as Redis keeps them
    assert copy.export_room("call") == exported


def test_a_token_from_before_a_restart_wins_a_seat_only_just_after_it() -> None:
    clock = Clock()
    before = registry_at(clock)
    token = before.join("a", "call", wants_token=True).seat_token
    spent = before.join("b", "call", wants_token=True).seat_token
    before.leave("b")  # a real leave: spent, but a restart forgets it
    restarted = registry_at(clock)
    back = restarted.join("a2", "call", seat_token=token, wants_token=True)
    assert (back.returned, back.seat) == (True, 0)
    clock.now += WINDOW_MS / 1000 + 1
    late = restarted.join("b2", "call", seat_token=spent, wants_token=True)
    assert (late.returned, late.seat) == (False, 1)  # a seat as anyone gets one


def test_without_a_window_the_registry_keeps_its_old_rule() -> None:
    clock = Clock()
    token = registry_at(clock).join("a", "call", wants_token=True).seat_token
    restarted = registry_at(clock, window_ms=None)
    clock.now += 3600
    assert restarted.join("a2", "call", seat_token=token).returned is True
