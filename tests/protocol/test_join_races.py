"""A join that awaits (a probe of a full room, a room store in Redis) while its
asker disconnects, or that fails after the registry seated it: the seat is given
back, never left to a connection that is gone. Each order of events is forced by
running the disconnect handler at the chosen await."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestServer

from signaling.app import SIGNALING
from signaling.protocol import Signaling
from tests.conftest import Connect
from tests.helpers import CODELAB_EVENTS, codelab_pair

TRANSPORT_CLOSE = "transport close"


def signaling_of(server: TestServer) -> Signaling:
    return server.app[SIGNALING]


async def test_newcomer_gone_during_the_probe_of_a_full_room_takes_no_seat(
    connect: Connect, server: TestServer
) -> None:
    signaling = signaling_of(server)
    _, silent = await codelab_pair(connect, "call")
    newcomer = await connect(CODELAB_EVENTS)

    async def probe_while_newcomer_leaves(sid: str, timeout: float) -> bool:
        # The newcomer's connection ends while the members are probed...
        await signaling.disconnect(newcomer.sid, TRANSPORT_CLOSE)
        return sid != silent.sid  # ... and one of them does not answer.

    signaling.probe = probe_while_newcomer_leaves
    assert await newcomer.call("create or join", "call") is None  # nobody to tell
    third = await connect(CODELAB_EVENTS)
    await third.emit("create or join", "call")
    assert await third.expect("joined", "ready")
    assert signaling.registry.room_key_of(newcomer.sid) is None


async def test_asker_gone_while_the_store_seats_it_is_unseated(
    connect: Connect, server: TestServer
) -> None:
    signaling = signaling_of(server)
    registry = signaling.registry
    asker = await connect(CODELAB_EVENTS)
    join = registry.join

    async def join_racing_a_disconnect(sid: str, *args: Any) -> Any:
        # The disconnect is handled (nothing to release yet) while the store's
        # answer is on its way back; then the store seats the asker.
        await signaling.disconnect(sid, TRANSPORT_CLOSE)
        return await join(sid, *args)

    registry.join = join_racing_a_disconnect  # type: ignore[method-assign]
    assert await asker.call("create or join", "call") is None
    registry.join = join  # type: ignore[method-assign]
    assert registry.room_key_of(asker.sid) is None
    assert registry.room_count == 0


async def test_a_failure_after_the_seat_was_taken_gives_the_seat_back(
    connect: Connect, server: TestServer
) -> None:
    signaling = signaling_of(server)
    sio = signaling.sio
    enter_room = sio.enter_room
    failures = []

    async def failing_enter_room(*args: Any, **kwargs: Any) -> None:
        failures.append(args)
        raise RuntimeError("enter_room failed")

    sio.enter_room = failing_enter_room
    asker = await connect()
    ack = await asker.call("create or join", "call")
    sio.enter_room = enter_room
    assert failures and ack["code"] == "server-error"
    assert signaling.registry.room_key_of(asker.sid) is None
    assert signaling.registry.room_count == 0
