"""The abuse limits' pure pieces, on clocks moved by hand: no sleeps."""

from __future__ import annotations

from ipaddress import ip_address

import pytest

from signaling.abuse import (
    Buckets,
    ConnectionCounter,
    TokenBucket,
    TrustedProxies,
    address_key,
    environ_key,
)


def test_a_bucket_lets_a_burst_through_then_refills_at_its_rate() -> None:
    bucket = TokenBucket(rate=2, burst=3, now=0.0)
    assert [bucket.take(0.0) for _ in range(4)] == [True, True, True, False]
    assert bucket.take(0.4) is False  # 0.8 of a token
    assert bucket.take(0.5) is True  # one whole token
    assert [bucket.take(100.0) for _ in range(4)] == [True, True, True, False]


def test_a_clock_going_back_adds_nothing() -> None:
    bucket = TokenBucket(rate=1, burst=1, now=10.0)
    assert bucket.take(10.0) is True
    assert bucket.take(5.0) is False


def test_buckets_are_kept_per_key_and_bounded_in_number() -> None:
    now = [0.0]
    buckets = Buckets(rate=1, burst=1, max_keys=3, clock=lambda: now[0])
    assert buckets.take("a") and not buckets.take("a")
    assert buckets.take("b")  # another key, its own bucket
    for key in "cde":
        buckets.take(key)
    assert len(buckets) == 3  # the least recently used went first
    buckets.forget("e")
    assert len(buckets) == 2
    buckets.keep_only({"d"})
    assert len(buckets) == 1


PROXY = "10.0.0.2"
PRIVATE = ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7", "::1")


@pytest.mark.parametrize(
    ("peer", "forwarded", "trusted", "expected"),
    [
        ("203.0.113.7", [], (), "203.0.113.7"),
        ("203.0.113.7", ["198.51.100.1"], (), "203.0.113.7"),  # nobody trusted
        (PROXY, ["198.51.100.1"], (PROXY,), "198.51.100.1"),
        (PROXY, ["1.2.3.4, 198.51.100.1"], (PROXY,), "198.51.100.1"),  # spoofed
        (PROXY, ["198.51.100.1, 10.0.0.3"], (PROXY, "10.0.0.3"), "198.51.100.1"),
        ("203.0.113.7", ["198.51.100.1"], (PROXY,), "203.0.113.7"),  # not via proxy
        (PROXY, [" , "], (PROXY,), PROXY),
        # A proxy that adds its own header line (HAProxy's option forwardfor):
        # the client's own line comes first and is walked past, not believed.
        (PROXY, ["1.2.3.4", "198.51.100.1"], (PROXY,), "198.51.100.1"),
        ("172.18.0.5", ["198.51.100.1"], PRIVATE, "198.51.100.1"),  # a range
        ("172.18.0.5", ["1.2.3.4, 198.51.100.1, 172.18.0.1"], PRIVATE, "198.51.100.1"),
        ("172.18.0.5", ["198.51.100.1:4711"], PRIVATE, "198.51.100.1"),  # with port
        ("172.18.0.5", ["[2001:db8::1]:443"], PRIVATE, "2001:db8::/64"),
        ("172.18.0.5", ["bogus, 198.51.100.1"], PRIVATE, "198.51.100.1"),
        ("172.18.0.5", ["bogus, 10.1.1.1"], PRIVATE, "10.1.1.1"),  # stops at junk
        ("fd00::5", ["198.51.100.1"], PRIVATE, "198.51.100.1"),  # an IPv6 proxy
        ("::ffff:10.0.0.2", ["198.51.100.1"], (PROXY,), "198.51.100.1"),  # mapped
        ("2001:db8:1:2:3:4:5:6", [], (), "2001:db8:1:2::/64"),  # IPv6 by its /64
        ("203.0.113.7", ["2001:db8::1"], PRIVATE, "203.0.113.7"),
    ],
    ids=[
        "direct", "untrusted", "proxy", "spoofed", "two-proxies", "bypass", "empty",
        "two-lines", "range", "chain", "port", "ipv6-port", "junk-left", "junk-stop",
        "ipv6-proxy", "ipv4-mapped", "ipv6-64", "public-peer",
    ],
)  # fmt: skip
def test_the_client_key(
    peer: str, forwarded: list[str], trusted: tuple[str, ...], expected: str
) -> None:
    assert TrustedProxies(trusted).client_key(peer, forwarded) == expected


def test_addresses_in_one_ipv6_64_share_a_key_and_other_64s_do_not() -> None:
    keys = {
        address_key(ip_address(text))
        for text in ("2001:db8:0:1::1", "2001:db8:0:1:ffff::9", "2001:db8:0:1::abcd")
    }
    assert keys == {"2001:db8:0:1::/64"}
    assert address_key(ip_address("2001:db8:0:2::1")) == "2001:db8:0:2::/64"


def test_environ_key_reads_the_joined_header_lines() -> None:
    environ = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "1.2.3.4,198.51.100.1"}
    assert environ_key(environ, TrustedProxies([PROXY])) == "198.51.100.1"
    assert environ_key({"REMOTE_ADDR": PROXY}, TrustedProxies([PROXY])) == PROXY


def test_connections_are_counted_per_address_up_to_the_limit() -> None:
    counter = ConnectionCounter(limit=2)
    assert counter.open("s1", "a") and counter.open("s2", "a")
    assert not counter.open("s3", "a")
    assert counter.open("s4", "b")
    counter.close("s1")
    counter.close("s3")  # was refused: nothing to release
    assert counter.open("s5", "a")
    for sid in ("s2", "s4", "s5"):
        counter.close(sid)
    assert (counter.count("a"), counter.count("b"), counter.total) == (0, 0, 0)
