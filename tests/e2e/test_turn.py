"""Calls through TURN in our own page: relay-only calls connect through a real coturn,
and credentials coturn refuses give a clear notice instead of a black video."""

from __future__ import annotations

import json
import time
from dataclasses import replace

import pytest
from playwright.async_api import Page, Route

from signaling.config import Settings
from signaling.http.ice import turn_credentials
from tests.turn import TurnServer, relay_only_settings

from .conftest import OpenPage
from .helpers import (
    join,
    room_name,
    state_of,
    wait_for_call,
    wait_for_notice,
    wait_for_state,
)

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

# The selected candidate pair of the page's open peer connection, by candidate type.
SELECTED_PAIR_TYPES = """
async () => {
  const pc = window.peerConnections.findLast((p) => p.connectionState !== "closed");
  const stats = await pc.getStats();
  const transport = [...stats.values()].find((s) => s.type === "transport");
  const pair = stats.get(transport.selectedCandidatePairId);
  return [pair.localCandidateId, pair.remoteCandidateId].map(
    (id) => stats.get(id).candidateType);
}
"""


@pytest.fixture
def server_settings(
    request: pytest.FixtureRequest, turn_server: TurnServer
) -> Settings:
    """Relay-only settings for the real coturn; "wrong-secret" signs with another."""
    settings = relay_only_settings(turn_server)
    if getattr(request, "param", "relay") == "wrong-secret":
        return replace(settings, turn_secret="not-" + turn_server.secret)
    return settings


async def test_relay_only_call_connects_through_turn(open_page: OpenPage) -> None:
    room = room_name()
    first, second = await open_page(f"/?room={room}"), await open_page(f"/?room={room}")
    await wait_for_call(first, second)
    for page in (first, second):
        assert await page.evaluate(SELECTED_PAIR_TYPES) == ["relay", "relay"]


async def assert_told_turn_failed(page: Page) -> None:
    await wait_for_notice(page, "turn-failed")
    assert "relay" in str(await page.text_content("#notice"))
    assert await state_of(page) == "connecting"


@pytest.mark.parametrize("server_settings", ["wrong-secret"], indirect=True)
async def test_turn_refusing_the_credentials_is_told_in_the_page(
    open_page: OpenPage,
) -> None:
    room = room_name()
    first, second = await open_page(f"/?room={room}"), await open_page(f"/?room={room}")
    for page in (first, second):
        await assert_told_turn_failed(page)


async def test_expired_turn_credentials_are_told_in_the_page(
    open_page: OpenPage, turn_server: TurnServer
) -> None:
    # TURN_TTL cannot be under 60 s, and /config is fetched fresh for every call, so
    # the page is handed what coturn sees when it gets credentials that expired an
    # hour ago (a clock running behind): right secret, past expiry.
    async def expired_config(route: Route) -> None:
        response = await route.fetch()
        config = await response.json()
        (entry,) = config["iceServers"]
        entry["username"], entry["credential"] = turn_credentials(
            turn_server.secret, 60, time.time() - 3600
        )
        await route.fulfill(response=response, body=json.dumps(config))

    room = room_name()
    first = await open_page()
    await first.route("**/config", expired_config)
    await join(first, room)
    await wait_for_state(first, "waiting")
    second = await open_page(f"/?room={room}")
    await wait_for_state(second, "connecting")
    await assert_told_turn_failed(first)
