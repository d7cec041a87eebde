"""The abuse limits' settings: defaults, and refusals that name the setting, the
value and what is expected."""

from __future__ import annotations

import pytest

from signaling.config import ConfigError, Limits, Settings
from signaling.config.limits import LIMITS

PRIVATE_NETWORKS = (
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7", "127.0.0.0/8",
    "::1/128",
)  # fmt: skip


def test_the_table_and_the_defaults_agree() -> None:
    defaults = Limits()
    for name, _, default, *_ in LIMITS:
        assert getattr(defaults, name) == default
    # Loopback: a proxy on this machine is believed, no one else.
    assert defaults.trusted_proxies == ("127.0.0.0/8", "::1/128")


def test_the_defaults_let_an_office_behind_one_address_in() -> None:
    """100 people behind one NAT (50 calls), every one of them reconnecting at
    once while the old connections are not yet noticed gone, and a /config each
    per call: within the defaults. One address still holds a fraction of the
    server."""
    defaults = Limits()
    assert defaults.connections_per_address >= 2 * 100
    assert defaults.connections_per_minute >= 2 * 100
    assert defaults.config_per_minute >= 2 * 100
    assert defaults.max_connections >= 20 * defaults.connections_per_address


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
            "MAX_CONNECTIONS": "15",
            "CONNECTIONS_PER_MINUTE": "17",
        }
    ).limits
    assert limits == Limits(
        connections_per_address=5,
        max_connections=15,
        connections_per_minute=17,
        joins_per_minute=7,
        messages_per_second=9,
        max_rooms=11,
        config_per_minute=13,
        max_queued_bytes=300_000,
        trusted_proxies=("10.0.0.2/32", "::1/128"),
    )


@pytest.mark.parametrize(
    ("raw", "networks"),
    [
        ("", ()),
        ("none", ()),
        ("loopback", ("127.0.0.0/8", "::1/128")),
        (
            "private",
            ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7",
             "127.0.0.0/8", "::1/128"),
        ),
        ("10.0.0.0/8, 2001:db8::/32", ("10.0.0.0/8", "2001:db8::/32")),
        ("10.1.2.3/8", ("10.0.0.0/8",)),  # host bits set: the range it names
        ("PRIVATE, 10.0.0.0/8", PRIVATE_NETWORKS),  # keywords in any case, no repeats
    ],
    ids=["empty", "none", "loopback", "private", "cidr", "host-bits", "mixed"],
)  # fmt: skip
def test_trusted_proxies_take_addresses_ranges_and_keywords(
    raw: str, networks: tuple[str, ...]
) -> None:
    assert Settings.from_env({"TRUSTED_PROXIES": raw}).limits.trusted_proxies == (
        networks
    )


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
        (
            {"TRUSTED_PROXIES": "10.0.0.0/33"},
            r"'10.0.0.0/33' is not an IP address, a CIDR range or a keyword; "
            r"expected .* such as 10.0.0.2, 172.16.0.0/12 .* `private`",
        ),
        ({"MAX_CONNECTIONS": "0"}, r"^MAX_CONNECTIONS is '0': expected a whole"),
    ],
    ids=[
        "zero-rooms",
        "not-a-number",
        "tiny-queue",
        "queue-under-messages",
        "name",
        "bad-range",
        "no-connections",
    ],  # fmt: skip
)
def test_a_bad_limit_names_the_setting_the_value_and_the_fix(
    environ: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.from_env(environ)


def test_limits_built_in_code_are_checked_too() -> None:
    with pytest.raises(ConfigError, match=r"^MESSAGES_PER_SECOND is 0"):
        Settings(limits=Limits(messages_per_second=0))
    with pytest.raises(ConfigError, match=r"^TRUSTED_PROXIES holds 'private'"):
        Settings(limits=Limits(trusted_proxies=("private",)))
