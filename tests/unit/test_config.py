import pytest

from signaling.__main__ import load_settings
from signaling.config import ConfigError, Settings


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
        ({"SECRET_KEY": "short"}, "SECRET_KEY is too short"),
        ({"PING_INTERVAL": "60"}, "PING_INTERVAL is '60'"),
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
        "secret-short",
        "ping-too-long",
    ],
)
def test_bad_settings_name_the_setting_the_value_and_the_fix(
    environ: dict[str, str], names: str
) -> None:
    with pytest.raises(ConfigError, match="expected") as error:  # names the fix
        Settings.from_env(environ)
    assert str(error.value).startswith(names)


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
