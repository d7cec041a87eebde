"""The one-click deploy files stay in step with the settings the server reads."""

import json
import secrets

from signaling.config import Settings
from tests.deploy import COMPOSE_ENV, ROOT, compose_services


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
    assert "server web:8000 max_fails=0;" in config.read_text()


PRIVATE_PROXIES = Settings.from_env({"TRUSTED_PROXIES": "private"}).limits


def test_every_deployment_behind_a_router_or_proxy_trusts_the_private_ranges() -> None:
    """compose's nginx, a Heroku-style router and a TLS proxy in front of the
    container all reach the server from private addresses: without this, every
    person counts as the proxy and the per-address limits cap the whole server."""
    compose = Settings.from_env(compose_services()["web"]["environment"])
    app_json = Settings.from_env({"TRUSTED_PROXIES": app_json_env_value()})
    dockerfile = (ROOT / "Dockerfile").read_text()
    procfile = (ROOT / "Procfile").read_text()
    trusted = PRIVATE_PROXIES.trusted_proxies
    assert compose.limits.trusted_proxies == trusted
    assert app_json.limits.trusted_proxies == trusted
    assert "TRUSTED_PROXIES=private" in dockerfile
    assert 'TRUSTED_PROXIES="${TRUSTED_PROXIES-private}" python -m signaling' in (
        procfile
    )


def app_json_env_value() -> str:
    return str(app_json_env()["TRUSTED_PROXIES"]["value"])


def test_compose_coturn_bounds_what_one_user_and_everyone_may_take() -> None:
    flags = compose_services()["coturn"]["command"]
    values = {
        flag.split("=")[0]: int(flag.split("=")[1])
        for flag in flags
        if flag.startswith(("--user-quota=", "--total-quota=", "--max-bps="))
    }
    assert set(values) == {"--user-quota", "--total-quota", "--max-bps"}
    ports = int(flag_value(flags, "--max-port")) - int(flag_value(flags, "--min-port"))
    assert values["--total-quota"] <= ports + 1  # one allocation per relay port
    assert 0 < values["--user-quota"] <= values["--total-quota"]


def flag_value(flags: list[str], name: str) -> str:
    [value] = [flag.split("=", 1)[1] for flag in flags if flag.startswith(name + "=")]
    return value
