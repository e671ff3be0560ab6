"""The actor network: a directed weighted graph of who acted on whom.

One edge per (source, target) actor pair, with counts of cooperative and hostile
events, their summed score, and a ``sign`` (+1 mostly cooperative, -1 mostly
hostile). Exports to GraphML (for Gephi, yEd) or node-link JSON.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pandas as pd

from ..errors import InputError
from ..store import Store
from .actors import actor_names
from .timeline import EventFilter

__all__ = ["actor_network", "network_edges", "write_network"]


def network_edges(store: Store, flt: EventFilter | None = None) -> pd.DataFrame:
    """Edges as a table: ``source, target, events, cooperative, hostile, score, first_date, last_date``."""
    where, params = (flt or EventFilter()).sql("e")
    return store.query(
        f"""
        WITH pairs AS (
            SELECT s, unnest(target) AS t, quad, score, date
            FROM (SELECT unnest(source) AS s, target, quad, score, date FROM events e WHERE {where})
        )
        SELECT s AS source, t AS target, count(*) AS events,
               count(*) FILTER (WHERE quad IN (1, 2)) AS cooperative,
               count(*) FILTER (WHERE quad IN (3, 4)) AS hostile,
               round(coalesce(sum(score), 0), 3) AS score,
               min(date) AS first_date, max(date) AS last_date
        FROM pairs WHERE s <> t GROUP BY ALL ORDER BY events DESC, source, target
        """,
        params,
    )


def actor_network(store: Store, flt: EventFilter | None = None) -> nx.DiGraph:
    """The directed graph; node attributes ``name`` and ``kind`` come from the actors table when known."""
    edges = network_edges(store, flt)
    graph = nx.DiGraph()
    known = {r.code: r for r in store.query("SELECT code, name, kind FROM actors").itertuples()}
    names = actor_names(store)
    for row in edges.itertuples(index=False):
        for code in (row.source, row.target):
            if code not in graph:
                info = known.get(code)
                graph.add_node(
                    code,
                    name=(info.name if info else names.get(code, code)),
                    kind=(info.kind if info and info.kind else ""),
                )
        sign = 1 if row.cooperative > row.hostile else -1 if row.hostile > row.cooperative else 0
        graph.add_edge(
            row.source,
            row.target,
            weight=int(row.events),
            cooperative=int(row.cooperative),
            hostile=int(row.hostile),
            score=float(row.score),
            sign=sign,
            first_date=str(row.first_date)
            if row.first_date is not None and not pd.isna(row.first_date)
            else "",
            last_date=str(row.last_date) if row.last_date is not None and not pd.isna(row.last_date) else "",
        )
    return graph


def write_network(graph: nx.DiGraph, path: str | Path) -> Path:
    """Write GraphML (``.graphml``) or node-link JSON (``.json``), chosen by the file suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".graphml":
        nx.write_graphml(graph, path)
    elif suffix == ".json":
        data = nx.node_link_data(graph, edges="links")
        path.write_text(json.dumps(data, indent=1, default=str), encoding="utf-8")
    else:
        raise InputError(f"cannot write a network as {suffix or 'no suffix'!r}", where=str(path),
                         hint="use a .graphml or .json file name")  # fmt: skip
    return path
