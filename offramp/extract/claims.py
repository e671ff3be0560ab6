"""Attributed claims: who said what, with which cue, asserting, denying or hedging.

Stage ``claims`` reads the spaCy parse and the actor mentions and finds
statements in every common form:

- a cue verb from ``ontology/data/cues.yaml`` with a subject (the speaker) and a
  that-clause, an infinitive, an object or a quotation as the content
  ("X said that...", "X claimed to have...", "X described Y as Z",
  "X welcomed/rejected Y", "He added, “...”", "“...,” he said");
- "according to X, ...";
- relative clauses whose ``which`` is the content ("the attack, which X alleges
  was carried out by Y");
- a quotation with no cue of its own, right after a claim: its speaker goes on.

Quotations are found in the text, not the parse, so one quote can run over
several sentences. A pronoun speaker ("he", "she") is the last named person
who spoke outside a quotation; "the government" is the state the sentence (or
the one before it) names. Claims made inside someone else's quotation are kept,
marked ``attrs["via"]`` with the quoting speaker.

Polarity: ``deny`` for denying cues (deny, reject, dismiss...), ``hedge`` for
hedging cues (suggest) or hedge words on the cue or in the content (may,
could, likely, reportedly), else ``assert``. Negation inside the content does
not flip polarity (the content keeps its "not"); it is marked
``attrs["negated"]``.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..ontology.lang import word_list
from ..ontology.yamlfiles import shipped_yaml, user_yaml
from ..records import Claim
from .coding import token_arrays
from .mentions import in_span
from .pipeline import DocRecord, register_stage

if TYPE_CHECKING:
    import datetime as dt

    import pandas as pd

    from ..store import Store

__all__ = [
    "CLAIM_FIELDS",
    "ClaimStage",
    "Cue",
    "Lexicon",
    "claims_frame",
    "claims_table",
    "clean_content",
    "find_quotes",
    "load_lexicon",
]

# A quotation shorter than this many words is a scare quote (‘act of war’), not speech.
MIN_SPEECH_WORDS = 5
# How many sentences back a pronoun speaker may point ("he"; half as far for "it" and "they").
PRONOUN_REACH = 4
_PRONOUNS = word_list("grammar", "claim_pronouns")
_PLURAL_PRONOUNS = word_list("grammar", "claim_plural_pronouns")
_RELATIVE = word_list("grammar", "claim_relative")
_REPORTED = word_list("grammar", "claim_reported")
_CLAUSE_DEPS = {"ccomp", "xcomp", "oprd"}
_IN_PHRASE = {"pobj", "prep", "appos", "compound", "nmod", "conj"}  # links inside one noun phrase
_CONTENT_SKIP_DEPS = {"nsubj", "nsubjpass", "aux", "auxpass", "neg", "punct", "cc", "conj", "mark", "prt"}
_OPEN_CLOSE = {"“": "”", '"': '"'}
_SENT_BREAK = re.compile(r"[.!?][”\"]\s+(?=[A-Z“\"‘])|\n+")


@dataclass(frozen=True)
class Cue:
    lemma: str
    polarity: str = "assert"
    form: str | None = None
    kind: str | None = None
    clause: bool = False
    negated: str = "skip"
    particle: str | None = None
    needs: tuple[str, ...] = ()


@dataclass
class Lexicon:
    verbs: dict[str, list[Cue]]
    hedges: frozenset[str]
    speaker_nouns: frozenset[str]
    institution_nouns: frozenset[str]
    person_nouns: frozenset[str] = frozenset()
    settings: frozenset[str] = frozenset()
    nouns: dict[str, Cue] = field(default_factory=dict)
    titles: frozenset[str] = frozenset()
    outlet_nouns: frozenset[str] = frozenset()
    outlet_marks: dict[str, frozenset[str]] = field(default_factory=dict)
    outlets: frozenset[str] = frozenset()
    withholding: frozenset[str] = frozenset()
    document_nouns: frozenset[str] = frozenset()
    attribution_hedges: frozenset[str] = frozenset()
    hedge_phrases: tuple[re.Pattern[str], ...] = ()
    cabinet_titles: frozenset[str] = frozenset()

    def cue_for(self, token: Any) -> Cue | None:
        """The cue a verb token is, taking its particle into account ("pointed out")."""
        cues = self.verbs.get(token.lemma_.lower())
        if not cues:
            return None
        particles = {c.lower_ for c in token.children if c.dep_ in ("prt", "prep")}
        plain = None
        for cue in cues:
            if cue.particle is None:
                plain = cue
            elif cue.particle in particles:
                return cue
        # "called off", "held up": another phrasal verb, not the cue
        if any(c.dep_ == "prt" for c in token.children):
            return None
        return plain


@functools.lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """The cue lexicon (packaged ``cues.yaml`` unless a path is given)."""
    raw = (
        shipped_yaml("offramp.ontology", "data", "cues.yaml")
        if path is None
        else user_yaml(path, "cue lexicon")
    )
    verbs: dict[str, list[Cue]] = {}
    for key, opts in (raw.get("verbs") or {}).items():
        lemma, _, particle = key.partition(" ")
        opts = opts or {}
        opts = {k: tuple(v) if k == "needs" else v for k, v in opts.items()}
        verbs.setdefault(lemma, []).append(Cue(lemma=key, particle=particle or None, **opts))
    return Lexicon(
        verbs=verbs,
        hedges=frozenset(raw.get("hedges") or ()),
        speaker_nouns=frozenset(raw.get("speaker_nouns") or ()),
        institution_nouns=frozenset(raw.get("institution_nouns") or ()),
        titles=frozenset(raw.get("titles") or ()),
        person_nouns=frozenset(raw.get("person_nouns") or ()),
        settings=frozenset(raw.get("settings") or ()),
        nouns={k: Cue(lemma=k, **(v or {})) for k, v in (raw.get("nouns") or {}).items()},
        outlet_nouns=frozenset(raw.get("outlet_nouns") or ()),
        outlet_marks={k: frozenset(v) for k, v in (raw.get("outlet_marks") or {}).items()},
        outlets=frozenset(raw.get("outlets") or ()),
        withholding=frozenset(raw.get("withholding") or ()),
        document_nouns=frozenset(raw.get("document_nouns") or ()),
        attribution_hedges=frozenset(raw.get("attribution_hedges") or ()),
        hedge_phrases=tuple(_phrase(p) for p in raw.get("hedge_phrases") or ()),
        cabinet_titles=frozenset(raw.get("cabinet_titles") or ()),
    )


# A clause conceding or contrasting something after the main assertion.
_CONCESSIVE = re.compile(r",\s*(?:although|though|even though|while|whereas|but)\b", re.I)


def _phrase(words: str) -> re.Pattern[str]:
    """A phrase of the lexicon as a pattern: whole words, any run of spaces between them."""
    return re.compile(r"\b" + r"\s+".join(re.escape(w) for w in words.split()) + r"\b", re.I)


def _is_dash(tok: Any) -> bool:
    """A dash standing between words ("Reuters - Pakistan"), not a hyphen inside one ("Roy-Chaudhury")."""
    if tok.text in ("—", "–", "--"):
        return True
    return tok.text == "-" and bool(tok.whitespace_) and tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_)


def _closes_wire_tag(tok: Any) -> bool:
    """A closing bracket after one capitalised word just opened: the "(PTI)" of a dateline."""
    doc = tok.doc
    return (
        tok.text == ")"
        and tok.i >= 2
        and doc[tok.i - 2].text == "("
        and doc[tok.i - 1].text[:1].isupper()
        and doc[tok.i - 1].is_alpha
    )


def _bounds(tokens: Any) -> tuple[Any, int, int]:
    """(doc, start, end) of a sentence span or a parsed piece (a whole ``Doc``)."""
    if hasattr(tokens, "start"):
        return tokens.doc, tokens.start, tokens.end
    return tokens, 0, len(tokens)


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Inner character ranges of double-quoted passages (curly or straight), in order.

    A straight quote opens after a space or the start of the text and closes
    otherwise. A quote still open when a new one opens after a line break ends
    at that break: news style leaves each paragraph of a long quotation open.
    """
    quotes: list[tuple[int, int]] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if ch == "“" or (ch == '"' and (i == 0 or text[i - 1].isspace() or text[i - 1] in "([{—–")):
            if open_at is not None:
                brk = text.rfind("\n", open_at, i)
                if brk != -1 and text[open_at:brk].strip():
                    quotes.append((open_at, open_at + len(text[open_at:brk].rstrip())))
            open_at = i + 1
        elif ch in '”"' and open_at is not None:
            quotes.append((open_at, i))
            open_at = None
    return quotes


def clean_content(text: str) -> str:
    """Content as said: no double quote marks, single quotes paired off, no edge punctuation."""
    text = re.sub(r"[“”\"]", "", text)
    text = re.sub(r"‘([^‘’]*?)’(?!\w)", r"\1", text)
    text = text.replace("‘", "")  # an opening single quote left unpaired (the close was cut off)
    text = " ".join(text.split())
    return text.strip(" ,;:.—-")


@dataclass
class _Seg:
    """A sentence as parsed: ``tokens`` with char offsets ``base + token.idx`` into the document."""

    tokens: Any
    base: int
    start: int
    end: int


@dataclass
class _Found:
    claim: Claim
    cue_at: int
    content: tuple[int, int]
    nested: bool = False
    pronoun: bool = False
    personal: bool = False
    subject_range: tuple[int, int] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@register_stage("claims")
class ClaimStage:
    """Rule-based attributed claims from the dependency parse, quotations and cue lexicon."""

    requires = ("doc", "actors")
    provides = ("claims",)

    def __init__(self, lexicon: str | None = None, nlp: Any = None, author_hedges: bool = True):
        self.lexicon = load_lexicon(lexicon)
        self._nlp = nlp
        self.author_hedges = author_hedges

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            from .nlp import load_nlp

            self._nlp = load_nlp()
        return self._nlp

    def prepare(self, records: list[DocRecord]) -> None:
        """Re-parse the pieces of a whole batch of documents in one ``nlp.pipe`` call (see
        ``_plan``); each record keeps its own in ``record.data`` until its turn comes."""
        plans = [(r, _plan(r.doc)) for r in records if r.doc is not None]
        pieces = [p[0] for _, plan in plans for p in plan if isinstance(p, tuple)]
        parsed = iter(self.nlp.pipe(pieces)) if pieces else iter(())
        for record, plan in plans:
            own = [next(parsed) for p in plan if isinstance(p, tuple)]
            record.data[_PLANNED] = (plan, own)

    def __call__(self, record: DocRecord) -> DocRecord:
        if record.doc is None:
            return record
        record.claims.extend(_Extraction(self, record).run())
        return record


_PLANNED = "claims.pieces"


def _plan(doc: Any) -> list[Any]:
    """The parse's sentences, cut where one runs over a closing quote or a line break: a sentence
    span, or (piece text, start) for each piece to parse again."""
    plan: list[Any] = []
    full = doc.text
    for sent in doc.sents:
        text = full[sent.start_char : sent.end_char]  # the sentence's text, without building it
        cuts = [m.end() for m in _SENT_BREAK.finditer(text)]
        cuts = [c for c in cuts if 0 < c < len(text.rstrip())]
        if not cuts:
            plan.append(sent)
            continue
        bounds = [0, *cuts, len(text)]
        for a, b in itertools.pairwise(bounds):
            piece = text[a:b]
            lead = len(piece) - len(piece.lstrip())
            piece = piece.strip()
            if piece:
                plan.append((piece, sent.start_char + a + lead))
    return plan


class _Extraction:
    """One document's claims; holds the text, quotes, sentences and speakers seen so far."""

    def __init__(self, stage: ClaimStage, record: DocRecord):
        self.stage = stage
        self.lex = stage.lexicon
        self.record = record
        self.text = record.text
        self.doc_id = record.document.id
        self.actors = sorted(record.actors, key=lambda m: m.start)
        self.quotes = [
            q for q in find_quotes(self.text) if len(self.text[q[0] : q[1]].split()) >= MIN_SPEECH_WORDS
        ]
        self.segments = list(self._segments())
        self.people: dict[str, tuple[str, str | None]] = {}  # surname -> (full name, actor)
        self.found: list[_Found] = []

    # -- sentences -----------------------------------------------------------

    def _segments(self):
        """The parse's sentences, re-parsed in pieces where it ran over a closing quote or a line break
        (parsed with the batch by ``ClaimStage.prepare``, else here in one ``nlp.pipe`` call)."""
        prepared = self.record.data.pop(_PLANNED, None)
        if prepared is not None:
            plan, own = prepared
            parsed = iter(own)
        else:
            plan = _plan(self.record.doc)
            pieces = [p[0] for p in plan if isinstance(p, tuple)]
            parsed = iter(self.stage.nlp.pipe(pieces)) if pieces else iter(())
        for item in plan:
            if isinstance(item, tuple):
                piece, start = item
                yield _Seg(next(parsed), start, start, start + len(piece))
            else:
                yield _Seg(item, 0, item.start_char, item.end_char)

    def sentence_of(self, pos: int) -> _Seg | None:
        for seg in self.segments:
            if seg.start <= pos < seg.end:
                return seg
        return None

    # -- main ----------------------------------------------------------------

    def run(self) -> list[Claim]:
        verbs, nouns = self.lex.verbs, self.lex.nouns
        for seg in self.segments:
            doc, start, end = _bounds(seg.tokens)
            arrays = token_arrays(doc)
            lower, lemma, pos, children = arrays.lower, arrays.lemma, arrays.pos, arrays.children
            # only words that can be a cue become Tokens
            for i in range(start, end):
                if lower[i] == "according" and any(lower[c] == "to" for c in children[i]):
                    self._according(seg, doc[i])
                elif pos[i] == "VERB":
                    if verbs.get(lemma[i]):
                        cue = self.lex.cue_for(doc[i])
                        if cue is not None:
                            self._cue_verb(seg, doc[i], cue)
                elif pos[i] == "NOUN" and lemma[i] in nouns:
                    self._cue_noun(seg, doc[i], nouns[lemma[i]])
        self._orphan_quotes()
        self._embedded_posts()
        if self.stage.author_hedges:
            self._author_hedges()
        for f in self.found:
            quote = self._in_quote(f.cue_at)
            if quote is not None and "via" not in f.claim.attrs:
                owner = self._quote_owner(quote)
                if owner is not None:
                    f.claim.attrs["via"] = owner.claim.speaker_person or owner.claim.speaker
        self.found.sort(key=lambda f: (f.claim.span_start or 0, f.cue_at))
        seen: set[Any] = set()
        claims = []
        for f in self.found:
            key = (f.claim.speaker, f.content)
            if key in seen or f.claim.id in seen:
                continue
            seen.update({key, f.claim.id})
            claims.append(f.claim)
        return claims

    # -- helpers on tokens ---------------------------------------------------

    @staticmethod
    def _a(seg: _Seg, tok: Any) -> int:
        return seg.base + tok.idx

    @staticmethod
    def _e(seg: _Seg, tok: Any) -> int:
        return seg.base + tok.idx + len(tok.text)

    def _range(self, seg: _Seg, toks: list[Any]) -> tuple[int, int]:
        toks = [t for t in toks if not t.is_space]
        return min(self._a(seg, t) for t in toks), max(self._e(seg, t) for t in toks)

    def _quote_at(self, start: int, end: int, cue_at: int) -> tuple[int, int] | None:
        """The speech quote that a content range starts inside (or right at), unless the cue is in it too."""
        for qs, qe in self.quotes:
            if qs - 1 <= start < qe and end > qs and not qs <= cue_at < qe:
                return qs, qe
        return None

    def _in_quote(self, pos: int) -> tuple[int, int] | None:
        for qs, qe in self.quotes:
            if qs <= pos < qe:
                return qs, qe
        return None

    def _subject(self, verb: Any) -> Any | None:
        """The verb's subject, inherited through coordination and participle clauses."""
        node = verb
        for _ in range(4):
            # the subject nearest the verb: a dateline ("ISLAMABAD, May 8 -") may be parsed as another
            subjects = sorted(
                (c for c in node.children if c.dep_ == "nsubj"
                 or (c.dep_ == "nsubjpass" and node.lemma_ in _REPORTED)),
                key=lambda c: abs(c.i - node.i),
            )  # fmt: skip
            subj = subjects[0] if subjects else None
            if subj is not None:
                if subj.lower_ in _RELATIVE and node.dep_ == "relcl":
                    return node.head if node.head.pos_ in ("PROPN", "NOUN") else None
                return subj
            if node.dep_ in ("conj", "advcl", "xcomp") and node.head is not node:
                node = node.head
                continue
            if node.dep_ == "pcomp" and node.head.head is not node.head:  # "was quoted as saying"
                node = node.head.head
                continue
            return self._subject_in_date_phrase(node)
        return None

    @staticmethod
    def _subject_in_date_phrase(verb: Any) -> Any | None:
        """ "On 8 May Pakistan's army spokesman said": the parser may take the speaker into the date phrase."""
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.i > verb.i or prep.lower_ not in ("on", "in", "at"):
                continue
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is None or obj.ent_type_ in ("DATE", "TIME"):
                continue
            if any(t.ent_type_ == "DATE" for t in obj.subtree if t.i < obj.i):
                return obj
        return None

    def _speaker_tokens(self, subj: Any) -> list[Any]:
        """The subject phrase, without relative clauses and edge punctuation."""
        drop: set[int] = set()
        for t in subj.subtree:
            if t.dep_ in ("relcl", "acl") and t.head.i != t.i:
                drop.update(x.i for x in t.subtree)
        toks = [t for t in subj.subtree if t.i not in drop]
        # a dateline or a line before the speaker: "ISLAMABAD, May 8 (Reuters) - Pakistan's military"
        cut = [i for i, t in enumerate(toks) if t.i < subj.i and (_is_dash(t) or "\n" in t.text)]
        # a wire dateline: "Apr 24 (PTI) India said" -- the agency in brackets closes the dateline
        cut += [i for i, t in enumerate(toks) if t.i < subj.i and _closes_wire_tag(t)]
        # "(The Daily Star)- Officials said": a bracket closed that never opened in the phrase
        cut += [
            i
            for i, t in enumerate(toks)
            if t.i < subj.i and t.text == ")" and not any(x.text == "(" for x in toks[:i])
        ]
        if cut:
            toks = toks[max(cut) + 1 :]
        # "On 7 May Prime Minister X said": the date is not part of the speaker
        while toks and toks[0].ent_type_ in ("DATE", "TIME") and toks[0].i < subj.i:
            toks.pop(0)
        while toks and (toks[-1].is_punct or toks[-1].is_space or toks[-1].dep_ == "case"):
            if toks[-1].text == ")" and any(t.text == "(" for t in toks):
                break  # "the Defence Ministry (MoD)": the bracket closes a name
            toks.pop()
        while toks and (toks[0].is_punct or toks[0].is_space):
            toks.pop(0)
        return toks

    def _unbracketed(self, srange: tuple[int, int]) -> tuple[int, int]:
        """ "Star)- Ukraine": a bracket closed that never opened in the phrase ends a dateline."""
        m = re.match(r"[^()]*\)[\s\-—–:]*", self.text[srange[0] : srange[1]])
        if m is None or srange[0] + m.end() >= srange[1]:
            return srange
        return srange[0] + m.end(), srange[1]

    def _extend_after_quote(self, seg: _Seg, srange: tuple[int, int]) -> tuple[int, int]:
        """“...,” Pakistan's military spokesman Lt Gen X told: the whole phrase after the quote
        is the speaker, even when the parse hangs its front on the quote."""
        for _qs, qe in self.quotes:
            if not qe <= srange[0] <= qe + 120:
                continue
            gap = re.match(r"[”\"]?[,.]?\s+", self.text[qe : srange[0]])
            if gap is None:
                continue
            start = qe + gap.end()
            if start < seg.start or re.search(r"[.!?\n]", self.text[start : srange[0]]):
                continue
            between = [t for t in seg.tokens if start <= self._a(seg, t) < srange[0]]
            if all(t.pos_ not in ("VERB", "AUX") and not t.is_punct for t in between):
                return start, srange[1]
        return srange

    def _is_speaker(self, toks: list[Any], head: Any, srange: tuple[int, int]) -> bool:
        if head.lower_ in _PRONOUNS or head.lower_ in _PLURAL_PRONOUNS:
            return True
        if head.pos_ == "PROPN" or in_span(self.actors, *srange):
            return True
        if head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            return True
        nouns = self.lex.speaker_nouns | self.lex.institution_nouns
        return head.lemma_.lower() in nouns or head.lower_ in nouns or self._named_body(head)

    @staticmethod
    def _named_body(head: Any) -> bool:
        """A common noun named by the body before it ("the Red Crescent relief service", "the Magen
        David Adom ambulance service"): the name makes the phrase a speaker."""
        before = [t for left in head.lefts for t in left.subtree]
        return any(t.pos_ == "PROPN" and t.ent_type_ in ("ORG", "PERSON") for t in before)

    # -- forms ---------------------------------------------------------------

    def _cue_verb(self, seg: _Seg, verb: Any, cue: Cue) -> None:
        subj = self._subject(verb)
        if subj is None:
            return
        negated = any(c.dep_ == "neg" for c in verb.children)
        if negated and cue.negated == "skip":
            return
        stoks = self._speaker_tokens(subj)
        if not stoks:
            return
        srange = self._unbracketed(self._extend_after_quote(seg, self._range(seg, stoks)))
        if not self._is_speaker(stoks, subj, srange):
            return
        cue_at = self._a(seg, verb)
        content, form, extra = self._content(seg, verb, cue, srange)
        if content is None:
            return
        polarity = cue.polarity
        if negated:
            polarity = cue.negated
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in self.lex.withholding:
            polarity = "hedge"  # "refused to confirm X": neither asserted nor denied
        # "X reportedly said": the writer hedges the attribution, not X the content (kept in attrs)
        marks = [
            c.lower_ for c in verb.children if c.dep_ in ("advmod", "aux") and c.lower_ in self.lex.hedges
        ]
        extra_hedge = any(m not in self.lex.attribution_hedges for m in marks)
        attributed = [m for m in marks if m in self.lex.attribution_hedges]
        if attributed:
            extra = {**extra, "attribution": attributed[0]}
        parts = (
            self._assertions(seg, verb, content)
            if form in ("indirect", "infinitival") and "text" not in extra
            else [content]
        )
        for part in parts:
            self._add(seg, cue_at, verb, cue, srange, subj, part, form, polarity, extra_hedge, extra)

    @staticmethod
    def _another_assertion(tok: Any) -> bool:
        """A verb coordinated with the reported clause that says another thing: with its own subject,
        its own "that", or its own object ("had downed two jets and damaged a radar"); or a "that"-clause
        with its own subject the parser took for a relative clause ("shelled Kharkiv, that two died")."""
        deps = {g.dep_ for g in tok.children}
        if tok.pos_ not in ("VERB", "AUX"):
            return False
        if tok.dep_ == "conj":
            return bool(deps & {"nsubj", "nsubjpass", "mark", "dobj"})
        if tok.dep_ in ("relcl", "acl"):
            that = any(g.dep_ == "mark" and g.lower_ == "that" for g in tok.children)
            return that and bool(deps & {"nsubj", "nsubjpass"})
        return False

    def _assertions(self, seg: _Seg, verb: Any, content: tuple[int, int]) -> list[tuple[int, int]]:
        """One content range per assertion: a that-clause coordinated with another that-clause, or with
        a clause of its own subject ("X said A, B had happened and C would follow"), is a claim of its own."""
        clause = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.i > verb.i), None)
        if clause is None:
            return [content]
        heads = [clause]
        todo = [clause]
        while todo:
            node = todo.pop()
            for c in node.subtree:
                if c.i != node.i and c not in heads and self._another_assertion(c):
                    heads.append(c)
                    todo.append(c)
        if len(heads) == 1:
            return [content]
        owned: dict[int, int] = {}  # token index -> the head whose assertion it belongs to
        for h in sorted(heads, key=lambda t: len(list(t.subtree)), reverse=True):
            for t in h.subtree:
                owned[t.i] = h.i
        ranges = []
        for h in heads:
            if (
                h is not clause
                and self.lex.cue_for(h) is not None
                and not any(g.dep_ in ("nsubj", "nsubjpass") for g in h.children)
            ):
                continue  # "insisted that X and criticized Y": the speaker's next act, not said
            toks = [
                t for t in h.subtree if owned.get(t.i) == h.i and not (t.dep_ == "cc" and t.head.i in owned)
            ]
            toks = self._trim([t for t in toks if not (t.dep_ == "mark" and t.lower_ == "that")])
            if not toks:
                continue
            a, b = self._range(seg, toks)
            a, b = max(a, content[0]), min(b, content[1])
            if b - a > 0 and len(self.text[a:b].split()) >= 3:
                ranges.append((a, b))
        return sorted(ranges) or [content]

    def _content(
        self, seg: _Seg, verb: Any, cue: Cue, srange: tuple[int, int]
    ) -> tuple[tuple[int, int] | None, str | None, dict[str, Any]]:
        """Where the content lies, and in which form it is given."""
        extra: dict[str, Any] = {}
        children = list(verb.children)
        if cue.needs and not any(c.dep_ in cue.needs for c in children):
            return None, None, extra  # "called the minister" (phoned), not "called it an act of war"
        tail = self._tail_noun(verb)
        if tail is not None:
            # "X said Y, a claim India has not confirmed": the content is the claim just before the comma
            comma_at = self._a(seg, tail.doc[tail.i - 2])
            earlier = [
                f
                for f in self.found
                if f.content[1] <= comma_at and not self.text[f.content[1] : comma_at].strip(' ”"')
            ]
            if earlier:
                extra["tail"] = True
                return earlier[-1].content, "relative", extra
            return None, None, extra
        free = self._free_relative(seg, verb)
        if free is not None:
            return free, "relative", extra
        clause = [c for c in children if c.dep_ == "ccomp"]
        # a clause before the cue is its content only in "..., X said." (nothing more after the cue)
        if (
            clause
            and clause[0].i < verb.i
            and any(c.dep_ == "mark" or (c.dep_ in ("ccomp", "xcomp") and c.i > verb.i) for c in children)
        ):
            clause = [c for c in clause if c.i > verb.i]
        which = [c for c in children if c.lower_ in _RELATIVE and c.dep_ in ("dobj", "nsubj")]
        rng: tuple[int, int] | None = None
        form: str | None = None
        # "..., which India alleges was carried out by ...": which stands for the antecedent
        rel = [
            t
            for c in clause
            for t in c.children
            if t.lower_ in _RELATIVE and t.dep_ in ("nsubj", "nsubjpass")
        ]
        if verb.dep_ == "relcl" and (rel or which):
            ante = self._antecedent(verb)
            if ante is not None:
                if rel and clause:
                    body = [t for t in clause[0].subtree if t.i != rel[0].i]
                    a0, a1 = self._range(seg, ante)
                    b0, b1 = self._range(seg, body)
                    extra["antecedent"] = (a0, a1)
                    extra["text"] = f"{self.text[a0:a1]} {self.text[b0:b1]}"
                    return (min(a0, b0), max(a1, b1)), "relative", extra
                own_object = any(c.dep_ == "dobj" and c.lower_ not in _RELATIVE for c in children)
                if which and not clause and not cue.clause and not own_object:
                    return self._range(seg, ante), "relative", extra
        if not clause:
            # "stated in multiple speeches that ...": a that-clause hung on a noun after the cue
            clause = [
                t.head
                for c in children
                if c.i > verb.i and c.dep_ in ("prep", "dobj")
                for t in c.subtree
                if t.lower_ == "that" and self._complementizer(t)
            ][:1]
        if clause:
            toks = [
                t
                for t in clause[0].subtree
                if not (t.lower_ == "that" and t.head.i == clause[0].i and self._complementizer(t))
            ]
            # "said on Sunday it had destroyed ...": a date between the cue and the clause's subject
            # is when it was said, wherever the parser hung it
            subj = next((c for c in clause[0].children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and toks and toks[0].i == verb.i + 1:
                lead = next((c for c in clause[0].children if c.dep_ == "prep" and c.i == verb.i + 1), None)
                if (
                    lead is not None
                    and lead.i < subj.i
                    and any(t.ent_type_ in ("DATE", "TIME") for t in lead.subtree)
                ):
                    drop = {t.i for t in lead.subtree}
                    toks = [t for t in toks if t.i not in drop]
            toks = self._trim(self._cut_tail(toks))
            rng = self._range(seg, toks) if toks else None
            form = "indirect"
        else:
            right = [
                c
                for c in children
                if c.i > verb.i
                and c.dep_ not in _CONTENT_SKIP_DEPS
                and not (c.dep_ == "advcl" and self.lex.cue_for(c) is not None)
                and not (c.dep_ == "npadvmod" and c.ent_type_ in ("DATE", "TIME"))
                and not self._setting(c)
            ]
            if cue.clause and not any(c.dep_ in _CLAUSE_DEPS for c in right):
                # "reported 606 deaths": a figure is said even as a bare object
                right = [c for c in right if c.dep_ == "dobj" and any(t.like_num for t in c.subtree)]
            toks = self._trim(self._cut_tail([t for c in right for t in c.subtree]))
            # a setting at the very end, wherever the parse hung it ("an act of war in parliament")
            while toks:
                tail = next(
                    (t for t in toks if self._setting(t, places=False) and t.right_edge.i == toks[-1].i), None
                )
                if tail is None:
                    break
                toks = self._trim([t for t in toks if t.i < tail.i])
            # "objected to X", "spoke about X": the preposition is not the content
            while toks and toks[0].dep_ == "prep" and toks[0].head.i == verb.i:
                toks = toks[1:]
            while toks and toks[0].dep_ == "aux" and toks[0].lower_ == "to":
                toks = toks[1:]
            if toks:
                rng = self._range(seg, toks)
                has_x = any(c.dep_ == "xcomp" for c in right)
                has_obj = any(c.dep_ == "dobj" for c in right)
                form = (
                    "infinitival"
                    if has_x and not has_obj
                    else cue.form or ("indirect" if has_x else "object")
                )
        # a quotation: the content is the whole quote, however many sentences it runs over
        if rng is not None:
            cue_at = self._a(seg, verb)
            q = self._quote_at(*rng, cue_at)
            if q is not None:
                return q, "direct", extra
            for qs, qe in self.quotes:
                if rng[0] < qs < rng[1] < qe and not qs <= cue_at < qe:
                    return (rng[0], qe), "mixed", extra
            return rng, form, extra
        # "“...,” he said." / "He added, “...”"
        before = self._quote_before(min(srange[0], self._a(seg, verb)))
        if before is not None:
            return before, "direct", extra
        after = self._quote_after(max(srange[1], self._e(seg, verb)))
        if after is not None:
            return after, "direct", extra
        return None, None, extra

    def _free_relative(self, seg: _Seg, verb: Any) -> tuple[int, int] | None:
        """ "came under fire from what Iran claims were six missiles": the content is what follows the
        cue, up to the end of the clause, without its copula."""
        if not any(
            c.lower_ == "what" and c.i < verb.i and c.dep_ in ("dobj", "nsubj") for c in verb.children
        ):
            return None
        doc = verb.doc
        toks = []
        for t in doc[verb.i + 1 : seg.tokens[-1].i + 1 if hasattr(seg.tokens, "__getitem__") else len(doc)]:
            if t.is_punct or t.dep_ in ("mark", "cc"):
                break
            toks.append(t)
        while toks and toks[0].lemma_ in ("be", "have", "to"):
            toks.pop(0)
        return self._range(seg, toks) if len(toks) >= 2 else None

    def _is_tail(self, noun: Any) -> bool:
        """ ", a claim ...", ", an allegation ...": a noun that comments on the clause before the comma."""
        doc = noun.doc
        return (
            noun.lemma_.lower() in self.lex.nouns
            and noun.i >= 2
            and doc[noun.i - 1].dep_ == "det"
            and doc[noun.i - 2].text == ","
        )

    def _tail_noun(self, verb: Any) -> Any | None:
        relative = any(c.lower_ in _RELATIVE for c in verb.children)
        if verb.dep_ == "relcl" and self._is_tail(verb.head) and not relative:
            return verb.head
        for c in verb.children:
            if c.dep_ == "dobj" and c.i < verb.i and self._is_tail(c):
                return c
        return None

    def _cut_tail(self, toks: list[Any]) -> list[Any]:
        """Content ends where a commenting noun begins (", a claim India has not confirmed")."""
        for t in toks:
            if self._is_tail(t):
                return [x for x in toks if x.i < t.i - 2]
        return toks

    @staticmethod
    def _complementizer(that: Any) -> bool:
        """Whether a "that" opens a that-clause: marked so, or parsed as the relative object
        of a verb that has its own object ("told a briefing that X had called Y")."""
        head = that.head
        if that.dep_ == "mark":
            return head.dep_ in ("ccomp", "acl", "relcl")
        if head.dep_ == "relcl" and that.i == head.left_edge.i:
            return any(c.dep_ == that.dep_ and c.i != that.i for c in head.children)
        return False

    def _setting(self, prep: Any, places: bool = True) -> bool:
        """Where or when it was said ("in parliament", "on Friday", "in a statement"), not what.
        ``places=False`` leaves place names alone (they may be what was said: "radars in Lahore")."""
        if prep.dep_ != "prep":
            return False
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is None:
            return False
        kinds = ("GPE", "LOC", "FAC", "DATE", "TIME") if places else ("DATE", "TIME")
        return obj.ent_type_ in kinds or obj.lemma_.lower() in self.lex.settings

    @staticmethod
    def _trim(toks: list[Any]) -> list[Any]:
        """Drop dangling conjunctions and punctuation at the edges of a content phrase."""
        toks = [t for t in toks if not t.is_space]
        while toks and (toks[-1].is_punct or toks[-1].dep_ == "cc"):
            toks.pop()
        while toks and (
            (toks[0].is_punct and toks[0].text not in '“"‘')
            or (toks[0].dep_ == "mark" and toks[0].lower_ == "that")
        ):
            toks.pop(0)
        return toks

    def _quote_before(self, pos: int) -> tuple[int, int] | None:
        """“...,” he said: the quote ends with a comma (or ? !) just before the speaker, on the same line."""
        for qs, qe in self.quotes:
            gap = self.text[qe:pos]
            if (
                qe < pos
                and re.fullmatch(r"[ ,”\"]*", gap)
                and re.search(r"[,?!—-]\s*$", self.text[qs:qe] + gap)
            ):
                return qs, qe
        return None

    # between a cue and the quote it introduces: punctuation, a line break after a comma or colon,
    # or where it was said ("declaring on social media, “...”")
    _CUE_TO_QUOTE = re.compile(
        r"(?:\s+(?:on|in|at|via|during|to|from)\s[^“”\"\n.;]{1,40}?)?(?:[ ,:]*|[ ]*[,:]\s*\n\s*)[“\"]?"
    )

    def _quote_after(self, pos: int) -> tuple[int, int] | None:
        """He said: “...” — the quote opens right after the cue (or after where it was said), on the same
        line or, after a comma or colon, on the next."""
        for qs, qe in self.quotes:
            if qs > pos and self._CUE_TO_QUOTE.fullmatch(self.text[pos:qs]):
                return qs, qe
        return None

    def _antecedent(self, relcl: Any) -> list[Any] | None:
        """What a relative clause's ``which`` stands for: a noun phrase, or the clause it hangs on."""
        node = relcl.head
        # "the attack in Pahalgam, which ...": a name hung on a noun stands for that noun
        if node.pos_ == "PROPN" and node.dep_ == "pobj" and node.head.head.pos_ == "NOUN":
            node = node.head.head
        drop = {t.i for t in relcl.subtree}
        if node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.head.pos_ in ("VERB", "AUX"):
            clause = node.head.head
            toks = [t for t in clause.subtree if t.i not in drop]
            toks = [t for t in toks if t.i >= clause.i or t.dep_ not in ("mark",)]
            toks = [t for t in toks if not (t.dep_ == "mark" and t.head.i == clause.i)]
        elif node.pos_ in ("NOUN", "PROPN"):
            toks = [t for t in node.subtree if t.i not in drop]
        else:
            return None
        toks = [t for t in toks if t.i < relcl.i]
        while toks and (toks[-1].is_punct or toks[-1].is_space):
            toks.pop()
        return toks or None

    def _cue_noun(self, seg: _Seg, noun: Any, cue: Cue) -> None:
        """ "Pakistan's claim that it had downed five jets", "India's denial that ...", "criticism
        from India that ...": the owner, or who it comes from, speaks."""
        owner = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
        # "criticism from India", "a complaint from Islamabad": the parser may hang the "from" on
        # the noun or on its verb; on the verb it must follow the noun directly
        end = max(t.i for t in noun.subtree)
        by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "by")), None)
        if by is None and noun.head is not noun:
            by = next(
                (c for c in noun.head.children if c.dep_ == "prep" and c.lower_ == "from" and c.i == end + 1),
                None,
            )
        if owner is None and by is not None:
            owner = next((c for c in by.children if c.dep_ == "pobj"), None)
            end = max(end, max(t.i for t in by.subtree))
        # the that-clause hangs on the noun, or (by the parser) on a verb above it right after it
        above = [noun.head, noun.head.head] if noun.head is not noun else []
        clause = next(
            (c for h in [noun, *(a for a in above if a is not None)] for c in h.children
             if c.dep_ in ("acl", "ccomp") and (h is noun or min(t.i for t in c.subtree) == end + 1)
             and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)),
            None,
        )  # fmt: skip
        if owner is None or clause is None:
            return
        stoks = self._speaker_tokens(owner)
        if not stoks:
            return
        srange = self._range(seg, stoks)
        if not self._is_speaker(stoks, owner, srange):
            return
        toks = self._trim([t for t in clause.subtree if not (t.dep_ == "mark" and t.head.i == clause.i)])
        if not toks:
            return
        content = self._range(seg, toks)
        self._add(
            seg, self._a(seg, noun), noun, cue, srange, owner, content, "nominal", cue.polarity, False, {}
        )

    def _according(self, seg: _Seg, tok: Any) -> None:
        to = next(c for c in tok.children if c.lower_ == "to")
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return
        stoks = self._speaker_tokens(pobj)
        srange = self._range(seg, stoks)
        if not self._is_speaker(stoks, pobj, srange):
            return
        drop = {t.i for t in tok.subtree}
        head = tok.head
        toks = self._trim([t for t in head.subtree if t.i not in drop])
        if not toks:
            return
        content = self._range(seg, toks)
        cue = Cue(lemma="according to")
        self._add(
            seg, self._a(seg, tok), tok, cue, srange, pobj, content, "according_to", "assert", False, {}
        )

    # -- building the claim --------------------------------------------------

    def _add(
        self,
        seg: _Seg,
        cue_at: int,
        verb: Any,
        cue: Cue,
        srange: tuple[int, int],
        subj: Any,
        content: tuple[int, int],
        form: str | None,
        polarity: str,
        hedged: bool,
        extra: dict[str, Any],
    ) -> None:
        c0, c1 = content
        if "text" not in extra:
            c0, polarity = self._reported_content(c0, c1, polarity)
        source = self._quoted_source(seg, subj, verb) if self._outlet(srange, subj) else None
        if source is not None and "text" not in extra:
            c0, c1, source = self._without_quoting(seg, source, c0, c1)
        body = extra.get("text") or self.text[c0:c1]
        text = clean_content(body)
        if not text:
            return
        speaker = self.text[srange[0] : srange[1]]
        quote = self._in_quote(cue_at)
        outer = self._outer(cue_at, quote)
        nested = outer is not None or quote is not None
        pronoun = subj.lower_ in _PRONOUNS | _PLURAL_PRONOUNS
        actor, person, ref = self._resolve_speaker(seg, subj, srange, cue_at, pronoun)
        if subj.lower_ == "it" and ref is None:
            return  # "it said" with no organisation speaking just before: not a speaker we can name
        about = self._about(c0, c1, extra.get("antecedent"))
        if polarity == "assert" and (hedged or self._hedged(c0, c1)):
            polarity = "hedge"
        span = (min(srange[0], cue_at, c0), max(srange[1], c1, cue_at + len(verb.text)))
        attrs: dict[str, Any] = {}
        if cue.kind:
            attrs["kind"] = cue.kind
        if extra.get("attribution"):
            attrs["attribution"] = extra["attribution"]
        if self._content_negated(c0, c1):
            attrs["negated"] = True
        if outer is not None:
            attrs["via"] = outer.claim.speaker_person or outer.claim.speaker
        elif quote is not None:
            owner = self._quote_owner(quote)
            if owner is not None:
                attrs["via"] = owner.claim.speaker_person or owner.claim.speaker
        if pronoun:
            attrs["speaker_resolved"] = ref is not None or person is not None
            if ref is not None:
                attrs["refers_to"] = ref.claim.attrs.get("refers_to", ref.claim.speaker)
            elif person is not None:
                attrs["refers_to"] = person
        if self._outlet(srange, subj):
            if source is not None and c0 <= self._a(seg, source) < c1:
                source = None  # the quoting is part of what the outlet says it did, not whom it relays
            if source is not None:
                # "according to Tasnim, which quoted spokesperson X": X speaks, the outlet relays
                qrange = self._range(seg, self._speaker_tokens(source))
                attrs["relay"] = speaker
                speaker = self.text[qrange[0] : qrange[1]]
                known = set(self.people)
                actor, person, _ = self._resolve_speaker(seg, source, qrange, cue_at, False)
                named = any(
                    m.code and not (getattr(m, "attrs", None) or {}).get("owner_from_context")
                    for m in in_span(self.actors, *qrange)
                )
                # a state guessed from the text around a quote in a report is one guess too many
                if not named and (person is None or person.split()[-1].lower() not in known):
                    actor = None
            else:
                # a news outlet reports; it does not speak for the state it is based in
                attrs["outlet"] = speaker
                actor = None
        relay = self._relay(seg, verb)
        if relay is not None:
            attrs["relay"] = relay
        claim = Claim(
            speaker=speaker,
            content=text,
            cue=verb.text.lower() if cue.lemma != "according to" else "according to",
            speaker_actor=actor,
            speaker_person=person,
            polarity=polarity,
            form=form,
            doc_id=self.doc_id,
            evidence=self._evidence(*span),
            span_start=span[0],
            span_end=span[1],
            date=self._date(seg, verb),
            about=about,
            extractor="claims.rules",
            attrs=attrs,
        )
        self.found.append(
            _Found(
                claim,
                cue_at,
                (c0, c1),
                nested=nested,
                pronoun=pronoun,
                subject_range=srange,
                personal=ref.personal if ref is not None else self._personal(subj, person),
            )
        )

    # -- who reports, and what a denial is of ---------------------------------

    def _outlet(self, srange: tuple[int, int], subj: Any = None) -> bool:
        """Whether the speaker phrase names a news outlet (a wire agency, "state media", a broadcaster);
        ``subj`` is its head when known ("state media reports on Monday")."""
        for m in in_span(self.actors, *srange):
            if (
                getattr(m, "kind", "") != "person"
                and (getattr(m, "attrs", None) or {}).get("type") == "media"
            ):
                return True
        words = re.findall(r"[a-z]+", self.text[srange[0] : srange[1]].lower())
        if not words:
            return False
        if len(words) <= 2 and words[-1] in self.lex.outlets:
            return True
        head = subj.lower_ if subj is not None and subj.lower_ in words else words[-1]
        if head not in self.lex.outlet_nouns:
            return False
        marks = self.lex.outlet_marks.get(head)
        return marks is None or bool(marks & set(words))

    _QUOTING = frozenset({"quote", "cite"})

    def _without_quoting(self, seg: _Seg, source: Any, c0: int, c1: int) -> tuple[int, int, Any | None]:
        """The content without the outlet's quoting clause where the parse hung it on the reported
        clause's first or last words ("reported, citing officials, that X"); a quoting clause in the
        middle of what is said leaves the content whole and relays no one."""
        clause = source.head
        a, b = self._range(seg, list(clause.subtree))
        if not (c0 <= a < c1):
            return c0, c1, source
        if not self.text[c0:a].strip(" ,;—-"):
            rest = re.match(r"[\s,;—-]*(?:that\s+)?", self.text[b:c1])
            return b + (rest.end() if rest else 0), c1, source
        if not self.text[b:c1].strip(" ,;.—-"):
            return c0, len(self.text[:a].rstrip(" ,;—-")), source
        return c0, c1, None

    def _quoted_source(self, seg: _Seg, outlet: Any, verb: Any) -> Any | None:
        """Whom an outlet quotes for what it reports ("according to Tasnim, which quoted spokesperson
        X"; "citing senior officials, the paper reports"): the head of the source's phrase, if it can
        speak; None if the outlet quotes no one."""
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        for head in (outlet, verb, *clauses):
            for c in head.children:
                if c.dep_ not in ("relcl", "advcl", "acl") or c.lemma_.lower() not in self._QUOTING:
                    continue
                source = next((o for o in c.children if o.dep_ == "dobj"), None)
                if source is None:
                    continue
                toks = self._speaker_tokens(source)
                if toks and self._is_speaker(toks, source, self._range(seg, toks)):
                    return source
        return None

    def _relay(self, seg: _Seg, verb: Any) -> str | None:
        """The outlet a statement was given to ("told Reuters", "said in an interview with CNN")."""
        for c in verb.children:
            objs = [c] if c.dep_ in ("dative", "dobj") else []
            if c.dep_ == "prep" and c.lower_ in ("to", "with"):
                objs = [g for g in c.children if g.dep_ == "pobj"]
            for o in objs:
                a, b = self._range(seg, [t for t in o.subtree if t.i <= o.i])
                if o.pos_ == "PROPN" and self._outlet((a, b)):
                    return self.text[a:b]
        return None

    # "India dismissed Pakistan's denial of X": dismissing a denial asserts X
    _DENIAL_OF = re.compile(
        r"\W*(?:(?:the|a|an|its|their|his|her|[\w.-]+['’]s?)\s+)?(?:denials?|rejection)\s+(?:of|that)\s+",
        re.I,
    )
    # "rejected the claim that X", "denied reports of X": the denial is of X itself
    _REPORT_OF = re.compile(
        r"\W*(?:the|a|an|any|all|its|their|[\w.-]+['’]s?)?\s*(?:claims?|reports?|allegations?|accusations?|"
        r"suggestions?|assertions?|charges?|speculation|rumou?rs?)\s+(?:that|of)\s+",
        re.I,
    )

    def _reported_content(self, c0: int, c1: int, polarity: str) -> tuple[int, str]:
        """Where a denied content really starts, and the polarity toward it."""
        if polarity != "deny":
            return c0, polarity
        body = self.text[c0:c1]
        m = self._DENIAL_OF.match(body)
        if m is not None and m.end() < len(body):
            return c0 + m.end(), "assert"
        m = self._REPORT_OF.match(body)
        if m is not None and m.end() < len(body):
            return c0 + m.end(), polarity
        return c0, polarity

    def _outer(self, pos: int, quote: tuple[int, int] | None) -> _Found | None:
        for f in reversed(self.found):
            if f.content[0] <= pos < f.content[1] and f.cue_at != pos:
                return f
        return None

    def _quote_owner(self, quote: tuple[int, int]) -> _Found | None:
        for f in self.found:
            if f.content == quote:
                return f
        return None

    def _seg_index(self, pos: int) -> int:
        return next((i for i, seg in enumerate(self.segments) if pos < seg.end), len(self.segments))

    def _personal(self, subj: Any, person: str | None) -> bool:
        """Whether the speaker is one person ("he" and "she" can point back to them)."""
        if person is not None:
            return True
        return subj.lemma_.lower() in self.lex.person_nouns and subj.tag_ not in ("NNS", "NNPS")

    def _resolve_speaker(
        self, seg: _Seg, subj: Any, srange: tuple[int, int], cue_at: int, pronoun: bool
    ) -> tuple[str | None, str | None, _Found | None]:
        """(actor code, person name, the earlier claim a pronoun points to) for the speaker phrase."""
        if pronoun:
            want_person = subj.lower_ in _PRONOUNS
            owner = self._relative_clause_owner(seg, subj) if want_person else None
            if owner is not None:
                return owner[0], owner[1], None
            here = self._seg_index(cue_at)
            reach = PRONOUN_REACH if want_person else PRONOUN_REACH // 2
            for f in reversed(self.found):
                if f.nested or f.cue_at >= cue_at:
                    continue
                if here - self._seg_index(f.cue_at) > reach:
                    break
                if f.personal == want_person:
                    # a person named as a subject after that speaker is nearer ("Iran's envoy X
                    # echoed the charge. He said ..."): "he" is that person
                    if want_person and f.subject_range is not None:
                        actor, person = self._last_named_person(
                            cue_at, here - reach, after=f.subject_range[1]
                        )
                        if person is not None and person != f.claim.speaker_person:
                            return actor, person, None
                    return f.claim.speaker_actor, f.claim.speaker_person, f
            if want_person:
                actor, person = self._last_named_person(cue_at, here - PRONOUN_REACH)
                return actor, person, None
            return None, None, None
        mentions = in_span(self.actors, *srange)
        actor = person = None
        with_person = [m for m in mentions if getattr(m, "person", None)]
        if with_person:
            actor, person = with_person[0].code, with_person[0].person
            if (getattr(with_person[0], "attrs", None) or {}).get("owner_from_context"):
                # the gazetteer guessed whom a titled name serves from earlier text; a state the
                # speaker's own sentence names before them ("Israel defended its actions, with
                # Ambassador X saying") is nearer evidence
                actor = self._context_state(seg, srange[0], own_sentence=True) or actor
        elif mentions:
            actor = self._phrase_actor(seg, subj, mentions)
        if person is None:
            person = self._person_name(seg, srange)
        if person is not None:
            words = person.split()
            known = self.people.get(words[-1].lower())
            if known and (len(words) == 1 or person.lower() in known[0].lower()):
                person, actor = known[0], actor or known[1]
            elif len(words) > 1:
                self.people[words[-1].lower()] = (person, actor)
        if actor is None and not mentions and person is None:
            earlier = self._same_description(subj, cue_at)
            if earlier is not None:
                return earlier.claim.speaker_actor, earlier.claim.speaker_person, None
            named = self._body_named_before(seg, subj, cue_at)
            if named is not None:
                return named, None, None
            # "his office said": the body of the person "his" points to
            owner = next((c for c in subj.children if c.dep_ == "poss" and c.lower_ in ("his", "her")), None)
            if owner is not None:
                ref_actor, _, _ = self._resolve_speaker(seg, owner, srange, cue_at, True)
                return ref_actor, None, None
        institution = (
            subj.lemma_.lower() in self.lex.institution_nouns or subj.lower_ in self.lex.institution_nouns
        )
        if actor is None and institution and not mentions:
            actor = self._context_state(seg, srange[0])
        if actor is None and not any(getattr(m, "code", None) for m in mentions):
            if person is None and subj.pos_ == "PROPN" and srange[1] - srange[0] == len(subj.text):
                # a bare name the parser tags as no one ("Mirzoyan said"): a surname all the same
                actor = self._named_with(subj.text, srange[1])
            elif person is not None:
                # "Grossi said" after "IAEA chief Rafael Grossi": the body named with the full mention
                actor = self._named_with(person.split()[-1], srange[1])
                if actor is not None and len(person.split()) > 1:
                    self.people[person.split()[-1].lower()] = (person, actor)
            elif not pronoun:
                # "the minister said" after "Iran's Foreign Minister X": the title's earlier mention
                actor, person = self._titled_earlier(subj, srange)
            if actor is None and not pronoun:
                # "X, the ministry's spokesperson" after "Iran's Health Ministry said": that ministry's
                actor = self._body_in_phrase(seg, subj, cue_at)
            if actor is None and not pronoun and self._official(srange):
                # "The spokesperson for the foreign ministry" after "Qatar condemned the attack"
                actor = self._context_state(seg, srange[0]) or self._colleague_state(srange)
        if actor is None and not pronoun and subj.lemma_.lower() in self.lex.document_nouns:
            # "The resolution noted that ...": the body that issued it
            actor = self._issuer(seg, srange[0])
        if person is not None and actor is not None and len(person.split()) > 1:
            # the state found for a full name holds for its surname later on
            known = self.people.get(person.split()[-1].lower())
            if known is None or known[1] is None:
                self.people[person.split()[-1].lower()] = (person, actor)
        return actor, person, None

    def _relative_clause_owner(self, seg: _Seg, subj: Any) -> tuple[str | None, str] | None:
        """(actor, person) "he" stands for in a relative clause on a person's word ("Trump's
        announcement, in which he claimed that ..."): the person whose announcement it is, the nearest
        possessor before the clause in its sentence, not the last speaker."""
        verb = subj.head
        if subj.dep_ != "nsubj" or verb.dep_ != "relcl":
            return None
        for tok in reversed([t for t in seg.tokens if t.i < verb.left_edge.i]):
            if tok.dep_ != "poss":
                continue
            a, e = self._a(seg, tok), self._e(seg, tok)
            person = next(
                (m for m in self.actors if m.start <= a and e <= m.end and getattr(m, "person", None)), None
            )
            return (person.code, person.person) if person is not None else None
        return None

    def _phrase_actor(self, seg: _Seg, subj: Any, mentions: list[Any]) -> str | None:
        """The actor a speaker phrase names: the first one, except that a document's drafters are not
        who issued it ("the resolution, drafted by France and Germany")."""
        if subj.lemma_.lower() in self.lex.document_nouns:
            mentions = [m for m in mentions if m.end <= self._a(seg, subj)]
            if not mentions:
                return None
        code = mentions[0].code
        return str(code) if code else None

    def _issuer(self, seg: _Seg, pos: int) -> str | None:
        """Who issued a document that speaks: the last body (an IGO or NGO, not an outlet) named in
        this sentence or the two before, else the last state."""
        here = self._seg_index(pos)
        lo = self.segments[max(0, here - 2)].start if self.segments else 0
        named = [
            m
            for m in in_span(self.actors, lo, pos)
            if m.code and (getattr(m, "attrs", None) or {}).get("type") != "media"
        ]
        bodies = [m for m in named if getattr(m, "kind", "state") in ("igo", "ngo")]
        bodies = [m for m in bodies if not self._names_a_thing(m)] or bodies
        # a state named as the owner of a thing ("Iran's stockpile") issued nothing
        states = [
            m for m in named if getattr(m, "kind", "state") == "state" and not self._names_a_thing(m, True)
        ]
        pick = (bodies or states or [None])[-1]
        return str(pick.code) if pick is not None else None

    def _names_a_thing(self, mention: Any, owner: bool = False) -> bool:
        """A body named as a modifier of a common noun ("all UN sanctions", "IAEA inspectors"), or with
        ``owner`` as the owner of a thing ("Iran's stockpile", not "Iran's foreign ministry" nor "Iran's
        report"), names a thing of its, not a body that acts: no issuer of a document."""
        doc = self.record.doc
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand") if doc is not None else None
        if span is None or not len(span):
            return False
        root = span.root
        deps = ("compound", "amod", "nmod", "poss") if owner else ("compound", "amod", "nmod")
        if root.dep_ not in deps or root.head.pos_ != "NOUN" or root.head.i < span.end:
            return False
        if root.dep_ != "poss":
            return True
        speaking = self.lex.institution_nouns | self.lex.person_nouns | self.lex.document_nouns
        return root.head.lemma_.lower() not in speaking

    def _official(self, srange: tuple[int, int]) -> bool:
        """A speaker phrase naming an office or an official ("ministry spokesperson X")."""
        words = set(re.findall(r"[a-z]+", self.text[srange[0] : srange[1]].lower()))
        return bool(words & (self.lex.person_nouns | self.lex.institution_nouns)) and not self._outlet(srange)

    def _named_with(self, word: str, before: int) -> str | None:
        """The actor named just before the first mention of ``word`` in its sentence ("Qatar's
        ministry spokesperson Majed X"), else in the mention itself; None if none is."""
        if len(word) < 3 or not word[:1].isupper():
            return None
        for m in re.finditer(rf"\b{re.escape(word)}\b", self.text[:before]):
            seg = self.sentence_of(m.start())
            lo = max(seg.start if seg else 0, m.start() - 100)
            # the name's own noun phrase: nothing before a quote, a clause break or a line, nor
            # before a verb ("Israel struck Hamas posts" names no one for Hamas)
            brk = max(self.text.rfind(ch, lo, m.start()) for ch in '.,;:!?”"\n')
            lo = max(lo, brk + 1)
            doc = self.record.doc
            span = doc.char_span(lo, m.start(), alignment_mode="expand") if doc is not None else None
            verbs = [t for t in span if t.pos_ in ("VERB", "AUX")] if span is not None else []
            if verbs:
                lo = max(lo, verbs[-1].idx + len(verbs[-1].text))
            near = [
                a
                for a in self.actors
                if lo <= a.start and a.end <= m.end() and a.code
                and (getattr(a, "attrs", None) or {}).get("type") != "media"
            ]  # fmt: skip
            if near:
                return near[-1].code
        return None

    def _titled_earlier(self, subj: Any, srange: tuple[int, int]) -> tuple[str | None, str | None]:
        """(actor, person) of the last earlier mention of the same title ("the spokesman", "the foreign
        minister"): the state named with it and the name that follows it."""
        if subj.lemma_.lower() not in self.lex.person_nouns:
            return None, None
        words = re.findall(r"[\w'’-]+", self.text[srange[0] : srange[1]])
        while words and words[0].lower() in ("the", "a", "an", "this", "that"):
            words.pop(0)
        if not words or len(words) > 4:
            return None, None
        title = r"\s+".join(re.escape(w) for w in words)
        hits = list(re.finditer(rf"\b{title}\b", self.text[: srange[0]], re.I))
        for m in reversed(hits):
            seg = self.sentence_of(m.start())
            lo = max(seg.start if seg else 0, m.start() - 60)
            near = [a for a in self.actors if lo <= a.start and a.end <= m.end() + 40 and a.code]
            name = re.match(r"\s+((?:[A-Z][\w'’-]+\s?){1,3})", self.text[m.end() : m.end() + 60])
            if near:
                before = [a for a in near if a.end <= m.end()] or near
                return before[-1].code, name.group(1).strip() if name else None
        return None, None

    def _last_named_person(
        self, cue_at: int, first_seg: int, after: int = -1
    ) -> tuple[str | None, str | None]:
        """No one spoke just before "he said": the last person named as a subject, sentences back
        (and after position ``after``)."""
        for seg in reversed(self.segments[max(first_seg, 0) : self._seg_index(cue_at) + 1]):
            doc = seg.tokens.doc if hasattr(seg.tokens, "doc") else seg.tokens
            for tok in reversed(list(seg.tokens)):
                if self._a(seg, tok) >= cue_at or tok.dep_ not in ("nsubj", "nsubjpass"):
                    continue
                if self._a(seg, tok) <= after:
                    return None, None
                # "Iran's UN envoy, Amir Saeid Iravani, ...": the name stands beside the title
                named = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
                if named is None and tok.lemma_.lower() in self.lex.person_nouns:
                    named = self._name_in_title_phrase(tok)
                if named is not None and tok.lemma_.lower() in self.lex.person_nouns:
                    tok = named
                    a, e = self._a(seg, tok), self._e(seg, tok)
                a, e = self._a(seg, tok), self._e(seg, tok)
                for m in self.actors:
                    if m.start <= a and e <= m.end and getattr(m, "person", None):
                        return m.code, m.person
                if tok.ent_type_ != "PERSON":
                    # "Iran's UN envoy Amir Saeid Iravani": a titled name the model did not tag
                    titled = tok.pos_ == "PROPN" and any(
                        t.lemma_.lower() in self.lex.person_nouns
                        for t in (*tok.subtree, tok.head)
                        if t.i < tok.i
                    )
                    if not titled:
                        continue
                    first = tok.i
                    while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].head.i == tok.i:
                        first -= 1
                    return self._state_of_name(seg, tok, e), self.text[self._a(seg, doc[first]) : e]
                ent = next(x for x in doc.ents if x.start <= tok.i < x.end)
                name = self._person_name(seg, (self._a(seg, ent[0]), self._e(seg, ent[-1])))
                known = self.people.get((name or "").split()[-1].lower()) if name else None
                return (known[1] if known else self._state_of_name(seg, tok, e)), name
        return None, None

    @staticmethod
    def _name_in_title_phrase(title: Any) -> Any | None:
        """The person's name inside a titled subject's own phrase, wherever the parse hung it ("Iran's
        envoy to the UN, Amir Saeid Iravani," with the name taken into "to the UN"): its last word."""
        return next(
            (t for t in reversed(list(title.subtree)) if t.i > title.i and t.ent_type_ == "PERSON"), None
        )

    def _state_of_name(self, seg: _Seg, tok: Any, end: int) -> str | None:
        """The actor a named subject speaks for: named in its own phrase or its title's ("Iran's UN
        envoy, Amir Saeid Iravani"), else with the name's first mention."""
        lo = min(self._a(seg, tok.left_edge), self._a(seg, tok.head.left_edge))
        # a name the parse hung deep in its title's phrase ("Iran's envoy to the UN, X"): the whole
        # subject phrase is its own
        top = tok
        while top.dep_ not in ("nsubj", "nsubjpass") and top.head.i != top.i and top.dep_ in _IN_PHRASE:
            top = top.head
        if top.dep_ in ("nsubj", "nsubjpass"):
            lo = min(lo, self._a(seg, top.left_edge))
        inside = [m for m in in_span(self.actors, lo, end) if m.code]
        # "Iran's UN envoy": the state the envoy serves, not the body they are posted to
        states = [
            m
            for m in inside
            if getattr(m, "kind", "state") == "state" or (getattr(m, "kind", "") == "role" and m.country)
        ]  # a role names its state too ("Iran's envoy")
        if states:
            return str(states[0].code)
        return inside[-1].code if inside else self._named_with(tok.text, end)

    def _body_in_phrase(self, seg: _Seg, subj: Any, cue_at: int) -> str | None:
        """The actor of the body a speaker's title is of ("Hossein X, the ministry's spokesperson",
        "a spokesperson for the ministry"), where "the ministry" is an earlier speaker or a body named
        a few sentences back ("Iran's Health Ministry said"); None if neither is."""
        for tok in subj.subtree:
            if tok.i == subj.i or tok.dep_ not in ("poss", "pobj"):
                continue
            if tok.lemma_.lower() not in self.lex.institution_nouns:
                continue
            earlier = self._same_description(tok, cue_at)
            if earlier is not None:
                return earlier.claim.speaker_actor
            named = self._body_named_before(seg, tok, cue_at)
            if named is not None:
                return named
        return None

    def _body_named_before(self, seg: _Seg, noun: Any, cue_at: int) -> str | None:
        """The actor of the last body named a few sentences back whose name has this definite noun
        ("the ministry" after "Iran's Health Ministry revealed…"), speaker or not."""
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
            return None
        head = noun.lemma_.lower().rstrip("s")
        lo = self.segments[max(0, self._seg_index(cue_at) - 2 * PRONOUN_REACH)].start if self.segments else 0
        for m in reversed(in_span(self.actors, lo, self._a(seg, noun))):
            words = {w.rstrip("s") for w in re.findall(r"[a-z]+", m.text.lower())}
            if head in words and m.code:
                return str(m.code)
        return None

    def _same_description(self, subj: Any, cue_at: int) -> _Found | None:
        """ "The ministry said" after "India's Ministry of Defence said": the earlier speaker whose
        phrase has the same head noun, a few sentences back."""
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in subj.children):
            return None
        head = subj.lemma_.lower()
        here = self._seg_index(cue_at)
        for f in reversed(self.found):
            if f.cue_at >= cue_at or f.nested:
                continue
            if here - self._seg_index(f.cue_at) > 2 * PRONOUN_REACH:
                break
            words = {w.rstrip("s") for w in re.findall(r"[a-z]+", f.claim.speaker.lower())}
            if head.rstrip("s") in words and f.claim.speaker_actor:
                return f
        return None

    def _person_name(self, seg: _Seg, srange: tuple[int, int]) -> str | None:
        """A person's name in the speaker phrase, from NER or a bare surname seen before."""
        doc = seg.tokens.doc if hasattr(seg.tokens, "doc") else seg.tokens
        for ent in doc.ents:
            a, e = self._a(seg, ent[0]), self._e(seg, ent[-1])
            if ent.label_ != "PERSON" or e <= srange[0] or a >= srange[1]:
                continue
            first = ent.start
            # "IISS Viraj Solanki", "Lt Gen Omar Aziz": the name starts after acronyms and titles
            while first < ent.end - 1 and (
                doc[first].is_upper or doc[first].lower_.rstrip(".") in self.lex.titles
            ):
                first += 1
            return self.text[self._a(seg, doc[first]) : e]
        phrase = self.text[srange[0] : srange[1]]
        last = re.split(r"[\s]", phrase)[-1].lower()
        if last in self.people:
            return self.people[last][0]
        return None

    def _colleague_state(self, srange: tuple[int, int]) -> str | None:
        """A minister named without a state, in a paragraph that lists officials' reactions, serves the
        state of the office-holder speaking before them in that paragraph ("Defence Minister X of
        Ukraine said ... Culture Minister Y called it ..."). Nobody else's state carries over."""
        words = set(re.findall(r"[a-z]+", self.text[srange[0] : srange[1]].lower()))
        if not words & self.lex.cabinet_titles:
            return None
        for f in reversed(self.found):
            if f.cue_at >= srange[0]:
                continue
            if "\n\n" in self.text[f.cue_at : srange[0]]:
                return None  # another paragraph
            before = set(re.findall(r"[a-z]+", (f.claim.speaker or "").lower()))
            if f.claim.speaker_actor and before & self.lex.cabinet_titles:
                return f.claim.speaker_actor
        return None

    def _context_state(self, seg: _Seg, pos: int, own_sentence: bool = False) -> str | None:
        """The state the sentence names before ``pos`` (the first, its topic, with ``own_sentence``; else
        the last); else (unless ``own_sentence``) the only state the previous sentence names."""
        # a state named inside someone's quotation is no context for a speaker outside it
        own = self._in_quote(pos)
        states = [
            m
            for m in in_span(self.actors, seg.start, pos)
            if getattr(m, "kind", "state") == "state" and self._in_quote(m.start) in (None, own)
        ]
        if states and own_sentence:
            return states[0].code  # the sentence's topic ("Israel defended its actions, with X saying")
        if states:
            return states[-1].code
        if own_sentence:
            return None
        prev = [s for s in self.segments if s.end <= seg.start]
        if prev:
            p = prev[-1]
            states = [
                m for m in in_span(self.actors, p.start, p.end) if getattr(m, "kind", "state") == "state"
            ]
            codes = {m.code for m in states}
            if len(codes) == 1 and not all(self._acted_on(m) for m in states):
                return codes.pop()
        return None

    _ACTED_ON = frozenset({"dobj", "iobj", "dative", "oprd"})
    _ACTED_ON_BY = frozenset({"on", "against", "at", "into", "upon"})

    def _acted_on(self, mention: Any) -> bool:
        """Whether a state is named only as what the sentence's act is done to ("condemning Iran as a
        terrorist regime", "the attack on Qatar"): the sentence is not about it speaking ("praise
        from U.S. lawmakers" and "according to Israeli authorities" are)."""
        doc = self.record.doc
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand") if doc is not None else None
        if span is None or not len(span):
            return False
        root = span.root
        if root.dep_ == "pobj":
            return root.head.lower_ in self._ACTED_ON_BY
        return root.dep_ in self._ACTED_ON

    def _about(self, c0: int, c1: int, antecedent: tuple[int, int] | None) -> list[str]:
        out: list[str] = []
        ranges = [(c0, c1)] + ([antecedent] if antecedent else [])
        for a, b in ranges:
            for m in in_span(self.actors, a, b):
                if m.code and m.code not in out:
                    out.append(m.code)
        return out

    def _words(self, c0: int, c1: int) -> list[str]:
        return re.findall(r"[a-z']+", self.text[c0:c1].lower())

    def _hedged(self, c0: int, c1: int) -> bool:
        # only the main assertion counts: "19 missiles were launched, although all were reportedly
        # intercepted" asserts the launch
        main = _CONCESSIVE.split(self.text[c0:c1])[0]
        # case matters: "May 9" is a month, "may" a hedge
        words = re.findall(r"[A-Za-z']+", main)
        if any(p.search(main) for p in self.lex.hedge_phrases):
            return True
        return any(
            w in self.lex.hedges or (w.istitle() and w != "May" and w.lower() in self.lex.hedges)
            for w in words
        )

    def _content_negated(self, c0: int, c1: int) -> bool:
        return any(w in ("not", "no", "never", "neither", "nor", "n't") for w in self._words(c0, c1))

    def _evidence(self, a: int, b: int) -> str:
        first = self.sentence_of(a)
        last = self.sentence_of(max(a, b - 1))
        s = first.start if first else a
        e = last.end if last else b
        return self.text[min(s, a) : max(e, b)].strip()

    def _date(self, seg: _Seg, verb: Any) -> Any:
        """The day the statement was made, when the text gives it on the cue ("said on May 10")."""
        spots: list[Any] = []
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in ("on", "in"):
                spots.extend(g for g in c.children if g.ent_type_ == "DATE")
            elif c.dep_ == "npadvmod" and c.ent_type_ == "DATE":
                spots.append(c)
        for tok in spots:
            a = self._a(seg, tok)
            for d in self.record.dates:
                if d.start <= a < d.end and getattr(d, "date", None) is not None:
                    return d.date
        return None

    # -- quotations without a cue of their own --------------------------------

    def _free(self, pos: int) -> bool:
        """Outside every quotation and every claim found so far."""
        if self._in_quote(pos) is not None:
            return False
        return not any(
            f.claim.span_start is not None and f.claim.span_start <= pos < (f.claim.span_end or 0)
            for f in self.found
        )

    def _author_hedges(self) -> None:
        """The writer's own hedged judgement ("the need for money likely contributed to ..."): a main
        verb carrying a hedge, outside quotes and claims. Speaker ``author``, form ``unattributed``."""
        hedges = self.lex.hedges
        for seg in self.segments:
            doc, start, end = _bounds(seg.tokens)
            arrays = token_arrays(doc)
            dep, lower, pos, children = arrays.dep, arrays.lower, arrays.pos, arrays.children
            hedged = [
                (doc[t], doc[c])
                for t in range(start, end)
                if pos[t] in ("VERB", "AUX")
                and dep[t] in ("ROOT", "advcl", "conj", "ccomp")
                and not any(dep[n] == "neg" for n in children[t])  # "could not be verified" is no hedge
                for c in children[t]
                if dep[c] in ("aux", "advmod") and lower[c] in hedges and lower[c] != "reportedly"
            ]
            hedged = [(t, c) for t, c in hedged if self._free(self._a(seg, t))]
            if not hedged:
                continue
            root, mark = hedged[0]
            at = self._a(seg, root)
            marks = [mark]
            toks = self._trim([t for t in seg.tokens if not t.is_space])
            c0, c1 = self._range(seg, toks)
            claim = Claim(
                speaker="author",
                content=clean_content(self.text[c0:c1]),
                cue=marks[0].lower_,
                polarity="hedge",
                form="unattributed",
                doc_id=self.doc_id,
                evidence=self.text[seg.start : seg.end].strip(),
                span_start=c0,
                span_end=c1,
                about=self._about(c0, c1, None),
                extractor="claims.rules",
                attrs={"speaker_from": "author"},
            )
            self.found.append(_Found(claim, at, (c0, c1), nested=True))

    def _next_paragraph_owner(self, qe: int) -> _Found | None:
        """A quoted paragraph left open, continued by the next paragraph's quote: that quote's speaker."""
        rest = self.text[qe:]
        lead = len(rest) - len(rest.lstrip())
        if "\n" not in rest[:lead] or not rest[lead:].startswith(("“", '"')):
            return None
        nxt = qe + lead + 1
        return next((f for f in self.found if f.content[0] == nxt and f.claim.form == "direct"), None)

    # "Najafi: “If such a scenario unfolds ...”": a name and a colon before a quote, at the start of
    # a line or sentence
    _COLON_NAME = re.compile(
        r"(?:^|\n|[.!?]\s+|[-—–]\s+)((?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’-]+)\s*:\s*[“\"]?$"
    )

    def _colon_speaker(self, qs: int) -> tuple[int, int] | None:
        """Where the name introducing a quote with a colon stands, if it names a person or actor."""
        m = self._COLON_NAME.search(self.text[max(0, qs - 80) : qs])
        if m is None:
            return None
        a = max(0, qs - 80) + m.start(1)
        b = a + len(m.group(1))
        surname = m.group(1).split()[-1].lower()
        if in_span(self.actors, a, b) or surname in self.people:
            return a, b
        if self._named_with(m.group(1).split()[-1], a) is not None:  # named with a state before
            return a, b
        return None

    def _add_colon_claim(self, srange: tuple[int, int], qs: int, qe: int) -> None:
        mentions = [m for m in in_span(self.actors, *srange) if m.code]
        surname = self.text[srange[0] : srange[1]].split()[-1].lower()
        known = self.people.get(surname)
        person = next((m.person for m in mentions if getattr(m, "person", None)), None) or (
            known[0] if known else None
        )
        actor = mentions[0].code if mentions else (known[1] if known else None)
        if actor is None:
            actor = self._named_with(self.text[srange[0] : srange[1]].split()[-1], srange[0])
        claim = Claim(
            speaker=self.text[srange[0] : srange[1]],
            content=clean_content(self.text[qs:qe]),
            cue=None,
            speaker_actor=actor,
            speaker_person=person,
            polarity="hedge" if self._hedged(qs, qe) else "assert",
            form="direct",
            doc_id=self.doc_id,
            evidence=self.text[srange[0] : qe + 1].strip(),
            span_start=srange[0],
            span_end=qe + 1,
            about=self._about(qs, qe, None),
            extractor="claims.rules",
            attrs={"speaker_from": "colon", **({"negated": True} if self._content_negated(qs, qe) else {})},
        )
        self.found.append(
            _Found(claim, srange[0], (qs, qe), subject_range=srange, personal=person is not None)
        )

    # A post embedded in a page ends with its author's sign-off: "— Name (@handle) June 14, 2025".
    _POST_SIGNOFF = re.compile(
        r"[—–]\s*(?P<name>[^\n(@—–]{2,80}?)\s*\((?P<handle>@\w+)\)\s*(?P<date>[A-Z][a-z]+\.? \d{1,2}, \d{4})"
    )

    def _embedded_posts(self) -> None:
        """A social-media post embedded in the page is its author's claim: the text on the sign-off's
        line before it, or the line before a sign-off that opens its own line. The author is the name
        signed (an alias after " - " dropped), resolved as a surname back to its full mention."""
        for m in self._POST_SIGNOFF.finditer(self.text):
            qs = self.text.rfind("\n", 0, m.start()) + 1
            qe = m.start()
            if not self.text[qs:qe].strip():  # the sign-off opens its line: the post is the line before
                qe = qs - 1
                qs = self.text.rfind("\n", 0, max(qe, 0)) + 1
            body = self.text[qs:qe]
            qs += len(body) - len(body.lstrip())
            qe -= len(body) - len(body.rstrip())
            if qe - qs < 12 or any(f.content[0] < qe and qs < f.content[1] for f in self.found):
                continue
            name = m.group("name").split(" - ")[0].strip()
            a = m.start("name")
            surname = name.split()[-1] if name.split() else ""
            known = self.people.get(surname.lower())
            person, actor = known if known else (name, self._named_with(surname, qs))
            claim = Claim(
                speaker=name,
                content=clean_content(self.text[qs:qe]),
                cue=None,
                speaker_actor=actor,
                speaker_person=person,
                polarity="hedge" if self._hedged(qs, qe) else "assert",
                form="direct",
                doc_id=self.doc_id,
                evidence=self.text[qs : m.end()].strip(),
                span_start=qs,
                span_end=m.end(),
                about=self._about(qs, qe, None),
                extractor="claims.rules",
                attrs={"speaker_from": "post", "handle": m.group("handle"),
                       **({"negated": True} if self._content_negated(qs, qe) else {})},
            )  # fmt: skip
            self.found.append(_Found(claim, a, (qs, qe), subject_range=(a, a + len(name)), personal=True))

    def _orphan_quotes(self) -> None:
        """A quote no claim covers, right after a claim: the same speaker goes on."""
        for qs, qe in self.quotes:
            if any(f.content[0] <= qs and qe <= f.content[1] for f in self.found):
                continue
            prior = [
                f
                for f in self.found
                if not f.nested and f.claim.span_end is not None and f.claim.span_end <= qs
            ]
            named = self._colon_speaker(qs)
            if named is not None:
                self._add_colon_claim(named, qs, qe)
                continue
            source = "previous claim"
            last = max(prior, key=lambda f: f.claim.span_end or 0) if prior else None
            gap = self.text[last.claim.span_end : qs - 1] if last and last.claim.span_end is not None else "."
            if last is None or not re.fullmatch(r"[^.!?]*[.!?]?[”\"]?\s*", gap):
                last, source = self._next_paragraph_owner(qe), "next paragraph"
                if last is None:
                    continue
            c = last.claim
            claim = Claim(
                speaker=c.speaker,
                content=clean_content(self.text[qs:qe]),
                cue=None,
                speaker_actor=c.speaker_actor,
                speaker_person=c.speaker_person,
                polarity="hedge" if self._hedged(qs, qe) else "assert",
                form="direct",
                doc_id=self.doc_id,
                evidence=self.text[qs - 1 : qe + 1],
                span_start=qs - 1,
                span_end=qe + 1,
                about=self._about(qs, qe, None),
                extractor="claims.rules",
                attrs={
                    "speaker_from": source,
                    **({"negated": True} if self._content_negated(qs, qe) else {}),
                },
            )
            self.found.append(_Found(claim, qs - 1, (qs, qe)))


# -- reading claims back ---------------------------------------------------------

# The claim record as printed by ``offramp claims`` (docs/schemas.md).
CLAIM_FIELDS = [
    "id", "speaker", "speaker_actor", "speaker_person", "cue", "content", "polarity", "form",
    "date", "about", "url", "title", "evidence", "span", "doc_id",
]  # fmt: skip


def claims_frame(
    store: Store,
    *,
    actor: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> pd.DataFrame:
    """Stored claims with their document's url and title, in text order.

    ``actor`` keeps claims made by that actor or about it; ``since``/``until``
    compare the statement's date, else the document's publication date (claims
    with neither are dropped when a bound is given). Only the claims that stand in a
    contested proposition of the ledger: ``offramp.analysis.claims_frame(contested_only=True)``
    (the ledger is analysis, a layer above this one).
    """
    sql = (
        "SELECT c.*, d.url, d.title, coalesce(c.date, d.published) AS _when"
        " FROM claims c LEFT JOIN documents d ON d.id = c.doc_id WHERE TRUE"
    )
    params: list[Any] = []
    if actor:
        sql += " AND (c.speaker_actor = ? OR list_contains(c.about, ?))"
        params += [actor, actor]
    if since:
        sql += " AND coalesce(c.date, d.published) >= ?"
        params.append(since)
    if until:
        sql += " AND coalesce(c.date, d.published) <= ?"
        params.append(until)
    frame = store.query(sql + " ORDER BY _when NULLS LAST, c.doc_id, c.span_start, c.id", params)
    import pandas as pd

    frame = frame.assign(
        span=[  # a claim written without its place in the text has no span (NA, not NaN)
            [int(s), int(e)] if not (pd.isna(s) or pd.isna(e)) else None
            for s, e in zip(frame["span_start"], frame["span_end"], strict=True)
        ],
        about=[list(a) if a is not None and not isinstance(a, float) else [] for a in frame["about"]],
    )
    return frame[CLAIM_FIELDS].reset_index(drop=True)


def claims_table(frame: pd.DataFrame, width: int = 160) -> pd.DataFrame:
    """The columns a reader scans in a terminal: who (the person's name when known), for whom, cue,
    polarity and the content cut to ``width`` characters."""

    def cut(text: Any, n: int) -> Any:
        return text if not isinstance(text, str) or len(text) <= n else text[: n - 1] + "…"

    who = [
        p if isinstance(p, str) else cut(s, 40)
        for p, s in zip(frame["speaker_person"], frame["speaker"], strict=True)
    ]
    import pandas as pd

    return pd.DataFrame(
        {
            "speaker": who,
            "actor": frame["speaker_actor"].tolist(),
            "cue": frame["cue"].tolist(),
            "polarity": frame["polarity"].tolist(),
            "content": [cut(c, width) for c in frame["content"]],
        }
    )
