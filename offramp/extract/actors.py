"""The "actors" stage: every actor mention in a document, resolved with the gazetteer.

The gazetteer's phrase grammar (``offramp.extract.phrases``) does most of the work; the
spaCy parse adds what needs syntax: people the gazetteer does not list, tied to
the body the text names beside them ("Rahul Roy-Chaudhury, IISS Senior
Fellow"), names cut at the entity boundary, and noun phrases whose head gives a
state's sector ("Indian and Pakistani senior officials"). Offices are resolved
as of the document's date, else the latest full date written in the text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from ..ontology.actors import Gazetteer, load_gazetteer
from ..ontology.calendar import MONTHS
from ..ontology.lang import word_list
from .mentions import ActorMention
from .phrases import PhraseGrammar
from .pipeline import DocRecord, register_stage
from .places import lookup as place_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["GazetteerActors", "document_date"]

_MONTH = r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DATE_RES = (
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)\b"),
)
_PERSON_ORG_WINDOW = 24
_RELATIVE = word_list("grammar", "actor_relative")


def document_date(record: DocRecord) -> dt.date | None:
    """The date offices are resolved on: the document's own, else the latest full date in its text."""
    if record.document.published is not None:
        return record.document.published
    found: list[dt.date] = []
    for pattern in _DATE_RES:
        for m in pattern.finditer(record.text):
            try:
                month = int(m.group("mnum")) if "mnum" in m.groupdict() else MONTHS[m.group("mon").lower()]
                found.append(dt.date(int(m.group("year")), month, int(m.group("day"))))
            except (ValueError, KeyError):
                continue
    return max(found) if found else None


@register_stage("actors")
class GazetteerActors:
    """Gazetteer phrases plus the parse: sets ``record.actors`` to ``ActorMention`` objects in text order."""

    name: ClassVar[str] = "actors"
    requires: ClassVar[tuple[str, ...]] = ("doc",)
    provides: ClassVar[tuple[str, ...]] = ("actors",)

    def __init__(self, extra: Iterable[str | Path] | None = None, gazetteer: Gazetteer | None = None):
        self.gazetteer = gazetteer or load_gazetteer(extra)
        self.grammar = PhraseGrammar(self.gazetteer)

    def __call__(self, record: DocRecord) -> DocRecord:
        when = document_date(record)
        mentions = self.grammar.find(record.text, when)
        if record.doc is not None:
            mentions = self._with_parse(record.doc, mentions, when)
        for m in mentions:
            m.attrs.setdefault("resolved_on", when.isoformat() if when else None)
        record.actors = sorted(mentions, key=lambda m: (m.start, -m.end))
        return record

    # -- what the parse adds

    def _with_parse(self, doc: Doc, mentions: list[ActorMention], when: dt.date | None) -> list[ActorMention]:
        mentions = self._fit_names(doc, mentions)
        mentions = self._sector_from_chunks(doc, mentions)
        for ent in doc.ents:
            if ent.label_ != "PERSON" or _overlaps(mentions, ent.start_char, ent.end_char):
                continue
            found = self._affiliated(doc, ent, mentions, when)
            if found is not None:
                mentions.append(found)
        return mentions

    def _fit_names(self, doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
        """Unlisted names found by capitalisation end where spaCy's PERSON entity ends."""
        out = []
        for m in mentions:
            if m.attrs.get("unlisted") and m.person:
                name_start = m.end - len(m.person)
                ent = next(
                    (e for e in doc.ents if e.label_ == "PERSON" and e.start_char <= name_start < e.end_char),
                    None,
                )
                if ent is not None and ent.end_char != m.end:
                    end = ent.end_char
                    person = doc.text[name_start:end]
                    m = replace(m, end=end, text=doc.text[m.start : end], person=person)
                    m.attrs["name"] = (
                        person if m.kind == "person" and m.attrs.get("name") else m.attrs.get("name")
                    )
            out.append(m)
        return out

    def _sector_from_chunks(self, doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
        """A state named inside a noun phrase takes the sector of the phrase's head."""
        for chunk in doc.noun_chunks:
            head = chunk.root
            sector = self.gazetteer.sector_of(head.text) or self.gazetteer.sector_of(head.lemma_)
            if sector is None:
                continue
            inside = [m for m in mentions if m.start >= chunk.start_char and m.end <= chunk.end_char]
            if not inside or any(m.kind != "state" or m.attrs.get("metonym") for m in inside):
                continue
            states = [m for m in inside if m.sector is None and m.end <= head.idx]
            for m in states:
                m.sector = sector
                m.attrs["head"] = head.text
            if len(states) == 1 and len(inside) == 1:
                states[0].end = chunk.end_char
                states[0].text = doc.text[states[0].start : chunk.end_char]
        return mentions

    def _affiliated(
        self, doc: Doc, ent: Span, mentions: list[ActorMention], when: dt.date | None
    ) -> ActorMention | None:
        """A person the gazetteer does not list, with the body the text ties them to:
        an apposition after the name ("X, IISS Senior Fellow") or a body just before it
        ("IISS expert X")."""
        sent = ent.sent
        if place_of(ent.text) is not None:
            return None  # the parser took a town for a person ("Bahawalpur and Muridke, which ...")
        # apposition: "Rahul Roy-Chaudhury, IISS Senior Fellow and Head of ..."; a relative
        # clause ("X, which India named as ...") is no apposition
        after = ent.end
        if (
            after < sent.end
            and doc[after].text == ","
            and not (after + 1 < sent.end and doc[after + 1].lower_ in _RELATIVE)
        ):
            limit = min(sent.end, after + _PERSON_ORG_WINDOW)
            stop = next(
                (t.i for t in doc[after + 1 : limit] if t.text in {",", ";"} or t.pos_ in {"VERB", "AUX"}),
                limit,
            )
            span_end = doc[stop - 1].idx + len(doc[stop - 1]) if stop > after + 1 else None
            if span_end is not None:
                body = next(
                    (
                        m
                        for m in mentions
                        if m.start >= doc[after + 1].idx and m.end <= span_end and m.kind != "person"
                    ),
                    None,
                )
                if body is not None:
                    role = _role_words(doc.text, doc[after + 1].idx, span_end, body)
                    return self._person_of(ent, body, role)
        # a body just before: "IISS expert Desmond Bowen", "Chinese official Li"
        before = [m for m in mentions if m.end <= ent.start_char and m.end >= sent.start_char]
        if before:
            body = max(before, key=lambda m: m.end)
            between = doc.text[body.end : ent.start_char]
            words = between.split()
            if len(words) <= 4 and body.kind not in ("person", "role") and not set(between) & set(',;:()"“”'):
                gap = doc.char_span(body.end, ent.start_char, alignment_mode="expand")
                if gap is None or all(t.pos_ not in {"VERB", "AUX", "ADP", "CCONJ"} for t in gap):
                    role = between.strip() or None
                    return self._person_of(ent, body, role)
        return None

    def _person_of(self, ent: Span, body: ActorMention, role: str | None) -> ActorMention:
        attrs = {"unlisted": True, "affiliation": body.code, "name": ent.text}
        if body.attrs.get("body") or body.attrs.get("party"):
            attrs["affiliation"] = body.attrs.get("body") or body.attrs["party"]
        return ActorMention(
            start=ent.start_char,
            end=ent.end_char,
            text=ent.text,
            code=body.code,
            country=body.country,
            sector=body.sector,
            kind="person",
            person=ent.text,
            role=role,
            attrs=attrs,
        )


_ROLE_EDGE = re.compile(
    r"^(?:a|an|the)\s+|[\s,.;:]+$|\s+(?:at|of|with|for|from|in)(?:\s+the)?$", re.IGNORECASE
)


def _role_words(text: str, start: int, end: int, body: ActorMention) -> str | None:
    """The role in an apposition, without the body's name: "a South Asia analyst at the Wilson
    Center" -> "South Asia analyst"; "IISS Senior Fellow" -> "Senior Fellow"."""
    words = text[start : body.start] if body.start > start else text[body.end : end]
    previous = None
    while previous != words:
        previous, words = words, _ROLE_EDGE.sub("", words.strip())
    return words or None


def _overlaps(mentions: list[ActorMention], start: int, end: int) -> bool:
    return any(m.start < end and start < m.end for m in mentions)
