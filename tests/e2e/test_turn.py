"""Calls through TURN in our own page: a relay-only call goes through real coturn."""

from __future__ import annotations

from dataclasses import replace

import pytest

from signaling.config import Settings
from tests.turn import TurnServer, relay_only_settings

from .conftest import OpenPage
from .helpers import room_name, wait_for_call

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
def e2e_settings(request: pytest.FixtureRequest, turn_server: TurnServer) -> Settings:
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
