"""GET /config with TURN REST credentials: fresh per request, never the secret."""

import base64
import hashlib
import hmac
import time
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from signaling.config import Settings

SECRET = "a-secret-only-coturn-and-we-know"


@pytest.fixture
def settings() -> Settings:
    return Settings(
        ice_servers=({"urls": "stun:stun.example.org:3478"},),
        turn_secret=SECRET,
        turn_urls=("turn:turn.example.org:3478",),
        turn_ttl=900,
        ice_transport_policy="relay",
    )


async def fetch_config(client: TestClient) -> tuple[dict[str, Any], str]:
    async with client.get("/config") as response:
        assert response.headers["Cache-Control"] == "no-store"
        return await response.json(), await response.text()


async def test_each_request_gets_fresh_credentials_that_verify(
    aiohttp_client: Any, server: TestServer
) -> None:
    client: TestClient = await aiohttp_client(server)
    before = time.time()
    (first, first_text), (second, _) = [await fetch_config(client) for _ in range(2)]
    assert first["iceTransportPolicy"] == "relay"
    stun, turn = first["iceServers"]
    assert stun == {"urls": "stun:stun.example.org:3478"}
    assert turn["urls"] == ["turn:turn.example.org:3478"]
    expiry = int(turn["username"].split(":", 1)[0])
    assert int(before) + 900 <= expiry <= int(time.time()) + 900
    mac = hmac.new(SECRET.encode(), turn["username"].encode(), hashlib.sha1).digest()
    assert turn["credential"] == base64.b64encode(mac).decode()
    assert second["iceServers"][1]["username"] != turn["username"]
    assert SECRET not in first_text
