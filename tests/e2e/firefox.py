"""Debian's firefox-esr for the browser tests, driven through a small Node process.

`firefox_driver/driver.mjs` launches Firefox with puppeteer-core over WebDriver BiDi
and takes one JSON command per line. `Firefox` owns that process (and knows the
Firefox PID, to stop both even when the driver hangs); `FirefoxPage` offers the few
Playwright `Page` methods the helpers use, so a helper takes either browser's page.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import shutil
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

FIREFOX = "/usr/bin/firefox-esr"
DRIVER_DIR = Path(__file__).resolve().parent / "firefox_driver"
DRIVER = DRIVER_DIR / "driver.mjs"
START_SECONDS = 30.0
STOP_SECONDS = 10.0
PROFILE_PREFIX = "puppeteer_dev_firefox_profile-"
# Lines the driver writes can hold a whole evaluated value.
LINE_LIMIT = 16 * 1024 * 1024


class FirefoxError(Exception):
    """A command the driver could not carry out (its error text included)."""


class Value:
    """What `wait_for_function` returns: the value, as a Playwright `JSHandle`."""

    def __init__(self, value: Any) -> None:
        self._value = value

    async def json_value(self) -> Any:
        return self._value


class Firefox:
    """One Node driver process and the Firefox it launched; `stop` ends both by PID."""

    def __init__(self, process: asyncio.subprocess.Process, timeout_ms: int) -> None:
        self.process = process
        self.timeout_ms = timeout_ms
        self.firefox_pid: int | None = None
        self.profile: Path | None = None
        self.closed = False  # the driver closed Firefox itself
        self.version = ""
        self.on_console: Callable[[str, str], None] = lambda page, text: None
        self.on_dialog: Callable[[str, str], None] = lambda page, text: None
        self._ids = itertools.count(1)
        self._pending: dict[int, asyncio.Future[Any]] = {}
        self._ready: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._reader = asyncio.create_task(self._read())
        self._stderr: list[str] = []
        self._stderr_reader = asyncio.create_task(self._read_stderr())

    @classmethod
    async def launch(
        cls, timeout_ms: int, *, autoplay: bool = True, display: str | None = None
    ) -> Firefox:
        """Start the driver and its Firefox; `autoplay=False` keeps Firefox's own
        autoplay policy (sound needs a click) instead of allowing it. With a
        `display` (an X display such as ":5") Firefox runs with windows on that
        screen instead of headless, and can share it."""
        for needed in (Path(FIREFOX), DRIVER_DIR / "node_modules" / "puppeteer-core"):
            if not needed.exists():
                raise FirefoxError(
                    f"{needed} is missing: scripts/test installs firefox-esr (apt) and "
                    f"the driver's npm packages (npm ci in {DRIVER_DIR})"
                )
        process = await asyncio.create_subprocess_exec(
            "node",
            str(DRIVER),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            cwd=DRIVER_DIR,
            env={
                **os.environ,
                "FIREFOX": FIREFOX,
                # Firefox's media.autoplay.default: 0 allows, 1 blocks audible media.
                "FIREFOX_AUTOPLAY": "0" if autoplay else "1",
                **(
                    {"FIREFOX_HEADLESS": "0", "DISPLAY": display}
                    if display is not None
                    else {}
                ),
            },
            limit=LINE_LIMIT,
        )
        firefox = cls(process, timeout_ms)
        try:
            async with asyncio.timeout(START_SECONDS):
                await asyncio.shield(firefox._ready)
        except BaseException:
            await firefox.stop()
            raise
        return firefox

    async def _read(self) -> None:
        assert self.process.stdout is not None
        while line := await self.process.stdout.readline():
            message = json.loads(line)
            if "id" in message:
                future = self._pending.pop(message["id"], None)
                if future is None or future.done():
                    continue
                if message["ok"]:
                    future.set_result(message["value"])
                else:
                    future.set_exception(FirefoxError(message["error"]))
            elif message["event"] == "ready":
                self.firefox_pid, self.version = message["pid"], message["version"]
                if message["profile"]:
                    self.profile = Path(message["profile"])
                self._ready.set_result(None)
            elif message["event"] == "closed":
                self.closed = True
            elif message["event"] == "console":
                self.on_console(message["page"], message["text"])
            elif message["event"] == "dialog":
                self.on_dialog(message["page"], message["text"])
        gone = FirefoxError("the Firefox driver exited:\n" + "".join(self._stderr))
        if not self._ready.done():
            self._ready.set_exception(gone)
        for future in self._pending.values():
            if not future.done():
                future.set_exception(gone)
        self._pending.clear()

    async def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        while line := await self.process.stderr.readline():
            self._stderr.append(line.decode(errors="replace"))

    async def command(self, cmd: str, **args: Any) -> Any:
        """Send one command and wait for its answer (bounded by the test timeout)."""
        if self.process.returncode is not None or self._reader.done():
            raise FirefoxError("the Firefox driver is not running")
        assert self.process.stdin is not None
        command_id = next(self._ids)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending[command_id] = future
        line = json.dumps({"id": command_id, "cmd": cmd, **args}) + "\n"
        self.process.stdin.write(line.encode())
        # The driver bounds its own waits; this bound is for a driver that hangs.
        async with asyncio.timeout(self.timeout_ms / 1000 + 10):
            return await future

    async def new_page(self, init_scripts: list[str]) -> FirefoxPage:
        name = await self.command("newPage", initScripts=init_scripts)
        return FirefoxPage(self, str(name))

    async def press_stop_sharing(self) -> None:
        """Press "Stop Sharing" on Firefox's own sharing indicator (only a Firefox
        launched with a `display` has one that a test can reach)."""
        await self.command("pressStopSharing", timeoutMs=self.timeout_ms)

    async def stop(self) -> None:
        """Close stdin (the driver closes Firefox and exits), then make sure by PID."""
        if self.process.stdin is not None and not self.process.stdin.is_closing():
            self.process.stdin.close()
        try:
            async with asyncio.timeout(STOP_SECONDS):
                await self.process.wait()
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                self.process.kill()
            await self.process.wait()
        # Every line read, "closed" included; the pipe ends with the driver.
        with contextlib.suppress(Exception):
            async with asyncio.timeout(STOP_SECONDS):
                await self._reader
        self._reader.cancel()
        if not self.closed and self.firefox_pid is not None:
            kill_firefox(self.firefox_pid)
        if self.profile is not None and self.profile.name.startswith(PROFILE_PREFIX):
            # puppeteer removes it on a clean close only.
            shutil.rmtree(self.profile, ignore_errors=True)
        self._stderr_reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._stderr_reader


def kill_firefox(pid: int) -> None:
    """SIGKILL the Firefox the driver could not close, if that PID is still Firefox."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return
    if b"firefox" in cmdline:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


class FirefoxPage:
    """One person in Firefox, with the Playwright `Page` methods the helpers call."""

    def __init__(self, firefox: Firefox, name: str) -> None:
        self.firefox = firefox
        self.name = name

    def __repr__(self) -> str:
        return f"<FirefoxPage {self.name}>"

    async def _command(self, cmd: str, **args: Any) -> Any:
        return await self.firefox.command(cmd, page=self.name, **args)

    async def goto(self, url: str) -> None:
        await self._command("goto", url=url)

    async def reload(self) -> None:
        await self._command("reload")

    async def evaluate(self, expression: str, arg: Any = None) -> Any:
        return await self._command("evaluate", source=expression, arg=arg)

    async def wait_for_function(self, expression: str, arg: Any = None) -> Value:
        value = await self._command(
            "waitFor", source=expression, arg=arg, timeoutMs=self.firefox.timeout_ms
        )
        return Value(value)

    async def wait_for_selector(self, selector: str, state: str = "attached") -> None:
        if state != "attached":
            raise ValueError(f"only state='attached' is supported, not {state!r}")
        await self.wait_for_function(
            "(selector) => document.querySelector(selector) !== null", selector
        )

    async def get_attribute(self, selector: str, name: str) -> str | None:
        value = await self.evaluate(
            "([selector, name]) => document.querySelector(selector).getAttribute(name)",
            [selector, name],
        )
        return None if value is None else str(value)

    async def text_content(self, selector: str) -> str | None:
        value = await self.evaluate(
            "(selector) => document.querySelector(selector).textContent", selector
        )
        return None if value is None else str(value)

    async def fill(self, selector: str, value: str) -> None:
        await self._command("fill", selector=selector, value=value)

    async def click(self, selector: str) -> None:
        await self._command("click", selector=selector)

    async def set_offline(self, offline: bool) -> None:
        """Offline or back, this page only (BiDi `emulation.setNetworkConditions`)."""
        await self._command("setOffline", offline=offline)

    async def close(self) -> None:
        await self._command("closePage")
