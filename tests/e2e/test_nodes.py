"""Two server processes on one Redis, behind a loopback proxy: a call between people
on different nodes, a node killed mid-call, and Redis restarted mid-call.

The proxy stands in for a load balancer: the test chooses which node each page's
connections reach first; when that node is gone they go to the other one.
"""

from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
import pytest_asyncio
import redis.asyncio
import redis.exceptions
from playwright.async_api import Page

from tests.helpers import wait_until
from tests.nodes import SignalingNode
from tests.proxy import LoopbackProxy
from tests.redis_server import RedisServer

from .conftest import OpenPage
from .helpers import (
    assert_talking_to_each_other,
    room_name,
    wait_for_call,
    wait_for_remote_video,
    wait_for_signaling,
    wait_for_state,
)

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

# Bounds for waiting on Redis-side conditions; each poll is a cheap command.
REDIS_WAIT_SECONDS = 20.0


class Cluster:
    """Two nodes, their own Redis and the proxy in front of them."""

    def __init__(self, workdir: Path) -> None:
        self.redis = RedisServer(workdir)
        self.prefix = f"e2e-{secrets.token_hex(4)}"
        secret = secrets.token_hex(32)
        self.nodes = [
            SignalingNode(f"node-{n}", self.redis.url, self.prefix, secret)
            for n in range(2)
        ]
        self.workdir = workdir
        self.proxy = LoopbackProxy([node.port for node in self.nodes])
        self.client = redis.asyncio.Redis.from_url(self.redis.url)

    async def start(self) -> None:
        for node in self.nodes:
            await asyncio.to_thread(node.start, self.workdir)
        await self.proxy.start()

    async def stop(self) -> None:
        await self.proxy.close()
        for node in self.nodes:
            await asyncio.to_thread(node.stop)
        await self.client.aclose()
        await asyncio.to_thread(self.redis.stop)

    async def room_keys(self) -> list[bytes]:
        return sorted(await self.client.keys(f"{self.prefix}:room:*"))

    async def wait_until(
        self, condition: str, check: Callable[[], Awaitable[bool]]
    ) -> None:
        """Poll Redis until `check()` holds; fail saying `condition` after a bound."""

        async def holds() -> bool:
            try:
                return await check()
            except redis.exceptions.ConnectionError:
                return False  # our own connection did not survive the restart

        await wait_until(holds, REDIS_WAIT_SECONDS, condition)


@pytest_asyncio.fixture(loop_scope="session")
async def cluster(tmp_path: Path) -> AsyncIterator[Cluster]:
    started = Cluster(tmp_path)
    try:
        await started.start()
        yield started
    finally:
        await started.stop()


async def call_across_nodes(open_page: OpenPage, cluster: Cluster) -> list[Page]:
    """Page 1 on node 0, page 2 on node 1, in a call with each other."""
    url = f"{cluster.proxy.url}/?room={room_name('nodes')}"
    cluster.proxy.prefer(0)
    first = await open_page(url)
    await wait_for_state(first, "waiting")
    cluster.proxy.prefer(1)
    second = await open_page(url)
    await wait_for_call(first, second)
    return [first, second]


async def test_people_on_two_nodes_see_each_other(
    open_page: OpenPage, cluster: Cluster
) -> None:
    first, second = await call_across_nodes(open_page, cluster)
    await assert_talking_to_each_other(first, second)
    assert len(await cluster.room_keys()) == 1


async def test_call_goes_on_when_a_node_is_killed(
    open_page: OpenPage, cluster: Cluster
) -> None:
    first, second = await call_across_nodes(open_page, cluster)
    await asyncio.to_thread(cluster.nodes[0].kill)  # kill -9: no goodbye at all
    await wait_for_signaling(first, "offline")
    # Its next connection reaches node 1, and its seat token wins the seat back; the
    # media, peer to peer, never stopped.
    await wait_for_signaling(first, "online")
    await wait_for_call(first, second)
    await assert_talking_to_each_other(first, second)


async def test_call_goes_on_when_redis_restarts(
    open_page: OpenPage, cluster: Cluster
) -> None:
    first, second = await call_across_nodes(open_page, cluster)
    [room_key] = await cluster.room_keys()
    await asyncio.to_thread(cluster.redis.stop)
    # Media is peer to peer: it keeps flowing while the store is away.
    for page in (first, second):
        await wait_for_remote_video(page)
    await asyncio.to_thread(cluster.redis.start)  # empty, as after a restart

    async def restored() -> bool:
        # Each node listens on a channel of its own.
        listeners = len(
            await cluster.client.pubsub_channels(f"{cluster.prefix}:node:*")
        )
        room = await cluster.client.get(room_key)
        seated = [] if room is None else [s for s in json.loads(room)["seats"] if s]
        return listeners == 2 and len(seated) == 2 and all(s[0] for s in seated)

    # Each node puts its person back in their seat and listens again.
    await cluster.wait_until("both seats are back and both nodes listen", restored)
    await second.reload()
    await wait_for_call(first, second)
    await assert_talking_to_each_other(first, second)
    for page in (first, second):
        await page.click("#hang-up")

    async def gone() -> bool:
        return await cluster.room_keys() == []

    await cluster.wait_until("no room is left once both hung up", gone)
