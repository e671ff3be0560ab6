"""Every command against a broken store: one line saying what is wrong, never a traceback.

The stores are real files broken the ways files break: one that is not DuckDB at all, a store
cut short, a store whose column a hand changed to another type, and a store with a damaged data
block (it opens, and a query then trips over the block). Each command either works (it read
nothing from the damaged part) or exits 1 with a single line.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from offramp.cli import app
from offramp.errors import StoreError
from offramp.store import Store

runner = CliRunner()

# DuckDB's file: three 4 KiB headers, then blocks of 256 KiB
_HEADERS, _BLOCK = 3 * 4096, 256 * 1024

NOTE = "Ethiopia said on 2 May 2024 that Eritrean troops had moved up to the border near Badme."

# every command that takes a store, with the options it needs ({out}: the test's folder)
COMMANDS = [
    ["status"],
    ["export", "events", "--format", "jsonl"],
    ["export", "claims", "--format", "csv"],
    ["events"],
    ["events", "--format", "jsonl"],
    ["claims"],
    ["claims", "--contested"],
    ["timeline"],
    ["timeline", "--daily"],
    ["ladder"],
    ["ladder", "--events"],
    ["ladder", "--turning-points"],
    ["mediators"],
    ["ledger"],
    ["ledger", "--conflicts"],
    ["network", "--out", "{out}/network.json"],
    ["report", "--out", "{out}/brief.html"],
    pytest.param(["extract"], marks=pytest.mark.slow),  # the slowest two (seconds each): slow tier
    ["ingest", "{note}"],
    pytest.param(["simulate", "india-pakistan-2025", "--runs", "50", "--days", "10"], marks=pytest.mark.slow),
    ["demo", "--out", "{out}/demo.html"],
]


@pytest.fixture(scope="module")
def good_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from example_crisis import add_example_crisis

    path = tmp_path_factory.mktemp("good") / "crisis.duckdb"
    with Store(path) as store:
        add_example_crisis(store)
    return path


def _events_unreadable(path: Path) -> bool:
    """The store opens, and reading its events fails."""
    try:
        store = Store(path, read_only=True)
    except StoreError:
        return False
    try:
        store.query("SELECT * FROM events")
        store.query("SELECT * FROM event_sources")
    except StoreError:
        return True
    finally:
        store.close()
    return False


def _damaged_block(good: Path, path: Path) -> None:
    """A copy of ``good`` with one data block overwritten: the first that leaves the store
    opening but its events unreadable (where DuckDB put them depends on the file)."""
    data = good.read_bytes()
    for start in range(_HEADERS, len(data), _BLOCK):
        damaged = bytearray(data)
        damaged[start + 64 : start + 4096] = b"\xab" * (4096 - 64)
        path.write_bytes(bytes(damaged))
        if _events_unreadable(path):
            return
    pytest.fail("no block of the store holds its events")


def _break(kind: str, good: Path, path: Path) -> None:
    if kind == "not-duckdb":
        path.write_text("minutes of the meeting, not a database\n", encoding="utf-8")
    elif kind == "cut-short":
        data = good.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif kind == "retyped":
        shutil.copy(good, path)
        con = duckdb.connect(str(path))
        con.execute("ALTER TABLE event_sources ALTER COLUMN date TYPE VARCHAR")
        con.execute("UPDATE event_sources SET date = 'the day before'")
        con.close()
    elif kind == "damaged-block":
        _damaged_block(good, path)


# the kinds refused when the store opens go the same way: two of them only in the slow tier
@pytest.fixture(
    scope="module",
    params=[
        "not-duckdb",
        pytest.param("cut-short", marks=pytest.mark.slow),
        pytest.param("retyped", marks=pytest.mark.slow),
        "damaged-block",
    ],
)
def broken(request: pytest.FixtureRequest, good_store: Path, tmp_path_factory: pytest.TempPathFactory):
    kind = request.param
    path = tmp_path_factory.mktemp(kind) / "store.duckdb"
    _break(kind, good_store, path)
    return kind, path


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) if isinstance(c, list) else None)
def test_a_broken_store_is_one_line_and_no_traceback(broken, tmp_path: Path, command: list[str]):
    kind, source = broken
    db = tmp_path / "store.duckdb"  # each command gets its own copy: a write must not spoil the next
    shutil.copy(source, db)
    note = tmp_path / "note.txt"
    note.write_text(NOTE, encoding="utf-8")
    args = [a.format(out=tmp_path, note=note) for a in command]
    result = runner.invoke(app, [*args, "--db", str(db)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    if kind != "damaged-block" or command[0] == "events" or command[:2] == ["export", "events"]:
        # nothing can be read (or the events cannot): the command must say so
        assert result.exit_code == 1, result.output
    if result.exit_code:  # (a listing may have printed part of its rows before the error)
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
        assert str(db.name) in lines[0]


def test_a_damaged_block_is_named_a_store_error_with_a_hint(good_store: Path, tmp_path: Path):
    path = tmp_path / "damaged.duckdb"
    _damaged_block(good_store, path)
    with Store(path, read_only=True) as store, pytest.raises(StoreError) as refused:
        store.query("SELECT * FROM events")
        store.query("SELECT * FROM event_sources")
    assert "restore a backup" in refused.value.line()


def test_a_column_retyped_by_hand_is_refused_when_the_store_opens(good_store: Path, tmp_path: Path):
    path = tmp_path / "retyped.duckdb"
    _break("retyped", good_store, path)
    with pytest.raises(StoreError, match=r"column event_sources\.date is VARCHAR, not DATE"):
        Store(path, read_only=True)
