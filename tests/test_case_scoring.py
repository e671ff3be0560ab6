"""The check on a gold case's ledger that acceptance tests run (tests/case_scoring.py)."""

from __future__ import annotations

from case_scoring import PURITY, matched_row, row_purity

GOLD = {
    "contested": [
        {"id": "truce-broken", "match": r"(?i)(violat|breach|broke)", "assert": ["ARM"], "deny": ["AZE"]},
        {"id": "won", "match": r"(?i)(won|victor)", "assert": ["ARM", "AZE"], "deny": ["ARM", "AZE"]},
    ]
}


def _claim(text: str) -> dict:
    return {"content": text, "evidence": ""}


def test_a_row_of_claims_about_its_proposition_passes():
    row = {"id": "r1", "proposition": "Baku broke the truce", "asserted_by": ["ARM"], "denied_by": ["AZE"],
           "claims": [_claim("Baku broke the truce"), _claim("Azerbaijan violated the ceasefire"),
                      _claim("it breached nothing")]}  # fmt: skip
    got = {p.proposition: p for p in row_purity(GOLD, [row])}
    assert got["truce-broken"].ok and got["truce-broken"].row == "r1"
    assert not got["won"].ok and got["won"].row is None


def test_a_row_mixing_other_claims_fails_though_the_scorer_accepts_it():
    row = {"id": "r2", "proposition": "Baku broke the truce", "asserted_by": ["ARM"], "denied_by": ["AZE"],
           "claims": [_claim("Baku broke the truce"), _claim("Azerbaijan violated the ceasefire"),
                      _claim("the harvest is late"), _claim("talks resume on Monday")]}  # fmt: skip
    assert matched_row(GOLD["contested"][0], [row]) is row  # half the claims match: the scorer's rule
    purity = row_purity(GOLD, [row])[0]
    assert purity.share == 0.5 < PURITY and not purity.ok


def test_the_sides_must_be_right():
    row = {"id": "r3", "proposition": "Baku broke the truce", "asserted_by": ["AZE"], "denied_by": ["ARM"],
           "claims": [_claim("Baku broke the truce")]}  # fmt: skip
    assert matched_row(GOLD["contested"][0], [row]) is None


def test_a_claim_the_gold_lists_for_the_proposition_is_about_it():
    gold = {
        "documents": [{"id": "D1", "claims": [{"id": "D1-c1", "anchor": "the depot is intact"}]}],
        "contested": [{"id": "depot-destroyed", "match": r"(?i)destroy", "assert": ["ARM"], "deny": ["AZE"],
                       "claims": ["D1-c1"]}],
    }  # fmt: skip
    row = {"id": "r4", "proposition": "the depot was destroyed", "asserted_by": ["ARM"], "denied_by": ["AZE"],
           "claims": [{"content": "the depot was destroyed", "evidence": ""},
                      {"content": "it stands", "evidence": "Baku said the depot is intact."}]}  # fmt: skip
    purity = row_purity(gold, [row])[0]
    assert purity.about == 2 and purity.ok


def test_a_gold_claim_whose_gist_states_the_proposition_is_about_it():
    # the pattern's words ("destroy") miss the sentence; the annotators' gist says it in them
    gold = {
        "documents": [{"id": "D2", "claims": [
            {"id": "D2-c1", "anchor": "nothing is left of the depot", "gist": "The depot was destroyed."},
            {"id": "D2-c2", "anchor": "the harvest is late", "gist": "The harvest is late."}]}],
        "contested": [{"id": "depot-destroyed", "match": r"(?i)destroy", "assert": ["ARM"], "deny": ["AZE"]}],
    }  # fmt: skip
    row = {"id": "r5", "proposition": "the depot was destroyed", "asserted_by": ["ARM"], "denied_by": ["AZE"],
           "claims": [{"content": "the depot was destroyed", "evidence": ""},
                      {"content": "the depot is destroyed", "evidence": ""},
                      {"content": "they destroyed it", "evidence": ""},
                      {"content": "nothing is left", "evidence": "Yerevan said nothing is left of the depot."},
                      {"content": "the harvest is late", "evidence": "Baku said the harvest is late."}]}  # fmt: skip
    purity = row_purity(gold, [row])[0]
    assert (purity.about, purity.claims) == (4, 5) and purity.ok  # the harvest is not about the depot
