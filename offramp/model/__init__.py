"""The outlook: a calibrated escalation-ladder model of a two-sided crisis, its reciprocity, and its report card.

from offramp import model
o = model.simulate("india-pakistan-2025", runs=20_000, days=90, seed=1, as_of="2025-05-07",
                   overrides={"mediation.USA": 0, "backchannel": "closed"})
o.summary, o.curve, o.peak          # dicts and DataFrames
model.sensitivity("india-pakistan-2025")   # tornado table
model.validate().table              # leave-one-crisis-out scores against baselines
"""

from __future__ import annotations

from .calibrate import Posterior, calibrate
from .hawkes import HawkesFit, fit_hawkes, fit_mie, fit_store, simulate_hawkes
from .outlook import LEVERS, Outlook, sensitivity, simulate
from .scenario import Scenario, bundled_cases, load_scenario
from .validate import Report, validate


def fan_chart_svg(outlook: Outlook, **kwargs) -> str:
    """The outlook's fan chart as an SVG string (see offramp.model.charts)."""
    from .charts import fan_chart_svg as _fan

    return _fan(outlook, **kwargs)


def brief_figures(scenario: str = "india-pakistan-2025", **kwargs) -> dict:
    """Headline rows, fan chart and tornado SVGs for the brief (see offramp.model.charts)."""
    from .charts import brief_figures as _figures

    return _figures(scenario, **kwargs)


def tornado_svg(table, **kwargs) -> str:
    """The sensitivity tornado as an SVG string (see offramp.model.charts)."""
    from .charts import tornado_svg as _tornado

    return _tornado(table, **kwargs)


__all__ = [
    "LEVERS",
    "HawkesFit",
    "Outlook",
    "Posterior",
    "Report",
    "Scenario",
    "brief_figures",
    "bundled_cases",
    "calibrate",
    "fan_chart_svg",
    "fit_hawkes",
    "fit_mie",
    "fit_store",
    "load_scenario",
    "sensitivity",
    "simulate",
    "simulate_hawkes",
    "tornado_svg",
    "validate",
]
