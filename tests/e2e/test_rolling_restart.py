"""A deploy does not interrupt a call: two server processes on one Redis behind a
real nginx (docs/deploy/nginx.conf) are restarted one after the other while two
calls run (four pages: more make a busy 2-core machine stutter by itself).

Every page samples the other person's video every 100 ms throughout: it never stands
still for more than half a second, each page keeps the very RTCPeerConnection it had
and stays `connected`. Each page loses signaling at least once (both processes
restart) and ends back in its own seat, talking to the same person.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
import pytest_asyncio

from tests.helpers import wait_until
from tests.redis_server import RedisServer
from tests.rolling import RollingDeployment

from .conftest import OpenPage
from .helpers import (
    RECORD_FROZEN_VIDEO,
    Page,
    assert_talking_to_each_other,
    open_pair,
    room_name,
    start_watching_video,
    wait_for_signaling,
)
from .test_outage import assert_call_went_on, clear_history

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

CALLS = 2
# A bound for the people to be back in their seats, not a speed.
SEATED_SECONDS = 30.0

# Every value body[data-signaling] takes, in order (`offline` can be brief).
RECORD_SIGNALING = """
(() => {
  window.signalingHistory = [];
  new MutationObserver(() => {
    const status = document.body?.dataset.signaling;
    if (status && status !== window.signalingHistory.at(-1)) {
      window.signalingHistory.push(status);
    }
  }).observe(document, {
    subtree: true, attributes: true, attributeFilter: ["data-signaling"],
  });
})();
"""


@pytest_asyncio.fixture(loop_scope="session")
async def deployment(
    redis_server: RedisServer, tmp_path: Path
) -> AsyncIterator[RollingDeployment]:
    started = RollingDeployment(tmp_path, redis_server.url)
    try:
        await asyncio.to_thread(started.start)
        yield started
    finally:
        await asyncio.to_thread(started.stop)


async def seated_people(deployment: RollingDeployment) -> int:
    """People sitting in a room with a live connection, over every process."""
    total = 0
    async with aiohttp.ClientSession() as session:
        for node in deployment.nodes:
            try:
                async with session.get(f"{node.url}/metrics") as response:
                    text = await response.text()
            except aiohttp.ClientError:
                continue  # restarting: its people are elsewhere or on their way
            [line] = [
                x for x in text.splitlines() if x.startswith("videoroom_seated_people")
            ]
            total += int(float(line.split()[-1]))
    return total


async def test_calls_go_on_through_a_rolling_restart_behind_nginx(
    open_page: OpenPage, deployment: RollingDeployment
) -> None:
    calls: list[tuple[Page, Page]] = []
    for _ in range(CALLS):
        url = f"{deployment.url}/?room={room_name('rolling')}"
        calls.append(
            await open_pair(open_page, url, RECORD_FROZEN_VIDEO + RECORD_SIGNALING)
        )
    pages = [page for call in calls for page in call]
    await clear_history(*pages)
    await start_watching_video(*pages)

    async def everyone_seated() -> bool:
        return await seated_people(deployment) == len(pages)

    for node in deployment.nodes:
        await asyncio.to_thread(deployment.terminate, node)
        await asyncio.to_thread(deployment.bring_back, node)
        await wait_until(everyone_seated, SEATED_SECONDS, "everyone back in a seat")

    for page in pages:
        await wait_for_signaling(page, "online")
        history = await page.evaluate("window.signalingHistory")
        assert "offline" in history, "a page never lost the server: nothing moved"
    for first, second in calls:
        await assert_call_went_on(first, second)
        await assert_talking_to_each_other(first, second)
