"""How the call is seen: the other person full screen or in picture-in-picture, our
own view moved to another corner or hidden, and on a phone both videos in sight."""

from __future__ import annotations

import pytest
from playwright.async_api import Page

from .conftest import OpenPage
from .helpers import (
    open_pair,
    room_name,
    wait_for_call,
)

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

PHONE = {"width": 360, "height": 740}


async def settled(page: Page) -> None:
    """No CSS transition is running: our own view glides between places."""
    await page.wait_for_function(
        "() => document.getAnimations().every((a) => a.playState !== 'running')"
    )


async def box(page: Page, selector: str) -> dict[str, float]:
    found = await page.locator(selector).bounding_box()
    assert found is not None, f"{selector} is not shown"
    return dict(found)


async def test_other_person_full_screen_and_back(open_page: OpenPage) -> None:
    page, _ = await open_pair(open_page, f"/?room={room_name('views')}", in_turn=True)
    await page.click("#view-fullscreen")
    await page.wait_for_function(
        "() => document.fullscreenElement?.contains("
        "document.querySelector('#remoteVideo'))"
    )
    await page.wait_for_selector('#view-fullscreen[aria-pressed="true"]')
    await page.click("#view-fullscreen")
    await page.wait_for_function("() => document.fullscreenElement === null")
    await page.wait_for_selector('#view-fullscreen[aria-pressed="false"]')


async def test_other_person_in_picture_in_picture_and_back(open_page: OpenPage) -> None:
    page, _ = await open_pair(open_page, f"/?room={room_name('views')}", in_turn=True)
    await page.click("#view-pip")
    await page.wait_for_function(
        "() => document.pictureInPictureElement?.id === 'remoteVideo'"
    )
    await page.wait_for_selector('#view-pip[aria-pressed="true"]')
    await page.click("#view-pip")
    await page.wait_for_function("() => document.pictureInPictureElement === null")
    await page.wait_for_selector('#view-pip[aria-pressed="false"]')


async def test_own_view_is_dragged_to_another_corner_and_hidden(
    open_page: OpenPage,
) -> None:
    page, _ = await open_pair(open_page, f"/?room={room_name('views')}", in_turn=True)
    await settled(page)
    stage = await box(page, ".stage")
    start = await box(page, "#localVideo")
    assert start["x"] > stage["x"] + stage["width"] / 2  # bottom right at first
    await page.mouse.move(start["x"] + 20, start["y"] + 20)
    await page.mouse.down()
    await page.mouse.move(stage["x"] + 60, stage["y"] + 80, steps=5)
    await page.mouse.up()
    await page.wait_for_selector('#localVideo[data-corner="top-left"]')
    await page.wait_for_function(
        """() => {
            const stage = document.querySelector(".stage").getBoundingClientRect();
            const own = document.querySelector("#localVideo").getBoundingClientRect();
            return own.right < stage.left + stage.width / 2 &&
                own.bottom < stage.top + stage.height / 2;
        }"""
    )
    await page.focus("#localVideo")
    await page.keyboard.press("ArrowRight")
    await page.wait_for_selector('#localVideo[data-corner="top-right"]')
    await page.click("#view-self")
    assert await page.is_hidden("#localVideo")
    await page.click("#view-self")
    assert await page.is_visible("#localVideo")


async def test_on_a_phone_both_videos_stay_in_sight(open_page: OpenPage) -> None:
    first, second = await open_pair(
        open_page, f"/?room={room_name('views')}", in_turn=True
    )
    await first.set_viewport_size(PHONE)
    await settled(first)
    remote = await box(first, "#remoteVideo")
    own = await box(first, "#localVideo")
    for video in (remote, own):
        assert video["width"] > 80 and video["height"] > 80
        assert 0 <= video["x"] and video["x"] + video["width"] <= PHONE["width"]
        assert 0 <= video["y"] and video["y"] + video["height"] <= PHONE["height"]
    # Our own view covers only a corner of the other person.
    assert own["width"] * own["height"] < remote["width"] * remote["height"] / 3
    assert await first.evaluate("document.documentElement.scrollWidth") <= 360
    await wait_for_call(first, second)
