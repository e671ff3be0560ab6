"""The actor gazetteer: states, organisations, armed groups and people with dated offices.

The data lives in ``gazetteer/*.yaml`` (sources in ``gazetteer/README.md``); users
add or override entries, by code, with their own YAML files of the same shape.
This module loads and checks them and answers lookups: an actor by code, the
holders of an office on a date (``holders``, ``person``, ``role_match``), the
sector a noun gives, and the index of every phrase that names something
(``phrases``: tokens to ``PhraseEntry``). Reading a text with them is extraction:
the phrase grammar is ``offramp.extract.phrases``. See docs/gazetteer.md.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..records import Actor, ActorMention
from .calendar import as_date
from .yamlfiles import shipped_yaml, user_yaml

__all__ = [
    "CURRENT_WORDS",
    "DATA_FILES",
    "FORMER_SECTOR",
    "FORMER_WORDS",
    "KINDS",
    "UNNAMED_MILITANTS",
    "ActorMatch",
    "Gazetteer",
    "Office",
    "PhraseEntry",
    "PhraseIndex",
    "Role",
    "Token",
    "load_gazetteer",
    "tokenize",
]

DATA_FILES = ("states.yaml", "organisations.yaml", "groups.yaml", "people.yaml", "roles.yaml", "nouns.yaml")
KINDS = ("state", "igo", "ngo", "media", "group", "person", "state_body", "party")
_TOP_KEYS = {"source", "actors", "roles", "ranks", "sectors", "militants", "places"}
_ACTOR_KEYS = {
    "code", "name", "kind", "country", "sector", "parent", "aliases", "adj", "capital",
    "source", "attrs", "roles",
}  # fmt: skip
_OFFICE_KEYS = {"role", "country", "org", "from", "to", "source", "attrs"}
# Sector of a person who no longer holds any office: CAMEO's ELI (elites,
# which includes former officials). Decided in docs/gazetteer.md.
FORMER_SECTOR = "ELI"
UNNAMED_MILITANTS = "MIL"


@dataclass(frozen=True)
class Role:
    """An office: the titles that name it, the sector of its holder, and, for
    offices tied to one state or body, that ``country`` or ``org``."""

    key: str
    titles: tuple[str, ...]
    sector: str = "GOV"
    country_titles: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=False)
    country: str | None = None
    org: str | None = None
    name: str | None = None

    @property
    def label(self) -> str:
        """How the office is written in a mention's ``role``: ``name``, else the key in words."""
        return self.name or self.key.replace("_", " ")


@dataclass(frozen=True)
class Office:
    """One person's tenure of a role for a state (``country``) or a body (``org``),
    from ``start`` up to the day before ``end`` (None: still held)."""

    person: str
    role: str
    country: str | None
    org: str | None
    start: dt.date
    end: dt.date | None
    source: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def held_on(self, when: dt.date) -> bool:
        return self.start <= when and (self.end is None or when < self.end)


@dataclass
class ActorMatch:
    """What a phrase resolves to. ``code`` is the actor acted for (``PAK``,
    ``IMF``, ``LET``, ``MIL``); a person keeps ``person`` and ``role``, and
    ``attrs['actor']`` holds the gazetteer code of the person or body."""

    code: str
    kind: str
    name: str
    country: str | None = None
    sector: str | None = None
    person: str | None = None
    role: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)

    def mention(self, start: int, end: int, text: str) -> ActorMention:
        attrs = dict(self.attrs)
        attrs.setdefault("name", self.name)
        return ActorMention(
            start=start,
            end=end,
            text=text,
            code=self.code,
            country=self.country,
            sector=self.sector,
            kind=self.kind,
            person=self.person,
            role=self.role,
            attrs=attrs,
        )


# ---------------------------------------------------------------------------
# tokens and the phrase trie

_TOKEN_RE = re.compile(r"(?:[A-Za-z]\.){2,}|\w+|['’]s\b|[^\w\s]")


@dataclass(slots=True)
class Token:
    """One word of a text (a plain slotted class: a document has thousands, made in one pass)."""

    norm: str
    raw: str
    start: int
    end: int

    @property
    def cap(self) -> bool:
        return self.raw[:1].isupper()


def _norm(raw: str) -> str:
    return raw.replace(".", "").replace("’", "'").lower() if len(raw) > 1 else raw.replace("’", "'").lower()


def tokenize(text: str) -> list[Token]:
    """Words, dotted abbreviations (``U.S.``), possessive ``'s`` and punctuation, with offsets."""
    return [Token(_norm(m.group()), m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


@dataclass(frozen=True)
class PhraseEntry:
    """One meaning of a phrase: ``type`` is state/adj/capital/org/person/title/rank/
    sector/militant/place/region/word; ``ref`` the code, role key or sector."""

    type: str
    ref: str
    case: str  # any | cap | exact
    surface: str = ""
    country: str | None = None


def _case_mode(alias: str, type_: str) -> str:
    if type_ in ("title", "sector", "militant", "word") and not (alias.isupper() and len(alias) <= 5):
        return "any"
    compact = alias.replace(".", "")
    if (compact.isupper() and len(compact) <= 6) or len(compact) <= 3:
        return "exact"
    if len(compact.split()) == 1 and any(c.isupper() for c in compact[1:]):
        return "exact"
    return "cap" if alias[:1].isupper() else "any"


class PhraseIndex:
    """Every gazetteer phrase as a trie of token norms; ``root`` holds the words a phrase starts with."""

    def __init__(self) -> None:
        self.root: dict[str, Any] = {}

    def add(self, phrase: str, entry: PhraseEntry) -> None:
        toks = [t.norm for t in tokenize(phrase)]
        if not toks:
            return
        node = self.root
        for t in toks:
            node = node.setdefault(t, {})
        node.setdefault("", []).append(entry)

    def longest(self, toks: Sequence[Token], i: int, text: str) -> tuple[int, list[PhraseEntry]]:
        """The end index and the valid entries of the longest phrase starting at token ``i``."""
        node = self.root
        best: tuple[int, list[PhraseEntry]] = (i, [])
        j = i
        while j < len(toks) and toks[j].norm in node:
            node = node[toks[j].norm]
            j += 1
            if "" in node:
                surface = text[toks[i].start : toks[j - 1].end]
                valid = [e for e in node[""] if _case_ok(e, toks[i], surface)]
                if valid:
                    best = (j, valid)
        return best


def _case_ok(entry: PhraseEntry, first: Token, surface: str) -> bool:
    if entry.case == "any":
        return True
    if entry.case == "cap":
        return first.cap
    return _compact(surface) == _compact(entry.surface)


def _compact(s: str) -> str:
    return s.replace(".", "").replace("’", "'").replace(" ", "")


# ---------------------------------------------------------------------------
# loading and validation


def _plurals(word: str) -> list[str]:
    if " " in word:
        head, _, last = word.rpartition(" ")
        return [f"{head} {p}" for p in _plurals(last)]
    if word.endswith("y") and not word.endswith(("ay", "ey", "oy")):
        return [word[:-1] + "ies"]
    if word.endswith(("s", "sh", "ch", "x")):
        return [word + "es"] if not word.endswith("s") else []
    return [word + "s"]


def _as_list(value: Any, where: str, what: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ConfigError(f"{what} must be a string or a list of strings", where=where)


def _as_date(value: Any, where: str, what: str) -> dt.date | None:
    try:
        return as_date(value)
    except ValueError:
        raise ConfigError(
            f"{what} {value!r} is not a date", where=where, hint="write it as YYYY-MM-DD"
        ) from None


@dataclass
class _Raw:
    """The merged content of all gazetteer files before indexing."""

    actors: dict[str, tuple[Actor, list[dict[str, Any]], str]] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    ranks: list[str] = field(default_factory=list)
    sectors: dict[str, list[str]] = field(default_factory=dict)
    militants: list[str] = field(default_factory=list)
    places: list[dict[str, Any]] = field(default_factory=list)
    role_where: dict[str, str] = field(default_factory=dict)


def _read_yaml(path: Path, label: str) -> dict[str, Any]:
    data = user_yaml(path, "gazetteer file")
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(
            "a gazetteer file must be a mapping with keys such as 'actors' and 'roles'", where=label
        )
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise ConfigError(
            f"unknown top-level key(s): {', '.join(sorted(map(str, unknown)))}",
            where=label,
            hint=f"use {', '.join(sorted(_TOP_KEYS))}",
        )
    return data


def _merge_file(raw: _Raw, data: dict[str, Any], label: str) -> None:
    file_source = _as_list(data.get("source"), label, "source")
    for i, item in enumerate(_items(data.get("roles"), label, "roles")):
        where = f"{label}: roles[{i}]"
        if not isinstance(item, dict) or not isinstance(item.get("key"), str):
            raise ConfigError("each role needs a 'key' (a string)", where=where)
        where = f"{label}: roles[{i}] ({item['key']})"
        country_titles = item.get("country_titles") or {}
        if not isinstance(country_titles, dict):
            raise ConfigError("country_titles must map a state code to titles", where=where)
        raw.role_where[item["key"]] = where
        raw.roles[item["key"]] = Role(
            key=item["key"],
            titles=tuple(_as_list(item.get("titles"), where, "titles")),
            sector=str(item.get("sector") or "GOV"),
            country_titles={str(k): tuple(_as_list(v, where, "titles")) for k, v in country_titles.items()},
            country=item.get("country"),
            org=item.get("org"),
            name=item.get("name"),
        )
    raw.ranks.extend(_as_list(data.get("ranks"), label, "ranks"))
    sectors = data.get("sectors") or {}
    if not isinstance(sectors, dict):
        raise ConfigError("sectors must map a sector code to nouns", where=label)
    for sector, nouns in sectors.items():
        raw.sectors.setdefault(str(sector), []).extend(_as_list(nouns, f"{label}: sectors.{sector}", "nouns"))
    raw.militants.extend(_as_list(data.get("militants"), label, "militants"))
    for i, item in enumerate(_items(data.get("places"), label, "places")):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise ConfigError("each place needs a 'name'", where=f"{label}: places[{i}]")
        raw.places.append(item)
    for i, item in enumerate(_items(data.get("actors"), label, "actors")):
        actor, offices = _parse_actor(item, f"{label}: actors[{i}]", file_source)
        raw.actors[actor.code] = (actor, offices, f"{label}: actors[{i}] ({actor.code})")


def _items(value: Any, label: str, key: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ConfigError(f"'{key}' must be a list", where=label)
    return value


def _parse_actor(item: Any, where: str, file_source: list[str]) -> tuple[Actor, list[dict[str, Any]]]:
    if not isinstance(item, dict):
        raise ConfigError("each actor must be a mapping with at least 'code' and 'name'", where=where)
    code = item.get("code")
    if not isinstance(code, str) or not code.strip():
        raise ConfigError("actor has no 'code'", where=where, hint="give a code such as IND, IMF or a-person")
    where = f"{where} ({code})"
    unknown = set(item) - _ACTOR_KEYS
    if unknown:
        raise ConfigError(
            f"unknown field(s): {', '.join(sorted(map(str, unknown)))}",
            where=where,
            hint=f"use {', '.join(sorted(_ACTOR_KEYS))}",
        )
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ConfigError("actor has no 'name'", where=where)
    kind = item.get("kind") or ("person" if "roles" in item else "state")
    if kind not in KINDS:
        raise ConfigError(f"unknown kind {kind!r}", where=where, hint=f"use one of {', '.join(KINDS)}")
    sources = _as_list(item.get("source"), where, "source") or file_source
    offices: list[dict[str, Any]] = []
    for j, office in enumerate(_items(item.get("roles"), where, "roles")):
        owhere = f"{where}: roles[{j}]"
        if not isinstance(office, dict) or not isinstance(office.get("role"), str):
            raise ConfigError("each role needs 'role' (a role key from roles.yaml)", where=owhere)
        bad = set(office) - _OFFICE_KEYS
        if bad:
            raise ConfigError(f"unknown field(s): {', '.join(sorted(map(str, bad)))}", where=owhere)
        start = _as_date(office.get("from"), owhere, "from")
        if start is None:
            raise ConfigError("role has no 'from' date", where=owhere, hint="write from: YYYY-MM-DD")
        end = _as_date(office.get("to"), owhere, "to")
        if end is not None and end < start:
            raise ConfigError(f"role ends ({end}) before it starts ({start})", where=owhere)
        if not office.get("country") and not office.get("org"):
            raise ConfigError("role needs a 'country' or an 'org'", where=owhere)
        offices.append({**office, "from": start, "to": end, "where": owhere})
    attrs = item.get("attrs") or {}
    if not isinstance(attrs, dict):
        raise ConfigError("attrs must be a mapping", where=where)
    attrs = dict(attrs)
    aliases = _aliases(item.get("aliases"), where, attrs)
    adj = _as_list(item.get("adj"), where, "adj")
    capital = _as_list(item.get("capital"), where, "capital")
    if adj:
        attrs["adj"] = adj
    if capital:
        attrs["capital"] = capital
    if kind == "group" and item.get("country"):
        attrs.setdefault("based_in", item["country"])
    country = item.get("country") or (code if kind == "state" else None)
    if offices:
        latest = max(offices, key=lambda o: o["from"])
        country = country or latest.get("country")
        sources = sources or [o["source"] for o in offices if o.get("source")][:1]
    actor = Actor(
        code=code,
        name=name,
        kind=kind,
        country=country,
        sector=item.get("sector"),
        parent=item.get("parent"),
        aliases=aliases,
        source_url=sources[0] if sources else None,
        attrs=attrs,
    )
    if len(sources) > 1:
        actor.attrs["sources"] = sources
    return actor, offices


_ALIAS_KEYS = {"name", "source", "place"}


def _aliases(value: Any, where: str, attrs: dict[str, Any]) -> list[str]:
    """An entry's aliases: plain names, or ``{name, source, place}`` mappings for an alias that is a
    fact of its own ("the UN nuclear watchdog" is the IAEA, with the page that uses it). ``place: true``
    marks a place name that stands for the body ("Europe" for the EU): read as the body only where it
    is not a place (after "in", "Eastern Europe"). Sources go to ``attrs['alias_sources']``, place
    names to ``attrs['place_aliases']``."""
    if value is None or isinstance(value, str):
        return _as_list(value, where, "aliases")
    if not isinstance(value, list):
        raise ConfigError("aliases must be a list of names or {name, source} mappings", where=where)
    names: list[str] = []
    for k, alias in enumerate(value):
        if isinstance(alias, str):
            names.append(alias)
            continue
        awhere = f"{where}: aliases[{k}]"
        if not isinstance(alias, dict) or not isinstance(alias.get("name"), str):
            raise ConfigError("an alias must be a name or a mapping with 'name'", where=awhere)
        bad = set(alias) - _ALIAS_KEYS
        if bad:
            raise ConfigError(
                f"unknown field(s): {', '.join(sorted(map(str, bad)))}",
                where=awhere,
                hint=f"use {', '.join(sorted(_ALIAS_KEYS))}",
            )
        source = alias.get("source")
        if not isinstance(source, str) or not source.startswith(("http://", "https://")):
            raise ConfigError("an alias mapping needs a 'source' URL", where=awhere)
        names.append(alias["name"])
        attrs.setdefault("alias_sources", {})[alias["name"]] = source
        if alias.get("place"):
            attrs.setdefault("place_aliases", []).append(alias["name"])
    return names


# ---------------------------------------------------------------------------
# the gazetteer

# Words that qualify an office ("former Prime Minister", "the incumbent president"): indexed
# as phrases of type ``word`` so the phrase grammar (offramp.extract.phrases) can see them.
FORMER_WORDS = ("former", "ex", "then", "erstwhile", "outgoing", "past")
CURRENT_WORDS = ("incumbent", "current", "sitting", "serving", "acting", "interim", "caretaker", "new")


class Gazetteer:
    """Actors by code, people's dated offices, and the index of the phrases that name them, built once."""

    def __init__(self, raw: _Raw):
        self.actors: dict[str, Actor] = {code: a for code, (a, _, _) in raw.actors.items()}
        self.roles: dict[str, Role] = dict(raw.roles)
        self.offices: dict[str, list[Office]] = {}
        self.places: list[dict[str, Any]] = list(raw.places)
        self._sector_of: dict[str, str] = {}
        self._check(raw)
        self.phrases = PhraseIndex()
        self._index(raw)

    # -- building

    def _check(self, raw: _Raw) -> None:
        for role in self.roles.values():
            for ref in (role.country, role.org, *role.country_titles):
                if ref and ref not in self.actors:
                    raise ConfigError(
                        f"unknown actor code {ref!r}", where=raw.role_where.get(role.key, f"role {role.key}")
                    )
        for code, (actor, offices, where) in raw.actors.items():
            if actor.kind != "state" and actor.country and actor.country not in self.actors:
                raise ConfigError(f"unknown country {actor.country!r}", where=where)
            for o in offices:
                role_def = self.roles.get(o["role"])
                if role_def is None:
                    raise ConfigError(
                        f"unknown role {o['role']!r}", where=o["where"], hint="add it under 'roles:' first"
                    )
                for ref in (o.get("country"), o.get("org")):
                    if ref and ref not in self.actors:
                        raise ConfigError(f"unknown actor code {ref!r}", where=o["where"])
                self.offices.setdefault(code, []).append(
                    Office(
                        person=code,
                        role=o["role"],
                        country=o.get("country"),
                        org=o.get("org"),
                        start=o["from"],
                        end=o["to"],
                        source=o.get("source") or actor.source_url,
                        attrs=dict(o.get("attrs") or {}),
                    )
                )

    def _index(self, raw: _Raw) -> None:
        add = self._add
        for actor in self.actors.values():
            t = "person" if actor.kind == "person" else ("state" if actor.kind == "state" else "org")
            places = set(actor.attrs.get("place_aliases") or ())
            for alias in (actor.name, *actor.aliases):
                # "Europe" stands for the EU only where it is not a place (offramp.extract.phrases)
                add(alias, "region" if alias in places else t, actor.code)
            if actor.kind == "state":
                for adj in actor.attrs.get("adj", []):
                    add(adj, "adj", actor.code)
                    if adj[-1] in "ni" and not adj.isupper():
                        add(adj + "s", "people", actor.code)
                for cap in actor.attrs.get("capital", []):
                    add(cap, "capital", actor.code)
        for role in self.roles.values():
            per_country = [(None, t) for t in role.titles] + [
                (c, t) for c, titles in role.country_titles.items() for t in titles
            ]
            for country, title in per_country:
                # "the foreign ministers of India and Pakistan"
                forms = [title] if title.isupper() else [title, *_plurals(title)]
                for form in forms:
                    add(form, "title", role.key, country=country or role.country)
        for rank in raw.ranks:
            add(rank, "rank", rank)
        for sector, nouns in raw.sectors.items():
            for noun in nouns:
                for form in (noun, *_plurals(noun)):
                    add(form, "sector", sector)
                    self._sector_of.setdefault(form.lower(), sector)
        for noun in raw.militants:
            for form in (noun, *_plurals(noun)):
                add(form, "militant", UNNAMED_MILITANTS)
        for place in self.places:
            for alias in (place["name"], *(place.get("aliases") or [])):
                add(alias, "place", place["name"], country=place.get("country"))
        for word in (*FORMER_WORDS, *CURRENT_WORDS):
            add(word, "word", word)

    def _add(self, phrase: str, type_: str, ref: str, country: str | None = None) -> None:
        self.phrases.add(phrase, PhraseEntry(type_, ref, _case_mode(phrase, type_), phrase, country))

    # -- lookups

    def actor(self, code: str) -> Actor:
        """The actor with this code; KeyError if there is none."""
        return self.actors[code]

    def sector_of(self, noun: str) -> str | None:
        """The sector a common noun gives ("jets" -> "MIL"), or None."""
        return self._sector_of.get(noun.lower())

    def holders(self, role: str, country: str, when: dt.date | None = None) -> list[Office]:
        """Offices of ``role`` for a state or body held on ``when`` (None: held now, open-ended)."""
        out = []
        for offices in self.offices.values():
            for o in offices:
                if o.role != role or country not in (o.country, o.org):
                    continue
                if (when is None and o.end is None) or (when is not None and o.held_on(when)):
                    out.append(o)
        return sorted(out, key=lambda o: o.start, reverse=True)

    def person(self, code: str, when: dt.date | None = None, role: str | None = None) -> ActorMatch:
        """A person as of ``when``: the office named by ``role`` if held, else the first
        office held then, else their last office marked former (sector ELI)."""
        actor = self.actors[code]
        offices = self.offices.get(code, [])

        def in_office(o: Office) -> bool:
            return o.end is None if when is None else o.held_on(when)

        held = [o for o in offices if in_office(o)]
        past = [o for o in offices if (when is None or o.start <= when) and not in_office(o)]
        chosen: Office | None = None
        former = False
        if role:
            chosen = next((o for o in held if o.role == role), None)
            before = [o for o in past if o.role == role]
            if chosen is None and before:
                chosen, former = max(before, key=lambda o: o.start), True
        if chosen is None and held:
            chosen = held[0]
        if chosen is None and past:
            chosen, former = max(past, key=lambda o: o.start), True
        attrs: dict[str, Any] = {"actor": code}
        rank = self._rank(actor, when)
        if rank:
            attrs["rank"] = rank
        if chosen is None:
            return ActorMatch(code=actor.country or code, kind="person", name=actor.name, person=actor.name,
                              country=actor.country, sector=actor.sector, attrs=attrs)  # fmt: skip
        role_def = self.roles[chosen.role]
        label = role_def.label
        if chosen.attrs:
            attrs.update(chosen.attrs)
        if chosen.source:
            attrs["source"] = chosen.source
        if chosen.org:
            attrs["org"] = chosen.org
        local = role_def.country_titles.get(chosen.country or "")
        if local:
            attrs["title"] = local[0]
        sector = role_def.sector
        if former:
            label, sector = f"former {label}", FORMER_SECTOR
        return ActorMatch(
            code=chosen.country or chosen.org or code,
            kind="person",
            name=actor.name,
            country=chosen.country,
            sector=sector,
            person=actor.name,
            role=label,
            attrs=attrs,
        )

    @staticmethod
    def _rank(actor: Actor, when: dt.date | None) -> str | None:
        """The rank held on ``when`` from ``attrs.ranks`` ("Field Marshal" from 2025-05-20)."""
        ranks = [r for r in actor.attrs.get("ranks") or [] if isinstance(r, dict) and r.get("rank")]
        dated = sorted(
            (r for r in ranks if isinstance(r.get("from"), dt.date) and (when is None or r["from"] <= when)),
            key=lambda r: r["from"],
        )
        return str(dated[-1]["rank"]) if dated else None

    def role_match(
        self, role_key: str, owner: str | None, when: dt.date | None, former: bool, lookup: bool = True
    ) -> ActorMatch:
        """What an office of ``owner`` names on ``when``: its listed holder (``lookup``, not ``former``),
        else the office itself for the owner (a state's body or party speaks for the state)."""
        role = self.roles[role_key]
        owner = owner or role.country or role.org
        if owner is None:
            return ActorMatch(code="", kind="role", name=role.label, sector=role.sector, role=role.label)
        owner_actor = self.actors.get(owner)
        is_state = owner_actor is not None and owner_actor.kind == "state"
        country = owner if is_state else (owner_actor.country if owner_actor else None)
        if lookup and not former:
            holders = self.holders(role_key, owner, when)
            if holders:
                m = self.person(holders[0].person, when, role_key)
                return replace(m, attrs={**m.attrs, "via": "role"})
        label = f"former {role.label}" if former else role.label
        code, sector, attrs = owner, role.sector, {}
        if owner_actor is not None and owner_actor.kind in ("state_body", "party") and country:
            # "BJP spokesperson", "ISPR chief": a state's party or body speaks for the state
            code = country
            attrs["body" if owner_actor.kind == "state_body" else "party"] = owner
            if sector == "GOV" and owner_actor.sector:
                sector = owner_actor.sector
        return ActorMatch(
            code=code,
            kind="role",
            name=f"{owner_actor.name if owner_actor else owner} {label}",
            country=country,
            sector=FORMER_SECTOR if former else sector,
            role=label,
            attrs=attrs,
        )

    # -- matching


# ---------------------------------------------------------------------------
# loading


def _load(extra: Sequence[Path]) -> Gazetteer:
    raw = _Raw()
    for name in DATA_FILES:
        label = f"gazetteer/{name}"
        data = shipped_yaml("offramp.ontology", "gazetteer", name) or {}
        if name == "states.yaml":
            data = {**data, "actors": _with_library_states(data.get("actors") or [], label)}
        _merge_file(raw, data, label)
    for path in extra:
        path = Path(path)
        _merge_file(raw, _read_yaml(path, str(path)), str(path))
    return Gazetteer(raw)


def _with_library_states(hand: list[Any], label: str) -> list[dict[str, Any]]:
    """Every state from the libraries (names, codes, capital), with the hand file's additions
    (adjectives, colloquial names, other metonyms) merged in by code."""
    from .countries import state_entries

    extra: dict[str, dict[str, Any]] = {}
    for i, item in enumerate(hand):
        if not isinstance(item, dict) or not isinstance(item.get("code"), str):
            raise ConfigError("each state entry needs a 'code'", where=f"{label}: actors[{i}]")
        extra[item["code"]] = item
    out = []
    for entry in state_entries():
        more = extra.pop(entry["code"], {})
        merged = {**entry, **{k: v for k, v in more.items() if k not in ("aliases", "capital")}}
        for key in ("aliases", "capital"):
            values = [*entry.get(key, []), *_as_list(more.get(key), label, key)]
            if values:
                merged[key] = list(dict.fromkeys(values))
        out.append(merged)
    for code, item in extra.items():
        if not item.get("name"):
            raise ConfigError(f"state {code} is not in the country libraries and has no 'name'", where=label)
        out.append(item)
    return out


@lru_cache(maxsize=8)
def _cached(key: tuple[tuple[str, float], ...]) -> Gazetteer:
    return _load([Path(p) for p, _ in key])


def load_gazetteer(extra: Iterable[Path | str] | None = None) -> Gazetteer:
    """The shipped gazetteer plus user files in ``extra`` (later files add to or
    replace earlier entries, by code). Cached while the files are unchanged.

    Without ``extra``, the files named by the ``actors`` setting (``$OFFRAMP_ACTORS``,
    paths separated by ``os.pathsep``; the CLI's ``--actors``) are used."""
    if extra is None:
        from .. import config

        extra = [p for p in str(config.get("actors")).split(os.pathsep) if p]
    key = []
    for p in extra:
        path = Path(p)
        try:
            mtime = path.stat().st_mtime
        except OSError:
            mtime = -1.0
        key.append((str(path), mtime))
    return _cached(tuple(key))
