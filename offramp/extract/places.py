"""Places named in a text, resolved against the gazetteer in ``ontology/places.yaml``.

``find_places`` matches the gazetteer's names and aliases, longest first, so
"Jammu and Kashmir" is one place and not Jammu; short or capitalised aliases
(LoC, PoK, US) match only as written. The ``places`` stage adds spaCy's
GPE/LOC/FAC entities the gazetteer does not know, with no country or
coordinates, so a later stage can still say where something happened.

A country's name that stands for the state acting is not a place: "Pakistan's
army", "the India government", and (with the parse) the subject of a verb,
"Pakistan retaliated". "strikes in Pakistan" keeps it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..ontology.lang import word_list
from ..ontology.yamlfiles import shipped_yaml, user_yaml
from .mentions import PlaceMention
from .pipeline import DocRecord, register_stage

__all__ = ["Place", "PlacesStage", "find_places", "load_gazetteer", "lookup"]


@dataclass(frozen=True)
class Place:
    """One gazetteer entry; ``country`` is ISO alpha-3, or None for a disputed whole or a line."""

    name: str
    aliases: tuple[str, ...]
    country: str | None
    kind: str
    lat: float | None
    lon: float | None
    source: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class _Gazetteer:
    places: tuple[Place, ...]
    by_key: dict[str, Place]
    pattern: re.Pattern[str]
    # the libraries' places, matched as written (a thousand names: a plain alternation behind a capital
    # letter stays fast where the case-folding one of the YAML's names would not)
    library: re.Pattern[str] | None = None


def _key(name: str) -> str:
    """The form names are compared in: lower case, "&" as "and", hyphens and spaces folded."""
    name = name.replace("’", "'").replace("&", " and ").lower()
    return " ".join(re.split(r"[\s\-–]+", name)).strip()


def _alias_pattern(alias: str) -> str:
    """A regex for one alias: spaces and hyphens interchangeable, "and" also "&"; short or
    capitalised aliases match only as written, single words must start with a capital."""
    letters = re.sub(r"[^A-Za-z]", "", alias)
    exact = len(letters) <= 4 or letters.isupper()
    words = [w for w in re.split(r"[\s\-–]+|(&)", alias.strip()) if w]
    body = ""
    for i, word in enumerate(words):
        if word.lower() in ("and", "&"):
            body += r"\s*(?:and|&)\s*"
            continue
        if i and words[i - 1].lower() not in ("and", "&"):
            body += r"(?:\s*[\-–]\s*|\s+)"
        body += re.escape(word).replace("'", "['’]")
    if exact:
        return body
    if len(words) == 1:
        return f"{body[0]}(?i:{body[1:]})"
    return f"(?i:{body})"


def _place(entry: dict[str, Any], where: str, default_kind: str) -> Place:
    try:
        name = str(entry["name"])
        lat = None if entry.get("lat") is None else float(entry["lat"])
        lon = None if entry.get("lon") is None else float(entry["lon"])
        source = str(entry["source"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"gazetteer entry {entry!r} is incomplete ({exc})", where=where) from None
    if (lat is not None and not -90 <= lat <= 90) or (lon is not None and not -180 <= lon <= 180):
        raise ConfigError(f"{name}: latitude/longitude out of range", where=where)
    if not source.startswith(("http://", "https://")):
        raise ConfigError(f"{name}: source must be a URL", where=where)
    return Place(
        name=name,
        aliases=tuple(str(a) for a in entry.get("aliases") or ()),
        country=entry.get("country"),
        kind=str(entry.get("kind") or default_kind),
        lat=lat,
        lon=lon,
        source=source,
    )


def _library_places(extra: Any, by_key: dict[str, Place], where: str) -> list[Place]:
    """States, capitals and major cities from the libraries (``ontology/countries.py``), with the other
    names the YAML's ``aliases`` and the states' gazetteer give them; a name the YAML already uses
    keeps the YAML's place, and of two library places sharing a name the first (states, capitals,
    then cities by size) wins."""
    from ..ontology.countries import city_places, fold

    more: dict[str, list[str]] = {}
    for entry in extra:
        if not isinstance(entry, dict) or not entry.get("name") or not entry.get("source"):
            raise ConfigError(f"alias entry {entry!r} needs a name, aliases and a source", where=where)
        more.setdefault(fold(str(entry["name"])), []).extend(str(a) for a in entry.get("aliases") or ())
    for entry in (shipped_yaml("offramp.ontology", "gazetteer", "states.yaml") or {}).get("actors") or ():
        more.setdefault(str(entry["code"]), []).extend(str(a) for a in entry.get("aliases") or ())
    out = []
    entries = sorted(city_places(), key=lambda e: ("country", "capital", "city").index(e["kind"]))
    for entry in entries:
        names = [entry["name"], *entry["aliases"], *more.get(fold(entry["name"]), ())]
        if entry["kind"] == "country":
            names += more.get(entry["country"], [])
        names = [n for n in dict.fromkeys(names) if _key(n) not in by_key]
        if not names:
            continue
        place = _place({**entry, "name": names[0], "aliases": names[1:]}, where, "place")
        for name in place.names:
            by_key[_key(name)] = place
        out.append(place)
    return out


@functools.lru_cache(maxsize=4)
def _load(path: str | None) -> _Gazetteer:
    if path is None:
        data = shipped_yaml("offramp.ontology", "places.yaml") or {}
        where = "offramp/ontology/places.yaml"
    else:
        data = user_yaml(path, "place gazetteer") or {}
        where = path
    places = [_place(e, where, "country") for e in data.get("countries") or ()]
    places += [_place(e, where, "place") for e in data.get("places") or ()]
    by_key: dict[str, Place] = {}
    for place in places:
        for name in place.names:
            other = by_key.setdefault(_key(name), place)
            if other is not place:
                raise ConfigError(
                    f"name {name!r} is given to both {other.name} and {place.name}", where=where
                )
    names = sorted({n for p in places for n in p.names}, key=len, reverse=True)
    alternation = "|".join(_alias_pattern(n) for n in names)
    pattern = re.compile(rf"(?<![\w&])(?:{alternation})(?![\w&])")
    library = None
    if path is None:
        found = _library_places(data.get("aliases") or (), by_key, where)
        places += found
        written = sorted({n for p in found for n in p.names if n[:1].isupper()}, key=len, reverse=True)
        literal = "|".join(re.escape(n).replace("'", "['’]") for n in written)
        initials = "".join(sorted({re.escape(n[0]) for n in written}))
        library = re.compile(rf"(?<![\w&])(?=[{initials}])(?:{literal})(?![\w&])")
    return _Gazetteer(tuple(places), by_key, pattern, library)


def load_gazetteer(path: str | Path | None = None) -> tuple[Place, ...]:
    """The gazetteer's places (the packaged one unless ``path`` is given); cached."""
    return _load(None if path is None else str(path)).places


def lookup(name: str, path: str | Path | None = None) -> Place | None:
    """The place a name or alias stands for, ignoring case, hyphens and "&"; None if unknown."""
    g = _load(None if path is None else str(path))
    return g.by_key.get(_key(name.removeprefix("the ").removeprefix("The ")))


# A place name directly before one of these names something else: the Simla Agreement,
# the Indus Waters Treaty, the Washington Post, the Gulf of Aden.
_NOT_PLACE_AFTER = re.compile(
    r"\s+of\s+[A-Z]|\s+(?:Agreement|Accord|Accords|Treaty|Declaration|Waters|Pact|Protocol|Process|Consensus|Convention"
    r"|Post|Times|Herald|Tribune|Journal|Chronicle|Today)\b"
)


# A country's name before these stands for the state acting, not for where: "Pakistan's
# army", "India's strikes", "the Pakistan Army", "the India government".
_COUNTRY_AS_ACTOR = re.compile(
    r"(?:['’]s\b|\s+(?:Army|army|Air\s+Force|Navy|navy|[Gg]overnment|[Mm]ilitary|Foreign\s+Office|"
    r"Foreign\s+Ministry|[Mm]inistry|Prime\s+Minister|President|Armed\s+Forces|armed\s+forces|"
    r"[Ss]tate\s+[Dd]epartment|Embassy|embassy|High\s+Commission)\b)"
)
_ACTOR_DEPS = ("nsubj", "nsubjpass", "poss", "agent")
_SPATIAL_NOUNS = word_list("grammar", "place_spatial_nouns")


# "the Gulf of Aden", "the Strait of Hormuz": a city's name inside a sea's name is not the city
_WATER_BEFORE = re.compile(r"\b(?:Gulf|Bay|Strait|Straits|Sea)\s+of\s+$")


def _matches(g: _Gazetteer, text: str) -> list[re.Match[str]]:
    """The YAML's and the libraries' matches in text order, the longer winning where they overlap."""
    ms = list(g.pattern.finditer(text))
    if g.library is None:
        return ms
    ms += g.library.finditer(text)
    ms.sort(key=lambda m: (m.start(), -(m.end() - m.start())))
    out: list[re.Match[str]] = []
    for m in ms:
        if out and m.start() < out[-1].end():
            continue
        out.append(m)
    return out


def find_places(text: str, path: str | Path | None = None) -> list[PlaceMention]:
    """Gazetteer places named in ``text``, in order, longest match first."""
    g = _load(None if path is None else str(path))
    found: list[tuple[re.Match[str], Place]] = []
    for m in _matches(g, text):
        place = g.by_key.get(_key(m.group()))
        if (
            place is None
            or _NOT_PLACE_AFTER.match(text, m.end())
            or _WATER_BEFORE.search(text, max(0, m.start() - 16), m.start())
        ):
            continue
        found.append((m, place))
    # "India-Pakistan conflict", "Russia-Ukraine war": a pair of countries names a relation, not a place.
    pairs: set[int] = set()
    for i in range(len(found) - 1):
        (m1, p1), (m2, p2) = found[i], found[i + 1]
        if p1.kind == p2.kind == "country" and text[m1.end() : m2.start()] in ("-", "–", "—", "/"):
            pairs.update((i, i + 1))
    keep = [
        (m, place)
        for i, (m, place) in enumerate(found)
        if i not in pairs and not (place.kind == "country" and _COUNTRY_AS_ACTOR.match(text, m.end()))
    ]
    return [
        PlaceMention(
            start=m.start(),
            end=m.end(),
            text=m.group(),
            name=place.name,
            country=place.country,
            lat=place.lat,
            lon=place.lon,
            kind=place.kind,
        )
        for m, place in keep
    ]


_ENTITY_LABELS = ("GPE", "LOC", "FAC")
_DIRECTIONS = word_list("grammar", "place_directions")


def _plausible_entity(span: str) -> bool:
    """Drop parser entities that are rarely places: lower case, digits, bare acronyms
    (IWT), bare compass words ("South" of "South and Central Asia")."""
    letters = re.sub(r"[^A-Za-z]", "", span)
    if not any(c.isupper() for c in span) or any(c.isdigit() for c in span):
        return False
    if letters.isupper() and len(letters) <= 5:
        return False
    return span.lower() not in _DIRECTIONS


def _acts(doc: Any, mention: PlaceMention, date_ends: frozenset[int] = frozenset()) -> bool:
    """A country that is the subject or possessor in the parse ("Pakistan retaliated")
    stands for the state acting, so it is an actor, not a place."""
    if mention.kind != "country":
        return False
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.idx + len(before) in date_ends and root.dep_ != "nsubj":
        # "On 3 March Azerbaijan shelled ...": the parser hung the subject on the date before it
        head = root.head
        while head.dep_ not in ("ROOT", "ccomp", "advcl", "conj") and head.head is not head:
            head = head.head
        if head.pos_ in ("VERB", "AUX") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
            return True
    steps = 0
    while root.dep_ == "conj" and root.head is not root and steps < 10:  # "India and Pakistan agreed"
        root, steps = root.head, steps + 1
    if root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.dep_ == "agent":
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        # "the NSAs of India", "the Government of Pakistan" name the state; "the soil of India" a place
        owner = root.head.head
        return owner.pos_ in ("NOUN", "PROPN") and owner.lemma_.lower() not in _SPATIAL_NOUNS
    return root.dep_ in _ACTOR_DEPS


@register_stage("places")
class PlacesStage:
    """Gazetteer places, plus the parser's place entities the gazetteer lacks (country unknown)."""

    requires = ("doc", "dates")
    provides = ("places",)

    def __init__(self, gazetteer: str | None = None, entities: bool = True, **_: Any) -> None:
        self.gazetteer = gazetteer
        self.entities = entities

    def __call__(self, record: DocRecord) -> DocRecord:
        text = record.text
        mentions = find_places(text, self.gazetteer)
        date_ends = frozenset(m.end for m in record.dates)
        if record.doc is not None:
            mentions = [m for m in mentions if not _acts(record.doc, m, date_ends)]
        if self.entities and record.doc is not None:
            taken = [(m.start, m.end) for m in mentions]
            people = [
                a for a in record.actors if getattr(a, "person", None) or getattr(a, "kind", "") == "person"
            ]
            for ent in record.doc.ents:
                if ent.label_ not in _ENTITY_LABELS:
                    continue
                start, end = ent.start_char, ent.end_char
                span = text[start:end]
                if span.lower().startswith("the "):
                    start, span = start + 4, span[4:]
                if not _plausible_entity(span):
                    continue
                if any(start < a.end and a.start < end for a in people):
                    continue  # the parser took a person for a place ("Ajit Doval")
                if any(start < e and s < end for s, e in taken):
                    continue
                place = lookup(span, self.gazetteer)
                mention = PlaceMention(
                    start=start,
                    end=end,
                    text=span,
                    name=place.name if place else span,
                    country=place.country if place else None,
                    lat=place.lat if place else None,
                    lon=place.lon if place else None,
                    kind=place.kind if place else ent.label_.lower(),
                )
                taken.append((start, end))
                if not _acts(record.doc, mention, date_ends):  # "India" in "India struck" is the state
                    mentions.append(mention)
        record.places = sorted(mentions, key=lambda m: m.start)
        return record
