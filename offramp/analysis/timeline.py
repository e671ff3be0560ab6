"""The timeline: merged events in date order with every source, and daily series per directed dyad.

All of it is DuckDB SQL over the store, so it stays fast on millions of events.
An event that spans several days (``date`` .. ``date_end``) counts on each day it
covers, up to ``MAX_SPAN_DAYS``; a longer span counts on its first day only.
Fatalities count once, on the first day.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..errors import InputError
from ..schema import EVENT_RECORD_COLUMNS
from ..store import Store

__all__ = [
    "MAX_SPAN_DAYS", "TIMELINE_COLUMNS", "EventFilter", "daily_dyads", "from_dataset", "parse_dyad", "timeline",
]  # fmt: skip

MAX_SPAN_DAYS = 31

# A timeline row is the event record ``offramp events`` prints (offramp.analysis.queries).
TIMELINE_COLUMNS = list(EVENT_RECORD_COLUMNS)
_PICK = [
    "e.id", "e.date", "e.date_end", "coalesce(e.date_inferred, FALSE) AS date_inferred", "e.time", "e.source",
    "e.target", "e.type", "e.mode", "e.context", "e.quad", "e.cameo_root", "e.score", "e.location", "e.country",
    "e.fatalities", "e.injured", "e.amount_usd", "e.certainty", "coalesce(e.negated, FALSE) AS negated", "e.attrs",
    "e.n_sources",
]  # fmt: skip


def parse_dyad(text: str) -> tuple[str, str]:
    """``"IND-PAK"`` (or ``IND:PAK``, ``IND,PAK``) -> ``("IND", "PAK")``."""
    for sep in ("-", ":", ",", ">"):
        if sep in text:
            codes = [c.strip() for c in text.split(sep)]
            if len(codes) == 2 and all(codes):
                return codes[0].upper(), codes[1].upper()
            if len(codes) > 2:
                raise InputError(
                    f"dyad {text!r} names {len(codes)} actors; a dyad is two",
                    hint="write it as SOURCE-TARGET, e.g. IND-PAK",
                )
    raise InputError(f"dyad {text!r} is not two actor codes", hint="write it as SOURCE-TARGET, e.g. IND-PAK")


@dataclass
class EventFilter:
    """Which events to keep. ``dyad`` matches both directions unless ``directed``;
    ``start``/``end`` keep events whose span overlaps the window (undated events drop out)."""

    actor: str | None = None
    dyad: tuple[str, str] | None = None
    directed: bool = False
    types: Sequence[str] = field(default_factory=tuple)
    start: dt.date | None = None
    end: dt.date | None = None
    include_negated: bool = False

    def sql(self, alias: str = "e") -> tuple[str, list[Any]]:
        """A WHERE clause (without the keyword) and its parameters."""
        where: list[str] = []
        params: list[Any] = []
        if not self.include_negated:
            where.append(f"NOT coalesce({alias}.negated, false)")
        if self.actor:
            where.append(f"(list_contains({alias}.source, ?) OR list_contains({alias}.target, ?))")
            params += [self.actor, self.actor]
        if self.dyad:
            a, b = self.dyad
            clause = f"(list_contains({alias}.source, ?) AND list_contains({alias}.target, ?))"
            params += [a, b]
            if not self.directed:
                clause = (
                    f"({clause} OR (list_contains({alias}.source, ?) AND list_contains({alias}.target, ?)))"
                )
                params += [b, a]
            where.append(clause)
        if self.types:
            where.append(f"list_contains(?, {alias}.type)")
            params.append([t.upper() for t in self.types])
        if self.start:
            where.append(f"coalesce({alias}.date_end, {alias}.date) >= ?")
            params.append(self.start)
        if self.end:
            where.append(f"{alias}.date <= ?")
            params.append(self.end)
        return (" AND ".join(where) or "true"), params


def _filter(flt: EventFilter | None, **kwargs: Any) -> EventFilter:
    if flt is not None:
        return flt
    dyad = kwargs.get("dyad")
    if isinstance(dyad, str):
        kwargs["dyad"] = parse_dyad(dyad)
    types = kwargs.get("types")
    if isinstance(types, str):
        kwargs["types"] = [t for t in types.split(",") if t]
    kwargs["types"] = tuple(kwargs.get("types") or ())
    return EventFilter(**kwargs)


def timeline(
    store: Store,
    flt: EventFilter | None = None,
    *,
    actor: str | None = None,
    dyad: tuple[str, str] | str | None = None,
    directed: bool = False,
    types: Sequence[str] | str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    sources: bool = True,
    limit: int | None = None,
    dataset: bool | None = None,
) -> pd.DataFrame:
    """Events in date order (undated last), one row per merged event, each with all its sources
    (``[{url, title, published, evidence, span, dataset, dataset_row}]``). ``dataset=False`` keeps
    events read from text, ``True`` rows of event datasets only (GDELT, ACLED; see :func:`from_dataset`)."""
    f = _filter(flt, actor=actor, dyad=dyad, directed=directed, types=types, start=start, end=end)
    where, params = f.sql("e")
    if dataset is not None:
        where += f" AND {'' if dataset else 'NOT '}{_DATASET_ONLY}"
    limit_sql = f" LIMIT {int(limit)}" if limit else ""
    src_sql = (
        "[]"
        if not sources
        else """coalesce((
        SELECT list({'doc_id': s.doc_id, 'url': coalesce(s.url, d.url), 'title': d.title, 'published': d.published,
                     'published_from': d.published_from, 'date': s.date, 'date_end': s.date_end, 'evidence': s.evidence,
                     'span': [s.span_start, s.span_end], 'dataset': s.dataset, 'dataset_row': s.dataset_row}
                    ORDER BY d.published NULLS LAST, s.doc_id, s.span_start)
        FROM event_sources s LEFT JOIN documents d ON d.id = s.doc_id WHERE s.event_id = p.id), [])"""
    )
    sql = f"""
        WITH p AS (SELECT {", ".join(_PICK)} FROM events e WHERE {where} ORDER BY e.date NULLS LAST, e.id{limit_sql})
        SELECT p.*, {src_sql} AS sources FROM p ORDER BY p.date NULLS LAST, p.id
    """
    frame = store.query(sql, params)
    attrs = [_attrs(a) for a in frame.pop("attrs")]
    frame["both_ways"] = [bool(a.get("both_ways")) for a in attrs]
    frame["domestic"] = [bool(a.get("domestic")) for a in attrs]
    frame["weapons"] = [a.get("weapons") or [] for a in attrs]
    frame["date_reason"] = [a.get("date_reason") for a in attrs]
    frame["planned"] = [a.get("planned") for a in attrs]
    for col in ("date", "date_end"):
        frame[col] = _dates(frame[col])
    frame["sources"] = (
        [_clean_sources(v) for v in frame["sources"]] if sources else [[] for _ in range(len(frame))]
    )
    return frame[TIMELINE_COLUMNS]


# An event every source of which is a dataset row (none read from a text).
_DATASET_ONLY = (
    "(e.dataset IS NOT NULL AND NOT EXISTS "
    "(SELECT 1 FROM event_sources x WHERE x.event_id = e.id AND x.dataset IS NULL))"
)


def from_dataset(sources: Sequence[dict[str, Any]]) -> bool:
    """Whether a timeline row comes from event datasets only (every source has a ``dataset``)."""
    return bool(sources) and all(s.get("dataset") for s in sources)


def _dates(values: pd.Series) -> list[dt.date | None]:
    """Timestamps as dates, missing ones as None (vectorised when the column is datetime)."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.dt.date.astype(object).where(values.notna(), None).tolist()
    return [None if v is None or pd.isna(v) else pd.Timestamp(v).date() for v in values]


def _attrs(value: Any) -> dict[str, Any]:
    if isinstance(value, str) and value:
        return json.loads(value)
    return value if isinstance(value, dict) else {}


def _clean_sources(value: Any) -> list[dict[str, Any]]:
    out = []
    for s in list(value) if value is not None else []:
        s = dict(s)
        for key in ("published", "date", "date_end"):
            v = s.get(key)
            s[key] = (
                None if v is None or (not isinstance(v, dt.date) and pd.isna(v)) else pd.Timestamp(v).date()
            )
        span = s.get("span")
        s["span"] = (
            None
            if span is None or all(x is None for x in span)
            else [None if x is None else int(x) for x in span]
        )
        out.append(s)
    return out


def daily_dyads(
    store: Store,
    flt: EventFilter | None = None,
    *,
    actor: str | None = None,
    dyad: tuple[str, str] | str | None = None,
    directed: bool = False,
    types: Sequence[str] | str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> pd.DataFrame:
    """One row per day and directed dyad (source actor -> target actor): event counts by quad
    class, the summed conflict–cooperation score, and fatalities."""
    f = _filter(flt, actor=actor, dyad=dyad, directed=directed, types=types, start=start, end=end)
    where, params = f.sql("e")
    day_filter = []
    if f.start:
        day_filter.append("day >= ?")
        params.append(f.start)
    if f.end:
        day_filter.append("day <= ?")
        params.append(f.end)
    if f.dyad:
        # keep only the dyad's own pairs, not other actors named on the same event
        pair = "(s = ? AND t = ?)" if f.directed else "((s = ? AND t = ?) OR (s = ? AND t = ?))"
        day_filter.append(pair)
        params += list(f.dyad) if f.directed else [*f.dyad, *reversed(f.dyad)]
    elif f.actor:
        day_filter.append("(s = ? OR t = ?)")
        params += [f.actor, f.actor]
    day_where = " AND ".join(day_filter) or "true"
    sql = f"""
        WITH ev AS (
            SELECT e.id, e.date AS first_day, e.quad, e.score, e.fatalities, e.source, e.target,
                   CASE WHEN e.date_end IS NULL OR e.date_end <= e.date
                             OR date_diff('day', e.date, e.date_end) > {MAX_SPAN_DAYS}
                        THEN [e.date]
                        ELSE generate_series(e.date, e.date_end, INTERVAL 1 DAY)::DATE[] END AS days
            FROM events e WHERE e.date IS NOT NULL AND {where}
        ),
        pairs AS (
            SELECT id, first_day, quad, score, fatalities, s, unnest(target) AS t, days
            FROM (SELECT *, unnest(source) AS s FROM ev)
        ),
        daily AS (
            SELECT id, first_day, quad, score, fatalities, s, t, unnest(days) AS day FROM pairs WHERE s <> t
        )
        SELECT day AS date, s AS source, t AS target,
               count(*) AS events,
               count(*) FILTER (WHERE quad = 1) AS verbal_coop,
               count(*) FILTER (WHERE quad = 2) AS material_coop,
               count(*) FILTER (WHERE quad = 3) AS verbal_conflict,
               count(*) FILTER (WHERE quad = 4) AS material_conflict,
               round(coalesce(sum(score), 0), 3) AS score,
               coalesce(sum(fatalities) FILTER (WHERE day = first_day), 0)::BIGINT AS fatalities
        FROM daily WHERE {day_where}
        GROUP BY ALL ORDER BY date, source, target
    """
    return store.query(sql, params)
