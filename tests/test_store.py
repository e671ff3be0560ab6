"""The store: migrations, transactions, round trips of records."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from offramp.errors import StoreError
from offramp.records import Claim, Document, Event, EventSource
from offramp.store import MIGRATIONS, TABLES, Store


def test_new_store_is_migrated_to_the_latest_version(store):
    assert store.schema_version == max(v for v, _, _ in MIGRATIONS)
    assert set(store.counts()) == set(TABLES)


def test_reopening_applies_no_migration_twice(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        s.add_document(Document(text="one two three"))
    with Store(path) as s:
        assert s.migrate() == []
        assert s.counts()["documents"] == 1


def test_a_failed_write_leaves_nothing_behind(store):
    doc = Document(text="a report about a border clash")
    with pytest.raises(StoreError, match="ConstraintException") as refused, store.write():
        store.add_document(doc)
        store.add_events([Event(type="ASSAULT", source=["IND"], target=["PAK"], doc_id=doc.id)])
        store.add_document(doc)  # same id again: primary key violation
    assert isinstance(refused.value.__cause__, duckdb.ConstraintException)
    assert store.counts()["documents"] == 0
    assert store.counts()["events"] == 0
    assert store.counts()["event_sources"] == 0


def test_unopenable_path_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="cannot open the store"):
        Store(tmp_path / "missing-dir" / "x.duckdb")


def test_event_sources_follow_their_event(store):
    ev = Event(
        type="ASSAULT", source=["IND"], target=["PAK"], doc_id="doc_a", evidence="India struck.",
        span_start=0, span_end=14, date=dt.date(2025, 5, 7),
    )  # fmt: skip
    store.add_events([ev])
    store.add_event_source(
        ev.id, EventSource(doc_id="doc_b", evidence="Strikes overnight.", date=dt.date(2025, 5, 6))
    )
    events = store.events()
    assert events.loc[0, "n_sources"] == 2
    sources = store.event_sources()
    assert sorted(sources["doc_id"]) == ["doc_a", "doc_b"]


def test_clear_extraction_keeps_dataset_events(store):
    store.add_events(
        [
            Event(type="ASSAULT", source=["IND"], target=["PAK"], doc_id="doc_a"),
            Event(
                type="ASSAULT", source=["IND"], target=["PAK"], doc_id="file", dataset="gdelt", dataset_id="1"
            ),
        ]
    )
    store.add_claims([Claim(speaker="X", content="y", doc_id="doc_a")])
    store.clear_extraction(["doc_a"])
    assert store.counts()["events"] == 1
    assert store.events().loc[0, "dataset"] == "gdelt"
    assert store.counts()["claims"] == 0


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("rt") / "s.duckdb") as s:
        yield s


codes = st.lists(st.sampled_from(["IND", "PAK", "USA", "GBR", "IMF", "MIL"]), max_size=3)
texts = st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=40)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    type_=st.sampled_from(["ASSAULT", "AGREE", "CONSULT", "AID", "THREATEN"]),
    source=codes,
    target=codes,
    date=st.none() | st.dates(dt.date(1947, 1, 1), dt.date(2030, 12, 31)),
    fatalities=st.none() | st.integers(0, 100_000),
    amount=st.none() | st.floats(0, 1e12, allow_nan=False),
    evidence=texts,
)
def test_event_round_trip(shared_store, type_, source, target, date, fatalities, amount, evidence):
    s = shared_store
    with s.write() as con:
        con.execute("DELETE FROM events; DELETE FROM event_sources")
    ev = Event(
        type=type_, source=source, target=target, date=date, fatalities=fatalities,
        amount_usd=amount, evidence=evidence, doc_id="d",
    )  # fmt: skip
    s.add_events([ev])
    row = s.events().iloc[0]
    assert row["id"] == ev.id
    assert list(row["source"]) == source and list(row["target"]) == target
    assert (row["date"].date() if date else None) == date
    assert (None if pd.isna(row["fatalities"]) else int(row["fatalities"])) == fatalities
    assert (None if pd.isna(row["amount_usd"]) else row["amount_usd"]) == amount
    assert row["evidence"] == evidence


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(speaker=texts.filter(str.strip), content=texts.filter(str.strip), about=codes)
def test_claim_round_trip(shared_store, speaker, content, about):
    s = shared_store
    with s.write() as con:
        con.execute("DELETE FROM claims")
    s.add_claims([Claim(speaker=speaker, content=content, about=about, polarity="deny", doc_id="d")])
    row = s.claims().iloc[0]
    assert (row["speaker"], row["content"], list(row["about"]), row["polarity"]) == (
        speaker,
        content,
        about,
        "deny",
    )


def test_store_summary_reads(crisis):
    """What `status` and the demo show: spans, documents by source, events by origin."""
    events = crisis.events()
    lo, hi = crisis.event_span()
    assert pd.Timestamp(lo) == pd.Timestamp(events["date"].min())
    assert pd.Timestamp(hi) == max(pd.Timestamp(events["date"].max()), pd.Timestamp(events["date_end"].max()))
    first, last = crisis.article_span()
    assert first <= last
    by_source = crisis.documents_by_source()
    assert by_source["documents"].sum() == crisis.counts()["documents"]
    by_origin = crisis.events_by_origin()
    assert by_origin["events"].sum() == crisis.counts()["events"]
    assert crisis.extracted_events() == int(
        (by_origin["origin"] == "extracted").mul(by_origin["events"]).sum()
    )


def test_rows_of_a_table_and_no_other(crisis):
    assert len(crisis.rows("events")) == crisis.counts()["events"]
    with pytest.raises(StoreError, match="no table 'events; DROP TABLE events'"):
        crisis.rows("events; DROP TABLE events")
