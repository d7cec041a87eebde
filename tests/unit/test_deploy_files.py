"""The one-click deploy files stay in step with the settings the server reads."""

import json
import secrets
from pathlib import Path

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
