"""The abuse limits' settings: defaults, and refusals that name the setting, the
value and what is expected."""

from __future__ import annotations

import pytest

from signaling.config import ConfigError, Limits, Settings
from signaling.config.limits import LIMITS


def test_the_table_and_the_defaults_agree() -> None:
    defaults = Limits()
    for name, _, default, *_ in LIMITS:
        assert getattr(defaults, name) == default
    assert defaults.trusted_proxies == ()


def test_limits_are_read_from_the_environment() -> None:
    limits = Settings.from_env(
        {
            "MAX_CONNECTIONS_PER_ADDRESS": "5",
            "JOINS_PER_MINUTE": "7",
            "MESSAGES_PER_SECOND": "9",
            "MAX_ROOMS": "11",
            "CONFIG_PER_MINUTE": "13",
            "MAX_QUEUED_BYTES": "300000",
            "TRUSTED_PROXIES": "10.0.0.2, ::1",
        }
    ).limits
    assert limits == Limits(5, 7, 9, 11, 13, 300_000, ("10.0.0.2", "::1"))


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"MAX_ROOMS": "0"}, r"^MAX_ROOMS is '0': expected a whole number from 1"),
        ({"JOINS_PER_MINUTE": "x"}, r"^JOINS_PER_MINUTE is 'x': expected a whole"),
        ({"MAX_QUEUED_BYTES": "100"}, r"^MAX_QUEUED_BYTES is '100': expected"),
        (
            {"MAX_QUEUED_BYTES": "70000", "MAX_MESSAGE_BYTES": "65536"},
            r"^MAX_QUEUED_BYTES is 70000: expected at least 135168 \(2 x MAX_MESS",
        ),
        ({"TRUSTED_PROXIES": "proxy.local"}, r"^TRUSTED_PROXIES is 'proxy.local'"),
    ],
    ids=["zero-rooms", "not-a-number", "tiny-queue", "queue-under-messages", "name"],
)
def test_a_bad_limit_names_the_setting_the_value_and_the_fix(
    environ: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.from_env(environ)


def test_limits_built_in_code_are_checked_too() -> None:
    with pytest.raises(ConfigError, match=r"^MESSAGES_PER_SECOND is 0"):
        Settings(limits=Limits(messages_per_second=0))
