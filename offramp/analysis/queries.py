"""The read models: every table the CLI, the analysis and the brief read from a store, in one place.

Each function takes a ``Store`` and the filters a command offers, and returns a
DataFrame (row shapes in docs/schemas.md and docs/analysis.md). A command parses
its options, calls one of these and hands the frame to ``offramp.present``; the
brief (``offramp.report``) reads through the same functions, so a filter means
the same everywhere.

    from offramp.analysis import queries
    queries.event_records(store, actor="IND", type="ASSAULT")   # events with every source
    queries.claims_frame(store, contested_only=True)            # claims in contested propositions
    queries.ledger_rows(store, actor="PAK", conflicts_only=True)
    queries.ladder_rows(store, side="IND")                      # one side's daily rung

The event record's columns come from the schema (``offramp.schema``); the ledger's
grouping stays in ``ledger.py`` and the ladder's in ``escalation.py``, re-exported
here so that readers have one module to import.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pandas as pd

from ..extract import claims as stored_claims
from ..ontology.calendar import stored_day
from ..schema import EVENT_RECORD_COLUMNS
from ..store import Store
from .escalation import CRISIS, daily_ladder, event_rungs, turning_points
from .ledger import ledger, number_table
from .mediators import levers
from .timeline import EventFilter, daily_dyads, timeline

__all__ = [
    "EVENT_RECORD_COLUMNS",
    "EventFilter",
    "claims_frame",
    "contested_claim_ids",
    "daily_dyads",
    "daily_ladder",
    "event_records",
    "event_rungs",
    "ladder_rows",
    "ledger",
    "ledger_rows",
    "levers",
    "number_table",
    "timeline",
    "turning_points",
]


def contested_claim_ids(store: Store) -> set[str]:
    """Ids of the claims that stand in a contested row of the ledger (the sides contradict)."""
    return {c["id"] for cs in ledger(store, status="contested")["claims"] for c in cs}


def claims_frame(
    store: Store,
    *,
    actor: str | None = None,
    contested_only: bool = False,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> pd.DataFrame:
    """Stored claims as ``offramp claims`` prints them (``offramp.extract.claims.claims_frame``);
    ``contested_only`` keeps the claims that stand in a contested row of the :func:`ledger`, the same
    rule as ``offramp claims --contested`` and ``offramp ledger --contested``."""
    frame = stored_claims.claims_frame(store, actor=actor, since=since, until=until)
    if contested_only and len(frame):
        frame = frame[frame["id"].isin(contested_claim_ids(store))].reset_index(drop=True)
    return frame


def ledger_rows(
    store: Store,
    *,
    status: str | None = None,
    actor: str | None = None,
    conflicts_only: bool = False,
    sides: tuple[str, str] | None = None,
) -> pd.DataFrame:
    """The claims ledger (:func:`ledger`), keeping the propositions ``actor`` asserts, denies or
    hedges, and with ``conflicts_only`` the rows of mutually exclusive claims."""
    frame = ledger(store, sides=sides, status=status)
    if actor:
        code = actor.upper()
        frame = frame[
            [
                code in (*a, *d, *h)
                for a, d, h in zip(frame.asserted_by, frame.denied_by, frame.hedged_by, strict=True)
            ]
        ]
    if conflicts_only:
        frame = frame[frame["conflict"].notna()]
    return frame


def ladder_rows(
    store: Store,
    *,
    sides: tuple[str, str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    side: str | None = None,
) -> pd.DataFrame:
    """The daily escalation rung (:func:`daily_ladder`); ``side`` keeps one series: an actor
    code (any case) or ``"crisis"``."""
    frame = daily_ladder(store, sides=sides, start=start, end=end)
    if side:
        frame = frame[frame["side"] == (side if side == CRISIS else side.upper())]
    return frame


def event_records(
    store: Store,
    *,
    actor: str | None = None,
    type: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    include_negated: bool = False,
) -> pd.DataFrame:
    """Events (filtered by an actor on either side, a PLOVER type, and a date window),
    ordered by date; ``sources`` lists each supporting document's url, title,
    published date, its own date for the event, the evidence sentence and its span."""
    where: list[str] = ["TRUE"]
    params: list[object] = []
    if actor:
        where.append("(list_contains(e.source, ?) OR list_contains(e.target, ?))")
        params += [actor.upper(), actor.upper()]
    if type:
        where.append("e.type = ?")
        params.append(type.upper())
    if since:
        where.append("coalesce(e.date_end, e.date) >= ?")
        params.append(since)
    if until:
        where.append("e.date <= ?")
        params.append(until)
    if not include_negated:
        where.append("NOT coalesce(e.negated, FALSE)")
    sql = f"""
        SELECT e.id, e.date, e.date_end, coalesce(e.date_inferred, FALSE) AS date_inferred, e.time,
               e.source, e.target, e.type, e.mode, e.context, e.quad, e.cameo_root, e.score,
               e.location, e.country, e.fatalities, e.injured, e.amount_usd, e.certainty,
               coalesce(e.negated, FALSE) AS negated, e.attrs, e.n_sources,
               list({{'doc_id': s.doc_id, 'url': coalesce(s.url, d.url), 'title': d.title,
                      'published': d.published, 'published_from': d.published_from,
                      'date': s.date, 'date_end': s.date_end,
                      'evidence': s.evidence, 'span': [s.span_start, s.span_end],
                      'dataset': s.dataset, 'dataset_row': s.dataset_row}}
                    ORDER BY d.published NULLS LAST, s.doc_id) FILTER (WHERE s.event_id IS NOT NULL) AS sources
        FROM events e
        LEFT JOIN event_sources s ON s.event_id = e.id
        LEFT JOIN documents d ON d.id = s.doc_id
        WHERE {" AND ".join(where)}
        GROUP BY ALL
        ORDER BY e.date NULLS LAST, e.id
    """
    frame = store.con.execute(sql, params).df()
    attrs = [_attrs(a) for a in frame.pop("attrs")] if len(frame) else []
    frame["both_ways"] = [bool(a.get("both_ways")) for a in attrs]
    frame["domestic"] = [bool(a.get("domestic")) for a in attrs]
    frame["weapons"] = [a.get("weapons") or [] for a in attrs]
    frame["date_reason"] = [a.get("date_reason") for a in attrs]  # how an inferred date was found
    frame["planned"] = [a.get("planned") for a in attrs]  # the day a future act is planned for
    for col in ("date", "date_end"):
        frame[col] = [stored_day(v) for v in frame[col]]
    frame["sources"] = [_sources(v) for v in frame["sources"]]
    return frame[EVENT_RECORD_COLUMNS]


def _attrs(value: Any) -> dict[str, Any]:
    if isinstance(value, str) and value:
        return json.loads(value)
    return value if isinstance(value, dict) else {}


def _sources(value: Any) -> list[dict[str, Any]]:
    if value is None or (isinstance(value, float) and value != value):
        return []
    out = []
    for s in list(value):
        item = dict(s)
        for key in ("published", "date", "date_end"):
            item[key] = stored_day(item.get(key))
        item["span"] = [None if v is None else int(v) for v in list(item.get("span") or [])]
        out.append(item)
    return out
