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

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

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
    every full collection during extraction would otherwise walk all of them again."""
    global _SETTLED
    if not _SETTLED:
        import gc

        gc.freeze()
        _SETTLED = True


class Pipeline:
    """Parse documents with spaCy in batches and run the named stages on each."""

    def __init__(
        self,
        stages: Sequence[str] = DEFAULT_STAGES,
        *,
        nlp: Any = None,
        config: dict[str, dict[str, Any]] | None = None,
        batch_size: int = 32,
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

        A stage with a ``prepare(records)`` method sees each parsed batch first (before any
        stage runs on it), to do batch work that needs only the parse.
        """
        pairs = ((d.text, d) for d in documents)
        parsed = self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size)
        preparers = [p for p in (getattr(s, "prepare", None) for s in self.stages) if p is not None]
        while batch := [
            DocRecord(document=document, doc=doc)
            for doc, document in itertools.islice(parsed, self.batch_size)
        ]:
            for prepare in preparers:
                prepare(batch)
            for record in batch:
                for stage in self.stages:
                    record = stage(record)
                yield record
