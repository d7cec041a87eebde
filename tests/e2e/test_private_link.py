"""Private links (`/?room=NAME#KEY`): the pages seal every signaling message with a
key the server never sees, so no SDP, fingerprint, candidate or key crosses it; a
page without the key says so; an altered or replayed message is dropped and logged."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.async_api import WebSocketRoute

from .conftest import OpenFirefoxPage, OpenPage
from .frames import (
    RECORD_WEBSOCKET_FRAMES,
    assert_nothing_readable,
    frames_in,
    record_frames,
)
from .helpers import (
    Page,
    notice_code,
    open_peer_connections,
    room_name,
    state_of,
    wait_for_call,
    wait_for_notice,
    wait_for_state,
)

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]


async def create_private_room(page: Page) -> str:
    """Press "create a private room" and return the invite link it shows."""
    await wait_for_state(page, "naming")
    await page.click("#room-new")
    await wait_for_state(page, "waiting")
    return str(await page.text_content("#invite-link"))


def key_of(link: str) -> str:
    return urlsplit(link).fragment


async def test_private_link_call_shows_the_server_no_sdp_candidate_or_key(
    open_page: OpenPage,
) -> None:
    first = await open_page("about:blank")
    first_frames = record_frames(first)
    await first.goto("/")
    link = await create_private_room(first)
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", key_of(link))
    assert first.url == link
    second = await open_page("about:blank")
    second_frames = record_frames(second)
    await second.goto(link)
    await wait_for_call(first, second)
    assert_nothing_readable(first_frames + second_frames, key_of(link))


async def test_typed_room_frames_carry_sdp_in_clear(open_page: OpenPage) -> None:
    """The recorder sees signaling: without a key, the offer crosses in clear."""
    first = await open_page("about:blank")
    frames = record_frames(first)
    await first.goto(f"/?room={room_name()}")
    await wait_for_state(first, "waiting")
    second = await open_page(first.url)
    await wait_for_call(first, second)
    assert any("v=0" in frame for frame in frames)


async def test_private_link_call_between_firefox_and_chromium_is_sealed(
    open_page: OpenPage, open_firefox_page: OpenFirefoxPage, base_url: str
) -> None:
    first = await open_page("about:blank")
    chromium_frames = record_frames(first)
    await first.goto("/")
    link = await create_private_room(first)
    second = await open_firefox_page(
        link.removeprefix(base_url), init_script=RECORD_WEBSOCKET_FRAMES
    )
    await wait_for_call(first, second)
    firefox_frames = await frames_in(second)
    assert any('"sealed"' in frame for frame in firefox_frames)
    assert_nothing_readable(chromium_frames + firefox_frames, key_of(link))
    assert await first.text_content("#safety-code") == await second.text_content(
        "#safety-code"
    )


@pytest.mark.parametrize(
    ("damage", "code"),
    [
        (lambda link: link.split("#")[0], "key-missing"),
        (lambda link: link[:-3], "key-invalid"),
    ],
    ids=["without-key", "cut-key"],
)
async def test_link_without_its_key_is_told_so_instead_of_a_broken_call(
    open_page: OpenPage, damage, code: str
) -> None:
    first = await open_page()
    link = await create_private_room(first)
    second = await open_page(damage(link))
    await wait_for_notice(second, code)
    assert await state_of(second) == "naming"
    assert await state_of(first) == "waiting"
    text = str(await second.text_content("#notice"))
    assert "link" in text and "#" in text


# Counts what the page applies to its peer connections.
COUNT_APPLIED = """
(() => {
  window.applied = 0;
  for (const name of ["setRemoteDescription", "addIceCandidate"]) {
    const native = RTCPeerConnection.prototype[name];
    RTCPeerConnection.prototype[name] = function (...args) {
      window.applied += 1;
      return native.apply(this, args);
    };
  }
})();
"""


async def test_altered_or_replayed_message_is_dropped_and_logged(
    open_page: OpenPage,
) -> None:
    """The server in the middle: a copy of a sealed message with one character
    changed, then an exact copy of one already delivered."""
    first = await open_page()
    link = await create_private_room(first)
    second = await open_page("about:blank", init_script=COUNT_APPLIED)
    received: list[str] = []
    routes: list[WebSocketRoute] = []

    def through_the_server(socket: WebSocketRoute) -> None:
        server = socket.connect_to_server()
        routes.append(socket)

        def to_page(message: str | bytes) -> None:
            if isinstance(message, str) and '"sealed"' in message:
                received.append(message)
            socket.send(message)

        server.on_message(to_page)

    await second.route_web_socket(re.compile(r"/socket\.io/"), through_the_server)
    await second.goto(link)
    await wait_for_call(first, second)
    applied = await second.evaluate("window.applied")
    sealed = max(received, key=len)  # a description, applied once already
    cut = sealed.index('"sealed":"') + len('"sealed":"') + 40
    altered = sealed[:cut] + ("A" if sealed[cut] != "A" else "B") + sealed[cut + 1 :]
    for frame, why in ((altered, "does not open"), (sealed, "it was replayed")):
        async with second.expect_console_message(
            lambda line, why=why: why in line.text
        ):
            routes[-1].send(frame)
    assert await second.evaluate("window.applied") == applied
    assert await state_of(second) == "connected"
    assert await open_peer_connections(second) == 1
    assert await notice_code(second) == ""
