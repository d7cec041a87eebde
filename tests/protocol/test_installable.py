"""The page is installable: its web app manifest and icons are served with their
content types, and every icon the manifest names exists at the size it states."""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
APP_CSS = Path(__file__).resolve().parents[2] / "public" / "css" / "app.css"


def page_background() -> str:
    """The page's --bg colour, as public/css/app.css sets it."""
    found = re.search(r"--bg:\s*(#[0-9a-fA-F]{6})", APP_CSS.read_text(encoding="utf-8"))
    assert found is not None, "app.css no longer sets --bg"
    return found.group(1)


def png_size(body: bytes) -> str:
    """`WIDTHxHEIGHT` from a PNG's IHDR chunk, the first after the signature."""
    assert body[:8] == PNG_SIGNATURE, "not a PNG"
    assert body[12:16] == b"IHDR"
    width, height = struct.unpack(">II", body[16:24])
    return f"{width}x{height}"


async def fetch(client: TestClient, path: str) -> tuple[int, str, bytes]:
    async with client.get(path) as response:
        return response.status, response.headers["Content-Type"], await response.read()


@pytest.fixture
async def client(aiohttp_client: Any, server: TestServer) -> TestClient:
    return await aiohttp_client(server)  # type: ignore[no-any-return]


async def manifest_of(client: TestClient) -> dict[str, Any]:
    status, content_type, body = await fetch(client, "/manifest.webmanifest")
    assert (status, content_type) == (200, "application/manifest+json")
    return json.loads(body)  # type: ignore[no-any-return]


async def test_manifest_is_served_as_a_manifest_and_says_how_to_start(
    client: TestClient,
) -> None:
    manifest = await manifest_of(client)
    assert manifest["name"] and manifest["short_name"]
    assert manifest["start_url"] == "/"
    assert manifest["display"] == "standalone"
    # The page's own background, so nothing flashes between splash and page.
    assert manifest["theme_color"] == manifest["background_color"] == page_background()


async def test_every_icon_the_manifest_names_exists_at_its_stated_size(
    client: TestClient,
) -> None:
    icons = (await manifest_of(client))["icons"]
    for icon in icons:
        status, content_type, body = await fetch(client, icon["src"])
        assert (status, content_type) == (200, icon["type"]), icon["src"]
        if icon["type"] == "image/png":
            assert png_size(body) == icon["sizes"], icon["src"]
        else:
            assert icon["sizes"] == "any" and body.lstrip().startswith(b"<svg")
    sizes = {(icon["sizes"], icon.get("purpose", "any")) for icon in icons}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes


async def test_page_links_the_manifest_theme_colour_and_apple_touch_icon(
    client: TestClient,
) -> None:
    _, _, page = await fetch(client, "/")
    html = page.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert f'<meta name="theme-color" content="{page_background()}">' in html
    assert '<link rel="apple-touch-icon" href="/icons/apple-touch-icon.png">' in html
    status, content_type, body = await fetch(client, "/icons/apple-touch-icon.png")
    assert (status, content_type, png_size(body)) == (200, "image/png", "180x180")
