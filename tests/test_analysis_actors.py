"""Who is a state and what actors are called: the gazetteer in use (with the user's --actors files), then the store."""

from __future__ import annotations

import pytest

from offramp import config
from offramp.analysis.actors import actor_names, is_state, principal_sides, state_codes
from offramp.records import Actor

USER_ACTORS = """
actors:
  - {code: SML, name: Somaliland, kind: state, adj: [Somalilander], capital: Hargeisa}
  - {code: ARM, name: Republic of Armenia}
"""


@pytest.fixture
def user_file(tmp_path):
    path = tmp_path / "horn.yaml"
    path.write_text(USER_ACTORS, encoding="utf-8")
    return path


def test_shipped_states_and_names():
    states = state_codes()
    assert {"ARM", "AZE", "ETH", "ERI", "GUY", "VEN", "TWN"} <= states
    assert "IMF" not in states and "MIL" not in states
    names = actor_names()
    assert names["AZE"] == "Azerbaijan" and names["IMF"]
    assert names["MIL"] == "militants"  # unnamed militants have a display name, not an entry
    assert is_state("ERI") and not is_state("IMF")


def test_a_users_actor_file_counts_as_the_extraction_stages_see_it(user_file):
    assert "SML" not in state_codes()
    with config.overridden(actors=str(user_file)):
        assert "SML" in state_codes() and is_state("SML")
        assert actor_names()["SML"] == "Somaliland"
        assert actor_names()["ARM"] == "Republic of Armenia"  # the user's file overrides by code
    assert "SML" not in state_codes() and actor_names()["ARM"] == "Armenia"


def test_the_stores_actor_table_adds_and_removes_states(store):
    with store.write():
        store.upsert_actors(
            [
                Actor(code="PMR", name="Transnistria", kind="state"),
                Actor(code="TWN", name="Taiwan", kind="igo"),
            ]
        )
    states = state_codes(store)
    assert "PMR" in states and "TWN" not in states
    assert actor_names(store)["PMR"] == "Transnistria"


def test_principal_sides_are_the_two_states_most_in_conflict(crisis):
    assert principal_sides(crisis) == ("IND", "PAK")


def test_no_conflict_between_states_no_principal_sides(store):
    assert principal_sides(store) is None
