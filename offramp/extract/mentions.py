"""What the early stages find in a text, with character spans into the document.

Later stages (events, claims) look these up by span: the actors, dates and
places inside a sentence or a clause. The records themselves live in
``offramp.records`` (below every layer, so the gazetteer can use them too); this
module re-exports them for the extraction stages that import them from here.
"""

from __future__ import annotations

from ..records import ActorMention, DateMention, PlaceMention, in_span

__all__ = ["ActorMention", "DateMention", "PlaceMention", "in_span"]
