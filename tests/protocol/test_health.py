"""/healthz says the process answers; /readyz says it can take calls."""

from typing import Any

from aiohttp.test_utils import TestClient, TestServer

from signaling.app import SIGNALING


async def get(client: TestClient, path: str) -> tuple[int, str]:
    async with client.get(path) as response:
        assert response.headers["Cache-Control"] == "no-store"
        return response.status, await response.text()


async def test_healthz_answers_ok(aiohttp_client: Any, server: TestServer) -> None:
    client: TestClient = await aiohttp_client(server)
    assert await get(client, "/healthz") == (200, "ok")


async def test_readyz_is_ready_without_redis(
    aiohttp_client: Any, server: TestServer
) -> None:
    client: TestClient = await aiohttp_client(server)
    assert await get(client, "/readyz") == (200, "ready")


async def test_readyz_refuses_while_shutting_down(
    aiohttp_client: Any, server: TestServer
) -> None:
    client: TestClient = await aiohttp_client(server)
    server.app[SIGNALING].is_shutting_down = True
    assert await get(client, "/readyz") == (503, "shutting down")
    assert await get(client, "/healthz") == (200, "ok")
