"""The room registry's rules, the same in memory and in a real Redis.

Every test runs against both stores through the interface the handlers use. Redis
gets a fresh key prefix per test, and a clock the test moves; "two nodes" are two
`RedisRooms` on one Redis, as two server processes would be.
"""

from __future__ import annotations

import asyncio
import itertools
import secrets
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
import pytest_asyncio
import redis.asyncio

from signaling.rooms import (
    NAME_REQUIRED,
    SERVER_UNAVAILABLE,
    JoinResult,
    RoomRegistry,
    SeatTokens,
    SignalingError,
)
from signaling.store import MemoryRooms, Rooms
from signaling.store.redis_client import connect
from signaling.store.redis_rooms import LEASE_SECONDS, RedisRooms
from tests.helpers import seated_pair_in_store
from tests.redis_server import RedisServer

GRACE = 30.0
TOKENS = SeatTokens(b"store test secret")
STORES = ["memory", "redis"]


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest_asyncio.fixture
async def redis_client(redis_server: RedisServer) -> AsyncIterator[Any]:
    client = redis.asyncio.Redis.from_url(redis_server.url)
    yield client
    await client.aclose()


@pytest.fixture
def prefix() -> str:
    return f"test-{secrets.token_hex(4)}"


@pytest_asyncio.fixture
async def make_rooms(
    request: pytest.FixtureRequest, clock: Clock, prefix: str
) -> AsyncIterator[Callable[..., Rooms]]:
    """Build a store of the kind under test; each Redis one is another node."""
    client = None
    if request.param == "redis":
        server: RedisServer = request.getfixturevalue("redis_server")
        client = redis.asyncio.Redis.from_url(server.url)

    def factory(node: str = "node-1", tokens: SeatTokens = TOKENS) -> Rooms:
        if client is None:
            registry = RoomRegistry(tokens, epoch_ms=tokens.now_ms())  # as served
            return MemoryRooms(registry, GRACE, clock)
        return RedisRooms(client, tokens, prefix, node, GRACE, clock)

    yield factory
    if client is not None:
        await client.aclose()


def parametrize_stores(test: Callable[..., Any]) -> Any:
    return pytest.mark.parametrize("make_rooms", STORES, indirect=True)(test)


@parametrize_stores
async def test_two_seats_then_full_and_bad_names_change_nothing(
    make_rooms: Callable[..., Rooms],
) -> None:
    rooms = make_rooms()
    assert (await rooms.join("a", "Call")).result is JoinResult.CREATED
    joined = await rooms.join("b", "call ")
    assert (joined.result, joined.seat, joined.peer_sid) == (JoinResult.JOINED, 1, "a")
    assert (await rooms.join("c", "CALL")).result is JoinResult.FULL
    with pytest.raises(SignalingError) as refused:
        await rooms.join("a", "   ")
    assert refused.value.code == NAME_REQUIRED
    assert [rooms.room_key_of(sid) for sid in "abc"] == ["call", "call", None]


@parametrize_stores
async def test_switching_rooms_leaves_the_first(
    make_rooms: Callable[..., Rooms],
) -> None:
    rooms = make_rooms()
    await rooms.join("a", "one")
    await rooms.join("b", "one")
    moved = await rooms.join("b", "two")
    assert moved.result is JoinResult.CREATED
    assert moved.left is not None and moved.left.remaining_sid == "a"
    assert (await rooms.join("c", "one")).seat == 1


@parametrize_stores
async def test_a_dropped_seat_is_held_returned_and_expires(
    make_rooms: Callable[..., Rooms], clock: Clock
) -> None:
    rooms = make_rooms()
    _, token = await seated_pair_in_store(rooms)
    held = await rooms.drop("b")
    assert held is not None and held.held and held.remaining_sid == "a"
    assert (await rooms.join("stranger", "call")).result is JoinResult.FULL
    back = await rooms.join("b2", "call", seat_token=token)
    assert (back.returned, back.seat, back.peer_sid) == (True, 1, "a")
    await rooms.drop("b2")
    clock.now += GRACE - 1
    assert await rooms.expire() == []
    clock.now += 1
    [expired] = await rooms.expire()
    assert (expired.remaining_sid, expired.held) == ("a", False)
    assert (await rooms.join("c", "call")).seat == 1


@parametrize_stores
async def test_a_real_leave_spends_the_token_and_empty_rooms_go(
    make_rooms: Callable[..., Rooms],
) -> None:
    rooms = make_rooms()
    _, token = await seated_pair_in_store(rooms)
    await rooms.leave("b")
    await rooms.join("c", "call")
    assert (await rooms.join("b2", "call", seat_token=token)).result is JoinResult.FULL
    await rooms.leave("a")
    await rooms.leave("c")
    assert (rooms.room_count, rooms.member_count) == (0, 0)


def ticking_tokens() -> SeatTokens:
    """Tokens on a clock that moves a second at every reading: no token shares
    its millisecond with the store's epoch."""
    seconds = itertools.count(2_000_000)
    return SeatTokens(b"store test secret", lambda: float(next(seconds)))


@parametrize_stores
async def test_a_spent_token_wins_nothing_once_its_room_is_gone(
    make_rooms: Callable[..., Rooms],
) -> None:
    rooms = make_rooms(tokens=ticking_tokens())
    token = (await rooms.join("a", "call", wants_token=True)).seat_token
    await rooms.leave("a")
    assert rooms.room_count == 0
    again = await rooms.join("a2", "call", seat_token=token, wants_token=True)
    assert (again.returned, again.seat_token != token) == (False, True)


@pytest.mark.parametrize("make_rooms", ["redis"], indirect=True)
async def test_tokens_win_their_seats_back_when_redis_comes_back_empty(
    make_rooms: Callable[..., Rooms], redis_client: Any, prefix: str
) -> None:
    tokens = ticking_tokens()
    rooms = make_rooms(tokens=tokens)
    first, second = await seated_pair_in_store(rooms)
    for key in await redis_client.keys(f"{prefix}:*"):
        await redis_client.delete(key)  # as a Redis restarted empty
    # A fresh process (all of them restarted with SECRET_KEY), after Redis did.
    elsewhere = make_rooms("node-2", tokens=tokens)
    back = await elsewhere.join("a2", "call", seat_token=first, wants_token=True)
    assert (back.returned, back.seat) == (True, 0)
    # The process that was there all along learns the new epoch as it renews.
    await rooms.expire()
    back = await rooms.join("b2", "call", seat_token=second, wants_token=True)
    assert back.returned is True


@parametrize_stores
async def test_reload_orders_bring_the_person_back(
    make_rooms: Callable[..., Rooms],
) -> None:
    """Lost leave, new join first: the token replaces the stale connection."""
    rooms = make_rooms()
    _, token = await seated_pair_in_store(rooms)
    back = await rooms.join("b2", "call", seat_token=token, wants_token=True)
    assert (back.returned, back.replaced_sid) == (True, "b")
    assert await rooms.leave("b") is None  # the old page's leave, late
    assert (await rooms.join("stranger", "call")).result is JoinResult.FULL


@parametrize_stores
async def test_classic_members_are_listed_for_probing(
    make_rooms: Callable[..., Rooms],
) -> None:
    rooms = make_rooms()
    await rooms.join("classic", "mixed")
    await rooms.join("ours", "mixed", wants_token=True)
    assert await rooms.members_without_token("mixed") == ["classic"]


# Several nodes on one Redis ------------------------------------------------------


@pytest.mark.parametrize("make_rooms", ["redis"], indirect=True)
async def test_people_on_two_nodes_share_a_room(
    make_rooms: Callable[..., Rooms],
) -> None:
    node_a, node_b = make_rooms("a"), make_rooms("b")
    assert (await node_a.join("a", "call")).result is JoinResult.CREATED
    joined = await node_b.join("b", "call")
    assert (joined.result, joined.peer_sid) == (JoinResult.JOINED, "a")
    assert (await node_a.join("c", "call")).result is JoinResult.FULL
    assert (await node_b.join("d", "call")).result is JoinResult.FULL


@pytest.mark.parametrize("make_rooms", ["redis"], indirect=True)
async def test_fifty_joins_racing_on_two_nodes_seat_exactly_two(
    make_rooms: Callable[..., Rooms],
) -> None:
    nodes = [make_rooms("a"), make_rooms("b")]
    for round_number in range(20):
        room = f"race-{round_number}"
        outcomes = await asyncio.gather(
            *(nodes[n % 2].join(f"sid-{round_number}-{n}", room) for n in range(50))
        )
        results = [outcome.result for outcome in outcomes]
        assert results.count(JoinResult.FULL) == 48
        assert {outcome.seat for outcome in outcomes if outcome.seat is not None} == {
            0,
            1,
        }


@pytest.mark.parametrize("make_rooms", ["redis"], indirect=True)
async def test_seats_of_a_dead_node_are_held_then_won_back_elsewhere(
    make_rooms: Callable[..., Rooms], clock: Clock
) -> None:
    node_a, node_b = make_rooms("a"), make_rooms("b")
    await node_a.expire()  # each node takes its lease on its first tick
    await node_b.expire()
    await node_a.join("a", "call", wants_token=True)
    token = (await node_b.join("b", "call", wants_token=True)).seat_token
    clock.now += LEASE_SECONDS + 1  # node b stopped renewing its lease
    [held] = await node_a.expire()
    assert (held.sid, held.held, held.remaining_sid) == ("b", True, "a")
    assert (await node_a.join("stranger", "call")).result is JoinResult.FULL
    back = await node_a.join("b2", "call", seat_token=token)
    assert (back.returned, back.seat, back.peer_sid) == (True, 1, "a")


@pytest.mark.parametrize("make_rooms", ["redis"], indirect=True)
async def test_a_node_puts_its_seats_back_when_redis_lost_them(
    make_rooms: Callable[..., Rooms], redis_client: Any, prefix: str
) -> None:
    rooms = make_rooms()
    await rooms.expire()
    await seated_pair_in_store(rooms)
    for key in await redis_client.keys(f"{prefix}:*"):
        await redis_client.delete(key)  # as a Redis restarted empty
    await rooms.expire()
    assert (await rooms.join("stranger", "call")).result is JoinResult.FULL
    assert await rooms.members_without_token("call") == []


@pytest.mark.parametrize("make_rooms", ["redis"], indirect=True)
async def test_nothing_is_left_behind_when_everyone_has_gone(
    make_rooms: Callable[..., Rooms], redis_client: Any, prefix: str, clock: Clock
) -> None:
    rooms = make_rooms()
    await rooms.expire()
    await seated_pair_in_store(rooms)
    await rooms.join("c", "other")
    await rooms.leave("a")
    await rooms.drop("b")
    await rooms.leave("c")
    clock.now += GRACE
    await rooms.expire()
    # Only the node's lease and the deployment's epoch: no room, seat, held
    # deadline or connection remains.
    left = {key.decode() for key in await redis_client.keys(f"{prefix}:*")}
    assert left == {f"{prefix}:nodes", f"{prefix}:epoch"}


@pytest.mark.parametrize("make_rooms", ["redis"], indirect=True)
async def test_two_prefixes_never_meet(
    make_rooms: Callable[..., Rooms], redis_client: Any, clock: Clock
) -> None:
    ours = make_rooms()
    theirs = RedisRooms(redis_client, TOKENS, "another-deployment", "x", GRACE, clock)
    await ours.join("a", "call")
    await ours.join("b", "call")
    assert (await theirs.join("c", "call")).result is JoinResult.CREATED
    await theirs.leave("c")


async def test_redis_down_is_a_clear_refusal(clock: Clock) -> None:
    client = redis.asyncio.Redis(
        host="127.0.0.1", port=1, socket_connect_timeout=1, socket_timeout=1
    )
    rooms = RedisRooms(client, TOKENS, "down", "n", GRACE, clock)
    try:
        with pytest.raises(SignalingError) as refused:
            await rooms.join("a", "call")
        assert refused.value.code == SERVER_UNAVAILABLE
    finally:
        await client.aclose()


@parametrize_stores
async def test_a_room_held_for_its_owner_counts_until_the_hold_ends(
    make_rooms: Callable[..., Rooms], clock: Clock
) -> None:
    rooms = make_rooms()
    await rooms.join("a", "call", wants_token=True)
    held = await rooms.drop("a")
    assert held is not None and held.held
    assert rooms.room_count == 1  # MAX_ROOMS counts it: nobody else may take it
    clock.now += GRACE
    await rooms.expire()
    assert rooms.room_count == 0


async def test_three_hundred_joins_at_once_on_one_node_are_all_seated(
    redis_server: RedisServer, prefix: str, clock: Clock
) -> None:
    """The store's own client (`connect`) waits for a free connection instead of
    refusing the join once its pool is in use."""
    client = connect(redis_server.url)
    rooms = RedisRooms(client, TOKENS, prefix, "busy", GRACE, clock)
    try:
        outcomes = await asyncio.gather(
            *(rooms.join(f"sid-{n}", f"room-{n // 2}") for n in range(300)),
            return_exceptions=True,
        )
        refused = [o for o in outcomes if isinstance(o, BaseException)]
        assert refused == []
        assert rooms.member_count == 300
    finally:
        await rooms.close()
