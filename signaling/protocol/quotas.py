"""What one connection or address may ask of the handlers: connections in all,
connections, new connections and seats per address, joins per connection, rooms
in all (config/limits.py). The refusals are SignalingErrors like any other, so a
client hears a code and a sentence."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from typing import Any

from socketio.exceptions import ConnectionRefusedError

from ..abuse import Buckets, ConnectionCounter, TrustedProxies, environ_key
from ..abuse.seats import SeatCounter
from ..abuse.spells import Spells
from ..config import Limits
from ..rooms import JoinOutcome, SignalingError
from ..rooms.errors import (
    SERVER_FULL,
    TOO_MANY_CONNECTION_ATTEMPTS,
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
        self.trusted_proxies = TrustedProxies(limits.trusted_proxies)
        self.connections = ConnectionCounter(limits.connections_per_address)
        per_minute = limits.connections_per_minute
        self.attempts = Buckets(per_minute / 60, per_minute)
        self.joins = Buckets(limits.joins_per_minute / 60, limits.joins_per_minute)
        # Held seats count for as long as the store holds them (SEAT_GRACE_SECONDS).
        self.seats = SeatCounter(limits.seats_per_address, grace_seconds, clock)
        self._address_of: dict[str, str] = {}
        # Addresses refused a connection lately: logged once per spell.
        self.refused_addresses = Spells()

    def open(self, sid: str, environ: Mapping[str, Any]) -> None:
        """Count a new connection; ConnectionRefusedError over a limit."""
        address = environ_key(environ, self.trusted_proxies)
        refusal = self._refusal(sid, address)
        if refusal is not None:
            code, sentence = refusal
            # The one line that names an address: an operator can act on it. Once
            # per spell: an address retrying at once must not flood the log.
            spell = self.refused_addresses.starts_spell(address)
            logger.log(
                logging.INFO if spell else logging.DEBUG,
                "sid=%s refused code=%s address=%s",
                sid,
                code,
                address,
            )
            raise ConnectionRefusedError(sentence, {"code": code})
        self._address_of[sid] = address

    def _refusal(self, sid: str, address: str) -> tuple[str, str] | None:
        """Why this connection is one too many, or None (and it is counted)."""
        limits = self.limits
        if not self.attempts.take(address):
            return TOO_MANY_CONNECTION_ATTEMPTS, (
                f"Too many new connections from your network (at most "
                f"{limits.connections_per_minute} a minute). Wait a minute, then "
                "reload the page."
            )
        if self.connections.total >= limits.max_connections:
            return SERVER_FULL, (
                "The server has as many people as it can take right now. Try "
                "again in a few minutes."
            )
        if not self.connections.open(sid, address):
            return TOO_MANY_CONNECTIONS, (
                f"Too many connections from your network (at most "
                f"{limits.connections_per_address}). Close some tabs and try again."
            )
        return None

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
