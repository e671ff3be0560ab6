"""Scenario files: the bundled case loads, bad input is a ConfigError naming file and key, levers apply."""

from __future__ import annotations

import copy
import datetime as dt

import numpy as np
import pytest
import yaml

from offramp.errors import ConfigError
from offramp.model.scenario import apply_overrides, bundled_cases, load_scenario

CASE = "india-pakistan-2025"


@pytest.fixture(scope="module")
def raw() -> dict:
    with open(load_scenario(CASE).path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def test_bundled_case_loads_with_dates_and_two_sides():
    sc = load_scenario(CASE)
    assert CASE in bundled_cases()
    assert sc.sides == ["IND", "PAK"]
    assert sc.trigger == dt.date(2025, 4, 22)
    assert sc.outcome["ceasefire"] == dt.date(2025, 5, 10)


def test_every_bundled_parameter_line_names_its_source():
    with open(load_scenario(CASE).path, encoding="utf-8") as f:
        text = f.read()
    for key in (
        "resolve:",
        "cost_sensitivity:",
        "economic_vulnerability:",
        "claim_victory:",
        "leverage:",
        "signal_hazard:",
    ):
        for line in (ln for ln in text.splitlines() if ln.strip().startswith(key)):
            block = text[: text.index(line) + len(line)].splitlines()[-4:]
            assert any("http" in b or "assumption" in b or "ICB" in b for b in block), line


@pytest.mark.parametrize(
    ("edit", "key"),
    [
        (lambda d: d.pop("sides"), "sides"),
        (lambda d: d["sides"]["IND"].__setitem__("resolve", 1.5), "sides.IND.resolve"),
        (lambda d: d["sides"]["PAK"].pop("cost_sensitivity"), "sides.PAK.cost_sensitivity"),
        (lambda d: d.__setitem__("trigger", "22 April"), "trigger"),
        (
            lambda d: d["third_parties"]["USA"]["leverage"].__setitem__("CHN", 0.5),
            "third_parties.USA.leverage",
        ),
        (lambda d: d["third_parties"]["SAU"].__setitem__("mediation", "yes"), "third_parties.SAU.mediation"),
        (lambda d: d["backchannel"].__setitem__("status", "ajar"), "backchannel.status"),
        (lambda d: d["history"][0].__setitem__("side", "CHN"), "history[0].side"),
        (lambda d: d["history"][1].__setitem__("rung", 12), "history[1].rung"),
        (lambda d: d.__setitem__("model", {"k_magic": 1}), "model.k_magic"),
        (lambda d: d["sides"].pop("PAK"), "exactly two"),
    ],
)
def test_bad_scenario_is_a_config_error_with_file_and_key(tmp_path, raw, edit, key):
    data = copy.deepcopy(raw)
    edit(data)
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_scenario(path)
    assert info.value.where == str(path)
    assert key in info.value.line()


@pytest.mark.parametrize("text", ["sides: [unclosed", "- just\n- a list"])
def test_unreadable_scenario_is_a_config_error(tmp_path, text):
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_scenario(path)


def test_unknown_case_names_the_bundled_ones():
    with pytest.raises(ConfigError, match=CASE):
        load_scenario("atlantis-2031")


@pytest.mark.parametrize(
    ("levers", "check"),
    [
        (
            ["mediation.USA=0"],
            lambda d: (
                d["third_parties"]["USA"]["mediation"] == 0 and d["third_parties"]["SAU"]["mediation"] > 0
            ),
        ),
        (["mediation=0"], lambda d: all(p["mediation"] == 0 for p in d["third_parties"].values())),
        (["backchannel=closed"], lambda d: d["backchannel"]["status"] == "closed"),
        (["PAK.resolve=0.3"], lambda d: d["sides"]["PAK"]["resolve"] == 0.3),
        (["lenders.PAK=none"], lambda d: d["sides"]["PAK"]["lenders"] == []),
        (["model.k_recip=2"], lambda d: d["model"]["k_recip"] == 2),
    ],
)
def test_levers_change_only_what_they_name(levers, check):
    sc = load_scenario(CASE)
    changed = apply_overrides(sc, levers)
    assert check(changed.data)
    assert sc.data["backchannel"]["status"] == "open"  # the original is untouched


@pytest.mark.parametrize(
    "lever", ["nothing", "mediation.XYZ=0", "IND.resolve=7", "sides.IND.nonsense=1", "backchannel=ajar"]
)
def test_bad_levers_are_config_errors(lever):
    with pytest.raises(ConfigError):
        apply_overrides(load_scenario(CASE), [lever])


@pytest.mark.parametrize(
    ("as_of", "start"),
    [
        (dt.date(2025, 4, 22), [0, 0]),
        (dt.date(2025, 4, 23), [1, 0]),
        (dt.date(2025, 4, 30), [5, 5]),
        (dt.date(2025, 5, 9), [7, 7]),
    ],
)
def test_state_as_of_uses_only_history_before_the_date(as_of, start):
    assert load_scenario(CASE).state(as_of).tolist() == start


def test_strict_inputs_do_not_know_later_mediation():
    sc = load_scenario(CASE)
    loose = sc.inputs(as_of=dt.date(2025, 4, 23), days=20)
    strict = sc.inputs(as_of=dt.date(2025, 4, 23), days=20, strict=True)
    assert loose.third[:12].sum() == 0  # the first mediator (Iran) engaged from 5 May
    assert strict.third[3].sum() > 0 and strict.third[:3].sum() == 0
    assert np.array_equal(loose.econ, strict.econ)  # the IMF board date was scheduled in advance
