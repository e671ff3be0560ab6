"""The ladder simulation and the outlook: determinism, the loop reference, nuclear rungs, lever directions."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields, replace

import numpy as np
import pytest

from offramp import model
from offramp.errors import OfframpError
from offramp.model import ladder_sim
from offramp.model.calibrate import generic_inputs
from offramp.model.ladder_sim import SIGNAL, USE, Runs, simulate_loop, simulate_runs

CASE = "india-pakistan-2025"
MAY7 = dt.date(2025, 5, 7)


@pytest.fixture(scope="module")
def scenario():
    return model.load_scenario(CASE)


@pytest.mark.parametrize("seed", [0, 7])
def test_same_seed_same_numbers(seed):
    a = model.simulate(CASE, runs=2_000, days=40, seed=seed)
    b = model.simulate(CASE, runs=2_000, days=40, seed=seed)
    assert a.curve.equals(b.curve)
    assert a.summary == b.summary
    c = model.simulate(CASE, runs=2_000, days=40, seed=seed + 1)
    assert not np.array_equal(a.curve.p_ceasefire, c.curve.p_ceasefire)


@pytest.mark.parametrize("as_of", [dt.date(2025, 4, 23), MAY7, dt.date(2025, 5, 9)])
def test_vectorised_runs_equal_the_per_run_loop(scenario, as_of):
    inp = scenario.inputs(as_of=as_of, days=30, recip=np.array([0.25, 0.12]))
    inp.th_esc = np.random.default_rng(1).normal(-1.5, 1.0, 300)
    inp.th_cf = -3.5
    a = simulate_runs(inp, 300, 30, np.random.default_rng(3))
    b = simulate_loop(inp, 300, 30, np.random.default_rng(3))
    for name in ("peak", "peak_fire", "end_day", "used", "final", "ceasefire_by_day", "rung_counts"):
        assert np.array_equal(getattr(a, name), getattr(b, name)), name


@pytest.mark.parametrize(("chunk", "slack"), [(64, 2), (1_000, 0)])  # slack 0: nothing is set aside
def test_runs_do_not_depend_on_chunks_or_on_setting_ceasefires_aside(scenario, monkeypatch, chunk, slack):
    # many ceasefires, and breaks among runs already set aside (30 of the 60 days with this seed)
    inp = scenario.inputs(as_of=MAY7, days=60, recip=np.array([0.25, 0.12]))
    inp.th_esc = np.random.default_rng(2).normal(-1.5, 1.0, 400)
    inp.th_cf = -2.5
    monkeypatch.setattr(ladder_sim, "CHUNK", chunk)
    monkeypatch.setattr(ladder_sim, "ACTIVE_SLACK", slack)
    a = simulate_runs(inp, 400, 60, np.random.default_rng(5))
    b = simulate_loop(inp, 400, 60, np.random.default_rng(5))
    assert a.ceasefire_by_day[-1] > 0.9
    for f in fields(Runs):
        assert np.array_equal(getattr(a, f.name), getattr(b, f.name)), f.name


@pytest.mark.parametrize(("h_sig", "h_use", "top"), [(0.0, 1.0, 8), (1.0, 0.0, SIGNAL), (1.0, 1.0, USE)])
def test_nuclear_rungs_only_through_their_hazards(h_sig, h_use, top):
    inp = replace(generic_inputs(60), threshold=np.array([5, 5]), h_sig=np.full(2, h_sig), h_use=h_use)
    inp.th_esc, inp.th_cf = 3.0, -12.0  # escalate hard, never settle
    out = simulate_runs(inp, 2_000, 60, np.random.default_rng(0))
    assert out.peak.max() == top
    assert out.peak_fire.max() <= 8
    assert out.used.any() == (top == USE)


def test_ceasefire_states_are_consistent(scenario):
    inp = scenario.inputs(as_of=MAY7, days=60, recip=np.array([0.25, 0.12]))
    out = simulate_runs(inp, 5_000, 60, np.random.default_rng(0))
    assert out.ceasefire_by_day[-1] == pytest.approx((out.end_day > 0).mean())
    assert np.all(out.end_day <= 60)
    assert np.all(out.rung_counts.sum(axis=1) == 5_000)


def test_2025_outlook_as_of_7_may_reports_curve_and_what_happened():
    o = model.simulate(CASE, runs=20_000, days=90, seed=1, as_of=MAY7)
    assert o.start == [5, 5]  # LoC firing since 25 April, before Sindoor
    assert o.outcome["ceasefire"] == dt.date(2025, 5, 10) and o.outcome["duration_days"] == 18
    assert np.all(np.diff(o.curve.p_ceasefire) >= -0.05)
    assert (o.curve.lo <= o.curve.p_ceasefire).all() and (o.curve.p_ceasefire <= o.curve.hi).all()
    assert o.summary["p_nuclear_use"] < 0.01  # no nuclear use in 38 ICB crises between nuclear-armed actors
    assert o.peak.p.sum() == pytest.approx(1.0)


@pytest.mark.parametrize(
    "levers",
    [["mediation=0", "backchannel=closed"], ["mediation=0"], ["backchannel=closed"]],
)
def test_removing_mediation_and_back_channel_lengthens_the_crisis(levers):
    base = model.simulate(CASE, runs=30_000, days=90, seed=11, as_of=MAY7)
    cut = model.simulate(CASE, runs=30_000, days=90, seed=11, as_of=MAY7, overrides=levers)
    p0, p1 = base.summary["p_ceasefire_day_30"], cut.summary["p_ceasefire_day_30"]
    lo0, _ = base.summary["p_ceasefire_day_30_interval"]
    _, hi1 = cut.summary["p_ceasefire_day_30_interval"]
    assert p1 < p0 and hi1 < lo0  # beyond Monte Carlo noise
    assert np.nanmedian(np.nan_to_num(cut.durations, nan=999)) > np.nanmedian(
        np.nan_to_num(base.durations, nan=999)
    )


def test_sensitivity_returns_a_plain_table_with_every_lever():
    table = model.sensitivity(CASE, runs=600, days=40, seed=0)
    assert len(table) == len(model.LEVERS)
    assert {"lever", "low", "high", "median_days_low", "median_days_high", "swing_days"} <= set(table.columns)
    for _, group in table.groupby("claims_size", sort=False):  # evidence-backed levers first, each by swing
        assert group.swing_days.is_monotonic_decreasing
    assert table.claims_size.is_monotonic_decreasing
    assumed = table[~table.claims_size]
    assert assumed.evidence.str.startswith("assumption").all() and "back channel" in set(assumed.lever)
    mediation = table.set_index("lever").loc["third-party mediation"]
    assert mediation.median_days_low > mediation.median_days_high


def test_charts_are_svg():
    o = model.simulate(CASE, runs=500, days=30, seed=0)
    fan = model.fan_chart_svg(o)
    assert fan.startswith("<svg") and fan.rstrip().endswith("</svg>")
    assert fan == model.fan_chart_svg(o)  # same outlook, same bytes
    tornado = model.tornado_svg(model.sensitivity(CASE, runs=200, days=30, seed=0))
    assert "<svg" in tornado


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"runs": 0}, "--runs 0 is outside"),
        ({"as_of": "2025-04-01"}, "as-of 2025-04-01 is outside 2025-04-22"),
        ({"seed": -1}, "--seed -1 is outside"),
        ({"days": 100_000}, "--days 100000 is outside"),
        ({"as_of": "May 7"}, "not a date"),
    ],
)
def test_bad_simulation_requests_are_user_errors(kwargs, match):
    with pytest.raises(OfframpError, match=match):
        model.simulate(CASE, **{"runs": 100, "days": 10, **kwargs})


def test_store_events_set_the_starting_rungs(store):
    from offramp.records import Event

    store.add_events(
        [
            Event(
                type="SANCTION",
                source=["IND"],
                target=["PAK"],
                date=dt.date(2025, 4, 23),
                quad=4,
                dataset_row=1,
                mode="treaty suspension",
            ),
            Event(
                type="ASSAULT",
                source=["IND"],
                target=["PAK"],
                date=dt.date(2025, 5, 7),
                quad=4,
                dataset_row=3,
                mode="aerial",
                evidence="missile strikes on militant camps",
            ),
        ]
    )
    o = model.simulate(CASE, runs=300, days=10, seed=0, as_of=dt.date(2025, 5, 9), store=store)
    assert o.summary["start_from"] == "store events (daily ladder)"
    assert (
        o.start[0] == 6
    )  # India's strike on militant sites, from the store rather than the scenario's history
    bare = model.simulate(CASE, runs=300, days=10, seed=0, as_of=dt.date(2025, 5, 9))
    assert bare.summary["start_from"] == "scenario history" and bare.start == [7, 7]


def test_brief_figures_bundle():
    figs = model.brief_figures(CASE, runs=500, sensitivity_runs=150, seed=0)
    assert figs["fan_svg"].startswith("<svg") and figs["tornado_svg"].startswith("<svg")
    assert figs["as_of"] == "2025-05-07" and len(figs["levers"]) == len(model.LEVERS)
    assert any(row["measure"].startswith("P(nuclear use), base rate") for row in figs["headline"])


def test_public_api_names_exist():
    assert all(hasattr(model, name) for name in model.__all__)
    assert {"simulate", "sensitivity", "validate", "fan_chart_svg", "tornado_svg", "load_scenario"} <= set(
        model.__all__
    )


def test_large_run_counts_stream_in_chunks_with_the_same_answer():
    from offramp import config

    whole = model.simulate(CASE, runs=3_000, days=30, seed=2, as_of="2025-05-07")
    with config.overridden(sim_chunk_runs=700):
        streamed = model.simulate(CASE, runs=3_000, days=30, seed=2, as_of="2025-05-07")
        again = model.simulate(CASE, runs=3_000, days=30, seed=2, as_of="2025-05-07")
    assert len(streamed.durations) == 3_000 and streamed.summary == again.summary  # seeded, chunk by chunk
    for key in ("p_ceasefire_day_30", "p_peak_military"):
        assert abs(streamed.summary[key] - whole.summary[key]) < 0.05  # Monte Carlo noise only
    assert int(streamed.peak.p.sum().round()) == 1


def test_nuclear_signalling_does_not_drag_the_other_side_up_the_ladder():
    """A side at rung 9 opens no conventional gap: the other side climbs no more than without the signal."""
    base = replace(generic_inputs(60), start=np.array([5, 5]), threshold=np.array([9, 1]))
    quiet = simulate_runs(replace(base, h_sig=np.array([0.0, 0.0])), 4_000, 60, np.random.default_rng(5))
    loud = simulate_runs(replace(base, h_sig=np.array([0.0, 1.0])), 4_000, 60, np.random.default_rng(5))
    assert loud.signalled.mean() > 0.99 and quiet.signalled.mean() == 0
    assert (loud.peak_fire >= 8).mean() <= (quiet.peak_fire >= 8).mean() + 0.03
