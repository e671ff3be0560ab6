"""The claims ledger: propositions, statuses, conflicts and numbers."""

from __future__ import annotations

import datetime as dt

import pytest

from offramp.analysis.example import add_example_crisis
from offramp.analysis.ledger import claim_concepts, extract_numbers, ledger, number_table
from offramp.records import Claim, Document, Event

D = dt.date


@pytest.fixture
def crisis(store):
    add_example_crisis(store)
    return store


def _row(frame, words: str):
    hits = frame[[any(words in (c["content"] or "") for c in cl) for cl in frame["claims"]]]
    assert len(hits) == 1, f"{words!r} in {len(hits)} rows"
    return hits.iloc[0]


def test_same_assertion_in_other_words_is_one_contested_proposition(crisis):
    row = _row(ledger(crisis), "brokered")
    assert len(row["claims"]) == 3  # brokered / facilitating the truce / denied that a third party mediated
    assert row["status"] == "contested"
    assert row["asserted_by"] == ["PAK", "USA"]
    assert row["denied_by"] == ["IND"]
    assert row["n_sources"] == 2


def test_each_side_claiming_victory_is_a_conflict(crisis):
    frame = ledger(crisis)
    conflicts = frame[frame["conflict"].notna()]
    assert list(conflicts["conflict"]) == ["win"]
    row = conflicts.iloc[0]
    assert row["status"] == "contested"
    assert row["asserted_by"] == ["IND", "PAK"]
    assert len(row["claims"]) == 2


@pytest.mark.parametrize(
    ("words", "status"),
    [("shot down five", "single_source"), ("$1 billion loan", "corroborated"), ("brokered", "contested")],
)
def test_status(crisis, words, status):
    assert _row(ledger(crisis), words)["status"] == status


def test_contested_come_first_and_status_filter(crisis):
    frame = ledger(crisis)
    order = {"contested": 0, "single_source": 1, "corroborated": 2}
    ranks = [order[s] for s in frame["status"]]
    assert ranks == sorted(ranks)
    assert frame.iloc[0]["conflict"] is not None
    assert set(ledger(crisis, status="corroborated")["status"]) == {"corroborated"}


def test_hedges_are_listed_apart(crisis):
    row = _row(ledger(crisis), "may have hit")
    assert "IISS" in row["hedged_by"]
    assert "IISS" not in row["asserted_by"]


def test_reported_mutual_claims_and_mutual_accusations_are_conflicts(store):
    doc = Document(text="r", title="r", url="https://example.org/r")
    other = Document(text="s", title="s", url="https://example.org/s")
    claim = Claim(speaker="an analyst", cue="said", doc_id=doc.id,
                  content="propaganda let both countries claim victory")  # fmt: skip
    accuse = [
        Event(type="ACCUSE", source=["IND"], target=["PAK"], date=D(2025, 5, 8), doc_id=doc.id, quad=3,
              evidence="Delhi said Islamabad violated the ceasefire."),
        Event(type="ACCUSE", source=["PAK"], target=["IND"], date=D(2025, 5, 8), doc_id=other.id, quad=3,
              evidence="Islamabad said Delhi breached the truce first."),
        Event(type="ASSAULT", source=["IND"], target=["PAK"], date=D(2025, 5, 7), doc_id=doc.id, quad=4, span_start=9),
    ]  # fmt: skip
    with store.write():
        store.add_document(doc)
        store.add_document(other)
        store.add_claims([claim])
        store.add_events(accuse)
    frame = ledger(store).set_index("conflict")
    win = frame.loc["win"]
    assert (win["asserted_by"], win["denied_by"]) == (["IND", "PAK"], ["IND", "PAK"])
    assert win["claims"][0]["reported"] is True
    blame = frame.loc["blame"]
    assert len(blame["events"]) == 2
    assert blame["n_sources"] == 2
    # the analyst's own claim also stays in the ledger as a proposition of its own
    own = ledger(store)
    assert [c["speaker"] for c in own[own["conflict"].isna()].iloc[0]["claims"]] == ["an analyst"]


def test_near_duplicates_are_not_independent_sources(crisis):
    docs = crisis.documents()
    a, b = docs["id"].iloc[0], docs["id"].iloc[1]
    crisis.link_near_duplicate(b, a, 0.9)
    assert _row(ledger(crisis), "brokered")["n_sources"] == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the attack killed 26 people", [(26, "count", "fatalities")]),
        ("26 people were killed", [(26, "count", "fatalities")]),
        ("claimed to have shot down five Indian jets", [(5, "count", "aircraft")]),
        ("released about $1.4 billion under the facility", [(1.4e9, "USD", "tranche")]),
        ("an attack on April 22, 2025 at 1700 hours", []),
        ("on May 10 the guns fell silent", []),
        ("exchanges of drone and missile strikes", []),
        ("more than 300 drones were launched", [(300, "count", "drones")]),
    ],
)
def test_extract_numbers(text, expected):
    got = [(n["value"], n["unit"], n["what"]) for n in extract_numbers(text)]
    assert got == expected


def test_number_table_sets_figures_side_by_side(crisis):
    table = number_table(crisis, drift_only=True)
    deaths = table[table["what"] == "fatalities"]
    assert sorted(deaths["value"]) == [26, 28]
    assert set(deaths["url"]) == {"https://example.org/a", "https://example.com/c"}


@pytest.mark.parametrize(
    ("text", "predicate"),
    [("Washington brokered the truce", "mediate"), ("we won", "win"), ("they downed two jets", "down"),
     ("Delhi violated the ceasefire", "violate")],
)  # fmt: skip
def test_concepts(text, predicate):
    preds, _ = claim_concepts(text)
    assert predicate in preds
