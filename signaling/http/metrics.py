"""Prometheus metrics: counted by wrapping each Socket.IO handler where it is
registered (read from its ack), and told of every relay on either path; served at
GET /metrics.

Each app owns its CollectorRegistry (never the process-global one), so apps built side
by side, as in tests, count independently.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

from ..rooms.errors import ROOM_FULL

if TYPE_CHECKING:
    from ..store import Rooms

METRICS_PATH = "/metrics"
# Signaling handlers answer in well under a millisecond; a slow one is news.
LATENCY_BUCKETS = (0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.25, 1.0)

Handler = Callable[..., Awaitable[Any]]


class Metrics:
    """The server's counters; `wrap` instruments one handler, by wire event name."""

    def __init__(self, rooms: Rooms) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.connected = Gauge(
            "videoroom_connected_clients", "Open Socket.IO connections.", registry=r
        )
        self.rooms = Gauge("videoroom_rooms", "Rooms with someone in them.", registry=r)
        self.rooms.set_function(lambda: rooms.room_count)
        self.seated = Gauge(
            "videoroom_seated_people", "People sitting in a room.", registry=r
        )
        self.seated.set_function(lambda: rooms.member_count)
        self.joins = Counter(
            "videoroom_joins",
            "Answers to 'create or join', by result (created, joined, full, refused).",
            ["result"],
            registry=r,
        )
        self.room_full = Counter(
            "videoroom_room_full_refusals", "Joins refused: room full.", registry=r
        )
        self.relayed_messages = Counter(
            "videoroom_relayed_messages",
            "Messages relayed to the other person, by event.",
            ["event"],
            registry=r,
        )
        self.relayed_bytes = Counter(
            "videoroom_relayed_bytes",
            "Bytes of relayed messages as compact UTF-8 JSON, by event.",
            ["event"],
            registry=r,
        )
        self.errors = Counter(
            "videoroom_errors", "Refusals sent, by error code.", ["code"], registry=r
        )
        self._relays: dict[str, list[int]] = {}  # event: [messages, bytes]
        self.reconnects = Counter(
            "videoroom_reconnects",
            "People who came back to the seat they held.",
            registry=r,
        )
        self.latency = Histogram(
            "videoroom_handler_seconds",
            "Time spent in each Socket.IO handler, by event.",
            ["event"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )

    def count_reconnect(self) -> None:
        """Hook for the reconnect code: a person reclaimed their held seat."""
        self.reconnects.inc()

    def count_relay(self, event: str, size: int) -> None:
        """Hook for every relay, by a handler or the transport's direct relay: a
        message of `size` bytes (compact UTF-8 JSON) went to the other person.

        Called for nearly every frame under load, so it only adds to two integers
        per event; they reach the Prometheus counters when /metrics is read.
        """
        counts = self._relays.get(event)
        if counts is None:
            counts = self._relays[event] = [0, 0]
        counts[0] += 1
        counts[1] += size

    def _publish_relays(self) -> None:
        for event, counts in self._relays.items():
            messages, size = counts
            counts[0] = counts[1] = 0
            if messages:
                self.relayed_messages.labels(event).inc(messages)
                self.relayed_bytes.labels(event).inc(size)

    def wrap(self, event: str, handler: Handler) -> Handler:
        """The handler, timed and counted; what it does and answers is unchanged."""
        # "*" receives every unknown event name: one label, not one per name.
        label = "unknown" if event == "*" else event
        latency = self.latency.labels(label)

        async def counted(*args: Any) -> Any:
            started = time.perf_counter()
            try:
                ack = await handler(*args)
            finally:
                latency.observe(time.perf_counter() - started)
            self._count(event, args, ack)
            return ack

        return counted

    def _count(self, event: str, args: tuple[Any, ...], ack: Any) -> None:
        if event == "connect":
            if ack is not False:
                self.connected.inc()
        elif event == "disconnect":
            self.connected.dec()
        refused = isinstance(ack, dict) and ack.get("ok") is False
        if refused:
            self.errors.labels(ack.get("code", "")).inc()
        if event == "create or join":
            self._count_join(ack)

    def _count_join(self, ack: Any) -> None:
        if not isinstance(ack, dict):
            return
        if ack.get("ok"):
            self.joins.labels(str(ack.get("result"))).inc()
        elif ack.get("code") == ROOM_FULL:
            self.joins.labels("full").inc()
            self.room_full.inc()
        else:
            self.joins.labels("refused").inc()

    async def handle(self, request: web.Request) -> web.Response:
        self._publish_relays()
        return web.Response(
            body=generate_latest(self.registry),
            headers={"Content-Type": CONTENT_TYPE_LATEST},
        )


def add_metrics_route(app: web.Application, metrics: Metrics) -> None:
    app.router.add_get(METRICS_PATH, metrics.handle)
