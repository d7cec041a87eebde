"""Fixtures: settings, the real app on 127.0.0.1 with a free port, a client factory.

TEST_TRANSPORT=stock runs every server on the libraries' own engine (python-engineio's
sockets and heartbeat, python-socketio's dispatch; scripts/test runs tests/protocol
that way too); tests marked
`fast_only` check the fast transport's own internals and are skipped then.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

import pytest
from aiohttp.test_utils import TestServer

from signaling import create_app
from signaling.config import Limits, Settings

from .helpers import Connect, RecordingClient
from .redis_server import RedisServer
from .turn import TurnServer

TEST_TRANSPORT = os.environ.get("TEST_TRANSPORT", "fast")


# Every test client comes from 127.0.0.1, and some send bursts on purpose: tests
# that leave the abuse limits at their defaults get these, out of their way. The
# limits' own tests set theirs (tests/protocol/test_abuse_limits.py).
LENIENT_LIMITS = Limits(
    connections_per_address=10_000,
    connections_per_minute=1_000_000,
    joins_per_minute=100_000,
    messages_per_second=100_000,
    config_per_minute=100_000,
    seats_per_address=100_000,
)


def in_test_transport(settings: Settings) -> Settings:
    """`settings` on the transport this run tests (TEST_TRANSPORT, default fast),
    with lenient abuse limits unless the test chose its own."""
    limits = settings.limits
    if limits == Limits(max_queued_bytes=limits.max_queued_bytes):  # else: chosen
        limits = dataclasses.replace(
            LENIENT_LIMITS, max_queued_bytes=settings.limits.max_queued_bytes
        )
    return dataclasses.replace(settings, transport=TEST_TRANSPORT, limits=limits)


def pytest_report_header() -> str:
    return f"transport: {TEST_TRANSPORT} (TEST_TRANSPORT)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if TEST_TRANSPORT == "fast":
        return
    for item in items:
        marker = item.get_closest_marker("fast_only")
        if marker is not None:
            reason = marker.kwargs["reason"]  # required: say what is fast-only
            item.add_marker(pytest.mark.skip(reason=f"fast transport only: {reason}"))


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
async def server(aiohttp_server: Any, settings: Settings) -> TestServer:
    app = create_app(in_test_transport(settings))
    return await aiohttp_server(app, host="127.0.0.1")


@pytest.fixture
def server_url(server: TestServer) -> str:
    return str(server.make_url("/")).rstrip("/")


@pytest.fixture
async def connect(server_url: str) -> AsyncIterator[Connect]:
    """Connect recording clients; every one is disconnected at teardown."""
    clients: list[RecordingClient] = []

    async def factory(
        listens_for: Iterable[str] | None = None,
        transports: list[str] | None = None,
    ) -> RecordingClient:
        client = RecordingClient(server_url, listens_for)
        clients.append(client)
        await client.connect(transports)
        return client

    yield factory
    for client in clients:
        await client.disconnect()


@pytest.fixture(scope="session")
def turn_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TurnServer]:
    """coturn on a free port with a static auth secret, for the whole session."""
    server = TurnServer(tmp_path_factory.mktemp("coturn"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """redis-server on a free port, for the whole session."""
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    yield server
    server.stop()
