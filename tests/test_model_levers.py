"""Lever estimates from ICB-style data (recovered from synthetic crises with known effects) and the nuclear base rate."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from offramp.model.benchmark import BINS
from offramp.model.levers import fit_lever, lever_estimates, nuclear_base_rate


def _synthetic(effect: float, timed: bool, n: int = 1500, seed: int = 0) -> pd.DataFrame:
    """Crises whose per-bin odds of ending are multiplied by exp(effect) while the lever is on."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "break": rng.choice([2, 7, 8, 9], n),
            "powdissy": rng.integers(0, 30, n).astype(float),
            "protrac": rng.choice([1, 2, 3], n),
            "nuclear_onset": rng.integers(0, 2, n),
            "onset_actors": rng.integers(1, 4, n),
            "geog": rng.choice([13, 15, 22, 31, 42], n),
            "syslevsy": rng.choice([1, 2, 3, 4], n),
        }
    )
    start = (
        np.where(rng.random(n) < 0.5, rng.choice([0, 20, 50, 100], n), np.nan)
        if timed
        else rng.integers(0, 2, n)
    )
    base = -1.0 + 0.4 * (frame["break"] == 9)  # an onset covariate matters too
    durations = []
    for i in range(n):
        d = 400
        for k in range(len(BINS) - 1):
            on = (start[i] == start[i] and start[i] <= BINS[k]) if timed else bool(start[i])
            p = 1 / (1 + np.exp(-(base[i] + effect * on)))
            if rng.random() < p:
                d = int(rng.integers(BINS[k] + 1, BINS[k + 1] + 1))
                break
        durations.append(d)
    frame["duration"] = durations
    frame["lever"] = start
    return frame


@pytest.mark.parametrize(("effect", "timed"), [(0.8, True), (-0.6, False), (0.0, True)])
def test_lever_effect_is_recovered_within_its_interval(effect, timed):
    b, lo, hi = fit_lever(_synthetic(effect, timed), "lever", timed)
    assert lo <= effect <= hi
    assert abs(b - effect) < 0.25 and hi - lo < 0.6


def test_icb_lever_table_estimates_mediation_and_claims_no_size_for_assumptions():
    table = lever_estimates()
    med = table[table.lever == "mediation"].iloc[0]
    assert med["lo"] < med["odds_ratio"] < med["hi"] and med["crises"] > 400
    assumed = table[table.status.str.startswith("assumption")]
    assert {"back channel", "economic pressure"} <= set(assumed.lever)
    assert assumed["odds_ratio"].isna().all()


def test_lever_estimates_use_only_crises_ended_before_the_date():
    early = lever_estimates(dt.date(1980, 1, 1))
    assert (early["crises"][early.crises > 0] < lever_estimates()["crises"][early.crises > 0]).all()


def test_nuclear_base_rate_is_the_jeffreys_interval_over_crises_between_nuclear_armed_actors():
    rate = nuclear_base_rate()
    n = len(rate.crises)
    assert rate.uses == 0 and n == 38
    assert rate.mean == pytest.approx(0.5 / (n + 1))
    assert rate.lo < 1e-4 < rate.mean < rate.hi < 0.1
    assert any(name.startswith("Cuban Missiles") for name in rate.crises)
    before = nuclear_base_rate(dt.date(1963, 1, 1))
    assert len(before.crises) < n and before.hi > rate.hi  # fewer crises, a wider interval
    assert "0 uses in 38 ICB crises" in rate.sentence()
