"""The store: migrations, transactions, round trips of records."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

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


# ---------------------------------------------------------------- one writer

_WRITE_SQL = re.compile(r"\b(INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b", re.I)
PACKAGE = Path(__file__).resolve().parent.parent / "offramp"


def test_no_module_but_the_store_writes_sql():
    """Every write is a Store method: no INSERT, UPDATE or DELETE anywhere else in the package."""
    writers = [
        f"{path.relative_to(PACKAGE)}:{n}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "store.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _WRITE_SQL.search(line)
    ]
    assert writers == []


@pytest.mark.parametrize(
    "line",
    [
        '"INSERT INTO events BY NAME SELECT * FROM x"',
        "'UPDATE events SET n_sources = 2'",
        '"DELETE FROM claims"',
    ],
)
def test_the_writer_check_sees_a_write(line: str):
    assert _WRITE_SQL.search(line)


def test_the_writer_check_passes_a_read():
    assert not _WRITE_SQL.search("\"SELECT id FROM events WHERE type = 'ASSAULT' -- updates none\"")


def _doc(text: str) -> Document:
    return Document(text=text, title=text[:20], published=dt.date(2024, 3, 5))


def test_attached_sources_are_recounted_once_per_document(store):
    a, b = _doc("Ethiopian troops crossed into Eritrea, one wire said."), _doc("Another outlet's telling.")
    event = Event(type="ASSAULT", source=["ETH"], target=["ERI"], doc_id=a.id, evidence="crossed")
    with store.write():
        store.add_document(a)
        store.add_document(b)
        store.add_events([event])
        store.attach_sources([(event.id, EventSource(doc_id=b.id, evidence="told again")),
                              (event.id, EventSource(doc_id=b.id, evidence="and again"))])  # fmt: skip
    assert store.events()["n_sources"].tolist() == [2]
    assert len(store.event_sources()) == 3


def _rule(store: Store, event_id: str) -> str:
    from offramp.analysis.escalation import event_rungs

    rungs = event_rungs(store)
    return rungs.set_index("id").loc[event_id, "rule"]


def test_an_event_is_classified_when_written_and_again_when_filled(store):
    from offramp.ontology.rungs import RULES_KEY

    doc = _doc("Russian forces struck in the night.")
    event = Event(type="ASSAULT", source=["RUS"], target=["UKR"], doc_id=doc.id, evidence="forces struck")
    store.add_document(doc)
    store.add_events([event])
    kept = store.query("SELECT event_id, rules_key FROM event_ladder").values.tolist()
    assert kept == [[event.id, RULES_KEY]]
    assert _rule(store, event.id) == "assault_other"
    store.fill_events({event.id: {"location": "an air base near Kharkiv"}})
    assert store.events()["location"].tolist() == ["an air base near Kharkiv"]
    assert _rule(store, event.id) == "strike_military"
    assert store.query("SELECT count(*) AS n FROM event_ladder").n[0] == 1


def test_filling_an_unknown_column_is_refused(store):
    with pytest.raises(StoreError, match="no column colour"):
        store.fill_events({"ev_x": {"colour": "red"}})


def test_stale_rules_are_read_the_same_and_caught_up(crisis):
    """After the rules change (kept rows under another key), reads work the rules out as they
    go, with the same outcome; ``classify_rungs`` (a write) catches up and drops the old rows."""
    from offramp.analysis.escalation import daily_ladder, event_rungs

    kept, ladder = event_rungs(crisis), daily_ladder(crisis)
    n = len(crisis.events())
    with crisis.write() as con:  # half the rules from before the change, half from after
        con.execute("UPDATE event_ladder SET rules_key = rules_key + 1 WHERE hash(event_id) % 2 = 0")
    stale = n - crisis.query("SELECT count(*) AS n FROM event_ladder WHERE hash(event_id) % 2 = 1").n[0]
    assert 0 < stale < n
    pd.testing.assert_frame_equal(event_rungs(crisis), kept)
    pd.testing.assert_frame_equal(daily_ladder(crisis), ladder)
    assert crisis.classify_rungs() == stale
    assert crisis.classify_rungs() == 0
    assert crisis.query("SELECT count(*) AS n FROM event_ladder").n[0] == n
    pd.testing.assert_frame_equal(event_rungs(crisis), kept)


def _one_rule_per_event(store: Store) -> bool:
    """The store's promise the ladder's reads rely on: one kept rule per stored event."""
    from offramp.ontology.rungs import RULES_KEY

    row = store.con.execute(
        "SELECT (SELECT count(*) FROM events), count(*), count(DISTINCT l.event_id), count(e.id)"
        " FROM event_ladder l LEFT JOIN events e ON e.id = l.event_id WHERE l.rules_key = ?",
        [RULES_KEY],
    ).fetchone()
    return len(set(row)) == 1


def test_every_write_keeps_one_rule_per_event(store):
    import pyarrow as pa

    from offramp import schema

    a, b = _doc("Serbian units were put on alert near Kosovo."), _doc("A second report on the alert.")
    alert = Event(type="MOBILIZE", source=["SRB"], target=["XKX"], doc_id=a.id, evidence="put on alert")
    store.add_document(a)
    store.add_events([alert])
    store.add_document(b)
    store.attach_sources([(alert.id, EventSource(doc_id=b.id))])
    store.fill_events({alert.id: {"mode": "troops"}})
    assert _one_rule_per_event(store)
    rows = [{"id": f"ev_data{i}", "type": "ASSAULT", "source": ["SRB"], "target": ["XKX"], "doc_id": None,
             "date": dt.date(2023, 5, 29), "dataset": "acled", "dataset_row": i, "dataset_id": f"SRB{i}",
             "attrs": None} for i in range(3)]  # fmt: skip
    for n, name in enumerate(["first.csv", "overlapping.csv"]):
        doc = Document(text=f"dataset {name}", kind="dataset", path=name)
        table = pa.Table.from_pylist(
            [{**r, "doc_id": doc.id} for r in rows[n:]], schema=schema.arrow_schema("events", list(rows[0]))
        )
        store.add_dataset(doc, table)
        assert _one_rule_per_event(store)
    assert store.events().set_index("id").loc["ev_data1", "n_sources"] == 2
    store.clear_extraction([a.id])
    assert _one_rule_per_event(store)
    store.clear_extraction()
    assert _one_rule_per_event(store) and len(store.events()) == 3


def test_cleared_events_leave_no_kept_rule(store):
    doc = _doc("Chinese coast guard ships blocked a Philippine supply boat.")
    store.add_document(doc)
    store.add_events([Event(type="COERCE", source=["CHN"], target=["PHL"], doc_id=doc.id)])
    store.clear_extraction([doc.id])
    assert store.query("SELECT count(*) AS n FROM event_ladder").n[0] == 0


def test_redated_documents_keep_their_other_metadata(store):
    doc = Document(text="On 3 May Guyana protested.", meta={"published_text": None, "feed": "x"})
    store.add_document(doc)
    store.redate_documents(
        [(doc.id, dt.date(2024, 5, 3), "text, year of the other documents", {"feed": "x", "y": 1})]
    )
    row = store.documents().iloc[0]
    assert pd.Timestamp(row["published"]) == pd.Timestamp(2024, 5, 3)
    assert row["published_from"] == "text, year of the other documents"
    assert json.loads(row["meta"]) == {"feed": "x", "y": 1}


# ---------------------------------------------------------------- errors at the boundary


def test_a_query_error_is_a_store_error_naming_the_store(store):
    with pytest.raises(StoreError) as refused:
        store.query("SELECT no_such_column FROM events")
    assert refused.value.where == str(store.path)
    assert "BinderException" in refused.value.line() and "\n" not in refused.value.line()
    assert isinstance(refused.value.__cause__, duckdb.BinderException)


def test_a_store_error_inside_a_write_rolls_it_back(store):
    doc = _doc("Venezuela moved troops toward the Essequibo.")
    with pytest.raises(StoreError), store.write() as con:
        store.add_document(doc)
        con.execute("INSERT INTO no_such_table VALUES (1)")
    assert store.counts()["documents"] == 0
