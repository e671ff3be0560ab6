"""Event coding: trigger words and the dependency parse -> PLOVER type, mode, actors, certainty.

A sentence is coded in three steps. ``find_triggers`` looks up every verb and
noun in the lexicon (``ontology/data/event_lexicon.yaml``), lets light verbs
("launched strikes", "held talks") and phrases ("call for", "shoot down") refine
them, and reads each trigger's modality: negation ("did not attack"),
hedges ("reportedly", "claimed to have", "according to"), irrealis ("could",
"plans to", "the next attack") and commitment ("will support" is AGREE,
"would respond" is THREATEN, as PLOVER codes future acts). ``trigger_actors``
reads source and target actors off the parse (subject, ``by``/``from``
phrases, objects and prepositional objects; passives turned round).
``code_of`` adds the quad class, CAMEO root and PLOVER score.

Nothing here knows a particular crisis: the document-level rules (the crisis
dyad, retaliation targets) live in ``events.py``.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..ontology import plover
from ..ontology.lang import word_list
from ..ontology.yamlfiles import shipped_yaml

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "Code",
    "Lexicon",
    "RoleWords",
    "TokenArrays",
    "Trigger",
    "advance_notice",
    "code_of",
    "find_triggers",
    "home_source",
    "home_target",
    "load_lexicon",
    "load_role_words",
    "main_trigger",
    "sentence_actors",
    "sponsor_roles",
    "token_arrays",
    "trigger_actors",
]


_SUBJ = {"nsubj", "csubj", "expl"}
_PASS_SUBJ = {"nsubjpass", "csubjpass"}
_OBJ = {"dobj", "dative", "attr", "oprd", "obj"}
_ARG_DEPS = {"dobj", "pobj", "xcomp", "ccomp", "acl", "pcomp", "attr", "oprd", "dative", "nsubjpass"}
_TARGET_PREPS = word_list("grammar", "target_preps")
_MODAL_IRREALIS = word_list("grammar", "modal_irrealis")
_LEADS_TO = word_list("grammar", "leads_to")
_FUTURE = word_list("grammar", "future")
_SPEECH = word_list("grammar", "speech")
_PRONOUNS = word_list("grammar", "pronouns")
_GENERIC_GIVE = word_list("grammar", "generic_give")
_AID_WORDS = word_list("grammar", "aid_words")
_PLANNED = word_list("grammar", "planned")
_NESTING_PREPS = word_list("grammar", "nesting_preps")
_MONEY_VERBS = word_list("grammar", "money_verbs")
_VERBS_READ_BY_RULE = _MONEY_VERBS | {"receive"}  # triggers only in the constructions coded below
_MONEY_WORDS = word_list("grammar", "money_words")
# Who is received as a visitor ("received the Saudi minister"), as against a call, aid or a report
_HOSTED = word_list("grammar", "hosted")
_CONFLICT_MATERIAL = plover.MATERIAL_CONFLICT
_NESTING_TYPES = plover.SPEECH_ACTS
# Verbs that report what others did or said: their own subject is not the actor of what they govern.
_REPORTING = _SPEECH | {
    "describe",
    "welcome",
    "report",
    "claim",
    "allege",
    "confirm",
    "note",
    "call",
    "condemn",
}


@dataclass(eq=False)
class Lexicon:
    verbs: dict[str, str]
    nouns: dict[str, str]
    light_verbs: frozenset[str]
    light_overrides: dict[str, dict[str, str]]
    phrases: dict[str, str]
    weapons: dict[str, str]
    hedges: dict[str, str]
    irrealis: frozenset[str]
    commissive: frozenset[str]
    threat_cues: frozenset[str]
    both_ways: frozenset[str]
    militant_nouns: frozenset[str]
    measure_nouns: frozenset[str] = frozenset()

    @functools.cached_property
    def max_phrase(self) -> int:
        return max(len(p.split()) for p in self.phrases)

    @functools.cached_property
    def phrase_last(self) -> frozenset[str]:
        """Last words of multi-word phrases: only these can end a noun phrase trigger."""
        return frozenset(p.split()[-1] for p in self.phrases)

    @functools.cached_property
    def phrase_first(self) -> frozenset[str]:
        return frozenset(p.split()[0] for p in self.phrases)

    @functools.cached_property
    def any_word(self) -> frozenset[str]:
        """Every word that can start or head a trigger; others are skipped at once."""
        return frozenset(
            set(self.verbs)
            | set(self.nouns)
            | self.phrase_last
            | self.phrase_first
            | {"retaliatory", "operation"}
        )


@functools.cache
def load_lexicon() -> Lexicon:
    """The packaged lexicon, read once per process."""
    raw: dict[str, Any] = shipped_yaml("offramp.ontology", "data", "event_lexicon.yaml")
    return Lexicon(
        verbs={k.lower(): v for k, v in raw["verbs"].items()},
        nouns={k.lower(): v for k, v in raw["nouns"].items()},
        light_verbs=frozenset(raw["light_verbs"]),
        light_overrides=raw.get("light_overrides", {}),
        phrases={k.lower(): v for k, v in raw["phrases"].items()},
        weapons=raw["weapons"],
        hedges=raw["hedges"],
        irrealis=frozenset(raw["irrealis"]),
        commissive=frozenset(raw["commissive"]),
        threat_cues=frozenset(raw["threat_cues"]),
        both_ways=frozenset(raw["both_ways"]),
        militant_nouns=frozenset(raw["militant_nouns"]),
        measure_nouns=frozenset(raw.get("measure_nouns", ())),
    )


@dataclass(frozen=True)
class RoleWords:
    """The word lists of the role rules (``ontology/data/roles.yaml``), one per rule."""

    denial_verbs: frozenset[str]
    claim_nouns: frozenset[str]
    noncommittal_verbs: frozenset[str]
    commentators: frozenset[str]
    judging_verbs: frozenset[str]
    naming_verbs: frozenset[str]
    judgement_words: frozenset[str]
    act_nouns: frozenset[str]
    enact_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    threat_words: frozenset[str]
    abstain_verbs: frozenset[str]
    decision_nouns: frozenset[str]
    nobody_in_particular: frozenset[str]
    seeking_nouns: frozenset[str]
    debunking_words: frozenset[str]
    verdict_verbs: frozenset[str]
    breach_nouns: frozenset[str]
    base_nouns: frozenset[str]
    interception_verbs: frozenset[str]
    operate_verbs: frozenset[str]
    notice_verbs: frozenset[str]
    advance_words: frozenset[str]
    forewarning_verbs: frozenset[str]
    object_control_verbs: frozenset[str]
    role_nouns: frozenset[str]
    motion_nouns: frozenset[str]
    sponsor_verbs: frozenset[str]
    force_nouns: frozenset[str]
    held_verbs: frozenset[str]
    proposal_nouns: frozenset[str]
    unacceptable_words: frozenset[str]
    cause_nouns: frozenset[str]
    backing_nouns: frozenset[str]


@functools.cache
def load_role_words() -> RoleWords:
    """The packaged role word lists, read once per process."""
    raw: dict[str, Any] = shipped_yaml("offramp.ontology", "data", "roles.yaml")
    return RoleWords(**{f: frozenset(raw[f]) for f in RoleWords.__dataclass_fields__})


def _split(code: str) -> tuple[str, str | None]:
    event, _, mode = code.partition(":")
    return event, mode or None


@dataclass
class Trigger:
    """One event trigger in a sentence and how the sentence frames it."""

    token: Token
    type: str
    mode: str | None = None
    nominal: bool = False
    words: list[Token] = field(default_factory=list)
    light: Token | None = None
    negated: bool = False
    certainty: str = "asserted"
    irrealis: bool = False
    commissive: bool = False
    both_ways: bool = False
    nested_in: Trigger | None = None
    weapons: list[str] = field(default_factory=list)
    # "X said Y must ...": the verb of saying, whose subject makes the demand (rule must_request_roles)
    said_by: Token | None = None
    # "parliament voted to suspend ...": the vote that enacts this act, whose subject acts (rule enacted_act)
    enacted_by: Token | None = None
    # "the resolution, drafted by A and B": the motion its sponsors back (rule sponsors_of_a_motion)
    motion: Token | None = None
    # the backing an attack is blamed on in a statement (rule backing_is_blamed): its owner is accused
    blamed: bool = False
    # told inside another act but presupposed as done (rule presupposed_act in events.py)
    presupposed: bool = False
    # a meeting not held (rule meeting_not_held): a refusal between the meeting's parties
    called_off: bool = False

    @property
    def head(self) -> Token:
        """The token that carries the clause: the light verb for a nominal event under one."""
        return self.light if self.light is not None else self.token

    @property
    def text(self) -> str:
        toks = sorted(
            {*(w.i for w in self.words), self.token.i} | ({self.light.i} if self.light is not None else set())
        )
        doc = self.token.doc
        return " ".join(doc[i].text for i in toks)

    @property
    def depth(self) -> int:
        n, tok = 0, self.head
        while tok.head.i != tok.i and n < 50:
            tok, n = tok.head, n + 1
        return n


@dataclass(frozen=True)
class Code:
    type: str
    mode: str | None
    quad: int
    cameo_root: str | None
    score: float


def code_of(event_type: str, mode: str | None = None) -> Code:
    """Quad class, CAMEO root and PLOVER score of a type and mode."""
    valid_mode = mode if mode in plover.modes(event_type) else None
    return Code(
        type=event_type,
        mode=mode,
        quad=plover.quad_of(event_type),
        cameo_root=plover.plover_to_cameo_root(event_type, valid_mode),
        score=plover.score(event_type, valid_mode),
    )


# -- per-document arrays ---------------------------------------------------------


class TokenArrays:
    """A parse as plain lists, read once per ``Doc``: the rules look words, lemmas and
    heads up by token index instead of asking spaCy for a new ``Token`` each time."""

    __slots__ = ("_children", "dep", "doc", "head", "lemma", "lower", "pos")

    def __init__(self, doc: Doc):
        from spacy.attrs import DEP, HEAD, LEMMA, LOWER, POS

        strings = doc.vocab.strings
        rows = doc.to_array([HEAD, DEP, LEMMA, LOWER, POS])
        self.doc = doc
        # HEAD is an offset, stored unsigned: back to signed, then to the head's index
        self.head: list[int] = (
            [i + int(off) for i, off in enumerate(rows[:, 0].astype("int64"))] if len(doc) else []
        )
        self.dep: list[str] = [strings[int(x)] for x in rows[:, 1]] if len(doc) else []
        self.lemma: list[str] = [strings[int(x)].lower() for x in rows[:, 2]] if len(doc) else []
        self.lower: list[str] = [strings[int(x)] for x in rows[:, 3]] if len(doc) else []
        self.pos: list[str] = [strings[int(x)] for x in rows[:, 4]] if len(doc) else []
        self._children: list[list[int]] | None = None

    @property
    def children(self) -> list[list[int]]:
        """Each token's children, in text order."""
        if self._children is None:
            kids: list[list[int]] = [[] for _ in self.head]
            for i, h in enumerate(self.head):
                if h != i:
                    kids[h].append(i)
            self._children = kids
        return self._children

    def subtree(self, i: int) -> list[int]:
        """Token ``i``'s subtree in spaCy's order (left children's subtrees, the token, right ones)."""
        out: list[int] = []
        kids = self.children
        stack: list[tuple[int, bool]] = [(i, False)]
        while stack:
            node, expanded = stack.pop()
            if expanded or not kids[node]:
                out.append(node)
                continue
            below = kids[node]  # in text order: the left children, then the right ones
            k = bisect.bisect_left(below, node)
            stack.extend((c, False) for c in reversed(below[k:]))
            stack.append((node, True))
            stack.extend((c, False) for c in reversed(below[:k]))
        return out

    def ancestors(self, i: int, limit: int = 12) -> list[int]:
        out: list[int] = []
        head = self.head
        while head[i] != i and len(out) < limit:
            i = head[i]
            out.append(i)
        return out


# The arrays of the last few Docs: stages run one document at a time (claims also reads the
# pieces it re-parses), so a short list keeps memory flat however many documents pass.
_RECENT: list[TokenArrays] = []
_KEEP = 8


def token_arrays(doc: Doc) -> TokenArrays:
    """The arrays of ``doc``, built on first use."""
    for arrays in _RECENT:
        if arrays.doc is doc and len(arrays.head) == len(doc):  # (a retokenized Doc is read again)
            return arrays
    arrays = TokenArrays(doc)
    _RECENT.insert(0, arrays)
    del _RECENT[_KEEP:]
    return arrays


def _tokens_with(sent: Span, lemmas: Collection[str], pos: str) -> Iterator[Token]:
    """The tokens of ``sent`` with part of speech ``pos`` and a (lowercased) lemma in ``lemmas``, in
    text order: read off the doc's arrays, so no ``Token`` is made for the other words."""
    doc, arrays = sent.doc, token_arrays(sent.doc)
    pos_of, lemma_of = arrays.pos, arrays.lemma
    for i in range(sent.start, sent.end):
        if pos_of[i] == pos and lemma_of[i] in lemmas:
            yield doc[i]


# -- triggers ------------------------------------------------------------------


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _phrase_at(tok: Token, lex: Lexicon) -> tuple[str, list[Token]] | None:
    """A phrase starting at a verb: its particle or preposition ("call for"), or its object ("lift curfew")."""
    lemma = _lemma(tok)
    for child in tok.children:
        if child.dep_ in (
            "prt",
            "prep",
            "dobj",
            "acomp",
            "advmod",
            "attr",
            "nsubjpass",
            "pobj",
            "amod",
            "compound",
        ):
            if child.dep_ == "prep" and any(g.ent_type_ in ("DATE", "TIME") for g in child.children):
                continue
            key = f"{lemma} {_lemma(child)}"
            if key in lex.phrases:
                return lex.phrases[key], [child]
            if child.dep_ == "prep":
                if any(g.ent_type_ in ("DATE", "TIME") for g in child.children):
                    continue
                for grand in child.children:
                    k2 = f"{lemma} {_lemma(grand)}"
                    if grand.dep_ == "pobj" and k2 in lex.phrases:
                        return lex.phrases[k2], [child, grand]
    return None


def _noun_phrase(tok: Token, lex: Lexicon) -> tuple[str, list[Token]] | None:
    """A multi-word noun trigger ending at ``tok`` ("terror attack", "act of war", "hunger strike")."""
    doc = tok.doc
    if _lemma(tok) not in lex.phrase_last and tok.lower_ not in lex.phrase_last:
        return _of_phrase(tok, lex)
    for n in range(min(lex.max_phrase, 4), 1, -1):
        start = tok.i - n + 1
        if start < tok.sent.start:
            continue
        words = doc[start : tok.i + 1]
        key = " ".join(_lemma(w) for w in words)
        if key in lex.phrases:
            return lex.phrases[key], [w for w in words if w.i != tok.i]
        key2 = " ".join(w.lower_ for w in words)
        if key2 in lex.phrases:
            return lex.phrases[key2], [w for w in words if w.i != tok.i]
    return _of_phrase(tok, lex)


def _of_phrase(tok: Token, lex: Lexicon) -> tuple[str, list[Token]] | None:
    """ "act of war": the trigger is the head noun with an of-phrase."""
    if _lemma(tok) not in lex.phrase_first:
        return None
    for child in tok.children:
        if child.dep_ == "prep":
            for grand in child.children:
                key = f"{_lemma(tok)} {child.lower_} {_lemma(grand)}"
                if key in lex.phrases:
                    return lex.phrases[key], [child, grand]
    return None


def find_triggers(sent: Span, lex: Lexicon | None = None) -> list[Trigger]:
    """Every event trigger in a sentence, with its modality read; nested ones linked to their governor."""
    lex = lex or load_lexicon()
    doc = sent.doc
    arrays = token_arrays(doc)
    found: dict[int, Trigger] = {}
    taken: set[int] = set()
    any_word, lemmas, lowers = lex.any_word, arrays.lemma, arrays.lower
    for i in range(sent.start, sent.end):
        if i in taken:
            continue
        if lemmas[i] not in any_word and lowers[i] not in any_word and lemmas[i] not in _VERBS_READ_BY_RULE:
            continue  # what _trigger_at tests first, without making a Token
        tok = doc[i]
        trig = _trigger_at(tok, lex)
        if trig is not None:
            found[trig.token.i] = trig
            taken.update(w.i for w in trig.words if w.i > tok.i)
    for i in [i for i, t in found.items() if t.nominal and any(w.i in found for w in t.words)]:
        for w in found[i].words:
            if w.i in found and found[w.i].nominal:
                found.pop(w.i)  # "terror attack", "National Command Authority meeting": one trigger
    _compound_heads(found)
    # light verbs take over their trigger noun (object, or passive subject)
    phrase_words = {w.i for t in found.values() if not t.nominal for w in t.words}
    for i in [i for i, t in found.items() if t.nominal and i in phrase_words]:
        found.pop(i)  # "lift curfew": the noun is part of its verb's phrase
    for trig in list(found.values()):
        if not trig.nominal:
            continue
        noun = trig.token
        if noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head  # "undertook a mediation mission"
        while (
            noun.dep_ == "pobj" and noun.head.lower_ == "of" and _lemma(noun.head.head) in lex.measure_nouns
        ):
            noun = noun.head.head  # rule a_wave_of_strikes: "launched a wave of strikes" launches the strikes
        head = noun.head
        governor = head
        if noun.dep_ == "pobj" and head.dep_ == "prep":
            if head.lower_ not in ("in", "into", "under", "to"):
                continue
            governor = head.head
        if (
            governor.pos_ in ("VERB", "AUX")
            and _lemma(governor) in lex.light_verbs
            and noun.dep_ in ("dobj", "nsubjpass", "pobj", "attr", "nsubj")
            and governor.i != trig.token.i
        ):
            gov_trig = found.get(governor.i)
            if gov_trig is not None and (gov_trig.words or not _is_light_only(governor, lex)):
                continue
            found.pop(governor.i, None)
            trig.light = governor
            overrides = lex.light_overrides.get(_lemma(governor), {})
            override = overrides.get(trig.type) or overrides.get("*")
            if override:
                trig.type, trig.mode = _split(override)
    _must_requests(sent, found)
    _characterisations(sent, found)
    _verdicts(sent, found)
    _threats_in_speech(sent, found)
    _judgements_in_speech(sent, found)
    _failures(sent, found)
    _cancelled_meetings(found)
    _decision_deadlines(found)
    _defiant_responses(sent, found)
    _advance_notices(sent, found)
    _proposals_judged(sent, found)
    _backing_blamed(sent, found)
    _sponsored_motions(sent, found)
    _motions_against(sent, found)
    triggers = sorted(found.values(), key=lambda t: t.token.i)
    words = frozenset(lowers[sent.start : sent.end])
    by_tok = {t.token.i: t for t in triggers} | {t.light.i: t for t in triggers if t.light is not None}
    for trig in triggers:
        _modality(trig, lex, words)
        _link_nesting(trig, by_tok)
        trig.weapons = _weapons(trig, lex)
        if trig.type == "ASSAULT" and trig.mode is None and trig.weapons:
            trig.mode = lex.weapons[trig.weapons[0]]
    _merge_coordinated(triggers)
    _verbs_told_by_nouns(triggers)
    triggers = _enactments(sent, triggers)
    _refusals_by_abstention(triggers)
    _meetings_not_held(triggers)
    for trig in triggers:
        gov = trig.nested_in
        if gov is None:
            continue
        vow = gov.type == "AGREE" and not gov.nominal and plover.quad_of(trig.type) >= 3
        if vow and _lemma(gov.token) in ("vow", "pledge", "promise", "swear"):
            gov.type, gov.mode = "THREATEN", None  # "vowed to punish the attackers"
    return [t for t in triggers if t.type]


def _verbs_told_by_nouns(triggers: list[Trigger]) -> None:
    """ "Tourists were killed in the attack": an agentless verb and the noun it happens in are one event,
    and the noun, which can carry a place, date and perpetrator, tells it."""
    for trig in triggers:
        if not trig.nominal or trig.light is not None or trig.nested_in is not None:
            continue
        prep = trig.token.head
        if trig.token.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in ("in", "during"):
            continue
        verb = next((t for t in triggers if t.token.i == prep.head.i and not t.nominal), None)
        if verb is None or verb.type != trig.type or verb.nested_in is not None:
            continue
        has_actor_subject = any(c.dep_ in _SUBJ or c.dep_ == "agent" for c in verb.token.children)
        if has_actor_subject:
            trig.nested_in = verb
        else:
            verb.nested_in = trig


def _compound_heads(found: dict[int, Trigger]) -> None:
    """A trigger noun modifying another ("NCA meeting", "bomb attack") gives the head its reading."""
    for i, trig in list(found.items()):
        if not trig.nominal or trig.token.dep_ != "compound":
            continue
        head = trig.token.head
        if head.i in found and found[head.i].nominal:
            found[head.i].type, found[head.i].mode = trig.type, trig.mode
            found[head.i].words = [*found[head.i].words, trig.token, *trig.words]
            found.pop(i)
        elif head.pos_ in ("NOUN", "PROPN") and head.i not in found and trig.token.pos_ == "PROPN":
            found.pop(i)
            found[head.i] = Trigger(head, trig.type, trig.mode, nominal=True, words=[trig.token, *trig.words])


def _must_requests(sent: Span, found: dict[int, Trigger]) -> None:
    """ "X said that Y must do Z": a demand by X on Y (PLOVER REQUEST), whatever Z is."""
    arrays = token_arrays(sent.doc)
    for i in range(sent.start, sent.end):
        if arrays.dep[i] not in ("ccomp", "acl") or arrays.lemma[arrays.head[i]] not in _SPEECH | {
            "remind",
            "reminder",
            "warning",
        }:
            continue
        tok = sent.doc[i]
        if not any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in tok.children):
            continue
        found[tok.i] = Trigger(tok, "REQUEST", said_by=tok.head)
        for t in found.values():
            if t.token.i != tok.i and tok.i in {a.i for a in _ancestors_to_clause(t.head)}:
                t.nested_in = found[tok.i]


_PREDICATIVE = {"oprd", "xcomp", "ccomp", "attr"}


def _characterisations(sent: Span, found: dict[int, Trigger]) -> None:
    """Rule characterisation_is_an_accusation: "Armenia called the shelling an act of aggression",
    "described the raid as a war crime": judging an act accuses whoever did it (PLOVER ACCUSE); the act
    judged is its content, not a new event."""
    words = load_role_words()
    for tok in _tokens_with(sent, words.judging_verbs, "VERB"):
        if (
            any(c.lower_ == "what" for c in tok.children)
            and tok.i in found
            and found[tok.i].type == "REQUEST"
        ):
            found.pop(tok.i)  # "launched what it called preemptive strikes on Iran": naming, not "call on"
        objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "oprd")]
        if not any(_lemma(o) in words.act_nouns or o.lower_ in words.act_nouns or o.i in found for o in objs):
            continue
        # what it is called: "an act of war", "as a war crime" (the parser may hang it under the act)
        frames = [*tok.children, *(g for o in objs for g in o.children)]
        judged = any(c.dep_ in _PREDICATIVE or (c.dep_ == "prep" and c.lower_ == "as") for c in frames)
        judged = judged or any(g.dep_ == "dobj" for o in objs if o.dep_ == "oprd" for g in o.children)
        if _lemma(tok) in words.naming_verbs:
            # "called the shelling an act of aggression" judges; "described the operation as a success" does not
            called = {_lemma(t) for t in tok.subtree} | {t.lower_ for t in tok.subtree}
            judged = judged and bool(called & words.judgement_words)
        current = found.get(tok.i)
        if judged and (current is None or current.type != "ACCUSE"):
            found[tok.i] = Trigger(tok, "ACCUSE")


_ENACTED_PATH = {"xcomp", "dobj", "relcl", "acl", "pobj", "prep", "amod", "ccomp", "advcl"}
_NOT_ENACTED = {"SUPPORT", "AGREE", "CONSULT", "REQUEST"}


def _enactments(sent: Span, triggers: list[Trigger]) -> list[Trigger]:
    """Rule enacted_act: "the parliament voted to suspend cooperation with the agency", "approved a bill to
    close the border": the vote enacts the act it carries; that act is the event, done by the voters,
    and the approval is not a second one."""
    words = load_role_words()
    own = {t.token.i: t for t in triggers}
    votes = {
        t.i
        for t in _tokens_with(sent, words.enact_verbs, "VERB")
        if (t.i not in own or own[t.i].type in _NOT_ENACTED)  # "approved a $1 billion loan" is the aid
    }
    if not votes:
        return triggers
    drop: set[int] = set()
    for trig in triggers:
        if trig.type in _NOT_ENACTED or trig.token.i in votes or trig.negated or trig.nominal:
            continue
        if any(c.dep_ in _SUBJ and c.lower_ not in ("that", "which", "who") for c in trig.head.children):
            continue  # "voted for it, while Russia opposed it": an act with its own subject is its own
        tok, steps = trig.head, 0
        while tok.head.i != tok.i and tok.dep_ in _ENACTED_PATH and steps < 5:
            tok, steps = tok.head, steps + 1
            if tok.i in votes:
                trig.enacted_by, trig.nested_in, trig.irrealis = tok, None, False
                drop.add(tok.i)
                break
    for trig in triggers:
        if trig.token.i in drop and trig.type in _NOT_ENACTED:
            trig.type = ""  # the approval itself: told by the act it enacts
        elif trig.nested_in is not None and trig.nested_in.token.i in drop:
            trig.nested_in = None
    return triggers


def _refusals_by_abstention(triggers: list[Trigger]) -> None:
    """Rule refusal_by_abstention: "Iran said it will not take part in the sixth round", "Armenia will not
    attend the summit": declining to meet or cooperate is a refusal (PLOVER REJECT), not a negated meeting."""
    words = load_role_words()
    for trig in triggers:
        head = trig.head
        if trig.nominal or not trig.negated or _lemma(head) not in words.abstain_verbs:
            continue
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in head.children):
            trig.type, trig.mode, trig.negated, trig.irrealis = "REJECT", None, False, False


def _meetings_not_held(triggers: list[Trigger]) -> None:
    """Rule meeting_not_held: "the talks between Armenia and Azerbaijan will not take place", "the next round
    of talks will no longer proceed": a meeting that will not be held is called off, a refusal (PLOVER
    REJECT) between its parties, whoever announces it; its light verb is no meeting (see also
    cancelled_meeting for "cancelled", "called off")."""
    words, lex = load_role_words(), load_lexicon()
    for trig in triggers:
        noun = trig.token
        meeting = lex.nouns.get(noun.lower_) or lex.nouns.get(_lemma(noun)) or ""
        if not trig.nominal or not meeting.startswith("CONSULT"):
            continue
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and _lemma(noun.head.head) in lex.measure_nouns:
            noun = noun.head.head  # "the next round of talks will not take place"
        gov = trig.light if trig.light is not None else noun.head
        if gov.i == noun.i or not _not_held(noun, gov, words):
            continue
        trig.type, trig.mode, trig.called_off, trig.both_ways = "REJECT", None, True, True
        trig.negated = trig.irrealis = trig.commissive = False
        trig.light, trig.nested_in = None, None


def _not_held(noun: Token, gov: Token, words: RoleWords) -> bool:
    """ "will not take place", "will no longer proceed": the meeting is the subject of a negated verb of
    happening."""
    if _lemma(gov) not in words.held_verbs or noun.dep_ != "nsubj":
        return False
    if _lemma(gov) == "take" and not any(_lemma(c) == "place" for c in gov.children):
        return False
    return any(c.dep_ == "neg" or c.lower_ == "longer" for c in gov.children)


def _judgements_in_speech(sent: Span, found: dict[int, Trigger]) -> None:
    """Rule judgement_in_speech: "France's foreign minister said the strike on the prison was unacceptable",
    "he said Israel's attacks represented a betrayal of diplomacy": judging an act in a statement accuses
    whoever did it (the act judged is the content)."""
    words = load_role_words()
    for tok in _tokens_with(sent, words.speech_verbs, "VERB"):
        if tok.i in found:
            continue
        for clause in tok.children:
            if clause.dep_ != "ccomp":
                continue
            subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            hostile_act = subj is not None and subj.i in found and plover.quad_of(found[subj.i].type) >= 3
            if subj is None or not (_lemma(subj) in words.act_nouns or hostile_act):
                continue
            said = {_lemma(t) for t in clause.subtree if t.i not in {w.i for w in subj.subtree}}
            # rule judged_by_its_name: "unprovoked aggression against Armenia has no justification": the
            # act named with a word of judgement is judged, whatever the clause adds
            said |= {_lemma(c) for c in subj.children if c.dep_ == "amod"}
            if said & words.judgement_words:
                found[tok.i] = Trigger(tok, "ACCUSE")
                for t in found.values():
                    if t.token.i in {w.i for w in subj.subtree}:
                        t.nested_in = found[tok.i]  # the act judged is what the accusation is about
                break


def _verdicts(sent: Span, found: dict[int, Trigger]) -> None:
    """Rule verdict_is_an_accusation: "the board passed a resolution declaring Iran in violation of its
    obligations", "the OSCE found Azerbaijan in breach of the ceasefire": an accusation of the one found
    in breach; what was breached is its content. Read in word order ("declared X in breach"), as the
    parser hangs the "in" phrase anywhere."""
    words = load_role_words()
    doc = sent.doc
    for tok in _tokens_with(sent, words.verdict_verbs, "VERB"):
        judged = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if judged is None:
            continue
        k = max(judged.right_edge.i, tok.i) + 1
        if k >= sent.end or doc[k].lower_ != "in":
            continue
        window = doc[k + 1 : min(k + 5, sent.end)]
        lemmas = [_lemma(t) for t in window]
        breach = [t for t in window if _lemma(t) in words.breach_nouns]
        breach += [t for j, t in enumerate(window) if _lemma(t) == "compliance" and "non" in lemmas[:j]]
        if not breach:
            continue
        found[tok.i] = Trigger(tok, "ACCUSE")
        # "in breach of the ceasefire": the ceasefire is what was breached, not an event of its own
        for i in [i for i in found if i > breach[0].i and found[i].nominal]:
            found.pop(i)


def _threats_in_speech(sent: Span, found: dict[int, Trigger]) -> None:
    """Rule threat_in_speech: "a spokesman said the US and Israel will pay a heavy price", "Qatar asserts
    its right to respond": a statement foretelling harm (a future or a right to act, and a word of
    punishment) is a threat (PLOVER THREATEN) by the one who makes it, aimed at whom it names."""
    words = load_role_words()
    for tok in _tokens_with(sent, words.speech_verbs, "VERB"):
        if tok.i in found:
            continue
        for content in tok.children:
            if content.dep_ not in ("ccomp", "dobj", "xcomp"):
                continue
            told = list(content.subtree)
            lemmas = {_lemma(t) for t in told}
            future = any(t.lower_ in _FUTURE or t.lower_ == "must" for t in told) or "right" in lemmas
            future = future or _imminent(told)  # "Ukraine's grid is about to disappear"
            if future and lemmas & words.threat_words and not any(t.dep_ == "neg" for t in told):
                found[tok.i] = Trigger(tok, "THREATEN", said_by=None)
                for t in found.values():
                    if t.token.i in {w.i for w in told}:
                        t.nested_in = found[tok.i]
                break


# "is about to disappear", "is going to pay": the near future, told without "will"
_IMMINENT = {("about", "to"), ("going", "to")}


def _imminent(told: list[Token]) -> bool:
    return any((a.lower_, b.lower_) in _IMMINENT and b.i == a.i + 1 for a, b in itertools.pairwise(told))


def _failures(sent: Span, found: dict[int, Trigger]) -> None:
    """ "failed to reach agreement": a refusal (PLOVER REJECT) of what was not done."""
    lemmas = token_arrays(sent.doc).lemma
    for i in range(sent.start, sent.end):
        if lemmas[i] == "fail" and i not in found:
            tok = sent.doc[i]
            for c in tok.children:
                if c.dep_ == "xcomp" and (c.i in found or any(g.i in found for g in c.children)):
                    found[tok.i] = Trigger(tok, "REJECT")


def _cancelled_meetings(found: dict[int, Trigger]) -> None:
    """Rule cancelled_meeting: "the round of talks between Armenia and Azerbaijan set for Friday has been
    cancelled", "Baku called off the meeting": a meeting called off is a refusal (PLOVER REJECT) between
    its sides, told by the cancelling verb, not a meeting."""
    cancel = word_list("acts", "cancel_verbs")
    measures = word_list("acts", "meeting_measures")
    for trig in list(found.values()):
        if trig.type != "CONSULT" or not trig.nominal or trig.light is not None:
            continue
        noun = trig.token
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and _lemma(noun.head.head) in measures:
            noun = noun.head.head  # "the sixth round of talks"
        verb = noun.head
        if noun.dep_ not in ("nsubjpass", "dobj") or verb.pos_ != "VERB" or _lemma(verb) not in cancel:
            continue
        if _lemma(verb) == "call" and not any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children):
            continue
        found.pop(verb.i, None)
        trig.type, trig.mode, trig.light, trig.both_ways = "REJECT", None, verb, True


def _decision_deadlines(found: dict[int, Trigger]) -> None:
    """Rule decision_deadline: "the Kremlin will decide within ten days whether to strike Kharkiv", "will
    make a decision by Friday on whether to attack": a deadline set on deciding an attack is a threat
    (PLOVER THREATEN) by the one deciding; the attack weighed is its content, not an event."""
    decision = word_list("acts", "decision_words")
    deadline = word_list("acts", "deadline_words")
    for trig in list(found.values()):
        if plover.quad_of(trig.type) < 4 or not any(c.lower_ == "whether" for c in trig.head.children):
            continue
        gov = trig.head
        for _ in range(3):  # up through "on whether to", "about whether to"
            gov = gov.head
            if gov.pos_ == "VERB":
                break
        if gov.pos_ != "VERB" or gov.i in found:
            continue
        decides = _lemma(gov) in decision or any(
            c.dep_ == "dobj" and _lemma(c) in decision for c in gov.children
        )
        limit = any(c.dep_ == "prep" and c.lower_ in deadline for c in gov.children)
        if decides and limit:
            found[gov.i] = Trigger(gov, "THREATEN")
            trig.nested_in = found[gov.i]


def _defiant_responses(sent: Span, found: dict[int, Trigger]) -> None:
    """Rule defiant_response: "Baku responded defiantly to the OSCE statement by announcing new drills":
    a reply told as defiance rejects (PLOVER REJECT) the act it answers."""
    verbs = word_list("acts", "response_verbs")
    defiance = word_list("acts", "defiance_words")
    for tok in _tokens_with(sent, verbs, "VERB"):
        if tok.i in found:
            continue
        told = {c.lower_ for c in tok.children} | {
            g.lower_ for c in tok.children if c.dep_ == "prep" for g in c.children
        }
        if told & defiance:
            found[tok.i] = Trigger(tok, "REJECT")


def _proposals_judged(sent: Span, found: dict[int, Trigger]) -> None:
    """Rule proposal_judged_unacceptable: "Baku said the EU proposal was against Azerbaijan's interests",
    "Kyiv said the Russian plan was unacceptable": a statement that a proposal is unacceptable rejects it
    (PLOVER REJECT) and its author; a deal it proposes is its content, not an event."""
    words = load_role_words()
    for tok in _tokens_with(sent, words.speech_verbs, "VERB"):
        if tok.i in found:
            continue
        for clause in tok.children:
            subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            if clause.dep_ != "ccomp" or subj is None or _lemma(subj) not in words.proposal_nouns:
                continue
            if any(c.dep_ == "neg" for c in clause.children):
                continue  # "was not against our interests"
            predicate = [c for c in clause.children if c.dep_ in ("prep", "acomp", "attr")]
            said = {_lemma(c) for c in predicate} | {c.lower_ for c in predicate}
            if said & words.unacceptable_words:
                found[tok.i] = Trigger(tok, "REJECT")
                for t in found.values():
                    if t.token.i in {w.i for w in clause.subtree}:
                        t.nested_in = found[tok.i]
                break


def _backing_blamed(sent: Span, found: dict[int, Trigger]) -> None:
    """Rule backing_is_blamed: "Kyiv told the EU that the strikes were the result of direct support by
    Minsk": an attack said in a statement to be the result of someone's support accuses the supporter
    (PLOVER ACCUSE) by the speaker; the support is no event of its own."""
    words = load_role_words()
    for tok in _tokens_with(sent, words.backing_nouns, "NOUN"):
        if tok.dep_ != "pobj":
            continue
        cause = tok.head.head  # "the result of [the support]"
        if tok.head.lower_ != "of" or _lemma(cause) not in words.cause_nouns or cause.dep_ != "attr":
            continue
        subj = next((c for c in cause.head.children if c.dep_ == "nsubj"), None)
        act = subj is not None and (
            _lemma(subj) in words.act_nouns or (subj.i in found and plover.quad_of(found[subj.i].type) == 4)
        )
        said = any(_lemma(a) in words.speech_verbs for a in _ancestors_to_clause(tok))
        if act and said:
            found[tok.i] = Trigger(tok, "ACCUSE", nominal=True, blamed=True)


def blamed_roles(trig: Trigger, index: ActorIndex) -> tuple[list[str], list[str]]:
    """Rule backing_is_blamed: the speaker accuses the one whose support is named ("by Minsk", "Minsk's")."""
    words = load_role_words()
    speech = next((a for a in _ancestors_to_clause(trig.token) if _lemma(a) in words.speech_verbs), None)
    speaker = _subject(speech) if speech is not None else None
    source = _codes_of(speaker, index, set()) if speaker is not None else []
    owners = [c for c in trig.token.children if c.dep_ in ("poss", "amod", "compound")]
    owners += [
        g for c in trig.token.children if c.dep_ == "prep" and c.lower_ in ("by", "from") for g in c.children
    ]
    target = [x for o in owners for x in index.codes_in(list(o.subtree)) if x not in source]
    return source, target


def advance_notice(tok: Token) -> bool:
    """ "notified Warsaw in advance", "warned Washington beforehand", "had forewarned Baku": the verb
    tells someone of something before it happens."""
    words = load_role_words()
    if _lemma(tok) in words.forewarning_verbs:
        return True
    for c in tok.children:
        if c.dep_ == "advmod" and _lemma(c) in words.advance_words:
            return True
        in_advance = any(g.dep_ == "pobj" and _lemma(g) in words.advance_words for g in c.children)
        if c.dep_ == "prep" and c.lower_ == "in" and in_advance:
            return True
    return False


def _advance_notices(sent: Span, found: dict[int, Trigger]) -> None:
    """Rule advance_notice_is_consultation: "Kyiv notified Warsaw in advance of the drill", "Baku had
    forewarned Moscow about the launch": telling a state beforehand of one's own act is a contact
    (PLOVER CONSULT), not a threat; who gave the notice, when the sentence does not say, is found by the
    events stage (the doer of the act noticed)."""
    words = load_role_words()
    for tok in _tokens_with(sent, words.notice_verbs, "VERB"):
        if not advance_notice(tok):
            continue
        if _lemma(tok) == "warn" and any(c.dep_ in ("ccomp", "xcomp") for c in tok.children):
            continue  # "warned Moscow in advance that it would strike": a threat told early
        found[tok.i] = Trigger(tok, "CONSULT")


def _sponsored_motions(sent: Span, found: dict[int, Trigger]) -> None:
    """Rule sponsors_of_a_motion: "the resolution, drafted by France and Germany, was adopted": the sponsors
    of a motion do what it does (coded ACCUSE here; the events stage gives them the motion's own type and
    aim when the document tells it)."""
    words = load_role_words()
    lemmas = token_arrays(sent.doc).lemma
    for i in range(sent.start, sent.end):
        if lemmas[i] not in words.sponsor_verbs or sent.doc[i].tag_ != "VBN":
            continue
        tok = sent.doc[i]
        acl = tok.head if tok.dep_ == "conj" else tok  # "drafted by France and supported by the US"
        if acl.dep_ not in ("acl", "relcl") or _lemma(acl.head) not in words.motion_nouns:
            continue
        if tok.i in found and found[tok.i].type not in ("SUPPORT", "AGREE"):
            continue
        if not any(c.dep_ == "agent" for c in tok.children):
            continue
        if any(t.motion is not None and t.motion.i == acl.head.i for t in found.values()):
            found.pop(tok.i, None)  # "drafted by France and backed by Canada": one act, all its sponsors
            continue
        found[tok.i] = Trigger(tok, "ACCUSE", motion=acl.head)


def _motions_against(sent: Span, found: dict[int, Trigger]) -> None:
    """Rule motion_against: "the assembly's resolution against Azerbaijan": a motion against someone
    accuses them (its source is the body that passed it)."""
    words = load_role_words()
    for tok in _tokens_with(sent, words.motion_nouns, "NOUN"):
        if tok.i in found:
            continue
        against = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "against"]
        if any(g.dep_ == "pobj" for c in against for g in c.children):
            found[tok.i] = Trigger(tok, "ACCUSE", nominal=True, motion=tok)


def sponsor_roles(trig: Trigger, index: ActorIndex) -> list[str]:
    """The sponsors named in the "by" phrase of a sponsored motion ("drafted by the E3 - France, Germany
    and Britain")."""
    out: list[str] = []
    words = load_role_words().sponsor_verbs
    motion = trig.motion if trig.motion is not None else trig.token
    verbs = [v for v in motion.children if v.dep_ in ("acl", "relcl") and _lemma(v) in words]
    verbs += [c for v in verbs for c in v.children if c.dep_ == "conj" and _lemma(c) in words]
    for c in (g for v in [trig.token, *verbs] for g in v.children):
        if c.dep_ == "agent":
            out += [x for x in index.codes_in(list(c.subtree)) if x not in out]
    return out


def _gives_aid(tok: Token) -> bool:
    """A giving verb is AID when what it gives is aid, money, goods or arms."""
    for c in tok.children:
        given = {_lemma(t) for t in c.subtree}
        if c.dep_ in ("dobj", "dative", "attr") and (given & _AID_WORDS or "$" in given):
            return True
    return False


def _is_light_only(tok: Token, lex: Lexicon) -> bool:
    return _lemma(tok) in lex.light_verbs


def _trigger_at(tok: Token, lex: Lexicon) -> Trigger | None:
    lemma = _lemma(tok)
    if lemma not in lex.any_word and tok.lower_ not in lex.any_word and lemma not in _VERBS_READ_BY_RULE:
        return None
    gerund_noun = (
        tok.tag_ == "VBG"
        and tok.lower_ in lex.nouns
        and any(c.dep_ in ("det", "amod", "compound", "poss") for c in tok.children)
    )
    if gerund_noun:
        event, mode = _split(lex.nouns[tok.lower_])
        return Trigger(tok, event, mode, nominal=True)  # "the review meeting", "the shelling"
    if _noun_read_as_verb(tok, lex):
        event, mode = _split(lex.nouns[tok.lower_ if tok.lower_ in lex.nouns else lemma])
        return Trigger(tok, event, mode, nominal=True)
    if tok.pos_ in ("VERB",) or (tok.pos_ == "AUX" and lemma not in ("be", "have", "do")):
        if tok.lower_.startswith("long-"):
            return None
        if tok.dep_ in ("amod", "compound") and not _verb_as_modifier(tok, lex):
            return None
        phrase = _phrase_at(tok, lex)
        if phrase:
            event, mode = _split(phrase[0])
            return Trigger(tok, event, mode, words=phrase[1])
        if lemma in _MONEY_VERBS and any(t.text == "$" or t.lower_ in _MONEY_WORDS for t in tok.subtree):
            return Trigger(tok, "AID", None)  # "approved ..., releasing $1 billion"
        if lemma == "receive" and any(c.dep_ == "dobj" and _lemma(c) in _HOSTED for c in tok.children):
            return Trigger(tok, "CONSULT", "visit")  # "Sharif received the Saudi minister": a visit hosted
        if lemma == "receive" and any(t.text == "$" or t.lower_ in _MONEY_WORDS for t in tok.subtree):
            return Trigger(
                tok, "AID", None
            )  # "Pakistan received $1 billion from the IMF" (turned round in events)
        if lemma in lex.verbs:
            event, mode = _split(lex.verbs[lemma])
            if lemma in ("strike", "go") and any(_lemma(c) in ("worker", "union") for c in tok.children):
                event, mode = "PROTEST", "strike"
            if lemma == "insist" and not any(c.dep_ == "prep" and c.lower_ == "on" for c in tok.children):
                return None  # "insisted the truce was agreed bilaterally" asserts; "insisted on" demands
            if lemma == "contribute" and not any(c.dep_ == "dobj" for c in tok.children):
                return None  # "contributed to its willingness" is not aid
            if event == "AID" and lemma in _GENERIC_GIVE and not _gives_aid(tok):
                return None  # "gave the armed forces operational freedom" is not aid
            if lemma == "fire" and any(t.lower_ == "test" for t in tok.doc[max(tok.i - 2, 0) : tok.i]):
                return Trigger(tok, "MOBILIZE", "weapons")  # "test-fired a missile"
            if lemma == "respond" and not any(
                (c.dep_ == "prep" and c.lower_ == "with") or (c.dep_ == "aux" and c.lower_ in _FUTURE)
                for c in tok.children
            ):
                return None
            return Trigger(tok, event, mode)
        if lemma in lex.light_verbs:
            return None
        return None
    if tok.pos_ in ("NOUN", "PROPN"):
        phrase = _noun_phrase(tok, lex)
        if phrase:
            event, mode = _split(phrase[0])
            return Trigger(tok, event, mode, nominal=True, words=phrase[1])
        key = tok.lower_ if tok.lower_ in lex.nouns else lemma
        name = _named_operation(tok)
        if name is not None:
            return Trigger(name, "ASSAULT", None, nominal=True, words=[t for t in tok.doc[tok.i : name.i]])
        if key == "operation":
            gov = tok.head if tok.dep_ != "compound" else tok.head.head
            military = any(_lemma(c) in ("military", "army", "armed") for c in tok.children)
            if military or _lemma(gov) in (
                "launch",
                "mount",
                "conduct",
                "carry",
                "begin",
                "start",
                "initiate",
            ):
                return Trigger(tok, "ASSAULT", None, nominal=True)
            return None
        if key in lex.nouns and tok.pos_ == "NOUN":
            event, mode = _split(lex.nouns[key])
            if key in ("exchange", "call", "fire", "strike", "release", "contact") and not _noun_ok(
                tok, key, lex
            ):
                return None
            if key == "call" and any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children):
                return Trigger(
                    tok, "CONSULT", "phone", nominal=True
                )  # "during a call with Iranian officials"
            if event == "AGREE" and key in ("agreement", "accord", "deal", "pact") and _is_named_treaty(tok):
                return None
            return Trigger(tok, event, mode, nominal=True)
    if tok.pos_ == "ADJ" and lemma in ("retaliatory",) and tok.head.pos_ == "NOUN":
        return Trigger(tok.head, "ASSAULT", None, nominal=True, words=[tok])
    return None


def _named_operation(tok: Token) -> Token | None:
    """Rule named_operation: "Russia's Operation Z", "after Azerbaijan's Operation Iron Fist": a named
    operation owned by someone is their military operation, carried by the head of the name."""
    if tok.text != "Operation" or tok.dep_ != "compound" or not tok.head.text[:1].isupper():
        return None
    name_head = tok.head
    while name_head.dep_ == "compound" and name_head.head.text[:1].isupper():
        name_head = name_head.head
    if name_head.i < tok.i or not any(c.dep_ in ("poss", "amod") for c in name_head.children):
        return None
    return name_head


def _noun_read_as_verb(tok: Token, lex: Lexicon) -> bool:
    """Rule noun_read_as_verb: "retaliation for the U.S. airstrikes on Iran's sites": the parser may tag a
    plural event noun as a verb; an argument with a determiner or possessor and no subject of its own is
    the noun."""
    if tok.pos_ != "VERB" or tok.dep_ not in ("pobj", "dobj", "nsubj", "nsubjpass"):
        return False
    if tok.lower_ not in lex.nouns and _lemma(tok) not in lex.nouns:
        return False
    kids = list(tok.children)
    if any(c.dep_ in _SUBJ or c.dep_ in ("aux", "auxpass", "nsubjpass") for c in kids):
        return False
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "these", "those")) for c in kids)


def _verb_as_modifier(tok: Token, lex: Lexicon) -> bool:
    """ "voted to approve suspending cooperation": the parser hangs the gerund on its object; a halt,
    withdrawal or concession read so is still the act (an attack word there is a description:
    "fighting forces")."""
    event = lex.verbs.get(_lemma(tok), "").split(":")[0]
    return (
        tok.tag_ == "VBG"
        and tok.dep_ == "amod"
        and tok.head.dep_ in ("dobj", "pobj")
        and event in ("SANCTION", "RETREAT", "CONCEDE", "REJECT")
    )


def _noun_ok(tok: Token, key: str, lex: Lexicon) -> bool:
    """Nouns with an everyday sense are triggers only with a sign of the event sense."""
    kids = {_lemma(c) for c in tok.subtree if c.i != tok.i}
    if key == "exchange":
        return bool(
            kids
            & ({"fire", "strike", "shelling", "missile", "drone", "artillery", "gunfire"} | set(lex.weapons))
        )
    if key == "call":
        return any(c.dep_ == "prep" and c.lower_ in ("for", "on", "with") for c in tok.children)
    if key == "fire":
        return any(c.dep_ == "prep" and c.lower_ in ("on", "at", "across") for c in tok.children) or _lemma(
            tok.head
        ) in ("open", "exchange", "come")
    if key == "strike":
        return not kids & {"hunger", "general", "worker", "union", "labour", "labor"}
    if key == "release":
        return bool(kids & {"prisoner", "hostage", "detainee", "captive", "pilot", "soldier"})
    if key == "contact":
        if any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in tok.children):
            return True
        # "contact was made between the two NSAs", "India and Pakistan made contact": on the verb
        gov = tok.head
        if tok.dep_ not in ("dobj", "nsubjpass") or _lemma(gov) not in (
            "make",
            "establish",
            "have",
            "maintain",
            "resume",
        ):
            return False
        if any(c.dep_ in ("prep", "agent") and c.lower_ in ("with", "between") for c in gov.children):
            return True
        subj = next((c for c in gov.children if c.dep_ == "nsubj"), None)
        return subj is not None and any(c.dep_ == "conj" for c in subj.children)
    return True


def _is_named_treaty(tok: Token) -> bool:
    """ "the Simla Agreement": a named treaty is a thing, not an act of agreeing."""
    return tok.text[:1].isupper() and any(c.dep_ == "compound" and c.text[:1].isupper() for c in tok.children)


def _ancestors_to_clause(tok: Token, limit: int = 12) -> list[Token]:
    doc = tok.doc
    return [doc[i] for i in token_arrays(doc).ancestors(tok.i, limit)]


def _modality(trig: Trigger, lex: Lexicon, words: frozenset[str]) -> None:
    head = trig.head
    doc = head.doc
    arrays = token_arrays(doc)
    dep, lower, lemmas, kids = arrays.dep, arrays.lower, arrays.lemma, arrays.children
    # the trigger, its light verb and the path to the root, as token indices
    chain = [trig.token.i, *([trig.light.i] if trig.light is not None else []), *arrays.ancestors(head.i)]
    # negation: on the trigger, its light verb, or a "no"/"never" determiner
    for tok in {trig.token.i, head.i}:
        for child in kids[tok]:
            if dep[child] == "neg" or (dep[child] == "det" and lower[child] in ("no", "never")):
                trig.negated = True
    # refuse/fail/deny to do X: X did not happen (the governor is itself a REJECT event)
    for anc in chain[1:4] if _argument_of_its_head(head.i, arrays) else []:
        if lemmas[anc] in ("refuse", "fail", "deny", "decline", "reject"):
            trig.negated = True
            break
        if dep[anc] not in ("xcomp", "ccomp", "dobj", "pcomp", "pobj", "prep"):
            break
    # hedges: on the trigger's path to the root, their adverbs, or an "according to" in the sentence
    for tok in chain:
        cands = [tok, *(c for c in kids[tok] if dep[c] in ("advmod", "amod", "prep", "npadvmod"))]
        for c in cands:
            level = lex.hedges.get(lemmas[c]) or lex.hedges.get(lower[c])
            if level and lemmas[c] == "claim" and any(lemmas[o] in ("life", "toll") for o in kids[c]):
                continue  # "the attack claimed the lives of 26": it killed them, nobody claimed it
            if level:
                trig.certainty = _stronger(trig.certainty, level)
    if "according" in words:
        trig.certainty = _stronger(trig.certainty, "reported")
    if trig.nominal and any(lemmas[a] == "report" for a in chain):
        trig.certainty = _stronger(trig.certainty, "reported")
    # commitment and irrealis
    own_aux = {_lemma(c) for c in head.children if c.dep_ in ("aux", "auxpass")} | {
        c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")
    }
    governors = [doc[a] for a in chain[1:6]]
    # "damage is expected at the site following a US airstrike": an act named as a time anchor (after,
    # following, since) has happened, whatever the clause around it expects or plans
    anchor = next(
        (k for k, g in enumerate(governors) if g.dep_ in ("prep", "advcl") and g.lower_ in _TIME_ANCHORS),
        None,
    )
    if anchor is not None and trig.nominal:
        governors = governors[:anchor]
    # a purpose or avoidance nearer the act than a promise governs it: in "agreed to extend
    # the truce, aiming to reduce alert levels" the reduction is an aim, not a commitment
    aim_at = next(
        (
            k
            for k, g in enumerate(governors[:4])
            if _lemma(g) in lex.irrealis and g.pos_ in ("VERB", "AUX", "NOUN", "ADJ")
        ),
        len(governors),
    )
    commit = bool(own_aux & _FUTURE) or any(_lemma(g) in lex.commissive for g in governors[: min(2, aim_at)])
    threat_gov = any(_lemma(g) in lex.threat_cues for g in governors[:3])
    if trig.type == "ASSAULT" and any(g.pos_ == "VERB" and _lemma(g) == "prepare" for g in governors[:2]):
        trig.type, trig.mode = "MOBILIZE", "weapons"  # "the army prepared (to resume) shelling"
    if trig.type == "MOBILIZE" and any(
        lemmas[t].startswith("peacekeep") for n in (trig.token.i, head.i) for t in arrays.subtree(n)
    ):
        # CAMEO 074, "provide military protection or peacekeeping", is aid (PLOVER AID)
        trig.type, trig.mode = "AID", None
    quad = plover.quad_of(trig.type)
    announced = any(_lemma(g) in ("announce", "decide") for g in governors[:3])
    direct = any(
        _lemma(g) in ("ready", "prepared", "willing", "vow", "swear", "pledge") for g in governors[:2]
    )
    unless = "unless" in words and (
        any(t.lower_ == "unless" for t in head.subtree)
        or any(t.lower_ == "unless" for g in governors[:2] for t in g.children)
    )
    if threat_gov and trig.type != "THREATEN" and quad in (3, 4):
        trig.type, trig.mode, trig.commissive = (
            "THREATEN",
            ("violence" if trig.type == "ASSAULT" else None),
            True,
        )
    elif (commit or direct) and unless and trig.type != "THREATEN":
        trig.type, trig.mode, trig.commissive = "THREATEN", None, True
    elif commit and trig.type not in ("AGREE", "THREATEN"):
        trig.commissive = True
        if quad in (1, 2):
            trig.type, trig.mode = "AGREE", None
        elif trig.type in _CONFLICT_MATERIAL and (direct or not announced):
            trig.type, trig.mode = "THREATEN", ("violence" if trig.type == "ASSAULT" else None)
        elif trig.type in _CONFLICT_MATERIAL:
            pass  # "announced it would deny entry": a decision, coded as the act
        else:
            trig.commissive = False
    elif (
        own_aux & {"may", "might", "could"}
        and any(t.lower_ in ("if", "unless") for t in head.subtree)
        and quad >= 3
    ):
        trig.type, trig.mode, trig.commissive = "THREATEN", None, True
    content_clause = head.dep_ in ("acl", "ccomp") or (
        head.dep_ == "relcl" and any(c.dep_ == "mark" for c in head.children)
    )
    told_by_noun = content_clause and head.head.pos_ == "NOUN" and own_aux & _FUTURE
    if told_by_noun and _lemma(head.head) not in (
        "threat",
        "warning",
        "promise",
        "pledge",
        "vow",
        "ultimatum",
    ):
        trig.irrealis, trig.commissive = True, False  # "intelligence that India would strike"
        if trig.type in ("THREATEN", "AGREE") and trig.token.pos_ != "NOUN":
            return
    if not trig.commissive:
        if own_aux & (_MODAL_IRREALIS | {"would"}):
            trig.irrealis = True
        for g in governors[:4]:
            if _lemma(g) in lex.irrealis and g.pos_ in ("VERB", "AUX", "NOUN", "ADJ"):
                trig.irrealis = True
            modal = any(c.dep_ == "aux" and c.lower_ in _MODAL_IRREALIS for c in g.children)
            if modal and g.dep_ in ("ROOT", "ccomp") and g.i != head.i and g.pos_ == "AUX":
                trig.irrealis = True
            if modal and g.i != head.i and _lemma(g) in _LEADS_TO:
                trig.irrealis = True  # "could lead to sanctions", "may trigger a war": a prospect
        for c in kids[head.i]:
            if dep[c] == "mark" and lower[c] in ("if", "whether", "unless"):
                trig.irrealis = True
        if trig.nominal:
            for c in kids[trig.token.i]:
                if lemmas[c] in lex.irrealis and dep[c] in ("amod", "advmod", "compound", "det"):
                    trig.irrealis = True
            # "a review meeting ... scheduled", "the planned talks", "an upcoming summit"
            for t in arrays.subtree(trig.token.i):
                if dep[t] in ("acl", "amod") and lemmas[t] in _PLANNED and t - trig.token.i < 8:
                    trig.irrealis = True
            if head.dep_ in ("nsubj", "nsubjpass"):
                verb = head.head
                if any(c.dep_ == "aux" and c.lower_ in _MODAL_IRREALIS for c in verb.children):
                    trig.irrealis = True
    # symmetric: "both sides", "exchanges of", "trading accusations", "between A and B"
    near = [trig.token.i, *(w.i for w in trig.words), *([trig.light.i] if trig.light is not None else [])]
    scope = {w for n in near for w in kids[n]} | set(near)
    for i in scope:
        lemma = lemmas[i]
        if lemma in ("exchange", "trade") and not (i == trig.token.i or arrays.pos[i] == "VERB"):
            continue  # "suspending all trade with India" is not mutual; "trading accusations" is
        if lemma in lex.both_ways:
            trig.both_ways = True
    for n in near:
        for child in kids[n]:
            by_both = dep[child] in ("prep", "agent") and lower[child] in ("by", "from", "between", "among")
            if by_both and any(lemmas[g] == "both" for g in arrays.subtree(child)):
                trig.both_ways = True
    subj = _subject(head)
    if subj is not None and any(lemmas[t] in ("both", "each") for t in arrays.subtree(subj.i)):
        trig.both_ways = True


def _argument_of_its_head(i: int, arrays: TokenArrays) -> bool:
    """Rule denial_stops_at_a_clause: "denied it launched missiles after Azerbaijan accused it of doing
    so": a refusal or denial reaches what it governs as an argument, not a time or reason clause ("after
    ...") hanging on it."""
    return arrays.dep[i] not in ("advcl", "relcl")


_CERTAINTY_RANK = {"asserted": 0, "reported": 1, "alleged": 2, "claimed": 3}


def _stronger(a: str, b: str) -> str:
    return a if _CERTAINTY_RANK.get(a, 0) >= _CERTAINTY_RANK.get(b, 0) else b


def _link_nesting(trig: Trigger, by_tok: dict[int, Trigger]) -> None:
    """A trigger in an argument of another verbal-conflict or commitment trigger is its content
    ("accused X of violating the ceasefire"), not a separate event."""
    if not trig.nominal and trig.head.dep_ == "ccomp":
        # "reiterated its demand that Israel ease restrictions": the clause is the demand's content
        demand = next(
            (by_tok[c.i] for c in trig.head.head.children if c.dep_ == "dobj" and c.i in by_tok), None
        )
        if demand is not None and demand.nominal and demand.type in _NESTING_TYPES:
            trig.nested_in = demand
            return
    if not trig.nominal and trig.token.dep_ == "acl":
        noun = by_tok.get(trig.token.head.i)
        if noun is not None and noun.nominal:
            trig.nested_in = noun  # "the meeting called by Pakistan": one event, told by the noun
            return
    tok = trig.head
    steps = 0
    direct_object = trig.nominal and trig.light is None and tok.dep_ == "dobj"
    while tok.head.i != tok.i and steps < 6:
        if tok.dep_ not in _ARG_DEPS and tok.dep_ not in (
            "prep",
            "pcomp",
            "compound",
            "amod",
            "poss",
            "nmod",
            "appos",
            "conj",
        ):
            return
        if tok.dep_ == "conj" and steps == 0:
            return
        if tok.dep_ == "prep" and tok.lower_ not in _NESTING_PREPS:
            return
        tok = tok.head
        steps += 1
        gov = by_tok.get(tok.i)
        if gov is not None and gov is not trig:
            if (
                gov.type in _NESTING_TYPES
                or gov.type == trig.type
                or _lemma(gov.head) in _REPORTING
                or (direct_object and steps == 1 and not gov.nominal)
            ):
                trig.nested_in = gov
            return


def _merge_coordinated(triggers: list[Trigger]) -> None:
    """ "drone and missile strikes": one trigger per event, not per coordinated noun."""
    for trig in triggers:
        if trig.nominal and trig.token.dep_ == "conj":
            other = next((t for t in triggers if t.token.i == trig.token.head.i), None)
            if other is not None and other.type == trig.type and other.nominal:
                trig.nested_in = other


def _weapons(trig: Trigger, lex: Lexicon) -> list[str]:
    arrays = token_arrays(trig.token.doc)
    dep, lemmas = arrays.dep, arrays.lemma
    heads = [trig.token.i, *([trig.light.i] if trig.light is not None else [])]
    out: list[str] = []
    for h in heads:
        if h == trig.token.i:
            # the trigger's subtree, leaving out words in a conjunct after it (3 steps up at most)
            words = [
                w
                for w in arrays.subtree(h)
                if lemmas[w] in lex.weapons  # (only a weapon is kept: the test below is for those)
                and not any(dep[a] == "conj" and a != h for a in [w, *arrays.ancestors(w, 3)] if a > h)
            ]
        else:
            words = [h, *arrays.children[h]]
        for w in words:
            lemma = lemmas[w]
            if lemma in lex.weapons and lemma not in out:
                out.append(lemma)
    for word in trig.words:
        lemma = lemmas[word.i]
        if lemma in lex.weapons and lemma not in out:
            out.append(lemma)
    return out[:4]


# -- actors --------------------------------------------------------------------


def _subject_past_a_dateline(subjects: list[Token]) -> Token:
    """Rule dateline_is_no_subject: "Tbilisi, AgencyName – Georgia's parliament has approved ...": the
    parser may make the dateline's place a second subject; a first subject that opens the sentence and
    is cut off by a comma or a dash is that dateline, and the next subject is the verb's."""
    first = subjects[0]
    doc = first.doc
    after = first.right_edge.i + 1
    dateline = (
        len(subjects) > 1
        and first.left_edge.i == first.sent.start
        and after < len(doc)
        and doc[after].text in (",", "–", "—", "-")
    )
    return subjects[1] if dateline else first


def _subject(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in _SUBJ]
    if subjects:
        # "AFP\n\nOn Friday, European ministers held talks": a header line parsed as a second subject
        lines = [c for c in subjects if not any("\n" in t.text for t in c.subtree)]
        return _subject_past_a_dateline(lines or subjects)
    told = _told_subject(verb)
    if told is not None:
        return told
    # inherit: conjoined verbs, participle and infinitive clauses share their head's subject
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        player = _role_player(verb.head.head)
        if player is not None:
            return player
        return _subject(verb.head.head)  # "responded by closing its airspace"
    if verb.dep_ == "acomp" and verb.head.i != verb.i:
        return _subject(verb.head)  # "Syria is willing to withdraw"
    if verb.dep_ in ("conj", "xcomp", "advcl", "acl") and verb.head.i != verb.i:
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            return None
        if verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and verb.head.dep_ == "dobj":
            # rule statement_of_its_issuer: "the PKK issued a declaration demanding ...": whoever issued it
            return _subject(verb.head.head)
        if verb.dep_ == "advcl" and any(c.dep_ == "mark" for c in verb.children):
            return None
        absolute = _absolute_subject(verb)
        if absolute is not None:
            return absolute
        if verb.dep_ == "xcomp":
            controls = (
                _lemma(verb.head)
                in (
                    "urge",
                    "ask",
                    "order",
                    "advise",
                    "tell",
                    "call",
                    "press",
                    "force",
                )
                or _lemma(verb.head) in load_role_words().object_control_verbs
            )  # rule object_control
            for c in verb.head.children:
                if c.dep_ in _OBJ and controls:
                    return c
            for c in verb.head.children:
                if c.dep_ == "nsubjpass":
                    return c  # rule passive_raising: "Yerevan was poised to reject", "Kyiv was urged to act"
        return _subject(verb.head)
    if verb.dep_ == "relcl":
        return verb.head
    return None


def _told_subject(verb: Token) -> Token | None:
    """Rule subject_read_as_object: "a diplomat told Reuters Tehran was poised to reject the offer": the
    parser may make a finite clause's subject the object of the verb of telling just before it."""
    if verb.dep_ != "ccomp" or not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return None
    if any(c.dep_ in ("nsubjpass", "mark") for c in verb.children):
        return None  # "told Reuters that Yerevan was poised": the clause has its own subject
    obj = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
    if obj is None or obj.right_edge.i != verb.left_edge.i - 1 or obj.i > verb.i:
        return None
    return obj if _lemma(verb.head) in _SPEECH else None


def _absolute_subject(verb: Token) -> Token | None:
    """Rule absolute_with: "with Russia and China voting against", "with Azerbaijani guns shelling the
    villages": the object of the "with" just before a subjectless participle is its subject."""
    if verb.dep_ != "advcl" or verb.tag_ != "VBG":
        return None
    for c in verb.head.children:
        if c.dep_ == "prep" and c.lower_ == "with" and c.right_edge.i == verb.i - 1:
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def _role_player(noun: Token) -> Token | None:
    """Rule role_in_an_act: "Turkey played a key role in brokering the grain deal": the subject of "play"
    does the act its role is in."""
    if _lemma(noun) not in load_role_words().role_nouns or noun.dep_ != "dobj" or _lemma(noun.head) != "play":
        return None
    return next((c for c in noun.head.children if c.dep_ in _SUBJ), None)


def _agent(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "agent" and c.lower_ == "by":  # the parser also tags "between" as an agent
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


@dataclass
class ActorIndex:
    """Actor mentions of one document, looked up by token."""

    by_token: dict[int, Any]

    @classmethod
    def build(cls, doc: Any, mentions: list[Any]) -> ActorIndex:
        by_token: dict[int, Any] = {}
        for m in mentions:
            outlet = (
                getattr(m, "kind", None) == "media"
                or (getattr(m, "attrs", None) or {}).get("type") == "media"
            )
            if outlet or getattr(m, "sector", None) == "JRN":
                continue  # rule outlets_are_not_actors: "told Reuters", "Iranian state media reported"
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                by_token[t.i] = m
        return cls(by_token)

    def codes_in(self, tokens: list[Token] | Any, exclude: set[int] | None = None) -> list[str]:
        out: list[str] = []
        for t in tokens:
            if exclude and t.i in exclude:
                continue
            m = self.by_token.get(t.i)
            if m is not None and m.code and m.code not in out:
                out.append(m.code)
        return out

    def mentions_in(self, tokens: Any) -> list[Any]:
        seen: list[Any] = []
        for t in tokens:
            m = self.by_token.get(t.i)
            if m is not None and all(m is not s for s in seen):
                seen.append(m)
        return seen


def _subtree_without(tok: Token, cut: set[int]) -> list[Token]:
    """``tok``'s subtree, leaving out the subtrees of tokens in ``cut`` (nested clauses)."""
    out = []
    stack = [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            if c.i in cut:
                continue
            if c.dep_ in ("relcl", "advcl", "ccomp", "acl") and c.i != tok.i:
                continue
            stack.append(c)
    return out


def _is_pronoun(tok: Token) -> bool:
    """He, it, they, we, our; not "US" (the United States), which is "us" in lower case."""
    return tok.lower_ in _PRONOUNS and not tok.text.isupper()


def _resolve_pronoun(tok: Token, index: ActorIndex) -> list[str]:
    """He/it/they: the nearest earlier actor mention that was a subject (this sentence, then the two before)."""
    doc = tok.doc
    sent = tok.sent
    windows = [doc[sent.start : tok.i]]
    start = sent.start
    for _ in range(2):
        if start <= 0:
            break
        prev = doc[start - 1].sent
        windows.append(prev)
        start = prev.start
    # "Israel accused it of doing so": an object pronoun is not the subject of its own verb
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    own = _subject(verb) if tok.dep_ in ("dobj", "dative", "pobj") and verb.pos_ in ("VERB", "AUX") else None
    skip = {t.i for t in own.subtree} if own is not None else set()
    for window in windows:
        cands = [t for t in window if t.i in index.by_token and t.i not in skip]
        subj = [t for t in cands if t.dep_ in ("nsubj", "nsubjpass") or t.head.dep_ in ("nsubj", "nsubjpass")]
        pick = subj[-1] if subj else (cands[-1] if cands and window is windows[0] else None)
        if pick is not None:
            return [index.by_token[pick.i].code]
    return []


def _codes_of(tok: Token, index: ActorIndex, cut: set[int]) -> list[str]:
    if tok.lower_ in ("who", "which", "that"):
        if tok.head.dep_ == "relcl":
            return index.codes_in([tok.head.head])
        return []
    if _is_pronoun(tok):
        return _resolve_pronoun(tok, index)
    return index.codes_in(_subtree_without(tok, cut))


def trigger_actors(
    trig: Trigger, index: ActorIndex, others: list[Trigger] | None = None
) -> tuple[list[str], list[str]]:
    """Source and target actor codes of a trigger, read off the parse."""
    cut = {t.head.i for t in (others or []) if t is not trig and t.head.i != trig.head.i}
    cut |= {
        t.token.i for t in (others or []) if t is not trig and t.token.i not in (trig.token.i, trig.head.i)
    }
    source: list[str] = []
    target: list[str] = []

    def add(dst: list[str], codes: list[str]) -> None:
        for c in codes:
            if c not in dst:
                dst.append(c)

    head = trig.head
    if trig.said_by is not None:
        return _must_request_roles(trig, index, cut)
    if trig.blamed:
        return blamed_roles(trig, index)
    if trig.motion is not None and not trig.nominal:
        return sponsor_roles(trig, index), []  # rule sponsors_of_a_motion: the aim is the motion's
    if trig.enacted_by is not None:
        voters = _subject(trig.enacted_by)
        if voters is not None and _codes_of(voters, index, cut):
            # rule enacted_act: the voters act; whom the act names is its target
            source = _codes_of(voters, index, cut)
            trig.enacted_by = None
            _, target = trigger_actors(trig, index, others)
            trig.enacted_by = voters.head
            return source, [c for c in target if c not in source]
    # "forces were engaged in ethnic cleansing": a state, not a passive
    passive = any(c.dep_ in _PASS_SUBJ for c in head.children) and (
        _lemma(head) not in _NOT_PASSIVE or _agent(head) is not None
    )
    if not trig.nominal or trig.light is not None:
        if passive and not (trig.nominal and trig.token.dep_ == "nsubjpass"):
            agent = _agent(head)
            if agent is not None:
                add(source, _codes_of(agent, index, cut))
            for c in head.children:
                if c.dep_ in _PASS_SUBJ:
                    add(target, _codes_of(c, index, cut))
        elif passive:
            agent = _agent(head)
            # "a ceasefire was announced by X": X announced it, X need not be a party
            if agent is not None and _lemma(head) not in _REPORTING:
                add(source, _codes_of(agent, index, cut))
        else:
            subj = _subject(head) or next((c for c in head.children if c.dep_ in _PASS_SUBJ), None)
            if subj is not None:
                add(source, _codes_of(subj, index, cut))
        for c in head.children:
            if c.dep_ in _OBJ and c.i != trig.token.i:
                add(target, _codes_of(c, index, cut))
            elif c.dep_ == "prep" or (c.dep_ == "agent" and c.lower_ in ("between", "among")):
                _prep_actors(c, trig, index, cut, source, target, add)
                for more in c.children:  # "spoke with Jaishankar and with Dar"
                    if more.dep_ == "conj" and more.pos_ == "ADP":
                        _prep_actors(more, trig, index, cut, source, target, add)
            elif c.dep_ in ("xcomp", "ccomp") and trig.type in ("REQUEST", "ACCUSE", "REJECT"):
                # "demanded that the Sudanese government end curbs": asked of the one who is to act,
                # whether or not the act asked for is itself an event
                s = _subject(c) if any(g.dep_ in _SUBJ for g in c.children) else None
                if s is not None:
                    add(target, _codes_of(s, index, cut - {c.i}))
    verb_subject = bool(source) and trig.light is not None
    if trig.nominal:
        tok = trig.token
        for c in tok.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i not in {w.i for w in trig.words}:
                codes = index.codes_in(c.subtree)
                if not codes and c.dep_ == "poss" and _is_pronoun(c):
                    codes = _resolve_pronoun(c, index)  # "reiterated its demand": the body named before
                if verb_subject:
                    # rule modifier_of_a_light_verbs_noun: "Israel agreed to US mediation", "rejected
                    # India's proposal": the verb's subject acts; the noun's owner is acted on
                    add(target, [x for x in codes if x not in source])
                else:
                    add(source, codes)
            elif c.dep_ in ("acl", "ccomp") and trig.type in ("REQUEST", "ACCUSE", "THREATEN"):
                # "its demand that Israel ease the curfew": asked of the subject of the clause
                s = _subject(c) if any(g.dep_ in _SUBJ for g in c.children) else None
                if s is not None:
                    add(target, [x for x in _codes_of(s, index, cut - {c.i}) if x not in source])
            elif c.dep_ == "prep":
                _prep_actors(c, trig, index, cut, source, target, add)
            elif c.dep_ == "acl":
                # "intervention, which came from X" / "strikes carried out by X"
                agent = _agent(c)
                if agent is not None:
                    add(source, _codes_of(agent, index, cut))
            elif c.dep_ == "relcl":
                for g in c.children:
                    if g.dep_ == "prep" and g.lower_ == "from":
                        add(source, index.codes_in(g.subtree))
                    if g.dep_ == "agent":
                        add(source, index.codes_in(g.subtree))
    if not source and trig.nominal and trig.light is None and trig.type in ("CONSULT", "AGREE"):
        # rule talks_in_a_phrase: "secured Tehran's agreement during a call with Iranian officials": whoever
        # acted during the call held it
        tok = trig.token
        if tok.dep_ == "pobj" and tok.head.lower_ in ("during", "in", "at") and tok.head.head.pos_ == "VERB":
            subj = _subject(tok.head.head)
            if subj is not None:
                add(source, [c for c in _codes_of(subj, index, cut) if c not in target])
    if not source and not trig.nominal and head.dep_ in ("acl", "xcomp") and head.head.pos_ == "NOUN":
        # rule act_of_the_decision_owner: "the Ethiopian decision to suspend the treaty": the decider acts
        noun = head.head
        if _lemma(noun) in load_role_words().decision_nouns:
            owners = [c for c in noun.children if c.dep_ in ("poss", "amod", "compound", "nmod")]
            owners += [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children]
            add(source, [x for o in owners for x in _codes_of(o, index, cut) if x not in target])
    if not source and not trig.nominal:
        subj = _subject(head)
        if subj is None and head.dep_ == "relcl":
            add(source, _codes_of(head.head, index, cut))
    if not target and not trig.nominal:
        # "promised to continue military aid to Mozambique": the recipient sits in the clause the verb governs
        subj = _subject(head)
        skip = {t.i for t in subj.subtree} if subj is not None and subj.head.i == head.i else set()
        after = [t for t in _subtree_without(head, cut) if t.i > head.i and t.i not in skip]
        if trig.type == "CONSULT":
            # rule venue_is_not_a_party: "met in Geneva, Switzerland", "spoke at the UN": where it was said
            venue = {
                w.i
                for c in head.children
                if c.dep_ == "prep"
                and c.lower_ in _VENUE_PREPS
                and any(g.dep_ == "pobj" and g.pos_ == "PROPN" for g in c.children)  # not "in a call with X"
                for w in c.subtree
            }
            after = [t for t in after if t.i not in venue]
        add(target, [c for c in index.codes_in(after) if c not in source])
    if not target:
        # rule aim_told_by_a_participle: "launched strikes targeting Israeli cities", "fired shells
        # hitting Armenian villages": the participle that carries the same act names its target
        for other in others or []:
            # ... and so does the same act told by a noun in its phrase: "brokered the deal in a call with X"
            in_phrase = other.nominal and other.token.dep_ == "pobj" and other.token.head.head.i == head.i
            if (
                other.nested_in is trig
                and other.type == trig.type
                and (other.head.dep_ in ("acl", "advcl", "xcomp") or in_phrase)
            ):
                objs = [c for c in other.head.children if c.dep_ in _OBJ or c.dep_ == "prep"]
                add(target, [x for c in objs for x in index.codes_in(list(c.subtree)) if x not in source])
    if not target and trig.nominal and others:
        # rule conjuncts_share_the_aim: "launched missile and drone strikes targeting Armenian posts": the
        # event noun coordinated with this one (told by it) names the aim of both
        for other in others:
            if (
                other.nested_in is trig
                and other.nominal
                and other.token.dep_ == "conj"
                and other.token.head.i == trig.token.i
            ):
                add(target, [x for x in trigger_actors(other, index, others)[1] if x not in source])
    if not target and source and trig.type == "ASSAULT":
        target = [x for x in _purpose_aim(head, index) if x not in source]
        if not target and trig.nominal and trig.light is None:
            target = [x for x in _purpose_aim(trig.token, index) if x not in source]
    if not source and trig.nominal and trig.light is None:
        add(source, [x for x in _possessor_before(trig.token, index) if x not in target])
    if not target and not trig.nominal and head.dep_ in ("advcl", "conj") and others:
        # rule the_toll_shares_the_aim: "fired missiles at Israel, killing 24 civilians": the participle
        # telling the same act's toll is aimed where the act was
        gov = next(
            (t for t in others if t.head.i == head.head.i and t.type == trig.type and t is not trig), None
        )
        if gov is not None and gov.head.dep_ not in ("advcl", "conj"):
            add(target, [c for c in trigger_actors(gov, index, others)[1] if c not in source])
    if not target and not trig.nominal and trig.token.dep_ == "amod":
        # "approve suspending cooperation with the IAEA": the gerund's object is the noun it hangs on
        add(target, [x for x in index.codes_in(list(trig.token.head.subtree)) if x not in source])
    if not target and not trig.nominal and trig.type in _AIMED_THROUGH_COMPLEMENT:
        add(target, _complement_target(head, source, index))
    if not target and source and trig.type == "THREATEN" and not trig.nominal:
        # "warned that any move by India to block the water would be an act of war": the one
        # the warning names in what it warns of
        for c in head.children:
            if c.dep_ == "ccomp":
                add(target, [x for x in index.codes_in(list(c.subtree)) if x not in source])
    # "Nigerian authorities jailed 52 members of a banned movement": an arrest, ban or
    # expulsion of people no other state is named for is done at home
    has_object = any(c.dep_ == "dobj" for c in head.children)
    if not target and source and trig.type == "COERCE" and not trig.nominal and not passive and has_object:
        target = list(source)
    if trig.type in _AIMED_AT_A_FORCE:
        operator = _base_operator(head, source, index)
        if operator:
            # rule base_operator_is_the_target: the state running the base first; its host stays
            target = operator + [c for c in target if c not in operator]
    return source, target


def _possessor_before(noun: Token, index: ActorIndex) -> list[str]:
    """Rule possessor_by_word_order: "after Israel's operation and Iran's large-scale retaliation": when the
    parser reads the "'s" as a verb, the actor written just before it still owns the noun phrase that
    follows."""
    doc = noun.doc
    left = min([noun.i, *(c.i for c in noun.children if c.i < noun.i and c.dep_ in _NP_MODIFIERS)])
    left = min(
        [left, *(g.i for c in noun.children if c.i < noun.i and c.lower_ not in _GENITIVE for g in c.subtree)]
    )
    if doc[left].lower_ not in _GENITIVE:
        left -= 1  # the "'s" just before the phrase, or (parsed into it) its first word
    if left < 1 or doc[left].lower_ not in _GENITIVE or doc[left].dep_ == "case":
        return []
    return index.codes_in([doc[left - 1]])


_GENITIVE = {"'s", "’s"}


_NP_MODIFIERS = {"det", "amod", "compound", "nummod", "nmod"}


def _purpose_aim(head: Token, index: ActorIndex) -> list[str]:
    """Rule aim_told_by_purpose: "conducted strikes to destroy Armenia's air defences": a subjectless
    purpose infinitive of a hostile act names its aim (not one of help: "to protect Syria")."""
    lex = load_lexicon()
    kids = list(head.children)
    if head.pos_ == "NOUN":
        kids = [c for c in head.children if c.dep_ == "acl"]  # "operations to punish Armenia"
    for c in kids:
        if c.dep_ not in ("advcl", "xcomp", "acl") or c.pos_ != "VERB":
            continue
        if not any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            continue
        if any(g.dep_ in _SUBJ for g in c.children):
            continue
        kind = lex.verbs.get(_lemma(c), "").split(":")[0]
        if kind and plover.quad_of(kind) in (1, 2):
            continue
        return index.codes_in([t for g in c.children if g.dep_ in ("dobj", "prep") for t in g.subtree])
    return []


# Acts aimed at a force or base, whose target is the state that runs it, not the state hosting it.
_AIMED_AT_A_FORCE = {"ASSAULT", "COERCE", "THREATEN"}


def _base_operator(head: Token, source: list[str], index: ActorIndex) -> list[str]:
    """Rule base_operator_is_the_target: "fired rockets at the Camp Humphreys base operated by the US
    military", "at a US military base in South Korea": an attack on a foreign base or force hits the
    state that runs it (named by a modifier or by "operated by") as well as its host. One state only."""
    words = load_role_words()
    aims = [t for c in head.children if c.dep_ in ("dobj", "prep", "dative") for t in c.subtree]
    for tok in aims:  # what the act is aimed at, not a clause that goes with it
        if _lemma(tok) not in words.base_nouns:
            continue
        owners = [
            x
            for c in tok.children
            if c.dep_ in ("amod", "compound", "poss", "nmod")
            for x in index.codes_in(list(c.subtree))
        ]
        for c in tok.children:
            if c.dep_ == "acl" and _lemma(c) in words.operate_verbs:
                owners += [
                    x for b in c.children if b.dep_ == "agent" for x in index.codes_in(list(b.subtree))
                ]
        owners = [x for x in dict.fromkeys(owners) if x not in source]
        if len(owners) == 1:
            return owners
    return []


# Acts whose aim is told in the act they govern: "threatened to cut off power to Nakhichevan",
# "refused to lift the blockade of Gaza", "offered to negotiate with Armenia's president".
_AIMED_THROUGH_COMPLEMENT = {"THREATEN", "REJECT", "AGREE", "REQUEST", "SUPPORT", "AID", "CONCEDE"}
_CONDITIONS = word_list("grammar", "conditions")
_VENUE_PREPS = word_list("grammar", "venue_preps")
_TIME_ANCHORS = word_list("grammar", "time_anchors")
# "forces were engaged in ethnic cleansing", "Israel is opposed to French mediation": states, not passives
_NOT_PASSIVE = word_list("grammar", "not_passive")


def _complement_target(head: Token, source: list[str], index: ActorIndex) -> list[str]:
    """Rule complement_target: the actors named in the act a verb governs (its infinitive, and the
    condition that goes with it: "threatened to quit the talks if Washington goes ahead"), when the
    verb itself names none. Relative clauses say who someone is, not whom the act is aimed at."""
    out: list[str] = []
    for c in head.children:
        conditional = c.dep_ == "advcl" and any(
            g.dep_ == "mark" and g.lower_ in _CONDITIONS for g in c.children
        )
        if c.dep_ != "xcomp" and not conditional:
            continue
        words = [t for t in c.subtree if not any(a.dep_ == "relcl" and a.i != c.i for a in _path_up(t, c))]
        out += [x for x in index.codes_in(words) if x not in source and x not in out]
    return out


def _path_up(tok: Token, stop: Token) -> list[Token]:
    out = []
    while tok.i != stop.i and tok.head.i != tok.i:
        out.append(tok)
        tok = tok.head
    return out


def _must_request_roles(trig: Trigger, index: ActorIndex, cut: set[int]) -> tuple[list[str], list[str]]:
    """Rule must_request_roles: "Britain's foreign secretary said the Sudanese government must reach a
    deal": the one who says it demands (source), the subject of "must" is asked (target)."""
    said = trig.said_by
    assert said is not None
    # "issued a reminder to Iraq that it must cooperate": the noun's verb says it, its "to" names whom
    speaker = _subject(said) if said.pos_ in ("VERB", "AUX") else _subject(said.head)
    addressee = [g for c in (*said.children, *said.head.children) if c.dep_ in ("prep", "dative") and c.lower_ == "to"
                 for g in c.children if g.dep_ == "pobj"]  # fmt: skip
    asked = _subject(trig.token)
    source = _codes_of(speaker, index, cut) if speaker is not None else []
    target = _codes_of(asked, index, cut) if asked is not None else []
    if (not target or asked is None or _is_pronoun(asked)) and addressee:
        target = _codes_of(addressee[0], index, cut)
    return source, [c for c in target if c not in source]


def home_target(trig: Trigger, source: list[str], index: ActorIndex) -> list[str]:
    """Rule home_target: with no other party named in its sentence, a state's act on someone
    ("the Sudanese government accused Darfur rebels", "Egyptian demonstrators rioted") is aimed at
    home. A sentence-level default, for when the document gives no better target."""
    if (
        len(source) != 1
        or trig.type not in _HOME_TYPES
        or _lemma(trig.head) in load_role_words().speech_verbs
    ):
        return []  # a threat made in a statement names its own aim, or none
    sent = trig.token.sent
    named = {m.country or m.code for m in index.mentions_in(sent)}
    if named - {source[0]}:
        return []
    head = trig.head
    acted_on = trig.type == "PROTEST" or any(
        c.dep_ in ("dobj", "ccomp", "xcomp", "nsubjpass")
        or (c.dep_ == "prep" and c.lower_ in ("against", "on"))
        for c in head.children
    )
    return list(source) if acted_on else []


_HOME_TYPES = {"ACCUSE", "REQUEST", "THREATEN", "CONCEDE", "COERCE", "PROTEST", "REJECT", "SANCTION"}


def home_source(trig: Trigger, index: ActorIndex) -> list[str]:
    """Rule home_source: "Prisoners rioted at a jail in East Timor's capital", "supporters of the former
    president blocked roads in Algiers": people the gazetteer cannot name, acting where only one state is
    named, are that state's (the GSR's convention for domestic actors). A sentence-level default."""
    if trig.type not in _HOME_SOURCE_TYPES:
        return []
    subj = _subject(trig.head)
    if subj is None or subj.pos_ not in ("NOUN", "PROPN") or _is_pronoun(subj):
        return []
    if _lemma(subj) in load_role_words().commentators:
        return []
    named = {m.country or m.code for m in index.mentions_in(trig.token.sent) if (m.country or m.code)}
    states = {c for c in named if len(c) == 3 and c.isalpha() and c.isupper() and c != "MIL"}
    return sorted(states) if len(states) == 1 and len(named) == 1 else []


_HOME_SOURCE_TYPES = {"PROTEST", "RETREAT", "REJECT", "REQUEST", "THREATEN", "AGREE", "CONCEDE"}


def sentence_actors(
    trig: Trigger, index: ActorIndex, others: list[Trigger] | None = None
) -> tuple[list[str], list[str]]:
    """Source and target of a trigger from its sentence alone: the parse, then the home defaults."""
    source, target = trigger_actors(trig, index, others)
    if not source:
        source = home_source(trig, index)
    if source and not target:
        target = home_target(trig, source, index)
    return source, target


def _prep_actors(
    prep: Token,
    trig: Trigger,
    index: ActorIndex,
    cut: set[int],
    source: list[str],
    target: list[str],
    add: Any,
) -> None:
    word = prep.lower_
    objs = [g for g in prep.children if g.dep_ in ("pobj", "pcomp")]
    if not objs:
        return
    codes: list[str] = []
    for o in objs:
        codes += _codes_of(o, index, cut)
    if word == "of" and trig.nominal and trig.type in _AIMED_AT_A_FORCE:
        forces = _forces_owner(objs, index)
        if forces:
            add(source, forces)  # rule forces_of_x_act: "the operations of our armed forces"
            return
    if not codes:
        return
    if word == "by" and all(o.dep_ == "pcomp" for o in objs):
        # rule means_by_gerund: "hit back by launching missiles at a US base": the means, not an agent;
        # what it is aimed at is the act's aim
        if trig.type in _AIMED_AT_A_FORCE:
            add(target, [c for c in codes if c not in source])
    elif word == "by" or (word == "from" and trig.nominal):
        add(source, codes)  # "a response from Pakistan"; but "withdraw from Lebanon" names the target
    elif word == "from":
        add(target, codes)
    elif word in ("between", "among"):
        trig.both_ways = True
        add(source, codes)
        add(target, codes)
    elif word == "in" and trig.type not in ("ASSAULT", "COERCE", "MOBILIZE", "AID"):
        return
    elif word == "of" and trig.nominal:
        # "the national security advisors of India and Pakistan" sit under the object already;
        # "the suspension of the treaty" has no actor; "talks of A with B" rare
        if trig.type in ("REQUEST", "CONSULT", "SUPPORT"):
            add(source, codes)
        else:
            add(target, codes)
    elif word in _TARGET_PREPS or word in ("of", "over", "across", "against"):
        add(target, codes)


def _forces_owner(objs: list[Token], index: ActorIndex) -> list[str]:
    """Rule forces_of_x_act: "the strikes of the Russian air force", "the operations of our armed forces":
    an attack "of" a side's forces is theirs; "our"/"their" is the speaker or side named before."""
    words = load_role_words()
    out: list[str] = []
    for o in objs:
        if _lemma(o) not in words.force_nouns:
            continue
        out += index.codes_in(list(o.subtree))
        for c in o.children:
            if not out and c.dep_ == "poss" and _is_pronoun(c):
                out += _resolve_pronoun(c, index)
    return out


def main_trigger(triggers: list[Trigger]) -> Trigger | None:
    """The sentence's main event: not nested in another, closest to the root, verbs before nouns."""
    cands = [t for t in triggers if t.nested_in is None] or triggers
    if not cands:
        return None
    return min(cands, key=lambda t: (_subordinate(t), t.depth, t.nominal and t.light is None, t.token.i))


def _subordinate(trig: Trigger) -> int:
    """1 when the trigger sits in a relative, adverbial or "after ..." clause."""
    for tok in [trig.head, *_ancestors_to_clause(trig.head)]:
        if tok.dep_ in ("relcl", "advcl", "acl"):
            return 1
        if tok.dep_ == "pobj" and tok.head.lower_ in (
            "after",
            "following",
            "before",
            "despite",
            "amid",
            "of",
            "because",
        ):
            return 1
    return 0
