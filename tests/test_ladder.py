"""The shared escalation ladder: order, keys, lookups and its Kahn/MID cross-references."""

from __future__ import annotations

import csv

import pytest

from offramp.errors import ConfigError
from offramp.ontology.ladder import kahn_range, load_ladder, max_level, rung

KEYS = [
    "baseline",
    "verbal_hostility",
    "diplomatic_coercion",
    "treaty_doctrine",
    "mobilisation",
    "limited_fire",
    "militant_strikes",
    "military_strikes",
    "strategic_strikes",
    "nuclear_signalling",
    "nuclear_use",
]


def test_levels_and_keys_are_the_agreed_ones():
    ladder = load_ladder()
    assert [r.level for r in ladder] == list(range(11))
    assert [r.key for r in ladder] == KEYS
    assert max_level() == 10


@pytest.mark.parametrize(
    ("query", "key"),
    [(0, "baseline"), (5, "limited_fire"), ("nuclear_use", "nuclear_use"), (9, "nuclear_signalling")],
)
def test_rung_lookup_by_level_or_key(query, key):
    assert rung(query).key == key
    assert rung(rung(query).level) == rung(key)


@pytest.mark.parametrize("bad", [-1, 11, "war", True, 3.0])
def test_unknown_rung_is_a_config_error(bad):
    with pytest.raises(ConfigError, match="no escalation rung"):
        rung(bad)


@pytest.mark.parametrize(
    ("text", "expected"), [("", ()), ("3", (3,)), ("1-2;7", (1, 2, 7)), ("21-23", (21, 22, 23))]
)
def test_kahn_range_expands(text, expected):
    assert kahn_range(text) == expected


def test_cross_references_exist_in_the_source_scales(shared):
    ladders = shared / "data" / "crises" / "ladders"
    with (ladders / "kahn_ladder_1965.csv").open(encoding="utf-8") as f:
        kahn = {int(r["rung"]) for r in csv.DictReader(f)}
    with (ladders / "mid_action_scale.csv").open(encoding="utf-8") as f:
        mid = {int(r["action_code"]): int(r["hostility_level"]) for r in csv.DictReader(f)}
    for r in load_ladder():
        assert set(r.kahn) <= kahn
        assert r.mid_action_codes, r.key
        # the rung's hostility level is the highest of its MID actions'
        assert r.mid_hostility == max(mid[c] for c in r.mid_action_codes), r.key


def test_kahn_cross_references_rise_with_the_ladder():
    firsts = [min(r.kahn) for r in load_ladder() if r.kahn and r.key != "nuclear_signalling"]
    assert firsts == sorted(firsts)
    assert min(rung("nuclear_use").kahn) == 21  # Kahn's "No Nuclear Use" threshold
