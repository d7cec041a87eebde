"""What waits to be sent to one connection is bounded in bytes: a client that
never reads, however it keeps itself alive, is dropped before the server holds
more than MAX_QUEUED_BYTES for it (fast transport: its SendQueue counts bytes)."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp.test_utils import TestServer

from signaling.app import SIGNALING
from signaling.config import Limits, Settings
from tests.conftest import Connect
from tests.helpers import CODELAB_EVENTS, masked_frame, open_non_reader, wait_until

QUEUE_LIMIT = 65_536
SMALL_QUEUE = Settings(
    max_message_bytes=8192, limits=Limits(max_queued_bytes=QUEUE_LIMIT)
)
pytestmark = [
    pytest.mark.fast_only(reason="the stock engine.io queue is not bounded"),
    pytest.mark.parametrize("settings", [SMALL_QUEUE], ids=["small-queue"]),
]


async def test_a_client_sending_refused_events_without_reading_is_dropped(
    server: TestServer,
) -> None:
    eio = server.app[SIGNALING].sio.eio
    writer, sid = await open_non_reader(server)
    peak = 0
    try:
        # Each unknown event is answered by two events; a pong now and then
        # would keep the connection alive if nothing else ended it.
        for n in range(200_000):
            socket_ = eio.sockets.get(sid)
            if socket_ is None:
                break
            peak = max(peak, socket_.queue.queued_bytes)
            writer.write(masked_frame("3" if n % 100 == 0 else '42["nope",1]'))
            if n % 50 == 0:
                try:
                    await writer.drain()
                except ConnectionResetError:
                    break  # dropped by the server
                await asyncio.sleep(0)
        await wait_until(lambda: sid not in eio.sockets)
    finally:
        writer.transport.abort()
    assert peak <= QUEUE_LIMIT + 1024


async def test_a_peer_that_does_not_read_relayed_messages_is_dropped(
    server: TestServer, connect: Connect
) -> None:
    eio = server.app[SIGNALING].sio.eio
    writer, sid = await open_non_reader(server)
    writer.write(masked_frame('42["create or join","room"]'))
    try:
        sender = await connect(CODELAB_EVENTS)
        await sender.emit("create or join", "room")
        await sender.expect("joined", "ready")
        for n in range(2000):  # megabytes towards a peer that does not read
            if sid not in eio.sockets:
                break
            await sender.emit("message", {"n": n, "pad": "y" * 4000})
        await wait_until(lambda: sid not in eio.sockets)
        assert n < 2000
    finally:
        writer.transport.abort()
