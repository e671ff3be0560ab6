"""Classes of actor phrases found on real reporting, each on sentences written for other crises:
a state's own council or court is not the international body one of its words names."""

from __future__ import annotations

import pytest

from offramp.extract.phrases import find_actors


def _codes(text: str) -> list[tuple[str, str, str | None]]:
    return [(m.text, m.code, m.sector) for m in find_actors(text)]


# Rule own_body: a state's name, adjective or possessive before a council, court or assembly.
@pytest.mark.parametrize(
    ("text", "span", "code", "sector"),
    [
        (
            "Armenia's Security Council met in Yerevan after the shelling.",
            "Armenia's Security Council",
            "ARM",
            "GOV",
        ),
        (
            "Russia's Security Council discussed the drone strikes on Friday.",
            "Russia's Security Council",
            "RUS",
            "GOV",
        ),
        (
            "The Ukrainian National Security and Defense Council imposed new sanctions.",
            "Ukrainian National Security and Defense Council",
            "UKR",
            "GOV",
        ),
        (
            "Venezuela's Supreme National Defence Council approved the annexation plan.",
            "Venezuela's Supreme National Defence Council",
            "VEN",
            "GOV",
        ),
        ("Guyana's Supreme Court rejected the petition.", "Guyana's Supreme Court", "GUY", "JUD"),
    ],
)
def test_a_states_own_council_is_the_state(text, span, code, sector):
    found = {m.text: m for m in find_actors(text)}
    assert span in found, _codes(text)
    m = found[span]
    assert (m.code, m.sector, m.kind) == (code, sector, "state")
    assert m.attrs.get("body")
    assert all(x.code != "UNSC" for x in found.values())


@pytest.mark.parametrize(
    "text",
    [
        "The UN Security Council voted on the Armenian draft on Monday.",
        "The Security Council voted to extend the monitoring mission in Cyprus.",
        "Russia's Security Council seat lets it block any resolution on Ukraine.",
        "Taiwan asked the Security Council to discuss the blockade.",
    ],
)
def test_the_uns_council_stays_the_uns(text):
    codes = [c for _, c, _ in _codes(text)]
    assert "UNSC" in codes, _codes(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # a longer name than the UN body's, its state named earlier in the same sentence
        (
            "Eritrea's parliament backed the plan, and the Supreme National Security Council must now approve it.",
            "ERI",
        ),
    ],
)
def test_a_longer_name_takes_the_state_of_its_sentence(text, code):
    found = [m for m in find_actors(text) if m.attrs.get("body") == "Supreme National Security Council"]
    assert found and found[0].code == code, _codes(text)


def test_a_longer_name_without_a_state_is_no_actor():
    text = "After talks in Kyiv, the National Security Council met behind closed doors."
    assert all(c != "UNSC" for _, c, _ in _codes(text)), _codes(text)


# Rule appositive_title: "NAME, the TITLE, said": the name holds the office; its state is the one the
# apposition names, else the one the text before gives.
@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        (
            "Azerbaijan's government in Baku rejected the claim. Aykhan Hajizada, the foreign ministry "
            "spokesman, called it a provocation.",
            "Aykhan Hajizada",
            "AZE",
        ),
        (
            "Guyana's government protested to Caracas on Monday. Sasha Marie Fontaine, adviser to the "
            "President and spokeswoman for the Ministry of Foreign Affairs, condemned the incursion.",
            "Sasha Marie Fontaine",
            "GUY",
        ),
        (
            "Olena Kovalenko, Ukraine's defence ministry spokeswoman, said the drones were shot down.",
            "Olena Kovalenko",
            "UKR",
        ),
    ],
)
def test_a_name_with_an_office_in_apposition_holds_it(text, name, code):
    found = [m for m in find_actors(text) if m.person == name]
    assert found, _codes(text)
    assert found[0].code == code and found[0].kind == "person" and found[0].role


def test_the_surname_alone_later_is_the_same_speaker():
    text = (
        "Ukraine's government in Kyiv rejected the claim. Olena Kovalenko, the foreign ministry spokeswoman, "
        "called it false. Kovalenko added that talks would go on."
    )
    later = [m for m in find_actors(text) if m.text == "Kovalenko"]
    assert later and later[0].code == "UKR"


@pytest.mark.parametrize(
    "text",
    [
        # the office is the one served, not held
        "Tigray fighters advanced. Daniel Berhane Tesfaye, adviser to the Prime Minister, met reporters.",
        # not a person's name: a place after a preposition, a lone word, a time
        "In New York, the foreign ministry spokesman said nothing.",
        "Meanwhile, the foreign ministry spokesman said nothing.",
        "Last Friday, the spokesman said nothing.",
        # an apposition with no office
        "Karen Lee Wong, an analyst at a Taipei think tank, said the drills were routine.",
    ],
)
def test_no_office_in_apposition_names_no_office_holder(text):
    assert not [m for m in find_actors(text) if m.kind == "person" and m.attrs.get("unlisted")], _codes(text)
