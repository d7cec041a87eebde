"""Settings: defaults that work out of the box, read once from the environment and
checked at startup, with messages that name the setting, the bad value and the fix."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


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
    # Signs seat tokens; set it so that tokens survive a restart (else one per run).
    secret_key: str | None = None
    # RTCPeerConnection iceServers handed to the page; none means host candidates only.
    ice_servers: tuple[dict[str, Any], ...] = ()

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
        if environ.get("SECRET_KEY"):
            values["secret_key"] = parse_secret_key(environ["SECRET_KEY"])
        if "ICE_SERVERS" in environ:
            values["ice_servers"] = parse_ice_servers(environ["ICE_SERVERS"])
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


def parse_port(raw: str, setting: str) -> int:
    port = _parse_int(raw)
    if port is None or not 1 <= port <= 65535:
        raise ConfigError(f"{setting} is {raw!r}: expected a whole number 1-65535.")
    return port


def parse_log_level(raw: str, setting: str) -> str:
    level = raw.strip().upper()
    if level not in LOG_LEVELS:
        raise ConfigError(
            f"{setting} is {raw!r}: expected one of {', '.join(LOG_LEVELS)}."
        )
    return level


def parse_origins(raw: str) -> tuple[str, ...]:
    """Comma-separated origins such as 'https://a.example,https://b.example', or '*'."""
    return tuple(origin.strip() for origin in raw.split(",") if origin.strip())


def parse_message_bytes(raw: str, setting: str) -> int:
    size = _parse_int(raw)
    if size is None or not 1024 <= size <= 16 * 1024 * 1024:
        raise ConfigError(
            f"{setting} is {raw!r}: expected a whole number of bytes "
            "from 1024 to 16777216 (the default is 65536)."
        )
    return size


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


def parse_secret_key(raw: str) -> str:
    if len(raw) < 16:
        raise ConfigError(
            "SECRET_KEY is too short: expected at least 16 random characters, "
            'for example from: python -c "import secrets; print(secrets.token_hex(32))"'
        )
    return raw


def parse_seconds(raw: str, setting: str) -> int:
    seconds = _parse_int(raw)
    if seconds is None or not 1 <= seconds <= 50:
        raise ConfigError(
            f"{setting} is {raw!r}: expected whole seconds from 1 to 50 "
            "(hosts may cut connections idle for 55 s)."
        )
    return seconds


def _parse_int(raw: str) -> int | None:
    text = raw.strip()
    return int(text) if text.isascii() and text.isdigit() else None
