"""Screen sharing with Firefox on either side, on the running peer connection. The
Firefox that shares runs with windows on a virtual screen (Xvfb, `screen_firefox`):
headless Firefox has no screen to share. The Chromium that shares is the one with a
fake screen (test_screen_share.py)."""

from __future__ import annotations

import pytest

from .conftest import OpenFirefoxPage, OpenPage
from .firefox import Firefox
from .helpers import (
    Page,
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
from .xvfb import SCREEN_SIZE

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

CHROMIUM_SCREEN_SIZE = [1280, 720]  # Chromium's fake screen

# What the sender of our video carries now, on the page's one peer connection, and
# what it was asked to keep.
SENT_VIDEO = """() => {
    const [pc] = window.peerConnections;
    const sender = pc.getSenders().find((s) => s.track?.kind === "video");
    const shown = document.querySelector("#localVideo").srcObject.getVideoTracks()[0];
    const {degradationPreference, encodings: [encoding]} = sender.getParameters();
    return {
        width: sender.track.getSettings().width,
        shown: sender.track === shown,
        degradationPreference: degradationPreference ?? null,
        maxBitrate: encoding.maxBitrate ?? null,
    };
}"""


# Either browser's fake camera is 640x480; Firefox starts sending it at 320x240 and
# raises that as its bandwidth estimate grows, so a camera is told by its 4:3 shape.
# A screen keeps its size ("maintain-resolution"), so it is told by its exact size.
async def wait_for_remote_camera(page: Page) -> None:
    await page.wait_for_function(
        """() => {
            const video = document.querySelector("#remoteVideo");
            const [width, height] = [video.videoWidth, video.videoHeight];
            return width > 0 && width * 3 === height * 4;
        }"""
    )


async def firefox_shares_with_chromium(
    open_screen_firefox_page: OpenFirefoxPage, open_page: OpenPage
) -> tuple[Page, Page]:
    sharer, viewer = await open_pair(
        open_screen_firefox_page,
        f"/?room={room_name('ffshare')}",
        open_second=open_page,
        in_turn=True,
    )
    await wait_for_remote_camera(viewer)
    return sharer, viewer


async def test_firefox_shares_its_screen_with_chromium_on_the_same_peer_connection(
    open_screen_firefox_page: OpenFirefoxPage, open_page: OpenPage
) -> None:
    sharer, viewer = await firefox_shares_with_chromium(
        open_screen_firefox_page, open_page
    )
    await sharer.click("#share-screen")
    await sharer.wait_for_selector('#share-screen[aria-pressed="true"]')
    await wait_for_remote_size(viewer, SCREEN_SIZE)
    assert await sharer.evaluate(SENT_VIDEO) == {
        "width": SCREEN_SIZE[0],
        "shown": True,
        "degradationPreference": "maintain-resolution",
        "maxBitrate": 2_500_000,
    }
    assert await sharer.evaluate("document.querySelector('#toggle-camera').disabled")

    await sharer.click("#share-screen")
    await sharer.wait_for_selector('#share-screen[aria-pressed="false"]')
    await wait_for_remote_camera(viewer)
    sent = await sharer.evaluate(SENT_VIDEO)
    assert (sent["width"], sent["shown"], sent["maxBitrate"]) == (640, True, None)
    assert await peer_connections(sharer, viewer) == [1, 1]
    await wait_for_call(sharer, viewer)


async def test_firefoxs_own_stop_sharing_button_brings_the_camera_back(
    screen_firefox: Firefox,
    open_screen_firefox_page: OpenFirefoxPage,
    open_page: OpenPage,
) -> None:
    sharer, viewer = await firefox_shares_with_chromium(
        open_screen_firefox_page, open_page
    )
    await sharer.click("#share-screen")
    await wait_for_remote_size(viewer, SCREEN_SIZE)
    await screen_firefox.press_stop_sharing()
    await sharer.wait_for_selector('#share-screen[aria-pressed="false"]')
    await wait_for_remote_camera(viewer)
    assert not await sharer.evaluate(
        "document.querySelector('#toggle-camera').disabled"
    )
    assert await peer_connections(sharer, viewer) == [1, 1]
    await wait_for_call(viewer)


async def test_screen_firefox_shares_before_the_other_person_comes_is_what_they_see(
    open_screen_firefox_page: OpenFirefoxPage, open_page: OpenPage
) -> None:
    sharer, _ = await share_before_the_other_comes(
        open_screen_firefox_page, open_page, SCREEN_SIZE
    )
    assert (await sharer.evaluate(SENT_VIDEO))["degradationPreference"] == (
        "maintain-resolution"
    )


async def test_firefox_sees_the_screen_chromium_shares_then_its_camera_again(
    open_sharing_page: OpenPage, open_firefox_page: OpenFirefoxPage
) -> None:
    room = room_name("ffshare")
    sharer = await open_sharing_page(f"/?room={room}")
    await wait_for_state(sharer, "waiting")
    viewer = await open_firefox_page(f"/?room={room}")
    await wait_for_call(sharer, viewer)
    await wait_for_remote_camera(viewer)

    await sharer.click("#share-screen")
    await sharer.wait_for_selector('#share-screen[aria-pressed="true"]')
    await wait_for_remote_size(viewer, CHROMIUM_SCREEN_SIZE)
    await sharer.click("#share-screen")
    await sharer.wait_for_selector('#share-screen[aria-pressed="false"]')
    await wait_for_remote_camera(viewer)
    assert await peer_connections(sharer, viewer) == [1, 1]
    await wait_for_call(sharer, viewer)
