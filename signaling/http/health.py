"""GET /healthz (the process answers) and GET /readyz (it can take calls): plain text
for load balancers and container health checks."""

from __future__ import annotations

from collections.abc import Callable

from aiohttp import web

from .redis import redis_problem

HEALTH_PATH = "/healthz"
READY_PATH = "/readyz"
NO_STORE = {"Cache-Control": "no-store"}


async def healthz(request: web.Request) -> web.Response:
    """Alive: the event loop runs and serves HTTP."""
    return web.Response(text="ok", headers=NO_STORE)


def add_health_routes(
    app: web.Application, is_shutting_down: Callable[[], bool]
) -> None:
    """Add both routes; `is_shutting_down()` says the server is draining."""

    async def readyz(request: web.Request) -> web.Response:
        """Ready: not shutting down, and Redis (when configured) answers PING."""
        problem = "shutting down" if is_shutting_down() else None
        problem = problem or await redis_problem(request.app)
        if problem is not None:
            return web.Response(status=503, text=problem, headers=NO_STORE)
        return web.Response(text="ready", headers=NO_STORE)

    app.router.add_get(HEALTH_PATH, healthz)
    app.router.add_get(READY_PATH, readyz)
