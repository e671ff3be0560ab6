"""Time the vectorised ladder simulation (100k runs x 90 days, one core) against a plain per-run loop.

Run: .venv/bin/python benchmarks/simulate.py [--runs 100000] [--days 90] [--loop-runs 2000] [--repeat 5]
          [--memory-runs 10000000]
Prints figures; asserts nothing (timing targets live here, not in tests). Then the peak memory of one
``simulate --runs 10000000`` (streamed in chunks of OFFRAMP_SIM_CHUNK_RUNS), measured in a child process
(goal: under 2 GB); --memory-runs 0 skips it.
"""

from __future__ import annotations

import argparse
import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")  # one core

import datetime as dt  # noqa: E402
import resource  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from dataclasses import fields, replace  # noqa: E402

import numpy as np  # noqa: E402

from offramp.model.calibrate import calibrate, reciprocity  # noqa: E402
from offramp.model.ladder_sim import Runs, simulate_loop, simulate_runs  # noqa: E402
from offramp.model.scenario import load_scenario  # noqa: E402


def timed(fn) -> tuple[float, float]:
    """Wall time and this process's CPU time of one call (CPU time leaves out other work on a shared machine)."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def spread(x: np.ndarray, unit: str, digits: int) -> str:
    return f"median {np.median(x):.{digits}f} {unit} (min {x.min():.{digits}f}, max {x.max():.{digits}f})"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=100_000)
    ap.add_argument("--days", type=int, default=90)
    ap.add_argument("--loop-runs", type=int, default=2_000)
    ap.add_argument("--repeat", type=int, default=5, help="measurements of each; medians are reported")
    ap.add_argument(
        "--memory-runs", type=int, default=10_000_000, help="runs of the peak-memory check (0: skip)"
    )
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    as_of = dt.date(2025, 5, 7)
    scenario = load_scenario("india-pakistan-2025")
    inp = scenario.inputs(as_of=as_of, days=args.days, recip=reciprocity(as_of))
    draws = calibrate(as_of).sample(args.runs, np.random.default_rng(0))
    full = replace(inp, **draws)
    sub = replace(inp, **{name: arr[: args.loop_runs] for name, arr in draws.items()})

    # interleaved, so that load from other work on the machine hits both sides of each ratio alike
    vec, loop, vec_sub = [], [], []
    for _ in range(args.repeat):
        vec.append(timed(lambda: simulate_runs(full, args.runs, args.days, np.random.default_rng(1))))
        loop.append(timed(lambda: simulate_loop(sub, args.loop_runs, args.days, np.random.default_rng(1))))
        vec_sub.append(timed(lambda: simulate_runs(sub, args.loop_runs, args.days, np.random.default_rng(1))))
    per_run_vec = np.array(vec) / args.runs  # (repeat, [wall, cpu])
    per_run_loop = np.array(loop) / args.loop_runs
    ratio = per_run_loop / per_run_vec

    a = simulate_runs(sub, args.loop_runs, args.days, np.random.default_rng(1))
    b = simulate_loop(sub, args.loop_runs, args.days, np.random.default_rng(1))
    same = all(np.array_equal(getattr(a, f.name), getattr(b, f.name)) for f in fields(Runs))

    print(f"scenario: india-pakistan-2025 as of {as_of}, {args.days} days, one core, {args.repeat} repeats")
    for col, clock in enumerate(("wall", "cpu")):
        print(f"[{clock} time]")
        print(f"  vectorised, {args.runs:,} runs: {spread(np.array(vec)[:, col], 's', 3)}  goal <= 2 s")
        print(f"    per run: {spread(per_run_vec[:, col] * 1e6, 'us', 2)}")
        print(
            f"  plain loop, {args.loop_runs:,} runs, per run: {spread(per_run_loop[:, col] * 1e6, 'us', 0)}"
        )
        print(
            f"  vectorised on the same {args.loop_runs:,} runs: {spread(np.array(vec_sub)[:, col], 's', 3)}"
        )
        print(
            f"  speed ratio per run (loop / vectorised at {args.runs:,}): {spread(ratio[:, col], 'x', 0)}  goal >= 100x"
        )
    print(f"loop and vectorised give identical runs on the subsample: {same}")
    if args.memory_runs:
        peak_memory(args.memory_runs, args.days)


CHILD = """
from offramp import model
o = model.simulate("india-pakistan-2025", runs={runs}, days={days}, seed=0, as_of="2025-05-07")
print(o.summary["p_ceasefire_day_30"], o.summary["duration_median"])
"""


def peak_memory(runs: int, days: int) -> None:
    """Peak resident memory of one simulate call of ``runs`` runs, in a fresh child process."""
    wall = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD.format(runs=runs, days=days)],
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - wall
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # Linux: KiB
    if done.returncode:
        print(f"simulate --runs {runs:,} failed: {done.stderr.strip().splitlines()[-1:]}")
        return
    p30, median = done.stdout.split()
    print(
        f"simulate --runs {runs:,} --days {days}: peak memory {peak_kib / 1024**2:.2f} GiB (goal < 2 GB), "
        f"{wall:.0f} s wall; P(ceasefire by day 30) {float(p30):.3f}, median {median} days"
    )


if __name__ == "__main__":
    main()
