"""The bundled india-pakistan-2025 case and the demo that builds a store from it."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
import yaml
from rich.console import Console

from offramp import cases
from offramp.errors import ConfigError, StoreError
from offramp.store import Store

CASE = "india-pakistan-2025"
NOTES = cases.case_notes(CASE)
FIRST_DAY, LAST_DAY = dt.date(2025, 4, 22), dt.date(2025, 6, 30)
SHINGLE = 8


def _split(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{path.name}: no front matter"
    head, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(head), body.strip()


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _shingles(text: str, n: int = SHINGLE) -> set[tuple[str, ...]]:
    words = _words(text)
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _console() -> Console:
    return Console(file=io.StringIO(), width=120)


def test_case_is_listed_and_has_about_thirty_notes():
    assert CASE in cases.list_cases()
    assert cases.case_dir(CASE).is_dir()
    assert 25 <= len(NOTES) <= 40


def test_unknown_case_names_the_available_ones():
    with pytest.raises(ConfigError) as err:
        cases.case_dir("india-china-1962")
    assert "india-china-1962" in str(err.value)
    assert CASE in str(err.value)


def test_case_inputs_are_the_notes_then_the_gdelt_file():
    inputs = cases.case_inputs(CASE)
    assert inputs[: len(NOTES)] == NOTES
    assert [p.parent.name for p in inputs[len(NOTES) :]] == ["gdelt"]


@pytest.mark.parametrize("path", NOTES, ids=[p.name for p in NOTES])
def test_note_has_valid_front_matter_and_a_real_body(path: Path):
    meta, body = _split(path)
    assert set(meta) == {"title", "published", "url", "source"}
    assert isinstance(meta["title"], str) and len(meta["title"]) > 10
    assert isinstance(meta["published"], dt.date), "published must be YYYY-MM-DD"
    assert FIRST_DAY <= meta["published"] <= LAST_DAY
    assert re.match(r"https?://[^\s/]+\.[^\s/]+/\S+$", meta["url"])
    assert isinstance(meta["source"], str) and meta["source"].strip()
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", body) if s]
    assert 3 <= len(sentences) <= 8, f"{len(sentences)} sentences"
    assert len(body.split()) >= 50
    # the file name starts with the day the note is about, within the crisis
    day = dt.date.fromisoformat(path.name[:10])
    assert FIRST_DAY <= day <= LAST_DAY
    # an event's date is stated in the text, not left to the publication date
    assert re.search(r"\b\d{1,2} (April|May|June) 2025\b", body), "state the event's date explicitly"


def test_each_note_rests_on_its_own_report():
    urls = [_split(p)[0]["url"] for p in NOTES]
    assert len(set(urls)) == len(urls)


def test_notes_cover_the_crisis_from_the_attack_to_the_promotion():
    text = " ".join(_split(p)[1] for p in NOTES)
    for needle in [
        "Pahalgam", "Indus Waters Treaty", "Simla Agreement", "Line of Control", "Operation Sindoor",
        "Bahawalpur", "Muridke", "Muzaffarabad", "Rafale", "Nur Khan", "Bunyan-um-Marsoos",
        "National Command Authority", "IMF", "Truth Social", "directors general of military operations",
        "field marshal", "Rubio", "Security Council",
    ]:  # fmt: skip
        assert needle.lower() in text.lower(), needle


@pytest.fixture(scope="module")
def seed_shingles(seeds: list[Path]) -> set[tuple[str, ...]]:
    assert seeds, "no seed articles"
    found: set[tuple[str, ...]] = set()
    for seed in seeds:
        found |= _shingles(seed.read_text(encoding="utf-8"))
    return found


def test_no_note_copies_eight_words_from_a_seed_article(seed_shingles):
    copied = {p.name: _shingles(_split(p)[1]) & seed_shingles for p in NOTES}
    assert {name: hits for name, hits in copied.items() if hits} == {}


def test_shingle_check_catches_a_copied_phrase(seed_shingles, seeds):
    words = seeds[0].read_text(encoding="utf-8").split()[10:20]
    assert _shingles(" ".join(words)) & seed_shingles


def test_gdelt_sample_has_sixty_rows_of_sixty_one_columns(shared: Path):
    (path,) = cases.case_datasets(CASE)
    rows = path.read_text(encoding="utf-8").splitlines()
    assert len(rows) == 60
    assert {len(r.split("\t")) for r in rows} == {61}
    original = shared / "data" / "events" / "gdelt" / "gdelt2_20250511180000.export.IND-PAK-subset.tsv"
    assert path.read_bytes() == original.read_bytes()


def test_readme_gives_gdelt_attribution_and_the_method():
    readme = (cases.case_dir(CASE) / "README.md").read_text(encoding="utf-8")
    assert "GDELT" in readme and "attribution" in readme.lower()
    assert "own words" in readme


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> tuple[Path, cases.Demo, str]:
    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    console = _console()
    demo = cases.build_demo(db, console=console, extract=False)
    return db, demo, console.file.getvalue()  # type: ignore[attr-defined]


def test_demo_ingests_every_note_and_sixty_gdelt_events(demo_db):
    db, demo, _ = demo_db
    assert demo.report.ok, [o.message for o in demo.report.failed]
    with Store(db, read_only=True) as store:
        articles = store.query("SELECT url, published, source FROM documents WHERE kind = 'article'")
        assert len(articles) == len(NOTES)
        assert set(articles["url"]) == {_split(p)[0]["url"] for p in NOTES}
        assert articles["published"].notna().all()
        datasets = store.query("SELECT count(*) AS n FROM documents WHERE kind = 'dataset'")
        assert int(datasets["n"][0]) == 1
        gdelt = store.query("SELECT count(*) AS n FROM events WHERE dataset IS NOT NULL")
        assert int(gdelt["n"][0]) == 60


def test_demo_prints_what_the_store_holds(demo_db):
    _, demo, output = demo_db
    assert demo.counts["documents"] == len(NOTES) + 1
    for heading in ("documents by source", "events by origin and type", "events from", "extraction skipped"):
        assert heading in output


def test_demo_rebuilds_from_scratch(demo_db, tmp_path):
    db = tmp_path / "again.duckdb"
    first = cases.build_demo(db, console=_console(), extract=False, steps=[cases.ingest_case])
    second = cases.build_demo(db, console=_console(), extract=False, steps=[cases.ingest_case])
    # a second build starts from an empty store, so nothing is a duplicate
    assert first.report.summary() == second.report.summary()
    assert second.report.count("duplicate") == 0


def test_demo_refuses_to_overwrite_a_file_that_is_not_a_store(tmp_path):
    precious = tmp_path / "notes.txt"
    precious.write_text("not a database", encoding="utf-8")
    with pytest.raises(StoreError):
        cases.build_demo(precious, console=_console(), extract=False)
    assert precious.read_text(encoding="utf-8") == "not a database"


def test_demo_with_a_bad_case_fails_before_touching_the_store(tmp_path):
    db = tmp_path / "x.duckdb"
    with pytest.raises(ConfigError):
        cases.build_demo(db, console=_console(), case="nope")
    assert not db.exists()


def test_demo_steps_can_be_extended(tmp_path):
    seen: list[int] = []
    steps = [*cases.DEMO_STEPS[:1], lambda demo: seen.append(demo.store.counts()["events"])]
    cases.build_demo(tmp_path / "s.duckdb", console=_console(), extract=False, steps=steps)
    assert seen == [60]


def test_demo_with_extraction_extracts_or_says_why_not(tmp_path):
    console = _console()
    demo = cases.build_demo(tmp_path / "x.duckdb", console=console)
    assert demo.counts["documents"] == len(NOTES) + 1
    assert demo.report.ok
    if any(w.startswith("extraction did not run") for w in demo.warnings):
        # the demo went on without extraction and said so
        assert "extraction did not run" in console.file.getvalue()  # type: ignore[attr-defined]
        assert demo.extracted == 0
    else:
        assert demo.extracted == len(NOTES)
        with Store(tmp_path / "x.duckdb", read_only=True) as store:
            from_notes = store.query("SELECT count(*) AS n FROM events WHERE dataset IS NULL")
            assert int(from_notes["n"][0]) > 0
