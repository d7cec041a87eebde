"""Routes for the browser client: public/ and the Socket.IO client (its /config is
in ice.py)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from aiohttp import web

PUBLIC_DIR = Path(__file__).resolve().parents[2] / "public"
# Classic pages load this exact path; python-socketio does not serve a browser client.
SOCKET_IO_CLIENT_PATH = "/socket.io/socket.io.js"
SOCKET_IO_CLIENT_FILE = "vendor/socket.io.min.js"
# Spelled out, not left to Python's table (which varies by version): a browser
# ignores a web app manifest served as anything else. The icons under /icons/ get
# image/png and image/svg+xml from aiohttp's own table (tests/protocol/test_static.py).
CONTENT_TYPES = {".webmanifest": "application/manifest+json"}


def add_static_routes(app: web.Application, public_dir: Path = PUBLIC_DIR) -> None:
    """Serve index.html at /, each folder of public/ under its name, and the client."""
    app.router.add_get("/", _file_handler(public_dir / "index.html"))
    app.router.add_get(
        SOCKET_IO_CLIENT_PATH, _file_handler(public_dir / SOCKET_IO_CLIENT_FILE)
    )
    for child in sorted(public_dir.iterdir()):
        if child.is_dir():
            app.router.add_static(f"/{child.name}", child)
        elif child.name != "index.html":
            app.router.add_get(f"/{child.name}", _file_handler(child))


def _file_handler(path: Path) -> Callable[[web.Request], Awaitable[web.FileResponse]]:
    content_type = CONTENT_TYPES.get(path.suffix)
    headers = {"Content-Type": content_type} if content_type else None

    async def handler(request: web.Request) -> web.FileResponse:
        return web.FileResponse(path, headers=headers)

    return handler
