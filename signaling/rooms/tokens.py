"""Seat tokens: proof that a returning connection owns a seat.

A token is a 128-bit random nonce and its issue time, plus an HMAC over (room key,
seat, issue time, nonce) with the server secret, so it is unguessable and bound to
one room and seat. With SECRET_KEY set the secret survives a restart, and so do the
tokens. The issue time lets the registry tell a spent token from a live one without
keeping every spent token (registry.py), and ends a token's life after
TOKEN_LIFETIME_SECONDS (a returning owner gets a fresh one). Pure: no I/O; the clock
is injected.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from typing import NamedTuple

NONCE_BYTES = 16
MAC_BYTES = 16
_VERSION = "s2"
# Longer than a call: a token is renewed each time its owner comes back, so only a
# call a day long with no reconnect at all outlives its token (docs/SECURITY.md).
TOKEN_LIFETIME_SECONDS = 24 * 3600


class Claim(NamedTuple):
    """What a valid token proves: a seat, and when the token was issued (ms)."""

    seat: int
    issued_ms: int


class SeatTokens:
    def __init__(
        self,
        secret: bytes,
        clock: Callable[[], float] = time.time,
        lifetime_seconds: float = TOKEN_LIFETIME_SECONDS,
    ) -> None:
        self._secret = secret
        self._clock = clock
        self._lifetime_ms = int(lifetime_seconds * 1000)

    def now_ms(self) -> int:
        """The token clock (wall time, ms): issue times and room creation times."""
        return int(self._clock() * 1000)

    def issue(self, room_key: str, seat: int, not_before_ms: int = 0) -> str:
        """A token for a seat, issued after `not_before_ms` (the seat's last
        spent token), so that a later token is never taken for a spent one."""
        issued = max(self.now_ms(), not_before_ms + 1)
        nonce = _encode(secrets.token_bytes(NONCE_BYTES))
        mac = self._mac(room_key, seat, issued, nonce)
        return f"{_VERSION}.{seat}.{issued}.{nonce}.{mac}"

    def claim(self, token: object, room_key: str) -> Claim | None:
        """The seat and issue time a token proves for this room, or None (also
        once it has expired)."""
        # compare_digest raises on non-ASCII text: such a token is simply not ours.
        if not isinstance(token, str) or len(token) > 160 or not token.isascii():
            return None
        parts = token.split(".")
        if len(parts) != 5 or parts[0] != _VERSION or parts[1] not in ("0", "1"):
            return None
        seat, issued, nonce, mac = int(parts[1]), parts[2], parts[3], parts[4]
        if not (issued.isdigit() and len(issued) <= 15):
            return None
        if not hmac.compare_digest(mac, self._mac(room_key, seat, int(issued), nonce)):
            return None
        if self.now_ms() - int(issued) > self._lifetime_ms:
            return None
        return Claim(seat, int(issued))

    def seat_of(self, token: object, room_key: str) -> int | None:
        """The seat a token proves for this room, or None for anything else."""
        claim = self.claim(token, room_key)
        return None if claim is None else claim.seat

    def _mac(self, room_key: str, seat: int, issued: int, nonce: str) -> str:
        message = f"{room_key}\x00{seat}\x00{issued}\x00{nonce}".encode()
        digest = hmac.new(self._secret, message, hashlib.sha256).digest()
        return _encode(digest[:MAC_BYTES])


def _encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
