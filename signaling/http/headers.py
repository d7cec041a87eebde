"""Security headers on every response: the page may run only our own scripts, talk
only to its own server, use the camera and microphone only for itself, and never be
framed."""

from __future__ import annotations

import re

from aiohttp import web

# The Host header as a browser sends it: a name or [IPv6] literal, optional port.
_SAFE_HOST = re.compile(r"^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$")

STATIC_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(self), microphone=(self)",
}


def content_security_policy(host: str | None) -> str:
    """Only our own scripts, styles and server; ws/wss of self spelled out because
    older browsers do not let 'self' match WebSocket URLs."""
    sockets = f" ws://{host} wss://{host}" if host and _SAFE_HOST.match(host) else ""
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            f"connect-src 'self'{sockets}",
            "media-src 'self' blob:",
            "img-src 'self' data:",
            # The web app manifest that makes the page installable (our own only).
            "manifest-src 'self'",
            "style-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        )
    )


async def _add_headers(request: web.Request, response: web.StreamResponse) -> None:
    if response.status == 101:
        # A WebSocket handshake: these headers govern documents, and a socket keeps
        # its handshake response (and so its headers) for as long as it is open.
        return
    response.headers.update(STATIC_HEADERS)
    response.headers["Content-Security-Policy"] = content_security_policy(
        request.headers.get("Host")
    )


def add_security_headers(app: web.Application) -> None:
    """Set the headers as each response is prepared.

    A response-prepare hook rather than a middleware: it also sees error pages raised
    as exceptions (404), which a middleware would miss.
    """
    app.on_response_prepare.append(_add_headers)
