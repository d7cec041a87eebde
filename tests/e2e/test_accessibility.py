"""axe-core finds no accessibility violation in any state of the page, in English and
German; notices are announced. axe-core comes from tests/e2e/axe (npm ci in
scripts/test) and is evaluated in the page only by the test, never served."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .conftest import OpenPage
from .helpers import (
    join,
    open_pair,
    room_name,
    state_of,
    wait_for_notice,
    wait_for_state,
)

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

AXE = (
    Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
)
CLOSE_PEER_CONNECTIONS = "window.peerConnections.forEach((pc) => pc.close())"
MEDIA_PENDING = "navigator.mediaDevices.getUserMedia = () => new Promise(() => {});"
# A person whose peer connection can never connect: relay only, with no relay to use,
# it has no candidate of its own and cannot reach the other side's. Both pages stay
# `connecting` for as long as the test looks.
NEVER_CONNECTS = """
(() => {
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(config = {}) {
      super({...config, iceServers: [], iceTransportPolicy: "relay"});
    }
  };
})();
"""
LANGUAGES = ["en", "de"]

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map((v) => `${v.id}: ${v.help} ` +
    v.nodes.map((n) => n.target.join(" ")).join(", "));
}"""


async def violations(page: Any) -> list[str]:
    # Evaluated, not a script tag: the page's CSP allows only its own scripts.
    if not await page.evaluate("typeof axe !== 'undefined'"):
        await page.evaluate(AXE.read_text(encoding="utf-8"))
    return list(await page.evaluate(RUN_AXE))


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_no_violations_before_a_room(open_page: OpenPage, lang: str) -> None:
    asking = await open_page(f"/?lang={lang}", init_script=MEDIA_PENDING)
    await wait_for_state(asking, "media")
    assert await violations(asking) == []
    refused = await open_page(f"/?lang={lang}", media=False)
    await wait_for_state(refused, "media-error")
    assert await violations(refused) == []
    naming = await open_page(f"/?lang={lang}")
    await wait_for_state(naming, "naming")
    assert await violations(naming) == []
    await join(naming, " ")
    await wait_for_notice(naming, "name-required")
    assert await violations(naming) == []


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_no_violations_in_a_call(open_page: OpenPage, lang: str) -> None:
    waiting = await open_page(f"/?room={room_name()}&lang={lang}")
    await wait_for_state(waiting, "waiting")
    assert await violations(waiting) == []
    await waiting.context.close()
    first, second = await open_pair(open_page, f"/?room={room_name()}&lang={lang}")
    assert await violations(first) == []
    # Their peer connection ends: our media stops, and the page is reconnecting.
    await second.evaluate(CLOSE_PEER_CONNECTIONS)
    await wait_for_state(first, "reconnecting")
    assert await violations(first) == []


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_no_violations_while_connecting(open_page: OpenPage, lang: str) -> None:
    url = f"/?room={room_name()}&lang={lang}"
    page = await open_page(url)
    await wait_for_state(page, "waiting")
    await open_page(url, init_script=NEVER_CONNECTS)
    await wait_for_state(page, "connecting")
    await page.wait_for_function("() => window.peerConnections.length > 0")
    assert await violations(page) == []
    # Still connecting: the check above saw that state, not the next one.
    assert await state_of(page) == "connecting"


async def test_notices_and_status_are_announced(open_page: OpenPage) -> None:
    page = await open_page()
    await wait_for_state(page, "naming")
    assert await page.get_attribute("#notice", "role") == "alert"
    assert await page.get_attribute("#status", "aria-live") == "polite"


# A 360 px phone, and a 1280 px window at 200 % zoom (640 CSS px wide).
@pytest.mark.parametrize("width", [360, 640])
async def test_narrow_screens_never_scroll_sideways(
    open_page: OpenPage, width: int
) -> None:
    page = await open_page(f"/?room={room_name()}")
    await page.set_viewport_size({"width": width, "height": 720})
    await wait_for_state(page, "waiting")
    wide = "document.scrollingElement.scrollWidth"
    assert await page.evaluate(wide) <= width
    assert await violations(page) == []


async def test_the_room_form_works_by_keyboard_alone(open_page: OpenPage) -> None:
    page = await open_page()
    await wait_for_state(page, "naming")
    assert await page.evaluate("document.activeElement.id") == "room-name"
    await page.keyboard.type(room_name())
    await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.id") == "room-submit"
    # The focused control is visibly marked.
    ring = "getComputedStyle(document.activeElement).boxShadow"
    assert await page.evaluate(ring) != "none"
    await page.keyboard.press("Enter")
    await wait_for_state(page, "waiting")
