"""A signaling outage does not interrupt a call whose media flows (ui-contract.md,
"What a call survives"): the server restarting, or one page's connection to it cut.

Both pages sample the other person's video every 100 ms throughout: it never stands
still for more than half a second, each page keeps the very RTCPeerConnection it had,
stays `connected`, and never shows the reconnecting notice. Once the server is back,
both people are in their own seats again.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable

import aiohttp
import pytest
import pytest_asyncio
from aiohttp.test_utils import TestServer

from signaling.rooms import RoomRegistry
from tests.processes import SignalingServer
from tests.proxy import LoopbackProxy

from .conftest import OpenPage
from .helpers import (
    LOCAL_UFRAG,
    RECORD_FROZEN_VIDEO,
    RECORD_HISTORY,
    RESTARTED,
    Page,
    assert_talking_to_each_other,
    keeps_its_peer_connection,
    longest_frozen_ms,
    notices_since,
    open_pair,
    room_name,
    start_watching_video,
    state_of,
    wait_for_call,
    wait_for_signaling,
)

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

# The bar for "not interrupted": no frozen stretch of remote video over this.
MAX_FROZEN_MS = 500
# How long the outage lasts: longer than Socket.IO's first reconnect attempts.
OUTAGE_SECONDS = 3
# Bounds every wait on the server's side of things.
WAIT_SECONDS = 20


async def wait_until(what: str, condition: Callable[[], Awaitable[bool]]) -> None:
    async with asyncio.timeout(WAIT_SECONDS):
        while not await condition():
            await asyncio.sleep(0.1)


async def assert_call_went_on(*pages: Page) -> None:
    """No frozen stretch over the bar, the same peer connection, `connected`
    throughout, and never a reconnecting notice."""
    for page in pages:
        assert await longest_frozen_ms(page) <= MAX_FROZEN_MS
        assert await keeps_its_peer_connection(page)
        assert await state_of(page) == "connected"
        assert "reconnecting" not in await page.evaluate("window.stateHistory")
        assert "reconnecting" not in await notices_since(page)


async def test_call_goes_on_while_the_server_restarts(
    open_page: OpenPage, signaling_process: SignalingServer
) -> None:
    room = room_name()
    first, second = await open_pair(
        open_page, f"{signaling_process.url}/?room={room}", RECORD_FROZEN_VIDEO
    )
    await clear_history(first, second)
    await start_watching_video(first, second)
    await restart_under(signaling_process, first, second)
    await wait_until(
        "both are seated again", lambda: seated_count(signaling_process, 2)
    )
    await assert_call_went_on(first, second)
    await assert_talking_to_each_other(first, second)


async def restart_under(server: SignalingServer, *pages: Page) -> None:
    """Stop the server, let every page see signaling go, wait out the outage, and
    start it again."""
    await asyncio.to_thread(server.stop)
    for page in pages:
        await wait_for_signaling(page, "offline")
    await asyncio.sleep(OUTAGE_SECONDS)  # the outage itself, not a wait for a state
    await asyncio.to_thread(server.start)


async def seated_count(server: SignalingServer, count: int) -> bool:
    """The restarted server has `count` people in seats (its /metrics)."""
    try:
        async with aiohttp.ClientSession() as session:
            async with session.get(f"{server.url}/metrics") as response:
                text = await response.text()
    except aiohttp.ClientError:
        return False
    return f"videoroom_seated_people {count}" in text


async def clear_history(*pages: Page) -> None:
    for page in pages:
        await page.evaluate("window.stateHistory = []; window.noticeHistory = []")


@pytest_asyncio.fixture(loop_scope="session")
async def cuttable(e2e_server: TestServer) -> AsyncIterator[LoopbackProxy]:
    """A TCP proxy between one page and the server, that the test stops and starts."""
    assert e2e_server.port is not None
    proxy = LoopbackProxy([e2e_server.port])
    await proxy.start()
    yield proxy
    await proxy.close()


async def test_call_goes_on_while_one_page_is_cut_from_the_server(
    open_page: OpenPage, cuttable: LoopbackProxy, registry: RoomRegistry
) -> None:
    room = room_name()
    first = await open_page(
        f"/?room={room}", init_script=RECORD_HISTORY + RECORD_FROZEN_VIDEO
    )
    second = await open_page(
        f"{cuttable.url}/?room={room}", init_script=RECORD_HISTORY + RECORD_FROZEN_VIDEO
    )
    await wait_for_call(first, second)
    await clear_history(first, second)
    await start_watching_video(first, second)
    await cuttable.close()
    await wait_for_signaling(second, "offline")

    async def held() -> bool:
        return registry.member_count == 1

    await wait_until("the server holds the cut page's seat", held)
    await asyncio.sleep(OUTAGE_SECONDS)  # the outage itself, not a wait for a state
    await cuttable.start()
    await wait_for_signaling(second, "online")

    async def back() -> bool:
        return registry.member_count == 2

    await wait_until("the cut page is back in its seat", back)
    await assert_call_went_on(first, second)
    await assert_talking_to_each_other(first, second)


@pytest.mark.parametrize("page_index", [0, 1], ids=["creator", "joiner"])
async def test_a_network_switch_restarts_ice_at_once_on_the_same_call(
    open_page: OpenPage, page_index: int
) -> None:
    """The browser saying it is back online (as after a switch from Wi-Fi to mobile)
    restarts ICE on that page's call at once, whichever side offered first: new ICE
    credentials on both sides, the same peer connections, the video never frozen."""
    pages = await open_pair(open_page, f"/?room={room_name()}", RECORD_FROZEN_VIDEO)
    await clear_history(*pages)
    await start_watching_video(*pages)
    before = [await page.evaluate(LOCAL_UFRAG) for page in pages]
    await pages[page_index].evaluate("window.dispatchEvent(new Event('online'))")
    for page, ufrag in zip(pages, before, strict=True):
        await page.wait_for_function(RESTARTED, arg=ufrag)
    await assert_call_went_on(*pages)
    await assert_talking_to_each_other(*pages)
