"""Acceptance on real news of another crisis: the Israel–Iran 2025 development case.

The excerpts in ``../shared/gold/israel-iran-2025/texts.jsonl`` are ingested as JSONL (no publication
date beyond what each excerpt carries), the store's events, claims and ledger are exported as JSONL
through the CLI, and ``../shared/tools/score_case.py`` scores them against the case's gold. Every figure
is printed (``pytest -s``); the asserted floors are in ``FLOORS``.

The issues' goals (events issue: recall 0.85, precision 0.80, date accuracy 0.85, merged 0.80, rows per
real event 1.3, fused 0.05, timeline recall 0.90; claims issue: recall 0.85, polarity 0.90, contested
recall 0.80) are in ``GOALS`` and printed beside each figure. A floor below its goal is a regression guard
at the figure reached, not a claim that the goal is met.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from case_scoring import row_purity

pytestmark = pytest.mark.slow

CASE = "israel-iran-2025"

# figure: (direction, goal); direction "min" means the figure must be at least the goal
GOALS: dict[str, tuple[str, float]] = {
    "event_recall": ("min", 0.85),
    "event_precision": ("min", 0.80),
    "date_accuracy": ("min", 0.85),
    "same_event_merged": ("min", 0.80),
    "rows_per_real_event_mean": ("max", 1.3),
    "fused_events": ("max", 0.05),
    "timeline_recall": ("min", 0.90),
    "claim_recall": ("min", 0.85),
    "claim_polarity_accuracy_on_found": ("min", 0.90),
    "contested_recall": ("min", 0.80),
}

# Regression floors: the figures main reached, rounded down (raise them as the work goes on).
FLOORS: dict[str, float] = {
    "event_recall": 0.99,
    "event_precision": 0.86,
    "date_accuracy": 0.96,
    "same_event_merged": 0.42,
    "rows_per_real_event_mean": 2.77,
    "fused_events": 0.125,
    "timeline_recall": 1.0,
    "claim_recall": 0.98,
    "claim_polarity_accuracy_on_found": 0.93,
    "contested_recall": 1.0,
}


def _offramp(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "offramp.cli", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="module")
def scored(shared: Path, tmp_path_factory) -> dict:
    case = shared / "gold" / CASE
    work = tmp_path_factory.mktemp("devcase")
    db = str(work / "case.duckdb")
    ingest = _offramp("ingest", str(case / "texts.jsonl"), "--format", "jsonl", "--db", db, cwd=work)
    assert ingest.returncode == 0, ingest.stderr[-2000:]
    outs = {}
    for table in ("events", "claims", "ledger"):
        out = work / f"{table}.jsonl"
        done = _offramp(table, "--format", "jsonl", "--out", str(out), "--db", db, cwd=work)
        assert done.returncode == 0, done.stderr[-2000:]
        outs[table] = out
    score = subprocess.run(
        [
            sys.executable,
            str(shared / "tools" / "score_case.py"),
            str(case / "gold.yaml"),
            str(case / "texts.jsonl"),
            str(outs["events"]),
            str(outs["claims"]),
            str(outs["ledger"]),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(score.stdout)
    print(f"\n{CASE} scored by score_case.py:")
    for key, value in result.items():
        if not key.startswith("missed"):
            print(f"  {key}: {value}")
    for figure, (direction, goal) in GOALS.items():
        value = result[figure]
        met = value is not None and (value >= goal if direction == "min" else value <= goal)
        print(
            f"  goal {figure} {'>=' if direction == 'min' else '<='} {goal}: {value} {'met' if met else 'SHORT'}"
        )
    result["_ledger"] = str(outs["ledger"])
    return result


@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_figure_holds_its_floor(scored: dict, figure: str) -> None:
    direction, _ = GOALS[figure]
    value = scored[figure]
    assert value is not None, f"{figure} was not computed"
    if direction == "min":
        assert value >= FLOORS[figure], f"{figure} {value} fell below {FLOORS[figure]}"
    else:
        assert value <= FLOORS[figure], f"{figure} {value} rose above {FLOORS[figure]}"


# Rows that the scorer matched to a gold contested proposition and that hold at least 80% claims about
# it (by the gold pattern, the gold's list, or a gold claim's gist: tests/case_scoring.py). All 14 are:
# iranian-casualties-mostly-civilian was 5/10 until the ledger kept apart another state's strikes, a
# toll listing its victims and an outlet's news of one strike, and took in the Health Ministry
# spokesman's claim; it is 7/8 (the one left is an Israeli official's "military targets", about it in
# words neither the pattern nor a gist uses).
PURE_ROWS_FLOOR = 14


def test_matched_ledger_rows_are_about_their_proposition(scored: dict, shared: Path) -> None:
    gold = yaml.safe_load((shared / "gold" / CASE / "gold.yaml").read_text(encoding="utf-8"))
    with open(scored["_ledger"], encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    found = [p for p in row_purity(gold, rows) if p.row is not None]
    for p in found:
        print(f"  row purity {p.proposition}: {p.about}/{p.claims} {'ok' if p.ok else 'MIXED'}")
    pure = sum(p.ok for p in found)
    print(f"  goal every matched row >= 80% about its proposition: {pure}/{len(found)}")
    assert pure >= PURE_ROWS_FLOOR, (
        f"only {pure} of {len(found)} matched rows are mostly about their proposition"
    )
