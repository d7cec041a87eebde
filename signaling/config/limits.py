"""The abuse limits: what one connection or one address may take of the server,
each with a default that a real call never reaches (docs/SECURITY.md)."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .parse import ConfigError, parse_whole_number

# Each limit: (field, environment variable, default, low, high, what it counts).
# The defaults let 100 people behind one address (an office or a carrier's NAT,
# 50 calls) in, with room for all of them reconnecting at once, while one address
# holds at most a fortieth of the server (docs/SECURITY.md).
LIMITS = (
    ("connections_per_address", "MAX_CONNECTIONS_PER_ADDRESS", 250, 1, 100_000,
     "open connections from one address (an IPv6 /64)"),
    ("max_connections", "MAX_CONNECTIONS", 10_000, 1, 10_000_000,
     "open connections to this server process"),
    ("connections_per_minute", "CONNECTIONS_PER_MINUTE", 600, 1, 1_000_000,
     "new connections from one address per minute (all of them at once pass)"),
    ("joins_per_minute", "JOINS_PER_MINUTE", 30, 1, 100_000,
     "`create or join` requests per connection per minute"),
    ("messages_per_second", "MESSAGES_PER_SECOND", 50, 1, 100_000,
     "events per connection per second (bursts of 4 seconds' worth pass)"),
    ("max_rooms", "MAX_ROOMS", 10_000, 1, 10_000_000,
     "rooms on this server at once"),
    ("seats_per_address", "SEATS_PER_ADDRESS", 200, 1, 10_000_000,
     "seats that connections from one address sit in or have held for them"),
    ("request_head_seconds", "REQUEST_HEAD_SECONDS", 10, 1, 3600,
     "seconds for a request's head to arrive (and for an idle keep-alive)"),
    ("request_body_seconds", "REQUEST_BODY_SECONDS", 10, 1, 3600,
     "seconds for a request's body to arrive"),
    ("config_per_minute", "CONFIG_PER_MINUTE", 300, 1, 100_000,
     "GET /config (TURN credentials) per address per minute"),
    ("max_queued_bytes", "MAX_QUEUED_BYTES", 1024 * 1024, 65_536, 1 << 30,
     "bytes waiting to be sent to one connection before it is dropped"),
)  # fmt: skip

# TRUSTED_PROXIES keywords. loopback: a proxy on this machine (a process here could
# do worse than forge a header). private: also the ranges a container network, a
# host's router or a load balancer in a private network connects from.
LOOPBACK = ("127.0.0.0/8", "::1/128")
PRIVATE = ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7", *LOOPBACK)
PROXY_KEYWORDS = {"loopback": LOOPBACK, "private": PRIVATE, "none": ()}


@dataclass(frozen=True)
class Limits:
    connections_per_address: int = 250
    max_connections: int = 10_000
    connections_per_minute: int = 600
    joins_per_minute: int = 30
    messages_per_second: int = 50
    max_rooms: int = 10_000
    config_per_minute: int = 300
    max_queued_bytes: int = 1024 * 1024
    # Networks whose X-Forwarded-For names the client (parse_proxies). Loopback by
    # default: a proxy on this machine works out of the box, and a client from
    # anywhere else never picks its address with the header.
    trusted_proxies: tuple[str, ...] = LOOPBACK
    # 100 people behind one NAT address (50 calls) and seats held 30 s for those
    # who just closed a tab; one address holds at most this many rooms.
    seats_per_address: int = 200
    # A client that sends slowly or not at all holds a connection only this long.
    request_head_seconds: int = 10
    request_body_seconds: int = 10

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Limits:
        values: dict[str, Any] = {}
        for name, setting, default, low, high, counts in LIMITS:
            if setting in environ:
                values[name] = parse_whole_number(
                    environ[setting],
                    setting,
                    low,
                    high,
                    f"a whole number from {low} to {high}: the most {counts} "
                    f"(the default is {default})",
                )
        if "TRUSTED_PROXIES" in environ:
            values["trusted_proxies"] = parse_proxies(environ["TRUSTED_PROXIES"])
        return cls(**values)


def parse_proxies(raw: str) -> tuple[str, ...]:
    """Comma-separated IPs, CIDR ranges (IPv4 or IPv6) and keywords (`private`,
    `loopback`, `none`), as networks: `10.0.0.2, 192.168.0.0/16, private`."""
    networks: list[str] = []
    for part in (part.strip() for part in raw.split(",")):
        if not part:
            continue
        if part.lower() in PROXY_KEYWORDS:
            networks += PROXY_KEYWORDS[part.lower()]
            continue
        try:
            networks.append(str(ipaddress.ip_network(part, strict=False)))
        except ValueError:
            raise ConfigError(
                f"TRUSTED_PROXIES is {raw!r}: {part!r} is not an IP address, a "
                "CIDR range or a keyword; expected the comma-separated addresses "
                "of the proxies in front, such as 10.0.0.2, 172.16.0.0/12 or "
                "fd00::/8, or `private` (10/8, 172.16/12, 192.168/16, fc00::/7 "
                "and loopback), `loopback` (the default) or `none`."
            ) from None
    return tuple(dict.fromkeys(networks))


def check_limits(limits: Limits, max_message_bytes: int) -> None:
    """Every limit within its range (Settings built in code skip from_env), and a
    queue that holds at least the largest message."""
    for name, setting, default, low, high, _ in LIMITS:
        value = getattr(limits, name)
        if not low <= value <= high:
            raise ConfigError(
                f"{setting} is {value!r}: expected a whole number from {low} to "
                f"{high} (the default is {default})."
            )
    for network in limits.trusted_proxies:
        parse_proxies(network)  # not an address: a ConfigError with the fix
        if network.strip().lower() in PROXY_KEYWORDS:
            raise ConfigError(
                f"TRUSTED_PROXIES holds {network!r}: expected networks such as "
                "'10.0.0.0/8' (Limits.trusted_proxies; keywords are for the "
                "environment variable)."
            )
    largest_frame = 2 * max_message_bytes + 4096  # protocol/limits.py frame_limit
    if limits.max_queued_bytes < largest_frame:
        raise ConfigError(
            f"MAX_QUEUED_BYTES is {limits.max_queued_bytes}: expected at least "
            f"{largest_frame} (2 x MAX_MESSAGE_BYTES + 4096), so that the largest "
            "message can wait for a slow reader; raise it with MAX_MESSAGE_BYTES."
        )
