"""The Settings dataclass: defaults that work out of the box, read once from the
environment (`from_env`) and checked across settings at startup (`check`)."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from .limits import Limits, check_limits
from .parse import (
    ICE_TRANSPORT_POLICIES,
    LOG_FORMATS,
    TRANSPORTS,
    ConfigError,
    as_list,
    parse_choice,
    parse_grace,
    parse_ice_servers,
    parse_log_level,
    parse_message_bytes,
    parse_origins,
    parse_port,
    parse_redis_prefix,
    parse_redis_url,
    parse_seconds,
    parse_secret_key,
    parse_transport,
    parse_turn_ttl,
    parse_turn_urls,
)


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "INFO"
    # Origins allowed to open Socket.IO connections; empty means same origin only.
    allowed_origins: tuple[str, ...] = ()
    max_message_bytes: int = 64 * 1024
    # Heartbeat: a vanished connection is noticed within interval + timeout seconds.
    # Both stay well under the 55 s after which some hosts cut an idle connection.
    ping_interval: int = 10
    ping_timeout: int = 10
    # How long a dropped connection's seat waits for its owner to come back.
    seat_grace_seconds: float = 30.0
    # RTCPeerConnection iceServers handed to the page; none means host candidates only.
    ice_servers: tuple[dict[str, Any], ...] = ()
    # TURN REST credentials (coturn's static-auth-secret): short-lived per /config.
    turn_secret: str = field(default="", repr=False)
    turn_urls: tuple[str, ...] = ()
    turn_ttl: int = 3600
    # "relay" makes browsers use TURN only (hides their addresses from each other).
    ice_transport_policy: str = "all"
    # Rooms and Socket.IO emits shared by processes through Redis; empty: in memory.
    redis_url: str = field(default="", repr=False)
    # Starts every Redis key and the pub/sub channel: one per deployment on a Redis.
    redis_prefix: str = "videoroom"
    # Signs seat tokens; set it so that tokens survive a restart (else one per run).
    secret_key: str = field(default_factory=lambda: secrets.token_hex(32), repr=False)
    log_format: str = "text"
    # HTTPS when self-hosting without a proxy in front; both or neither.
    certfile: str = ""
    keyfile: str = ""
    # "stock" runs on the libraries' own engine (docs/INTERNALS.md).
    transport: str = "fast"
    # Abuse limits (docs/SECURITY.md): what one client or address may take.
    limits: Limits = field(default_factory=Limits)

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Settings:
        """Build settings from environment variables (a mapping: tests pass a dict)."""
        values: dict[str, Any] = {}
        if "PORT" in environ:
            values["port"] = parse_port(environ["PORT"], "PORT")
            # A host that sets PORT routes outside traffic here: listen everywhere.
            values["host"] = "0.0.0.0"
        if "HOST" in environ:
            values["host"] = environ["HOST"].strip() or cls.host
        if "LOG_LEVEL" in environ:
            values["log_level"] = parse_log_level(environ["LOG_LEVEL"], "LOG_LEVEL")
        if "ALLOWED_ORIGINS" in environ:
            values["allowed_origins"] = parse_origins(environ["ALLOWED_ORIGINS"])
        if "MAX_MESSAGE_BYTES" in environ:
            values["max_message_bytes"] = parse_message_bytes(
                environ["MAX_MESSAGE_BYTES"], "MAX_MESSAGE_BYTES"
            )
        if "SEAT_GRACE_SECONDS" in environ:
            values["seat_grace_seconds"] = parse_grace(environ["SEAT_GRACE_SECONDS"])
        if "ICE_SERVERS" in environ:
            values["ice_servers"] = parse_ice_servers(environ["ICE_SERVERS"])
        values.update(_deploy_values(environ))
        values["limits"] = Limits.from_env(environ)
        for setting, field_name in (
            ("PING_INTERVAL", "ping_interval"),
            ("PING_TIMEOUT", "ping_timeout"),
        ):
            if setting in environ:
                values[field_name] = parse_seconds(environ[setting], setting)
        return cls(**values)

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with the given (already parsed) values; None means keep."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})

    def __post_init__(self) -> None:
        check(self)

    @property
    def has_turn(self) -> bool:
        """A TURN server reaches the page, from TURN_URLS or ICE_SERVERS."""
        return bool(self.turn_urls) or any(
            str(url).startswith(("turn:", "turns:"))
            for server in self.ice_servers
            for url in as_list(server.get("urls"))
        )


def _deploy_values(environ: Mapping[str, str]) -> dict[str, Any]:
    """Settings for running it for real: TURN, Redis, logs, HTTPS, the secret key."""
    values: dict[str, Any] = {}
    if environ.get("TURN_SECRET"):
        values["turn_secret"] = environ["TURN_SECRET"]
    if "TURN_URLS" in environ:
        values["turn_urls"] = parse_turn_urls(environ["TURN_URLS"])
    if "TURN_TTL" in environ:
        values["turn_ttl"] = parse_turn_ttl(environ["TURN_TTL"])
    if "ICE_TRANSPORT_POLICY" in environ:
        values["ice_transport_policy"] = parse_choice(
            environ["ICE_TRANSPORT_POLICY"],
            "ICE_TRANSPORT_POLICY",
            ICE_TRANSPORT_POLICIES,
        )
    if environ.get("REDIS_URL", "").strip():
        values["redis_url"] = parse_redis_url(environ["REDIS_URL"])
    if "REDIS_PREFIX" in environ:
        values["redis_prefix"] = parse_redis_prefix(environ["REDIS_PREFIX"])
    if "SECRET_KEY" in environ:
        values["secret_key"] = parse_secret_key(environ["SECRET_KEY"])
    if "LOG_FORMAT" in environ:
        values["log_format"] = parse_choice(
            environ["LOG_FORMAT"], "LOG_FORMAT", LOG_FORMATS
        )
    if "TRANSPORT" in environ:
        values["transport"] = parse_transport(environ["TRANSPORT"], "TRANSPORT")
    for setting, field_name in (("CERTFILE", "certfile"), ("KEYFILE", "keyfile")):
        if environ.get(setting, "").strip():
            values[field_name] = environ[setting].strip()
    return values


def check(settings: Settings) -> None:
    """Checks across settings, once all are known (run on every Settings built)."""
    check_limits(settings.limits, settings.max_message_bytes)
    if settings.transport not in TRANSPORTS:
        parse_transport(settings.transport, "TRANSPORT")
    if settings.turn_secret and not settings.turn_urls:
        raise ConfigError(
            "TURN_SECRET is set but TURN_URLS is empty: expected the TURN server's "
            "URLs, such as TURN_URLS=turn:turn.example.org:3478"
        )
    if settings.turn_urls and not settings.turn_secret:
        raise ConfigError(
            f"TURN_URLS is {','.join(settings.turn_urls)!r} but TURN_SECRET is empty: "
            "expected the static-auth-secret the TURN server was started with."
        )
    if settings.ice_transport_policy == "relay" and not settings.has_turn:
        raise ConfigError(
            "ICE_TRANSPORT_POLICY is 'relay' but no TURN server is configured: "
            "expected TURN_URLS and TURN_SECRET, or a turn: entry in ICE_SERVERS."
        )
    if bool(settings.certfile) != bool(settings.keyfile):
        given, missing = (
            ("CERTFILE", "KEYFILE") if settings.certfile else ("KEYFILE", "CERTFILE")
        )
        raise ConfigError(
            f"{given} is set but {missing} is empty: expected both "
            "(--certfile and --keyfile), or neither for plain HTTP."
        )
