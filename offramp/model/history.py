"""Past crises the model is calibrated and scored on: ICB v15 crises and MIE day-level events.

Dates with an unknown day (ICB codes 66, 77, 88…, or ``??``) become a range of possible dates, so
an outcome such as "ended within 14 days" is known only when the whole range agrees.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

__all__ = [
    "INDIA",
    "PAKISTAN",
    "Crisis",
    "icb_reference",
    "ip_crises",
    "mie_events",
    "violence_category",
]

INDIA, PAKISTAN = 750, 770  # Correlates of War country codes


@dataclass(frozen=True)
class Crisis:
    """One historical crisis: when it started and ended (as ranges when a day is unknown), and how it went."""

    crisno: int
    name: str
    trigger: dt.date  # earliest possible trigger date
    trigger_hi: dt.date  # latest possible trigger date
    end_lo: dt.date  # earliest possible termination date
    end_hi: dt.date  # latest possible termination date
    duration: int  # ICB's own duration in days (BREXIT)
    violence: int  # ICB SEVVIOSY: 1 none, 2 minor clashes, 3 serious clashes, 4 full-scale war
    us_involved: bool  # ICB USINV > 1
    mediated: bool  # ICB MEDIATE > 1

    def ended_by(self, day: int) -> bool | None:
        """Whether the crisis had ended ``day`` days after its trigger; None when the dates leave it open."""
        lo, hi = (self.end_lo - self.trigger_hi).days, (self.end_hi - self.trigger).days
        if hi <= day:
            return True
        if lo > day:
            return False
        return None


def _date_range(year: int, month: int, day: int | None) -> tuple[dt.date, dt.date]:
    if day is None or not 1 <= day <= 31:
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    d = dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))
    return d, d


def _parse_icb_date(text: str) -> tuple[dt.date, dt.date]:
    y, m, d = str(text).split("-")
    return _date_range(int(y), int(m), int(d) if d.isdigit() else None)


def _files():
    return resources.files("offramp").joinpath("data/crises")


@lru_cache(maxsize=1)
def ip_crises() -> tuple[Crisis, ...]:
    """The 15 ICB v15 India–Pakistan crises in time order."""
    with _files().joinpath("ip_crises_icb_v15.csv").open(encoding="utf-8") as f:
        frame = pd.read_csv(f, dtype=str)
    out = []
    for row in frame.itertuples(index=False):
        t_lo, t_hi = _parse_icb_date(row.trigger_date)
        e_lo, e_hi = _parse_icb_date(row.term_date)
        out.append(
            Crisis(
                crisno=int(row.crisno),
                name=row.crisname.title(),
                trigger=t_lo,
                trigger_hi=t_hi,
                end_lo=max(e_lo, t_lo),
                end_hi=max(e_hi, t_lo),
                duration=int(row.brexit),
                violence=int(row.sevviosy),
                us_involved=int(row.usinv) > 1,
                mediated=float(row.mediate) > 1,
            )
        )
    return tuple(sorted(out, key=lambda c: c.trigger))


@lru_cache(maxsize=1)
def icb_reference() -> pd.DataFrame:
    """All 496 ICB v15 crises: trigger date (unknown day -> 1st), duration, violence, US role, mediation."""
    with _files().joinpath("icb1v15_reference.csv").open(encoding="utf-8") as f:
        frame = pd.read_csv(f)
    triggers = [
        _date_range(int(y), int(m), int(d) if d == d else None)[0]
        for y, m, d in zip(frame.yrtrig, frame.motrig, frame.datrig, strict=True)
    ]
    return pd.DataFrame(
        {
            "crisno": frame.crisno.astype(int),
            "name": frame.crisname.str.title(),
            "trigger": pd.to_datetime(triggers),
            "duration": frame.brexit.astype(int),
            "violence": frame.sevviosy.astype(int),
            "us_involved": frame.usinv > 1,
            "mediated": frame.mediate.fillna(1) > 1,
        }
    )


@lru_cache(maxsize=1)
def mie_events() -> pd.DataFrame:
    """MIE 1.0 India–Pakistan events: start date, actor and target country codes, hostility level."""
    with _files().joinpath("ip_events_mie1.csv").open(encoding="utf-8") as f:
        frame = pd.read_csv(f)
    days = frame.stday.where(frame.stday.between(1, 31), 15)  # unknown day -> mid-month
    date = pd.to_datetime(
        pd.DataFrame({"year": frame.styear, "month": frame.stmon, "day": days}), errors="coerce"
    )
    return (
        pd.DataFrame(
            {
                "date": date,
                "actor": frame.ccode1,
                "target": frame.ccode2,
                "hostility": frame.hostlev,
                "micnum": frame.micnum,
            }
        )
        .dropna(subset=["date"])
        .sort_values("date", kind="stable")
        .reset_index(drop=True)
    )


def violence_category(peak_rung: np.ndarray) -> np.ndarray:
    """Map a peak ladder rung onto ICB SEVVIOSY 1–4: <=4 none, 5–6 minor clashes, 7 serious clashes, >=8 war.

    Anchors: ICB codes Uri 2016 and Pulwama 2019 (cross-border strikes on militant sites, rung 6) as minor clashes.
    """
    return np.select([peak_rung <= 4, peak_rung <= 6, peak_rung <= 7], [1, 2, 3], 4)
