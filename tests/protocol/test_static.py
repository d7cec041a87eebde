from typing import Any

from aiohttp.test_utils import TestClient, TestServer


async def get(
    aiohttp_client: Any, server: TestServer, path: str
) -> tuple[int, str, str]:
    client: TestClient = await aiohttp_client(server)
    async with client.get(path) as response:
        return response.status, response.headers["Content-Type"], await response.text()


async def test_socket_io_client_is_served_for_classic_pages(
    aiohttp_client: Any, server: TestServer
) -> None:
    status, content_type, body = await get(
        aiohttp_client, server, "/socket.io/socket.io.js"
    )
    assert (status, content_type) == (200, "application/javascript")
    assert "Socket.IO v4" in body


async def test_page_is_served_at_the_root(
    aiohttp_client: Any, server: TestServer
) -> None:
    status, content_type, body = await get(aiohttp_client, server, "/")
    assert (status, content_type) == (200, "text/html")
    assert 'data-state="media"' in body


async def test_adapter_is_served_for_classic_pages(
    aiohttp_client: Any, server: TestServer
) -> None:
    status, _, body = await get(aiohttp_client, server, "/vendor/adapter.js")
    assert status == 200 and "RTCPeerConnection" in body


async def test_config_hands_out_no_ice_servers_by_default(
    aiohttp_client: Any, server: TestServer
) -> None:
    client: TestClient = await aiohttp_client(server)
    async with client.get("/config") as response:
        assert response.headers["Cache-Control"] == "no-store"
        assert await response.json() == {"iceServers": [], "iceTransportPolicy": "all"}
