"""Render the app's PNG icons from public/icons/icon.svg in headless Chromium (the
Debian one the browser tests use): `.venv/bin/python tools/icons.py`. Run it after
changing the SVG and commit the PNGs it writes next to it.

- icon-192.png, icon-512.png: the SVG as it is, its rounded corners transparent.
- icon-maskable-512.png, apple-touch-icon.png (180): full-bleed, the corners filled
  with the background colour; a launcher or iOS cuts its own shape out of them, and
  the SVG keeps its glyph inside the maskable safe zone (a centre circle, radius 40 %).
"""

from __future__ import annotations

import asyncio
import base64
import sys
from pathlib import Path

from playwright.async_api import Browser, async_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

ICONS = ROOT / "public" / "icons"
SOURCE = ICONS / "icon.svg"
BACKGROUND = "#0f1115"  # the page's --bg and the manifest's background_color

# (file name, size in pixels, full bleed)
RENDERS = [
    ("icon-192.png", 192, False),
    ("icon-512.png", 512, False),
    ("icon-maskable-512.png", 512, True),
    ("apple-touch-icon.png", 180, True),
]


def page_for(svg: bytes, size: int, full_bleed: bool) -> str:
    source = "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
    background = BACKGROUND if full_bleed else "transparent"
    return (
        "<!doctype html><style>html, body { margin: 0; background: "
        f"{background}; }} img {{ display: block; width: {size}px; "
        f'height: {size}px; }}</style><img src="{source}" alt="">'
    )


async def render(
    browser: Browser, svg: bytes, name: str, size: int, full_bleed: bool
) -> None:
    context = await browser.new_context(
        viewport={"width": size, "height": size}, device_scale_factor=1
    )
    page = await context.new_page()
    await page.set_content(page_for(svg, size, full_bleed))
    await page.wait_for_function("document.images[0].complete")
    if not await page.evaluate("document.images[0].naturalWidth > 0"):
        raise SystemExit(
            f"{SOURCE.relative_to(ROOT)} does not render: is it valid SVG?"
        )
    await page.screenshot(path=ICONS / name, omit_background=not full_bleed)
    await context.close()
    print(f"wrote {(ICONS / name).relative_to(ROOT)} ({size}x{size})")


async def main() -> None:
    svg = SOURCE.read_bytes()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        for name, size, full_bleed in RENDERS:
            await render(browser, svg, name, size, full_bleed)
        await browser.close()


if __name__ == "__main__":
    asyncio.run(main())
