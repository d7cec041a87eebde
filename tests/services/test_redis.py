"""REDIS_URL: emits go through a real Redis, and /readyz follows its health."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
import redis.asyncio
from aiohttp.test_utils import TestClient

from signaling import create_app
from signaling.config import Settings
from tests.conftest import Connect
from tests.helpers import RecordingClient, codelab_pair
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

    async def test_room_events_are_published_and_relays_still_arrive(
        self, connect: Connect, redis_server: RedisServer
    ) -> None:
        """Emits go through Redis to whichever process holds the recipient, on the
        deployment's own channel; a relayed `message` goes straight to the other
        member when they sit on this process."""
        listener = redis.asyncio.Redis.from_url(redis_server.url)
        channel = listener.pubsub(ignore_subscribe_messages=True)
        await channel.subscribe("videoroom:socketio")  # the default REDIS_PREFIX
        try:
            first, second = await codelab_pair(connect, "over redis")
            assert "ready" in await published_events(channel, until="ready")
            offer = {"type": "offer", "sdp": "v=0"}
            await first.emit("message", offer)
            assert await second.expect("message") == [(offer,)]
        finally:
            await channel.aclose()
            await listener.aclose()


async def published_events(channel: Any, until: str) -> list[str]:
    """Names of the events published on the channel, up to and including `until`."""

    async def collect() -> list[str]:
        names: list[str] = []
        async for note in channel.listen():
            names.append(json.loads(note["data"]).get("event"))
            if names[-1] == until:
                break
        return names

    return await asyncio.wait_for(collect(), 5.0)


async def test_a_join_while_redis_is_away_is_refused_and_the_next_one_works(
    aiohttp_server: Any, doomed_redis: RedisServer
) -> None:
    server = await aiohttp_server(
        create_app(Settings(redis_url=doomed_redis.url)), host="127.0.0.1"
    )
    client = RecordingClient(str(server.make_url("/")).rstrip("/"))
    await client.connect()
    try:
        assert (await client.call("create or join", "call", {}))["result"] == "created"
        doomed_redis.stop()
        refused = await client.call("create or join", "other", {})
        assert (refused["ok"], refused["code"]) == (False, "server-unavailable")
        doomed_redis.start()  # empty, as after a restart
        ack = await client.call("create or join", "other", {})
        assert (ack["result"], ack["room"]) == ("created", "other")
    finally:
        await client.disconnect()
