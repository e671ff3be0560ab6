"""The model's attribute rules (spaCy's ``attribute_ruler``) matched by a lookup per token.

spaCy's ``AttributeRuler`` runs a general ``Matcher`` over every token for each of its rules
(179 in en_core_web_sm: a tag's part of speech, a word's lemma or morphology, a few two-word
forms). Its rules are all exact values (``TAG``, ``LOWER``, ``DEP``, ``IS_SPACE``), sets of
values (``IN``, ``NOT_IN``) or regular expressions, so each rule is filed under one exact value it needs
(its *anchor*) and a token is checked only against the rules filed under its own values.

``quicken(nlp)`` gives the pipeline's ruler this ``match``: it returns the same matches, in the
same order, as the ruler's own, and the ruler sets them as before (``set_annotations``), so
every annotation is the same. A rule this module cannot read (another predicate, an operator,
an attribute it does not know) leaves the ruler as it is.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable
from typing import Any

__all__ = ["AnchoredRules", "quicken"]

# The token attributes rules may test, read once per document as strings.
_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")

_Test = Callable[[Any], bool]


class _Unreadable(Exception):
    """A rule uses something this module does not read: keep spaCy's matcher."""


def _test(value: Any) -> tuple[_Test, frozenset[Any] | None]:
    """A test of one attribute's value, and the exact values it accepts (None: not a finite set).
    The tests are plain picklable objects: spaCy pickles a pipeline to parse in several processes."""
    if isinstance(value, (str, bool)):
        return functools.partial(operator.eq, value), frozenset([value])
    if isinstance(value, dict) and len(value) == 1:
        ((op, arg),) = value.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
            values = frozenset(arg)
            if op == "IN":
                return functools.partial(operator.contains, values), values
            return functools.partial(_absent, values), None
        if op == "REGEX" and isinstance(arg, str):
            return functools.partial(_found, re.compile(arg)), None
    raise _Unreadable(repr(value))


def _absent(values: frozenset[Any], value: Any) -> bool:
    return value not in values


def _found(rx: re.Pattern[str], value: Any) -> bool:
    return isinstance(value, str) and rx.search(value) is not None


class _Rule:
    """One token pattern of one rule: a test per token of the pattern."""

    __slots__ = ("attr_id", "match_id", "tests")

    def __init__(self, attr_id: int, match_id: int, pattern: list[dict[str, Any]]):
        self.attr_id, self.match_id = attr_id, match_id
        self.tests: list[list[tuple[int, _Test]]] = []
        for spec in pattern:
            if not isinstance(spec, dict) or not spec or set(spec) - set(_ATTRS):
                raise _Unreadable(repr(spec))
            self.tests.append([(_ATTRS.index(a), _test(v)[0]) for a, v in spec.items()])

    def matches_at(self, columns: list[list[Any]], start: int) -> bool:
        if start < 0 or start + len(self.tests) > len(columns[0]):
            return False
        return all(
            test(columns[k][start + offset]) for offset, tests in enumerate(self.tests) for k, test in tests
        )


class AnchoredRules:
    """The rules of one ``AttributeRuler``, each filed under an exact value one of its tokens needs."""

    def __init__(self, ruler: Any):
        strings = ruler.vocab.strings
        # anchors[k][value] -> (rule, the anchored token's offset in the pattern, or -1 when the
        # rule is that one test alone)
        self.anchors: list[dict[Any, list[tuple[_Rule, int]]]] = [{} for _ in _ATTRS]
        self.loose: list[_Rule] = []  # rules with no exact value: tried at every token
        for attr_id in range(len(ruler.attrs)):
            key = str(attr_id)
            _, patterns = ruler.matcher.get(key)
            for pattern in patterns:
                if any(set(spec) & {"OP", "_"} for spec in pattern if isinstance(spec, dict)):
                    raise _Unreadable(repr(pattern))
                rule = _Rule(attr_id, strings[key], pattern)
                anchor = _anchor(pattern)
                if anchor is None:
                    self.loose.append(rule)
                    continue
                offset, k, values = anchor
                # a one-token rule testing only its anchor holds wherever the anchor does
                alone = len(pattern) == 1 and len(pattern[0]) == 1
                for value in values:
                    self.anchors[k].setdefault(value, []).append((rule, -1 if alone else offset))

    def __call__(self, doc: Any) -> list[tuple[int, int, int, int]]:
        """``(attr_id, match_id, start, end)`` of every match, sorted as ``AttributeRuler.match`` sorts them."""
        columns = _columns(doc)
        found: set[tuple[int, int, int, int]] = set()
        for k, index in enumerate(self.anchors):
            if not index:
                continue
            for i, value in enumerate(columns[k]):
                for rule, offset in index.get(value, ()):
                    if offset < 0:
                        found.add((rule.attr_id, rule.match_id, i, i + 1))
                    elif rule.matches_at(columns, i - offset):
                        found.add((rule.attr_id, rule.match_id, i - offset, i - offset + len(rule.tests)))
        for rule in self.loose:
            for start in range(len(doc)):
                if rule.matches_at(columns, start):
                    found.add((rule.attr_id, rule.match_id, start, start + len(rule.tests)))
        return sorted(found)


def _anchor(pattern: list[dict[str, Any]]) -> tuple[int, int, frozenset[Any]] | None:
    """(token offset, attribute, accepted values) of the pattern's most selective exact test."""
    best: tuple[int, int, frozenset[Any]] | None = None
    for offset, spec in enumerate(pattern):
        for attr, value in spec.items():
            accepted = _test(value)[1]
            if accepted is None:
                continue
            k = _ATTRS.index(attr)
            # a word is rarer than a tag, a tag than a dependency, any of them than a space
            if best is None or (_RANK[k], len(accepted)) < (_RANK[best[1]], len(best[2])):
                best = (offset, k, accepted)
    return best


_RANK = {
    _ATTRS.index("LOWER"): 0,
    _ATTRS.index("TAG"): 1,
    _ATTRS.index("DEP"): 2,
    _ATTRS.index("IS_SPACE"): 3,
}


def _columns(doc: Any) -> list[list[Any]]:
    """The document's tags, lower-cased words, dependency labels (strings) and space flags."""
    from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

    if not len(doc):
        return [[] for _ in _ATTRS]
    strings = doc.vocab.strings
    rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE])
    columns: list[list[Any]] = []
    for k in range(3):
        column = rows[:, k].tolist()
        names = {h: strings[h] for h in set(column)}
        columns.append([names[h] for h in column])
    columns.append([bool(x) for x in rows[:, 3].tolist()])
    return columns


def quicken(nlp: Any) -> bool:
    """Give ``nlp``'s attribute ruler the anchored match (same matches); False if it has none,
    or a rule this module cannot read (the ruler is then left as it is)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    try:
        rules = AnchoredRules(ruler)
    except _Unreadable:
        return False
    ruler.match = rules  # an instance attribute: the ruler's __call__ asks self.match(doc)
    return True
