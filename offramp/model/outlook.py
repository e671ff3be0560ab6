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

from .. import config
from ..errors import ConfigError, ModelError
from ..ontology.ladder import load_ladder
from .calibrate import Posterior, calibrate, reciprocity
from .evidence import Input, as_of_store, store_inputs
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
    inputs: list[Input] = field(default_factory=list)  # each input with its source events and date

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
            "inputs": [i.to_dict() for i in self.inputs],
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
            ("P(nuclear use), simulated", *share("p_nuclear_use")),
        ]
        base = s.get("nuclear_use_base_rate")
        if base:
            lo, hi = base["interval_95"]
            rows.append(
                (
                    f"P(nuclear use), base rate: {base['uses']} in {len(base['crises'])} ICB crises "
                    "between nuclear-armed actors",
                    f"{base['mean']:.3f}",
                    f"{lo:.3f} – {hi:.3f} (95%)",
                )
            )
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
    latest = min(dt.date.today(), sc.trigger + dt.timedelta(days=int(config.get("sim_max_days"))))
    if not sc.trigger <= day <= latest:
        raise ConfigError(
            f"as-of {day} is outside {sc.trigger}..{latest} (from the trigger to today, at most "
            f"{config.get('sim_max_days')} days after it)",
            where=sc.path,
            hint="pick a date in that range",
        )
    return sc, day, overrides or {}


SEED_MAX = 2**32 - 1


def check_size(*, runs: int | None = None, days: int | None = None, seed: int | None = None) -> None:
    """Refuse out-of-range simulation sizes and seeds with one line naming the value and the range."""
    limits = {
        "runs": (runs, 1, int(config.get("sim_max_runs")), "OFFRAMP_SIM_MAX_RUNS"),
        "days": (days, 1, int(config.get("sim_max_days")), "OFFRAMP_SIM_MAX_DAYS"),
        "seed": (seed, 0, SEED_MAX, None),
    }
    for name, (value, lo, hi, env) in limits.items():
        if value is not None and not lo <= value <= hi:
            hint = f"use {lo}..{hi}" + (f" (the cap is set by {env})" if env else "")
            raise ModelError(f"--{name} {value} is outside {lo}..{hi}", hint=hint)


def _merge(parts: list[Runs]) -> Runs:
    """One Runs from chunks simulated one after another (per-run arrays kept in small integer types)."""
    sizes = np.array([len(p.peak) for p in parts], dtype=float)
    return Runs(
        peak=np.concatenate([p.peak for p in parts]),
        peak_fire=np.concatenate([p.peak_fire for p in parts]),
        end_day=np.concatenate([p.end_day for p in parts]),
        signalled=np.concatenate([p.signalled for p in parts]),
        used=np.concatenate([p.used for p in parts]),
        ceasefire_by_day=sum(p.ceasefire_by_day * n for p, n in zip(parts, sizes, strict=True)) / sizes.sum(),
        rung_counts=np.sum([p.rung_counts for p in parts], axis=0),
        final=np.concatenate([p.final for p in parts]),
    )


def _compact(out: Runs) -> Runs:
    small = np.int16
    return Runs(
        peak=out.peak.astype(small),
        peak_fire=out.peak_fire.astype(small),
        end_day=out.end_day.astype(small),
        signalled=out.signalled,
        used=out.used,
        ceasefire_by_day=out.ceasefire_by_day,
        rung_counts=out.rung_counts,
        final=out.final.astype(small),
    )


def simulate_streamed(inp, post: Posterior, runs: int, days: int, rng: np.random.Generator) -> Runs:
    """simulate_runs in chunks of ``sim_chunk_runs`` (one call, same numbers, when runs fit in one chunk)."""
    chunk = max(1, int(config.get("sim_chunk_runs")))
    parts = []
    for a in range(0, runs, chunk):
        n = min(chunk, runs - a)
        for name, arr in post.sample(n, rng).items():
            setattr(inp, name, arr)
        out = simulate_runs(inp, n, days, rng)
        parts.append(out if runs <= chunk else _compact(out))
    return parts[0] if len(parts) == 1 else _merge(parts)


def simulate(
    scenario: Scenario | str,
    *,
    runs: int = 20_000,
    days: int = 90,
    seed: int = 0,
    as_of: dt.date | str | None = None,
    overrides: dict[str, Any] | list[str] | None = None,
    store=None,
    strict: bool = True,
    posterior: Posterior | None = None,
) -> Outlook:
    """Monte Carlo outlook of a scenario from ``as_of``; same seed, same numbers.

    strict=True uses only what was known before as_of (mediation that began later is given a generic delay).
    """
    check_size(runs=runs, days=days, seed=seed)
    levers_pulled = overrides
    sc, as_of, overrides = _prepare(scenario, as_of, overrides)
    post = posterior or calibrate(as_of)
    start = None
    if store is not None:  # read only what the store held before the as-of date
        with as_of_store(store, as_of) as view:
            sc, start, inputs = store_inputs(view, sc, as_of)
            sc = sc.with_overrides(levers_pulled) if levers_pulled else sc  # the user's levers win
            recip, src = _recip_for(sc, as_of, view)
        origin = "the store, as of the date (nothing found on or after it is read)"
    else:
        recip, src = _recip_for(sc, as_of, None)
        inputs = [Input("scenario", sc.path, "scenario file")]
        origin = "a hand-written scenario file (not read from a store)"
    inp = sc.inputs(as_of=as_of, days=days, recip=recip, strict=strict, start=start)
    rng = np.random.default_rng(seed)
    out = simulate_streamed(inp, post, runs, days, rng)
    result = _outlook(sc, out, as_of, runs, days, seed, overrides, src, inp.start)
    result.summary["start_from"] = "store events (daily ladder)" if start is not None else "scenario history"
    result.summary["inputs_from"] = origin
    result.summary["strict"] = strict
    result.inputs = inputs
    _add_history(result, as_of)
    return result


def _add_history(result: Outlook, as_of: dt.date) -> None:
    """The nuclear base rate and the benchmark's skill sentence, which every outlook carries."""
    from .levers import nuclear_base_rate
    from .skill import skill_sentence

    base = nuclear_base_rate(as_of)
    result.summary["nuclear_use_base_rate"] = {
        "mean": base.mean,
        "interval_95": [base.lo, base.hi],
        "uses": base.uses,
        "crises": list(base.crises),
    }
    result.summary["skill"] = skill_sentence()


# Levers whose size ICB can speak to (the rest are assumptions: no size is claimed for them)
LEVER_EVIDENCE = {"third-party mediation": "mediation"}

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
    check_size(runs=runs, days=days, seed=seed)
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
    estimates = _lever_estimates()
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
                **_evidence(name, estimates),
            }
        )
    frame = (
        pd.DataFrame(rows)
        .sort_values(["claims_size", "swing_days"], ascending=False, kind="stable")
        .reset_index(drop=True)
    )
    frame.attrs.update(
        {"case": sc.case, "as_of": as_of.isoformat(), "runs": runs, "days": days, "seed": seed, "day": day}
    )
    return frame


def _lever_estimates() -> pd.DataFrame:
    from .levers import lever_estimates

    return lever_estimates()


def _evidence(name: str, estimates: pd.DataFrame) -> dict[str, Any]:
    """Whether a lever's size rests on ICB (with the estimate and interval) or is the user's assumption."""
    key = LEVER_EVIDENCE.get(name)
    row = estimates[estimates["lever"] == key] if key else estimates.iloc[:0]
    if row.empty:
        return {"claims_size": False, "evidence": "assumption (user-set): no size claimed"}
    r = row.iloc[0]
    return {
        "claims_size": True,
        "evidence": (
            f"ICB v15 ({r['crises']} crises): odds of ending x{r['odds_ratio']:.2f} "
            f"(95% CI {r['lo']:.2f}–{r['hi']:.2f}) while {key} is on; an association"
        ),
    }
