"""Half-finished websocket upgrades of one polling session: each is tracked and
timed out, none outlives the session or holds the server's shutdown."""

from __future__ import annotations

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from signaling.app import SIGNALING
from signaling.transport import upgrade
from tests.protocol.test_websocket_loop import closed_within, open_polling

pytestmark = pytest.mark.fast_only(
    reason="stock python-engineio waits for a stalled upgrade's next packet for good"
)


async def stalled_upgrades(
    session: aiohttp.ClientSession, server_url: str, sid: str, count: int
) -> list[aiohttp.ClientWebSocketResponse]:
    """`count` websockets for one polling session that each stop after the probe."""
    upgrades = []
    for _ in range(count):
        ws = await session.ws_connect(
            f"{server_url}/socket.io/?EIO=4&transport=websocket&sid={sid}"
        )
        await ws.send_str("2probe")
        upgrades.append(ws)
    return upgrades


async def test_stalled_upgrades_time_out(
    server_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(upgrade, "UPGRADE_TIMEOUT_SECONDS", 0.2)
    async with aiohttp.ClientSession() as session:
        sid = await open_polling(session, server_url)
        for ws in await stalled_upgrades(session, server_url, sid, 3):
            assert await closed_within(ws, 5)


async def test_shutdown_ends_every_upgrade_in_progress(
    server: TestServer, server_url: str
) -> None:
    async with aiohttp.ClientSession() as session:
        sid = await open_polling(session, server_url)
        upgrades = await stalled_upgrades(session, server_url, sid, 3)
        # The first one waits for its UPGRADE packet; the others are refused,
        # one upgrade at a time.
        assert await upgrades[0].receive_str(timeout=5) == "3probe"
        await server.app[SIGNALING].shutdown()
        for ws in upgrades:
            assert await closed_within(ws, 5)
