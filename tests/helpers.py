"""Test helpers: a Socket.IO client that records what it hears, in order."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

import socketio

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
        self.sio.on("*", self._record)

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

    async def call(self, event: str, *args: Any) -> Any:
        """Emit and return the server's ack."""
        data = args if len(args) != 1 else args[0]
        return await self.sio.call(event, data, timeout=WAIT_SECONDS)

    async def next_event(self) -> tuple[str, tuple[Any, ...]]:
        return await asyncio.wait_for(self.events.get(), WAIT_SECONDS)

    async def expect(self, *expected: str) -> list[tuple[Any, ...]]:
        """Assert the next events are exactly `expected`, in order; return args."""
        received = [await self.next_event() for _ in expected]
        assert [name for name, _ in received] == list(expected)
        return [args for _, args in received]

    def assert_quiet(self) -> None:
        """Nothing more arrived so far (use after a sentinel proved delivery order)."""
        assert self.events.empty(), f"unexpected events: {self.events._queue}"  # type: ignore[attr-defined]

    async def disconnect(self) -> None:
        if self.sio.connected:
            await self.sio.disconnect()
