"""The websocket loop (`engine.LeanSocket`): order, upgrade, frame limit (its
heartbeat: test_heartbeat.py)."""

import asyncio
import json

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from signaling.app import SIGNALING
from signaling.config import Settings
from tests.conftest import Connect
from tests.helpers import (
    CODELAB_EVENTS,
    codelab_pair,
    masked_frame,
    open_non_reader,
    open_polling,
    open_raw_websocket,
    wait_until,
)

SHORT_PING = Settings(ping_interval=1, ping_timeout=1)


async def test_many_messages_arrive_in_order(connect: Connect) -> None:
    first, second = await codelab_pair(connect, "room")
    padding = "x" * 2000
    count = 400
    for n in range(count):
        await first.emit("message", {"n": n, "pad": padding})
    received = [(await second.expect("message"))[0][0]["n"] for _ in range(count)]
    assert received == list(range(count))


@pytest.mark.parametrize(
    "settings", [Settings(max_message_bytes=300_000)], ids=["large-messages"]
)
@pytest.mark.parametrize(
    "text",
    [
        "a",
        "é" * 60,  # under 126 characters, over 126 bytes: lengths count bytes
        "b" * 5_000,  # a 16-bit length
        "ü" * 40_000,  # 80,000 bytes: a 64-bit length
    ],
    ids=["tiny", "two-byte-characters", "medium", "over-64-KiB"],
)
async def test_frames_of_every_length_arrive_intact(
    connect: Connect, text: str
) -> None:
    first, second = await codelab_pair(connect, "room")
    # A burst (sent in one write) and then one more on its own.
    for n in range(3):
        await first.emit("message", {"n": n, "text": text})
    await asyncio.sleep(0.05)
    await first.emit("message", {"n": 3, "text": text})
    for n in range(4):
        assert await second.expect("message") == [({"n": n, "text": text},)]


async def test_frames_over_the_limit_drop_the_connection(
    server: TestServer, server_url: str
) -> None:
    sockets = server.app[SIGNALING].sio.eio.sockets
    limit = server.app[SIGNALING].sio.eio.max_http_buffer_size
    async with aiohttp.ClientSession() as session:
        ws, _ = await open_raw_websocket(session, server_url)
        await ws.send_str("42" + "x" * limit)
        msg = await ws.receive(timeout=5)
        assert msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
        await wait_until(lambda: not sockets)


@pytest.mark.parametrize(
    # A long poll is held open for a ping interval; keep teardown quick.
    "settings",
    [Settings(ping_interval=1, ping_timeout=2)],
    ids=["short-ping"],
)
async def test_upgrade_from_polling_to_websocket(connect: Connect) -> None:
    first = await connect(CODELAB_EVENTS, transports=["polling", "websocket"])
    second = await connect(CODELAB_EVENTS, transports=["polling", "websocket"])
    await wait_until(
        lambda: (
            first.sio.eio.current_transport
            == second.sio.eio.current_transport
            == "websocket"
        )
    )
    assert first.sio.eio.current_transport == "websocket"
    await first.emit("create or join", "up")
    await second.emit("create or join", "up")
    await first.expect("created", "join", "ready")
    await second.expect("joined", "ready")
    await second.emit("message", "after the upgrade")
    assert await first.expect("message") == [("after the upgrade",)]
    await first.emit("message", "and back")
    assert await second.expect("message") == [("and back",)]


async def test_a_peer_that_stops_reading_does_not_stall_the_sender(
    connect: Connect, server_url: str
) -> None:
    async with aiohttp.ClientSession() as session:
        stalled, _ = await open_raw_websocket(session, server_url)
        await stalled.send_str('42["create or join","slow"]')
        sender = await connect(CODELAB_EVENTS)
        await sender.emit("create or join", "slow")
        await sender.expect("joined", "ready")
        # The stalled peer never reads again: once its buffers fill, frames for it
        # wait on the server, while the sender is still heard at once.
        chunk = "y" * 8000
        for n in range(3000):
            await sender.emit("message", {"n": n, "pad": chunk})
        # The ack comes after the server has handled all 3,000 (in order, inline):
        # on a loaded machine that takes longer than one event's usual wait.
        ack = await sender.call("create or join", "slow", timeout=60)
        assert ack is not None
        await stalled.close()


async def open_raw_member(
    session: aiohttp.ClientSession, server_url: str, room: str
) -> tuple[aiohttp.ClientWebSocketResponse, str]:
    """A raw client seated in `room` that answers nothing from now on, and its sid."""
    ws, sid = await open_raw_websocket(session, server_url)
    await ws.send_str("42" + json.dumps(["create or join", room]))
    return ws, sid


@pytest.mark.parametrize("settings", [SHORT_PING], ids=["short-ping"])
async def test_a_silent_client_its_peer_keeps_writing_to_is_dropped(
    server: TestServer, server_url: str
) -> None:
    sockets = server.app[SIGNALING].sio.eio.sockets
    async with aiohttp.ClientSession() as session:
        silent, sid = await open_raw_member(session, server_url, "room")
        talker, _ = await open_raw_member(session, server_url, "room")
        # Messages flood in for the silent client past its ping timeout, so the
        # timeout is noticed while sending to it: its connection must still end.
        frame = "42" + json.dumps(["message", "x" * 50])
        loop = asyncio.get_running_loop()
        until = loop.time() + 3.5
        while loop.time() < until and sid in sockets and not sockets[sid].closed:
            for _ in range(200):
                await talker.send_str(frame)
            await asyncio.sleep(0)
        async with asyncio.timeout(8):
            while True:
                msg = await silent.receive()
                if msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                    break
        await wait_until(lambda: sid not in sockets)


@pytest.mark.parametrize("settings", [SHORT_PING], ids=["short-ping"])
async def test_a_client_that_stops_reading_is_disconnected(
    server: TestServer, connect: Connect
) -> None:
    sio = server.app[SIGNALING].sio
    # A raw client with a tiny receive buffer: it joins, then never reads or answers
    # again, so what is sent to it backs up on the server.
    writer, sid = await open_non_reader(server)
    writer.write(masked_frame('42["create or join","room"]'))
    await writer.drain()
    try:
        sender = await connect(CODELAB_EVENTS)
        await sender.emit("create or join", "room")
        await sender.expect("joined", "ready")
        for n in range(2000):  # megabytes towards a client that does not read
            await sender.emit("message", {"n": n, "pad": "y" * 5000})
        await wait_until(lambda: sid not in sio.eio.sockets, 8)
        assert sio.manager.sid_from_eio_sid(sid, "/") is None  # Socket.IO was told
    finally:
        writer.transport.abort()


async def closed_within(ws: aiohttp.ClientWebSocketResponse, seconds: float) -> bool:
    """Whether the server ends this websocket connection within `seconds`."""
    try:
        async with asyncio.timeout(seconds):
            while True:
                msg = await ws.receive()
                if msg.type in (
                    aiohttp.WSMsgType.CLOSE,
                    aiohttp.WSMsgType.CLOSED,
                    aiohttp.WSMsgType.ERROR,
                ):
                    return True
    except TimeoutError:
        return False


@pytest.mark.parametrize("settings", [SHORT_PING], ids=["short-ping"])
async def test_a_client_that_says_goodbye_but_keeps_the_connection_loses_it(
    server: TestServer, server_url: str
) -> None:
    sockets = server.app[SIGNALING].sio.eio.sockets
    async with aiohttp.ClientSession() as session:
        ws, sid = await open_raw_websocket(session, server_url)
        await ws.send_str("1")  # Engine.IO CLOSE, then silence on an open connection
        assert await closed_within(ws, 8)
        assert sid not in sockets


@pytest.mark.fast_only(
    reason="stock python-engineio keeps a websocket stalled mid-upgrade open until "
    "the client goes; the fast heartbeat ends it"
)
@pytest.mark.parametrize("settings", [SHORT_PING], ids=["short-ping"])
async def test_a_client_that_stalls_halfway_through_the_upgrade_loses_it(
    server: TestServer, server_url: str
) -> None:
    sockets = server.app[SIGNALING].sio.eio.sockets
    async with aiohttp.ClientSession() as session:
        sid = await open_polling(session, server_url)
        ws = await session.ws_connect(
            f"{server_url}/socket.io/?EIO=4&transport=websocket&sid={sid}"
        )
        await ws.send_str("2probe")
        assert await ws.receive_str(timeout=5) == "3probe"
        # No UPGRADE packet, no more polling: the client is gone mid-upgrade.
        assert await closed_within(ws, 8)
        assert sid not in sockets
