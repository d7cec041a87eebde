"""Bounded time for every HTTP request to arrive: its head within
REQUEST_HEAD_SECONDS, its body within REQUEST_BODY_SECONDS, and at most a few
bodies on their way from one address at once.

aiohttp waits for a request for as long as the client likes: a polling POST that
announces a body and sends none held its connection (and a file descriptor) for
ever, even after its Engine.IO session ended and gave its address's slot back.
Public aiohttp API only: the application's handler arguments and a middleware.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from aiohttp import web

from ..abuse import ConnectionCounter, TrustedProxies
from ..config import Settings

logger = logging.getLogger(__name__)


def handler_args(settings: Settings) -> dict[str, Any]:
    """aiohttp's per-connection settings (`web.Application(handler_args=...)`,
    which `run_app` and test servers both honour)."""
    return {
        # Counted from when the connection opens or its last request ends, and
        # not extended by bytes trickling in: an unfinished head is closed after
        # this long, and so is a keep-alive connection that stays idle.
        "keepalive_timeout": float(settings.limits.request_head_seconds),
        # No lingering to swallow a body nobody reads: the middleware below reads
        # every body, and one it gave up on closes the connection at once.
        "lingering_time": 0.0,
    }


class BodyDeadline:
    """Read each request's body before its handler runs, within the time
    allowed; a body still on its way counts against its address meanwhile."""

    def __init__(self, settings: Settings) -> None:
        self.seconds = settings.limits.request_body_seconds
        self.trusted_proxies = TrustedProxies(settings.limits.trusted_proxies)
        # As many as the address may hold Engine.IO sessions: each has at most
        # one POST on its way.
        self.reading = ConnectionCounter(2 * settings.limits.connections_per_address)

    @web.middleware
    async def middleware(
        self,
        request: web.Request,
        handler: Callable[[web.Request], Any],
    ) -> web.StreamResponse:
        if not request.body_exists:
            return await handler(request)  # type: ignore[no-any-return]
        key = str(id(request))
        address = self.trusted_proxies.request_key(request)
        if not self.reading.open(key, address):
            logger.debug("request body refused: too many on their way")
            return _closing(429, "Too many requests on their way from your address.")
        try:
            async with asyncio.timeout(self.seconds):
                await request.read()  # kept by aiohttp for the handler
        except TimeoutError:
            logger.debug("request body not sent within %d s: closed", self.seconds)
            return _closing(408, "The request body did not arrive in time.")
        finally:
            self.reading.close(key)
        return await handler(request)  # type: ignore[no-any-return]


def _closing(status: int, text: str) -> web.Response:
    response = web.Response(status=status, text=text)
    response.force_close()
    return response


def add_request_timeouts(app: web.Application, settings: Settings) -> BodyDeadline:
    """Read every request body within REQUEST_BODY_SECONDS (the head's time is
    `handler_args`, given when the application is made)."""
    deadline = BodyDeadline(settings)
    app.middlewares.append(deadline.middleware)
    return deadline
