"""Settings: defaults that work out of the box, read once from the environment and
checked at startup, with messages that name the setting, the bad value and the fix."""

from .limits import Limits
from .parse import (
    LOG_FORMATS,
    TRANSPORTS,
    ConfigError,
    parse_choice,
    parse_log_level,
    parse_port,
    parse_transport,
)
from .settings import Settings

__all__ = [
    "LOG_FORMATS",
    "TRANSPORTS",
    "ConfigError",
    "Limits",
    "Settings",
    "parse_choice",
    "parse_log_level",
    "parse_port",
    "parse_transport",
]
