"""Synthetic events at scale, for the benchmarks (random, seeded; not a real crisis).

``synthetic_events(n)`` makes ``n`` random events as an Arrow table in the
store's column layout, ready for ``Store.insert_arrow("events", ...)``.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa

from offramp.store import EVENT_COLUMNS

__all__ = ["synthetic_events"]

D = dt.date

_TYPES = [
    "CONSULT",
    "ACCUSE",
    "ASSAULT",
    "THREATEN",
    "SANCTION",
    "MOBILIZE",
    "AID",
    "AGREE",
    "REQUEST",
    "REJECT",
]
_QUAD = {"CONSULT": 1, "AGREE": 1, "AID": 2, "ACCUSE": 3, "THREATEN": 3, "REQUEST": 3, "REJECT": 3,
         "ASSAULT": 4, "SANCTION": 4, "MOBILIZE": 4}  # fmt: skip
_ACTORS = ["IND", "PAK", "USA", "CHN", "GBR", "SAU", "ARE", "FRA", "RUS", "IRN", "AFG", "BGD", "MIL", "IMF"]
_WORDS = ["shelling near the border", "missile strike on a base", "talks in the capital", "drone sighted",
          "statement by the ministry", "artillery exchange", "strike on a camp", "loan approved"]  # fmt: skip


def synthetic_events(n: int, *, seed: int = 0, start: dt.date = D(2015, 1, 1), days: int = 3650) -> pa.Table:
    """``n`` random events over ``days`` days, in the store's column layout (for benchmarks)."""
    rng = np.random.default_rng(seed)
    types = np.array(_TYPES)[rng.integers(0, len(_TYPES), n)]
    src = rng.integers(0, len(_ACTORS), n)
    tgt = (src + rng.integers(1, len(_ACTORS), n)) % len(_ACTORS)
    actors = np.array(_ACTORS)
    offsets = rng.integers(0, days, n)
    span = np.where(rng.random(n) < 0.1, rng.integers(1, 4, n), 0)
    base = np.datetime64(start)
    date = base + offsets.astype("timedelta64[D]")
    date_end = np.where(span > 0, date + span.astype("timedelta64[D]"), np.datetime64("NaT"))
    cols = {
        "id": [f"ev_{i:012d}" for i in range(n)],
        "type": types.tolist(),
        "source": [[a] for a in actors[src]],
        "target": [[a] for a in actors[tgt]],
        "date": pa.array(date, pa.date32()),
        "date_end": pa.array(date_end, pa.date32()),
        "quad": pa.array([_QUAD[t] for t in types], pa.int8()),
        "score": pa.array(rng.uniform(-10, 10, n).round(1), pa.float64()),
        "fatalities": pa.array(np.where(types == "ASSAULT", rng.integers(0, 5, n), 0), pa.int32()),
        "evidence": np.array(_WORDS)[rng.integers(0, len(_WORDS), n)].tolist(),
        "certainty": ["reported"] * n,
        "n_sources": pa.array(np.ones(n, dtype=np.int32), pa.int32()),
    }
    table = pa.table(cols)
    return table.select([c for c in EVENT_COLUMNS if c in table.column_names])
