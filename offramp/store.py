"""The DuckDB store: schema, numbered migrations, and the single writer.

DuckDB allows one writer per file, so every write is a ``Store`` method running
inside ``Store.write()``, a transaction: an input either lands whole (its document,
events, sources and claims) or not at all; no other module runs an INSERT, UPDATE or
DELETE. Bulk rows go in as Arrow tables (``INSERT ... BY NAME``), never row by row.
Writing an event also keeps its escalation-ladder rule (``classify_rungs``), so every
read is only a read.

The tables are written out once, in ``offramp.schema``: a new store is created from
it, and the numbered ``MIGRATIONS`` bring an older store to the same tables.

Any DuckDB error raised through ``Store.con`` reaches the caller as a ``StoreError``
(one line, with a hint); Ctrl-C inside DuckDB stays ``duckdb.InterruptException``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import config, schema
from .errors import StoreError
from .ontology.rungs import RULES_KEY, classify_sql
from .records import Actor, Claim, Document, Event, EventSource

__all__ = ["DEFAULT_DB", "MIGRATIONS", "SCHEMA_VERSION", "Store", "default_path", "open"]

DEFAULT_DB = "offramp.duckdb"

# Numbered migrations: (version, name, SQL), to bring an older store to ``offramp.schema``
# (a new store is created from the schema directly). Append, never edit a shipped one.
MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "initial schema",
        """
        CREATE TABLE documents (
            id VARCHAR PRIMARY KEY,
            hash VARCHAR NOT NULL UNIQUE,
            kind VARCHAR NOT NULL,
            format VARCHAR,
            title VARCHAR,
            text VARCHAR,
            url VARCHAR,
            source VARCHAR,
            published DATE,
            published_from VARCHAR,
            language VARCHAR,
            path VARCHAR,
            word_count INTEGER,
            meta JSON,
            ingested_at TIMESTAMP NOT NULL,
            extracted_at TIMESTAMP
        );
        CREATE TABLE near_duplicates (
            doc_id VARCHAR NOT NULL,
            other_id VARCHAR NOT NULL,
            similarity DOUBLE NOT NULL,
            PRIMARY KEY (doc_id, other_id)
        );
        CREATE TABLE minhashes (
            doc_id VARCHAR PRIMARY KEY,
            signature BLOB NOT NULL
        );
        CREATE TABLE actors (
            code VARCHAR PRIMARY KEY,
            name VARCHAR NOT NULL,
            kind VARCHAR,
            country VARCHAR,
            sector VARCHAR,
            parent VARCHAR,
            aliases VARCHAR[],
            source_url VARCHAR,
            attrs JSON
        );
        CREATE TABLE events (
            id VARCHAR PRIMARY KEY,
            type VARCHAR NOT NULL,
            source VARCHAR[],
            target VARCHAR[],
            date DATE,
            date_end DATE,
            date_inferred BOOLEAN DEFAULT FALSE,
            date_text VARCHAR,
            time VARCHAR,
            mode VARCHAR,
            context VARCHAR[],
            quad TINYINT,
            cameo VARCHAR,
            cameo_root VARCHAR,
            score DOUBLE,
            goldstein DOUBLE,
            source_text VARCHAR,
            target_text VARCHAR,
            location VARCHAR,
            country VARCHAR,
            lat DOUBLE,
            lon DOUBLE,
            geo_precision TINYINT,
            fatalities INTEGER,
            injured INTEGER,
            amount_usd DOUBLE,
            certainty VARCHAR,
            negated BOOLEAN DEFAULT FALSE,
            doc_id VARCHAR,
            evidence VARCHAR,
            span_start INTEGER,
            span_end INTEGER,
            dataset VARCHAR,
            dataset_row BIGINT,
            dataset_id VARCHAR,
            extractor VARCHAR,
            attrs JSON,
            n_sources INTEGER DEFAULT 1
        );
        CREATE TABLE event_sources (
            event_id VARCHAR NOT NULL,
            doc_id VARCHAR NOT NULL,
            evidence VARCHAR,
            span_start INTEGER,
            span_end INTEGER,
            date DATE,
            date_end DATE,
            date_text VARCHAR,
            dataset VARCHAR,
            dataset_row BIGINT,
            dataset_id VARCHAR,
            url VARCHAR
        );
        CREATE TABLE claims (
            id VARCHAR PRIMARY KEY,
            doc_id VARCHAR,
            speaker VARCHAR NOT NULL,
            speaker_actor VARCHAR,
            speaker_person VARCHAR,
            cue VARCHAR,
            content VARCHAR NOT NULL,
            polarity VARCHAR NOT NULL,
            form VARCHAR,
            evidence VARCHAR,
            span_start INTEGER,
            span_end INTEGER,
            date DATE,
            about VARCHAR[],
            extractor VARCHAR,
            attrs JSON
        );
        """,
    ),
    (
        2,
        "escalation rule kept on each event",
        # Filled by offramp.analysis.escalation.classify_events, keyed on the version of its rules.
        """
        ALTER TABLE events ADD COLUMN ladder_key INTEGER;
        ALTER TABLE events ADD COLUMN ladder_rule SMALLINT;
        ALTER TABLE events ADD COLUMN ladder_who INTEGER;
        ALTER TABLE events ADD COLUMN ladder_ceasefire BOOLEAN;
        """,
    ),
    (
        3,
        "offramp marker and failed documents",
        # The marker tells an offramp store from any other DuckDB file (see Store._check).
        # A document whose extraction failed keeps why, and later extractions skip it.
        """
        CREATE TABLE offramp_store (key VARCHAR PRIMARY KEY, value VARCHAR);
        INSERT INTO offramp_store VALUES ('application', 'offramp');
        ALTER TABLE documents ADD COLUMN failed_at TIMESTAMP;
        ALTER TABLE documents ADD COLUMN failure VARCHAR;
        """,
    ),
    (
        4,
        "escalation rules in their own table",
        # Written when events are written (Store.classify_rungs), so reading the ladder never writes.
        """
        CREATE TABLE event_ladder (
            event_id VARCHAR NOT NULL,
            rules_key INTEGER NOT NULL,
            rule_ix SMALLINT,
            who INTEGER,
            ceasefire BOOLEAN
        );
        INSERT INTO event_ladder SELECT id, ladder_key, ladder_rule, ladder_who, ladder_ceasefire
            FROM events WHERE ladder_key IS NOT NULL;
        ALTER TABLE events DROP COLUMN ladder_key;
        ALTER TABLE events DROP COLUMN ladder_rule;
        ALTER TABLE events DROP COLUMN ladder_who;
        ALTER TABLE events DROP COLUMN ladder_ceasefire;
        """,
    ),
]
SCHEMA_VERSION = max(version for version, _, _ in MIGRATIONS)
_MIGRATIONS_TABLE = "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)"

EVENT_COLUMNS = schema.columns("events")
SOURCE_COLUMNS = schema.columns("event_sources")
CLAIM_COLUMNS = schema.columns("claims")

TABLES = ["documents", "events", "event_sources", "claims", "actors", "near_duplicates"]


def default_path() -> Path:
    """``$OFFRAMP_DB`` if set, else ``offramp.duckdb`` in the working directory."""
    return Path(config.get("db"))


# What to do when DuckDB refuses a statement: the store (or what was asked of it) is at fault.
_DATABASE_HINT = (
    "nothing was changed; if the file was damaged or edited outside offramp, restore a backup"
    " or build a new store with `offramp ingest`"
)


def database_error(exc: duckdb.Error, where: str) -> StoreError:
    """A DuckDB error as the one-line ``StoreError`` the caller sees (the original as its cause)."""
    first = " ".join(str(exc).split("\n")[0].split())[:300]
    error = StoreError(
        f"the store could not be read or written ({type(exc).__name__}: {first})",
        where=where,
        hint=_DATABASE_HINT,
    )
    error.__cause__ = exc
    return error


def database_cause(exc: BaseException) -> BaseException:
    """The DuckDB error behind a ``StoreError`` raised through ``Store.con``; any other error as it is."""
    cause = exc.__cause__
    return cause if isinstance(exc, StoreError) and isinstance(cause, duckdb.Error) else exc


class _Connection:
    """The store's DuckDB connection, turning each DuckDB error into a ``StoreError`` where it
    crosses into offramp (Ctrl-C, ``duckdb.InterruptException``, passes through as it is).
    Every method of ``duckdb.DuckDBPyConnection`` is offered; one that returns the connection
    (``execute``) returns this wrapper, so fetching its result is guarded too."""

    __slots__ = ("_con", "_where")

    def __init__(self, con: duckdb.DuckDBPyConnection, where: str):
        self._con = con
        self._where = where

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._con, name)
        if not callable(attr):
            return attr

        def call(*args: Any, **kwargs: Any) -> Any:
            try:
                out = attr(*args, **kwargs)
            except duckdb.InterruptException:
                raise
            except duckdb.Error as exc:
                raise database_error(exc, self._where) from exc
            return self if out is self._con else out

        return call


def _json(value: Any) -> str | None:
    if value is None or value == {}:
        return None
    return json.dumps(value, default=str, sort_keys=True)


class Store:
    """One DuckDB file holding documents, events, claims and actors.

    Opening checks the file first (``_check``): an empty file becomes a new store;
    an offramp store of an older schema is migrated; anything else (a newer schema,
    another program's database, tables changed by hand) is refused before a byte is
    written.
    """

    con: duckdb.DuckDBPyConnection  # a ``_Connection``: DuckDB's errors come out as ``StoreError``

    def __init__(self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False):
        self.path = Path(path) if path is not None else default_path()
        self.read_only = read_only
        self.con = self._connect(read_only)
        self._in_transaction = False
        try:
            self._check(read_only)
        except BaseException:
            self.con.close()
            raise

    def _connect(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        try:
            con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(
                f"cannot open the store: {str(exc).splitlines()[0]}",
                where=str(self.path),
                hint="check the path, or close the other program writing to it",
            ) from None
        return _Connection(con, str(self.path))  # type: ignore[return-value]

    def _check(self, read_only: bool) -> None:
        tables = _tables(self.con)
        if not tables:
            if read_only:
                raise StoreError(
                    "an empty DuckDB file, not an offramp store",
                    where=str(self.path),
                    hint="run `offramp ingest PATH --db FILE` to fill it",
                )
            self.migrate()
            return
        if not _is_offramp(self.con, tables):
            shown = ", ".join(sorted(tables)[:6]) + (", ..." if len(tables) > 6 else "")
            raise StoreError(
                f"not an offramp store (it holds other tables: {shown}); it was left untouched",
                where=str(self.path),
                hint="give --db a new file name",
            )
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"written by a newer offramp (store schema version {version}; this offramp reads up to {SCHEMA_VERSION})",
                where=str(self.path),
                hint="upgrade offramp (pip install --upgrade offramp) to open it",
            )
        if self._applied() != {v for v, _, _ in MIGRATIONS}:  # an older store: upgrade it
            if read_only:  # upgrade once, then read as asked
                self.con.close()
                self.con = self._connect(False)
                self.migrate()
                self.con.close()
                self.con = self._connect(True)
            else:
                self.migrate()
        missing = _missing_columns(self.con)
        if missing:
            raise StoreError(
                f"the store's tables were changed outside offramp ({missing[0]}"
                + (f" and {len(missing) - 1} more" if len(missing) > 1 else "")
                + ")",
                where=str(self.path),
                hint="restore a backup, or build a new store with `offramp ingest`",
            )

    # -- lifecycle -------------------------------------------------------

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def migrate(self) -> list[int]:
        """Apply the migrations this file has not seen yet; return their numbers. An empty
        file gets the tables of ``offramp.schema`` at once, and every migration is recorded."""
        if not _tables(self.con):
            return self._create()
        self.con.execute(_MIGRATIONS_TABLE)
        done = self._applied()
        applied = []
        for version, name, sql in MIGRATIONS:
            if version in done:
                continue
            with self.write():
                self.con.execute(sql)
                self.con.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, name, dt.datetime.now()]
                )
            applied.append(version)
        return applied

    def _create(self) -> list[int]:
        with self.write() as con:
            con.execute(_MIGRATIONS_TABLE)
            con.execute(schema.ddl())
            con.execute("INSERT INTO offramp_store VALUES ('application', 'offramp')")
            now = dt.datetime.now()
            con.executemany(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                [[v, name, now] for v, name, _ in MIGRATIONS],
            )
        return [version for version, _, _ in MIGRATIONS]

    def _applied(self) -> set[int]:
        return {row[0] for row in self.con.execute("SELECT version FROM schema_migrations").fetchall()}

    @property
    def schema_version(self) -> int:
        row = self.con.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    # -- writing ---------------------------------------------------------

    @contextlib.contextmanager
    def write(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A write transaction; nested calls join the outer one. On any error
        everything written inside is rolled back."""
        if self._in_transaction:
            yield self.con
            return
        self.con.execute("BEGIN TRANSACTION")
        self._in_transaction = True
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        else:
            self.con.execute("COMMIT")
        finally:
            self._in_transaction = False

    def mark(self, key: str, value: str) -> None:
        """Set one of the store's own facts (``offramp_store``), e.g. that it is a demo store."""
        with self.write() as con:
            con.execute("INSERT OR REPLACE INTO offramp_store VALUES (?, ?)", [key, value])

    def marker(self, key: str) -> str | None:
        row = self.con.execute("SELECT value FROM offramp_store WHERE key = ?", [key]).fetchone()
        return str(row[0]) if row else None

    def mark_failed(self, doc_id: str, reason: str) -> None:
        """Record that extraction failed on this document, and why; later extractions skip it."""
        with self.write() as con:
            con.execute(
                "UPDATE documents SET failed_at = ?, failure = ? WHERE id = ?",
                [dt.datetime.now(), reason, doc_id],
            )

    def clear_failures(self, doc_ids: Sequence[str]) -> None:
        with self.write() as con:
            con.execute(
                "UPDATE documents SET failed_at = NULL, failure = NULL WHERE id IN (SELECT unnest(?))",
                [list(doc_ids)],
            )

    def failed_documents(self) -> pd.DataFrame:
        """Articles whose extraction failed: id, path or URL, title, the reason, when."""
        return self.query(
            "SELECT id, coalesce(path, url) AS input, title, failure, failed_at FROM documents"
            " WHERE failed_at IS NOT NULL ORDER BY failed_at, id"
        )

    def has_document(self, content_hash: str) -> str | None:
        """The id of the stored document with this content hash, if any."""
        row = self.con.execute("SELECT id FROM documents WHERE hash = ?", [content_hash]).fetchone()
        return row[0] if row else None

    def document_hashes(self) -> dict[str, str]:
        """Every stored document's content hash with its id (what ``has_document`` answers, in one
        query for a whole ingest)."""
        return dict(self.con.execute("SELECT hash, id FROM documents").fetchall())

    def add_document(self, doc: Document) -> None:
        with self.write() as con:
            con.execute(
                "INSERT INTO documents (id, hash, kind, format, title, text, url, source, published,"
                " published_from, language, path, word_count, meta, ingested_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    doc.id, doc.hash, doc.kind, doc.format, doc.title,
                    doc.text if doc.kind == "article" else None,
                    doc.url, doc.source, doc.published, doc.published_from, doc.language,
                    doc.path, doc.word_count if doc.kind == "article" else None,
                    _json(doc.meta), dt.datetime.now(),
                ],
            )  # fmt: skip

    # what ``ingest --update`` may correct on a stored document
    UPDATABLE = ("title", "url", "source", "published", "published_from")

    def update_document(self, doc_id: str, values: dict[str, Any]) -> None:
        """Correct a stored document's metadata (only the ``UPDATABLE`` columns)."""
        unknown = sorted(set(values) - set(self.UPDATABLE))
        if unknown:
            raise StoreError(f"cannot update {', '.join(unknown)} of a document", where=doc_id)
        if not values:
            return
        names = list(values)
        with self.write() as con:
            con.execute(
                f"UPDATE documents SET {', '.join(f'{n} = ?' for n in names)} WHERE id = ?",
                [*(values[n] for n in names), doc_id],
            )

    def redate_documents(self, dates: Sequence[tuple[str, dt.date, str, dict[str, Any]]]) -> None:
        """Give stored documents the reference date found for them afterwards:
        (doc id, the date, where it came from, the document's whole new ``meta``)."""
        if not dates:
            return
        with self.write() as con:
            con.executemany(
                "UPDATE documents SET published = ?, published_from = ?, meta = ? WHERE id = ?",
                [[day, found, json.dumps(meta), doc_id] for doc_id, day, found, meta in dates],
            )

    def add_minhash(self, doc_id: str, signature: bytes) -> None:
        with self.write() as con:
            con.execute("INSERT OR REPLACE INTO minhashes VALUES (?, ?)", [doc_id, signature])

    def link_near_duplicate(self, doc_id: str, other_id: str, similarity: float) -> None:
        with self.write() as con:
            con.execute(
                "INSERT OR REPLACE INTO near_duplicates VALUES (?, ?, ?)", [doc_id, other_id, similarity]
            )

    def minhashes(self) -> list[tuple[str, bytes]]:
        return [
            (r[0], bytes(r[1]))
            for r in self.con.execute("SELECT doc_id, signature FROM minhashes").fetchall()
        ]

    def insert_arrow(self, table: str, data: pa.Table) -> int:
        """Bulk-insert an Arrow table into ``table`` by column name; returns rows written.
        Events written so get their ladder rule kept (``classify_rungs``)."""
        if data.num_rows == 0:
            return 0
        name = f"_incoming_{table}"
        with self.write() as con:
            con.register(name, data)
            try:
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {name}")
            finally:
                con.unregister(name)
            if table == "events":
                self._keep_rungs(data.column("id"))
        return data.num_rows

    def add_events(self, events: Sequence[Event]) -> int:
        """Insert new events and their sources in one transaction."""
        if not events:
            return 0
        rows = [_event_row(e) for e in events]
        sources = [_source_row(e.id, s) for e in events for s in e.sources]
        with self.write():
            self.insert_arrow("events", _arrow(rows, "events"))
            if sources:
                self.insert_arrow("event_sources", _arrow(sources, "event_sources"))
        return len(rows)

    def add_event_source(self, event_id: str, source: EventSource) -> None:
        """Attach one more document's telling to an existing (merged) event."""
        self.attach_sources([(event_id, source)])

    def attach_sources(self, tellings: Sequence[tuple[str, EventSource]]) -> None:
        """Attach more documents' tellings (event id, telling) to stored events in one insert,
        then recount those events' sources."""
        if not tellings:
            return
        rows = [_source_row(event_id, s) for event_id, s in tellings]
        with self.write():
            self.insert_arrow("event_sources", _arrow(rows, "event_sources"))
            self.recount_sources(sorted({event_id for event_id, _ in tellings}))

    def recount_sources(self, event_ids: Sequence[str]) -> None:
        """Set each of these events' ``n_sources`` to the distinct documents that tell it."""
        if not event_ids:
            return
        with self.write() as con:
            con.execute(
                "UPDATE events SET n_sources = s.n FROM (SELECT event_id, count(DISTINCT doc_id) AS n"
                " FROM event_sources WHERE event_id IN (SELECT unnest(?)) GROUP BY event_id) s"
                " WHERE events.id = s.event_id",
                [list(event_ids)],
            )

    def fill_events(self, filled: Mapping[str, Mapping[str, Any]]) -> None:
        """Write what later tellings supplied to stored events (``{event id: {column: value}}``);
        their ladder rule is worked out again."""
        unknown = sorted({name for fields in filled.values() for name in fields} - set(EVENT_COLUMNS))
        if unknown:
            raise StoreError(f"events have no column {', '.join(unknown)}")
        ids = [event_id for event_id, fields in filled.items() if fields]
        if not ids:
            return
        with self.write() as con:
            for event_id in ids:
                fields = filled[event_id]
                columns = ", ".join(f"{name} = ?" for name in fields)
                con.execute(f"UPDATE events SET {columns} WHERE id = ?", [*fields.values(), event_id])
            self._keep_rungs(ids)

    def absorb_events(self, absorbed: Mapping[str, str]) -> None:
        """Fold stored events into the events they were found to be (``{absorbed id: kept id}``):
        their tellings move to the kept event, the absorbed rows and their ladder rules go, and
        the kept events' sources are counted again."""
        if not absorbed:
            return
        gone = list(absorbed)
        with self.write() as con:
            con.execute(
                "UPDATE event_sources SET event_id = m.kept FROM (SELECT unnest(?) AS gone, unnest(?) AS kept) m"
                " WHERE event_sources.event_id = m.gone",
                [gone, [absorbed[g] for g in gone]],
            )
            con.execute("DELETE FROM event_ladder WHERE event_id IN (SELECT unnest(?))", [gone])
            con.execute("DELETE FROM events WHERE id IN (SELECT unnest(?))", [gone])
            self.recount_sources(sorted(set(absorbed.values())))

    def add_dataset(self, doc: Document, events: pa.Table) -> int:
        """Store an event dataset file (its document and its rows as events, each row its own
        source) in one transaction; returns the events inserted. A row already stored from
        another file (overlapping exports) is not inserted again: this file becomes one more
        source of it."""
        with self.write() as con:
            self.add_document(doc)
            con.register("_dataset_events", events)
            try:
                repeats = con.execute(
                    "SELECT id FROM _dataset_events JOIN events USING (id)"
                ).to_arrow_table()
            finally:
                con.unregister("_dataset_events")
            new = events
            if repeats.num_rows:
                seen = pc.is_in(events.column("id"), value_set=repeats.column("id"))
                new = events.filter(pc.invert(seen))
            n = self.insert_arrow("events", new)
            con.execute(
                "INSERT INTO event_sources (event_id, doc_id, evidence, date, date_end, dataset, dataset_row,"
                " dataset_id, url) SELECT id, doc_id, evidence, date, date_end, dataset, dataset_row, dataset_id,"
                " json_extract_string(attrs, '$.url') FROM events WHERE doc_id = ?",
                [doc.id],
            )
            if repeats.num_rows:
                again = events.filter(seen)
                con.register("_dataset_repeats", again)
                try:
                    con.execute(
                        "INSERT INTO event_sources (event_id, doc_id, date, dataset, dataset_row, dataset_id, url)"
                        " SELECT id, ?, date, dataset, dataset_row, dataset_id, json_extract_string(attrs, '$.url')"
                        " FROM _dataset_repeats",
                        [doc.id],
                    )
                finally:
                    con.unregister("_dataset_repeats")
                self.recount_sources(again.column("id").to_pylist())
        return n

    def classify_rungs(self) -> int:
        """Keep the ladder rule of every event that has none under the current rules
        (``offramp.ontology.rungs.RULES_KEY``), dropping those kept under older rules; returns
        how many. Events are classified as they are written, so this only catches up after the
        rules changed. A read-only store is left as it is (its reads work the missing rules out)."""
        stale = (
            "SELECT * FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_ladder l"
            f" WHERE l.event_id = e.id AND l.rules_key = {RULES_KEY})"
        )
        row = self.con.execute(f"SELECT count(*) FROM ({stale})").fetchone()
        n = int(row[0]) if row else 0
        if not n or self.read_only:
            return 0
        with self.write() as con:
            con.execute(f"DELETE FROM event_ladder WHERE rules_key <> {RULES_KEY}")
            con.execute(f"INSERT INTO event_ladder {classify_sql(stale)}")
        return n

    def _keep_rungs(self, ids: pa.ChunkedArray | pa.Array | list[str]) -> None:
        """Work out (again) and keep the ladder rule of these stored events."""
        with self.write() as con:
            con.register("_rung_ids", pa.table({"id": ids}))
            try:
                con.execute("DELETE FROM event_ladder WHERE event_id IN (SELECT id FROM _rung_ids)")
                con.execute(
                    "INSERT INTO event_ladder "
                    + classify_sql("SELECT * FROM events WHERE id IN (SELECT id FROM _rung_ids)")
                )
            finally:
                con.unregister("_rung_ids")

    def add_claims(self, claims: Sequence[Claim]) -> int:
        if not claims:
            return 0
        rows = []
        for c in claims:
            row = asdict(c)
            row["attrs"] = _json(row["attrs"])
            rows.append({k: row.get(k) for k in CLAIM_COLUMNS})
        return self.insert_arrow("claims", _arrow(rows, "claims"))

    def upsert_actors(self, actors: Iterable[Actor]) -> int:
        rows = []
        for a in actors:
            row = asdict(a)
            row["attrs"] = _json(row["attrs"])
            rows.append(row)
        if not rows:
            return 0
        with self.write() as con:
            codes = [r["code"] for r in rows]
            con.execute("DELETE FROM actors WHERE code IN (SELECT unnest(?))", [codes])
            self.insert_arrow("actors", _arrow(rows, "actors"))
        return len(rows)

    def clear_extraction(self, doc_ids: Sequence[str] | None = None) -> None:
        """Remove extracted (non-dataset) events, sources and claims, for re-extraction."""
        with self.write() as con:
            if doc_ids is None:
                con.execute("DELETE FROM event_sources WHERE dataset IS NULL")
                con.execute("DELETE FROM events WHERE dataset IS NULL")
                con.execute("DELETE FROM event_ladder WHERE event_id NOT IN (SELECT id FROM events)")
                con.execute("DELETE FROM claims")
                con.execute("UPDATE documents SET extracted_at = NULL")
                return
            ids = list(doc_ids)
            touched = [
                r[0]
                for r in con.execute(
                    "SELECT DISTINCT event_id FROM event_sources WHERE dataset IS NULL AND doc_id IN (SELECT unnest(?))",
                    [ids],
                ).fetchall()
            ]
            if touched:
                con.execute(
                    "DELETE FROM event_sources WHERE dataset IS NULL AND doc_id IN (SELECT unnest(?))", [ids]
                )
                con.execute(
                    "DELETE FROM events WHERE id IN (SELECT unnest(?))"
                    " AND id NOT IN (SELECT event_id FROM event_sources WHERE event_id IN (SELECT unnest(?)))",
                    [touched, touched],
                )
                con.execute(
                    "DELETE FROM event_ladder WHERE event_id IN (SELECT unnest(?))"
                    " AND event_id NOT IN (SELECT id FROM events)",
                    [touched],
                )
                self.recount_sources(touched)
            con.execute("DELETE FROM claims WHERE doc_id IN (SELECT unnest(?))", [ids])
            con.execute("UPDATE documents SET extracted_at = NULL WHERE id IN (SELECT unnest(?))", [ids])

    def mark_extracted(self, doc_ids: str | Sequence[str]) -> None:
        ids = [doc_ids] if isinstance(doc_ids, str) else list(doc_ids)
        with self.write() as con:
            con.execute(
                "UPDATE documents SET extracted_at = ? WHERE id IN (SELECT unnest(?))",
                [dt.datetime.now(), ids],
            )

    # -- reading ---------------------------------------------------------

    def query(self, sql: str, params: Sequence[Any] | None = None) -> pd.DataFrame:
        return self.con.execute(sql, params or []).df()

    def documents(self) -> pd.DataFrame:
        return self.query("SELECT * FROM documents ORDER BY ingested_at, id")

    def near_duplicate_roots(self) -> dict[str, str]:
        """Doc id -> the first copy of its near-duplicate cluster, for every document in a cluster
        (the first copy maps to itself); links may chain or pair up, as older stores made them."""
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            while parent.get(x, x) != x:
                x = parent[x]
            return x

        for a, b in self.con.execute("SELECT doc_id, other_id FROM near_duplicates").fetchall():
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
        roots = {d: find(d) for d in parent}
        for root in set(roots.values()):
            roots.setdefault(root, root)
        return roots

    def events(self) -> pd.DataFrame:
        return self.query("SELECT * FROM events ORDER BY date NULLS LAST, id")

    def event_sources(self) -> pd.DataFrame:
        return self.query("SELECT * FROM event_sources ORDER BY event_id, doc_id")

    def claims(self) -> pd.DataFrame:
        return self.query("SELECT * FROM claims ORDER BY doc_id, span_start")

    def actors(self) -> pd.DataFrame:
        return self.query("SELECT * FROM actors ORDER BY code")

    def counts(self) -> dict[str, int]:
        return {t: int(self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in TABLES}  # type: ignore[index]

    def rows(self, table: str) -> pd.DataFrame:
        """Every row of one of ``TABLES``, as stored (``offramp export``)."""
        if table not in TABLES:
            raise StoreError(f"no table {table!r}", hint=f"use one of {', '.join(TABLES)}")
        return self.query(f"SELECT * FROM {table}")

    # what `offramp status` and the demo show of a store

    def event_span(self) -> tuple[Any, Any]:
        """The first and the last day any event covers (``None`` when there are none)."""
        row = self.con.execute("SELECT min(date), max(coalesce(date_end, date)) FROM events").fetchone()
        return (row[0], row[1]) if row else (None, None)

    def article_span(self) -> tuple[Any, Any]:
        """The first and the last publication date of the articles (``None`` when unknown)."""
        row = self.con.execute(
            "SELECT min(published), max(published) FROM documents WHERE kind = 'article'"
        ).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def documents_by_source(self) -> pd.DataFrame:
        """``source, kind, documents``: documents per outlet, most first."""
        return self.query(
            "SELECT coalesce(source, '(unknown)') AS source, kind, count(*) AS documents"
            " FROM documents GROUP BY ALL ORDER BY documents DESC, source"
        )

    def events_by_origin(self) -> pd.DataFrame:
        """``origin, type, events``: events per dataset (or ``extracted``) and type."""
        return self.query(
            "SELECT coalesce(dataset, 'extracted') AS origin, type, count(*) AS events"
            " FROM events GROUP BY ALL ORDER BY origin, events DESC, type"
        )

    def extracted_events(self) -> int:
        """How many events were extracted from articles (not read from a dataset)."""
        row = self.con.execute("SELECT count(*) FROM events WHERE dataset IS NULL").fetchone()
        return int(row[0]) if row else 0

    def document_ids(self, *, unextracted_only: bool = False, failed: bool = False) -> list[str]:
        """Stored articles' ids in ingest order: those not failed, or (``failed``) only the failed."""
        where = "kind = 'article'" + (" AND extracted_at IS NULL" if unextracted_only else "")
        where += " AND failed_at IS NOT NULL" if failed else " AND failed_at IS NULL"
        return [
            r[0]
            for r in self.con.execute(
                f"SELECT id FROM documents WHERE {where} ORDER BY ingested_at, id"
            ).fetchall()
        ]

    def get_document(self, doc_id: str) -> Document:
        row = self.con.execute(
            "SELECT id, hash, kind, format, title, text, url, source, published, published_from,"
            " language, path, meta FROM documents WHERE id = ?",
            [doc_id],
        ).fetchone()
        if row is None:
            raise StoreError(f"no document {doc_id!r}", where=str(self.path))
        meta = json.loads(row[12]) if row[12] else {}
        return Document(
            id=row[0], hash=row[1], kind=row[2], format=row[3], title=row[4], text=row[5] or "",
            url=row[6], source=row[7], published=row[8], published_from=row[9], language=row[10],
            path=row[11], meta=meta,
        )  # fmt: skip


def open(path: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> Store:  # noqa: A001
    """Open (and create or migrate) the store at ``path``; see ``Store``."""
    return Store(path, read_only=read_only)


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables"
        " WHERE table_catalog = current_database() AND table_schema = 'main'"
    ).fetchall()
    return {r[0] for r in rows}


def _is_offramp(con: duckdb.DuckDBPyConnection, tables: set[str]) -> bool:
    """The marker says so; a store from before the marker has offramp's first migration."""
    if "schema_migrations" not in tables:
        return False
    if "offramp_store" in tables:
        row = con.execute("SELECT value FROM offramp_store WHERE key = 'application'").fetchone()
        return row is not None and row[0] == "offramp"
    first = con.execute("SELECT name FROM schema_migrations WHERE version = 1").fetchone()
    return "documents" in tables and first is not None and first[0] == MIGRATIONS[0][1]


def _columns(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, str]]:
    """Every table's columns and their DuckDB types, as the store has them."""
    rows = con.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns"
        " WHERE table_catalog = current_database() AND table_schema = 'main'"
    ).fetchall()
    have: dict[str, dict[str, str]] = {}
    for table, column, type_ in rows:
        have.setdefault(table, {})[column] = type_
    return have


def _missing_columns(con: duckdb.DuckDBPyConnection) -> list[str]:
    """What ``offramp.schema`` has that the store lacks or types otherwise: ``no table t``,
    ``no column t.c`` or ``column t.c is X, not Y``."""
    have = _columns(con)
    missing: list[str] = []
    for table in sorted(schema.TABLES, key=lambda t: t.name):
        if table.name not in have:
            missing.append(f"no table {table.name}")
            continue
        stored = have[table.name]
        missing += [f"no column {table.name}.{c.name}" for c in sorted(table.columns, key=lambda c: c.name)
                    if c.name not in stored]  # fmt: skip
        missing += [
            f"column {table.name}.{c.name} is {stored[c.name]}, not {c.type}"
            for c in table.columns
            if c.name in stored and stored[c.name] != c.type
        ]
    return missing


def _arrow(rows: list[dict[str, Any]], table: str) -> pa.Table:
    """Rows as an Arrow table of ``table``'s columns and types (a missing key is NULL)."""
    columns = schema.arrow_schema(table)
    return pa.Table.from_pylist([{c: r.get(c) for c in columns.names} for r in rows], schema=columns)


def _event_row(e: Event) -> dict[str, Any]:
    row = {c: getattr(e, c, None) for c in EVENT_COLUMNS}
    row["attrs"] = _json(e.attrs)
    row["n_sources"] = max(1, len({s.doc_id for s in e.sources}))
    return row


def _source_row(event_id: str, s: EventSource) -> dict[str, Any]:
    row = {c: getattr(s, c, None) for c in SOURCE_COLUMNS if c != "event_id"}
    row["event_id"] = event_id
    return row
