"""Readers: one module per input format, all with the same shape.

A reader is a function ``read(source, options) -> Iterator[Item]`` registered
under a format name; ``source`` is a ``Path``, or a ``str`` URL for readers
that fetch (html, feed). It yields, for each input it finds:

- ``Document`` for an article (text, HTML page, feed entry, JSONL/CSV row);
- ``Dataset`` for an event file (GDELT, ACLED): the file's ``Document`` plus
  its events as an Arrow table whose columns are ``events`` columns;
- ``InputError`` (yielded, not raised) for one bad record, so the rest of the
  file still goes in.

Raising ``InputError`` means the whole input failed. ``detect_format`` picks a
reader from the content and the file name; ``--format`` overrides it.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from ..errors import InputError
from ..records import Document

__all__ = [
    "FORMATS",
    "Dataset",
    "Item",
    "ReadOptions",
    "Reader",
    "detect_format",
    "get_reader",
    "register_reader",
]


@dataclass
class ReadOptions:
    """What the user said about the inputs (CLI flags): they override what a
    reader finds in the file only where the file says nothing."""

    published: dt.date | None = None
    source: str | None = None
    url: str | None = None
    allow_private: bool = False
    update: bool = False  # a document already stored takes the new metadata (``ingest --update``)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Dataset:
    """An event dataset file: its document record and its events (Arrow, events columns)."""

    document: Document
    events: pa.Table


Item = Document | Dataset | InputError
Reader = Callable[[Path | str, ReadOptions], Iterator[Item]]

_READERS: dict[str, Reader] = {}

# format name -> module that registers it
FORMATS: dict[str, str] = {
    "text": "text",
    "markdown": "text",
    "html": "html",
    "feed": "feeds",
    "jsonl": "tables",
    "csv": "tables",
    "gdelt": "gdelt",
    "acled": "acled",
}


def register_reader(name: str) -> Callable[[Reader], Reader]:
    def deco(fn: Reader) -> Reader:
        _READERS[name] = fn
        return fn

    return deco


def get_reader(name: str) -> Reader:
    if name not in FORMATS:
        raise InputError(f"unknown format {name!r}", hint=f"use one of {', '.join(sorted(FORMATS))}")
    if name not in _READERS:
        importlib.import_module(f"offramp.sources.{FORMATS[name]}")
    return _READERS[name]


def detect_format(path: Path, head: bytes | None = None) -> str:
    """The format of ``path`` from its first bytes and its name."""
    from .detect import detect

    return detect(path, head)
