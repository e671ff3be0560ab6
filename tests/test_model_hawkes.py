"""Reciprocity: the bivariate Hawkes fit recovers known parameters and runs on MIE and store events."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from offramp.errors import ModelError
from offramp.model.hawkes import fit_hawkes, fit_mie, fit_store, simulate_hawkes
from offramp.records import Event

TRUE = {"mu": [0.05, 0.04], "alpha": [[0.2, 0.3], [0.25, 0.15]], "beta": 0.7, "delta": 0.8}


@pytest.fixture(scope="module")
def recovered():
    counts, coop = simulate_hawkes(
        TRUE["mu"], TRUE["alpha"], TRUE["beta"], 60_000, delta=TRUE["delta"], coop_rate=0.1, seed=1
    )
    return fit_hawkes(counts, coop)


@pytest.mark.parametrize(
    ("name", "get"),
    [
        ("mu_a", lambda f: (f.mu[0], TRUE["mu"][0])),
        ("mu_b", lambda f: (f.mu[1], TRUE["mu"][1])),
        ("alpha_aa", lambda f: (f.alpha[0, 0], TRUE["alpha"][0][0])),
        ("alpha_ab", lambda f: (f.alpha[0, 1], TRUE["alpha"][0][1])),
        ("alpha_ba", lambda f: (f.alpha[1, 0], TRUE["alpha"][1][0])),
        ("alpha_bb", lambda f: (f.alpha[1, 1], TRUE["alpha"][1][1])),
        ("beta", lambda f: (f.beta, TRUE["beta"])),
        ("delta", lambda f: (f.delta, TRUE["delta"])),
    ],
)
def test_fit_recovers_simulated_parameters_within_10_percent(recovered, name, get):
    got, want = get(recovered)
    assert got == pytest.approx(want, rel=0.10), name


def test_mie_fit_gives_positive_reciprocity_both_ways():
    fit = fit_mie()
    assert fit.labels == ("IND", "PAK")
    assert fit.events.sum() == 594
    b = fit.branching
    assert 0 < b[0, 1] < 1 and 0 < b[1, 0] < 1
    assert set(fit.table().actor) == {"IND", "PAK"}


@pytest.mark.parametrize("counts", [np.zeros((100, 2)), np.ones((10, 2)), np.zeros((100, 3))])
def test_unfittable_input_is_a_model_error(counts):
    with pytest.raises(ModelError):
        fit_hawkes(counts)


def test_store_fit_reads_hostile_and_cooperative_events(store):
    events = []
    start = dt.date(2025, 1, 1)
    for k in range(200):
        day = start + dt.timedelta(days=k // 2)
        src, tgt = ("IND", "PAK") if k % 2 else ("PAK", "IND")
        events.append(Event(type="ASSAULT", source=[src], target=[tgt], date=day, quad=4, dataset_row=k))
    events += [
        Event(
            type="CONSULT",
            source=["USA"],
            target=["IND", "PAK"],
            date=start + dt.timedelta(days=60 + k),
            quad=1,
            dataset_row=1000 + k,
        )
        for k in range(5)
    ]
    store.add_events(events)
    fit = fit_store(store)
    assert fit.events.tolist() == [100, 100]
    assert fit.days == 100
    assert fit.delta >= 0
