"""Time the timeline, the daily dyad series and the daily ladder over 1M synthetic stored events.

    .venv/bin/python benchmarks/timeline.py [--events 1000000] [--repeat 5]

Prints the median wall time of each query (goal: the timeline query within 200 ms).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

import pyarrow as pa

from offramp.analysis.escalation import daily_ladder, event_rungs
from offramp.analysis.example import synthetic_events
from offramp.analysis.timeline import daily_dyads, timeline
from offramp.store import Store


def median_ms(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "bench.duckdb")
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
        print(f"stored {args.events:,} events and their sources in {time.perf_counter() - t0:.1f} s")
        window = {"start": dt.date(2020, 1, 1), "end": dt.date(2020, 3, 31)}
        rows = [
            ("timeline: IND-PAK, one quarter, with sources", lambda: timeline(store, dyad=("IND", "PAK"), **window)),
            ("timeline: IND-PAK, all ten years, no sources",
             lambda: timeline(store, dyad=("IND", "PAK"), sources=False)),
            ("daily dyad series: IND-PAK, ten years", lambda: daily_dyads(store, dyad=("IND", "PAK"))),
            ("daily dyad series: every dyad, ten years", lambda: daily_dyads(store)),
            ("rung per event: all events", lambda: event_rungs(store)),
            ("daily ladder: IND vs PAK, ten years", lambda: daily_ladder(store, sides=("IND", "PAK"))),
        ]  # fmt: skip
        print(f"{'query':<48} {'median ms':>10} {'rows':>10}")
        for name, fn in rows:
            fn()  # warm
            ms, result = median_ms(fn, args.repeat)
            print(f"{name:<48} {ms:>10.1f} {len(result):>10,}")
        store.close()


if __name__ == "__main__":
    main()
