"""Calls set up the same way in more than one file's tests, whichever browser each
person uses: two people who type one room's name, a third who is refused, a screen
shared before the other person comes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from signaling.rooms import RoomRegistry

from .helpers import (
    Page,
    assert_talking_to_each_other,
    join,
    open_peer_connections,
    remote_track_kinds,
    room_name,
    wait_for_call,
    wait_for_notice,
    wait_for_state,
)

OpenAnyPage = Callable[..., Awaitable[Page]]


async def call_by_typed_names(
    open_page: OpenAnyPage, init_script: str | None = None
) -> tuple[Page, Page]:
    """Two people type the same room name, one after the other, and are in a call
    in which each receives the other's audio and video."""
    room = room_name()
    first = await open_page(init_script=init_script)
    await join(first, room)
    await wait_for_state(first, "waiting")
    second = await open_page(init_script=init_script)
    await join(second, room)
    await wait_for_call(first, second)
    for page in (first, second):
        assert await remote_track_kinds(page) == ["audio", "video"]
    return first, second


async def assert_a_third_is_told_the_room_is_full(
    open_page: OpenAnyPage, registry: RoomRegistry
) -> None:
    """Two people in a call; a third who types the room's name is refused, meets no
    one and changes nothing: the two still talk."""
    room = room_name()
    first, second = await open_page(f"/?room={room}"), await open_page(f"/?room={room}")
    await wait_for_call(first, second)
    third = await open_page()
    await join(third, room)
    await wait_for_notice(third, "room-full")
    await wait_for_state(third, "naming")
    assert await open_peer_connections(third) == 0
    assert (registry.room_count, registry.member_count) == (1, 2)
    await assert_talking_to_each_other(first, second)


async def wait_for_remote_size(page: Page, size: list[int] | tuple[int, int]) -> None:
    """The other person's video is shown at exactly `size` (width, height)."""
    await page.wait_for_function(
        """([width, height]) => {
            const video = document.querySelector("#remoteVideo");
            return video.videoWidth === width && video.videoHeight === height;
        }""",
        arg=list(size),
    )


async def peer_connections(*pages: Page) -> list[int]:
    """How many peer connections each page has made so far."""
    return [await page.evaluate("window.peerConnections.length") for page in pages]


async def share_before_the_other_comes(
    open_sharer: OpenAnyPage,
    open_viewer: OpenAnyPage,
    screen_size: list[int] | tuple[int, int],
) -> tuple[Page, Page]:
    """The sharer, alone in a room, shares the screen; the viewer who then comes
    sees the screen, not the camera, from the start."""
    room = room_name("share")
    sharer = await open_sharer(f"/?room={room}")
    await wait_for_state(sharer, "waiting")
    await sharer.click("#share-screen")
    await sharer.wait_for_selector('#share-screen[aria-pressed="true"]')
    viewer = await open_viewer(f"/?room={room}")
    await wait_for_call(sharer, viewer)
    await wait_for_remote_size(viewer, screen_size)
    return sharer, viewer
