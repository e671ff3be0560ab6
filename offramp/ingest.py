"""Ingest: inputs -> readers -> documents and events -> store (-> extraction).

Each input lands in its own transaction: a bad file or row is reported with
where it was and what to do, and the rest of the batch still goes in. The same
content twice is a duplicate (content hash); the same story on two sites is a
near-duplicate (MinHash), stored and linked to the first.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
from datasketch import MinHash, MinHashLSH

from . import config
from .errors import InputError, OfframpError, StoreError
from .records import Document, content_hash
from .sources import Dataset, ReadOptions, detect_format, detect_url, get_reader
from .sources.language import EXTRACTED_LANGUAGES, detect_language
from .sources.text import check_article_length
from .store import Store, database_cause

__all__ = ["IngestReport", "Outcome", "expand_inputs", "ingest", "near_duplicate_index"]

NUM_PERM = 128
_SHINGLE = 5
# Characters of text lower-cased and split at a time, and shingles hashed at a time (each
# shingle costs NUM_PERM 8-byte numbers while it is hashed: about 2 MB for a batch).
_SEGMENT = 1 << 16
_HASH_BATCH = 2048
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


def _word_segments(text: str) -> Iterator[list[str]]:
    """The text's lower-cased words, a segment of about ``_SEGMENT`` characters at a time
    (cut at whitespace), so that no list of every word of a long document is ever held."""
    pos, n = 0, len(text)
    while pos < n:
        end = min(n, pos + _SEGMENT)
        if end < n:
            cut = end
            while cut > pos and not text[cut - 1].isspace():
                cut -= 1
            end = cut if cut > pos else end  # one "word" longer than a segment is cut where it falls
        yield text[pos:end].lower().split()
        pos = end


def _shingles(text: str) -> Iterator[bytes]:
    """The text's word ``_SHINGLE``-grams (lower-cased), made as the text is read; a text of
    fewer words is one shingle of all of them. Repeats are left in: MinHash ignores them."""
    tail: list[str] = []
    seen = 0
    for words in _word_segments(text):
        window = tail + words
        seen += len(words)
        for i in range(len(window) - _SHINGLE + 1):
            yield " ".join(window[i : i + _SHINGLE]).encode()
        tail = window[-(_SHINGLE - 1) :]
    if seen < _SHINGLE:
        yield " ".join(tail).encode()


@functools.lru_cache(maxsize=1)
def _permutations() -> Any:
    # MinHash draws the same (seeded) permutations every time; drawing them once saves
    # most of the per-document cost.
    return MinHash(num_perm=NUM_PERM).permutations


def minhash(text: str) -> MinHash:
    """The text's MinHash signature, hashed ``_HASH_BATCH`` shingles at a time: memory stays the
    same for any length of text (hashing all at once takes ``NUM_PERM`` numbers per shingle)."""
    m = MinHash(num_perm=NUM_PERM, permutations=_permutations())
    batch: list[bytes] = []
    for shingle in _shingles(text):
        batch.append(shingle)
        if len(batch) == _HASH_BATCH:
            m.update_batch(batch)
            batch = []
    if batch:
        m.update_batch(batch)
    return m


def _signature_bytes(m: MinHash) -> bytes:
    return bytes(m.hashvalues.astype(np.uint64).tobytes())


def near_duplicate_index(store: Store) -> MinHashLSH:
    """An LSH index over the stored articles' signatures."""
    return _cluster_index(store)[0]


def _cluster_index(store: Store) -> tuple[MinHashLSH, dict[str, str], dict[str, MinHash]]:
    """The LSH index over every stored article, each copy's cluster root, and the roots' signatures.

    Every copy is in the index, so a new copy has as many chances to be found as there are
    copies; but it is linked once, to the first copy of its story (the root), so links grow
    with copies, not pairs. Older stores linked pairs: a copy's root is found by following them.
    """
    lsh = MinHashLSH(threshold=config.get("near_duplicate_threshold"), num_perm=NUM_PERM)
    links = dict(store.con.execute("SELECT doc_id, other_id FROM near_duplicates").fetchall())
    roots: dict[str, MinHash] = {}
    for doc_id, sig in store.minhashes():
        m = MinHash(
            num_perm=NUM_PERM, hashvalues=np.frombuffer(sig, dtype=np.uint64), permutations=_permutations()
        )
        lsh.insert(doc_id, m)
        if doc_id not in links:
            roots[doc_id] = m
    return lsh, {doc_id: _follow(links, doc_id) for doc_id in links}, roots


def _follow(links: dict[str, str], doc_id: str) -> str:
    seen = {doc_id}
    while doc_id in links and links[doc_id] not in seen:
        doc_id = links[doc_id]
        seen.add(doc_id)
    return doc_id


# (the near-duplicate's cluster root, their estimated Jaccard similarity)
_Link = tuple[str, float]


class _Ingestor:
    """Reads documents into the store; articles are written ``WRITE_BATCH`` at a time.

    Each article is checked (duplicate, near-duplicate) when it is read, and written
    with its signature and link in a batch transaction: one commit per batch instead
    of one per file. Progress for an input is reported only once it is written. If a
    batch fails, its articles are written again one by one, so a bad one fails alone.
    A near-duplicate is linked once, to the first copy of its story (see ``_cluster_index``).
    """

    def __init__(self, store: Store, report: IngestReport, options: ReadOptions | None = None):
        self.store = store
        self.report = report
        self.options = options or ReadOptions()
        self._lsh: MinHashLSH | None = None
        self._root_of: dict[str, str] = {}  # copy -> the first copy of its story
        self._roots: dict[str, MinHash] = {}  # first copies' signatures
        self._pending: list[tuple[Document, MinHash, _Link | None, Outcome]] = []
        self._pending_hashes: dict[str, str] = {}
        # content hash -> id of the documents stored, read once (a query per article cost ~1 ms)
        # and kept up to date as this ingest writes
        self._stored: dict[str, str] | None = None

    def _stored_id(self, content_hash: str) -> str | None:
        if self._stored is None:
            self._stored = self.store.document_hashes()
        return self._stored.get(content_hash)

    def _stored_now(self, doc: Document) -> None:
        if self._stored is not None:
            self._stored[doc.hash] = doc.id

    @property
    def lsh(self) -> MinHashLSH:
        if self._lsh is None:
            self._lsh, self._root_of, self._roots = _cluster_index(self.store)
        return self._lsh

    def document(self, doc: Document, label: str) -> Outcome:
        existing = self._pending_hashes.get(doc.hash) or self._stored_id(doc.hash)
        if existing:
            return self._again(doc, existing, label)
        if not doc.text.strip():
            raise InputError("the document has no text", where=label, hint="check the file is not empty")
        check_article_length(doc.text, label)
        if doc.language == "en":  # the readers' default: what the text itself says wins
            doc.language = detect_language(doc.text)
        warnings = _warnings(doc, label)
        _date_document(doc)
        m = minhash(doc.text)
        link = self._link_for(doc.id, m)
        outcome = Outcome(label, "near-duplicate" if link else "new", doc.id, warnings=warnings)
        self._index(doc.id, m, link)
        self._pending.append((doc, m, link, outcome))
        self._pending_hashes[doc.hash] = doc.id
        return outcome

    def _link_for(self, doc_id: str, m: MinHash) -> _Link | None:
        """The root of the most similar cluster among the stories the index finds, if any."""
        best: _Link | None = None
        found = {self._root_of.get(d, d) for d in self.lsh.query(m) if d != doc_id}
        for root in sorted(found):
            signature = self._roots.get(root)
            if signature is None:
                continue
            similarity = float(m.jaccard(signature))
            if best is None or similarity > best[1]:
                best = (root, similarity)
        return best

    def _index(self, doc_id: str, m: MinHash, link: _Link | None) -> None:
        self.lsh.insert(doc_id, m)
        if link is None:
            self._roots[doc_id] = m
        else:
            self._root_of[doc_id] = link[0]

    def _unindex(self, doc_id: str) -> None:
        self.lsh.remove(doc_id)
        self._roots.pop(doc_id, None)
        self._root_of.pop(doc_id, None)

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
                for doc, _, link, _ in pending:
                    self._link(doc, link)
            for doc, _, _, _ in pending:
                self._stored_now(doc)
        except duckdb.InterruptException:  # Ctrl-C inside DuckDB: stop, as for KeyboardInterrupt
            raise
        except Exception:
            failed: set[str] = set()
            for doc, m, link, outcome in pending:
                if link is not None and link[0] in failed:
                    # its root failed to be stored: this copy starts the cluster instead
                    link, outcome.status = None, "new"
                    self._unindex(doc.id)
                    self._index(doc.id, m, None)
                try:
                    with self.store.write():
                        self._write(doc, m, link)
                    self._stored_now(doc)
                except duckdb.InterruptException:
                    raise
                except Exception as refused:  # the store refused this article: it fails alone
                    raw = database_cause(refused)
                    exc = (
                        raw
                        if isinstance(raw, OfframpError)
                        else StoreError(
                            f"could not store the article ({type(raw).__name__}: {raw})",
                            where=outcome.input,
                            hint="check the input's text and fields; the rest of the batch was stored",
                        )
                    )
                    failed.add(doc.id)
                    self._unindex(doc.id)
                    outcome.input = exc.where or outcome.input
                    outcome.status, outcome.doc_id = "failed", None
                    outcome.message = exc.line()

    def _write(self, doc: Document, m: MinHash, link: _Link | None) -> None:
        self.store.add_document(doc)
        self.store.add_minhash(doc.id, _signature_bytes(m))
        self._link(doc, link)

    def _link(self, doc: Document, link: _Link | None) -> None:
        if link is not None:
            self.store.link_near_duplicate(doc.id, *link)

    def dataset(self, item: Dataset, label: str) -> Outcome:
        self.flush()  # articles read before this file are written before it
        doc = item.document
        existing = self.store.has_document(doc.hash)
        if existing:
            return Outcome(label, "duplicate", existing)
        # a row already stored from another file (overlapping exports) is not inserted again:
        # this file becomes one more source of it
        n = self.store.add_dataset(doc, item.events)
        self._stored_now(doc)
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
    _date_by_corpus(store, [o.doc_id for o in report.outcomes if o.status != "failed" and o.doc_id])
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


def _date_document(doc: Document) -> None:
    """Give an article without a publication date its reference date (a dateline or date line at
    the top, a date in its URL, else the latest full date it states), saying where it came from in
    ``published_from`` and the words that gave it in ``meta["published_text"]``."""
    if doc.published is not None or doc.kind != "article":
        return
    from .extract.dates import reference_date

    found = reference_date(doc.text, url=doc.url)
    if found.date is not None:
        doc.published, doc.published_from = found.date, found.provenance
        if found.text:
            doc.meta["published_text"] = found.text


def _date_by_corpus(store: Store, doc_ids: list[str]) -> None:
    """Articles still without a reference date whose text names no year at all ("TAIPEI, March 15
    (CNA) -") take the year most of the store's dated articles have; ``published_from`` says so."""
    from .extract.dates import infer_default_year, names_a_month, reference_date

    if not doc_ids:
        return
    row = store.con.execute(
        "SELECT year(published) AS y FROM documents WHERE kind = 'article' AND published IS NOT NULL"
        " GROUP BY y ORDER BY count(*) DESC, y DESC LIMIT 1"
    ).fetchone()
    if not row:
        return
    year = int(row[0])
    undated = store.con.execute(
        "SELECT id, text, url, meta FROM documents WHERE kind = 'article' AND published IS NULL"
        " AND list_contains(?, id)",
        [doc_ids],
    ).fetchall()
    updates = []
    for doc_id, text, url, meta in undated:
        if not text or not names_a_month(text) or infer_default_year(text) is not None:
            continue
        found = reference_date(text, url=url, default_year=year)
        if found.date is None:
            continue
        extra = {"published_text": found.text, "published_year_from": "the other documents"}
        updates.append(
            (
                doc_id,
                found.date,
                f"{found.provenance}, year of the other documents",
                {**json.loads(meta or "{}"), **extra},
            )
        )
    store.redate_documents(updates)


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
