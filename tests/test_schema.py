"""One schema: offramp/schema.py is the only place the tables are written out.

A new store is created from it; an older store is brought to it by the numbered migrations.
These tests build stores both ways (real files on disk), including one at the oldest schema
holding data, and check they end up with the same tables and that nothing stored is lost.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from offramp import schema
from offramp.analysis.escalation import daily_ladder, event_rungs
from offramp.ontology.rungs import RULES_KEY
from offramp.records import Actor, Claim, Document, Event, EventSource
from offramp.sources.acled import _SCHEMA as ACLED_SCHEMA
from offramp.store import CLAIM_COLUMNS, EVENT_COLUMNS, MIGRATIONS, SCHEMA_VERSION, SOURCE_COLUMNS, Store

_COLUMNS_SQL = (
    "SELECT table_name, column_name, ordinal_position, data_type, column_default, is_nullable"
    " FROM information_schema.columns WHERE table_schema = 'main' AND table_name <> 'schema_migrations'"
    " ORDER BY table_name, ordinal_position"
)
_CONSTRAINTS_SQL = (
    "SELECT table_name, constraint_type, constraint_column_names FROM duckdb_constraints()"
    " WHERE table_name <> 'schema_migrations' ORDER BY ALL"
)


def _migrated(path: Path, upto: int) -> duckdb.DuckDBPyConnection:
    """A DuckDB file holding the migrations up to ``upto``, applied one by one as an older
    offramp did (``schema_migrations`` records each)."""
    con = duckdb.connect(str(path))
    con.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)"
    )
    for version, name, sql in MIGRATIONS:
        if version <= upto:
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [version, name])
    return con


def test_a_new_store_has_the_tables_the_migrations_make(tmp_path: Path):
    with Store(tmp_path / "new.duckdb") as new:
        made = new.con.execute(_COLUMNS_SQL).fetchall(), new.con.execute(_CONSTRAINTS_SQL).fetchall()
        assert new.schema_version == SCHEMA_VERSION
    con = _migrated(tmp_path / "old.duckdb", SCHEMA_VERSION)
    try:
        assert (con.execute(_COLUMNS_SQL).fetchall(), con.execute(_CONSTRAINTS_SQL).fetchall()) == made
    finally:
        con.close()


@pytest.mark.parametrize("table", [t.name for t in schema.TABLES])
def test_arrow_schema_is_what_the_store_gives_back(tmp_path: Path, table: str):
    with Store(tmp_path / "s.duckdb") as store:
        got = store.con.execute(f"SELECT * FROM {table} LIMIT 0").to_arrow_table().schema
    assert got.names == schema.columns(table)
    assert [f.type for f in got] == [f.type for f in schema.arrow_schema(table)]


def test_column_lists_come_from_the_schema():
    assert schema.columns("events") == EVENT_COLUMNS
    assert schema.columns("event_sources") == SOURCE_COLUMNS
    assert schema.columns("claims") == CLAIM_COLUMNS
    assert schema.arrow_schema("events", ACLED_SCHEMA.names) == ACLED_SCHEMA


def _fields(record: type) -> list[str]:
    return [f.name for f in dataclasses.fields(record)]


@pytest.mark.parametrize(
    ("record", "table", "store_only", "record_only"),
    [
        (Event, "events", {"n_sources"}, {"sources"}),
        (Claim, "claims", set(), set()),
        (Actor, "actors", set(), set()),
        (EventSource, "event_sources", {"event_id"}, {"title", "published"}),
        (
            Document,
            "documents",
            {"word_count", "ingested_at", "extracted_at", "failed_at", "failure"},
            set(),
        ),
    ],
)
def test_each_record_has_a_field_for_each_column(record, table, store_only, record_only):
    """The records and the tables name the same things (a new column needs its field, and back)."""
    assert set(_fields(record)) - record_only == set(schema.columns(table)) - store_only


def test_event_fields_keep_the_table_order():
    """``Event`` lists its fields in the table's order (``id`` last, where a default can go)."""
    columns = [c for c in schema.columns("events") if c != "n_sources"]
    assert [f for f in _fields(Event) if f != "sources"] == [*columns[1:], columns[0]]


# ---------------------------------------------------------------- an older store upgrades

_DOC = "doc_0123456789abcdef"
_EVENT = "ev_0123456789abcdef"


def _old_rows(con: duckdb.DuckDBPyConnection) -> None:
    """A document, an event told by it, a claim and an actor, written as the first schema had them."""
    con.execute(
        "INSERT INTO documents (id, hash, kind, format, title, text, url, source, published, language,"
        " word_count, meta, ingested_at) VALUES (?, 'h1', 'article', 'text', 'Border clash',"
        " 'Armenian and Azerbaijani troops exchanged artillery fire near the border on 12 September.',"
        " 'https://example.org/clash', 'Example Wire', DATE '2022-09-13', 'en', 12, ?, now())",
        [_DOC, json.dumps({"note": "kept"})],
    )
    con.execute(
        "INSERT INTO events (id, type, source, target, date, mode, location, doc_id, evidence, attrs)"
        " VALUES (?, 'ASSAULT', ['AZE'], ['ARM'], DATE '2022-09-12', 'heavy-weapons', 'Jermuk', ?,"
        " 'Azerbaijani troops shelled Armenian positions near Jermuk.', NULL)",
        [_EVENT, _DOC],
    )
    con.execute(
        "INSERT INTO event_sources (event_id, doc_id, evidence, date) VALUES (?, ?, 'shelled positions', DATE '2022-09-12')",
        [_EVENT, _DOC],
    )
    con.execute(
        "INSERT INTO claims (id, doc_id, speaker, content, polarity) VALUES"
        " ('cl_1', ?, 'Armenia''s defence ministry', 'Azerbaijan started the shelling', 'assert')",
        [_DOC],
    )
    con.execute(
        "INSERT INTO actors (code, name, kind, aliases) VALUES ('ARM', 'Armenia', 'state', ['Yerevan']),"
        " ('AZE', 'Azerbaijan', 'state', ['Baku'])"
    )


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
@pytest.mark.parametrize("read_only", [False, True], ids=["read-write", "read-only"])
def test_an_older_store_upgrades_and_keeps_its_rows(tmp_path: Path, version: int, read_only: bool):
    path = tmp_path / f"v{version}.duckdb"
    con = _migrated(path, version)
    _old_rows(con)
    if version >= 2:  # a rule kept on the event by the offramp of migrations 2 and 3
        con.execute(
            "UPDATE events SET ladder_key = 7, ladder_rule = 3, ladder_who = 0, ladder_ceasefire = false"
        )
    con.close()

    with Store(path, read_only=read_only) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.marker("application") == "offramp"
        assert store.counts() == {
            "documents": 1, "events": 1, "event_sources": 1, "claims": 1, "actors": 2, "near_duplicates": 0,
        }  # fmt: skip
        event = store.events().iloc[0]
        assert (event["id"], list(event["source"]), event["mode"], event["n_sources"]) == (
            _EVENT, ["AZE"], "heavy-weapons", 1,
        )  # fmt: skip
        assert json.loads(store.documents().iloc[0]["meta"]) == {"note": "kept"}
        assert store.claims().iloc[0]["content"] == "Azerbaijan started the shelling"
        assert not store.failed_documents().shape[0]
        kept = store.query("SELECT event_id, rules_key, rule_ix FROM event_ladder").values.tolist()
        assert kept == ([[_EVENT, 7, 3]] if version >= 2 else [])  # the old rule moved, not lost
        # the ladder reads it (the old rule is stale under today's rules: worked out as it is read)
        rungs = event_rungs(store)
        assert rungs["rule"].tolist() == ["fire_by_mode"] and rungs["rung"].tolist() == [5]
        ladder = daily_ladder(store, sides=("ARM", "AZE"))
        assert ladder[(ladder.side == "AZE") & (ladder.date == dt.date(2022, 9, 12))]["rung"].tolist() == [5]


def test_an_upgraded_store_takes_new_rows(tmp_path: Path):
    path = tmp_path / "v1.duckdb"
    con = _migrated(path, 1)
    _old_rows(con)
    con.close()
    with Store(path) as store:
        doc = Document(text="Venezuelan and Guyanese officials met in Brasilia on 4 March.", title="Talks")
        store.add_document(doc)
        store.add_events([Event(type="CONSULT", source=["VEN"], target=["GUY"], doc_id=doc.id)])
        assert store.counts()["events"] == 2
        assert (
            store.query("SELECT count(*) AS n FROM event_ladder WHERE rules_key = ?", [RULES_KEY]).n[0] == 1
        )


def test_rows_typed_by_the_schema_go_in_by_name(tmp_path: Path):
    """A reader's table (some columns, in its own order) is written as the store types it."""
    columns = ["target", "id", "type", "date", "source", "quad"]
    table = pa.Table.from_pylist(
        [{"id": "ev_x", "type": "THREATEN", "source": ["CHN"], "target": ["TWN"], "date": dt.date(2024, 5, 23),
          "quad": 3}],
        schema=schema.arrow_schema("events", columns),
    )  # fmt: skip
    with Store(tmp_path / "s.duckdb") as store:
        assert store.insert_arrow("events", table) == 1
        row = store.events().iloc[0]
        assert (row["type"], list(row["target"]), row["quad"], row["n_sources"]) == (
            "THREATEN",
            ["TWN"],
            3,
            1,
        )


def test_event_records_name_table_columns_or_fields_they_derive():
    """``offramp events``' record shape (docs/schemas.md) takes its columns from the events table,
    and adds only the fields it derives (from ``attrs`` and the sources)."""
    from offramp.schema import EVENT_RECORD_COLUMNS

    derived = {"date_reason", "planned", "both_ways", "domestic", "weapons", "sources"}
    assert set(EVENT_RECORD_COLUMNS) - derived <= set(schema.columns("events"))
    assert derived <= set(EVENT_RECORD_COLUMNS)
