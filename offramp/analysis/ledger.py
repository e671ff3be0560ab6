"""The claims ledger: claims grouped by proposition, who asserts, denies or hedges, and a status.

Claims say the same thing in different words, so they are keyed by what they assert, not by their
words: the first predicate they name (``data/concepts.yaml``: *violate*, *damage*, *agree*, ...,
each with the words of its contrary) and, where it needs them, its object, its agent (who is said to
have done it) or its victim (who is said to have been wronged). Each claim takes a stance toward
its proposition: its polarity, turned over when the content negates the predicate, names only its
contrary or calls itself untrue. A row is *contested* when speakers take opposite stances on it,
*corroborated* when two or more claimants in independent documents assert it, else
*single_source*. Mutually exclusive claims (each side says it won) and figures that differ for one
quantity become *conflict* rows. Numbers are set side by side only for the same quantity of the
same event (docs/analysis.md).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pandas as pd

from ..extract.dates import find_dates
from ..extract.places import find_places
from ..ontology.calendar import stored_day
from ..ontology.yamlfiles import shipped_yaml
from ..store import Store
from .actors import principal_sides

__all__ = [
    "STATUSES",
    "Concept",
    "claim_concepts",
    "extract_numbers",
    "ledger",
    "number_table",
]

STATUSES = ("contested", "single_source", "corroborated")
EXCLUSIVE = {"win": "win", "violate": "blame", "aggress": "blame"}
CONFLICT_TEXT = {
    "win": "each side says it won and achieved its objectives",
    "blame": "each side says the other was the aggressor and broke the ceasefire",
}
RECIPROCAL = re.compile(
    r"\b(both|each) (countries|sides|nations|governments|states|parties|armies|militaries|neighbou?rs|rivals)\b"
    r"|each other|one another|\btrad(ed|ing) (accusations|charges|blame)|mutual (accusations|recriminations)",
    re.I,
)
DENY_CUES = re.compile(
    r"\b(den(y|ied|ies)|reject\w*|refut\w*|dismiss\w*|rebuff\w*|contradict\w*|disput\w*)\b", re.I
)
HEDGE_CUES = re.compile(
    r"\b(may|might|could|possibly|reportedly|unconfirmed|unclear|suggest\w*|appear\w*)\b", re.I
)
JOIN_THRESHOLD = 0.25


@dataclass(frozen=True)
class Concept:
    name: str
    kind: str  # predicate | object
    pattern: re.Pattern[str]
    opposite: re.Pattern[str] | None = None
    split: str = ""  # agent | victim | object | attacker, joined by "+" | ""
    weak: bool = False
    rebuts: bool = False
    event: bool = False  # an outlet's news of one strike on its object at a named place is an event


@lru_cache(maxsize=1)
def _concepts() -> tuple[Concept, ...]:
    raw = shipped_yaml("offramp.analysis", "data", "concepts.yaml")
    out = [
        Concept(
            name,
            "predicate",
            re.compile(spec["pattern"], re.I),
            re.compile(spec["opposite"], re.I) if spec.get("opposite") else None,
            spec.get("split") or "",
            bool(spec.get("weak")),
            bool(spec.get("rebuts")),
            bool(spec.get("event")),
        )
        for name, spec in raw["predicates"].items()
    ]
    out += [Concept(name, "object", re.compile(pattern, re.I)) for name, pattern in raw["objects"].items()]
    return tuple(out)


def claim_concepts(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(predicates, objects) named in ``text`` (a predicate counts when its opposite is named too)."""
    preds: set[str] = set()
    objs: set[str] = set()
    for c in _concepts():
        if c.pattern.search(text or "") or (c.opposite is not None and c.opposite.search(text or "")):
            (preds if c.kind == "predicate" else objs).add(c.name)
    return frozenset(preds), frozenset(objs)


# A negation standing before a predicate in its own clause ("failed to cause serious damage",
# "there is no agreement", "is not pursuing nuclear weapons") turns the claim against it.
NEGATION = re.compile(
    r"\b(not|no|never|n't|nothing|neither|nor|without|failed to|fail to|fails to|none)\b(?:\s+[^\s,;.:]+){0,3}\s*$",
    re.I,
)


@dataclass(frozen=True)
class Reading:
    """What one claim says about one predicate: +1 it holds, -1 it does not."""

    concept: Concept
    sign: int
    at: int = 0  # where in the content the predicate is named


# A participle standing before its noun names a thing, it asserts nothing ("the US-brokered truce",
# "the recently agreed ceasefire")
_BEFORE_NOUN = re.compile(
    r"(?:\b(?:a|an|the|its|their|his|her|our|this|that|recently|newly|previously)\s+|-)$", re.I
)


def _attributive(text: str, m: re.Match[str]) -> bool:
    return (
        m.group(0).lower().endswith("ed")
        and " " not in m.group(0)
        and bool(_BEFORE_NOUN.search(text[: m.start()]))
    ) or _in_name(text, m)


# A capitalised noun after a capitalised word is part of a name ("its Safeguards Agreement", "the Minsk
# Agreement"): it names a document, it does not say that anyone agreed.
_NAME_NOUN = re.compile(r"[A-Z]\w*(ment|ance|ence|ion|ty|ord|al)s?")
_NAME_BEFORE = re.compile(r"\b[A-Z][\w-]*\s+$")


def _in_name(text: str, m: re.Match[str]) -> bool:
    return bool(_NAME_NOUN.fullmatch(m.group(0)) and _NAME_BEFORE.search(text[: m.start()]))


# A predicate in a condition is not asserted ("action could follow if the talks fail").
CONDITION = re.compile(r"\b(if|unless|whether|until|provided that)\b[^,;.:]{0,60}$", re.I)

# A predicate in a purpose clause is what someone meant to do, not what is said to have happened
# ("a strike aimed at crippling the depot" asserts the strike, not the damage).
PURPOSE = re.compile(
    r"\b(aimed at|aiming at|intended to|designed to|meant to|in order to|so as to|in a bid to|"
    r"in an effort to|with the aim of|seeking to)\s+(?:\w+\s+){0,2}$",
    re.I,
)
# The contrary named as what an attack was on ("the raids on military depots") says what was hit,
# not that only soldiers were: a noun phrase, no stance toward harm to civilians.
ATTACK_ON = re.compile(
    r"\b(attacks?|strikes?|raids?|assaults?|bombings?|shelling|offensive)\s+(on|against)\s+(?:[\w-]+\s+){0,3}$",
    re.I,
)

# No evidence for a predicate ("showed no evidence of weapons pursuit", "did not have elements to prove
# that X had a plan") says neither that it holds nor that it does not: the claim hedges it.
NO_EVIDENCE = re.compile(
    r"\b(?:no|not\s+(?:\w+\s+)?(?:have|find|found|see|seen)|lack(?:ed|s|ing)?(?:\s+of)?|without)\s+"
    r"(?:\w+\s+){0,2}?(?:evidence|proof|elements|indications?|signs?)\b[^,;.]{0,60}$",
    re.I,
)

# Content that calls itself untrue ("the report that X fired first is false") denies what it names.
DISMISSED = re.compile(
    r"\b(is|are|was|were|been) (denied|false|untrue|baseless|fabricated|unfounded|a lie)\b", re.I
)


# A toll's list of who was among its dead ("430 deaths, including women and children") says who the
# victims were of a count: the claim reports the count, a predicate named only there is a detail of it.
TOLL_INCLUSION = re.compile(
    r"\b(deaths?|dead|killed|fatalit\w*|casualt\w*|injur\w*|wounded|victims)\b,?\s+"
    r"(including|among them|among whom|among those)\b[^;:.()]*$",
    re.I,
)

# A strike said to have hit what the predicate names: "warplanes struck residential blocks",
# "homes ... have been hit".
_STRUCK_BEFORE = re.compile(
    r"\b(struck|hit|bombed|shelled|pounded|attacked|targeted)\s+(?:[\w-]+\s+){0,4}$", re.I
)
_STRUCK_AFTER = re.compile(
    r"^[\w-]*(?:\s+[\w-]+){0,4}?\s+(?:have|has|had|was|were|is|are)\s+(?:also\s+)?(?:been\s+)?"
    r"(?:hit|struck|bombed|shelled|pounded|attacked|targeted)\b",
    re.I,
)


def tells_one_strike(text: str, start: int, end: int) -> bool:
    """Whether the predicate named at ``text[start:end]`` is what one strike hit at a named place or
    on a named day ("jets struck apartment blocks in Kharkiv on Monday"), rather than whom the war
    harms at large ("the invaders target civilians")."""
    struck = _STRUCK_BEFORE.search(text[:start]) or _STRUCK_AFTER.match(text[end:])
    if not struck:
        return False
    return _names_a_place(text) or any(d.kind != "time" for d in find_dates(text))


# A place the gazetteer may not spell as the report does ("in Zaporizhzhia", "near Khan Younis").
# A state's adjective before a plural ("in Israeli cities") names no one place.
_AT_PLACE = re.compile(
    r"\b(?:in|near|around|outside)\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|central)\s+)?"
    r"([A-Z][\w'-]+)\b(?!\s+(?:cities|towns|villages|areas|regions|territor(?:y|ies)|soil)\b)"
)


def _names_a_place(text: str) -> bool:
    """Whether ``text`` names a place below a state (a city, a district): a whole country is no
    scene of one strike."""
    places = find_places(text)
    if any(p.kind != "country" for p in places):
        return True
    countries = {p.start for p in places}
    return any(m.start(1) not in countries for m in _AT_PLACE.finditer(text))


def _a_detail(text: str, m: re.Match[str]) -> bool:
    """A predicate named only in a toll's list of its victims is no assertion of the claim's own."""
    return bool(TOLL_INCLUSION.search(text[: m.start()]))


def readings(text: str) -> list[Reading]:
    """The predicates a claim's content names, most specific first, each with the sign it gives it:
    negated in front ("did not violate"), named only by its opposite ("the sites are intact"), or
    called untrue ("the news that X happened is false"). A predicate named only in a toll's list of
    victims is a detail of the toll."""
    out = []
    flip = -1 if DISMISSED.search(text or "") else 1
    for c in _concepts():
        if c.kind != "predicate":
            continue
        m = c.pattern.search(text or "")
        while m is not None and (_attributive(text, m) or _a_detail(text, m)):
            m = c.pattern.search(text, m.end())
        if m is not None and (CONDITION.search(text[: m.start()]) or PURPOSE.search(text[: m.start()])):
            continue  # "strikes could follow if Iran does not agree": agreeing is not what is said
        if m is not None:
            if NO_EVIDENCE.search(text[: m.start()]):
                out.append(Reading(c, 0, m.start()))  # "no evidence that X": neither X nor its contrary
                continue
            out.append(Reading(c, flip * (-1 if NEGATION.search(text[: m.start()]) else 1), m.start()))
        elif (
            c.opposite is not None
            and (o := c.opposite.search(text or "")) is not None
            and not ATTACK_ON.search(text[: o.start()])
        ):
            out.append(Reading(c, -flip, o.start()))
    return out


def news_of_one_strike(
    text: str, found: list[Reading], speaker_actor: str | None, relayed: bool = False
) -> list[Reading]:
    """The readings a claim stands by: the press telling that one strike hit civilians at a named
    place or day, in its own words or citing others ("drones struck homes in Kharkiv on Monday, local
    media said"; "..., citing officials, the paper reports"), reports that strike, an event; it takes
    no side on whom the war harms, and its reading of such a predicate (``event`` in concepts.yaml)
    stands in no row. A side's own statement of the same is its accusation and keeps it."""
    if speaker_actor and not relayed:
        return found
    out = []
    for r in found:
        m = r.concept.pattern.match(text, r.at) if r.concept.event and r.sign > 0 else None
        if m is None or not tells_one_strike(text, m.start(), m.end()):
            out.append(r)
    return out


def _relayed(row: dict[str, Any]) -> bool:
    """Whether a stored claim reached the report through an outlet that relays it (``attrs.relay``)."""
    attrs = row.get("attrs")
    if isinstance(attrs, str):
        try:
            attrs = json.loads(attrs)
        except ValueError:
            attrs = None
    return isinstance(attrs, dict) and bool(attrs.get("relay"))


def _first_object(text: str) -> str | None:
    return next((c.name for c in _concepts() if c.kind == "object" and c.pattern.search(text or "")), None)


# ---------------------------------------------------------------- numbers

_NUMBER_WORDS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"])}  # fmt: skip
_NUMBER = re.compile(
    r"(?<![\w.])(?P<cur>\$|us\$|usd ?|rs\.? ?|inr ?|pkr ?)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|"
    + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    + r")\b(?: ?(?P<scale>hundred|billion|million|bn|mn|thousand|crore|lakh))?",
    re.I,
)
_MONTHS = r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_SCALE = {
    "hundred": 1e2,
    "billion": 1e9,
    "bn": 1e9,
    "million": 1e6,
    "mn": 1e6,
    "thousand": 1e3,
    "crore": 1e7,
    "lakh": 1e5,
}
_WHAT = [
    ("fatalities", re.compile(r"\bkill\w*|\bdead\b|deaths?|fatalit\w*|lives|\bdied\b|casualt\w*", re.I)),
    ("aircraft", re.compile(r"\bjets?\b|aircraft|fighters?\b|warplanes?|\bplanes?\b|rafales?", re.I)),
    ("drones", re.compile(r"\bdrones?\b|\buavs?\b", re.I)),
    ("missiles", re.compile(r"missiles?|rockets?|projectiles?", re.I)),
    ("injured", re.compile(r"injur\w*|wounded", re.I)),
    ("soldiers", re.compile(r"soldiers?|troops|personnel", re.I)),
    ("sites", re.compile(r"\bsites?\b|targets?|camps?|bases?", re.I)),
]


# A count in an apposition or a partition counts members of a set, not the set ("one of them a
# Nepali citizen", "three of whom were soldiers").
_PARTITIVE = re.compile(
    r"\s+of (them|whom|those|these|which|the (dead|victims|injured|wounded|killed))\b", re.I
)
# What a count did: two figures are the same quantity only when they count the same act ("nine
# sites struck" and "26 sites targeted" are not).
_ACT = re.compile(
    r"\b(struck|strikes?|hit|targeted|targets|attacked|destroyed|damaged|downed|shot down|intercepted|"
    r"launched|fired|deployed|lost|captured|arrested|evacuated|displaced)\b",
    re.I,
)
# A verb right before a figure says what it counts, whatever noun follows ("killing 24 civilians").
_COUNT_VERB = re.compile(
    r"\b(kill\w*|claim\w* the lives of|injur\w*|wound\w*)\s+(?:at least |more than |over |about |around |"
    r"nearly |some |almost )?$",
    re.I,
)
# A count of a part of the figure before it ("28 dead, including 4 children", "54 women were among the
# dead"): set against no toll.
_PART_BEFORE = re.compile(
    r"\b(including|among them|among whom)\s+(?:at least |about |around |some |nearly |more than |over )?$",
    re.I,
)
_PART_AFTER = re.compile(
    r"^\s*(?:[\w-]+\s+){0,4}?(?:were|are|was|is)\s+among\s+the\s+(dead|killed|victims|injured|wounded|casualties)\b",
    re.I,
)
# A total over the crisis so far, as against one day's or one event's part.
_TOTAL = re.compile(r"\b(in total|a total of|total|overall|so far|to date|cumulative|since)\b", re.I)
# Money: one tranche, the whole programme, or a loan not said to be either.
_MONEY_KINDS = (
    ("tranche", re.compile(r"tranche|instal+ment|disburs\w*|release[ds]?\b", re.I)),
    (
        "programme",
        re.compile(r"programme|program\b|facility|package|arrangement|bail-?out|in total|total", re.I),
    ),
    ("loan", re.compile(r"loan|credit|imf", re.I)),
)


def extract_numbers(text: str) -> list[dict[str, Any]]:
    """Counts and sums in ``text``: ``[{value, unit, what, act}]``; dates, years, clock times and counts
    in an apposition ("one of them") are skipped. ``act`` says what was counted beyond the thing
    (``struck``, ``targeted``; ``total`` for a running total; ``part`` for a part of the figure before
    it, "including 4 children"), so only like figures are compared."""
    out = []
    for m in _NUMBER.finditer(text or ""):
        raw = m.group("num").lower()
        before = text[max(0, m.start() - 12) : m.start()].lower()
        after = text[m.end() : m.end() + 40]
        if re.search(rf"({_MONTHS})\w*\.? ?$", before) or re.match(rf"\s*({_MONTHS})", after, re.I):
            continue
        # the first day of a range ("the night of 6 to 7 May", "6-7 May")
        if re.match(rf"\s*(?:to|and|-|–)\s*\d{{1,2}}(?:st|nd|rd|th)?\s+({_MONTHS})", after, re.I):
            continue
        if re.match(r"\s*(hours|hrs|am|pm|gmt|ist|pkt|utc|st|nd|rd|th|%|per ?cent)", after, re.I):
            continue
        if _PARTITIVE.match(after):
            continue
        value = float(_NUMBER_WORDS[raw]) if raw in _NUMBER_WORDS else float(raw.replace(",", ""))
        if re.fullmatch(r"(19|20)\d\d", raw):
            continue
        scale = (m.group("scale") or "").lower()
        value *= _SCALE.get(scale, 1.0)
        if m.group("cur"):
            cur = m.group("cur").strip().lower().rstrip(".")
            unit = "USD" if cur in ("$", "us$", "usd") else cur.upper()
            window = text[max(0, m.start() - 60) : m.end() + 60]
            what = next((kind for kind, rx in _MONEY_KINDS if rx.search(window)), "money")
            out.append({"value": value, "unit": unit, "what": what, "act": None})
            continue
        window = " ".join([text[max(0, m.start() - 25) : m.start()], after])
        # the thing counted is the one named first after the number ("430 deaths and 3,500 injuries");
        # a bare figure may count the dead of a killing named around it, a number word never does
        # ("one human rights group put the toll at 950")
        named = [(hit.start(), what) for what, pattern in _WHAT if (hit := pattern.search(after[:30]))]
        verb = _COUNT_VERB.search(text[max(0, m.start() - 30) : m.start()])
        if verb is not None:  # "killing 24 civilians", "injuring over 1,200 people"
            named = [(-1, "injured" if verb.group(1).lower().startswith(("inj", "wound")) else "fatalities")]
        if named:
            counted = [min(named)[1]]
        elif raw[0].isdigit() and _WHAT[0][1].search(window):
            counted = [_WHAT[0][0]]
        else:
            counted = []
        for what in counted:
            act = None
            if what not in ("fatalities", "injured"):
                clause = re.split(r"[,;.:]", after[:40])[0]  # what the count did, in its own clause
                near = _ACT.search(clause) or _ACT.search(text[max(0, m.start() - 30) : m.start()])
                act = near.group(1).lower() if near else None
            if _TOTAL.search(text[max(0, m.start() - 30) : m.end() + 40]):
                act = f"{act or ''} total".strip()
            if _PART_BEFORE.search(text[max(0, m.start() - 30) : m.start()]) or _PART_AFTER.match(after):
                act = "part"
            out.append({"value": value, "unit": "count", "what": what, "act": act})
    return out


# ---------------------------------------------------------------- grouping


@dataclass
class _Claim:
    row: dict[str, Any]
    preds: frozenset[str]
    objs: frozenset[str]
    stance: str  # assert | deny | hedge: what the speaker does with the content
    claimant: str  # the actor code, else the speaker as written (to count independent claimants)
    doc: str | None
    reciprocal: bool = False
    readings: list[Reading] = field(default_factory=list)

    @property
    def actor(self) -> str | None:
        return self.row.get("speaker_actor")

    @property
    def features(self) -> frozenset[str]:
        return self.preds | self.objs

    @property
    def about(self) -> list[str]:
        raw = self.row.get("about")
        return [a for a in (list(raw) if raw is not None else []) if isinstance(a, str)]


@dataclass
class _Group:
    members: list[_Claim] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    conflict: str | None = None
    reported: dict[str, set[str]] = field(default_factory=lambda: {"assert": set(), "deny": set()})
    reported_ids: set[str] = field(default_factory=set)  # claims that tell of both sides' claims
    key: tuple[str, str | None, str | None] | None = None  # (predicate, agent, object)
    stances: dict[str, str] = field(default_factory=dict)  # claim id -> its stance toward this row
    parts: dict[str, str] = field(default_factory=dict)  # claim id -> the part of it about this row

    def stance(self, c: _Claim) -> str:
        return self.stances.get(c.row["id"], c.stance)

    def add(self, c: _Claim, stance: str | None = None, part: str | None = None) -> None:
        self.members.append(c)
        if stance is not None:
            self.stances[c.row["id"]] = stance
        if part is not None:
            self.parts[c.row["id"]] = part


def _stance(row: dict[str, Any]) -> str:
    """What the speaker does with the content: the claim's polarity, which the extractor set toward
    what was said ("dismissed X's denial of the incursion" asserts the incursion, though its cue is a
    word of denial); only a claim stored with no polarity is read by its cue."""
    pol = str(row.get("polarity") or "").lower()
    if pol.startswith(("den", "neg", "rej")) or (not pol and DENY_CUES.search(row.get("cue") or "")):
        return "deny"
    if pol.startswith(("hedg", "uncert", "specul")):
        return "hedge"
    return "assert"


def _toward(stance: str, sign: int) -> str:
    """A claim's stance toward a predicate it names with ``sign``: denying "X did not happen" asserts X;
    a sign of 0 ("no evidence that X") hedges X whatever is done with it."""
    if sign == 0:
        return "hedge"
    if sign > 0 or stance == "hedge":
        return stance
    return "deny" if stance == "assert" else "assert"


# How many propositions one claim may stand in ("obliterated the programme, setting it back years").
MAX_PROPOSITIONS = 2


def _similar(a: _Claim, b: _Claim) -> bool:
    """Claims that name no predicate: the same proposition only in mostly the same words."""
    wa, wb = _words(a.row["content"]), _words(b.row["content"])
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= 0.6


def _same_words(a: _Claim, b: _Claim) -> bool:
    """A common predicate (kill, strike) defines a proposition only with shared words."""
    wa, wb = _words(a.row["content"]), _words(b.row["content"])
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= 0.25


def _shares_words(g: _Group, c: _Claim) -> bool:
    """Whether a claim shares its words with one of a row's claims: a quarter of them, or two besides
    the predicate's own ("lawmakers backed a plan to suspend cooperation" / "a bill that would suspend
    cooperation"); the predicate's word alone ("damage") is no shared thing."""
    wc = _words(c.row["content"])
    for m in g.members:
        wm = _words(m.row["content"])
        if _same_words(m, c) or len(wm & wc) >= 3 or len((wm & wc) - _predicate_words(m, c)) >= 2:
            return True
    return False


def _predicate_words(a: _Claim, b: _Claim) -> set[str]:
    """The stems of the words that name the predicates two claims share."""
    out: set[str] = set()
    for c in (a, b):
        for r in c.readings:
            m = r.concept.pattern.match(c.row["content"] or "", r.at)
            if m is not None:
                out |= _words(m.group(0))
    return out


_STOP = {
    "the", "a", "an", "of", "to", "in", "on", "for", "and", "or", "that", "this", "with", "by", "from",
    "at", "as", "is", "was", "were", "be", "been", "its", "their", "his", "her", "it",
}  # fmt: skip


def _words(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[a-z]+", (text or "").lower()) if w not in _STOP and len(w) > 2}


@dataclass
class _Parties:
    """Who fought whom, to tell whom an accusation is aimed at when the claim names no one."""

    sides: tuple[str, str] | None
    fought: set[tuple[str, str]]

    def opponent(self, actor: str | None) -> str | None:
        if not actor:
            return None
        if self.sides and actor in self.sides:
            return next(s for s in self.sides if s != actor)
        foes = {s for s in (self.sides or ()) if (actor, s) in self.fought}
        return foes.pop() if len(foes) == 1 else None

    def party(self, actor: str | None) -> bool:
        return bool(actor) and any(a == actor for a, _ in self.fought)


def _agent(c: _Claim, stance: str, parties: _Parties) -> str | None:
    """Whom the claim says did it: a party denying speaks of itself ("we did not violate the truce");
    an accusation names the accused, else points at the speaker's opponent."""
    speaker = c.actor
    named = [a for a in c.about if a != speaker]
    if stance == "deny" and parties.party(speaker):
        return speaker
    if named:
        return named[0]
    return parties.opponent(speaker) if stance != "deny" else speaker


def _victim(c: _Claim, stance: str, parties: _Parties) -> str | None:
    """Whom the claim says was wronged: a party complaining speaks for itself, a party denying answers
    its opponent's complaint; a third party's accusation wrongs the accused's opponent."""
    speaker = c.actor
    named = [a for a in c.about if a != speaker]
    if parties.party(speaker) and speaker is not None:
        if stance != "deny":
            return speaker
        return named[0] if named else parties.opponent(speaker)
    agent = _agent(c, stance, parties)
    others = [a for a in named if a != agent]
    return others[0] if others else parties.opponent(agent)


def _key(c: _Claim, r: Reading, parties: _Parties) -> tuple[tuple[str, str | None, str | None], str]:
    stance = _toward(c.stance, r.sign)
    agent = None
    if "agent" in r.concept.split:
        agent = _agent(c, stance, parties)
    elif "victim" in r.concept.split:
        agent = _victim(c, stance, parties)
    obj = _first_object(c.row["content"] or "") if "object" in r.concept.split else None
    return (r.concept.name, agent, obj), stance


def _compatible(key: tuple[str, str | None, str | None], other: tuple[str, str | None, str | None]) -> bool:
    """Same predicate, and no part that both name differs (an open part fits any)."""
    return key[0] == other[0] and all(
        x is None or y is None or x == y for x, y in zip(key[1:], other[1:], strict=True)
    )


def _group_by_proposition(claims: list[_Claim], parties: _Parties) -> list[_Group]:
    """Claims keyed by what they assert: predicate, and where the predicate needs them, agent and object.
    Fully keyed claims found the rows; a claim that leaves a part open joins a row of its own
    document with that predicate, else the largest fitting row, else starts one."""
    groups: list[_Group] = []
    by_key: dict[tuple[str, str | None, str | None], list[_Group]] = {}
    pending: list[tuple[_Claim, tuple[str, str | None, str | None], str, bool, str | None]] = []
    loose: list[_Claim] = []
    for c in claims:
        strong = [r for r in c.readings if not r.concept.weak]
        chosen = strong[:MAX_PROPOSITIONS] or c.readings[:1]
        if not chosen:
            loose.append(c)
            continue
        parts = _parts(c.row["content"] or "", chosen)
        if parts[0] is None and len(chosen) > 1 and _one_phrase(c.row["content"] or "", chosen):
            # "any third-party role in the truce": two predicates in one phrase make one proposition
            chosen, parts = chosen[:1], parts[:1]
        for r, part in zip(chosen, parts, strict=True):
            key, stance = _key(c, r, parties)
            open_part = (("agent" in r.concept.split or "victim" in r.concept.split) and key[1] is None) or (
                "object" in r.concept.split and key[2] is None
            )
            pending.append((c, key, stance, r.concept.weak, part))
            if open_part:
                continue
            _join(c, key, stance, r.concept.weak, by_key, groups, exact=True, part=part)
    for c, key, stance, weak, part in pending:
        if any(c in g.members for g in by_key.get(key, [])):
            continue
        _join(c, key, stance, weak, by_key, groups, exact=False, part=part)
    # claims naming no predicate: leader clustering on their words
    for c in loose:
        for g in groups:
            if g.key is None and _similar(g.members[0], c):
                g.add(c)
                break
        else:
            groups.append(_Group(members=[c]))
    return groups


# Where a claim naming two predicates may be cut into its two assertions.
_COORDINATION = re.compile(r"\s(?:and|but|while|whereas)\s|[,;—]\s*")


def _one_phrase(content: str, chosen: list[Reading]) -> bool:
    """Whether two predicates are named within a few words of each other (one phrase)."""
    first, second = sorted(chosen, key=lambda r: r.at)[:2]
    return len(content[first.at : second.at].split()) <= 3


def _parts(content: str, chosen: list[Reading]) -> list[str | None]:
    """The piece of the content each chosen predicate stands in: a claim naming two predicates in
    coordinated clauses ("obliterated the sites, setting the programme back years") is cut at the
    coordination between them; otherwise each row shows the whole content (None)."""
    if len(chosen) < 2:
        return [None] * len(chosen)
    first, second = sorted(chosen, key=lambda r: r.at)[:2]
    cuts = [m for m in _COORDINATION.finditer(content, first.at, second.at)]
    if not cuts:
        return [None] * len(chosen)
    cut = cuts[-1]
    pieces = {id(first): content[: cut.start()].strip(" ,;—"), id(second): content[cut.end() :].strip(" ,;—")}
    return [pieces.get(id(r)) or None for r in chosen]


def _join(c, key, stance, weak, by_key, groups, *, exact: bool, part: str | None = None) -> None:
    if exact:
        fits = by_key.get(key, [])
    else:
        fits = [g for k, gs in by_key.items() if _compatible(key, k) for g in gs]
    if weak:
        fits = [g for g in fits if _same_words(g.members[0], c)]
    if not exact:
        # a claim that leaves the agent or object open takes them from its own document's telling,
        # else stands with claims of other reports that leave the same part open and share its words
        # (the part left open may be another thing: "the attack caused no damage" of one strike,
        # "the sites were obliterated" of another)
        same_doc = [g for g in fits if any(m.doc == c.doc for m in g.members)]
        fits = same_doc or [g for g in fits if g.key == key and _shares_words(g, c)]
    if fits:
        target = max(fits, key=lambda g: len(g.members))
        if c not in target.members:
            target.add(c, stance, part)
        return
    g = _Group(key=key)
    g.add(c, stance, part)
    groups.append(g)
    by_key.setdefault(key, []).append(g)


# An attack named with the state that made it ("Israeli attacks", "a US airstrike", "Russian drones hit",
# "Israel had crippled"): the noun or verb standing right after the state's name.
_ATTACK_AFTER = re.compile(
    r"^\s*(?:(?!(?:and|or|nor|but)\b)[\w-]+\s+){0,2}?(attacks?|(air ?)?strikes?|raids?|bombing|bombardment|shelling|missiles?|"
    r"drones?|warplanes|jets|forces|military|army|air force)\b"
    r"|^\s*(?:(?!(?:was|were|is|are|be|been|being|got)\b)\w+\s+){0,2}?(struck|bombed|hit|attacked|shelled|destroyed|obliterated|crippled|damaged)\b",
    re.I,
)


def _attackers(text: str) -> set[str]:
    """States ``text`` names as making an attack."""
    from ..extract.phrases import find_actors

    out = set()
    for m in find_actors(text or ""):
        acts_for_state = m.kind in ("state", "person", "military", "government") or bool(m.country)
        if acts_for_state and (
            _ATTACK_AFTER.match(text[m.end :]) or _ATTACK_AFTER.match(m.text.split(" ", 1)[-1])
        ):
            out.add(m.country or m.code)
    return out


def _attacker(c: _Claim) -> str | None:
    """Whose attack a claim says did it: named in its content, else in its sentence; None if none or
    more than one is named."""
    named = _attackers(c.row["content"] or "") or _attackers(c.row.get("evidence") or "")
    return next(iter(named)) if len(named) == 1 else None


def _own_attack(c: _Claim, stance: str, wrong: bool, parties: _Parties) -> str | None:
    """Whose strikes a claim naming no attacker speaks of: a party to the fighting that denies a wrong
    ("the strikes did not target civilians") answers for its own strikes; else no one is named."""
    if wrong and stance == "deny" and parties.party(c.actor):
        return c.actor
    return None


def _apart_by_attacker(groups: list[_Group], parties: _Parties) -> list[_Group]:
    """A row of a predicate split by attacker ("the depot was destroyed") whose claims name different
    attackers holds two propositions (one side's strikes, another's): the claims naming another
    attacker than most of the row's claims do move to a row of their own; claims naming none stay.
    For a wrong (a predicate split by victim), a party denying it names its own strikes."""
    concepts = {c.name: c for c in _concepts() if "attacker" in c.split}
    out = []
    for g in groups:
        out.append(g)
        if g.key is None or g.key[0] not in concepts or g.conflict:
            continue
        wrong = "victim" in concepts[g.key[0]].split
        named = {id(c): _attacker(c) or _own_attack(c, g.stance(c), wrong, parties) for c in g.members}
        counts: dict[str, int] = {}
        for a in named.values():
            if a:
                counts[a] = counts.get(a, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if len(ranked) < 2 or ranked[0][1] == ranked[1][1]:
            continue
        main = ranked[0][0]
        for other, _ in ranked[1:]:
            moved = [c for c in g.members if named[id(c)] == other]
            apart = _Group(key=(g.key[0], other, g.key[2]))
            for c in moved:
                apart.add(c, g.stance(c), g.parts.get(c.row["id"]))
            g.members = [c for c in g.members if named[id(c)] != other]
            out.append(apart)
        g.key = (g.key[0], main, g.key[2])
    return out


# What a rebuttal discredits: another's statement or act of judgement, not a fact.
_STATEMENT = re.compile(
    r"\b(resolutions?|decisions?|reports?|accusations?|allegations?|charges?|claims?|findings?|statements?|"
    r"verdicts?|rulings?|move|censure|condemnation|motion)\b",
    re.I,
)


def _rebuttals(claims: list[_Claim], groups: list[_Group]) -> None:
    """A claim that only discredits a statement ("Caracas called the resolution politically motivated")
    denies what that statement asserts about its speaker: it joins, as a denial, the rows where a claim
    of another speaker in the same report asserts something of the one rebutting (the accused)."""
    for c in claims:
        if not c.actor or not c.readings or not all(r.concept.rebuts for r in c.readings):
            continue
        if not _STATEMENT.search(c.row["content"] or ""):
            continue
        for g in groups:
            if (
                g.key is None
                or g.conflict
                or c in g.members
                or g.key[0] in {r.concept.name for r in c.readings}
            ):
                continue
            accuses = any(
                m.doc == c.doc
                and m.actor not in (None, c.actor)
                and g.stance(m) == "assert"
                and (g.key[1] == c.actor or (g.key[1] is None and c.actor in m.about))
                for m in g.members
            )
            if accuses:
                g.add(c, "deny")


def _unrelayed(claims: list[_Claim]) -> list[_Claim]:
    """One claim per assertion: where one speaker relays another's claim in the same sentence ("he said
    the report acknowledges severe damage" beside "the report acknowledges: severe damage"), the
    inner claim keeps the original speaker and records the relay; the relaying claim stands in no row.
    A relay that denies what it reports ("X denied that Y said Z") says something of its own and stays."""
    inner: dict[tuple[str | None, str], list[_Claim]] = {}
    for c in claims:
        inner.setdefault((c.doc, c.row.get("evidence") or ""), []).append(c)
    relays: set[int] = set()
    for c in claims:
        content = (c.row["content"] or "").strip()
        if c.stance == "deny" or not content or not c.row.get("evidence"):
            continue
        for other in inner[(c.doc, c.row["evidence"])]:
            said = (other.row["content"] or "").strip()
            if other is c or len(said.split()) < 2 or len(said) >= len(content) or not content.endswith(said):
                continue
            if not _nested_speech(content, other.row.get("speaker") or "", other.row.get("cue") or "", said):
                continue
            relays.add(id(c))
            other.row.setdefault("relayed_by", c.row.get("speaker"))
            break
    return [c for c in claims if id(c) not in relays]


# A speaker is a noun phrase: a phrase opening with a preposition or a wh-word is a parse's fragment.
_NOT_A_SPEAKER = re.compile(r"(for|to|of|in|on|at|by|with|from|what|which|who|that)\b", re.I)


def _nested_speech(outer: str, speaker: str, cue: str, said: str) -> bool:
    """Whether ``outer`` reports speech: ``speaker``, a cue word (after at most two words: "has said",
    "clearly asserts") and, close after it, what was ``said``."""
    if not speaker or not cue or _NOT_A_SPEAKER.match(speaker):
        return False
    pattern = (
        re.escape(speaker)
        + r"\W+(?:[\w-]+\s+){0,2}?"
        + re.escape(cue.split()[0])
        + r"\w*\b[^.;:!?]{0,40}?"
        + re.escape(said)
        + r"$"
    )
    return re.search(pattern, outer, re.I) is not None


def ledger(store: Store, *, sides: tuple[str, str] | None = None, status: str | None = None) -> pd.DataFrame:
    """One row per proposition, contested first: ``id, proposition, status, conflict, asserted_by,
    denied_by, hedged_by, n_sources, claims, events, numbers``."""
    columns = ["id", "proposition", "status", "conflict", "asserted_by", "denied_by", "hedged_by", "n_sources",
               "claims", "events", "numbers"]  # fmt: skip
    sides = sides or principal_sides(store)
    rows = store.query(
        """SELECT c.*, d.url, d.title, d.published FROM claims c LEFT JOIN documents d ON d.id = c.doc_id
           ORDER BY d.published NULLS LAST, c.doc_id, c.span_start, c.id"""
    )
    docs = store.near_duplicate_roots()  # one story on two sites counts once
    claims: list[_Claim] = []
    for row in rows.to_dict(orient="records"):
        row = {k: (None if _isna(v) else v) for k, v in row.items()}
        preds, objs = claim_concepts(row["content"])
        claimant = row.get("speaker_actor") or row.get("speaker") or "?"
        doc_id = row.get("doc_id")
        doc = docs.get(doc_id, doc_id) if doc_id else None
        found = news_of_one_strike(
            row["content"] or "", readings(row["content"] or ""), row.get("speaker_actor"), _relayed(row)
        )
        c = _Claim(row, preds, objs, _stance(row), claimant, doc, readings=found)
        c.reciprocal = bool(RECIPROCAL.search(row["content"] or "") and preds & EXCLUSIVE.keys())
        claims.append(c)
    claims = _unrelayed(claims)

    fights = store.query("SELECT source, target FROM events WHERE type IN ('ASSAULT', 'COERCE')")
    fought: set[tuple[str, str]] = set()
    for src, tgt in zip(fights["source"], fights["target"], strict=True):
        for a in list(src if src is not None else []):
            fought.update((a, b) for b in list(tgt if tgt is not None else []) if a != b)
    fought |= {(b, a) for a, b in fought}
    parties = _Parties(sides, fought)
    groups = _group_by_proposition(claims, parties)
    groups = _apart_by_attacker(groups, parties)
    _rebuttals(claims, groups)

    # each side claiming the same exclusive thing for itself (victory): one conflict row
    conflicts: dict[str, _Group] = {}
    if sides:
        for kind in ("win",):
            kind_preds = {p for p, k in EXCLUSIVE.items() if k == kind}
            party = [c for c in claims if not c.reciprocal and _about_fits(c, kind, sides)
                     and any(r.concept.name in kind_preds and _toward(c.stance, r.sign) == "assert"
                             for r in c.readings)]  # fmt: skip
            claimants = {c.row.get("speaker_actor") for c in party}
            if claimants >= set(sides):
                # each side's claim for itself denies the other's: both assert and deny
                conflicts[kind] = _Group(members=party, conflict=kind)
                conflicts[kind].reported["deny"] |= set(sides)
                taken = {id(c) for c in party}
                for g in groups:
                    g.members = [c for c in g.members if id(c) not in taken]
        groups = [g for g in groups if g.members]
    for c in claims:
        if c.reciprocal and sides:
            for p in c.preds & EXCLUSIVE.keys():
                g = conflicts.setdefault(EXCLUSIVE[p], _Group(conflict=EXCLUSIVE[p]))
                if c not in g.members:
                    g.members.append(c)
                g.reported_ids.add(c.row["id"])
                g.reported["assert"] |= set(sides)
                g.reported["deny"] |= set(sides)
    if sides:
        for ev_id, kind in _mutual_accusations(store, sides):
            g = conflicts.setdefault(kind, _Group(conflict=kind))
            g.events.append(ev_id)
            g.reported["assert"] |= set(sides)
            g.reported["deny"] |= set(sides)

    out = []
    for kind, g in sorted(conflicts.items()):
        ev_docs = []
        if g.events:
            ev_docs = [
                docs.get(d, d)
                for (d,) in store.con.execute(
                    "SELECT DISTINCT doc_id FROM event_sources WHERE list_contains(?, event_id)", [g.events]
                ).fetchall()
            ]
        out.append(_row(g, sides, CONFLICT_TEXT[kind], ev_docs))
    for g in groups:
        out.append(_row(g, sides, None))
    for label, g in _figure_disputes(claims):
        out.append(_row(g, sides, label))
    frame = pd.DataFrame(out, columns=columns)
    if status:
        frame = frame[frame["status"] == status]
    order = {s: i for i, s in enumerate(STATUSES)}
    frame["_o"] = frame["status"].map(order)
    # exclusive claims first, then propositions, then figures that differ
    frame["_c"] = [2 if c == "figures" else (1 if c is None or c != c else 0) for c in frame["conflict"]]
    frame["_w"] = [-_dispute_weight(cs) for cs in frame["claims"]]
    frame["_n"] = -frame["n_sources"]
    frame = frame.sort_values(["_o", "_c", "_w", "_n", "proposition"]).drop(columns=["_o", "_c", "_w", "_n"])
    return frame.reset_index(drop=True)


def _dispute_weight(claims: list[dict[str, Any]]) -> int:
    """How much each side of a row says: the documents telling its less-told stance (assert or deny).
    The most disputed propositions lead the ledger, not those with most documents behind one side."""
    told: dict[str, set[Any]] = {"assert": set(), "deny": set()}
    for c in claims:
        if c.get("polarity") in told and not c.get("reported"):
            told[c["polarity"]].add(c.get("doc_id"))
    return min(len(docs) for docs in told.values())


# How far apart (in characters) two figures of one report may stand to count the same thing.
FIGURE_REACH = 400


def _figure_disputes(claims: list[_Claim]) -> list[tuple[str, _Group]]:
    """Claimants who give different figures for the same quantity, set side by side in one report
    ("what Iran says were six missiles; the US military reported 14"), contradict each other: one
    contested row per such quantity, where each figure denies the others. Figures of another kind,
    of another act (struck / targeted) or far apart in the report are not compared."""
    by_doc: dict[str, list[tuple[_Claim, dict[str, Any]]]] = {}
    for c in claims:
        if not c.actor or c.stance != "assert" or c.doc is None:
            continue
        for n in extract_numbers(c.row["content"] or ""):
            if n["unit"] == "count" and n["act"] != "part":  # a part is no figure of the whole
                by_doc.setdefault(c.doc, []).append((c, n))
    out = []
    for _doc, figures in sorted(by_doc.items()):
        figures.sort(key=lambda f: f[0].row.get("span_start") or 0)
        for what, about in sorted({(n["what"], _victims(c, n)) for c, n in figures}):
            same = [(c, n) for c, n in figures if n["what"] == what and _victims(c, n) == about]
            run = [same[0]] if same else []
            for prev, cur in itertools.pairwise(same):
                gap = (cur[0].row.get("span_start") or 0) - (prev[0].row.get("span_end") or 0)
                if gap <= FIGURE_REACH:
                    run.append(cur)
                    continue
                out += _dispute(run, what)
                run = [cur]
            out += _dispute(run, what)
    return out


def _victims(c: _Claim, n: dict[str, Any]) -> str:
    """Whose dead or wounded a toll counts, as far as the claim names them (tolls of the two sides
    standing in one report are two quantities, not one)."""
    if n["what"] not in ("fatalities", "injured"):
        return ""
    return ",".join(sorted(c.about)) or "?"


def _dispute(run: list[tuple[_Claim, dict[str, Any]]], what: str) -> list[tuple[str, _Group]]:
    acts = {n["act"] for _, n in run if n["act"]}
    values = {n["value"] for _, n in run}
    claimants = {c.actor for c, _ in run if c.actor}
    if len(acts) > 1 or len(values) < 2 or len(claimants) < 2:
        return []
    g = _Group(conflict="figures", key=("figures", run[0][0].doc, what))
    for c, _ in run:
        if c not in g.members:
            g.add(c, "assert")
    g.reported["deny"] |= claimants
    given = "; ".join(f"{n['value']:,.0f} by {c.actor}" for c, n in sorted(run, key=lambda f: f[1]["value"]))
    return [(f"How many {what}: the figures differ ({given})", g)]


def _about_fits(c: _Claim, kind: str, sides: tuple[str, str]) -> bool:
    """A victory claim is about the speaker's side; a blame claim is about the other side."""
    speaker = c.row.get("speaker_actor")
    if speaker not in sides:
        return False
    about = set(c.about)
    other = (set(sides) - {speaker}).pop()
    if not about or kind == "win":  # "victory over X" names the loser, not the winner
        return True
    return other in about


def _isna(v: Any) -> bool:
    try:
        if v is None:
            return True
        if isinstance(v, list | tuple | dict) or (hasattr(v, "__len__") and not isinstance(v, str)):
            return False
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _mutual_accusations(store: Store, sides: tuple[str, str]) -> list[tuple[str, str]]:
    """ACCUSE events between the sides that blame each other: both sides as sources of one event,
    or accusations in both directions; each with its conflict kind."""
    a, b = sides
    ev = store.query(
        """SELECT id, source, target, lower(coalesce(evidence, '') || ' ' || coalesce(mode, '')) AS txt
           FROM events WHERE type = 'ACCUSE' AND NOT coalesce(negated, false)
             AND list_has_any(source, ?) AND list_has_any(target, ?)""",
        [[a, b], [a, b]],
    )
    directions: dict[tuple[str, str], list[tuple[str, str]]] = {}
    out: list[tuple[str, str]] = []
    for row in ev.itertuples(index=False):
        preds, _ = claim_concepts(row.txt)
        if not (preds & EXCLUSIVE.keys()):
            continue
        kind = EXCLUSIVE[sorted(preds & EXCLUSIVE.keys())[0]]
        src, tgt = set(row.source), set(row.target)
        if {a, b} <= src or RECIPROCAL.search(row.txt):
            out.append((row.id, kind))
        for s in src & {a, b}:
            for t in tgt & ({a, b} - {s}):
                directions.setdefault((s, t), []).append((row.id, kind))
    if (a, b) in directions and (b, a) in directions:
        out += directions[(a, b)] + directions[(b, a)]
    return sorted(set(out))


# Forms whose content is a whole statement, fit to stand as a proposition's label.
_STATEMENT_FORMS = ("indirect", "direct", "according_to", "mixed", "relative")


def _label(g: _Group) -> str:
    """A readable statement: the assertion most central to the row, given as a clause rather
    than a bare noun phrase ("the claim", "the ceasefire") where the row holds one."""
    lead = [c for c in g.members if g.stance(c) == "assert"] or g.members

    def score(c: _Claim) -> tuple[bool, bool, bool, int]:
        content = g.parts.get(c.row["id"]) or c.row["content"] or ""
        words = len(content.split())
        clause = c.row.get("form") in _STATEMENT_FORMS and 4 <= words <= 40 and not _RELATIVE.match(content)
        # a claim whose own first predicate is the row's states the proposition most plainly
        plain = bool(
            g.key and c.readings and c.readings[0].concept.name == g.key[0] and c.readings[0].sign > 0
        )
        return (clause, plain, 4 <= words <= 40, -abs(words - 12))

    central = max(lead, key=score)
    text = g.parts.get(central.row["id"]) or central.row["content"] or ""
    speaker = central.row.get("speaker") or central.claimant
    cue = central.row.get("cue") or ""
    if central.row.get("form") in _OBJECT_FORMS and cue and cue != "according to":
        # "the strikes as a spectacular success" is what someone described: say who and how
        text = f"{speaker} {cue} {text}"
    elif re.match(r"(have|has|had|to|be|been|was|were)\b", text) or len(text.split()) < 4:
        text = f"{speaker}: {text}"
    return text[:1].upper() + text[1:]


# Forms whose content is the object of the cue ("called [the assault a violation]", "accused [X of
# Y]"): a label reads only with the speaker and the cue before it.
_OBJECT_FORMS = ("object", "description", "reaction", "infinitival", "nominal")
# A content opening with a relative pronoun ("which is launching missiles at cities") leans on a noun
# outside it.
_RELATIVE = re.compile(r"(which|who|whom|whose)\b", re.I)


def _row(
    g: _Group, sides: tuple[str, str] | None, conflict_text: str | None, event_docs=()
) -> dict[str, Any]:
    own = [c for c in g.members if c.row["id"] not in g.reported_ids]
    asserted = {c.actor for c in own if g.stance(c) == "assert" and c.actor} | g.reported["assert"]
    denied = {c.actor for c in own if g.stance(c) == "deny" and c.actor} | g.reported["deny"]
    hedged = {c.actor for c in own if g.stance(c) == "hedge" and c.actor}
    docs = {c.doc for c in g.members if c.doc} | set(event_docs)
    if g.conflict or any(a != d for a in asserted for d in denied):
        status = "contested"
    elif (
        len(docs) >= 2
        and len({c.actor or "neutral" for c in own if g.stance(c) == "assert"}) >= 2
        and not denied
    ):
        # independent reports from more than one side, or one side and a neutral source, agree
        status = "corroborated"
    else:
        status = "single_source"
    proposition = conflict_text or _label(g)
    numbers = []
    for c in g.members:
        for n in extract_numbers(c.row["content"] or ""):
            numbers.append({**n, "url": c.row.get("url"), "claimant": c.claimant,
                            "published": _iso(c.row.get("published"))})  # fmt: skip
    ids = sorted(c.row["id"] for c in g.members) + sorted(g.events)
    from ..records import stable_id

    return {
        "id": stable_id("pr", g.conflict or "", *(str(k) for k in g.key or ()), *ids),
        "proposition": proposition,
        "status": status,
        "conflict": g.conflict,
        "asserted_by": sorted(asserted),
        "denied_by": sorted(denied),
        "hedged_by": sorted(hedged),
        "n_sources": len(docs),
        "claims": [_claim_record(c, g.stance(c), g.parts.get(c.row["id"])) for c in g.members],
        "events": sorted(g.events),
        "numbers": numbers,
    }


def _iso(v: Any) -> Any:
    return v.isoformat() if isinstance(v, dt.date) else v


def _claim_record(c: _Claim, stance: str, part: str | None = None) -> dict[str, Any]:
    """A claim as a ledger row shows it: its stance toward the row's proposition and, for a claim
    that asserts two things, the part about this one (``full_content`` keeps the whole)."""
    r = c.row
    return {
        "id": r["id"],
        "speaker": r.get("speaker"),
        "speaker_actor": r.get("speaker_actor"),
        "cue": r.get("cue"),
        "content": part or r.get("content"),
        "full_content": r.get("content"),
        "polarity": stance,
        "evidence": r.get("evidence"),
        "doc_id": r.get("doc_id"),
        "url": r.get("url"),
        "title": r.get("title"),
        "published": _iso(r.get("published")),
        "reported": c.reciprocal,
        "relayed_by": r.get("relayed_by"),
    }


def number_table(store: Store, *, drift_only: bool = False) -> pd.DataFrame:
    """Figures for the same quantity of the same thing side by side, with who gave each and when: one
    row per figure with ``anchor`` (the event it counts, else the ledger proposition), ``what, act, unit,
    value, given_by, date, url, text``. A claim's figure counts an event when exactly one event with a
    figure of the same kind involves the actors the claim is about. ``drift`` marks quantities whose
    sources differ; totals, parts (``act``) and different events are never set against each other."""
    columns = ["anchor", "what", "act", "unit", "value", "given_by", "date", "url", "text"]
    rows = []
    ev = store.query(
        r"""SELECT s.event_id, e.source AS src, e.target AS tgt, s.evidence, coalesce(s.url, d.url) AS url,
                  coalesce(d.source, regexp_extract(coalesce(s.url, d.url), '^https?://(?:www\.)?([^/]+)', 1))
                    AS given_by, coalesce(s.date, d.published) AS date
           FROM event_sources s JOIN events e ON e.id = s.event_id LEFT JOIN documents d ON d.id = s.doc_id
           WHERE s.evidence IS NOT NULL AND NOT coalesce(e.negated, false)"""
    )
    counted: dict[str, list[tuple[str, set[str], set[str]]]] = {}  # what -> [(event id, actors, words)]
    for r in ev.itertuples(index=False):
        actors = {*(list(r.src) if r.src is not None else []), *(list(r.tgt) if r.tgt is not None else [])}
        for n in extract_numbers(r.evidence):
            rows.append({"anchor": r.event_id, **n, "given_by": r.given_by, "date": _iso(stored_day(r.date)),
                         "url": r.url, "text": r.evidence})  # fmt: skip
            counted.setdefault(n["what"], []).append((r.event_id, actors, _words(r.evidence)))
    abouts = {
        i: list(a) if a is not None else []
        for i, a in store.con.execute("SELECT id, about FROM claims").fetchall()
    }
    for led in ledger(store).itertuples(index=False):
        for c in led.claims:
            about = set(abouts.get(c["id"], []))
            for n in extract_numbers(c["content"] or ""):
                anchor = _counted_event(counted.get(n["what"], []), about, _words(c["content"])) or led.id
                rows.append({"anchor": anchor, **n, "given_by": c.get("speaker_actor") or c.get("speaker"),
                             "date": c.get("published"), "url": c["url"], "text": c["content"]})  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns)
    if frame.empty:
        frame["drift"] = pd.Series(dtype=bool)
        return frame
    frame["act"] = frame["act"].fillna("")
    frame = frame.drop_duplicates(["anchor", "what", "act", "unit", "value", "url"])
    frame["drift"] = frame.groupby(["anchor", "what", "act", "unit"])["value"].transform("nunique") > 1
    if drift_only:
        frame = frame[frame["drift"]]
    return frame.sort_values(["anchor", "what", "act", "value"]).reset_index(drop=True)


def _counted_event(
    candidates: list[tuple[str, set[str], set[str]]], about: set[str], words: set[str]
) -> str | None:
    """The one event a claim's figure counts: among events with a figure of the same kind that involve
    every actor the claim is about, the only one, else the one sharing most words with it."""
    fits: dict[str, int] = {}
    for event_id, actors, told in candidates:
        if about and about <= actors:
            fits[event_id] = max(fits.get(event_id, 0), len(words & told))
    if len(fits) == 1:
        return next(iter(fits))
    ranked = sorted(fits.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[0][1] > ranked[1][1]:
        return ranked[0][0]
    return None
