"""Peak memory of ``offramp ingest`` on hostile inputs (issue 12), each in its own process.

Cases (inputs are made in a temporary folder and deleted afterwards):

- ``text-100MB``: one 100 MB plain-text file (target: under 2 GB, or refused naming the cap);
- ``article-at-cap``: one article of exactly ``max_document_chars`` characters, stored (no extraction);
- ``long-article-extracted``: a 1,360,000-character article (over spaCy's 1,000,000 ``max_length``)
  ingested and extracted section by section, then a short article after it;
- ``zip-bomb-10GiB``: a GDELT-named zip of about 10 MB that expands to 10 GiB (target: under 500 MB
  before it is refused).

Peak resident memory is the child's ``ru_maxrss`` (``os.wait4``), so each case is measured alone.

    .venv/bin/python benchmarks/hostile_memory.py [--only text-100MB,zip-bomb-10GiB]
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path

from offramp import config

OFFRAMP = str(Path(sys.executable).with_name("offramp"))
MB = 1_000_000
# Sentences of our own writing, varied by a counter so the text is not one repeated line.
LINE = "Report {i}: officials in Georgetown said on {d} May that talks with Caracas would resume.\n"


def text_file(folder: Path, size: int, name: str) -> Path:
    path = folder / name
    with open(path, "w", encoding="utf-8") as fh:
        written, i = 0, 0
        while written < size:
            chunk = "".join(LINE.format(i=i + k, d=1 + (i + k) % 28) for k in range(1000))
            chunk = chunk[: size - written]
            fh.write(chunk)
            written += len(chunk)
            i += 1000
    return path


def zip_bomb(folder: Path, size: int = 10 << 30) -> Path:
    """A one-member zip whose member is ``size`` zero bytes, written without compressing them all:
    after a full flush, deflate codes each further block of zeros with the same bytes."""
    block = 1 << 24
    assert size % block == 0
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = comp.compress(b"\0" * block) + comp.flush(zlib.Z_FULL_FLUSH)
    repeat = comp.compress(b"\0" * block) + comp.flush(zlib.Z_FULL_FLUSH)
    tail = comp.flush()
    blocks = size // block
    crc = 0
    zeros = b"\0" * block
    for _ in range(blocks):
        crc = zlib.crc32(zeros, crc)
    compressed = len(first) + len(repeat) * (blocks - 1) + len(tail)
    name = b"20250511180000.export.CSV"
    zip64 = struct.pack("<HHQQ", 1, 16, size, compressed)
    path = folder / "20250511180000.export.CSV.zip"
    with open(path, "wb") as fh:
        fh.write(
            struct.pack(
                "<IHHHHHIIIHH",
                0x04034B50,
                45,
                0,
                8,
                0,
                0x21,
                crc,
                0xFFFFFFFF,
                0xFFFFFFFF,
                len(name),
                len(zip64),
            )
        )
        fh.write(name + zip64)
        fh.write(first)
        for _ in range(blocks - 1):
            fh.write(repeat)
        fh.write(tail)
        central = fh.tell()
        # central directory entry: signature, versions, flags, method, time, date, crc, sizes (in the
        # zip64 extra), name and extra lengths, comment, disk, attributes, local header offset 0
        header = (0x02014B50, 45, 45, 0, 8, 0, 0x21, crc, 0xFFFFFFFF, 0xFFFFFFFF, len(name), len(zip64))
        fh.write(struct.pack("<IHHHHHHIIIHHHHHII", *header, 0, 0, 0, 0, 0))
        fh.write(name + zip64)
        end = fh.tell()
        fh.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, end - central, central, 0))
    return path


def run(args: list[str]) -> tuple[int, float, float, str]:
    """(exit code, seconds, peak RSS in MB, last line of stderr) of one offramp command."""
    start = time.monotonic()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([OFFRAMP, *args], stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        lines = [ln for ln in err.read().decode("utf-8", "replace").splitlines() if ln.strip()]
    return proc.returncode, time.monotonic() - start, usage.ru_maxrss / 1024, (lines[-1] if lines else "")


def case_text_100mb(folder: Path) -> list[str]:
    return ["ingest", str(text_file(folder, 100 * MB, "big.txt")), "--db", str(folder / "t.duckdb")]


def case_article_at_cap(folder: Path) -> list[str]:
    cap = int(config.get("max_document_chars"))
    path = text_file(folder, cap, "cap.txt")
    return ["ingest", str(path), "--no-extract", "--db", str(folder / "c.duckdb")]


def case_long_article_extracted(folder: Path) -> list[str]:
    long = folder / "long.txt"
    long.write_text("Officials said markets were calm. " * 40_000, encoding="utf-8")
    short = folder / "short.txt"
    short.write_text("Guyana said on 2 March 2024 that Venezuelan troops massed near the Essequibo.")
    return ["ingest", str(long), str(short), "--db", str(folder / "l.duckdb")]


def case_zip_bomb(folder: Path) -> list[str]:
    return ["ingest", str(zip_bomb(folder)), "--db", str(folder / "z.duckdb")]


CASES: dict[str, Callable[[Path], list[str]]] = {
    "text-100MB": case_text_100mb,
    "article-at-cap": case_article_at_cap,
    "long-article-extracted": case_long_article_extracted,
    "zip-bomb-10GiB": case_zip_bomb,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(CASES), help="comma-separated cases")
    chosen = parser.parse_args().only.split(",")
    print(f"{'case':24} {'exit':>4} {'seconds':>8} {'peak MB':>8}  message")
    for name in chosen:
        folder = Path(tempfile.mkdtemp(prefix="offramp-bench-"))
        try:
            args = CASES[name](folder)
            code, seconds, peak, message = run(args)
            print(f"{name:24} {code:>4} {seconds:>8.1f} {peak:>8.0f}  {message[:150]}", flush=True)
        finally:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
