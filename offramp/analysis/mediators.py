"""Mediators and levers: who pulled the crisis back, through which channel, with what.

From the events alone: third parties in cooperative contact with both sides
(mediators); direct contacts between the sides that the text marks as quiet or
that happen under fire (back channels); loans, aid, sanctions and trade moves
(economic levers); treaty and doctrine moves; nuclear signalling. Each row has
its dated evidence.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pandas as pd

from ..store import Store
from .actors import principal_sides
from .escalation import CEASEFIRE, CRISIS, DOCTRINE, KINETIC, TREATY, daily_ladder, event_rungs

__all__ = ["ROLES", "levers", "mediators"]

ROLES = ("mediator", "backchannel", "economic", "treaty", "doctrine", "nuclear_signal")

BACKCHANNEL = re.compile(
    r"back[- ]?channel|secret|covert|quiet|discreet|informal|behind the scenes|national security advis|\bnsas?\b"
    r"|hotline|dgmos?\b|directors?[- ]general of military operations|intelligence chiefs?|track[- ]?(1\.5|ii|2|two)"
    r"|counterpart",
    re.I,
)
ECONOMIC = re.compile(
    r"loan|credit|bail-?out|tranche|\bimf\b|monetary fund|world bank|financ|\bfund(s|ing)?\b|trade|tariff|import"
    r"|export|sanction|embargo|economic|aid package|investment|\bdebt\b|\$\s?\d",
    re.I,
)
ECONOMIC_TYPES = {
    "AID",
    "SANCTION",
    "COOPERATE",
    "PROTEST",
    "REJECT",
    "REQUEST",
    "THREATEN",
    "AGREE",
    "CONCEDE",
}
ECONOMIC_BODIES = {"IMF", "WB", "ADB", "AIIB", "FATF", "WTO", "NDB"}
# a lender named in the evidence of a money event that lost its source
LENDER_NAMES = {
    "IMF": re.compile(r"\bimf\b|monetary fund", re.I),
    "WB": re.compile(r"world bank", re.I),
    "ADB": re.compile(r"asian development bank", re.I),
    "AIIB": re.compile(r"asian infrastructure investment bank", re.I),
    "NDB": re.compile(r"new development bank", re.I),
}
# types whose economic reading needs more than an economic word somewhere in the sentence: "agreed to stop
# fighting after a threat to trade" is an agreement, not a lever pulled by those who agreed
WEAK_ECONOMIC_TYPES = {"AGREE", "CONCEDE", "REJECT", "PROTEST"}
COOPERATIVE_CONTACT = {"CONSULT", "AGREE", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "REQUEST"}
# material transfers are levers, not mediation: a lender to one side asked by the other is no go-between
NOT_MEDIATION = {"AID", "SANCTION"}


def _events(store: Store) -> pd.DataFrame:
    frame = store.query(
        """SELECT e.id, e.date, e.date_end, e.type, e.mode, e.quad, e.source, e.target, e.certainty, e.amount_usd,
                  lower(concat_ws(' ', e.mode, e.location, array_to_string(e.context, ' '), e.evidence,
                                  e.attrs::VARCHAR)) AS txt,
                  e.evidence, e.attrs::VARCHAR AS attrs_text,
                  (SELECT coalesce(first(s.url ORDER BY s.doc_id), first(d.url ORDER BY d.id))
                     FROM event_sources s LEFT JOIN documents d ON d.id = s.doc_id WHERE s.event_id = e.id) AS url
           FROM events e WHERE NOT coalesce(e.negated, false)"""
    )
    rungs = event_rungs(store)[["id", "rung", "rule"]]
    return frame.merge(rungs, on="id", how="left")


def _window(store: Store, sides: tuple[str, str]) -> tuple[dt.date | None, dt.date | None, set[dt.date]]:
    """The crisis window (first to last day of the daily ladder) and the days under fire."""
    ladder = daily_ladder(store, sides=sides)
    crisis = ladder[ladder["side"] == CRISIS]
    if crisis.empty:
        return None, None, set()
    fire = {pd.Timestamp(d).date() for d in crisis.loc[crisis["high"] >= KINETIC, "date"]}
    return pd.Timestamp(crisis["date"].min()).date(), pd.Timestamp(crisis["date"].max()).date(), fire


def levers(
    store: Store,
    *,
    sides: tuple[str, str] | None = None,
    roles: tuple[str, ...] | list[str] | None = None,
    actor: str | None = None,
    window: bool = True,
) -> pd.DataFrame:
    """One row per actor and role: ``actor, role, first_date, last_date, events, evidence``
    (evidence: ``[{date, event, type, text, url}]``), for ``roles`` and one ``actor`` code when
    given. Undated events count; dated ones count when they fall in the crisis window
    (``window=False`` drops that limit)."""
    columns = ["actor", "role", "first_date", "last_date", "events", "evidence"]
    sides = sides or principal_sides(store)
    if not sides:
        return pd.DataFrame(columns=columns)
    a, b = sides
    ev = _events(store)
    lo, hi, fire_days = _window(store, sides) if window else (None, None, set())
    if lo is not None and hi is not None:
        start = pd.to_datetime(ev["date"])
        stop = pd.to_datetime(ev["date_end"]).fillna(start)
        keep = ev["date"].isna() | (
            (stop >= pd.Timestamp(lo)) & (start <= pd.Timestamp(hi + dt.timedelta(days=7)))
        )
        ev = ev[keep]
    found: dict[tuple[str, str], list[Any]] = {}

    def add(actor: str, role: str, row) -> None:
        found.setdefault((actor, role), []).append(row)

    contacts: dict[str, dict[str, list]] = {}
    lenders: set[str] = set()
    for row in ev.itertuples(index=False):
        src, tgt = list(row.source), list(row.target)
        if row.type == "AID" and row.amount_usd is not None and not pd.isna(row.amount_usd):
            lenders.update(c for c in src if c not in sides)
        txt = row.txt or ""
        # third parties in cooperative contact with a side, either direction
        if (row.type in COOPERATIVE_CONTACT or row.quad in (1, 2)) and row.type not in NOT_MEDIATION:
            pairs = [*((s, t) for s in src for t in tgt)]
            if row.type != "REQUEST":  # being asked by a side is not taking contact with it
                pairs += [(t, s) for s in src for t in tgt]
            for third, side in pairs:
                if side in sides and third not in sides and third not in ("MIL",):
                    contacts.setdefault(third, {}).setdefault(side, []).append(row)
        # direct contact between the sides, quiet or under fire
        direct = [s for s in src if s in sides and (set(tgt) & (set(sides) - {s}))]
        if (
            direct
            and row.type in ("CONSULT", "REQUEST", "AGREE", "COOPERATE")
            and row.rule != "nuclear_signal"
        ):
            under_fire = (
                row.date is not None and not pd.isna(row.date) and pd.Timestamp(row.date).date() in fire_days
            )
            quiet = bool(BACKCHANNEL.search(txt)) or (row.certainty or "asserted") in ("reported", "alleged")
            if quiet or under_fire:
                for s in direct:
                    add(s, "backchannel", row)
        involves_side = bool((set(src) | set(tgt)) & set(sides))
        has_amount = row.amount_usd is not None and not pd.isna(row.amount_usd)
        economic_words = ECONOMIC.search(_trigger_text(row) if row.type in WEAK_ECONOMIC_TYPES else txt)
        if involves_side and (
            has_amount
            or (row.type in ECONOMIC_TYPES and economic_words)
            or ((set(src) | set(tgt)) & ECONOMIC_BODIES)
        ):
            for s in src or _lenders(row):
                add(s, "economic", row)
        if involves_side and (
            row.rule == "treaty_suspension"
            or (
                row.type in ("THREATEN", "REJECT", "SANCTION", "CONCEDE")
                and re.search(TREATY, txt)
                and not re.search(CEASEFIRE, txt)
            )
        ):
            for s in src:
                add(s, "treaty", row)
        if row.type == "THREATEN" and re.search(DOCTRINE, txt):
            for s in src:
                add(s, "doctrine", row)
        if row.rule == "nuclear_signal":
            for s in src:
                add(s, "nuclear_signal", row)
    for third, by_side in contacts.items():
        if a in by_side and b in by_side:
            for rows in by_side.values():
                for row in rows:
                    add(third, "mediator", row)
    out = []
    wanted = set(roles) if roles else set(ROLES)
    only = actor.upper() if actor else None
    for (code, role), found_rows in found.items():
        if role not in wanted or (only and code != only):
            continue
        seen: dict[str, Any] = {}
        for r in found_rows:
            seen.setdefault(r.id, r)
        rows = sorted(
            seen.values(),
            key=lambda r: (pd.isna(r.date), r.date if not pd.isna(r.date) else dt.date.max, r.id),
        )
        dates = [pd.Timestamp(r.date).date() for r in rows if not pd.isna(r.date)]
        ends = [pd.Timestamp(r.date_end).date() for r in rows if not pd.isna(r.date_end)]
        out.append(
            {
                "actor": code,
                "role": role,
                "first_date": min(dates) if dates else None,
                "last_date": max(dates + ends) if dates else None,
                "events": [r.id for r in rows],
                "evidence": [
                    {
                        "date": pd.Timestamp(r.date).date() if not pd.isna(r.date) else None,
                        "event": r.id,
                        "type": r.type,
                        "text": r.evidence,
                        "url": r.url,
                    }
                    for r in rows
                ],
            }
        )
    frame = pd.DataFrame(out, columns=columns)
    order = {r: i for i, r in enumerate(ROLES)}
    if len(frame):
        frame["_o"] = frame["role"].map(order)
        # among economic levers, those who hold the money come first: the lender, then who lobbies it
        frame["_l"] = [
            0 if role == "economic" and (actor in ECONOMIC_BODIES or actor in lenders) else 1
            for actor, role in zip(frame["actor"], frame["role"], strict=True)
        ]
        frame["_n"] = -frame["events"].map(len)
        frame = (
            frame.sort_values(["_o", "_l", "_n", "actor"])
            .drop(columns=["_o", "_l", "_n"])
            .reset_index(drop=True)
        )
    return frame


def _trigger_text(row: Any) -> str:
    """The trigger words and mode of an event, without the rest of its sentence."""
    try:
        attrs = json.loads(row.attrs_text) if isinstance(row.attrs_text, str) else {}
    except ValueError:
        attrs = {}
    trigger = attrs.get("trigger") if isinstance(attrs, dict) else None
    return " ".join(str(x) for x in (row.mode, trigger) if x)


def _lenders(row: Any) -> list[str]:
    """The lender named in a money event's evidence when the event has no source ("the board approved $1bn")."""
    if row.type != "AID":
        return []
    text = row.evidence or ""
    return [code for code, rx in LENDER_NAMES.items() if rx.search(text)]


def mediators(store: Store, **kwargs) -> pd.DataFrame:
    """Just the third parties in cooperative contact with both sides."""
    return levers(store, roles=("mediator",), **kwargs)
