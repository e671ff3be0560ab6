"""The records that flow from sources through extraction into the store.

Plain dataclasses: readers make ``Document`` objects (and, for event datasets,
``Event`` objects directly), extraction adds ``Event`` and ``Claim`` objects, the
store writes them. Field names match the store's columns and the JSONL shapes
documented in docs/schemas.md. The mention records (``ActorMention``,
``DateMention``, ``PlaceMention``) are what the early extraction stages find in a
text, with character spans into the document; later stages look them up by span
(``in_span``). They live here, below every layer, so the gazetteer and the
extraction stages can share them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = [
    "Actor",
    "ActorMention",
    "Claim",
    "DateMention",
    "Document",
    "Event",
    "EventSource",
    "PlaceMention",
    "content_hash",
    "in_span",
    "stable_id",
    "valid_text",
]


def content_hash(text: str | bytes) -> str:
    """SHA-256 of the content; text is NFC-normalised with whitespace folded first,
    so the same article saved with other line endings hashes the same."""
    if isinstance(text, str):
        folded = " ".join(unicodedata.normalize("NFC", text).split())
        data = folded.encode("utf-8")
    else:
        data = text
    return hashlib.sha256(data).hexdigest()


_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_text(text: str) -> str:
    """``text`` with any lone UTF-16 surrogate (as JSON escapes like ``\\udcff`` can carry)
    replaced by U+FFFD, so it can be hashed, stored and parsed; other text is returned as is."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def stable_id(prefix: str, *parts: object) -> str:
    """A short deterministic id: the same parts always give the same id."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}_{digest[:16]}"


@dataclass
class Document:
    """One input: an article (``kind='article'``) or an event dataset file (``kind='dataset'``).

    ``published`` is the article's own date, the anchor for relative dates;
    ``published_from`` says where it came from (``cli``, ``column``,
    ``metadata:<field>``, ``feed``, ``filename``), or is None when unknown.
    """

    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: dt.date | None = None
    published_from: str | None = None
    path: str | None = None
    format: str = "text"
    kind: str = "article"
    language: str = "en"
    hash: str = ""
    id: str = ""
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.text = valid_text(self.text)
        for name in ("title", "url", "source"):
            value = getattr(self, name)
            if isinstance(value, str):
                setattr(self, name, valid_text(value))
        if not self.hash:
            self.hash = content_hash(self.text)
        if not self.id:
            self.id = f"doc_{self.hash[:16]}"

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass
class EventSource:
    """One document's telling of an event: its own date, wording and place in the text."""

    doc_id: str
    evidence: str | None = None
    span_start: int | None = None
    span_end: int | None = None
    date: dt.date | None = None
    date_end: dt.date | None = None
    date_text: str | None = None
    dataset: str | None = None
    dataset_row: int | None = None
    dataset_id: str | None = None
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Event:
    """Who did what to whom, when and where, coded to PLOVER (and CAMEO where known).

    ``source`` and ``target`` are lists of actor codes (``IND``, ``PAK``,
    ``USA``, ``IMF``, ``MIL`` for unnamed militants). ``date``/``date_end`` are
    when it happened; ``date_inferred`` marks a span taken from context rather
    than stated. ``certainty`` is ``asserted``, ``reported``, ``alleged`` or
    ``claimed``. ``sources`` holds every document that tells it.
    """

    type: str
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    date: dt.date | None = None
    date_end: dt.date | None = None
    date_inferred: bool = False
    date_text: str | None = None
    time: str | None = None
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    quad: int | None = None
    cameo: str | None = None
    cameo_root: str | None = None
    score: float | None = None
    goldstein: float | None = None
    source_text: str | None = None
    target_text: str | None = None
    location: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None
    fatalities: int | None = None
    injured: int | None = None
    amount_usd: float | None = None
    certainty: str = "asserted"
    negated: bool = False
    doc_id: str | None = None
    evidence: str | None = None
    span_start: int | None = None
    span_end: int | None = None
    dataset: str | None = None
    dataset_row: int | None = None
    dataset_id: str | None = None
    extractor: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    sources: list[EventSource] = field(default_factory=list)
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = stable_id(
                "ev",
                self.doc_id,
                self.dataset,
                self.dataset_id,
                self.dataset_row,
                self.span_start,
                self.span_end,
                self.type,
                ",".join(self.source),
                ",".join(self.target),
            )
        if not self.sources and (self.doc_id or self.dataset):
            self.sources.append(
                EventSource(
                    doc_id=self.doc_id or "",
                    evidence=self.evidence,
                    span_start=self.span_start,
                    span_end=self.span_end,
                    date=self.date,
                    date_end=self.date_end,
                    date_text=self.date_text,
                    dataset=self.dataset,
                    dataset_row=self.dataset_row,
                    dataset_id=self.dataset_id,
                )
            )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Claim:
    """An attributed statement: who said it (as written and resolved), the cue verb,
    what was said, and whether it asserts, denies or hedges."""

    speaker: str
    content: str
    cue: str | None = None
    speaker_actor: str | None = None
    speaker_person: str | None = None
    polarity: str = "assert"
    form: str | None = None
    doc_id: str | None = None
    evidence: str | None = None
    span_start: int | None = None
    span_end: int | None = None
    date: dt.date | None = None
    about: list[str] = field(default_factory=list)
    extractor: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = stable_id("cl", self.doc_id, self.span_start, self.span_end, self.speaker, self.content)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Actor:
    """A state, organisation, group or person. ``code`` is ISO alpha-3 for states,
    an acronym for organisations and groups, and a slug for people; a person's
    ``country`` and ``sector`` say whom they act for."""

    code: str
    name: str
    kind: str = "state"
    country: str | None = None
    sector: str | None = None
    parent: str | None = None
    aliases: list[str] = field(default_factory=list)
    source_url: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------------------
# mentions: what the early stages find in a text, with character spans into the document


@dataclass
class ActorMention:
    """A mention resolved to an actor: ``code`` is the actor acted for (``IND``,
    ``IMF``, ``LET``); a person keeps their name and role, and ``country`` and
    ``sector`` say whom they act for (``PAK``/``GOV`` for Pakistan's NSA)."""

    start: int
    end: int
    text: str
    code: str
    country: str | None = None
    sector: str | None = None
    kind: str = "state"
    person: str | None = None
    role: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class DateMention:
    """A time expression resolved to a day or span. ``inferred`` marks a span
    taken from context; ``time`` is HH:MM when the text gives a clock time."""

    start: int
    end: int
    text: str
    date: dt.date | None
    date_end: dt.date | None = None
    time: str | None = None
    inferred: bool = False
    kind: str = "explicit"


@dataclass
class PlaceMention:
    start: int
    end: int
    text: str
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    kind: str = "place"


def in_span(mentions: list[Any], start: int, end: int) -> list[Any]:
    """The mentions lying inside ``[start, end)``, in text order."""
    return sorted((m for m in mentions if m.start >= start and m.end <= end), key=lambda m: m.start)
