"""The model's report card: ``validate`` runs the frozen time-ordered ICB benchmark (offramp.model.benchmark).

Checks its settings at the boundary (each out-of-range value is one ModelError naming the value and the range),
runs the protocol, and with the protocol's default settings stores the verdict that ``simulate`` and the brief
repeat (offramp.model.skill).
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import ModelError
from .benchmark import PROTOCOL, Benchmark, run_benchmark
from .outlook import SEED_MAX

__all__ = ["Report", "validate"]

Report = Benchmark

LIMITS = {  # option -> (lowest, highest)
    "runs": (10, 100_000),
    "draws": (3, 401),
    "boot": (100, 100_000),
    "seeds": (1, 20),
}


def _check(name: str, value: int) -> None:
    lo, hi = LIMITS[name]
    if not lo <= value <= hi:
        raise ModelError(f"--{name} {value} is outside {lo}..{hi}", hint=f"use {lo}..{hi}")


def validate(
    *,
    runs: int | None = None,
    seed: int = 0,
    seeds: int | None = None,
    draws: int | None = None,
    n_boot: int | None = None,
    save: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> Benchmark:
    """Run the benchmark. ``runs``: runs per grid cell; ``draws``: grid points of crisis severity; ``seeds``:
    how many seeds from ``seed`` on (protocol: 5 from 0); ``n_boot``: bootstrap resamples."""
    runs = PROTOCOL["grid"]["runs_per_cell"] if runs is None else runs
    draws = PROTOCOL["grid"]["points"] if draws is None else draws
    n_boot = PROTOCOL["bootstrap"]["resamples"] if n_boot is None else n_boot
    seeds = len(PROTOCOL["seeds"]) if seeds is None else seeds
    for name, value in (("runs", runs), ("draws", draws), ("boot", n_boot), ("seeds", seeds)):
        _check(name, value)
    if not 0 <= seed <= SEED_MAX - seeds:
        raise ModelError(f"--seed {seed} is outside 0..{SEED_MAX - seeds}", hint=f"use 0..{SEED_MAX - seeds}")
    result = run_benchmark(
        seeds=tuple(range(seed, seed + seeds)),
        runs_per_cell=runs,
        points=draws,
        resamples=n_boot,
        progress=progress,
    )
    if save and result.settings["protocol_defaults"]:
        from .skill import write_skill

        write_skill(result)
    return result
