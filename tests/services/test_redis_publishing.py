"""The Redis manager under a burst of publishes: all of them arrive, in order, over
a few connections.

python-socketio's own manager opens a connection per publish in flight; past
redis-py's 100 they are refused and it builds a new client for each refusal. Ours
sends an outbox as pipelines from one writer.
"""

from __future__ import annotations

import asyncio
import json
import logging

import pytest
import redis.asyncio

from signaling.transport.redis_manager import PUBLISH_CONNECTIONS, PooledRedisManager
from tests.redis_server import RedisServer

BURST = 500


async def test_a_burst_of_publishes_shares_a_few_connections(
    redis_server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    manager = PooledRedisManager(
        redis_server.url, channel="burst-test", write_only=True
    )
    watcher = redis.asyncio.Redis.from_url(redis_server.url)
    listener = watcher.pubsub(ignore_subscribe_messages=True)
    await listener.subscribe("burst-test")
    try:
        with caplog.at_level(logging.ERROR):
            await asyncio.gather(
                *(manager._publish({"method": "emit", "n": n}) for n in range(BURST))
            )
            assert manager.writer is not None
            await manager.writer
        assert not [r for r in caplog.records if "publish" in r.getMessage()]
        clients = await watcher.client_list()
        # Ours, the watcher and its listener: never one connection per publish.
        assert len(clients) <= PUBLISH_CONNECTIONS + 2
        received: list[int] = []
        async with asyncio.timeout(10):
            while len(received) < BURST:
                note = await listener.get_message(timeout=1.0)
                if note is not None:
                    received.append(json.loads(note["data"])["n"])
        assert received == list(range(BURST))
    finally:
        await manager.redis.aclose()
        await listener.aclose()
        await watcher.aclose()
