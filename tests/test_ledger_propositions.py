"""What makes two claims one proposition of the ledger: the predicate, its participants and its object.

Sentences are of our own writing, from the Russia–Ukraine war (Belarus standing in for a third state
whose strikes are another proposition): claims that must share a row, and claims that must not.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from offramp.analysis.ledger import ledger, news_of_one_strike, readings, tells_one_strike
from offramp.records import Claim, Document, Event

D = dt.date


def _store(store, claims, fights):
    docs = {}
    for c in claims:
        doc = docs.setdefault(
            c.doc_id, Document(text=c.doc_id, title=c.doc_id, url=f"https://example.org/{c.doc_id}")
        )
        c.doc_id = doc.id
        c.id = ""
        c.__post_init__()
    events = [
        Event(
            type="ASSAULT",
            source=[a],
            target=[b],
            date=D(2022, 10, 10),
            quad=4,
            doc_id=next(iter(docs.values())).id,
        )
        for a, b in fights
    ]
    with store.write():
        for d in docs.values():
            store.add_document(d)
        store.add_claims(list(claims))
        store.add_events(events)
    return store


def _row_of(frame, words: str):
    hits = frame[[any(words in (c["content"] or "") for c in cl) for cl in frame["claims"]]]
    assert len(hits) == 1, f"{words!r} in {len(hits)} rows"
    return hits.iloc[0]


def _predicates(text: str) -> set[str]:
    return {r.concept.name for r in readings(text)}


@pytest.mark.parametrize(
    ("text", "civilian_harm"),
    [
        # a toll whose victims are listed: the claim reports the count, not whom the war harms
        ("Kharkiv's morgue counted 47 deaths and 200 injuries, including nine children", False),
        ("the toll stands at 31 dead, among them four schoolchildren", False),
        # who the victims were is the claim's own assertion
        ("most of the 47 dead were civilians", True),
        ("at least nine children were among the dead", True),
    ],
)
def test_a_tolls_list_of_victims_is_a_detail_of_the_toll(text, civilian_harm):
    assert ("civilian_harm" in _predicates(text)) is civilian_harm


@pytest.mark.parametrize(
    ("text", "one_strike"),
    [
        # what one strike hit, at a named place or on a named day
        ("Russian drones struck residential buildings in Odesa on Sunday", True),
        ("two residential blocks in Zaporizhzhia have also been hit", True),  # not in the gazetteer
        ("Russian missiles hit a hospital on 8 July", True),
        # whom the strikes harm, said of the war
        ("Russia deliberately strikes residential areas", False),
        ("the invaders target civilians and hospitals", False),
        # a place named, but no strike said to have hit the civilians
        ("civilians are fleeing Kherson", False),
        # a whole state, or its cities at large, is no scene of one strike
        ("Russian missiles hit residential areas in Ukraine", False),
        ("Russian missiles hit residential areas in Ukrainian cities", False),
    ],
)
def test_a_strike_on_civilians_somewhere_is_told_of_one_strike(text, one_strike):
    harm = re.search(r"residential|hospital|civilians", text)
    assert harm is not None and tells_one_strike(text, harm.start(), harm.end()) is one_strike


@pytest.mark.parametrize(
    ("speaker_actor", "relayed", "kept"),
    [
        # an outlet speaking for no state tells of the strike: an event, no side's claim on civilian harm
        (None, False, False),
        # ... and so does an outlet's report citing officials ("citing officials, the paper reports")
        ("UKR", True, False),
        # a side telling the same accuses the other of it
        ("UKR", False, True),
    ],
)
def test_news_of_one_strike_takes_no_side_on_civilian_harm(speaker_actor, relayed, kept):
    text = "Russian drones struck residential buildings in Odesa on Sunday"
    found = news_of_one_strike(text, readings(text), speaker_actor, relayed)
    assert ("civilian_harm" in {r.concept.name for r in found}) is kept
    # the harm said of the war at large is a side's claim whoever tells it
    general = "the invaders target civilians"
    assert "civilian_harm" in {r.concept.name for r in news_of_one_strike(general, readings(general), None)}


def _harm_claims() -> list[Claim]:
    return [
        Claim("Ukraine's health ministry", "most of the dead and wounded have been civilians", cue="said",
              speaker_actor="UKR", doc_id="a"),
        Claim("Kyiv", "Russian strikes have killed mostly civilians", cue="said", speaker_actor="UKR",
              about=["RUS"], doc_id="b"),
        Claim("the prosecutor general", "at least 40 children were among the dead", cue="said",
              speaker_actor="UKR", doc_id="c"),
        Claim("Moscow", "its forces hit only military targets", cue="said", speaker_actor="RUS",
              about=["UKR"], doc_id="d"),
        # a side telling of one strike on homes accuses the other of harming civilians
        Claim("the mayor of Kharkiv", "Russian missiles hit residential buildings in Kharkiv overnight",
              cue="said", speaker_actor="UKR", about=["RUS"], doc_id="g"),
        # another state's strikes: another proposition
        Claim("Minsk", "the strikes did not target Ukrainian civilians or military personnel", cue="said",
              speaker_actor="BLR", about=["UKR"], doc_id="e"),
        # a toll, not whom it counts
        Claim("the ministry", "312 deaths and 1,020 injuries, including women and children", cue="reported",
              speaker_actor="UKR", doc_id="a"),
        # one strike's report, an event
        Claim("local media", "Russian drones struck residential buildings in Odesa on Sunday", cue="said",
              doc_id="f"),
    ]  # fmt: skip


FIGHTS = [("RUS", "UKR"), ("UKR", "RUS"), ("BLR", "UKR")]


def test_whom_the_strikes_harm_is_one_row_with_both_sides(store):
    frame = ledger(_store(store, _harm_claims(), FIGHTS), sides=("RUS", "UKR"))
    row = _row_of(frame, "most of the dead")
    assert {c["content"] for c in row["claims"]} == {
        "most of the dead and wounded have been civilians",
        "Russian strikes have killed mostly civilians",
        "at least 40 children were among the dead",
        "its forces hit only military targets",
        "Russian missiles hit residential buildings in Kharkiv overnight",
    }
    assert row["status"] == "contested" and row["asserted_by"] == ["UKR"] and row["denied_by"] == ["RUS"]


@pytest.mark.parametrize(
    "words",
    [
        "the strikes did not target Ukrainian civilians",  # another state's strikes
        "312 deaths and 1,020 injuries",  # a toll
        "struck residential buildings in Odesa",  # one strike, an event
    ],
)
def test_claims_about_other_propositions_stay_apart(store, words):
    frame = ledger(_store(store, _harm_claims(), FIGHTS), sides=("RUS", "UKR"))
    row = _row_of(frame, words)
    assert not any("most of the dead" in c["content"] for c in row["claims"])
    assert "RUS" not in row["denied_by"] or words != "the strikes did not target Ukrainian civilians"


# -- polarity: each side of the ledger as the sentence means it --------------------------------------

POLARITY_TEXT = """Border standoff deepens

GEORGETOWN, March 4 - Venezuela denied that its troops had crossed the Cuyuni river on Sunday. \
Guyana's foreign minister Hugh Todd dismissed Venezuela's denial of the incursion. \
Caracas rejected the claim that its soldiers had fired on a Guyanese patrol. \
Brazil refused to confirm that Venezuelan troops had entered the disputed zone.
"""


@pytest.fixture(scope="module")
def polarity_ledger(tmp_path_factory):
    import offramp
    from offramp.store import Store

    where = tmp_path_factory.mktemp("polarity")
    (where / "standoff.txt").write_text(POLARITY_TEXT, encoding="utf-8")
    with Store(str(where / "s.duckdb")) as store:
        offramp.ingest(store, [where / "standoff.txt"])
        return ledger(store)


@pytest.mark.parametrize(
    ("words", "actor", "column"),
    [
        ("crossed the Cuyuni river", "VEN", "denied_by"),  # denied that X
        ("fired on a Guyanese patrol", "VEN", "denied_by"),  # rejected the claim that X
        ("entered the disputed zone", "BRA", "hedged_by"),  # refused to confirm X
        ("the incursion", "GUY", "asserted_by"),  # dismissed X's denial of Y asserts Y
    ],
)
def test_each_polarity_puts_its_speaker_on_the_side_it_means(polarity_ledger, words, actor, column):
    row = _row_of(polarity_ledger, words)
    assert row[column] == [actor]
    others = {"asserted_by", "denied_by", "hedged_by"} - {column}
    assert not any(actor in row[c] for c in others)


@pytest.mark.parametrize(
    ("text", "predicate", "named"),
    [
        # "decades" as an age is no setback; a programme that takes decades to rebuild is
        ("Yerevan rejected a plan to end the decades-old border dispute", "setback", False),
        ("Baku was censured for the first time in two decades", "setback", False),
        ("the plant would take decades to rebuild", "setback", True),
        ("the strikes set the programme back by decades", "setback", True),
        # culpability is a proposition; a duty or being in charge of something is not
        ("Moscow bears full responsibility for the shelling", "responsible", True),
        ("Kyiv held Minsk responsible for the drone attack", "responsible", True),
        ("the OSCE failed to uphold its responsibilities", "responsible", False),
        ("the council is the highest body responsible for defence policy", "responsible", False),
    ],
)
def test_a_predicate_word_in_another_sense_names_nothing(text, predicate, named):
    assert (predicate in _predicates(text)) is named


@pytest.mark.parametrize(
    ("second", "together"),
    [
        # claims of two reports that leave the object open share a row only when they share words
        ("the ammunition depots near Kupiansk were completely obliterated", True),
        ("the attack caused no reported damage", False),
    ],
)
def test_claims_leaving_a_part_open_join_across_reports_only_on_shared_words(store, second, together):
    claims = [
        Claim("Kyiv", "the ammunition depots near Kupiansk have been obliterated", cue="said", speaker_actor="UKR",
              doc_id="a"),
        Claim("Moscow", second, cue="said", speaker_actor="RUS", doc_id="b"),
    ]  # fmt: skip
    frame = ledger(_store(store, claims, [("UKR", "RUS"), ("RUS", "UKR")]), sides=("RUS", "UKR"))
    row = _row_of(frame, "have been obliterated")
    assert (len(row["claims"]) == 2) is together


@pytest.mark.parametrize(
    ("second", "together"),
    [
        # "coordinated" is said of anything: it makes one proposition only with shared words
        ("Minsk said the leak had not been coordinated with its intelligence service", False),
        ("Minsk denied that its drones were coordinated with Russian command posts", True),
    ],
)
def test_a_common_predicate_needs_shared_words(store, second, together):
    claims = [
        Claim("Kyiv", "Belarusian drones were coordinated with Russian command posts", cue="said",
              speaker_actor="UKR", doc_id="a"),
        Claim("Minsk", second, cue="said", speaker_actor="BLR", doc_id="b"),
    ]  # fmt: skip
    frame = ledger(_store(store, claims, FIGHTS), sides=("RUS", "UKR"))
    row = _row_of(frame, "Belarusian drones")
    assert (len(row["claims"]) == 2) is together


# -- figures: a part is no toll -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a count of the victims a toll includes is a part of it
        ("the ministry confirmed 28 fatalities, including 4 children",
         [(28, "fatalities", None), (4, "fatalities", "part")]),
        ("at least 9 children were among the dead", [(9, "fatalities", "part")]),
        # a toll standing alone is the whole
        ("the shelling killed 28 people", [(28, "fatalities", None)]),
    ],
)  # fmt: skip
def test_a_count_a_toll_includes_is_a_part(text, expected):
    from offramp.analysis.ledger import extract_numbers

    assert [(n["value"], n["what"], n["act"]) for n in extract_numbers(text)] == expected


def test_a_part_of_a_toll_is_not_set_against_another_toll(store):
    claims = [
        Claim("Yerevan", "the shelling killed 12 people, including 3 children", cue="said", speaker_actor="ARM",
              doc_id="r", span_start=0, span_end=50),
        Claim("Baku", "the shelling killed 5 people", cue="said", speaker_actor="AZE", doc_id="r",
              span_start=100, span_end=150),
    ]  # fmt: skip
    frame = ledger(_store(store, claims, [("AZE", "ARM")]), sides=("ARM", "AZE"))
    label = frame[frame["conflict"] == "figures"].iloc[0]["proposition"]
    assert "12 by ARM" in label and "5 by AZE" in label and "3 by" not in label


@pytest.mark.parametrize(
    ("second_speaker", "together"),
    [
        # the same toll told twice by the side whose dead it counts: one proposition
        ("ARM", True),
        # the other side's toll in the same words counts other dead
        ("AZE", False),
    ],
)
def test_a_toll_is_of_one_sides_dead(store, second_speaker, together):
    claims = [
        Claim("Yerevan", "12 soldiers were killed in the shelling near Goris", cue="said", speaker_actor="ARM",
              doc_id="a"),
        Claim("the ministry", "the shelling near Goris killed 12 soldiers", cue="said",
              speaker_actor=second_speaker, doc_id="b"),
    ]  # fmt: skip
    frame = ledger(_store(store, claims, [("ARM", "AZE"), ("AZE", "ARM")]), sides=("ARM", "AZE"))
    assert (len(_row_of(frame, "were killed in the shelling")["claims"]) == 2) is together


@pytest.mark.parametrize(
    ("form", "label"),
    [
        # what the cue's object says reads only with who said it and how
        ("object", "Azerbaijan accused Armenia of violating the truce near Lachin"),
        # a reported clause reads on its own
        ("indirect", "Armenia of violating the truce near Lachin"),
    ],
)
def test_a_label_is_a_readable_statement(store, form, label):
    claims = [
        Claim("Azerbaijan", "Armenia of violating the truce near Lachin", cue="accused", form=form,
              speaker_actor="AZE", about=["ARM"], doc_id="a"),
    ]  # fmt: skip
    frame = ledger(_store(store, claims, [("ARM", "AZE"), ("AZE", "ARM")]), sides=("ARM", "AZE"))
    assert _row_of(frame, "violating the truce")["proposition"] == label


@pytest.mark.parametrize(
    ("text", "predicate", "sign"),
    [
        # no evidence for a predicate hedges it: neither it nor its contrary is said
        (
            "the OSCE did not have elements to prove that Minsk had a plan toward a nuclear weapon",
            "nuclear_arms",
            0,
        ),
        ("the inspectors found no evidence of damage at the dam", "damage", 0),
        # evidence for it, or its plain negation, says one or the other
        ("the inspectors found evidence of damage at the dam", "damage", 1),
        ("Caracas is not seeking a nuclear weapon", "nuclear_arms", -1),
        # "clear" as an adjective approves nothing; "cleared" does
        ("there is clear evidence of damage at the dam", "approve", None),
        ("the fund cleared the second tranche", "approve", 1),
    ],
)
def test_no_evidence_hedges_a_predicate(text, predicate, sign):
    assert {r.concept.name: r.sign for r in readings(text)}.get(predicate) == sign


def test_a_finding_of_no_evidence_is_a_hedge_in_the_ledger(store):
    claims = [
        Claim("Kyiv", "Belarus is building a nuclear weapon", cue="said", speaker_actor="UKR", about=["BLR"],
              doc_id="a"),
        Claim("Minsk", "it is not seeking a nuclear weapon", cue="said", speaker_actor="BLR", doc_id="b"),
        Claim("the OSCE", "it had found no evidence that Minsk is seeking a nuclear weapon", cue="said",
              speaker_actor="OSCE", about=["BLR"], doc_id="c"),
    ]  # fmt: skip
    frame = ledger(_store(store, claims, FIGHTS), sides=("RUS", "UKR"))
    row = _row_of(frame, "Belarus is building")
    assert (row["asserted_by"], row["denied_by"], row["hedged_by"]) == (["UKR"], ["BLR"], ["OSCE"])
