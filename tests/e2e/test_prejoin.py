"""Before the room question the person checks themselves: their own video, a
microphone level that moves with sound, the chosen devices, and camera and
microphone switches that hold into the call. Media is still asked for first."""

from __future__ import annotations

import pytest
from playwright.async_api import Page

from .conftest import OpenPage
from .helpers import join, room_name, wait_for_call, wait_for_state

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]


async def sent_tracks_enabled(page: Page) -> dict[str, bool]:
    return dict(
        await page.evaluate(
            """() => Object.fromEntries(window.peerConnections[0].getSenders()
                .map((s) => [s.track.kind, s.track.enabled]))"""
        )
    )


async def test_own_video_devices_and_a_moving_level_before_the_room_question(
    open_page: OpenPage,
) -> None:
    page = await open_page()
    await wait_for_state(page, "naming")
    await page.wait_for_function(
        "() => document.querySelector('#localVideo').currentTime > 0"
    )
    for select in ("#camera-select", "#mic-select"):
        assert await page.is_visible(select)
    assert "fake_device_0" in await page.inner_text("#camera-select")
    # Chromium's fake microphone beeps: the level rises above silence.
    await page.wait_for_function(
        "() => document.querySelector('#mic-level').value > 0.05", polling=50
    )
    assert await page.is_visible("#toggle-camera")
    assert await page.is_visible("#toggle-mic")
    assert await page.is_hidden("#hang-up")


async def test_camera_and_microphone_turned_off_before_entering_stay_off(
    open_page: OpenPage,
) -> None:
    room = room_name("prejoin")
    page = await open_page()
    await wait_for_state(page, "naming")
    await page.click("#toggle-camera")
    await page.click("#toggle-mic")
    await join(page, room)
    other = await open_page(f"/?room={room}")
    await wait_for_call(page, other)
    assert await sent_tracks_enabled(page) == {"audio": False, "video": False}
    assert await page.get_attribute("#toggle-camera", "aria-pressed") == "true"
    assert await page.get_attribute("#toggle-mic", "aria-pressed") == "true"
    await page.click("#toggle-mic")
    assert await sent_tracks_enabled(page) == {"audio": True, "video": False}


async def test_refused_media_shows_no_device_check(open_page: OpenPage) -> None:
    page = await open_page(media=False)
    await wait_for_state(page, "media-error")
    for hidden in ("#camera-select", "#mic-level", "#toggle-camera"):
        assert await page.is_hidden(hidden)
