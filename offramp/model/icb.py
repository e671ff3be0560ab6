"""ICB v15 crises as the benchmark sees them: dates, outcomes, onset covariates, and the lever variables.

The shipped table (``offramp/data/crises/icb_onset_v15.csv``) is built from the two ICB v15 files by
``build_onset_table`` (run ``python -m offramp.model.icb ICB_FOLDER`` to rebuild it). Which columns may be
used as covariates is written once, in ``ONSET_COVARIATES``, each with the ICB variable it comes from; a
test checks that the benchmark uses nothing else.
"""

from __future__ import annotations

import calendar
import datetime as dt
import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "DURING_CRISIS",
    "ONSET_COVARIATES",
    "build_onset_table",
    "covariate_matrix",
    "icb_crises",
]

TABLE = "icb_onset_v15.csv"

# covariate -> (ICB variable(s) it is made from, why it is known at the trigger)
ONSET_COVARIATES: dict[str, tuple[str, str]] = {
    "trigger_military": ("BREAK == 7", "the act that opened the crisis: a non-violent military act"),
    "trigger_indirect": ("BREAK == 8", "the act that opened the crisis: an indirect violent act"),
    "trigger_violent": ("BREAK == 9", "the act that opened the crisis: a violent act"),
    "log_powdis": ("POWDISSY", "capability gap of the adversaries when the crisis began"),
    "protracted": ("PROTRAC > 1", "the conflict setting the crisis arose in"),
    "nuclear_onset": ("NUCLEAR >= 3 (onset actors)", "capability 'at the time the crisis began'"),
    "log_onset_actors": ("ICB2 actors triggered on day one", "counted on the first day"),
    "region_asia": ("GEOG 9-13", "where it started"),
    "region_mideast": ("GEOG 15", "where it started"),
    "region_africa": ("GEOG 20-24", "where it started"),
    "region_europe": ("GEOG 30-35", "where it started"),
    "system_level": ("SYSLEVSY", "the international system the crisis belongs to"),
}

# Columns of the table that ICB codes over the whole crisis: lever estimates only, never covariates.
DURING_CRISIS = ("gravity", "mediated", "mediation_day", "us_involved", "superpower_high", "n_actors")


def _day_range(year: float, month: float, day: float) -> tuple[dt.date, dt.date]:
    y, m = int(year), int(month)
    if not 1 <= m <= 12:
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    last = calendar.monthrange(y, m)[1]
    if day != day or not 1 <= day <= 31:
        return dt.date(y, m, 1), dt.date(y, m, last)
    d = dt.date(y, m, min(int(day), last))
    return d, d


def build_onset_table(folder: Path) -> pd.DataFrame:
    """One row per ICB v15 crisis from ``icb1v15.csv`` and ``icb2v15.csv`` in ``folder``."""
    one = pd.read_csv(folder / "icb1v15.csv", encoding="utf-8-sig")
    two = pd.read_csv(folder / "icb2v15.csv", encoding="utf-8-sig")
    same_day = (
        (two.yrtrig == two.systrgyr)
        & (two.motrig == two.systrgmo)
        & (two.datrig.fillna(-1) == two.systrgda.fillna(-1))
    )
    onset = two[same_day].groupby("crisno")
    nuclear_all = two.assign(nuc=two.nuclear >= 3).groupby("crisno")["nuc"].sum()
    rows = []
    for rec in one.to_dict("records"):
        r = pd.Series(rec)
        t_lo, t_hi = _day_range(r.yrtrig, r.motrig, r.datrig)
        if r.yrterm == r.yrterm:
            e_lo, e_hi = _day_range(r.yrterm, r.moterm if r.moterm == r.moterm else 0, r.daterm)
        else:  # no termination date coded: ICB's duration from the trigger
            e_lo = e_hi = t_hi + dt.timedelta(days=int(r.brexit))
        med_day = np.nan
        if r.mediate == r.mediate and r.mediate > 1 and r.yrmedst == r.yrmedst:
            m_lo, _ = _day_range(r.yrmedst, r.momedst if r.momedst == r.momedst else 0, r.damedst)
            med_day = max(0, (m_lo - t_lo).days)
        actors = onset.get_group(r.crisno) if r.crisno in onset.groups else two.iloc[:0]
        rows.append(
            {
                "crisno": r.crisno,
                "name": str(r.crisname).title(),
                "trigger_lo": t_lo,
                "trigger_hi": t_hi,
                "end_lo": max(e_lo, t_lo),
                "end_hi": max(e_hi, t_lo),
                "duration": int(r.brexit),
                "violence": int(r.sevviosy),
                "break": int(r["break"]),
                "powdissy": r.powdissy,
                "protrac": int(r.protrac),
                "geog": int(r.geog),
                "syslevsy": int(r.syslevsy),
                "onset_actors": max(1, len(actors)),
                "nuclear_onset": int((actors.nuclear >= 3).any()),
                "nuclear_actors": int(nuclear_all.get(r.crisno, 0)),
                "gravity": r.gravcr,
                "mediated": int(r.mediate == r.mediate and r.mediate > 1),
                "mediation_day": med_day,
                "us_involved": int(r.usinv > 1),
                "superpower_high": int(r.powinv in (3, 5)),
                "n_actors": int(r.noactr),
            }
        )
    return pd.DataFrame(rows)


@lru_cache(maxsize=1)
def icb_crises() -> pd.DataFrame:
    """The shipped ICB table, trigger order, dates as ``datetime.date``; ``ip`` marks India–Pakistan crises."""
    files = resources.files("offramp").joinpath("data/crises")
    with files.joinpath(TABLE).open(encoding="utf-8") as f:
        frame = pd.read_csv(f)
    with files.joinpath("ip_crises_icb_v15.csv").open(encoding="utf-8") as f:
        ip = set(pd.read_csv(f, usecols=["crisno"]).crisno)
    for col in ("trigger_lo", "trigger_hi", "end_lo", "end_hi"):
        frame[col] = [dt.date.fromisoformat(x) for x in frame[col]]
    frame["ip"] = frame.crisno.isin(ip)
    return frame.sort_values(["trigger_lo", "crisno"], kind="stable").reset_index(drop=True)


def covariate_matrix(frame: pd.DataFrame, powdis_fill: float) -> pd.DataFrame:
    """The onset covariates of ``frame`` (ONSET_COVARIATES, in that order); missing power gap -> ``powdis_fill``."""
    b = frame["break"]
    geog = frame["geog"]
    x = pd.DataFrame(
        {
            "trigger_military": (b == 7).astype(float),
            "trigger_indirect": (b == 8).astype(float),
            "trigger_violent": (b == 9).astype(float),
            "log_powdis": np.log1p(frame["powdissy"].fillna(powdis_fill).clip(lower=0)),
            "protracted": (frame["protrac"] > 1).astype(float),
            "nuclear_onset": frame["nuclear_onset"].astype(float),
            "log_onset_actors": np.log(frame["onset_actors"].clip(lower=1)),
            "region_asia": geog.between(9, 13).astype(float),
            "region_mideast": (geog == 15).astype(float),
            "region_africa": geog.between(20, 24).astype(float),
            "region_europe": geog.between(30, 35).astype(float),
            "system_level": frame["syslevsy"].astype(float),
        },
        index=frame.index,
    )
    return x[list(ONSET_COVARIATES)]


if __name__ == "__main__":  # rebuild the shipped table from the ICB files
    out = resources.files("offramp").joinpath("data/crises").joinpath(TABLE)
    build_onset_table(Path(sys.argv[1])).to_csv(str(out), index=False)
    print(f"wrote {out}")
