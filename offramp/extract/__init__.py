"""Extraction: actors, dates, places, events and claims from stored articles.

``extract_documents`` runs the pipeline (``pipeline.py``) over stored articles
and writes each document's results in one transaction, merging events that
other documents already told (``merge.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

import duckdb

from .. import config
from ..records import Document
from ..store import Store, database_cause

if TYPE_CHECKING:
    from .merge import Merger
    from .pipeline import DocRecord, Pipeline

__all__ = ["extract_documents"]


def extract_documents(
    store: Store,
    doc_ids: Sequence[str] | None = None,
    *,
    only_new: bool = False,
    retry_failed: bool = False,
    stages: Sequence[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    batch_size: int | None = None,
) -> int:
    """Extract from the given (or all / all not yet extracted) articles; returns how many.

    Documents are written ``batch_size`` at a time, each batch in one transaction:
    a batch lands whole or not at all, and an interrupted run leaves the rest
    marked unextracted for the next one. A document that cannot be extracted (a
    language offramp cannot read, longer than ``max_document_chars``, or an error
    in a stage) is marked failed with its reason and the others go on; failed
    documents are skipped until ``retry_failed`` picks exactly them again.
    """
    from .pipeline import DEFAULT_STAGES, Pipeline

    if doc_ids is not None:
        ids = list(doc_ids)
    else:
        ids = store.document_ids(unextracted_only=only_new and not retry_failed, failed=retry_failed)
    if not ids:
        return 0
    if retry_failed:
        store.clear_failures(ids)
    size = batch_size or int(config.get("extract_batch_size"))
    limit = int(config.get("max_document_chars"))
    pipeline = Pipeline(stages or DEFAULT_STAGES, batch_size=size)
    from .merge import Merger

    done = seen = 0
    merger = Merger(store)  # one for the run: it reads the stored events once
    for start in range(0, len(ids), size):
        documents = []
        for doc_id in ids[start : start + size]:
            document = store.get_document(doc_id)
            reason = _unreadable(document, limit)
            if reason:
                store.mark_failed(doc_id, reason)
            else:
                documents.append(document)
        batch = _run(pipeline, documents, store)
        try:
            _write(store, batch, merger)
        except duckdb.InterruptException:  # Ctrl-C inside DuckDB: stop, as for KeyboardInterrupt
            raise
        except Exception:  # the store refused the batch: each document alone, so a bad one fails by itself
            kept = []
            for record in batch:
                merger = Merger(store)  # what it held may include the rolled-back writes
                try:
                    _write(store, [record], merger)
                    kept.append(record)
                except duckdb.InterruptException:
                    raise
                except Exception as exc:
                    store.mark_failed(record.document.id, _reason("storing its results failed", exc))
            batch = kept
            merger = Merger(store)
        done += len(batch)
        seen = min(start + size, len(ids))
        if progress:
            progress(seen, len(ids))
    return done


def _unreadable(document: Document, limit: int) -> str | None:
    """Why this document is not extracted at all, or None."""
    from ..sources.language import EXTRACTED_LANGUAGES

    if document.language and document.language not in EXTRACTED_LANGUAGES:
        return (
            f"written in language {document.language!r} (detected); offramp extracts from"
            f" {', '.join(sorted(EXTRACTED_LANGUAGES))} only"
        )
    if len(document.text) > limit:
        return (
            f"{len(document.text):,} characters, over the {limit:,}-character cap"
            " (OFFRAMP_MAX_DOCUMENT_CHARS)"
        )
    return None


def _run(pipeline: Pipeline, documents: list[Document], store: Store) -> list[DocRecord]:
    """The batch's records; if the batch fails, each document alone, so a bad one fails by itself."""
    try:
        return list(pipeline.pipe(documents))
    except Exception:
        records = []
        for document in documents:
            try:
                records.append(pipeline(document))
            except Exception as exc:  # any error in a stage: this document fails, the rest go on
                store.mark_failed(document.id, _reason("extraction failed", exc))
        return records


def _reason(what: str, exc: BaseException) -> str:
    exc = database_cause(exc)
    return f"{what}: {type(exc).__name__}: {' '.join(str(exc).split())[:300]}"


def _write(store: Store, batch: list[DocRecord], merger: Merger) -> None:
    """A batch's events (merged with those already stored), claims and actors, in one transaction."""
    batch_ids = [r.document.id for r in batch]
    with store.write():
        store.clear_extraction(batch_ids)
        merger.forget(batch_ids)
        for record in batch:
            merger.add(record.events, record.document)
        merger.flush()
        store.add_claims([c for r in batch for c in r.claims])
        _record_actors(store, batch)
        store.mark_extracted(batch_ids)


def _record_actors(store: Store, batch: list[DocRecord]) -> None:
    """Keep the gazetteer entries of every actor the batch mentions in the ``actors`` table."""
    from ..ontology.actors import load_gazetteer

    gazetteer = load_gazetteer()
    codes: set[str] = set()
    for record in batch:
        for m in record.actors:
            codes.add(m.code)
            if isinstance(m.attrs, dict) and m.attrs.get("actor"):
                codes.add(str(m.attrs["actor"]))
        for e in record.events:
            codes.update(e.source)
            codes.update(e.target)
    known = {r[0] for r in store.con.execute("SELECT code FROM actors").fetchall()}
    actors = [gazetteer.actors[c] for c in sorted(codes - known) if c in gazetteer.actors]
    store.upsert_actors(actors)


def _batches(records: Iterable[DocRecord], size: int) -> Iterator[list[DocRecord]]:
    batch: list[DocRecord] = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
