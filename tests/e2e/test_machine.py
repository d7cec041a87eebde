"""The page's state machine (public/js/machine.js), run in Chromium as the page runs
it: (page data, event) → what changes, for the transitions that matter most."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import OpenPage

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

IN_CALL = {"state": "connected", "room": "r", "signaling": "online", "call": {}}
NOTICE = {"code": "reconnecting", "text": "The connection was lost. Reconnecting…"}
CASES: list[tuple[str, dict[str, Any], dict[str, Any], Any]] = [
    (
        "the peer connection failing interrupts a connected call",
        IN_CALL,
        {"type": "pc-state", "pcState": "failed", "remotePlaying": False},
        {"state": "reconnecting", "notice": NOTICE},
    ),
    (
        "the other person arriving means nothing outside a room",
        {**IN_CALL, "state": "naming", "room": None, "call": None},
        {"type": "peer-joined"},
        None,
    ),
    (
        "remote media playing is not a call while signaling is away",
        {**IN_CALL, "state": "reconnecting", "signaling": "offline"},
        {"type": "remote-playing"},
        None,
    ),
    (
        "remote media playing connects and clears the reconnecting notice",
        {**IN_CALL, "state": "reconnecting", "notice": NOTICE},
        {"type": "remote-playing"},
        {"state": "connected", "notice": {"code": "", "text": ""}},
    ),
    (
        "a refused join goes back to the form with the server's sentence",
        {**IN_CALL, "state": "joining", "room": None},
        {"type": "join-refused", "code": "room-full", "text": "Full."},
        {"state": "naming", "notice": {"code": "room-full", "text": "Full."}},
    ),
]


@pytest.mark.parametrize(
    ("page_data", "event", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
async def test_transition_table(
    open_page: OpenPage, page_data: dict[str, Any], event: dict[str, Any], expected: Any
) -> None:
    page = await open_page(media=False)
    changes = await page.evaluate(
        """async ([page, event]) => {
            const { NO_NOTICE, transition } = await import("/js/machine.js");
            return transition({ notice: NO_NOTICE, polite: false, ...page }, event);
        }""",
        [page_data, event],
    )
    assert changes == expected


async def test_an_unknown_event_is_a_bug_not_a_silent_no_op(
    open_page: OpenPage,
) -> None:
    page = await open_page(media=False)
    error = await page.evaluate(
        """async () => {
            const { transition } = await import("/js/machine.js");
            try { transition({ state: "naming" }, { type: "no-such-event" }); }
            catch (err) { return err.message; }
        }"""
    )
    assert error == "unknown page event no-such-event"
