"""The analysis commands: timeline, ladder, mediators, ledger, network, report."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from offramp.cli import app
from offramp.store import Store

from example_crisis import add_example_crisis

runner = CliRunner()

SHAPES = {
    "timeline": {"id", "date", "date_end", "date_inferred", "source", "target", "type", "mode", "quad", "cameo_root",
                 "score", "location", "fatalities", "amount_usd", "certainty", "sources"},
    "ladder": {"date", "side", "rung", "rung_name", "events"},
    "mediators": {"actor", "role", "first_date", "last_date", "events"},
    "ledger": {"id", "proposition", "status", "asserted_by", "denied_by", "hedged_by", "n_sources", "claims", "numbers"},
}  # fmt: skip


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "crisis.duckdb"
    with Store(path) as store:
        add_example_crisis(store)
    return path


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


@pytest.mark.parametrize("command", sorted(SHAPES))
def test_jsonl_rows_have_the_documented_shape(db, command):
    result = run(command, "--db", db, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert rows
    for row in rows:
        assert SHAPES[command] <= set(row), SHAPES[command] - set(row)


@pytest.mark.parametrize("command", sorted(SHAPES))
def test_table_and_csv(db, command):
    assert run(command, "--db", db).exit_code == 0
    result = run(command, "--db", db, "--format", "csv")
    assert result.exit_code == 0
    header = next(csv.reader(io.StringIO(result.stdout)))
    assert set(header) >= SHAPES[command] - {"claims", "numbers", "sources", "events"}


@pytest.mark.parametrize(
    ("args", "check"),
    [
        (["timeline", "--dyad", "IND-GBR", "--format", "jsonl"], lambda rows: {r["type"] for r in rows} == {"REQUEST"}),
        (["timeline", "--actor", "imf", "--format", "jsonl"], lambda rows: [r["type"] for r in rows] == ["AID"]),
        (["timeline", "--type", "ASSAULT", "--since", "2025-05-10", "--format", "jsonl"], lambda rows: len(rows) == 2),
        (["timeline", "--daily", "--dyad", "IND-PAK", "--format", "jsonl"],
         lambda rows: {(r["source"], r["target"]) for r in rows} == {("IND", "PAK"), ("PAK", "IND")}),
        (["ladder", "--side", "crisis", "--format", "jsonl"],
         lambda rows: {r["side"] for r in rows} == {"crisis"} and max(r["rung"] for r in rows) == 9),
        (["ladder", "--turning-points", "--format", "jsonl"],
         lambda rows: [r["kind"] for r in rows][:3] == ["trigger", "onset", "peak"]),
        (["ladder", "--events", "--format", "jsonl"], lambda rows: all("rule" in r for r in rows)),
        (["mediators", "--role", "mediator", "--format", "jsonl"],
         lambda rows: {r["actor"] for r in rows} == {"USA", "GBR", "SAU"}),
        (["ledger", "--status", "contested", "--format", "jsonl"], lambda rows: {r["status"] for r in rows} == {"contested"}),
        (["ledger", "--conflicts", "--format", "jsonl"], lambda rows: [r["conflict"] for r in rows] == ["win"]),
        (["ledger", "--actor", "IMF", "--format", "jsonl"], lambda rows: len(rows) == 1),
    ],
)  # fmt: skip
def test_filters(db, args, check):
    result = run(*args, "--db", db)
    assert result.exit_code == 0, result.output
    assert check([json.loads(line) for line in result.stdout.splitlines() if line.strip()])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ledger", "--status", "maybe"], "unknown status"),
        (["mediators", "--role", "friend"], "unknown role"),
        (["timeline", "--dyad", "INDPAK"], "dyad"),
        (["timeline", "--since", "May 7"], "not a date"),
        (["report", "--format", "pdf"], "unknown format"),
        (["timeline", "--format", "xml"], "unknown format"),
    ],
)
def test_mistakes_print_one_line_and_exit_1(db, args, message):
    result = run(*args, "--db", db)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_missing_store_is_one_line(tmp_path):
    result = run("ladder", "--db", tmp_path / "nope.duckdb")
    assert result.exit_code == 1 and "no store here" in result.output


@pytest.mark.parametrize(
    ("fmt", "name", "marker"), [("html", "brief.html", "<!DOCTYPE html>"), ("md", "brief.md", "# ")]
)
def test_report_writes_the_brief(db, tmp_path, fmt, name, marker):
    out = tmp_path / name
    result = run("report", "--db", db, "--out", out, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith(marker)


@pytest.mark.parametrize("suffix", [".graphml", ".json"])
def test_network_export(db, tmp_path, suffix):
    out = tmp_path / f"net{suffix}"
    result = run("network", "--db", db, "--out", out)
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 100


def test_claims_contested_agrees_between_api_and_cli(db):
    """`offramp claims --contested` and `analysis.claims_frame(contested_only=True)` keep the same claims:
    those in the ledger's contested rows, and no claim of an uncontested row."""
    from offramp.analysis import claims_frame, ledger

    result = run("claims", "--db", db, "--contested", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    cli = {json.loads(line)["id"] for line in result.stdout.splitlines() if line.strip()}
    with Store(db, read_only=True) as store:
        api = set(claims_frame(store, contested_only=True)["id"])
        frame = ledger(store)
        everything = set(claims_frame(store)["id"])
    contested = {c["id"] for cs in frame[frame["status"] == "contested"]["claims"] for c in cs}
    assert cli == api == contested & everything
    assert api and api < everything
