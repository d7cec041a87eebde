"""The one-click deploy files stay in step with the settings the server reads."""

import json
import re
import secrets
from pathlib import Path
from typing import Any

import yaml

from signaling.config import Settings

ROOT = Path(__file__).resolve().parents[2]


def app_json_env() -> dict[str, dict[str, object]]:
    env: dict[str, dict[str, object]] = json.loads((ROOT / "app.json").read_text())[
        "env"
    ]
    return env


def test_app_json_defaults_are_valid_settings() -> None:
    environ = {
        name: secrets.token_hex(32)
        if spec.get("generator") == "secret"
        else str(spec.get("value", ""))
        for name, spec in app_json_env().items()
    }
    settings = Settings.from_env(environ)
    assert settings.ice_servers == ({"urls": "stun:stun.l.google.com:19302"},)
    assert (settings.turn_urls, settings.ice_transport_policy) == ((), "all")
    assert settings.secret_key == environ["SECRET_KEY"]


def test_app_json_generates_the_secret_key_and_describes_every_variable() -> None:
    env = app_json_env()
    assert env["SECRET_KEY"] == {
        "description": env["SECRET_KEY"]["description"],
        "generator": "secret",
    }
    assert all(spec.get("description") for spec in env.values())


def test_every_app_json_variable_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    missing = [name for name in app_json_env() if f"`{name}`" not in readme]
    assert missing == []


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


def test_compose_gives_the_server_valid_settings() -> None:
    environment = compose_services()["web"]["environment"]
    settings = Settings.from_env(environment)
    assert settings.turn_urls == (
        "turn:turn.example.org:3478?transport=udp",
        "turn:turn.example.org:3478?transport=tcp",
    )
    assert settings.turn_secret == COMPOSE_ENV["TURN_SECRET"]
    assert settings.redis_url == "redis://redis:6379/0"
    assert settings.ice_servers == ({"urls": "stun:turn.example.org:3478"},)
    assert (settings.host, settings.port) == ("0.0.0.0", 8000)


def test_compose_coturn_shares_the_secret_and_refuses_private_peers() -> None:
    flags = compose_services()["coturn"]["command"]
    assert f"--static-auth-secret={COMPOSE_ENV['TURN_SECRET']}" in flags
    assert "--use-auth-secret" in flags
    assert "--denied-peer-ip=10.0.0.0-10.255.255.255" in flags
    assert "--denied-peer-ip=127.0.0.0-127.255.255.255" in flags


def test_compose_scales_web_behind_the_proxy_config_it_mounts() -> None:
    services = compose_services()
    assert "ports" not in services["web"]  # --scale web=3 needs no fixed host port
    assert services["web"]["environment"]["REDIS_URL"].startswith("redis://")
    [mount] = services["proxy"]["volumes"]
    config = ROOT / mount.split(":")[0]
    assert "server web:8000;" in config.read_text()
