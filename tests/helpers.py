"""Test helpers: a Socket.IO client that records what it hears, in order; seated
pairs; a raw Engine.IO client; waiting for a condition; the sentinel check."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import socket
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

import aiohttp
import socketio
from aiohttp.test_utils import TestClient, TestServer
from prometheus_client.parser import text_string_to_metric_families

from signaling.rooms import RoomRegistry
from signaling.store import Rooms

CODELAB_EVENTS = frozenset(
    {"created", "join", "joined", "ready", "full", "message", "ipaddr", "log"}
)
FREECODECAMP_EVENTS = frozenset(
    {"joined room", "newcomer", "errorMessage", "roomMessage"}
)
OWN_EVENTS = frozenset({"signaling-error", "peer-joined", "peer-left", "message"})

WAIT_SECONDS = 5.0


class RecordingClient:
    """A python-socketio client that queues the events it listens for, like a classic
    page that registers handlers only for its own dialect."""

    def __init__(
        self, url: str, listens_for: Iterable[str] | None = None, **options: Any
    ) -> None:
        self.url = url
        self.listens_for = None if listens_for is None else frozenset(listens_for)
        self.sio = socketio.AsyncClient(reconnection=False, **options)
        self.events: asyncio.Queue[tuple[str, tuple[Any, ...]]] = asyncio.Queue()
        self.disconnected = asyncio.Event()
        self.sio.on("*", self._record)
        self.sio.on("disconnect", self._note_disconnect)

    async def _note_disconnect(self, *reason: Any) -> None:
        self.disconnected.set()

    async def _record(self, event: str, *args: Any) -> None:
        if self.listens_for is None or event in self.listens_for:
            await self.events.put((event, args))

    @property
    def sid(self) -> str:
        sid = self.sio.get_sid()
        assert sid is not None
        return sid

    async def connect(self, transports: list[str] | None = None) -> None:
        await self.sio.connect(
            self.url, transports=transports or ["websocket"], wait_timeout=WAIT_SECONDS
        )

    async def emit(self, event: str, *args: Any) -> None:
        await self.sio.emit(event, args if len(args) != 1 else args[0])

    async def call(self, event: str, *args: Any, timeout: float = WAIT_SECONDS) -> Any:
        """Emit and return the server's ack."""
        data = args if len(args) != 1 else args[0]
        return await self.sio.call(event, data, timeout=timeout)

    async def next_event(self) -> tuple[str, tuple[Any, ...]]:
        return await asyncio.wait_for(self.events.get(), WAIT_SECONDS)

    async def expect(self, *expected: str) -> list[tuple[Any, ...]]:
        """Assert the next events are exactly `expected`, in order; return args."""
        received = [await self.next_event() for _ in expected]
        assert [name for name, _ in received] == list(expected)
        return [args for _, args in received]

    async def assert_quiet(self) -> None:
        """Nothing more is on its way to this client. The sentinel is an unknown
        event on this very connection: its refusal (the ack, and the refusal events
        this client listens for) comes back after everything the server sent
        before it, so whatever else arrived first is caught here."""
        ack = await self.call("sentinel")
        assert ack["code"] == "unknown-event", ack
        refusal = [
            event
            for event in ("signaling-error", "errorMessage")
            if self.listens_for is None or event in self.listens_for
        ]
        heard = [self.events.get_nowait() for _ in range(self.events.qsize())]
        assert [name for name, _ in heard] == refusal, f"unexpected events: {heard}"
        assert all(
            args[0]["code"] == "unknown-event"
            for name, args in heard
            if name == "signaling-error"
        ), heard

    def assert_heard_nothing_more(self) -> None:
        """After the connection closed, nothing more can arrive: nothing is left."""
        assert not self.sio.connected
        assert self.events.empty(), f"unexpected events: {self.events._queue}"  # type: ignore[attr-defined]

    async def disconnect(self) -> None:
        if self.sio.connected:
            await self.sio.disconnect()

    async def drop(self) -> None:
        """Lose the connection without a goodbye, as a network failure would."""
        await self.sio.eio.ws.close()
        await asyncio.wait_for(self.disconnected.wait(), WAIT_SECONDS)


async def open_raw_websocket(
    session: aiohttp.ClientSession, server_url: str
) -> tuple[aiohttp.ClientWebSocketResponse, str]:
    """A raw Engine.IO websocket connected to Socket.IO that says nothing more
    unless told to; with its Engine.IO sid."""
    ws = await session.ws_connect(f"{server_url}/socket.io/?EIO=4&transport=websocket")
    opening = await ws.receive_str(timeout=WAIT_SECONDS)
    assert opening.startswith("0{")  # Engine.IO open
    await ws.send_str("40")  # Socket.IO connect
    assert (await ws.receive_str(timeout=WAIT_SECONDS)).startswith("40")
    return ws, json.loads(opening[1:])["sid"]


async def open_polling(session: aiohttp.ClientSession, server_url: str) -> str:
    """A long-polling client connected to Socket.IO that polls once; its sid."""
    base = f"{server_url}/socket.io/?EIO=4&transport=polling"
    async with session.get(base) as response:
        sid: str = json.loads((await response.text())[1:])["sid"]
    async with session.post(f"{base}&sid={sid}", data="40") as response:
        assert response.status == 200
    async with session.get(f"{base}&sid={sid}") as response:
        assert (await response.text()).startswith("40")
    return sid


async def wait_until(
    condition: Callable[[], bool | Awaitable[bool]],
    seconds: float = WAIT_SECONDS,
    what: str = "",
) -> None:
    """Return once `condition()` (plain or awaited) holds; fail after `seconds`,
    saying `what` was awaited."""
    try:
        async with asyncio.timeout(seconds):
            while True:
                holds = condition()
                if not isinstance(holds, bool):
                    holds = await holds
                if holds:
                    return
                await asyncio.sleep(0.02)
    except TimeoutError:
        raise TimeoutError(
            f"not within {seconds:g} s: {what or getattr(condition, '__name__', '')}"
        ) from None


class SilentClassicClient:
    """A codelab-style client that joins a room and then stops answering anything,
    as a page on a dead network looks to the server before its ping times out."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.session = aiohttp.ClientSession()

    async def join(self, room: str) -> None:
        self.ws, _ = await open_raw_websocket(self.session, self.url)
        await self.ws.send_str("42" + json.dumps(["create or join", room]))
        assert (await self.ws.receive_str()).startswith("42[")
        # From here on nothing is read or answered, pings included.

    async def close(self) -> None:
        await self.session.close()


Connect = Callable[..., Awaitable[RecordingClient]]


async def codelab_pair(
    connect: Connect, room: str, listens_for: Iterable[str] = CODELAB_EVENTS
) -> tuple[RecordingClient, RecordingClient]:
    """Two codelab-style clients seated in `room`, their join events already read
    (they may listen for more, such as our `signaling-error`)."""
    first = await connect(listens_for)
    second = await connect(listens_for)
    # One after the other: two joins in flight at once may be seated in either order
    # (with Redis, whichever commits first makes the room).
    await first.emit("create or join", room)
    await first.expect("created")
    await second.emit("create or join", room)
    await first.expect("join", "ready")
    await second.expect("joined", "ready")
    return first, second


OWN_SEAT_EVENTS = frozenset(
    {"peer-joined", "peer-left", "peer-reconnecting", "peer-returned", "message"}
)


@dataclass(frozen=True)
class OwnPair:
    """Two of our clients (they send the options object, so they hold seat tokens)
    seated in one room, with the tokens they were given."""

    first: RecordingClient
    second: RecordingClient
    first_token: str
    second_token: str


async def own_pair(
    connect: Connect, room: str, listens_for: Iterable[str] = OWN_SEAT_EVENTS
) -> OwnPair:
    """Two of our clients seated in `room`, the first one's `peer-joined` read."""
    first = await connect(listens_for)
    second = await connect(listens_for)
    first_ack = await first.call("create or join", room, {})
    second_ack = await second.call("create or join", room, {})
    await first.expect("peer-joined")
    return OwnPair(first, second, first_ack["seat_token"], second_ack["seat_token"])


Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


async def scrape(client: TestClient) -> Samples:
    """Every sample GET /metrics serves, by name and labels."""
    async with client.get("/metrics") as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/plain")
        text = await response.text()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def masked_frame(text: str) -> bytes:
    """A client-to-server text frame (clients must mask; a zero key keeps it plain)."""
    payload = text.encode()
    assert len(payload) < 126
    return bytes((0x81, 0x80 | len(payload))) + b"\0\0\0\0" + payload


async def open_non_reader(
    server: TestServer,
) -> tuple[asyncio.StreamWriter, str]:
    """A raw websocket client with a tiny receive buffer that reads its handshake
    and then nothing: what is sent to it backs up on the server."""
    raw = socket.socket()
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    raw.setblocking(False)
    await asyncio.get_running_loop().sock_connect(raw, (server.host, server.port))
    reader, writer = await asyncio.open_connection(sock=raw, limit=4096)
    key = base64.b64encode(os.urandom(16)).decode()
    writer.write(
        (
            f"GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
            f"Host: {server.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        ).encode()
    )
    await reader.readuntil(b"\r\n\r\n")
    header = await reader.readexactly(2)
    sid = json.loads((await reader.readexactly(header[1] & 0x7F))[1:])["sid"]
    writer.write(masked_frame("40"))
    return writer, sid


def seated_pair(rooms: RoomRegistry) -> tuple[str, str]:
    """Seat "a" and "b" in room "call" with tokens; return their two tokens."""
    first = rooms.join("a", "call", wants_token=True).seat_token
    second = rooms.join("b", "call", wants_token=True).seat_token
    assert first and second and first != second
    return first, second


async def seated_pair_in_store(rooms: Rooms) -> tuple[str, str]:
    """`seated_pair` through a room store (memory or Redis)."""
    first = (await rooms.join("a", "call", wants_token=True)).seat_token
    second = (await rooms.join("b", "call", wants_token=True)).seat_token
    assert first and second and first != second
    return first, second
