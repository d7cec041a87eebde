"""/metrics counts joins, relays, refusals and departures, per app."""

from typing import Any

from aiohttp.test_utils import TestClient, TestServer

from signaling import create_app
from signaling.app import METRICS
from signaling.config import Settings
from tests.conftest import Connect
from tests.helpers import CODELAB_EVENTS, scrape, value


async def test_metrics_move_when_people_join_relay_and_leave(
    aiohttp_client: Any, server: TestServer, connect: Connect
) -> None:
    http: TestClient = await aiohttp_client(server)
    first = await connect(CODELAB_EVENTS)
    second = await connect(CODELAB_EVENTS)
    third = await connect(CODELAB_EVENTS)
    assert (await first.call("create or join", "Family"))["result"] == "created"
    assert (await second.call("create or join", "family"))["result"] == "joined"
    assert (await third.call("create or join", "FAMILY"))["code"] == "room-full"
    await first.expect("created", "join", "ready")
    await first.emit("message", {"type": "offer", "sdp": "v=0"})
    assert await second.expect("joined", "ready", "message")
    samples = await scrape(http)
    assert value(samples, "videoroom_connected_clients") == 3
    assert value(samples, "videoroom_rooms") == 1
    assert value(samples, "videoroom_seated_people") == 2
    assert value(samples, "videoroom_joins_total", result="created") == 1
    assert value(samples, "videoroom_joins_total", result="joined") == 1
    assert value(samples, "videoroom_joins_total", result="full") == 1
    assert value(samples, "videoroom_room_full_refusals_total") == 1
    assert value(samples, "videoroom_errors_total", code="room-full") == 1
    relayed = {"event": "message"}
    assert value(samples, "videoroom_relayed_messages_total", **relayed) == 1
    size = len('{"type":"offer","sdp":"v=0"}')
    assert value(samples, "videoroom_relayed_bytes_total", **relayed) == size
    joins = {"event": "create or join"}
    assert value(samples, "videoroom_handler_seconds_count", **joins) == 3

    await second.disconnect()
    await first.expect("message", "created")
    samples = await scrape(http)
    assert value(samples, "videoroom_connected_clients") == 2
    assert value(samples, "videoroom_seated_people") == 1


async def test_refusals_are_counted_by_code(
    aiohttp_client: Any, server: TestServer, connect: Connect
) -> None:
    http: TestClient = await aiohttp_client(server)
    client = await connect()
    assert (await client.call("message", "hello?"))["code"] == "not-in-room"
    assert (await client.call("create or join", ""))["code"] == "name-required"
    assert (await client.call("no such event"))["code"] == "unknown-event"
    samples = await scrape(http)
    for code in ("not-in-room", "name-required", "unknown-event"):
        assert value(samples, "videoroom_errors_total", code=code) == 1
    assert value(samples, "videoroom_joins_total", result="refused") == 1
    assert value(samples, "videoroom_relayed_messages_total", event="message") == 0
    unknown = {"event": "unknown"}
    assert value(samples, "videoroom_handler_seconds_count", **unknown) == 1


def test_each_app_counts_on_its_own() -> None:
    first, second = create_app(Settings()), create_app(Settings())
    first[METRICS].count_reconnect()
    assert first[METRICS].registry.get_sample_value("videoroom_reconnects_total") == 1
    assert second[METRICS].registry.get_sample_value("videoroom_reconnects_total") == 0
