"""Who a request comes from, and how many connections each address holds."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any


def client_address(
    peer: str, forwarded_for: str | None, trusted_proxies: Collection[str]
) -> str:
    """The client's address: the peer's, unless the peer is a trusted proxy, in
    which case the last X-Forwarded-For entry that is not itself one of them.

    Only entries added by trusted proxies can be believed: a client may put any
    address it likes at the start of the header.
    """
    if not forwarded_for or peer not in trusted_proxies:
        return peer
    for hop in reversed([part.strip() for part in forwarded_for.split(",")]):
        if hop and hop not in trusted_proxies:
            return hop
    return peer


def environ_address(environ: Mapping[str, Any], trusted: Collection[str]) -> str:
    """`client_address` for an Engine.IO environ."""
    return client_address(
        str(environ.get("REMOTE_ADDR", "")),
        environ.get("HTTP_X_FORWARDED_FOR"),
        trusted,
    )


class ConnectionCounter:
    """Open connections per address, to refuse one more over the limit."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._open: dict[str, int] = {}
        self._address_of: dict[str, str] = {}

    def open(self, sid: str, address: str) -> bool:
        """Count a new connection from `address`; False (and not counted) when
        that address already holds `limit` of them."""
        count = self._open.get(address, 0)
        if count >= self.limit:
            return False
        self._open[address] = count + 1
        self._address_of[sid] = address
        return True

    def close(self, sid: str) -> None:
        address = self._address_of.pop(sid, None)
        if address is None:
            return
        count = self._open[address] - 1
        if count:
            self._open[address] = count
        else:
            del self._open[address]

    def count(self, address: str) -> int:
        return self._open.get(address, 0)
