"""Events on the escalation ladder: a rung per event, a daily rung per side, and turning points.

Each event gets a rung from the first rule in ``RULES`` that matches its type,
mode, source (state or not) and words naming the target or place (mode,
location, contexts, evidence). The rules compile to one SQL ``CASE``, so a
million events are classified in DuckDB. The daily series then says, for each
principal side and for the crisis, the highest rung its events reached that day
(see docs/analysis.md for the hold and ceasefire conventions).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..ontology.ladder import load_ladder
from ..store import Store
from .actors import principal_sides, state_codes

__all__ = [
    "CRISIS",
    "RULES",
    "RungRule",
    "ceasefires",
    "daily_ladder",
    "event_rungs",
    "turning_points",
]

CRISIS = "crisis"  # the ``side`` of the crisis-wide series (the higher of the two sides each day)
KINETIC = 5  # the first rung with use of force

# Words, matched in lower case against "mode location contexts evidence attrs".
NUCLEAR = r"nuclear|atomic|national command authority|strategic (forces|plans) (command|division)|warhead"
NUCLEAR_USE = r"nuclear (weapon|strike|detonation|attack|bomb|explosion)s? (was |were )?(used|detonated|dropped|launched)"
STRATEGIC_TARGET = (
    r"\bcit(y|ies)\b|\bcapital\b|civilian|residential|populat|urban|\bdams?\b|power (plant|station|grid)"
    r"|refiner|\bports?\b|nuclear (site|facilit|plant|installation)|strategic (site|asset|target|installation)"
)
MILITARY_TARGET = (
    r"air ?bases?\b|airfield|air ?strip|radar|air[- ]defen[cs]e|military (site|base|installation|target|facilit|post)"
    r"|\bjets?\b|aircraft|fighter|garrison|cantonment|army (post|base|camp)|naval|warship|command (post|cent)"
    r"|ammunition|depot|missile (site|batter)|hangar|brigade|battalion"
)
MILITANT_TARGET = (
    r"militant|terror|launch ?pads?|hide-?outs?|training (cent|camp|facilit)|jihad|insurgent|\bcamps?\b"
)
FIRE = (
    r"shell|artillery|mortar|small[- ]arms|firing|gunfire|line of control|\bloc\b|border|ceasefire violation"
)
STRIKE = (
    r"missile|drone|air ?strikes?|air raid|bomb|rocket|\buavs?\b|loitering|precision strike|warplane|sortie"
)
TREATY = r"treat(y|ies)|\baccord\b|\bpact\b|convention|agreement|protocol"
DOCTRINE = (
    r"act of war|doctrine|new normal|red line|full force|all options|spectrum of national power|retaliat"
)
CEASEFIRE = r"cease-?fire|truce|cessation of hostilities|armistice|stop (the )?firing|halt (to )?(the )?(fighting|hostilities)"
VIOLATION = r"violat|breach|broke|broken"
_CEASE_WORDS = "cease|truce|hostilit|armistice|firing|fighting"  # a cheap pre-check before CEASEFIRE

FIRE_MODES = ("firearms", "heavy-weapons", "artillery", "primitive", "small-arms", "shelling")
STRIKE_MODES = (
    "aerial",
    "drone",
    "missile",
    "air strike",
    "airstrike",
    "missile strikes",
    "drones and missiles",
)


@dataclass(frozen=True)
class RungRule:
    """One mapping rule: events of ``types`` (any when empty) with a mode in ``modes`` and/or
    words matching ``words`` (and not ``unless``) go to rung ``level``. ``source`` restricts
    who acts (``state`` or ``nonstate``); ``standing`` marks measures that persist (a
    suspended treaty stays suspended) until the series says otherwise."""

    name: str
    level: int | None
    types: tuple[str, ...] = ()
    modes: tuple[str, ...] = ()
    words: str | None = None
    unless: str | None = None
    source: str | None = None
    standing: bool = False
    mode_or_words: bool = False  # match when either the mode or the words match (else both must)
    description: str = ""


RULES: tuple[RungRule, ...] = (
    RungRule("nuclear_use", 10, ("ASSAULT",), words=NUCLEAR_USE, description="a nuclear weapon used"),
    RungRule(
        "nuclear_signal",
        9,
        ("THREATEN", "MOBILIZE", "CONSULT", "COERCE"),
        words=NUCLEAR,
        description="nuclear threats, alerts or nuclear command meetings",
    ),
    RungRule(
        "non_state_attack",
        None,
        ("ASSAULT",),
        source="nonstate",
        description="an attack by a non-state group: a trigger, not a state's rung",
    ),
    RungRule("fire_by_mode", 5, ("ASSAULT",), modes=FIRE_MODES, description="small arms or artillery fire"),
    RungRule(
        "strike_strategic",
        8,
        ("ASSAULT",),
        words=STRATEGIC_TARGET,
        unless=r"militant|terror",
        description="strikes on cities, civilians or strategic sites",
    ),
    RungRule(
        "strike_military", 7, ("ASSAULT",), words=MILITARY_TARGET, description="strikes on military sites"
    ),
    RungRule(
        "strike_militant", 6, ("ASSAULT",), words=MILITANT_TARGET, description="strikes on militant sites"
    ),
    RungRule(
        "fire_by_words",
        5,
        ("ASSAULT",),
        words=FIRE,
        unless=STRIKE,
        description="shelling or firing across a border or line of control",
    ),
    RungRule(
        "strike_cross_border",
        7,
        ("ASSAULT",),
        modes=STRIKE_MODES,
        words=STRIKE,
        mode_or_words=True,
        description="missile, drone or air strikes on targets the text does not name",
    ),
    RungRule("assault_other", 5, ("ASSAULT",), description="other use of force between states"),
    RungRule("mobilisation", 4, ("MOBILIZE",), description="troops, weapons or forces readied or moved"),
    RungRule(
        "treaty_suspension",
        3,
        ("SANCTION", "REJECT", "COERCE"),
        words=TREATY,
        unless=CEASEFIRE,
        standing=True,
        description="a treaty or agreement suspended or abandoned",
    ),
    RungRule(
        "doctrine_or_threat",
        3,
        ("THREATEN",),
        modes=("violence",),
        words=DOCTRINE,
        mode_or_words=True,
        description="threats of force and doctrine declarations",
    ),
    RungRule(
        "diplomatic_coercion",
        2,
        ("SANCTION", "COERCE"),
        standing=True,
        description="expulsions, closures, suspended trade or visas",
    ),
    RungRule("threat_other", 2, ("THREATEN",), description="threats short of force"),
    RungRule(
        "verbal_hostility",
        1,
        ("ACCUSE", "REJECT", "PROTEST", "REQUEST"),
        description="accusations, protests, rejections and demands",
    ),
    RungRule("cooperation_or_other", 0, (), description="cooperation and anything else: baseline"),
)


def _lit(values: Sequence[str]) -> str:
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def _re(pattern: str) -> str:
    return "'" + pattern.replace("'", "''") + "'"


def _condition(rule: RungRule, states_sql: str) -> str:
    parts = []
    if rule.types:
        parts.append(f"e.type IN ({_lit(rule.types)[1:-1]})")
    match = []
    if rule.modes:
        match.append(f"lower(e.mode) IN ({_lit(rule.modes)[1:-1]})")
    if rule.words:
        match.append(f"regexp_matches(txt, {_re(rule.words)})")
    if match:
        parts.append("(" + (" OR " if rule.mode_or_words else " AND ").join(match) + ")")
    if rule.unless:
        parts.append(f"NOT regexp_matches(txt, {_re(rule.unless)})")
    if rule.source == "nonstate":
        parts.append(f"len(e.source) > 0 AND NOT list_has_any(e.source, {states_sql})")
    elif rule.source == "state":
        parts.append(f"list_has_any(e.source, {states_sql})")
    return " AND ".join(parts) or "true"


def _rules_sql(states: frozenset[str]) -> str:
    states_sql = _lit(sorted(states))
    whens = "\n".join(f"WHEN {_condition(r, states_sql)} THEN {i}" for i, r in enumerate(RULES))
    return f"CASE {whens} END"


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


_TEXT = (
    "lower(concat_ws(' ', e.mode, e.location, array_to_string(e.context, ' '), e.evidence, e.attrs::VARCHAR))"
)


# Only these types have rules that read words; the others are classified by type alone.
_TEXT_TYPES = ", ".join(sorted({f"'{t}'" for r in RULES if r.words or r.unless for t in r.types}))


def _classified_sql(states: frozenset[str], where: str = "true") -> str:
    return f"""
        SELECT e.id, e.date, e.date_end, e.source, e.target, e.type, e.mode, e.quad, e.score, e.fatalities,
               {_rules_sql(states)} AS rule_ix,
               CASE WHEN e.type = 'ASSAULT' THEN NOT list_has_all({_lit(sorted(states))}, e.target)
                    ELSE false END AS hits_nonstate
        FROM (SELECT *, CASE WHEN e.type IN ({_TEXT_TYPES}) THEN {_TEXT} END AS txt
              FROM events e WHERE NOT coalesce(e.negated, false) AND {where}) e
    """


def event_rungs(store: Store, *, dated_only: bool = False) -> pd.DataFrame:
    """Every event with its rung, rung name and the rule that put it there."""
    con = store.con
    con.register("_rung_rules", _rules_frame())
    try:
        where = "e.date IS NOT NULL" if dated_only else "true"
        return store.query(
            f"""SELECT c.id, c.date, c.date_end, c.source, c.target, c.type, c.mode, r.rung, r.rung_name, r.rule,
                       r.standing
                FROM ({_classified_sql(state_codes(store), where)}) c JOIN _rung_rules r USING (rule_ix)
                ORDER BY c.date NULLS LAST, c.id"""
        )
    finally:
        con.unregister("_rung_rules")


def ceasefires(store: Store, sides: tuple[str, str] | None = None) -> pd.DataFrame:
    """Ceasefire events (agreed, declared, announced or observed) that involve a side: id, date."""
    sides = sides or principal_sides(store)
    if not sides:
        return pd.DataFrame(columns=["id", "date"])
    return store.query(
        f"""SELECT e.id, e.date FROM (
                SELECT *, {_TEXT} AS txt FROM events e
                WHERE e.date IS NOT NULL AND NOT coalesce(e.negated, false)
                  AND e.type IN ('AGREE', 'CONCEDE', 'RETREAT', 'CONSULT', 'SUPPORT', 'COOPERATE')
                  AND list_has_any(list_concat(e.source, e.target), ?)
            ) e
            WHERE lower(e.mode) = 'ceasefire' OR (regexp_matches(txt, '{_CEASE_WORDS}') AND regexp_matches(txt, {_re(CEASEFIRE)})
                                                  AND NOT regexp_matches(txt, {_re(VIOLATION)}))
            ORDER BY e.date, e.id""",
        [list(sides)],
    )


def _side_levels(store: Store, sides: tuple[str, str], states: frozenset[str]) -> pd.DataFrame:
    """Per day, side and rung: the events active at that rung (SQL; the heavy part)."""
    a, b = sides
    con = store.con
    con.register("_rung_rules", _rules_frame())
    try:
        return store.query(
            f"""
            WITH c AS ({_classified_sql(states, f"e.date IS NOT NULL AND list_has_any(e.source, {_lit([a, b])})")}),
            lv AS (
                SELECT c.*, r.rung, r.standing FROM c JOIN _rung_rules r USING (rule_ix) WHERE r.rung IS NOT NULL
            ),
            sided AS (
                SELECT s.side, lv.* FROM lv, (VALUES (?, ?), (?, ?)) s(side, other)
                WHERE list_contains(lv.source, s.side)
                  AND (len(lv.target) = 0 OR list_contains(lv.target, s.other) OR lv.rung >= 9
                       OR lv.hits_nonstate)
            ),
            days AS (
                SELECT side, id, rung, standing, score, date AS first_day,
                       unnest(CASE WHEN date_end IS NULL OR date_end <= date OR date_diff('day', date, date_end) > 31
                                   THEN [date] ELSE generate_series(date, date_end, INTERVAL 1 DAY)::DATE[] END) AS day
                FROM sided
            ),
            ranked AS (
                SELECT day, side, id, rung, standing,
                       max(rung) OVER w AS top, max(CASE WHEN standing THEN rung END) OVER w AS stop
                FROM days WINDOW w AS (PARTITION BY day, side)
            )
            SELECT day, side, any_value(top) AS rung, list(id) FILTER (WHERE rung = top) AS ids,
                   any_value(stop) AS standing_rung,
                   list(id) FILTER (WHERE standing AND rung = stop) AS standing_ids
            FROM ranked WHERE rung = top OR (standing AND rung = stop)
            GROUP BY day, side ORDER BY day, side
            """,
            [a, b, b, a],
        )
    finally:
        con.unregister("_rung_rules")


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
    levels = _side_levels(store, sides, frozenset(states))
    if start is not None:
        levels = levels[levels["day"] >= pd.Timestamp(start)]
    if end is not None:
        levels = levels[levels["day"] <= pd.Timestamp(end)]
    if levels.empty:
        return pd.DataFrame(columns=columns)
    cease = ceasefires(store, sides)
    cease_days = {pd.Timestamp(d).date() for d in cease["date"]}
    cease_ids: dict[dt.date, list[str]] = {}
    for row in cease.itertuples():
        cease_ids.setdefault(pd.Timestamp(row.date).date(), []).append(row.id)
    names = {r.level: r.name for r in load_ladder()}
    first = pd.Timestamp(levels["day"].min()).date()
    # start on the first attack on a side by a non-state group, when it comes before the first rung
    row = store.con.execute(
        f"SELECT min(date) FROM events WHERE date IS NOT NULL AND type = 'ASSAULT' AND (list_has_any(target, ?) OR len(target) = 0)"
        f" AND NOT list_has_any(source, {_lit(sorted(states))}) AND date >= ?",
        [list(sides), first - dt.timedelta(days=30)],
    ).fetchone()
    if row and row[0] is not None:
        first = min(first, row[0])
    last = pd.Timestamp(levels["day"].max()).date()
    if start is not None:
        first = start
    if end is not None:
        last = end
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    by_side: dict[str, dict[dt.date, Any]] = {}
    for row in levels.itertuples(index=False):
        by_side.setdefault(row.side, {})[pd.Timestamp(row.day).date()] = row
    rows = []
    per_side: dict[str, list[tuple]] = {}
    for side in sides:
        series = _walk(days, by_side.get(side, {}), cease_days, cease_ids, hold_days)
        per_side[side] = series
        for day, (rung, ids, held, high, high_ids) in zip(days, series, strict=True):
            rows.append((day, side, rung, names.get(rung), ids, held, day in cease_days, high, high_ids))
    for i, day in enumerate(days):
        (ra, ia, ha, xa, xia), (rb, ib, hb, xb, xib) = per_side[sides[0]][i], per_side[sides[1]][i]
        top, high = max(ra, rb), max(xa, xb)
        ids = sorted({*(ia if ra == top else []), *(ib if rb == top else [])})
        high_ids = sorted({*(xia if xa == high else []), *(xib if xb == high else [])})
        held = (ha if ra == top else True) and (hb if rb == top else True)
        rows.append((day, CRISIS, top, names.get(top), ids, held, day in cease_days, high, high_ids))
    frame = pd.DataFrame(rows, columns=columns)
    frame["rung"] = frame["rung"].astype(int)
    frame["high"] = frame["high"].astype(int)
    order = {s: i for i, s in enumerate([*sides, CRISIS])}
    frame = frame.sort_values(["date", "side"], key=lambda c: c.map(order) if c.name == "side" else c)
    return frame.reset_index(drop=True)


def _walk(days, rows_by_day, cease_days, cease_ids, hold_days) -> list[tuple]:
    """Walk the days: the day's highest rung sets the level when it is at least the level held,
    or when the hold (``hold_days`` without such an event) has run out; standing measures set a
    floor; a ceasefire closes its day at the floor. Yields (level at the close, its events, held,
    the day's high before any ceasefire, its events)."""
    out: list[tuple] = []
    never = 10**6
    floor, floor_ids = 0, []
    level, level_ids, age = 0, [], never
    for day in days:
        top = rows_by_day.get(day)
        standing = None if top is None or pd.isna(top.standing_rung) else int(top.standing_rung)
        if standing is not None and standing > floor:
            floor, floor_ids = standing, sorted(top.standing_ids)
        age += 1
        if top is not None and (int(top.rung) >= level or age > hold_days):
            level, level_ids, age, held = int(top.rung), sorted(top.ids), 0, False
        elif age > hold_days:
            level, level_ids, held = floor, floor_ids, True
        else:
            held = True
        if level < floor:
            level, level_ids = floor, floor_ids
        high, high_ids = level, level_ids
        if day in cease_days:
            level, level_ids, age, held = floor, [*cease_ids.get(day, []), *floor_ids], never, False
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
        """SELECT id, date, type FROM events
           WHERE date IS NOT NULL AND date <= ? AND date >= ? AND quad = 4 AND NOT coalesce(negated, false)
             AND (list_has_any(target, ?) OR (len(target) = 0 AND type = 'ASSAULT'))
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
        rungs = event_rungs(store, dated_only=True)
        hostile = rungs[
            (rungs["rung"].fillna(-1) >= KINETIC)
            & rungs["source"].map(lambda s: bool(set(s) & set(sides)))
            & (pd.to_datetime(rungs["date"]) > pd.Timestamp(first_cease))
        ]
        accused = store.query(
            f"""SELECT id, date FROM events WHERE type = 'ACCUSE' AND date > ? AND list_has_any(source, ?)
                AND regexp_matches(lower(coalesce(evidence, '') || ' ' || coalesce(mode, '')), {_re(VIOLATION)})""",
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
