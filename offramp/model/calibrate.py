"""Calibration of the ladder model's two free parameters by approximate Bayesian computation (ABC).

Fitted: ``th_esc`` (base pull to escalate), ``th_cf`` (base pull to accept a ceasefire), ``k_rung`` (how
much harder each rung is to climb) and ``sd_crisis`` (how much crises differ from one another). Everything else is assumed (docs/model.md). Stage one draws both from a wide uniform box and keeps the draws whose simulated
crises reproduce the ICB all-crises reference class (share ended by day 7…180, highest-violence mix): that
is the prior. Stage two resamples those draws and keeps the ones closest to the India–Pakistan crises. Only
crises that *ended* before ``cutoff`` are used, so a forecast never sees its own crisis or a later one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from ..errors import ModelError
from .hawkes import fit_mie
from .history import INDIA, PAKISTAN, Crisis, icb_reference, ip_crises, mie_events, violence_category
from .ladder_sim import Coefficients, SimInputs, simulate_runs

__all__ = [
    "DURATION_DAYS",
    "HORIZON",
    "PARAMS",
    "Posterior",
    "calibrate",
    "generic_inputs",
    "moments",
    "per_run",
    "reciprocity",
]

HORIZON = 180  # days simulated for historical crises; durations beyond count as "more than 180"
DURATION_DAYS = (7, 14, 30, 60, 90, 180)
PARAMS = ("th_esc", "th_cf", "k_rung", "sd_crisis")
PRIOR_BOX = {"th_esc": (-4.0, 1.0), "th_cf": (-7.0, 0.0), "k_rung": (-0.3, 0.5), "sd_crisis": (0.0, 2.5)}
DEFAULT_RECIP = np.array([0.2, 0.2])


@dataclass
class Posterior:
    """Accepted ABC draws of (th_esc, th_cf, k_rung) and what they were fitted to."""

    draws: np.ndarray  # (n, 3)
    prior: np.ndarray  # (m, 3) stage-one draws (the reference-class prior)
    recip: np.ndarray  # (2,) Hawkes cross-branching ratios used
    cutoff: dt.date | None
    n_ip: int
    n_icb: int
    target_ip: np.ndarray
    target_icb: np.ndarray

    def sample(self, runs: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
        """Per-run parameter draws (keyword arrays for SimInputs), so the outlook carries parameter uncertainty."""
        pick = rng.integers(0, len(self.draws), runs)
        return per_run(self.draws[pick], rng.standard_normal(runs))

    def table(self) -> pd.DataFrame:
        """Prior and posterior mean and 90% interval of each fitted parameter."""
        rows = []
        for k, name in enumerate(PARAMS):
            for label, arr in (
                ("prior (ICB reference class)", self.prior),
                ("posterior (India–Pakistan)", self.draws),
            ):
                rows.append(
                    {
                        "parameter": name,
                        "stage": label,
                        "mean": float(arr[:, k].mean()),
                        "q05": float(np.quantile(arr[:, k], 0.05)),
                        "q95": float(np.quantile(arr[:, k], 0.95)),
                        "draws": len(arr),
                    }
                )
        return pd.DataFrame(rows)


def generic_inputs(days: int = HORIZON, recip: np.ndarray | None = None) -> SimInputs:
    """A typical India–Pakistan crisis at its trigger, for history: no doctrine, generic mediation, no nuclear rungs."""
    third = np.zeros((days, 2))
    third[3:] = 0.8  # assumption: outside pressure arrives a few days in, at about the 2025 US-Gulf level
    return SimInputs(
        start=np.array([3, 1]),
        resolve=np.array([0.6, 0.6]),
        cost_sens=np.array([0.5, 0.5]),
        claim=np.array([0.5, 0.5]),
        recip=DEFAULT_RECIP if recip is None else np.asarray(recip, float),
        doctrine_rung=np.zeros(2, dtype=np.int64),
        doctrine=np.zeros(2),
        threshold=np.array([9, 9]),
        h_sig=np.zeros(2),
        h_use=0.0,
        econ=np.full((days, 2), 0.4),
        third=third,
        back=np.full(days, 0.5),
        coef=Coefficients(),
    )


def moments(durations: ArrayLike, violence: ArrayLike) -> np.ndarray:
    """Share ended by each of DURATION_DAYS, then the share in each ICB violence category 1–4."""
    durations = np.asarray(durations, float)
    violence = np.asarray(violence)
    ended = [(durations <= d).mean() for d in DURATION_DAYS]
    mix = [(violence == k).mean() for k in (1, 2, 3, 4)]
    return np.array(ended + mix)


def per_run(th: np.ndarray, z: np.ndarray) -> dict[str, np.ndarray]:
    """SimInputs arrays from rows of (th_esc, th_cf, k_rung, sd_crisis) and a crisis effect z ~ N(0, 1) per run.

    Crises differ: a hard one (z > 0) is both readier to climb and slower to settle; sd_crisis sets how much.
    """
    sd = th[:, 3] * z
    return {"th_esc": th[:, 0] + 0.5 * sd, "th_cf": th[:, 1] - sd, "k_rung": th[:, 2]}


def _sim_moments(th: np.ndarray, inp: SimInputs, runs_each: int, rng: np.random.Generator) -> np.ndarray:
    """Moments for each parameter draw (rows of th), from one vectorised simulation of all draws."""
    n = len(th)
    for name, arr in per_run(np.repeat(th, runs_each, axis=0), rng.standard_normal(n * runs_each)).items():
        setattr(inp, name, arr)
    out = simulate_runs(inp, n * runs_each, HORIZON, rng)
    dur = np.where(out.end_day > 0, out.end_day - 1, HORIZON + 1).reshape(n, runs_each)
    vio = violence_category(np.where(out.used, 10, out.peak_fire)).reshape(n, runs_each)
    ended = np.stack([(dur <= d).mean(axis=1) for d in DURATION_DAYS], axis=1)
    mix = np.stack([(vio == k).mean(axis=1) for k in (1, 2, 3, 4)], axis=1)
    return np.concatenate([ended, mix], axis=1)


def reciprocity(cutoff: dt.date | None) -> np.ndarray:
    """Hawkes cross-branching ratios (India's response to Pakistan, Pakistan's to India) from MIE events before cutoff."""
    return _reciprocity(cutoff)


@lru_cache(maxsize=64)
def _reciprocity(cutoff: dt.date | None) -> np.ndarray:
    events = mie_events()
    if cutoff is not None:
        events = events[events["date"] < pd.Timestamp(cutoff)]
    acts = events["actor"].value_counts()
    if min(acts.get(INDIA, 0), acts.get(PAKISTAN, 0)) < 10:
        return DEFAULT_RECIP.copy()
    fit = fit_mie(events)
    b = fit.branching
    return np.clip(np.array([b[0, 1], b[1, 0]]), 0.0, 2.0)


def training_crises(cutoff: dt.date | None) -> tuple[list[Crisis], pd.DataFrame]:
    """India–Pakistan crises and ICB crises that had ended before cutoff (all of them when cutoff is None)."""
    ip = [c for c in ip_crises() if cutoff is None or c.end_hi < cutoff]
    ref = icb_reference()
    if cutoff is not None:
        ends = ref["trigger"] + pd.to_timedelta(ref["duration"], unit="D")
        ref = ref[ends < pd.Timestamp(cutoff)]
    return ip, ref


def calibrate(
    cutoff: dt.date | None = None,
    *,
    seed: int = 0,
    draws: int = 300,
    runs_each: int = 60,
    keep: float = 0.2,
) -> Posterior:
    """Two-stage ABC on crises ended before ``cutoff``; same seed, same posterior."""
    return _calibrate(cutoff, seed, draws, runs_each, keep)


@lru_cache(maxsize=32)
def _calibrate(cutoff: dt.date | None, seed: int, draws: int, runs_each: int, keep: float) -> Posterior:
    ip, ref = training_crises(cutoff)
    if len(ref) < 20:
        raise ModelError(f"only {len(ref)} ICB crises ended before {cutoff}: too few to set a prior")
    rng = np.random.default_rng(seed)
    recip = reciprocity(cutoff)
    inp = generic_inputs(HORIZON, recip)
    target_icb = moments(np.minimum(ref["duration"], HORIZON + 1), ref["violence"])
    lo = np.array([PRIOR_BOX[p][0] for p in PARAMS])
    hi = np.array([PRIOR_BOX[p][1] for p in PARAMS])
    th1 = lo + (hi - lo) * rng.random((draws, len(PARAMS)))
    m1 = _sim_moments(th1, inp, runs_each, rng)
    d1 = np.sqrt(((m1 - target_icb) ** 2).sum(axis=1))
    prior = th1[np.argsort(d1)[: max(10, int(keep * draws))]]
    if len(ip) == 0:
        return Posterior(prior, prior, recip, cutoff, 0, len(ref), np.full(10, np.nan), target_icb)
    target_ip = moments(np.minimum([c.duration for c in ip], HORIZON + 1), [c.violence for c in ip])
    # stage two: resample the prior with a small jitter, weigh the fit to India–Pakistan by how many crises
    # it rests on against the reference class (worth five crises)
    spread = prior.std(axis=0) * 0.5 + 1e-3
    th2 = prior[rng.integers(0, len(prior), draws)] + rng.normal(0, 1, (draws, len(PARAMS))) * spread
    th2 = np.clip(th2, lo, hi)
    m2 = _sim_moments(th2, inp, runs_each, rng)
    w_ip = len(ip) / (len(ip) + 5.0)
    d2 = np.sqrt(
        w_ip * ((m2 - target_ip) ** 2).sum(axis=1) + (1 - w_ip) * ((m2 - target_icb) ** 2).sum(axis=1)
    )
    post = th2[np.argsort(d2)[: max(10, int(keep * draws))]]
    return Posterior(post, prior, recip, cutoff, len(ip), len(ref), target_ip, target_icb)
