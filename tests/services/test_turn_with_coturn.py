"""Credentials from /config open a relay on a real coturn; others are refused."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from signaling import create_app
from signaling.config import Settings
from signaling.http.ice import turn_credentials
from tests.turn import ALLOCATE_SUCCESS, TurnServer, allocate, relay_only_settings


@pytest.fixture
def settings(turn_server: TurnServer) -> Settings:
    return relay_only_settings(turn_server)


async def turn_entry(aiohttp_client: Any, settings: Settings) -> dict[str, Any]:
    client: TestClient = await aiohttp_client(create_app(settings))
    async with client.get("/config") as response:
        config = await response.json()
    assert config["iceTransportPolicy"] == "relay"
    (entry,) = config["iceServers"]
    return entry


async def try_allocate(turn_server: TurnServer, username: str, password: str) -> Any:
    return await asyncio.to_thread(
        allocate, turn_server.host, turn_server.port, username, password
    )


async def test_credentials_from_config_open_a_relay(
    aiohttp_client: Any, settings: Settings, turn_server: TurnServer
) -> None:
    entry = await turn_entry(aiohttp_client, settings)
    assert entry["urls"] == [f"{turn_server.url}?transport=udp"]
    answer = await try_allocate(turn_server, entry["username"], entry["credential"])
    assert (answer.kind, answer.error_code) == (ALLOCATE_SUCCESS, None)


async def test_expired_credentials_are_refused(turn_server: TurnServer) -> None:
    an_hour_ago = time.time() - 7200
    username, credential = turn_credentials(turn_server.secret, 3600, an_hour_ago)
    answer = await try_allocate(turn_server, username, credential)
    assert answer.error_code == 401


async def test_credentials_signed_with_another_secret_are_refused(
    turn_server: TurnServer,
) -> None:
    username, credential = turn_credentials("not-the-secret", 3600, time.time())
    answer = await try_allocate(turn_server, username, credential)
    assert answer.error_code == 401


async def test_a_changed_username_is_refused(
    aiohttp_client: Any, settings: Settings, turn_server: TurnServer
) -> None:
    entry = await turn_entry(aiohttp_client, settings)
    expiry, name = entry["username"].split(":", 1)
    longer = f"{int(expiry) + 86400}:{name}"
    answer = await try_allocate(turn_server, longer, entry["credential"])
    assert answer.error_code == 401
