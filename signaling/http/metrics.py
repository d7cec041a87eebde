"""Prometheus metrics: counted by wrapping each Socket.IO handler where it is
registered, read from its arguments and its ack; served at GET /metrics.

Each app owns its CollectorRegistry (never the process-global one), so apps built side
by side, as in tests, count independently.
"""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable
from typing import Any

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
from ..rooms.registry import RoomRegistry

METRICS_PATH = "/metrics"
RELAY_EVENTS = frozenset({"message", "roomMessage"})
# Signaling handlers answer in well under a millisecond; a slow one is news.
LATENCY_BUCKETS = (0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.25, 1.0)

Handler = Callable[..., Awaitable[Any]]


class Metrics:
    """The server's counters; `wrap` instruments one handler, by wire event name."""

    def __init__(self, rooms: RoomRegistry) -> None:
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
            "Size of relayed messages as compact JSON, by event.",
            ["event"],
            registry=r,
        )
        self.errors = Counter(
            "videoroom_errors", "Refusals sent, by error code.", ["code"], registry=r
        )
        self._direct_messages = self._direct_bytes = 0
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

    def count_direct_relay(self, size: int) -> None:
        """Hook for the direct relay (wire.py): a `message` of `size` bytes passed.

        Called for nearly every frame under load, so it only adds to two integers;
        they reach the Prometheus counters when /metrics is read.
        """
        self._direct_messages += 1
        self._direct_bytes += size

    def _publish_direct_relays(self) -> None:
        messages, size = self._direct_messages, self._direct_bytes
        self._direct_messages = self._direct_bytes = 0
        if messages:
            self.relayed_messages.labels("message").inc(messages)
            self.relayed_bytes.labels("message").inc(size)

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
        elif event in RELAY_EVENTS and not refused and len(args) > 1:
            self.relayed_messages.labels(event).inc()
            self.relayed_bytes.labels(event).inc(_json_size(args[1]))

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
        self._publish_direct_relays()
        return web.Response(
            body=generate_latest(self.registry),
            headers={"Content-Type": CONTENT_TYPE_LATEST},
        )


def _json_size(payload: Any) -> int:
    """The size the server checks against MAX_MESSAGE_BYTES (it already passed)."""
    return len(json.dumps(payload, separators=(",", ":")).encode())


def add_metrics_route(app: web.Application, metrics: Metrics) -> None:
    app.router.add_get(METRICS_PATH, metrics.handle)
