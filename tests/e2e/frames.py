"""Every websocket frame a page sends and receives, to check what the server can see:
in Chromium from Playwright's own view of the page's sockets, in Firefox from inside
the page (the driver has no such view), by wrapping WebSocket before the page runs."""

from __future__ import annotations

from playwright.async_api import Page as ChromiumPage
from playwright.async_api import WebSocket

from .firefox import FirefoxPage


def record_frames(page: ChromiumPage) -> list[str]:
    """Frames of every websocket `page` opens from now on, both ways, as text."""
    frames: list[str] = []

    def on_websocket(socket: WebSocket) -> None:
        socket.on("framesent", lambda payload: frames.append(as_text(payload)))
        socket.on("framereceived", lambda payload: frames.append(as_text(payload)))

    page.on("websocket", on_websocket)
    return frames


def as_text(payload: str | bytes) -> str:
    return payload if isinstance(payload, str) else payload.decode("utf-8", "replace")


# For Firefox: `window.websocketFrames` holds what every socket sent and received.
RECORD_WEBSOCKET_FRAMES = """
(() => {
  window.websocketFrames = [];
  const text = (data) => (typeof data === "string" ? data : "[binary]");
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", ({ data }) => {
        window.websocketFrames.push(text(data));
      });
    }
    send(data) {
      window.websocketFrames.push(text(data));
      super.send(data);
    }
  };
})();
"""


async def frames_in(page: FirefoxPage) -> list[str]:
    return list(await page.evaluate("window.websocketFrames"))


def assert_nothing_readable(frames: list[str], room_key: str) -> None:
    """No SDP, fingerprint, ICE candidate or room key in any frame, and the
    signaling went through sealed."""
    assert any('"sealed"' in frame for frame in frames), "no sealed message seen"
    for frame in frames:
        for secret in ("v=0", "a=fingerprint", "candidate:", room_key):
            assert secret not in frame, f"{secret!r} crossed the server: {frame[:200]}"
