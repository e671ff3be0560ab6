"""Hostile and careless input (issue 12): every probe gives the right result or one line and a
non-zero exit, never a traceback, and a command that fails leaves the store's rows as they were.

Sizes are scaled down where the point is the limit (the limits are settings, lowered here
through their environment variables); benchmarks/hostile_memory.py measures the full sizes.
"""

from __future__ import annotations

import http.server
import io
import itertools
import json
import os
import signal
import socketserver
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from rich.console import Console
from typer.testing import CliRunner, Result

from offramp.cases import CASES_DIR, build_demo
from offramp.cli import app, user_errors
from offramp.store import SCHEMA_VERSION, Store

runner = CliRunner()
GDELT = next((CASES_DIR / "india-pakistan-2025" / "gdelt").glob("*.tsv"))
# Our own sentences, from other crises than the bundled case.
NOTE = "Azerbaijan said on 12 September 2022 that Armenian forces shelled its positions near Kalbajar."
CALM = "Officials in Georgetown said markets were calm and ministers met business leaders. "


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    return runner.invoke(app, list(args), env=env)


def one_line_error(result: Result, code: int = 1, *words: str) -> str:
    """The single ``error:`` line of a failed command; no traceback, the expected exit code."""
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.output
    for word in words:
        assert word in errors[0], errors[0]
    return errors[0]


def rows(db: Path) -> dict[str, int]:
    """Every table's row count, read straight from the file."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in sorted(tables)}  # type: ignore[index]
    finally:
        con.close()


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    """A store with one article (not extracted) and the bundled GDELT rows."""
    db = tmp_path / "mine.duckdb"
    note = tmp_path / "2022-09-13-note.txt"
    note.write_text(NOTE, encoding="utf-8")
    result = invoke("ingest", str(note), str(GDELT), "--db", str(db), "--no-extract")
    assert result.exit_code == 0, result.output
    return db


# ---------------------------------------------------------------- 1. long and oversized articles


@pytest.mark.slow
def test_long_article_is_extracted_in_sections_and_later_ones_still_go_in(tmp_path: Path):
    db = tmp_path / "p.duckdb"
    big, small = tmp_path / "big.txt", tmp_path / "small.txt"
    tail = "\n\nOn 3 May 2025 Russian forces shelled Kharkiv, Ukrainian officials said."
    big.write_text(CALM * 150 + tail, encoding="utf-8")  # ~12,600 characters, six sections of 2,000
    small.write_text(NOTE, encoding="utf-8")
    env = {"OFFRAMP_SECTION_CHARS": "2000"}
    assert invoke("ingest", str(big), "--db", str(db), env=env).exit_code == 0
    result = invoke("ingest", str(small), "--db", str(db), env=env)
    assert result.exit_code == 0, result.output
    with Store(db, read_only=True) as store:
        docs = store.query("SELECT id, text, extracted_at, failure FROM documents")
        assert docs["extracted_at"].notna().all() and docs["failure"].isna().all()
        events = store.query("SELECT e.doc_id, e.span_start, e.span_end, e.evidence FROM events e")
    text = {r.id: r.text for r in docs.itertuples()}
    assert len(set(events["doc_id"])) == 2  # both articles gave events
    for e in events.itertuples():  # spans count from the start of the whole article
        assert text[e.doc_id][e.span_start : e.span_end] in e.evidence or e.evidence in text[e.doc_id]
    late = events[events["evidence"].str.contains("Kharkiv")]
    assert len(late) and (late["span_start"] > 12_000).all()


def test_article_over_the_cap_is_refused_naming_it_and_the_next_goes_in(tmp_path: Path):
    db = tmp_path / "p.duckdb"
    big, small = tmp_path / "big.txt", tmp_path / "small.txt"
    big.write_text(CALM * 100, encoding="utf-8")
    small.write_text(NOTE, encoding="utf-8")
    env = {"OFFRAMP_MAX_DOCUMENT_CHARS": "5000"}
    result = invoke("ingest", str(big), str(small), "--db", str(db), "--no-extract", env=env)
    assert result.exit_code == 1
    failed = [line for line in result.output.splitlines() if line.startswith("failed:")]
    assert len(failed) == 1 and "big.txt" in failed[0] and "5,000-character cap" in failed[0]
    assert rows(db)["documents"] == 1


def test_file_far_over_the_cap_is_refused_before_it_is_read(tmp_path: Path):
    big = tmp_path / "huge.txt"
    big.write_text("x" * 100_000, encoding="utf-8")  # its size alone refuses it
    result = invoke(
        "ingest", str(big), "--db", str(tmp_path / "p.duckdb"), env={"OFFRAMP_MAX_DOCUMENT_CHARS": "5000"}
    )
    assert result.exit_code == 1
    assert "100,000 bytes" in result.output and "5,000 characters" in result.output


@pytest.mark.parametrize("name", ["page.html", "feed.xml"])
def test_saved_page_over_the_fetch_cap_is_refused_before_it_is_read(tmp_path: Path, name: str):
    page = tmp_path / name
    page.write_text(
        "<html><body>" + "<p>Ministers met in Baku.</p>" * 200 + "</body></html>", encoding="utf-8"
    )
    result = invoke(
        "ingest", str(page), "--db", str(tmp_path / "p.duckdb"), env={"OFFRAMP_FETCH_MAX_BYTES": "2048"}
    )
    assert result.exit_code == 1
    assert "2,048-byte cap on a page or feed" in result.output and "OFFRAMP_FETCH_MAX_BYTES" in result.output


def test_any_file_over_the_file_cap_is_refused(tmp_path: Path):
    rows_file = tmp_path / "many.jsonl"
    rows_file.write_text((json.dumps({"text": NOTE}) + "\n") * 40, encoding="utf-8")
    result = invoke(
        "ingest", str(rows_file), "--db", str(tmp_path / "p.duckdb"), env={"OFFRAMP_MAX_FILE_BYTES": "2048"}
    )
    assert result.exit_code == 1
    assert "2,048-byte cap" in result.output and "OFFRAMP_MAX_FILE_BYTES" in result.output


@pytest.mark.slow
def test_failed_document_is_skipped_listed_and_retried(tmp_path: Path, filled: Path):
    # stored under a generous cap, then extracted under a tight one: it fails, with its reason
    long = tmp_path / "long.txt"
    long.write_text(CALM * 80, encoding="utf-8")
    assert invoke("ingest", str(long), "--db", str(filled), "--no-extract").exit_code == 0
    result = invoke("extract", "--db", str(filled), env={"OFFRAMP_MAX_DOCUMENT_CHARS": "5000"})
    assert result.exit_code == 0, result.output
    assert "not extracted:" in result.output and "long.txt" in result.output
    status = invoke("status", "--db", str(filled))
    assert "1 article(s) not extracted" in status.output and "--retry-failed" in status.output
    # a later extraction skips it and still works on the others
    later = tmp_path / "later.txt"
    later.write_text("Ethiopia said on 2 June 2025 that Eritrean troops crossed the border near Zalambessa.")
    result = invoke("ingest", str(later), "--db", str(filled), env={"OFFRAMP_MAX_DOCUMENT_CHARS": "5000"})
    assert result.exit_code == 0, result.output
    with Store(filled, read_only=True) as store:
        assert len(store.failed_documents()) == 1
        assert store.document_ids(unextracted_only=True) == []
    result = invoke("extract", "--db", str(filled), "--retry-failed")
    assert result.exit_code == 0, result.output
    assert "extracted from 1 article(s)" in result.output
    with Store(filled, read_only=True) as store:
        assert store.failed_documents().empty


# ---------------------------------------------------------------- 3. archives


def test_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path, filled: Path):
    bomb = tmp_path / "20250511180000.export.CSV.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf, zf.open("export.CSV", "w") as fh:
        block = b"\0" * (1 << 20)
        for _ in range(8):
            fh.write(block)
    before = rows(filled)
    result = invoke(
        "ingest", str(bomb), "--db", str(filled), "--no-extract", env={"OFFRAMP_MAX_ARCHIVE_BYTES": "1048576"}
    )
    assert result.exit_code == 1
    assert "1,048,576-byte cap" in result.output and "OFFRAMP_MAX_ARCHIVE_BYTES" in result.output
    assert rows(filled) == before


# ---------------------------------------------------------------- 4. the demo never eats a store


def test_demo_refuses_a_store_it_did_not_build(filled: Path, tmp_path: Path):
    before = rows(filled)
    result = invoke("demo", "--db", str(filled), "--out", str(tmp_path / "brief.html"))
    one_line_error(result, 1, "--force", str(filled))
    assert rows(filled) == before


def test_demo_replaces_its_own_store_and_a_forced_one(filled: Path):
    with pytest.raises(Exception, match="--force"):
        build_demo(filled, steps=[])
    build_demo(filled, steps=[], force=True)
    assert rows(filled)["documents"] == 0
    build_demo(filled, steps=[])  # now a demo store: replaced without --force


def test_demo_store_from_before_the_mark_is_still_replaced(tmp_path: Path):
    from offramp.cases import DEMO_MARK, ingest_case

    db = tmp_path / "old-demo.duckdb"
    build_demo(db, steps=[ingest_case], console=Console(file=io.StringIO()))
    con = duckdb.connect(str(db))
    con.execute("DELETE FROM offramp_store WHERE key = ?", [DEMO_MARK])
    con.close()
    build_demo(db, steps=[])  # only the bundled case's files in it: a demo store
    assert rows(db)["documents"] == 0


def test_demo_into_a_missing_folder_fails(tmp_path: Path):
    result = invoke(
        "demo", "--db", str(tmp_path / "d.duckdb"), "--out", str(tmp_path / "nodir" / "brief.html")
    )
    one_line_error(result, 1, "nodir")
    assert not (tmp_path / "d.duckdb").exists()


# ---------------------------------------------------------------- 6. output into a missing folder


@pytest.mark.parametrize(
    "args",
    [
        ["events", "--format", "jsonl", "--out"],
        ["claims", "--format", "csv", "--out"],
        ["timeline", "--format", "jsonl", "--out"],
        ["ladder", "--format", "csv", "--out"],
        ["mediators", "--format", "jsonl", "--out"],
        ["export", "events", "--out"],
        ["network", "--out"],
        ["report", "--out"],
    ],
)
def test_output_into_a_missing_folder_is_one_line(filled: Path, tmp_path: Path, args: list[str]):
    before = rows(filled)
    result = invoke(*args, str(tmp_path / "nodir" / "out.file"), "--db", str(filled))
    one_line_error(result, 1, "nodir")
    assert rows(filled) == before


@pytest.mark.parametrize("command", ["simulate", "sensitivity"])
def test_chart_into_a_missing_folder_is_one_line(tmp_path: Path, command: str):
    result = invoke(
        command,
        "india-pakistan-2025",
        "--runs",
        "50",
        "--days",
        "10",
        "--svg",
        str(tmp_path / "nodir" / "c.svg"),
    )
    one_line_error(result, 1, "nodir")


# ---------------------------------------------------------------- 7. the store checks what it opens


def test_newer_store_is_refused_with_a_hint_to_upgrade(filled: Path, tmp_path: Path):
    con = duckdb.connect(str(filled))
    con.execute("INSERT INTO schema_migrations VALUES (?, 'from the future', now())", [SCHEMA_VERSION + 1])
    con.close()
    before = rows(filled)
    for args in (["status"], ["events"], ["ingest", str(GDELT), "--no-extract"]):
        one_line_error(invoke(*args, "--db", str(filled)), 1, "newer offramp", "upgrade")
    assert rows(filled) == before


@pytest.mark.parametrize("command", [["status"], ["events"], ["extract"], ["ingest", "NOTE", "--no-extract"]])
def test_foreign_duckdb_file_is_refused_and_never_written(tmp_path: Path, command: list[str]):
    db = tmp_path / "theirs.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE invoices (id INTEGER, total DOUBLE); INSERT INTO invoices VALUES (1, 9.5)")
    con.close()
    note = tmp_path / "n.txt"
    note.write_text(NOTE, encoding="utf-8")
    args = [str(note) if a == "NOTE" else a for a in command]
    one_line_error(invoke(*args, "--db", str(db)), 1, "not an offramp store", "invoices")
    assert rows(db) == {"invoices": 1}


@pytest.mark.parametrize("command", [["status"], ["ingest", str(GDELT), "--no-extract"]])
def test_a_file_that_is_not_duckdb_is_refused_and_kept(tmp_path: Path, command: list[str]):
    db = tmp_path / "notes.txt"
    db.write_text(NOTE, encoding="utf-8")
    one_line_error(invoke(*command, "--db", str(db)), 1, "cannot open the store")
    assert db.read_text(encoding="utf-8") == NOTE


def test_store_changed_by_hand_is_refused_before_ingest_writes(filled: Path, tmp_path: Path):
    con = duckdb.connect(str(filled))
    con.execute("ALTER TABLE claims DROP COLUMN cue")
    con.close()
    before = rows(filled)
    note = tmp_path / "n2.txt"
    note.write_text("Venezuela said on 1 March 2024 that Guyana had provoked it near the Essequibo.")
    one_line_error(invoke("ingest", str(note), "--db", str(filled)), 1, "claims.cue")
    assert rows(filled) == before


def test_older_store_is_migrated_on_open(filled: Path):
    con = duckdb.connect(str(filled))
    con.execute("DELETE FROM schema_migrations WHERE version = 3; DROP TABLE offramp_store")
    con.execute("ALTER TABLE documents DROP COLUMN failure; ALTER TABLE documents DROP COLUMN failed_at")
    con.close()
    result = invoke("status", "--db", str(filled))
    assert result.exit_code == 0, result.output
    with Store(filled, read_only=True) as store:
        assert store.schema_version == SCHEMA_VERSION and store.marker("application") == "offramp"


def test_a_database_error_that_crosses_into_the_cli_is_one_line(capsys):
    import typer

    with pytest.raises(typer.Exit) as exit_info, user_errors():
        duckdb.connect().execute("SELECT * FROM no_such_table")
    assert exit_info.value.exit_code == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "CatalogException" in err


# ---------------------------------------------------------------- 8. fetching


class _Drip(http.server.BaseHTTPRequestHandler):
    """A page sent one short line every 0.3 s, for a minute: a slow-drip server."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        for _ in range(200):
            try:
                self.wfile.write(b"<p>Ministers met in Baku.</p>\n")
                self.wfile.flush()
            except OSError:
                return
            time.sleep(0.3)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def drip_url() -> Iterator[str]:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Drip)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/page.html"
    finally:
        server.shutdown()
        server.server_close()


def test_slow_drip_server_is_cut_off_at_the_deadline(drip_url: str, filled: Path):
    before = rows(filled)
    start = time.monotonic()
    result = invoke(
        "ingest",
        drip_url,
        "--allow-private",
        "--no-extract",
        "--db",
        str(filled),
        env={"OFFRAMP_FETCH_TIMEOUT": "2"},
    )
    took = time.monotonic() - start
    assert result.exit_code == 1
    assert "within 2 s" in result.output and "OFFRAMP_FETCH_TIMEOUT" in result.output
    assert took < 8
    assert rows(filled) == before


@pytest.mark.slow  # a real run of the benchmark / a fetch against a slow server: seconds
def test_fetch_byte_cap_is_read_from_the_setting(drip_url: str, filled: Path):
    result = invoke(
        "ingest", drip_url, "--allow-private", "--db", str(filled), env={"OFFRAMP_FETCH_MAX_BYTES": "1024"}
    )
    assert result.exit_code == 1
    assert "1,024-byte cap" in result.output and "OFFRAMP_FETCH_MAX_BYTES" in result.output


# ---------------------------------------------------------------- 9. Ctrl-C


@pytest.mark.slow
def test_ctrl_c_during_extraction_is_one_line_and_exit_130(tmp_path: Path, filled: Path):
    folder = tmp_path / "notes"
    folder.mkdir()
    for i in range(400):  # enough work that the signal lands mid-extraction
        (folder / f"n{i}.txt").write_text(f"{NOTE} Report {i}: {CALM * 30}", encoding="utf-8")
    assert invoke("ingest", str(folder), "--db", str(filled), "--no-extract").exit_code == 0
    before = rows(filled)
    offramp = Path(sys.executable).with_name("offramp")
    proc = subprocess.Popen(
        [str(offramp), "extract", "--db", str(filled)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "OFFRAMP_EXTRACT_BATCH_SIZE": "4"},
    )
    time.sleep(6)
    assert proc.poll() is None, "extraction ended before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, (out, err)
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "interrupted" in lines[0], err
    after = rows(filled)
    assert after["documents"] == before["documents"]
    with Store(filled, read_only=True) as store:  # a batch landed whole or not at all
        done = store.query("SELECT count(*) AS n FROM documents WHERE extracted_at IS NOT NULL")["n"][0]
        assert done % 4 == 0 or done == after["documents"] - 1


# ---------------------------------------------------------------- 10-11. options and settings


@pytest.mark.parametrize(
    ("variable", "value", "words"),
    [
        ("OFFRAMP_EXTRACT_BATCH_SIZE", "-3", ["OFFRAMP_EXTRACT_BATCH_SIZE=-3", "from 1 to 10000"]),
        ("OFFRAMP_NEAR_DUPLICATE_THRESHOLD", "2", ["OFFRAMP_NEAR_DUPLICATE_THRESHOLD=2", "from 0.5 to 1"]),
        ("OFFRAMP_NEAR_DUPLICATE_THRESHOLD", "0", ["OFFRAMP_NEAR_DUPLICATE_THRESHOLD=0", "from 0.5 to 1"]),
        ("OFFRAMP_FETCH_TIMEOUT", "soon", ["OFFRAMP_FETCH_TIMEOUT='soon'", "number"]),
    ],
)
def test_settings_out_of_range_are_refused_before_any_work(
    filled: Path, tmp_path: Path, variable: str, value: str, words: list[str]
):
    note = tmp_path / "n3.txt"
    note.write_text("China said on 5 August 2022 that its drills around Taiwan would go on.")
    before = rows(filled)
    for args in (["ingest", str(note), "--no-extract"], ["status"]):
        one_line_error(invoke(*args, "--db", str(filled), env={variable: value}), 1, *words)
    assert rows(filled) == before


@pytest.mark.parametrize("dyad", ["IND-PAK-USA", "IND:PAK:CHN", "-PAK"])
def test_timeline_refuses_a_dyad_that_is_not_two_actors(filled: Path, dyad: str):
    one_line_error(invoke("timeline", "--dyad", dyad, "--db", str(filled)), 1, repr(dyad))


def test_timeline_refuses_an_unknown_event_type(filled: Path):
    one_line_error(invoke("timeline", "--type", "ASSAULT,PARLEY", "--db", str(filled)), 1, "'PARLEY'")


def test_timeline_takes_a_two_actor_dyad(filled: Path):
    assert invoke("timeline", "--dyad", "IND-PAK", "--db", str(filled)).exit_code == 0


def test_store_path_that_is_a_folder_is_one_line(tmp_path: Path):
    one_line_error(invoke("status", "--db", str(tmp_path)), 1, "folder")


# ---------------------------------------------------------------- 12. small behaviours


@pytest.mark.parametrize(
    "args",
    [
        ["events", "--format", "JSONL"],
        ["events", "--format", "Table"],
        ["claims", "--format", "CSV"],
        ["timeline", "--format", "JSONL"],
        ["ladder", "--format", "CSV"],
        ["mediators", "--format", "Jsonl"],
        ["export", "documents", "--format", "CSV"],
    ],
)
def test_format_is_case_insensitive(filled: Path, args: list[str]):
    result = invoke(*args, "--db", str(filled))
    assert result.exit_code == 0, result.output


def test_report_md_defaults_to_brief_md(filled: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("report", "--format", "MD", "--db", str(filled))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "brief.md").exists() and not (tmp_path / "brief.html").exists()


@pytest.mark.slow
def test_ingest_summary_counts_extracted_events(tmp_path: Path):
    note = tmp_path / "2022-09-13-note.txt"
    note.write_text(NOTE, encoding="utf-8")
    result = invoke("ingest", str(note), "--db", str(tmp_path / "e.duckdb"))
    assert result.exit_code == 0, result.output
    with Store(tmp_path / "e.duckdb", read_only=True) as store:
        n = store.counts()["events"]
    assert n > 0
    assert f"extracted {n} event(s) from 1 article(s)" in result.output


def _gdelt_with(tmp_path: Path, change) -> Path:
    lines = GDELT.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "mangled.export.CSV"
    path.write_text("\n".join(change(lines)) + "\n", encoding="utf-8")
    return path


def test_gdelt_bad_sqldate_is_reported_by_line(tmp_path: Path):
    def bad_date(lines: list[str]) -> list[str]:
        fields = lines[2].split("\t")
        fields[1] = "notadate"
        return [*lines[:2], "\t".join(fields), *lines[3:]]

    db = tmp_path / "g.duckdb"
    result = invoke("ingest", str(_gdelt_with(tmp_path, bad_date)), "--db", str(db))
    assert result.exit_code == 1
    assert "mangled.export.CSV:line 3" in result.output and "'notadate'" in result.output
    assert rows(db)["events"] == 59


@pytest.mark.parametrize("extra", [1, 2, -1])
def test_gdelt_field_count_is_the_lines_own(tmp_path: Path, extra: int):
    def fields(lines: list[str]) -> list[str]:
        parts = lines[0].split("\t")
        parts = parts + ["x"] * extra if extra > 0 else parts[:extra]
        return ["\t".join(parts), *lines[1:]]

    result = invoke("ingest", str(_gdelt_with(tmp_path, fields)), "--db", str(tmp_path / "g.duckdb"))
    assert result.exit_code == 1
    assert f"has {61 + extra} tab-separated fields" in result.output


def test_non_utf8_fallback_is_reported(tmp_path: Path):
    note = tmp_path / "cp.txt"
    note.write_bytes("Kyiv’s envoy said on 3 May 2025 that talks would resume in Istanbul.".encode("cp1252"))
    result = invoke("ingest", str(note), "--db", str(tmp_path / "c.duckdb"), "--no-extract")
    assert result.exit_code == 0, result.output
    assert "warning:" in result.output and "cp1252" in result.output and "cp.txt" in result.output


def test_update_corrects_a_stored_documents_metadata(tmp_path: Path):
    db = tmp_path / "u.duckdb"
    note = tmp_path / "note.txt"
    note.write_text(NOTE, encoding="utf-8")
    assert (
        invoke("ingest", str(note), "--db", str(db), "--no-extract", "--published", "2022-09-13").exit_code
        == 0
    )
    before = rows(db)
    again = invoke("ingest", str(note), "--db", str(db), "--no-extract", "--published", "2022-09-14")
    assert again.exit_code == 0 and "--update" in again.output
    result = invoke(
        "ingest", str(note), "--db", str(db), "--no-extract", "--published", "2022-09-14", "--update"
    )
    assert result.exit_code == 0, result.output
    assert "2022-09-13 → 2022-09-14" in result.output
    assert rows(db) == before
    with Store(db, read_only=True) as store:
        doc = store.documents().iloc[0]
    assert str(doc["published"])[:10] == "2022-09-14" and doc["published_from"] == "cli"


URDU = "پاکستان کی حکومت نے کہا ہے کہ سرحد پر صورتحال کشیدہ ہے اور فوج کو چوکس رہنے کا حکم دیا گیا ہے۔ " * 3
HINDI = "भारत सरकार ने कहा कि सीमा पर स्थिति तनावपूर्ण है और सेना को सतर्क रहने का आदेश दिया गया है। " * 3


@pytest.mark.parametrize(("text", "code"), [(URDU, "ur"), (HINDI, "hi")])
def test_article_offramp_cannot_read_is_stored_with_its_language_and_reported(
    tmp_path: Path, text: str, code: str
):
    db = tmp_path / "l.duckdb"
    note = tmp_path / "note.txt"
    note.write_text(text, encoding="utf-8")
    result = invoke("ingest", str(note), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert f"language '{code}'" in result.output
    with Store(db, read_only=True) as store:
        assert store.documents()["language"].tolist() == [code]
        failed = store.failed_documents()
        assert len(failed) == 1 and code in failed["failure"][0]


@pytest.mark.parametrize(
    "text",
    [
        NOTE + " " + NOTE,
        "Kyiv said Russian drones hit Odesa overnight, and Moscow said its air defences downed 40 drones over Belgorod and Kursk.",
    ],
)
def test_english_with_foreign_names_stays_english(text: str):
    from offramp.sources.language import detect_language

    assert detect_language(text) == "en"


# ---------------------------------------------------------------- where long articles are cut

PARAGRAPHS = (
    "Ethiopian officials said the talks in Pretoria had resumed.\n\n"
    "Eritrean forces were reported near Shire on Tuesday. Residents said shelling continued."
)


@pytest.mark.parametrize(
    ("text", "limit", "first_ends_with"),
    [
        (PARAGRAPHS, 80, "resumed.\n\n"),  # a paragraph break before the limit
        (PARAGRAPHS.replace("\n\n", " "), 120, "Tuesday. "),  # else a sentence's end
        ("Kyiv " * 30, 52, "Kyiv "),  # else a space
        ("x" * 120, 50, "x"),  # else the limit itself
    ],
)
def test_sections_cut_at_the_best_boundary_and_cover_the_text(text: str, limit: int, first_ends_with: str):
    from offramp.extract.pipeline import sections

    spans = sections(text, limit)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
    assert all(0 < end - start <= limit for start, end in spans)
    assert text[: spans[0][1]].endswith(first_ends_with)


def test_short_text_is_one_section():
    from offramp.extract.pipeline import sections

    assert sections(NOTE, 1000) == [(0, len(NOTE))]


# ---------------------------------------------------------------- one bad document never blocks the others


class _Explode:
    """A test stage that fails on articles that mention a volcano (a stand-in for any stage error)."""

    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ()

    def __call__(self, record):
        if "volcano" in record.text:
            raise ValueError("this stage cannot read volcanoes")
        return record


class _Poison:
    """A test stage whose event the store refuses (a rung far outside its column's range)."""

    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ("events",)

    def __call__(self, record):
        from offramp.records import Event

        if "poison" in record.text:
            record.events.append(
                Event(type="ASSAULT", source=["AZE"], target=["ARM"], doc_id=record.document.id, quad=1000)
            )
        return record


@pytest.mark.slow
def test_a_failing_stage_or_write_fails_only_its_document(tmp_path: Path, monkeypatch):
    from offramp.extract import extract_documents, pipeline
    from offramp.extract.pipeline import DEFAULT_STAGES
    from offramp.ingest import ingest

    pipeline.registered_stages()  # the built-in stages first, then ours for this test only
    for name, stage in (("test_explode", _Explode), ("test_poison", _Poison)):
        monkeypatch.setattr(stage, "name", name, raising=False)
        monkeypatch.setitem(pipeline._REGISTRY, name, stage)
    texts = {
        "a.txt": NOTE,
        "b.txt": "Officials said a volcano near Goma erupted on 3 May 2025, and the army moved north.",
        "c.txt": "Armenia said on 14 September 2022 that poison gas had not been used near Jermuk.",
        "d.txt": "Ethiopia said on 2 June 2025 that Eritrean troops crossed the border near Zalambessa.",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        ingest(store, [tmp_path / n for n in texts], extract=False)
        done = extract_documents(store, stages=[*DEFAULT_STAGES, "test_explode", "test_poison"])
        failed = store.failed_documents()
        extracted = store.query("SELECT path FROM documents WHERE extracted_at IS NOT NULL")
    assert done == 2
    reasons = dict(zip([Path(p).name for p in failed["input"]], failed["failure"], strict=True))
    assert set(reasons) == {"b.txt", "c.txt"}
    assert "cannot read volcanoes" in reasons["b.txt"] and "storing its results failed" in reasons["c.txt"]
    assert sorted(Path(p).name for p in extracted["path"]) == ["a.txt", "d.txt"]
