"""Spells of refusals: the first refusal for a key starts one, quiet ends it."""

from __future__ import annotations

from signaling.abuse.spells import Spells


def test_a_spell_lasts_while_refusals_keep_coming_and_ends_with_quiet() -> None:
    now = [0.0]
    spells = Spells(quiet_seconds=60, clock=lambda: now[0])
    assert spells.starts_spell("a") is True
    for _ in range(100):
        now[0] += 30  # never quiet for 60 s: one spell
        assert spells.starts_spell("a") is False
    assert spells.starts_spell("b") is True  # each key its own
    now[0] += 60
    assert spells.starts_spell("a") is True


def test_keys_are_bounded_in_number_and_forgotten_on_request() -> None:
    spells = Spells(max_keys=2, clock=lambda: 0.0)
    for key in "abc":
        spells.starts_spell(key)
    assert len(spells) == 2
    spells.forget("c")
    assert len(spells) == 1
