"""GDELT ingest speed: offramp's whole ingest (reader + store insert) against DuckDB's own read_csv.

Replicates the shared 60-row sample (fresh GLOBALEVENTIDs per copy) to --rows rows, then times
(a) DuckDB read_csv of the file into a table of an on-disk database (and, for reference,
    of an in-memory one), and
(b) ``offramp.ingest.ingest(store, [file], extract=False)`` into a fresh on-disk store,
and prints rows/s for both and their ratio (target: ratio >= 0.5).

    .venv/bin/python benchmarks/ingest_gdelt.py [--rows 200000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import duckdb

from offramp.ingest import ingest
from offramp.sources import Dataset, ReadOptions, get_reader
from offramp.sources.gdelt import COLUMNS
from offramp.store import Store

SAMPLE = Path(os.environ.get("OFFRAMP_SHARED", Path(__file__).resolve().parents[2] / "shared")) / (
    "data/events/gdelt/gdelt2_20250511180000.export.IND-PAK-subset.tsv"
)


def make_file(folder: Path, rows: int) -> Path:
    lines = [ln for ln in SAMPLE.read_text(encoding="utf-8").splitlines() if ln.strip()]
    out = folder / "bench.export.CSV"
    with open(out, "w", encoding="utf-8") as f:
        for i in range(rows):
            fields = lines[i % len(lines)].split("\t")
            fields[0] = str(1_000_000_000 + i)
            f.write("\t".join(fields) + "\n")
    return out


def time_duckdb(path: Path, folder: Path, in_memory: bool = False) -> float:
    db = folder / "baseline.duckdb"
    db.unlink(missing_ok=True)
    con = duckdb.connect(":memory:" if in_memory else str(db))
    columns = {name: kind for name, kind in COLUMNS}
    start = time.perf_counter()
    con.execute(
        "CREATE TABLE raw AS SELECT * FROM read_csv(?, delim='\t', header=false, quote='', escape='',"
        " auto_detect=false, columns=$columns)".replace("?", f"'{path}'"),
        {"columns": columns},
    )
    elapsed = time.perf_counter() - start
    con.close()
    return elapsed


def time_reader(path: Path) -> float:
    """The reader alone: parse, code to PLOVER, build the Arrow table (no store)."""
    start = time.perf_counter()
    items = list(get_reader("gdelt")(path, ReadOptions()))
    elapsed = time.perf_counter() - start
    assert isinstance(items[-1], Dataset)
    return elapsed


def time_offramp(path: Path, folder: Path) -> tuple[float, int]:
    db = folder / "offramp.duckdb"
    db.unlink(missing_ok=True)
    store = Store(db)
    start = time.perf_counter()
    report = ingest(store, [path], extract=False)
    elapsed = time.perf_counter() - start
    assert report.ok, [o.message for o in report.failed]
    events = report.summary()["events"]
    store.close()
    return elapsed, events


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = make_file(folder, args.rows)
        print(f"file: {args.rows:,} rows, {path.stat().st_size / 1e6:.1f} MB")
        base = min(time_duckdb(path, folder) for _ in range(args.repeat))
        runs = [time_offramp(path, folder) for _ in range(args.repeat)]
        ours = min(r[0] for r in runs)
        reader = min(time_reader(path) for _ in range(args.repeat))
        memory = min(time_duckdb(path, folder, in_memory=True) for _ in range(args.repeat))
        assert runs[0][1] == args.rows, runs[0][1]
        print(f"duckdb read_csv -> table : {args.rows / base:12,.0f} rows/s ({base:.2f} s)")
        print(f"  (same, in-memory table): {args.rows / memory:12,.0f} rows/s ({memory:.2f} s)")
        print(f"offramp reader alone     : {args.rows / reader:12,.0f} rows/s ({reader:.2f} s)")
        print(f"offramp ingest (gdelt)   : {args.rows / ours:12,.0f} rows/s ({ours:.2f} s)")
        print(f"ratio offramp/duckdb     : {base / ours:.2f}  (target >= 0.5)")


if __name__ == "__main__":
    main()
