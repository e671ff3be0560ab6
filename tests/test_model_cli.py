"""The model commands: simulate --format json, sensitivity, validate, and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from offramp.cli import app

runner = CliRunner()
CASE = "india-pakistan-2025"


def test_simulate_json_with_levers_and_fan_chart(tmp_path: Path):
    svg = tmp_path / "fan.svg"
    args = [
        "simulate",
        CASE,
        "--runs",
        "3000",
        "--days",
        "45",
        "--seed",
        "4",
        "--as-of",
        "2025-05-07",
        "--format",
        "json",
        "--scenario-only",
    ]
    base = runner.invoke(app, [*args, "--svg", str(svg)])
    assert base.exit_code == 0, base.output
    out = json.loads(base.stdout.splitlines()[0])
    assert out["as_of"] == "2025-05-07" and out["runs"] == 3000 and out["seed"] == 4
    assert len(out["curve"]) == 45 and out["what_happened"]["ceasefire"] == "2025-05-10"
    assert 0 <= out["summary"]["p_nuclear_use"] < 0.01
    assert "<svg" in svg.read_text(encoding="utf-8")
    cut = json.loads(
        runner.invoke(
            app, [*args, "--set", "mediation=0", "--set", "backchannel=closed"]
        ).stdout.splitlines()[0]
    )
    assert cut["overrides"] == {"mediation": "0", "backchannel": "closed"}
    assert cut["summary"]["p_ceasefire_day_30"] < out["summary"]["p_ceasefire_day_30"]


def test_simulate_table_shows_what_happened():
    result = runner.invoke(app, ["simulate", CASE, "--runs", "1000", "--days", "20", "--scenario-only"])
    assert result.exit_code == 0, result.output
    assert (
        "hand-written scenario file" in result.output and "ICB crises between nuclear-armed" in result.output
    )
    assert "historical base rate" in result.output
    assert "P(nuclear use)" in result.output and "what happened: ceasefire on 2025-05-10" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["simulate", "atlantis-2031"], "no scenario"),
        (["simulate", CASE, "--set", "mediation.XYZ=0"], "no third party 'XYZ'"),
        (["simulate", CASE, "--as-of", "2024-01-01"], "is outside 2025-04-22"),
        (["simulate", CASE, "--format", "xml"], "unknown format"),
        (["sensitivity", CASE, "--set", "IND.resolve=3"], "outside"),
    ],
)
def test_user_mistakes_print_one_line_and_exit_1(args, message):
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_sensitivity_json(tmp_path: Path):
    svg = tmp_path / "tornado.svg"
    result = runner.invoke(
        app, ["sensitivity", CASE, "--runs", "400", "--days", "40", "--format", "json", "--svg", str(svg)]
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout.splitlines()[0])
    assert out["case"] == CASE and len(out["levers"]) == 11
    assert {lv["lever"] for lv in out["levers"]} >= {"third-party mediation", "back channel"}
    assert "<svg" in svg.read_text(encoding="utf-8")


@pytest.mark.slow  # a real run of the benchmark / a fetch against a slow server: seconds
def test_validate_prints_the_benchmark_table_stamp_and_verdict(monkeypatch):
    from offramp.model import benchmark

    early = benchmark.folds()[:6]  # the first six years of crises (small training sets): the shape, quickly
    monkeypatch.setattr(benchmark, "folds", lambda frame=None: early)
    result = runner.invoke(app, ["validate", "--runs", "10", "--draws", "5", "--boot", "100", "--seeds", "2"])
    assert result.exit_code == 0, result.output
    for text in (
        "version: offramp",
        "icb-time-ordered/",
        "reference_class",
        "survival",
        "India–Pakistan",
        "PIT",
    ):
        assert text in result.output
    assert "The model" in result.output and "historical base rate" in result.output


@pytest.mark.slow
def test_validate_json_has_every_crisis_once_per_method():
    args = ["validate", "--runs", "10", "--draws", "5", "--boot", "100", "--seeds", "1", "--format", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout.splitlines()[-1])
    crises = {row["crisno"] for row in out["per_crisis"]}
    assert len(crises) >= 300 and len(out["per_crisis"]) == 3 * len(crises)
    assert [row["seed"] for row in out["per_seed"]] == [0]
    assert set(out["stamp"]) == {"code", "data", "protocol"}
    assert {row["method"] for row in out["india_pakistan"]} == {"model", "reference_class", "survival"}
    assert out["verdict"].startswith("The model")


BAD_SCENARIOS = {
    "backchannel-string": {"backchannel": "open"},
    "outcome-string": {"outcome": "ceasefire"},
    "model-list": {"model": [1, 2]},
    "ceasefire-before-trigger": {"outcome": {"ceasefire": "2024-11-01"}},
}


def _scenario(tmp_path: Path, name: str) -> Path:
    import yaml

    from offramp.model.scenario import load_scenario

    raw = Path(load_scenario(CASE).path).read_text(encoding="utf-8")
    path = tmp_path / f"{name}.yaml"
    if name == "not-utf8":
        path.write_bytes(raw.encode("utf-8") + b"\n# caf\xe9 \xff\n")
    else:
        data = {**yaml.safe_load(raw), **BAD_SCENARIOS[name]}
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("backchannel-string", "backchannel must be a mapping"),
        ("outcome-string", "outcome must be a mapping"),
        ("model-list", "model must be a mapping"),
        ("ceasefire-before-trigger", "is before the trigger"),
        ("not-utf8", "not UTF-8"),
    ],
)
def test_bad_scenario_files_give_one_line(tmp_path: Path, name, message):
    path = _scenario(tmp_path, name)
    result = runner.invoke(app, ["simulate", str(path), "--runs", "100", "--days", "5"])
    assert result.exit_code == 1, result.output
    assert message in result.output and str(path.name) in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) <= 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["simulate", CASE, "--seed", "-1"], "--seed -1 is outside 0.."),
        (["sensitivity", CASE, "--seed", "-1"], "--seed -1 is outside 0.."),
        (["validate", "--seed", "-1"], "--seed -1 is outside 0.."),
        (["validate", "--runs", "0"], "--runs 0 is outside"),
        (["validate", "--runs", "-1"], "--runs -1 is outside"),
        (["validate", "--draws", "0"], "--draws 0 is outside"),
        (["validate", "--boot", "0"], "--boot 0 is outside"),
        (["simulate", CASE, "--runs", "1000000000"], "OFFRAMP_SIM_MAX_RUNS"),
        (["simulate", CASE, "--days", "100000"], "--days 100000 is outside 1..3650"),
        (["simulate", CASE, "--as-of", "2999-01-01"], "as-of 2999-01-01 is outside 2025-04-22.."),
        (["simulate", CASE, "--svg", "no/such/dir/fan.svg", "--runs", "100"], "does not exist"),
        (["sensitivity", CASE, "--svg", "no/such/dir/t.svg", "--runs", "100"], "does not exist"),
    ],
)
def test_out_of_range_model_parameters_give_one_line(args, message):
    result = runner.invoke(app, [*args, "--scenario-only"] if args[0] == "simulate" else args)
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) <= 3
