"""The screen stays on during a call (Screen Wake Lock API) and may sleep again after
it. Chromium grants a page's `screen` wake lock without asking; a test context whose
camera and microphone are granted has every other permission refused, so the tests
grant the wake lock too (as the browser would) and hold a real one. The page's
`body[data-wake-lock]` says where it stands, and every lock it was given is recorded
to check that the browser still holds it."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import OpenPage
from .helpers import room_name, wait_for_call, wait_for_state

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

# The real API, with each lock it hands out kept for the test to look at.
RECORD_WAKE_LOCKS = """
window.wakeLocks = [];
if (navigator.wakeLock) {
  const request = navigator.wakeLock.request.bind(navigator.wakeLock);
  navigator.wakeLock.request = async (type) => {
    const lock = await request(type);
    window.wakeLocks.push(lock);
    return lock;
  };
}
"""
HELD = "window.wakeLocks.filter((lock) => !lock.released).length"

# Headless Chromium never hides a page (another tab in front, a minimised window and
# a lifecycle freeze all leave it visible), so the test plays the browser: it marks
# the page hidden and releases its lock as a browser does, then shows it again.
BECOME = """async (visibility) => {
  const value = {value: visibility, configurable: true};
  Object.defineProperty(document, "visibilityState", value);
  document.dispatchEvent(new Event("visibilitychange"));
  if (visibility === "hidden") {
    await Promise.all(window.wakeLocks.map((lock) => lock.release()));
  }
}"""
NO_API = "delete Navigator.prototype.wakeLock;"


async def open_allowed(open_page: OpenPage, url: str) -> Any:
    """A person whose browser grants the wake lock, at `url`."""
    page = await open_page("/", init_script=RECORD_WAKE_LOCKS)
    await wait_for_state(page, "naming")
    cdp = await page.context.new_cdp_session(page)
    target = await cdp.send("Target.getTargetInfo")
    await cdp.send(
        "Browser.setPermission",
        {
            "permission": {"name": "screen-wake-lock"},
            "setting": "granted",
            "browserContextId": target["targetInfo"]["browserContextId"],
        },
    )
    await page.goto(url)
    return page


async def wait_for_wake_lock(page: Any, where: str) -> None:
    await page.wait_for_selector(f'body[data-wake-lock="{where}"]', state="attached")


async def test_the_screen_stays_on_in_a_call_and_may_sleep_after_it(
    open_page: OpenPage,
) -> None:
    url = f"/?room={room_name()}"
    first = await open_allowed(open_page, url)
    await wait_for_state(first, "waiting")
    # Alone in the room, nobody is on screen yet: the screen may sleep.
    assert await first.evaluate("document.body.dataset.wakeLock") == "released"
    assert await first.evaluate("window.wakeLocks.length") == 0
    second = await open_allowed(open_page, url)
    await wait_for_call(first, second)
    for page in (first, second):
        await wait_for_wake_lock(page, "held")
        assert await page.evaluate(HELD) == 1
    await second.click("#hang-up")
    await wait_for_state(second, "naming")
    await wait_for_state(first, "waiting")
    for page in (first, second):
        await wait_for_wake_lock(page, "released")
        await page.wait_for_function(f"{HELD} === 0")


async def test_the_lock_is_asked_for_again_when_the_page_is_shown_again(
    open_page: OpenPage,
) -> None:
    url = f"/?room={room_name()}"
    first = await open_allowed(open_page, url)
    await wait_for_call(first, await open_allowed(open_page, url))
    await wait_for_wake_lock(first, "held")
    asked = await first.evaluate("window.wakeLocks.length")
    await first.evaluate(BECOME, "hidden")
    await wait_for_wake_lock(first, "released")
    assert await first.evaluate("window.wakeLocks.length") == asked  # not while hidden
    await first.evaluate(BECOME, "visible")
    await wait_for_wake_lock(first, "held")
    assert await first.evaluate("window.wakeLocks.length") == asked + 1
    assert await first.evaluate(HELD) == 1


# Refused: this context's browser grants camera and microphone and nothing else.
@pytest.mark.parametrize(
    "script, where",
    [(RECORD_WAKE_LOCKS, "refused"), (NO_API, "unavailable")],
    ids=["refused", "unavailable"],
)
async def test_a_call_without_a_wake_lock_goes_on_without_a_notice(
    open_page: OpenPage, script: str, where: str
) -> None:
    url = f"/?room={room_name()}"
    first = await open_page(url, init_script=script)
    second = await open_page(url)
    await wait_for_call(first, second)
    await wait_for_wake_lock(first, where)
    assert await first.get_attribute("#notice", "data-code") == ""
