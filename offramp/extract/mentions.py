"""What the early stages find in a text, with character spans into the document.

Later stages (events, claims) look these up by span: the actors, dates and
places inside a sentence or a clause.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

__all__ = ["ActorMention", "DateMention", "PlaceMention", "in_span"]


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
