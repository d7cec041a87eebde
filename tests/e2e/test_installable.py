"""Chromium finds the page's web app manifest under our Content-Security-Policy, parses
it without an error and sees nothing of ours that stops the page being installed."""

from __future__ import annotations

import pytest

from .conftest import OpenPage
from .helpers import wait_for_state
from .test_csp import RECORD_CSP_VIOLATIONS

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]


async def test_chromium_reads_the_manifest_without_an_error(
    open_page: OpenPage, base_url: str, console_messages: list[str]
) -> None:
    page = await open_page(init_script=RECORD_CSP_VIOLATIONS)
    await wait_for_state(page, "naming")
    cdp = await page.context.new_cdp_session(page)
    manifest = await cdp.send("Page.getAppManifest")
    assert manifest["url"] == f"{base_url}/manifest.webmanifest"
    assert manifest["errors"] == []
    assert '"display": "standalone"' in manifest["data"]
    # Playwright's contexts are incognito windows, where Chromium never offers to
    # install; anything else (an icon missing or too small, a bad start_url) is ours.
    installability = await cdp.send("Page.getInstallabilityErrors")
    errors = [error["errorId"] for error in installability["installabilityErrors"]]
    assert errors == ["in-incognito"]
    assert await page.evaluate("window.cspViolations") == []
    assert [m for m in console_messages if "Content Security Policy" in m] == []
