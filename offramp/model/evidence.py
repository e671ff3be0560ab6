"""Simulation inputs read from the store as of a date, each with its source events and date.

``as_of_store`` copies into a scratch store only what was found before the as-of date D: documents published
before D (and dataset files, whose rows carry their own dates), events dated before D (or undated, from a
document published before D), their sources, claims and near-duplicates among those documents. Every later
step reads that copy, so nothing dated on or after D can reach the outlook (tested by adding a later article).

``store_inputs`` then reads from it the ladder history (each side's last rung before D), the mediators and
back channels active by D, economic levers and doctrine statements, and turns them into scenario changes:
a third party mediates from the first day the store shows it in contact with both sides, the back channel is
open from the first quiet contact found, a side's doctrine counts only once a doctrine statement of that side
is on record, a lender's schedule only once that lender appears. Each change is an ``Input`` row naming the
events it rests on; what the store cannot say (leverage, resolve, …) stays as the scenario file says.
"""

from __future__ import annotations

import copy
import datetime as dt
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError
from ..store import Store
from .scenario import Scenario, validate

__all__ = ["Input", "as_of_store", "store_inputs"]

# third-party willingness to mediate when the scenario file does not name the party (an assumption)
UNNAMED_MEDIATION = 0.5
UNNAMED_LEVERAGE = 0.3

_COPY = {
    "documents": "SELECT * FROM documents WHERE kind = 'dataset' OR published < ?",
    # dated before D and found in a kept document (or carrying no document, like a dataset row); undated
    # ones only from an article published before D
    "events": (
        "SELECT * FROM events e WHERE (e.date < ? OR (e.date IS NULL AND e.dataset IS NULL AND e.doc_id IS NOT NULL))"
        " AND (e.doc_id IS NULL OR e.doc_id IN (SELECT id FROM keep_docs)"
        " OR e.id IN (SELECT event_id FROM event_sources WHERE doc_id IN (SELECT id FROM keep_docs)))"
    ),
    "event_sources": "SELECT * FROM event_sources WHERE doc_id IN (SELECT id FROM keep_docs) AND (date IS NULL OR date < ?)",
    "claims": "SELECT * FROM claims WHERE doc_id IN (SELECT id FROM keep_docs) AND (date IS NULL OR date < ?)",
    "actors": "SELECT * FROM actors",
    "near_duplicates": (
        "SELECT * FROM near_duplicates WHERE doc_id IN (SELECT id FROM keep_docs)"
        " AND other_id IN (SELECT id FROM keep_docs)"
    ),
}


@dataclass
class Input:
    """One simulation input and where it came from."""

    name: str
    value: Any
    source: str  # "store" or "scenario file"
    date: dt.date | None = None
    events: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "input": self.name,
            "value": self.value,
            "source": self.source,
            "date": self.date.isoformat() if self.date else None,
            "events": self.events,
        }


@contextmanager
def as_of_store(store: Store, as_of: dt.date) -> Iterator[Store]:
    """A scratch store holding only what was found before ``as_of`` (deleted on exit)."""
    with tempfile.TemporaryDirectory(prefix="offramp-asof-") as tmp:
        view = Store(Path(tmp) / "as_of.duckdb")
        try:
            docs = store.con.execute(_COPY["documents"], [as_of]).to_arrow_table()
            store.con.register("keep_docs", docs.select(["id"]))
            try:
                for table, sql in _COPY.items():
                    params = [as_of] * sql.count("?")
                    view.insert_arrow(table, store.con.execute(sql, params).to_arrow_table())
            finally:
                store.con.unregister("keep_docs")
            yield view
        finally:
            view.close()


def _first(evidence: list[dict[str, Any]]) -> tuple[dt.date | None, list[str]]:
    dates = [e["date"] for e in evidence if e.get("date")]
    return (min(dates) if dates else None), [str(e["event"]) for e in evidence if e.get("event")]


def store_inputs(
    view: Store, scenario: Scenario, as_of: dt.date
) -> tuple[Scenario, np.ndarray | None, list[Input]]:
    """The scenario with its evidence-based inputs replaced by what ``view`` (an ``as_of_store``) holds."""
    from ..analysis.escalation import daily_ladder
    from ..analysis.mediators import levers

    sides = tuple(scenario.sides)
    data = copy.deepcopy(scenario.data)
    rows: list[Input] = []
    try:
        ladder = daily_ladder(view, sides=(sides[0], sides[1]), end=as_of - dt.timedelta(days=1))
        found = levers(view, sides=(sides[0], sides[1]))
    except Exception as exc:  # an analysis that cannot read this store: say so in one line
        raise ModelError(f"cannot read the store as of {as_of} ({exc})".splitlines()[0]) from exc
    start = None
    if not ladder.empty:
        rungs: list[int] = []
        for side in sides:
            mine = ladder[ladder["side"] == side].sort_values("date")
            if mine.empty:
                rungs = []
                break
            last = mine.iloc[-1]
            set_on = mine[~mine["held"].astype(bool)]
            day = set_on["date"].iloc[-1] if not set_on.empty else last["date"]
            rungs.append(int(last["rung"]))
            rows.append(
                Input(f"{side} rung before {as_of}", int(last["rung"]), "store", day, list(last["events"]))
            )
        if rungs:
            start = np.clip(np.array(rungs, dtype=np.int64), 0, 10)
    if start is None:
        state = [int(x) for x in scenario.state(as_of)]
        rows.append(Input("starting rungs (no ladder in the store before the date)", state, "scenario file"))
    parties = data.get("third_parties") or {}
    mediators = found[found["role"] == "mediator"] if not found.empty else found
    seen = set()
    for r in mediators.itertuples(index=False):
        day, ids = _first(r.evidence)
        seen.add(r.actor)
        if r.actor in parties:
            parties[r.actor]["active_from"] = day or as_of - dt.timedelta(days=1)
            value = parties[r.actor]["mediation"]
        else:
            value = UNNAMED_MEDIATION
            parties[r.actor] = {
                "mediation": value,
                "leverage": dict.fromkeys(sides, UNNAMED_LEVERAGE),
                "active_from": day or as_of - dt.timedelta(days=1),
            }
        rows.append(Input(f"mediator {r.actor}", value, "store", day, ids))
    for name, party in parties.items():
        if name not in seen:
            party["mediation"] = 0.0
            rows.append(Input(f"mediator {name}", "not found before the as-of date: off", "store"))
    data["third_parties"] = parties
    channel = found[found["role"] == "backchannel"] if not found.empty else found
    if len(channel):
        evidence = [e for ev in channel["evidence"] for e in ev]
        day, ids = _first(evidence)
        data["backchannel"] = {"status": "open", "since": day or as_of - dt.timedelta(days=1)}
        rows.append(Input("back channel", "open", "store", day, ids))
    else:
        data["backchannel"] = {"status": "closed"}
        rows.append(Input("back channel", "closed (none found before the as-of date)", "store"))
    for side in sides:
        doctrine = (
            found[(found["role"] == "doctrine") & (found["actor"] == side)] if not found.empty else found
        )
        if len(doctrine):
            day, ids = _first([e for ev in doctrine["evidence"] for e in ev])
            rows.append(Input(f"{side} doctrine", "on record", "store", day, ids))
        else:
            data["sides"][side]["doctrine"] = {}
            rows.append(Input(f"{side} doctrine", "none on record: not used", "store"))
        lenders = data["sides"][side].get("lenders") or []
        economic = found[found["role"] == "economic"] if not found.empty else found
        kept = []
        for lender in lenders:
            hits = economic[economic["actor"] == lender.get("name")] if len(economic) else economic
            if len(hits):
                day, ids = _first([e for ev in hits["evidence"] for e in ev])
                kept.append(lender)
                rows.append(
                    Input(
                        f"{side} lender {lender.get('name')}",
                        f"decision {lender['decision']}",
                        "store",
                        day,
                        ids,
                    )
                )
            else:
                rows.append(
                    Input(
                        f"{side} lender {lender.get('name')}", "not found before the as-of date: off", "store"
                    )
                )
        data["sides"][side]["lenders"] = kept
    for key in ("resolve", "cost_sensitivity", "economic_vulnerability", "claim_victory"):
        for side in sides:
            rows.append(Input(f"{side} {key.replace('_', ' ')}", data["sides"][side][key], "scenario file"))
    return Scenario(data=validate(data, scenario.path), path=scenario.path), start, rows
