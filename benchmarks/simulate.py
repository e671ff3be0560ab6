"""Time the vectorised ladder simulation (100k runs x 90 days, one core) against a plain per-run loop.

Run: .venv/bin/python benchmarks/simulate.py [--runs 100000] [--days 90] [--loop-runs 2000]
Prints figures; asserts nothing (timing targets live here, not in tests).
"""

from __future__ import annotations

import argparse
import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")  # one core

import datetime as dt  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

from offramp.model.calibrate import calibrate, reciprocity  # noqa: E402
from offramp.model.ladder_sim import simulate_loop, simulate_runs  # noqa: E402
from offramp.model.scenario import load_scenario  # noqa: E402


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=100_000)
    ap.add_argument("--days", type=int, default=90)
    ap.add_argument("--loop-runs", type=int, default=2_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    as_of = dt.date(2025, 5, 7)
    scenario = load_scenario("india-pakistan-2025")
    inp = scenario.inputs(as_of=as_of, days=args.days, recip=reciprocity(as_of))
    post = calibrate(as_of)
    draws = post.sample(args.runs, np.random.default_rng(0))
    for name, arr in draws.items():
        setattr(inp, name, arr)

    vec = best_of(lambda: simulate_runs(inp, args.runs, args.days, np.random.default_rng(1)), args.repeat)
    sub = {name: arr[: args.loop_runs] for name, arr in draws.items()}
    for name, arr in sub.items():
        setattr(inp, name, arr)
    loop = best_of(lambda: simulate_loop(inp, args.loop_runs, args.days, np.random.default_rng(1)), 1)
    vec_sub = best_of(
        lambda: simulate_runs(inp, args.loop_runs, args.days, np.random.default_rng(1)), args.repeat
    )
    a = simulate_runs(inp, args.loop_runs, args.days, np.random.default_rng(1))
    b = simulate_loop(inp, args.loop_runs, args.days, np.random.default_rng(1))
    same = all(
        np.array_equal(getattr(a, k), getattr(b, k)) for k in ("peak", "end_day", "final", "rung_counts")
    )

    per_run_vec = vec / args.runs
    per_run_loop = loop / args.loop_runs
    print(f"scenario: india-pakistan-2025 as of {as_of}, {args.days} days, one core")
    print(f"vectorised: {args.runs:,} runs in {vec:.3f} s ({per_run_vec * 1e6:.1f} us/run)  goal <= 2 s")
    print(f"plain loop: {args.loop_runs:,} runs in {loop:.3f} s ({per_run_loop * 1e6:.1f} us/run)")
    print(f"vectorised on the same {args.loop_runs:,} runs: {vec_sub:.3f} s")
    print(
        f"speed ratio per run (loop / vectorised at {args.runs:,}): {per_run_loop / per_run_vec:.0f}x  goal >= 100x"
    )
    print(f"loop and vectorised give identical runs on the subsample: {same}")


if __name__ == "__main__":
    main()
