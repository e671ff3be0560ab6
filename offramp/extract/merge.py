"""Merging events: repeated mentions within a document, and the same event told by several.

``dedupe`` folds a document's repeated mentions of one event into one;
``merge_events`` then compares each event with those already stored from other
documents and either attaches the new telling as one more ``EventSource`` (each
source keeps its own date and wording) or inserts the event.

Two tellings are the same event when they are of the same type family, their
actors agree (the same source and target sets; a symmetric event agrees with
either direction), their modes do not contradict each other (a missile strike
may be told as an air or drone strike, small-arms fire as shelling, but shelling
is not a drone raid), and their dates are compatible: overlapping, or within one
day ("the night of May 6th and 7th" and "May 7"). Attacks plainly dated a day
apart are two attacks unless one is told by the night or both agree on mode and
place. An undated telling merges only on strong agreement: the same actors
exactly and the same mode or place. A telling that merges gives the stored event
the mode, place and toll it lacked (the first source to state them).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

import pyarrow as pa

from ..records import Document, Event, EventSource
from ..store import SOURCE_COLUMNS, Store

__all__ = ["Merger", "dedupe", "merge_events", "same_event_score"]

_FAMILY = {
    "AGREE": "settle",
    "RETREAT": "settle",
    "CONCEDE": "settle",
    "SANCTION": "restrict",
    "COERCE": "restrict",
}
# Modes one report may use for another's act: a missile strike told as an air strike or a drone
# attack, small-arms fire told as shelling. Modes in different groups are different acts.
_MODE_GROUP = {"aerial": "ranged", "drone": "ranged", "firearms": "ground", "heavy-weapons": "ground"}
_ONE_DAY = dt.timedelta(days=1)
THRESHOLD = 3.0
_SOURCE_TYPES = {"date": pa.date32(), "date_end": pa.date32(), "span_start": pa.int32(), "span_end": pa.int32(),
                 "dataset_row": pa.int64()}  # fmt: skip
_SOURCE_SCHEMA = pa.schema([(c, _SOURCE_TYPES.get(c, pa.string())) for c in SOURCE_COLUMNS])


def family(event_type: str) -> str:
    return _FAMILY.get(event_type, event_type)


def _both(e: Any) -> bool:
    attrs = e.attrs if isinstance(e.attrs, dict) else {}
    return bool(attrs.get("both_ways"))


def _actors_agree(a: Any, b: Any) -> int:
    """2: the same sets; 1: compatible (symmetric covers directed, or one side missing); 0: no."""
    sa, ta, sb, tb = set(a.source), set(a.target), set(b.source), set(b.target)
    if sa == sb and ta == tb:
        return 2
    if _both(a) or _both(b):
        pa, pb = sa | ta, sb | tb
        if pa == pb or (_both(a) and sb | tb <= pa) or (_both(b) and sa | ta <= pb):
            return 1
        return 0
    if sa == sb and (not ta or not tb):
        return 1
    return 0


def _dates_agree(a: Any, b: Any) -> int | None:
    """2 overlapping, 1 within a day, 0 apart; None when either is undated."""
    if a.date is None or b.date is None:
        return None
    a0, a1 = a.date, a.date_end or a.date
    b0, b1 = b.date, b.date_end or b.date
    if a0 <= b1 and b0 <= a1:
        return 2
    if a0 - _ONE_DAY <= b1 and b0 - _ONE_DAY <= a1:
        return 1
    return 0


def _loose(e: Any) -> bool:
    """A date that may be a day off the act (see ``_told_loosely``); stored events carry it worked out."""
    if isinstance(e, _Stored):
        return e.loose
    return _told_loosely(e.date_inferred, e.date_text, e.evidence)


def _told_loosely(inferred: bool, date_text: str | None, evidence: str | None) -> bool:
    """Inferred from context, or an act told by the night ("overnight", "the night of ...")
    that one report dates by its eve and another by its morning."""
    return bool(inferred) or "night" in (date_text or "").lower() or "night" in (evidence or "").lower()


def _amounts_agree(a: Any, b: Any) -> bool:
    x, y = a.amount_usd, b.amount_usd
    if x is None or y is None or x != x or y != y:
        return True
    return abs(x - y) <= 0.1 * max(x, y)


def same_event_score(a: Any, b: Any) -> float:
    """How strongly two tellings are one event (0 = not the same); ``THRESHOLD`` and up merges."""
    if family(a.type) != family(b.type):
        return 0.0
    actors = _actors_agree(a, b)
    if not actors:
        return 0.0
    if not _amounts_agree(a, b):
        return 0.0
    if a.mode and b.mode and a.mode != b.mode and a.type == b.type == "ASSAULT":
        if _MODE_GROUP.get(a.mode, a.mode) != _MODE_GROUP.get(b.mode, b.mode):
            return 0.0  # shelling and a drone raid by the same side on the same day are two acts
        modes = 0.0 if actors == 2 and not (_both(a) or _both(b)) else -10.0
    else:
        modes = 1.0 if a.mode and a.mode == b.mode else 0.0
    score = 1.0 + actors + modes
    dates = _dates_agree(a, b)
    if dates is None:
        place = bool(a.location and a.location == b.location)
        if actors == 2 and (modes > 0 or (place and a.type == "ASSAULT")):
            return score + (1.0 if place else 0.0)
        return 0.0
    if dates == 0:
        return 0.0
    # in an exchange of fire each day brings new attacks: plainly dated attacks a day
    # apart are one only when they agree on how and where
    same_how_and_where = modes > 0 and a.location and a.location == b.location
    if dates == 1 and a.type == b.type == "ASSAULT" and not (_loose(a) or _loose(b) or same_how_and_where):
        return 0.0
    return score + dates


def _modes_differ(a: Event, b: Event) -> bool:
    return bool(a.mode and b.mode and a.mode != b.mode)


def _rank(e: Event) -> tuple[int, int, int]:
    dated = 2 if e.date is not None and not e.date_inferred else (1 if e.date is not None else 0)
    return (dated, 0 if _both(e) else 1, len(e.source) + len(e.target))


def dedupe(events: Sequence[Event]) -> list[Event]:
    """One event per real event in a document: later mentions fold into the best-informed one."""
    kept: list[Event] = []
    for event in events:
        if event.negated:
            kept.append(event)
            continue
        best, best_score = None, 0.0
        for other in kept:
            if other.negated:
                continue
            same_sentence = other.span_start == event.span_start
            s = same_event_score(event, other)
            if (
                same_sentence
                and s == 0.0
                and event.type == other.type
                and set(event.source) == set(other.source)
                and (not event.target or not other.target or set(event.target) == set(other.target))
            ):
                # one sentence, one act told twice ("approved ..., releasing $1 billion")
                s = THRESHOLD if _amounts_agree(event, other) else 0.0
            if not same_sentence and s == 0.0 and event.type == other.type and _amounts_agree(event, other):
                # within one text, a later undated mention of the same act by the same sides is that act
                symmetric_ok = _both(event) == _both(other) or event.type == "CONSULT"
                undated = event if event.date is None else other
                # only a passing mention ("the ceasefire", "this operation"), not a new act, is a re-mention
                mention = undated.attrs.get("nominal") or undated.type in ("CONSULT", "AGREE")
                if (
                    symmetric_ok
                    and mention
                    and not undated.attrs.get("retaliation")
                    and _actors_agree(event, other)
                    and (event.date is None or other.date is None)
                ):
                    s = THRESHOLD
            if same_sentence and s and (_both(event) != _both(other) or _modes_differ(event, other)):
                s = 0.0  # "suspended the treaty and expelled the advisers": two acts
            if s >= THRESHOLD and s > best_score:
                best, best_score = other, s
        if best is None:
            kept.append(event)
            continue
        primary, secondary = (event, best) if _rank(event) > _rank(best) else (best, event)
        merged = _fold(primary, secondary)
        kept[kept.index(best)] = merged
    return kept


def _fold(primary: Event, secondary: Event) -> Event:
    fields: dict[str, Any] = {}
    for name in ("date", "date_end", "date_inferred", "date_text", "time", "location", "country", "lat", "lon",
                 "fatalities", "injured", "amount_usd", "mode"):  # fmt: skip
        if getattr(primary, name) in (None, False) and getattr(secondary, name) not in (None, False):
            if name.startswith("date") and primary.date is not None:
                continue
            fields[name] = getattr(secondary, name)
    if primary.date is None and secondary.date is not None:
        fields.update(date=secondary.date, date_end=secondary.date_end, date_inferred=secondary.date_inferred)
    attrs = dict(primary.attrs)
    attrs["mentions"] = int(primary.attrs.get("mentions", 1)) + int(secondary.attrs.get("mentions", 1))
    fields["attrs"] = attrs
    return dataclasses.replace(primary, **fields) if fields else primary


def _source_of(event: Event, document: Document | None) -> EventSource:
    return EventSource(
        doc_id=event.doc_id or (document.id if document else ""),
        evidence=event.evidence,
        span_start=event.span_start,
        span_end=event.span_end,
        date=event.date,
        date_end=event.date_end,
        date_text=event.date_text,
        url=document.url if document else None,
        title=document.title if document else None,
        published=document.published if document else None,
    )


class _Stored:
    """A stored event row, with the attributes ``same_event_score`` reads."""

    def __init__(self, row: dict[str, Any]):
        import json

        self.id = row["id"]
        self.doc_id = row["doc_id"] or ""
        self.type = row["type"]
        self.source = list(row["source"] if row["source"] is not None else [])
        self.target = list(row["target"] if row["target"] is not None else [])
        self.date = _day(row["date"])
        self.date_end = _day(row["date_end"])
        self.loose = _told_loosely(row["date_inferred"], row["date_text"], row["evidence"])
        self.mode = row["mode"]
        self.location = row["location"]
        self.country = row["country"]
        self.lat = row["lat"]
        self.lon = row["lon"]
        self.fatalities = row["fatalities"]
        self.injured = row["injured"]
        self.amount_usd = row["amount_usd"]
        self.negated = bool(row["negated"])
        raw = row["attrs"]
        self.attrs = json.loads(raw) if isinstance(raw, str) and raw else {}


def _day(value: Any) -> dt.date | None:
    if value is None or value != value:
        return None
    if hasattr(value, "date") and not isinstance(value, dt.date):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    return value


_STORED_COLUMNS = ["id", "doc_id", "type", "source", "target", "date", "date_end", "date_inferred", "date_text",
                   "evidence", "mode", "location",
                   "country", "lat", "lon", "fatalities", "injured", "amount_usd", "negated", "attrs"]  # fmt: skip

# What a later telling may add to an event that lacks it: the first source to state a mode,
# place or toll supplies it (the ledger's number table shows where sources' tolls differ).
_FILLED = ("mode", "location", "country", "lat", "lon", "fatalities", "injured", "amount_usd")
_PLACE = ("location", "country", "lat", "lon")


def _missing(value: Any) -> bool:
    return value is None or value != value  # None or NaN


class Merger:
    """Merges the events of many documents into the store with few statements.

    The stored article events are read once and kept in memory, indexed by type
    family; each document's events are compared with them (and with those of the
    documents merged before it), and the inserts and attached sources are written
    in bulk by ``flush()``, inside the caller's transaction.
    """

    def __init__(self, store: Store):
        self.store = store
        self._by_family: dict[str, list[Any]] | None = None
        self._by_id: dict[str, Any] = {}
        self._new: list[Event] = []
        self._attach: list[tuple[str, EventSource]] = []
        self._filled: dict[str, dict[str, Any]] = {}  # stored event id -> fields a telling supplied
        self._pending: set[str] = set()  # ids of the events in ``_new``

    def _load(self) -> dict[str, list[Any]]:
        if self._by_family is None:
            rows = self.store.con.execute(
                f"SELECT {', '.join(_STORED_COLUMNS)} FROM events WHERE dataset IS NULL"
            ).fetchall()
            self._by_family = {}
            for r in rows:
                self._index(_Stored(dict(zip(_STORED_COLUMNS, r, strict=True))))
        return self._by_family

    def _index(self, item: Any) -> None:
        assert self._by_family is not None
        self._by_id[item.id] = item
        if not item.negated:
            self._by_family.setdefault(family(item.type), []).append(item)

    def add(self, events: Sequence[Event], document: Document | None = None) -> list[str]:
        """Merge one document's events; returns the ids the events ended up under."""
        events = dedupe(events)
        if not events:
            return []
        by_family = self._load()
        doc_id = (document.id if document else events[0].doc_id) or ""
        ids: list[str] = []
        for event in events:
            source = _source_of(event, document)
            event.sources = [source]
            if event.id in self._by_id:
                # re-extraction: this document's earlier event still stands on another source
                self._attach.append((event.id, source))
                ids.append(event.id)
                continue
            best, best_score = None, 0.0
            if not event.negated:
                for other in by_family.get(family(event.type), ()):
                    if other.doc_id == doc_id:
                        continue
                    s = same_event_score(event, other)
                    if s >= THRESHOLD and s > best_score:
                        best, best_score = other, s
            if best is None:
                self._new.append(event)
                self._pending.add(event.id)
                self._index(event)
                ids.append(event.id)
            else:
                self._attach.append((best.id, source))
                self._fill(best, event)
                ids.append(best.id)
        return ids

    def _fill(self, kept: Any, telling: Event) -> None:
        """Give ``kept`` what ``telling`` states and it lacks (a place comes as a whole)."""
        fields: dict[str, Any] = {}
        for name in _FILLED:
            if name in _PLACE and not _missing(getattr(kept, "location", None)):
                continue
            value = getattr(telling, name, None)
            if _missing(getattr(kept, name, None)) and not _missing(value):
                fields[name] = value
        if not fields:
            return
        for name, value in fields.items():
            setattr(kept, name, value)
        if kept.id not in self._pending:  # events not yet written go in with the values above
            self._filled.setdefault(kept.id, {}).update(fields)

    def flush(self) -> None:
        """Write what ``add`` collected: new events with their sources, then attached sources."""
        with self.store.write():
            self.store.add_events(self._new)
            _attach(self.store, self._attach)
            _fill_stored(self.store, self._filled)
        self._new, self._attach, self._filled, self._pending = [], [], {}, set()


def merge_events(store: Store, events: Sequence[Event], document: Document | None = None) -> list[str]:
    """Store a document's events, attaching each to an already stored event from another
    document when they are the same; returns the ids the events ended up under."""
    merger = Merger(store)
    ids = merger.add(events, document)
    merger.flush()
    return ids


def _attach(store: Store, attach: list[tuple[str, EventSource]]) -> None:
    """Add more tellings to stored events in one insert, then recount their sources."""
    if not attach:
        return
    rows = []
    for event_id, s in attach:
        row = {c: getattr(s, c, None) for c in SOURCE_COLUMNS if c != "event_id"}
        rows.append({"event_id": event_id, **row})
    store.insert_arrow("event_sources", pa.Table.from_pylist(rows, schema=_SOURCE_SCHEMA))
    store.con.execute(
        "UPDATE events SET n_sources = s.n FROM (SELECT event_id, count(DISTINCT doc_id) AS n"
        " FROM event_sources WHERE event_id IN (SELECT unnest(?)) GROUP BY event_id) s"
        " WHERE events.id = s.event_id",
        [sorted({a for a, _ in attach})],
    )


def _fill_stored(store: Store, filled: dict[str, dict[str, Any]]) -> None:
    """Write what later tellings added to stored events; their ladder rule is worked out again."""
    for event_id, fields in filled.items():
        columns = ", ".join(f"{name} = ?" for name in fields)
        store.con.execute(
            f"UPDATE events SET {columns}, ladder_key = NULL WHERE id = ?", [*fields.values(), event_id]
        )
