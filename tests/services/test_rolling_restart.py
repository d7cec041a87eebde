"""A deploy that restarts two processes one after the other, behind a real nginx
(docs/deploy/nginx.conf) and on one Redis, while ten pairs sit in their rooms.

Each SIGTERM closes every connection of that process at once; its people come back
through nginx, which sends them to the other process, and win their own seats back
with their tokens. A stranger who tries every room while a process is down is told
the room is full.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import socketio

from tests.helpers import wait_until
from tests.redis_server import RedisServer
from tests.rolling import RollingDeployment

PAIRS = 10
# Bounds, not speeds: the machine may be busy with other tests.
WAIT_SECONDS = 60.0
RETRY_SECONDS = 0.2


class Person:
    """Our own protocol from a browser address of its own (nginx's ip_hash spreads
    them over the processes); when the server closes its connection it connects
    again, as the page does, and rejoins with its seat token."""

    def __init__(self, url: str, number: int, room: str) -> None:
        self.url = url
        self.headers = {"X-Forwarded-For": f"203.0.{number}.7"}
        self.room = room
        self.sio = socketio.AsyncClient(reconnection=False)
        self.seat: int | None = None
        self.token: str | None = None
        self.seated = asyncio.Event()
        self.gone = asyncio.Event()  # the server closed our connection
        self.returns: list[dict[str, Any]] = []
        self.refusals: list[str] = []
        self.heard: list[tuple[str, Any]] = []

    async def arrive(self) -> dict[str, Any]:
        ack = await self.sit({})
        self.seat = ack["seat"]
        return ack

    async def sit(self, options: dict[str, Any]) -> dict[str, Any]:
        """Connect through nginx (again, until it lets us in) and join."""
        self.sio = socketio.AsyncClient(reconnection=False)
        self.sio.on("*", lambda event, *args: self.heard.append((event, args)))
        self.sio.on("disconnect", self._note_gone)
        async with asyncio.timeout(WAIT_SECONDS):
            while True:
                try:
                    await self.sio.connect(
                        self.url, headers=self.headers, transports=["websocket"]
                    )
                    break
                except socketio.exceptions.ConnectionError as error:
                    self.refusals.append(f"connect: {error!r}")
                    await asyncio.sleep(RETRY_SECONDS)
        ack: dict[str, Any] = await self.sio.call(
            "create or join", (self.room, options), timeout=WAIT_SECONDS
        )
        if "seat_token" in ack:
            self.token = ack["seat_token"]
            self.seated.set()
        else:
            self.refusals.append(f"join: {ack}")
        return ack

    def _note_gone(self, *reason: Any) -> None:
        self.seated.clear()
        self.gone.set()

    async def stay(self) -> None:
        """Every time the server lets go of us, come back to our seat."""
        while True:
            await self.gone.wait()
            self.gone.clear()
            self.returns.append(await self.sit({"seat_token": self.token}))

    async def leave(self) -> None:
        if self.sio.connected:
            await self.sio.eio.disconnect(abort=True)


async def stranger_tries(url: str, room: str) -> str:
    """A classic client's `create or join` on `room` through nginx: what it hears."""
    answers: asyncio.Queue[str] = asyncio.Queue()
    sio = socketio.AsyncClient(reconnection=False)
    for event in ("created", "joined", "full"):
        sio.on(event, lambda *args, name=event: answers.put_nowait(name))
    async with asyncio.timeout(WAIT_SECONDS):
        while not sio.connected:
            try:
                await sio.connect(url, transports=["websocket"])
            except socketio.exceptions.ConnectionError:
                await asyncio.sleep(RETRY_SECONDS)
        try:
            await sio.emit("create or join", room)
            return await answers.get()
        finally:
            await sio.disconnect()


async def connected_clients(node_url: str) -> float:
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{node_url}/metrics") as response:
            text = await response.text()
    [line] = [x for x in text.splitlines() if x.startswith("videoroom_connected_")]
    return float(line.split()[-1])


@pytest.fixture
def deployment(
    redis_server: RedisServer, tmp_path: Path
) -> Iterator[RollingDeployment]:
    started = RollingDeployment(tmp_path, redis_server.url)
    try:
        started.start()
        yield started
    finally:
        started.stop()


async def test_a_rolling_restart_keeps_every_person_in_their_own_seat(
    deployment: RollingDeployment,
) -> None:
    rooms = [f"rolling-{n}" for n in range(PAIRS)]
    people = [Person(deployment.url, n, rooms[n // 2]) for n in range(2 * PAIRS)]
    staying: list[asyncio.Task[None]] = []
    try:
        for person in people:  # in order: each room's first person creates it
            assert (await person.arrive())["result"] in ("created", "joined")
        counts = [await connected_clients(node.url) for node in deployment.nodes]
        assert min(counts) > 0, f"nginx put everyone on one process: {counts}"
        staying = [asyncio.create_task(person.stay()) for person in people]

        for node in deployment.nodes:
            await asyncio.to_thread(deployment.terminate, node)
            strangers = [stranger_tries(deployment.url, room) for room in rooms]
            assert await asyncio.gather(*strangers) == ["full"] * PAIRS
            await asyncio.to_thread(deployment.bring_back, node)
            await wait_until(
                lambda: all(person.seated.is_set() for person in people),
                WAIT_SECONDS,
                "everyone is back in a seat",
            )

        for person in people:
            # Both processes restarted: everyone moved at least once.
            assert person.returns, f"{person.room} seat {person.seat} never moved"
            assert person.refusals == []
            for ack in person.returns:
                assert (ack.get("returned"), ack.get("seat")) == (True, person.seat)
            assert "peer-left" not in [event for event, _ in person.heard]
        await assert_pairs_talk(people)
    finally:
        for task in staying:
            task.cancel()
        await asyncio.gather(*staying, return_exceptions=True)
        await asyncio.gather(*(person.leave() for person in people))


async def assert_pairs_talk(people: list[Person]) -> None:
    """Each person's message reaches the other person of their room, and no one
    else: the seats are the right people's."""
    for person in people:
        await person.sio.emit("message", {"from": person.headers["X-Forwarded-For"]})

    def delivered() -> bool:
        return all(
            sum(event == "message" for event, _ in person.heard) >= 1
            for person in people
        )

    await wait_until(delivered, WAIT_SECONDS, "every message is delivered")
    for index, person in enumerate(people):
        other = people[index ^ 1]
        messages = [args[0] for event, args in person.heard if event == "message"]
        assert messages == [{"from": other.headers["X-Forwarded-For"]}]
