"""Events as records: one row per event with every document that tells it.

``event_records`` is the query behind ``offramp events`` and the JSONL event
shape in docs/schemas.md; the timeline reuses it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pandas as pd

from ..store import Store

__all__ = ["EVENT_RECORD_COLUMNS", "event_records"]

EVENT_RECORD_COLUMNS = [
    "id", "date", "date_end", "date_inferred", "date_reason", "planned", "time", "source", "target", "type",
    "mode", "context",
    "quad", "cameo_root", "score", "location", "country", "fatalities", "injured", "amount_usd",
    "certainty", "negated", "both_ways", "domestic", "weapons", "n_sources", "sources",
]  # fmt: skip


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
        frame[col] = [_day(v) for v in frame[col]]
    frame["sources"] = [_sources(v) for v in frame["sources"]]
    return frame[EVENT_RECORD_COLUMNS]


def _attrs(value: Any) -> dict[str, Any]:
    if isinstance(value, str) and value:
        return json.loads(value)
    return value if isinstance(value, dict) else {}


def _day(value: Any) -> dt.date | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value


def _sources(value: Any) -> list[dict[str, Any]]:
    if value is None or (isinstance(value, float) and value != value):
        return []
    out = []
    for s in list(value):
        item = dict(s)
        for key in ("published", "date", "date_end"):
            item[key] = _day(item.get(key))
        item["span"] = [None if v is None else int(v) for v in list(item.get("span") or [])]
        out.append(item)
    return out
