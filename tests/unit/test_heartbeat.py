"""The heartbeat pings each socket an interval after its last answer, and gives up on
one that leaves a ping unanswered for the timeout. It runs on a fake clock here: time
moves only when a test moves it, so every count is exact."""

from dataclasses import dataclass, field
from typing import Any

from signaling.transport.heartbeat import STALL_SECONDS, Heartbeat
from tests.clock import FakeClock

INTERVAL, TIMEOUT = 1.0, 10.0
ANSWER_DELAY = 0.5  # how long an answering client takes to send PONG


@dataclass(eq=False)
class FakeSocket:
    sid: str
    clock: FakeClock
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
            self.clock.call_at(self.clock.now + ANSWER_DELAY, self.pong)

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


def start(
    clock: FakeClock, *sockets: FakeSocket
) -> tuple[Heartbeat, dict[str, FakeSocket]]:
    registry = {s.sid: s for s in sockets}
    heartbeat = Heartbeat(INTERVAL, TIMEOUT, lambda: registry, clock)
    for socket in sockets:
        socket.heartbeat = heartbeat
        socket.pong()  # the first ping is scheduled on connect
    return heartbeat, registry


async def test_answering_sockets_are_pinged_every_interval_and_kept() -> None:
    clock = FakeClock()
    sockets = [FakeSocket(f"s{n}", clock) for n in range(3)]
    heartbeat, registry = start(clock, *sockets)
    # A ping one interval after each answer: at 1, 2.5, 4, 5.5, 7, 8.5 and 10 s.
    await clock.advance(10 * INTERVAL)
    heartbeat.stop()
    for socket in sockets:
        assert socket.pings == 7
        assert not socket.given_up
    assert set(registry) == {"s0", "s1", "s2"}


async def test_a_silent_socket_is_given_up_after_the_timeout() -> None:
    clock = FakeClock()
    silent = FakeSocket("silent", clock, answers=False)
    talking = FakeSocket("talking", clock)
    heartbeat, registry = start(clock, silent, talking)
    await clock.advance(INTERVAL + TIMEOUT - ANSWER_DELAY)
    assert silent.pings == 1 and not silent.given_up  # pinged, still in its timeout
    await clock.advance(ANSWER_DELAY)
    assert silent.given_up and "silent" not in registry
    assert silent.pings == 1  # no second ping to a socket that never answered
    heartbeat.stop()
    assert not talking.given_up and talking.pings == 7  # at 1, 2.5, ... 10 s


async def test_closed_sockets_are_not_pinged_and_leave_the_registry() -> None:
    clock = FakeClock()
    gone, kept = FakeSocket("gone", clock), FakeSocket("kept", clock)
    heartbeat, registry = start(clock, gone, kept)
    gone.closed = True
    await clock.advance(2 * INTERVAL)
    heartbeat.stop()
    assert gone.pings == 0
    assert "gone" not in registry and "kept" in registry
    # Whatever still held its connection open (a client that said goodbye but
    # keeps the TCP connection), the connection ends.
    assert gone.connection_ended and not kept.connection_ended


async def test_a_pong_read_after_a_late_tick_schedules_the_next_ping() -> None:
    # The timers here, like uvloop's handle for a time already due, have no
    # when(): asking for it broke the PONG of every socket after such a timer.
    clock = FakeClock()
    late, other = FakeSocket("late", clock), FakeSocket("other", clock)
    heartbeat, _ = start(clock, late, other)
    await clock.stall(3 * INTERVAL)  # both pings, due at 1 s, go out at 3 s
    other.pong()  # read at once: next ping at 4 s; late answers at 3.5 s
    await clock.advance(2 * INTERVAL)
    heartbeat.stop()
    assert (late.pings, other.pings) == (2, 2)  # late's second at 4.5 s
    assert not late.given_up and not other.given_up


async def test_stop_ends_the_timer() -> None:
    clock = FakeClock()
    socket = FakeSocket("s", clock)
    heartbeat, _ = start(clock, socket)
    heartbeat.stop()
    await clock.advance(2 * INTERVAL)
    assert socket.pings == 0
    assert all(timer.cancelled for timer in clock.timers)


async def test_after_a_stall_answers_still_unread_get_time_to_be_read() -> None:
    # This process stalls (starved, paused) past a ping's deadline while the answer
    # waits unread in the socket: the late timer must not take that for silence.
    clock = FakeClock()
    socket = FakeSocket("s", clock, answers=False)
    heartbeat, registry = start(clock, socket)
    await clock.advance(3 * INTERVAL)
    assert socket.pings == 1
    await clock.stall(TIMEOUT + STALL_SECONDS)  # fires 2 s after the deadline
    assert not socket.given_up
    socket.answers = True  # its answer is read after the stall, and later ones too
    clock.call_at(clock.now + ANSWER_DELAY, socket.pong)
    await clock.advance(STALL_SECONDS + ANSWER_DELAY)
    heartbeat.stop()
    assert not socket.given_up and "s" in registry


async def test_after_a_stall_a_silent_socket_is_still_given_up() -> None:
    clock = FakeClock()
    socket = FakeSocket("s", clock, answers=False)
    heartbeat, registry = start(clock, socket)
    await clock.advance(3 * INTERVAL)
    await clock.stall(TIMEOUT + STALL_SECONDS)
    assert not socket.given_up  # not on the late timer itself
    await clock.advance(STALL_SECONDS)  # but on the next, a second later
    heartbeat.stop()
    assert socket.given_up and "s" not in registry


async def test_under_sustained_overload_a_silent_socket_is_still_given_up() -> None:
    # Every timer fires late: give-ups are put off once, not for ever.
    clock = FakeClock()
    socket = FakeSocket("s", clock, answers=False)
    heartbeat, _ = start(clock, socket)
    await clock.advance(3 * INTERVAL)
    await clock.stall(TIMEOUT + 2 * STALL_SECONDS)
    assert not socket.given_up
    await clock.stall(2 * STALL_SECONDS)  # the next timer is late too
    heartbeat.stop()
    assert socket.given_up
