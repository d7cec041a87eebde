"""GET /config: the RTCConfiguration the page passes to RTCPeerConnection as is.

With TURN_SECRET, each answer carries fresh TURN credentials in coturn's REST scheme
(use-auth-secret): the secret itself never leaves the server.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web

from ..abuse import Buckets, TrustedProxies
from ..config import Settings
from ..rooms.errors import TOO_MANY_REQUESTS

CONFIG_PATH = "/config"


def turn_credentials(
    secret: str, ttl: int, now: float, name: str | None = None
) -> tuple[str, str]:
    """A (username, credential) pair that a TURN server with `secret` accepts until
    now + ttl.

    username = "<unix expiry>:<name>", credential = base64(HMAC-SHA1(secret, username)),
    as in draft-uberti-behave-turn-rest and coturn's --use-auth-secret. The name is
    random by default so that no two pages share a username.
    """
    username = f"{int(now) + ttl}:{name or secrets.token_hex(8)}"
    digest = hmac.new(secret.encode(), username.encode(), hashlib.sha1).digest()
    return username, base64.b64encode(digest).decode()


class IceConfig:
    """Builds the /config answer from the settings, fresh for every request."""

    def __init__(
        self, settings: Settings, clock: Callable[[], float] = time.time
    ) -> None:
        self.static_servers = list(settings.ice_servers)
        self.turn_secret = settings.turn_secret
        self.turn_urls = list(settings.turn_urls)
        self.turn_ttl = settings.turn_ttl
        self.transport_policy = settings.ice_transport_policy
        self.clock = clock
        per_minute = settings.limits.config_per_minute
        # TURN credentials cost relay bandwidth: a few per page, not a supply.
        self.requests = Buckets(per_minute / 60, per_minute)
        self.trusted_proxies = TrustedProxies(settings.limits.trusted_proxies)

    def client_config(self) -> dict[str, Any]:
        servers = list(self.static_servers)
        if self.turn_secret:
            username, credential = turn_credentials(
                self.turn_secret, self.turn_ttl, self.clock()
            )
            servers.append(
                {"urls": self.turn_urls, "username": username, "credential": credential}
            )
        return {"iceServers": servers, "iceTransportPolicy": self.transport_policy}

    async def handle(self, request: web.Request) -> web.Response:
        address = self.trusted_proxies.request_key(request)
        if not self.requests.take(address):
            return web.json_response(
                {
                    "ok": False,
                    "code": TOO_MANY_REQUESTS,
                    "message": "Too many requests for the call settings from your "
                    "address. Wait a minute and try again.",
                },
                status=429,
                headers={"Retry-After": "60", "Cache-Control": "no-store"},
            )
        # no-store: credentials expire, and a cached answer would outlive them.
        return web.json_response(
            self.client_config(), headers={"Cache-Control": "no-store"}
        )


def add_config_route(app: web.Application, settings: Settings) -> None:
    """GET /config: what the page needs to call, fetched fresh on every call."""
    app.router.add_get(CONFIG_PATH, IceConfig(settings).handle)
