"""REDIS_URL: emits go through a real Redis, and /readyz follows its health."""

from __future__ import annotations

import asyncio
import json
import secrets
import time
from typing import Any

import pytest
import redis.asyncio
from aiohttp.test_utils import TestClient

from signaling import create_app
from signaling.config import Settings
from tests.helpers import (
    CODELAB_EVENTS,
    Connect,
    RecordingClient,
    codelab_pair,
)
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


class TestRedisLosingItsData:
    """Redis restarted empty, and a new pair took a room before its old pair was
    put back: the old pair sits nowhere, hears nothing of the new one, and is told."""

    @pytest.fixture
    def prefix(self) -> str:
        return f"lost-{secrets.token_hex(4)}"

    @pytest.fixture
    def settings(self, redis_server: RedisServer, prefix: str) -> Settings:
        return Settings(redis_url=redis_server.url, redis_prefix=prefix)

    async def test_a_lost_seat_leaves_its_room_and_is_told(
        self, connect: Connect, redis_server: RedisServer, prefix: str
    ) -> None:
        heard = {*CODELAB_EVENTS, "signaling-error"}
        old_pair = await codelab_pair(connect, "call", heard)
        store = redis.asyncio.Redis.from_url(redis_server.url)
        nodes = f"{prefix}:nodes"
        try:
            node = await lease_of_the_only_node(store, nodes)
            # Redis forgets everything but the lease: the server cannot tell yet.
            async with store.pipeline(transaction=True) as pipe:
                pipe.delete(*await store.keys(f"{prefix}:*"))
                pipe.zadd(nodes, {node: time.time() + 3600})
                await pipe.execute()
            new_pair = await codelab_pair(connect, "call", heard)
            await store.zrem(nodes, node)  # now it notices, and puts seats back
        finally:
            await store.aclose()
        for old in old_pair:
            [(refusal,), full] = await old.expect("signaling-error", "full")
            assert (refusal["code"], full) == ("room-full", ("call",))
        offer = {"type": "offer", "sdp": "v=0"}
        await new_pair[0].emit("message", offer)
        assert await new_pair[1].expect("message") == [(offer,)]
        for old in old_pair:
            await old.assert_quiet()  # the offer never reached them


async def lease_of_the_only_node(store: Any, nodes: str) -> bytes:
    """The server's node id, once it has taken its first lease."""
    async with asyncio.timeout(5.0):
        while not (held := await store.zrange(nodes, 0, -1)):
            await asyncio.sleep(0.05)
    [node] = held
    return node  # type: ignore[no-any-return]
