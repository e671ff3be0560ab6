"""The ``offramp`` command: thin commands over importable functions.

A user's mistake prints one line (what went wrong, what to do) and exits 1;
no traceback. Commands that print tables take ``--format`` for machine output.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .errors import OfframpError
from .store import TABLES, Store, default_path

app = typer.Typer(
    name="offramp",
    help="Evidence, escalation and outlook for interstate crises, from a pile of reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err = Console(stderr=True)

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="DuckDB store (default: $OFFRAMP_DB or ./offramp.duckdb)."),
]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table, jsonl, csv or parquet.")]
OutOption = Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")]


def fail(message: str) -> None:
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(1)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn an ``OfframpError`` into one printed line and exit status 1."""
    try:
        yield
    except OfframpError as exc:
        fail(exc.line())


def open_store(db: Path | None, *, read_only: bool = False) -> Store:
    path = db or default_path()
    if read_only and not path.exists():
        fail(f"{path}: no store here — run `offramp ingest PATH` or `offramp demo` first, or pass --db")
    return Store(path, read_only=read_only)


def parse_date(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{name} {value!r} is not a date — use YYYY-MM-DD")
    return None


def emit(frame: pd.DataFrame, fmt: str, out: Path | None, *, title: str | None = None) -> None:
    """Print or write a DataFrame as a rich table, JSONL, CSV or Parquet."""
    fmt = fmt.lower()
    if fmt == "table":
        if out is not None:
            fail("--out needs --format jsonl, csv or parquet")
        console.print(rich_table(frame, title=title))
        return
    if fmt == "parquet":
        if out is None:
            fail("parquet is binary — give --out FILE.parquet")
        frame.to_parquet(out, index=False)
        err.print(f"wrote {len(frame)} rows to {out}")
        return
    if fmt == "jsonl":
        text = "".join(json.dumps(row, default=_json_default, ensure_ascii=False) + "\n" for row in records(frame))
    elif fmt == "csv":
        text = frame.to_csv(index=False)
    else:
        fail(f"unknown format {fmt!r} — use table, jsonl, csv or parquet")
        return
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


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def rich_table(frame: pd.DataFrame, *, title: str | None = None, max_width: int = 60) -> Table:
    table = Table(title=title, show_lines=False, header_style="bold")
    for col in frame.columns:
        table.add_column(str(col), overflow="fold", max_width=max_width)
    for row in records(frame):
        table.add_row(*("" if v is None else _cell(v) for v in row.values()))
    return table


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


@contextmanager
def progress_bar(description: str) -> Iterator[Callable[[int, int], None]]:
    """A rich progress bar; yields ``update(done, total)``. Quiet when stderr is not a terminal."""
    bar = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=False,
        disable=not err.is_terminal,
    )
    task = bar.add_task(description, total=None)

    def update(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    with bar:
        yield update


# ---------------------------------------------------------------- store commands


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or URLs.")],
    db: DbOption = None,
    format: Annotated[str | None, typer.Option("--format", help="Override detection: text, markdown, html, feed, jsonl, csv, gdelt, acled.")] = None,  # noqa: A002
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD for inputs that lack one.")] = None,
    source: Annotated[str | None, typer.Option(help="Source (outlet) name for inputs that lack one.")] = None,
    url: Annotated[str | None, typer.Option(help="URL for a single input that lacks one.")] = None,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Allow fetching loopback/private addresses.")] = False,
    extract: Annotated[bool, typer.Option("--extract/--no-extract", help="Extract events and claims after ingest.")] = True,
) -> None:
    """Read articles and event files into the store (and extract from new articles)."""
    from .ingest import ingest as run_ingest
    from .sources import ReadOptions

    options = ReadOptions(
        published=parse_date(published, "--published"), source=source, url=url, allow_private=allow_private
    )
    with user_errors(), open_store(db) as store:
        with progress_bar("ingest") as update_in:
            report = run_ingest(
                store,
                paths,
                format=format,
                options=options,
                extract=False,
                on_input=lambda _label, done, total: update_in(done, total),
            )
        if extract:
            from .extract import extract_documents

            with progress_bar("extract") as update_ex:
                report.extracted = extract_documents(store, only_new=True, progress=update_ex)
    summary = Table(title="ingest", header_style="bold")
    for key in ("new", "duplicate", "near-duplicate", "failed", "events"):
        summary.add_column(key, justify="right")
    s = report.summary()
    summary.add_row(*(str(s[k]) for k in ("new", "duplicate", "near-duplicate", "failed", "events")))
    console.print(summary)
    if extract:
        console.print(f"extracted from {report.extracted} article(s)")
    for outcome in report.failed:
        err.print(f"[red]failed:[/red] {outcome.message}", highlight=False, soft_wrap=True)
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def status(db: DbOption = None) -> None:
    """What the store holds: rows per table, the date range, the sources."""
    with user_errors(), open_store(db, read_only=True) as store:
        counts = store.counts()
        table = Table(title=f"store {store.path}", header_style="bold")
        table.add_column("table")
        table.add_column("rows", justify="right")
        for name in TABLES:
            table.add_row(name, str(counts[name]))
        console.print(table)
        lo, hi = store.con.execute("SELECT min(date), max(coalesce(date_end, date)) FROM events").fetchone()  # type: ignore[misc]
        console.print(f"events from {lo or '—'} to {hi or '—'}")
        sources = store.query(
            "SELECT coalesce(source, '(unknown)') AS source, kind, count(*) AS documents"
            " FROM documents GROUP BY ALL ORDER BY documents DESC, source"
        )
        if len(sources):
            console.print(rich_table(sources, title="sources"))


@app.command()
def export(
    table: Annotated[str, typer.Argument(help=f"One of: {', '.join(TABLES)}.")],
    db: DbOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="parquet, csv or jsonl.")] = "jsonl",  # noqa: A002
    out: OutOption = None,
) -> None:
    """Export a table; text formats go to stdout unless --out is given."""
    if table not in TABLES:
        fail(f"unknown table {table!r} — use one of {', '.join(TABLES)}")
    if format not in ("parquet", "csv", "jsonl"):
        fail(f"unknown format {format!r} — use parquet, csv or jsonl")
    with user_errors(), open_store(db, read_only=True) as store:
        emit(store.query(f"SELECT * FROM {table}"), format, out)


@app.command()
def demo(
    db: Annotated[Path, typer.Option("--db", help="Where to build the demo store.")] = Path("offramp-demo.duckdb"),
    out: Annotated[Path, typer.Option("--out", help="Where to write the brief.")] = Path("brief.html"),
) -> None:
    """Build a fresh store from the bundled india-pakistan-2025 case and show what it holds."""
    from .cases import build_demo

    with user_errors():
        build_demo(db, out=out, console=console)


# ---------------------------------------------------------------- extraction commands
# (events, claims, extract: see offramp.extract)


@app.command()
def extract(db: DbOption = None) -> None:
    """Re-run extraction (actors, dates, places, events, claims) on every stored article."""
    from .extract import extract_documents

    with user_errors(), open_store(db) as store:
        with progress_bar("extract") as update:
            done = extract_documents(store, progress=update)
        counts = store.counts()
    console.print(f"extracted from {done} article(s): {counts['events']} events, {counts['claims']} claims")


def _short(text: str | None, width: int = 90) -> str | None:
    if not text or len(text) <= width:
        return text
    return text[: width - 1].rstrip() + "…"


@app.command()
def events(
    db: DbOption = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Actor code on either side (IND, PAK, USA, MIL...).")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER event type (ASSAULT, CONSULT...).")] = None,
    since: Annotated[str | None, typer.Option(help="Events ending on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Events starting on or before YYYY-MM-DD.")] = None,
    format: FormatOption = "table",  # noqa: A002
    out: OutOption = None,
) -> None:
    """List events with their sources; --format jsonl gives the full records (docs/schemas.md)."""
    from .extract.query import event_records
    from .ontology.plover import EVENT_TYPES, normalize_event

    if type_ is not None:
        try:
            type_ = normalize_event(type_)
        except KeyError:
            fail(f"unknown event type {type_!r} — use one of {', '.join(EVENT_TYPES)}")
    start, end = parse_date(since, "--since"), parse_date(until, "--until")
    with user_errors(), open_store(db, read_only=True) as store:
        frame = event_records(store, actor=actor, type=type_, since=start, until=end)
    if format.lower() == "table":
        view = frame[["date", "type", "source", "target", "n_sources"]].copy()
        view["evidence"] = [_short(s[0]["evidence"]) if s else None for s in frame["sources"]]
        emit(view, format, out, title=f"{len(frame)} events")
        return
    if format.lower() in ("csv", "parquet"):
        frame = frame.assign(sources=[json.dumps(s, default=_json_default, ensure_ascii=False) for s in frame["sources"]])
    emit(frame, format, out)


@app.command()
def claims(
    db: DbOption = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Claims made by or about this actor code (IND, PAK...).")] = None,
    contested: Annotated[bool, typer.Option("--contested", help="Only denials, and claims one side of a fight makes about the other (see docs).")] = False,
    since: Annotated[str | None, typer.Option(help="From this date YYYY-MM-DD (statement date, else publication).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date YYYY-MM-DD.")] = None,
    format: FormatOption = "table",  # noqa: A002
    out: OutOption = None,
) -> None:
    """Attributed claims: who said what, with which cue, asserting, denying or hedging."""
    from .extract.claims import claims_frame

    lo, hi = parse_date(since, "--since"), parse_date(until, "--until")
    with user_errors(), open_store(db, read_only=True) as store:
        frame = claims_frame(store, actor=actor, contested_only=contested, since=lo, until=hi)
    if format == "table":
        frame = frame[["speaker", "speaker_actor", "cue", "polarity", "content", "title"]]
    emit(frame, format, out, title=f"{len(frame)} claims")


# ---------------------------------------------------------------- analysis commands
# (timeline, ladder, mediators, ledger, report: see offramp.analysis and offramp.report)

# ---------------------------------------------------------------- model commands
# (simulate, validate, sensitivity: see offramp.model)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
