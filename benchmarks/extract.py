"""Extraction speed: offramp's whole ingest + extract path against a bare spaCy parse.

Builds a corpus of article-like texts (>= 50k words by default) by recombining the
sentences of the shared seed articles (a seeded shuffle; actor names varied so the
documents are not near-duplicates), then, pinned to one CPU core, times
(a) ``nlp.pipe`` over the texts (the parse alone), and
(b) ``offramp.ingest.ingest`` of the texts as files into a fresh store, with
    extraction (actors, dates, places, events, claims, merging),
and prints words/s for both and their ratio (goal >= 0.70). (a) and (b) alternate
``--repeat`` times and the medians are printed, by the wall clock and by this
process's CPU time (the machine may be shared: CPU time is what contention
inflates least). Each run is a fresh process, so one-time loads (gazetteer,
lexicons) count as they do for a user's ``offramp ingest``. Peak memory (max RSS) of (b) is measured in a fresh process at
two corpus sizes to show it stays flat.

    .venv/bin/python benchmarks/extract.py [--words 50000] [--seed 7] [--repeat 3]
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


def run_parse(docs: list[str]) -> tuple[float, float]:
    from offramp.extract.nlp import load_nlp

    nlp = load_nlp()
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(docs, batch_size=32):
        pass
    return time.perf_counter() - t0, time.process_time() - c0


def stage_times(docs: list[str]) -> dict[str, float]:
    """Seconds per extraction stage (and the parse) over the corpus, without the store."""
    from offramp.extract.pipeline import DEFAULT_STAGES, DocRecord, Pipeline
    from offramp.records import Document

    pipeline = Pipeline(DEFAULT_STAGES)
    times = dict.fromkeys(["parse", *pipeline.names], 0.0)
    t0 = time.perf_counter()
    parsed = list(pipeline.nlp.pipe(docs, batch_size=32))
    times["parse"] = time.perf_counter() - t0
    for text, doc in zip(docs, parsed, strict=True):
        record = DocRecord(document=Document(text=text), doc=doc)
        for stage in pipeline.stages:
            t = time.perf_counter()
            record = stage(record)
            times[stage.name] += time.perf_counter() - t
    return times


def child(words: int, seed: int) -> None:
    """Measure peak memory of the whole path in this (fresh) process."""
    pin()
    docs = corpus(words, seed)
    with tempfile.TemporaryDirectory() as tmp:
        run_offramp(docs, Path(tmp))
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"words": sum(len(d.split()) for d in docs), "peak_mb": peak_kb / 1024}))


def timed(words: int, seed: int) -> None:
    """One timing in this (fresh) process: the bare parse, then the whole path."""
    pin()
    docs = corpus(words, seed)
    from offramp.extract.nlp import load_nlp

    load_nlp()  # load once, outside both timings
    run_parse(docs[:5])  # warm up
    parse = run_parse(docs)
    with tempfile.TemporaryDirectory() as tmp:
        full = run_offramp(docs, Path(tmp))
    print(json.dumps({"parse": parse, "full": full}))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs, each in a fresh process")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--timed", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.words, args.seed)
        return
    if args.timed:
        timed(args.words, args.seed)
        return
    pin()
    docs = corpus(args.words, args.seed)
    n_words = sum(len(d.split()) for d in docs)
    print(f"corpus: {len(docs)} documents, {n_words} words (one core)")
    parse: list[tuple[float, float]] = []
    full: list[tuple[float, float]] = []
    for _ in range(args.repeat):
        result = _fresh_process("--timed", args.words, args.seed)
        parse.append(tuple(result["parse"]))  # type: ignore[arg-type]
        full.append(tuple(result["full"]))  # type: ignore[arg-type]
    for label, k in (("wall", 0), ("cpu", 1)):
        parse_s = statistics.median(p[k] for p in parse)
        full_s = statistics.median(f[k] for f in full)
        parse_wps, full_wps = n_words / parse_s, n_words / full_s
        ratios = [p[k] / f[k] for p, f in zip(parse, full, strict=True)]
        print(f"[{label} clock, median of {args.repeat} runs]")
        print(f"  bare nlp.pipe parse      : {parse_wps:10.0f} words/s ({parse_s:.1f} s)")
        print(f"  offramp ingest + extract : {full_wps:10.0f} words/s ({full_s:.1f} s)")
        print(f"  ratio of the medians     : {full_wps / parse_wps:.2f} (goal >= 0.70)")
        # each run times both in the same process, one after the other: its ratio is a paired figure
        runs = ", ".join(f"{r:.2f}" for r in ratios)
        print(f"  median of run ratios     : {statistics.median(ratios):.2f} (runs: {runs})")
    times = stage_times(docs)
    print("per stage (s): " + ", ".join(f"{name} {sec:.1f}" for name, sec in times.items()))
    for words in (args.words // 2, args.words):
        result = _fresh_process("--child", words, args.seed)
        print(f"peak memory at {result['words']:6d} words: {result['peak_mb']:.0f} MB")


def _fresh_process(mode: str, words: int, seed: int) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, __file__, mode, "--words", str(words), "--seed", str(seed)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if out.returncode != 0:
        raise SystemExit(f"the {mode} run failed:\n{out.stderr}")
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


if __name__ == "__main__":
    main()
