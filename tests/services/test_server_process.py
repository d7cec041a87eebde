"""`python -m signaling` as a host runs it: HTTPS, JSON log lines, clean stop."""

from __future__ import annotations

import json
import ssl
import urllib.request
from pathlib import Path

from tests.processes import SignalingServer, make_certificate


def test_server_serves_https_and_logs_one_json_object_per_line(
    tmp_path: Path,
) -> None:
    cert, key = make_certificate(tmp_path)
    server = SignalingServer(
        "signaling",
        {"LOG_FORMAT": "json", "CERTFILE": str(cert), "KEYFILE": str(key)},
    )
    try:
        server.start(tmp_path, ready=b"serving on https://")
        trusted = ssl.create_default_context(cafile=str(cert))
        url = f"https://127.0.0.1:{server.port}/healthz"
        with urllib.request.urlopen(url, context=trusted, timeout=5) as response:
            assert response.read() == b"ok"
    finally:
        server.stop()
    lines = server.log_path.read_text().splitlines()
    records = [json.loads(line) for line in lines]
    assert all({"time", "level", "logger", "message"} <= set(r) for r in records)
    messages = [r["message"] for r in records]
    assert (
        messages[0] == f"serving on https://127.0.0.1:{server.port} turn=off redis=off"
    )
    assert messages[-1] == "stopped"
