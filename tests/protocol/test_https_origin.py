"""Served over HTTPS directly (CERTFILE/KEYFILE), a page's own https:// Origin is
accepted: the scheme is the request's own, not only X-Forwarded-Proto's."""

from __future__ import annotations

import ssl
from pathlib import Path
from typing import Any

import aiohttp

from signaling import create_app
from signaling.config import Settings
from signaling.http.tls import ssl_context
from tests.conftest import in_test_transport
from tests.helpers import WAIT_SECONDS
from tests.processes import make_certificate


async def test_a_page_served_over_https_may_connect(
    aiohttp_server: Any, tmp_path: Path
) -> None:
    cert, key = make_certificate(tmp_path)
    settings = Settings(certfile=str(cert), keyfile=str(key))
    server = await aiohttp_server(
        create_app(in_test_transport(settings)),
        host="127.0.0.1",
        ssl=ssl_context(settings),
    )
    origin = f"https://127.0.0.1:{server.port}"
    client_tls = ssl.create_default_context(cafile=str(cert))
    async with aiohttp.ClientSession() as session:
        ws = await session.ws_connect(
            f"wss://127.0.0.1:{server.port}/socket.io/?EIO=4&transport=websocket",
            headers={"Origin": origin},
            ssl=client_tls,
        )
        assert (await ws.receive_str(timeout=WAIT_SECONDS)).startswith("0{")
        await ws.send_str("40")
        assert (await ws.receive_str(timeout=WAIT_SECONDS)).startswith("40")
        await ws.close()
        # Another origin is still refused.
        url = f"https://127.0.0.1:{server.port}/socket.io/?EIO=4&transport=polling"
        async with session.get(
            url, headers={"Origin": "https://evil.example"}, ssl=client_tls
        ) as response:
            assert response.status == 400
