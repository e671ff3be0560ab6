"""Time the timeline, the daily dyad series and the daily ladder over 1M synthetic stored events.

    .venv/bin/python benchmarks/timeline.py [--events 1000000] [--repeat 7]

Prints the median (and fastest, slowest) wall time of each query; the goal is 200 ms for the
timeline and daily ladder queries. The store keeps each event's ladder rule as it writes the
event (the load's time includes it). The ladder is timed twice: on the store opened read-only
with its rules kept under an older version of them (as after an upgrade changed the rules: the
word rules then run inside the query), and after ``classify_events`` has caught up, which is
the normal case.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa

from offramp.analysis.escalation import classify_events, daily_ladder, event_rungs
from offramp.analysis.timeline import daily_dyads, timeline
from offramp.store import Store

from _synthetic import synthetic_events  # benchmarks/_synthetic.py, beside this script


def timed(fn: Callable[[], object], repeat: int) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return times, result


def report(name: str, fn: Callable[[], object], repeat: int) -> None:
    fn()  # warm
    times, result = timed(fn, repeat)
    rows = len(result) if hasattr(result, "__len__") else result
    print(f"{name:<52} {statistics.median(times):>9.1f} {min(times):>8.1f} {max(times):>8.1f} {rows:>10,}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.duckdb"
        store = Store(path)
        t0 = time.perf_counter()
        table = synthetic_events(args.events)
        store.insert_arrow("events", table)
        sources = pa.table(
            {
                "event_id": table.column("id"),
                "doc_id": pa.array([f"doc_{i % 5000}" for i in range(args.events)]),
                "evidence": table.column("evidence"),
                "url": pa.array([f"https://example.org/{i % 5000}" for i in range(args.events)]),
            }
        )
        store.insert_arrow("event_sources", sources)
        print(f"stored {args.events:,} events, their sources and rules in {time.perf_counter() - t0:.1f} s")
        with store.write() as con:  # as after an upgrade that changed the rules
            con.execute("UPDATE event_ladder SET rules_key = -1")
        store.close()
        print(f"{'query':<52} {'median ms':>9} {'min':>8} {'max':>8} {'rows':>10}")
        sides = ("IND", "PAK")
        year = {"start": dt.date(2020, 1, 1), "end": dt.date(2020, 12, 31)}
        with Store(path, read_only=True) as store:
            report("daily ladder: IND vs PAK, ten years, rules not kept",
                   lambda: daily_ladder(store, sides=sides), args.repeat)  # fmt: skip
        store = Store(path)
        t0 = time.perf_counter()
        kept = classify_events(store)
        print(f"{'keep each event rule again (once, after the change)':<52} {(time.perf_counter() - t0) * 1000:>9.1f}"
              f" {'':>8} {'':>8} {kept:>10,}")  # fmt: skip
        window = {"start": dt.date(2020, 1, 1), "end": dt.date(2020, 3, 31)}
        rows = [
            ("timeline: IND-PAK, one quarter, with sources", lambda: timeline(store, dyad=sides, **window)),
            ("timeline: IND-PAK, all ten years, no sources", lambda: timeline(store, dyad=sides, sources=False)),
            ("daily dyad series: IND-PAK, ten years", lambda: daily_dyads(store, dyad=sides)),
            ("daily dyad series: every dyad, ten years", lambda: daily_dyads(store)),
            ("rung per event: all events", lambda: event_rungs(store)),
            ("daily ladder: IND vs PAK, one year", lambda: daily_ladder(store, sides=sides, **year)),
            ("daily ladder: IND vs PAK, ten years", lambda: daily_ladder(store, sides=sides)),
        ]  # fmt: skip
        for name, fn in rows:
            report(name, fn, args.repeat)
        store.close()


if __name__ == "__main__":
    main()
