"""Ingest end to end: real files into a real store, duplicates, near-duplicates,
bad inputs beside good ones, and a kill in the middle."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from offramp.ingest import ingest
from offramp.store import Store

ARTICLE = (
    "Officials in Islamabad said on Monday that talks with New Delhi would resume next week. "
    "The foreign ministry described the meeting as constructive and said both sides agreed to "
    "keep military hotlines open. Diplomats from several Gulf states attended as observers."
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_seeds_and_gdelt_ingest_once(store, seeds, shared):
    gdelt = shared / "data/events/gdelt/gdelt2_20250511180000.export.IND-PAK-subset.tsv"
    first = ingest(store, [*seeds, gdelt], extract=False)
    assert first.ok, [o.message for o in first.failed]
    assert first.count("new") == 3
    counts = store.counts()
    assert counts["documents"] == 3
    assert counts["events"] == 60
    events = store.events()
    assert (
        events["cameo"].notna().all() and events["goldstein"].notna().all() and events["type"].notna().all()
    )

    again = ingest(store, [*seeds, gdelt], extract=False)
    assert again.count("duplicate") == 3 and again.count("new") == 0
    assert store.counts() == counts


def test_near_duplicate_is_stored_and_linked(store, tmp_path):
    a = write(tmp_path / "wire.txt", ARTICLE)
    b = write(tmp_path / "site2.txt", ARTICLE + " The statement was posted online late in the evening.")
    report = ingest(store, [a, b], extract=False)
    assert [o.status for o in report.outcomes] == ["new", "near-duplicate"]
    links = store.query("SELECT * FROM near_duplicates")
    assert len(links) == 1 and links.loc[0, "similarity"] > 0.8
    assert store.counts()["documents"] == 2


def test_bad_file_fails_alone(store, tmp_path):
    good = write(tmp_path / "in" / "a.txt", ARTICLE)
    (tmp_path / "in" / "b.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 20)
    empty = write(tmp_path / "in" / "c.txt", "")
    report = ingest(store, [tmp_path / "in"], extract=False)
    assert report.count("new") == 1
    failed = {Path(o.input).name: o.message for o in report.failed}
    assert set(failed) == {"b.txt", "c.txt"}, failed
    for message in failed.values():
        assert "\n" not in message and str(tmp_path) in message
    assert store.documents()["path"].tolist() == [str(good)]
    assert empty.exists()


def _articles(n: int) -> list[str]:
    return [
        f"Article {i}: on {i + 1} May 2025 officials in city number {i} met envoys {i * 7} times "
        f"and spoke of matter {i * 13}, a topic unlike any other in this batch ({i**3})."
        for i in range(n)
    ]


def test_an_article_the_store_refuses_fails_alone_in_its_batch(store, tmp_path, monkeypatch):
    import duckdb

    paths = [write(tmp_path / "in" / f"{i:02}.txt", text) for i, text in enumerate(_articles(5))]
    refused = paths[2]
    real_add = Store.add_document

    def add_document(self, doc):
        real_add(self, doc)
        if doc.path == str(refused):  # the store rejects this one after part of it is written
            raise duckdb.ConstraintException("simulated constraint violation")

    monkeypatch.setattr(Store, "add_document", add_document)
    report = ingest(store, [tmp_path / "in"], extract=False)
    monkeypatch.undo()

    assert report.count("new") == 4
    [failed] = report.failed
    assert failed.input == str(refused) and "\n" not in failed.message
    assert "simulated constraint violation" in failed.message
    stored = sorted(store.documents()["path"])
    assert stored == sorted(str(p) for p in paths if p != refused)
    # nothing of the refused article is left: no signature, no document
    assert store.con.execute("SELECT count(*) FROM minhashes").fetchone()[0] == 4
    # and it goes in once the store accepts it
    again = ingest(store, [refused], extract=False)
    assert again.count("new") == 1 and store.counts()["documents"] == 5


def test_a_record_with_a_lone_surrogate_is_stored_with_a_replacement(store, tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text(
        '{"text": "Shelling on 4 May 2025 near Poonch \\udcff killed two.", "title": "t\\ud800"}\n'
        '{"text": "A plain second record about talks in Geneva on 5 May 2025.", "title": "u"}\n',
        encoding="utf-8",
    )
    report = ingest(store, [src], extract=False)
    assert report.ok and report.count("new") == 2
    docs = store.documents().set_index("title", drop=False)
    assert "Poonch \ufffd killed" in docs.loc["t\ufffd", "text"]


KILL_SCRIPT = textwrap.dedent(
    """
    import sys
    from offramp.ingest import ingest
    from offramp.store import Store
    store = Store(sys.argv[1])
    ingest(store, [sys.argv[2]], extract=False,
           on_input=lambda label, done, total: print(done, flush=True))
    """
)


def test_killed_ingest_leaves_a_consistent_store(tmp_path):
    folder = tmp_path / "corpus"
    for i in range(400):
        write(
            folder / f"{i:04d}.txt",
            f"Report number {i}. " + ARTICLE.replace("Monday", f"day {i}") + f" Ref {i * 7919}.",
        )
    db = tmp_path / "kill.duckdb"
    proc = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, str(db), str(folder)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if int(line) >= 40:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL

    with Store(db) as store:
        stored = store.counts()["documents"]
        assert 40 <= stored < 400
        orphans = store.query(
            "SELECT count(*) AS n FROM documents d LEFT JOIN minhashes m ON d.id = m.doc_id WHERE m.doc_id IS NULL"
        )
        assert orphans.loc[0, "n"] == 0
        report = ingest(store, [folder], extract=False)
        assert report.ok
        assert report.count("duplicate") == stored
        assert store.counts()["documents"] == 400


def test_ingest_of_a_missing_path_says_so(store, tmp_path):
    report = ingest(store, [tmp_path / "nope.txt"], extract=False)
    assert not report.ok
    assert "nope.txt" in report.failed[0].message


@pytest.mark.parametrize("name", ["offramp", "offramp.store", "offramp.records", "offramp.errors"])
def test_public_api_names_exist(name):
    import importlib

    module = importlib.import_module(name)
    for attr in module.__all__:
        assert hasattr(module, attr), f"{name}.{attr}"


def test_python_api_opens_ingests_and_reads(tmp_path):
    import offramp

    with offramp.open(tmp_path / "api.duckdb") as store:
        report = offramp.ingest(store, [write(tmp_path / "a.txt", ARTICLE)], extract=False)
        assert report.ok
        assert len(store.documents()) == 1
        assert list(store.events().columns)[:3] == ["id", "type", "source"]
