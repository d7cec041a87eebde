"""Camera and microphone come first: refused or broken media never reaches a room."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestServer

from signaling.app import SIGNALING

from .conftest import INSECURE_HOST, OpenPage
from .helpers import notice_code, room_name, wait_for_notice, wait_for_state

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

DEVICE_BUSY = """
navigator.mediaDevices.getUserMedia = () => Promise.reject(
  new DOMException("Could not start video source", "NotReadableError"));
"""


async def test_refused_media_shows_why_and_never_joins_a_room(
    open_page: OpenPage, e2e_server: TestServer
) -> None:
    room = room_name()
    refused = await open_page(f"/?room={room}", media=False)
    await wait_for_state(refused, "media-error")
    assert await notice_code(refused) == "media-denied"
    text = (await refused.text_content("#notice")) or ""
    assert "camera" in text and "microphone" in text
    assert await refused.is_visible("#media-retry")
    # Not even a connection to the signaling server, let alone a seat.
    assert not e2e_server.app[SIGNALING].sio.eio.sockets
    granted = await open_page(f"/?room={room}")
    await wait_for_state(granted, "waiting")


async def test_busy_device_is_reported_as_unavailable(open_page: OpenPage) -> None:
    page = await open_page(init_script=DEVICE_BUSY)
    await wait_for_state(page, "media-error")
    assert await notice_code(page) == "media-unavailable"


async def test_retry_works_once_permission_is_granted(open_page: OpenPage) -> None:
    page = await open_page(media=False)
    await wait_for_notice(page, "media-denied")
    await page.context.grant_permissions(["camera", "microphone"])
    await page.click("#media-retry")
    await wait_for_state(page, "naming")
    assert await notice_code(page) == ""
    assert await page.evaluate("document.activeElement.id") == "room-name"
    assert (
        await page.evaluate(
            "document.querySelector('#localVideo').srcObject.getTracks().length"
        )
        == 2
    )


async def test_plain_http_on_a_real_host_explains_that_https_is_needed(
    open_page: OpenPage, e2e_server: TestServer
) -> None:
    page = await open_page(f"http://{INSECURE_HOST}:{e2e_server.port}/")
    await wait_for_state(page, "media-error")
    assert await notice_code(page) == "insecure-context"
    assert "https" in ((await page.text_content("#notice")) or "")
    assert await page.is_hidden("#media-retry")
    assert not e2e_server.app[SIGNALING].sio.eio.sockets
