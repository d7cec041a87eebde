"""Real Chromium against the real app, in one event loop shared by the whole session.

The browser starts once per session; every test gets a fresh server (its own registry)
and fresh browser contexts, one per person. A test module that needs other server
settings overrides the `server_settings` fixture. Camera and microphone are fake
devices; permission is granted or withheld per context, as a person would.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
import pytest_asyncio
from aiohttp.test_utils import TestServer
from playwright.async_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Dialog,
    Page,
    async_playwright,
)

from signaling import create_app
from signaling.app import SIGNALING
from signaling.config import Settings
from signaling.rooms import RoomRegistry
from tests.processes import SignalingServer

from .chromium import CHROMIUM, SHARING_CHROMIUM_ARGS
from .chromium import CHROMIUM_ARGS as BASE_CHROMIUM_ARGS
from .firefox import Firefox, FirefoxPage
from .helpers import RECORD_PEER_CONNECTIONS
from .xvfb import virtual_screen

INSECURE_HOST = "video-room.test"
CHROMIUM_ARGS = [
    *BASE_CHROMIUM_ARGS,
    # A name for the test server that is not localhost, so plain http is not secure.
    f"--host-resolver-rules=MAP {INSECURE_HOST} 127.0.0.1",
]
CLASSIC_DIR = Path(__file__).resolve().parent / "classic"
# Every wait is bounded: a broken call fails in seconds instead of hanging the suite.
TIMEOUT_MS = 15_000

# Closing a context or the server can stall when a page or socket misbehaves.
CLOSE_TIMEOUT_S = 10

OpenPage = Callable[..., Awaitable[Page]]
OpenFirefoxPage = Callable[..., Awaitable[FirefoxPage]]


async def close_within(closing: Awaitable[object], what: str) -> None:
    """Await a teardown step, bounded: a stuck close fails loudly instead of hanging."""
    try:
        async with asyncio.timeout(CLOSE_TIMEOUT_S):
            await closing
    except TimeoutError:
        for task in asyncio.all_tasks():
            task.print_stack(limit=8)
        pytest.fail(f"closing {what} took over {CLOSE_TIMEOUT_S} s")


@pytest_asyncio.fixture(loop_scope="session", scope="session")
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        await browser.close()


@pytest_asyncio.fixture(loop_scope="session", scope="session")
async def sharing_browser() -> AsyncIterator[Browser]:
    """A second Chromium that shares a fake screen without a picker and has three
    cameras (see `open_sharing_page`)."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=SHARING_CHROMIUM_ARGS, headless=True
        )
        yield browser
        await browser.close()


@pytest_asyncio.fixture(loop_scope="session", scope="session")
async def firefox() -> AsyncIterator[Firefox]:
    """Debian's firefox-esr through the Node driver, started once per session."""
    firefox = await Firefox.launch(TIMEOUT_MS)
    try:
        yield firefox
    finally:
        await firefox.stop()


@pytest_asyncio.fixture(loop_scope="session", scope="session")
async def firefox_blocking_autoplay() -> AsyncIterator[Firefox]:
    """A second Firefox with its own autoplay policy, for the tests that need it."""
    firefox = await Firefox.launch(TIMEOUT_MS, autoplay=False)
    try:
        yield firefox
    finally:
        await firefox.stop()


@pytest_asyncio.fixture(loop_scope="session", scope="session")
async def screen_firefox(
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[Firefox]:
    """A Firefox with windows on a virtual screen of its own (Xvfb), which its
    getDisplayMedia shares without a picker; headless Firefox has no screen."""
    log = tmp_path_factory.mktemp("xvfb") / "xvfb.log"
    with virtual_screen(log) as display:
        firefox = await Firefox.launch(TIMEOUT_MS, display=display)
        try:
            yield firefox
        finally:
            await firefox.stop()


@pytest.fixture
def server_settings() -> Settings:
    """The test server's settings: the defaults, unless a test parametrizes this name
    or a module overrides the fixture."""
    return Settings()


@pytest_asyncio.fixture(loop_scope="session")
async def e2e_server(server_settings: Settings) -> AsyncIterator[TestServer]:
    """The real app on 127.0.0.1, plus the classic codelab fixture page at /classic/."""
    app = create_app(server_settings)
    app.router.add_static("/classic", CLASSIC_DIR)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    yield server
    await close_within(server.close(), "the server")


@pytest_asyncio.fixture(loop_scope="session")
async def signaling_process(tmp_path: Path) -> AsyncIterator[SignalingServer]:
    """`python -m signaling` in a process of its own, for tests that stop, kill or
    restart the server. Its fixed SECRET_KEY keeps seat tokens valid across a
    restart."""
    server = SignalingServer(
        "signaling", {"LOG_LEVEL": "INFO", "SECRET_KEY": secrets.token_hex(32)}
    )
    try:
        await asyncio.to_thread(server.start, tmp_path)
        yield server
    finally:
        await asyncio.to_thread(server.stop)


@pytest.fixture
def base_url(e2e_server: TestServer) -> str:
    return str(e2e_server.make_url("/")).rstrip("/")


@pytest.fixture
def registry(e2e_server: TestServer) -> RoomRegistry:
    return e2e_server.app[SIGNALING].registry


@pytest.fixture
def dialogs() -> list[str]:
    """Messages of every alert, confirm or prompt any page opened: none is expected."""
    return []


@pytest.fixture
def console_messages() -> list[str]:
    """Every console message of every page the test opened, from its first load on."""
    return []


@contextlib.asynccontextmanager
async def chromium_pages(
    browser: Browser,
    base_url: str,
    dialogs: list[str],
    console_messages: list[str],
    prefix: str = "page",
) -> AsyncIterator[OpenPage]:
    """A factory of people in one Chromium, each in a new context; every context
    closes at the end."""
    contexts: list[BrowserContext] = []

    async def record_and_dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        await dialog.dismiss()

    async def factory(
        path: str = "/",
        *,
        media: bool = True,
        init_script: str | None = None,
        phone: bool = False,
    ) -> Page:
        context = await browser.new_context(
            base_url=base_url,
            permissions=["camera", "microphone"] if media else [],
            # A phone: a small touch screen, whose pointer is coarse.
            **(
                {"viewport": {"width": 360, "height": 740}, "has_touch": True}
                if phone
                else {}
            ),
        )
        contexts.append(context)
        context.set_default_timeout(TIMEOUT_MS)
        await context.add_init_script(RECORD_PEER_CONNECTIONS)
        if init_script is not None:
            await context.add_init_script(init_script)
        page = await context.new_page()
        name = f"{prefix}{len(contexts)}"

        # Shown only when a test fails (pytest captures stdout): the page's own log.
        def record_console(message: ConsoleMessage) -> None:
            console_messages.append(f"{name} {message.text}")
            print(f"{name} {message.text}")

        page.on("console", record_console)
        page.on("pageerror", lambda error: print(f"{name} error: {error}"))
        page.on("dialog", record_and_dismiss)
        await page.goto(path)
        return page

    try:
        yield factory
    finally:
        for context in contexts:
            await close_within(context.close(), "a browser context")


@pytest_asyncio.fixture(loop_scope="session")
async def open_page(
    browser: Browser, base_url: str, dialogs: list[str], console_messages: list[str]
) -> AsyncIterator[OpenPage]:
    """Open a page as a new person (a new context); every context closes at teardown."""
    async with chromium_pages(browser, base_url, dialogs, console_messages) as factory:
        yield factory


@pytest_asyncio.fixture(loop_scope="session")
async def open_sharing_page(
    sharing_browser: Browser,
    base_url: str,
    dialogs: list[str],
    console_messages: list[str],
) -> AsyncIterator[OpenPage]:
    """`open_page` in the Chromium that shares a screen and has three cameras."""
    async with chromium_pages(
        sharing_browser, base_url, dialogs, console_messages, prefix="sharing"
    ) as factory:
        yield factory


@contextlib.asynccontextmanager
async def firefox_pages(
    firefox: Firefox, base_url: str, dialogs: list[str], console_messages: list[str]
) -> AsyncIterator[OpenFirefoxPage]:
    """A factory of Firefox people like `open_page`'s; closes every page at the end."""
    pages: list[FirefoxPage] = []

    def record_console(name: str, text: str) -> None:
        console_messages.append(f"{name} {text}")
        print(f"{name} {text}")

    firefox.on_console = record_console
    firefox.on_dialog = lambda name, text: dialogs.append(text)

    async def factory(
        path: str = "/", *, init_script: str | None = None
    ) -> FirefoxPage:
        scripts = [RECORD_PEER_CONNECTIONS]
        if init_script is not None:
            scripts.append(init_script)
        page = await firefox.new_page(scripts)
        pages.append(page)
        # A full URL goes elsewhere (a server process of its own), as in Playwright.
        await page.goto(path if "://" in path else base_url + path)
        return page

    try:
        yield factory
    finally:
        for page in pages:
            await close_within(page.close(), "a Firefox page")


@pytest_asyncio.fixture(loop_scope="session")
async def open_firefox_page(
    firefox: Firefox, base_url: str, dialogs: list[str], console_messages: list[str]
) -> AsyncIterator[OpenFirefoxPage]:
    """`open_page` in Firefox: a new person, with a context and window of its own."""
    async with firefox_pages(firefox, base_url, dialogs, console_messages) as factory:
        yield factory


@pytest_asyncio.fixture(loop_scope="session")
async def open_screen_firefox_page(
    screen_firefox: Firefox,
    base_url: str,
    dialogs: list[str],
    console_messages: list[str],
) -> AsyncIterator[OpenFirefoxPage]:
    """`open_firefox_page` in the Firefox that can share its (virtual) screen."""
    async with firefox_pages(
        screen_firefox, base_url, dialogs, console_messages
    ) as factory:
        yield factory


@pytest_asyncio.fixture(loop_scope="session")
async def open_firefox_page_blocking_autoplay(
    firefox_blocking_autoplay: Firefox,
    base_url: str,
    dialogs: list[str],
    console_messages: list[str],
) -> AsyncIterator[OpenFirefoxPage]:
    """`open_firefox_page` in a Firefox that plays sound only after a click."""
    async with firefox_pages(
        firefox_blocking_autoplay, base_url, dialogs, console_messages
    ) as factory:
        yield factory
