"""Sharing the screen swaps the video on the running peer connection: the other
person sees the screen at its full size, then the camera again, with no new peer
connection. The sharer runs in the Chromium with a fake screen; the viewer in the
ordinary one (a camera opened in the same browser while it captures a fake screen
sends no frames)."""

from __future__ import annotations

import pytest

from .conftest import OpenPage
from .helpers import (
    open_pair,
    room_name,
    wait_for_call,
    wait_for_state,
)
from .scenarios import (
    peer_connections,
    share_before_the_other_comes,
    wait_for_remote_size,
)

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

SCREEN_SIZE = [1280, 720]  # the fake screen's own size
CAMERA_SIZE = [640, 480]

# What the sender of our video carries now, on the page's one peer connection.
SENT_VIDEO = """() => {
    const [pc] = window.peerConnections;
    const sender = pc.getSenders().find((s) => s.track?.kind === "video");
    const shown = document.querySelector("#localVideo").srcObject.getVideoTracks()[0];
    return {hint: sender.track.contentHint, shown: sender.track === shown};
}"""

# What the browser's own "Stop sharing" bar does: the track ends and says so.
BROWSER_STOPS_SHARING = """() => {
    const track = document.querySelector("#localVideo").srcObject.getVideoTracks()[0];
    track.stop();
    track.dispatchEvent(new Event("ended"));
}"""


async def test_shared_screen_reaches_the_other_person_at_full_size(
    open_sharing_page: OpenPage, open_page: OpenPage
) -> None:
    sharer, viewer = await open_pair(
        open_sharing_page,
        f"/?room={room_name('share')}",
        open_second=open_page,
        in_turn=True,
    )
    await wait_for_remote_size(viewer, CAMERA_SIZE)
    await sharer.click("#share-screen")
    await sharer.wait_for_selector('#share-screen[aria-pressed="true"]')
    await wait_for_remote_size(viewer, SCREEN_SIZE)
    assert await sharer.evaluate(SENT_VIDEO) == {"hint": "detail", "shown": True}
    assert await sharer.is_disabled("#toggle-camera")

    await sharer.click("#share-screen")
    await sharer.wait_for_selector('#share-screen[aria-pressed="false"]')
    await wait_for_remote_size(viewer, CAMERA_SIZE)
    assert await sharer.evaluate(SENT_VIDEO) == {"hint": "", "shown": True}
    assert await peer_connections(sharer, viewer) == [1, 1]
    await wait_for_call(sharer, viewer)


async def test_browsers_own_stop_button_brings_the_camera_back(
    open_sharing_page: OpenPage, open_page: OpenPage
) -> None:
    sharer, viewer = await open_pair(
        open_sharing_page,
        f"/?room={room_name('share')}",
        open_second=open_page,
        in_turn=True,
    )
    await wait_for_remote_size(viewer, CAMERA_SIZE)
    await sharer.click("#share-screen")
    await wait_for_remote_size(viewer, SCREEN_SIZE)
    await sharer.evaluate(BROWSER_STOPS_SHARING)
    await sharer.wait_for_selector('#share-screen[aria-pressed="false"]')
    await wait_for_remote_size(viewer, CAMERA_SIZE)
    assert await sharer.is_enabled("#toggle-camera")
    assert await peer_connections(sharer, viewer) == [1, 1]
    await wait_for_call(viewer)


async def test_screen_shared_before_the_other_person_comes_is_what_they_see(
    open_sharing_page: OpenPage, open_page: OpenPage
) -> None:
    await share_before_the_other_comes(open_sharing_page, open_page, SCREEN_SIZE)


async def test_hanging_up_ends_the_share(
    open_sharing_page: OpenPage, open_page: OpenPage
) -> None:
    sharer, viewer = await open_pair(
        open_sharing_page,
        f"/?room={room_name('share')}",
        open_second=open_page,
        in_turn=True,
    )
    await wait_for_remote_size(viewer, CAMERA_SIZE)
    await sharer.click("#share-screen")
    await sharer.wait_for_selector('#share-screen[aria-pressed="true"]')
    await sharer.click("#hang-up")
    await wait_for_state(sharer, "naming")
    await sharer.wait_for_selector(
        '#share-screen[aria-pressed="false"]', state="attached"
    )
    label = await sharer.evaluate(
        "document.querySelector('#localVideo').srcObject.getVideoTracks()[0].label"
    )
    assert label.startswith("fake_device")
