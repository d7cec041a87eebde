"""Take the README's screenshots (docs/screenshots/) from a real call between two
headless Chromium pages with fake devices: `.venv/bin/python scripts/screenshots.py`.
One more shows what Chromium sees of a screen Firefox shares (docs/BROWSERS.md): that
Firefox runs on a virtual screen (Xvfb), as in the tests.

Starts its own server on a free loopback port and stops it by its PID at the end.
"""

from __future__ import annotations

import asyncio
import socket
import sys
import tempfile
from pathlib import Path

from playwright.async_api import Browser, Page, async_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.chromium import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    SHARING_CHROMIUM_ARGS,
)
from tests.e2e.firefox import Firefox  # noqa: E402
from tests.e2e.xvfb import virtual_screen  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def person(browser: Browser, url: str, *, phone: bool = False) -> Page:
    context = await browser.new_context(
        viewport=PHONE if phone else DESKTOP,
        permissions=["camera", "microphone"],
        is_mobile=phone,
        has_touch=phone,
    )
    page = await context.new_page()
    await page.goto(url)
    return page


async def settle(page: Page, state: str) -> None:
    """The page is in `state` and nothing is still gliding into place."""
    await page.wait_for_selector(f'body[data-state="{state}"]', state="attached")
    await page.wait_for_function(
        "() => document.getAnimations().every((a) => a.playState !== 'running')"
    )
    await page.wait_for_timeout(1500)  # a few video frames, for the picture only


async def take(base: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    async with async_playwright() as playwright:
        # The sharer's browser has the fake screen; the phone's the ordinary devices.
        sharing = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=SHARING_CHROMIUM_ARGS
        )
        plain = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        desktop = await person(sharing, f"{base}/")
        await desktop.wait_for_function(
            "() => document.querySelector('#mic-level').value > 0.35", polling=20
        )
        await desktop.screenshot(path=OUT / "desktop-before-joining.png")
        await desktop.fill("#room-name", "family-sunday")
        await desktop.click("#room-submit")
        await settle(desktop, "waiting")
        phone = await person(plain, f"{base}/?room=family-sunday", phone=True)
        await settle(desktop, "connected")
        await settle(phone, "connected")
        await desktop.screenshot(path=OUT / "desktop-call.png")
        await phone.screenshot(path=OUT / "phone-call.png")
        await desktop.click("#share-screen")
        await phone.wait_for_function(
            "() => document.querySelector('#remoteVideo').videoWidth === 1280"
        )
        await settle(phone, "connected")
        await desktop.screenshot(path=OUT / "desktop-sharing.png")
        await phone.screenshot(path=OUT / "phone-sees-shared-screen.png")
        await sharing.close()
        await languages(base, plain)
        await firefox_shares(base, plain)
        await plain.close()


async def languages(base: str, browser: Browser) -> None:
    """The start page and a call in English and German, on a desktop and a phone."""
    for lang in ("en", "de"):
        room = f"{base}/?lang={lang}&room=sonntag-{lang}"
        desktop = await person(browser, f"{base}/?lang={lang}")
        phone = await person(browser, f"{base}/?lang={lang}", phone=True)
        for page, device in ((desktop, "desktop"), (phone, "phone")):
            await settle(page, "naming")
            await page.screenshot(path=OUT / f"start-{lang}-{device}.png")
        await desktop.goto(room)
        await settle(desktop, "waiting")
        await phone.goto(room)
        for page, device in ((desktop, "desktop"), (phone, "phone")):
            await settle(page, "connected")
            await page.screenshot(path=OUT / f"call-{lang}-{device}.png")
        await desktop.context.close()
        await phone.context.close()


async def firefox_shares(base: str, plain: Browser) -> None:
    """Firefox, on a virtual screen, shares it with a Chromium desktop page."""
    with tempfile.TemporaryDirectory() as scratch:
        with virtual_screen(Path(scratch) / "xvfb.log") as display:
            firefox = await Firefox.launch(15_000, display=display)
            try:
                sharer = await firefox.new_page([])
                await sharer.goto(f"{base}/?room=firefox-shares")
                await sharer.wait_for_selector('body[data-state="waiting"]')
                viewer = await person(plain, f"{base}/?room=firefox-shares")
                await settle(viewer, "connected")
                await sharer.click("#share-screen")
                await viewer.wait_for_function(
                    "() => document.querySelector('#remoteVideo').videoWidth === 1280"
                )
                await settle(viewer, "connected")
                await viewer.screenshot(path=OUT / "firefox-shares-with-chromium.png")
            finally:
                await firefox.stop()


async def main() -> None:
    port = free_port()
    server = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "signaling", "--port", str(port), cwd=ROOT
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                _, writer = await asyncio.open_connection("127.0.0.1", port)
                writer.close()
                break
            except OSError:
                await asyncio.sleep(0.1)
        await take(base)
    finally:
        server.terminate()
        await server.wait()


if __name__ == "__main__":
    asyncio.run(main())
