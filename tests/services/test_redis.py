"""REDIS_URL: emits go through a real Redis, and /readyz follows its health."""

from __future__ import annotations

import asyncio
import secrets
import time
from typing import Any

import pytest
import redis.asyncio
from aiohttp.test_utils import TestClient

from signaling import create_app
from signaling.app import TRANSPORT
from signaling.config import Settings
from tests.conftest import in_test_transport
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
    """The protocol through Redis, each process on a channel of its own."""

    @pytest.fixture
    def prefix(self) -> str:
        return f"bus-{secrets.token_hex(4)}"

    @pytest.fixture
    def settings(self, redis_server: RedisServer, prefix: str) -> Settings:
        return Settings(redis_url=redis_server.url, redis_prefix=prefix)

    @pytest.mark.fast_only(reason="python-socketio's manager publishes every emit")
    async def test_a_pair_on_one_process_publishes_nothing(
        self, connect: Connect, redis_server: RedisServer
    ) -> None:
        store = redis.asyncio.Redis.from_url(redis_server.url)
        try:
            before = await publishes(store)
            first, second = await codelab_pair(connect, "one process")
            offer = {"type": "offer", "sdp": "v=0"}
            await first.emit("message", offer)
            assert await second.expect("message") == [(offer,)]
            await second.emit("message", "got user media")
            assert await first.expect("message") == [("got user media",)]
            assert await publishes(store) == before
        finally:
            await store.aclose()

    @pytest.mark.fast_only(reason="python-socketio's manager has one channel for all")
    async def test_across_processes_only_the_other_persons_process_hears(
        self,
        aiohttp_server: Any,
        settings: Settings,
        redis_server: RedisServer,
        prefix: str,
    ) -> None:
        """Three processes; a pair on two of them. What one sends reaches only the
        other's process, and the third hears nothing at all."""
        servers = [
            await aiohttp_server(create_app(in_test_transport(settings)))
            for _ in range(3)
        ]
        nodes = [server.app[TRANSPORT].sio.manager.node for server in servers]
        store = redis.asyncio.Redis.from_url(redis_server.url)
        heard = store.pubsub(ignore_subscribe_messages=True)
        await heard.psubscribe(f"{prefix}:node:*")
        clients = [
            RecordingClient(url_of(server), CODELAB_EVENTS) for server in servers
        ]
        try:
            for client in clients[:2]:
                await client.connect()
            first, second = clients[:2]
            await first.emit("create or join", "across")
            await first.expect("created")
            await second.emit("create or join", "across")
            await first.expect("join", "ready")
            await second.expect("joined", "ready")
            offer = {"type": "offer", "sdp": "v=0"}
            await first.emit("message", offer)
            assert await second.expect("message") == [(offer,)]
            await second.emit("message", "answer")
            assert await first.expect("message") == [("answer",)]
            await store.publish(f"{prefix}:node:sentinel", "end")
            channels = await channels_until(heard, f"{prefix}:node:sentinel")
            assert channels <= {f"{prefix}:node:{node}" for node in nodes[:2]}
        finally:
            for client in clients:
                await client.disconnect()
            await heard.aclose()
            await store.aclose()

    async def test_a_process_without_connections_still_reaches_the_others(
        self, aiohttp_server: Any, settings: Settings
    ) -> None:
        """A held seat may expire on the process its owner left, which may have
        nobody connected any more: what it tells the other person still goes."""
        servers = [
            await aiohttp_server(create_app(in_test_transport(settings)))
            for _ in range(2)
        ]
        client = RecordingClient(url_of(servers[0]), {"peer-left"})
        await client.connect()
        try:
            sio = servers[1].app[TRANSPORT].sio
            await sio.emit("peer-left", {"room": "call"}, to=client.sid)
            assert await client.expect("peer-left") == [({"room": "call"},)]
        finally:
            await client.disconnect()


async def publishes(store: Any) -> int:
    stats = await store.info("commandstats")
    return int(stats.get("cmdstat_publish", {}).get("calls", 0))


def url_of(server: Any) -> str:
    return str(server.make_url("/")).rstrip("/")


async def channels_until(heard: Any, last: str) -> set[str]:
    """The channels that carried a message, up to the one on `last`."""
    channels: set[str] = set()
    async with asyncio.timeout(5.0):
        async for note in heard.listen():
            channel = note["channel"].decode()
            if channel == last:
                return channels
            channels.add(channel)
    return channels


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


@pytest.mark.fast_only(reason="the channel per process is the fast transport's")
async def test_a_burst_crosses_in_order_and_crosses_again_after_redis_restarts(
    aiohttp_server: Any, doomed_redis: RedisServer
) -> None:
    """Messages a person sends in one burst reach the other process in the order
    sent; after Redis restarts, both processes listen and publish again."""
    prefix = f"burst-{secrets.token_hex(4)}"
    settings = Settings(redis_url=doomed_redis.url, redis_prefix=prefix)
    servers = [
        await aiohttp_server(create_app(in_test_transport(settings))) for _ in range(2)
    ]
    first, second = (
        RecordingClient(url_of(server), CODELAB_EVENTS) for server in servers
    )
    try:
        for client in (first, second):
            await client.connect()
        await first.emit("create or join", "burst")
        await first.expect("created")
        await second.emit("create or join", "burst")
        await first.expect("join", "ready")
        await second.expect("joined", "ready")
        await asyncio.gather(*(first.emit("message", n) for n in range(BURST)))
        assert await second.expect(*["message"] * BURST) == [(n,) for n in range(BURST)]
        doomed_redis.stop()
        doomed_redis.start()
        await subscribed_again(doomed_redis.url, prefix, servers)
        await second.emit("message", "after the restart")
        assert await first.expect("message") == [("after the restart",)]
    finally:
        for client in (first, second):
            await client.disconnect()


BURST = 300


async def subscribed_again(url: str, prefix: str, servers: list[Any]) -> None:
    """Wait until every process listens on its channel in the restarted Redis."""
    channels = [
        f"{prefix}:node:{server.app[TRANSPORT].sio.manager.node}" for server in servers
    ]
    store = redis.asyncio.Redis.from_url(url)
    try:
        async with asyncio.timeout(10.0):
            while True:
                counts = await store.pubsub_numsub(*channels)
                if all(count == 1 for _, count in counts):
                    return
                await asyncio.sleep(0.05)
    finally:
        await store.aclose()
