"""A private redis-server on a free port, as the deploy tests need it."""

from __future__ import annotations

from pathlib import Path

from .processes import Process, free_port, require


class RedisServer:
    """redis-server on 127.0.0.1, no persistence; `url` for REDIS_URL."""

    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        argv = [
            require("redis-server"),
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ]
        self.process = Process(argv, workdir / "redis.log")
        self.process.wait_for_output(b"Ready to accept connections")

    def stop(self) -> None:
        self.process.stop()
