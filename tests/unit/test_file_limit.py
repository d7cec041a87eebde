"""The server raises its open-file limit to fit MAX_CONNECTIONS (each connection
is a file), and says so when the hard limit is lower."""

from __future__ import annotations

import subprocess
import sys

FIT = """
import logging, resource, sys
from signaling.file_limit import fit_file_limit
logging.basicConfig(level=logging.WARNING, stream=sys.stdout, format="%(message)s")
hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
resource.setrlimit(resource.RLIMIT_NOFILE, (256, {hard}))
print(fit_file_limit({connections}))
print(resource.getrlimit(resource.RLIMIT_NOFILE)[0])
"""


def fit(connections: int, hard: str = "hard") -> list[str]:
    """fit_file_limit in a process of its own, started with 256 files (soft)."""
    script = FIT.format(connections=connections, hard=hard)
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return result.stdout.splitlines()


def test_a_low_soft_limit_is_raised_to_fit_max_connections() -> None:
    assert fit(1000) == ["2024", "2024"]  # 1000 connections + 1024 spare files


def test_a_hard_limit_below_max_connections_is_reached_and_reported() -> None:
    *warning, returned, soft = fit(10_000, hard="1500")
    assert (returned, soft) == ("1500", "1500")
    assert warning == [
        "open-file limit 1500 is below MAX_CONNECTIONS (10000) + 1024: raise it "
        "(ulimit -n, systemd LimitNOFILE=, docker --ulimit nofile=) or lower "
        "MAX_CONNECTIONS"
    ]
