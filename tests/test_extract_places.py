"""Places: gazetteer names and aliases, longest match, case rules, the spaCy fallback."""

from __future__ import annotations

from pathlib import Path

import pytest

from offramp.errors import ConfigError
from offramp.extract.places import PlacesStage, find_places, load_gazetteer, lookup


def names(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.name) for m in find_places(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tourists were shot in Pahalgam.", [("Pahalgam", "Pahalgam")]),
        ("Drones were seen over Srinagar and Jammu.", [("Srinagar", "Srinagar"), ("Jammu", "Jammu")]),
        ("Strikes hit Bahawalpur and Muridke.", [("Bahawalpur", "Bahawalpur"), ("Muridke", "Muridke")]),
        ("The attack at the Baisaran meadow.", [("Baisaran meadow", "Baisaran")]),
        ("Missiles struck Nur Khan airbase.", [("Nur Khan airbase", "Nur Khan air base")]),
        ("Missiles struck PAF Base Nur Khan.", [("PAF Base Nur Khan", "Nur Khan air base")]),
        ("Talks were held in Washington, D.C. on trade.", [("Washington, D.C.", "Washington")]),
        ("Officials met in Delhi.", [("Delhi", "New Delhi")]),
        ("The envoy flew to Bangalore.", [("Bangalore", "Bengaluru")]),
    ],
)
def test_names_and_aliases(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("strikes in Pakistan-administered Kashmir", "Pakistan-administered Kashmir", "PAK"),
        ("strikes in Pakistan administered Kashmir", "Pakistan-administered Kashmir", "PAK"),
        ("strikes in Azad Jammu and Kashmir", "Pakistan-administered Kashmir", "PAK"),
        ("strikes in Azad Jammu & Kashmir", "Pakistan-administered Kashmir", "PAK"),
        ("strikes in PoK", "Pakistan-administered Kashmir", "PAK"),
        ("an attack in Indian-administered Kashmir", "Indian-administered Kashmir", "IND"),
        ("police in J&K said", "Jammu and Kashmir", "IND"),
        ("police in Jammu & Kashmir said", "Jammu and Kashmir", "IND"),
        ("the Kashmir dispute", "Kashmir", None),
    ],
)
def test_kashmir_regions(text, name, country):
    (m,) = find_places(text)
    assert (m.name, m.country) == (name, country)


def test_line_of_control_and_its_abbreviation():
    text = "shelling across the Line of Control (LoC) by both; the LoC stayed tense"
    found = find_places(text)
    assert [m.text for m in found] == ["Line of Control", "LoC", "LoC"]
    assert {m.name for m in found} == {"Line of Control"}
    assert found[1].start == text.index("(LoC)") + 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jammu and Kashmir", ["Jammu and Kashmir"]),
        ("Jammu", ["Jammu"]),
        ("from Jammu to Jammu and Kashmir's capital", ["Jammu", "Jammu and Kashmir"]),
        ("Azad Jammu and Kashmir", ["Pakistan-administered Kashmir"]),
        ("Muridke", ["Muridke"]),
        ("Murid air base", ["Murid"]),
        ("Sargodha air base near Sargodha", ["PAF Base Mushaf", "Sargodha"]),
    ],
)
def test_longest_match_wins(text, expected):
    assert [m.name for m in find_places(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the US said", ["United States"]),
        ("let us say", []),  # short aliases match only as written
        ("Uri and uri", ["Uri"]),
        ("the UAE and the U.S. mediated", ["United Arab Emirates", "United States"]),
        ("across the line of control", ["Line of Control"]),  # several words: any case
        ("the Simla Agreement and the Indus Waters Treaty", []),  # names of other things
        ("The Washington Post reported", []),
        ("ships in the Gulf of Aden and the Gulf", ["Persian Gulf"]),
        ("the India-Pakistan conflict and the Russia-Ukraine war", []),  # relations, not places
        ("a Pakistan-based outfit", ["Pakistan"]),
        ("Pakistan's army shelled Poonch", ["Poonch"]),  # the state acting, not a place
        ("the Pakistan Army and the India government", []),
        ("strikes in Pakistan", ["Pakistan"]),
        ("the Attari-Wagah border was closed", ["Attari-Wagah border"]),
        ("water released from the Baglihar Dam", ["Baglihar Dam"]),
        ("Pakistani and Indian officials", []),
    ],
)
def test_case_and_context(text, expected):
    assert [m.name for m in find_places(text)] == expected


def test_mentions_carry_country_coordinates_and_kind():
    (m,) = find_places("Strikes hit Muzaffarabad.")
    assert (m.country, m.kind) == ("PAK", "city")
    assert 34 < m.lat < 35 and 73 < m.lon < 74
    (c,) = find_places("Strikes hit India.")
    assert (c.country, c.kind) == ("IND", "country")


def test_gazetteer_entries_are_complete():
    places = load_gazetteer()
    assert len(places) > 100
    for p in places:
        assert p.source.startswith("https://"), p.name
        assert p.kind
        if p.lat is not None:
            assert -90 <= p.lat <= 90 and -180 <= p.lon <= 180
    required = [
        "Pahalgam", "Baisaran", "Srinagar", "Poonch", "Rajouri", "Uri", "Kupwara", "Amritsar", "Pathankot",
        "New Delhi", "Islamabad", "Rawalpindi", "Lahore", "Karachi", "Muzaffarabad", "Kotli", "Bahawalpur",
        "Muridke", "Sialkot", "Nur Khan air base", "Sargodha", "Jacobabad", "Bholari", "Rafiqui", "Murid",
        "Skardu", "Udhampur", "Adampur", "Bhuj", "Balakot", "Kargil", "Siachen", "Pulwama", "London", "Paris",
        "Riyadh", "Abu Dhabi", "Washington", "Beijing", "Moscow", "Tehran", "Kabul", "Dhaka",
        "International Border", "Line of Control",
    ]  # fmt: skip
    missing = [n for n in required if lookup(n) is None]
    assert missing == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("pok", "Pakistan-administered Kashmir"),
        ("the Line of Control", "Line of Control"),
        ("Atlantis", None),
    ],
)
def test_lookup(name, expected):
    place = lookup(name)
    assert (place.name if place else None) == expected


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("places:\n  - {name: X}\n", "incomplete"),
        ("places:\n  - {name: X, lat: 95, lon: 0, source: 'https://x'}\n", "out of range"),
        ("places:\n  - {name: X, source: 'somewhere'}\n", "must be a URL"),
        (
            "places:\n  - {name: X, aliases: [Y], source: 'https://x'}\n  - {name: Y, source: 'https://y'}\n",
            "both",
        ),
        ("places: [\n", "not valid YAML"),
    ],
)
def test_bad_gazetteer_is_a_config_error(tmp_path: Path, content, message):
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        find_places("X", path=path)


@pytest.mark.parametrize(
    ("text", "name", "country", "kind"),
    [
        ("Drones struck Odesa overnight.", "Odesa", "UKR", "city"),  # a city of a million, not in the YAML
        ("Talks opened in Baku on Monday.", "Baku", "AZE", "capital"),
        ("Guyana protested to Venezuela.", "Guyana", "GUY", "country"),
        ("Ankara and Turkey's allies", "Ankara", "TUR", "capital"),
    ],
)
def test_states_capitals_and_cities_come_from_the_libraries(text, name, country, kind):
    found = {m.name: m for m in find_places(text)}
    assert (found[name].country, found[name].kind) == (country, kind)
    assert found[name].lat is not None


def test_a_city_inside_a_sea_name_is_not_the_city():
    assert [m.name for m in find_places("tankers in the Strait of Hormuz and the Gulf of Aden")] == []
    assert [m.name for m in find_places("a strike on Aden")] == ["Aden"]


def test_stage_adds_unknown_places_from_the_parser(nlp):
    from offramp.extract.pipeline import DocRecord
    from offramp.records import Document

    text = (
        "Shelling hit Pahalgam and Ottawa, and people fled from the town of Bakhmut to the Line of Control."
    )
    record = DocRecord(document=Document(text=text), doc=nlp(text))
    record = PlacesStage()(record)
    by_text = {m.text: m for m in record.places}
    assert by_text["Pahalgam"].country == "IND"
    assert by_text["Line of Control"].kind == "boundary"
    assert (by_text["Ottawa"].country, by_text["Ottawa"].kind) == ("CAN", "capital")  # from GeoNames
    unknown = [m for m in record.places if m.text == "Bakhmut"]
    assert unknown, [m.text for m in record.places]
    assert all(m.country is None and m.lat is None and m.kind in ("gpe", "loc", "fac") for m in unknown)
    assert [m.start for m in record.places] == sorted(m.start for m in record.places)
    without = PlacesStage(entities=False)(DocRecord(document=Document(text=text), doc=nlp(text)))
    assert {m.text for m in without.places} == {"Pahalgam", "Ottawa", "Line of Control"}


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Pakistan retaliated against targets in India.", ["India"]),
        (
            "India struck sites in Pakistan and Pakistan-administered Kashmir.",
            ["Pakistan", "Pakistan-administered Kashmir"],
        ),
        ("The drones were shot down by India over Amritsar.", ["Amritsar"]),
        ("India and Pakistan agreed to a ceasefire in Islamabad.", ["Islamabad"]),
        ("Rubio spoke with the national security advisors of India and Pakistan.", []),
        ("Missiles fell on the soil of Pakistan.", ["Pakistan"]),
        ("On 7 May India's armed forces struck targets in Pakistan.", ["Pakistan"]),
        ("Sharif said India had attacked Pakistan overnight.", ["Pakistan"]),
        ("On 3 March Azerbaijan shelled Armenian villages.", []),
        ("Fighting broke out on 3 March in Azerbaijan.", ["Azerbaijan"]),
    ],
)
@pytest.mark.parametrize("entities", [False, True], ids=["gazetteer", "gazetteer+parser"])
def test_stage_drops_countries_that_act(nlp, text, places, entities):
    """Whether the gazetteer or the parser's entities find the country, one that acts is no place."""
    from offramp.extract.dates import DatesStage
    from offramp.extract.pipeline import DocRecord
    from offramp.records import Document

    record = DatesStage()(DocRecord(document=Document(text=text), doc=nlp(text)))
    record = PlacesStage(entities=entities)(record)
    assert [m.name for m in record.places] == places


def test_stage_drops_unlikely_parser_entities(nlp):
    from spacy.tokens import Span

    from offramp.extract.mentions import ActorMention
    from offramp.extract.pipeline import DocRecord
    from offramp.records import Document

    text = "Ajit Doval spoke of the IWT and South Asia, and of the South, in Ottawa."
    doc = nlp.make_doc(text)
    spans = {"Ajit Doval": (0, 2), "IWT": (5, 6), "South": (13, 14), "Ottawa": (16, 17)}
    doc.ents = [Span(doc, a, b, label="GPE") for a, b in spans.values()]
    assert [e.text for e in doc.ents] == list(spans)
    record = DocRecord(document=Document(text=text), doc=doc)
    record.actors = [
        ActorMention(start=0, end=10, text="Ajit Doval", code="IND", kind="person", person="Ajit Doval")
    ]
    record = PlacesStage()(record)
    assert [(m.text, m.name) for m in record.places] == [("South Asia", "South Asia"), ("Ottawa", "Ottawa")]


def test_seed_places(seeds: list[Path]):
    text = "\n".join(p.read_text(encoding="utf-8") for p in seeds)
    found = {m.name for m in find_places(text)}
    assert {
        "Pahalgam",
        "Line of Control",
        "Indian-administered Kashmir",
        "Pakistan-administered Kashmir",
    } <= found
    assert {"India", "Pakistan", "United States", "Saudi Arabia", "London"} <= found
    assert "Indus River" not in found  # only in "Indus Waters Treaty"
