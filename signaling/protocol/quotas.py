"""What one connection or address may ask of the handlers: connections per
address, joins per connection, rooms in all (config/limits.py). The refusals are
SignalingErrors like any other, so a client hears a code and a sentence."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from socketio.exceptions import ConnectionRefusedError

from ..abuse import Buckets, ConnectionCounter, environ_address
from ..config import Limits
from ..rooms import SignalingError
from ..rooms.errors import TOO_MANY_CONNECTIONS, TOO_MANY_JOINS, TOO_MANY_ROOMS

logger = logging.getLogger(__name__)


class Quotas:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.connections = ConnectionCounter(limits.connections_per_address)
        self.joins = Buckets(limits.joins_per_minute / 60, limits.joins_per_minute)

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

    def close(self, sid: str) -> None:
        self.connections.close(sid)
        self.joins.forget(sid)

    def check_join(self, sid: str) -> None:
        if not self.joins.take(sid):
            raise SignalingError(
                TOO_MANY_JOINS,
                f"Too many room changes (at most {self.limits.joins_per_minute} a "
                "minute). Wait a moment and try again.",
            )

    def rooms_exceeded(self, room_count: int) -> bool:
        return room_count > self.limits.max_rooms

    def too_many_rooms(self) -> SignalingError:
        return SignalingError(
            TOO_MANY_ROOMS,
            "The server has as many rooms as it can hold right now. Try again "
            "later, or join a room that already exists.",
        )
