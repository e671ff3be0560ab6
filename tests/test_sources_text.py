"""Format detection, and the text/Markdown and JSONL/CSV article readers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from offramp.errors import FormatError, InputError
from offramp.records import Document
from offramp.sources import ReadOptions, detect_format, get_reader

GDELT_LINE = "\t".join(["1"] * 61)


@pytest.mark.parametrize(
    ("name", "content", "fmt"),
    [
        ("a.txt", b"India and Pakistan agreed to a ceasefire.", "text"),
        ("a.md", b"# Title\n\nBody.", "markdown"),
        ("a.html", b"<p>hi</p>", "html"),
        ("a.htm", b"<html><body>x</body></html>", "html"),
        ("page", b"<!DOCTYPE html><html><body>x</body></html>", "html"),
        ("a.txt", b"  <!doctype html>\n<html><body>x</body></html>", "html"),
        ("feed.xml", b'<?xml version="1.0"?><rss version="2.0"></rss>', "feed"),
        (
            "feed.rss",
            b"<html><body>not a feed</body></html>",
            "feed",
        ),  # the extension says feed; the reader objects
        ("feed", b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>', "feed"),
        ("a.jsonl", b'{"text": "x"}\n', "jsonl"),
        ("a.ndjson", b'{"text": "x"}\n', "jsonl"),
        ("records", b'{"text": "x"}\n', "jsonl"),
        ("a.csv", b"text,title\nx,y\n", "csv"),
        ("a.csv", b"event_id_cnty,event_date,event_type,actor1\nIND1,2025-05-07,Battles,x\n", "acled"),
        ("a.csv", b'"event_id_cnty";"event_date";"event_type"\n', "acled"),
        ("20250511.export.CSV", GDELT_LINE.encode(), "gdelt"),
        ("x.tsv", GDELT_LINE.encode(), "gdelt"),
        ("a.csv", GDELT_LINE.encode(), "gdelt"),
        ("noext", GDELT_LINE.encode(), "gdelt"),
        ("noext", b"just words", "text"),
        ("latin.txt", "Caf\xe9 talks".encode("cp1252"), "text"),
        ("note.md", b"<!-- draft -->\n# Title\n", "markdown"),
        ("note.txt", b'<?xml version="1.0"?><rss></rss>', "text"),
    ],
)
def test_detect(tmp_path: Path, name: str, content: bytes, fmt: str):
    path = tmp_path / name
    path.write_bytes(content)
    assert detect_format(path) == fmt


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(256)) * 4, "binary"),
        ("UTF-16 text".encode("utf-16"), "UTF-16"),
        (b"PK\x03\x04garbage", "zip"),
    ],
)
def test_detect_refuses_binary(tmp_path: Path, content: bytes, needle: str):
    path = tmp_path / "thing.txt"
    path.write_bytes(content)
    with pytest.raises(FormatError) as exc:
        detect_format(path)
    assert needle in str(exc.value) and str(path) in str(exc.value)


def test_detect_missing_file(tmp_path: Path):
    with pytest.raises(InputError, match="no such file"):
        detect_format(tmp_path / "nope.txt")


def _one(fmt: str, path: Path, options: ReadOptions | None = None) -> Document:
    items = list(get_reader(fmt)(path, options or ReadOptions()))
    assert len(items) == 1 and isinstance(items[0], Document), items
    return items[0]


def test_front_matter(tmp_path: Path):
    path = tmp_path / "note.md"
    path.write_text(
        "---\ntitle: Ceasefire announced\npublished: 2025-05-10\nurl: https://example.org/a\nsource: Example\n"
        "tags: [a, b]\n---\nBoth sides agreed to stop firing at 17:00.\n",
        encoding="utf-8",
    )
    doc = _one("markdown", path, ReadOptions(published=dt.date(2020, 1, 1), source="cli"))
    assert doc.title == "Ceasefire announced"
    assert doc.published == dt.date(2025, 5, 10) and doc.published_from == "front-matter"
    assert doc.url == "https://example.org/a" and doc.source == "Example"
    assert doc.text == "Both sides agreed to stop firing at 17:00."
    assert doc.meta["front_matter"] == {"tags": "['a', 'b']"}


def test_cli_options_fill_what_the_file_lacks(tmp_path: Path):
    path = tmp_path / "plain.txt"
    path.write_text("Shelling continued along the Line of Control.\n", encoding="utf-8")
    doc = _one(
        "text", path, ReadOptions(published=dt.date(2025, 5, 8), source="Wire", url="https://w.example/1")
    )
    assert (doc.published, doc.published_from) == (dt.date(2025, 5, 8), "cli")
    assert (doc.source, doc.url) == ("Wire", "https://w.example/1")
    assert doc.path == str(path) and doc.format == "text"


def test_date_from_file_name(tmp_path: Path):
    path = tmp_path / "2025-05-07-strikes.txt"
    path.write_text("Strikes overnight.", encoding="utf-8")
    doc = _one("text", path)
    assert (doc.published, doc.published_from) == (dt.date(2025, 5, 7), "filename")


def test_markdown_title_from_heading(tmp_path: Path):
    path = tmp_path / "a.md"
    path.write_text("# Talks in Riyadh\n\nOfficials met.", encoding="utf-8")
    assert _one("markdown", path).title == "Talks in Riyadh"


def test_bom_and_crlf(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffLine one.\r\nLine two.\r\n".encode())
    doc = _one("text", path)
    assert doc.text == "Line one.\nLine two." and "encoding" not in doc.meta


def test_cp1252_is_read_and_marked(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_bytes("\u201cWe will respond,\u201d he said.".encode("cp1252"))
    doc = _one("text", path)
    assert doc.text.startswith("\u201cWe will") and doc.meta["encoding"] == "cp1252"


@pytest.mark.parametrize(
    ("content", "error", "needle"),
    [
        (b"", InputError, "empty"),
        (b"  \n\n", InputError, "empty"),
        (b"ok\n\x81\x8d\x90 bytes", FormatError, "line 2"),  # neither UTF-8 nor cp1252
        (b"abc\x00def", FormatError, "NUL"),
        (b"---\ntitle: [unclosed\n---\nbody", FormatError, "front matter"),
        (b"---\npublished: 10 May\n---\nbody", FormatError, "line 2"),
        (b"---\ntitle: x\n---\n\n", InputError, "no text"),
    ],
)
def test_text_bad_input(tmp_path: Path, content: bytes, error: type, needle: str):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(error) as exc:
        list(get_reader("text")(path, ReadOptions()))
    assert needle in str(exc.value) and str(path) in str(exc.value)


# -- JSONL / CSV ------------------------------------------------------------


def test_jsonl_records(tmp_path: Path):
    path = tmp_path / "a.jsonl"
    lines = [
        {
            "text": "First report.",
            "title": "One",
            "published": "2025-05-07",
            "url": "https://e.org/1",
            "lang": "en",
        },
        {"text": "Second report.", "source": "Dawn"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="utf-8")
    docs = list(get_reader("jsonl")(path, ReadOptions(published=dt.date(2025, 5, 9))))
    assert [d.title for d in docs] == ["One", None]
    assert (docs[0].published, docs[0].published_from) == (dt.date(2025, 5, 7), "column")
    assert (docs[1].published, docs[1].published_from) == (dt.date(2025, 5, 9), "cli")
    assert docs[0].meta["record"] == f"{path}:line 1" and docs[1].meta["record"] == f"{path}:line 2"
    assert docs[0].meta["fields"] == {"lang": "en"}


def test_jsonl_bad_lines_are_named(tmp_path: Path):
    path = tmp_path / "a.jsonl"
    path.write_text(
        '{"text": "good one"}\n{not json\n[1, 2]\n{"text": ""}\n{"text": "x", "published": "May 7"}\n\n{"text": "good two"}\n',
        encoding="utf-8",
    )
    items = list(get_reader("jsonl")(path, ReadOptions()))
    errors = {e.where: e.message for e in items if isinstance(e, InputError)}
    assert set(errors) == {f"{path}:line {n}" for n in (2, 3, 4, 5)}
    assert "JSON" in errors[f"{path}:line 2"] and "no text" in errors[f"{path}:line 4"]
    assert [d.text for d in items if isinstance(d, Document)] == ["good one", "good two"]


def test_csv_records_with_multiline_cells(tmp_path: Path):
    path = tmp_path / "a.csv"
    path.write_text(
        'title,text,published\nOne,"Para one.\n\nPara two.",2025-05-10\nTwo,Short text,\n', encoding="utf-8"
    )
    docs = list(get_reader("csv")(path, ReadOptions()))
    assert [d.title for d in docs] == ["One", "Two"]
    assert docs[0].text == "Para one.\n\nPara two." and docs[0].published == dt.date(2025, 5, 10)
    assert docs[1].meta["record"] == f"{path}:line 5"


def test_csv_missing_column_is_one_error(tmp_path: Path):
    path = tmp_path / "a.csv"
    path.write_text("title,body\nx,y\n", encoding="utf-8")
    with pytest.raises(FormatError) as exc:
        list(get_reader("csv")(path, ReadOptions()))
    assert "missing column(s) text" in str(exc.value) and f"{path}:line 1" in str(exc.value)


def test_csv_bad_rows_are_named(tmp_path: Path):
    path = tmp_path / "a.csv"
    path.write_text(
        'text,published\ngood,2025-05-01\ntoo,many,fields\n,2025-05-01\nbad date,01/05/2025\nlast,"unclosed\n',
        encoding="utf-8",
    )
    items = list(get_reader("csv")(path, ReadOptions()))
    errors = {e.where: e.message for e in items if isinstance(e, InputError)}
    assert set(errors) == {f"{path}:line {n}" for n in (3, 4, 5, 6)}
    assert "3 fields" in errors[f"{path}:line 3"]
    assert "CSV" in errors[f"{path}:line 6"]
    assert [d.text for d in items if isinstance(d, Document)] == ["good"]


def test_csv_wrong_encoding_names_the_line(tmp_path: Path):
    path = tmp_path / "a.csv"
    path.write_bytes(b"text\nfine\ncaf\xe9\n")
    with pytest.raises(FormatError) as exc:
        list(get_reader("csv")(path, ReadOptions()))
    assert f"{path}:line 3" in str(exc.value) and "UTF-8" in str(exc.value)
