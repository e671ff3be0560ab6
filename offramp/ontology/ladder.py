"""The escalation ladder shared by analysis and model: 11 ordinal rungs, 0 baseline to 10 nuclear use.

Each rung carries its cross-references to Kahn's 1965 ladder and the MID action/hostility scale;
the table lives in ``data/ladder.csv`` (sources in ``data/README.md``).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import ConfigError

__all__ = ["LADDER_FILE", "Rung", "kahn_range", "load_ladder", "max_level", "rung"]

LADDER_FILE = "data/ladder.csv"
_COLUMNS = ("level", "key", "name", "description", "kahn_rungs", "mid_hostility", "mid_actions")


@dataclass(frozen=True)
class Rung:
    """One rung: its ordinal level, stable key, label, and cross-references."""

    level: int
    key: str
    name: str
    description: str
    kahn_rungs: str
    mid_hostility: int
    mid_actions: str = ""

    @property
    def kahn(self) -> tuple[int, ...]:
        """Kahn rung numbers this rung covers, expanded from ``kahn_rungs``."""
        return kahn_range(self.kahn_rungs)

    @property
    def mid_action_codes(self) -> tuple[int, ...]:
        """MID action codes this rung covers."""
        return tuple(int(x) for x in self.mid_actions.split(";") if x.strip())


def kahn_range(text: str) -> tuple[int, ...]:
    """Expand ``"1-2;7"`` into ``(1, 2, 7)``."""
    out: list[int] = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        lo, _, hi = part.partition("-")
        out.extend(range(int(lo), int(hi or lo) + 1))
    return tuple(out)


@lru_cache(maxsize=1)
def load_ladder() -> tuple[Rung, ...]:
    """The ladder in level order; raises ConfigError if the bundled table is malformed."""
    where = f"offramp/ontology/{LADDER_FILE}"
    text = resources.files(__package__).joinpath(LADDER_FILE).read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    if not rows or tuple(rows[0].keys()) != _COLUMNS:
        raise ConfigError("ladder table has unexpected columns", where=where, hint=f"expected {_COLUMNS}")
    rungs = []
    for i, row in enumerate(rows):
        try:
            r = Rung(
                level=int(row["level"]),
                key=row["key"].strip(),
                name=row["name"].strip(),
                description=row["description"].strip(),
                kahn_rungs=row["kahn_rungs"].strip(),
                mid_hostility=int(row["mid_hostility"]),
                mid_actions=row["mid_actions"].strip(),
            )
            r.kahn  # noqa: B018 - validates the Kahn cross-reference parses
        except ValueError as exc:
            raise ConfigError(f"bad value ({exc})", where=f"{where}:{i + 2}") from exc
        if r.level != i:
            raise ConfigError(
                f"level {r.level} out of order", where=f"{where}:{i + 2}", hint="levels run 0..n"
            )
        rungs.append(r)
    return tuple(rungs)


def max_level() -> int:
    """The highest rung's level (10: nuclear use)."""
    return load_ladder()[-1].level


def rung(level_or_key: int | str) -> Rung:
    """Look a rung up by level (int) or key (str); ConfigError if there is none."""
    ladder = load_ladder()
    if isinstance(level_or_key, int) and not isinstance(level_or_key, bool):
        if 0 <= level_or_key < len(ladder):
            return ladder[level_or_key]
    elif isinstance(level_or_key, str):
        for r in ladder:
            if r.key == level_or_key:
                return r
    raise ConfigError(
        f"no escalation rung {level_or_key!r}",
        hint=f"use a level 0..{len(ladder) - 1} or one of {', '.join(r.key for r in ladder)}",
    )
