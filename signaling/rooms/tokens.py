"""Seat tokens: proof that a returning connection owns a seat.

A token is a 128-bit random nonce plus an HMAC over (room key, seat, nonce) with the
server secret, so it is unguessable and bound to one room and seat. With SECRET_KEY set
the secret survives a restart, and so do the tokens. Pure: no I/O, no clock.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

NONCE_BYTES = 16
MAC_BYTES = 16
_VERSION = "s1"


class SeatTokens:
    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def issue(self, room_key: str, seat: int) -> str:
        nonce = _encode(secrets.token_bytes(NONCE_BYTES))
        return f"{_VERSION}.{seat}.{nonce}.{self._mac(room_key, seat, nonce)}"

    def seat_of(self, token: object, room_key: str) -> int | None:
        """The seat a token proves for this room, or None for anything else."""
        # compare_digest raises on non-ASCII text: such a token is simply not ours.
        if not isinstance(token, str) or len(token) > 128 or not token.isascii():
            return None
        parts = token.split(".")
        if len(parts) != 4 or parts[0] != _VERSION or parts[1] not in ("0", "1"):
            return None
        seat, nonce, mac = int(parts[1]), parts[2], parts[3]
        if not hmac.compare_digest(mac, self._mac(room_key, seat, nonce)):
            return None
        return seat

    def _mac(self, room_key: str, seat: int, nonce: str) -> str:
        message = f"{room_key}\x00{seat}\x00{nonce}".encode()
        digest = hmac.new(self._secret, message, hashlib.sha256).digest()
        return _encode(digest[:MAC_BYTES])


def _encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
