"""What one connection or address may ask of the handlers: connections and seats
per address, joins per connection, rooms in all (config/limits.py). The refusals
are SignalingErrors like any other, so a client hears a code and a sentence."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from typing import Any

from socketio.exceptions import ConnectionRefusedError

from ..abuse import Buckets, ConnectionCounter, environ_address
from ..abuse.seats import SeatCounter
from ..config import Limits
from ..rooms import JoinOutcome, SignalingError
from ..rooms.errors import (
    TOO_MANY_CONNECTIONS,
    TOO_MANY_JOINS,
    TOO_MANY_ROOMS,
    TOO_MANY_SEATS,
)

logger = logging.getLogger(__name__)


class Quotas:
    def __init__(
        self,
        limits: Limits,
        grace_seconds: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limits = limits
        self.connections = ConnectionCounter(limits.connections_per_address)
        self.joins = Buckets(limits.joins_per_minute / 60, limits.joins_per_minute)
        # Held seats count for as long as the store holds them (SEAT_GRACE_SECONDS).
        self.seats = SeatCounter(limits.seats_per_address, grace_seconds, clock)
        self._address_of: dict[str, str] = {}

    def open(self, sid: str, environ: Mapping[str, Any]) -> None:
        """Count a new connection; ConnectionRefusedError over the limit."""
        address = environ_address(environ, self.limits.trusted_proxies)
        if not self.connections.open(sid, address):
            # The one line that names an address: an operator can act on it.
            logger.info(
                "sid=%s refused code=%s address=%s", sid, TOO_MANY_CONNECTIONS, address
            )
            raise ConnectionRefusedError(
                f"Too many connections from your address (at most "
                f"{self.limits.connections_per_address}). Close some tabs and "
                "try again.",
                {"code": TOO_MANY_CONNECTIONS},
            )
        self._address_of[sid] = address

    def close(self, sid: str) -> None:
        self.connections.close(sid)
        self.joins.forget(sid)
        self._address_of.pop(sid, None)

    def check_join(self, sid: str) -> None:
        if not self.joins.take(sid):
            raise SignalingError(
                TOO_MANY_JOINS,
                f"Too many room changes (at most {self.limits.joins_per_minute} a "
                "minute). Wait a moment and try again.",
            )

    def take_seat(self, outcome: JoinOutcome) -> None:
        """Count the seat a join gave (nothing for a refusal or a repeat)."""
        if outcome.seat is None or outcome.is_repeat:
            return
        self.seats.take(
            outcome.sid,
            self._address_of.get(outcome.sid, ""),
            (outcome.room.key, outcome.seat),
            returned=outcome.returned,
            replaced_sid=outcome.replaced_sid,
        )

    def release_seat(self, sid: str, *, held: bool = False) -> None:
        """`sid` has no seat any more; `held`: it waits for its owner."""
        self.seats.release(sid, held=held)

    def took_one_seat_too_many(self, outcome: JoinOutcome) -> bool:
        """A new seat over SEATS_PER_ADDRESS (an owner coming back is always let
        in: it is their seat already)."""
        if outcome.seat is None or outcome.is_repeat or outcome.returned:
            return False
        return self.seats.is_over(self._address_of.get(outcome.sid, ""))

    def too_many_seats(self) -> SignalingError:
        return SignalingError(
            TOO_MANY_SEATS,
            f"Too many rooms are in use from your network right now (at most "
            f"{self.limits.seats_per_address} seats). Leave a call you no longer "
            "need, or try again in a minute.",
        )

    def rooms_exceeded(self, room_count: int) -> bool:
        return room_count > self.limits.max_rooms

    def too_many_rooms(self) -> SignalingError:
        return SignalingError(
            TOO_MANY_ROOMS,
            "The server has as many rooms as it can hold right now. Try again "
            "later, or join a room that already exists.",
        )
