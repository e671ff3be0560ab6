"""Articles as records: JSON lines (one object per line) or CSV with a header.

Each record gives ``text`` (required) and optionally ``title``, ``url``,
``published`` (YYYY-MM-DD) and ``source``; other fields go to ``meta``. A bad
record (broken JSON, a bad date, no text, a row with the wrong number of
fields) becomes an ``InputError`` naming its line, and the rest still go in.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import FormatError, InputError
from ..records import Document
from . import Item, ReadOptions, register_reader
from .detect import first_line
from .text import decode_text, parse_date, read_bytes

__all__ = ["FIELDS", "REQUIRED", "read_csv", "read_jsonl"]

FIELDS = ("text", "title", "url", "published", "source")
REQUIRED = ("text",)

# big article bodies in one CSV cell are normal; the csv module's default cap is 128 KiB
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def _document(record: dict[str, Any], where: str, fmt: str, path: Path, options: ReadOptions) -> Item:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return InputError("the record has no text", where=where, hint="give each record a non-empty 'text'")
    try:
        published = parse_date(record.get("published"))
    except ValueError as exc:
        return InputError(f"published: {exc}", where=where, hint="write dates as YYYY-MM-DD")
    published_from = "column" if published else None
    if published is None and options.published is not None:
        published, published_from = options.published, "cli"
    meta: dict[str, Any] = {"record": where}
    extra = {k: v for k, v in record.items() if k not in FIELDS and v not in (None, "")}
    if extra:
        meta["fields"] = {
            str(k): v if isinstance(v, str | int | float | bool) else json.dumps(v) for k, v in extra.items()
        }

    def _opt(key: str) -> str | None:
        value = record.get(key)
        return str(value).strip() or None if value not in (None, "") else None

    return Document(
        text=text.strip(),
        title=_opt("title"),
        url=_opt("url") or options.url,
        source=_opt("source") or options.source,
        published=published,
        published_from=published_from,
        path=str(path),
        format=fmt,
        meta=meta,
    )


def _local(path: Path | str, kind: str) -> Path:
    if isinstance(path, str) and "://" in path:
        raise InputError(f"{kind} files are read from disk", where=path, hint="download the file first")
    return Path(path)


def json_lines(head: bytes, name: str) -> bool:
    """The first line is one JSON object (braces at both ends)."""
    line = first_line(head)
    return line.lstrip().startswith("{") and line.rstrip().endswith("}")


@register_reader("jsonl", patterns=("*.jsonl", "*.ndjson"), sniff=json_lines, rank=40)
def read_jsonl(path: Path | str, options: ReadOptions) -> Iterator[Item]:
    """One ``Document`` per JSON object line."""
    path = _local(path, "JSONL")
    data = read_bytes(path)
    if not data.strip():
        raise InputError("the file is empty", where=str(path), hint="check the file, or leave it out")
    text, _ = decode_text(data, str(path))
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:line {n}"
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            msg = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deep"
            yield InputError(f"not valid JSON ({msg})", where=where, hint="each line must be one JSON object")
            continue
        if not isinstance(record, dict):
            yield InputError(
                f"a JSON {type(record).__name__}, not an object",
                where=where,
                hint="each line must be one JSON object",
            )
            continue
        yield _document(record, where, "jsonl", path, options)


@register_reader("csv", patterns=("*.csv",), rank=60)
def read_csv(path: Path | str, options: ReadOptions) -> Iterator[Item]:
    """One ``Document`` per CSV row; the header names the columns."""
    path = _local(path, "CSV")
    data = read_bytes(path)
    if not data.strip():
        raise InputError("the file is empty", where=str(path), hint="check the file, or leave it out")
    text, _ = decode_text(data, str(path))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise FormatError(f"the header is not valid CSV ({exc})", where=f"{path}:line 1") from None
    names = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise FormatError(
            f"missing column(s) {', '.join(missing)}; found {', '.join(n for n in names if n)[:200] or 'none'}",
            where=f"{path}:line 1",
            hint=f"an article CSV needs a header with {', '.join(REQUIRED)} (and optionally {', '.join(FIELDS[1:])})",
        )
    last = reader.line_num
    while True:
        start = last + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            # an unclosed quote runs to the end of the file: nothing after it can be read
            yield InputError(
                f"not valid CSV ({exc})",
                where=f"{path}:line {start}",
                hint="check the quoting; rows before it went in",
            )
            break
        last = reader.line_num
        where = f"{path}:line {start}"
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(names):
            yield InputError(
                f"{len(row)} fields where the header has {len(names)}",
                where=where,
                hint="quote fields that contain commas or line breaks",
            )
            continue
        yield _document(dict(zip(names, row, strict=True)), where, "csv", path, options)
