"""Pages carry a strict Content-Security-Policy and the other security headers."""

from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from signaling.http.headers import content_security_policy


def directives(policy: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


async def test_page_is_served_with_security_headers(
    aiohttp_client: Any, server: TestServer
) -> None:
    client: TestClient = await aiohttp_client(server)
    async with client.get("/") as response:
        assert response.status == 200
        headers = response.headers
    host = f"{server.host}:{server.port}"
    policy = directives(headers["Content-Security-Policy"])
    assert policy == {
        "default-src": "'self'",
        "script-src": "'self'",
        "connect-src": f"'self' ws://{host} wss://{host}",
        "media-src": "'self' blob:",
        "img-src": "'self' data:",
        "manifest-src": "'self'",
        "style-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'none'",
        "frame-ancestors": "'none'",
    }
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["Permissions-Policy"] == "camera=(self), microphone=(self)"


@pytest.mark.parametrize("path", ["/vendor/adapter.js", "/no-such-page", "/config"])
async def test_every_response_carries_the_headers(
    aiohttp_client: Any, server: TestServer, path: str
) -> None:
    client: TestClient = await aiohttp_client(server)
    async with client.get(path) as response:
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("host", ["evil.example; script-src *", "a b", "x'y", None, ""])
def test_a_strange_host_header_never_widens_the_policy(host: str | None) -> None:
    assert directives(content_security_policy(host))["connect-src"] == "'self'"


def test_an_ipv6_host_is_allowed_for_websockets() -> None:
    policy = directives(content_security_policy("[::1]:8000"))
    assert policy["connect-src"] == "'self' ws://[::1]:8000 wss://[::1]:8000"
