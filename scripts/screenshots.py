"""Take the README's screenshots (docs/screenshots/) from a real call between two
headless Chromium pages with fake devices: `.venv/bin/python scripts/screenshots.py`.

Starts its own server on a free loopback port and stops it by its PID at the end.
"""

from __future__ import annotations

import asyncio
import socket
import sys
from pathlib import Path

from playwright.async_api import Browser, Page, async_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.chromium import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    SHARING_CHROMIUM_ARGS,
)

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
        await plain.close()


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
