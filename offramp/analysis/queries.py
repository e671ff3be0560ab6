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

The event record's SQL stays beside its column list (``offramp.extract.query``,
which the store's schema drives) and the ledger's grouping in ``ledger.py``; they
are re-exported here so that readers have one module to import.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..extract import claims as stored_claims
from ..extract.query import EVENT_RECORD_COLUMNS, event_records
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
