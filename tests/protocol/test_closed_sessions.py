"""A request to an Engine.IO session the client has just closed is an unknown
session: a 400 from engine.io, no server error and no ERROR line (both modes)."""

from __future__ import annotations

import json
import logging

import aiohttp
import pytest


@pytest.mark.parametrize(
    "closing", ["1", "40\x1e1"], ids=["close", "connect-then-close"]
)
@pytest.mark.parametrize("method", ["POST", "GET"])
async def test_a_request_after_the_close_packet_is_an_unknown_session(
    server_url: str, caplog: pytest.LogCaptureFixture, closing: str, method: str
) -> None:
    caplog.set_level(logging.INFO)
    base = f"{server_url}/socket.io/?EIO=4&transport=polling"
    async with aiohttp.ClientSession() as session:
        async with session.get(base) as response:
            sid = json.loads((await response.text())[1:])["sid"]
        url = f"{base}&sid={sid}"
        async with session.post(url, data=closing) as response:
            assert response.status == 200
        async with session.request(method, url, data="40") as response:
            assert response.status == 400
    errors = [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
    assert not errors, [r.getMessage() for r in errors]
