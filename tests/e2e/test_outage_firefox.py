"""A server restart does not interrupt a call with Firefox on one side or both
(test_outage.py has the reasons and the Chromium runs): the same 100 ms sampler of the
other person's video, the same bar, the same peer connection before and after.

The sampler counts frames differently in each browser (tests/e2e/helpers.py), so
this file also shows it seeing video move and then stop, in each browser.
"""

from __future__ import annotations

import pytest

from tests.processes import SignalingServer

from .conftest import OpenFirefoxPage, OpenPage
from .helpers import (
    RECORD_FROZEN_VIDEO,
    RECORD_HISTORY,
    Page,
    assert_talking_to_each_other,
    room_name,
    start_watching_video,
    wait_for_call,
    wait_for_state,
)
from .test_outage import (
    MAX_FROZEN_MS,
    assert_call_went_on,
    restart_under,
    seated_count,
    wait_until,
)

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

SCRIPT = RECORD_HISTORY + RECORD_FROZEN_VIDEO
# Who arrives first (and answers), then who arrives second (and offers).
PAIRS = ["firefox-chromium", "chromium-firefox", "firefox-firefox"]

# The page's video sender sends nothing from now on (no track, so no frames at all).
STOP_SENDING_VIDEO = """() => window.peerConnections
    .findLast((p) => p.connectionState !== "closed")
    .getSenders().find((s) => s.track?.kind === "video").replaceTrack(null)"""


async def call_between(
    open_page: OpenPage, open_firefox_page: OpenFirefoxPage, pair: str, url: str
) -> tuple[Page, Page]:
    """Two people in a call at `url`, in the browsers and order `pair` names."""
    opens = {"firefox": open_firefox_page, "chromium": open_page}
    first_browser, second_browser = pair.split("-")
    first = await opens[first_browser](url, init_script=SCRIPT)
    await wait_for_state(first, "waiting")
    second = await opens[second_browser](url, init_script=SCRIPT)
    await wait_for_call(first, second)
    return first, second


SINCE_WATCHING_STARTED = "() => performance.now() - window.videoSamples.startedAt"


async def clear_history(*pages: Page) -> None:
    """test_outage.py's, as one expression: the Firefox driver evaluates no
    statements."""
    for page in pages:
        await page.evaluate(
            "() => { window.stateHistory = []; window.noticeHistory = []; }"
        )


@pytest.mark.parametrize("pair", PAIRS)
async def test_call_with_firefox_goes_on_while_the_server_restarts(
    open_page: OpenPage,
    open_firefox_page: OpenFirefoxPage,
    signaling_process: SignalingServer,
    pair: str,
) -> None:
    url = f"{signaling_process.url}/?room={room_name()}"
    first, second = await call_between(open_page, open_firefox_page, pair, url)
    await clear_history(first, second)
    await start_watching_video(first, second)
    await restart_under(signaling_process, first, second)
    for page in (first, second):  # when the server was back, on the samples' clock
        print(page, "server back at", await page.evaluate(SINCE_WATCHING_STARTED))
    await wait_until(
        "both are seated again", lambda: seated_count(signaling_process, 2)
    )
    for page in (first, second):  # shown if the call did not go on: when it froze
        print(page, await page.evaluate("window.videoSamples"))
    await assert_call_went_on(first, second)
    await assert_talking_to_each_other(first, second)


@pytest.mark.parametrize("pair", ["firefox-chromium", "chromium-firefox"])
async def test_sampler_sees_the_other_persons_video_move_and_stop(
    open_page: OpenPage, open_firefox_page: OpenFirefoxPage, pair: str
) -> None:
    """The first page watches: it sees new frames while the other person sends them,
    and a frozen stretch past the bar once they stop."""
    url = f"/?room={room_name()}"
    watching, sending = await call_between(open_page, open_firefox_page, pair, url)
    await start_watching_video(watching)
    started = await watching.evaluate("window.videoSamples.lastMovedAt")
    await watching.wait_for_function(
        "(started) => window.videoSamples.lastMovedAt > started", arg=started
    )
    await sending.evaluate(STOP_SENDING_VIDEO)
    await watching.wait_for_function(
        "(bar) => window.videoSamples.longestFrozenMs > bar", arg=MAX_FROZEN_MS
    )
