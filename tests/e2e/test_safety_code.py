"""The safety code: the same short code on both pages of a call, derived from both
DTLS fingerprints, stable while each browser keeps its certificate (IndexedDB)."""

from __future__ import annotations

import hashlib
import re

import pytest

from .conftest import OpenFirefoxPage, OpenPage
from .helpers import Page, fingerprints, room_name, wait_for_call, wait_for_state

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

CODE = re.compile(r"^\d{3} \d{3} \d{3} \d{3}$")

# Forget this browser's stored certificate: the next page load makes a new one.
FORGET_CERTIFICATE = """() => new Promise((resolve, reject) => {
    const deleting = indexedDB.deleteDatabase("video-room");
    deleting.onsuccess = () => resolve(true);
    deleting.onerror = () => reject(deleting.error);
    deleting.onblocked = () => reject(new Error("the database is still open"));
})"""


async def safety_code(page: Page) -> str:
    return str(await page.text_content("#safety-code"))


async def call_pair(open_page: OpenPage, room: str) -> tuple[Page, Page]:
    first = await open_page(f"/?room={room}")
    await wait_for_state(first, "waiting")
    second = await open_page(f"/?room={room}")
    await wait_for_call(first, second)
    return first, second


async def peer_connections_made(page: Page) -> int:
    return int(await page.evaluate("window.peerConnections.length"))


async def shown_code(page: Page, after: int = 0) -> str:
    """The code once the page shows one for a call connected on a peer connection
    made after the first `after` (it is computed as the call connects)."""
    await page.wait_for_function(
        """(after) => window.peerConnections.length > after &&
            document.body.dataset.state === "connected" &&
            document.getElementById("safety-code").textContent !== ""
        """,
        arg=after,
    )
    return await safety_code(page)


def expected_code(one: str, other: str) -> str:
    """The recipe, independently: SHA-256 over both fingerprints in sorted order."""
    sides = sorted(
        f"{algorithm.lower()} {value.upper()}"
        for algorithm, value in (side.split(" ", 1) for side in (one, other))
    )
    digest = hashlib.sha256("\n".join(["video-room safety code v1", *sides]).encode())
    digits = f"{int.from_bytes(digest.digest()[:8], 'big') % 10**12:012d}"
    return " ".join(digits[i : i + 3] for i in range(0, 12, 3))


async def test_both_pages_show_the_same_code_made_from_both_fingerprints(
    open_page: OpenPage,
) -> None:
    room = room_name()
    first = await open_page(f"/?room={room}")
    await wait_for_state(first, "waiting")
    assert await safety_code(first) == ""
    second = await open_page(f"/?room={room}")
    await wait_for_call(first, second)
    code = await shown_code(first)
    assert CODE.match(code)
    assert await shown_code(second) == code
    assert code == expected_code(*await fingerprints(first))


async def test_another_pair_gets_another_code(open_page: OpenPage) -> None:
    room = room_name()
    first, second = await call_pair(open_page, room)
    before = await shown_code(first)
    made = await peer_connections_made(first)
    await second.close()  # the second person leaves; a third calls the first
    await wait_for_state(first, "waiting")
    third = await open_page(f"/?room={room}")
    await wait_for_call(first, third)
    after = await shown_code(third)
    assert after != before
    assert await shown_code(first, after=made) == after


async def test_code_stays_the_same_across_a_reload(open_page: OpenPage) -> None:
    first, second = await call_pair(open_page, room_name())
    before = await shown_code(first)
    made = await peer_connections_made(first)
    await second.reload()
    await wait_for_call(first, second)
    assert await shown_code(second) == before
    assert await shown_code(first, after=made) == before


async def test_code_changes_when_a_certificate_is_replaced(open_page: OpenPage) -> None:
    first, second = await call_pair(open_page, room_name())
    before = await shown_code(first)
    made = await peer_connections_made(first)
    await second.evaluate(FORGET_CERTIFICATE)
    await second.reload()
    await wait_for_call(first, second)
    after = await shown_code(second)
    assert after != before
    assert await shown_code(first, after=made) == after


async def test_code_stays_the_same_across_a_reload_in_firefox(
    open_page: OpenPage, open_firefox_page: OpenFirefoxPage
) -> None:
    room = room_name()
    first = await open_page(f"/?room={room}")
    await wait_for_state(first, "waiting")
    second = await open_firefox_page(f"/?room={room}")
    await wait_for_call(first, second)
    before = await shown_code(first)
    assert await shown_code(second) == before
    made = await peer_connections_made(first)
    await second.reload()
    await wait_for_call(first, second)
    assert await shown_code(first, after=made) == before
    assert await shown_code(second) == before
