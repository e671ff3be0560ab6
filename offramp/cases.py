"""Bundled cases, and the demo that builds a store from one.

A case is a folder under ``offramp/data/cases/<name>/``: ``notes/*.md`` (short
dated notes in the team's own words, each with the URL of the public report it
rests on) and ``gdelt/`` (real GDELT 2.0 event rows). ``build_demo`` turns the
default case into a fresh store and shows what it holds.

The demo runs as a list of steps over one ``Demo`` object (``DEMO_STEPS``):
ingest, extract, summarise. A later stage adds itself with one function and one
line in that list (write the brief to ``demo.out``; print the outlook).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console

from .errors import ConfigError, OfframpError, StoreError
from .ingest import IngestReport, ingest
from .present import day, progress_bar, rich_table, store_counts
from .store import Store

__all__ = [
    "CASES_DIR",
    "DEFAULT_CASE",
    "DEMO_STEPS",
    "Demo",
    "build_demo",
    "case_datasets",
    "case_dir",
    "case_inputs",
    "case_notes",
    "list_cases",
]

CASES_DIR = Path(__file__).resolve().parent / "data" / "cases"
DEFAULT_CASE = "india-pakistan-2025"

# DuckDB's file header carries this magic at byte 8; we only ever delete a file that has it.
_DUCKDB_MAGIC = b"DUCK"


# ---------------------------------------------------------------- the bundled cases


def list_cases() -> list[str]:
    """Names of the bundled cases (folders holding a ``notes/`` folder), sorted."""
    if not CASES_DIR.is_dir():
        return []
    return sorted(p.name for p in CASES_DIR.iterdir() if (p / "notes").is_dir())


def case_dir(name: str) -> Path:
    """The folder of the case ``name``; a ``ConfigError`` naming the cases there are otherwise."""
    if name in list_cases():
        return CASES_DIR / name
    available = ", ".join(list_cases()) or "none"
    raise ConfigError(f"no bundled case {name!r}", hint=f"use one of: {available}")


def case_notes(name: str = DEFAULT_CASE) -> list[Path]:
    """The case's notes (``notes/*.md``), in date order (their names start with the date)."""
    return sorted((case_dir(name) / "notes").glob("*.md"))


def case_datasets(name: str = DEFAULT_CASE) -> list[Path]:
    """The case's event dataset files (``gdelt/``), sorted; README files are not data."""
    folder = case_dir(name) / "gdelt"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.lower().startswith("readme"))


def case_inputs(name: str = DEFAULT_CASE) -> list[Path]:
    """Everything the case feeds to ``ingest``: its notes, then its datasets."""
    return case_notes(name) + case_datasets(name)


# ---------------------------------------------------------------- the demo


@dataclass
class Demo:
    """What the demo steps share: the store being built, where output goes, what happened."""

    store: Store
    case: str
    console: Console
    out: Path | None = None
    extract: bool = True
    report: IngestReport = field(default_factory=IngestReport)
    extracted: int = 0
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    outputs: dict[str, Any] = field(default_factory=dict)


DemoStep = Callable[[Demo], None]


def ingest_case(demo: Demo) -> None:
    """Step 1: read the notes (markdown with front matter) and the GDELT rows into the store."""
    notes, datasets = case_notes(demo.case), case_datasets(demo.case)
    demo.console.print(
        f"[bold]{demo.case}[/bold]: {len(notes)} notes and {len(datasets)} GDELT file(s) into {demo.store.path}"
    )
    total = len(notes) + len(datasets)
    with progress_bar("ingest", demo.console) as update:
        update(0, total)
        # The formats are named, not detected: the case's files are ours and their formats known.
        notes_report = ingest(
            demo.store,
            notes,
            format="markdown",
            extract=False,
            on_input=lambda _label, done, _total: update(done, total),
        )
        data_report = ingest(
            demo.store,
            datasets,
            format="gdelt",
            extract=False,
            on_input=lambda _label, done, _total: update(len(notes) + done, total),
        )
    demo.report = IngestReport(outcomes=notes_report.outcomes + data_report.outcomes)
    s = demo.report.summary()
    demo.console.print(
        f"ingested: {s['new']} new, {s['duplicate']} duplicate, {s['near-duplicate']} near-duplicate,"
        f" {s['failed']} failed; {s['events']} dataset events"
    )
    for outcome in demo.report.failed:
        demo.warnings.append(f"failed: {outcome.message}")
        demo.console.print(f"[yellow]failed:[/yellow] {outcome.message}", highlight=False, soft_wrap=True)


def extract_case(demo: Demo) -> None:
    """Step 2: extract events and claims from the notes. The demo goes on if extraction cannot run."""
    if not demo.extract:
        demo.console.print("extraction skipped")
        return
    try:
        from .extract import extract_documents

        with progress_bar("extract", demo.console) as update:
            before = demo.store.counts()["events"]
            demo.extracted = extract_documents(demo.store, only_new=True, progress=update)
            added = demo.store.counts()["events"] - before
    # A missing language model (OSError) or stage (ImportError) leaves the demo with the GDELT rows.
    except (OfframpError, ImportError, OSError) as exc:
        message = exc.line() if isinstance(exc, OfframpError) else str(exc)
        demo.warnings.append(f"extraction did not run: {message}")
        demo.console.print(
            f"[yellow]extraction did not run:[/yellow] {message}", highlight=False, soft_wrap=True
        )
        return
    demo.console.print(f"extracted {added} event(s) from {demo.extracted} note(s)")


def summarise_store(demo: Demo) -> None:
    """Step 3: print what the store holds: rows per table, events by type and origin, dates, sources."""
    store, console = demo.store, demo.console
    demo.counts = store_counts(store, console)
    console.print(rich_table(store.events_by_origin(), title="events by origin and type", numbers_right=True))
    lo, hi = store.event_span()
    console.print(f"events from {day(lo)} to {day(hi)}")
    lo, hi = store.article_span()
    console.print(f"notes published from {day(lo)} to {day(hi)}")
    console.print(rich_table(store.documents_by_source(), title="documents by source", numbers_right=True))
    if demo.counts["events"] and not store.extracted_events():
        console.print("[yellow]no events were extracted from the notes; the GDELT rows stand alone[/yellow]")


def write_brief(demo: Demo) -> None:
    """Step 4: write the analyst's brief of the case, with its outlook, to ``demo.out`` (when
    given) and say where (see offramp.report). The demo goes on if the brief cannot be written."""
    from .report.brief import write_brief as write

    if demo.out is None:
        return
    try:
        path = write(demo.store, demo.out, outlook=demo.case)
    except OfframpError as exc:
        demo.warnings.append(f"brief not written: {exc.line()}")
        demo.console.print(
            f"[yellow]brief not written:[/yellow] {exc.line()}", highlight=False, soft_wrap=True
        )
        return
    demo.outputs["brief"] = path
    demo.console.print(f"wrote the brief to {path} — open it in a browser; it works offline")


# The demo, in order. Later stages append theirs here, e.g. "write the brief to demo.out"
# (offramp.report) and "print the outlook" (offramp.model).
DEMO_STEPS: list[DemoStep] = [ingest_case, extract_case, summarise_store, write_brief]


def build_demo(
    db: Path | str,
    *,
    out: Path | None = None,
    console: Console | None = None,
    case: str = DEFAULT_CASE,
    extract: bool = True,
    steps: list[DemoStep] | None = None,
    force: bool = False,
) -> Demo:
    """Delete and rebuild the store at ``db`` from a bundled case, and show what it holds.

    Works offline. An existing file at ``db`` is replaced only if it is an earlier demo
    store (or an empty one), unless ``force``: a user's own store is never lost to a demo.
    ``extract=False`` skips extraction (the GDELT rows still go in); ``steps`` replaces
    ``DEMO_STEPS``. Returns the ``Demo`` with its store closed.
    """
    case_dir(case)  # a bad name fails before anything is deleted
    console = console or Console()
    path = Path(db)
    _remove_store(path, force=force)
    store = Store(path)
    store.mark(DEMO_MARK, case)
    demo = Demo(
        store=store, case=case, console=console, out=Path(out) if out is not None else None, extract=extract
    )
    try:
        for step in steps if steps is not None else DEMO_STEPS:
            step(demo)
    finally:
        store.close()
    return demo


# The store's own fact (``Store.mark``) that says the demo built it, and from which case.
DEMO_MARK = "demo"


def _remove_store(path: Path, *, force: bool = False) -> None:
    """Remove an earlier demo store (and its WAL); refuse anything that is not a DuckDB file,
    and (unless ``force``) any store the demo did not build that holds documents."""
    if path.is_dir():
        raise ConfigError(
            "the demo store path is a folder", where=str(path), hint="give a file path for --db"
        )
    if path.exists():
        with path.open("rb") as fh:
            head = fh.read(16)
        if head[8:12] != _DUCKDB_MAGIC:
            raise StoreError(
                "not a DuckDB file, so the demo will not overwrite it",
                where=str(path),
                hint="give --db a new file name",
            )
        if not force and not _replaceable(path):
            raise StoreError(
                "holds data the demo did not make, so the demo will not replace it",
                where=str(path),
                hint="give --db a new file name, or pass --force to replace it (its data is lost)",
            )
        path.unlink()
    wal = path.with_name(path.name + ".wal")
    if wal.exists():
        wal.unlink()


def _replaceable(path: Path) -> bool:
    """An earlier demo store (marked so, or, from before the mark, holding only the bundled
    cases' files), or an offramp store with no documents."""
    try:
        with Store(path, read_only=True) as store:
            if store.marker(DEMO_MARK):
                return True
            row = store.con.execute(
                "SELECT count(*) FROM documents WHERE path IS NULL OR NOT starts_with(path, ?)",
                [str(CASES_DIR)],
            ).fetchone()
            return row is not None and row[0] == 0
    except StoreError:
        return False
