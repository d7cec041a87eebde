"""Frames a hostile client sends by hand: reserved event names, binary attachments,
malformed packets. Each is refused or dropped; the sender's room and the log are
left as they were, and the connection keeps being served."""

from __future__ import annotations

import json
import logging

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from signaling.app import TRANSPORT
from signaling.config import Limits, Settings
from tests.conftest import Connect
from tests.helpers import OWN_EVENTS, WAIT_SECONDS, open_raw_websocket, wait_until


async def receive_event(ws: aiohttp.ClientWebSocketResponse) -> list[object]:
    """The next Socket.IO event or ack on a raw websocket, pings answered."""
    while True:
        frame = await ws.receive_str(timeout=WAIT_SECONDS)
        if frame == "2":
            await ws.send_str("3")
            continue
        assert frame.startswith("4"), frame
        return [frame[1:3], json.loads(frame[frame.index("[") :])]


async def raw_member(
    session: aiohttp.ClientSession, server_url: str, room: str
) -> aiohttp.ClientWebSocketResponse:
    """A raw connection seated in `room` as our client (it holds a seat token)."""
    ws, _ = await open_raw_websocket(session, server_url)
    await ws.send_str("421" + json.dumps(["create or join", room, {}]))
    assert (await receive_ack(ws))["ok"] is True
    return ws


async def receive_ack(ws: aiohttp.ClientWebSocketResponse) -> object:
    """The next ack on a raw websocket (the refusal's error events come first)."""
    while True:
        kind, args = await receive_event(ws)
        if kind.startswith("3"):
            return args[0] if args else None


async def test_a_client_sending_disconnect_keeps_its_seat_and_the_peer_hears_nothing(
    connect: Connect, server_url: str, server: TestServer
) -> None:
    peer = await connect(OWN_EVENTS | {"peer-reconnecting"})
    assert (await peer.call("create or join", "room", {}))["ok"] is True
    async with aiohttp.ClientSession() as session:
        ws = await raw_member(session, server_url, "room")
        await peer.expect("peer-joined")
        for _ in range(5):
            await ws.send_str('42["disconnect"]')
        await ws.send_str('421["disconnect","client disconnect"]')
        assert (await receive_ack(ws))["code"] == "unknown-event"
        await ws.send_str('42["message","sentinel"]')
        assert await peer.expect("message") == [("sentinel",)]
        await peer.assert_quiet()
        async with session.get(f"{server_url}/metrics") as response:
            metrics = await response.text()
        assert "\nvideoroom_connected_clients 2.0\n" in metrics


async def test_a_client_sending_connect_is_refused_without_a_traceback(
    server_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with aiohttp.ClientSession() as session:
        ws, _ = await open_raw_websocket(session, server_url)
        await ws.send_str('421["connect"]')
        assert (await receive_ack(ws))["code"] == "unknown-event"
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


@pytest.mark.parametrize(
    "settings",
    [Settings(limits=Limits(messages_per_second=1000))],
    ids=["no-rate-limit-in-the-way"],
)
async def test_malformed_frames_are_logged_once_at_debug_and_the_client_is_served(
    server_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with aiohttp.ClientSession() as session:
        ws, eio_sid = await open_raw_websocket(session, server_url)
        for frame in ["42[", "42", "42[]", "42[5]", '42{"a":1}', "4x", "49"] * 30:
            await ws.send_str(frame)
        await ws.send_str('421["ipaddr"]')
        assert await receive_event(ws) == ["31", []]
    bad = [r for r in caplog.records if r.exc_info or r.levelno >= logging.WARNING]
    assert not bad
    noted = [r for r in caplog.records if eio_sid in r.getMessage()]
    assert len(noted) <= 2  # "connected" aside, at most one line for the frames
    assert all(r.levelno == logging.DEBUG for r in noted if "malformed" in r.msg)


async def test_binary_attachments_are_not_buffered(
    server_url: str, server: TestServer
) -> None:
    sio = server.app[TRANSPORT].sio
    async with aiohttp.ClientSession() as session:
        ws, eio_sid = await open_raw_websocket(session, server_url)
        placeholders = [{"_placeholder": True, "num": n} for n in range(3)]
        await ws.send_str("453-1" + json.dumps(["message", *placeholders]))
        for _ in range(2):
            await ws.send_bytes(b"\x04" + b"x" * 120_000)
        await wait_until(
            lambda: (
                len(getattr(sio._binary_packet.get(eio_sid), "attachments", ())) == 2
            )
        )
        pending = sio._binary_packet[eio_sid]
        assert sum(len(part) for part in pending.attachments) == 0
        await ws.send_bytes(b"\x04" + b"x" * 120_000)
        assert (await receive_ack(ws))[
            "code"
        ] == "message-invalid"  # binary payloads are refused


async def test_a_binary_packet_announcing_many_attachments_is_dropped(
    server_url: str, server: TestServer
) -> None:
    sio = server.app[TRANSPORT].sio
    async with aiohttp.ClientSession() as session:
        ws, eio_sid = await open_raw_websocket(session, server_url)
        await ws.send_str('451000000-["message",{"_placeholder":true,"num":0}]')
        await ws.send_str('421["ipaddr"]')
        assert await receive_event(ws) == ["31", []]
        assert eio_sid not in sio._binary_packet
