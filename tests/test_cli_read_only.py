"""Every listing command works on a store opened read-only, and leaves the file as it was.

The store is built (the example crisis, its events never classified on the ladder), closed,
made read-only on disk, and then each listing command runs against it; DuckDB refuses any
write on a read-only connection, so a listing that writes fails here.
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


@pytest.fixture(scope="module")
def read_only_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from example_crisis import example_crisis

    path = tmp_path_factory.mktemp("ro") / "crisis.duckdb"
    docs, events, claims = example_crisis()
    for claim in claims:
        # extraction always stores a claim's span; claims_frame (offramp/extract/claims.py)
        # fails on a claim without one, read-only or not
        claim.span_start, claim.span_end = 0, len(claim.content)
    with Store(path) as store, store.write():
        for doc in docs:
            store.add_document(doc)
        store.add_events(events)
        store.add_claims(claims)
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# (command and its options; {out} is a file in the test's folder)
LISTINGS = [
    ["status"],
    ["events"],
    ["events", "--format", "jsonl"],
    ["claims"],
    ["claims", "--contested", "--format", "jsonl"],
    ["timeline"],
    ["timeline", "--daily", "--format", "csv"],
    ["ladder"],
    ["ladder", "--side", "crisis", "--format", "jsonl"],
    ["ladder", "--events"],
    ["ladder", "--turning-points"],
    ["mediators"],
    ["mediators", "--format", "jsonl"],
    ["ledger"],
    ["ledger", "--conflicts", "--format", "jsonl"],
    ["network", "--out", "{out}/network.json"],
    *(["export", table, "--format", "jsonl"] for table in TABLES),
    ["export", "events", "--format", "parquet", "--out", "{out}/events.parquet"],
    ["report", "--out", "{out}/brief.html"],
    ["report", "--format", "md", "--out", "{out}/brief.md"],
]


@pytest.mark.parametrize("command", LISTINGS, ids=" ".join)
def test_listing_works_on_a_read_only_store(read_only_store: Path, tmp_path: Path, command: list[str]):
    before = _digest(read_only_store)
    args = [a.format(out=tmp_path) for a in command]
    result = runner.invoke(app, [*args, "--db", str(read_only_store)])
    assert result.exit_code == 0, result.output
    assert _digest(read_only_store) == before
    assert not Path(f"{read_only_store}.wal").exists()


def test_a_read_only_store_refuses_a_write(read_only_store: Path):
    """The guard is real: the same connection the listings use cannot write."""
    with Store(read_only_store, read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        store.con.execute("DELETE FROM events")
