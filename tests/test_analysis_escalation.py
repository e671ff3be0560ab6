"""Rungs per event, the daily ladder and its turning points."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from offramp.analysis.escalation import CRISIS, RULES, daily_ladder, event_rungs, turning_points
from offramp.ontology.ladder import load_ladder
from offramp.records import Document, Event

D = dt.date


def _one(store, **kw) -> pd.Series:
    doc = Document(text=str(kw), title="t")
    kw.setdefault("date", D(2025, 5, 1))
    with store.write():
        store.add_document(doc)
        store.add_events([Event(doc_id=doc.id, **kw)])
    return event_rungs(store).iloc[0]


@pytest.mark.parametrize(
    ("event", "rule", "rung"),
    [
        ({"type": "ASSAULT", "source": ["MIL"], "target": ["IND"], "evidence": "Gunmen attacked a market."},
         "non_state_attack", None),
        ({"type": "ASSAULT", "source": ["IND"], "target": ["PAK"], "mode": "heavy-weapons",
          "evidence": "Shelling hit villages near the border."}, "fire_by_mode", 5),
        ({"type": "ASSAULT", "source": ["IND"], "target": ["PAK"], "evidence": "Troops exchanged fire across the Line of Control."},
         "fire_by_words", 5),
        ({"type": "ASSAULT", "source": ["IND"], "target": ["PAK"], "evidence": "Missiles hit training camps of a banned group."},
         "strike_militant", 6),
        ({"type": "ASSAULT", "source": ["PAK"], "target": ["IND"], "mode": "drone", "evidence": "Drones targeted an air base."},
         "strike_military", 7),
        ({"type": "ASSAULT", "source": ["PAK"], "target": ["IND"], "evidence": "Rockets fell on the city centre."},
         "strike_strategic", 8),
        ({"type": "ASSAULT", "source": ["IND"], "target": ["PAK"], "mode": "aerial", "evidence": "Strikes went in overnight."},
         "strike_cross_border", 7),
        ({"type": "ASSAULT", "source": ["IND"], "target": ["PAK"], "evidence": "Soldiers clashed."}, "assault_other", 5),
        ({"type": "MOBILIZE", "source": ["IND"], "target": ["PAK"], "mode": "troops", "evidence": "Divisions moved west."},
         "mobilisation", 4),
        ({"type": "MOBILIZE", "source": ["PAK"], "target": [], "evidence": "Strategic forces were put on nuclear alert."},
         "nuclear_signal", 9),
        ({"type": "SANCTION", "source": ["IND"], "target": ["PAK"], "evidence": "The water treaty was put in abeyance."},
         "treaty_suspension", 3),
        ({"type": "THREATEN", "source": ["IND"], "target": ["PAK"], "evidence": "The next attack will be an act of war."},
         "doctrine_or_threat", 3),
        ({"type": "SANCTION", "source": ["PAK"], "target": ["IND"], "mode": "expel", "evidence": "Envoys were expelled."},
         "diplomatic_coercion", 2),
        ({"type": "ACCUSE", "source": ["PAK"], "target": ["IND"], "evidence": "Islamabad blamed Delhi."}, "verbal_hostility", 1),
        ({"type": "CONSULT", "source": ["USA"], "target": ["IND"], "evidence": "Officials met."}, "cooperation_or_other", 0),
    ],
)  # fmt: skip
def test_each_event_gets_a_rung_and_the_rule_that_set_it(store, event, rule, rung):
    row = _one(store, **event)
    assert row["rule"] == rule
    assert (None if pd.isna(row["rung"]) else int(row["rung"])) == rung
    if rung is not None:
        assert row["rung_name"] == load_ladder()[rung].name


def test_rules_cover_every_level_the_ladder_names():
    levels = {r.level for r in RULES if r.level is not None}
    assert levels == set(range(0, 11))
    assert RULES[-1].types == ()  # the last rule catches everything


def test_daily_ladder_per_side_and_for_the_crisis(crisis):
    lad = daily_ladder(crisis)
    assert set(lad["side"]) == {"IND", "PAK", CRISIS}
    crisis_rows = lad[lad["side"] == CRISIS].set_index("date")
    assert str(crisis_rows.index.min())[:10] == "2025-04-22"  # starts at the trigger
    assert crisis_rows.loc[D(2025, 5, 9), "rung"] == 9  # nuclear command meeting
    assert crisis_rows.loc[D(2025, 5, 10), "ceasefire"]
    assert crisis_rows.loc[D(2025, 5, 10), "rung"] == 3  # back to the standing treaty suspension
    assert crisis_rows.loc[D(2025, 5, 11), "rung"] == 5  # the breach
    for _, row in lad.iterrows():
        assert row["rung"] == 0 or row["events"], "every rung above baseline names its events"
    # the crisis is the higher side each day
    wide = lad.pivot(index="date", columns="side", values="rung")
    assert (wide[CRISIS] == wide[["IND", "PAK"]].max(axis=1)).all()


def test_a_level_is_held_for_a_few_days_then_falls_to_the_floor(store):
    doc = Document(text="h", title="h")
    evs = [
        Event(type="SANCTION", source=["IND"], target=["PAK"], date=D(2025, 1, 1), evidence="treaty suspended", doc_id=doc.id),
        Event(type="ASSAULT", source=["IND"], target=["PAK"], date=D(2025, 1, 2), mode="heavy-weapons", doc_id=doc.id),
        Event(type="ACCUSE", source=["IND"], target=["PAK"], date=D(2025, 1, 8), evidence="blamed", doc_id=doc.id),
    ]  # fmt: skip
    with store.write():
        store.add_document(doc)
        store.add_events(evs)
    ind = daily_ladder(store, sides=("IND", "PAK"), hold_days=2)
    ind = ind[ind["side"] == "IND"]["rung"].tolist()
    # 1 Jan 3 (treaty), 2 Jan 5, held 3-4 Jan, floor 3 from 5 Jan; an accusation (1) stays under the floor
    assert ind == [3, 5, 5, 5, 3, 3, 3, 3]


def test_turning_points(crisis):
    tp = turning_points(crisis)
    got = {k: [str(d) for d in g["date"]] for k, g in tp.groupby("kind")}
    assert got["trigger"] == ["2025-04-22"]
    assert got["onset"] == ["2025-05-07"]
    assert got["peak"] == ["2025-05-09"]
    assert got["ceasefire"] == ["2025-05-10"]
    assert got["breach"] == ["2025-05-11"]
    assert got["return_to_baseline"] == ["2025-05-14"]


def test_no_ladder_without_two_states_in_conflict(store):
    doc = Document(text="z", title="z")
    with store.write():
        store.add_document(doc)
        store.add_events(
            [Event(type="CONSULT", source=["USA"], target=["GBR"], date=D(2025, 1, 1), doc_id=doc.id, quad=1)]
        )
    assert daily_ladder(store).empty
    assert turning_points(store).empty


# -- rows of event datasets ----------------------------------------------------


def _dataset_row(**kw) -> Event:
    return Event(dataset="gdelt", dataset_row=kw.pop("row", 1), **kw)


@pytest.mark.parametrize(
    ("row", "counts"),
    [
        # no actor on one side: says nothing about the dyad
        (dict(type="ASSAULT", source=[], target=["PAK"], mode="heavy-weapons", country="PAK"), False),
        # inside one state: a suicide attack on police, unnamed militants against their own state
        (dict(type="ASSAULT", source=["MIL"], target=["PAK"], mode="suicide", country="PAK"), False),
        (dict(type="ASSAULT", source=["PAK"], target=["PAK"], mode="heavy-weapons", country="PAK"), False),
        # one side against the other: a dyad's row like any other
        (dict(type="ASSAULT", source=["IND"], target=["PAK"], mode="heavy-weapons", country="PAK"), True),
    ],
)
def test_dataset_rows_without_an_actor_or_inside_one_state_set_no_rung(store, row, counts):
    doc = Document(text="d", title="d")
    base = [
        Event(type="ASSAULT", source=["PAK"], target=["IND"], date=D(2025, 1, 5), mode="small-arms", doc_id=doc.id),
        Event(type="ASSAULT", source=["IND"], target=["PAK"], date=D(2025, 1, 6), mode="heavy-weapons", doc_id=doc.id),
    ]  # fmt: skip
    early = _dataset_row(date=D(2025, 1, 2), doc_id=doc.id, **row)
    with store.write():
        store.add_document(doc)
        store.add_events([*base, early])
    lad = daily_ladder(store, sides=("IND", "PAK"))
    # the ladder starts on the first day a row counts for the dyad; a row that says nothing about it
    # neither opens the crisis nor is its trigger
    assert (min(lad["date"]) == D(2025, 1, 2)) is counts
    tp = turning_points(store, sides=("IND", "PAK"))
    trigger = tp[tp["kind"] == "trigger"]
    if not counts:
        assert early.id not in {i for ids in trigger["events"] for i in ids}


def test_a_dataset_row_inside_one_state_is_no_ceasefire_breach(store):
    doc = Document(text="c", title="c")
    evs = [
        Event(type="ASSAULT", source=["IND"], target=["PAK"], date=D(2025, 1, 1), mode="heavy-weapons", doc_id=doc.id),
        Event(type="AGREE", source=["IND", "PAK"], target=["IND", "PAK"], date=D(2025, 1, 2), mode="ceasefire",
              evidence="the two sides agreed a ceasefire", doc_id=doc.id),
        _dataset_row(type="ASSAULT", source=["PAK"], target=["PAK"], date=D(2025, 1, 4), mode="suicide",
                     country="PAK", doc_id=doc.id),
    ]  # fmt: skip
    with store.write():
        store.add_document(doc)
        store.add_events(evs)
    tp = turning_points(store, sides=("IND", "PAK"))
    assert "ceasefire" in set(tp["kind"])
    assert "breach" not in set(tp["kind"])
