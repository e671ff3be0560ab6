"""The command line: one-line errors, exit codes, exports to stdout and files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from offramp.cli import app

runner = CliRunner()
TEXT = "Officials in Islamabad said on 3 May 2025 that talks with New Delhi would resume next week."


@pytest.fixture
def filled_db(tmp_path: Path) -> Path:
    db = tmp_path / "cli.duckdb"
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(
        app, ["ingest", str(src), "--db", str(db), "--no-extract", "--source", "Test Wire"]
    )
    assert result.exit_code == 0, result.output
    return db


def test_ingest_prints_a_summary_table(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(src), "--db", str(tmp_path / "x.duckdb"), "--no-extract"])
    assert result.exit_code == 0
    assert "new" in result.output and "near-duplicate" in result.output


def test_failed_input_exits_non_zero_with_one_line(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\xff" * 50)
    result = runner.invoke(app, ["ingest", str(bad), "--db", str(tmp_path / "x.duckdb"), "--no-extract"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "failed:" in line]
    assert len(lines) == 1 and "bad.txt" in lines[0]
    assert "Traceback" not in result.output


def test_bad_published_date_is_a_user_error(tmp_path):
    result = runner.invoke(
        app, ["ingest", "x.txt", "--published", "10/05/2025", "--db", str(tmp_path / "x.duckdb")]
    )
    assert result.exit_code == 1
    assert "YYYY-MM-DD" in result.output


def test_status_counts_rows(filled_db):
    result = runner.invoke(app, ["status", "--db", str(filled_db)])
    assert result.exit_code == 0
    assert "documents" in result.output and "Test Wire" in result.output


def test_status_without_a_store_says_what_to_do(tmp_path):
    result = runner.invoke(app, ["status", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "offramp ingest" in result.output


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_text_formats_go_to_stdout(filled_db, fmt):
    result = runner.invoke(app, ["export", "documents", "--format", fmt, "--db", str(filled_db)])
    assert result.exit_code == 0
    if fmt == "jsonl":
        row = json.loads(result.stdout.splitlines()[0])
        assert row["source"] == "Test Wire" and row["text"] == TEXT
    else:
        assert result.stdout.splitlines()[0].startswith("id,")


def test_export_parquet_needs_out(filled_db, tmp_path):
    assert (
        runner.invoke(app, ["export", "documents", "--format", "parquet", "--db", str(filled_db)]).exit_code
        == 1
    )
    out = tmp_path / "docs.parquet"
    result = runner.invoke(
        app, ["export", "documents", "--format", "parquet", "--out", str(out), "--db", str(filled_db)]
    )
    assert result.exit_code == 0
    assert pd.read_parquet(out)["source"].tolist() == ["Test Wire"]


def test_export_unknown_table(filled_db):
    result = runner.invoke(app, ["export", "nope", "--db", str(filled_db)])
    assert result.exit_code == 1 and "unknown table" in result.output


def test_console_script_is_installed():
    out = subprocess.run([Path(sys.executable).parent / "offramp", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "ingest" in out.stdout


def test_user_actor_file_codes_a_new_actor(tmp_path):
    actors = tmp_path / "mine.yaml"
    actors.write_text(
        "source: https://example.org/zedland\n"
        "actors:\n"
        "  - {code: ZZL, name: Zedland, kind: state, adj: [Zedlandic], capital: Zedville}\n",
        encoding="utf-8",
    )
    src = tmp_path / "a.txt"
    src.write_text(
        "On 3 May 2025 Zedlandic troops shelled villages in India, killing four people.\n", encoding="utf-8"
    )
    db = tmp_path / "x.duckdb"
    result = runner.invoke(app, ["ingest", str(src), "--db", str(db), "--actors", str(actors)])
    assert result.exit_code == 0, result.output
    import offramp

    with offramp.open(db) as store:
        events = store.events()
        assert any("ZZL" in list(s) for s in events["source"]), events[["type", "source", "target"]]
        assert "ZZL" in store.actors()["code"].tolist()


def test_bad_actor_file_is_one_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - name: no code\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", "--db", str(tmp_path / "x.duckdb"), "--actors", str(bad)])
    assert result.exit_code == 1
    assert "bad.yaml" in result.output and "Traceback" not in result.output
    from offramp import config

    assert config.get("actors") == "", "a command's --actors must not outlive the command"


def test_settings_overridden_only_inside_the_block(monkeypatch):
    from offramp import config

    monkeypatch.setenv("OFFRAMP_ACTORS", "from-env.yaml")
    with config.overridden(actors="a.yaml"):
        assert config.get("actors") == "a.yaml"
        with config.overridden(actors="b.yaml"):
            assert config.get("actors") == "b.yaml"
        assert config.get("actors") == "a.yaml"
    assert config.get("actors") == "from-env.yaml"
    with pytest.raises(KeyError), config.overridden(no_such_setting=1):
        pass
