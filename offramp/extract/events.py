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
  span from context (``dates.context_span``); else the date of the clause it
  hangs on, of its paragraph, or, told as current news, the document's reference
  date, each with ``date_inferred = True`` and ``attrs.date_reason``
  (``_date_event``, docs/dates.md);
- same-country events are kept with ``attrs.domestic = true``; events nested in
  another ("accused X of violating the ceasefire"), hypothetical ones, those in
  an if-clause, event words in titles ("directors general of military
  operations") and events with no actor at all are not emitted;
- the dyad counts a state's part in hostile acts double, so a visitor named
  often is not taken for a belligerent; a hostile act reported by one side
  with no named target was done to that side; "both sides" never includes the
  one urging them;
- parser slips are repaired where the grammar is clear: a subject swallowed by
  a fronted date ("On 9 May 2025 US Secretary Rubio spoke ..."), "he"/"she"
  resolved to a person rather than a state, "they"/"them" to two states named
  together, "the board"/"the decision" to the body named before;
- a date after "since" is a reference point and never dates an event; the
  trigger's own date wins over the day the sentence says it was reported.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..ontology import plover
from ..ontology.lang import word_list, words
from ..records import Event, stable_id
from .coding import (
    ActorIndex,
    Trigger,
    advance_notice,
    code_of,
    find_triggers,
    home_source,
    home_target,
    load_lexicon,
    load_role_words,
    main_trigger,
    token_arrays,
    trigger_actors,
)
from .coding import _subject as _inherited_subject
from .dates import NOT_OCCURRENCE, REPORT_DATED, TO_REPORT
from .mentions import in_span
from .pipeline import DocRecord, register_stage

__all__ = ["EventsStage", "events_from_record"]

EXTRACTOR = "offramp.rules/1"
_RETALIATE = word_list("grammar", "retaliate")
_SEQUENCE = word_list("grammar", "sequence")
_STATE_KINDS = {"state", None}
# verbs by which a side speaks of what was done to it ("described the suspension as an act of war")
_COMPLAIN = word_list("grammar", "complain")
_BOTH = word_list("grammar", "both")
_SIDES = word_list("grammar", "sides")
# verbs that report what someone else did ("the Pakistani military said the strikes killed 26")
_REPORT = word_list("grammar", "report")
# hostile acts a report is usually about from the receiving side
_HOSTILE = plover.HOSTILE
# a side's own armed services, named without the side ("air defences shot down 12 drones")
_FORCES = word_list("grammar", "forces")
# a definite noun that refers back to a body named before ("the board approved", "the decision released")
_ANAPHORIC_BODY = word_list("grammar", "anaphoric_body")
_ANAPHORIC_ACT = word_list("grammar", "anaphoric_act")
# people a government speaks to at home: a request to them is not aimed at the other side
_AUDIENCE = word_list("grammar", "audience")
# nouns that make an event noun part of a title ("directors general of military operations")
_TITLE = word_list("grammar", "title")
# ending the fighting is not fighting ("the halt to firing", "agreed to stop shooting")
_CESSATION = word_list("grammar", "cessation")
# a noun between an event and its denial: what is denied is the noun, not the event ("denied any role in the attack")
_INVOLVEMENT = word_list("grammar", "involvement")
_DENY = word_list("grammar", "deny")
_SPEAKER_KINDS = {"state", "person", "role", "state_body"}
_NOT_SELF = plover.DIRECTED


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
    dates = _weekdays_told_as_past(doc, dates, record.data.get("anchor"))
    index = ActorIndex.build(doc, actors)
    by_sentence = [[t for t in find_triggers(sent) if not _not_an_event(t)] for sent in doc.sents]
    context = _Context(index=index, dyad=[], ranking=[], dates=dates, places=places, actors=actors)
    context.ranking = _states_by_mentions(actors, _hostile_parties(by_sentence, context))
    context.dyad = context.ranking[:2]
    out: list[Event] = []
    for triggers in by_sentence:
        main = main_trigger([t for t in triggers if t.nested_in is None])
        for trig in triggers:
            told = trig.nested_in is not None or trig.irrealis
            trig.presupposed = (told and _presupposed_act(trig, index)) or _motion_named(trig)
            if (told and not trig.presupposed) or _conditional(trig) or _acted_on(trig, triggers):
                continue
            if _promise_without_promiser(trig, index):
                continue
            told_before = [
                e for e in out if not e.attrs.get("presupposed")
            ]  # background acts are no antecedents
            event = _event(record, trig, triggers, main, context, told_before)
            if event is not None and not _told_again(event, out):
                out.append(event)
                out += _mediation(event, trig, index)
    _unverified_claims(doc, out)
    return out


_UNVERIFIED = re.compile(
    r"\b(?:claims?|accounts?|figures?|reports?)\b[^.]{0,60}?\b(?:could not|cannot|can't|couldn't) be"
    r"(?: independently)? (?:verified|confirmed)|\bno (?:official|independent) confirmation\b|\bunverified\b",
    re.IGNORECASE,
)
# a word every match of _UNVERIFIED holds: a text without one has no sentence to read
_UNVERIFIED_WORD = re.compile(r"verified|confirm", re.IGNORECASE)


def _unverified_claims(doc: Any, events: list[Event]) -> None:
    """ "The claims could not be verified independently": the acts a side reported before that sentence are
    its claims, not established facts."""
    if not _UNVERIFIED_WORD.search(doc.text):
        return
    marks = [s.start_char for s in doc.sents if _UNVERIFIED.search(s.text)]
    if not marks:
        return
    for e in events:
        if e.type == "ASSAULT" and e.certainty == "asserted" and e.span_start < marks[-1] and _told(e, doc):
            e.certainty = "claimed"


def _told(event: Event, doc: Any) -> bool:
    span = doc.char_span(event.span_start, event.span_end, alignment_mode="expand")
    return span is not None and any(t.lemma_.lower() in _REPORT and t.pos_ == "VERB" for t in span)


# -- context ---------------------------------------------------------------------


def _find_actors(record: DocRecord) -> list[Any]:
    try:
        from .phrases import find_actors
    except ImportError:  # pragma: no cover - the gazetteer ships with offramp
        return []
    return find_actors(record.text, record.document.published)


def _find_dates(record: DocRecord) -> list[Any]:
    try:
        from .dates import find_dates, infer_default_year
    except ImportError:  # pragma: no cover
        return []
    return find_dates(
        record.text, anchor=record.document.published, default_year=infer_default_year(record.text)
    )


def _states_by_mentions(actors: list[Any], hostile: Counter[str] | None = None) -> list[str]:
    """The states the document names, most mentioned first; the first two are its crisis *dyad*.

    A state that takes part in a hostile act (as its doer, its target or the side reporting it) counts
    double for each: a visitor or a caller named often is a third party, not a belligerent."""
    counts = Counter(
        m.code for m in actors if getattr(m, "kind", "state") in _STATE_KINDS and m.code and len(m.code) == 3
    )
    # rule a_body_can_be_a_side: "the IAEA board declared Iran in breach; Tehran denounced the decision"
    counts.update(m.code for m in actors if getattr(m, "kind", "") == "igo" and m.code)
    for code, n in (hostile or Counter()).items():
        if code in counts:
            counts[code] += 2 * n
    return [code for code, _ in sorted(counts.items(), key=lambda kv: -kv[1])]


def _hostile_parties(by_sentence: list[list[Trigger]], ctx: _Context) -> Counter[str]:
    """How often each actor is a party to (or the reporter of) a hostile act in the document."""
    found: Counter[str] = Counter()
    for triggers in by_sentence:
        for trig in triggers:
            if trig.nested_in is not None or plover.quad_of(trig.type) < 3:
                continue
            if trig.both_ways and trig.type == "REJECT":
                continue  # a meeting called off between two sides is no sign of who is fighting
            source, target = trigger_actors(trig, ctx.index, triggers)
            found.update(set(source) | set(target) | set(_speaker(trig, ctx)))
    return found


@dataclass
class _Context:
    """What the coding of one trigger may look at beyond its sentence."""

    index: ActorIndex
    dyad: list[str]
    ranking: list[str]
    dates: list[Any]
    places: list[Any]
    actors: list[Any]
    untitled_places: list[tuple[Any, int | None]] | None = None  # read by _untitled_places


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
    ctx: _Context,
    earlier: list[Event],
) -> Event | None:
    lex = load_lexicon()
    index, dyad, dates, places = ctx.index, ctx.dyad, ctx.dates, ctx.places
    source, target = trigger_actors(trig, index, triggers)
    source, target = _fronted_subject(trig, index, dates, source, target)
    if trig.type == "AID" and trig.token.lemma_.lower() == "receive":
        source, target = target, source  # "Pakistan received $1 billion from the IMF": the IMF gives
    person = _personal_subject(trig, ctx)
    if person and source != person:
        # "Trump said India and Pakistan agreed after he warned them": "he" is a person, not a state
        trig.both_ways = False  # one person's act is not mutual
        source, target = person, [c for c in target if c not in person]
    pair = _plural_pronoun_pair(trig, ctx)
    if pair:
        subj_is_they, pair_codes = pair
        others = [c for c in target if c not in pair_codes]
        if subj_is_they and others:
            source, target = pair_codes, others  # "they accused the broker": both named before, at a third
        elif subj_is_they:
            source, trig.both_ways = pair_codes, True  # "they then agreed to stop": both named before
            target = list(pair_codes)
        else:
            target = [c for c in pair_codes if c not in source]  # "he warned them": both named before
    doer = _judged_act_doer(trig, index, source, earlier)
    if doer:
        target = doer  # "Qatar condemned this attack": whoever carried out the attack told before
    if trig.type in ("ACCUSE", "REJECT", "REQUEST", "THREATEN", "SANCTION", "CONSULT") and not trig.nominal:
        target = _anaphoric_target(trig, ctx, source) or target
        target = target or _motion_body(trig, ctx, source)
        target = target or _meeting_counterpart(trig, ctx, source)
    if trig.motion is not None:
        source, target, sponsored = _motion_roles(trig, triggers, ctx, earlier, source, target)
        trig.type = sponsored or trig.type
    if not source and trig.type == "CONSULT":
        source = _notice_giver(trig, index, earlier, target)
    if trig.type == "THREATEN" and source and not [c for c in target if c not in source]:
        target = _content_target(trig, triggers, index, places, source) or target
    if trig.type in _COUNTER_MEASURES and source and not [c for c in target if c not in source]:
        target = _occasion_doer(trig, triggers, index, source) or target
    if trig.type == "THREATEN" and source and not [c for c in target if c not in source]:
        target = _attacker_of(source, earlier) or target
    if trig.type in _NOT_SELF and not trig.both_ways and set(target) & set(source):
        # "Saudi Arabia's minister met India's minister": one does not meet, accuse or deny oneself
        target = [c for c in target if c not in source] or _counterparts(trig, index, source)
    blamed = _attributed_to(trig, index)
    if blamed:
        # "officials linked the attack to the Resistance Front": the group is the alleged perpetrator
        prior = next((e for e in reversed(earlier) if e.type == trig.type and e.target), None)
        source = blamed
        target = list(prior.target) if prior is not None else [c for c in target if c not in blamed]
        trig.certainty = "alleged" if trig.certainty == "asserted" else trig.certainty
    caller = _caller(trig, index)
    if caller:
        source, target = caller, [c for c in target if c not in caller]
    reporter = _reporting_agent(trig, index)
    if reporter:
        source = [c for c in source if c not in reporter]  # "firing reported by the Indian side"
    if not source and trig.nominal and trig.type in ("SANCTION", "COERCE"):
        # "India declared the envoys persona non grata"
        source, target = _governing_subject(trig, index, dates, target)
    immediate = _decided_now(trig, lex)
    if immediate is not None:
        trig.type, trig.mode = immediate  # "would hold the treaty in abeyance with immediate effect": done
    enacted = _law_named_before(trig, earlier, source)
    if enacted is not None:
        # "the president signed the bill on 12 June": the act of the bill told before, again
        trig.type, trig.mode = enacted.type, enacted.mode
        source, target = source or list(enacted.source), [c for c in enacted.target if c not in source]
    if _approval_pending(trig, record.text):
        trig.type, trig.mode = (
            "THREATEN",
            None,
        )  # "approved a bill to close the border; the final say rests with ..."
    attrs: dict[str, Any] = {}
    if trig.nominal and trig.type == "CONSULT" and trig.light is None and len(set(source + target)) < 2:
        return None  # "the IMF board meeting": a meeting with no named sides is not coded
    speaker = _speaker(trig, ctx)
    if (
        not source
        and speaker
        and speaker[0] not in target
        and (
            _own_forces(trig)
            or (_unattributed_loss(trig) and bool(target) and (len(dyad) < 2 or speaker[0] in dyad))
        )
    ):
        source = speaker  # "Pakistan said air defences shot down 12 Indian drones": the speaker's own forces
        attrs["source_inferred"] = True
    if not source:
        body = _anaphoric_body(trig, ctx)
        if body:
            source = body  # "the board approved ...": the body named before
            attrs["source_inferred"] = True
    if (
        speaker
        and trig.type == "REQUEST"
        and source
        and set(target) == set(source)
        and speaker[0] not in source
    ):
        source = speaker  # "Misri said Pakistan broke the deal and asked Islamabad to act": India asks
    if speaker and _is_violation(trig) and source and speaker[0] not in source:
        source, target = speaker, source  # "Misri said Pakistan broke the agreement": India accuses Pakistan
    if not target and _names_both_sides(trig):
        if len(dyad) == 2 and source and set(source) <= set(dyad):
            # "India's strikes led to clashes between the two neighbours": one side is among
            # "both", so the act is mutual, not aimed at a third state named nearby
            source, target, trig.both_ways = list(dyad), list(dyad), True
        else:
            sides = [c for c in dyad if c not in source] if len(dyad) == 2 else []
            sides = sides if len(sides) == 2 else [c for c in ctx.ranking if c not in source][:2]
            if len(sides) == 2:
                target = sides  # "Rubio urged both governments": both sides, never the one urging
    if not source and len(dyad) == 2 and _subject_is_both_sides(trig):
        source, target, trig.both_ways = list(dyad), list(dyad), True  # "the two countries agreed"
    lemmas = {trig.token.lemma_.lower(), *(w.lemma_.lower() for w in trig.words)}
    sent = trig.token.sent
    clause = _clause_tokens(trig, triggers)
    own_words = _without_other_acts(clause, trig, triggers)  # an act told inside keeps its place and toll
    where = _place(own_words, _untitled_places(ctx, trig.token.doc))

    # ceasefires and agreements are between the parties, whoever announced them
    named_parties = [c for c in source if len(c) == 3 and c.isalpha()]
    if trig.type in ("AGREE", "RETREAT") and trig.light is not None and len(set(named_parties)) >= 2:
        # rule named_parties_agree: "Israel and Iran have agreed to a ceasefire", announced by a third
        source, target, trig.both_ways = named_parties, list(named_parties), True
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
        named = [c for c in target if c not in source]
        if prior is not None:
            # "Reacting to the US strikes, Iran fired missiles at Israeli cities": a named target stands
            target = named or [c for c in prior.source if c not in source] or target
        attrs["retaliation"] = True
    elif not source and not trig.nominal and trig.type == "ASSAULT" and _subject_is_attack(trig, lex):
        # "a suicide bombing killed 40 police": no perpetrator named; but "the strikes also hit
        # officials" continues the document's last attack by a named state on that target
        aim = target or ([where.country] if where is not None and where.country else [])
        prior = _prior_attack_on(earlier, aim) if aim and _subject_is_definite(trig) else None
        source = list(prior.source) if prior is not None and set(aim) <= set(prior.target) else ["MIL"]
        attrs["source_inferred"] = True
    elif not source and trig.nominal and trig.type == "ASSAULT":
        prior = _prior_attack_on(earlier, target)
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
    if (
        source
        and not target
        and trig.type == "ASSAULT"
        and (place_country is None or place_country in source)
    ):
        # rule site_in_the_sentence: "damage at the Fordo facility after US airstrikes overnight": the
        # sentence's site (not a capital, often a venue or a metonym) is where the strikes fell
        sites = [p for p in _sentence_places(sent, places) if p.kind in _SITES and p.country]
        if sites and sites[0].country not in source:
            target = [sites[0].country]
        elif not sites:
            target = _site_named_before(trig, sent, places, source) or target
    if (
        source
        and not target
        and trig.type in _HOSTILE
        and speaker
        and speaker[0] not in source
        and source != ["MIL"]
        and (len(dyad) < 2 or speaker[0] in dyad)  # a third state's comment is no report of its own loss
    ):
        target = speaker  # "the Pakistani military said the Indian strikes killed 26": done to the speaker
        attrs["target_inferred"] = True
    if source and not target and trig.type == "CONSULT" and len(source) >= 2 and set(source) & set(dyad):
        target, trig.both_ways = list(source), True  # "a meeting of the India-Iran joint commission"
        attrs["both_ways"] = True
    if source and not target and trig.type == "AID":
        target = [c for c in ctx.ranking if c not in source][:1]  # the state the document is about
    if source and not target and _aimed_at_outlet(trig, ctx):
        attrs["target_is_outlet"] = (
            True  # rule outlets_are_not_targets: "Trump criticised CNN" names no state
        )
    elif source and not target and not trig.both_ways:
        if trig.type in ("CONSULT", "REQUEST") and all(c not in dyad for c in source) and len(dyad) == 2:
            # third-party mediation, visits and calls reach both sides, and so do its appeals
            # ("the Saudi minister called for de-escalation")
            target = list(dyad)
            if trig.type == "REQUEST":
                attrs["target_inferred"] = True
        elif (
            len(source) == 1
            and trig.type not in ("AGREE", "SUPPORT", "RETREAT", "CONCEDE", "COOPERATE", "CONSULT")
            and not _addresses_audience(trig)
        ):
            target = _other(dyad, source[0])
            if target:
                attrs["target_inferred"] = True
    if not source and len(dyad) < 2:
        source = home_source(trig, index)  # the sentence's own default, in a document with no crisis dyad
    if source and not target and not trig.both_ways:
        target = home_target(trig, source, index)  # the sentence's own default, when the document has none
    if trig.type == "ASSAULT" and source and _intercepts_untold_attack(trig, index, source):
        target = (
            _attacker_of(source, earlier) or _attacker_in_sentence(trig, triggers, index, source) or target
        )
        if _defences_act(trig):
            attrs["interception"] = True  # what the_intercepted_attacked reads later
    if trig.type == "CONSULT" and _visits_own_side(trig, index, source):
        return None  # rule own_base_visit: "Russia's defence minister visited Russian troops in Syria"
    if trig.type == "CONSULT" and _gathering_without_partner(trig):
        target = []  # rule a_gathering_is_no_contact: "the Security Council convened to discuss the strikes"
    if (
        trig.type == "CONSULT"
        and not trig.both_ways
        and (not target or not source or set(target) <= set(source))
    ):
        return None  # "the cabinet met": a body meeting by itself is no contact between actors
    if not source and not target:
        return None

    code = code_of(trig.type, trig.mode)
    when = _date_event(record, trig, triggers, dates, sent, lemmas, main)
    date, date_end, date_text, time, inferred = when.date, when.date_end, when.text, when.time, when.inferred
    said = _refusal_told_now(trig) if date is None else None
    if said is not None:
        # rule refusal_dated_by_its_statement: "Iran said on Friday it will not attend the talks": the
        # refusal is made by saying so, on the day of the statement
        told = _date_event(record, Trigger(said, trig.type), triggers, dates, sent, lemmas, main)
        date, date_end, date_text, time, inferred = (
            told.date,
            told.date_end,
            told.text,
            told.time,
            told.inferred,
        )
        when.reason = told.reason
    if trig.presupposed:
        attrs["presupposed"] = True
    if trig.presupposed and not _dated_in_phrase(trig, dates):
        # rule presupposed_act: "condemned on Monday the US strike on Iran": Monday dates the condemnation
        date = date_end = date_text = time = None
        inferred = False
        when.reason = None
    if when.reason:
        attrs["date_reason"] = when.reason
    if when.planned is not None:
        attrs["planned"] = when.planned.isoformat()
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
    fatalities, injured, amount = _numbers(own_words, trig)
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
        negated=_negated(trig),
        doc_id=record.document.id,
        evidence=sent.text.strip(),
        span_start=start,
        span_end=end,
        extractor=EXTRACTOR,
        attrs=attrs,
    )


# -- repairs and readings that need more than the trigger's own clause ------------------


def _judged_act_doer(trig: Trigger, index: ActorIndex, source: list[str], earlier: list[Event]) -> list[str]:
    """Rule condemned_act_target: "Qatar condemned this attack", "called the assault a flagrant
    violation": an act judged without naming its doer accuses whoever did the last such act told
    before (a hostile act for "attack", any act for "the decision"), never the judge itself."""
    if trig.type != "ACCUSE" or trig.nominal:
        return []
    words = load_role_words()
    objs = [c for c in trig.head.children if c.dep_ in ("dobj", "nsubjpass", "oprd")]
    # "labeled the strikes a flagrant violation": the parser may make the act the subject of the name
    objs += [
        g for c in trig.head.children if c.dep_ in ("ccomp", "xcomp") for g in c.children if g.dep_ == "nsubj"
    ]
    acts = [o for o in objs if o.lemma_.lower() in words.act_nouns or o.lower_ in words.act_nouns]
    if not acts:
        return []
    act = acts[0]
    own = [c for c in act.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
    own += [c for c in act.children if c.dep_ == "prep" and c.lower_ in ("by", "from")]
    if any(c not in source for o in own for c in index.codes_in(list(o.subtree))):
        return []  # "condemned Venezuela's incursion": the parse names the doer
    hostile_only = act.lemma_.lower() not in _ANAPHORIC_ACT | {"resolution", "action"}
    for e in reversed(earlier):
        if not e.source or set(e.source) & set(source) or e.source == ["MIL"] or e.attrs.get("both_ways"):
            continue
        if hostile_only and e.quad != 4:
            continue
        return list(e.source)
    return []


def _mediation(event: Event, trig: Trigger, index: ActorIndex) -> list[Event]:
    """Rule broker_of_an_agreement: "a Turkish-brokered truce", "a ceasefire was announced by the Qatari
    emir": a third state that brokered or announced an agreement between two sides mediated it (PLOVER
    CONSULT, third-party), an act of its own beside the agreement."""
    if event.type != "AGREE" or not event.attrs.get("both_ways"):
        return []
    # "a Turkish-brokered truce": the broker named on the agreement itself
    broker = [
        c
        for m in trig.token.children
        if m.dep_ in ("amod", "compound") and m.lemma_.lower() in _BROKER
        for c in index.codes_in(list(m.subtree))
    ]
    if not broker and trig.light is not None and trig.light.lemma_.lower() in _ANNOUNCE:
        broker = [
            c for a in trig.light.children if a.dep_ == "agent" for c in index.codes_in(list(a.subtree))
        ]
    broker = [c for c in broker if c not in event.source and len(c) == 3 and c != "MIL"]
    if not broker:
        return []
    code = code_of("CONSULT", "third-party")
    attrs = {k: v for k, v in event.attrs.items() if k not in ("both_ways", "announced_by")}
    return [
        dataclasses.replace(
            event,
            id=stable_id(
                "ev", event.doc_id, trig.token.idx, "CONSULT", ",".join(broker), ",".join(event.source)
            ),
            type=code.type,
            mode=code.mode,
            quad=code.quad,
            cameo_root=code.cameo_root,
            score=code.score,
            source=broker,
            target=list(event.source),
            attrs={**attrs, "mediated": event.id},
        )
    ]


_ANNOUNCE = word_list("grammar", "announce")
_BROKER = word_list("grammar", "broker")


def _meeting_counterpart(trig: Trigger, ctx: _Context, source: list[str]) -> list[str]:
    """Rule refusal_aims_at_the_counterpart: "Baku and Yerevan were to hold a fifth round of talks ... Baku
    said it will not attend the talks": staying away from a meeting refuses the other sides named with
    that meeting in the two sentences before."""
    if (
        trig.type != "REJECT"
        or trig.nominal
        or trig.head.lemma_.lower() not in load_role_words().abstain_verbs
    ):
        return []
    lex = load_lexicon()
    meetings = {
        t.lemma_.lower()
        for t in trig.head.subtree
        if (lex.nouns.get(t.lower_) or lex.nouns.get(t.lemma_.lower()) or "").startswith("CONSULT")
    }
    if not meetings:
        return []
    doc, sent = trig.token.doc, trig.token.sent
    for _ in range(2):
        if sent.start == 0:
            return []
        sent = doc[sent.start - 1].sent
        if any(t.lemma_.lower() in meetings for t in sent):
            return [c for c in ctx.index.codes_in(sent) if c not in source and c != "MIL"]
    return []


def _refusal_told_now(trig: Trigger) -> Any | None:
    """The verb of saying that a refusal by abstention ("said it will not attend") hangs on, or None."""
    if (
        trig.type != "REJECT"
        or trig.nominal
        or trig.head.lemma_.lower() not in load_role_words().abstain_verbs
    ):
        return None
    if not any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll") for c in trig.head.children):
        return None
    return next((a for a in _ancestors(trig.head)[:3] if a.lemma_.lower() in _REPORT), None)


def _motion_named(trig: Trigger) -> bool:
    """Rule motion_against (as a back-reference): "a later Council resolution against Azerbaijan angered
    Baku" names a motion passed before; like a presupposed act it keeps no date of the clause around it."""
    return trig.nominal and trig.motion is not None and trig.motion.i == trig.token.i


def _told_again(event: Event, out: list[Event]) -> bool:
    """Rule presupposed_act (once per document): "condemned the US strike on Iran ... the Council met to
    discuss the US strikes on Iran": an undated back-reference to an act the document has already told,
    with the same type and sides, is that act, not another row."""
    if not event.attrs.get("presupposed") or event.date is not None:
        return False
    sides = (event.type, sorted(event.source), sorted(event.target))
    return any((e.type, sorted(e.source), sorted(e.target)) == sides for e in out)


def _presupposed_act(trig: Trigger, index: ActorIndex) -> bool:
    """Rule presupposed_act: "the Council met to discuss the recent Russian strikes on Ukraine's ports",
    "retaliation for Azerbaijan's shelling of Armenian villages": a definite act whose noun phrase names
    both its doer and its aim is told as done, whatever the clause around it does with it (discusses,
    condemns, answers); an indefinite, possible or planned one is not."""
    tok = trig.token
    if not trig.nominal or trig.light is not None or trig.type != "ASSAULT" or _negated(trig):
        return False
    kids = list(tok.children)
    if any(c.dep_ in ("acl", "relcl") and any(g.dep_ == "aux" for g in c.children) for c in kids):
        return False  # "for sanctions on Tehran to be restored": a prospect
    if any(c.dep_ == "det" and c.lower_ not in _DEFINITE for c in kids):
        return False  # "a strike", "any attack", "no raids"
    irrealis = load_lexicon().irrealis
    if any(t.lemma_.lower() in irrealis or t.lemma_.lower() in _UNDONE for t in tok.subtree):
        return False  # "the possible strikes", "the planned raids on ...", "strikes that would hit ..."
    owners = [x for c in kids if c.dep_ in _OWNER_DEPS for x in index.codes_in(list(c.subtree))]
    aims = [
        x
        for c in kids
        if c.dep_ == "prep" and c.lower_ in _AIM_PREPS
        for x in index.codes_in(list(c.subtree))
        if x not in owners
    ]
    if not owners or not aims:
        return False
    # "denied the Russian strikes on Kharkiv": what a denial is about is not told as done
    return not any(a.lemma_.lower() in _DENY for a in _ancestors(tok)[:6])


def _dated_in_phrase(trig: Trigger, dates: list[Any]) -> bool:
    """A date inside the act's own noun phrase ("Saturday's strikes on Iran", "the strikes of 22 June")."""
    toks = list(trig.token.subtree)
    lo, hi = toks[0].idx, toks[-1].idx + len(toks[-1])
    return any(lo <= m.start and m.end <= hi for m in dates)


_OWNER_DEPS = {"poss", "amod", "compound", "nmod"}
_AIM_PREPS = word_list("grammar", "aim_preps")
_UNDONE = word_list("grammar", "undone")


def _notice_giver(trig: Trigger, index: ActorIndex, earlier: list[Event], target: list[str]) -> list[str]:
    """Rule advance_notice_is_consultation (its source): "Georgian officials were notified in advance of
    the exercise": unnamed, whoever gave notice did the act noticed: its owner when the phrase names
    one, else the doer of the last hostile act told before who is not the one notified."""
    if trig.nominal or not advance_notice(trig.head):
        return []
    about = [
        g
        for c in [*trig.head.children, *(g for c in trig.head.children for g in c.children)]
        if c.dep_ == "prep" and c.lower_ in ("of", "about", "on")
        for g in c.children
        if g.dep_ == "pobj"
    ]
    for noun in about:
        owners = [x for c in noun.children if c.dep_ in _OWNER_DEPS for x in index.codes_in(list(c.subtree))]
        owners = [x for x in owners if x not in target]
        if owners:
            return owners
    acts = [
        e
        for e in earlier
        if e.quad == 4 and e.source and e.source != ["MIL"] and not set(e.source) & set(target)
    ]
    on_them = [e for e in acts if set(e.target) & set(target)]  # the act fell where the notified are
    return list((on_them or acts)[-1].source) if acts else []


def _motion_body(trig: Trigger, ctx: _Context, source: list[str]) -> list[str]:
    """Rule vote_against_is_rejection: "Russia and China opposed the motion", "with three states voting
    against": a vote against a motion rejects the body voting on it, the last international body named
    before."""
    if trig.type != "REJECT" or trig.nominal:
        return []
    words = load_role_words()
    head = trig.head
    obj = next((c for c in head.children if c.dep_ == "dobj"), None)
    against = head.lemma_.lower() == "vote" and any(w.lower_ == "against" for w in trig.words)
    if obj is not None and obj.lemma_.lower() in words.motion_nouns:
        pass
    elif (obj is None and against) or (obj is not None and obj.lower_ in ("it", "this")):
        sent = head.sent
        before = head.doc[max(sent.start - 40, 0) : sent.end]
        if not any(t.lemma_.lower() in words.motion_nouns for t in before):
            return []  # "it" is no motion told nearby
    else:
        return []
    bodies = [
        m
        for m in ctx.actors
        if m.end <= head.idx and getattr(m, "kind", "") == "igo" and m.code not in source
    ]
    return [bodies[-1].code] if bodies else []


def _motion_roles(
    trig: Trigger,
    triggers: list[Trigger],
    ctx: _Context,
    earlier: list[Event],
    source: list[str],
    target: list[str],
) -> tuple[list[str], list[str], str | None]:
    """Rules sponsors_of_a_motion and motion_against. Sponsors ("the resolution, drafted by France and
    Germany") do what the motion does: the act it is the subject of in the sentence ("... accuses Iran of
    ..."), else the last act told with a motion before. A motion against someone with no named author
    ("the Board's resolution against Iran") is the last international body's named before."""
    motion = trig.motion
    assert motion is not None
    words = load_role_words()
    if trig.nominal:
        if not source and any(c.lemma_.lower() in _ANAPHORIC_BODY for c in motion.children):
            bodies = [m for m in ctx.actors if m.end <= motion.idx and getattr(m, "kind", "") == "igo"]
            source = [bodies[-1].code] if bodies else []
        # "a resolution against Iran and strikes by Israel": the aim is the "against" phrase's own noun
        aims = [g for c in motion.children if c.dep_ == "prep" and c.lower_ == "against" for g in c.children]
        named = [t for g in aims if g.dep_ == "pobj" for t in g.subtree if not _in_conjunct(t, g)]
        trig.both_ways = False
        return source, [c for c in ctx.index.codes_in(named) if c not in source], None
    for other in triggers:
        if other is trig or other.nominal:
            continue
        subj = next((c for c in other.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.i == motion.i:
            _, aim = trigger_actors(other, ctx.index, triggers)
            return source, [c for c in aim if c not in source], other.type
    acts = [e for e in earlier if e.quad == 3 and e.target and not set(e.source) & set(source)]
    for e in reversed(acts):
        told = {w.lower().strip(".,\"'") for w in (e.evidence or "").split()}
        if told & words.motion_nouns:
            return source, [c for c in e.target if c not in source], e.type
    if acts:  # "the board condemned Iran ... The motion, drafted by ...": the verdict told before
        return source, [c for c in acts[-1].target if c not in source], acts[-1].type
    return source, target, None


def _in_conjunct(tok: Any, top: Any) -> bool:
    """``tok`` sits in a conjunct of ``top`` ("Iran" in "Iran and subsequent actions by Israel")."""
    while tok.i != top.i and tok.head.i != tok.i:
        if tok.dep_ == "conj" and tok.head.i == top.i:
            return True
        tok = tok.head
    return False


def _fronted_subject(
    trig: Trigger, index: ActorIndex, dates: list[Any], source: list[str], target: list[str]
) -> tuple[list[str], list[str]]:
    """ "On 9 May 2025 US Secretary Rubio spoke with ...": the parser often hangs the subject under the
    fronted date's preposition; the actors named after the date there are the source, not the target."""
    if trig.nominal and trig.light is None:
        return source, target
    head = trig.head
    codes = _fronted_codes(head, index, dates)
    first = head
    while not codes and first.dep_ == "conj" and first.head.i != first.i:
        first = first.head  # "On 8 May Rubio had spoken with X, pressed for Y and backed Z"
        if any(g.dep_ in ("nsubj", "nsubjpass") for g in first.children):
            break
        codes = _fronted_codes(first, index, dates)
    if codes:
        target = [t for t in target if t not in codes]
        if not any(g.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for g in head.children):
            source = codes + [s for s in source if s not in codes]
        if not target and trig.type not in ("ASSAULT", "COERCE", "MOBILIZE"):
            target = _counterparts(trig, index, source)
    return source, target


def _fronted_codes(verb: Any, index: ActorIndex, dates: list[Any]) -> list[str]:
    """Actors named after the date inside a preposition before the verb ("On 4 March Ethiopia's ...")."""
    for c in verb.children:
        if c.dep_ != "prep" or c.i > verb.i:
            continue
        toks = list(c.subtree)
        lo, hi = toks[0].idx, toks[-1].idx + len(toks[-1])
        inside = [m for m in dates if m.start >= lo and m.end <= hi and getattr(m, "kind", "") != "time"]
        if not inside:
            continue
        after = max(m.end for m in inside)
        codes = index.codes_in([t for t in toks if t.idx >= after])
        if codes:
            return codes
    return []


def _counterparts(trig: Trigger, index: ActorIndex, source: list[str]) -> list[str]:
    """Actors the verb meets or addresses besides its source: objects, "with"/"to" phrases, and a second
    subject the parser split off ("X, Y's envoy, met Z's minister" parsed with two subjects)."""
    out: list[str] = []
    for c in trig.head.children:
        if c.dep_ in ("dobj", "dative", "nsubj") or (c.dep_ == "prep" and c.lower_ in ("with", "to")):
            out += [x for x in index.codes_in(c.subtree) if x not in source and x not in out]
    return out


def _plural_pronoun_pair(trig: Trigger, ctx: _Context) -> tuple[bool, list[str]] | None:
    """ "they"/"them" for two states named together shortly before ("India and Pakistan ... they agreed"):
    (whether the pronoun is the subject, the two codes), or None."""
    head = trig.head
    subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
    obj = next((t for t in head.subtree if t.lower_ == "them" and t.dep_ in ("dobj", "dative", "pobj")), None)
    if subj is not None and subj.lower_ == "they":
        pronoun, is_subj = subj, True
    elif obj is not None:
        pronoun, is_subj = obj, False
    else:
        return None
    doc = pronoun.doc
    start = pronoun.sent.start
    for _ in range(2):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    for tok in reversed(doc[start : pronoun.i]):
        if tok.tag_ == "NNS" and tok.dep_ in ("nsubj", "dobj") and tok.lemma_.lower() not in _SIDES:
            return None  # "briefed members ... they called for": a nearer plural is the antecedent
        if tok.dep_ != "conj":
            continue
        first = ctx.index.by_token.get(tok.head.i)
        second = ctx.index.by_token.get(tok.i)
        kinds = {getattr(m, "kind", "state") for m in (first, second) if m is not None}
        if first is not None and second is not None and first.code != second.code and kinds <= _STATE_KINDS:
            return is_subj, [first.code, second.code]
    return None


def _personal_subject(trig: Trigger, ctx: _Context) -> list[str]:
    """The state of the person "he" or "she" refers to: the last person named before it (this sentence,
    then the two before), or []."""
    subj = next((c for c in trig.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None and not trig.nominal and trig.head.dep_ in ("advcl", "conj", "xcomp"):
        subj = _inherited_subject(trig.head)  # "He emphasized ..., warning that ...": the warning is his
    if subj is None or subj.lower_ not in ("he", "she"):
        return []
    return _person_before(subj, ctx)


def _person_before(subj: Any, ctx: _Context) -> list[str]:
    sent = subj.sent
    for _ in range(2):
        if sent.start == 0:
            break
        sent = subj.doc[sent.start - 1].sent
    start = sent.start_char
    people = [
        m
        for m in ctx.actors
        if start <= m.start and m.end <= subj.idx and getattr(m, "kind", "") in ("person", "role")
    ]
    doc = subj.doc
    subjects = [m for m in people if _is_subject(doc.char_span(m.start, m.end, alignment_mode="expand"))]
    pick = (subjects or people)[-1] if people else None
    country = getattr(pick, "country", None) if pick is not None else None
    if country and len(country) == 3:
        return [country]
    return _named_subject_before(subj, ctx.index)


def _named_subject_before(subj: Any, index: ActorIndex) -> list[str]:
    """A person the gazetteer does not know: the name subject of the sentence before ("Jaiswal said ...
    He also ..."), acting for the actor its first full mention was tied to ("India's spokesperson Randhir
    Jaiswal")."""
    doc = subj.doc
    if subj.sent.start == 0:
        return []
    prev = doc[subj.sent.start - 1].sent
    name = next((c for c in prev.root.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"), None)
    if name is None:
        return []
    for tok in doc[: name.i + 1]:
        if tok.text == name.text:
            codes = index.codes_in(tok.subtree) if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") else []
            if codes:
                return codes[:1]
    return []


def _is_subject(span: Any) -> bool:
    return span is not None and (span.root.dep_ in ("nsubj", "nsubjpass") or span.root.head.dep_ == "nsubj")


def _speaker(trig: Trigger, ctx: _Context) -> list[str]:
    """The state of whoever reports the trigger ("the Pakistani military said ..."), or []."""
    index = ctx.index
    doc = trig.head.doc
    arrays = token_arrays(doc)
    for a in arrays.ancestors(trig.head.i, 10)[:6]:
        if arrays.lemma[a] not in _REPORT:
            continue
        anc = doc[a]
        subj = next((c for c in anc.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.lower_ in ("he", "she"):
            return _person_before(subj, ctx)
        if subj is not None:
            tokens = list(subj.subtree)
        else:  # "On 10 March Ukraine's air force said ...": the subject parsed into the date's phrase
            fronted = [c for c in anc.children if c.dep_ == "prep" and c.i < anc.i]
            tokens = [t for c in fronted for t in c.subtree if not t.like_num and t.ent_type_ != "DATE"]
        for m in index.mentions_in(tokens):
            country = getattr(m, "country", None) or (
                m.code if getattr(m, "kind", "state") == "state" else None
            )
            if country and len(country) == 3 and getattr(m, "kind", "state") in _SPEAKER_KINDS:
                return [country]
        return []
    return []


def _subject_head(trig: Trigger) -> str:
    subj = next((c for c in trig.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or not any(c.lower_ in ("the", "this", "that") for c in subj.children):
        return ""
    return subj.lemma_.lower()


def _own_forces(trig: Trigger) -> bool:
    """The subject is a side's unnamed armed services ("the army", "air defences", "its forces")."""
    verb = trig.head
    while verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        verb = verb.head  # "the army fired back and destroyed several posts"
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or trig.type not in ("ASSAULT", "COERCE", "MOBILIZE"):
        return False
    if subj.dep_ == "nsubjpass":
        return False
    words = {t.lemma_.lower() for t in subj.subtree}
    # rule own_forces_by_compound: "our air defence system", "the army's artillery units"
    forces = subj.lemma_.lower() in _FORCES or any(
        c.dep_ in ("compound", "amod") and c.lemma_.lower() in _FORCES for c in subj.children
    )
    return forces and not (words & load_lexicon().militant_nouns)


def _anaphoric_body(trig: Trigger, ctx: _Context) -> list[str]:
    """ "The board approved ...", "the decision released ...": the last body (not a state or person) named
    before the sentence, when the subject is such a definite noun and names no actor itself."""
    if trig.type not in ("AID", "SANCTION", "AGREE", "SUPPORT", "REJECT", "COOPERATE", "REQUEST"):
        return []
    word = _subject_head(trig)
    if word not in _ANAPHORIC_BODY:
        return []
    subj = next(c for c in trig.head.children if c.dep_ in ("nsubj", "nsubjpass"))
    if ctx.index.codes_in(subj.subtree):
        return []
    sent_start = trig.token.sent.start_char
    bodies = [
        m
        for m in ctx.actors
        if m.end <= sent_start and sent_start - m.end < 600 and getattr(m, "kind", "state") in ("igo", "ngo")
    ]
    return [bodies[-1].code] if bodies else []


def _anaphoric_target(trig: Trigger, ctx: _Context, source: list[str]) -> list[str]:
    """Rule anaphoric_target: "Iran accused the agency of paving the way", "Kyiv criticised the alliance":
    a definite body as the object is the last body (not a state or person) named before."""
    obj = next((c for c in trig.head.children if c.dep_ == "dobj"), None)
    if obj is None or obj.lemma_.lower() not in _ANAPHORIC_BODY or ctx.index.codes_in(obj.subtree):
        return []
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in obj.children):
        return []
    start = trig.token.sent.start_char
    bodies = [
        m
        for m in ctx.actors
        if m.end <= start
        and start - m.end < 3000
        and getattr(m, "kind", "") in ("igo", "ngo")
        and m.code not in source
    ]
    return [bodies[-1].code] if bodies else []


_GATHER = word_list("grammar", "gather")


def _aimed_at_outlet(trig: Trigger, ctx: _Context) -> bool:
    """The act's object is a news outlet ("sharply criticized CNN and The New York Times") or nobody in
    particular ("asked me to convey", "the world must understand"): no state is its target, so none is
    guessed from the document."""
    obj = next((c for c in trig.head.children if c.dep_ in ("dobj", "dative")), None)
    if trig.said_by is not None:
        obj = next((c for c in trig.token.children if c.dep_ == "nsubj"), None)  # who "must" act
    if obj is None:
        return False
    if obj.lemma_.lower() in load_role_words().nobody_in_particular and not ctx.index.codes_in(obj.subtree):
        return True
    start, end = obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge)
    return any(
        start <= m.start < end
        and (getattr(m, "kind", "") == "media" or (m.attrs or {}).get("type") == "media")
        for m in ctx.actors
    )


def _visits_own_side(trig: Trigger, index: ActorIndex, source: list[str]) -> bool:
    """A visit to one's own troops, base or officials is no contact between states, wherever they are."""
    if trig.nominal or trig.head.lemma_.lower() not in ("visit", "inspect", "tour"):
        return False
    obj = next((c for c in trig.head.children if c.dep_ == "dobj"), None)
    if obj is None:
        return False
    own = index.codes_in([t for t in obj.subtree if t.i <= obj.i])  # "Russian troops", not "... in Syria"
    return bool(own) and set(own) <= set(source)


def _gathering_without_partner(trig: Trigger) -> bool:
    """A body convening, or discussing something, is no contact with anyone it discusses: only "with X" or
    "between" names a partner."""
    head = trig.head
    if head.lemma_.lower() not in _GATHER:
        return False
    return not any(
        c.dep_ in ("prep", "agent") and c.lower_ in ("with", "between", "among") for c in head.children
    )


# Places that are targets rather than venues: installations and small towns, not cities or capitals.
_SITES = {"site", "air_base", "dam", "town", "base", "facility", "crossing"}


def _sentence_places(sent: Any, places: list[Any]) -> list[Any]:
    return [p for p in places if sent.start_char <= p.start < sent.end_char]


def _site_named_before(trig: Trigger, sent: Any, places: list[Any], source: list[str]) -> list[str]:
    """Rule site_named_before: "Russian shelling cut power to the Zaporizhzhia plant. It came a day after
    drones hit the facility": an attack on a definite site noun ("the facility", "the underground plant")
    that names no place refers back to the site the sentence before named, and is aimed at its country."""
    objects = [
        t
        for t in trig.head.subtree
        if t.dep_ in ("dobj", "pobj")
        and t.lemma_.lower() in word_list("acts", "site_nouns")
        and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in t.children)
    ]
    if not objects or sent.start == 0:
        return []
    before = sent.doc[sent.start - 1].sent
    named = [
        p for p in places if before.start_char <= p.start < sent.start_char and p.kind in _SITES and p.country
    ]
    if named and named[-1].country not in source:
        return [named[-1].country]
    return []


def _attacker_of(source: list[str], earlier: list[Event]) -> list[str]:
    """Rule response_aims_at_the_attacker: "Qatar asserts its right to respond": a threat naming no one is
    aimed at whoever last attacked the one threatening."""
    for e in reversed(earlier):
        if e.quad == 4 and e.source and set(e.target) & set(source) and not set(e.source) & set(source):
            return [c for c in e.source if c != "MIL"]
    # rule the_intercepted_attacked: "Qatar's defences shot down the missiles ... Qatar reserves the right
    # to respond": whoever the threatener's own air defences last fired at attacked it
    for e in reversed(earlier):
        if e.attrs.get("interception") and set(e.source) <= set(source) and e.target:
            return [c for c in e.target if c not in source and c != "MIL"]
    return []


def _defences_act(trig: Trigger) -> bool:
    """The act's doer is a side's forces or air defences ("its air defences intercepted", "were shot down by
    Qatari air defenses"), not a strike ("the strike destroyed the building")."""
    head = trig.head
    doers = [c for c in head.children if c.dep_ == "nsubj"]
    doers += [g for c in head.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return any(
        d.lemma_.lower() in _FORCES
        or any(m.lemma_.lower() in _FORCES for m in d.children if m.dep_ in ("compound", "amod"))
        for d in doers
    )


def _attacker_in_sentence(
    trig: Trigger, triggers: list[Trigger], index: ActorIndex, source: list[str]
) -> list[str]:
    """Rule interception_aims_at_the_attacker (same sentence): "air defences intercepted the missiles after
    Russia launched a strike on Kyiv": the attack told beside the interception is the one intercepted."""
    for other in triggers:
        if other is trig or other.type != "ASSAULT":
            continue
        doers = [c for c in trigger_actors(other, index, triggers)[0] if c not in source and c != "MIL"]
        if doers:
            return doers
    return []


def _content_target(
    trig: Trigger, triggers: list[Trigger], index: ActorIndex, places: list[Any], source: list[str]
) -> list[str]:
    """Rule threat_aims_at_its_content: "Moscow will decide within days whether to strike Kharkiv": a
    threat naming no one is aimed at the target of the act it holds out (or the country of its place)."""
    for other in triggers:
        if other.nested_in is not trig:
            continue
        aimed = [c for c in trigger_actors(other, index, triggers)[1] if c not in source]
        if not aimed:
            sub = list(other.head.subtree)
            lo, hi = sub[0].idx, sub[-1].idx + len(sub[-1])
            aimed = [
                p.country for p in places if lo <= p.start < hi and p.country and p.country not in source
            ]
        if aimed:
            return aimed
    return []


# hostile acts that answer another's act without naming whom they aim at
_COUNTER_MEASURES = {"THREATEN", "SANCTION", "REJECT", "COERCE", "ACCUSE"}


def _occasion_doer(trig: Trigger, triggers: list[Trigger], index: ActorIndex, source: list[str]) -> list[str]:
    """Rule counter_measure_aims_at_the_occasion: "Armenia closed its airspace to Azerbaijani flights
    following Azerbaijan's shelling of Jermuk": a counter-measure naming no one is aimed at the doer of
    the act its own clause names as its occasion ("following", "after", "in response to" an act)."""
    inside = {t.i for t in trig.head.subtree}
    for other in triggers:
        if (
            other is trig
            or other.token.i not in inside
            or plover.quad_of(other.type) < 3
            or not _retold(other)
        ):
            continue
        doers = [c for c in trigger_actors(other, index, triggers)[0] if c not in source and c != "MIL"]
        if doers:
            return doers
    return []


def _intercepts_untold_attack(trig: Trigger, index: ActorIndex, source: list[str]) -> bool:
    """Rule interception_aims_at_the_attacker: "its air defences had intercepted the attack", "repelled
    the missiles": an interception whose object names no state is aimed at whoever last attacked the
    interceptor (see _attacker_of), not at the document's other party."""
    words = load_role_words()
    if trig.nominal or trig.head.lemma_.lower() not in words.interception_verbs:
        return False
    objs = [c for c in trig.head.children if c.dep_ in ("dobj", "nsubjpass")]
    return bool(objs) and not any(c not in source for o in objs for c in index.codes_in(list(o.subtree)))


def _is_violation(trig: Trigger) -> bool:
    """ "broke the agreement", "violating the truce": an accusation whose source is who reports it."""
    verb = trig.light if trig.light is not None else trig.token
    return trig.type == "ACCUSE" and verb.lemma_.lower() in ("break", "violate", "breach")


def _addresses_audience(trig: Trigger) -> bool:
    """ "Sharif asked citizens to pray": a request to a home audience is not aimed at the other side."""
    return any(c.dep_ in ("dobj", "dative") and c.lemma_.lower() in _AUDIENCE for c in trig.head.children)


def _not_an_event(trig: Trigger) -> bool:
    """An event word in a title ("directors general of military operations") or one whose end is what is told
    ("the halt to firing", "agreed to stop fighting") is not an event of its own."""
    tok = trig.token
    if (
        trig.nominal
        and tok.dep_ == "pobj"
        and tok.head.lower_ == "of"
        and tok.head.head.lemma_.lower() in _TITLE
    ):
        return True
    if trig.type == "ASSAULT":
        gov = tok.head.head if tok.dep_ == "pobj" else tok.head
        if gov.i != tok.i and gov.lemma_.lower() in _CESSATION:
            return True
    if _is_a_claim(trig) or _commentators_view(trig) or _danger_not_threat(trig) or _sought_deal(trig):
        return True
    if _debunked(trig):
        return True
    if trig.token.lemma_.lower() in _CESSATION and trig.type == "SANCTION":
        objs = {t.lemma_.lower() for t in trig.head.subtree if t.i > trig.head.i} | {
            t.lower_ for t in trig.head.subtree if t.i > trig.head.i
        }
        if {"fire", "firing", "fighting", "hostility", "hostilities", "shelling", "shooting"} & objs:
            return True
    return False


def _is_a_claim(trig: Trigger) -> bool:
    """Rules denial_is_a_claim, rejected_claim_is_a_claim and noncommittal_refusal: "Iran denied firing
    missiles", "dismissed the report as incomplete", "refused to confirm the strike" are claims for the
    ledger (or nothing at all), not acts between states."""
    if trig.type != "REJECT" or trig.nominal:
        return False
    words = load_role_words()
    head = trig.head
    if head.lemma_.lower() in words.denial_verbs:
        return True
    for c in head.children:
        if c.dep_ == "dobj" and c.lemma_.lower() in words.claim_nouns:
            return True
        if c.dep_ == "xcomp" and c.lemma_.lower() in words.noncommittal_verbs:
            return True
    return False


def _debunked(trig: Trigger) -> bool:
    """Rule debunked_content_is_no_event: "the news that Iran fired missiles is denied", "reports that
    troops crossed the border are false": the content of a claim denied or called false is no event."""
    words = load_role_words()
    tok = trig.head
    for _ in range(4):
        parent = tok.head
        if parent.i == tok.i:
            return False
        noun = {parent.lemma_.lower(), parent.lower_, parent.lower_.removesuffix("s")}
        if (
            tok.dep_ in ("acl", "ccomp", "relcl")
            and noun & words.claim_nouns
            and not _describes_the_claim(tok)
        ):
            verb = parent.head
            said = {
                verb.lemma_.lower(),
                *(c.lemma_.lower() for c in verb.children if c.dep_ in ("acomp", "attr")),
            }
            return parent.dep_ in ("nsubj", "nsubjpass", "dobj") and bool(said & words.debunking_words)
        tok = parent
    return False


def _describes_the_claim(clause: Any) -> bool:
    """ "an assessment that downplayed the impact of the strikes": a relative clause whose subject is the
    claim itself says what the claim does, not what it reports (rule debunked_content_is_no_event)."""
    return clause.dep_ == "relcl" and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("that", "which") for c in clause.children
    )


def _sought_deal(trig: Trigger) -> bool:
    """Rule a_sought_deal_is_no_deal: "a US proposal for a nuclear deal", "talks on a ceasefire": an
    agreement named as what is proposed or negotiated has not been reached."""
    tok = trig.token
    if not trig.nominal or trig.light is not None or trig.type != "AGREE":
        return False
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in ("for", "on", "over", "toward", "towards", "about"):
        return False
    return prep.head.lemma_.lower() in load_role_words().seeking_nouns


def _danger_not_threat(trig: Trigger) -> bool:
    """Rule a_danger_is_no_threat: "Israel faced a direct threat from Iran's nuclear ambitions", "the
    Iranian threat to Israel's survival" name a danger; a threat is made ("issued a threat") or is a threat
    to do something ("Moscow's threat to cut the gas")."""
    tok = trig.token
    if not trig.nominal or trig.light is not None or tok.lemma_.lower() != "threat":
        return False
    return not any(c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" for c in tok.children)


def _commentators_view(trig: Trigger) -> bool:
    """Rule commentators_are_not_states: "analysts said Ukraine would retaliate", "one reader wrote that
    Russia should bomb Kyiv": what a commentator says a state does or should do is no act of that state."""
    words = load_role_words()
    for verb in [trig.head, *_ancestors(trig.head)[:6]]:
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.lemma_.lower() in words.commentators:
            return True
    return False


def _negated(trig: Trigger) -> bool:
    """The trigger's negation, without what a denial of something else carries over:
    "denied any role in the attack" does not deny the attack; "denied X and called for Y" does not deny Y.
    "No facilities were hit" negates the hitting."""
    head = trig.head
    if not trig.nominal and any(
        c.dep_ == "nsubjpass" and any(g.dep_ == "det" and g.lower_ in ("no", "none") for g in c.children)
        for c in head.children
    ):
        return True
    if not trig.negated:
        return False
    for t in {trig.token, head}:
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in ("no", "never")) for c in t.children):
            return True
    cur = head
    for _ in range(5):
        parent = cur.head
        if parent.i == cur.i:
            break
        if parent.lemma_.lower() in _DENY:
            return cur.dep_ != "conj"
        if parent.pos_ in ("NOUN", "PROPN") and parent.lemma_.lower() in _INVOLVEMENT:
            return False
        cur = parent
    return True


def _weekdays_told_as_past(doc: Any, dates: list[Any], anchor: dt.date | None) -> list[Any]:
    """Rule weekday_of_a_past_verb: "Moscow will decide within days, a spokesman told reporters on
    Monday": a weekday the dates stage read as ahead (its sentence speaks of the future) but that hangs
    on a verb in the simple past is the last such day, a week earlier."""
    if anchor is None:
        return dates
    out = []
    for m in dates:
        if getattr(m, "kind", "") == "weekday" and m.date is not None and m.date > anchor:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and _date_host(span).tag_ == "VBD":
                m = dataclasses.replace(m, date=m.date - dt.timedelta(days=7))
        out.append(m)
    return out


def _law_named_before(trig: Trigger, earlier: list[Event], source: list[str]) -> Event | None:
    """Rule law_named_before: "Parliament voted to suspend cooperation with Russia's border guards. The
    president signed the bill on 12 June": approving or signing a law named before (a definite "the
    bill", "the legislation") enacts the act that law carries, by the same side, on its own day. The act
    is the last hostile one told before whose doer is the signer's side (any side when none is named)."""
    if (
        trig.type != "SUPPORT"
        or trig.nominal
        or trig.token.lemma_.lower() not in word_list("acts", "enacting_verbs")
    ):
        return None
    laws = [
        c
        for c in trig.token.children
        if c.dep_ in ("dobj", "nsubjpass")
        and c.lemma_.lower() in word_list("acts", "law_nouns")
        and any(d.dep_ == "det" and d.lower_ in _DEFINITE for d in c.children)
        and not any(d.dep_ in ("prep", "acl", "relcl") for d in c.children)  # "the bill on pensions"
    ]
    if not laws:
        return None
    for e in reversed(earlier):
        sides = set(e.source) - {"MIL"}
        if e.type in _LAW_ACTS and sides and e.target and (not source or sides & set(source)):
            return e
    return None


# what a law can do to another actor (a law strikes no one)
_LAW_ACTS = {"SANCTION", "COERCE", "REJECT"}


def _approval_pending(trig: Trigger, text: str) -> bool:
    """Rule approval_pending: "the parliament approved a bill to close the border with Armenia ... the
    final decision rests with the security council": a material act approved by a body whose approval
    the text says is not final is threatened (PLOVER THREATEN), not done. The cue may come in any later
    sentence of the document."""
    if trig.enacted_by is None or plover.quad_of(trig.type) < 4:
        return False
    after = " ".join(text[trig.token.idx :].lower().split())
    return any(phrase in after for phrase in word_list("acts", "pending_phrases"))


def _previous_sentence_date(sent: Any, dates: list[Any]) -> tuple[dt.date, dt.date | None] | None:
    doc = sent.doc
    if sent.start == 0:
        return None
    prev = doc[sent.start - 1].sent
    for m in in_span(dates, prev.start_char, prev.end_char):
        kind = getattr(m, "kind", "")
        if m.date is not None and kind not in ("time", "year", "month") and kind not in NOT_OCCURRENCE:
            return m.date, m.date_end
    return None


_ATTRIBUTE = word_list("grammar", "attribute")


def _attributed_to(trig: Trigger, index: ActorIndex) -> list[str]:
    """ "linking the attack to the Resistance Front": the actor the act is attributed to."""
    if not trig.nominal or trig.type not in ("ASSAULT", "COERCE"):
        return []
    for rel in trig.token.subtree:
        # "attacks on its nuclear sites, which officials attributed to Israel and the United States"
        if rel.dep_ == "relcl" and rel.lemma_.lower() in _ATTRIBUTE:
            for c in rel.children:
                if c.dep_ == "prep" and c.lower_ == "to":
                    return index.codes_in(list(c.subtree))
    if trig.token.dep_ not in ("dobj", "nsubjpass"):
        return []
    verb = trig.token.head
    if verb.lemma_.lower() not in _ATTRIBUTE:
        return []
    for c in [*verb.children, *trig.token.children]:  # the parser hangs "to X" on the verb or the noun
        if c.dep_ == "prep" and c.lower_ in ("to", "on"):
            return index.codes_in(c.subtree)[:1]
    return []


def _caller(trig: Trigger, index: ActorIndex) -> list[str]:
    """ "X called Modi to condemn the attack and spoke with Sharif": after a phone call ("called Y", without
    "on"), the caller condemns and speaks, not the one called."""
    verb = trig.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    call = verb.head
    if verb.dep_ != "xcomp" or call.lemma_.lower() not in ("call", "phone", "telephone", "ring"):
        return []
    if not any(c.dep_ == "dobj" for c in call.children) or any(
        c.dep_ == "prep" and c.lower_ == "on" for c in call.children
    ):
        return []
    subj = next((c for c in call.children if c.dep_ == "nsubj"), None)
    return index.codes_in(subj.subtree) if subj is not None else []


_PRONOUN_SUBJECTS = word_list("grammar", "pronoun_subjects")


def _promise_without_promiser(trig: Trigger, index: ActorIndex) -> bool:
    """ "Approval of the review would release $1 billion": a thing, not an actor, cannot promise; what it
    "would" do is a consequence foreseen, not a commitment."""
    if not trig.commissive or trig.type != "AGREE" or trig.nominal:
        return False
    subj = next((c for c in trig.head.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.lower_ in _PRONOUN_SUBJECTS or subj.pos_ == "PROPN":
        return False
    return not index.codes_in(subj.subtree) and subj.lemma_.lower() not in _FORCES


def _conditional(trig: Trigger) -> bool:
    """ "if Pakistani citizens were targeted": an event in a condition has not happened."""
    for tok in [trig.head, *_ancestors(trig.head)[:3]]:
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.children):
            return True
        # "Should Tehran cancel the talks, ...", "provided that the regime stops its attacks"
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and any(
            c.dep_ == "aux" and c.lower_ == "should" and c.i < subj.i for c in tok.children
        ):
            return True
        if tok.lemma_.lower() in ("provide", "providing") and tok.dep_ == "advcl":
            return True
        if tok.dep_ not in (
            "conj",
            "xcomp",
            "auxpass",
            "prep",
            "pobj",
            "pcomp",
            "dobj",
            "nsubjpass",
            "nsubj",
            "compound",
        ):
            break
    return False


def _acted_on(trig: Trigger, triggers: list[Trigger]) -> bool:
    """ "suspended the accord", "hold the agreement and its other accords in abeyance": an agreement that is
    the object of a hostile act is what is acted on, not a new agreement."""
    if not trig.nominal or trig.light is not None or trig.type not in ("AGREE", "RETREAT"):
        return False
    heads = {t.head.i: t for t in triggers if t is not trig}
    tok = trig.token
    for _ in range(3):
        if tok.dep_ not in ("dobj", "conj", "pobj", "prep", "nsubjpass", "appos"):
            return False
        tok = tok.head
        other = heads.get(tok.i)
        if other is not None:
            return other.type not in ("AGREE", "RETREAT", "CONSULT", "SUPPORT", "COOPERATE")
    return False


def _reporting_agent(trig: Trigger, index: ActorIndex) -> list[str]:
    """ "firing reported by the Indian side": who reported the act, not who did it."""
    if not trig.nominal:
        return []
    for c in trig.token.children:
        if c.dep_ == "acl" and c.lemma_.lower() in _REPORT:
            for g in c.children:
                if g.dep_ == "agent":
                    return index.codes_in(g.subtree)
    return []


def _governing_subject(
    trig: Trigger, index: ActorIndex, dates: list[Any], target: list[str]
) -> tuple[list[str], list[str]]:
    """ "India declared the advisers at Pakistan's mission persona non grata": a measure named by a noun under
    a verb is the verb subject's, aimed at the actors of the verb's other words."""
    tok = trig.token
    for _ in range(3):
        if tok.dep_ not in ("dobj", "ccomp", "oprd", "xcomp", "attr", "amod", "acomp"):
            return [], target
        tok = tok.head
        if tok.pos_ == "VERB" and tok.i not in {w.i for w in trig.words}:
            if tok.lemma_.lower() not in _ENACT:
                return [], target  # "Pakistan described the suspension as an act of war": not its measure
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            source = index.codes_in(subj.subtree) if subj is not None else _fronted_codes(tok, index, dates)
            if not source:
                return [], target
            skip = {t.i for t in subj.subtree} if subj is not None else set()
            rest = [c for c in index.codes_in(t for t in tok.subtree if t.i not in skip) if c not in source]
            return source, target or rest
    return [], target


_ENACT = word_list("grammar", "enact")
_IMMEDIATE = word_list("grammar", "immediate")


def _decided_now(trig: Trigger, lex: Any) -> tuple[str, str | None] | None:
    """ "would hold the treaty in abeyance with immediate effect": a measure taking effect now is done, not
    threatened; the type is the words' own."""
    if trig.type != "THREATEN" or not trig.commissive or trig.nominal:
        return None
    clause = " ".join(t.lower_ for t in trig.head.subtree)
    if not any(w in clause for w in _IMMEDIATE):
        return None
    lemma = trig.token.lemma_.lower()
    code = next(
        (lex.phrases[k] for w in trig.words if (k := f"{lemma} {w.lemma_.lower()}") in lex.phrases),
        lex.verbs.get(lemma),
    )
    if not code:
        return None
    event, _, mode = code.partition(":")
    return (event, mode or None) if event in ("SANCTION", "COERCE", "REJECT") else None


def _unattributed_loss(trig: Trigger) -> bool:
    """ "India's prized aircraft had been destroyed", claimed by Pakistan: a loss of one side with no agent,
    told by the other, is the teller's deed (the caller also asks that the loss names its side: "12 people
    were killed", told by Ukraine, is no Ukrainian deed)."""
    if trig.nominal or trig.type != "ASSAULT":
        return False
    head = trig.head
    return any(c.dep_ == "nsubjpass" for c in head.children) and not any(
        c.dep_ == "agent" for c in head.children
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


def _prior_attack_on(earlier: list[Event], target: list[str]) -> Event | None:
    """Rule the_attack_is_the_last_one_on_it: an attack named without its author ("the attack on the
    Zaporizhzhia plant") is the document's latest attack by a named state on that same target, not
    merely its latest attack, which may have gone the other way ("Ukraine's drones struck Belgorod").
    With no target, the latest attack by a named actor."""
    named = [e for e in reversed(earlier) if e.type == "ASSAULT" and e.source and e.source != ["MIL"]]
    if target:
        on_it = next(
            (e for e in named if set(target) <= set(e.target) and not set(e.source) & set(target)), None
        )
        if on_it is not None:
            return on_it
    return named[0] if named else None


def _subject_is_attack(trig: Trigger, lex: Any) -> bool:
    for c in trig.head.children:
        if c.dep_ == "nsubj":
            words = {t.lemma_.lower() for t in c.subtree}
            return bool(words & lex.militant_nouns) or "bomber" in words or "gunman" in words
    return False


_DEFINITE = word_list("grammar", "definite")


def _subject_is_definite(trig: Trigger) -> bool:
    """The subject is a definite noun phrase ("the attacks", "some of these strikes"): it names an
    attack already told, not a new one ("a suicide bombing")."""
    for c in trig.head.children:
        if c.dep_ == "nsubj":
            return any(d.dep_ == "det" and d.lemma_.lower() in _DEFINITE for d in c.subtree)
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


def _untitled_places(ctx: _Context, doc: Any) -> list[tuple[Any, int | None]]:
    """The document's places outside a person's or a role's title, each with the index of its first
    token (None when its characters make no span), worked out once per document."""
    if ctx.untitled_places is None:
        titles = [m for m in ctx.actors if getattr(m, "kind", "") in ("person", "role")]
        kept = [p for p in ctx.places if not any(m.start <= p.start and p.end <= m.end for m in titles)]
        ctx.untitled_places = []
        for p in kept:
            span = doc.char_span(p.start, p.end, alignment_mode="expand")
            ctx.untitled_places.append((p, span[0].i if span is not None else None))
    return ctx.untitled_places


def _place(clause: list[Any], places: list[tuple[Any, int | None]]) -> Any | None:
    """The first place (in the document's order) whose first token is in ``clause``."""
    if not clause or not places:
        return None
    idx = {t.i for t in clause}
    for p, first in places:
        if first is not None and first in idx:
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
    own, told = [], []
    # a date after "since" or a dateline is not when anything here happened
    in_sent = [
        m
        for m in in_span(dates, sent.start_char, sent.end_char)
        if getattr(m, "kind", "") not in NOT_OCCURRENCE
    ]
    heads = {t.head.i: t for t in triggers if t.nested_in is None}
    every = {t.head.i: t for t in triggers}
    for m in in_sent:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or _in_plan_clause(span.root, trig):
            continue
        owner = _owner(span.root, heads)
        if owner is None:
            owner = _owner(span.root, every)
            owner = None if owner is None or owner.nested_in is None else owner.nested_in
        if owner is trig:
            own.append(m)
        elif owner is None and trig is main and not _in_since_clause(trig):
            told.append(
                m
            )  # the sentence's date, often the day it was reported ("On 2 May the army said ...")
    # a year alone never dates an act ("in 2019 India struck Balakot")
    dated_own = [m for m in own if m.date is not None and getattr(m, "kind", "") not in _NOT_A_DAY]
    # the trigger's own date wins over the day the sentence says it was reported
    mine = (
        sorted(own + told, key=lambda m: m.start)
        if not dated_own
        else own + [m for m in told if m.kind == "time"]
    )
    explicit = [m for m in mine if m.date is not None and getattr(m, "kind", "") not in _NOT_A_DAY]
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
    if _told_in_sequence(trig, lemmas):
        try:
            from .dates import context_span
        except ImportError:  # pragma: no cover
            return None, None, None, time, False
        inferred = context_span(dates, trig.token.idx)
        if inferred is not None:
            return inferred[0], inferred[1], None, time, True
    return None, None, None, time, False


_NOT_A_DAY = ("time", "year")


def _told_in_sequence(trig: Trigger, lemmas: set[str], wide: bool = False) -> bool:
    """The act is told as following another ("then", "later", "in retaliation") by a word on its clause;
    ``wide`` also reads the verb that reports it ("later confirmed it had struck": told after the act,
    so after the last day told) and a phrase on its verb ("in retaliation, the army shelled ...")."""
    arrays = token_arrays(trig.token.doc)
    kids, dep, head = arrays.children, arrays.dep, trig.head.i
    ups = arrays.ancestors(head, 10)
    near = [*arrays.subtree(trig.token.i), *kids[head], *ups]
    if wide:
        near += [c for a in ups[:2] for c in kids[a] if dep[c] == "advmod"]
        near += [g for c in kids[head] if dep[c] == "prep" for g in kids[c]]
    words = {arrays.lemma[i] for i in near} | {arrays.lower[i] for i in near}
    return bool(words & _SEQUENCE or lemmas & _RETALIATE)


# verbs that put a meeting on the calendar ("scheduled for Sunday", "set for 10 May")
_SCHEDULED = word_list("dates", "schedule_verbs")


def _in_plan_clause(tok: Any, trig: Trigger) -> bool:
    """Rule date_of_the_plan: "the talks, scheduled for Sunday, were cancelled", "the summit planned for
    10 May was called off": a date inside a clause that says when something was planned for, below the
    trigger, is the plan's day, not the day of the act told."""
    stop = {trig.head.i, trig.token.i}
    cur = tok
    for _ in range(8):
        if cur.i in stop or cur.head.i == cur.i:
            return False
        if cur.pos_ == "VERB" and cur.dep_ in ("acl", "relcl") and cur.lemma_.lower() in _SCHEDULED:
            return True
        cur = cur.head
    return False


def _in_since_clause(trig: Trigger) -> bool:
    """ "his first speech since Operation Sindoor began": the trigger is the reference point of a period."""
    for tok in [trig.token, trig.head, *_ancestors(trig.head)[:4]]:
        if any(c.dep_ == "mark" and c.lower_ == "since" for c in tok.children):
            return True
        if tok.dep_ == "pobj" and tok.head.lower_ == "since":
            return True
    return False


# -- when the event happened -------------------------------------------------------------


@dataclass
class _When:
    """An event's date; ``reason`` says how an inferred one was found, and ``planned`` holds
    the day a future act is planned for (it is not dated as happened)."""

    date: dt.date | None = None
    date_end: dt.date | None = None
    text: str | None = None
    time: str | None = None
    inferred: bool = False
    reason: str | None = None
    planned: dt.date | None = None


# a week is the longest span that still dates an act carried from context ("last week" does,
# "in May" does not)
_CARRY_DAYS = 7
# the lead: the first paragraph of at least this many words (headlines, bylines, captions are shorter)
_LEAD_WORDS = 15


def _date_event(
    record: DocRecord,
    trig: Trigger,
    triggers: list[Trigger],
    dates: list[Any],
    sent: Any,
    lemmas: set[str],
    main: Trigger | None,
) -> _When:
    """When the event happened, sought in its own clause (a sequence cue there reads the span
    between the dates around it), then in the clause it hangs on, then for an act named by a noun
    that refers back ("the decision") in the sentence before, then earlier in its paragraph; an
    act told as current news takes the document's reference date. Anything not found in the
    event's own clause is marked inferred, with the reason (see docs/dates.md)."""
    date, end, text, time, inferred = _when(trig, triggers, dates, sent, lemmas, main)
    anchor = record.data.get("anchor")
    above = _clause_mentions(trig, dates, sent)
    subject = _subject_date(trig, dates)
    if subject is not None and not any(k == 0 for k, _ in above):
        # "the 22 April attack killed four soldiers, Armenia said on Friday": the killing was the attack's
        return _When(subject.date, subject.date_end, subject.text, time or subject.time)
    retold = _retold(trig)
    if date is not None and not (inferred and retold):
        reason = None
        if inferred:
            counted = f"{text!r} counted back from the latest date the text states"
            reason = "between the dates told around it" if text is None else counted
        found = _When(date, end, text, time, inferred, reason)
        return _unless_planned(found, trig, anchor)
    on_date = _when_clause_date(trig, dates)
    if on_date is not None:  # "since Tuesday, when Azerbaijan launched its offensive": on Tuesday
        return _When(on_date.date, on_date.date_end, on_date.text, time or on_date.time)
    if any(getattr(m, "kind", "") == "year" for k, m in above if k < 1):
        return _When(time=time, reason="only a year is told")  # "in 2019 India struck Balakot"
    if _in_since_clause(trig):
        # "since it began targeting the sites on June 13": the start of the period, when a date says so
        inside = [m for k, m in above if k <= _since_rank(trig) and _occurs(m)]
        if inside:
            return _When(inside[0].date, inside[0].date_end, inside[0].text, time or inside[0].time)
        return _When(time=time)
    in_sent = in_span(dates, sent.start_char, sent.end_char)
    since = next((m for m in in_sent if _since_point(m, record.text)), None)
    if since is not None and anchor is not None and since.date <= anchor and _perfect(trig):
        # "30 civilians have been killed in Kharkiv since Friday": from that day to the report's
        reason = f"from {since.text!r} {TO_REPORT}"
        return _When(since.date, anchor, since.text, time, True, reason)
    if _background(trig):
        return _When(time=time)  # "Armenia had fortified the pass": before the story's time, not when
    offset = _offset_from(trig, dates, sent, above, record.text, anchor)
    if offset is not None:
        return offset  # "two weeks after the Pahalgam attack", "a day after US aircraft bombed the site"
    if _days_apart(trig, sent, record.text):
        # "struck Kherson on Monday, days after Russia launched drones at Odesa": the other act
        # happened days before (or after) the day told, how many is not told; only its own date
        # dates it (a plain "after" keeps the day: "intercepted on Monday after Iran fired")
        return _When(time=time, reason="an act told as days before or after the one dated")
    if retold:
        # "after the Pahalgam attack", "in response to the suspension": an earlier act named again;
        # only a date of its own dates it
        return _When(time=time, reason="an earlier act named again")
    governing = next((m for k, m in above if k > 0 and _occurs(m)), None)
    if governing is not None:
        reason = f"the clause it hangs on: {governing.text!r}"
        found = _When(
            governing.date, governing.date_end, governing.text, time or governing.time, True, reason
        )
        return _unless_planned(found, trig, anchor)
    if _subject_head(trig) in _ANAPHORIC_ACT:
        told = _previous_sentence_date(sent, dates)  # "the decision released $1 billion": when it was taken
        if told is not None:
            return _When(told[0], told[1], None, time, True, "the sentence before names the act")
    if _meanwhile(trig):
        m = _last_date_before(dates, 0, sent.start_char, anchor)
        if m is not None:
            return _When(m.date, m.date_end, m.text, time or m.time, True, f"meanwhile: {m.text!r}")
    start, end_ = _paragraph_of(record.text, trig.token.idx)
    m = _last_date_before(dates, start, sent.start_char, anchor)
    # a present perfect after a dated act is told as of the report, not of that act ("On 22 April
    # gunmen killed 26. Pakistan has denied any role."): it does not take the paragraph's date
    if m is not None and not (anchor is not None and _perfect(trig)):
        return _When(
            m.date, m.date_end, m.text, time or m.time, True, f"earlier in its paragraph: {m.text!r}"
        )
    if _definite_act(trig) and not above:
        m = _last_date_before(dates, 0, sent.start_char, anchor)
        if m is not None:
            reason = f"the act named before: {m.text!r}"
            return _When(m.date, m.date_end, m.text, time or m.time, True, reason)
    if _told_in_sequence(trig, lemmas, wide=True) and not above:
        m = _last_date_before(dates, 0, sent.start_char, anchor)
        if m is not None:
            # rule sequence_after_the_last_day: "The offensive began on Friday, 19 September. ... The army
            # later confirmed it had launched the operation": after the last day told, not on the report's
            reason = f"told in sequence after {m.text!r}"
            return _When(m.date, m.date_end, m.text, time or m.time, True, reason)
    if (
        anchor is not None
        and _told_as_done(trig)
        and not above
        and not _habitual(trig)
        and not _over_a_period(trig)
    ):
        lead = _in_lead(sent, record)
        if lead or not _background_paragraph(dates, start, end_, anchor):
            source = record.data.get("anchor_from") or "metadata"
            where = "in the lead" if lead else "in a paragraph of current news"
            reason = f"{REPORT_DATED} {where}: the report's date (from its {source})"
            return _When(anchor, None, None, time, True, reason)
    return _When(time=time)


# how far before the report a date may lie and its paragraph still be current news
_RECENT_DAYS = 3
_MEANWHILE = word_list("dates", "meanwhile_words")


def _occurs(m: Any) -> bool:
    """The mention can date an act: a day or a span of at most a week, not a bound or a dateline."""
    return (
        m.date is not None
        and getattr(m, "kind", "") not in ("time", "year", "month", *NOT_OCCURRENCE)
        and (m.date_end is None or (m.date_end - m.date).days <= _CARRY_DAYS)
    )


def _date_host(span: Any) -> Any:
    """The word a date phrase modifies: "on Friday" → the verb it hangs on. A fronted date the
    parser swallowed into the subject ("On 8 May Rubio had spoken") hangs on the subject's verb."""
    tok = span.root
    if tok.dep_ == "advmod" and tok.head.i != tok.i:
        tok = tok.head  # "ten years ago", "two days earlier": the phrase is the verb's adverb
    while tok.dep_ in _DATE_PHRASE and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass") and span.start < tok.i and tok.left_edge.i == span.start:
        return tok.head  # the subject opens with the date ("the 22 April attack" keeps it: "the" opens it)
    return tok


_DATE_PHRASE = {"pobj", "prep", "npadvmod", "appos", "nummod", "compound", "pcomp", "nmod", "poss", "case"}


def _clause_mentions(trig: Trigger, dates: list[Any], sent: Any) -> list[tuple[int, Any]]:
    """The sentence's date mentions that hang on the trigger's head (rank 0) or on a clause above
    it (rank 1, 2, ... going up), nearest first."""
    doc = trig.token.doc
    chain = [trig.head, *_ancestors(trig.head)]
    rank = {t.i: k for k, t in enumerate(chain)}
    found = []
    for m in in_span(dates, sent.start_char, sent.end_char):
        if getattr(m, "kind", "") in ("time", "dateline"):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        k = rank.get(_date_host(span).i)
        if k is not None:
            found.append((k, m))
    return sorted(found, key=lambda km: (km[0], km[1].start))


# prepositions that name an earlier act as the occasion of another ("after the attack")
_OCCASION = word_list("dates", "occasion_words")
# nouns whose "to"/"of" names the act responded to ("in response to the suspension")
_RESPONSE = word_list("dates", "response_nouns")


def _retold(trig: Trigger) -> bool:
    """An act named by a noun as the occasion of another ("after the Pahalgam attack", "in
    retaliation for the strikes", "in response to the suspension"): a retelling, not news."""
    if not trig.nominal or trig.light is not None:
        return False
    tok = trig.token
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    head = tok.head
    if tok.dep_ in ("pobj", "dobj") and head.lower_ in _OCCASION:
        return True
    return tok.dep_ == "pobj" and head.lower_ in ("to", "of", "for") and head.head.lemma_.lower() in _RESPONSE


_OFFSET = re.compile(
    r"(?:^|\s)(?P<n>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?P<unit>hours?|days?|weeks?)\s+$",
    re.IGNORECASE,
)
_COUNTS = {w.lower(): n for w, n in words("dates")["number_words"].items()}


def _offset_from(
    trig: Trigger,
    dates: list[Any],
    sent: Any,
    above: list[tuple[int, Any]],
    text: str,
    anchor: dt.date | None,
) -> _When | None:
    """ "India struck on Wednesday, two weeks after the Pahalgam attack": an act told as so long
    after (or before) another is dated from that other act's day, the date of the clause the
    after-phrase hangs on, else the last date told before it in its paragraph."""
    marker = _sequence_marker(trig)
    if marker is None:
        return None
    found = _OFFSET.search(text[max(sent.start_char, marker.idx - 24) : marker.idx])
    if found is None:
        return None
    n = int(found["n"]) if found["n"].isdigit() else _COUNTS[found["n"].lower()]
    unit = found["unit"].lower()
    days = 0 if unit.startswith("hour") else n * (7 if unit.startswith("week") else 1)
    base = next((m for k, m in above if k > 0 and _occurs(m) and m.end <= marker.idx), None)
    if base is None:
        base = _last_date_before(dates, _paragraph_of(text, sent.start_char)[0], sent.start_char, anchor)
    if base is None or base.date is None:
        return None
    sign = -1 if marker.lower_ == "after" else 1
    reason = f"{found.group(0).strip()} {marker.lower_} {base.text!r}"
    return _When(base.date + dt.timedelta(days=sign * days), None, None, None, True, reason)


def _sequence_marker(trig: Trigger) -> Any | None:
    """The "after" or "before" that makes the trigger's clause the occasion of another act
    ("..., days after Russia launched drones at Odesa")."""
    tok = trig.head
    marker = next((c for c in tok.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
    if marker is None and tok.dep_ == "pobj" and tok.head.lower_ in ("after", "before"):
        marker = tok.head
    return marker


# a distance in days or more whose number is not told: "days after", "just weeks before"
_VAGUE_DISTANCE = re.compile(
    r"(?:^|\s)(?:just\s+|only\s+|mere\s+)?(?:a\s+few\s+|several\s+|some\s+)?(?:days|weeks|months|years)\s+$",
    re.IGNORECASE,
)


def _days_apart(trig: Trigger, sent: Any, text: str) -> bool:
    """The trigger's clause is told as days or more after (or before) another act, how many not said."""
    marker = _sequence_marker(trig)
    if marker is None:
        return False
    return _VAGUE_DISTANCE.search(text[max(sent.start_char, marker.idx - 24) : marker.idx]) is not None


def _subject_date(trig: Trigger, dates: list[Any]) -> Any | None:
    """A day told inside the subject of the trigger's verb ("the 22 April attack killed ...")."""
    if trig.nominal and trig.light is None:
        return None
    for c in trig.head.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            sub = list(c.subtree)
            found = [
                m
                for m in in_span(dates, sub[0].idx, sub[-1].idx + len(sub[-1]))
                if _occurs(m) and not _planned_for(m, trig)
            ]
            if found:
                return found[0]
    return None


def _planned_for(m: Any, trig: Trigger) -> bool:
    """The date mention lies in a clause saying when something was planned for (``_in_plan_clause``)."""
    span = trig.token.doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and _in_plan_clause(span.root, trig)


def _when_clause_date(trig: Trigger, dates: list[Any]) -> Any | None:
    """ "since Tuesday, when Azerbaijan launched its offensive": a when-clause on a date tells an act of that day."""
    head = trig.head
    if not any(c.lower_ == "when" and c.dep_ == "advmod" for c in head.children):
        return None
    for tok in _ancestors(head)[:3]:
        for m in dates:
            if (
                m.start <= tok.idx < m.end
                and m.date is not None
                and m.kind not in ("time", "dateline", "year")
            ):
                return m
    return None


def _since_rank(trig: Trigger) -> int:
    """How far above the trigger its since-clause begins (0: the trigger's own head)."""
    chain = [trig.token, trig.head, *_ancestors(trig.head)[:4]]
    for k, tok in enumerate(chain):
        if any(c.dep_ == "mark" and c.lower_ == "since" for c in tok.children):
            return max(0, k - 1)
        if tok.dep_ == "pobj" and tok.head.lower_ == "since":
            return max(0, k - 1)
    return 0


def _since_point(m: Any, text: str) -> bool:
    """A day told as the start of a period ("since Friday"; not "since 2019")."""
    before = text[max(0, m.start - 12) : m.start]
    return (
        getattr(m, "kind", "") == "reference"
        and m.date is not None
        and m.date_end is None
        and bool(re.search(r"\bsince\s+(?:the\s+)?$", before, re.IGNORECASE))
    )


def _perfect(trig: Trigger) -> bool:
    """Present perfect ("have been killed", "has fired"): a period running up to now."""
    verb = _clause_verb(trig.head)
    return any(
        tok.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in _HAVE for c in tok.children)
        for tok in [verb, *_ancestors(verb)[:3]]
    )


_HAVE = word_list("grammar", "have")


def _meanwhile(trig: Trigger) -> bool:
    verb = _clause_verb(trig.head)
    return any(c.lower_ in _MEANWHILE for tok in (verb, trig.head) for c in tok.children)


def _last_date_before(dates: list[Any], start: int, end: int, anchor: dt.date | None) -> Any | None:
    """The last date told in ``[start, end)`` that can date an act, unless it lies after the
    document's own date (a plan, not an act)."""
    earlier = [m for m in in_span(dates, start, end) if _occurs(m) and (anchor is None or m.date <= anchor)]
    return earlier[-1] if earlier else None


def _background_paragraph(dates: list[Any], start: int, end: int, anchor: dt.date) -> bool:
    """The paragraph tells of earlier times: a year, a month, a period's start, or a day more than
    a few days before the report's."""
    for m in in_span(dates, start, end):
        kind = getattr(m, "kind", "")
        if kind in ("time", "dateline"):
            continue
        if kind in ("year", "month", "reference") or m.date is None:
            return True
        if (anchor - (m.date_end or m.date)).days > _RECENT_DAYS:
            return True
    return False


def _unless_planned(found: _When, trig: Trigger, anchor: dt.date | None) -> _When:
    """A date after the document's own, in a clause about the future ("talks will resume on
    Monday"), is when the act is planned for, not when it happened."""
    if anchor is None or found.date is None or found.date <= anchor or not _future_clause(trig):
        return found
    return _When(time=found.time, reason=f"planned for {found.text or found.date}", planned=found.date)


_FUTURE_AUX = word_list("dates", "future_auxiliaries")
_PLAN = word_list("dates", "plan_verbs")


def _clause_verb(tok: Any) -> Any:
    """The verb whose tense tells when the act at ``tok`` is told as happening."""
    cur = tok
    for _ in range(8):
        # "voted to suspend": an infinitive's act is told in the tense of the verb it completes;
        # "passed a decree ordering the closure", "shelled ..., killing four": so is a participle's
        infinitive = cur.tag_ == "VB" and (cur.dep_ == "xcomp" or _infinitive_on_noun(cur))
        participle = (
            cur.tag_ in ("VBG", "VBN")
            and cur.dep_ in ("acl", "advcl")
            and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "mark") for c in cur.children)
        )
        if (
            cur.pos_ in ("VERB", "AUX")
            and cur.dep_ not in ("amod", "compound")
            and not infinitive
            and not participle
        ):
            return cur
        if cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def _infinitive_on_noun(verb: Any) -> bool:
    """Rule infinitive_on_a_noun: "has enacted a law to leave the treaty", "approved a plan to
    close the border": an infinitive that says what a law, measure or plan does is told in the tense
    of the verb that takes the noun (the law's act is as done as its enactment)."""
    return (
        verb.dep_ in ("relcl", "acl")
        and verb.head.pos_ in ("NOUN", "PROPN")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )


def _future_clause(trig: Trigger) -> bool:
    """ "will meet", "are due to meet", "plans to visit": the act lies ahead."""
    for tok in [trig.head, *_ancestors(trig.head)[:4]]:
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in tok.children):
            return True
        if tok.lemma_.lower() in _PLAN and tok.i != trig.token.i:
            return True
    return False


def _background(trig: Trigger) -> bool:
    """ "Armenia had fortified the pass": a pluperfect outside reported speech tells what came
    before the story's time; only a date of its own dates it."""
    verb = _clause_verb(trig.head)
    if not _had(verb):
        return False
    return not _backshifted(verb)


def _had(verb: Any) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children)


def _backshifted(verb: Any) -> bool:
    """ "said it had struck": a pluperfect under a report verb that is not itself in the pluperfect
    is the simple past of reported speech ("had earlier claimed the envoys had met" stays background)."""
    report = next((t for t in _ancestors(verb) if t.lemma_.lower() in _REPORT), None)
    return report is not None and not _had(report)


# words that tell a habit or a history, not the day's news ("have repeatedly accused", "have long fought")
_HABITUAL = word_list("dates", "habit_words")


def _habitual(trig: Trigger) -> bool:
    verb = _clause_verb(trig.head)
    near = [
        *verb.children,
        *trig.head.children,
        *(c for t in verb.children if t.dep_ == "prep" for c in t.children),
    ]
    return any(t.lower_ in _HABITUAL for t in near)


def _definite_act(trig: Trigger) -> bool:
    """Rule definite_act_refers_back: "A hospital in Kharkiv was damaged during the attack", "The campaign
    targeted air bases": a definite act noun (the trigger, or the subject of its verb) names an act
    already told, so it takes the last day told before it, not the report's."""
    nouns = load_role_words().act_nouns | word_list("dates", "act_nouns")
    heads = [trig.token] if trig.nominal and trig.light is None else []
    heads += [c for c in trig.head.children if c.dep_ in ("nsubj", "nsubjpass") and not trig.nominal]
    return any(
        h.lemma_.lower() in nouns
        and any(d.dep_ == "det" and d.lower_ in _DEFINITE for d in h.children)
        and not any(d.dep_ == "poss" or d.ent_type_ for d in h.children)
        for h in heads
    )


def _over_a_period(trig: Trigger) -> bool:
    """Rule over_a_period: "Throughout the war, Russia fired 9,000 missiles", "Since the start of the
    offensive, 600 civilians have been killed": an act told over a period (a "since" with no day) is no
    news of the report's day."""
    verb = _clause_verb(trig.head)
    chain = [verb, trig.head]
    while chain[-1].dep_ == "conj" and chain[-1].head.i != chain[-1].i and len(chain) < 6:
        chain.append(chain[-1].head)  # "have been killed and 1,329 wounded": the period of the first verb
    preps = [c for tok in chain for c in tok.children if c.dep_ == "prep"]
    for prep in preps:
        if prep.lower_ not in word_list("dates", "period_preps"):
            continue
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if prep.lower_ != "since" or any(o.ent_type_ not in ("DATE", "TIME") for o in objects):
            return True
    return False


def _told_as_done(trig: Trigger) -> bool:
    """The act is told as done: simple past ("struck"), present perfect ("has struck") or a past
    passive, with no modal or future auxiliary. An act a vote enacts ("voted to suspend", "passed a law
    to suspend") is told in the tense of the vote."""
    verb = trig.enacted_by if trig.enacted_by is not None else _clause_verb(trig.head)
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if any(c.tag_ == "MD" for c in verb.children if c.dep_ == "aux") or aux & _FUTURE_AUX:
        return False
    if verb.tag_ == "VBD":
        return True
    if "had" in aux:
        return verb.tag_ in ("VBN", "VBG") and _backshifted(verb)  # "said it had struck"
    return verb.tag_ in ("VBN", "VBG") and bool(aux & {"has", "have", "was", "were", "'s", "'ve"})


def _paragraph_of(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _in_lead(sent: Any, record: DocRecord) -> bool:
    """The sentence lies in the lead: the first paragraph long enough to be body text."""
    if "lead" not in record.data:
        text, pos, lead = record.text, 0, (0, 0)
        for line in text.split("\n"):
            if len(line.split()) >= _LEAD_WORDS:
                lead = (pos, pos + len(line))
                break
            pos += len(line) + 1
        record.data["lead"] = lead
    lo, hi = record.data["lead"]
    return lo <= sent.start_char < hi or sent.start_char <= lo < sent.end_char


def _ancestors(tok: Any) -> list[Any]:
    """The token's heads up to the root (ten at most), nearest first."""
    doc = tok.doc
    return [doc[i] for i in token_arrays(doc).ancestors(tok.i, 10)]


def _owner(tok: Any, heads: dict[int, Trigger]) -> Trigger | None:
    cur, steps = tok, 0
    while steps < 15:
        if cur.i in heads:
            return heads[cur.i]
        if cur.head.i == cur.i:
            return None
        cur, steps = cur.head, steps + 1
    return None


def _without_other_acts(clause: list[Any], trig: Trigger, triggers: list[Trigger]) -> list[Any]:
    """The clause without the noun phrases of other acts told inside it: in "struck camps in
    response to an attack that killed 26", the 26 are the attack's dead, not the strike's."""
    own = {trig.token.i, *(w.i for w in trig.words)}
    drop: set[int] = set()
    for t in triggers:
        if t is trig or not t.nominal or t.token.i in own or t.type != "ASSAULT":
            continue
        subtree = {x.i for x in t.token.subtree}
        if trig.token.i not in subtree:
            drop |= subtree
    return [tok for tok in clause if tok.i not in drop] if drop else clause


# Verbs whose clause states an attack's toll ("31 died in", "killed 26", "claimed the lives of")
_TOLL_VERBS = word_list("grammar", "toll_verbs")


def _numbers(clause: list[Any], trig: Trigger) -> tuple[int | None, int | None, float | None]:
    if not clause:
        return None, None, None
    tokens = list(clause)
    gov = None
    if trig.nominal and trig.token.dep_ == "pobj":
        gov = trig.token.head.head  # "31 people died in India's strikes"
    elif trig.nominal and trig.token.dep_ == "nsubj":
        gov = trig.token.head  # "the attack killed 26 tourists"
    if gov is not None and gov.lemma_.lower() in _TOLL_VERBS:
        tokens = sorted({*tokens, *gov.subtree}, key=lambda t: t.i)
    if trig.nominal and trig.type == "ASSAULT":
        # "the attack in Pahalgam, in which 26 civilians were killed": the toll in its relative clause
        # (the parser may hang it on the place: "the attack in Pahalgam, which killed 26")
        hosts = [trig.token, *(o for p in trig.token.children if p.dep_ == "prep" for o in p.children)]
        for host in hosts:
            for c in host.children:
                if c.dep_ == "relcl" and c.lemma_.lower() in _TOLL_VERBS:
                    tokens = sorted({*tokens, *c.subtree}, key=lambda t: t.i)
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
