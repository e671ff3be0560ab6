"""Checks on a gold case's ledger that the shared scorer does not make (imported by acceptance tests).

The scorer counts a gold contested proposition as found when a ledger row has the right sides and at
least half of its claims match the proposition's ``match`` pattern. ``row_purity`` asks more: the row
it matched must hold mostly claims about that proposition, so no row passes by mixing in claims about
other things.

A claim is judged about the proposition by its meaning as far as the gold states it: its words match
the proposition's pattern, or its sentence is a gold claim the proposition lists, or its sentence is a
gold claim whose ``gist`` (the annotators' own statement of what it says) matches the pattern. The
pattern's few words miss many paraphrases ("54 children and women were among the dead" against
"women and children"); the gist says the same thing in the annotators' words. A claim that is about
the proposition in words neither the pattern nor a gist uses still counts against the row, so the
check errs on the strict side.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# How much of a matched row must be about its proposition.
PURITY = 0.8


def _codes(value: Any) -> set[str]:
    """Actor codes as the scorer reads them (``"IRN"``, ``["USA", "ISR"]``, ``{"code": ...}``)."""
    if value is None:
        return set()
    items = [value] if isinstance(value, str) else list(value)
    out = set()
    for item in items:
        if isinstance(item, dict):
            item = item.get("code") or item.get("actor") or item.get("id") or ""
        m = re.match(r"[A-Z]+", str(item).upper())
        if m:
            out.add(m.group(0) if len(m.group(0)) <= 5 else m.group(0)[:3])
    return out


def _claim_text(claim: dict[str, Any]) -> str:
    return f"{claim.get('content', '')} {claim.get('evidence', '')}"


@dataclass
class Purity:
    """One gold proposition: the row the scorer would match (None if none), and how much of it is about it."""

    proposition: str
    row: str | None
    about: int
    claims: int

    @property
    def share(self) -> float:
        return self.about / self.claims if self.claims else 0.0

    @property
    def ok(self) -> bool:
        return self.row is not None and self.share >= PURITY


def matched_row(gold: dict[str, Any], ledger: Iterable[dict[str, Any]]) -> dict[str, Any] | None:
    """The first ledger row the scorer's rule accepts for gold proposition ``gold``: its pattern in the
    row, at least half the row's claims matching it, and the sides right."""
    rx = re.compile(gold["match"], re.I)
    want_a, want_d = _codes(gold.get("assert")), _codes(gold.get("deny"))
    mutual = want_a == want_d and len(want_a) >= 2
    for row in ledger:
        claims = [c for c in row.get("claims") or [] if isinstance(c, dict)]
        text = str(row.get("proposition", "")) + " " + " ".join(_claim_text(c) for c in claims)
        if not rx.search(text):
            continue
        if claims and sum(bool(rx.search(_claim_text(c))) for c in claims) / len(claims) < 0.5:
            continue
        ab, db = _codes(row.get("asserted_by")), _codes(row.get("denied_by"))
        if mutual:
            ok = str(row.get("status", "")).startswith("contest") and len((ab | db) & want_a) >= 2
        else:
            ok = bool(ab & want_a) and bool(db & want_d)
        if ok:
            return row
    return None


def _words(text: str) -> set[str]:
    text = (text or "").lower().replace("’", "'")
    return set(re.findall(r"[\w$']+", text))


def _covers(evidence: str, anchor: str, frac: float = 0.8) -> bool:
    """Most of a gold anchor's words stand in the evidence (the scorer's rule)."""
    words = [w for w in re.findall(r"[\w$']+", (anchor or "").lower().replace("’", "'"))]
    have = _words(evidence)
    return bool(words) and sum(w in have for w in words) / len(words) >= frac


def row_purity(gold_case: dict[str, Any], ledger: list[dict[str, Any]]) -> list[Purity]:
    """For each gold contested proposition, the row it matched and the share of that row's claims that
    are about it: their text matches the proposition's pattern, or their sentence is one of the gold
    claims the proposition lists or a gold claim whose gist matches the pattern. A proposition with no
    row has ``ok`` False; the acceptance test asserts ``ok`` for every proposition the scorer counts as
    found."""
    gold_claims = [c for d in gold_case.get("documents") or [] for c in d.get("claims") or []]
    anchors = {c["id"]: c.get("anchor") or "" for c in gold_claims}
    out = []
    for gold in gold_case.get("contested") or []:
        row = matched_row(gold, ledger)
        if row is None:
            out.append(Purity(gold["id"], None, 0, 0))
            continue
        rx = re.compile(gold["match"], re.I)
        listed = [anchors[i] for i in gold.get("claims") or [] if anchors.get(i)]
        # gold claims whose gist, in the annotators' words, states the proposition
        listed += [c["anchor"] for c in gold_claims if c.get("anchor") and rx.search(c.get("gist") or "")]
        claims = [c for c in row.get("claims") or [] if isinstance(c, dict)]
        about = sum(
            bool(rx.search(_claim_text(c))) or any(_covers(c.get("evidence") or "", a) for a in listed)
            for c in claims
        )
        out.append(Purity(gold["id"], str(row.get("id")), about, len(claims)))
    return out
