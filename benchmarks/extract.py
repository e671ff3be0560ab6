"""Extraction speed: offramp's whole ingest + extract path against a bare spaCy parse.

Builds a corpus of article-like texts (>= 50k words by default) by recombining the
sentences of the shared seed articles (a seeded shuffle; actor names varied so the
documents are not near-duplicates), then, pinned to one CPU core, times
(a) ``nlp.pipe`` over the texts (the parse alone) with the model as spaCy loads it; offramp's
    own parse (the same annotations, its attribute ruler quicker: docs/decisions.md) is
    timed too and printed beside it, with the ratio against it, and
(b) ``offramp.ingest.ingest`` of the texts as files into a fresh store, with
    extraction (actors, dates, places, events, claims, merging),
and prints words/s for both and their ratio (goal >= 0.70). (a) and (b) alternate
``--repeat`` times and the medians are printed, by the wall clock and by this
process's CPU time (the machine may be shared: CPU time is what contention
inflates least). Each run is a pair of fresh processes, and (b) is printed twice:
cold, offramp's one-time loads (gazetteer, lexicons, place tables; about 0.6 s) inside
the timing, as they count for a user's ``offramp ingest``; and warm, those loads done
first by ingesting one other article, as spaCy's model load is done before (a) is
timed. The warm ratio is the steady-state throughput, what the goal is about (both
sides then time the same kind of work); the cold one is printed beside it. Peak memory (max RSS) of (b) is measured in a fresh process at
two corpus sizes to show it stays flat.

Then, at scale, two corpora that ``generate`` writes (article-like texts from templates and
random names, numbers and dates; nothing copied), each ingested in a fresh process:
(c) ``--docs`` distinct documents (10,000 by default), ingested 1,000 at a time into one
    store: seconds per 1,000 documents at 1k, 5k and 10k (goal: flat) and peak RSS (goal < 2 GB);
(d) a reprint-heavy corpus: ``--copies`` copies of each of two wire stories (each outlet adds
    its own credit line): events and near-duplicate links against one copy's (goal: one copy's
    events; links linear in copies) and peak RSS.

    .venv/bin/python benchmarks/extract.py [--words 50000] [--seed 7] [--repeat 3] [--docs 10000]
        [--copies 128] [--skip-ratio] [--skip-scale]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEEDS = Path(os.environ.get("OFFRAMP_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "seeds"
# Pairs swapped in some documents so recombined texts differ (and other actors get coded).
SWAPS = [("India", "Israel"), ("Pakistan", "Iran"), ("Indian", "Israeli"), ("Pakistani", "Iranian")]


def corpus(words: int, seed: int) -> list[str]:
    sentences: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences += [s.strip() for s in re.split(r"(?<=[.!?”\"])\s+", text) if len(s.split()) > 4]
    rng = random.Random(seed)
    docs, total = [], 0
    while total < words:
        picked = rng.sample(sentences, k=min(len(sentences), rng.randint(12, 24)))
        text = " ".join(picked)
        if rng.random() < 0.5:
            for a, b in SWAPS:
                text = text.replace(a, b)
        paragraphs = [" ".join(picked[i : i + 4]) for i in range(0, len(picked), 4)]
        text = "\n\n".join(paragraphs) if rng.random() < 0.5 else text
        docs.append(text)
        total += len(text.split())
    return docs


def pin() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def run_offramp(docs: list[str], folder: Path) -> tuple[float, float]:
    from offramp.ingest import ingest
    from offramp.store import Store

    paths = []
    for i, text in enumerate(docs):
        p = folder / f"doc{i:05d}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    with Store(folder / "bench.duckdb") as store:
        t0, c0 = time.perf_counter(), time.process_time()
        ingest(store, paths)
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
        counts = store.counts()
    print(
        f"  store: {counts['documents']} documents, {counts['events']} events, {counts['claims']} claims",
        file=sys.stderr,
    )
    return elapsed, cpu


def run_parse(docs: list[str], quick: bool = False) -> tuple[float, float]:
    """``nlp.pipe`` over the texts: the model as spaCy loads it (the baseline), or with offramp's
    quicker attribute ruler (``quick``, the parse offramp runs)."""
    from offramp.extract.nlp import load_nlp

    nlp = load_nlp(quick=quick)
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(docs, batch_size=32):
        pass
    return time.perf_counter() - t0, time.process_time() - c0


def stage_times(docs: list[str]) -> dict[str, float]:
    """CPU seconds per extraction stage (and the parse) over the corpus, without the store (CPU
    time, as for the ratio: on a shared machine the wall clock mostly measures the others)."""
    from offramp.extract.pipeline import DEFAULT_STAGES, DocRecord, Pipeline
    from offramp.records import Document

    pipeline = Pipeline(DEFAULT_STAGES)
    times = dict.fromkeys(["parse", *pipeline.names], 0.0)
    t0 = time.process_time()
    parsed = list(pipeline.nlp.pipe(docs, batch_size=32))
    times["parse"] = time.process_time() - t0
    for text, doc in zip(docs, parsed, strict=True):
        record = DocRecord(document=Document(text=text), doc=doc)
        for stage in pipeline.stages:
            t = time.process_time()
            record = stage(record)
            times[stage.name] += time.process_time() - t
    return times


def child(words: int, seed: int) -> None:
    """Measure peak memory of the whole path in this (fresh) process."""
    pin()
    docs = corpus(words, seed)
    with tempfile.TemporaryDirectory() as tmp:
        run_offramp(docs, Path(tmp))
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"words": sum(len(d.split()) for d in docs), "peak_mb": peak_kb / 1024}))


def timed(words: int, seed: int, warm: bool = False) -> None:
    """One timing in this (fresh) process: the bare parse, then the whole path. ``warm``: offramp's
    one-time loads (gazetteer, lexicons, place tables) are done before the timing, as spaCy's model
    load is for the parse, by ingesting one generated article (not in the corpus, so no per-text
    cache is warmed) into a throwaway store."""
    pin()
    docs = corpus(words, seed)
    from offramp.extract.nlp import load_nlp

    load_nlp(quick=False)  # load once, outside the timings
    load_nlp()
    run_parse(docs[:5])  # warm up
    run_parse(docs[:5], quick=True)
    parse = run_parse(docs)
    own = run_parse(docs, quick=True)
    with tempfile.TemporaryDirectory() as tmp:
        loads = (0.0, 0.0)
        if warm:
            (Path(tmp) / "warm").mkdir()
            loads = run_offramp([article(random.Random(seed + 1))], Path(tmp) / "warm")
        full = run_offramp(docs, Path(tmp))
    print(json.dumps({"parse": parse, "own": own, "full": full, "loads": loads}))


# --- generated corpora (scale and reprints) ---------------------------------------------------
STATES = ["Armenia", "Azerbaijan", "Ethiopia", "Eritrea", "Venezuela", "Guyana", "Serbia", "Kosovo", "Sudan",
          "Chad", "Peru", "Chile", "Georgia", "Moldova", "Somalia", "Kenya"]  # fmt: skip
CITIES = ["Yerevan", "Baku", "Addis Ababa", "Asmara", "Caracas", "Georgetown", "Belgrade", "Pristina",
          "Khartoum", "N'Djamena", "Lima", "Santiago", "Tbilisi", "Chisinau", "Mogadishu", "Nairobi"]  # fmt: skip
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TEMPLATES = [
    "{a} said on {day} that its forces had struck positions near {city}, killing {n} people.",
    "The foreign minister of {a} met his counterpart from {b} in {city} on {date}.",
    "{a} accused {b} of violating the ceasefire along their shared border{tail}.",
    "{a} recalled its ambassador from {b} after the incident on {date}.",
    "Officials in {city} said {n} soldiers were wounded when {a} shelled villages across the frontier.",
    "{a} and {b} agreed on {day} to resume talks on the disputed boundary{tail}.",
    "The government of {a} threatened to impose sanctions on {b} if the attacks continued.",
    "{a} deployed {n} additional troops to the border with {b}, a defence ministry statement said.",
    "Aid agencies said {n} families had fled the fighting around {city} since {date}.",
    "{c} urged {a} and {b} to show restraint and return to negotiations{tail}.",
    "{a} denied that its drones had crossed into the airspace of {b} on {day}.",
    "Markets in {city} were calm on {day}, traders said, despite the news from the border.",
    "{a} released {n} prisoners captured during clashes with {b} in {month}.",
    "The United Nations said it would send a monitoring mission to {city} within {n} days.",
    "A spokesman for {a} said the country would respond to any aggression by {b}{tail}.",
    "{c} offered to mediate between {a} and {b}, its president told reporters in {city}.",
    "Residents of {city} reported explosions late on {day} as air defences were activated.",
    "{a} expelled {n} diplomats from {b}, accusing them of activities against the state.",
    "Parliament in {a} voted on {date} to extend the state of emergency by {n} days.",
    "Analysts in {city} said the crisis between {a} and {b} was the worst in {n} years.",
    "{b} said on {day} that it had shot down {n} drones launched from {a}.",
    "Talks between {a} and {b} in {city} ended on {date} without an agreement{tail}.",
    "{a} announced a loan of {n} million dollars to {c} to rebuild roads and bridges.",
    "The defence minister of {a} visited troops near the frontier with {b} on {day}.",
]
TAILS = ["", "", "", ", officials said", ", according to state media", ", a statement said",
         " after days of tension", ", diplomats said"]  # fmt: skip


def article(rng: random.Random, n_sentences: int | None = None) -> str:
    """One article-like text: a dateline, then sentences from the templates with random
    states, cities, dates and numbers (so no two texts are near-duplicates)."""
    month = rng.randrange(len(MONTHS))
    day = rng.randint(1, 28)
    lines = [f"{rng.choice(CITIES).upper()}, {MONTHS[month]} {day} —"]
    for _ in range(n_sentences or rng.randint(8, 16)):
        a, b, c = rng.sample(STATES, 3)
        lines.append(
            rng.choice(TEMPLATES).format(
                a=a,
                b=b,
                c=c,
                city=rng.choice(CITIES),
                n=rng.randint(2, 400),
                day=rng.choice(DAYS),
                date=f"{rng.randint(1, 28)} {MONTHS[month]}",
                month=MONTHS[month],
                tail=rng.choice(TAILS),
            )
        )
    paragraphs = [" ".join(lines[i : i + 3]) for i in range(0, len(lines), 3)]
    return "\n\n".join(paragraphs)


def _write_jsonl(path: Path, texts: list[str], urls: list[str]) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for text, url in zip(texts, urls, strict=True):
            f.write(json.dumps({"url": url, "text": text}) + "\n")
    return path


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def scale(docs: int, seed: int) -> None:
    """(c) in this (fresh) process: distinct documents, 1,000 at a time into one store."""
    from offramp.ingest import ingest
    from offramp.store import Store

    pin()
    rng = random.Random(seed)
    chunks = []
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "scale.duckdb") as store:
        for start in range(0, docs, 1000):
            n = min(1000, docs - start)
            texts = [article(rng) for _ in range(n)]
            urls = [f"https://news{start + i}.example/story" for i in range(n)]
            path = _write_jsonl(Path(tmp) / f"chunk{start}.jsonl", texts, urls)
            t0, c0 = time.perf_counter(), time.process_time()
            report = ingest(store, [path])
            chunks.append(
                {
                    "upto": start + n,
                    "docs": n,
                    "words": sum(len(t.split()) for t in texts),
                    "wall": time.perf_counter() - t0,
                    "cpu": time.process_time() - c0,
                    "near": report.count("near-duplicate"),
                    "peak_mb": _peak_mb(),
                }
            )
            print(json.dumps(chunks[-1]), file=sys.stderr)
        counts = store.counts()
    print(json.dumps({"chunks": chunks, "counts": counts, "peak_mb": _peak_mb()}))


def reprints(copies: int, seed: int) -> None:
    """(d) in this (fresh) process: one copy of two stories, then ``copies`` copies of each."""
    from offramp.analysis.queries import event_records
    from offramp.ingest import ingest
    from offramp.store import Store

    pin()
    rng = random.Random(seed)
    stories = [article(rng, 14), article(rng, 14)]
    result: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, n in (("one", 1), ("many", copies)):
            texts = [
                f"{story}\n\nReporting by the {i}th desk of outlet {i}."
                for story in stories
                for i in range(n)
            ]
            urls = [f"https://outlet{i}.example/{k}" for k in range(2) for i in range(n)]
            path = _write_jsonl(Path(tmp) / f"{label}.jsonl", texts, urls)
            with Store(Path(tmp) / f"{label}.duckdb") as store:
                t0 = time.perf_counter()
                ingest(store, [path])
                elapsed = time.perf_counter() - t0
                rows = event_records(store)
                result[label] = {
                    "documents": len(texts),
                    "events": len(rows),
                    "sources_per_event": float(rows["n_sources"].mean()) if len(rows) else 0.0,
                    "links": store.counts()["near_duplicates"],
                    "seconds": elapsed,
                }
    result["peak_mb"] = _peak_mb()
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs, each in a fresh process")
    parser.add_argument("--docs", type=int, default=10_000, help="distinct documents for the scale run")
    parser.add_argument("--copies", type=int, default=128, help="copies of each wire story")
    parser.add_argument("--skip-ratio", action="store_true", help="skip the ratio and stage timings")
    parser.add_argument("--skip-scale", action="store_true", help="skip the scale and reprint runs")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--timed", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--warm", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--scale", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--reprints", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.words, args.seed)
        return
    if args.timed:
        timed(args.words, args.seed, warm=args.warm)
        return
    if args.scale:
        scale(args.docs, args.seed)
        return
    if args.reprints:
        reprints(args.copies, args.seed)
        return
    if not args.skip_ratio:
        ratio_and_stages(args)
    if not args.skip_scale:
        scale_and_reprints(args)


def scale_and_reprints(args: argparse.Namespace) -> None:
    result = _fresh_process("--scale", args.words, args.seed, "--docs", str(args.docs))
    chunks = result["chunks"]
    assert isinstance(chunks, list)
    print(f"distinct documents ({args.docs}, generated, ingested 1,000 at a time into one store, one core):")
    for c in chunks:
        if c["upto"] in (1000, 5000, 10_000) or c is chunks[-1]:
            per = 1000 / c["docs"]
            print(
                f"  at {c['upto']:6d} documents: {c['wall'] * per:7.1f} s wall, {c['cpu'] * per:7.1f} s cpu"
                f" per 1,000 documents ({c['words'] / c['wall']:.0f} words/s; {c['near']} near-duplicates;"
                f" peak RSS so far {c['peak_mb']:.0f} MB)"
            )
    print(f"  store: {result['counts']}; peak RSS {result['peak_mb']:.0f} MB (goal < 2048 MB)")
    rep = _fresh_process("--reprints", args.words, args.seed, "--copies", str(args.copies))
    one, many = rep["one"], rep["many"]
    assert isinstance(one, dict) and isinstance(many, dict)
    print(f"reprints: two wire stories, one copy each vs {args.copies} copies each:")
    for label, r in (("one copy", one), (f"{args.copies} copies", many)):
        print(
            f"  {label:>12}: {r['documents']} documents, {r['events']} events"
            f" ({r['sources_per_event']:.1f} sources each), {r['links']} near-duplicate links, {r['seconds']:.1f} s"
        )
    print(f"  peak RSS {rep['peak_mb']:.0f} MB (goal: one copy's events, links linear in copies)")


def ratio_and_stages(args: argparse.Namespace) -> None:
    pin()
    docs = corpus(args.words, args.seed)
    n_words = sum(len(d.split()) for d in docs)
    print(f"corpus: {len(docs)} documents, {n_words} words (one core)")
    # each run is a pair of fresh processes: cold (offramp's one-time loads inside the timing, as
    # for a user's ``offramp ingest``) and warm (those loads done first, as spaCy's model load is
    # for the bare parse: the steady-state throughput, the ratio's goal); docs/decisions.md
    runs: dict[str, list[dict[str, list[float]]]] = {"cold": [], "warm": []}
    for _ in range(args.repeat):
        for kind in ("cold", "warm"):
            extra = ("--warm",) if kind == "warm" else ()
            runs[kind].append(_fresh_process("--timed", args.words, args.seed, *extra))  # type: ignore[arg-type]
    every = runs["cold"] + runs["warm"]
    for label, k in (("wall", 0), ("cpu", 1)):
        parse_s = statistics.median(r["parse"][k] for r in every)
        own_s = statistics.median(r["own"][k] for r in every)
        print(f"[{label} clock, median of {args.repeat} runs]")
        print(
            f"  bare nlp.pipe parse      : {n_words / parse_s:10.0f} words/s ({parse_s:.1f} s; the model as spaCy loads it)"
        )
        print(
            f"  offramp's own parse      : {n_words / own_s:10.0f} words/s ({own_s:.1f} s; its quicker attribute ruler)"
        )
        for kind, note in (("cold", "one-time loads timed"), ("warm", "one-time loads done first")):
            rs = runs[kind]
            full_s = statistics.median(r["full"][k] for r in rs)
            loads = statistics.median(r["loads"][k] for r in rs) if kind == "warm" else None
            extra_note = f"; the warm-up ingest took {loads:.1f} s" if loads is not None else ""
            print(f"  offramp ingest + extract, {kind} ({note}{extra_note}):")
            print(f"    {n_words / full_s:10.0f} words/s ({full_s:.1f} s)")
            # each run times both in the same process, one after the other: its ratio is a paired figure
            ratios = [r["parse"][k] / r["full"][k] for r in rs]
            own_ratios = [r["own"][k] / r["full"][k] for r in rs]
            print(
                f"    ratio of the medians {parse_s / full_s:.2f}; median of run ratios"
                f" {statistics.median(ratios):.2f} (runs: {', '.join(f'{x:.2f}' for x in ratios)});"
                f" against offramp's own parse {statistics.median(own_ratios):.2f}"
            )
    print("goal: the warm ratio (steady-state throughput) >= 0.70")
    times = stage_times(docs)
    print("per stage (CPU s): " + ", ".join(f"{name} {sec:.2f}" for name, sec in times.items()))
    for words in (args.words // 2, args.words):
        result = _fresh_process("--child", words, args.seed)
        print(f"peak memory at {result['words']:6d} words: {result['peak_mb']:.0f} MB")


def _fresh_process(mode: str, words: int, seed: int, *extra: str) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, __file__, mode, "--words", str(words), "--seed", str(seed), *extra],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if out.returncode != 0:
        raise SystemExit(f"the {mode} run failed:\n{out.stderr}")
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


if __name__ == "__main__":
    main()
