"""Merging events: repeated mentions within a document, and the same event told by several.

``dedupe`` folds a document's repeated mentions of one event into one;
``Merger`` then compares each event with those already stored from other
documents and either attaches the new telling as one more ``EventSource`` (each
source keeps its own date and wording) or inserts the event.

Event identity (``same_event_score``). Two tellings are one event when

- they are of the same type family and their actors agree (the same source and
  target sets; a symmetric event agrees with either direction);
- nothing they state conflicts: their modes (a missile strike may be told as an
  air or a drone strike, small-arms fire as shelling, but shelling is not a drone
  raid), their places (two countries are two events) and the operation named in
  their sentences ("Operation ...");
- their dates are compatible: both ends of their spans within a day of each other
  ("the night of May 6th and 7th" and "May 7"; not "7 to 10 May" and "8 May").
  Attacks plainly dated a day apart are two attacks unless one is told by the
  night or both agree on how and where;
- an undated telling joins only on an unambiguous anchor: the same named act (an
  operation, or the thing an agreement is about: ``named_act``), or the same place
  (one's site named in the other's sentence counts), mode and actors; and only when
  one event fits, or one of those that fit is told at its place, under its named
  act or by its means (``_placed_match``). Undated tellings of one type by the same
  sides and means are one undated event;
- where no such anchor holds, an undated telling is the one dated act of its very
  sides it agrees with on operation, town or site, kind of installation aimed at, a
  coalition of three or more doers, or (for a passing reference to a done act) the
  means; in either order, and never when two dated acts fit (``_presupposes``);
- talks told from either side are one meeting (``_one_meeting_either_way``), and a
  period "since Friday" is the going-on of the act dated that Friday.

An event is compared as a whole, not through one representative: a telling joins
it only if its date is compatible with every dated telling it already holds, so
an event never stretches over incompatible days. Reprints of one wire story
(near-duplicates linked at ingest) are one telling: an event of a copy whose
sentence, type, actors and mode are those of an event of an earlier copy is
attached to it whatever its date. A telling that merges gives the stored event
the date, mode, place and toll it lacked (the first source to state them).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from ..ontology.calendar import stored_day
from ..ontology.yamlfiles import shipped_yaml
from ..records import Document, Event, EventSource
from ..store import Store
from .dates import REPORT_DATED, TO_REPORT
from .places import lookup

__all__ = ["Merger", "dedupe", "merge_events", "named_act", "operation_of", "same_event_score"]

_FAMILY = {
    "AGREE": "settle",
    "RETREAT": "settle",
    "CONCEDE": "settle",
    "SANCTION": "restrict",
    "COERCE": "restrict",
}
# Modes one report may use for another's act: a missile strike told as an air strike or a drone
# attack, small-arms fire told as shelling. Modes in different groups are different acts.
_MODE_GROUP = {"aerial": "ranged", "drone": "ranged", "firearms": "ground", "heavy-weapons": "ground"}
# PLOVER ASSAULT modes that say what an attack did or aimed at, not by what means: they agree
# with any means ("the strike destroyed the depot" and "the missile strike").
_OUTCOME_MODES = {"targeted", "destroy"}
_ONE_DAY = dt.timedelta(days=1)
THRESHOLD = 3.0

# A named military operation: "Operation" and a capitalised name (words or numbers).
_OPERATION = re.compile(r"\bOperation\s+((?:[A-Z][\w'’-]*|\d+)(?:\s+(?:[A-Z][\w'’-]*|\d+)){0,3})")

Span = tuple[dt.date, dt.date]


def family(event_type: str) -> str:
    return _FAMILY.get(event_type, event_type)


def operation_of(evidence: str | None, source: Iterable[str] = ()) -> str | None:
    """The one operation a sentence names ("... launched Operation Bright Shield"), lower-cased;
    None when it names none, or two (then it does not say which one the event is). An operation
    the sentence gives to another state than the act's doer is not the act's (``_owned_by_other``)."""
    text = evidence or ""
    names = {
        m.group(1).lower() for m in _OPERATION.finditer(text) if not _owned_by_other(text, m.start(), source)
    }
    return names.pop() if len(names) == 1 else None


# "Russia's Operation ...", "Ukraine’s Operation ...": the state whose operation it is.
_OWNER = re.compile(r"\b([A-Z][\w-]*)(?:'s|’s)\s+$")


def _owned_by_other(text: str, at: int, source: Iterable[str]) -> bool:
    """The operation at ``at`` is given by a possessive to a state that is not among the act's
    doers: in "tensions surged after Azerbaijan's Operation Iron Fist and Armenia's reprisals"
    the operation is not Armenia's act."""
    sides = set(source)
    owner = _OWNER.search(text[max(0, at - 40) : at])
    if not sides or owner is None:
        return False
    place = lookup(owner.group(1))
    return place is not None and place.kind == "country" and place.country not in sides


def named_act(event_type: str, evidence: str | None, source: Iterable[str] = ()) -> str | None:
    """The one named thing a telling is of: the operation its sentence names (see
    ``operation_of``), or the one thing an act of its family is about ("agreed to a ceasefire",
    "the truce": ``ceasefire``; patterns by family in ``ontology/data/named_acts.yaml``). Tellings
    by the same sides naming the same thing are one act; naming two different things, two acts."""
    return _named_act(event_type, evidence, tuple(source))


# A telling is compared with every candidate event, so its named act is read once, not per pair.
@functools.lru_cache(maxsize=65_536)
def _named_act(event_type: str, evidence: str | None, source: tuple[str, ...]) -> str | None:
    named = operation_of(evidence, source)
    things = _named_things().get(family(event_type))
    if named or not things or not evidence:
        return named
    found = {name for name, pattern in things.items() if pattern.search(evidence)}
    return f"{found.pop()} ({family(event_type).lower()})" if len(found) == 1 else None


@functools.lru_cache(maxsize=1)
def _named_things() -> dict[str, dict[str, re.Pattern[str]]]:
    raw = shipped_yaml("offramp.ontology", "data", "named_acts.yaml")
    return {fam: {name: re.compile(p, re.I) for name, p in things.items()} for fam, things in raw.items()}


def _operation(e: Any) -> str | None:
    if isinstance(e, _Entry):
        return e.operation
    return named_act(e.type, e.evidence, e.source)


def _both(e: Any) -> bool:
    attrs = e.attrs if isinstance(e.attrs, dict) else {}
    return bool(attrs.get("both_ways"))


def _actors_agree(a: Any, b: Any) -> int:
    """2: the same sets; 1: compatible (symmetric covers directed, or one side missing); 0: no."""
    sa, ta, sb, tb = set(a.source), set(a.target), set(b.source), set(b.target)
    if sa == sb and ta == tb:
        return 2
    if _one_meeting_either_way(a, b):
        return 1
    if _both(a) or _both(b):
        pa, pb = sa | ta, sb | tb
        if pa == pb or (_both(a) and sb | tb <= pa) or (_both(b) and sa | ta <= pb):
            return 1
        return 0
    if sa == sb and (not ta or not tb or _host_named(a, b)):
        return 1
    return 0


def _one_meeting_either_way(a: Any, b: Any) -> bool:
    """Talks told from either side ("EU ministers met Iran's foreign minister" and "Araghchi held
    talks with the British, French and German ministers"): a meeting, unless it is a visit (who
    went to whom tells two visits apart), has no direction, so one telling's hosts are the
    other's guests; a side may be told in more detail by one of them (the EU, or its members)."""
    if a.type != "CONSULT" or b.type != "CONSULT" or "visit" in (a.mode, b.mode):
        return False
    sa, ta, sb, tb = set(a.source), set(a.target), set(b.source), set(b.target)
    return all(x and y and (x <= y or y <= x) for x, y in ((sa, tb), (ta, sb)))


def _host_named(a: Any, b: Any) -> bool:
    """One telling names as a target also the state the act happened in ("struck a US base in
    Qatar" coded as against the US and Qatar, or the US alone): the other targets are the same."""
    ta, tb = set(a.target), set(b.target)
    extra = ta ^ tb
    hosts = {c for c in (a.country, b.country) if isinstance(c, str) and c}
    return bool(ta & tb) and (ta <= tb or tb <= ta) and bool(extra) and extra <= hosts


def _span(e: Any) -> Span | None:
    if e.date is None:
        return None
    return (e.date, e.date_end or e.date)


def _spans_agree(a: Span, b: Span) -> int:
    """2 the same span, 1 both ends within a day of each other, 0 not the same time.

    "7 to 10 May" and "8 May" overlap but are not one act: a span and a day within it
    tell of a campaign and one of its days."""
    if a == b:
        return 2
    if abs(a[0] - b[0]) <= _ONE_DAY and abs(a[1] - b[1]) <= _ONE_DAY:
        return 1
    return 0


def _dates_agree(a: Any, b: Any) -> int | None:
    """2 the same span, 1 within a day, 0 apart; None when either is undated."""
    sa, sb = _span(a), _span(b)
    if sa is None or sb is None:
        return None
    return _spans_agree(sa, sb)


def _loose(e: Any) -> bool:
    """A date that may be a day off the act (see ``_told_loosely``); stored events carry it worked out."""
    if isinstance(e, _Entry):
        return e.loose
    return _told_loosely(e.date_inferred, e.date_text, e.evidence)


def _told_loosely(inferred: bool, date_text: str | None, evidence: str | None) -> bool:
    """Inferred from context, or an act told by the night ("overnight", "the night of ...")
    that one report dates by its eve and another by its morning."""
    return bool(inferred) or "night" in (date_text or "").lower() or "night" in (evidence or "").lower()


def _amounts_agree(a: Any, b: Any) -> bool:
    x, y = a.amount_usd, b.amount_usd
    if x is None or y is None or x != x or y != y:
        return True
    return abs(x - y) <= 0.1 * max(x, y)


def _modes_conflict(a: Any, b: Any, actors: int) -> bool:
    """Two acts by their means: shelling and a drone raid; a phone call and a visit.

    Modes are compared within one type only (each type has its own modes). Modes of one
    group (an air strike told as a drone strike) agree only for the same directed sides."""
    if not (a.mode and b.mode) or a.mode == b.mode or a.type != b.type:
        return False
    if a.mode in _OUTCOME_MODES or b.mode in _OUTCOME_MODES:
        return False
    group_a, group_b = _MODE_GROUP.get(a.mode), _MODE_GROUP.get(b.mode)
    if group_a is None or group_a != group_b:
        return True
    return not (actors == 2 and not (_both(a) or _both(b)))


# Places too wide to tell one act from another: a whole state ("strikes in Iran") or a region.
_WIDE_PLACES = {"country", "world_region", "continent", "world"}


@functools.lru_cache(maxsize=4096)
def _wide(location: str) -> bool:
    place = lookup(location)
    return place is not None and place.kind in _WIDE_PLACES


def _where(e: Any) -> str | None:
    """The place an act is told at, when it can tell two acts apart: a named site or town, not a
    whole state or region, and not in the acting side's own country (in "Tehran fired missiles
    at Haifa" the capital names the actor, not where the act landed)."""
    location = e.location
    if not isinstance(location, str) or not location or _wide(location):
        return None
    return None if e.country in e.source else location.lower()


def _places_conflict(a: Any, b: Any) -> bool:
    """Told at places in two countries: two events (places within one country may be one wave
    of strikes)."""
    if _where(a) is None or _where(b) is None:
        return False
    return bool(a.country and b.country and a.country != b.country)


def _same_place(a: Any, b: Any) -> bool:
    """Told at one place: the same named site or town, or the site one telling is placed at is
    named in the other's sentence ("a missile hit the Soroka hospital in Beersheba" placed at
    Beersheba, and "the strike on Soroka" placed at Soroka). An event held by the merger answers
    with the places and sentences of all its tellings."""
    mine, theirs = _sites(a), _sites(b)
    return bool(mine & theirs) or _named_in(mine, _texts(b)) or _named_in(theirs, _texts(a))


def _placed_alike(a: Any, b: Any) -> bool:
    """Placed at the same named site or town (by the first telling of each): attacks a day apart
    are one only where both are placed so, not where one of an event's many tellings named it."""
    where = _where(a)
    return where is not None and where == _where(b)


def _sites(e: Any) -> set[str]:
    if isinstance(e, _Entry):
        return e.places
    where = _where(e)
    return {where} if where else set()


def _texts(e: Any) -> list[str]:
    if isinstance(e, _Entry):
        return e.texts
    return [e.evidence] if e.evidence else []


def _named_in(places: set[str], texts: list[str]) -> bool:
    """One of the places is named in one of the sentences, as a name (capitalised: the town of
    Split, not "a split in the coalition")."""
    return any(
        m.group(0)[:1].isupper()
        for p in places
        for t in texts
        for m in re.finditer(rf"\b{re.escape(p)}\b", t, re.I)
    )


def _anchored(a: Any, b: Any, actors: int) -> bool:
    """An unambiguous match for an undated telling: the same named operation, or the same
    place, mode and actors. Two undated tellings of one type by the same sides and the same
    means are one undated event (an act whose day no report gave), which takes a dated
    telling only on one of those anchors."""
    op = _operation(a)
    if op and op == _operation(b):
        return True
    if actors != 2:
        return False
    if a.type == b.type and _undated(a) and _undated(b) and bool(a.mode) != bool(b.mode):
        # an undated telling that does not say by what means is the undated act of those sides
        # that does (when only one fits): two that say nothing of it have nothing to join on
        return True
    if not a.mode or a.mode != b.mode:
        return False
    return _same_place(a, b) or (a.type == b.type and _undated(a) and _undated(b))


def _dated_by_report(e: Event) -> bool:
    """Dated only by the day its report was filed (an act told as done, with no day of its own)."""
    reason = e.attrs.get("date_reason") if isinstance(e.attrs, dict) else None
    return bool(e.date_inferred and isinstance(reason, str) and reason.startswith(REPORT_DATED))


def _opens_period(a: Event, b: Event) -> bool:
    """One is dated as a period from the other's day to the report's ("tensions have grown since
    Friday, when Russia struck Kyiv"): told in one sentence, the period opens with the act."""
    return a.date is not None and a.date == b.date and (_to_report(a) or _to_report(b))


def _to_report(e: Event) -> bool:
    """Dated as a period from a day to the report's (the day is when it began)."""
    reason = e.attrs.get("date_reason") if isinstance(e.attrs, dict) else None
    return bool(e.date_inferred and isinstance(reason, str) and reason.endswith(TO_REPORT))


def _undated(e: Any) -> bool:
    return not e.spans if isinstance(e, _Entry) else e.date is None


def same_event_score(a: Any, b: Any) -> float:
    """How strongly two tellings are one event (0 = not the same); ``THRESHOLD`` and up merges."""
    if family(a.type) != family(b.type):
        return 0.0
    actors = _actors_agree(a, b)
    if not actors or not _amounts_agree(a, b) or _modes_conflict(a, b, actors) or _places_conflict(a, b):
        return 0.0
    op_a, op_b = _operation(a), _operation(b)
    if op_a and op_b and op_a != op_b:
        return 0.0
    same_op = bool(op_a and op_a == op_b)
    same_mode = bool(a.mode and a.mode == b.mode)
    score = 1.0 + actors + same_mode + same_op
    dates = _dates_agree(a, b)
    if dates is None:
        return score + 1.0 if _anchored(a, b, actors) else 0.0
    if dates == 0:
        return 0.0
    # in an exchange of fire each day brings new attacks: plainly dated attacks a day
    # apart are one only when they agree on how and where (or name one operation)
    if (
        dates == 1
        and a.type == b.type == "ASSAULT"
        and not (_loose(a) or _loose(b) or same_op or (same_mode and _placed_alike(a, b)))
        and _span(a) is not None
        and _span(b) is not None
        and not _overlap(_span(a), _span(b))
    ):
        return 0.0
    return score + dates


def _overlap(a: Span | None, b: Span | None) -> bool:
    return a is not None and b is not None and a[0] <= b[1] and b[0] <= a[1]


def _fits_spans(telling: Any, spans: Iterable[Span]) -> bool:
    """The telling's date is compatible with every dated telling of the event (or it is undated)."""
    own = _span(telling)
    return own is None or all(_spans_agree(own, s) for s in spans)


def _rank(e: Event) -> tuple[int, int, int]:
    dated = 2 if e.date is not None and not e.date_inferred else (1 if e.date is not None else 0)
    return (dated, 0 if _both(e) else 1, len(e.source) + len(e.target))


def _re_mention(event: Event, other: Event) -> bool:
    """Within one text, a later mention of an act by the same sides is that act.

    Where one of the two is dated, only a passing mention ("the ceasefire", "this operation")
    or a telling at the same named place is a re-mention, not a new act ("retaliated"); two undated tellings of one type by the
    same sides are one act unless their mode, place or operation tell them apart (a text that
    tells two such acts says when each happened)."""
    if event.type != other.type or not _amounts_agree(event, other):
        return False
    if event.date is None and other.date is None:
        actors = _actors_agree(event, other)
        # a mutual act told with one more party ("the truce between A and B", "A, B and their
        # mediator agreed") is still the one act
        return (
            (actors == 2 or (actors == 1 and _both(event) and _both(other)))
            and _both(event) == _both(other)
            and not _modes_conflict(event, other, actors)
            and not _places_conflict(event, other)
            and not (_operation(event) and _operation(other) and _operation(event) != _operation(other))
        )
    if (event.date is None) == (other.date is None):
        return False
    undated = event if event.date is None else other
    symmetric_ok = _both(event) == _both(other) or event.type == "CONSULT"
    # a passing mention, the same act told again at the same named place, or told again later
    # with nothing to set it apart
    mention = (
        undated.attrs.get("nominal")
        or undated.type in ("CONSULT", "AGREE")
        or _same_place(event, other)
        or (undated is event and _told_again(event, other))
    )
    return bool(
        symmetric_ok
        and mention
        and not undated.attrs.get("retaliation")
        and _actors_agree(event, other)
        and not _modes_conflict(event, other, _actors_agree(event, other))
    )


def _told_again(later: Event, dated: Event) -> bool:
    """An undated telling after a dated act of the same sides, told by the same means or none, at
    no other named place ("Russian missiles struck Odesa on Monday ... The strikes killed four"):
    the text dated the act once. A new act in a dated report takes a day of its own from the
    report's dates, so one left undated is told as known, or as background. One telling may name
    also the state the act happened in as a target ("fired missiles at US bases in Qatar" and "the
    attack on the US base in Qatar", see ``_host_named``)."""
    if set(later.source) != set(dated.source):
        return False
    if set(later.target) != set(dated.target) and not _host_named(later, dated):
        return False
    if later.mode and dated.mode and _modes_conflict(later, dated, 2):
        return False
    own, theirs = _where(later), _where(dated)
    return own is None or theirs is None or own == theirs


def _one_sentence_twice(event: Event, other: Event) -> bool:
    """One sentence, one act told twice ("approved ..., releasing $1 billion"), unless it dates
    them apart ("struck on 7 May and again on 10 May")."""
    dates = _dates_agree(event, other)
    if dates == 0 and _opens_period(event, other):
        dates = 1
    return (
        event.type == other.type
        and set(event.source) == set(other.source)
        and (not event.target or not other.target or set(event.target) == set(other.target))
        and _amounts_agree(event, other)
        and dates != 0
    )


def dedupe(events: Sequence[Event]) -> list[Event]:
    """One event per real event in a document: later mentions fold into the best-informed one.

    A mention joins a kept event only if its date fits every dated mention already folded
    into it, and an undated passing mention joins only when one kept event fits it."""
    kept: list[Event] = []
    spans: list[set[Span]] = []
    for event in events:
        if event.negated:
            kept.append(event)
            spans.append(set())
            continue
        best, best_score = None, 0.0
        re_mentions: list[int] = []
        for i, other in enumerate(kept):
            same_sentence = other.span_start == event.span_start
            opens = _opens_period(event, other) and (same_sentence or _period_of_the_act(event, other))
            if other.negated or not (_fits_spans(event, spans[i]) or opens):
                continue
            s = same_event_score(event, other)
            if s == 0.0 and ((same_sentence and _one_sentence_twice(event, other)) or opens):
                s = THRESHOLD
            if not same_sentence and s == 0.0 and _re_mention(event, other):
                re_mentions.append(i)
                continue
            if same_sentence and s and (_both(event) != _both(other) or _modes_differ(event, other)):
                s = 0.0  # "suspended the treaty and expelled the advisers": two acts
            if s >= THRESHOLD and s > best_score:
                best, best_score = i, s
        if best is None and len(re_mentions) == 1:
            best = re_mentions[0]  # the one act it can refer to
        if best is None and not re_mentions and _back_reference(event):
            undated = dataclasses.replace(event, date=None, date_end=None, date_inferred=False)
            acts = [i for i, other in enumerate(kept) if not other.negated and _re_mention(undated, other)]
            if len(acts) == 1:
                # it gives a dated act no day (its day was the report's); an undated act, told as
                # done like it, takes the report's day as the date stage gives such acts
                best = acts[0]
                event = undated if kept[best].date is not None else event
        if best is None:
            kept.append(event)
            own = _span(event)
            spans.append({own} if own else set())
            continue
        other = kept[best]
        primary, secondary = (event, other) if _rank(event) > _rank(other) else (other, event)
        kept[best] = _fold(primary, secondary)
        if (own := _span(event)) is not None and not _to_report(event):
            spans[best].add(own)
    return kept


def _back_reference(e: Event) -> bool:
    """A passing mention ("the strikes", "ahead of the attack") dated only by its report's day: a
    reference back to an act the text tells, not an act of the report's day, when the text tells
    exactly one act it can be (see ``dedupe``)."""
    return bool(e.attrs.get("nominal")) and _dated_by_report(e)


def _modes_differ(a: Event, b: Event) -> bool:
    """Two acts told in one sentence by their means ("shelled the border and sent drones over
    the city"). A mode that says what the act did ("a missile strike destroyed the depot": aerial
    and destroy) is not a means, so it sets no act apart."""
    if a.mode in _OUTCOME_MODES or b.mode in _OUTCOME_MODES:
        return False
    return bool(a.mode and b.mode and a.mode != b.mode)


def _period_of_the_act(a: Any, b: Any) -> bool:
    """A period told from a day to the report's ("dozens have been killed in Russian strikes since
    Friday") is the going-on of the act the same text dates that day ("on Friday Russia launched
    strikes on Kyiv") when the sides and type are the same and nothing they state sets them apart.
    The period's span then does not bound the act (see ``dedupe``)."""
    actors = _actors_agree(a, b)
    return (
        a.type == b.type
        and actors == 2
        and _amounts_agree(a, b)
        and not _modes_conflict(a, b, actors)
        and not _places_conflict(a, b)
        and not (_operation(a) and _operation(b) and _operation(a) != _operation(b))
    )


def _fold(primary: Event, secondary: Event) -> Event:
    fields: dict[str, Any] = {}
    for name in ("date", "date_end", "date_inferred", "date_text", "time", "location", "country", "lat", "lon",
                 "fatalities", "injured", "amount_usd", "mode"):  # fmt: skip
        if getattr(primary, name) in (None, False) and getattr(secondary, name) not in (None, False):
            if name.startswith("date") and primary.date is not None:
                continue
            fields[name] = getattr(secondary, name)
    if primary.date is None and secondary.date is not None:
        fields.update(date=secondary.date, date_end=secondary.date_end, date_inferred=secondary.date_inferred)
    attrs = dict(primary.attrs)
    attrs["mentions"] = int(primary.attrs.get("mentions", 1)) + int(secondary.attrs.get("mentions", 1))
    fields["attrs"] = attrs
    return dataclasses.replace(primary, **fields) if fields else primary


def _source_of(event: Event, document: Document | None) -> EventSource:
    return EventSource(
        doc_id=event.doc_id or (document.id if document else ""),
        evidence=event.evidence,
        span_start=event.span_start,
        span_end=event.span_end,
        date=event.date,
        date_end=event.date_end,
        date_text=event.date_text,
        url=document.url if document else None,
        title=document.title if document else None,
        published=document.published if document else None,
    )


@dataclasses.dataclass(slots=True, eq=False)
class _Entry:
    """An event as the merger compares it: what ``same_event_score`` reads, plus the spans of
    all its dated tellings and the operation its sentence names."""

    id: str
    doc_id: str
    type: str
    source: list[str]
    target: list[str]
    date: dt.date | None = None
    date_end: dt.date | None = None
    loose: bool = False
    mode: str | None = None
    location: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    fatalities: int | None = None
    injured: int | None = None
    amount_usd: float | None = None
    negated: bool = False
    attrs: dict[str, Any] = dataclasses.field(default_factory=dict)
    operation: str | None = None
    spans: set[Span] = dataclasses.field(default_factory=set)
    places: set[str] = dataclasses.field(default_factory=set)  # the named places of its tellings
    texts: list[str] = dataclasses.field(default_factory=list)  # their sentences (a few)
    referenced: bool = False  # one of its tellings refers to it as a known act (``_a_reference``)

    def told(self, telling: Any) -> None:
        """Keep a further telling's named place and sentence (see ``_same_place``)."""
        self.places |= _sites(telling)
        self.referenced = self.referenced or _a_reference(telling)
        for text in _texts(telling):
            self.told_in(text)

    def told_in(self, sentence: str) -> None:
        """Keep one more sentence of its tellings (up to ``_KEPT_TEXTS``)."""
        if len(self.texts) < _KEPT_TEXTS and sentence not in self.texts:
            self.texts.append(sentence)

    @classmethod
    def of_row(cls, row: dict[str, Any]) -> _Entry:
        raw = row["attrs"]
        date, date_end = stored_day(row["date"]), stored_day(row["date_end"])
        return cls(
            **{k: row[k] for k in _SHARED},
            doc_id=row["doc_id"] or "",
            source=list(row["source"] if row["source"] is not None else []),
            target=list(row["target"] if row["target"] is not None else []),
            date=date,
            date_end=date_end,
            loose=_told_loosely(row["date_inferred"], row["date_text"], row["evidence"]),
            negated=bool(row["negated"]),
            attrs=json.loads(raw) if isinstance(raw, str) and raw else {},
            operation=named_act(
                row["type"], row["evidence"], row["source"] if row["source"] is not None else ()
            ),
            spans={(date, date_end or date)} if date else set(),
            texts=[row["evidence"]] if row["evidence"] else [],
        )

    @classmethod
    def of_event(cls, e: Event) -> _Entry:
        return cls(
            **{k: getattr(e, k) for k in _SHARED},
            doc_id=e.doc_id or "",
            source=list(e.source),
            target=list(e.target),
            date=e.date,
            date_end=e.date_end,
            loose=_loose(e),
            negated=e.negated,
            attrs=e.attrs,
            operation=named_act(e.type, e.evidence, e.source),
            spans={s} if (s := _span(e)) else set(),
            texts=_texts(e),
        )

    def __post_init__(self) -> None:
        self.referenced = self.referenced or bool(self.attrs.get("presupposed") or self.attrs.get("nominal"))
        where = _where(self)
        if where:
            self.places.add(where)


# Sentences an event held by the merger keeps to find places named in them: a few are enough
# (reprints of one story would otherwise keep one sentence a copy).
_KEPT_TEXTS = 8
# fields an entry takes as they are from a stored row or an event
_SHARED = ("id", "type", "mode", "location", "country", "lat", "lon", "fatalities", "injured", "amount_usd")


_STORED_COLUMNS = ["id", "doc_id", "type", "source", "target", "date", "date_end", "date_inferred", "date_text",
                   "evidence", "mode", "location",
                   "country", "lat", "lon", "fatalities", "injured", "amount_usd", "negated", "attrs"]  # fmt: skip

# What a later telling may add to an event that lacks it: the first source to state a date,
# mode, place or toll supplies it (the ledger's number table shows where sources' tolls differ).
_FILLED = ("mode", "location", "country", "lat", "lon", "fatalities", "injured", "amount_usd")
_PLACE = ("location", "country", "lat", "lon")
_DATE = ("date", "date_end", "date_inferred", "date_text")


def _missing(value: Any) -> bool:
    return value is None or value != value  # None or NaN


def _words(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", (text or "").lower()))


# A telling of a wire story: (cluster root, sentence words, type, sources, targets, mode).
_CopyKey = tuple[str, str, str, tuple[str, ...], tuple[str, ...], str]


def _copy_key(root: str, e: Any, evidence: str | None) -> _CopyKey:
    return (root, _words(evidence), e.type, tuple(sorted(e.source)), tuple(sorted(e.target)), e.mode or "")


def _story_key(key: _CopyKey) -> tuple[str, ...]:
    """(story, type, mode): where a copy's telling in other words is looked for."""
    return (key[0], key[2], key[5])


def _sides_fit(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    """The sides of one sentence coded from two copies: each the same, or missing from one
    (an outlet's dateline before the subject may cost the coder the actor)."""
    return all(x == y or not x or not y for x, y in zip(a, b, strict=True)) and any(a) and any(b)


# Share of words two copies' sentences must have in common to be one sentence reprinted.
_REPRINT_OVERLAP = 0.8


class Merger:
    """Merges the events of many documents into the store with few statements.

    The stored article events are read once and kept in memory, indexed by type family,
    day and actor (dated events: only those within a day, sharing a side, can be the same) and by their anchors
    (operation; place, mode and actors) for undated tellings; each document's events are
    compared with the candidates the indexes give (and with those of the documents merged
    before it), and the inserts and attached sources are written in bulk by ``flush()``,
    inside the caller's transaction. One merger may serve many batches: ``forget`` drops
    what it holds when a batch re-extracts documents it has seen.
    """

    def __init__(self, store: Store):
        self.store = store
        self._reset()

    def _reset(self) -> None:
        self._loaded = False
        self._by_id: dict[str, _Entry] = {}
        self._by_day: dict[tuple[str, dt.date, str], list[_Entry]] = {}
        self._by_anchor: dict[tuple[Any, ...], list[_Entry]] = {}
        self._by_sides: dict[tuple[Any, ...], list[_Entry]] = {}  # (family, sources, targets)
        self._roots: dict[str, str] = {}  # near-duplicate doc id -> its cluster's first copy
        self._copies: dict[_CopyKey, list[str]] = {}  # a wire story's telling -> event ids
        # (story, type, sides, mode) -> the words of each sentence told so, with its event
        self._copy_words: dict[tuple[str, ...], list[tuple[set[str], tuple[Any, ...], str]]] = {}
        self._docs: set[str] = set()  # documents whose tellings the merger holds
        self._new: list[Event] = []
        self._attach: list[tuple[str, EventSource]] = []
        self._filled: dict[str, dict[str, Any]] = {}  # stored event id -> fields a telling supplied
        self._pending: dict[str, Event] = {}  # the events in ``_new`` by id
        self._undated_join: set[str] = set()  # tellings joined on an anchor, not by their report's date
        self._absorbed: dict[str, str] = {}  # stored event id -> the event it was found to be (``_absorb``)

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        con = self.store.con
        rows = con.execute(
            f"SELECT {', '.join(_STORED_COLUMNS)} FROM events WHERE dataset IS NULL"
        ).fetchall()
        for r in rows:
            self._index(_Entry.of_row(dict(zip(_STORED_COLUMNS, r, strict=True))))
        for event_id, doc_id, date, date_end, evidence in con.execute(
            "SELECT event_id, doc_id, date, date_end, evidence FROM event_sources WHERE dataset IS NULL"
        ).fetchall():
            self._docs.add(doc_id)
            entry = self._by_id.get(event_id)
            if entry is not None and evidence:
                entry.told_in(evidence)
                if entry.operation is None and not entry.negated:
                    # the operation a later telling named is the event's anchor (as ``_fill``)
                    self._name(entry, named_act(entry.type, evidence, entry.source))
            if entry is not None and (day := stored_day(date)) is not None:
                span = (day, stored_day(date_end) or day)
                # a telling attached without its day (a retelling, a reprint) does not bound the event
                own = _span(entry)
                if own is None or _spans_agree(span, own):
                    self._add_span(entry, span)
        self._roots = self.store.near_duplicate_roots()
        if self._roots:
            self._load_copies()

    def _load_copies(self) -> None:
        """Index the tellings stored from documents of near-duplicate clusters."""
        rows = self.store.con.execute(
            "SELECT s.doc_id, s.event_id, s.evidence, e.type, e.source, e.target, e.mode"
            " FROM event_sources s JOIN events e ON e.id = s.event_id"
            " WHERE s.dataset IS NULL AND s.doc_id IN (SELECT unnest(?)) ORDER BY s.doc_id, s.span_start",
            [sorted({*self._roots, *self._roots.values()})],
        ).fetchall()
        seen: dict[tuple[str, _CopyKey], int] = {}
        for doc_id, event_id, evidence, type_, source, target, mode in rows:
            told = _Told(type_, list(source or []), list(target or []), mode)
            key = _copy_key(self._roots.get(doc_id, doc_id), told, evidence)
            n = seen[doc_id, key] = seen.get((doc_id, key), 0) + 1
            if len(self._copies.get(key, ())) < n:
                self._remember_copy(key, event_id)

    def forget(self, doc_ids: Iterable[str]) -> None:
        """Documents are about to be extracted again: drop what is held if it came from them."""
        if self._loaded and not self._docs.isdisjoint(doc_ids):
            self._reset()

    def _index(self, item: _Entry) -> None:
        self._by_id[item.id] = item
        if item.negated:
            return
        fam = family(item.type)
        for start in {s[0] for s in item.spans}:
            for actor in _sides(item):
                self._by_day.setdefault((fam, start, actor), []).append(item)
        for key in _anchors(item):
            self._by_anchor.setdefault((fam, *key), []).append(item)
        self._by_sides.setdefault(_sides_key(item), []).append(item)

    def _add_span(self, item: _Entry, span: Span) -> None:
        if span in item.spans:
            return
        item.spans.add(span)
        if not item.negated and all(s[0] != span[0] for s in item.spans - {span}):
            for actor in _sides(item):
                self._by_day.setdefault((family(item.type), span[0], actor), []).append(item)

    def _candidates(self, event: Event | _Entry) -> list[_Entry]:
        fam = family(event.type)
        found: dict[str, _Entry] = {}
        span = _span(event)
        if span is not None:
            for d in (span[0] - _ONE_DAY, span[0], span[0] + _ONE_DAY):
                for actor in _sides(event):
                    for item in self._by_day.get((fam, d, actor), ()):
                        found[item.id] = item
        for key in _anchors(event):
            for item in self._by_anchor.get((fam, *key), ()):
                if span is None or not item.spans:  # a dated telling meets dated events by day
                    found[item.id] = item
        return list(found.values())

    def _match(self, event: Event, doc_id: str) -> _Entry | None:
        scored = []
        for other in self._candidates(event):
            if other.doc_id == doc_id or not _fits_spans(event, other.spans):
                continue
            s = same_event_score(event, other)
            if s >= THRESHOLD:
                scored.append((s, other))
        if not scored:
            if _to_report(event):
                return self._period_opened_by(event, doc_id)
            if _dated_by_report(event):
                return self._retold(event, doc_id)
            return self._sole_fit(event, doc_id)
        if event.date is None and len(scored) > 1:
            return _placed_match(event, [other for _, other in scored])
        return max(scored, key=lambda x: x[0])[1]

    def _sole_fit(self, event: Event, doc_id: str) -> _Entry | None:
        """An undated act and the one dated act it can be (``_presupposes``), in either order.

        An undated telling ("the US strikes on Iran's nuclear sites") joins the one dated event of
        its sides it agrees with on means, place or operation; a dated telling joins the one
        undated event of its sides that agrees with it so, unless that undated event fits also
        another dated event. When two dated events fit, it is not told which one: it stays apart."""
        if event.negated:
            return None
        if event.date is None:
            fits = [o for o in self._of_sides(event) if o.doc_id != doc_id and _presupposes(event, o)]
            return fits[0] if len(fits) == 1 else None
        undated = [
            o for o in self._of_sides(event) if o.doc_id != doc_id and not o.spans and _presupposes(o, event)
        ]
        if len(undated) != 1:
            return None
        rivals = [o for o in self._of_sides(undated[0]) if o.spans and _presupposes(undated[0], o)]
        return None if rivals else undated[0]

    def _of_sides(self, e: Any) -> list[_Entry]:
        """The events held of a telling's type family and very sides (see ``_sole_fit``)."""
        return self._by_sides.get(_sides_key(e), [])

    def _period_opened_by(self, event: Event, doc_id: str) -> _Entry | None:
        """A period told from a day to the report's ("24 killed in Iranian missile attacks since
        Friday") is the going-on of the one act of its sides that another report dates that day
        (see ``_period_of_the_act``); it joins it without stretching its date."""
        day = event.date
        fits = [
            other
            for other in self._candidates(event)
            if other.doc_id != doc_id and (day, day) in other.spans and _period_of_the_act(event, other)
        ]
        if len(fits) != 1:
            return None
        self._undated_join.add(event.id)
        return fits[0]

    def _retold(self, event: Event, doc_id: str) -> _Entry | None:
        """A telling dated only by its report's date (told as done, no day of its own) may retell an
        act of an earlier day ("the Israeli military confirmed it had launched Operation ..."): when
        nothing of its day fits, it joins as an undated telling would (same operation, or place,
        means and sides), an event of a day up to its report's, if only one fits."""
        view = _Entry.of_event(event)
        view.date = view.date_end = None
        view.spans = set()
        day = event.date
        fits = [
            other
            for other in self._candidates(view)
            if other.doc_id != doc_id
            and other.spans
            and day is not None
            and all(end <= day for _, end in other.spans)
            and same_event_score(view, other) >= THRESHOLD
        ]
        if len(fits) != 1:
            return None
        self._undated_join.add(event.id)
        return fits[0]

    def add(self, events: Sequence[Event], document: Document | None = None) -> list[str]:
        """Merge one document's events; returns the ids the events ended up under."""
        events = dedupe(events)
        if not events:
            return []
        self._load()
        doc_id = (document.id if document else events[0].doc_id) or ""
        self._docs.add(doc_id)
        root = self._roots.get(doc_id)  # its story, when it is one of several copies
        occurrences: dict[_CopyKey, int] = {}
        claimed: set[str] = set()  # events this document's tellings went to
        ids: list[str] = []
        for event in events:
            source = _source_of(event, document)
            event.sources = [source]
            if event.id in self._by_id:
                # re-extraction: this document's earlier event still stands on another source
                self._attach.append((event.id, source))
                ids.append(event.id)
                continue
            copy = None
            if root is not None and not event.negated:
                key = _copy_key(root, event, event.evidence)
                n = occurrences[key] = occurrences.get(key, 0) + 1
                copy = self._reprinted(key, n, claimed, event)
            best = self._by_id.get(copy) if copy else (None if event.negated else self._match(event, doc_id))
            if best is None:
                self._new.append(event)
                self._pending[event.id] = event
                self._index(_Entry.of_event(event))
                chosen = event.id
            else:
                self._attach.append((best.id, source))
                best.told(event)
                retold = event.id in self._undated_join
                named = self._fill(best, event, with_date=not retold)
                if (span := _span(event)) is not None and not retold:
                    self._add_span(best, span)
                if named:
                    self._absorb_named(best)
                chosen = best.id
            if root is not None and not event.negated:
                self._remember_copy(key, chosen)
                claimed.add(chosen)
            ids.append(chosen)
        return ids

    def _reprinted(self, key: _CopyKey, n: int, claimed: set[str], event: Event) -> str | None:
        """The event an earlier copy of the story told in this sentence (its ``n``-th such
        telling), or in a sentence of nearly the same words (an outlet's dateline or credit
        glued to it); None when no copy told it. Nearly the same words with another day stated
        in them ("on 2 May" against "on 14 May") are another act, not a reprint."""
        told = self._copies.get(key, [])
        if len(told) >= n:
            return told[n - 1]
        words = set(key[1].split())
        best, best_overlap = None, _REPRINT_OVERLAP
        for other, sides, event_id in self._copy_words.get(_story_key(key), ()):
            if event_id in claimed or not (words | other) or not _sides_fit(key[3:5], sides):
                continue
            if self._days_differ(event, self._by_id.get(event_id)):
                continue
            overlap = len(words & other) / len(words | other)
            if overlap >= best_overlap:
                best, best_overlap = event_id, overlap
        return best

    @staticmethod
    def _days_differ(event: Event, entry: _Entry | None) -> bool:
        """Both told with a day of their own (not inferred), and no two of those days agree."""
        span = _span(event)
        if entry is None or span is None or not entry.spans or _loose(event) or entry.loose:
            return False
        return not any(_spans_agree(span, other) for other in entry.spans)

    def _remember_copy(self, key: _CopyKey, event_id: str) -> None:
        told = self._copies.setdefault(key, [])
        if event_id not in told:
            told.append(event_id)
            self._copy_words.setdefault(_story_key(key), []).append((set(key[1].split()), key[3:5], event_id))

    def _fill(self, kept: _Entry, telling: Event, with_date: bool = True) -> str | None:
        """Give ``kept`` what ``telling`` states and it lacks (a place and a date come whole; the
        operation a later telling names becomes one of its anchors)."""
        named = None if kept.operation else named_act(kept.type, telling.evidence, telling.source)
        self._name(kept, named)
        fields = _lacking(kept, telling)
        if with_date and kept.date is None and telling.date is not None:
            fields.update({name: getattr(telling, name) for name in _DATE})
        self._give(kept, fields)
        return named

    def _name(self, kept: _Entry, named: str | None) -> None:
        """``kept`` is the act ``named`` (an operation a telling of it named): one of its anchors."""
        if not named:
            return
        kept.operation = named
        bucket = self._by_anchor.setdefault((family(kept.type), "operation", named), [])
        if kept not in bucket:
            bucket.append(kept)

    def _give(self, kept: _Entry, fields: dict[str, Any]) -> None:
        """Set what a telling supplied on ``kept``, on its pending event or for ``flush`` to write."""
        if not fields:
            return
        for name, value in fields.items():
            if hasattr(kept, name):
                setattr(kept, name, value)
        if kept.id in self._pending:  # events not yet written go in with the values above
            for name, value in fields.items():
                setattr(self._pending[kept.id], name, value)
        else:
            self._filled.setdefault(kept.id, {}).update(fields)
        if "location" in fields or "mode" in fields:
            fam = family(kept.type)
            for key in _anchors(kept):
                bucket = self._by_anchor.setdefault((fam, *key), [])
                if kept not in bucket:
                    bucket.append(kept)

    def _absorb_named(self, named: _Entry) -> None:
        """A dated event a telling has just named (its operation) absorbs the undated events it
        is now the one fit of (``_absorbable``)."""
        for other in self._absorbable(named):
            self._absorb(named, other)

    def _absorbable(self, kept: _Entry) -> list[_Entry]:
        """The undated events ``kept`` has just become the one dated act of, by the operation a
        telling of it named: an undated row formed before any dated telling named its operation
        ("Russia's Operation Thunder against Ukraine") and a dated row the naming telling joined
        later are one act when they have the very same sides, nothing sets them apart
        (``_presupposes``) and no other dated event of those sides fits the undated one."""
        if kept.negated or kept.operation is None or _undated(kept):
            return []
        found = []
        for other in self._by_anchor.get((family(kept.type), "operation", kept.operation), ()):
            if other is kept or other.negated or not _undated(other) or other.id in self._absorbed:
                continue
            if _sides_key(other) != _sides_key(kept) or not _presupposes(other, kept):
                continue
            if any(o is not kept and o.spans and _presupposes(other, o) for o in self._of_sides(other)):
                continue  # it fits another dated act as well: not told which one
            found.append(other)
        return found

    def _absorb(self, kept: _Entry, gone: _Entry) -> None:
        """Make ``gone`` part of ``kept``: its tellings move to it, it gives what ``kept`` lacks
        (never a date: it has none), and the merger holds it no more. A stored one is deleted by
        ``flush`` (``Store.absorb_events``); a pending one is never written."""
        pending = self._pending.pop(gone.id, None)
        if pending is not None:
            self._new = [e for e in self._new if e.id != gone.id]
            self._attach.extend((kept.id, s) for s in pending.sources)
        else:
            self._absorbed[gone.id] = kept.id
            self._filled.pop(gone.id, None)  # its own fields go with it; those kept lacks follow
        self._absorbed = {k: kept.id if v == gone.id else v for k, v in self._absorbed.items()}
        self._attach = [(kept.id if i == gone.id else i, s) for i, s in self._attach]
        for told in self._copies.values():
            told[:] = list(dict.fromkeys(kept.id if i == gone.id else i for i in told))
        for said in self._copy_words.values():
            said[:] = [(w, sides, kept.id if i == gone.id else i) for w, sides, i in said]
        self._unindex(gone)
        kept.told(gone)
        self._give(kept, _lacking(kept, gone))

    def _unindex(self, item: _Entry) -> None:
        self._by_id.pop(item.id, None)
        for index in (self._by_day, self._by_anchor, self._by_sides):
            for bucket in index.values():
                if item in bucket:
                    bucket.remove(item)

    def flush(self) -> None:
        """Write what ``add`` collected: new events with their sources, then attached sources,
        then the stored events found to be others (``_absorb``)."""
        with self.store.write():
            self.store.add_events(self._new)
            _attach(self.store, self._attach)
            _fill_stored(self.store, self._filled)
            self.store.absorb_events(self._absorbed)
        self._new, self._attach, self._filled, self._pending = [], [], {}, {}
        self._absorbed = {}


def _lacking(kept: _Entry, telling: Any) -> dict[str, Any]:
    """What ``telling`` states of ``_FILLED`` that ``kept`` lacks (a place comes whole)."""
    fields: dict[str, Any] = {}
    for name in _FILLED:
        if name in _PLACE and not _missing(kept.location):
            continue
        value = getattr(telling, name, None)
        if _missing(getattr(kept, name, None)) and not _missing(value):
            fields[name] = value
    return fields


def _presupposes(undated: Any, dated: Any) -> bool:
    """An undated telling ("the US strikes on Iran's nuclear facilities", "the Russian drone raid
    on Odesa") may be the dated act ``dated``: the same type family and the very same sides,
    nothing stated that sets them apart (means, another named place, operation, toll), and
    something positive they agree on: the operation named, the place (one's site named in the
    other's sentence counts; not a capital, see ``_same_town_or_site``), the kind of installation aimed at
    (``_same_kind_of_target``), the same coalition of doers (``_same_coalition``), or, when the
    undated one is a passing reference to a done act, the means. The merger joins them only when
    that act is the one such dated act (``Merger._sole_fit``)."""
    if _undated(dated) or not _undated(undated) or family(undated.type) != family(dated.type):
        return False
    if not (undated.source and undated.target) or _actors_agree(undated, dated) != 2:
        return False  # a telling missing a side agrees with any other missing it
    if _both(undated) != _both(dated) or not _amounts_agree(undated, dated):
        return False
    if _modes_conflict(undated, dated, 2) or _places_conflict(undated, dated):
        return False
    if _sites(undated) and _sites(dated) and not _same_place(undated, dated):
        return False  # placed at two named places: "struck Kyiv" is not "struck Lviv"
    op_a, op_b = _operation(undated), _operation(dated)
    if op_a and op_b:
        return op_a == op_b
    # the means alone are enough only for a passing reference to a done act ("the US air strikes")
    same_means = bool(undated.mode and undated.mode == dated.mode and undated.mode not in _OUTCOME_MODES)
    return (
        (same_means and _a_reference(undated))
        or _same_coalition(undated, dated)
        or _same_town_or_site(undated, dated)
        or _same_kind_of_target(undated, dated)
    )


def _same_town_or_site(a: Any, b: Any) -> bool:
    """Told at one place (as ``_same_place``) that is not a capital: "Moscow" and "Kyiv" name
    governments as often as cities ("Kyiv will answer", "a threat to Moscow"), so a capital named
    in both tellings does not tell that they are one act."""
    mine = {p for p in _sites(a) if not _capital(p)}
    theirs = {p for p in _sites(b) if not _capital(p)}
    return bool(mine & theirs) or _named_in(mine, _texts(b)) or _named_in(theirs, _texts(a))


@functools.lru_cache(maxsize=4096)
def _capital(place: str) -> bool:
    found = lookup(place)
    return found is not None and found.kind == "capital"


# A side of this many named parties is told alike by chance only rarely.
_COALITION = 3


def _same_coalition(a: Any, b: Any) -> bool:
    """The same side of several named parties, not both ways ("Brazil, India and South Africa
    abstained" and, undated, "India, Brazil and South Africa abstained on it"): the very same
    three or more states acting together is itself something the tellings agree on."""
    return not (_both(a) or _both(b)) and len(set(a.source)) >= _COALITION and set(a.source) == set(b.source)


def _a_reference(e: Any) -> bool:
    """Told by a noun phrase as a known, done act ("the Russian drone raid on Odesa", "after the
    strikes"), not as news of its own; an event held by the merger is one when any of its
    tellings is."""
    if isinstance(e, _Entry):
        return e.referenced
    attrs = e.attrs if isinstance(e.attrs, dict) else {}
    return bool(attrs.get("presupposed") or attrs.get("nominal"))


# The kind of place an act aimed at, by the word before a noun for installations: "Iran's nuclear
# facilities", "three nuclear sites", "an air base". The word, not the noun, tells the kind.
_KIND_OF_TARGET = re.compile(
    r"\b([a-z]{3,})\s+(?:sites?|facilit(?:y|ies)|installations?|plants?|bases?|ports?|depots?|refiner(?:y|ies))\b"
)
_NOT_A_KIND = {
    "the",
    "its",
    "their",
    "his",
    "her",
    "our",
    "three",
    "two",
    "several",
    "many",
    "other",
    "those",
    "these",
}


def _kinds_of_target(texts: list[str]) -> set[str]:
    return {m.group(1) for t in texts for m in _KIND_OF_TARGET.finditer(t.lower())} - _NOT_A_KIND


def _same_kind_of_target(a: Any, b: Any) -> bool:
    """Both tellings name the same kind of installation as the aim ("the US strikes on Iran's
    nuclear sites" and "US bombers hit three nuclear facilities"; not "the air base" and "the
    nuclear sites"): one of the sentences of each."""
    return bool(_kinds_of_target(_texts(a)) & _kinds_of_target(_texts(b)))


def _placed_match(event: Event, fits: list[_Entry]) -> _Entry | None:
    """An undated telling that fits several events joins the one told at its place or under its
    operation ("the missile strike on the Soroka hospital" among the undated strikes of those
    sides, one of which was told at Soroka); told at no such place, the undated act of its sides
    told by its means (not one told by no means, which fits any); among several, the one with the
    very same sides (not one whose telling missed a side: "Israel accused Iran of violating the
    truce" coded with no target); otherwise it fits several and stays apart."""
    op = _operation(event)
    placed = [o for o in fits if (op and op == _operation(o)) or _same_place(event, o)]
    if not placed:
        # the undated act of its sides told by its means, not one told by no means
        placed = [o for o in fits if event.mode and o.mode == event.mode and not o.spans]
    if len(placed) > 1:
        placed = [o for o in placed if _actors_agree(event, o) == 2]
    return placed[0] if len(placed) == 1 else None


class _Told:
    """The fields of a stored telling that make its copy key."""

    __slots__ = ("mode", "source", "target", "type")

    def __init__(self, type_: str, source: list[str], target: list[str], mode: str | None):
        self.type, self.source, self.target, self.mode = type_, source, target, mode


def _sides(e: Any) -> set[str]:
    """Every actor of an event: tellings whose actors agree share at least one of them."""
    return {*e.source, *e.target} or {""}


def _sides_key(e: Any) -> tuple[Any, ...]:
    return (family(e.type), tuple(sorted(e.source)), tuple(sorted(e.target)))


def _anchors(e: Any) -> list[tuple[Any, ...]]:
    """The keys under which an undated telling may find the event (see ``_anchored``)."""
    keys: list[tuple[Any, ...]] = []
    op = _operation(e)
    if op:
        keys.append(("operation", op))
    if _undated(e):  # where an undated telling without means meets one with (see ``_anchored``)
        keys.append(("sides", e.type, tuple(sorted(e.source)), tuple(sorted(e.target))))
    if e.mode:
        sides = (tuple(sorted(e.source)), tuple(sorted(e.target)))
        keys.append(("means", e.type, e.mode, *sides))
        if where := _where(e):
            keys.append(("place", where, e.mode, *sides))
    return keys


def merge_events(store: Store, events: Sequence[Event], document: Document | None = None) -> list[str]:
    """Store a document's events, attaching each to an already stored event from another
    document when they are the same; returns the ids the events ended up under."""
    merger = Merger(store)
    ids = merger.add(events, document)
    merger.flush()
    return ids


def _attach(store: Store, attach: list[tuple[str, EventSource]]) -> None:
    """Add more tellings to stored events in one insert, then recount their sources."""
    store.attach_sources(attach)


def _fill_stored(store: Store, filled: dict[str, dict[str, Any]]) -> None:
    """Write what later tellings added to stored events; their ladder rule is worked out again."""
    store.fill_events(filled)
