"""Who is a state, and which two states a crisis is between.

The ladder, the mediators and the network need to tell the crisis's principal
sides from third parties and from non-state actors. A code is a state when the
store's ``actors`` table says so, or else when it is in the bundled gazetteer
of states (``offramp/ontology/countries.py``: country_converter and pycountry).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from ..ontology.countries import state_entries
from ..store import Store

__all__ = ["actor_names", "is_state", "principal_sides", "state_codes"]


@lru_cache(maxsize=1)
def _gazetteer_states() -> frozenset[str]:
    return frozenset(str(e["code"]) for e in state_entries())


@lru_cache(maxsize=1)
def _gazetteer_names() -> dict[str, str]:
    names: dict[str, str] = {str(e["code"]): str(e["name"]) for e in state_entries()}
    for name in ("organisations.yaml", "groups.yaml"):
        try:
            text = (
                resources.files("offramp.ontology").joinpath(f"gazetteer/{name}").read_text(encoding="utf-8")
            )
        except (FileNotFoundError, ModuleNotFoundError):
            continue
        for a in (yaml.safe_load(text) or {}).get("actors", []) or []:
            if a.get("code") and a.get("name"):
                names.setdefault(str(a["code"]), str(a["name"]))
    names.setdefault("MIL", "militants")
    return names


def actor_names(store: Store | None = None) -> dict[str, str]:
    """Code -> display name: the store's actors table first, then the bundled gazetteer."""
    names = dict(_gazetteer_names())
    if store is not None:
        names.update({c: n for c, n in store.con.execute("SELECT code, name FROM actors").fetchall() if n})
    return names


def state_codes(store: Store | None = None) -> frozenset[str]:
    """Codes of states: the gazetteer's, plus any the store's actors table marks ``kind='state'``,
    minus any it marks as something else."""
    codes = set(_gazetteer_states())
    if store is not None:
        rows = store.con.execute("SELECT code, kind FROM actors").fetchall()
        for code, kind in rows:
            if kind == "state":
                codes.add(code)
            elif kind:
                codes.discard(code)
    return frozenset(codes)


def is_state(code: str, states: frozenset[str] | None = None) -> bool:
    return code in (states if states is not None else _gazetteer_states())


def principal_sides(store: Store, *, table: str = "events") -> tuple[str, str] | None:
    """The two states with the most hostile (verbal or material conflict) events between them,
    in either direction; None when no two states are in conflict."""
    states = sorted(state_codes(store))
    row = store.con.execute(
        f"""
        WITH pairs AS (
            SELECT s, unnest(target) AS t FROM (
                SELECT unnest(source) AS s, target FROM {table} WHERE quad IN (3, 4) AND NOT coalesce(negated, false)
            )
        )
        SELECT least(s, t) AS a, greatest(s, t) AS b, count(*) AS n
        FROM pairs
        WHERE s <> t AND list_contains(?, s) AND list_contains(?, t)
        GROUP BY ALL ORDER BY n DESC, a, b LIMIT 1
        """,
        [states, states],
    ).fetchone()
    return (row[0], row[1]) if row else None
