"""Extraction: actors, dates, places, events and claims from stored articles.

``extract_documents`` runs the pipeline (``pipeline.py``) over stored articles
and writes each document's results in one transaction, merging events that
other documents already told (``merge.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..store import Store
from .query import event_records

__all__ = ["event_records", "extract_documents"]


def extract_documents(
    store: Store,
    doc_ids: Sequence[str] | None = None,
    *,
    only_new: bool = False,
    stages: Sequence[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Extract from the given (or all / all not yet extracted) articles; returns how many."""
    from .merge import merge_events
    from .pipeline import DEFAULT_STAGES, Pipeline

    ids = list(doc_ids) if doc_ids is not None else store.document_ids(unextracted_only=only_new)
    if not ids:
        return 0
    pipeline = Pipeline(stages or DEFAULT_STAGES)
    documents = (store.get_document(i) for i in ids)
    done = 0
    for record in pipeline.pipe(documents):
        doc_id = record.document.id
        with store.write():
            store.clear_extraction([doc_id])
            merge_events(store, record.events, record.document)
            store.add_claims(record.claims)
            store.mark_extracted(doc_id)
        done += 1
        if progress:
            progress(done, len(ids))
    return done
