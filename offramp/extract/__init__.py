"""Extraction: actors, dates, places, events and claims from stored articles.

``extract_documents`` runs the pipeline (``pipeline.py``) over stored articles
and writes each document's results in one transaction, merging events that
other documents already told (``merge.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from .. import config
from ..store import Store
from .query import event_records

if TYPE_CHECKING:
    from .pipeline import DocRecord

__all__ = ["event_records", "extract_documents"]


def extract_documents(
    store: Store,
    doc_ids: Sequence[str] | None = None,
    *,
    only_new: bool = False,
    stages: Sequence[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    batch_size: int | None = None,
) -> int:
    """Extract from the given (or all / all not yet extracted) articles; returns how many.

    Documents are written ``batch_size`` at a time, each batch in one transaction:
    a batch lands whole or not at all, and an interrupted run leaves the rest
    marked unextracted for the next one.
    """
    from .merge import Merger
    from .pipeline import DEFAULT_STAGES, Pipeline

    ids = list(doc_ids) if doc_ids is not None else store.document_ids(unextracted_only=only_new)
    if not ids:
        return 0
    size = batch_size or int(config.get("extract_batch_size"))
    pipeline = Pipeline(stages or DEFAULT_STAGES, batch_size=size)
    documents = (store.get_document(i) for i in ids)
    done = 0
    merger = Merger(store)  # one for the run: it reads the stored events once
    for batch in _batches(pipeline.pipe(documents), size):
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
        done += len(batch)
        if progress:
            progress(done, len(ids))
    return done


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
