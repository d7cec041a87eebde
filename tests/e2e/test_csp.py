"""Our Content-Security-Policy never gets in the way of our own page."""

from __future__ import annotations

import pytest

from .conftest import OpenPage
from .helpers import room_name, wait_for_call, wait_for_state

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

# Records every CSP violation the page reports, from before its first script runs.
RECORD_CSP_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


async def test_a_whole_call_runs_without_a_csp_violation(
    open_page: OpenPage, console_messages: list[str]
) -> None:
    room = room_name()
    first = await open_page(init_script=RECORD_CSP_VIOLATIONS)
    response = await first.goto(f"/?room={room}")
    assert response is not None
    assert "script-src 'self'" in response.headers["content-security-policy"]
    second = await open_page(f"/?room={room}", init_script=RECORD_CSP_VIOLATIONS)
    await wait_for_call(first, second)
    await second.click("#hang-up")
    await wait_for_state(second, "naming")
    await wait_for_state(first, "waiting")
    for page in (first, second):
        assert await page.evaluate("window.cspViolations") == []
    assert [m for m in console_messages if "Content Security Policy" in m] == []
