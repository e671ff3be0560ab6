"""Events on the escalation ladder: a rung per event, a daily rung per side, and turning points.

Each event gets a rung from the first rule in ``RULES`` (offramp/ontology/rungs.py) that
matches its type, mode, source (state or not) and words naming the target or place (mode,
location, contexts, evidence). The rules run in DuckDB once per event, when the store writes
it (the ``event_ladder`` table); reading only joins that outcome, and decides per query the
part that depends on who is a state, so every function here reads and never writes. The daily series then
says, for each principal side and for the crisis, the highest rung its events
reached that day (see docs/analysis.md for the hold and ceasefire conventions);
the days are walked over NumPy arrays, not DataFrame rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..ontology.ladder import load_ladder
from ..ontology.rungs import (
    CEASE_SQL,
    CEASE_TYPES,
    CEASEFIRE,
    DOCTRINE,
    FIRST_SQL,
    RULES,
    RULES_KEY,
    TEXT_TYPES,
    TREATY,
    VIOLATION,
    WHO_RULES,
    WHO_SQL,
    RungRule,
    sql_list,
    sql_str,
    text_sql,
)
from ..store import Store
from .actors import principal_sides, state_codes
from .timeline import MAX_SPAN_DAYS

__all__ = [
    "CEASEFIRE",
    "CRISIS",
    "DOCTRINE",
    "RULES",
    "RULES_KEY",
    "TREATY",
    "RungRule",
    "ceasefires",
    "classify_events",
    "daily_ladder",
    "event_rungs",
    "turning_points",
]

CRISIS = "crisis"  # the ``side`` of the crisis-wide series (the higher of the two sides each day)
KINETIC = 5  # the first rung with use of force
ANYWHERE = 9  # from this rung (nuclear signalling) an event counts for its side whatever its target


def _dataset_noise(alias: str = "e") -> str:
    """SQL: a row of an event dataset (GDELT, ACLED) that says nothing about a dyad: one side has no
    actor, or it stays inside one state (the same state on both sides, flagged domestic, or unnamed
    militants or civilians against the state they are in: a suicide attack on police in Peshawar).
    Such rows never set a side's rung, start the crisis or count as a ceasefire breach."""
    a = alias
    return (
        f"({a}.dataset IS NOT NULL AND (len({a}.source) = 0 OR len({a}.target) = 0"
        f" OR list_has_any({a}.source, {a}.target)"
        f" OR coalesce(json_extract_string({a}.attrs, '$.domestic') = 'true', false)"
        f" OR (list_has_all(['MIL', 'CVL'], {a}.source) AND list_contains({a}.target, {a}.country))))"
    )


def _any_of(column: str, values: Sequence[str]) -> str:
    """``column`` (a list) holds one of ``values``: a chain of ``list_contains``, which DuckDB runs
    several times faster than ``list_has_any``."""
    if not values:
        return "false"
    return "(" + " OR ".join(f"list_contains({column}, {sql_str(v)})" for v in values) + ")"


def _who(rule: RungRule, states_sql: str) -> str:
    """The rule's condition on who acts (``p.source``; true when it has none)."""
    if rule.source == "nonstate":
        return f"len(p.source) > 0 AND NOT list_has_any(p.source, {states_sql})"
    if rule.source == "state":
        return f"list_has_any(p.source, {states_sql})"
    return "true"


def _rules_frame() -> pd.DataFrame:
    names = {r.level: r.name for r in load_ladder()}
    return pd.DataFrame(
        {
            "rule_ix": range(len(RULES)),
            "rule": [r.name for r in RULES],
            "rung": pd.array([r.level for r in RULES], dtype="Int64"),
            "rung_name": [names.get(r.level) if r.level is not None else None for r in RULES],
            "standing": [r.standing for r in RULES],
        }
    )


def _stale() -> str:
    """Events the store keeps no rule for under the current rules (``e``)."""
    return f"NOT EXISTS (SELECT 1 FROM event_ladder l WHERE l.event_id = e.id AND l.rules_key = {RULES_KEY})"


def _kept_join() -> str:
    return f"JOIN event_ladder l ON l.event_id = e.id AND l.rules_key = {RULES_KEY}"


def _all_kept(store: Store) -> bool:
    """Whether the store keeps every event's rule under the current rules (the usual case): it
    keeps one row per stored event (``Store.classify_rungs``), so counting them says so, and
    reads can skip looking for events to work out as they go."""
    row = store.con.execute(
        f"SELECT (SELECT count(*) FROM events) = (SELECT count(*) FROM event_ladder WHERE rules_key = {RULES_KEY})"
    ).fetchone()
    return bool(row and row[0])


def classify_events(store: Store) -> int:
    """Keep the rule of every event the store has none for under the current rules (after the
    rules changed); returns how many. Events are classified when they are written, so this only
    catches up; a read-only store is left alone (reads then work the missing ones out as they go)."""
    return store.classify_rungs()


def _rule_sql(states: frozenset[str]) -> str:
    """Each event's rule, from ``p.rule_ix`` and ``p.who`` of ``_parts_sql`` and who is a state
    (the same decision as ``_side_rows`` makes with arrays)."""
    states_sql = sql_list(sorted(states))
    whens = " ".join(
        f"WHEN p.who & {1 << i} != 0 AND p.rule_ix > {i} AND {_who(RULES[i], states_sql)} THEN {i}"
        for i in WHO_RULES
    )
    return f"CASE {whens} ELSE p.rule_ix END" if whens else "p.rule_ix"


def event_rungs(store: Store, *, dated_only: bool = False) -> pd.DataFrame:
    """Every event with its rung, rung name and the rule that put it there."""
    return _event_rungs(store, "e.date IS NOT NULL" if dated_only else "true")


def _event_rungs(store: Store, where: str) -> pd.DataFrame:
    con = store.con
    con.register("_rung_rules", _rules_frame())
    try:
        return store.query(
            f"""SELECT c.id, c.date, c.date_end, c.source, c.target, c.type, c.mode, r.rung, r.rung_name, r.rule,
                       r.standing
                FROM (SELECT p.* EXCLUDE (rule_ix, who), {_rule_sql(state_codes(store))} AS rule_ix
                      FROM ({_parts_sql(where, "e.mode", all_kept=_all_kept(store))}) p) c JOIN _rung_rules r USING (rule_ix)
                ORDER BY c.date NULLS LAST, c.id"""
        )
    finally:
        con.unregister("_rung_rules")


def ceasefires(store: Store, sides: tuple[str, str] | None = None) -> pd.DataFrame:
    """Ceasefire events (agreed, declared, announced or observed) that involve a side: id, date."""
    sides = sides or principal_sides(store)
    if not sides:
        return pd.DataFrame(columns=["id", "date"])
    return store.query(_ceasefires_sql(sides, all_kept=_all_kept(store)))


def _ceasefires_sql(sides: Sequence[str], *, all_kept: bool) -> str:
    where = (
        f"e.date IS NOT NULL AND NOT coalesce(e.negated, false) AND e.type IN ({sql_list(CEASE_TYPES)[1:-1]})"
        f" AND ({_any_of('e.source', sides)} OR {_any_of('e.target', sides)}) AND NOT {_dataset_noise()}"
    )
    # as in ``_parts_sql``, kept events are read without their text
    kept = f"SELECT e.id, e.date FROM events e {_kept_join()} WHERE {where} AND l.ceasefire"
    fresh = (
        f"SELECT e.id, e.date FROM (SELECT *, {text_sql(sql_list(CEASE_TYPES)[1:-1])} FROM events e"
        f" WHERE {_stale()} AND {where}) e WHERE {CEASE_SQL}"
    )
    both = kept if all_kept else f"{kept} UNION ALL {fresh}"
    return f"SELECT * FROM ({both}) ORDER BY date, id"


_EPOCH = dt.date(1970, 1, 1)
_ANYWHERE_RULES = ", ".join(
    str(i) for i, r in enumerate(RULES) if r.level is not None and r.level >= ANYWHERE
)
_RUNG_OF = np.array([-1 if r.level is None else r.level for r in RULES], dtype=np.int16)
_STANDING_OF = np.array([r.standing for r in RULES], dtype=bool)


@dataclass
class _Levels:
    """Per side and day (index ``side * n + day - first``): the top rung (-1: no event), the top
    standing rung (-1: none), and the ids at each."""

    first: int
    n: int
    top: list[int]
    stop: list[int]
    top_ids: dict[int, list[str]]
    stop_ids: dict[int, list[str]]


def _parts_sql(where: str, *more: str, all_kept: bool) -> str:
    """Events matching ``where`` (not negated) with their first rule and who-bits (the
    ``event_ladder`` table): kept ones read the kept rule, the others (stale after the rules
    changed) run the word rules here; the two halves are separate scans so the kept half never
    reads the text columns. With ``all_kept`` (``_all_kept``) there are no others to look for."""
    cols = ", ".join(["e.id", "e.date", "e.date_end", "e.type", "e.source", "e.target", *more])
    where = f"NOT coalesce(e.negated, false) AND {where}"
    kept = f"SELECT {cols}, l.rule_ix, l.who FROM events e {_kept_join()} WHERE {where}"
    fresh = (
        f"SELECT {cols}, {FIRST_SQL} AS rule_ix, {WHO_SQL} AS who"
        f" FROM (SELECT *, {text_sql(TEXT_TYPES)} FROM events e WHERE {_stale()} AND {where}) e"
    )
    return kept if all_kept else f"{kept} UNION ALL {fresh}"


def _any_in(lists: pa.ChunkedArray, values: pa.Array) -> np.ndarray:
    """Per list: whether it holds one of ``values`` (nulls ignored, as DuckDB's list_has_any)."""
    lists = lists.combine_chunks() if lists.num_chunks != 1 else lists.chunk(0)
    parent = pc.list_parent_indices(lists).to_numpy()
    hit = pc.fill_null(pc.is_in(pc.list_flatten(lists), value_set=values), False).to_numpy(
        zero_copy_only=False
    )
    return np.bincount(parent[hit], minlength=len(lists)) > 0


def _all_in(lists: pa.ChunkedArray, values: pa.Array) -> np.ndarray:
    """Per list: whether every (non-null) element is one of ``values``, as DuckDB's list_has_all."""
    lists = lists.combine_chunks() if lists.num_chunks != 1 else lists.chunk(0)
    parent = pc.list_parent_indices(lists).to_numpy()
    flat = pc.list_flatten(lists)
    miss = pc.and_(pc.is_valid(flat), pc.invert(pc.fill_null(pc.is_in(flat, value_set=values), False)))
    return np.bincount(parent[miss.to_numpy(zero_copy_only=False)], minlength=len(lists)) == 0


def _days(dates: pa.ChunkedArray) -> np.ndarray:
    """Dates as days since 1970 (a null as a day long before any)."""
    return pc.fill_null(pc.cast(dates, pa.int32()), np.iinfo(np.int32).min).to_numpy()


def _lengths(lists: pa.ChunkedArray) -> np.ndarray:
    """List lengths, -1 for a null list."""
    return pc.fill_null(pc.list_value_length(lists), -1).to_numpy()


def _side_rows(
    store: Store, sides: tuple[str, str], states: frozenset[str], start: dt.date | None, end: dt.date | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, pa.ChunkedArray] | None:
    """Every (side, day) an event counts on for a side: the event's row, side index (0, 1), day
    (days since 1970) and rule, and the event ids (indexed by the first array)."""
    where = [f"e.date IS NOT NULL AND {_any_of('e.source', sides)} AND NOT {_dataset_noise()}"]
    # the walk starts afresh at ``start``, so only events that can reach it matter
    if start is not None:
        where.append(f"e.date >= DATE '{(start - dt.timedelta(days=MAX_SPAN_DAYS)).isoformat()}'")
    if end is not None:
        where.append(f"e.date <= DATE '{end.isoformat()}'")
    # keep events by a side aimed at the other, or that may count whatever their target
    maybe = f"p.type = 'ASSAULT' OR p.who <> 0 OR len(p.target) = 0 OR p.rule_ix IN ({_ANYWHERE_RULES})"
    aimed = " OR ".join(
        f"(list_contains(p.source, {sql_str(s)}) AND (list_contains(p.target, {sql_str(o)}) OR {maybe}))"
        for s, o in (sides, sides[::-1])
    )
    sql = f"SELECT * FROM ({_parts_sql(' AND '.join(where), all_kept=_all_kept(store))}) p WHERE {aimed}"
    table = store.con.execute(sql).to_arrow_table()
    if table.num_rows == 0:
        return None
    source, target = table.column("source"), table.column("target")
    state_set = pa.array(sorted(states))
    # who acts and at whom, decided here because who is a state can change (the same
    # conditions as ``_rule_sql`` in SQL, for ``event_rungs``)
    rule = table.column("rule_ix").to_numpy().astype(np.int16)
    who = table.column("who").to_numpy()
    by_state = _any_in(source, state_set)
    src_len = _lengths(source)
    for i in reversed(WHO_RULES):  # the earliest rule that matches wins
        r = RULES[i]
        acts = (src_len > 0) & ~by_state if r.source == "nonstate" else by_state
        rule = np.where((who & (1 << i) != 0) & (rule > i) & acts, i, rule)
    rung = _RUNG_OF[rule]
    assault = pc.equal(table.column("type"), "ASSAULT").to_numpy(zero_copy_only=False)
    hits_nonstate = assault & ~_all_in(target, state_set)
    anywhere = (_lengths(target) == 0) | hits_nonstate | (rung >= ANYWHERE)
    by = [_any_in(source, pa.array([s])) for s in sides]
    at = [_any_in(target, pa.array([s])) for s in sides]
    rows = [np.flatnonzero((rung >= 0) & by[0] & (anywhere | at[1])),
            np.flatnonzero((rung >= 0) & by[1] & (anywhere | at[0]))]  # fmt: skip
    ix = np.concatenate(rows)
    side = np.repeat(np.array([0, 1], dtype=np.int8), [len(r) for r in rows])
    day = _days(table.column("date"))
    end_day = _days(table.column("date_end"))
    length = end_day - day
    span = np.where((length <= 0) | (length > MAX_SPAN_DAYS), 1, length + 1)[ix]
    # one row per day an event covers
    ix, side = np.repeat(ix, span), np.repeat(side, span)
    days = day[ix] + np.arange(len(ix)) - np.repeat(np.cumsum(span) - span, span)
    keep = np.ones(len(ix), dtype=bool)
    if start is not None:
        keep &= days >= (start - _EPOCH).days
    if end is not None:
        keep &= days <= (end - _EPOCH).days
    if not keep.all():
        ix, side, days = ix[keep], side[keep], days[keep]
    if len(ix) == 0:
        return None
    return ix, side, days, rule[ix], table.column("id")


def _levels(rows: tuple, first: int, last: int) -> _Levels:
    """The day's top rung and top standing rung per side, with the (sorted) ids of their events."""
    ix, side, days, rule_ix, ids = rows
    n = last - first + 1
    key = side.astype(np.int64) * n + (days - first)
    rung = _RUNG_OF[rule_ix]
    standing = _STANDING_OF[rule_ix]
    top = np.full(2 * n, -1, dtype=np.int16)
    np.maximum.at(top, key, rung)
    stop = np.full(2 * n, -1, dtype=np.int16)
    np.maximum.at(stop, key[standing], rung[standing])

    def grouped(mask: np.ndarray) -> dict[int, list[str]]:
        k, which = key[mask], ix[mask]
        if not len(k):
            return {}
        order = np.argsort(k, kind="stable")
        k, names = k[order], ids.take(pa.array(which[order])).to_pylist()
        starts = [0, *(np.flatnonzero(np.diff(k)) + 1).tolist()]
        ends = [*starts[1:], len(k)]
        return {kk: sorted(names[lo:hi]) for kk, lo, hi in zip(k[starts].tolist(), starts, ends, strict=True)}

    return _Levels(
        first=first,
        n=n,
        top=top.tolist(),
        stop=stop.tolist(),
        top_ids=grouped(rung == top[key]),
        stop_ids=grouped(standing & (rung == stop[key])),
    )


def daily_ladder(
    store: Store,
    *,
    sides: tuple[str, str] | None = None,
    hold_days: int = 2,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> pd.DataFrame:
    """The daily rung for each principal side and for the crisis: ``date, side, rung, rung_name,
    events`` (ids of the events that set it), ``held`` (carried from an earlier day) and
    ``ceasefire`` (a ceasefire took effect that day: the rung is the level at the day's close)."""
    columns = ["date", "side", "rung", "rung_name", "events", "held", "ceasefire", "high", "high_events"]
    sides = sides or principal_sides(store)
    if not sides:
        return pd.DataFrame(columns=columns)
    states = state_codes(store) | set(sides)
    rows = _side_rows(store, sides, frozenset(states), start, end)
    if rows is None:
        return pd.DataFrame(columns=columns)
    days = rows[2]
    first = _EPOCH + dt.timedelta(days=int(days.min()))
    last = _EPOCH + dt.timedelta(days=int(days.max()))
    # start on the first attack on a side by a non-state group, when it comes before the first rung
    attacks = store.con.execute(
        "SELECT date, source FROM events e WHERE date >= ? AND date < ? AND type = 'ASSAULT'"
        f" AND ({_any_of('target', sides)} OR len(target) = 0) AND NOT {_dataset_noise()}",
        [first - dt.timedelta(days=30), first],
    ).to_arrow_table()
    if attacks.num_rows:
        by_group = ~_any_in(attacks.column("source"), pa.array(sorted(states)))
        if by_group.any():
            first = min(first, _EPOCH + dt.timedelta(days=int(_days(attacks.column("date"))[by_group].min())))
    if start is not None:
        first = start
    if end is not None:
        last = end
    lv = _levels(rows, (first - _EPOCH).days, (last - _EPOCH).days)
    cease_ids: dict[int, list[str]] = {}
    for event_id, date in store.con.execute(_ceasefires_sql(sides, all_kept=_all_kept(store))).fetchall():
        cease_ids.setdefault((date - first).days, []).append(event_id)
    names = {r.level: r.name for r in load_ladder()}
    per_side = [_walk(lv, s, cease_ids, hold_days) for s in (0, 1)]
    crisis = []
    for (ra, ia, ha, xa, xia), (rb, ib, hb, xb, xib) in zip(*per_side, strict=True):
        top, high = max(ra, rb), max(xa, xb)
        ids = sorted({*(ia if ra == top else []), *(ib if rb == top else [])})
        high_ids = sorted({*(xia if xa == high else []), *(xib if xb == high else [])})
        held = (ha if ra == top else True) and (hb if rb == top else True)
        crisis.append((top, ids, held, high, high_ids))
    # rows go day by day: side a, side b, crisis
    out: dict[str, list[Any]] = {}
    dates = [first + dt.timedelta(days=i) for i in range(lv.n)]
    out["date"] = [d for d in dates for _ in range(3)]
    out["side"] = [sides[0], sides[1], CRISIS] * lv.n
    by_series = [list(zip(*s, strict=True)) for s in (*per_side, crisis)]
    for j, name in enumerate(["rung", "events", "held", "high", "high_events"]):
        values: list[Any] = [None] * (3 * lv.n)
        for k, series in enumerate(by_series):
            values[k::3] = series[j]
        out[name] = values
    out["rung_name"] = [names.get(r) for r in out["rung"]]
    out["ceasefire"] = [i in cease_ids for i in range(lv.n) for _ in range(3)]
    frame = pd.DataFrame(out, columns=columns)
    frame["rung"] = frame["rung"].astype(int)
    frame["high"] = frame["high"].astype(int)
    return frame


def _walk(lv: _Levels, side: int, cease_ids: dict[int, list[str]], hold_days: int) -> list[tuple]:
    """Walk the days: the day's highest rung sets the level when it is at least the level held,
    or when the hold (``hold_days`` without such an event) has run out; standing measures set a
    floor; a ceasefire closes its day at the floor. Yields (level at the close, its events, held,
    the day's high before any ceasefire, its events)."""
    out: list[tuple] = []
    never = 10**6
    floor, floor_ids = 0, []
    level, level_ids, age = 0, [], never
    base = side * lv.n
    tops, stops = lv.top[base : base + lv.n], lv.stop[base : base + lv.n]
    for i, (top, standing) in enumerate(zip(tops, stops, strict=True)):
        if standing > floor:
            floor, floor_ids = standing, lv.stop_ids[base + i]
        age += 1
        if top >= 0 and (top >= level or age > hold_days):
            level, level_ids, age, held = top, lv.top_ids[base + i], 0, False
        elif age > hold_days:
            level, level_ids, held = floor, floor_ids, True
        else:
            held = True
        if level < floor:
            level, level_ids = floor, floor_ids
        high, high_ids = level, level_ids
        if i in cease_ids:
            level, level_ids, age, held = floor, [*cease_ids[i], *floor_ids], never, False
        out.append((level, level_ids, held, high, high_ids))
    return out


def turning_points(
    store: Store,
    ladder: pd.DataFrame | None = None,
    *,
    sides: tuple[str, str] | None = None,
    lookback_days: int = 30,
) -> pd.DataFrame:
    """Trigger, onset of hostilities, peak, ceasefire(s), breaches and return to baseline, found
    from the crisis series: ``kind, date, rung, events, note``."""
    columns = ["kind", "date", "rung", "events", "note"]
    sides = sides or principal_sides(store)
    if ladder is None:
        ladder = daily_ladder(store, sides=sides)
    crisis = ladder[ladder["side"] == CRISIS].reset_index(drop=True)
    if crisis.empty or not sides:
        return pd.DataFrame(columns=columns)
    names = {r.level: r.name for r in load_ladder()}
    out: list[tuple] = []
    kinetic = crisis[crisis["rung"] >= KINETIC]
    onset = kinetic.iloc[0] if len(kinetic) else None
    # the peak counts the day's high, so a ceasefire later that day does not hide it
    top = int(crisis["high"].max())
    at_top = crisis[crisis["high"] == top].copy()
    at_top["n"] = at_top["high_events"].map(len)
    peak = at_top.sort_values(["n", "date"], ascending=[False, True]).iloc[0]
    anchor = onset["date"] if onset is not None else peak["date"]
    trig = store.query(
        f"""SELECT id, date, type FROM events e
           WHERE date IS NOT NULL AND date <= ? AND date >= ? AND quad = 4 AND NOT coalesce(negated, false)
             AND (list_has_any(target, ?) OR (len(target) = 0 AND type = 'ASSAULT')) AND NOT {_dataset_noise()}
           ORDER BY (type = 'ASSAULT') DESC, coalesce(fatalities, 0) DESC, n_sources DESC, date, id LIMIT 1""",
        [anchor, anchor - dt.timedelta(days=lookback_days), list(sides)],
    )
    if len(trig):
        t = trig.iloc[0]
        out.append(("trigger", t["date"], None, [t["id"]], f"{t['type'].lower()} against a side"))
    if onset is not None:
        out.append(
            ("onset", onset["date"], int(onset["rung"]), list(onset["events"]), names.get(int(onset["rung"])))
        )
    out.append(("peak", peak["date"], top, list(peak["high_events"]), names.get(top)))
    cease = crisis[crisis["ceasefire"]]
    after_peak = cease[cease["date"] >= peak["date"]]
    for row in after_peak.itertuples():
        out.append(("ceasefire", row.date, int(row.rung), list(row.events), "the rung at the day's close"))
    if len(after_peak):
        first_cease = after_peak.iloc[0]["date"]
        after = pd.Timestamp(first_cease).date().isoformat()
        hostile = _event_rungs(
            store, f"e.date > DATE '{after}' AND {_any_of('e.source', sides)} AND NOT {_dataset_noise()}"
        )
        hostile = hostile[hostile["rung"].fillna(-1) >= KINETIC]
        accused = store.query(
            f"""SELECT id, date FROM events e WHERE type = 'ACCUSE' AND date > ? AND list_has_any(source, ?)
                AND NOT {_dataset_noise()} AND regexp_matches(lower(coalesce(evidence, '') || ' ' || coalesce(mode, '')), {sql_str(VIOLATION)})""",
            [first_cease, list(sides)],
        )
        breaches: dict[dt.date, list[str]] = {}
        for d, i in [
            *zip(hostile["date"], hostile["id"], strict=True),
            *zip(accused["date"], accused["id"], strict=True),
        ]:
            breaches.setdefault(pd.Timestamp(d).date(), []).append(i)
        for d in sorted(breaches):
            out.append(
                (
                    "breach",
                    d,
                    None,
                    sorted(breaches[d]),
                    "hostile act or alleged violation after the ceasefire",
                )
            )
    after = crisis[crisis["date"] > (after_peak.iloc[-1]["date"] if len(after_peak) else peak["date"])]
    before = crisis[crisis["date"] < anchor]
    baseline = max(1, int(before["rung"].iloc[-1]) if len(before) else 0)
    if len(after):
        high = after[after["rung"] > baseline]
        calm = after[after["date"] > high.iloc[-1]["date"]] if len(high) else after
        if len(calm):
            row = calm.iloc[0]
            out.append(
                (
                    "return_to_baseline",
                    row["date"],
                    int(row["rung"]),
                    list(row["events"]),
                    f"back to the pre-hostilities rung ({baseline}) or below",
                )
            )
    frame = pd.DataFrame(out, columns=columns)
    frame["date"] = [pd.Timestamp(d).date() for d in frame["date"]]
    frame["rung"] = pd.Series(
        [None if r is None or pd.isna(r) else int(r) for r in frame["rung"]], dtype=object
    )
    return frame
