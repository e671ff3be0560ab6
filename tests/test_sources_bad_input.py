"""Bad input through ``ingest``: one line naming the file (and line) and what to do; the rest goes in."""

from __future__ import annotations

from pathlib import Path

import pytest

from offramp.ingest import ingest

GOOD_TEXT = "Pakistan's army said it shot down drones over Lahore on 8 May 2025."
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256))
HTML = b"<!DOCTYPE html><html><head><title>x</title></head><body><p>News page.</p></body></html>"


def _gdelt_lines(shared: Path, n: int) -> list[bytes]:
    path = shared / "data/events/gdelt/gdelt2_20250511180000.export.IND-PAK-subset.tsv"
    return path.read_bytes().splitlines()[:n]


ACLED_HEADER = b"event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,country,iso3,fatalities\n"
ACLED_ROW = b"IND100,2025-05-07,Explosions/Remote violence,Air/drone strike,Military Forces of India (2014-),,Pakistan,PAK,3\n"

# (file name, content or a builder, what the failure must say, how many rows/documents still land)
CASES = {
    "text-binary": ("photo.txt", PNG, ["binary"], None),
    "text-encoding": ("latin.txt", b"ok line\n\x81\x8d\x90\x9d", ["not UTF-8", ":line 2", "save"], None),
    "text-empty": ("empty.txt", b"", ["empty"], None),
    "markdown-empty-body": ("n.md", b"---\ntitle: x\n---\n", ["no text"], None),
    "html-binary": ("page.html", b"\x00\x01" + PNG, ["binary"], None),
    "html-empty": ("page.html", b"  ", ["empty"], None),
    "feed-is-html": ("news.rss", HTML, ["HTML page, not an RSS/Atom feed", "--format html"], None),
    "feed-empty": ("news.rss", b"", ["empty"], None),
    "feed-binary": ("news.xml", PNG, ["binary"], None),
    "jsonl-malformed": (
        "a.jsonl",
        b'{"text": "one fine record"}\n{"text": \n',
        ["line 2", "not valid JSON"],
        1,
    ),
    "jsonl-encoding": ("a.jsonl", b'{"text": "caf\xe9"}\n', ["line 1", "UTF-8"], None),
    "jsonl-empty": ("a.jsonl", b"\n", ["empty"], None),
    "csv-truncated": ("a.csv", b'text,title\n"first row",One\n"cut off here,Two\n', ["line 3", "CSV"], 1),
    "csv-columns": (
        "a.csv",
        b"text,title\nfine,One\nx,y,z\n",
        ["line 3", "3 fields where the header has 2"],
        1,
    ),
    "csv-missing": ("a.csv", b"body,title\nx,y\n", ["missing column(s) text", "line 1"], None),
    "csv-empty": ("a.csv", b"", ["empty"], None),
    "acled-truncated": ("acled.csv", ACLED_HEADER + ACLED_ROW + b'IND101,"2025-05-08', ["line 3", "CSV"], 1),
    "acled-columns": (
        "acled.csv",
        ACLED_HEADER + ACLED_ROW + b"IND102,2025-05-08\n",
        ["line 3", "2 fields"],
        1,
    ),
    "acled-encoding": (
        "acled.csv",
        ACLED_HEADER + ACLED_ROW.replace(b"Pakistan", b"P\xe4kistan"),
        ["line 2", "UTF-8"],
        None,
    ),
    "acled-empty-rows": ("acled.csv", ACLED_HEADER, ["no row"], None),
    "gdelt-columns": ("x.export.CSV", "columns", ["line 2", "has 3 tab-separated fields", "61"], 2),
    "gdelt-truncated": (
        "x.export.CSV",
        "truncated",
        ["line 3", "fields; GDELT 2.0 event exports have 61"],
        2,
    ),
    "gdelt-encoding": ("x.export.CSV", "encoding", ["line 1", "UTF-8"], 2),
    "gdelt-empty": ("x.export.CSV", b"", ["empty"], None),
    "gdelt-binary": ("x.export.CSV", PNG, ["binary"], None),
    "zip-not-gdelt": ("stuff.zip", "zip", ["zip archive", "unzip"], None),
}


def _content(kind: bytes | str, shared: Path, tmp_path: Path) -> bytes:
    if isinstance(kind, bytes):
        return kind
    if kind == "zip":
        import zipfile

        z = tmp_path / "build.zip"
        with zipfile.ZipFile(z, "w") as zf:
            zf.writestr("a.txt", "x")
            zf.writestr("b.txt", "y")
        return z.read_bytes()
    lines = _gdelt_lines(shared, 3)
    if kind == "columns":
        return lines[0] + b"\na\tb\tc\n" + lines[1] + b"\n"
    if kind == "truncated":
        return lines[0] + b"\n" + lines[1] + b"\n" + lines[2][:100]
    if kind == "encoding":
        return lines[0].replace(b"CRIMINAL", b"CRIM\xffINAL") + b"\n" + lines[1] + b"\n" + lines[2] + b"\n"
    raise AssertionError(kind)


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_reported_and_the_rest_goes_in(store, shared: Path, tmp_path: Path, case: str):
    name, kind, needles, landed = CASES[case]
    folder = tmp_path / "in"
    folder.mkdir()
    good = folder / "0-good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    bad = folder / name
    bad.write_bytes(_content(kind, shared, tmp_path))
    report = ingest(store, [good, bad], extract=False)
    assert store.con.execute("SELECT count(*) FROM documents WHERE path = ?", [str(good)]).fetchone()[0] == 1
    assert report.failed, report.outcomes
    for outcome in report.failed:
        assert "\n" not in outcome.message
        assert str(bad) in outcome.message
    joined = " | ".join(o.message for o in report.failed)
    for needle in needles:
        assert needle in joined, joined
    assert any(" — " in o.message for o in report.failed), joined  # says what to do
    if landed is not None:
        rows = store.con.execute(
            "SELECT (SELECT count(*) FROM events WHERE dataset IS NOT NULL)"
            " + (SELECT count(*) FROM documents WHERE kind = 'article' AND path = ?)",
            [str(bad)],
        ).fetchone()[0]
        assert rows == landed
