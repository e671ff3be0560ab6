"""PLOVER/CAMEO tables: loaded whole, corrections applied, mapping falls back sensibly."""

from __future__ import annotations

import csv

import pytest

from offramp.ontology import plover


def test_sixteen_event_types_with_quads():
    types = plover.event_types()
    assert list(types) == list(plover.EVENT_TYPES)
    assert {t.quad for t in types.values()} == {1, 2, 3, 4}
    assert all(t.definition for t in types.values())


@pytest.mark.parametrize(
    ("event", "quad"),
    [
        ("AGREE", 1),
        ("CONSULT", 1),
        ("AID", 2),
        ("RETREAT", 2),
        ("ACCUSE", 3),
        ("THREATEN", 3),
        ("ASSAULT", 4),
        ("protest", 4),
    ],
)
def test_quad_of(event, quad):
    assert plover.quad_of(event) == quad


@pytest.mark.parametrize(
    ("old", "new"),
    [("DEMAND", "REQUEST"), ("DISAPPROVE", "ACCUSE"), ("FIGHT", "ASSAULT"), ("investigate", "ACCUSE")],
)
def test_old_names_map_to_current(old, new):
    assert plover.normalize_event(old) == new
    assert plover.quad_of(old) == plover.quad_of(new)


def test_unknown_event_is_keyerror():
    with pytest.raises(KeyError):
        plover.quad_of("BOMBARD")


@pytest.mark.parametrize(
    ("event", "mode", "expected"),
    [
        ("ACCUSE", None, -3.0),  # printed 3.0 in the manual; corrected
        ("ACCUSE", "allege", -3.5),
        ("ASSAULT", "drone", -9.5),
        ("ASSAULT", "no-such-mode", -9.0),
        ("RETREAT", "ceasefire", 7.5),
        ("CONSULT", "phone", 1.5),
        ("DISAPPROVE", None, -2.0),
    ],
)
def test_score(event, mode, expected):
    assert plover.score(event, mode) == expected


def test_every_scored_mode_belongs_to_its_event(shared):
    with open(shared / "data/events/plover/plover_scores.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["mode"]:
                assert row["mode"] in plover.modes(row["event"]), row


def test_modes_and_contexts():
    assert "ceasefire" in plover.modes("RETREAT")
    assert plover.modes("AGREE") == ()
    ctx = plover.contexts()
    assert len(ctx) == 37
    assert "military" in ctx and "terrorism" in ctx


@pytest.mark.parametrize(
    ("code", "description", "root", "quad", "goldstein"),
    [
        ("190", "Use conventional military force", "19", 4, -10.0),
        ("0871", "Declare truce", "08", 2, None),
        ("01", "MAKE PUBLIC", "01", 1, 0.0),
    ],
)
def test_cameo_info(code, description, root, quad, goldstein):
    info = plover.cameo_info(code)
    assert info is not None
    assert info.description.startswith(description)
    assert (info.root, info.quad) == (root, quad)
    if goldstein is not None:
        assert info.goldstein == goldstein


def test_cameo_info_unknown():
    assert plover.cameo_info("999") is None
    assert len(plover.cameo_codes()) == 311


@pytest.mark.parametrize(
    ("code", "event", "mode", "context"),
    [
        ("0871", "RETREAT", "ceasefire", ("military",)),
        ("1124", "ACCUSE", "allege", ("military", "legal")),
        ("175", "ASSAULT", None, ("pro_autocracy", "military")),  # context misplaced in the mode slot
        ("163", "COERCE", "restrict", ("diplomatic",)),  # listed under 16 but mapped to COERCE
        ("08", "CONCEDE", None, ()),  # root 08 listed twice: the first line wins
        ("0256", "REQUEST", "yield", ("military",)),  # appeals follow the parallel demand code 1056
        ("02", "REQUEST", None, ()),
        ("195", "ASSAULT", "heavy-weapons", ("military",)),
        ("1959", "ASSAULT", "heavy-weapons", ("military",)),  # unknown 4-digit code: base code 195
        ("1899", "ASSAULT", None, ()),  # unknown: root 18
        ("016", "REJECT", None, ()),
    ],
)
def test_cameo_to_plover(code, event, mode, context):
    mapped = plover.cameo_to_plover(code)
    assert mapped is not None
    assert (mapped.event, mapped.mode, mapped.context) == (event, mode, context)


def test_every_cameo_code_maps_to_a_plover_type():
    for code in plover.cameo_codes():
        mapped = plover.cameo_to_plover(code)
        assert mapped is not None, code
        assert mapped.event in plover.EVENT_TYPES


@pytest.mark.parametrize("code", ["", "x", "99", "2"])
def test_cameo_to_plover_unknown(code):
    assert plover.cameo_to_plover(code) is None


@pytest.mark.parametrize(
    ("code", "expected"),
    [("010", 0.0), ("0101", 0.0), ("018", 5.0), ("190", -9.0), ("0871", 7.5), ("1384", -3.5), ("999", None)],
)
def test_cameo_score(code, expected):
    assert plover.cameo_score(code) == expected


def test_cameo_to_plover_unpacks_to_three():
    event, mode, context = plover.cameo_to_plover("0871")
    assert (event, mode, context) == ("RETREAT", "ceasefire", ("military",))


@pytest.mark.parametrize(
    ("event", "mode", "root"),
    [
        ("ASSAULT", None, "19"),
        ("ASSAULT", "abduct", "18"),
        ("ASSAULT", "unconventional", "20"),
        ("RETREAT", "ceasefire", "08"),
        ("REQUEST", None, "10"),
        ("FIGHT", None, "19"),
        ("CONSULT", "phone", "04"),
        ("SANCTION", None, "16"),
    ],
)
def test_plover_to_cameo_root(event, mode, root):
    assert plover.plover_to_cameo_root(event, mode) == root


def test_round_trip_roots_agree_with_mapping():
    for event in plover.EVENT_TYPES:
        root = plover.plover_to_cameo_root(event)
        assert root is not None
        assert plover.cameo_to_plover(root) is not None


def test_type_groups_are_defined_once_over_the_plover_types():
    from offramp.extract import coding, events
    from offramp.ontology import plover

    for group in (plover.HOSTILE, plover.MATERIAL_CONFLICT, plover.SPEECH_ACTS, plover.DIRECTED):
        assert group <= set(plover.EVENT_TYPES)
    assert all(plover.quad_of(t) >= 3 for t in plover.HOSTILE)
    # the coder reads the groups from here, not from copies of its own
    assert coding._NESTING_TYPES is plover.SPEECH_ACTS and events._HOSTILE is plover.HOSTILE
