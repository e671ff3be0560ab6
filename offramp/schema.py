"""The store's tables, written out once: every other form of the schema is derived from ``TABLES``.

``ddl()`` gives the ``CREATE TABLE`` statements a new store is made with, ``arrow_schema()`` the
Arrow schema readers and the store build their bulk inserts with, ``columns()`` the column lists
(``EVENT_COLUMNS`` and the others in ``offramp.store``). The numbered migrations in
``offramp.store`` bring an older store to the same tables; a test builds a store both ways and
checks they agree, column by column, and that ``offramp.records`` has a field for each column.

Column order is the order ``SELECT *`` (and so ``offramp export``) gives; new columns go last,
with a migration that adds them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pyarrow as pa

__all__ = [
    "ARROW_TYPES",
    "EVENT_RECORD_COLUMNS",
    "TABLES",
    "Column",
    "Table",
    "arrow_schema",
    "columns",
    "ddl",
    "table",
]

# DuckDB type -> the Arrow type a bulk insert carries it as
ARROW_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "JSON": pa.string(),
    "VARCHAR[]": pa.list_(pa.string()),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
    "BOOLEAN": pa.bool_(),
    "TINYINT": pa.int8(),
    "SMALLINT": pa.int16(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "BLOB": pa.binary(),
}


@dataclass(frozen=True)
class Column:
    """One column: its DuckDB type, whether it may be NULL, its default (SQL), whether unique."""

    name: str
    type: str = "VARCHAR"
    not_null: bool = False
    default: str | None = None
    unique: bool = False

    def sql(self) -> str:
        parts = [self.name, self.type]
        if self.not_null:
            parts.append("NOT NULL")
        if self.unique:
            parts.append("UNIQUE")
        if self.default is not None:
            parts.append(f"DEFAULT {self.default}")
        return " ".join(parts)


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()

    def sql(self) -> str:
        lines = [c.sql() for c in self.columns]
        if self.primary_key:
            lines.append(f"PRIMARY KEY ({', '.join(self.primary_key)})")
        return f"CREATE TABLE {self.name} (\n    " + ",\n    ".join(lines) + "\n);"


def _key(name: str, type_: str = "VARCHAR") -> Column:
    return Column(name, type_, not_null=True)


_SPAN = (Column("span_start", "INTEGER"), Column("span_end", "INTEGER"))
_DATASET = (Column("dataset"), Column("dataset_row", "BIGINT"), Column("dataset_id"))

TABLES: tuple[Table, ...] = (
    Table(
        "documents",
        (
            _key("id"),
            Column("hash", not_null=True, unique=True),
            Column("kind", not_null=True),
            Column("format"),
            Column("title"),
            Column("text"),
            Column("url"),
            Column("source"),
            Column("published", "DATE"),
            Column("published_from"),  # where the date came from (records.Document)
            Column("language"),
            Column("path"),
            Column("word_count", "INTEGER"),
            Column("meta", "JSON"),
            Column("ingested_at", "TIMESTAMP", not_null=True),
            Column("extracted_at", "TIMESTAMP"),
            Column("failed_at", "TIMESTAMP"),  # extraction failed: when, and why (``failure``)
            Column("failure"),
        ),
        primary_key=("id",),
    ),
    Table(
        "near_duplicates",
        (_key("doc_id"), _key("other_id"), Column("similarity", "DOUBLE", not_null=True)),
        primary_key=("doc_id", "other_id"),
    ),
    Table("minhashes", (_key("doc_id"), Column("signature", "BLOB", not_null=True)), primary_key=("doc_id",)),
    Table(
        "actors",
        (
            _key("code"),
            Column("name", not_null=True),
            Column("kind"),
            Column("country"),
            Column("sector"),
            Column("parent"),
            Column("aliases", "VARCHAR[]"),
            Column("source_url"),
            Column("attrs", "JSON"),
        ),
        primary_key=("code",),
    ),
    Table(
        "events",
        (
            _key("id"),
            Column("type", not_null=True),
            Column("source", "VARCHAR[]"),
            Column("target", "VARCHAR[]"),
            Column("date", "DATE"),
            Column("date_end", "DATE"),
            Column("date_inferred", "BOOLEAN", default="FALSE"),
            Column("date_text"),
            Column("time"),
            Column("mode"),
            Column("context", "VARCHAR[]"),
            Column("quad", "TINYINT"),
            Column("cameo"),
            Column("cameo_root"),
            Column("score", "DOUBLE"),
            Column("goldstein", "DOUBLE"),
            Column("source_text"),
            Column("target_text"),
            Column("location"),
            Column("country"),
            Column("lat", "DOUBLE"),
            Column("lon", "DOUBLE"),
            Column("geo_precision", "TINYINT"),
            Column("fatalities", "INTEGER"),
            Column("injured", "INTEGER"),
            Column("amount_usd", "DOUBLE"),
            Column("certainty"),
            Column("negated", "BOOLEAN", default="FALSE"),
            Column("doc_id"),
            Column("evidence"),
            *_SPAN,
            *_DATASET,
            Column("extractor"),
            Column("attrs", "JSON"),
            Column("n_sources", "INTEGER", default="1"),  # distinct documents telling it
        ),
        primary_key=("id",),
    ),
    Table(
        "event_sources",
        (
            _key("event_id"),
            _key("doc_id"),
            Column("evidence"),
            *_SPAN,
            Column("date", "DATE"),
            Column("date_end", "DATE"),
            Column("date_text"),
            *_DATASET,
            Column("url"),
        ),
    ),
    Table(
        "claims",
        (
            _key("id"),
            Column("doc_id"),
            Column("speaker", not_null=True),
            Column("speaker_actor"),
            Column("speaker_person"),
            Column("cue"),
            Column("content", not_null=True),
            Column("polarity", not_null=True),
            Column("form"),
            Column("evidence"),
            *_SPAN,
            Column("date", "DATE"),
            Column("about", "VARCHAR[]"),
            Column("extractor"),
            Column("attrs", "JSON"),
        ),
        primary_key=("id",),
    ),
    # The ladder rule each event matched, worked out when the event is written, per version of
    # the rules (offramp.ontology.rungs): ``rule_ix`` the first rule that matches when those about
    # who acts are skipped, ``who`` a bit per rule about who acts that matches on the rest,
    # ``ceasefire`` whether the event reads as a ceasefire.
    Table(
        "event_ladder",
        (
            _key("event_id"),
            _key("rules_key", "INTEGER"),
            Column("rule_ix", "SMALLINT"),
            Column("who", "INTEGER"),
            Column("ceasefire", "BOOLEAN"),
        ),
        # no key: an index would make the bulk replacement after a rules change slow, and the
        # store deletes an event's row before it writes it again
    ),
    # The store's own facts: that it is an offramp store (``application``), that it is a demo store.
    Table("offramp_store", (_key("key"), Column("value")), primary_key=("key",)),
)


@functools.cache
def _by_name() -> dict[str, Table]:
    return {t.name: t for t in TABLES}


def table(name: str) -> Table:
    return _by_name()[name]


def ddl() -> str:
    """The statements that create every table of a new store."""
    return "\n".join(t.sql() for t in TABLES)


def columns(name: str) -> list[str]:
    """A table's column names, in order."""
    return [c.name for c in table(name).columns]


def arrow_schema(name: str, only: list[str] | None = None) -> pa.Schema:
    """The Arrow schema of a table's columns (``only`` these, in this order, when given)."""
    types = {c.name: ARROW_TYPES[c.type] for c in table(name).columns}
    return pa.schema([(c, types[c]) for c in (only if only is not None else list(types))])


# The event record (``offramp events``, the timeline, docs/schemas.md): the events table's columns it
# shows, and the fields it derives from ``attrs`` (date_reason, planned, both_ways, domestic, weapons)
# and from the sources.
EVENT_RECORD_COLUMNS = [
    "id", "date", "date_end", "date_inferred", "date_reason", "planned", "time", "source", "target", "type",
    "mode", "context",
    "quad", "cameo_root", "score", "location", "country", "fatalities", "injured", "amount_usd",
    "certainty", "negated", "both_ways", "domestic", "weapons", "n_sources", "sources",
]  # fmt: skip
