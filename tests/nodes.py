"""Several `python -m signaling` processes sharing one Redis, as a deployment runs
them behind a load balancer."""

from __future__ import annotations

from .processes import SignalingServer


class SignalingNode(SignalingServer):
    """One server process on its own port, with the deployment's Redis and secret."""

    def __init__(self, name: str, redis_url: str, prefix: str, secret: str) -> None:
        super().__init__(
            name,
            {
                "LOG_LEVEL": "INFO",
                "REDIS_URL": redis_url,
                "REDIS_PREFIX": prefix,
                "SECRET_KEY": secret,
                "SEAT_GRACE_SECONDS": "30",
                # Every test client comes from 127.0.0.1, racing and rejoining: the
                # abuse limits stay out of the way (their own tests set them).
                "MAX_CONNECTIONS_PER_ADDRESS": "100000",
                "CONNECTIONS_PER_MINUTE": "1000000",
                "JOINS_PER_MINUTE": "100000",
                "MESSAGES_PER_SECOND": "100000",
            },
        )
