"""simulate CASE --as-of D reads its inputs from the store as of D: a later article changes nothing."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from rich.console import Console

from offramp import cases, model
from offramp.ingest import ingest
from offramp.store import Store

pytestmark = pytest.mark.slow

CASE = "india-pakistan-2025"

# Written for this test (no case text): a third party and a quiet channel that the bundled notes do not have.
LATE_NOTE = """---
title: Ankara says it spoke to both capitals
published: {published}
url: https://example.org/offramp-test/{slug}
source: Test Wire
---
On {day} Turkey's foreign minister held separate phone calls with India's external affairs minister and
Pakistan's foreign minister and urged both to keep talking. Officials said the national security advisers
of India and Pakistan also spoke over a secret back channel the same day.
"""


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("asof") / "demo.duckdb"
    cases.build_demo(db, console=Console(file=io.StringIO()), steps=[cases.ingest_case, cases.extract_case])
    return db


def _outlook(db: Path, as_of: str):
    with Store(db, read_only=True) as store:
        return model.simulate(CASE, runs=2_000, days=30, seed=3, as_of=as_of, store=store)


def _add_note(db: Path, tmp: Path, day: dt.date, slug: str) -> None:
    path = tmp / f"{slug}.md"
    text = LATE_NOTE.format(published=day.isoformat(), slug=slug, day=day.strftime("%d %B %Y"))
    path.write_text(text, encoding="utf-8")
    with Store(db) as store:
        ingest(store, [path])


@pytest.mark.parametrize("as_of", ["2025-04-23", "2025-05-07"])
def test_inputs_are_listed_with_their_source_and_date(demo_db, as_of):
    o = _outlook(demo_db, as_of)
    assert o.summary["inputs_from"].startswith("the store")
    from_store = [i for i in o.inputs if i.source == "store"]
    assert from_store and all(i.date is None or i.date < dt.date.fromisoformat(as_of) for i in from_store)
    names = {i.name for i in o.inputs}
    assert {"back channel", "IND doctrine", "PAK doctrine"} <= names
    if as_of == "2025-05-07":  # by then the store shows the ladder and the first contacts, with their events
        assert any(i.events for i in from_store) and any(n.startswith("IND rung") for n in names)
    else:  # on 23 April it holds only the attack: the starting rungs come from the scenario file, and say so
        assert any(i.source == "scenario file" and i.name.startswith("starting rungs") for i in o.inputs)


def test_an_article_dated_after_the_as_of_date_changes_nothing(demo_db, tmp_path):
    db = tmp_path / "copy.duckdb"
    db.write_bytes(demo_db.read_bytes())
    before = _outlook(db, "2025-05-07")
    _add_note(db, tmp_path, dt.date(2025, 5, 14), "late")
    after = _outlook(db, "2025-05-07")
    assert [i.to_dict() for i in after.inputs] == [i.to_dict() for i in before.inputs]
    assert after.summary == before.summary
    # the same article dated before the as-of date is read: the test can fail
    _add_note(db, tmp_path, dt.date(2025, 5, 2), "early")
    early = _outlook(db, "2025-05-07")
    assert [i.to_dict() for i in early.inputs] != [i.to_dict() for i in before.inputs]
