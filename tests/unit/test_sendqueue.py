"""SendQueue behaves as asyncio.Queue does, for what engine.io uses of it."""

import asyncio

import pytest
from engineio import packet as eio_packet

from signaling.transport.sendqueue import PACKET_OVERHEAD, SendQueue


async def test_items_come_out_in_order() -> None:
    queue = SendQueue()
    for item in ("a", None, "b"):
        await queue.put(item)
    assert queue.qsize() == 3
    assert [await queue.get(), queue.get_nowait(), await queue.get()] == [
        "a",
        None,
        "b",
    ]
    assert queue.empty()
    assert queue.qsize() == 0


async def test_get_nowait_on_an_empty_queue_raises_queue_empty() -> None:
    with pytest.raises(asyncio.QueueEmpty):
        SendQueue().get_nowait()


async def test_a_waiting_get_receives_the_next_put() -> None:
    queue = SendQueue()
    getter = asyncio.create_task(queue.get())
    await asyncio.sleep(0)
    assert not getter.done()
    queue.put_nowait("packet")
    assert await asyncio.wait_for(getter, 1) == "packet"


async def test_waiting_gets_are_served_first_come_first_served() -> None:
    queue = SendQueue()
    first = asyncio.create_task(queue.get())
    second = asyncio.create_task(queue.get())
    await asyncio.sleep(0)
    queue.put_nowait(1)
    queue.put_nowait(2)
    assert await asyncio.wait_for(asyncio.gather(first, second), 1) == [1, 2]


async def test_a_cancelled_get_takes_nothing_and_leaves_the_line() -> None:
    # As a long poll does when it times out.
    queue = SendQueue()
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(queue.get(), 0.01)
    queue.put_nowait("kept")
    assert queue.qsize() == 1
    assert await asyncio.wait_for(queue.get(), 1) == "kept"


async def test_a_wake_up_a_cancelled_getter_took_passes_to_the_next() -> None:
    queue = SendQueue()
    cancelled = asyncio.create_task(queue.get())
    waiting = asyncio.create_task(queue.get())
    await asyncio.sleep(0)
    queue.put_nowait("packet")  # wakes `cancelled`, which is cancelled before it runs
    cancelled.cancel()
    assert await asyncio.wait_for(waiting, 1) == "packet"
    assert cancelled.cancelled()


async def test_join_waits_until_every_item_is_done() -> None:
    queue = SendQueue()
    await queue.join()  # nothing unfinished: returns at once
    queue.put_nowait("a")
    queue.put_nowait("b")
    joined = asyncio.create_task(queue.join())
    for _ in range(2):
        await queue.get()
        await asyncio.sleep(0)
        assert not joined.done()
        queue.task_done()
    await asyncio.wait_for(joined, 1)


def test_task_done_more_often_than_items_put_is_an_error() -> None:
    queue = SendQueue()
    queue.put_nowait("a")
    queue.task_done()
    with pytest.raises(ValueError, match="too many times"):
        queue.task_done()


def test_the_queue_counts_the_bytes_waiting_in_it() -> None:
    queue = SendQueue()
    queue.put_nowait(eio_packet.Packet(eio_packet.MESSAGE, "x" * 100))
    queue.put_nowait(eio_packet.Packet(eio_packet.MESSAGE, b"y" * 50))
    queue.put_nowait(None)
    assert queue.queued_bytes == 150 + 2 * PACKET_OVERHEAD
    queue.get_nowait()
    assert queue.queued_bytes == 50 + PACKET_OVERHEAD
    queue.get_nowait()
    queue.get_nowait()
    assert queue.queued_bytes == 0
