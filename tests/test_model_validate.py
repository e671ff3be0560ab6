"""The time-ordered ICB benchmark: scores, folds, onset covariates, verdict, version stamp."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from offramp.errors import ModelError
from offramp.model import benchmark as bm
from offramp.model.icb import DURING_CRISIS, ONSET_COVARIATES, covariate_matrix, icb_crises
from offramp.model.skill import read_skill
from offramp.model.validate import validate

DOCS = Path(__file__).resolve().parents[1] / "docs" / "model.md"


@pytest.mark.parametrize(
    ("probs", "obs", "want"),
    [([1, 0, 0, 0], 1, 0.0), ([0, 0, 0, 1], 1, 1.0), ([0.25] * 4, 4, (0.25**2 + 0.5**2 + 0.75**2) / 3)],
)
def test_rps(probs, obs, want):
    assert bm.rps(np.array(probs), obs) == pytest.approx(want)


@pytest.mark.parametrize(("step", "duration", "want"), [(10, 10, 0.0), (10, 20, 10.0), (10, 400, 355.0)])
def test_crps_of_a_step_forecast_is_the_distance_censored_at_the_horizon(step, duration, want):
    cdf = (np.arange(bm.H + 1) >= step).astype(float)
    assert bm.crps_cdf(cdf, duration) == pytest.approx(want)


def test_pit_of_a_censored_duration_lies_above_the_forecast_mass_at_the_horizon():
    cdf = np.clip(np.arange(bm.H + 1) / 1000, 0, 1)
    f = bm.Forecast(cdf, np.full(4, 0.25))
    assert bm.pit(f, 900, 0.0) == pytest.approx(cdf[bm.H]) and bm.pit(f, 900, 1.0) == pytest.approx(1.0)
    assert cdf[29] <= bm.pit(f, 30, 0.5) <= cdf[30]


def test_folds_cover_at_least_300_crises_and_never_see_a_crisis_ended_after_their_trigger():
    held_total = 0
    for year, held, train in bm.folds():
        held_total += len(held)
        assert all(t.year == year for t in held.trigger_lo)
        assert max(train.end_hi) < min(held.trigger_lo)
        assert not set(train.crisno) & set(held.crisno)
    assert held_total >= 300


def test_every_covariate_is_an_onset_variable():
    frame = icb_crises()
    x = covariate_matrix(frame, 5.0)
    assert list(x.columns) == list(ONSET_COVARIATES)
    assert not set(x.columns) & set(DURING_CRISIS)
    # behaviour: scrambling every during-crisis column leaves each method's forecasts unchanged
    _, held, train = bm.folds()[20]
    scrambled = train.copy()
    rng = np.random.default_rng(0)
    for col in DURING_CRISIS:
        scrambled[col] = rng.permutation(scrambled[col].to_numpy())
    grid = bm.severity_grid(0, 20, 9)
    for t in (train, scrambled):
        d = bm.design(t, held)
        assert d.names == list(ONSET_COVARIATES)
    a = bm.model_forecasts(grid, bm.design(train, held), train, held)[0]
    b = bm.model_forecasts(grid, bm.design(scrambled, held), scrambled, held)[0]
    np.testing.assert_array_equal(a.cdf, b.cdf)


def test_a_held_out_outcome_never_reaches_its_own_forecast():
    _, held, train = bm.folds()[30]
    changed = held.copy()
    changed["duration"] = 1
    changed["violence"] = 4
    grid = bm.severity_grid(0, 20, 9)
    for h in (held, changed):
        d = bm.design(train, h)
        m = bm.model_forecasts(grid, d, train, h)
        s = bm.survival_forecasts(d, train)
        if h is held:
            first = (m[0].cdf, s[0].cdf)
    np.testing.assert_array_equal(first[0], m[0].cdf)
    np.testing.assert_array_equal(first[1], s[0].cdf)


@pytest.mark.parametrize("method", ["survival", "reference"])
def test_baseline_forecasts_are_distributions(method):
    _, held, train = bm.folds()[10]
    fs = (
        bm.survival_forecasts(bm.design(train, held), train)
        if method == "survival"
        else [bm.reference_class(train)]
    )
    for f in fs:
        assert np.all(np.diff(f.cdf) >= -1e-12) and 0 <= f.cdf[0] <= f.cdf[-1] <= 1
        assert f.violence.sum() == pytest.approx(1) and (f.violence >= 0).all()


def _per_seed(brier, lo, hi, crps, clo, chi) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "seed": s,
                "brier": brier,
                "brier_lo": lo,
                "brier_hi": hi,
                "crps": crps,
                "crps_lo": clo,
                "crps_hi": chi,
            }
            for s in range(5)
        ]
    )


@pytest.mark.parametrize(
    ("row", "starts"),
    [
        ((-0.01, -0.02, -0.004, -5, -8, -2.5), "The model beats the historical base rate"),
        ((-0.003, -0.01, 0.004, -1, -4, 2), "The model is no better than the historical base rate"),
        ((-0.01, -0.02, -0.004, -1, -4, 2), "The model is no better than the historical base rate"),
        ((0.02, 0.01, 0.03, 9, 5, 14), "The model is worse than the historical base rate"),
    ],
)
def test_verdict_is_one_sentence_with_the_figures(row, starts):
    text = bm.verdict(_per_seed(*row))
    assert text.startswith(starts) and "Brier" in text and "CRPS" in text and text.count(". ") == 0


def test_version_stamp_names_code_data_and_protocol_and_the_docs_carry_the_protocol():
    stamp = bm.version_stamp()
    assert set(stamp) == {"code", "data", "protocol"}
    assert stamp["protocol"].startswith(bm.PROTOCOL["name"]) and "sha256:" in stamp["data"]
    assert bm.PROTOCOL["name"].rsplit("/", 1)[0] in DOCS.read_text(encoding="utf-8")


def test_the_shipped_skill_was_measured_with_this_protocol_and_data():
    stored = read_skill()
    assert stored is not None, "run `offramp validate` (protocol defaults) and commit benchmark_skill.json"
    assert len(stored["per_seed"]) == len(bm.PROTOCOL["seeds"])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"runs": 0}, "--runs 0 is outside"),
        ({"runs": -1}, "--runs -1 is outside"),
        ({"draws": 0}, "--draws 0 is outside"),
        ({"n_boot": 0}, "--boot 0 is outside"),
        ({"seed": -1}, "--seed -1 is outside"),
        ({"seeds": 0}, "--seeds 0 is outside"),
    ],
)
def test_out_of_range_settings_are_model_errors(kwargs, message):
    with pytest.raises(ModelError, match=message):
        validate(**kwargs)


@pytest.mark.slow  # a real run of the benchmark / a fetch against a slow server: seconds
def test_a_small_benchmark_run_gives_every_table(monkeypatch):
    recent = bm.folds()[:8]
    monkeypatch.setattr(bm, "folds", lambda frame=None: recent)
    b = bm.run_benchmark(seeds=(0,), runs_per_cell=10, points=5, resamples=100)
    crises = sum(len(held) for _, held, _ in recent)
    assert set(b.table.method) == set(bm.METHODS) and b.settings["crises"] == crises
    assert b.settings["protocol_defaults"] is False
    assert b.pit[list(bm.METHODS)].sum().eq(crises).all()
    assert set(b.reliability.method) == set(bm.METHODS)
    assert b.verdict.startswith("The model")
