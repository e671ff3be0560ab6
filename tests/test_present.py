"""Presentation shared by the CLI and the demo: tables, output formats, the store summary."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from rich.console import Console

from offramp.errors import ConfigError
from offramp.present import day, emit, progress_bar, records, rich_table, short, store_counts
from offramp.store import TABLES

FRAME = pd.DataFrame(
    {
        "date": [dt.date(2020, 9, 27), None],
        "actors": [["ARM", "AZE"], []],
        "n": [2, float("nan")],
    }
)


def test_records_are_plain_json_values():
    rows = records(FRAME)
    assert rows[0] == {"date": dt.date(2020, 9, 27), "actors": ["ARM", "AZE"], "n": 2.0}
    assert rows[1] == {"date": None, "actors": [], "n": None}


@pytest.mark.parametrize("fmt", ["jsonl", "JSONL", "csv", "parquet"])
def test_emit_writes_each_format(tmp_path: Path, fmt: str):
    out = tmp_path / f"rows.{fmt.lower()}"
    emit(FRAME, fmt, out)
    if fmt.lower() == "jsonl":
        lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert lines[0]["date"] == "2020-09-27" and lines[1]["n"] is None
    elif fmt == "csv":
        assert out.read_text(encoding="utf-8").splitlines()[0] == "date,actors,n"
    else:
        assert len(pd.read_parquet(out)) == 2


@pytest.mark.parametrize(
    ("fmt", "out", "message"),
    [
        ("table", "rows.txt", "--out needs --format"),
        ("parquet", None, "parquet is binary"),
        ("xml", None, "unknown format 'xml'"),
    ],
)
def test_emit_refuses_a_wrong_output_option(tmp_path: Path, fmt: str, out: str | None, message: str):
    with pytest.raises(ConfigError, match=message):
        emit(FRAME, fmt, tmp_path / out if out else None)


def test_rich_table_right_aligns_numbers_only_when_asked():
    left = rich_table(FRAME)
    right = rich_table(FRAME, numbers_right=True)
    assert [c.justify for c in left.columns] == ["left", "left", "left"]
    assert [c.justify for c in right.columns] == ["left", "left", "right"]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "—"),
        (pd.NaT, "—"),
        (dt.date(2022, 8, 1), "2022-08-01"),
        (dt.datetime(2022, 8, 1, 9), "2022-08-01"),
    ],
)
def test_day(value, shown):
    assert day(value) == shown


def test_short_cuts_long_text_with_an_ellipsis():
    assert short("Guyana and Venezuela met in Argyle", 12) == "Guyana and…"
    assert short("short", 12) == "short"


def test_store_counts_prints_every_table(crisis):
    console = Console(record=True, width=120)
    counts = store_counts(crisis, console)
    assert counts == crisis.counts()
    text = console.export_text()
    for name in TABLES:
        assert name in text


def test_progress_bar_is_quiet_off_a_terminal():
    console = Console(record=True, force_terminal=False)
    with progress_bar("ingest", console) as update:
        update(1, 2)
    assert console.export_text() == ""
