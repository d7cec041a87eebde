"""Engine.IO's heartbeat for every socket, on one timer.

engine.io keeps a task per socket that sleeps until its next ping, a service task that
walks all sockets (starting a task and a timer per socket it visits), and our
websocket loop needed an idle timer per connection: about 2 KB and steady CPU per
idle connection. Every socket is pinged the same interval after its last pong, so
the next pings fall due in the order they were scheduled: a FIFO and one timer serve
them all, and a second FIFO holds the pings waiting for an answer.

What the client sees is unchanged: a PING `ping_interval` after each PONG (the first
one after connecting), and the connection given up when a ping stays unanswered for
`ping_timeout`.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Callable, Coroutine
from typing import Any, Protocol

logger = logging.getLogger(__name__)

# A timer this late means the process itself was stalled, not the clients.
STALL_SECONDS = 1.0


class Beating(Protocol):
    """What the heartbeat needs of a socket (lean_socket.LeanSocket)."""

    sid: str
    closing: bool
    closed: bool
    last_ping: float | None

    async def ping(self) -> None: ...

    async def give_up(self) -> None: ...

    def end_connection(self) -> None: ...


class Timer(Protocol):
    # Only cancel(): uvloop's call_at returns a plain Handle, with no when(), for a
    # time less than half a millisecond away (its call_later rounds the delay to
    # whole milliseconds and calls call_soon for 0); _armed_for keeps the time.
    def cancel(self) -> None: ...


class Clock(Protocol):
    """Time and timers: the running event loop, or a fake one in tests."""

    def time(self) -> float: ...

    def call_at(self, when: float, callback: Callable[[], None]) -> Timer: ...


class Heartbeat:
    """Pings every socket `ping_interval` after its last answer, and gives up on
    one that leaves a ping unanswered for `ping_timeout`. `sockets()` is engine.io's
    socket table (closed sockets the heartbeat meets leave it); `clock` defaults to
    the running event loop."""

    def __init__(
        self,
        ping_interval: float,
        ping_timeout: float,
        sockets: Callable[[], dict[str, Any]],
        clock: Clock | None = None,
    ) -> None:
        self.ping_interval = ping_interval
        self.ping_timeout = ping_timeout
        self._sockets = sockets
        self._clock = clock
        self._pings_due: deque[tuple[float, Beating]] = deque()
        self._answers_due: deque[tuple[float, Beating, float]] = deque()
        self._timer: Timer | None = None
        self._armed_for = 0.0
        self._deferred = False  # the last tick gave up on nobody: it was late
        self._running: set[asyncio.Task[None]] = set()

    @property
    def clock(self) -> Clock:
        # The loop is known only once the server runs, not when it is built.
        return self._clock or asyncio.get_running_loop()

    @clock.setter
    def clock(self, clock: Clock) -> None:
        """Set before the first socket connects (tests move time by hand)."""
        self._clock = clock

    def schedule(self, socket: Beating) -> None:
        """Ping `socket` one interval from now."""
        due = self.clock.time() + self.ping_interval
        self._pings_due.append((due, socket))
        if self._timer is None or self._armed_for > due:
            self._arm()

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._pings_due.clear()
        self._answers_due.clear()

    def _arm(self, not_before: float = 0.0) -> None:
        if self._timer is not None:
            self._timer.cancel()
        heads = [due[0][0] for due in (self._pings_due, self._answers_due) if due]
        if heads:
            self._armed_for = max(min(heads), not_before)
            self._timer = self.clock.call_at(self._armed_for, self._tick)
        else:
            self._timer = None

    def _tick(self) -> None:
        now = self.clock.time()
        # Far behind time, this process was stalled (starved of CPU, paused): the
        # answers to its pings may be unread in the sockets. Give up on nobody on
        # this tick; the next one, a second on, gives up as usual even if it is
        # late too, so that sustained overload cannot keep dead clients forever.
        stalled = now - self._armed_for > STALL_SECONDS and not self._deferred
        self._deferred = stalled
        try:
            self._give_up_on_silent(now, stalled)
            self._ping_due(now)
        finally:
            self._timer = None
            self._arm(not_before=now + STALL_SECONDS if stalled else 0.0)

    def _give_up_on_silent(self, now: float, stalled: bool) -> None:
        answers_due = self._answers_due
        while answers_due and answers_due[0][0] <= now:
            if stalled and not answers_due[0][1].closed:
                break  # the FIFO stays in order: what is due stays at its head
            _, socket, pinged_at = answers_due.popleft()
            if socket.closed:
                self._forget(socket)
            elif socket.last_ping == pinged_at:
                self._start(self._give_up(socket))  # no PONG since this ping

    def _ping_due(self, now: float) -> None:
        pings_due = self._pings_due
        to_ping = []
        while pings_due and pings_due[0][0] <= now:
            socket = pings_due.popleft()[1]
            if socket.closed:
                self._forget(socket)
            elif not socket.closing:
                to_ping.append(socket)
        if to_ping:
            # A stamp per batch: an answer clears `last_ping` (engine.io's
            # receive(PONG)), so a socket still holding it never answered.
            pinged_at = now
            for socket in to_ping:
                socket.last_ping = pinged_at
                self._answers_due.append((now + self.ping_timeout, socket, pinged_at))
            self._start(self._ping(to_ping))

    async def _ping(self, sockets: list[Beating]) -> None:
        for socket in sockets:
            try:
                await socket.ping()
            except Exception:
                # Closed under us: stock's ping task ends too. One socket's
                # trouble never keeps the rest of the batch from its ping.
                await self._give_up(socket)

    async def _give_up(self, socket: Beating) -> None:
        try:
            await socket.give_up()
        except Exception:
            logger.exception("sid=%s giving up on a silent client failed", socket.sid)
        if socket.closed:
            self._forget(socket)

    def _start(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(work)
        self._running.add(task)  # held until done, so that it is not collected
        task.add_done_callback(self._running.discard)

    def _forget(self, socket: Beating) -> None:
        """A closed socket met here: end its connection if something still holds
        it open (a client that said goodbye but keeps the TCP connection, a
        half-open peer), and take it out of engine.io's table."""
        socket.end_connection()
        # Read each time: engine.io replaces the dict when it disconnects everyone.
        sockets = self._sockets()
        if sockets.get(socket.sid) is socket:
            del sockets[socket.sid]
