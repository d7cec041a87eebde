"""Abuse limits as small pure pieces: a token bucket, buckets per key, who a
request is from. No I/O, no asyncio; clocks are injected (docs/SECURITY.md)."""

from .addresses import (
    ConnectionCounter,
    TrustedProxies,
    address_key,
    environ_key,
    parse_address,
)
from .bucket import Buckets, TokenBucket

__all__ = [
    "Buckets",
    "ConnectionCounter",
    "TokenBucket",
    "TrustedProxies",
    "address_key",
    "environ_key",
    "parse_address",
]
