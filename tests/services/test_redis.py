"""REDIS_URL: emits go through a real Redis, and /readyz follows its health."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from signaling import create_app
from signaling.config import Settings
from tests.conftest import Connect
from tests.helpers import CODELAB_EVENTS
from tests.redis_server import RedisServer


async def readyz(client: TestClient) -> tuple[int, str]:
    async with client.get("/readyz") as response:
        return response.status, await response.text()


async def test_readyz_is_ready_when_redis_answers(
    aiohttp_client: Any, redis_server: RedisServer
) -> None:
    client: TestClient = await aiohttp_client(
        create_app(Settings(redis_url=redis_server.url))
    )
    assert await readyz(client) == (200, "ready")


async def test_readyz_says_why_when_redis_is_down(
    aiohttp_client: Any, doomed_redis: RedisServer
) -> None:
    client: TestClient = await aiohttp_client(
        create_app(Settings(redis_url=doomed_redis.url))
    )
    assert await readyz(client) == (200, "ready")
    doomed_redis.stop()
    status, reason = await readyz(client)
    assert status == 503
    assert reason.startswith("redis does not answer PING")
    assert doomed_redis.url not in reason


class TestWithRedis:
    """The protocol through the Redis client manager (one process)."""

    @pytest.fixture
    def settings(self, redis_server: RedisServer) -> Settings:
        return Settings(redis_url=redis_server.url)

    async def test_messages_are_relayed_through_redis(self, connect: Connect) -> None:
        first = await connect(CODELAB_EVENTS)
        second = await connect(CODELAB_EVENTS)
        await first.emit("create or join", "over redis")
        await second.emit("create or join", "over redis")
        await first.expect("created", "join", "ready")
        await second.expect("joined", "ready")
        await first.emit("message", {"type": "offer", "sdp": "v=0"})
        assert await second.expect("message") == [({"type": "offer", "sdp": "v=0"},)]
