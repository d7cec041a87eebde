"""A private redis-server on a free port, as the deploy tests need it."""

from __future__ import annotations

from pathlib import Path

from .processes import Process, free_port, require


class RedisServer:
    """redis-server on 127.0.0.1, no persistence; `url` for REDIS_URL."""

    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.workdir = workdir
        self.runs = 0
        self.start()

    def start(self) -> None:
        """Start (again, on the same port: empty, as after a restart)."""
        self.runs += 1
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
            str(self.workdir),
        ]
        self.process = Process(argv, self.workdir / f"redis-{self.runs}.log")
        self.process.wait_for_output(b"Ready to accept connections")

    def stop(self) -> None:
        self.process.stop()
