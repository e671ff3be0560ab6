"""Every listing command works on a store opened read-only, and leaves the file as it was.

The store is built (the example crisis: each event's ladder rule is kept as it is written),
closed, made read-only on disk, and then each listing command runs against it; DuckDB refuses
any write on a read-only connection, so a listing that writes fails here. A second store keeps
the rules under an older version of them (as after an upgrade changed the rules): listings then
work each rule out as they read, with the same output, and still write nothing.
"""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from offramp.cli import app
from offramp.errors import StoreError
from offramp.store import TABLES, Store

runner = CliRunner()


def _build(path: Path, *, stale_rules: bool) -> Path:
    from example_crisis import example_crisis

    docs, events, claims = example_crisis()
    for claim in claims:
        # extraction always stores a claim's span; claims_frame (offramp/extract/claims.py)
        # fails on a claim without one, read-only or not
        claim.span_start, claim.span_end = 0, len(claim.content)
    with Store(path) as store, store.write() as con:
        for doc in docs:
            store.add_document(doc)
        store.add_events(events)
        store.add_claims(claims)
        if stale_rules:
            con.execute("UPDATE event_ladder SET rules_key = rules_key + 1")
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    return path


@pytest.fixture(scope="module")
def read_only_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("ro") / "crisis.duckdb", stale_rules=False)


@pytest.fixture(scope="module")
def stale_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("stale") / "crisis.duckdb", stale_rules=True)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# (command and its options; {out} is a file in the test's folder)
LISTINGS = [
    ["status"],
    ["events"],
    ["events", "--format", "jsonl"],
    ["events", "--actor", "PAK", "--type", "ASSAULT", "--since", "2025-05-01", "--format", "csv"],
    ["claims"],
    ["claims", "--contested", "--format", "jsonl"],
    ["claims", "--actor", "IND", "--format", "csv"],
    ["timeline"],
    ["timeline", "--daily", "--format", "csv"],
    ["timeline", "--dyad", "IND-PAK", "--format", "jsonl"],
    ["ladder"],
    ["ladder", "--side", "crisis", "--format", "jsonl"],
    ["ladder", "--side", "PAK", "--format", "csv"],
    ["ladder", "--events"],
    ["ladder", "--events", "--format", "jsonl"],
    ["ladder", "--turning-points"],
    ["ladder", "--turning-points", "--format", "jsonl"],
    ["mediators"],
    ["mediators", "--format", "jsonl"],
    ["mediators", "--actor", "USA", "--format", "jsonl"],
    ["ledger"],
    ["ledger", "--conflicts", "--format", "jsonl"],
    ["ledger", "--contested", "--format", "jsonl"],
    ["ledger", "--actor", "PAK", "--format", "csv"],
    ["network", "--out", "{out}/network.json"],
    ["network", "--out", "{out}/network.graphml"],
    *(["export", table, "--format", "jsonl"] for table in TABLES),
    ["export", "events", "--format", "parquet", "--out", "{out}/events.parquet"],
    ["report", "--out", "{out}/brief.html"],
    ["report", "--format", "md", "--out", "{out}/brief.md"],
    # the outlook reads its inputs from the store (as of a date: through a scratch copy)
    ["simulate", "india-pakistan-2025", "--runs", "50", "--days", "10", "--format", "json"],
    [
        "simulate",
        "india-pakistan-2025",
        "--runs",
        "50",
        "--days",
        "10",
        "--as-of",
        "2025-05-08",
        "--format",
        "json",
    ],
]


@pytest.mark.parametrize("command", LISTINGS, ids=" ".join)
def test_listing_works_on_a_read_only_store(read_only_store: Path, tmp_path: Path, command: list[str]):
    before = _digest(read_only_store)
    args = [a.format(out=tmp_path) for a in command]
    result = runner.invoke(app, [*args, "--db", str(read_only_store)])
    assert result.exit_code == 0, result.output
    assert _digest(read_only_store) == before
    assert not Path(f"{read_only_store}.wal").exists()


# the listings whose output rests on each event's ladder rule
# (one per way of reading the rules: the daily series, each event's rung, turning points, the
# levers, and the outlook's inputs through the as-of copy)
LADDER_LISTINGS = [
    ["ladder", "--format", "jsonl"],
    ["ladder", "--events", "--format", "jsonl"],
    ["ladder", "--turning-points", "--format", "jsonl"],
    ["mediators", "--format", "jsonl"],
    [
        "simulate",
        "india-pakistan-2025",
        "--runs",
        "50",
        "--days",
        "10",
        "--as-of",
        "2025-05-08",
        "--format",
        "json",
    ],
]


@pytest.mark.parametrize("command", LADDER_LISTINGS, ids=" ".join)
def test_listing_with_stale_rules_is_read_only_and_the_same(
    read_only_store: Path, stale_store: Path, command: list[str]
):
    before = _digest(stale_store)
    kept = runner.invoke(app, [*command, "--db", str(read_only_store)])
    stale = runner.invoke(app, [*command, "--db", str(stale_store)])
    assert stale.exit_code == 0, stale.output
    assert stale.stdout == kept.stdout
    assert _digest(stale_store) == before


def test_a_read_only_store_refuses_a_write(read_only_store: Path):
    """The guard is real: the same connection the listings use cannot write."""
    with Store(read_only_store, read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        store.con.execute("DELETE FROM events")
