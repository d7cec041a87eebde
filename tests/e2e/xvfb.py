"""A virtual X screen (Xvfb) for the Firefox that shares a screen: headless Firefox
has no screen, so its getDisplayMedia finds nothing to share. Xvfb picks a free
display number itself (`-displayfd`); it is stopped by its PID."""

from __future__ import annotations

import contextlib
import os
import select
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

XVFB = "/usr/bin/Xvfb"
# The screen Firefox shares: a size no fake camera has (they send 640x480).
SCREEN_SIZE = (1280, 720)
READY_SECONDS = 10.0
STOP_SECONDS = 5.0


class XvfbError(Exception):
    """Xvfb is missing or did not come up."""


def _read_display_number(read_fd: int, process: subprocess.Popen[bytes]) -> str:
    """What Xvfb writes to its -displayfd once it accepts clients, e.g. "5\\n"."""
    deadline = time.monotonic() + READY_SECONDS
    received = b""
    while not received.endswith(b"\n"):
        left = deadline - time.monotonic()
        if left <= 0 or process.poll() is not None:
            raise XvfbError(
                f"Xvfb did not start within {READY_SECONDS} s "
                f"(exit code {process.returncode})"
            )
        ready, _, _ = select.select([read_fd], [], [], left)
        if ready:
            chunk = os.read(read_fd, 16)
            if not chunk:  # Xvfb closed the pipe without a number: it is exiting
                process.wait(STOP_SECONDS)
                continue
            received += chunk
    return received.decode().strip()


@contextlib.contextmanager
def virtual_screen(log_path: Path) -> Iterator[str]:
    """Run Xvfb with one screen of SCREEN_SIZE; yields its display (":N")."""
    if not Path(XVFB).exists():
        raise XvfbError(f"{XVFB} is missing: scripts/setup-system installs xvfb (apt)")
    width, height = SCREEN_SIZE
    read_fd, write_fd = os.pipe()
    try:
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [XVFB, "-displayfd", str(write_fd), "-nolisten", "tcp",
                 "-screen", "0", f"{width}x{height}x24"],
                pass_fds=[write_fd],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )  # fmt: skip
        os.close(write_fd)
        write_fd = -1
        try:
            yield f":{_read_display_number(read_fd, process)}"
        finally:
            process.terminate()
            try:
                process.wait(STOP_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    finally:
        os.close(read_fd)
        if write_fd != -1:
            os.close(write_fd)
