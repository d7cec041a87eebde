"""Parsing one setting: each parser returns the value or raises a ConfigError that
names the setting, the bad value and what is expected (never a secret)."""

from __future__ import annotations

import json
import re
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
            f"{setting} is {raw!r}: expected fast (the default) or stock (the "
            "libraries' own engine, for when an upgrade breaks fast)."
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


REDIS_PREFIX = re.compile(r"[A-Za-z0-9_.:-]{1,64}")


def parse_redis_prefix(raw: str) -> str:
    prefix = raw.strip()
    if not REDIS_PREFIX.fullmatch(prefix):
        raise ConfigError(
            f"REDIS_PREFIX is {prefix[:80]!r}: expected 1-64 letters, digits or "
            "'_.:-', such as videoroom-staging (one per deployment sharing a Redis)."
        )
    return prefix


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


def as_list(urls: Any) -> list[Any]:
    return urls if isinstance(urls, list) else [urls]


def _parse_int(raw: str) -> int | None:
    text = raw.strip()
    return int(text) if text.isascii() and text.isdigit() else None
