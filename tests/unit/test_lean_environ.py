"""The lean environ holds, for every key engine.io and python-socketio read, what the
stock aiohttp translation holds."""

import ssl
from unittest import mock

import pytest
from aiohttp import streams
from aiohttp.test_utils import make_mocked_request
from engineio.async_drivers.aiohttp import translate_request
from multidict import CIMultiDict

from signaling.abuse import TrustedProxies
from signaling.transport.environ import ENVIRON_HEADERS, lean_environ, with_peer

PROXY = "10.0.0.2"
FROM_PROXY = TrustedProxies([PROXY])

# Not wsgi.input: both modes hand engine.io the body that the timeout middleware
# already read (test_the_body_engine_io_reads_is_the_body_aiohttp_kept).
READ_KEYS = [
    "REQUEST_METHOD",
    "QUERY_STRING",
    "PATH_INFO",
    "SCRIPT_NAME",
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
    request = make_mocked_request(
        method, path, headers=CIMultiDict(headers), transport=tls_transport(PROXY)
    )
    stock, lean = translate_request(request), lean_environ(request, FROM_PROXY)
    for key in READ_KEYS:
        assert lean.get(key) == stock.get(key), key
    assert set(lean) <= set(stock)


def tls_transport(peer: str) -> mock.Mock:
    """A connection from `peer` over TLS, as aiohttp's request sees it."""
    return plain_transport(peer, ssl.create_default_context())


def plain_transport(peer: str, context: ssl.SSLContext | None = None) -> mock.Mock:
    """A connection from `peer` (over TLS with a `context`)."""
    extra = {"peername": (peer, 50000), "sslcontext": context}
    transport = mock.Mock()
    transport.get_extra_info.side_effect = lambda name, default=None: extra.get(
        name, default
    )
    return transport


def test_the_peer_address_and_the_request_scheme_are_the_requests_own() -> None:
    request = make_mocked_request(
        "GET",
        "/socket.io/",
        transport=tls_transport("203.0.113.7"),
        sslcontext=ssl.create_default_context(),
    )
    # The stock translation says 127.0.0.1 and http for every request.
    for environ in (lean_environ(request), with_peer(translate_request(request))):
        assert environ["REMOTE_ADDR"] == "203.0.113.7"
        assert environ["wsgi.url_scheme"] == "https"


def test_a_trusted_proxy_s_forwarded_proto_names_the_scheme() -> None:
    headers = CIMultiDict([("X-Forwarded-Proto", "https")])
    request = make_mocked_request(
        "GET", "/socket.io/", headers=headers, transport=plain_transport(PROXY)
    )
    assert lean_environ(request, FROM_PROXY)["wsgi.url_scheme"] == "https"
    stock = with_peer(translate_request(request), FROM_PROXY)
    assert stock["wsgi.url_scheme"] == "https"


def test_anyone_else_s_forwarded_proto_and_host_are_not_believed() -> None:
    """From a client that is not a trusted proxy, X-Forwarded-Proto/-Host would
    make engine.io accept an Origin of the client's choosing."""
    headers = CIMultiDict(
        [("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "evil.example")]
    )
    request = make_mocked_request(
        "GET", "/socket.io/", headers=headers, transport=plain_transport("203.0.113.7")
    )
    for environ in (
        lean_environ(request, FROM_PROXY),
        with_peer(translate_request(request), FROM_PROXY),
    ):
        assert environ["wsgi.url_scheme"] == "http"
        assert "HTTP_X_FORWARDED_PROTO" not in environ
        assert "HTTP_X_FORWARDED_HOST" not in environ


async def test_the_body_engine_io_reads_is_the_body_aiohttp_kept() -> None:
    payload = streams.StreamReader(mock.Mock(), 2**16, loop=mock.Mock())
    payload.feed_data(b"40")
    payload.feed_eof()
    request = make_mocked_request("POST", "/socket.io/", payload=payload)
    assert await request.read() == b"40"  # what the middleware does first
    for environ in (lean_environ(request), with_peer(translate_request(request))):
        assert await environ["wsgi.input"].read(2) == b"40"
