"""A signaling outage does not interrupt a call whose media flows (ui-contract.md,
"What a call survives"): the server restarting, or one page's connection to it cut.

Both pages sample the other person's video every 100 ms throughout: it never stands
still for more than half a second, each page keeps the very RTCPeerConnection it had,
stays `connected`, and never shows the reconnecting notice. Once the server is back,
both people are in their own seats again. The server restart is also run with Firefox
on one side and on both, where the same sampler reads Firefox's frame count.
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

from .conftest import OpenFirefoxPage, OpenPage
from .helpers import (
    RECORD_FROZEN_VIDEO,
    RECORD_HISTORY,
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
    wait_for_state,
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
    await assert_call_goes_on_through_a_restart(signaling_process, first, second)


# Who arrives first (and answers), then who arrives second (and offers).
FIREFOX_PAIRS = ["firefox-chromium", "chromium-firefox", "firefox-firefox"]


@pytest.mark.parametrize("pair", FIREFOX_PAIRS)
async def test_call_with_firefox_goes_on_while_the_server_restarts(
    open_page: OpenPage,
    open_firefox_page: OpenFirefoxPage,
    signaling_process: SignalingServer,
    pair: str,
) -> None:
    opens = {"firefox": open_firefox_page, "chromium": open_page}
    url = f"{signaling_process.url}/?room={room_name()}"
    script = RECORD_HISTORY + RECORD_FROZEN_VIDEO
    first_browser, second_browser = pair.split("-")
    first = await opens[first_browser](url, init_script=script)
    await wait_for_state(first, "waiting")
    second = await opens[second_browser](url, init_script=script)
    await wait_for_call(first, second)
    await assert_call_goes_on_through_a_restart(signaling_process, first, second)


@pytest.mark.parametrize("watcher", ["firefox", "chromium"])
async def test_sampler_sees_the_other_persons_video_move_and_stop(
    open_page: OpenPage, open_firefox_page: OpenFirefoxPage, watcher: str
) -> None:
    """The sampler behind these tests works in both browsers: it sees new frames
    while the other person sends them, and a frozen stretch past the bar once they
    stop."""
    opens = {"firefox": open_firefox_page, "chromium": open_page}
    url = f"/?room={room_name()}"
    script = RECORD_HISTORY + RECORD_FROZEN_VIDEO
    watching = await opens[watcher](url, init_script=script)
    await wait_for_state(watching, "waiting")
    sending = await opens["chromium" if watcher == "firefox" else "firefox"](
        url, init_script=script
    )
    await wait_for_call(watching, sending)
    await start_watching_video(watching)
    started = await watching.evaluate("window.videoSamples.lastMovedAt")
    await watching.wait_for_function(
        "(started) => window.videoSamples.lastMovedAt > started", arg=started
    )
    await sending.evaluate(STOP_SENDING_VIDEO)
    await watching.wait_for_function(
        "(bar) => window.videoSamples.longestFrozenMs > bar", arg=MAX_FROZEN_MS
    )


# The page's video sender sends nothing from now on (no track, so no frames at all).
STOP_SENDING_VIDEO = """() => window.peerConnections
    .findLast((p) => p.connectionState !== "closed")
    .getSenders().find((s) => s.track?.kind === "video").replaceTrack(null)"""


async def assert_call_goes_on_through_a_restart(
    server: SignalingServer, first: Page, second: Page
) -> None:
    """Stop the server for OUTAGE_SECONDS and start it again in the middle of the
    call between `first` and `second`: both are seated again, and the call went on."""
    await clear_history(first, second)
    await start_watching_video(first, second)
    await asyncio.to_thread(server.stop)
    for page in (first, second):
        await wait_for_signaling(page, "offline")
    await asyncio.sleep(OUTAGE_SECONDS)  # the outage itself, not a wait for a state
    await asyncio.to_thread(server.start)
    await wait_until("both are seated again", lambda: seated_count(server, 2))
    await assert_call_went_on(first, second)
    await assert_talking_to_each_other(first, second)


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
        # A function, not statements: the Firefox driver evaluates one expression.
        await page.evaluate(
            "() => { window.stateHistory = []; window.noticeHistory = []; }"
        )


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
