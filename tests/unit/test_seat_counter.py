"""Seats per address (SEATS_PER_ADDRESS): live and held seats, on a hand clock."""

from __future__ import annotations

import pytest

from signaling.abuse.seats import SeatCounter
from signaling.config import ConfigError, Limits, Settings

GRACE = 30.0
NAT = "203.0.113.7"


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_held_seats_count_until_their_grace_ends() -> None:
    clock = Clock()
    seats = SeatCounter(limit=2, grace_seconds=GRACE, clock=clock)
    for n in range(3):
        seats.take(f"s{n}", NAT, (f"room{n}", 0))
        seats.release(f"s{n}", held=True)  # vanished: the room is held
    assert seats.is_over(NAT)  # three held rooms from one address
    clock.now += GRACE
    assert seats.count(NAT) == 0 and not seats.is_over(NAT)


def test_a_returning_owner_takes_back_their_held_seat_counted_once() -> None:
    seats = SeatCounter(limit=1, grace_seconds=GRACE, clock=Clock())
    seats.take("old", NAT, ("call", 1))
    seats.release("old", held=True)
    seats.take("new", NAT, ("call", 1), returned=True)
    assert seats.count(NAT) == 1
    seats.release("new")
    assert seats.count(NAT) == 0


def test_switching_rooms_and_replaced_connections_keep_one_seat() -> None:
    seats = SeatCounter(limit=5, grace_seconds=GRACE, clock=Clock())
    seats.take("a", NAT, ("one", 0))
    seats.take("a", NAT, ("two", 0))  # the join left room one
    seats.take("b", NAT, ("two", 0), returned=True, replaced_sid="a")
    assert seats.count(NAT) == 1
    seats.release("a", held=True)  # the stale connection ends: nothing left to hold
    assert seats.count(NAT) == 1


def test_a_real_leave_frees_the_seat_at_once_and_addresses_are_apart() -> None:
    seats = SeatCounter(limit=1, grace_seconds=GRACE, clock=Clock())
    seats.take("a", NAT, ("one", 0))
    seats.take("b", "198.51.100.1", ("two", 0))
    assert (seats.count(NAT), seats.count("198.51.100.1")) == (1, 1)
    seats.release("a")
    assert seats.count(NAT) == 0


def test_a_hundred_people_behind_one_address_fit_the_default() -> None:
    clock = Clock()
    seats = SeatCounter(Limits().seats_per_address, GRACE, clock)
    for person in range(100):  # 50 calls
        seats.take(f"p{person}", NAT, (f"call{person // 2}", person % 2))
    assert not seats.is_over(NAT)
    for person in range(100):  # everyone reloads: the seat is held, then taken back
        seats.release(f"p{person}", held=True)
        seats.take(f"r{person}", NAT, (f"call{person // 2}", person % 2), returned=True)
        assert not seats.is_over(NAT)
    for person in range(100):  # and everyone closes the tab without a goodbye
        seats.release(f"r{person}", held=True)
    assert not seats.is_over(NAT)
    clock.now += GRACE
    assert seats.count(NAT) == 0


def test_the_limit_is_read_from_the_environment() -> None:
    assert Settings.from_env({"SEATS_PER_ADDRESS": "7"}).limits.seats_per_address == 7
    with pytest.raises(ConfigError, match=r"^SEATS_PER_ADDRESS is '0': expected"):
        Settings.from_env({"SEATS_PER_ADDRESS": "0"})
