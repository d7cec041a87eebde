"""A flood of refused events, joins or connections from one address costs the
log one INFO line per spell, not one per refusal (metrics count every one)."""

from __future__ import annotations

import logging

import pytest
import socketio

from signaling.config import Limits, Settings
from tests.conftest import Connect
from tests.helpers import RecordingClient

FLOOD = 200


def refusal_lines(caplog: pytest.LogCaptureFixture, level: int) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.levelno == level
        and record.name.startswith("signaling")
        and ("refused" in record.getMessage() or "undone" in record.getMessage())
    ]


@pytest.fixture(autouse=True)
def debug_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="signaling")


async def test_a_flood_of_refused_events_writes_one_info_line(
    connect: Connect, caplog: pytest.LogCaptureFixture
) -> None:
    client = await connect()
    for _ in range(FLOOD):
        ack = await client.call("create or join", "   ")
        assert ack["code"] == "name-required"  # every one is still answered
    assert len(refusal_lines(caplog, logging.INFO)) == 1
    assert len(refusal_lines(caplog, logging.DEBUG)) == FLOOD - 1


@pytest.mark.parametrize(
    "settings",
    [Settings(limits=Limits(seats_per_address=1, joins_per_minute=1000))],
    ids=["1-seat"],
)
async def test_refused_joins_that_were_undone_write_one_info_line(
    connect: Connect, caplog: pytest.LogCaptureFixture
) -> None:
    await (await connect()).call("create or join", "mine", {})
    client = await connect()
    for n in range(FLOOD // 4):
        ack = await client.call("create or join", f"room-{n}", {})
        assert ack["code"] == "too-many-seats"
    assert len(refusal_lines(caplog, logging.INFO)) == 1


@pytest.mark.parametrize(
    "settings", [Settings(limits=Limits(connections_per_address=1))], ids=["1"]
)
async def test_an_address_retrying_refused_connections_writes_one_info_line(
    connect: Connect, server_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    await connect()
    for _ in range(FLOOD // 4):
        extra = RecordingClient(server_url)
        with pytest.raises(socketio.exceptions.ConnectionError):
            await extra.connect()
    lines = refusal_lines(caplog, logging.INFO)
    assert len(lines) == 1 and "too-many-connections address=127.0.0.1" in lines[0]
