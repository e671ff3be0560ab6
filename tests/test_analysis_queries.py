"""The read models (offramp/analysis/queries.py): the filters the commands offer are parameters here,
so the API, the CLI and the brief read the same rows."""

from __future__ import annotations

import pytest

from offramp.analysis import queries


def test_every_name_is_there():
    assert all(hasattr(queries, name) for name in queries.__all__)


@pytest.mark.parametrize(
    ("side", "expected"),
    [("crisis", {"crisis"}), ("ind", {"IND"}), ("PAK", {"PAK"}), (None, {"IND", "PAK", "crisis"})],
)
def test_ladder_rows_keep_one_side(crisis, side, expected):
    assert set(queries.ladder_rows(crisis, side=side)["side"]) == expected


def test_ladder_rows_of_a_side_are_that_sides_daily_series(crisis):
    whole = queries.daily_ladder(crisis)
    one = queries.ladder_rows(crisis, side="IND")
    assert one.equals(whole[whole["side"] == "IND"])


@pytest.mark.parametrize("actor", ["IMF", "imf"])
def test_ledger_rows_of_an_actor_name_it_on_some_side(crisis, actor):
    rows = queries.ledger_rows(crisis, actor=actor)
    assert len(rows) == 1
    for a, d, h in zip(rows.asserted_by, rows.denied_by, rows.hedged_by, strict=True):
        assert "IMF" in (*a, *d, *h)


def test_ledger_rows_conflicts_only_are_the_exclusive_claims(crisis):
    rows = queries.ledger_rows(crisis, conflicts_only=True)
    assert list(rows["conflict"]) == ["win"]
    assert len(queries.ledger_rows(crisis)) > len(rows)


def test_contested_claims_are_those_of_contested_rows(crisis):
    ids = queries.contested_claim_ids(crisis)
    assert ids
    frame = queries.claims_frame(crisis, contested_only=True)
    assert set(frame["id"]) == ids
    assert len(queries.claims_frame(crisis)) > len(frame)


def test_event_records_keep_an_actor_on_either_side(crisis):
    every = queries.event_records(crisis)
    india = queries.event_records(crisis, actor="ind")
    assert 0 < len(india) < len(every)
    assert all(
        "IND" in list(s) or "IND" in list(t) for s, t in zip(india["source"], india["target"], strict=True)
    )
    assert list(india.columns) == queries.EVENT_RECORD_COLUMNS
