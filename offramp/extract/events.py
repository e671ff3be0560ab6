"""Stage "events": PLOVER-coded events from each sentence, with actors, dates, places and numbers.

Needs the parse and, when those stages ran, ``record.actors``, ``record.dates``
and ``record.places`` (without them it looks actors, dates and places up itself,
so the stage also runs alone). Adds ``record.events``.

Sentence-level coding is ``coding.py``; this module adds what needs the whole
document:

- the crisis *dyad*, the two states named most often, which fills the missing
  side of an event ("has suspended the Simla Agreement" is aimed at the other
  side; a ceasefire is between the two; third-party mediation is aimed at both);
- retaliation targets the source of the last attack by another actor;
- symmetric events ("both countries", "exchanges of", "trading accusations",
  "talks between A and B") are ONE event whose ``source`` and ``target`` both
  list every party, with ``attrs.both_ways = true``;
- an attack with no named perpetrator ("the attack on tourists in Pahalgam")
  has source ``MIL`` (unnamed militants) and the place's country as target;
- dates: the date expressions in the trigger's own clause; an undated event
  with a sequence cue ("subsequent", "swiftly retaliated", "led to") takes the
  span from context (``dates.context_span``) with ``date_inferred = True``;
  otherwise none, never the publication date;
- same-country events are kept with ``attrs.domestic = true``; events nested in
  another ("accused X of violating the ceasefire"), hypothetical ones and
  events with no actor at all are not emitted.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from ..records import Event, stable_id
from .coding import ActorIndex, Trigger, code_of, find_triggers, load_lexicon, main_trigger, trigger_actors
from .mentions import in_span
from .pipeline import DocRecord, register_stage

__all__ = ["EventsStage", "events_from_record"]

EXTRACTOR = "offramp.rules/1"
_RETALIATE = {
    "retaliate",
    "retaliatory",
    "retaliation",
    "reprisal",
    "respond",
    "response",
    "counter",
    "avenge",
}
_SEQUENCE = {"subsequent", "subsequently", "swiftly", "retaliate", "retaliatory", "retaliation", "then", "later",
             "ensuing", "thereafter", "afterwards", "lead", "amid", "amidst"}  # fmt: skip
_STATE_KINDS = {"state", None}
# verbs by which a side speaks of what was done to it ("described the suspension as an act of war")
_COMPLAIN = {"describe", "condemn", "denounce", "call", "term", "protest", "criticize", "criticise", "decry",
             "reject", "slam", "object", "brand", "label"}  # fmt: skip
_BOTH = {"both", "two"}
_SIDES = {"side", "country", "nation", "neighbour", "neighbor", "party", "rival", "state", "government"}


@register_stage("events")
class EventsStage:
    """Rule-based event coder (lexicon + dependency parse), see the module docstring."""

    requires = ("doc",)
    provides = ("events",)

    def __init__(self, **_: Any) -> None:
        self.lexicon = load_lexicon()

    def __call__(self, record: DocRecord) -> DocRecord:
        record.events = events_from_record(record)
        return record


def events_from_record(record: DocRecord) -> list[Event]:
    doc = record.doc
    if doc is None:
        return []
    actors = record.actors or _find_actors(record)
    dates = record.dates if record.dates or "anchor" in record.data else _find_dates(record)
    places = record.places or []
    index = ActorIndex.build(doc, actors)
    dyad = _dyad(actors)
    out: list[Event] = []
    for sent in doc.sents:
        triggers = find_triggers(sent)
        main = main_trigger([t for t in triggers if t.nested_in is None])
        for trig in triggers:
            if trig.nested_in is not None or trig.irrealis:
                continue
            event = _event(record, trig, triggers, main, index, dyad, dates, places, out)
            if event is not None:
                out.append(event)
    return out


# -- context ---------------------------------------------------------------------


def _find_actors(record: DocRecord) -> list[Any]:
    try:
        from ..ontology.actors import load_gazetteer
    except ImportError:  # pragma: no cover - the gazetteer ships with offramp
        return []
    return load_gazetteer().find(record.text, record.document.published)


def _find_dates(record: DocRecord) -> list[Any]:
    try:
        from .dates import find_dates, infer_default_year
    except ImportError:  # pragma: no cover
        return []
    return find_dates(
        record.text, anchor=record.document.published, default_year=infer_default_year(record.text)
    )


def _dyad(actors: list[Any]) -> list[str]:
    """The two states the document is most about (by mentions), or fewer."""
    counts = Counter(
        m.code for m in actors if getattr(m, "kind", "state") in _STATE_KINDS and m.code and len(m.code) == 3
    )
    return [code for code, _ in counts.most_common(2)]


def _other(dyad: list[str], code: str) -> list[str]:
    if len(dyad) == 2 and code in dyad:
        return [c for c in dyad if c != code]
    return []


# -- one event -------------------------------------------------------------------


def _event(
    record: DocRecord,
    trig: Trigger,
    triggers: list[Trigger],
    main: Trigger | None,
    index: ActorIndex,
    dyad: list[str],
    dates: list[Any],
    places: list[Any],
    earlier: list[Event],
) -> Event | None:
    lex = load_lexicon()
    source, target = trigger_actors(trig, index, triggers)
    attrs: dict[str, Any] = {}
    if trig.nominal and trig.type == "CONSULT" and trig.light is None and len(set(source + target)) < 2:
        return None  # "the IMF board meeting": a meeting with no named sides is not coded
    if not target and len(dyad) == 2 and _names_both_sides(trig):
        target = list(dyad)
    if not source and len(dyad) == 2 and _subject_is_both_sides(trig):
        source, target, trig.both_ways = list(dyad), list(dyad), True  # "the two countries agreed"
    lemmas = {trig.token.lemma_.lower(), *(w.lemma_.lower() for w in trig.words)}
    sent = trig.token.sent
    clause = _clause_tokens(trig, triggers)
    where = _place(clause, places)

    # ceasefires and agreements are between the parties, whoever announced them
    if trig.type in ("AGREE", "RETREAT") and trig.nominal and not trig.both_ways:
        parties = [c for c in source + target if c in dyad]
        others = [c for c in source + target if c not in dyad]
        if len(dyad) == 2 and (len(parties) < 2):
            if others:
                attrs["announced_by"] = others
            source, target, trig.both_ways = list(dyad), list(dyad), True
    if trig.both_ways:
        parties = list(dict.fromkeys(source + target))
        if len(parties) < 2:
            parties = list(dict.fromkeys(parties + dyad))
        source, target = parties, parties
        attrs["both_ways"] = True
    elif lemmas & _RETALIATE and trig.type == "ASSAULT":
        prior = next(
            (e for e in reversed(earlier) if e.type == "ASSAULT" and e.source and e.source != source), None
        )
        if not source and prior is not None:
            source = list(prior.target)
        if prior is not None:
            target = [c for c in prior.source if c not in source] or target
        attrs["retaliation"] = True
    elif not source and not trig.nominal and trig.type == "ASSAULT" and _subject_is_attack(trig, lex):
        source = ["MIL"]  # "a suicide bombing killed 40 police": no perpetrator named
        attrs["source_inferred"] = True
    elif not source and trig.nominal and trig.type == "ASSAULT":
        prior = next(
            (e for e in reversed(earlier) if e.type == "ASSAULT" and e.source and e.source != ["MIL"]), None
        )
        if trig.token.lemma_.lower() in lex.militant_nouns or not (
            prior and (not target or set(target) <= set(prior.target))
        ):
            source = ["MIL"]
            attrs["source_inferred"] = True
        else:
            source = list(prior.source)
            attrs["source_inferred"] = True
        if not target and where is not None and where.country:
            target = [where.country]
    elif not source and trig.nominal and _owner_of_frame(trig, index):
        # "India's doctrine, based on the next attack being an act of war": the frame's owner
        source = _owner_of_frame(trig, index)
        attrs["source_inferred"] = True
    elif not source and trig.nominal:
        # "Pakistan has described the suspension of the treaty as an act of war": done to the speaker
        gov = trig.head.head
        speaker = _subject_codes(gov, index) if gov.lemma_.lower() in _COMPLAIN else []
        if speaker and len(dyad) == 2 and speaker[0] in dyad:
            source, target = _other(dyad, speaker[0]), [speaker[0]]
            attrs["source_inferred"] = True
    place_country = where.country if where is not None else None
    if source and not target and trig.type == "ASSAULT" and place_country and place_country not in source:
        target = [place_country]  # "gunmen killed 26 people near Pahalgam"
    if source and not target and not trig.both_ways:
        if trig.type == "CONSULT" and all(c not in dyad for c in source) and len(dyad) == 2:
            target = list(dyad)  # third-party mediation, visits and calls reach both sides
        elif len(source) == 1 and trig.type not in ("AGREE", "SUPPORT", "RETREAT", "CONCEDE", "COOPERATE"):
            target = _other(dyad, source[0])
            if target:
                attrs["target_inferred"] = True
    if not source and not target:
        return None

    code = code_of(trig.type, trig.mode)
    date, date_end, date_text, time, inferred = _when(trig, triggers, dates, sent, lemmas, main)
    if (
        date is None
        and source == ["MIL"]
        and not trig.both_ways
        and attrs.get("source_inferred")
        and not where
    ):
        return None
    codes = set(source) | set(target)
    domestic = bool(source) and bool(target) and len(codes) == 1 and not attrs.get("both_ways")
    if domestic:
        attrs["domestic"] = True
    if trig.weapons:
        attrs["weapons"] = trig.weapons
    if trig.commissive:
        attrs["commissive"] = True
    attrs["trigger"] = trig.text
    if trig.nominal and trig.light is None:
        attrs["nominal"] = True
    fatalities, injured, amount = _numbers(clause, trig)
    start, end = sent.start_char, sent.end_char
    return Event(
        id=stable_id("ev", record.document.id, trig.token.idx, code.type, ",".join(source), ",".join(target)),
        type=code.type,
        source=source,
        target=target,
        date=date,
        date_end=date_end,
        date_inferred=inferred,
        date_text=date_text,
        time=time,
        mode=code.mode,
        quad=code.quad,
        cameo_root=code.cameo_root,
        score=code.score,
        source_text=None,
        location=where.name if where is not None else None,
        country=where.country if where is not None else None,
        lat=getattr(where, "lat", None),
        lon=getattr(where, "lon", None),
        fatalities=fatalities,
        injured=injured,
        amount_usd=amount,
        certainty=trig.certainty,
        negated=trig.negated,
        doc_id=record.document.id,
        evidence=sent.text.strip(),
        span_start=start,
        span_end=end,
        extractor=EXTRACTOR,
        attrs=attrs,
    )


def _owner_of_frame(trig: Trigger, index: ActorIndex) -> list[str]:
    """The possessor of a noun the trigger hangs from ("India's doctrine ... an act of war")."""
    if trig.type not in ("THREATEN", "ACCUSE", "REQUEST", "REJECT"):
        return []
    cur = trig.token
    for _ in range(6):
        if cur.head.i == cur.i:
            break
        cur = cur.head
        for c in cur.children:
            if c.dep_ == "poss":
                codes = index.codes_in(c.subtree)
                if codes:
                    return codes[:1]
    return []


def _names_both_sides(trig: Trigger) -> bool:
    """ "urging both sides", "called on the two countries": the object is the dyad."""
    for c in trig.head.children:
        if c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ in ("on", "to", "with")):
            words = {t.lemma_.lower() for t in c.subtree}
            if words & _BOTH and words & _SIDES:
                return True
    return False


def _subject_is_attack(trig: Trigger, lex: Any) -> bool:
    for c in trig.head.children:
        if c.dep_ == "nsubj":
            words = {t.lemma_.lower() for t in c.subtree}
            return bool(words & lex.militant_nouns) or "bomber" in words or "gunman" in words
    return False


def _subject_is_both_sides(trig: Trigger) -> bool:
    for c in trig.head.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            words = {t.lemma_.lower() for t in c.subtree}
            return bool(words & _BOTH and words & _SIDES)
    return False


def _subject_codes(verb: Any, index: ActorIndex) -> list[str]:
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            return index.codes_in(c.subtree)
    return []


def _clause_tokens(trig: Trigger, triggers: list[Trigger]) -> list[Any]:
    """The trigger's own words: its head's subtree without the clauses of other triggers."""
    cut = {t.head.i for t in triggers if t is not trig and t.nested_in is None and t.head.i != trig.head.i}
    out, stack = [], [trig.head]
    while stack:
        tok = stack.pop()
        out.append(tok)
        for c in tok.children:
            if c.i not in cut:
                stack.append(c)
    if trig.light is not None and trig.token not in out:
        out.extend(trig.token.subtree)
    return sorted(out, key=lambda t: t.i)


def _place(clause: list[Any], places: list[Any]) -> Any | None:
    if not clause or not places:
        return None
    idx = {t.i for t in clause}
    doc = clause[0].doc
    for p in places:
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is not None and span[0].i in idx:
            return p
    return None


def _when(
    trig: Trigger,
    triggers: list[Trigger],
    dates: list[Any],
    sent: Any,
    lemmas: set[str],
    main: Trigger | None,
) -> tuple[dt.date | None, dt.date | None, str | None, str | None, bool]:
    """The date mentions in the trigger's clause; else a context span when a sequence cue says so."""
    doc = trig.token.doc
    mine = []
    in_sent = in_span(dates, sent.start_char, sent.end_char)
    heads = {t.head.i: t for t in triggers if t.nested_in is None}
    every = {t.head.i: t for t in triggers}
    for m in in_sent:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        owner = _owner(span.root, heads)
        if owner is None:
            owner = _owner(span.root, every)
            owner = None if owner is None or owner.nested_in is None else owner.nested_in
        if owner is trig or (owner is None and trig is main):
            mine.append(m)
    explicit = [m for m in mine if m.date is not None and getattr(m, "kind", "") != "time"]
    if not explicit and trig.head.dep_ == "conj" and trig.head.head.i in heads:
        # "India on April 23 suspended the treaty, closed the crossing and expelled advisers"
        first = heads[trig.head.head.i]
        if first is not trig:
            inherited = _when(first, triggers, dates, sent, set(), main)
            if inherited[0] is not None and not inherited[4]:
                return inherited
    time = next((m.time for m in mine if getattr(m, "time", None)), None)
    if explicit:
        first = explicit[0]
        end = max((m.date_end or m.date) for m in explicit)
        return (
            first.date,
            (end if end != first.date else first.date_end),
            first.text,
            time,
            bool(first.inferred),
        )
    near = [*trig.token.subtree, *trig.head.children, *_ancestors(trig.head)]
    words = {t.lemma_.lower() for t in near} | {t.lower_ for t in near}
    if words & _SEQUENCE or lemmas & _RETALIATE:
        try:
            from .dates import context_span
        except ImportError:  # pragma: no cover
            return None, None, None, time, False
        inferred = context_span(dates, trig.token.idx)
        if inferred is not None:
            return inferred[0], inferred[1], None, time, True
    return None, None, None, time, False


def _ancestors(tok: Any) -> list[Any]:
    out: list[Any] = []
    while tok.head.i != tok.i and len(out) < 10:
        tok = tok.head
        out.append(tok)
    return out


def _owner(tok: Any, heads: dict[int, Trigger]) -> Trigger | None:
    cur, steps = tok, 0
    while steps < 15:
        if cur.i in heads:
            return heads[cur.i]
        if cur.head.i == cur.i:
            return None
        cur, steps = cur.head, steps + 1
    return None


def _numbers(clause: list[Any], trig: Trigger) -> tuple[int | None, int | None, float | None]:
    if not clause:
        return None, None, None
    tokens = list(clause)
    gov = trig.token.head.head if trig.nominal and trig.token.dep_ == "pobj" else None
    if gov is not None and gov.lemma_.lower() in ("die", "kill", "injure", "wound", "perish"):
        tokens = sorted({*tokens, *gov.subtree}, key=lambda t: t.i)  # "31 people died in India's strikes"
    text = "".join(t.text_with_ws for t in tokens)
    try:
        from .numbers import casualties, money_usd
    except ImportError:  # pragma: no cover - the numbers module ships with offramp
        return None, None, None
    found = casualties(text)
    fatalities = found.get("fatalities") if isinstance(found.get("fatalities"), int) else None
    injured = found.get("injured") if isinstance(found.get("injured"), int) else None
    amount: float | None = None
    if trig.type in ("AID", "SANCTION", "AGREE", "COOPERATE"):
        money = money_usd(text)
        amount = money[0].amount_usd if money else None
    return fatalities, injured, amount
