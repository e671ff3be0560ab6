"""What ICB can say about the levers, and the base rate of nuclear use.

``lever_estimates`` fits a discrete-time logistic hazard of a crisis ending (duration bins of the benchmark,
onset covariates) with one lever variable at a time, and reports its odds ratio with a 95% interval. ICB codes
these levers over the whole crisis, so the estimates are associations, not causal effects; mediation is the
best of them, entered only from the day ICB dates its start. Levers ICB has no variable for (economic
pressure, a back channel) are assumptions the user sets, and no output claims a size for them.

``nuclear_base_rate`` counts ICB crises in which two or more actors had nuclear weapons at onset: none saw
nuclear use; the Jeffreys interval says how small the rate can be shown to be with so few crises.
"""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
from scipy.stats import beta as beta_dist

from ..errors import ModelError
from .benchmark import BINS, design
from .icb import icb_crises

__all__ = [
    "ASSUMED_LEVERS",
    "LEVER_VARIABLES",
    "NuclearBaseRate",
    "fit_lever",
    "lever_estimates",
    "nuclear_base_rate",
]

# lever -> (column of the ICB table, ICB variable, time-varying from its start day?)
LEVER_VARIABLES: dict[str, tuple[str, str, bool]] = {
    "mediation": ("mediation_day", "MEDIATE with its start date (MEDSTART)", True),
    "great-power involvement": ("superpower_high", "POWINV: US or USSR/Russia highly involved", False),
    "US involvement": ("us_involved", "USINV > 1", False),
}
# levers of the simulation that no ICB variable measures: set by the user, no size claimed
ASSUMED_LEVERS = (
    "back channel",
    "economic pressure",
    "resolve",
    "cost sensitivity",
    "claim victory",
    "reciprocity weight",
    "ceasefire fragility",
)


def _hazard_rows(
    frame: pd.DataFrame, column: str, timed: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Person-bin rows: (crisis row, bin, ended in bin, lever active in bin)."""
    idx, bins, ended, active = [], [], [], []
    for i, (d, lever) in enumerate(zip(frame["duration"], frame[column], strict=True)):
        for k in range(len(BINS) - 1):
            if d <= BINS[k]:
                break
            idx.append(i)
            bins.append(k)
            ended.append(float(d <= BINS[k + 1]))
            if timed:
                active.append(float(lever == lever and lever <= BINS[k]))
            else:
                active.append(float(lever))
    return np.array(idx), np.array(bins), np.array(ended), np.array(active)


def fit_lever(frame: pd.DataFrame, column: str, timed: bool) -> tuple[float, float, float]:
    """Log odds ratio of ending per bin while the lever is on, with its 95% interval (adjusted for onset)."""
    import statsmodels.api as sm

    d = design(frame, frame.iloc[:0])
    idx, bins, ended, active = _hazard_rows(frame, column, timed)
    nb = len(BINS) - 1
    x = np.hstack([np.eye(nb)[bins], d.train[idx], active[:, None]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = sm.GLM(ended, x, family=sm.families.Binomial()).fit()
    b, se = float(fit.params[-1]), float(fit.bse[-1])
    return b, b - 1.96 * se, b + 1.96 * se


def lever_estimates(before: dt.date | None = None) -> pd.DataFrame:
    """One row per lever: ICB estimate (odds ratio of a crisis ending, per duration bin) or 'assumption'."""
    return _lever_estimates(before).copy()


@lru_cache(maxsize=8)
def _lever_estimates(before: dt.date | None) -> pd.DataFrame:
    frame = icb_crises()
    if before is not None:
        frame = frame[[e < before for e in frame.end_hi]]
    post45 = frame[[t.year >= 1946 for t in frame.trigger_lo]]
    rows = []
    for lever, (column, variable, timed) in LEVER_VARIABLES.items():
        data = frame if column == "mediation_day" or column == "us_involved" else post45
        if len(data) < 50:
            raise ModelError(
                f"only {len(data)} ICB crises ended before {before}: too few to estimate {lever}"
            )
        b, lo, hi = fit_lever(data.reset_index(drop=True), column, timed)
        rows.append(
            {
                "lever": lever,
                "status": "estimated (association)",
                "icb_variable": variable,
                "odds_ratio": float(np.exp(b)),
                "lo": float(np.exp(lo)),
                "hi": float(np.exp(hi)),
                "log_odds": b,
                "crises": len(data),
            }
        )
    for lever in ASSUMED_LEVERS:
        rows.append(
            {
                "lever": lever,
                "status": "assumption (user-set; no size claimed)",
                "icb_variable": "none",
                "odds_ratio": np.nan,
                "lo": np.nan,
                "hi": np.nan,
                "log_odds": np.nan,
                "crises": 0,
            }
        )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class NuclearBaseRate:
    """Nuclear uses in ICB crises between two or more nuclear-armed actors, and the Jeffreys estimate."""

    uses: int
    crises: tuple[str, ...]
    mean: float
    lo: float
    hi: float

    def sentence(self) -> str:
        return (
            f"P(nuclear use) base rate {self.mean:.1%} (95% interval {self.lo:.2%}–{self.hi:.1%}): "
            f"{self.uses} uses in {len(self.crises)} ICB crises in which two or more actors had nuclear weapons "
            f"({self.crises[0]} … {self.crises[-1]})"
        )


def nuclear_base_rate(before: dt.date | None = None) -> NuclearBaseRate:
    """Jeffreys Beta(uses + ½, n − uses + ½) over ICB crises with ≥ 2 nuclear-armed actors (ended before ``before``)."""
    frame = icb_crises()
    frame = frame[frame["nuclear_actors"] >= 2]
    if before is not None:
        frame = frame[[e < before for e in frame.end_hi]]
    n, uses = len(frame), 0  # no ICB crisis saw nuclear use
    a, b = uses + 0.5, n - uses + 0.5
    names = tuple(f"{r.name} {r.trigger_lo.year}" for r in frame.itertuples(index=False))
    return NuclearBaseRate(
        uses=uses,
        crises=names,
        mean=a / (a + b),
        lo=float(beta_dist.ppf(0.025, a, b)),
        hi=float(beta_dist.ppf(0.975, a, b)),
    )
