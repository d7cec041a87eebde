"""The project's deploy files as a deployment would read them: compose.yaml with
its ${...} filled in from a .env's worth of values."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]

COMPOSE_ENV = {
    "SECRET_KEY": "0123456789abcdef" * 4,
    "TURN_SECRET": "fedcba9876543210" * 4,
    "TURN_HOST": "turn.example.org",
    "TURN_EXTERNAL_IP": "203.0.113.7",
}


def interpolate(text: str, environ: dict[str, str]) -> str:
    """Compose's ${VAR}, ${VAR:-default} and ${VAR:?error}, for the names we use."""

    def value(match: re.Match[str]) -> str:
        name, operator, fallback = match.group(1), match.group(2), match.group(3)
        if environ.get(name):
            return environ[name]
        assert operator == ":-", f"compose would stop: {fallback}"
        return fallback

    return re.sub(r"\$\{(\w+)(?:(:[-?])([^}]*))?\}", value, text)


def compose_services() -> dict[str, Any]:
    text = interpolate((ROOT / "compose.yaml").read_text(), COMPOSE_ENV)
    services: dict[str, Any] = yaml.safe_load(text)["services"]
    return services
