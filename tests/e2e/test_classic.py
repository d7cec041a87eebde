"""A page in the classic codelab style still gets a call through our server."""

from __future__ import annotations

import pytest

from .conftest import OpenPage
from .helpers import room_name, wait_for_remote_video

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]


async def test_two_codelab_pages_see_each_other(open_page: OpenPage) -> None:
    room = room_name("codelab")
    first = await open_page(f"/classic/index.html?room={room}")
    await first.wait_for_function("() => isInitiator && localStream !== undefined")
    second = await open_page(f"/classic/index.html?room={room}")
    for page in (first, second):
        await wait_for_remote_video(page)
