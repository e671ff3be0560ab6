"""The claims ledger: propositions, statuses, conflicts and numbers."""

from __future__ import annotations

import datetime as dt

import pytest

from offramp.analysis.ledger import claim_concepts, extract_numbers, ledger, number_table, readings
from offramp.records import Claim, Document, Event

D = dt.date


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


# -- propositions: what a claim asserts, and its stance toward it ---------------


@pytest.mark.parametrize(
    ("text", "predicate", "sign"),
    [
        ("the drone strike destroyed the fuel depot", "damage", 1),
        ("the strikes failed to cause serious damage to the depot", "damage", -1),  # negated in front
        ("the depot is intact", "damage", -1),  # named only by its opposite
        # a negation far in front of the predicate negates something else
        ("the shelling had no recent parallel in attacks on civilians", "civilian_harm", 1),
        ("Azerbaijan violated the truce at dawn", "violate", 1),
        ("the report that Azerbaijan violated the truce is false", "violate", -1),  # called untrue
        ("Caracas is not seeking a nuclear weapon", "nuclear_arms", -1),
        ("its programme has always been peaceful", "nuclear_arms", -1),
        ("Eritrean shells hit a hospital in Adigrat", "civilian_harm", 1),
        ("its missiles struck only military targets", "civilian_harm", -1),
        # a predicate in a condition is not what is said
        ("more strikes could follow if Caracas does not agree to talks", "agree", None),
        ("Caracas agreed to talks", "agree", 1),
        # a participle before its noun names a thing ("the Turkish-brokered truce" asserts no mediation)
        ("Baku denied breaking the Turkish-brokered truce", "mediate", None),
        ("Ankara brokered the truce", "mediate", 1),
        # a predicate in a purpose clause is what was meant, not what happened
        ("Russian forces shelled the plant in a bid to cripple Ukraine's grid", "damage", None),
        ("Russian shelling crippled Ukraine's grid", "damage", 1),
        ("Moscow launched the raid aimed at destroying the bridge", "damage", None),
        # the contrary named as what an attack was on says what was hit, not who was spared
        (
            "Kyiv called the Russian strikes on military depots a Kremlin-backed campaign",
            "civilian_harm",
            None,
        ),
        ("Moscow said its drones hit only military targets", "civilian_harm", -1),
        # a capitalised noun in a name names a document, nobody agreed to anything
        ("Baku breached its obligations under the Trilateral Agreement", "agree", None),
        ("Baku and Yerevan reached an agreement on the border", "agree", 1),
        # failing obligations to an inspecting body, and its contrary
        ("the OSCE found Minsk in non-compliance with the Vienna Document", "noncompliance", 1),
        ("Caracas has failed to provide the inspectors with full cooperation", "noncompliance", 1),
        ("Caracas has always complied with its treaty obligations", "noncompliance", -1),
        ("Caracas will cooperate with the mission", "noncompliance", None),
    ],
)
def test_readings_give_the_stance_toward_a_predicate(text, predicate, sign):
    got = {r.concept.name: r.sign for r in readings(text)}
    assert got.get(predicate) == sign, got


def _claims_store(store, claims, events=()):
    docs = {}
    for c in claims:
        doc = docs.setdefault(
            c.doc_id, Document(text=c.doc_id, title=c.doc_id, url=f"https://example.org/{c.doc_id}")
        )
        c.doc_id = doc.id
        c.id = ""
        c.__post_init__()
    with store.write():
        for d in docs.values():
            store.add_document(d)
        store.add_claims(list(claims))
        if events:
            for e in events:
                e.doc_id = next(iter(docs.values())).id
            store.add_events(list(events))
    return store


def _fight():
    return [
        Event(type="ASSAULT", source=["ARM"], target=["AZE"], date=D(2023, 9, 19), quad=4),
        Event(type="ASSAULT", source=["AZE"], target=["ARM"], date=D(2023, 9, 19), quad=4),
    ]


def test_a_proposition_gathers_what_is_asserted_in_other_words_and_its_denial(store):
    claims = [
        Claim("Armenia", "Azerbaijani forces breached the ceasefire near Jermuk", cue="said",
              speaker_actor="ARM", about=["AZE"], doc_id="a"),
        Claim("Yerevan", "Baku broke the truce overnight", cue="said", speaker_actor="ARM", about=["AZE"], doc_id="b"),
        Claim("Azerbaijan", "its units violated the ceasefire", cue="denied", speaker_actor="AZE",
              polarity="deny", doc_id="c"),
        # the same keyword, another proposition: who agreed the truce
        Claim("Russia", "both sides agreed to the truce on Tuesday", cue="said", speaker_actor="RUS",
              about=["ARM", "AZE"], doc_id="d"),
    ]  # fmt: skip
    frame = ledger(_claims_store(store, claims, _fight()), sides=("ARM", "AZE"))
    row = _row(frame, "breached the ceasefire")
    assert {c["content"] for c in row["claims"]} == {
        "Azerbaijani forces breached the ceasefire near Jermuk", "Baku broke the truce overnight",
        "its units violated the ceasefire",
    }  # fmt: skip
    assert row["status"] == "contested" and row["asserted_by"] == ["ARM"] and row["denied_by"] == ["AZE"]
    assert "agreed" not in " ".join(c["content"] for c in row["claims"])
    assert row["proposition"][0].isupper() and len(row["proposition"].split()) >= 4


def test_who_was_wronged_keeps_two_accusations_apart(store):
    claims = [
        # Armenia says Azerbaijan broke the truce; Azerbaijan says Armenia did: two propositions
        Claim("Armenia", "Azerbaijani forces breached the ceasefire", cue="said", speaker_actor="ARM",
              about=["AZE"], doc_id="a"),
        Claim("Azerbaijan", "Armenian units breached the ceasefire", cue="said", speaker_actor="AZE",
              about=["ARM"], doc_id="b"),
    ]  # fmt: skip
    frame = ledger(_claims_store(store, claims, _fight()), sides=("ARM", "AZE"))
    assert _row(frame, "Azerbaijani forces")["asserted_by"] == ["ARM"]
    assert _row(frame, "Armenian units")["asserted_by"] == ["AZE"]


def test_each_sides_victory_claim_denies_the_others(crisis):
    row = ledger(crisis).set_index("conflict").loc["win"]
    assert row["asserted_by"] == ["IND", "PAK"] and row["denied_by"] == ["IND", "PAK"]


def test_a_claim_asserting_two_things_stands_in_both_rows_by_its_parts(store):
    claims = [
        Claim("Kyiv", "the strike destroyed the depot, setting the offensive back by months", cue="said",
              speaker_actor="UKR", doc_id="a"),
    ]  # fmt: skip
    frame = ledger(_claims_store(store, claims))
    parts = sorted(c["content"] for cs in frame["claims"] for c in cs)
    assert parts == ["setting the offensive back by months", "the strike destroyed the depot"]
    assert len(set(frame["id"])) == len(frame)


# -- figures: like against like -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a count in an apposition is no toll
        ("a shell killed a shepherd, one of them a Georgian citizen", []),
        ("twelve soldiers died, three of whom were conscripts", [(12, "count", "soldiers", None)]),
        # what a count did tells parts apart
        ("the army said it struck nine sites", [(9, "count", "sites", "struck")]),
        ("26 sites were targeted", [(26, "count", "sites", "targeted")]),
        ("strikes have killed 40 people in total", [(40, "count", "fatalities", "total")]),
        # the first day of a date range is no count
        ("the strikes on the night of 6 to 7 May killed 31 people", [(31, "count", "fatalities", None)]),
        # a number word that counts no one
        ("one rights group put the toll higher", []),
        # one tranche is not the programme
        ("the fund released a $1.0 billion tranche", [(1e9, "USD", "tranche", None)]),
        ("the $7 billion programme runs three years", [(7e9, "USD", "programme", None)]),
    ],
)
def test_figures_carry_what_they_count(text, expected):
    got = [(n["value"], n["unit"], n["what"], n["act"]) for n in extract_numbers(text)]
    assert got == expected


def test_figures_differ_only_for_the_same_quantity_of_the_same_event(store):
    doc_a = Document(
        text="a", title="a", url="https://example.org/a", source="Outlet A", published=D(2023, 9, 20)
    )
    doc_b = Document(
        text="b", title="b", url="https://example.org/b", source="Outlet B", published=D(2023, 9, 21)
    )
    shelling = Event(type="ASSAULT", source=["AZE"], target=["ARM"], date=D(2023, 9, 19), quad=4, doc_id=doc_a.id,
                     evidence="Shelling of Jermuk killed 12 people.")  # fmt: skip
    drone = Event(type="ASSAULT", source=["ARM"], target=["AZE"], date=D(2023, 9, 25), quad=4, doc_id=doc_a.id,
                  evidence="A drone strike on Lachin killed 3 people.")  # fmt: skip
    claims = [
        Claim("Yerevan", "15 people were killed in the shelling", cue="said", speaker_actor="ARM",
              about=["AZE", "ARM"], doc_id=doc_b.id),
        Claim("Yerevan", "the army struck nine sites", cue="said", speaker_actor="ARM", doc_id=doc_b.id),
        Claim("Baku", "26 sites were targeted", cue="said", speaker_actor="AZE", doc_id=doc_b.id),
    ]  # fmt: skip
    with store.write():
        store.add_document(doc_a)
        store.add_document(doc_b)
        store.add_events([shelling, drone])
        store.add_claims(claims)
    table = number_table(store, drift_only=True)
    # the two tolls of the shelling stand side by side, with who gave each and when
    assert sorted(table["value"]) == [12, 15]
    assert set(table["anchor"]) == {shelling.id}
    assert set(table["given_by"]) == {"Outlet A", "ARM"}
    # the drone strike's toll, and sites struck against sites targeted, are not compared
    everything = number_table(store)
    assert not everything[everything["value"].isin([3, 9, 26])]["drift"].any()


@pytest.mark.parametrize(
    ("first", "second", "disputed"),
    [
        # two claimants, one quantity, side by side in a report: a dispute
        (("ARM", "six drones crossed the line", []), ("AZE", "two drones crossed the line", []), True),
        # parts are not totals: struck against targeted
        (("ARM", "the army struck nine sites", []), ("AZE", "26 sites were targeted", []), False),
        # the two sides' own tolls are two quantities
        (("ARM", "12 people were killed in Armenia", ["ARM"]),
         ("AZE", "40 people were killed in Azerbaijan", ["AZE"]), False),
        # one claimant giving two figures disputes no one
        (("ARM", "six drones crossed the line", []), ("ARM", "two drones crossed the line", []), False),
    ],
)  # fmt: skip
def test_figures_that_differ_are_disputed_only_like_against_like(store, first, second, disputed):
    claims = [
        Claim(speaker=who, content=text, cue="said", speaker_actor=who, about=about, doc_id="r",
              span_start=i * 100, span_end=i * 100 + 50)
        for i, (who, text, about) in enumerate((first, second))
    ]  # fmt: skip
    frame = ledger(_claims_store(store, claims))
    rows = frame[frame["conflict"] == "figures"]
    assert (len(rows) == 1) is disputed
    if disputed:
        row = rows.iloc[0]
        assert row["status"] == "contested" and row["asserted_by"] == ["ARM", "AZE"] == row["denied_by"]
        assert "6 by ARM" in row["proposition"] and "2 by AZE" in row["proposition"]


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        # two predicates in one phrase make one proposition
        ("Ankara denied any third-party role in the truce", 1),
        # two predicates in coordinated clauses make two
        ("the strike destroyed the depot, setting the offensive back by months", 2),
        # a word that only contains a predicate's stem names nothing ("immediate" is no mediation)
        ("Kyiv would suspend the grain deal with immediate effect", 1),
    ],
)
def test_how_many_propositions_one_claim_stands_in(store, text, rows):
    claims = [Claim("Kyiv", text, cue="said", speaker_actor="UKR", doc_id="a")]
    assert len(ledger(_claims_store(store, claims))) == rows


@pytest.mark.parametrize(
    ("speakers", "status"),
    [
        # two independent reports, two sides (or a side and a neutral source): corroborated
        ((("Kyiv", "UKR"), ("the OSCE", "OSCE")), "corroborated"),
        # two reports of one side's officials: still one side's word
        ((("Kyiv", "UKR"), ("Ukraine's army", "UKR")), "single_source"),
    ],
)
def test_corroborated_means_more_than_one_side_agrees(store, speakers, status):
    claims = [
        Claim(
            who,
            "Russian shells destroyed the dam at Nova Kakhovka",
            cue="said",
            speaker_actor=code,
            doc_id=f"d{i}",
        )
        for i, (who, code) in enumerate(speakers)
    ]
    frame = ledger(_claims_store(store, claims))
    assert len(frame) == 1 and frame.iloc[0]["status"] == status


@pytest.mark.parametrize(
    ("rebuttal", "speaker", "denies"),
    [
        # the accused calls the finding against it political: it denies what the finding asserts
        ("the resolution as politically motivated", "VEN", True),
        # a third party saying so takes no side on the finding
        ("the resolution as politically motivated", "BRA", False),
        # the accused discredits nothing said in the report: no rebuttal
        ("sanctions as a political tool of the West", "VEN", False),
    ],
)
def test_discrediting_a_finding_denies_what_it_asserts(store, rebuttal, speaker, denies):
    claims = [
        Claim("the OAS resolution", "Venezuela has failed to cooperate with the electoral observers",
              cue="found", speaker_actor="OAS", about=["VEN"], doc_id="a"),
        Claim("Caracas" if speaker == "VEN" else "Brasilia", rebuttal, cue="denounced", speaker_actor=speaker,
              doc_id="a"),
    ]  # fmt: skip
    frame = ledger(_claims_store(store, claims))
    row = _row(frame, "failed to cooperate")
    assert row["asserted_by"] == ["OAS"]
    assert (row["denied_by"] == [speaker]) is denies
    assert (row["status"] == "contested") is denies


@pytest.mark.parametrize(
    ("second", "rows_of_first"),
    [
        # the same depot, damaged by the other side's strikes: another proposition
        ("Ukrainian strikes destroyed the air base at Morozovsk", 2),
        # the same damage told without naming an attacker stays with the row
        ("the air base was destroyed", 3),
    ],
)
def test_damage_told_of_another_attackers_strikes_is_another_row(store, second, rows_of_first):
    claims = [
        Claim("Kyiv", "Russian forces destroyed the air base at Starokostiantyniv", cue="said", speaker_actor="UKR",
              doc_id="a"),
        Claim("the governor", "Russian strikes destroyed the air base overnight", cue="said",
              speaker_actor="UKR", doc_id="b"),
        Claim("Moscow", second, cue="said", speaker_actor="RUS", doc_id="c"),
    ]  # fmt: skip
    frame = ledger(_claims_store(store, claims))
    row = _row(frame, "Russian forces")
    assert len(row["claims"]) == rows_of_first


@pytest.mark.parametrize(
    ("outer", "outer_polarity", "relayed"),
    [
        # a spokesman relaying what a report says: one claim, the report's, relayed
        ("even the monitors' report acknowledges heavy damage", "assert", True),
        # a denial of what was reported says something of its own
        ("even the monitors' report acknowledges heavy damage", "deny", False),
    ],
)
def test_a_relayed_claim_is_one_claim_with_its_original_speaker(store, outer, outer_polarity, relayed):
    sentence = f"“{outer},” the spokesman said."
    claims = [
        Claim("the spokesman", outer, cue="said", speaker_actor="ARM", polarity=outer_polarity,
              evidence=sentence, doc_id="a"),
        Claim("the monitors' report", "heavy damage", cue="acknowledges", speaker_actor="EU",
              evidence=sentence, doc_id="a"),
    ]  # fmt: skip
    frame = ledger(_claims_store(store, claims))
    shown = [c for cs in frame["claims"] for c in cs]
    speakers = sorted(c["speaker"] for c in shown)
    if relayed:
        assert speakers == ["the monitors' report"]
        assert shown[0]["relayed_by"] == "the spokesman"
    else:
        assert "the spokesman" in speakers


@pytest.mark.parametrize(
    ("outer", "inner_speaker", "inner_cue", "inner", "relayed"),
    [
        # the outer claim tells the inner speaker saying it: a relay
        ("Baku has said that the corridor must open", "Baku", "said", "the corridor must open", True),
        # a parse that took an object for a speaker: the outer claim is the real one
        ("the shelling of Lachin to be illegal and reiterates that Baku may respond", "the shelling of Lachin",
         "reiterates", "Baku may respond", False),
        ("the army's resolve for what they called the enemy's retreat", "for what they", "called",
         "the enemy's retreat", False),
    ],
)  # fmt: skip
def test_only_reported_speech_is_a_relay(store, outer, inner_speaker, inner_cue, inner, relayed):
    sentence = f"Yerevan said {outer}."
    claims = [
        Claim("Yerevan", outer, cue="said", speaker_actor="ARM", evidence=sentence, doc_id="a"),
        Claim(inner_speaker, inner, cue=inner_cue, speaker_actor="AZE", evidence=sentence, doc_id="a"),
    ]
    frame = ledger(_claims_store(store, claims))
    speakers = {c["speaker"] for cs in frame["claims"] for c in cs}
    assert ("Yerevan" not in speakers) is relayed
