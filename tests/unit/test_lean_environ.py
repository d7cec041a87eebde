"""The lean environ holds, for every key engine.io and python-socketio read, what the
stock aiohttp translation holds."""

import pytest
from aiohttp.test_utils import make_mocked_request
from engineio.async_drivers.aiohttp import translate_request
from multidict import CIMultiDict

from signaling.transport.environ import ENVIRON_HEADERS, lean_environ

READ_KEYS = [
    "wsgi.input",
    "wsgi.url_scheme",
    "REQUEST_METHOD",
    "QUERY_STRING",
    "PATH_INFO",
    "SCRIPT_NAME",
    "REMOTE_ADDR",
    "CONTENT_TYPE",
    "CONTENT_LENGTH",
    "aiohttp.request",
] + ["HTTP_" + name.upper().replace("-", "_") for name in ENVIRON_HEADERS]

REQUESTS = {
    "websocket": (
        "GET",
        "/socket.io/?EIO=4&transport=websocket",
        [
            ("Host", "example.org:8000"),
            ("Upgrade", "websocket"),
            ("Connection", "Upgrade"),
            ("Origin", "https://example.org"),
            ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
            ("User-Agent", "test"),
        ],
    ),
    "polling-post": (
        "POST",
        "/socket.io/?EIO=4&transport=polling&sid=abc",
        [
            ("Host", "example.org"),
            ("Content-Type", "text/plain;charset=UTF-8"),
            ("Content-Length", "2"),
            ("Accept-Encoding", "gzip, deflate"),
        ],
    ),
    "behind-a-proxy": (
        "GET",
        "/socket.io/?EIO=4&transport=polling",
        [
            ("Host", "internal:8000"),
            ("X-Forwarded-Proto", "https"),
            ("X-Forwarded-Host", "video.example.org"),
            ("Connection", "keep-alive"),
            ("Connection", "Upgrade"),  # repeated: joined with a comma
        ],
    ),
    "preflight": (
        "OPTIONS",
        "/socket.io/?EIO=4&transport=polling",
        [
            ("Host", "example.org"),
            ("Origin", "https://other.example"),
            ("Access-Control-Request-Headers", "content-type"),
        ],
    ),
}


@pytest.mark.parametrize("method, path, headers", REQUESTS.values(), ids=REQUESTS)
def test_every_key_that_is_read_matches_the_stock_environ(
    method: str, path: str, headers: list[tuple[str, str]]
) -> None:
    request = make_mocked_request(method, path, headers=CIMultiDict(headers))
    stock, lean = translate_request(request), lean_environ(request)
    for key in READ_KEYS:
        assert lean.get(key) == stock.get(key), key
    assert set(lean) <= set(stock)
