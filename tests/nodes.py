"""Several `python -m signaling` processes sharing one Redis, as a deployment runs
them behind a load balancer."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .processes import Process, free_port

ROOT = Path(__file__).resolve().parent.parent


class SignalingNode:
    """One server process on its own port, with the deployment's Redis and secret."""

    def __init__(self, name: str, redis_url: str, prefix: str, secret: str) -> None:
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            "PATH": os.environ.get("PATH", ""),
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
        }
        self.process: Process | None = None

    def start(self, log_dir: Path) -> None:
        self.process = Process(
            [sys.executable, "-m", "signaling", "--port", str(self.port)],
            log_dir / f"{self.name}.log",
            env=self.env,
            cwd=ROOT,  # `-m signaling` imports this checkout
        )
        self.process.wait_for_output(b"serving on")

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()
            self.process = None

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process = None
