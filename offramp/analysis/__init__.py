"""Analysis of a crisis from the store: each function takes a ``Store`` and returns a DataFrame.

    from offramp import analysis
    analysis.timeline(store, dyad="IND-PAK")     # events with all their sources
    analysis.daily_dyads(store)                  # counts, score, fatalities per day and dyad
    analysis.daily_ladder(store)                 # rung per day, per side and for the crisis
    analysis.classify_events(store)              # catch up the ladder rules after they changed (a write)
    analysis.turning_points(store)               # trigger, onset, peak, ceasefire, breaches, return
    analysis.levers(store)                       # mediators, back channels, economic/treaty/doctrine/nuclear
    analysis.ledger(store)                       # claims by proposition, contested first
    analysis.claims_frame(store, contested_only=True)  # the claims in contested rows
    analysis.queries             # the read models the CLI and the brief use, with their filters
    analysis.actor_network(store)                # networkx.DiGraph

Row shapes are documented in docs/analysis.md.
"""

from __future__ import annotations

from .actors import principal_sides
from .escalation import RULES, classify_events, daily_ladder, event_rungs, turning_points
from .ledger import ledger, number_table
from .mediators import ROLES, levers, mediators
from .network import actor_network, network_edges, write_network
from .queries import claims_frame, ladder_rows, ledger_rows
from .timeline import EventFilter, daily_dyads, timeline

__all__ = [
    "ROLES",
    "RULES",
    "EventFilter",
    "actor_network",
    "claims_frame",
    "classify_events",
    "daily_dyads",
    "daily_ladder",
    "event_rungs",
    "ladder_rows",
    "ledger",
    "ledger_rows",
    "levers",
    "mediators",
    "network_edges",
    "number_table",
    "principal_sides",
    "timeline",
    "turning_points",
    "write_network",
]
