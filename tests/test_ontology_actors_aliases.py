"""Aliases that are facts of their own: a descriptive name with the page that uses it, and a place
name that stands for a body only where it is not a place (rule region_as_body)."""

from __future__ import annotations

from pathlib import Path

import pytest

from offramp.errors import ConfigError
from offramp.extract.phrases import find_actors
from offramp.ontology.actors import load_gazetteer


def test_every_alias_mapping_carries_its_source():
    gaz = load_gazetteer([])
    iaea = gaz.actor("IAEA")
    sources = iaea.attrs["alias_sources"]
    assert "UN nuclear watchdog" in sources and "UN nuclear watchdog" in iaea.aliases
    assert all(url.startswith("https://") for url in sources.values())
    assert gaz.actor("UNHCR").attrs["alias_sources"]["UN refugee agency"].startswith("https://")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The UN nuclear watchdog said its inspectors left Zaporizhzhia on Monday.", "IAEA"),
        ("The U.N.'s nuclear watchdog warned Ukraine and Russia about shelling near the plant.", "IAEA"),
        ("The United Nations refugee agency said 40,000 people fled Nagorno-Karabakh.", "UNHCR"),
    ],
)
def test_descriptive_names_resolve_to_the_body(text, code):
    assert code in [m.code for m in find_actors(text, gazetteer=load_gazetteer([]))]


def test_a_watchdog_of_no_body_is_no_actor():
    text = "Ukraine's energy watchdog fined the utility."
    assert "IAEA" not in [m.code for m in find_actors(text, gazetteer=load_gazetteer([]))]


def test_an_alias_mapping_without_a_source_is_refused(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - {code: XX, name: Body X, kind: igo, aliases: [{name: the X body}]}\n")
    with pytest.raises(ConfigError, match="source"):
        load_gazetteer([bad])


@pytest.fixture(scope="module")
def with_region(tmp_path_factory):
    """The gazetteer with a place name standing for a body, as a user file declares it."""
    path = tmp_path_factory.mktemp("gaz") / "region.yaml"
    path.write_text(
        "actors:\n"
        "  - {code: AU, name: African Union, kind: igo, source: https://au.int/en/overview,\n"
        "     aliases: [AU, {name: Africa, place: true, source: https://au.int/en/overview}]}\n"
    )
    return load_gazetteer([path])


@pytest.mark.parametrize(
    "text",
    [
        "Africa urged Ethiopia and Eritrea to return to talks.",
        "Africa and the United States called for a ceasefire in Tigray.",
    ],
)
def test_a_region_name_acting_is_the_body(with_region, text):
    found = [m for m in find_actors(text, gazetteer=with_region) if m.code == "AU"]
    assert found and found[0].attrs.get("metonym") == "region"


@pytest.mark.parametrize(
    "text",
    [
        "Refugees from Tigray sought shelter in Africa and beyond.",
        "East Africa braced for more displacement from the war.",
        "Africa's largest dam is on the Blue Nile.",
        "The Ethiopian minister for Africa affairs flew to Asmara.",
        "Across Africa, leaders watched the border talks.",
        "An Africa-wide summit was called.",
    ],
)
def test_a_region_name_as_a_place_is_no_actor(with_region, text):
    assert "AU" not in [m.code for m in find_actors(text, gazetteer=with_region)]


# Shipped decision: "Europe" acting in diplomacy is the EU (gazetteer/README.md).
@pytest.mark.parametrize(
    "text",
    [
        "Europe asked Russia to return to the grain deal.",
        "Europe and the United States urged Serbia and Kosovo to calm tensions.",
    ],
)
def test_europe_acting_is_the_eu(text):
    assert "EU" in [m.code for m in find_actors(text, gazetteer=load_gazetteer([]))]


@pytest.mark.parametrize(
    "text",
    [
        "Gas prices rose in Europe after the pipeline blast.",
        "Eastern Europe fears the war in Ukraine will spread.",
        "Shelling near Europe's largest nuclear plant alarmed Kyiv.",
        "Britain's Minister for Europe flew to Kyiv.",
        "The Council of Europe expelled Russia.",
    ],
)
def test_europe_as_a_place_is_not_the_eu(text):
    assert "EU" not in [m.code for m in find_actors(text, gazetteer=load_gazetteer([]))]
