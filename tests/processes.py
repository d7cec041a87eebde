"""Real servers for tests (our own, Redis, coturn): free ports, start, wait, stop by
PID."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STOP_SECONDS = 5.0
# A bound, not a speed check: Python starts slowly on a machine shared by many jobs.
READY_SECONDS = 30.0


def free_port(kind: int = socket.SOCK_STREAM, both: bool = False) -> int:
    """A port on 127.0.0.1 free right now (for TCP, UDP, or both when `both`)."""
    for _ in range(20):
        with socket.socket(socket.AF_INET, kind) as probe:
            probe.bind(("127.0.0.1", 0))
            port: int = probe.getsockname()[1]
            if not both:
                return port
            other = (
                socket.SOCK_DGRAM if kind == socket.SOCK_STREAM else socket.SOCK_STREAM
            )
            with socket.socket(socket.AF_INET, other) as second:
                try:
                    second.bind(("127.0.0.1", port))
                except OSError:
                    continue
                return port
    raise RuntimeError("no free port on 127.0.0.1")


def require(program: str) -> str:
    """The program's path, or skip: scripts/setup-system installs it."""
    path = shutil.which(program)
    if path is None:
        pytest.skip(f"{program} is not installed: run scripts/setup-system")
    return path


def make_certificate(directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate for localhost and its key (PEM)."""
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [require("openssl"), "req", "-x509", "-newkey", "ec", "-pkeyopt",
         "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj",
         "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


class Process:
    """A server process we started; `stop` terminates exactly that PID.

    A thread copies its output to a log file and wakes `wait_for_output`, so a test
    waits for the server's own "ready" line instead of sleeping.
    """

    def __init__(
        self,
        argv: Sequence[str],
        log_path: Path,
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
    ) -> None:
        self.log_path = log_path
        self._output = bytearray()
        self._changed = threading.Condition()
        self.popen = subprocess.Popen(
            list(argv),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=cwd,
        )
        self._reader = threading.Thread(target=self._copy_output, daemon=True)
        self._reader.start()

    @property
    def pid(self) -> int:
        return self.popen.pid

    def _copy_output(self) -> None:
        assert self.popen.stdout is not None
        with self.log_path.open("wb") as log:
            for line in self.popen.stdout:
                log.write(line)
                log.flush()
                with self._changed:
                    self._output += line
                    self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    def wait_for_output(self, text: bytes, timeout: float = READY_SECONDS) -> None:
        """Return once the process has printed `text`; fail if it exits first."""
        with self._changed:
            ready = self._changed.wait_for(
                lambda: text in self._output or not self._reader.is_alive(), timeout
            )
            if ready and text in self._output:
                return
        self.stop()
        raise RuntimeError(
            f"{self.popen.args[0]} did not print {text!r}; its output:\n"
            + self.log_path.read_text(errors="replace")
        )

    def kill(self) -> None:
        """SIGKILL, as a crash or an out-of-memory kill ends a process."""
        if self.popen.poll() is None:
            self.popen.kill()
        self.stop()

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(STOP_SECONDS)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()
        self._reader.join(STOP_SECONDS)
        if self.popen.stdout is not None:
            self.popen.stdout.close()


class SignalingServer:
    """`python -m signaling` from this checkout on a port of its own, with exactly
    the environment given (and PATH): nothing from the caller's PORT, HOST or
    REDIS_URL leaks in. It can be stopped (SIGTERM), killed (SIGKILL) and started
    again on the same port; each run logs to `<name>-<run>.log`."""

    def __init__(
        self, name: str, env: Mapping[str, str], port: int | None = None
    ) -> None:
        self.name = name
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {"PATH": os.environ.get("PATH", ""), **env}
        self.runs = 0
        self.log_dir = Path(".")
        self.process: Process | None = None

    def start(self, log_dir: Path | None = None, ready: bytes = b"serving on") -> None:
        """Start it (again: in the same `log_dir`) and return once it printed
        `ready`."""
        self.log_dir = log_dir or self.log_dir
        self.runs += 1
        self.log_path = self.log_dir / f"{self.name}-{self.runs}.log"
        self.process = Process(
            [sys.executable, "-m", "signaling", "--port", str(self.port)],
            self.log_path,
            env=self.env,
            cwd=ROOT,  # `-m signaling` imports this checkout
        )
        self.process.wait_for_output(ready)

    def stop(self) -> None:
        """SIGTERM, then wait for exactly this process to end."""
        if self.process is not None:
            self.process.stop()
            self.process = None

    def kill(self) -> None:
        """SIGKILL, as a crash or an out-of-memory kill ends a process."""
        if self.process is not None:
            self.process.kill()
            self.process = None
