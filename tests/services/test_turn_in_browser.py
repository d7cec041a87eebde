"""A browser connects through coturn with nothing but what /config hands it.

Two RTCPeerConnections in one Chromium page, both made from /config with
iceTransportPolicy "relay": they can only meet through the TURN server, and the
selected candidate pair says so. This needs no page of ours, only the server.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp.test_utils import TestServer
from playwright.async_api import Browser, async_playwright

from signaling.config import Settings
from tests.processes import require
from tests.turn import TurnServer, relay_only_settings

pytestmark = pytest.mark.e2e

CONNECT_SECONDS = 20.0

RELAYED_PAIR = """
async () => {
  const config = await (await fetch("/config")).json();
  const caller = new RTCPeerConnection(config);
  const callee = new RTCPeerConnection(config);
  caller.onicecandidate = (e) => e.candidate && callee.addIceCandidate(e.candidate);
  callee.onicecandidate = (e) => e.candidate && caller.addIceCandidate(e.candidate);
  const channel = caller.createDataChannel("check");
  const opened = new Promise((resolve) => { channel.onopen = resolve; });
  await caller.setLocalDescription();
  await callee.setRemoteDescription(caller.localDescription);
  await callee.setLocalDescription();
  await caller.setRemoteDescription(callee.localDescription);
  await opened;
  const stats = await caller.getStats();
  const transport = [...stats.values()].find((s) => s.type === "transport");
  const pair = stats.get(transport.selectedCandidatePairId);
  const types = [pair.localCandidateId, pair.remoteCandidateId].map(
    (id) => stats.get(id).candidateType);
  caller.close();
  callee.close();
  return { policy: config.iceTransportPolicy, types };
}
"""


@pytest.fixture
def settings(turn_server: TurnServer) -> Settings:
    return relay_only_settings(turn_server)


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    executable = require("chromium")
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=executable,
            args=["--no-first-run", "--disable-background-networking"],
        )
        yield browser
        await browser.close()


async def test_a_relay_only_connection_goes_through_coturn(
    browser: Browser, server: TestServer
) -> None:
    page = await browser.new_page()
    await page.goto(str(server.make_url("/")))
    result: dict[str, Any] = await asyncio.wait_for(
        page.evaluate(RELAYED_PAIR), CONNECT_SECONDS
    )
    assert result == {"policy": "relay", "types": ["relay", "relay"]}
