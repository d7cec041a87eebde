"""A lean Engine.IO environ for an aiohttp request: only the keys engine.io and
python-socketio read (checked against the stock translation in
tests/unit/test_lean_environ.py), with the two the stock translation gets wrong put
right: the peer's address and the request's own scheme. The scheme and host a proxy
forwards are believed only from a trusted proxy (TRUSTED_PROXIES)."""

from __future__ import annotations

from typing import Any

from ..abuse import TrustedProxies
from ..config.limits import LOOPBACK

# Forwarded headers that decide the origin a browser must come from (engine.io's
# same-origin check): only a trusted proxy may name them.
PROXY_ORIGIN_KEYS = ("HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST")
LOOPBACK_PROXIES = TrustedProxies(LOOPBACK)

# The request headers engine.io and python-socketio read from a WSGI-style environ.
ENVIRON_HEADERS = (
    "Accept-Encoding",
    "Access-Control-Request-Headers",
    "Connection",
    "Host",
    "Origin",
    "Upgrade",
    "X-Forwarded-For",  # read by our per-address limits, behind TRUSTED_PROXIES
    "X-Forwarded-Host",
    "X-Forwarded-Proto",
)


def lean_environ(
    request: Any, trusted: TrustedProxies = LOOPBACK_PROXIES
) -> dict[str, Any]:
    """engine.io's environ for an aiohttp request, with only what engine.io and
    python-socketio read: a websocket keeps its environ for as long as it is open,
    and a copy of every header (what the stock translation makes) costs each
    connection about a kilobyte."""
    headers = request.headers
    environ = {
        "wsgi.input": RequestBody(request),
        "REQUEST_METHOD": request.method,
        "QUERY_STRING": request.query_string or "",
        "PATH_INFO": request.path,
        "SCRIPT_NAME": "",
        "REMOTE_ADDR": peer_address(request),
        "aiohttp.request": request,
    }
    for name in ("Content-Type", "Content-Length"):
        if name in headers:
            environ[name.upper().replace("-", "_")] = headers[name]
    for name in ENVIRON_HEADERS:
        if name in headers:
            # Repeated headers are joined with commas, as the stock translation does.
            key = "HTTP_" + name.upper().replace("-", "_")
            environ[key] = ",".join(headers.getall(name))
    forget_untrusted_origin(environ, trusted)
    environ["wsgi.url_scheme"] = request_scheme(environ, request)
    return environ


def forget_untrusted_origin(environ: dict[str, Any], trusted: TrustedProxies) -> None:
    """Drop X-Forwarded-Proto and -Host unless a trusted proxy sent them: from
    anyone else they would let a page on another site pass as this one."""
    if not trusted.is_trusted(environ["REMOTE_ADDR"]):
        for key in PROXY_ORIGIN_KEYS:
            environ.pop(key, None)


class RequestBody:
    """engine.io's `wsgi.input`: the request's whole body, which the timeout
    middleware read within REQUEST_BODY_SECONDS (http/timeouts.py) and aiohttp
    keeps; engine.io reading the stream itself would wait for it without end."""

    __slots__ = ("request",)

    def __init__(self, request: Any) -> None:
        self.request = request

    async def read(self, length: int = -1) -> bytes:
        return bytes(await self.request.read())


def peer_address(request: Any) -> str:
    """The address the connection comes from (the stock translation says
    127.0.0.1 for every one, so no per-address limit could work)."""
    return str(request.remote or "")


def request_scheme(environ: dict[str, Any], request: Any) -> str:
    """The scheme the browser used: a trusted TLS proxy's X-Forwarded-Proto (its
    first entry, as engine.io reads it), else the request's own (the stock
    translation says http without that header, so with CERTFILE every https://
    Origin was refused)."""
    forwarded = str(environ.get("HTTP_X_FORWARDED_PROTO", "")).split(",")[0].strip()
    return forwarded or str(request.scheme)


def with_peer(
    environ: dict[str, Any], trusted: TrustedProxies = LOOPBACK_PROXIES
) -> dict[str, Any]:
    """Put the peer's address and the request's scheme into an environ that the
    stock translation made (TRANSPORT=stock)."""
    request = environ["aiohttp.request"]
    environ["wsgi.input"] = RequestBody(request)
    environ["REMOTE_ADDR"] = peer_address(request)
    forget_untrusted_origin(environ, trusted)
    environ["wsgi.url_scheme"] = request_scheme(environ, request)
    return environ
