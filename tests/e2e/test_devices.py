"""Choosing camera, microphone and speaker: the choice switches the device in the
running call on the same peer connection, is kept for the next visit, and a device
plugged in or out is followed and said. Runs in the Chromium with three cameras
(fake_device_1 is a depth camera that sends nothing: the tests use 0 and 2)."""

from __future__ import annotations

import pytest
from playwright.async_api import Page

from .conftest import OpenPage
from .helpers import (
    join,
    open_pair,
    room_name,
    wait_for_call,
    wait_for_notice,
    wait_for_state,
)

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

# Devices a test can unplug and plug back: enumerateDevices leaves out the labels in
# window.unplugged, and changeDevices() says so with a devicechange, as a browser does.
PLUGGABLE_DEVICES = """
(() => {
  window.unplugged = new Set();
  const devices = navigator.mediaDevices;
  const enumerate = devices.enumerateDevices.bind(devices);
  devices.enumerateDevices = async () =>
    (await enumerate()).filter((d) => !window.unplugged.has(d.label));
  window.changeDevices = (labels) => {
    window.unplugged = new Set(labels);
    devices.dispatchEvent(new Event("devicechange"));
  };
})();
"""


async def sent_label(page: Page, kind: str) -> str:
    """The label of the track the page's peer connection sends."""
    return str(
        await page.evaluate(
            """(kind) => window.peerConnections[0].getSenders()
                .find((s) => s.track?.kind === kind).track.label""",
            kind,
        )
    )


async def own_label(page: Page, kind: str) -> str:
    """The label of the page's own track of one kind (audio or video)."""
    return str(
        await page.evaluate(
            """(kind) => document.querySelector("#localVideo").srcObject
                .getTracks().find((t) => t.kind === kind).label""",
            kind,
        )
    )


async def chosen(page: Page, select: str) -> str:
    return str(
        await page.eval_on_selector(select, "(s) => s.selectedOptions[0]?.label ?? ''")
    )


async def wait_for_frames_from(page: Page) -> None:
    """The other person's video frames keep being decoded from now on."""
    frames = """async () => {
        const stats = await window.peerConnections[0].getStats();
        return [...stats.values()].find(
            (s) => s.type === "inbound-rtp" && s.kind === "video")?.framesDecoded ?? 0;
    }"""
    start = await page.evaluate(frames)
    await page.wait_for_function(
        f"(start) => ({frames})().then((n) => n > start + 10)", arg=start, polling=250
    )


async def test_choosing_a_camera_switches_it_in_the_running_call(
    open_sharing_page: OpenPage,
) -> None:
    chooser, other = await open_pair(
        open_sharing_page, f"/?room={room_name('devices')}", in_turn=True
    )
    assert await chosen(chooser, "#camera-select") == "fake_device_0"
    await chooser.select_option("#camera-select", label="fake_device_2")
    await chooser.wait_for_function(
        """() => window.peerConnections[0].getSenders()
            .some((s) => s.track?.label === "fake_device_2")"""
    )
    assert await own_label(chooser, "video") == "fake_device_2"
    await wait_for_frames_from(other)
    for page in (chooser, other):
        assert await page.evaluate("window.peerConnections.length") == 1
    await wait_for_call(chooser, other)


async def test_choosing_a_microphone_and_a_speaker_in_the_call(
    open_sharing_page: OpenPage,
) -> None:
    chooser, _ = await open_pair(
        open_sharing_page, f"/?room={room_name('devices')}", in_turn=True
    )
    await chooser.select_option("#mic-select", label="Fake Audio Input 1")
    await chooser.wait_for_function(
        """() => window.peerConnections[0].getSenders()
            .some((s) => s.track?.label === "Fake Audio Input 1")"""
    )
    speaker = await chooser.eval_on_selector(
        "#speaker-select",
        "(s) => [...s.options].find((o) => o.label === 'Fake Audio Output 1').value",
    )
    await chooser.select_option("#speaker-select", label="Fake Audio Output 1")
    await chooser.wait_for_function(
        "(id) => document.querySelector('#remoteVideo').sinkId === id", arg=speaker
    )
    assert await sent_label(chooser, "video") == "fake_device_0"


async def test_chosen_devices_are_kept_for_the_next_visit(
    open_sharing_page: OpenPage,
) -> None:
    page = await open_sharing_page()
    await wait_for_state(page, "naming")
    await page.select_option("#camera-select", label="fake_device_2")
    await page.select_option("#mic-select", label="Fake Audio Input 2")
    await page.wait_for_function(
        """(labels) => document.querySelector("#localVideo").srcObject.getTracks()
            .map((t) => t.label).sort().join() === labels""",
        arg="Fake Audio Input 2,fake_device_2",
    )
    await page.reload()
    await wait_for_state(page, "naming")
    assert await own_label(page, "video") == "fake_device_2"
    assert await own_label(page, "audio") == "Fake Audio Input 2"
    assert await chosen(page, "#camera-select") == "fake_device_2"
    assert await chosen(page, "#mic-select") == "Fake Audio Input 2"
    room = room_name("devices")
    await join(page, room)
    other = await open_sharing_page(f"/?room={room}")
    await wait_for_call(page, other)
    assert await sent_label(page, "video") == "fake_device_2"


async def test_unplugged_camera_gives_way_to_another_and_the_page_says_so(
    open_sharing_page: OpenPage,
) -> None:
    room = room_name("devices")
    first = await open_sharing_page(f"/?room={room}", init_script=PLUGGABLE_DEVICES)
    await wait_for_state(first, "waiting")
    await first.select_option("#camera-select", label="fake_device_2")
    await first.wait_for_function(
        "() => document.querySelector('#localVideo').srcObject.getVideoTracks()[0]"
        ".label === 'fake_device_2'"
    )
    second = await open_sharing_page(f"/?room={room}")
    await wait_for_call(first, second)
    assert await sent_label(first, "video") == "fake_device_2"
    await first.evaluate("window.changeDevices(['fake_device_2'])")
    await wait_for_notice(first, "device-changed")
    assert "fake_device_2" in ((await first.text_content("#notice")) or "")
    assert await sent_label(first, "video") == "fake_device_0"
    assert await chosen(first, "#camera-select") == "fake_device_0"
    await wait_for_frames_from(second)


async def test_plugged_in_headset_is_used_and_the_page_says_so(
    open_sharing_page: OpenPage,
) -> None:
    headset = "Fake Audio Input 2"
    page = await open_sharing_page(
        init_script=PLUGGABLE_DEVICES + f"window.unplugged.add({headset!r});"
    )
    await wait_for_state(page, "naming")
    assert headset not in await page.inner_text("#mic-select")
    await page.evaluate("window.changeDevices([])")
    await wait_for_notice(page, "device-changed")
    assert headset in ((await page.text_content("#notice")) or "")
    assert await own_label(page, "audio") == headset
    assert await chosen(page, "#mic-select") == headset


async def test_a_phone_flips_to_its_other_camera(open_sharing_page: OpenPage) -> None:
    desktop = await open_sharing_page()
    phone = await open_sharing_page(phone=True)
    for page in (desktop, phone):
        await wait_for_state(page, "naming")
    assert await desktop.is_hidden("#flip-camera")
    assert await own_label(phone, "video") == "fake_device_0"
    await phone.click("#flip-camera")
    await phone.wait_for_function(
        """() => document.querySelector("#localVideo").srcObject
            .getVideoTracks()[0].label !== "fake_device_0" """
    )
    assert await chosen(phone, "#camera-select") == await own_label(phone, "video")
