"""A connection the server refuses (one of its limits) is told, in words, what
happened and what to do, and a join then answers with it instead of a timeout."""

from __future__ import annotations

import pytest

from signaling.config import Limits, Settings

from .conftest import OpenPage
from .helpers import join, room_name, wait_for_notice, wait_for_state

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

LIMITED = {
    "too-many-connections": Limits(connections_per_address=1),
    "server-full": Limits(max_connections=1),
    "too-many-connection-attempts": Limits(connections_per_minute=1),
}


@pytest.mark.parametrize(
    "server_settings",
    [Settings(limits=limits) for limits in LIMITED.values()],
    ids=list(LIMITED),
)
async def test_a_refused_connection_says_what_to_do(
    open_page: OpenPage, server_settings: Settings
) -> None:
    [code] = [c for c, limits in LIMITED.items() if limits == server_settings.limits]
    first = await open_page()
    await wait_for_state(first, "naming")
    second = await open_page()
    await wait_for_notice(second, code)
    sentence = await second.text_content("#notice")
    assert sentence is not None and "reload this page" in sentence.lower(), sentence
    await join(second, room_name())
    await wait_for_notice(second, code)  # at once: not a timeout's server-error
    await wait_for_state(second, "naming")
