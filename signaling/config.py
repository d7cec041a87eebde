"""Settings: defaults that work out of the box, read once from the environment and
checked at startup, with messages that name the setting, the bad value and the fix."""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
LOG_FORMATS = ("text", "json")
ICE_TRANSPORT_POLICIES = ("all", "relay")
REDIS_SCHEMES = ("redis://", "rediss://", "unix://")
# fast: our lean Engine.IO/Socket.IO layer; stock: python-socketio as released.
TRANSPORTS = ("fast", "stock")
MIN_SECRET_KEY_LENGTH = 16


class ConfigError(ValueError):
    """A setting that cannot work; the message says which and how to fix it."""


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
    # Socket.IO emits cross processes through Redis; empty means in memory.
    redis_url: str = field(default="", repr=False)
    # Signs seat tokens; set it so that tokens survive a restart (else one per run).
    secret_key: str = field(default_factory=lambda: secrets.token_hex(32), repr=False)
    log_format: str = "text"
    # HTTPS when self-hosting without a proxy in front; both or neither.
    certfile: str = ""
    keyfile: str = ""
    # "stock" runs on unmodified python-socketio/python-engineio (signaling/transport/).
    transport: str = "fast"

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
            for url in _as_list(server.get("urls"))
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


def parse_port(raw: str, setting: str) -> int:
    return parse_whole_number(raw, setting, 1, 65535, "a whole number 1-65535")


def parse_log_level(raw: str, setting: str) -> str:
    level = raw.strip().upper()
    if level not in LOG_LEVELS:
        raise ConfigError(
            f"{setting} is {raw!r}: expected one of {', '.join(LOG_LEVELS)}."
        )
    return level


def parse_transport(raw: str, setting: str) -> str:
    transport = raw.strip().lower()
    if transport not in TRANSPORTS:
        raise ConfigError(
            f"{setting} is {raw!r}: expected fast (the default) or stock (unmodified "
            "python-socketio and python-engineio, for when an upgrade breaks fast)."
        )
    return transport


def parse_origins(raw: str) -> tuple[str, ...]:
    """Comma-separated origins such as 'https://a.example,https://b.example', or '*'."""
    return tuple(origin.strip() for origin in raw.split(",") if origin.strip())


def parse_message_bytes(raw: str, setting: str) -> int:
    return parse_whole_number(
        raw,
        setting,
        1024,
        16 * 1024 * 1024,
        "a whole number of bytes from 1024 to 16777216 (the default is 65536)",
    )


def parse_ice_servers(raw: str) -> tuple[dict[str, Any], ...]:
    """A JSON list as RTCPeerConnection takes it: [{"urls": "stun:host:3478"}, ...]."""
    hint = 'expected a JSON list such as [{"urls": "stun:stun.example.org:3478"}]'
    try:
        servers = json.loads(raw) if raw.strip() else []
    except ValueError:
        raise ConfigError(f"ICE_SERVERS is {raw!r}: {hint}.") from None
    if not isinstance(servers, list) or not all(
        isinstance(server, dict) and server.get("urls") for server in servers
    ):
        raise ConfigError(f"ICE_SERVERS is {raw!r}: {hint}, each with 'urls'.")
    return tuple(servers)


def parse_grace(raw: str) -> float:
    try:
        seconds = float(raw)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 3600:
        raise ConfigError(
            f"SEAT_GRACE_SECONDS is {raw!r}: expected seconds from 0 to 3600 "
            "(the default is 30; 0 frees a dropped seat at once)."
        )
    return seconds


def parse_turn_urls(raw: str) -> tuple[str, ...]:
    """Comma-separated turn:/turns: URLs, such as 'turn:turn.example.org:3478'."""
    urls = tuple(url.strip() for url in raw.split(",") if url.strip())
    for url in urls:
        if not url.startswith(("turn:", "turns:")) or len(url) <= len("turns:"):
            raise ConfigError(
                f"TURN_URLS is {raw!r}: {url!r} is not a TURN URL; expected "
                "comma-separated URLs such as turn:turn.example.org:3478"
                "?transport=udp,turns:turn.example.org:5349"
            )
    return urls


def parse_turn_ttl(raw: str) -> int:
    return parse_whole_number(
        raw,
        "TURN_TTL",
        60,
        86400,
        "whole seconds from 60 to 86400 (the default is 3600: one hour)",
    )


def parse_choice(raw: str, setting: str, choices: tuple[str, ...]) -> str:
    choice = raw.strip().lower()
    if choice not in choices:
        raise ConfigError(
            f"{setting} is {raw!r}: expected one of {', '.join(choices)}."
        )
    return choice


def parse_redis_url(raw: str) -> str:
    url = raw.strip()
    if not url.startswith(REDIS_SCHEMES):
        # The URL may hold a password: show only its scheme.
        shown = url.split("://", 1)[0] + "://..." if "://" in url else "(no scheme)"
        raise ConfigError(
            f"REDIS_URL is {shown!r}: expected a URL such as "
            "redis://localhost:6379/0 (or rediss://, unix://)."
        )
    return url


def parse_secret_key(raw: str) -> str:
    if len(raw.strip()) < MIN_SECRET_KEY_LENGTH:
        # Never echo a secret, not even a bad one.
        raise ConfigError(
            f"SECRET_KEY is {len(raw.strip())} characters long: expected at least "
            f"{MIN_SECRET_KEY_LENGTH} random characters, such as the output of "
            "python -c 'import secrets; print(secrets.token_hex(32))'."
        )
    return raw.strip()


def parse_seconds(raw: str, setting: str) -> int:
    return parse_whole_number(
        raw,
        setting,
        1,
        50,
        "whole seconds from 1 to 50 (hosts may cut connections idle for 55 s)",
    )


def parse_whole_number(
    raw: str, setting: str, low: int, high: int, expected: str
) -> int:
    """A whole number within [low, high], or a ConfigError saying what is expected."""
    number = _parse_int(raw)
    if number is None or not low <= number <= high:
        raise ConfigError(f"{setting} is {raw!r}: expected {expected}.")
    return number


def _as_list(urls: Any) -> list[Any]:
    return urls if isinstance(urls, list) else [urls]


def _parse_int(raw: str) -> int | None:
    text = raw.strip()
    return int(text) if text.isascii() and text.isdigit() else None
