"""Abuse limits as small pure pieces: a token bucket, buckets per key, who a
request is from. No I/O, no asyncio; clocks are injected (docs/SECURITY.md)."""

from .addresses import ConnectionCounter, client_address, environ_address
from .bucket import Buckets, TokenBucket

__all__ = [
    "Buckets",
    "ConnectionCounter",
    "TokenBucket",
    "client_address",
    "environ_address",
]
