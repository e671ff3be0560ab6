"""The phrase grammar: every actor mention in a plain string, from the gazetteer's phrases.

A small grammar over gazetteer phrases ("Pakistan's NSA, Lt General Asim Malik",
"Indian jets", "the Prime Minister of Pakistan"): at each phrase the gazetteer
indexes, a rule led by the phrase's type (state, title, rank, person, body,
sector noun, militant noun) reads on and returns the span and the actor it
names, with offices resolved as of a date. The gazetteer itself (the data, its
phrase index and the dated-office lookups) is ``offramp.ontology.actors``; the
"actors" stage (``offramp.extract.actors``) adds what needs the parse.

    from offramp.extract.phrases import find_actors, grammar
    find_actors("Indian jets struck ...", when)      # [ActorMention(code='IND', sector='MIL', ...)]
    grammar().resolve("Pakistan's NSA", when)         # ActorMatch(code='PAK', person=...)

See docs/gazetteer.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from ..ontology.actors import (
    FORMER_SECTOR,
    FORMER_WORDS,
    UNNAMED_MILITANTS,
    ActorMatch,
    Gazetteer,
    PhraseEntry,
    Token,
    load_gazetteer,
    tokenize,
)
from ..ontology.calendar import MONTH_NAMES, WEEKDAY_NAMES
from ..records import Actor, ActorMention

__all__ = ["PhraseGrammar", "find_actors", "grammar"]

_WORD_RE = re.compile(r"\w")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_GOVERNMENT = frozenset({"administration", "government", "cabinet", "regime"})
_STATE_TYPES = ("state", "adj", "capital", "people")
_FORMER = FORMER_WORDS
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
    entries: list[PhraseEntry]

    def first(self, *types: str) -> PhraseEntry | None:
        return next((e for e in self.entries if e.type in types), None)


class PhraseGrammar:
    """The grammar over one gazetteer's phrases: ``find`` marks every actor mention in a text,
    ``resolve`` gives the actor a short phrase names, ``country_of`` the state it belongs to."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer

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

    def pieces(self, text: str) -> tuple[list[Token], list[_Piece | None]]:
        """Tokens, and at each token the longest gazetteer phrase starting there (or None)."""
        toks = tokenize(text)
        at: list[_Piece | None] = [None] * len(toks)
        first_words = self.gazetteer.phrases.root
        i = 0
        while i < len(toks):
            if toks[i].norm not in first_words:  # no phrase starts with this word
                i += 1
                continue
            j, entries = self.gazetteer.phrases.longest(toks, i, text)
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
                found = self._appositive(toks, at, i, text, when) if toks[i].cap else None
                if found is None:
                    i += 1
                    continue
            else:
                found = None if _leaning(toks, i) else self._compose(toks, at, piece, text, when)
            if found is None:
                i = piece.j if piece is not None else i + 1
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
    def _later_surnames(toks: Sequence[Token], found: list[ActorMention], text: str) -> list[ActorMention]:
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
        if "region" in types:
            return self._region_led(toks, at, piece)
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
            return at[k].j, self.gazetteer.person(self._pick_person(at[k], when), when)
        return None

    def _person_led(self, toks, at, piece: _Piece, when):
        """A listed person; "the Trump administration", "the Modi government" are their state's government."""
        m = self.gazetteer.person(self._pick_person(piece, when), when)
        k = piece.j + (piece.j < len(toks) and toks[piece.j].norm == "'s")
        nxt = at[k] if k < len(toks) else None
        if m.country and nxt is not None and " ".join(t.norm for t in toks[k : nxt.j]) in _GOVERNMENT:
            state = self.gazetteer.actors[m.country]
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
            offices = self.gazetteer.offices.get(code, [])
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

    def _state_of(self, entry: PhraseEntry) -> ActorMatch:
        actor = self.gazetteer.actors[entry.ref]
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
            own = self.gazetteer.person(self._pick_person(at[kk], when), when)
            if own.country == code:
                return at[kk].j, self._make_former(own, when) if former else own
        # a state's own council or court: "Armenia's Security Council", "the Ukrainian National ... Council"
        body = self._own_body(toks, at, k, text)
        if body is not None:
            end, sector, name = body
            return end, replace(base, sector=sector, attrs={**base.attrs, "body": name})
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

    def _shared_body_name(self, piece: _Piece | None, toks, text: str) -> bool:
        """ "Security Council", "General Assembly": an international body's alias that states also use
        for a body of their own (a plain institutional name ending in a body noun, with no acronym and
        not the body's full name), so a state or a longer name before it makes it the state's."""
        if piece is None:
            return False
        e = piece.first("org")
        if e is None or self.gazetteer.actors[e.ref].kind != "igo":
            return False
        words = toks[piece.i : piece.j]
        surface = text[words[0].start : words[-1].end]
        return (
            words[-1].norm in _BODY_HEADS
            and not any(t.raw.replace(".", "").isupper() for t in words)
            and surface != self.gazetteer.actors[e.ref].name
        )

    def _body_prefix(self, toks, at, piece: _Piece, text: str) -> str | None:
        """Rule own_body, a longer name: capitalised words no phrase claims right before an international
        body's shared name ("the Supreme National Security Council") make it another body; its name."""
        if not self._shared_body_name(piece, toks, text):
            return None
        i = piece.i
        while (
            i > 0
            and at[i - 1] is None
            and toks[i - 1].cap
            and toks[i - 1].raw.isalpha()
            and toks[i - 1].norm not in _NOT_BODY_WORDS
            and toks[i - 1].norm not in _NOT_NAMES
        ):
            i -= 1
        if i == piece.i:
            return None
        return text[toks[i].start : toks[piece.j - 1].end]

    def _own_body(self, toks, at, k: int, text: str) -> tuple[int, str | None, str] | None:
        """Rule own_body: after a state's name, adjective or possessive, a capitalised name ending in a
        body noun ("Armenia's Security Council", "Iran's Supreme National Security Council", "the
        Ukrainian National Security and Defense Council") is that state's own body, not the
        international body one of its words may name. Returns (end, sector of the head noun, name)."""
        pos, end, words = k, None, 0
        while pos < len(toks) and pos - k < _MAX_BODY_NAME:
            t, piece = toks[pos], at[pos]
            if self._shared_body_name(piece, toks, text):
                pos = piece.j
                end, words = pos, words + 1
            elif (
                t.cap
                and t.raw.isalpha()
                and t.norm not in _NOT_BODY_WORDS
                and (piece is None or all(e.type in ("sector", "title") for e in piece.entries))
            ):
                pos = piece.j if piece is not None else pos + 1
                words += 1
                if toks[pos - 1].norm in _BODY_HEADS:
                    end = pos
            elif words and t.norm in _NAME_JOINERS and not t.cap:
                pos += 1
            else:
                break
        if end is None or (end < len(toks) and toks[end].norm in _SEAT_NOUNS):
            return None
        sector = self.gazetteer.sector_of(toks[end - 1].norm) or "GOV"
        return end, sector, text[toks[k].start : toks[end - 1].end]

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
                    return at[k2].j, self.gazetteer.role_match(rk, e.ref, when, former)
        n = self._skip(toks, at, k, (",",))
        while n < len(toks) and at[n] is not None and at[n].first("rank") and not at[n].first("person"):
            n = at[n].j
        if n < len(toks) and at[n] is not None and at[n].first("person"):
            m = self.gazetteer.person(self._pick_person(at[n], when, role_key), when, role_key)
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
                base = self.gazetteer.role_match(role_key, owner, when, former, lookup=False)
                if base.code:
                    held = self._held_by_name(name, role_key, owner)
                    if held is not None:
                        return name_end, self.gazetteer.person(held, when, role_key)
                    return name_end, replace(
                        base, kind="person", name=name, person=name, attrs={**base.attrs, "unlisted": True}
                    )
                if (
                    not former
                    and self.gazetteer.roles[role_key].sector in ("GOV", "MIL")
                    and role_key not in _LEADERS
                ):
                    # "Culture Minister Miki Zohar": whose minister, the text before says (see find)
                    attrs = {"unlisted": True, "owner_from_context": True}
                    return name_end, replace(
                        base, code=_PENDING, kind="person", name=name, person=name, attrs=attrs
                    )
        base = self.gazetteer.role_match(role_key, owner, when, former)
        return tp.j, base

    def _appositive(self, toks, at, i: int, text: str, when):
        """Rule appositive_title: "Majed Al-Ansari, the foreign ministry spokesman, condemned ...": a name
        no phrase claims, then a comma and an office (not one the name serves: "adviser to the Prime
        Minister") is that office's holder; the state is the one the apposition names, else the one the
        text before gives, as for a title with no state (find, _owner_from_context)."""
        if i > 0 and (toks[i - 1].cap or toks[i - 1].norm in _PLACE_PREPS or toks[i - 1].norm == "-"):
            return None
        n, words = i, 0
        while n < len(toks) and at[n] is None and n - i < _MAX_APPOSITIVE_NAME:
            t = toks[n]
            if t.cap and t.raw.isalpha() and t.norm not in _NOT_NAMES and not t.raw.isupper():
                words += 1
            elif not (
                words
                and n + 1 < len(toks)
                and toks[n + 1].cap
                and (t.norm == "-" or t.norm in _NAME_PARTICLES)
            ):
                break
            n += 1
        if words < 2 or n >= len(toks) or toks[n].norm != ",":
            return None
        end = n + 1
        while end < len(toks) and end - n <= _MAX_APPOSITION and toks[end].norm not in _APPOSITION_ENDS:
            end += 1
        if end - n > _MAX_APPOSITION:
            return None
        owner, role_key, end_title = None, None, end
        k = n + 1
        while k < end:
            piece = at[k]
            if piece is None:
                k += 1
                continue
            state = piece.first(*_STATE_TYPES)
            if state is not None and owner is None and self.gazetteer.actors[state.ref].kind == "state":
                owner = state.ref
            prev = next((t.norm for t in reversed(toks[n + 1 : k]) if t.norm not in _DETS), ",")
            if role_key is None and piece.first("title") and prev not in _SERVED_PREPS:
                role_key, end_title = self._title_for(piece, owner), piece.j
            k = piece.j
        if role_key is None:
            return None
        name = text[toks[i].start : toks[n - 1].end]
        base = self.gazetteer.role_match(role_key, owner, when, False, lookup=False)
        if base.code:
            held = self._held_by_name(name, role_key, owner)
            if held is not None:
                return end_title, self.gazetteer.person(held, when, role_key)
            return end_title, replace(
                base, kind="person", name=name, person=name, attrs={**base.attrs, "unlisted": True}
            )
        if self.gazetteer.roles[role_key].sector not in ("GOV", "MIL") or role_key in _LEADERS:
            return None
        attrs = {"unlisted": True, "owner_from_context": True}
        return end_title, replace(base, code=_PENDING, kind="person", name=name, person=name, attrs=attrs)

    def _held_by_name(self, name: str, role_key: str, owner: str | None) -> str | None:
        """A listed holder of the role whose surname ends the written name ("President Trump")."""
        last = name.split()[-1].lower()
        for code, offices in self.gazetteer.offices.items():
            actor = self.gazetteer.actors[code]
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
        actor = self.gazetteer.actors[e.ref]
        k = piece.j
        if k < len(toks) and toks[k].norm == "'s":
            k += 1
        # "UN Secretary-General Antonio Guterres", "IMF chief"
        if k < len(toks) and at[k] is not None and at[k].first("title"):
            role_key = self._title_for(at[k], None)
            if role_key is not None:
                return self._title_then_name(toks, at, at[k], role_key, actor.code, text, when, False)
        base = self._org_match(actor)
        prefix = self._body_prefix(toks, at, piece, text)
        if prefix is not None:
            # "the Supreme National Security Council": a longer name than the UN's body; its state is
            # read from the text before, as for a title with no state (find, _owner_from_context)
            return piece.j, ActorMatch(code=_PENDING, kind="state", name=prefix, sector="GOV",
                                       attrs={"body": prefix, "owner_from_context": True})  # fmt: skip
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
                pm = self.gazetteer.person(at[n].first("person").ref, when)
                return at[n].j, replace(pm, attrs={**pm.attrs, "affiliation": actor.code})
        return piece.j, base

    def _region_led(self, toks, at, piece: _Piece):
        """Rule region_as_body: a place name the gazetteer lists as standing for a body ("Europe" for
        the EU) names it as an actor ("Europe asked Iran to resume talks", "Europe and the US urged
        restraint") but not as a place: after a preposition ("in Europe", "the Minister for Europe"),
        with a compass or extent word before it ("Eastern Europe", "continental Europe"), as the
        first part of a compound ("Europe-wide") or before a superlative ("Europe's largest plant")."""
        e = piece.first("region")
        assert e is not None
        before = toks[piece.i - 1].norm if piece.i > 0 else ""
        after = [t.norm for t in toks[piece.j : piece.j + 2]]
        if (
            before in _PLACE_PREPS
            or before in _REGION_PREPS
            or _COMPASS.fullmatch(before)
            or before in _EXTENT_WORDS
            or after[:1] == ["-"]
            or (after[:1] == ["'s"] and len(after) > 1 and _SUPERLATIVE.fullmatch(after[1]))
        ):
            return piece.j, None
        m = self._org_match(self.gazetteer.actors[e.ref])
        return piece.j, replace(m, attrs={**m.attrs, "metonym": "region"})

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
                if e is not None and self.gazetteer.actors[e.ref].kind == "state":
                    base = self._state_of(e)
                    return at[n].j, replace(base, sector=sector)
        return None

    def country_of(self, name: str) -> str | None:
        """The state a name, adjective, capital or body belongs to ("Islamabad" -> "PAK")."""
        m = self.resolve(name)
        return m.country if m else None


# Capitalised words after a title that do not start a name ("the Prime Minister's Office", "on Monday").
_NOT_NAMES = (
    _words(
        "office secretariat house ministry department division cabinet council committee said says told "
        "on in at and the of for to"
    )
    | frozenset(WEEKDAY_NAMES)
    | frozenset(MONTH_NAMES)
)
# Rule own_body: the nouns that end the name of a council, court or assembly, the small words
# inside such a name, the capitalised words that never start one, and the nouns after a body's
# name that make it a modifier ("Russia's Security Council seat" is the UN's).
_BODY_HEADS = _words(
    "council councils court courts assembly commission committee tribunal parliament senate congress"
)
_NAME_JOINERS = _words("and of for on")
_NOT_BODY_WORDS = _words("the a an this that") | frozenset(WEEKDAY_NAMES) | frozenset(MONTH_NAMES)
_SEAT_NOUNS = _words(
    "seat seats veto vetoes vote votes resolution resolutions membership presidency member members "
    "ally allies partner partners colleagues"
)
_MAX_BODY_NAME = 8
# Rule appositive_title: small words inside a name ("Majid bin Mohammed Al-Ansari"), what ends an
# apposition, the prepositions that make a title the office served ("adviser to the Prime Minister"),
# and how long a name and an apposition may be (tokens).
_NAME_PARTICLES = _words("bin bint ibn al el de da van von der abu")
_APPOSITION_ENDS = frozenset({",", ".", ";", ":", "(", ")", '"', "“", "”"})
_SERVED_PREPS = _words("to for of with by from at")
_MAX_APPOSITIVE_NAME = 7
_MAX_APPOSITION = 14
# Rule region_as_body: what makes a region's name a place ("for Europe", "Eastern Europe", "Europe's
# biggest"): prepositions beyond _PLACE_PREPS, compass and extent words before it, superlatives after.
_REGION_PREPS = _words("of for throughout through beyond about")
_COMPASS = re.compile(
    r"(north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(ern)?"
)
_EXTENT_WORDS = _words("continental mainland wider greater whole all rest")
_SUPERLATIVE = re.compile(
    r"most|first|only|largest|biggest|oldest|longest|highest|greatest|strongest|richest|deadliest|worst|best|leading|top"
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


def _leaning(toks: Sequence[Token], i: int) -> bool:
    """ "the pro-Iranian Hizbollah", "anti-American protesters": the state is what they lean to or
    against, not who they are."""
    return (
        i >= 2
        and toks[i - 1].norm == "-"
        and toks[i - 2].norm in _LEANINGS
        and toks[i - 2].end == toks[i - 1].start
    )


def _modifies_next(toks: Sequence[Token], at: Sequence[_Piece | None], piece: _Piece) -> bool:
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


@lru_cache(maxsize=8)
def _grammar_for(gazetteer: Gazetteer) -> PhraseGrammar:
    return PhraseGrammar(gazetteer)


def grammar(gazetteer: Gazetteer | None = None) -> PhraseGrammar:
    """The grammar over ``gazetteer`` (default: the one in use, ``load_gazetteer()``), built once."""
    return _grammar_for(gazetteer if gazetteer is not None else load_gazetteer())


def find_actors(
    text: str, when: dt.date | None = None, gazetteer: Gazetteer | None = None
) -> list[ActorMention]:
    """Every actor mention in ``text``, offices as of ``when`` (``PhraseGrammar.find``)."""
    return grammar(gazetteer).find(text, when)
