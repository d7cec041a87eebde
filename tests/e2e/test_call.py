"""A call in our own page: two people see and hear each other, a third is refused."""

from __future__ import annotations

import pytest

from signaling.rooms import RoomRegistry

from .conftest import OpenPage
from .helpers import (
    assert_talking_to_each_other,
    notice_code,
    room_name,
    wait_for_call,
    wait_for_state,
)
from .scenarios import assert_a_third_is_told_the_room_is_full, call_by_typed_names

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]


async def test_two_people_in_one_room_see_and_hear_each_other(
    open_page: OpenPage,
) -> None:
    first, second = await call_by_typed_names(open_page)
    await assert_talking_to_each_other(first, second)


async def test_third_person_is_told_room_is_full_and_meets_no_one(
    open_page: OpenPage, registry: RoomRegistry
) -> None:
    await assert_a_third_is_told_the_room_is_full(open_page, registry)


async def test_two_rooms_at_once_each_pair_sees_only_its_own_peer(
    open_page: OpenPage,
) -> None:
    rooms = [room_name("left"), room_name("right")]
    pairs = []
    for room in rooms:
        pairs.append(
            (await open_page(f"/?room={room}"), await open_page(f"/?room={room}"))
        )
    for first, second in pairs:
        await wait_for_call(first, second)
    for first, second in pairs:
        await assert_talking_to_each_other(first, second)


@pytest.mark.parametrize("how", ["hang-up", "close-tab"])
async def test_when_one_leaves_the_other_waits_and_a_newcomer_can_call(
    open_page: OpenPage, how: str
) -> None:
    room = room_name()
    stays, leaves = await open_page(f"/?room={room}"), await open_page(f"/?room={room}")
    await wait_for_call(stays, leaves)
    if how == "hang-up":
        await leaves.click("#hang-up")
        await wait_for_state(leaves, "naming")
        assert "room=" not in leaves.url
    else:
        await leaves.context.close()
    await wait_for_state(stays, "waiting")
    assert await notice_code(stays) == "peer-left"
    newcomer = await open_page(f"/?room={room}")
    await wait_for_call(stays, newcomer)
    await assert_talking_to_each_other(stays, newcomer)


async def test_mute_and_camera_buttons_switch_own_tracks(open_page: OpenPage) -> None:
    room = room_name()
    first, second = await open_page(f"/?room={room}"), await open_page(f"/?room={room}")
    await wait_for_call(first, second)
    await first.click("#toggle-mic")
    await first.click("#toggle-camera")
    enabled = await first.evaluate(
        """() => Object.fromEntries(document.querySelector("#localVideo").srcObject
              .getTracks().map((t) => [t.kind, t.enabled]))"""
    )
    assert enabled == {"audio": False, "video": False}
    assert await first.get_attribute("#toggle-mic", "aria-pressed") == "true"
    await first.click("#toggle-mic")
    assert await first.text_content("#toggle-mic") == "Mute"
