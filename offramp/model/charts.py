"""The outlook fan chart and the sensitivity tornado, as SVG strings for the brief to embed."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd

from .outlook import Outlook

__all__ = ["brief_figures", "fan_chart_svg", "tornado_svg"]


def _svg(fig) -> str:
    """Inline-ready SVG (no XML prolog), the same bytes for the same figure."""
    buf = io.StringIO()
    with plt.rc_context({"svg.hashsalt": "offramp", "svg.fonttype": "none"}):
        fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg") :]


def fan_chart_svg(outlook: Outlook, *, title: str | None = None) -> str:
    """Ceasefire-by-day curve with its interval, and the 10–90% band of the higher side's rung; actual ceasefire marked."""
    c = outlook.curve
    dates = pd.to_datetime(c["date"])
    fig, ax = plt.subplots(figsize=(8, 3.6))
    ax.fill_between(dates, c["lo"], c["hi"], color="#4c78a8", alpha=0.3, linewidth=0)
    ax.plot(dates, c["p_ceasefire"], color="#4c78a8", label="P(in ceasefire)")
    ax.set_ylim(0, 1)
    ax.set_ylabel("probability of ceasefire")
    rung = ax.twinx()
    rung.fill_between(
        dates, c["rung_p10"], c["rung_p90"], step="mid", color="#e45756", alpha=0.15, linewidth=0
    )
    rung.step(dates, c["rung_p50"], where="mid", color="#e45756", label="median rung")
    rung.set_ylim(0, 10)
    rung.set_ylabel("escalation rung (10–90% band)")
    ceasefire = outlook.outcome.get("ceasefire")
    if ceasefire is not None and dates.min() <= pd.Timestamp(ceasefire) <= dates.max():
        ax.axvline(pd.Timestamp(ceasefire), color="black", linestyle="--", linewidth=1)
        ax.annotate("actual ceasefire", (pd.Timestamp(ceasefire), 0.95), fontsize=8, ha="left")
    ax.set_title(title or f"{outlook.case}: outlook as of {outlook.as_of} ({outlook.runs:,} runs)")
    fig.autofmt_xdate()
    return _svg(fig)


def tornado_svg(table: pd.DataFrame, *, measure: str = "median_days", title: str | None = None) -> str:
    """Each lever's low and high setting as bars around the base value of ``measure`` (a sensitivity() table)."""
    if "claims_size" in table:  # only levers whose size rests on evidence get a bar
        table = table[table["claims_size"].astype(bool)]
    t = table.iloc[::-1]
    base = float(t[f"{measure}_base"].iloc[0])
    fig, ax = plt.subplots(figsize=(7, 0.4 * len(t) + 1.2))
    y = range(len(t))
    ax.barh(y, t[f"{measure}_low"] - base, left=base, color="#72b7b2", label="low setting")
    ax.barh(y, t[f"{measure}_high"] - base, left=base, color="#f58518", alpha=0.8, label="high setting")
    ax.axvline(base, color="black", linewidth=1)
    ax.set_yticks(list(y), list(t["lever"]))
    ax.set_xlabel("median crisis length, days from trigger" if measure == "median_days" else measure)
    ax.legend(loc="lower right", fontsize=8)
    ax.set_title(title or "What moves the outlook: one lever at a time")
    return _svg(fig)


def brief_figures(
    scenario: str = "india-pakistan-2025",
    *,
    as_of: str | None = None,
    runs: int = 20_000,
    sensitivity_runs: int = 3_000,
    seed: int = 0,
) -> dict:
    """What the brief needs from the model in one call: headline table rows, the fan chart and the tornado."""
    from .outlook import sensitivity, simulate

    outlook = simulate(scenario, runs=runs, days=90, seed=seed, as_of=as_of)
    table = sensitivity(scenario, runs=sensitivity_runs, days=60, seed=seed, as_of=as_of)
    return {
        "as_of": outlook.as_of.isoformat(),
        "runs": runs,
        "seed": seed,
        "headline": outlook.table().to_dict(orient="records"),
        "what_happened": {k: str(v) for k, v in outlook.outcome.items()},
        "fan_svg": fan_chart_svg(outlook),
        "tornado_svg": tornado_svg(table),
        "levers": table[["lever", "median_days_low", "median_days_high", "median_days_base"]].to_dict(
            orient="records"
        ),
    }
