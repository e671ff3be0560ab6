"""The readers' registry: detection, ``--format`` and ingest ask it, so a new reader is one module.

The tiny reader below (a "wire" file: one dispatch per line, ``DATE | SOURCE | TEXT``) is
registered by this test alone, the way a reader module in ``offramp/sources/`` registers
itself when it is imported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from offramp.cli import app
from offramp.errors import InputError
from offramp.ingest import ingest
from offramp.records import Document, content_hash
from offramp.sources import (
    Item,
    ReadOptions,
    detect_format,
    detect_url,
    format_names,
    get_reader,
    register_reader,
    unregister_reader,
)
from offramp.sources.detect import first_line

WIRE_LINES = (
    "2024-09-19 | Caucasus Desk | Azerbaijan and Armenia agreed to resume border demarcation talks.\n"
    "2024-09-20 | Caucasus Desk | Yerevan said the commission would meet again within a month.\n"
)


def _wire_line(head: bytes, name: str) -> bool:
    return first_line(head).startswith("WIRE/1")


def read_wire(path: Path | str, options: ReadOptions) -> Iterator[Item]:
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("WIRE/1"):
            continue
        try:
            day, source, text = (part.strip() for part in line.split("|", 2))
            published = dt.date.fromisoformat(day)
        except ValueError:
            yield InputError("not DATE | SOURCE | TEXT", where=f"{path}:line {n}")
            continue
        yield Document(
            text=text,
            source=source,
            published=published,
            published_from="column",
            path=f"{path}:line {n}",
            format="wire",
            hash=content_hash(text),
        )


@pytest.fixture
def wire():
    register_reader(
        "wire",
        patterns=("*.wire",),
        sniff=_wire_line,
        inside={"text": _wire_line},
        urls=("*/wire/*.txt",),
        rank=5,
    )(read_wire)
    yield "wire"
    unregister_reader("wire")


def test_builtin_readers_are_registered():
    assert set(format_names()) == {"text", "markdown", "html", "feed", "jsonl", "csv", "gdelt", "acled"}


@pytest.mark.parametrize(
    ("name", "content", "fmt"),
    [
        ("dispatches.wire", WIRE_LINES, "wire"),  # its name
        ("dispatches", "WIRE/1\n" + WIRE_LINES, "wire"),  # no telling name: its sniff
        ("dispatches.txt", "WIRE/1\n" + WIRE_LINES, "wire"),  # behind a text name, unmasked
        ("dispatches.txt", WIRE_LINES, "text"),  # a text file that is not a wire stays text
        ("dispatches.csv", "WIRE/1\n" + WIRE_LINES, "csv"),  # it does not hide behind .csv
    ],
)
def test_a_registered_reader_is_detected(tmp_path: Path, wire: str, name: str, content: str, fmt: str):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert detect_format(path) == fmt


def test_a_registered_reader_reads_urls_it_claims(wire: str):
    assert detect_url("https://news.example.org/wire/2024-09-19.txt?page=2") == "wire"
    assert detect_url("https://news.example.org/2024-09-19.txt") == "html"
    assert detect_url("https://news.example.org/world/rss") == "feed"


def test_a_registered_reader_is_gone_once_unregistered(tmp_path: Path, wire: str):
    unregister_reader("wire")
    path = tmp_path / "dispatches.wire"
    path.write_text("WIRE/1\n" + WIRE_LINES, encoding="utf-8")
    assert "wire" not in format_names()
    assert detect_format(path) == "text"
    with pytest.raises(InputError, match="unknown format 'wire'"):
        get_reader("wire")


def test_ingest_reads_a_registered_format_into_the_store(tmp_path: Path, store, wire: str):
    path = tmp_path / "caucasus.wire"
    path.write_text(WIRE_LINES + "yesterday | no date here\n", encoding="utf-8")
    report = ingest(store, [path], extract=False)
    assert report.summary()["new"] == 2
    assert [o.input for o in report.failed] == [f"{path}:line 3"]
    rows = store.query("SELECT format, source, published FROM documents ORDER BY published")
    assert rows["format"].tolist() == ["wire", "wire"]
    assert [str(d)[:10] for d in rows["published"]] == ["2024-09-19", "2024-09-20"]


def test_cli_format_help_lists_the_registry(wire: str):
    result = CliRunner().invoke(app, ["ingest", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "wire" in result.output
    for name in ("text", "markdown", "html", "feed", "jsonl", "csv", "gdelt", "acled"):
        assert name in result.output
