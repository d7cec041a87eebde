"""`kill -9` of the server mid-call, then start it again: with SECRET_KEY set (as
the signaling_process fixture sets it), both people are back in the call."""

from __future__ import annotations

import asyncio

import pytest

from tests.processes import SignalingServer

from .conftest import OpenPage
from .helpers import (
    RECORD_FROZEN_VIDEO,
    assert_talking_to_each_other,
    keeps_its_peer_connection,
    open_pair,
    room_name,
    start_watching_video,
    wait_for_call,
    wait_for_signaling,
)

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]


async def test_call_resumes_after_the_server_is_killed(
    open_page: OpenPage,
    signaling_process: SignalingServer,
) -> None:
    url = f"{signaling_process.url}/?room={room_name()}"
    first, second = await open_pair(open_page, url, RECORD_FROZEN_VIDEO)
    await start_watching_video(first, second)
    # SIGKILL: no shutdown hook runs, no connection is closed by the server.
    await asyncio.to_thread(signaling_process.kill)
    for page in (first, second):
        await wait_for_signaling(page, "offline")
    await asyncio.to_thread(signaling_process.start)
    for page in (first, second):
        await wait_for_signaling(page, "online")
    # The media never needed the server: the same call went on throughout.
    await wait_for_call(first, second)
    for page in (first, second):
        assert await keeps_its_peer_connection(page)
    await assert_talking_to_each_other(first, second)
