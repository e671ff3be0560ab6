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
    result = runner.invoke(app, ["simulate", CASE, "--runs", "1000", "--days", "20"])
    assert result.exit_code == 0, result.output
    assert "P(nuclear use)" in result.output and "what happened: ceasefire on 2025-05-10" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["simulate", "atlantis-2031"], "no scenario"),
        (["simulate", CASE, "--set", "mediation.XYZ=0"], "no third party 'XYZ'"),
        (["simulate", CASE, "--as-of", "2024-01-01"], "before the trigger"),
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


@pytest.mark.slow
def test_validate_prints_the_report_card():
    """The full default run, as CI runs it (about 15 s)."""
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    for text in (
        "leave-one-crisis-out",
        "model",
        "icb_rates",
        "ip_only",
        "no_change",
        "2025-04-23",
        "2025-05-07",
    ):
        assert text in result.output
    assert "Against the ICB all-violent-crises rates" in result.output


@pytest.mark.slow
def test_validate_json_has_every_crisis_once_per_method():
    result = runner.invoke(
        app,
        [
            "validate",
            "--runs",
            "300",
            "--draws",
            "60",
            "--boot",
            "100",
            "--asof-runs",
            "2000",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout.splitlines()[-1])
    assert len(out["per_crisis"]) == 15 * 4
    assert [row["method"] for row in out["table"]] == ["model", "icb_rates", "ip_only", "no_change"]
    assert len(out["as_of_2025"]) == 2
