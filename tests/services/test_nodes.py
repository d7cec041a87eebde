"""Two server processes, one Redis: every room's second person sits on the other node.

Each classic dialect and our own protocol work across the nodes; a third person is
refused on either; racing clients spread over both seat exactly two.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from tests.helpers import CODELAB_EVENTS, FREECODECAMP_EVENTS, RecordingClient
from tests.nodes import SignalingNode
from tests.redis_server import RedisServer

OWN = {"peer-joined", "peer-left", "peer-reconnecting", "peer-returned", "message"}
RACERS = 50
RACES = 20


def start_nodes(
    redis_server: RedisServer, tmp_path: Path, prefix: str, count: int = 2
) -> list[SignalingNode]:
    secret = secrets.token_hex(32)
    nodes = [
        SignalingNode(f"node-{n}", redis_server.url, prefix, secret)
        for n in range(count)
    ]
    try:
        for node in nodes:
            node.start(tmp_path)
    except Exception:
        for node in nodes:
            node.stop()
        raise
    return nodes


@pytest.fixture
def nodes(redis_server: RedisServer, tmp_path: Path) -> Iterator[list[SignalingNode]]:
    started = start_nodes(redis_server, tmp_path, f"nodes-{secrets.token_hex(4)}")
    yield started
    for node in started:
        node.stop()


@pytest_asyncio.fixture
async def clients() -> AsyncIterator[list[RecordingClient]]:
    """Every client a test connects; all disconnected at teardown."""
    made: list[RecordingClient] = []
    yield made
    await asyncio.gather(*(client.disconnect() for client in made))


async def client_of(
    clients: list[RecordingClient],
    node: SignalingNode,
    listens_for: set[str] | frozenset[str] | None = None,
) -> RecordingClient:
    client = RecordingClient(node.url, listens_for)
    clients.append(client)
    await client.connect()
    return client


async def test_codelab_pair_across_two_nodes(
    nodes: list[SignalingNode], clients: list[RecordingClient]
) -> None:
    first = await client_of(clients, nodes[0], CODELAB_EVENTS)
    second = await client_of(clients, nodes[1], CODELAB_EVENTS)
    await first.emit("create or join", "across")
    assert await first.expect("created") == [("across", first.sid)]
    await second.emit("create or join", "across")
    assert await second.expect("joined", "ready") == [("across", second.sid), ()]
    assert await first.expect("join", "ready") == [("across",), ()]
    await first.emit("message", {"type": "offer", "sdp": "v=0"})
    assert await second.expect("message") == [({"type": "offer", "sdp": "v=0"},)]
    await second.emit("message", "got user media")
    assert await first.expect("message") == [("got user media",)]
    for node in nodes:
        third = await client_of(clients, node, CODELAB_EVENTS)
        await third.emit("create or join", "across")
        assert await third.expect("full") == [("across",)]


async def test_freecodecamp_pair_across_two_nodes(
    nodes: list[SignalingNode], clients: list[RecordingClient]
) -> None:
    first = await client_of(clients, nodes[0], FREECODECAMP_EVENTS)
    second = await client_of(clients, nodes[1], FREECODECAMP_EVENTS)
    await first.emit("create or join", "demo")
    [(created,)] = await first.expect("joined room")
    assert created["initiator"] is True
    await second.emit("create or join", "demo")
    [(joined,)] = await second.expect("joined room")
    assert joined["initiator"] is False
    assert await first.expect("newcomer") == [("Hi there people!",)]
    offer = {"room": "demo", "data": {"type": "offer", "sdp": "v=0"}}
    await first.emit("roomMessage", offer)
    assert await second.expect("roomMessage") == [(offer,)]
    third = await client_of(clients, nodes[1], FREECODECAMP_EVENTS)
    await third.emit("create or join", "demo")
    assert await third.expect("errorMessage") == [("Could not join room. It's full!",)]


async def test_our_client_returns_on_the_other_node(
    nodes: list[SignalingNode], clients: list[RecordingClient]
) -> None:
    first = await client_of(clients, nodes[0], OWN)
    second = await client_of(clients, nodes[1], OWN)
    await first.call("create or join", "call", {})
    ack = await second.call("create or join", "call", {})
    assert (ack["result"], ack["seat"]) == ("joined", 1)
    await first.expect("peer-joined")
    await second.drop()
    assert await first.expect("peer-reconnecting") == [({"room": "call"},)]
    stranger = await client_of(clients, nodes[1])
    assert (await stranger.call("create or join", "call", {}))["code"] == "room-full"
    back = await client_of(clients, nodes[0], OWN)
    ack = await back.call("create or join", "call", {"seat_token": ack["seat_token"]})
    assert (ack["returned"], ack["seat"]) == (True, 1)
    assert await first.expect("peer-returned") == [({"room": "call"},)]
    await back.emit("message", {"to": "first"})
    assert await first.expect("message") == [({"to": "first"},)]


async def test_racers_spread_over_two_nodes_seat_exactly_two(
    nodes: list[SignalingNode], clients: list[RecordingClient]
) -> None:
    racers = await asyncio.gather(
        *(client_of(clients, nodes[n % 2], set()) for n in range(RACERS))
    )
    for race in range(RACES):
        acks = await asyncio.gather(
            *(racer.call("create or join", f"race-{race}") for racer in racers)
        )
        codes = [ack.get("code", ack.get("result")) for ack in acks]
        assert sorted(codes).count("room-full") == RACERS - 2, codes
        assert sorted(c for c in codes if c != "room-full") == ["created", "joined"]


async def test_two_deployments_on_one_redis_never_meet(
    redis_server: RedisServer, tmp_path: Path, clients: list[RecordingClient]
) -> None:
    (tmp_path / "ours").mkdir()
    ours = start_nodes(redis_server, tmp_path / "ours", "ours", count=1)
    (tmp_path / "theirs").mkdir()
    theirs = start_nodes(redis_server, tmp_path / "theirs", "theirs", count=1)
    try:
        seated: list[Any] = []
        for node in (*ours, *theirs, *ours, *theirs):
            client = await client_of(clients, node, CODELAB_EVENTS)
            seated.append(await client.call("create or join", "same name"))
        assert [ack["result"] for ack in seated] == [
            "created",
            "created",
            "joined",
            "joined",
        ]
    finally:
        for node in (*ours, *theirs):
            node.stop()
