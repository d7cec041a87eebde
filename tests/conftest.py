"""Fixtures: settings, the real app on 127.0.0.1 with a free port, a client factory."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

import pytest
from aiohttp.test_utils import TestServer

from signaling import create_app
from signaling.config import Settings

from .helpers import Connect, RecordingClient
from .redis_server import RedisServer
from .turn import TurnServer


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
async def server(aiohttp_server: Any, settings: Settings) -> TestServer:
    return await aiohttp_server(create_app(settings), host="127.0.0.1")


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
