"""The extraction pipeline: named stages passing one record along.

Like spaCy's ``Language.__call__``, each stage takes the ``DocRecord``, adds what
it is responsible for and hands it on. A stage declares what it ``requires``
and ``provides`` (attribute names on the record); the pipeline checks the
order when it is built. Stages are registered by name, so a rule-based stage
and a learned one can stand in for each other from config::

    @register_stage("events")
    class RuleEvents:
        requires = ("doc", "actors", "dates")
        provides = ("events",)
        def __call__(self, record): ...
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from .. import config as settings
from ..errors import ConfigError
from ..records import Claim, Document, Event

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "DEFAULT_STAGES",
    "DocRecord",
    "Pipeline",
    "Stage",
    "register_stage",
    "registered_stages",
    "sections",
]


@dataclass
class DocRecord:
    """One document on its way through extraction.

    ``doc`` is the spaCy parse; ``actors``, ``dates`` and ``places`` are lists
    of mentions (each stage's own mention type, with character spans);
    ``events`` and ``claims`` are what gets stored. ``data`` is scratch space a
    stage may use to hand richer results to a later one.
    """

    document: Document
    doc: Doc | None = None
    actors: list[Any] = field(default_factory=list)
    dates: list[Any] = field(default_factory=list)
    places: list[Any] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.document.text


class Stage(Protocol):
    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]]
    provides: ClassVar[tuple[str, ...]]

    def __call__(self, record: DocRecord) -> DocRecord: ...


_REGISTRY: dict[str, Callable[..., Any]] = {}

# The default order; "parse" is handled by the pipeline itself (batched nlp.pipe).
DEFAULT_STAGES: tuple[str, ...] = ("actors", "dates", "places", "events", "claims")


def register_stage(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Class or factory decorator: make a stage available under ``name``."""

    def deco(factory: Callable[..., Any]) -> Callable[..., Any]:
        _REGISTRY[name] = factory
        if isinstance(factory, type):
            factory.name = name  # type: ignore[attr-defined]
        return factory

    return deco


def registered_stages() -> dict[str, Callable[..., Any]]:
    _load_builtin_stages()
    return dict(_REGISTRY)


def _load_builtin_stages() -> None:
    # Importing the stage modules registers them; done lazily so that importing
    # offramp does not import spaCy.
    import importlib

    for module in ("actors", "dates", "places", "events", "claims"):
        try:
            importlib.import_module(f"offramp.extract.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"offramp.extract.{module}":
                raise


_SETTLED = False


def _settle_long_lived() -> None:
    """Once per process, after the model, gazetteer and lexicons are loaded: move them out of
    the cyclic garbage collector's way (``gc.freeze``). They live as long as the process, and
    every full collection during extraction would otherwise walk all of them again.

    The youngest generation is also collected less often (every ``_GC_YOUNG`` new containers
    instead of Python's 700): the stages make many short-lived ones, and each collection walks
    what survived the last ones again (on the 50k-word benchmark: 12 collections instead of 393,
    0.15 s -> 0.03 s; the parse alone does not change)."""
    global _SETTLED
    if not _SETTLED:
        import gc

        gc.freeze()
        young, *older = gc.get_threshold()
        if young:  # 0: the user turned automatic collection off
            gc.set_threshold(max(young, _GC_YOUNG), *older)
        _SETTLED = True


_GC_YOUNG = 10_000


class Pipeline:
    """Parse documents with spaCy in batches and run the named stages on each."""

    def __init__(
        self,
        stages: Sequence[str] = DEFAULT_STAGES,
        *,
        nlp: Any = None,
        config: dict[str, dict[str, Any]] | None = None,
        batch_size: int = 32,
        section_chars: int | None = None,
        batch_chars: int | None = None,
    ):
        available = registered_stages()
        missing = [s for s in stages if s not in available]
        if missing:
            raise ConfigError(
                f"unknown extraction stage(s): {', '.join(missing)}",
                hint=f"choose from {', '.join(sorted(available))}",
            )
        config = config or {}
        self.stages: list[Stage] = [available[s](**config.get(s, {})) for s in stages]
        self._check_order()
        if nlp is None:
            from .nlp import load_nlp

            nlp = load_nlp()
        self.nlp = nlp
        self.batch_size = batch_size
        self.section_chars = section_chars or int(settings.get("section_chars"))
        self.batch_chars = max(self.section_chars, batch_chars or int(settings.get("parse_batch_chars")))
        _settle_long_lived()

    def _check_order(self) -> None:
        have = {"document", "doc", "text"}
        for stage in self.stages:
            lacking = [r for r in stage.requires if r not in have]
            if lacking:
                raise ConfigError(
                    f"stage {stage.name!r} needs {', '.join(lacking)}, which no earlier stage provides",
                    hint="reorder the stages or add the missing one",
                )
            have.update(stage.provides)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, document: Document) -> DocRecord:
        return next(iter(self.pipe([document])))

    def pipe(self, documents: Iterable[Document]) -> Iterator[DocRecord]:
        """Run every stage on each document; parsing is batched through ``nlp.pipe``.

        A document longer than ``section_chars`` is parsed and run through the stages in
        sections (``sections``), and its sections' results are joined back into one record
        whose spans count from the start of the whole text: memory stays that of one
        section, and spaCy's ``max_length`` is never reached.

        A stage with a ``prepare(records)`` method sees each parsed batch first (before any
        stage runs on it), to do batch work that needs only the parse.
        """
        pieces = (
            (section, (document, offset, last))
            for document in documents
            for section, offset, last in _split(document, self.section_chars)
        )
        preparers = [p for p in (getattr(s, "prepare", None) for s in self.stages) if p is not None]
        parts: list[tuple[int, DocRecord]] = []
        for batch in self._parsed_batches(pieces):
            records = [
                (
                    DocRecord(document=_section_document(document, doc.text, offset), doc=doc),
                    document,
                    offset,
                    last,
                )
                for doc, (document, offset, last) in batch
            ]
            for prepare in preparers:
                prepare([record for record, _, _, _ in records])
            for record, document, offset, last in records:
                for stage in self.stages:
                    record = stage(record)
                if not (offset == 0 and last):
                    # a section's parse and scratch space are not kept: memory stays that of one section
                    record.doc, record.data = None, {}
                parts.append((offset, record))
                if last:
                    yield _joined(document, parts)
                    parts = []

    def _parsed_batches(self, pieces: Iterable[tuple[Document, Any]]) -> Iterator[list[tuple[Doc, Any]]]:
        """Parsed (doc, context) batches of at most ``batch_size`` texts and ``batch_chars``
        characters (at least one text): a parse's memory grows with the characters parsed together,
        and its speed per word falls when a batch holds only a few texts (``parse_batch_chars``)."""
        batch: list[tuple[Document, Any]] = []
        chars = 0
        for section, context in pieces:
            if batch and (len(batch) >= self.batch_size or chars + len(section.text) > self.batch_chars):
                yield self._parse(batch)
                batch, chars = [], 0
            batch.append((section, context))
            chars += len(section.text)
        if batch:
            yield self._parse(batch)

    def _parse(self, batch: list[tuple[Document, Any]]) -> list[tuple[Doc, Any]]:
        docs = self.nlp.pipe([section.text for section, _ in batch], batch_size=len(batch))
        return [(doc, context) for doc, (_, context) in zip(docs, batch, strict=True)]


def sections(text: str, limit: int) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive sections of ``text`` of at most ``limit`` characters,
    cut at the last paragraph break, else sentence end, else space before the limit."""
    spans: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = next(
            (m.end() for pattern in _CUTS for m in [_last(pattern, window, limit // 2)] if m is not None),
            limit,
        )
        spans.append((start, start + cut))
        start += cut
    spans.append((start, len(text)))
    return spans


# Where a section may end, best first: a paragraph break, a sentence's end, any space.
_CUTS = (re.compile(r"\n\s*\n"), re.compile(r"[.!?][\"')\]]*\s+"), re.compile(r"\s+"))


def _last(pattern: re.Pattern[str], window: str, floor: int) -> re.Match[str] | None:
    """The last match of ``pattern`` ending after ``floor`` (so sections are not tiny)."""
    found = None
    for m in pattern.finditer(window, floor):
        found = m
    return found


def _split(document: Document, limit: int) -> Iterator[tuple[Document, int, bool]]:
    """(section, its offset in the document, whether it is the last) for each section."""
    if len(document.text) <= limit:
        yield document, 0, True
        return
    spans = sections(document.text, limit)
    for i, (start, end) in enumerate(spans):
        yield dataclasses.replace(document, text=document.text[start:end]), start, i == len(spans) - 1


def _section_document(document: Document, text: str, offset: int) -> Document:
    if offset == 0 and len(text) == len(document.text):
        return document
    return dataclasses.replace(document, text=text, meta={**document.meta, "section_offset": offset})


def _joined(document: Document, parts: list[tuple[int, DocRecord]]) -> DocRecord:
    """One record for the whole document from its sections' records (spans made absolute)."""
    if len(parts) == 1:
        return parts[0][1]
    whole = DocRecord(document=document, data={"sections": len(parts)})
    for offset, part in parts:
        whole.actors += [_shifted(m, offset) for m in part.actors]
        whole.dates += [_shifted(m, offset) for m in part.dates]
        whole.places += [_shifted(m, offset) for m in part.places]
        whole.events += [_shifted_event(e, offset) for e in part.events]
        whole.claims += [_shifted(c, offset, id="") for c in part.claims]
    return whole


_SPAN_FIELDS = (("start", "end"), ("span_start", "span_end"))


def _shifted(item: Any, offset: int, **changes: Any) -> Any:
    """A copy of a dataclass mention/claim with its character span moved by ``offset``."""
    if not dataclasses.is_dataclass(item) or isinstance(item, type):
        return item
    names = {f.name for f in dataclasses.fields(item)}
    for start, end in _SPAN_FIELDS:
        if start in names and end in names:
            for name in (start, end):
                value = getattr(item, name)
                if isinstance(value, int):
                    changes[name] = value + offset
    return dataclasses.replace(item, **changes) if changes else item


def _shifted_event(event: Event, offset: int) -> Event:
    # a new id from the absolute span: the same sentence shape in two sections stays two events
    return _shifted(event, offset, id="", sources=[_shifted(s, offset) for s in event.sources])
