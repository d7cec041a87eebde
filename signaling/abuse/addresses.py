"""Who a request comes from (behind the proxies we trust), the key its per-address
limits count it under, and how many connections each key holds."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# An IPv6 client is counted by its /64: one home or phone gets a whole /64 and can
# pick any address in it, so counting single addresses would limit nobody.
IPV6_KEY_PREFIX = 64


def parse_address(text: str) -> IPAddress | None:
    """An address as proxies write it (`1.2.3.4`, `1.2.3.4:80`, `[2001:db8::1]:80`),
    IPv4-mapped IPv6 as plain IPv4; None when it is not an address."""
    text = text.strip()
    if text.startswith("["):
        text = text[1 : text.find("]")] if "]" in text else ""
    elif text.count(":") == 1:
        text = text.split(":", 1)[0]  # IPv4 with a port
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def address_key(address: IPAddress) -> str:
    """What per-address limits count: the IPv4 address, or the IPv6 /64."""
    if isinstance(address, ipaddress.IPv4Address):
        return str(address)
    return str(ipaddress.IPv6Network((address, IPV6_KEY_PREFIX), strict=False))


class TrustedProxies:
    """The networks whose peers may name the client in X-Forwarded-For."""

    def __init__(self, networks: Iterable[str]) -> None:
        self.networks = tuple(ipaddress.ip_network(net) for net in networks)

    def __contains__(self, address: IPAddress) -> bool:
        return any(address in network for network in self.networks)

    def client(self, peer: str, forwarded_for: Sequence[str] = ()) -> IPAddress | None:
        """The client's address: the peer's, unless the peer is a trusted proxy;
        then X-Forwarded-For (every header line, joined in order) is walked from
        the right past trusted proxies, and the first other entry is the client.

        Only entries written by trusted proxies can be believed: a client may put
        anything at the start of the header, or send a line of its own (a proxy
        that adds its own line, as HAProxy does, leaves the client's line first).
        """
        client = parse_address(peer)
        if client is None or client not in self:
            return client
        entries = ",".join(forwarded_for).split(",")
        for entry in reversed(entries):
            if not entry.strip():
                continue
            hop = parse_address(entry)
            if hop is None:
                return client  # not an address: believe nothing further left
            client = hop
            if hop not in self:
                return hop
        return client

    def client_key(self, peer: str, forwarded_for: Sequence[str] = ()) -> str:
        """The key per-address limits count the client under (`address_key`)."""
        client = self.client(peer, forwarded_for)
        return address_key(client) if client is not None else peer

    def request_key(self, request: Any) -> str:
        """`client_key` for an aiohttp request: its peer, and every X-Forwarded-For
        line, in order (the Socket.IO side reads the same lines, joined)."""
        return self.client_key(
            request.remote or "", request.headers.getall("X-Forwarded-For", ())
        )

    def is_trusted(self, peer: str) -> bool:
        """The peer is one of our proxies: its forwarded headers may be believed."""
        address = parse_address(peer)
        return address is not None and address in self


def environ_key(environ: Mapping[str, Any], trusted: TrustedProxies) -> str:
    """`TrustedProxies.client_key` for an Engine.IO environ (whose header lines are
    already joined with commas, as in every WSGI environ)."""
    forwarded = environ.get("HTTP_X_FORWARDED_FOR")
    return trusted.client_key(
        str(environ.get("REMOTE_ADDR", "")), (forwarded,) if forwarded else ()
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

    @property
    def total(self) -> int:
        """Connections open from every address together."""
        return len(self._address_of)
