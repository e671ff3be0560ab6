"""Reciprocity: a bivariate self-exciting (Hawkes) process of daily hostile acts, damped by cooperation.

Day-level data, so the process is the discrete-time form with exponential kernels:

    N[i,t] ~ Poisson(lam[i,t]),  lam[i,t] = (mu[i] + sum_j alpha[i,j] R[j,t]) * exp(-delta M[t])
    R[j,t] = sum_{s<t} exp(-beta (t-s)) N[j,s],   M[t] = sum_{s<t} exp(-beta (t-s)) C[s]

where ``C`` counts cooperative or mediation events. Fitted by maximum likelihood (SciPy L-BFGS-B on
log-parameters); the exponential filters run through ``scipy.signal.lfilter``, so a fit over decades of
days takes milliseconds. Equations and sources: docs/model.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.signal import lfilter

from ..errors import ModelError

__all__ = ["HawkesFit", "daily_counts", "fit_hawkes", "fit_mie", "fit_store", "simulate_hawkes"]


@dataclass
class HawkesFit:
    """Fitted parameters; ``branching[i, j]`` is the expected number of acts by i that one act by j sets off."""

    mu: np.ndarray
    alpha: np.ndarray
    beta: float
    delta: float
    loglik: float
    days: int
    events: np.ndarray
    labels: tuple[str, str] = ("A", "B")
    converged: bool = True
    extra: dict = field(default_factory=dict)

    @property
    def branching(self) -> np.ndarray:
        a = np.exp(-self.beta)
        return self.alpha * a / (1.0 - a)

    def table(self) -> pd.DataFrame:
        """One row per direction: baseline rate, self and cross excitation, branching ratios."""
        rows = []
        for i, name in enumerate(self.labels):
            j = 1 - i
            rows.append(
                {
                    "actor": name,
                    "events": int(self.events[i]),
                    "mu_per_day": self.mu[i],
                    "alpha_self": self.alpha[i, i],
                    "alpha_cross": self.alpha[i, j],
                    "branching_self": self.branching[i, i],
                    "branching_cross": self.branching[i, j],
                    "beta": self.beta,
                    "delta": self.delta,
                }
            )
        return pd.DataFrame(rows)


def _decayed(x: np.ndarray, a: float) -> np.ndarray:
    """sum_{s<t} a**(t-s) x[s] along axis 0."""
    return lfilter([0.0, a], [1.0, -a], x, axis=0)


def _intensity(theta: np.ndarray, counts: np.ndarray, coop: np.ndarray | None) -> np.ndarray:
    mu, alpha, beta = np.exp(theta[0:2]), np.exp(theta[2:6]).reshape(2, 2), np.exp(theta[6])
    a = np.exp(-beta)
    lam = mu[None, :] + _decayed(counts, a) @ alpha.T
    if coop is not None:
        lam = lam * np.exp(-np.exp(theta[7]) * _decayed(coop, a))[:, None]
    return lam


def _nll(theta: np.ndarray, counts: np.ndarray, coop: np.ndarray | None) -> float:
    lam = _intensity(theta, counts, coop)
    return float(np.sum(lam) - np.sum(counts * np.log(lam)))


def fit_hawkes(
    counts: np.ndarray, coop: np.ndarray | None = None, *, labels: tuple[str, str] = ("A", "B")
) -> HawkesFit:
    """Maximum-likelihood fit to daily counts (days x 2), optionally damped by daily cooperative counts."""
    counts = np.asarray(counts, dtype=float)
    if counts.ndim != 2 or counts.shape[1] != 2 or len(counts) < 30:
        raise ModelError("Hawkes fit needs a (days x 2) array of daily counts over at least 30 days")
    totals = counts.sum(axis=0)
    if np.any(totals < 3):
        raise ModelError(
            f"too few hostile events to fit reciprocity ({int(totals[0])} and {int(totals[1])})",
            hint="need at least 3 in each direction",
        )
    has_coop = coop is not None and np.asarray(coop).sum() > 0
    coop_arr = np.asarray(coop, dtype=float) if has_coop else None
    rate = np.maximum(totals / len(counts), 1e-4)
    start = np.concatenate(
        [np.log(rate * 0.5), np.log(np.full(4, 0.1)), [np.log(0.5)], [np.log(0.1)] if has_coop else []]
    )
    bounds = (
        [(-15, 3)] * 2 + [(-15, 3)] * 4 + [(np.log(0.01), np.log(20.0))] + ([(-10, 4)] if has_coop else [])
    )
    res = minimize(_nll, start, args=(counts, coop_arr), method="L-BFGS-B", bounds=bounds)
    theta = res.x
    return HawkesFit(
        mu=np.exp(theta[0:2]),
        alpha=np.exp(theta[2:6]).reshape(2, 2),
        beta=float(np.exp(theta[6])),
        delta=float(np.exp(theta[7])) if has_coop else 0.0,
        loglik=-float(res.fun),
        days=len(counts),
        events=totals,
        labels=labels,
        converged=bool(res.success),
    )


def simulate_hawkes(
    mu, alpha, beta: float, days: int, *, delta: float = 0.0, coop_rate: float = 0.0, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Draw daily counts from the process (one series, a loop over days); returns (counts, coop)."""
    rng = np.random.default_rng(seed)
    mu, alpha = np.asarray(mu, float), np.asarray(alpha, float)
    a = np.exp(-beta)
    coop = rng.poisson(coop_rate, days).astype(float)
    counts = np.zeros((days, 2))
    r, m = np.zeros(2), 0.0
    for t in range(days):
        lam = (mu + alpha @ r) * np.exp(-delta * m)
        counts[t] = rng.poisson(lam)
        r = a * (r + counts[t])
        m = a * (m + coop[t])
    return counts, coop


def daily_counts(
    frame: pd.DataFrame, actors: tuple, start=None, end=None
) -> tuple[np.ndarray, pd.DatetimeIndex]:
    """Daily (days x 2) counts of acts by ``actors[0]`` and ``actors[1]`` from a frame with date and actor columns."""
    dates = pd.to_datetime(frame["date"]).dt.normalize()
    index = pd.date_range(start or dates.min(), end or dates.max(), freq="D")
    counts = np.zeros((len(index), 2))
    for k, actor in enumerate(actors):
        per_day = dates[frame["actor"] == actor].value_counts()
        counts[:, k] = per_day.reindex(index, fill_value=0).to_numpy()
    return counts, index


def fit_mie(events: pd.DataFrame | None = None) -> HawkesFit:
    """Fit on the MIE 1.0 India–Pakistan events (1947–2014): India's and Pakistan's militarized acts."""
    from .history import INDIA, PAKISTAN, mie_events

    events = mie_events() if events is None else events
    counts, _ = daily_counts(events, (INDIA, PAKISTAN))
    return fit_hawkes(counts, labels=("IND", "PAK"))


def fit_store(store, a: str = "IND", b: str = "PAK") -> HawkesFit:
    """Fit on a store's events: material/verbal conflict (PLOVER quad 3, 4) between a and b, damped by cooperation."""
    frame = store.query(
        "SELECT date, source, target, quad FROM events WHERE date IS NOT NULL AND NOT negated"
    )
    if frame.empty:
        raise ModelError("the store has no dated events to fit reciprocity on", hint="ingest reports first")
    src = frame["source"].map(lambda v: list(v) if v is not None else [])
    tgt = frame["target"].map(lambda v: list(v) if v is not None else [])
    hostile = frame["quad"].isin([3, 4])
    rows = []
    for actor, other in ((a, b), (b, a)):
        mask = hostile & src.map(lambda s, x=actor: x in s) & tgt.map(lambda t, y=other: y in t)
        rows.append(pd.DataFrame({"date": frame.loc[mask, "date"], "actor": actor}))
    acts = pd.concat(rows)
    start, end = pd.to_datetime(frame["date"]).min(), pd.to_datetime(frame["date"]).max()
    counts, index = daily_counts(acts, (a, b), start, end)
    coop_dates = pd.to_datetime(frame.loc[frame["quad"].isin([1, 2]), "date"]).dt.normalize()
    coop = coop_dates.value_counts().reindex(index, fill_value=0).to_numpy(dtype=float)
    return fit_hawkes(counts, coop, labels=(a, b))
