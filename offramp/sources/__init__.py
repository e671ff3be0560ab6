"""Readers: one module per input format, all with the same shape.

A reader is a function ``read(source, options) -> Iterator[Item]`` registered
under a format name; ``source`` is a ``Path``, or a ``str`` URL for readers
that fetch (html, feed). It yields, for each input it finds:

- ``Document`` for an article (text, HTML page, feed entry, JSONL/CSV row);
- ``Dataset`` for an event file (GDELT, ACLED): the file's ``Document`` plus
  its events as an Arrow table whose columns are ``events`` columns;
- ``InputError`` (yielded, not raised) for one bad record, so the rest of the
  file still goes in.

Raising ``InputError`` means the whole input failed.

Each reader module registers itself (``register_reader``) with what detection
needs: the file names it claims, a ``sniff(head, name)`` for files with no
telling name, and the URLs it reads. ``detect_format`` and ``detect_url`` ask
the registry (``offramp.sources.detect``); ``--format`` overrides them and its
help lists the registry. A new reader is one module here plus its tests
(docs/extending.md).
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import functools
import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from ..errors import InputError
from ..records import Document

__all__ = [
    "Dataset",
    "Format",
    "Item",
    "ReadOptions",
    "Reader",
    "Sniff",
    "detect_format",
    "detect_url",
    "format_names",
    "formats",
    "get_reader",
    "register_reader",
    "unregister_reader",
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
Sniff = Callable[[bytes, str], bool]


@dataclass(frozen=True)
class Format:
    """A registered reader and how detection recognises its inputs.

    ``patterns`` are file names it claims (``fnmatch`` globs, matched against the
    lower-cased name); ``sniff(head, name)`` says from the first bytes that a file
    with no telling name is in this format; ``inside`` maps another format to the
    test that unmasks this one behind that format's name (GDELT rows in a ``.csv``);
    ``archives`` are the names of a zip's single member it reads; ``urls`` the URLs it
    reads (globs on the lower-cased URL without its query). Formats are asked in
    ``rank`` order, lowest first.
    """

    name: str
    read: Reader
    patterns: tuple[str, ...] = ()
    sniff: Sniff | None = None
    inside: dict[str, Sniff] = field(default_factory=dict)
    archives: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    rank: int = 100

    def claims(self, name: str) -> bool:
        """Whether this format claims the (lower-cased) file ``name`` by its patterns."""
        return any(fnmatch.fnmatchcase(name, p) for p in self.patterns)


_FORMATS: dict[str, Format] = {}
# Helper modules of this package that are not readers.
_NOT_READERS = frozenset({"detect", "fetch", "language"})


def register_reader(
    name: str,
    *,
    patterns: tuple[str, ...] = (),
    sniff: Sniff | None = None,
    inside: dict[str, Sniff] | None = None,
    archives: tuple[str, ...] = (),
    urls: tuple[str, ...] = (),
    rank: int = 100,
) -> Callable[[Reader], Reader]:
    """Register the decorated function as the reader of format ``name`` (see ``Format``).

    A reader module in this package is found and imported on first use; a reader
    elsewhere registers when its module is imported. Registering a name again replaces it.
    """

    def deco(fn: Reader) -> Reader:
        _FORMATS[name] = Format(
            name, fn, tuple(patterns), sniff, dict(inside or {}), tuple(archives), tuple(urls), rank
        )
        return fn

    return deco


def unregister_reader(name: str) -> None:
    """Forget the format ``name`` (a reader registered for a while, as in a test)."""
    _FORMATS.pop(name, None)


@functools.cache
def _load_readers() -> None:
    """Import every reader module of this package, so that each registers its format."""
    for module in pkgutil.iter_modules(__path__):
        if not module.name.startswith("_") and module.name not in _NOT_READERS:
            importlib.import_module(f"{__name__}.{module.name}")


def formats() -> list[Format]:
    """Every registered format, in the order detection asks them (``rank``, then registration)."""
    _load_readers()
    return sorted(_FORMATS.values(), key=lambda f: f.rank)


def format_names() -> list[str]:
    """The names ``--format`` accepts, in detection order."""
    return [f.name for f in formats()]


def get_reader(name: str) -> Reader:
    _load_readers()
    if name not in _FORMATS:
        raise InputError(f"unknown format {name!r}", hint=f"use one of {', '.join(sorted(_FORMATS))}")
    return _FORMATS[name].read


def detect_format(path: Path, head: bytes | None = None) -> str:
    """The format of ``path`` from its first bytes and its name."""
    from .detect import detect

    return detect(path, head)


def detect_url(url: str) -> str:
    """The format of the input at ``url``, from the URL alone."""
    from .detect import detect_url as _detect_url

    return _detect_url(url)
