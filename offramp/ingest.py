"""Ingest: inputs -> readers -> documents and events -> store (-> extraction).

Each input lands in its own transaction: a bad file or row is reported with
where it was and what to do, and the rest of the batch still goes in. The same
content twice is a duplicate (content hash); the same story on two sites is a
near-duplicate (MinHash), stored and linked to the first.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from datasketch import MinHash, MinHashLSH

from . import config
from .errors import InputError, OfframpError, StoreError
from .records import Document, content_hash
from .sources import Dataset, ReadOptions, detect_format, detect_url, get_reader
from .sources.language import EXTRACTED_LANGUAGES, detect_language
from .sources.text import check_article_length
from .store import Store

__all__ = ["IngestReport", "Outcome", "expand_inputs", "ingest", "near_duplicate_index"]

NUM_PERM = 128
_SHINGLE = 5
# Articles written per transaction while ingesting (a commit costs about as much as the rows).
WRITE_BATCH = 32


@dataclass
class Outcome:
    """What happened to one input (a file, a row, a feed entry); ``warnings`` are what the
    user should know about an input that did go in (a guessed encoding, a language offramp
    cannot read, metadata that differs from the stored copy)."""

    input: str
    status: str  # new | duplicate | near-duplicate | updated | failed
    doc_id: str | None = None
    events: int = 0
    message: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class IngestReport:
    outcomes: list[Outcome] = field(default_factory=list)
    extracted: int = 0
    extracted_events: int = 0
    extraction_failed: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> dict[str, int]:
        return {
            "new": self.count("new"),
            "duplicate": self.count("duplicate"),
            "near-duplicate": self.count("near-duplicate"),
            "updated": self.count("updated"),
            "failed": self.count("failed"),
            "events": sum(o.events for o in self.outcomes) + self.extracted_events,
        }

    @property
    def warnings(self) -> list[str]:
        return [w for o in self.outcomes for w in o.warnings]


def expand_inputs(paths: Iterable[str | Path]) -> Iterator[str | Path]:
    """Files under folders (recursive, sorted, hidden ones skipped); URLs pass through."""
    for p in paths:
        text = str(p)
        if text.startswith(("http://", "https://")) or "://" in text:
            yield text
            continue
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(
                    part.startswith(".") for part in child.relative_to(path).parts
                ):
                    yield child
        else:
            yield path


def _shingles(text: str) -> set[bytes]:
    words = text.lower().split()
    if len(words) < _SHINGLE:
        return {" ".join(words).encode()}
    return {" ".join(words[i : i + _SHINGLE]).encode() for i in range(len(words) - _SHINGLE + 1)}


@functools.lru_cache(maxsize=1)
def _permutations() -> Any:
    # MinHash draws the same (seeded) permutations every time; drawing them once saves
    # most of the per-document cost.
    return MinHash(num_perm=NUM_PERM).permutations


def minhash(text: str) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, permutations=_permutations())
    m.update_batch(list(_shingles(text)))
    return m


def _signature_bytes(m: MinHash) -> bytes:
    return bytes(m.hashvalues.astype(np.uint64).tobytes())


def near_duplicate_index(store: Store) -> MinHashLSH:
    """An LSH index over the stored articles' signatures."""
    lsh = MinHashLSH(threshold=config.get("near_duplicate_threshold"), num_perm=NUM_PERM)
    for doc_id, sig in store.minhashes():
        m = MinHash(num_perm=NUM_PERM, hashvalues=np.frombuffer(sig, dtype=np.uint64))
        lsh.insert(doc_id, m)
    return lsh


class _Ingestor:
    """Reads documents into the store; articles are written ``WRITE_BATCH`` at a time.

    Each article is checked (duplicate, near-duplicate) when it is read, and written
    with its signature and links in a batch transaction: one commit per batch instead
    of one per file. Progress for an input is reported only once it is written. If a
    batch fails, its articles are written again one by one, so a bad one fails alone.
    """

    def __init__(self, store: Store, report: IngestReport, options: ReadOptions | None = None):
        self.store = store
        self.report = report
        self.options = options or ReadOptions()
        self._lsh: MinHashLSH | None = None
        self._signatures: dict[str, MinHash] = {}
        self._pending: list[tuple[Document, MinHash, list[str], Outcome]] = []
        self._pending_hashes: dict[str, str] = {}

    @property
    def lsh(self) -> MinHashLSH:
        if self._lsh is None:
            self._lsh = near_duplicate_index(self.store)
        return self._lsh

    def document(self, doc: Document, label: str) -> Outcome:
        existing = self._pending_hashes.get(doc.hash) or self.store.has_document(doc.hash)
        if existing:
            return self._again(doc, existing, label)
        if not doc.text.strip():
            raise InputError("the document has no text", where=label, hint="check the file is not empty")
        check_article_length(doc.text, label)
        if doc.language == "en":  # the readers' default: what the text itself says wins
            doc.language = detect_language(doc.text)
        warnings = _warnings(doc, label)
        m = minhash(doc.text)
        similar = [d for d in self.lsh.query(m) if d != doc.id]
        outcome = Outcome(label, "near-duplicate" if similar else "new", doc.id, warnings=warnings)
        self.lsh.insert(doc.id, m)
        self._signatures[doc.id] = m
        self._pending.append((doc, m, similar, outcome))
        self._pending_hashes[doc.hash] = doc.id
        return outcome

    def _again(self, doc: Document, existing: str, label: str) -> Outcome:
        """The same text once more: a duplicate; with ``options.update``, the stored document's
        metadata takes the new values (the command line's first), and a new publication date
        sends it back to extraction, since relative dates hang on it."""
        if existing in self._pending_hashes.values():
            return Outcome(label, "duplicate", existing)
        stored = self.store.get_document(existing)
        given = _metadata(doc, self.options)
        changed = {k: v for k, v in given.items() if v is not None and v != getattr(stored, k)}
        if "published" not in changed:  # where a date came from changes only with the date
            changed.pop("published_from", None)
        if not changed:
            return Outcome(label, "duplicate", existing)
        shown = ", ".join(
            f"{k} {getattr(stored, k)} → {v}" for k, v in changed.items() if k != "published_from"
        )
        if not self.options.update:
            return Outcome(
                label,
                "duplicate",
                existing,
                warnings=[
                    f"{label}: already stored with other metadata ({shown}); pass --update to change it"
                ],
            )
        self.flush()
        with self.store.write():
            self.store.update_document(existing, changed)
            if "published" in changed:
                self.store.clear_extraction([existing])
        return Outcome(label, "updated", existing, message=f"{label}: updated {shown}")

    @property
    def pending(self) -> int:
        return len(self._pending)

    def flush(self) -> None:
        """Write the articles read since the last flush."""
        pending, self._pending, self._pending_hashes = self._pending, [], {}
        if not pending:
            return
        try:
            with self.store.write():
                for doc, _, _, _ in pending:
                    self.store.add_document(doc)
                # the signatures in one bulk insert: a row at a time costs a statement each
                signatures = pa.table(
                    {
                        "doc_id": pa.array([doc.id for doc, _, _, _ in pending], pa.string()),
                        "signature": pa.array([_signature_bytes(m) for _, m, _, _ in pending], pa.binary()),
                    }
                )
                self.store.insert_arrow("minhashes", signatures)
                for doc, m, similar, _ in pending:
                    self._link(doc, m, similar)
        except duckdb.InterruptException:  # Ctrl-C inside DuckDB: stop, as for KeyboardInterrupt
            raise
        except Exception:
            for doc, m, similar, outcome in pending:
                try:
                    with self.store.write():
                        self._write(doc, m, similar)
                except duckdb.InterruptException:
                    raise
                except Exception as raw:  # the store refused this article: it fails alone
                    exc = (
                        raw
                        if isinstance(raw, OfframpError)
                        else StoreError(
                            f"could not store the article ({type(raw).__name__}: {raw})",
                            where=outcome.input,
                            hint="check the input's text and fields; the rest of the batch was stored",
                        )
                    )
                    self.lsh.remove(doc.id)
                    self._signatures.pop(doc.id, None)
                    outcome.input = exc.where or outcome.input
                    outcome.status, outcome.doc_id = "failed", None
                    outcome.message = exc.line()

    def _write(self, doc: Document, m: MinHash, similar: list[str]) -> None:
        self.store.add_document(doc)
        self.store.add_minhash(doc.id, _signature_bytes(m))
        self._link(doc, m, similar)

    def _link(self, doc: Document, m: MinHash, similar: list[str]) -> None:
        for other in similar:
            other_m = self._signature(other)
            self.store.link_near_duplicate(doc.id, other, float(m.jaccard(other_m)))

    def _signature(self, doc_id: str) -> MinHash:
        if doc_id not in self._signatures:
            for d, sig in self.store.minhashes():
                if d == doc_id:
                    self._signatures[d] = MinHash(
                        num_perm=NUM_PERM, hashvalues=np.frombuffer(sig, dtype=np.uint64)
                    )
        return self._signatures[doc_id]

    def dataset(self, item: Dataset, label: str) -> Outcome:
        self.flush()  # articles read before this file are written before it
        doc = item.document
        existing = self.store.has_document(doc.hash)
        if existing:
            return Outcome(label, "duplicate", existing)
        with self.store.write() as con:
            self.store.add_document(doc)
            # an event already stored from another file (overlapping exports) is not inserted
            # again: this file becomes one more source of it
            con.register("_dataset_events", item.events)
            try:
                repeats = con.execute(
                    "SELECT id FROM _dataset_events JOIN events USING (id)"
                ).to_arrow_table()
            finally:
                con.unregister("_dataset_events")
            events = item.events
            if repeats.num_rows:
                seen = pc.is_in(events.column("id"), value_set=repeats.column("id"))
                events = events.filter(pc.invert(seen))
            n = self.store.insert_arrow("events", events)
            con.execute(
                "INSERT INTO event_sources (event_id, doc_id, evidence, date, date_end, dataset, dataset_row,"
                " dataset_id, url) SELECT id, doc_id, evidence, date, date_end, dataset, dataset_row, dataset_id,"
                " json_extract_string(attrs, '$.url') FROM events WHERE doc_id = ?",
                [doc.id],
            )
            if repeats.num_rows:
                con.register("_dataset_repeats", item.events.filter(seen))
                try:
                    con.execute(
                        "INSERT INTO event_sources (event_id, doc_id, date, dataset, dataset_row, dataset_id, url)"
                        " SELECT id, ?, date, dataset, dataset_row, dataset_id, json_extract_string(attrs, '$.url')"
                        " FROM _dataset_repeats",
                        [doc.id],
                    )
                    con.execute(
                        "UPDATE events SET n_sources = s.n FROM (SELECT event_id, count(DISTINCT doc_id) AS n"
                        " FROM event_sources WHERE event_id IN (SELECT id FROM _dataset_repeats) GROUP BY event_id) s"
                        " WHERE events.id = s.event_id"
                    )
                finally:
                    con.unregister("_dataset_repeats")
        return Outcome(label, "new", doc.id, events=n)


def ingest(
    store: Store,
    paths: Sequence[str | Path],
    *,
    format: str | None = None,
    options: ReadOptions | None = None,
    extract: bool = True,
    on_input: Callable[[str, int, int], None] | None = None,
    on_extract: Callable[[int, int], None] | None = None,
) -> IngestReport:
    """Read every input into the store; then extract events and claims from new articles.

    ``on_input(label, done, total)`` and ``on_extract(done, total)`` report progress.
    """
    options = options or ReadOptions()
    report = IngestReport()
    worker = _Ingestor(store, report, options)
    inputs = list(expand_inputs(paths))
    unreported: list[tuple[str, int]] = []
    for i, item_path in enumerate(inputs):
        report.outcomes.extend(_ingest_one(worker, item_path, format, options))
        unreported.append((str(item_path), i + 1))
        if worker.pending >= WRITE_BATCH or i == len(inputs) - 1:
            worker.flush()
            if on_input:
                for label, done in unreported:
                    on_input(label, done, len(inputs))
            unreported = []
    if extract:
        extract_new(store, report, progress=on_extract)
    return report


def extract_new(
    store: Store, report: IngestReport, *, progress: Callable[[int, int], None] | None = None
) -> None:
    """Extract from the articles not yet extracted, counting into ``report`` the articles, the
    events they added and the articles that failed (each with its reason)."""
    from .extract import extract_documents

    before = store.extracted_events()
    failed_before = set(store.document_ids(failed=True))
    report.extracted = extract_documents(store, only_new=True, progress=progress)
    report.extracted_events = store.extracted_events() - before
    failed = store.failed_documents()
    report.extraction_failed = [
        f"{row.input or row.id}: not extracted: {row.failure}"
        for row in failed.itertuples()
        if row.id not in failed_before
    ]


def _metadata(doc: Document, options: ReadOptions) -> dict[str, Any]:
    """The document's correctable metadata; in an update what the command line says wins."""
    given: dict[str, Any] = {
        "title": doc.title,
        "url": doc.url,
        "source": doc.source,
        "published": doc.published,
        "published_from": doc.published_from,
    }
    if options.update:
        if options.published is not None:
            given["published"], given["published_from"] = options.published, "cli"
        given["source"] = options.source or given["source"]
        given["url"] = options.url or given["url"]
    return given


def _warnings(doc: Document, label: str) -> list[str]:
    """What the user should hear about an article that goes in: a guessed encoding, a language
    offramp does not extract from (see offramp.sources.language)."""
    warnings = []
    if doc.meta.get("encoding") and doc.meta["encoding"] != "utf-8":
        warnings.append(
            f"{label}: not UTF-8, read as {doc.meta['encoding']}; check odd characters, or save it as UTF-8"
        )
    if doc.language not in EXTRACTED_LANGUAGES:
        warnings.append(
            f"{label}: written in language {doc.language!r} (detected); stored, but offramp extracts"
            f" from {', '.join(sorted(EXTRACTED_LANGUAGES))} text only"
        )
    return warnings


def _ingest_one(
    worker: _Ingestor,
    item_path: str | Path,
    format: str | None,
    options: ReadOptions,
) -> list[Outcome]:
    label = str(item_path)
    outcomes: list[Outcome] = []
    try:
        if isinstance(item_path, Path) and not item_path.exists():
            raise InputError("no such file or folder", where=label, hint="check the path")
        fmt = format or _detect(item_path)
        reader = get_reader(fmt)
        for item in reader(item_path, options):
            where = label
            try:
                if isinstance(item, InputError):
                    outcomes.append(Outcome(item.where or where, "failed", message=item.line()))
                elif isinstance(item, Dataset):
                    outcomes.append(worker.dataset(item, where))
                else:
                    outcomes.append(worker.document(item, item.meta.get("record", where)))
            except OfframpError as exc:
                outcomes.append(Outcome(exc.where or where, "failed", message=exc.line()))
    except OfframpError as exc:
        outcomes.append(Outcome(exc.where or label, "failed", message=exc.line()))
    if not outcomes:
        outcomes.append(
            Outcome(
                label,
                "failed",
                message=InputError(
                    "no documents found", where=label, hint="check the file's content and --format"
                ).line(),
            )
        )
    return outcomes


def _detect(item_path: str | Path) -> str:
    """The format of a file or URL, asked of the readers' registry (offramp.sources)."""
    if isinstance(item_path, str) and "://" in item_path:
        return detect_url(item_path)
    return detect_format(Path(item_path))


def document_from_text(text: str, **kwargs: object) -> Document:
    """A ``Document`` from a string (the Python API's quick way in)."""
    published = kwargs.pop("published", None)
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    return Document(text=text, published=published, hash=content_hash(text), **kwargs)  # type: ignore[arg-type]
