"""The outlook: simulate a scenario as of a date, with levers pulled, and sweep the levers (sensitivity).

``simulate`` draws the calibrated parameters per run (so intervals include parameter uncertainty), takes
reciprocity from the Hawkes fit (MIE history, or the store's events when there are enough), and returns an
``Outlook`` of plain tables. ``sensitivity`` moves one lever at a time with common random numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ConfigError, ModelError
from ..ontology.ladder import load_ladder
from .calibrate import Posterior, calibrate, reciprocity
from .history import violence_category
from .ladder_sim import SIGNAL, USE, Runs, simulate_runs
from .scenario import Scenario, load_scenario

__all__ = ["LEVERS", "Outlook", "sensitivity", "simulate"]

CHECK_DAYS = (3, 7, 14, 30, 60, 90)


def _wilson(p: np.ndarray | float, n: int, z: float = 1.645) -> tuple[np.ndarray, np.ndarray]:
    """90% Wilson interval for a share of n runs (Monte Carlo noise only)."""
    p = np.asarray(p, float)
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)


@dataclass
class Outlook:
    """What the runs say: the ceasefire curve, the peak-rung distribution, duration, nuclear risks."""

    case: str
    as_of: dt.date
    trigger: dt.date
    runs: int
    days: int
    seed: int
    overrides: dict[str, Any]
    start: list[int]
    curve: pd.DataFrame  # day, date, p_ceasefire, lo, hi, rung_p10/p50/p90
    peak: pd.DataFrame  # rung, key, name, p
    summary: dict[str, Any]
    outcome: dict[str, Any] = field(default_factory=dict)
    durations: np.ndarray = field(
        default_factory=lambda: np.zeros(0)
    )  # per run, days from trigger (NaN: none holds)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: summary, curve and peak as lists of rows."""
        return {
            "case": self.case,
            "as_of": self.as_of.isoformat(),
            "trigger": self.trigger.isoformat(),
            "runs": self.runs,
            "days": self.days,
            "seed": self.seed,
            "overrides": self.overrides,
            "start_rungs": self.start,
            "summary": self.summary,
            "what_happened": {
                k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in self.outcome.items()
            },
            "curve": _rows(self.curve),
            "peak": _rows(self.peak),
        }

    def table(self) -> pd.DataFrame:
        """The headline figures as (measure, value, interval) rows, rounded for reading."""
        s = self.summary

        def span(pair) -> str:
            lo, hi = pair
            fmt = (
                (lambda v: "beyond horizon" if v is None else f"{v:g}")
                if isinstance(lo, int | float | None)
                else str
            )
            return f"{fmt(lo)} – {fmt(hi)}"

        def share(key: str) -> tuple[str, str]:
            lo, hi = s[f"{key}_interval"]
            return f"{s[key]:.3f}", f"{lo:.3f} – {hi:.3f}"

        rows = [
            (f"P(ceasefire by day {d})", *share(f"p_ceasefire_day_{d}"))
            for d in CHECK_DAYS
            if f"p_ceasefire_day_{d}" in s
        ]
        median = s["duration_median"]
        rows += [
            (
                "crisis length from trigger, median days",
                "beyond horizon" if median is None else f"{median:g}",
                "",
            ),
            ("crisis length, 50% interval", "", span(s["duration_50"])),
            ("crisis length, 90% interval", "", span(s["duration_90"])),
            ("P(peak >= strikes on military sites)", *share("p_peak_military")),
            ("P(nuclear signalling)", *share("p_nuclear_signalling")),
            ("P(nuclear use)", *share("p_nuclear_use")),
        ]
        return pd.DataFrame(rows, columns=["measure", "value", "90% interval"])


def _rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    out = []
    for row in frame.to_dict(orient="records"):
        out.append(
            {
                k: (v.isoformat() if isinstance(v, dt.date) else (v.item() if hasattr(v, "item") else v))
                for k, v in row.items()
            }
        )
    return out


def _quantile_from_counts(counts: np.ndarray, q: float) -> np.ndarray:
    cum = np.cumsum(counts, axis=1) / counts.sum(axis=1, keepdims=True)
    return (cum < q).sum(axis=1)


def _recip_for(scenario: Scenario, as_of: dt.date, store) -> tuple[np.ndarray, str]:
    if store is not None:
        from .hawkes import fit_store

        try:
            fit = fit_store(store, *scenario.sides)
            b = fit.branching
            return np.clip(np.array([b[0, 1], b[1, 0]]), 0, 2), "store events (Hawkes fit)"
        except ModelError:
            pass
    return reciprocity(as_of), "MIE 1.0 India–Pakistan events before the as-of date (Hawkes fit)"


def _store_state(store, sides: list[str], as_of: dt.date) -> np.ndarray | None:
    """Each side's rung on the last day before as_of in the store's daily ladder; None when the store has none."""
    from ..analysis.escalation import daily_ladder

    try:
        frame = daily_ladder(store, sides=(sides[0], sides[1]), end=as_of - dt.timedelta(days=1))
    except Exception as exc:  # the store may predate the analysis tables; fall back to the scenario
        raise ModelError(f"cannot read the store's escalation ladder ({exc})".splitlines()[0]) from exc
    if frame.empty:
        return None
    rungs = []
    for side in sides:
        rows = frame[frame["side"] == side]
        if rows.empty:
            return None
        rungs.append(int(rows.sort_values("date")["rung"].iloc[-1]))
    return np.clip(np.array(rungs, dtype=np.int64), 0, 10)


def _outlook(
    scenario: Scenario,
    out: Runs,
    as_of: dt.date,
    runs: int,
    days: int,
    seed: int,
    overrides,
    recip_src: str,
    start,
) -> Outlook:
    elapsed = (as_of - scenario.trigger).days
    dates = [as_of + dt.timedelta(days=k) for k in range(days)]
    lo, hi = _wilson(out.ceasefire_by_day, runs)
    curve = pd.DataFrame(
        {
            "day": np.arange(1, days + 1),
            "date": dates,
            "p_ceasefire": out.ceasefire_by_day,
            "lo": lo,
            "hi": hi,
            "rung_p10": _quantile_from_counts(out.rung_counts, 0.1),
            "rung_p50": _quantile_from_counts(out.rung_counts, 0.5),
            "rung_p90": _quantile_from_counts(out.rung_counts, 0.9),
        }
    )
    ladder = load_ladder()
    shares = np.bincount(out.peak, minlength=len(ladder)) / runs
    peak = pd.DataFrame(
        {
            "rung": [r.level for r in ladder],
            "key": [r.key for r in ladder],
            "name": [r.name for r in ladder],
            "p": shares,
        }
    )
    dur = np.where(out.end_day > 0, elapsed + out.end_day - 1, np.nan)
    censored = elapsed + days  # durations above this are "no ceasefire within the horizon"
    filled = np.where(np.isnan(dur), censored + 1, dur)

    def q(p: float) -> float | None:
        v = float(np.quantile(filled, p, method="inverted_cdf"))
        return None if v > censored else v

    summary: dict[str, Any] = {
        "elapsed_days": elapsed,
        "horizon_end_day": censored,
        "reciprocity_from": recip_src,
    }
    for d in CHECK_DAYS:
        if d <= days:
            p = float(out.ceasefire_by_day[d - 1])
            summary[f"p_ceasefire_day_{d}"] = p
            summary[f"p_ceasefire_day_{d}_interval"] = [float(x) for x in _wilson(p, runs)]
    summary["p_no_ceasefire_in_horizon"] = float(np.isnan(dur).mean())
    summary["duration_median"] = q(0.5)
    summary["duration_50"] = [q(0.25), q(0.75)]
    summary["duration_90"] = [q(0.05), q(0.95)]
    for name, mask in (
        ("p_peak_military", (out.peak_fire >= 7) | out.used),
        ("p_nuclear_signalling", out.peak >= SIGNAL),
        ("p_nuclear_use", out.peak >= USE),
    ):
        p = float(mask.mean())
        summary[name] = p
        summary[f"{name}_interval"] = [float(x) for x in _wilson(p, runs)]
    cats = np.bincount(violence_category(np.where(out.used, USE, out.peak_fire)), minlength=5)[1:] / runs
    summary["violence_icb"] = {str(k + 1): float(v) for k, v in enumerate(cats)}
    outcome = dict(scenario.outcome)
    if outcome.get("ceasefire"):
        outcome["duration_days"] = (outcome["ceasefire"] - scenario.trigger).days
        outcome["ceasefire_day_from_as_of"] = (outcome["ceasefire"] - as_of).days + 1
    return Outlook(
        case=scenario.case,
        as_of=as_of,
        trigger=scenario.trigger,
        runs=runs,
        days=days,
        seed=seed,
        overrides=dict(overrides or {}),
        start=[int(x) for x in start],
        curve=curve,
        peak=peak,
        summary=summary,
        outcome=outcome,
        durations=dur,
    )


def _prepare(scenario, as_of, overrides) -> tuple[Scenario, dt.date, dict[str, Any]]:
    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    if isinstance(overrides, list):
        parsed: dict[str, Any] = {}
        sc = sc.with_overrides(overrides)
        for text in overrides:
            k, _, v = text.partition("=")
            parsed[k] = v
        overrides = parsed
    else:
        sc = sc.with_overrides(overrides)
    if isinstance(as_of, str):
        try:
            as_of = dt.date.fromisoformat(as_of)
        except ValueError as exc:
            raise ConfigError(f"as-of {as_of!r} is not a date", hint="use YYYY-MM-DD") from exc
    day: dt.date = as_of or sc.default_as_of
    if day < sc.trigger:
        raise ConfigError(
            f"as-of {day} is before the trigger {sc.trigger}", where=sc.path, hint="pick a later date"
        )
    return sc, day, overrides or {}


def simulate(
    scenario: Scenario | str,
    *,
    runs: int = 20_000,
    days: int = 90,
    seed: int = 0,
    as_of: dt.date | str | None = None,
    overrides: dict[str, Any] | list[str] | None = None,
    store=None,
    strict: bool = False,
    posterior: Posterior | None = None,
) -> Outlook:
    """Monte Carlo outlook of a scenario from ``as_of``; same seed, same numbers.

    strict=True uses only what was known before as_of (mediation that began later is given a generic delay).
    """
    if runs < 1 or days < 1:
        raise ModelError("runs and days must be positive", hint="e.g. --runs 20000 --days 90")
    sc, as_of, overrides = _prepare(scenario, as_of, overrides)
    post = posterior or calibrate(as_of)
    recip, src = _recip_for(sc, as_of, store)
    start = None
    if store is not None:
        try:
            start = _store_state(store, sc.sides, as_of)
        except ModelError:
            start = None
    inp = sc.inputs(as_of=as_of, days=days, recip=recip, strict=strict, start=start)
    rng = np.random.default_rng(seed)
    for name, arr in post.sample(runs, rng).items():
        setattr(inp, name, arr)
    out = simulate_runs(inp, runs, days, rng)
    result = _outlook(sc, out, as_of, runs, days, seed, overrides, src, inp.start)
    result.summary["start_from"] = "store events (daily ladder)" if start is not None else "scenario history"
    return result


# Each lever: (name, low setting, high setting), as --set overrides.
LEVERS: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    ("third-party mediation", {"mediation": 0.0}, {"mediation": 1.0}),
    ("back channel", {"backchannel": "closed"}, {"backchannel": "open"}),
    ("{a} resolve", {"{a}.resolve": 0.4}, {"{a}.resolve": 1.0}),
    ("{b} resolve", {"{b}.resolve": 0.4}, {"{b}.resolve": 1.0}),
    ("{a} cost sensitivity", {"{a}.cost_sensitivity": 0.1}, {"{a}.cost_sensitivity": 0.9}),
    ("{b} cost sensitivity", {"{b}.cost_sensitivity": 0.1}, {"{b}.cost_sensitivity": 0.9}),
    ("{b} economic vulnerability", {"{b}.economic_vulnerability": 0.2}, {"{b}.economic_vulnerability": 1.0}),
    ("{a} can claim victory", {"{a}.claim_victory": 0.0}, {"{a}.claim_victory": 1.0}),
    ("{b} can claim victory", {"{b}.claim_victory": 0.0}, {"{b}.claim_victory": 1.0}),
    ("reciprocity weight", {"model.k_recip": 1.5}, {"model.k_recip": 4.5}),
    ("ceasefire fragility", {"model.break_hazard": 0.02}, {"model.break_hazard": 0.2}),
]


def sensitivity(
    scenario: Scenario | str,
    *,
    runs: int = 5_000,
    days: int = 60,
    seed: int = 0,
    as_of: dt.date | str | None = None,
    overrides: dict[str, Any] | list[str] | None = None,
    day: int = 30,
) -> pd.DataFrame:
    """One row per lever: the outlook at its low and high setting (same seed for all, common random numbers)."""
    sc, as_of, overrides = _prepare(scenario, as_of, overrides)
    a, b = sc.sides
    post = calibrate(as_of)
    day = min(day, days)

    def run(extra: dict[str, Any]) -> dict[str, float]:
        o = simulate(sc, runs=runs, days=days, seed=seed, as_of=as_of, overrides=extra, posterior=post)
        dur = o.durations
        return {
            "p_ceasefire": o.summary[f"p_ceasefire_day_{day}"]
            if f"p_ceasefire_day_{day}" in o.summary
            else float(o.curve.p_ceasefire.iloc[day - 1]),
            "median_days": float(
                np.nanmedian(np.where(np.isnan(dur), o.summary["horizon_end_day"] + 1, dur))
            ),
            "p_military": o.summary["p_peak_military"],
        }

    base = run({})
    rows = []
    for name, low, high in LEVERS:
        fmt = {"a": a, "b": b}
        low = {k.format(**fmt): v for k, v in low.items()}
        high = {k.format(**fmt): v for k, v in high.items()}
        lo, hi = run(low), run(high)
        rows.append(
            {
                "lever": name.format(**fmt),
                "low": ", ".join(f"{k}={v}" for k, v in low.items()),
                "high": ", ".join(f"{k}={v}" for k, v in high.items()),
                f"p_ceasefire_d{day}_low": lo["p_ceasefire"],
                f"p_ceasefire_d{day}_high": hi["p_ceasefire"],
                f"p_ceasefire_d{day}_base": base["p_ceasefire"],
                "median_days_low": lo["median_days"],
                "median_days_high": hi["median_days"],
                "median_days_base": base["median_days"],
                "p_military_low": lo["p_military"],
                "p_military_high": hi["p_military"],
                "swing_days": abs(hi["median_days"] - lo["median_days"]),
            }
        )
    frame = (
        pd.DataFrame(rows).sort_values("swing_days", ascending=False, kind="stable").reset_index(drop=True)
    )
    frame.attrs.update(
        {"case": sc.case, "as_of": as_of.isoformat(), "runs": runs, "days": days, "seed": seed, "day": day}
    )
    return frame
