"""Optional packages a setting needs, imported when that setting is used: a missing
one is a configuration error that says how to install it."""

from __future__ import annotations

import importlib
from typing import Any

from .parse import ConfigError

MISSING_REDIS = (
    "REDIS_URL is set but the redis package is not installed: pip install '.[redis]'"
)
MISSING_HIREDIS = (
    "REDIS_URL is set but the hiredis package is not installed: pip install '.[redis]'"
)


def redis_asyncio() -> Any:
    """redis.asyncio, or a ConfigError saying how to install it."""
    try:
        return importlib.import_module("redis.asyncio")
    except ImportError:
        raise ConfigError(MISSING_REDIS) from None


def hiredis() -> Any:
    """hiredis (the Redis protocol in C, which the cross-process bus reads with),
    or a ConfigError saying how to install it."""
    try:
        return importlib.import_module("hiredis")
    except ImportError:
        raise ConfigError(MISSING_HIREDIS) from None
