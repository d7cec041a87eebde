"""Fixtures for tests that stop a real server they own."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.redis_server import RedisServer


@pytest.fixture
def doomed_redis(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """A Redis of its own, for a test that stops it."""
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    yield server
    server.stop()
