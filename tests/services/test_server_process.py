"""`python -m signaling` as a host runs it: HTTPS, JSON log lines, clean stop."""

from __future__ import annotations

import json
import os
import ssl
import sys
import urllib.request
from pathlib import Path

from tests.processes import Process, free_port, make_certificate


def test_server_serves_https_and_logs_one_json_object_per_line(
    tmp_path: Path,
) -> None:
    cert, key = make_certificate(tmp_path)
    port = free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "LOG_FORMAT": "json",
        "CERTFILE": str(cert),
        "KEYFILE": str(key),
    }
    server = Process([sys.executable, "-m", "signaling"], tmp_path / "log", env)
    try:
        server.wait_for_output(b"serving on https://")
        trusted = ssl.create_default_context(cafile=str(cert))
        url = f"https://127.0.0.1:{port}/healthz"
        with urllib.request.urlopen(url, context=trusted, timeout=5) as response:
            assert response.read() == b"ok"
    finally:
        server.stop()
    lines = (tmp_path / "log").read_text().splitlines()
    records = [json.loads(line) for line in lines]
    assert all({"time", "level", "logger", "message"} <= set(r) for r in records)
    messages = [r["message"] for r in records]
    assert messages[0] == f"serving on https://127.0.0.1:{port} turn=off redis=off"
    assert messages[-1] == "stopped"
