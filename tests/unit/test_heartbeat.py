"""The heartbeat pings each socket an interval after its last answer, and gives up on
one that leaves a ping unanswered for the timeout."""

import asyncio
import time
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from signaling.transport.heartbeat import STALL_SECONDS, Heartbeat

INTERVAL, TIMEOUT = 0.05, 0.5


@dataclass(eq=False)
class FakeSocket:
    sid: str
    answers: bool = True  # a client that sends PONG to each PING
    closing: bool = False
    closed: bool = False
    last_ping: float | None = 1.0  # as engine.io starts it: "ping due"
    pings: int = 0
    given_up: bool = False
    connection_ended: bool = False
    heartbeat: Any = field(default=None, repr=False)

    async def ping(self) -> None:
        self.pings += 1
        if self.answers:
            asyncio.get_running_loop().call_later(0.005, self.pong)

    def pong(self) -> None:
        # engine.io's receive(PONG) -> schedule_ping, as LeanSocket does it.
        if self.last_ping:
            self.last_ping = None
            self.heartbeat.schedule(self)

    async def give_up(self) -> None:
        self.given_up = True
        self.closed = True

    def end_connection(self) -> None:
        self.connection_ended = True


def start(*sockets: FakeSocket) -> tuple[Heartbeat, dict[str, FakeSocket]]:
    registry = {s.sid: s for s in sockets}
    engine = SimpleNamespace(
        ping_interval=INTERVAL, ping_timeout=TIMEOUT, sockets=registry
    )
    heartbeat = Heartbeat(engine)
    for socket in sockets:
        socket.heartbeat = heartbeat
        socket.pong()  # the first ping is scheduled on connect
    return heartbeat, registry


async def test_answering_sockets_are_pinged_every_interval_and_kept() -> None:
    sockets = [FakeSocket(f"s{n}") for n in range(3)]
    heartbeat, registry = start(*sockets)
    await asyncio.sleep(10 * INTERVAL)
    heartbeat.stop()
    for socket in sockets:
        assert 2 <= socket.pings <= 10
        assert not socket.given_up
    assert set(registry) == {"s0", "s1", "s2"}


async def test_a_silent_socket_is_given_up_after_the_timeout() -> None:
    silent, talking = FakeSocket("silent", answers=False), FakeSocket("talking")
    heartbeat, registry = start(silent, talking)
    await asyncio.sleep(3 * INTERVAL)
    assert silent.pings == 1 and not silent.given_up  # pinged, still in its timeout
    await asyncio.sleep(TIMEOUT)
    assert silent.given_up and "silent" not in registry
    assert silent.pings == 1  # no second ping to a socket that never answered
    heartbeat.stop()
    assert not talking.given_up and talking.pings >= 3


async def test_closed_sockets_are_not_pinged_and_leave_the_registry() -> None:
    gone, kept = FakeSocket("gone"), FakeSocket("kept")
    heartbeat, registry = start(gone, kept)
    gone.closed = True
    await asyncio.sleep(2 * INTERVAL)
    heartbeat.stop()
    assert gone.pings == 0
    assert "gone" not in registry and "kept" in registry
    # Whatever still held its connection open (a client that said goodbye but
    # keeps the TCP connection), the connection ends.
    assert gone.connection_ended and not kept.connection_ended


async def test_stop_ends_the_timer() -> None:
    socket = FakeSocket("s")
    heartbeat, _ = start(socket)
    heartbeat.stop()
    await asyncio.sleep(2 * INTERVAL)
    assert socket.pings == 0


async def test_after_a_stall_answers_still_unread_get_time_to_be_read() -> None:
    # This process stalls (starved, paused) past a ping's deadline while the answer
    # waits unread in the socket: the late timer must not take that for silence.
    socket = FakeSocket("s", answers=False)
    heartbeat, registry = start(socket)
    await asyncio.sleep(3 * INTERVAL)
    assert socket.pings == 1
    time.sleep(TIMEOUT + STALL_SECONDS + 0.2)  # the whole loop stalls
    socket.answers = True  # its answer is read after the stall, and later ones too
    asyncio.get_running_loop().call_later(0.3, socket.pong)
    await asyncio.sleep(STALL_SECONDS + 0.5)
    heartbeat.stop()
    assert not socket.given_up and "s" in registry


async def test_after_a_stall_a_silent_socket_is_still_given_up() -> None:
    socket = FakeSocket("s", answers=False)
    heartbeat, registry = start(socket)
    await asyncio.sleep(3 * INTERVAL)
    time.sleep(TIMEOUT + STALL_SECONDS + 0.2)
    await asyncio.sleep(0.1)
    assert not socket.given_up  # not on the late timer itself
    await asyncio.sleep(STALL_SECONDS + 0.5)
    heartbeat.stop()
    assert socket.given_up and "s" not in registry


async def test_under_sustained_overload_a_silent_socket_is_still_given_up() -> None:
    # Every timer fires late: give-ups are put off once, not for ever.
    socket = FakeSocket("s", answers=False)
    heartbeat, _ = start(socket)
    await asyncio.sleep(3 * INTERVAL)
    for _ in range(3):
        # Every loop pass is slow: each timer fires over a second late.
        time.sleep(TIMEOUT + 2 * STALL_SECONDS + 0.3)
        await asyncio.sleep(0.01)
        if socket.given_up:
            break
    heartbeat.stop()
    assert socket.given_up
