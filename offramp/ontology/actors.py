"""The actor gazetteer: states, organisations, armed groups and people with dated offices.

The data lives in ``gazetteer/*.yaml`` (sources in ``gazetteer/README.md``); users
add or override entries, by code, with their own YAML files of the same shape.
``Gazetteer.find`` marks every actor mention in a plain string with a small
grammar over gazetteer phrases ("Pakistan's NSA, Lt General Asim Malik",
"Indian jets", "the Prime Minister of Pakistan"); ``Gazetteer.resolve`` gives the
actor a short phrase names, as of a date. See docs/gazetteer.md.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError
from ..extract.mentions import ActorMention
from ..records import Actor

__all__ = [
    "DATA_FILES",
    "KINDS",
    "ActorMatch",
    "Gazetteer",
    "Office",
    "Role",
    "load_gazetteer",
]

DATA_FILES = ("states.yaml", "organisations.yaml", "groups.yaml", "people.yaml", "roles.yaml", "nouns.yaml")
KINDS = ("state", "igo", "ngo", "media", "group", "person", "state_body", "party")
# libyaml's parser for the shipped files when installed; users' files keep the pure-Python one
# (its error marks).
_SHIPPED_YAML = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
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
_WORD_RE = re.compile(r"\w")


@dataclass(slots=True)
class _Tok:
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


def tokenize(text: str) -> list[_Tok]:
    """Words, dotted abbreviations (``U.S.``), possessive ``'s`` and punctuation, with offsets."""
    return [_Tok(_norm(m.group()), m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


@dataclass(frozen=True)
class _Entry:
    """One meaning of a phrase: ``type`` is state/adj/capital/org/person/title/rank/
    sector/militant/place/word; ``ref`` the code, role key or sector."""

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


class _Trie:
    def __init__(self) -> None:
        self.root: dict[str, Any] = {}

    def add(self, phrase: str, entry: _Entry) -> None:
        toks = [t.norm for t in tokenize(phrase)]
        if not toks:
            return
        node = self.root
        for t in toks:
            node = node.setdefault(t, {})
        node.setdefault("", []).append(entry)

    def longest(self, toks: Sequence[_Tok], i: int, text: str) -> tuple[int, list[_Entry]]:
        """The end index and the valid entries of the longest phrase starting at token ``i``."""
        node = self.root
        best: tuple[int, list[_Entry]] = (i, [])
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


def _case_ok(entry: _Entry, first: _Tok, surface: str) -> bool:
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
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ConfigError(f"{what} {value!r} is not a date", where=where, hint="write it as YYYY-MM-DD")


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
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else None
    except OSError as exc:
        raise ConfigError(f"cannot read gazetteer file: {exc.strerror}", where=label) from exc
    if text is None:
        raise ConfigError("gazetteer file not found", where=label, hint="check the path")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{label}:{mark.line + 1}" if mark is not None else label
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ConfigError(f"not valid YAML: {problem}", where=where, hint="fix the YAML syntax") from exc
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
        aliases=_as_list(item.get("aliases"), where, "aliases"),
        source_url=sources[0] if sources else None,
        attrs=attrs,
    )
    if len(sources) > 1:
        actor.attrs["sources"] = sources
    return actor, offices


# ---------------------------------------------------------------------------
# the gazetteer


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_GOVERNMENT = frozenset({"administration", "government", "cabinet", "regime"})
_STATE_TYPES = ("state", "adj", "capital", "people")
_FORMER = ("former", "ex", "then", "erstwhile", "outgoing", "past")
_CURRENT = ("incumbent", "current", "sitting", "serving", "acting", "interim", "caretaker", "new")
_DETS = ("the", "a", "an", "its", "their", "his", "her")
# Words that may stand between a state and a sector noun: "Pakistani senior officials".
_MODIFIERS = _words(
    "senior top high-ranking ranking military armed naval fighter foreign security federal central "
    "interim caretaker new own local retired serving special elite border two three several many "
    "other civilian regular air ground defence defense frontline front-line intelligence diplomatic "
    "government state nuclear provincial national top-level junior army navy aid peacekeeping the its"
)
_BASED = ("based", "backed", "sponsored", "linked", "trained", "supported")
_AFFIL_PREP = ("in", "from", "of")
_MAX_NAME = 4


@dataclass
class _Piece:
    i: int
    j: int
    entries: list[_Entry]

    def first(self, *types: str) -> _Entry | None:
        return next((e for e in self.entries if e.type in types), None)


class Gazetteer:
    """Actors by code, people's dated offices, and a phrase matcher built once."""

    def __init__(self, raw: _Raw):
        self.actors: dict[str, Actor] = {code: a for code, (a, _, _) in raw.actors.items()}
        self.roles: dict[str, Role] = dict(raw.roles)
        self.offices: dict[str, list[Office]] = {}
        self.places: list[dict[str, Any]] = list(raw.places)
        self._sector_of: dict[str, str] = {}
        self._check(raw)
        self._trie = _Trie()
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
            for alias in (actor.name, *actor.aliases):
                add(alias, t, actor.code)
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
        for word in (*_FORMER, *_CURRENT):
            add(word, "word", word)

    def _add(self, phrase: str, type_: str, ref: str, country: str | None = None) -> None:
        self._trie.add(phrase, _Entry(type_, ref, _case_mode(phrase, type_), phrase, country))

    # -- lookups

    def actor(self, code: str) -> Actor:
        """The actor with this code; KeyError if there is none."""
        return self.actors[code]

    def country_of(self, name: str) -> str | None:
        """The state a name, adjective, capital or body belongs to ("Islamabad" -> "PAK")."""
        m = self.resolve(name)
        return m.country if m else None

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

    def _role_match(
        self, role_key: str, owner: str | None, when: dt.date | None, former: bool, lookup: bool = True
    ) -> ActorMatch:
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

    def resolve(self, text: str, when: dt.date | None = None) -> ActorMatch | None:
        """The actor a short phrase names, as of ``when``: the longest mention in it."""
        best: ActorMention | None = None
        for m in self.find(text, when):
            if best is None or (m.end - m.start) > (best.end - best.start):
                best = m
        if best is None:
            return None
        return ActorMatch(
            code=best.code,
            kind=best.kind,
            name=best.attrs.get("name") or best.text,
            country=best.country,
            sector=best.sector,
            person=best.person,
            role=best.role,
            attrs={k: v for k, v in best.attrs.items() if k != "name"},
        )

    def pieces(self, text: str) -> tuple[list[_Tok], list[_Piece | None]]:
        """Tokens, and at each token the longest gazetteer phrase starting there (or None)."""
        toks = tokenize(text)
        at: list[_Piece | None] = [None] * len(toks)
        first_words = self._trie.root
        i = 0
        while i < len(toks):
            if toks[i].norm not in first_words:  # no phrase starts with this word
                i += 1
                continue
            j, entries = self._trie.longest(toks, i, text)
            if entries:
                at[i] = _Piece(i, j, entries)
                i = j
            else:
                i += 1
        return toks, at

    def find(self, text: str, when: dt.date | None = None) -> list[ActorMention]:
        """Every actor mention in ``text``, in order, with character spans; overlapping
        phrases resolve to the longest; places ("Pakistan-administered Kashmir") are skipped."""
        toks, at = self.pieces(text)
        out: list[ActorMention] = []
        i = 0
        while i < len(toks):
            piece = at[i]
            if piece is None:
                i += 1
                continue
            found = None if _leaning(toks, i) else self._compose(toks, at, piece, text, when)
            if found is None:
                i = piece.j
                continue
            j, match = found
            if match is not None and match.code == _PENDING:
                match = self._owner_from_context(match, out, toks[i].start, text)
            if match is not None and match.code:
                start, end = toks[i].start, toks[j - 1].end
                out.append(match.mention(start, end, text[start:end]))
            i = j
        return self._later_surnames(toks, out, text)

    def _owner_from_context(
        self, match: ActorMatch, before: list[ActorMention], at: int, text: str = ""
    ) -> ActorMatch | None:
        """ "Israeli leaders reacted with outrage. National Security Minister Itamar Ben Gvir said ...":
        a title with no state, before a name nobody lists, is an office of the state whose officials
        were named just before (the last titled person, or the state's government or leaders).
        Rule own_sentence_owner: when the person's own sentence names one state before the title
        ("Ukraine defended its actions, with Ambassador X insisting ..."), that state holds the office,
        not one guessed from a neighbouring sentence."""
        start = _sentence_start(text, at)
        own = {
            m.country or m.code for m in before if m.start >= start and m.kind in ("state", "person", "role")
        }
        own.discard(None)
        own_states = [c for c in own if c and len(c) == 3 and c.isalpha() and c.isupper()]
        if len(own_states) == 1:
            country = own_states[0]
            owner = next(
                m.text for m in reversed(before) if m.start >= start and (m.country or m.code) == country
            )
            return replace(match, code=country, country=country, attrs={**match.attrs, "owner": owner})
        near = [m for m in before if at - m.end <= _OWNER_WINDOW]
        titled = [m for m in near if m.kind in ("person", "role") and m.country and m.role]
        governments = [m for m in near if m.kind == "state" and m.sector == "GOV"]
        for m in reversed(titled or governments):
            country = m.country or m.code
            return replace(match, code=country, country=country, attrs={**match.attrs, "owner": m.text})
        return None

    @staticmethod
    def _later_surnames(toks: Sequence[_Tok], found: list[ActorMention], text: str) -> list[ActorMention]:
        """ "Iran's foreign minister Abbas Araghchi ... Araghchi said": once a title phrase has named a
        person the gazetteer does not list, the surname alone later in the text is the same actor."""
        people: dict[str, ActorMention] = {}
        for m in found:
            if m.kind == "person" and m.attrs.get("unlisted") and m.person:
                last = [t for t in tokenize(m.person) if _WORD_RE.match(t.raw)]
                if last and len(last[-1].raw) > 2:
                    people.setdefault(last[-1].raw, m)
        if not people:
            return found
        taken = [(m.start, m.end) for m in found]
        more = []
        for t in toks:
            first = people.get(t.raw)
            if first is None or t.start < first.end or any(a <= t.start < b for a, b in taken):
                continue
            more.append(replace(first, start=t.start, end=t.end, text=text[t.start : t.end]))
        return sorted(found + more, key=lambda m: m.start) if more else found

    # grammar: each rule returns (end token index, match) or None

    def _compose(self, toks, at, piece: _Piece, text: str, when):
        """The grammar at one phrase: ``(end token, match)`` (a None match skips the words,
        as for places), or None when the phrase names no actor."""
        types = {e.type for e in piece.entries}
        named = types & {"person", "org", *_STATE_TYPES}
        if types == {"place"}:
            return piece.j, None
        if piece.entries[0].type == "word":
            return self._qualified(toks, at, piece, text, when)
        if "rank" in types and not named:
            return self._rank_led(toks, at, piece, when)
        if "title" in types and not named:
            return self._title_led(toks, at, piece, text, when)
        if "person" in types:
            return self._person_led(toks, at, piece, when)
        if types & set(_STATE_TYPES):
            return self._state_led(toks, at, piece, text, when)
        if "org" in types:
            return self._org_led(toks, at, piece, text, when)
        if "militant" in types:
            if _modifies_next(toks, at, piece):  # "terrorist infrastructure"
                return piece.j, None
            return self._militant(toks, at, piece, None, piece.j)
        if "sector" in types:
            return self._sector_led(toks, at, piece, text, when)
        return None

    def _qualified(self, toks, at, piece: _Piece, text: str, when):
        """ "former Prime Minister Nawaz Sharif", "the incumbent Prime Minister": the phrase after the word."""
        word = piece.entries[0].ref
        nxt = self._skip(toks, at, piece.j, ("-",))
        if nxt < len(toks) and at[nxt] is not None:
            sub = self._compose(toks, at, at[nxt], text, when)
            if sub is not None and sub[1] is not None:
                end, m = sub
                return end, self._make_former(m, when) if word in _FORMER else m
        return None

    def _rank_led(self, toks, at, piece: _Piece, when):
        """ "Lt General Asim Malik", "Field Marshal Asim Munir"."""
        k = piece.j
        while k < len(toks) and at[k] is not None and at[k].first("rank"):
            k = at[k].j
        if k < len(toks) and at[k] is not None and at[k].first("person"):
            return at[k].j, self.person(self._pick_person(at[k], when), when)
        return None

    def _person_led(self, toks, at, piece: _Piece, when):
        """A listed person; "the Trump administration", "the Modi government" are their state's government."""
        m = self.person(self._pick_person(piece, when), when)
        k = piece.j + (piece.j < len(toks) and toks[piece.j].norm == "'s")
        nxt = at[k] if k < len(toks) else None
        if m.country and nxt is not None and " ".join(t.norm for t in toks[k : nxt.j]) in _GOVERNMENT:
            state = self.actors[m.country]
            return nxt.j, ActorMatch(code=state.code, kind="state", name=state.name, country=state.code,
                                     sector="GOV", attrs={"led_by": m.person})  # fmt: skip
        return piece.j, m

    def _pick_person(self, piece: _Piece, when: dt.date | None, role: str | None = None) -> str:
        """Of the people a name may mean ("Bush"), the one in office on ``when`` (in ``role``
        if given), else the one whose last office began latest before it."""
        codes = [e.ref for e in piece.entries if e.type == "person"]
        if len(codes) == 1:
            return codes[0]

        def score(code: str) -> tuple[int, int, dt.date]:
            offices = self.offices.get(code, [])
            held = [o for o in offices if when is None or o.held_on(when)]
            in_role = any(o.role == role for o in held) if role else False
            starts = [o.start for o in offices if when is None or o.start <= when]
            return (int(in_role), int(bool(held)), max(starts, default=dt.date.min))

        return max(codes, key=score)

    def _make_former(self, m: ActorMatch, when) -> ActorMatch:
        if m.role and not m.role.startswith("former "):
            return replace(m, role=f"former {m.role}", sector=FORMER_SECTOR)
        return m

    @staticmethod
    def _skip(toks, at, k: int, words: Iterable[str]) -> int:
        words = tuple(words)
        while k < len(toks) and toks[k].norm in words and at[k] is None:
            k += 1
        return k

    def _state_of(self, entry: _Entry) -> ActorMatch:
        actor = self.actors[entry.ref]
        # a capital stands for the government; "Pakistanis" are its people
        sector = {"capital": "GOV", "people": "CVL"}.get(entry.type)
        attrs: dict[str, Any] = {"name": actor.name}
        if entry.type == "capital":
            attrs["metonym"] = "capital"
        kind = "state" if actor.kind == "state" else actor.kind
        return ActorMatch(code=actor.code, kind=kind, name=actor.name, country=actor.code, sector=sector,
                          attrs=attrs)  # fmt: skip

    def _state_led(self, toks, at, piece: _Piece, text: str, when):
        entry = piece.first(*_STATE_TYPES)
        assert entry is not None
        base = self._state_of(entry)
        code = entry.ref
        k = piece.j
        possessive = k < len(toks) and toks[k].norm == "'s"
        if possessive:
            k += 1
        # "Pakistan-based terror outfit"; "a London-based think tank" names no actor
        if k + 1 < len(toks) and toks[k].norm == "-" and toks[k + 1].norm in _BASED:
            k2 = k + 2
            while k2 < len(toks) and toks[k2].norm in _MODIFIERS and at[k2] is None:
                k2 += 1
            if k2 < len(toks) and at[k2] is not None and at[k2].first("militant"):
                return self._militant(toks, at, at[k2], code, at[k2].j, how=toks[k + 1].norm)
            if toks[k + 1].norm == "based":
                return k + 2, None
        # "talks held in London": a capital after a preposition is a place; so is a dateline ("NEW DELHI, May 9")
        if entry.type == "capital" and (
            (piece.i > 0 and toks[piece.i - 1].norm in _PLACE_PREPS)
            or all(t.raw.isupper() for t in toks[piece.i : piece.j])
        ):
            return piece.j, None
        # state + title: "Pakistan's NSA, Lt General Asim Malik", "US President Donald Trump"
        kk = k
        former = False
        while kk < len(toks) and at[kk] is None and toks[kk].norm in _MODIFIERS:
            kk += 1
        if kk < len(toks) and at[kk] is not None and at[kk].entries[0].type == "word":
            former = at[kk].entries[0].ref in _FORMER
            kk = at[kk].j
        # "Serbian Labour Minister": up to two capitalised words the gazetteer does not know
        caps = kk
        while (
            caps < len(toks)
            and caps - kk < 2
            and at[caps] is None
            and toks[caps].cap
            and toks[caps].raw.isalpha()
        ):
            caps += 1
        if caps > kk and caps < len(toks) and at[caps] is not None and at[caps].first("title"):
            kk = caps
        if kk < len(toks) and at[kk] is not None and at[kk].first("title"):
            tp = at[kk]
            role_key = self._title_for(tp, code)
            if role_key is not None:
                return self._title_then_name(toks, at, tp, role_key, code, text, when, former)
        # a state and its own person: "Saudi King Salman", "Pakistan's Asim Munir"
        if kk < len(toks) and at[kk] is not None and at[kk].first("person"):
            own = self.person(self._pick_person(at[kk], when), when)
            if own.country == code:
                return at[kk].j, self._make_former(own, when) if former else own
        # state + modifiers + sector noun: "Indian jets", "Pakistan's army", "Sri Lankan army"
        m = self._skip_modifiers(toks, at, k)
        last_sector: tuple[int, str] | None = None
        first_strong: str | None = None
        while m < len(toks) and at[m] is not None and (at[m].first("sector", "militant")):
            e = at[m].first("militant") or at[m].first("sector")
            if e is None or _modifies_next(toks, at, at[m]):
                break
            if e.type == "militant":
                return self._militant(toks, at, at[m], code, at[m].j)
            if first_strong is None and e.ref in ("MIL", "COP", "SPY"):
                first_strong = e.ref
            last_sector = (at[m].j, e.ref)
            m = self._skip_modifiers(toks, at, at[m].j)
        if last_sector is not None:
            end, sector = last_sector
            if sector == "GOV" and first_strong:
                sector = first_strong
            return end, replace(base, sector=sector)
        return piece.j, base

    @staticmethod
    def _skip_modifiers(toks, at, k: int) -> int:
        """Past words that may stand before a sector noun: "senior", "new", "Sandinista"."""
        start, caps = k, 0
        while k < len(toks):
            piece = at[k]
            if piece is None and toks[k].norm in _MODIFIERS:
                k += 1
            elif piece is not None and piece.entries[0].type == "word":
                k = piece.j
            elif piece is None and toks[k].cap and toks[k].raw.isalpha() and caps < 1 and k > start - 1:
                caps += 1
                k += 1
            else:
                break
        return k

    def _title_for(self, tp: _Piece, country: str | None) -> str | None:
        titles = [e for e in tp.entries if e.type == "title"]
        if not titles:
            return None
        specific = [e for e in titles if e.country and e.country == country]
        if specific:
            return specific[0].ref
        generic = [e for e in titles if e.country is None]
        if generic:
            return generic[0].ref
        return titles[0].ref if country is None else None

    def _title_then_name(self, toks, at, tp: _Piece, role_key: str, owner: str | None, text, when, former):
        """After a title: an optional comma, ranks, and a person (known, or a run of capitalised words)."""
        k = tp.j
        # "the National Security Advisors (NSAs) of India"
        if k < len(toks) and toks[k].norm == "(":
            close = next((x for x in range(k, min(k + 6, len(toks))) if toks[x].norm == ")"), None)
            if close is not None:
                k = close + 1
        if owner is None and k < len(toks) and toks[k].norm == "of":
            k2 = self._skip(toks, at, k + 1, _DETS)
            if k2 < len(toks) and at[k2] is not None:
                e = at[k2].first("state", "org")
                if e is not None:
                    rk = self._title_for(tp, e.ref) or role_key
                    return at[k2].j, self._role_match(rk, e.ref, when, former)
        n = self._skip(toks, at, k, (",",))
        while n < len(toks) and at[n] is not None and at[n].first("rank") and not at[n].first("person"):
            n = at[n].j
        if n < len(toks) and at[n] is not None and at[n].first("person"):
            m = self.person(self._pick_person(at[n], when, role_key), when, role_key)
            if former:
                m = self._make_former(m, when)
            return at[n].j, m
        if n == k or (n > k and toks[k].norm != ","):
            name_end = self._name_run(toks, at, n)
            if name_end > n:
                name = text[toks[n].start : toks[name_end - 1].end]
                # "President Abdelaziz Bouteflika of Algeria", "King Hassan of Morocco"
                if owner is None and name_end + 1 < len(toks) and toks[name_end].norm == "of":
                    k2 = self._skip(toks, at, name_end + 1, _DETS)
                    e = at[k2].first("state", "org") if k2 < len(toks) and at[k2] is not None else None
                    if e is not None:
                        owner, name_end = e.ref, at[k2].j
                        role_key = self._title_for(tp, owner) or role_key
                base = self._role_match(role_key, owner, when, former, lookup=False)
                if base.code:
                    held = self._held_by_name(name, role_key, owner)
                    if held is not None:
                        return name_end, self.person(held, when, role_key)
                    return name_end, replace(
                        base, kind="person", name=name, person=name, attrs={**base.attrs, "unlisted": True}
                    )
                if not former and self.roles[role_key].sector in ("GOV", "MIL") and role_key not in _LEADERS:
                    # "Culture Minister Miki Zohar": whose minister, the text before says (see find)
                    attrs = {"unlisted": True, "owner_from_context": True}
                    return name_end, replace(
                        base, code=_PENDING, kind="person", name=name, person=name, attrs=attrs
                    )
        base = self._role_match(role_key, owner, when, former)
        return tp.j, base

    def _held_by_name(self, name: str, role_key: str, owner: str | None) -> str | None:
        """A listed holder of the role whose surname ends the written name ("President Trump")."""
        last = name.split()[-1].lower()
        for code, offices in self.offices.items():
            actor = self.actors[code]
            if actor.name.split()[-1].lower() == last and any(
                o.role == role_key and owner in (o.country, o.org, None) for o in offices
            ):
                return code
        return None

    @staticmethod
    def _name_run(toks, at, n: int) -> int:
        """End of a run of capitalised words starting at ``n`` that no gazetteer phrase claims."""
        k = n
        count = 0
        while k < len(toks) and count < _MAX_NAME:
            t = toks[k]
            if t.norm == "-" and k + 1 < len(toks) and toks[k + 1].cap and count:
                k += 2
                continue
            if not (t.cap and _WORD_RE.match(t.raw) and not t.raw.isupper()) or t.norm in _NOT_NAMES:
                break
            # a title word inside a name is part of it ("Tom King"), any other phrase ends it
            if at[k] is not None and not (count and all(e.type in ("title", "rank") for e in at[k].entries)):
                break
            k += 1
            count += 1
        return k if count >= 2 or (count == 1 and k > n) else n

    def _title_led(self, toks, at, piece: _Piece, text, when):
        role_key = self._title_for(piece, None)
        if role_key is None:
            return self._sector_led(toks, at, piece, text, when) if piece.first("sector") else None
        # a title only one state uses names that state: "Secretary of State Marco Rubio"
        owners = {e.country for e in piece.entries if e.type == "title"}
        owner = owners.pop() if len(owners) == 1 else None
        found = self._title_then_name(toks, at, piece, role_key, owner, text, when, False)
        if found[1].code:
            return found
        # a bare title names no one ("the president said"); a sector noun may still apply
        if piece.first("sector"):
            return self._sector_led(toks, at, piece, text, when)
        return None

    def _org_led(self, toks, at, piece: _Piece, text, when):
        e = piece.first("org")
        assert e is not None
        actor = self.actors[e.ref]
        k = piece.j
        if k < len(toks) and toks[k].norm == "'s":
            k += 1
        # "UN Secretary-General Antonio Guterres", "IMF chief"
        if k < len(toks) and at[k] is not None and at[k].first("title"):
            role_key = self._title_for(at[k], None)
            if role_key is not None:
                return self._title_then_name(toks, at, at[k], role_key, actor.code, text, when, False)
        base = self._org_match(actor)
        # "NATO peacekeeping troops", "UN peacekeepers"
        m = k
        while m < len(toks) and at[m] is None and toks[m].norm in _MODIFIERS:
            m += 1
        if m < len(toks) and at[m] is not None and at[m].first("sector"):
            noun = at[m].first("sector").ref
            # "NATO peacekeeping troops" are MIL; "PTI leaders" stay the party's
            keep = base.sector and noun == "GOV"
            return at[m].j, replace(base, sector=base.sector if keep else noun)
        # "IISS expert Desmond Bowen", "IISS Senior Fellow Rahul Roy-Chaudhury"
        if actor.kind in ("ngo", "media", "igo"):
            n = k
            while n < len(toks) and at[n] is None and toks[n].norm in _AFFILIATION_WORDS:
                n += 1
            name_end = self._name_run(toks, at, n)
            if name_end - n >= 2:
                if name_end - n > 2 and toks[n].raw.lower() in _AFFILIATION_WORDS:
                    n += 1
                role = text[toks[k].start : toks[n - 1].end] if n > k else None
                name = text[toks[n].start : toks[name_end - 1].end]
                return name_end, replace(base, kind="person", person=name, role=role,
                                         attrs={**base.attrs, "unlisted": True, "affiliation": actor.code})  # fmt: skip
            if name_end == n and n < len(toks) and at[n] is not None and at[n].first("person"):
                pm = self.person(at[n].first("person").ref, when)
                return at[n].j, replace(pm, attrs={**pm.attrs, "affiliation": actor.code})
        return piece.j, base

    def _org_match(self, actor: Actor) -> ActorMatch:
        attrs: dict[str, Any] = {"name": actor.name, "actor": actor.code}
        if actor.kind in ("state_body", "party"):
            attrs["body" if actor.kind == "state_body" else "party"] = actor.code
            return ActorMatch(code=actor.country or actor.code, kind="state", name=actor.name,
                              country=actor.country, sector=actor.sector, attrs=attrs)  # fmt: skip
        for key in ("type", "based_in"):
            if key in actor.attrs:
                attrs[key] = actor.attrs[key]
        kind = actor.kind
        if kind == "media":  # a mention's kinds are state/igo/group/person/ngo/role
            kind, attrs["type"] = "ngo", "media"
        return ActorMatch(code=actor.code, kind=kind, name=actor.name, country=actor.country,
                          sector=actor.sector, attrs=attrs)  # fmt: skip

    def _militant(self, toks, at, piece: _Piece, based_in: str | None, end: int, how: str = "based"):
        attrs: dict[str, Any] = {"unnamed": True, "name": "unnamed militants"}
        if based_in is None:
            # "militants from Pakistan", "terrorists based in Pakistan"
            k = end
            if k < len(toks) and toks[k].norm in ("based", "backed", "operating"):
                k += 1
            if k < len(toks) and toks[k].norm in _AFFIL_PREP and k + 1 < len(toks):
                k2 = self._skip(toks, at, k + 1, _DETS)
                if k2 < len(toks) and at[k2] is not None and at[k2].first("state", "capital"):
                    based_in = at[k2].first("state", "capital").ref
                    end = at[k2].j
        if based_in:
            attrs["based_in" if how == "based" else f"{how}_by"] = based_in
        return end, ActorMatch(code=UNNAMED_MILITANTS, kind="group", name="unnamed militants",
                               sector="REB", attrs=attrs)  # fmt: skip

    def _sector_led(self, toks, at, piece: _Piece, text, when):
        """ "Security forces in Guinea", "Doctors from two American aid groups"."""
        noun = piece.first("sector")
        assert noun is not None
        sector = noun.ref
        k = piece.j
        if k < len(toks) and toks[k].norm in _AFFIL_PREP:
            n = k + 1
            steps = 0
            while n < len(toks) and steps < 3 and at[n] is None and toks[n].norm not in (",", "."):
                n += 1
                steps += 1
            if n < len(toks) and at[n] is not None:
                e = at[n].first(*_STATE_TYPES)
                if e is not None and self.actors[e.ref].kind == "state":
                    base = self._state_of(e)
                    return at[n].j, replace(base, sector=sector)
        return None


# Capitalised words after a title that do not start a name ("the Prime Minister's Office", "on Monday").
_NOT_NAMES = _words(
    "office secretariat house ministry department division cabinet council committee said says told "
    "on in at and the of for to monday tuesday wednesday thursday friday saturday sunday january "
    "february march april may june july august september october november december"
)
_PLACE_PREPS = _words("in at to from near over across around into outside inside within toward towards")
# Sector words that are often adjectives ("the India-Pakistan military conflict"):
# followed by another content word, they modify it and name no part of the state.
_ADJECTIVAL = _words(
    "military defence defense intelligence security government state civilian missile drone artillery "
    "press media business police air naval force nuclear public terrorist terror militant jihadist "
    "extremist rebel insurgent separatist"
)
_FUNCTION = _words(
    "said says say has have had is was were are will would and or to in on at of for with that which "
    "who also as by from but not could can may might should must did does do been be being"
)


_LEANINGS = {"pro", "anti"}
# A titled person whose state is read from the text before: how far back (characters) to look.
_PENDING = "?"
# Heads of state and government are named with their state, or listed: a bare "President X" is not guessed.
_LEADERS = {"president", "prime_minister", "king", "emir", "crown_prince", "chancellor", "vice_president"}
_OWNER_WINDOW = 600


_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+|\n")


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding character ``at`` starts, by its closing punctuation before it."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, at)]
    return ends[-1] if ends else 0


def _leaning(toks: Sequence[_Tok], i: int) -> bool:
    """ "the pro-Iranian Hizbollah", "anti-American protesters": the state is what they lean to or
    against, not who they are."""
    return (
        i >= 2
        and toks[i - 1].norm == "-"
        and toks[i - 2].norm in _LEANINGS
        and toks[i - 2].end == toks[i - 1].start
    )


def _modifies_next(toks: Sequence[_Tok], at: Sequence[_Piece | None], piece: _Piece) -> bool:
    word = " ".join(t.norm for t in toks[piece.i : piece.j])
    if word not in _ADJECTIVAL or piece.j >= len(toks) or at[piece.j] is not None:
        return False
    nxt = toks[piece.j]
    return (
        nxt.raw.isalpha() and nxt.raw.islower() and nxt.norm not in _FUNCTION and not nxt.norm.endswith("ed")
    )


_AFFILIATION_WORDS = _words(
    "expert experts analyst fellow senior head director researcher scholar associate professor "
    "president chief editor correspondent reporter economist spokesperson spokesman spokeswoman "
    "official officer representative chair chairman chairwoman member research visiting programme "
    "program deputy"
)


# ---------------------------------------------------------------------------
# loading


def _load(extra: Sequence[Path]) -> Gazetteer:
    raw = _Raw()
    folder = resources.files("offramp.ontology") / "gazetteer"
    for name in DATA_FILES:
        label = f"gazetteer/{name}"
        try:
            text = (folder / name).read_text(encoding="utf-8")
        except OSError as exc:  # pragma: no cover - a broken install
            raise ConfigError(f"cannot read shipped gazetteer file: {exc}", where=label) from exc
        try:
            data = yaml.load(text, Loader=_SHIPPED_YAML) or {}
        except yaml.YAMLError as exc:  # pragma: no cover - shipped files are tested
            raise ConfigError(f"not valid YAML: {exc}", where=label) from exc
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
