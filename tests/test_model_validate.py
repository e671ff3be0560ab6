"""Validation machinery: folds never see their held-out crisis; scores are right on hand-made cases."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib

import numpy as np
import pandas as pd
import pytest

from offramp.model.history import icb_reference, ip_crises

pytestmark = pytest.mark.slow

# the package exports functions of the same names, so take the modules themselves
cal = importlib.import_module("offramp.model.calibrate")
val = importlib.import_module("offramp.model.validate")


@pytest.mark.parametrize(
    ("p", "outcome", "want"), [(0.3, True, 0.49), (0.3, False, 0.09), (1.0, True, 0.0), (0.0, True, 1.0)]
)
def test_brier(p, outcome, want):
    assert val.brier(p, outcome) == pytest.approx(want)


@pytest.mark.parametrize(
    ("probs", "obs", "want"),
    [
        ([1, 0, 0, 0], 1, 0.0),
        ([0, 0, 0, 1], 1, 1.0),
        ([0, 0, 0, 1], 4, 0.0),
        ([0.25, 0.25, 0.25, 0.25], 1, (0.75**2 + 0.5**2 + 0.25**2) / 3),
        ([0.5, 0, 0, 0.5], 2, (0.5**2 + 0.5**2 + 0.5**2) / 3),
    ],
)
def test_rps(probs, obs, want):
    assert val.rps(np.array(probs), obs) == pytest.approx(want)


@pytest.mark.parametrize(
    ("sample", "y", "want"),
    [
        ([5.0], 5.0, 0.0),
        ([5.0], 8.0, 3.0),
        ([0.0, 1.0], 0.0, 0.25),
        ([0.0, 1.0], 0.5, 0.25),
        ([0.0, 1.0, 2.0, 3.0], 10.0, 8.5 - 5 / 8),
    ],
)
def test_crps_sample(sample, y, want):
    assert val.crps_sample(np.array(sample), y) == pytest.approx(want)


def test_crps_sample_matches_the_integral_definition():
    rng = np.random.default_rng(0)
    x, y = rng.gamma(2.0, 10.0, 400), 23.0
    grid = np.linspace(-1, 400, 200_001)
    cdf = np.searchsorted(np.sort(x), grid, side="right") / len(x)
    integral = np.trapz((cdf - (grid >= y)) ** 2, grid)
    assert val.crps_sample(x, y) == pytest.approx(integral, rel=1e-3)


@pytest.mark.parametrize(
    ("y", "level", "want"), [(50, 0.5, True), (10, 0.5, False), (10, 0.9, True), (-5, 0.9, False)]
)
def test_coverage(y, level, want):
    assert val.covered(np.arange(101.0), y, level) is want


def test_folds_never_see_their_held_out_crisis_or_a_later_one():
    folds = val.folds()
    assert [h.crisno for h, _ in folds] == [c.crisno for c in ip_crises()]
    for held, train in folds:
        assert held not in train
        assert all(c.end_hi < held.trigger for c in train)
        ip, ref = cal.training_crises(held.trigger)
        assert held.crisno not in {c.crisno for c in ip}
        assert held.crisno not in set(ref["crisno"])
        ends = ref["trigger"] + pd.to_timedelta(ref["duration"], unit="D")
        assert (ends < pd.Timestamp(held.trigger)).all()


def test_changing_the_held_out_outcome_does_not_change_its_forecast(monkeypatch):
    held = next(c for c in ip_crises() if c.name == "Kargil")
    before = val._model_forecast(held, 400, 3, 40)
    faked = tuple(
        dataclasses.replace(c, duration=999, violence=1) if c.crisno == held.crisno else c
        for c in ip_crises()
    )
    monkeypatch.setattr(cal, "ip_crises", lambda: faked)
    cal._calibrate.cache_clear()
    after = val._model_forecast(held, 400, 3, 40)
    cal._calibrate.cache_clear()
    assert np.array_equal(before.durations, after.durations)
    assert np.array_equal(before.violence, after.violence)


def test_calibration_is_seeded_and_uses_only_the_past():
    a = cal.calibrate(dt.date(2000, 1, 1), seed=5, draws=60, runs_each=20)
    b = cal.calibrate(dt.date(2000, 1, 1), seed=5, draws=60, runs_each=20)
    assert np.array_equal(a.draws, b.draws)
    assert a.n_ip == sum(c.end_hi < dt.date(2000, 1, 1) for c in ip_crises())
    assert a.n_icb < len(icb_reference())
    assert set(a.table().parameter) == set(cal.PARAMS)


@pytest.mark.parametrize(
    ("crisis", "day", "want"),
    [("Uri Base Attack", 7, True), ("Kargil", 30, False), ("Punjab War Scare I", 30, None)],
)
def test_ended_by_respects_unknown_days(crisis, day, want):
    c = next(c for c in ip_crises() if c.name == crisis)
    assert c.ended_by(day) is want


def test_baselines_are_what_they_claim():
    held = ip_crises()[-1]
    train = [c for c in ip_crises() if c.end_hi < held.trigger]
    icb = val._icb_forecast(held)
    assert icb.ended_by == {d: val.ICB_RATES[d] for d in val.BRIER_DAYS}
    ip = val._ip_forecast(held, train)
    assert ip.ended_by[30] == pytest.approx(np.mean([c.duration <= 30 for c in train]))
    none = val._no_change(held)
    assert set(none.ended_by.values()) == {0.0} and none.violence[0] == 1.0
