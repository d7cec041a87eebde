"""Served over HTTPS directly (CERTFILE and KEYFILE, no proxy in front), two
browsers connect and call: their https:// Origin is accepted."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from aiohttp.test_utils import TestServer
from playwright.async_api import Browser

from signaling import create_app
from signaling.config import Settings
from signaling.http.tls import ssl_context
from tests.processes import make_certificate

from .conftest import TIMEOUT_MS, close_within
from .helpers import join, room_name, wait_for_call

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]


@pytest_asyncio.fixture(loop_scope="session")
async def https_url(tmp_path: Path) -> AsyncIterator[str]:
    """The app served over HTTPS with a self-signed certificate."""
    cert, key = make_certificate(tmp_path)
    settings = Settings(certfile=str(cert), keyfile=str(key))
    server = TestServer(create_app(settings), host="127.0.0.1")
    await server.start_server(ssl=ssl_context(settings))
    yield f"https://localhost:{server.port}"
    await close_within(server.close(), "the server")


async def test_two_browsers_call_over_direct_https(
    browser: Browser, https_url: str
) -> None:
    room = room_name()
    contexts = [
        await browser.new_context(
            base_url=https_url,
            ignore_https_errors=True,  # the certificate is self-signed
            permissions=["camera", "microphone"],
        )
        for _ in range(2)
    ]
    try:
        pages = []
        for context in contexts:
            context.set_default_timeout(TIMEOUT_MS)
            page = await context.new_page()
            await page.goto("/")
            await join(page, room)
            pages.append(page)
        await wait_for_call(*pages)
    finally:
        for context in contexts:
            await close_within(context.close(), "a browser context")
