"""When the browser blocks playback with sound, one click starts the other person."""

from __future__ import annotations

import pytest

from .conftest import OpenPage
from .helpers import room_name, wait_for_call, wait_for_state

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

# Chromium exempts pages that capture the camera from its autoplay policy, so the
# policy is imitated: unmuted media plays only from a click.
BLOCK_AUTOPLAY_WITH_SOUND = """
(() => {
  const nativePlay = HTMLMediaElement.prototype.play;
  let clicked = false;
  addEventListener("click", (event) => { clicked ||= event.isTrusted; }, true);
  const srcObject = Object.getOwnPropertyDescriptor(
    HTMLMediaElement.prototype, "srcObject");
  Object.defineProperty(HTMLMediaElement.prototype, "srcObject", {
    ...srcObject,
    set(value) {
      if (!this.muted) this.autoplay = false;
      srcObject.set.call(this, value);
    },
  });
  HTMLMediaElement.prototype.play = function () {
    if (this.muted || clicked) return nativePlay.call(this);
    return Promise.reject(new DOMException("play() needs a click", "NotAllowedError"));
  };
})();
"""


async def test_blocked_playback_offers_a_play_button(open_page: OpenPage) -> None:
    room = room_name()
    first = await open_page(f"/?room={room}", init_script=BLOCK_AUTOPLAY_WITH_SOUND)
    second = await open_page(f"/?room={room}")
    await first.wait_for_selector("#remote-play", state="visible")
    assert await first.evaluate("document.body.dataset.state") == "connecting"
    await first.click("#remote-play")
    await wait_for_state(first, "connected")
    assert await first.is_hidden("#remote-play")
    await wait_for_call(first, second)
