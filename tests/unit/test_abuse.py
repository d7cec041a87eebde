"""The abuse limits' pure pieces, on clocks moved by hand: no sleeps."""

from __future__ import annotations

import pytest

from signaling.abuse import Buckets, ConnectionCounter, TokenBucket, client_address


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


@pytest.mark.parametrize(
    ("peer", "forwarded", "trusted", "expected"),
    [
        ("203.0.113.7", None, (), "203.0.113.7"),
        ("203.0.113.7", "198.51.100.1", (), "203.0.113.7"),  # nobody trusted
        (PROXY, "198.51.100.1", (PROXY,), "198.51.100.1"),
        (PROXY, "1.2.3.4, 198.51.100.1", (PROXY,), "198.51.100.1"),  # spoofed first
        (PROXY, "198.51.100.1, 10.0.0.3", (PROXY, "10.0.0.3"), "198.51.100.1"),
        ("203.0.113.7", "198.51.100.1", (PROXY,), "203.0.113.7"),  # not via proxy
        (PROXY, " , ", (PROXY,), PROXY),
    ],
    ids=["direct", "untrusted", "proxy", "spoofed", "two-proxies", "bypass", "empty"],
)
def test_the_client_address(
    peer: str, forwarded: str | None, trusted: tuple[str, ...], expected: str
) -> None:
    assert client_address(peer, forwarded, trusted) == expected


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
    assert (counter.count("a"), counter.count("b")) == (0, 0)
