"""Presentation in one place: rich tables, progress bars, and JSONL/CSV/Parquet output.

The CLI (``offramp.cli``) and the demo (``offramp.cases``) show what they compute
through these functions, so a table, a bar or a store summary looks the same
wherever it appears. Nothing here computes: it takes frames and records and shows
or writes them. A user's mistake in an output option (a table sent to a file, a
binary format to the terminal) is a ``ConfigError`` the CLI prints in one line.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .errors import ConfigError
from .store import TABLES, Store

if TYPE_CHECKING:  # for the annotations only (present is read by every command)
    from .ingest import IngestReport
    from .model.benchmark import Benchmark
    from .model.outlook import Outlook

__all__ = [
    "claims_view",
    "console",
    "day",
    "emit",
    "err",
    "events_view",
    "ingest_report",
    "json_default",
    "ladder_view",
    "ledger_view",
    "levers_view",
    "outlook_report",
    "progress_bar",
    "records",
    "rich_table",
    "sensitivity_report",
    "short",
    "store_counts",
    "timeline_view",
    "validation_report",
]

console = Console()
err = Console(stderr=True)


def emit(
    frame: pd.DataFrame, fmt: str, out: Path | None, *, title: str | None = None, to: Console | None = None
) -> None:
    """Print or write a DataFrame as a rich table (on ``to``), JSONL, CSV or Parquet.

    Text formats go to stdout unless ``out`` is given; what was written to a file is said on stderr.
    """
    fmt = fmt.lower()
    if fmt == "table":
        if out is not None:
            raise ConfigError("--out needs --format jsonl, csv or parquet")
        (to or console).print(rich_table(frame, title=title))
        return
    if fmt == "parquet":
        if out is None:
            raise ConfigError("parquet is binary — give --out FILE.parquet")
        frame.to_parquet(out, index=False)
        err.print(f"wrote {len(frame)} rows to {out}")
        return
    if fmt == "jsonl":
        text = "".join(
            json.dumps(row, default=json_default, ensure_ascii=False) + "\n" for row in records(frame)
        )
    elif fmt == "csv":
        text = frame.to_csv(index=False)
    else:
        raise ConfigError(f"unknown format {fmt!r} — use table, jsonl, csv or parquet")
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        err.print(f"wrote {len(frame)} rows to {out}")


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as plain dicts with JSON-friendly values (NaN -> None, arrays -> lists)."""
    out = []
    for row in frame.to_dict(orient="records"):
        out.append({k: _plain(v) for k, v in row.items()})
    return out


def _plain(value: Any) -> Any:
    if hasattr(value, "tolist") and not isinstance(value, str):
        return _plain(value.tolist())
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, float) and value != value:
        return None
    if value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    return value


def json_default(value: Any) -> Any:
    """``json.dumps``'s fallback: dates as ISO text, bytes as hex, anything else as its text."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def rich_table(
    frame: pd.DataFrame, *, title: str | None = None, max_width: int = 60, numbers_right: bool = False
) -> Table:
    """A frame as a rich table; long cells fold at ``max_width``; ``numbers_right`` right-aligns
    numeric columns."""
    table = Table(title=title, show_lines=False, header_style="bold")
    for col in frame.columns:
        numeric = numbers_right and pd.api.types.is_numeric_dtype(frame[col])
        table.add_column(
            str(col), overflow="fold", max_width=max_width, justify="right" if numeric else "left"
        )
    for row in records(frame):
        table.add_row(*("" if v is None else _cell(v) for v in row.values()))
    return table


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def short(text: str | None, width: int = 90) -> str | None:
    """``text`` cut to ``width`` characters with an ellipsis."""
    if not text or len(text) <= width:
        return text
    return text[: width - 1].rstrip() + "…"


def day(value: object) -> str:
    """A date (or timestamp) as ``YYYY-MM-DD``; ``—`` when there is none."""
    if value is None or value is pd.NaT:
        return "—"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def store_counts(store: Store, to: Console, counts: dict[str, int] | None = None) -> dict[str, int]:
    """Print the rows per table of ``store`` (titled with its path); returns the counts."""
    counts = counts if counts is not None else store.counts()
    table = Table(title=f"store {store.path}", header_style="bold")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name in TABLES:
        table.add_row(name, str(counts[name]))
    to.print(table)
    return counts


@contextmanager
def progress_bar(description: str, to: Console | None = None) -> Iterator[Callable[[int, int], None]]:
    """A rich progress bar on ``to`` (default stderr); yields ``update(done, total)``.
    Quiet when that console is not a terminal."""
    to = to or err
    bar = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=to,
        transient=False,
        disable=not to.is_terminal,
    )
    task = bar.add_task(description, total=None)

    def update(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    with bar:
        yield update


# ---------------------------------------------------------------- views of the listings
# Each takes what its function returns and the output format, and gives the columns shown:
# a table shows a short piece of evidence; a machine format keeps every field.


def events_view(frame: pd.DataFrame, fmt: str) -> pd.DataFrame:
    """``event_records``: a table shows the first source's evidence; CSV and Parquet carry
    ``sources`` as JSON text; JSONL keeps the records whole."""
    fmt = fmt.lower()
    if fmt == "table":
        view = frame[["date", "type", "source", "target", "n_sources"]].copy()
        view["evidence"] = [short(s[0]["evidence"]) if s else None for s in frame["sources"]]
        return view
    if fmt in ("csv", "parquet"):
        return frame.assign(
            sources=[json.dumps(s, default=json_default, ensure_ascii=False) for s in frame["sources"]]
        )
    return frame


def timeline_view(frame: pd.DataFrame, fmt: str) -> pd.DataFrame:
    """``timeline``: a table shows the columns an analyst reads and the first evidence."""
    if fmt != "table":
        return frame
    frame = frame.assign(
        evidence=[(s[0].get("evidence") or "")[:120] if len(s) else "" for s in frame["sources"]]
    )
    return frame[
        ["date", "date_end", "source", "target", "type", "mode", "location", "n_sources", "evidence"]
    ]


def ladder_view(frame: pd.DataFrame, fmt: str) -> pd.DataFrame:
    """``daily_ladder``: machine formats keep the series' own columns."""
    if fmt in ("jsonl", "csv", "parquet"):
        return frame[["date", "side", "rung", "rung_name", "events", "held", "ceasefire"]]
    return frame


def ledger_view(frame: pd.DataFrame, fmt: str) -> pd.DataFrame:
    """``ledger``: a table shows who asserts, denies and hedges each proposition; machine formats
    keep the claims, events and figures behind it."""
    if fmt != "table":
        return frame
    return frame[["status", "conflict", "proposition", "asserted_by", "denied_by", "hedged_by", "n_sources"]]


def claims_view(frame: pd.DataFrame, fmt: str) -> pd.DataFrame:
    """``claims_frame``: a table shows who, for whom, the cue, the polarity and the content cut short."""
    if fmt != "table":
        return frame
    from .extract.claims import claims_table

    return claims_table(frame)


def levers_view(frame: pd.DataFrame, fmt: str) -> pd.DataFrame:
    """``levers``: a table shows the first piece of evidence's text."""
    if fmt != "table":
        return frame
    return frame.assign(evidence=[(e[0].get("text") or "")[:100] if e else "" for e in frame["evidence"]])


def ingest_report(report: IngestReport, *, extracted: bool) -> None:
    """What ``offramp ingest`` did: the counts (stdout), then updates, warnings and failures (stderr)."""
    summary = Table(title="ingest", header_style="bold")
    s = report.summary()
    keys = [k for k in s if k != "updated" or s[k]]
    for key in keys:
        summary.add_column(key, justify="right")
    summary.add_row(*(str(s[k]) for k in keys))
    console.print(summary)
    if extracted:
        console.print(f"extracted {report.extracted_events} event(s) from {report.extracted} article(s)")
    for outcome in report.outcomes:
        if outcome.status == "updated":
            err.print(outcome.message, highlight=False, soft_wrap=True)
    for line in report.warnings + report.extraction_failed:
        err.print(f"[yellow]warning:[/yellow] {line}", highlight=False, soft_wrap=True)
    for outcome in report.failed:
        err.print(f"[red]failed:[/red] {outcome.message}", highlight=False, soft_wrap=True)


# ---------------------------------------------------------------- the model's outputs


def outlook_report(outlook: Outlook, *, runs: int, seed: int, to: Console | None = None) -> None:
    """``offramp simulate``: the outlook's table, what happened, the ceasefire curve, the peak rung,
    the inputs with their sources, the nuclear base rate and the model's skill."""
    out = to or console
    out.print(
        rich_table(
            outlook.table(), title=f"{outlook.case} as of {outlook.as_of} — {runs:,} runs, seed {seed}"
        )
    )
    happened = outlook.outcome
    if happened.get("ceasefire"):
        out.print(
            f"what happened: ceasefire on {happened['ceasefire']} (day {happened['ceasefire_day_from_as_of']} from "
            f"{outlook.as_of}, {happened['duration_days']} days after the trigger), peak rung {happened.get('peak_rung')}"
        )
    weekly = outlook.curve[outlook.curve.day.isin([1, 2, 3, 4, 5, 7, 14, 21, 30, 45, 60, 90])]
    out.print(rich_table(weekly.round(3), title="ceasefire by day (90% interval) and rung band"))
    out.print(rich_table(outlook.peak[outlook.peak.p > 0], title="peak rung reached"))
    summary = outlook.summary
    out.print(
        f"inputs from {summary['inputs_from']}; strict: {'yes' if summary['strict'] else 'no (hindsight)'}"
    )
    inputs = pd.DataFrame(
        [
            {
                "input": i.name,
                "value": str(i.value),
                "source": i.source,
                "date": i.date.isoformat() if i.date else "",
                "events": ", ".join(i.events[:3]) + (f" (+{len(i.events) - 3})" if len(i.events) > 3 else ""),
            }
            for i in outlook.inputs
        ]
    )
    out.print(rich_table(inputs, title="inputs, each with its source and date"))
    base = summary["nuclear_use_base_rate"]
    out.print(
        f"nuclear use: {base['uses']} in {len(base['crises'])} ICB crises between nuclear-armed actors "
        f"({', '.join(base['crises'])})"
    )
    out.print(summary["skill"])


def sensitivity_report(table: pd.DataFrame, *, to: Console | None = None) -> None:
    """``offramp sensitivity``: each lever low and high, as a tornado table."""
    out = to or console
    d = table.attrs["day"]
    shown = pd.DataFrame(
        {
            "lever": table["lever"],
            "low → high": table["low"] + "  →  " + table["high"].str.split("=").str[-1],
            f"P(ceasefire by day {d}) low / base / high": [
                f"{lo:.2f} / {base:.2f} / {hi:.2f}"
                for lo, base, hi in zip(
                    table[f"p_ceasefire_d{d}_low"],
                    table[f"p_ceasefire_d{d}_base"],
                    table[f"p_ceasefire_d{d}_high"],
                    strict=True,
                )
            ],
            "median days low / base / high": [
                f"{lo:g} / {base:g} / {hi:g}"
                for lo, base, hi in zip(
                    table["median_days_low"],
                    table["median_days_base"],
                    table["median_days_high"],
                    strict=True,
                )
            ],
            "size rests on": table["evidence"],
        }
    )
    out.print(rich_table(shown, title=f"sensitivity of {table.attrs['case']} as of {table.attrs['as_of']}"))


def validation_report(report: Benchmark, *, to: Console | None = None) -> None:
    """``offramp validate``: the report card (scores with block-bootstrap intervals against the
    baselines, per seed, reliability, the PIT histogram) and its verdict."""
    out = to or console
    stamp = report.stamp
    out.print(f"version: {stamp['code']}; data: {stamp['data']}; protocol: {stamp['protocol']}")
    n = report.settings["crises"]

    def ci(frame: pd.DataFrame, metric: str, digits: int) -> list[str]:
        return [
            f"{v:.{digits}f} ({lo:.{digits}f}, {hi:.{digits}f})"
            for v, lo, hi in zip(frame[metric], frame[f"{metric}_lo"], frame[f"{metric}_hi"], strict=True)
        ]

    for frame, diffs, label in (
        (report.table, report.differences, f"{n} ICB crises since 1946"),
        (report.subgroup, report.subgroup_differences, "India–Pakistan crises"),
    ):
        if frame.empty:
            continue
        shown = pd.DataFrame({"method": frame["method"], "crises": frame["crises"]})
        for metric, digits in (("brier", 4), ("rps", 4), ("crps", 1), ("cover50", 2), ("cover90", 2)):
            shown[metric] = ci(frame, metric, digits)
        out.print(
            rich_table(
                shown, title=f"{label}, seed {report.settings['seeds'][0]}: mean (95% block bootstrap)"
            )
        )
        d = pd.DataFrame({"comparison": diffs["comparison"]})
        for metric, digits in (("brier", 4), ("rps", 4), ("crps", 1)):
            d[metric] = ci(diffs, metric, digits)
        out.print(rich_table(d, title=f"{label}: paired differences (negative: the first is better)"))
    per = report.per_seed
    shown = pd.DataFrame({"seed": per["seed"]})
    for metric, digits in (("brier", 4), ("rps", 4), ("crps", 1)):
        shown[metric] = ci(per, metric, digits)
    out.print(rich_table(shown, title="model minus reference class, per seed"))
    rel = report.reliability.round(3)
    out.print(rich_table(rel, title="reliability: P(ended by day 7/30/90/180/365) pooled"))
    out.print(rich_table(report.pit, title="PIT histogram of the duration (flat when calibrated)"))
    out.print(report.verdict)
