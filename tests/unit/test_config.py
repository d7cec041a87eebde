import sys

import pytest

from signaling import create_app
from signaling.__main__ import load_settings
from signaling.config import ConfigError, Settings

TURN = {"TURN_SECRET": "s3cret", "TURN_URLS": "turn:turn.example.org:3478"}


def test_defaults_serve_on_loopback_port_8000() -> None:
    settings = Settings.from_env({})
    assert (settings.host, settings.port, settings.log_level) == (
        "127.0.0.1",
        8000,
        "INFO",
    )
    assert settings.allowed_origins == ()
    assert settings.max_message_bytes == 65536


def test_port_from_the_host_listens_on_all_interfaces() -> None:
    settings = Settings.from_env({"PORT": "5123"})
    assert (settings.host, settings.port) == ("0.0.0.0", 5123)


def test_host_setting_wins_over_the_port_rule() -> None:
    assert Settings.from_env({"PORT": "5123", "HOST": "127.0.0.1"}).host == "127.0.0.1"


def test_flags_override_the_environment() -> None:
    settings = load_settings(
        ["--port", "9001", "--host", "::1", "--log-level", "debug"], {"PORT": "5123"}
    )
    assert (settings.host, settings.port, settings.log_level) == ("::1", 9001, "DEBUG")


def test_origins_are_a_comma_separated_list() -> None:
    settings = Settings.from_env(
        {"ALLOWED_ORIGINS": "https://a.example, https://b.example,"}
    )
    assert settings.allowed_origins == ("https://a.example", "https://b.example")


@pytest.mark.parametrize(
    ("environ", "names"),
    [
        ({"PORT": "abc"}, "PORT is 'abc'"),
        ({"PORT": "0"}, "PORT is '0'"),
        ({"PORT": "70000"}, "PORT is '70000'"),
        ({"PORT": "-1"}, "PORT is '-1'"),
        ({"LOG_LEVEL": "loud"}, "LOG_LEVEL is 'loud'"),
        ({"MAX_MESSAGE_BYTES": "12"}, "MAX_MESSAGE_BYTES is '12'"),
        ({"MAX_MESSAGE_BYTES": "lots"}, "MAX_MESSAGE_BYTES is 'lots'"),
        ({"SEAT_GRACE_SECONDS": "soon"}, "SEAT_GRACE_SECONDS is 'soon'"),
        ({"SEAT_GRACE_SECONDS": "-1"}, "SEAT_GRACE_SECONDS is '-1'"),
        ({"PING_INTERVAL": "60"}, "PING_INTERVAL is '60'"),
        ({"TURN_URLS": "stun:x:3478", "TURN_SECRET": "s"}, "TURN_URLS is 'stun:x"),
        ({"TURN_URLS": "turn:x:3478"}, "TURN_URLS is 'turn:x:3478' but TURN_SECRET"),
        ({"TURN_SECRET": "s"}, "TURN_SECRET is set but TURN_URLS is empty"),
        ({**TURN, "TURN_TTL": "5"}, "TURN_TTL is '5'"),
        ({**TURN, "TURN_TTL": "1h"}, "TURN_TTL is '1h'"),
        ({"ICE_TRANSPORT_POLICY": "any"}, "ICE_TRANSPORT_POLICY is 'any'"),
        ({"ICE_TRANSPORT_POLICY": "relay"}, "ICE_TRANSPORT_POLICY is 'relay' but"),
        ({"REDIS_URL": "localhost:6379"}, "REDIS_URL is '(no scheme)'"),
        ({"REDIS_URL": "http://u:pw@h"}, "REDIS_URL is 'http://...'"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY is 5 characters long"),
        ({"LOG_FORMAT": "xml"}, "LOG_FORMAT is 'xml'"),
        ({"TRANSPORT": "turbo"}, "TRANSPORT is 'turbo': expected fast"),
        ({"CERTFILE": "cert.pem"}, "CERTFILE is set but KEYFILE is empty"),
        ({"KEYFILE": "key.pem"}, "KEYFILE is set but CERTFILE is empty"),
    ],
    ids=[
        "port-text",
        "port-zero",
        "port-high",
        "port-negative",
        "level",
        "size-small",
        "size-text",
        "grace-text",
        "grace-negative",
        "ping-too-long",
        "turn-url-scheme",
        "turn-urls-without-secret",
        "turn-secret-without-urls",
        "turn-ttl-short",
        "turn-ttl-text",
        "ice-policy-unknown",
        "ice-relay-without-turn",
        "redis-no-scheme",
        "redis-scheme-hides-password",
        "secret-key-short",
        "log-format",
        "transport-unknown",
        "certfile-alone",
        "keyfile-alone",
    ],
)
def test_bad_settings_name_the_setting_the_value_and_the_fix(
    environ: dict[str, str], names: str
) -> None:
    with pytest.raises(ConfigError, match="expected") as error:  # names the fix
        Settings.from_env(environ)
    assert str(error.value).startswith(names)


def test_transport_is_fast_unless_stock_is_asked_for() -> None:
    assert Settings.from_env({}).transport == "fast"
    assert Settings.from_env({"TRANSPORT": " Stock "}).transport == "stock"
    assert load_settings(["--transport", "stock"], {}).transport == "stock"


def test_bad_flag_is_named() -> None:
    with pytest.raises(ConfigError, match="^--port is 'x'"):
        load_settings(["--port", "x"], {})


def test_ice_servers_are_a_json_list() -> None:
    raw = '[{"urls": "stun:stun.example.org:3478"}]'
    assert Settings.from_env({"ICE_SERVERS": raw}).ice_servers == (
        {"urls": "stun:stun.example.org:3478"},
    )


@pytest.mark.parametrize("raw", ["stun:x", "{}", '[{"user": "x"}]', "[1]"])
def test_bad_ice_servers_show_an_example(raw: str) -> None:
    with pytest.raises(ConfigError, match=r"^ICE_SERVERS is .*expected a JSON list"):
        Settings.from_env({"ICE_SERVERS": raw})


def test_grace_and_secret_are_read() -> None:
    settings = Settings.from_env(
        {"SEAT_GRACE_SECONDS": "2.5", "SECRET_KEY": "0123456789abcdef0123"}
    )
    assert (settings.seat_grace_seconds, settings.secret_key) == (
        2.5,
        "0123456789abcdef0123",
    )


def test_turn_settings_are_read_with_their_defaults() -> None:
    settings = Settings.from_env(
        {**TURN, "TURN_URLS": "turn:a.example:3478, turns:a.example:5349"}
    )
    assert settings.turn_urls == ("turn:a.example:3478", "turns:a.example:5349")
    assert (settings.turn_ttl, settings.ice_transport_policy) == (3600, "all")
    assert settings.has_turn


def test_relay_policy_accepts_a_turn_server_from_ice_servers() -> None:
    settings = Settings.from_env(
        {
            "ICE_SERVERS": '[{"urls": ["turn:t.example:3478"], "username": "u", '
            '"credential": "c"}]',
            "ICE_TRANSPORT_POLICY": "RELAY",
        }
    )
    assert settings.ice_transport_policy == "relay"


def test_secrets_are_not_echoed_in_errors_or_repr() -> None:
    with pytest.raises(ConfigError) as error:
        Settings.from_env({"REDIS_URL": "http://user:hunter2@redis.example"})
    assert "hunter2" not in str(error.value)
    settings = Settings.from_env(
        {**TURN, "REDIS_URL": "redis://:hunter2@h:6379/0", "SECRET_KEY": "k" * 32}
    )
    assert "hunter2" not in repr(settings) and "s3cret" not in repr(settings)
    assert "k" * 32 not in repr(settings)


def test_secret_key_is_random_per_start_when_unset() -> None:
    assert Settings.from_env({}).secret_key != Settings.from_env({}).secret_key


def test_log_format_and_https_flags_override_the_environment() -> None:
    settings = load_settings(
        ["--log-format", "JSON", "--certfile", "c.pem", "--keyfile", "k.pem"],
        {"LOG_FORMAT": "text"},
    )
    assert (settings.log_format, settings.certfile, settings.keyfile) == (
        "json",
        "c.pem",
        "k.pem",
    )


def test_a_missing_redis_package_names_the_fix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "redis", None)
    monkeypatch.setitem(sys.modules, "redis.asyncio", None)
    settings = Settings.from_env({"REDIS_URL": "redis://localhost:6379/0"})
    with pytest.raises(ConfigError) as error:
        create_app(settings)
    assert str(error.value) == (
        "REDIS_URL is set but the redis package is not installed: "
        "pip install '.[redis]'"
    )
