"""The ``offramp`` command: thin commands over importable functions.

A user's mistake prints one line (what went wrong, what to do) and exits 1;
no traceback. Options and files are checked at the boundary, before any work:
settings from the environment (the app callback), output folders (``--out``),
formats (case-insensitive). Ctrl-C prints one line and exits 130; what was
being written is rolled back. Commands that print tables take ``--format`` for
machine output.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import duckdb
import pandas as pd
import typer

from . import config, present
from .errors import OfframpError
from .present import console, err, progress_bar, records, rich_table
from .present import json_default as _json_default
from .sources import format_names
from .store import TABLES, Store, default_path

app = typer.Typer(
    name="offramp",
    help="Evidence, escalation and outlook for interstate crises, from a pile of reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
INTERRUPTED = "interrupted — what was being written was rolled back; run the command again to go on"
EXIT_INTERRUPTED = 130  # the shell's code for a command ended by Ctrl-C (128 + SIGINT)
_interrupt_reported = False


def fail(message: str, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _lower(value: str | None) -> str | None:
    """``--format`` values are case-insensitive everywhere."""
    return value.lower() if isinstance(value, str) else value


def _out_path(path: Path | None) -> Path | None:
    """An output file whose folder exists: checked before any work, refused in one line."""
    if path is None:
        return None
    if path.is_dir():
        fail(f"{path}: is a folder — give a file name to write")
    if not path.parent.is_dir():
        fail(f"{path}: no folder {path.parent} to write into — create it first, or choose another path")
    return path


@app.callback()
def _settings() -> None:
    """Every OFFRAMP_* setting is checked before a command runs: one line naming a bad one."""
    with user_errors():
        config.settings()


DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="DuckDB store (default: $OFFRAMP_DB or ./offramp.duckdb)."),
]
FormatOption = Annotated[
    str, typer.Option("--format", "-f", help="table, jsonl, csv or parquet.", callback=_lower)
]
ActorsOption = Annotated[
    list[Path] | None,
    typer.Option("--actors", help="Your own actor YAML (repeatable): adds to or overrides the gazetteer."),
]
OutOption = Annotated[
    Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.", callback=_out_path)
]


@contextmanager
def use_actor_files(paths: list[Path] | None) -> Iterator[None]:
    """Point this command's gazetteer at the user's actor files (the ``actors`` setting),
    for the duration of the ``with`` block only."""
    if not paths:
        yield
        return
    for p in paths:
        if not p.is_file():
            fail(f"{p}: no such actor file — give a YAML file of actors (see docs/gazetteer.md)")
    from . import config
    from .ontology.actors import load_gazetteer

    with config.overridden(actors=os.pathsep.join(str(p) for p in paths)):
        with user_errors():
            load_gazetteer()  # a bad file is reported now, in one line, before any work
        yield


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn an ``OfframpError`` (or a DuckDB error that crossed unconverted) into one printed
    line and exit status 1, and Ctrl-C into one line and exit status 130."""
    try:
        yield
    except OfframpError as exc:
        fail(exc.line())
    except (KeyboardInterrupt, duckdb.InterruptException):
        global _interrupt_reported
        _interrupt_reported = True
        fail(INTERRUPTED, EXIT_INTERRUPTED)
    except duckdb.Error as exc:
        first = " ".join(str(exc).split("\n")[0].split())[:300]
        fail(f"the store could not be read or written ({type(exc).__name__}: {first}) — nothing was changed")


def open_store(db: Path | None, *, read_only: bool = False) -> Store:
    path = db or default_path()
    if path.is_dir():
        fail(f"{path}: is a folder — give --db a store file")
    if read_only and not path.exists():
        fail(f"{path}: no store here — run `offramp ingest PATH` or `offramp demo` first, or pass --db")
    if not path.parent.is_dir():
        fail(f"{path}: no folder {path.parent} — create it first, or give --db another path")
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
    """Print or write a DataFrame as a rich table, JSONL, CSV or Parquet (``present.emit``);
    a wrong output option is one line."""
    with user_errors():
        present.emit(frame, fmt, out, title=title)


# ---------------------------------------------------------------- store commands


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or URLs.")],
    db: DbOption = None,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            help=f"Override detection: {', '.join(format_names())}.",
            callback=_lower,
        ),
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD for inputs that lack one.")
    ] = None,
    source: Annotated[str | None, typer.Option(help="Source (outlet) name for inputs that lack one.")] = None,
    url: Annotated[str | None, typer.Option(help="URL for a single input that lacks one.")] = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow fetching loopback/private addresses.")
    ] = False,
    extract: Annotated[
        bool, typer.Option("--extract/--no-extract", help="Extract events and claims after ingest.")
    ] = True,
    update: Annotated[
        bool,
        typer.Option(
            "--update",
            help="An input already stored takes the new title, URL, source and --published (then is extracted again).",
        ),
    ] = False,
    actors: ActorsOption = None,
) -> None:
    """Read articles and event files into the store (and extract from new articles)."""
    from .ingest import extract_new
    from .ingest import ingest as run_ingest
    from .sources import ReadOptions, get_reader

    if format is not None:
        with user_errors():
            get_reader(format)
    options = ReadOptions(
        published=parse_date(published, "--published"),
        source=source,
        url=url,
        allow_private=allow_private,
        update=update,
    )
    with use_actor_files(actors), user_errors(), open_store(db) as store:
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
            with progress_bar("extract") as update_ex:
                extract_new(store, report, progress=update_ex)
    present.ingest_report(report, extracted=extract)
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def status(db: DbOption = None) -> None:
    """What the store holds: rows per table, the date range, the sources."""
    with user_errors(), open_store(db, read_only=True) as store:
        present.store_counts(store, console)
        lo, hi = store.event_span()
        console.print(f"events from {present.day(lo)} to {present.day(hi)}")
        sources = store.documents_by_source()
        if len(sources):
            console.print(rich_table(sources, title="sources"))
        failed = store.failed_documents()
    if len(failed):
        console.print(
            rich_table(failed[["id", "input", "failure"]], title=f"{len(failed)} article(s) not extracted")
        )
        console.print("retry them with `offramp extract --retry-failed`")


@app.command()
def export(
    table: Annotated[str, typer.Argument(help=f"One of: {', '.join(TABLES)}.")],
    db: DbOption = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="parquet, csv or jsonl.", callback=_lower)
    ] = "jsonl",
    out: OutOption = None,
) -> None:
    """Export a table; text formats go to stdout unless --out is given."""
    if table not in TABLES:
        fail(f"unknown table {table!r} — use one of {', '.join(TABLES)}")
    if format not in ("parquet", "csv", "jsonl"):
        fail(f"unknown format {format!r} — use parquet, csv or jsonl")
    with user_errors(), open_store(db, read_only=True) as store:
        emit(store.rows(table), format, out)


@app.command()
def demo(
    db: Annotated[Path, typer.Option("--db", help="Where to build the demo store.")] = Path(
        "offramp-demo.duckdb"
    ),
    out: Annotated[Path, typer.Option("--out", help="Where to write the brief.", callback=_out_path)] = Path(
        "brief.html"
    ),
    force: Annotated[
        bool, typer.Option("--force", help="Replace --db even if it is not a demo store (its data is lost).")
    ] = False,
) -> None:
    """Build a fresh store from the bundled india-pakistan-2025 case and show what it holds."""
    from .cases import build_demo

    with user_errors():
        built = build_demo(db, out=out, console=console, force=force)
    if "brief" not in built.outputs:
        fail(f"{out}: the brief was not written — see the messages above")


# ---------------------------------------------------------------- extraction commands
# (events, claims, extract: see offramp.extract)


@app.command()
def extract(
    db: DbOption = None,
    actors: ActorsOption = None,
    retry_failed: Annotated[
        bool, typer.Option("--retry-failed", help="Extract again only the articles whose extraction failed.")
    ] = False,
) -> None:
    """Re-run extraction (actors, dates, places, events, claims) on every stored article.

    Articles whose extraction failed are skipped (``offramp status`` lists them with the reason)
    until ``--retry-failed``."""
    from .extract import extract_documents

    with use_actor_files(actors), user_errors(), open_store(db) as store:
        with progress_bar("extract") as update:
            done = extract_documents(store, progress=update, retry_failed=retry_failed)
        counts = store.counts()
        failed = store.failed_documents()
    console.print(f"extracted from {done} article(s): {counts['events']} events, {counts['claims']} claims")
    for row in failed.itertuples():
        err.print(
            f"[yellow]not extracted:[/yellow] {row.input or row.id}: {row.failure}",
            highlight=False,
            soft_wrap=True,
        )
    if len(failed):
        err.print("retry them with `offramp extract --retry-failed`")


@app.command()
def events(
    db: DbOption = None,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Actor code on either side (IND, PAK, USA, MIL...).")
    ] = None,
    type_: Annotated[
        str | None, typer.Option("--type", help="PLOVER event type (ASSAULT, CONSULT...).")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Events ending on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Events starting on or before YYYY-MM-DD.")] = None,
    format: FormatOption = "table",
    out: OutOption = None,
) -> None:
    """List events with their sources; --format jsonl gives the full records (docs/schemas.md)."""
    from .analysis.queries import event_records
    from .ontology.plover import EVENT_TYPES, normalize_event

    if type_ is not None:
        try:
            type_ = normalize_event(type_)
        except KeyError:
            fail(f"unknown event type {type_!r} — use one of {', '.join(EVENT_TYPES)}")
    start, end = parse_date(since, "--since"), parse_date(until, "--until")
    with user_errors(), open_store(db, read_only=True) as store:
        frame = event_records(store, actor=actor, type=type_, since=start, until=end)
    emit(present.events_view(frame, format), format, out, title=f"{len(frame)} events")


@app.command()
def claims(
    db: DbOption = None,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Claims made by or about this actor code (IND, PAK...).")
    ] = None,
    contested: Annotated[
        bool,
        typer.Option(
            "--contested",
            help="Only claims that stand in a contested proposition of the ledger (sides contradict).",
        ),
    ] = False,
    since: Annotated[
        str | None, typer.Option(help="From this date YYYY-MM-DD (statement date, else publication).")
    ] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date YYYY-MM-DD.")] = None,
    format: FormatOption = "table",
    out: OutOption = None,
) -> None:
    """Attributed claims: who said what, with which cue, asserting, denying or hedging."""
    from .analysis.queries import claims_frame

    lo, hi = parse_date(since, "--since"), parse_date(until, "--until")
    with user_errors(), open_store(db, read_only=True) as store:
        frame = claims_frame(store, actor=actor, contested_only=contested, since=lo, until=hi)
    emit(present.claims_view(frame, format), format, out, title=f"{len(frame)} claims")


# ---------------------------------------------------------------- analysis commands
# (timeline, ladder, mediators, ledger, report: see offramp.analysis and offramp.report)

SinceOption = Annotated[str | None, typer.Option("--since", help="From this date YYYY-MM-DD.")]
UntilOption = Annotated[str | None, typer.Option("--until", help="Up to this date YYYY-MM-DD.")]


def _sides(value: str | None) -> tuple[str, str] | None:
    if value is None:
        return None
    from .analysis.timeline import parse_dyad

    with user_errors():
        return parse_dyad(value)
    return None


@app.command("timeline")
def timeline_cmd(
    db: DbOption = None,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Events with this actor code as source or target.")
    ] = None,
    dyad: Annotated[
        str | None, typer.Option("--dyad", help="Events between two actors, e.g. IND-PAK (both directions).")
    ] = None,
    directed: Annotated[
        bool, typer.Option("--directed", help="With --dyad: only SOURCE-TARGET, not the reverse.")
    ] = False,
    type_: Annotated[
        str | None, typer.Option("--type", help="PLOVER event types, comma-separated (ASSAULT,CONSULT).")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    daily: Annotated[
        bool, typer.Option("--daily", help="Daily series per directed dyad instead of events.")
    ] = False,
    format: FormatOption = "table",
    out: OutOption = None,
) -> None:
    """Merged events in date order with every source, or (--daily) counts per day and dyad."""
    from .analysis.queries import EventFilter, daily_dyads, timeline
    from .analysis.timeline import parse_dyad
    from .ontology.plover import EVENT_TYPES

    unknown = [t for t in (type_ or "").upper().replace(" ", "").split(",") if t and t not in EVENT_TYPES]
    if unknown:
        fail(f"unknown event type {unknown[0]!r} — use one of {', '.join(EVENT_TYPES)}")
    lo, hi = parse_date(since, "--since"), parse_date(until, "--until")
    with user_errors(), open_store(db, read_only=True) as store:
        flt = EventFilter(
            actor=actor.upper() if actor else None, dyad=parse_dyad(dyad) if dyad else None, directed=directed,
            types=tuple(t.strip().upper() for t in (type_ or "").split(",") if t.strip()), start=lo, end=hi,
        )  # fmt: skip
        if daily:
            emit(daily_dyads(store, flt), format, out, title="events per day and dyad")
            return
        frame = timeline(store, flt)
    emit(present.timeline_view(frame, format), format, out, title=f"{len(frame)} events")


@app.command("ladder")
def ladder_cmd(
    db: DbOption = None,
    side: Annotated[
        str | None, typer.Option("--side", help="Only this side's series (an actor code, or 'crisis').")
    ] = None,
    sides: Annotated[
        str | None,
        typer.Option("--sides", help="The two sides, e.g. IND-PAK (default: the pair most in conflict)."),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    turning: Annotated[
        bool, typer.Option("--turning-points", help="Show the turning points instead of the daily series.")
    ] = False,
    events: Annotated[
        bool, typer.Option("--events", help="Show each event's rung and the rule that set it.")
    ] = False,
    format: FormatOption = "table",
    out: OutOption = None,
) -> None:
    """The daily escalation rung per side and for the crisis, with the events that set it."""
    from .analysis.queries import daily_ladder, event_rungs, ladder_rows, turning_points

    lo, hi = parse_date(since, "--since"), parse_date(until, "--until")
    pair = _sides(sides)
    with user_errors(), open_store(db, read_only=True) as store:
        if events:
            emit(event_rungs(store), format, out, title="rung per event")
            return
        if turning:
            frame = daily_ladder(store, sides=pair, start=lo, end=hi)
            emit(turning_points(store, frame, sides=pair), format, out, title="turning points")
            return
        frame = ladder_rows(store, sides=pair, start=lo, end=hi, side=side)
    emit(present.ladder_view(frame, format), format, out, title="daily rung")


@app.command("mediators")
def mediators_cmd(
    db: DbOption = None,
    role: Annotated[
        str | None,
        typer.Option("--role", help="mediator, backchannel, economic, treaty, doctrine or nuclear_signal."),
    ] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Only this actor code.")] = None,
    sides: Annotated[str | None, typer.Option("--sides", help="The two sides, e.g. IND-PAK.")] = None,
    format: FormatOption = "table",
    out: OutOption = None,
) -> None:
    """Third parties in contact with both sides, back channels, economic levers, treaty, doctrine and nuclear moves."""
    from .analysis.mediators import ROLES
    from .analysis.queries import levers

    if role and role not in ROLES:
        fail(f"unknown role {role!r} — use one of {', '.join(ROLES)}")
    pair = _sides(sides)
    with user_errors(), open_store(db, read_only=True) as store:
        frame = levers(store, sides=pair, roles=[role] if role else None, actor=actor)
    emit(present.levers_view(frame, format), format, out, title="mediators and levers")


@app.command("ledger")
def ledger_cmd(
    db: DbOption = None,
    status: Annotated[
        str | None, typer.Option("--status", help="contested, single_source or corroborated.")
    ] = None,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Propositions this actor asserts, denies or hedges.")
    ] = None,
    conflicts: Annotated[bool, typer.Option("--conflicts", help="Only mutually exclusive claims.")] = False,
    contested: Annotated[
        bool, typer.Option("--contested", help="Only propositions the sides dispute (--status contested).")
    ] = False,
    format: FormatOption = "table",
    out: OutOption = None,
) -> None:
    """Claims grouped by proposition: who asserts, denies, hedges; contested first."""
    from .analysis.ledger import STATUSES
    from .analysis.queries import ledger_rows

    if status and status not in STATUSES:
        fail(f"unknown status {status!r} — use one of {', '.join(STATUSES)}")
    if contested:
        if status not in (None, "contested"):
            fail(f"--contested and --status {status} ask for different rows — give one of them")
        status = "contested"
    with user_errors(), open_store(db, read_only=True) as store:
        frame = ledger_rows(store, status=status, actor=actor, conflicts_only=conflicts)
    emit(present.ledger_view(frame, format), format, out, title="claims ledger")


@app.command("network")
def network_cmd(
    out: Annotated[Path, typer.Option("--out", "-o", help="A .graphml or .json file.", callback=_out_path)],
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
) -> None:
    """Export the actor network (who acted on whom, cooperative vs hostile) as GraphML or JSON."""
    from .analysis.network import actor_network, write_network
    from .analysis.timeline import EventFilter

    lo, hi = parse_date(since, "--since"), parse_date(until, "--until")
    with user_errors(), open_store(db, read_only=True) as store:
        graph = actor_network(store, EventFilter(start=lo, end=hi))
        write_network(graph, out)
    err.print(f"wrote {graph.number_of_nodes()} actors and {graph.number_of_edges()} edges to {out}")


@app.command("report")
def report_cmd(
    db: DbOption = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Where to write the brief (default brief.html or brief.md).",
            callback=_out_path,
        ),
    ] = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="html (one self-contained file) or md.", callback=_lower)
    ] = "html",
    title: Annotated[str | None, typer.Option("--title", help="Title of the brief.")] = None,
    sides: Annotated[str | None, typer.Option("--sides", help="The two sides, e.g. IND-PAK.")] = None,
    outlook: Annotated[
        str | None, typer.Option("--outlook", help="Add the model's outlook for this case or scenario file.")
    ] = None,
) -> None:
    """Write the analyst's brief: summary, timeline, escalation, levers, network, claims ledger, sources."""
    from .report.brief import write_brief

    if format not in ("html", "md"):
        fail(f"unknown format {format!r} — use html or md")
    out = out or Path(f"brief.{format}")
    pair = _sides(sides)
    with user_errors(), open_store(db, read_only=True) as store, progress_bar("brief") as update:
        update(0, 1)
        path = write_brief(store, out, fmt=format, title=title, sides=pair, outlook=outlook)
        update(1, 1)
    console.print(f"wrote the brief to {path}")


# ---------------------------------------------------------------- model commands
# (simulate, validate, sensitivity: see offramp.model)

SetOption = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        help="Pull a lever, KEY=VALUE (repeatable): mediation.USA=0, backchannel=closed, PAK.resolve=0.5.",
    ),
]
ModelFormat = Annotated[str, typer.Option("--format", "-f", help="table or json.")]


def _model_format(fmt: str) -> str:
    fmt = fmt.lower()
    if fmt not in ("table", "json"):
        fail(f"unknown format {fmt!r} — use table or json")
    return fmt


def model_limits() -> str:
    from .model.skill import LIMITS

    return LIMITS


def _svg_folder(path: Path | None) -> None:
    """``--svg`` is checked before any work: its folder must exist."""
    if path is not None and not path.parent.is_dir():
        fail(f"--svg {path}: folder {path.parent} does not exist — create it or pick another path")


def _svg_out(path: Path | None, svg: Callable[[], str]) -> None:
    if path is not None:
        _out_path(path)
        path.write_text(svg(), encoding="utf-8")
        err.print(f"wrote {path}")


@app.command()
def simulate(
    case: Annotated[
        str, typer.Argument(help="A bundled case (india-pakistan-2025) or a scenario YAML file.")
    ],
    runs: Annotated[int, typer.Option(help="Monte Carlo runs (large counts stream in chunks).")] = 20_000,
    days: Annotated[int, typer.Option(help="Days to simulate from the as-of date.")] = 90,
    seed: Annotated[int, typer.Option(help="Random seed: same seed, same numbers.")] = 0,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Start from what was found before this date.")
    ] = None,
    set_: SetOption = None,
    strict: Annotated[
        bool,
        typer.Option(help="Use only what was known before --as-of (default; --no-strict uses hindsight)."),
    ] = True,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db", help="Read the inputs from this store (default: the default store when it exists)."
        ),
    ] = None,
    scenario_only: Annotated[
        bool, typer.Option("--scenario-only", help="Ignore any store: inputs from the scenario file alone.")
    ] = False,
    svg: Annotated[Path | None, typer.Option("--svg", help="Write the fan chart here.")] = None,
    fmt: ModelFormat = "table",
) -> None:
    """The outlook: ceasefire by day, peak rung, duration, nuclear risks, with levers pulled."""
    from . import model

    fmt = _model_format(fmt)
    _svg_folder(svg)
    with user_errors():
        path = None if scenario_only else (db or default_path())
        if db is not None and not db.exists():
            fail(f"{db}: no store here — run `offramp demo --db {db}` or `offramp ingest`, or drop --db")
        store = open_store(path, read_only=True) if path is not None and path.exists() else None
        outlook = model.simulate(
            case,
            runs=runs,
            days=days,
            seed=seed,
            as_of=as_of,
            overrides=list(set_ or []),
            strict=strict,
            store=store,
        )
    _svg_out(svg, lambda: model.fan_chart_svg(outlook))
    if fmt == "json":
        sys.stdout.write(json.dumps(outlook.to_dict(), default=_json_default, ensure_ascii=False) + "\n")
        return
    present.outlook_report(outlook, runs=runs, seed=seed)
    console.print(model_limits())


@app.command()
def sensitivity(
    case: Annotated[str, typer.Argument(help="A bundled case or a scenario YAML file.")],
    runs: Annotated[int, typer.Option(help="Runs per setting.")] = 5_000,
    days: Annotated[int, typer.Option(help="Days to simulate.")] = 60,
    seed: Annotated[int, typer.Option(help="Random seed (shared by all settings).")] = 0,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Start from the state reached before this date.")
    ] = None,
    set_: SetOption = None,
    svg: Annotated[Path | None, typer.Option("--svg", help="Write the tornado chart here.")] = None,
    fmt: ModelFormat = "table",
) -> None:
    """Each lever swept low and high: a tornado table of ceasefire odds and crisis length."""
    from . import model

    fmt = _model_format(fmt)
    _svg_folder(svg)
    with user_errors():
        table = model.sensitivity(
            case, runs=runs, days=days, seed=seed, as_of=as_of, overrides=list(set_ or [])
        )
    _svg_out(svg, lambda: model.tornado_svg(table))
    if fmt == "json":
        sys.stdout.write(json.dumps({**table.attrs, "levers": records(table)}, default=_json_default) + "\n")
        return
    present.sensitivity_report(table)


@app.command()
def validate(
    runs: Annotated[int, typer.Option(help="Simulated runs per cell of the severity grid.")] = 300,
    seed: Annotated[int, typer.Option(help="First random seed.")] = 0,
    seeds: Annotated[int, typer.Option(help="How many seeds, from --seed on.")] = 5,
    draws: Annotated[int, typer.Option(help="Grid points of crisis severity.")] = 33,
    boot: Annotated[int, typer.Option(help="Block-bootstrap resamples for the intervals.")] = 2_000,
    fmt: ModelFormat = "table",
) -> None:
    """The model's report card: every ICB crisis since 1946 forecast in time order, against two baselines."""
    from . import model

    fmt = _model_format(fmt)
    with user_errors(), progress_bar("validating") as update:
        report = model.validate(runs=runs, seed=seed, seeds=seeds, draws=draws, n_boot=boot, progress=update)
    if fmt == "json":
        sys.stdout.write(json.dumps(report.to_dict(), default=_json_default) + "\n")
        return
    present.validation_report(report)
    console.print(model_limits())


def main() -> None:
    try:
        app()
    except SystemExit as exc:
        # typer turns a Ctrl-C outside ``user_errors`` (while loading, say) into a silent 130
        if exc.code == EXIT_INTERRUPTED and not _interrupt_reported:
            err.print(f"[red]error:[/red] {INTERRUPTED}", highlight=False, soft_wrap=True)
        raise


if __name__ == "__main__":
    main()
