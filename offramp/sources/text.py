"""Plain text and Markdown articles, with optional YAML front matter.

Front matter is a block of ``key: value`` lines between two ``---`` lines at the
very top (``title``, ``published`` as YYYY-MM-DD, ``url``, ``source``); what it
gives is marked ``published_from='front-matter'``. The CLI's ``--published``,
``--source`` and ``--url`` fill only what the file leaves out. Also home to the
decoding and date helpers the other readers share.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from .. import config
from ..errors import FormatError, InputError
from ..ontology.calendar import as_date as parse_date  # re-exported: the readers import it from here
from ..records import Document
from . import Item, ReadOptions, register_reader

__all__ = [
    "article_cap",
    "check_article_length",
    "decode_text",
    "page_cap",
    "parse_date",
    "read_bytes",
    "read_markdown",
    "read_text",
]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
_DATE_IN_NAME = re.compile(r"(?<!\d)(20\d{2}|19\d{2})-(\d{2})-(\d{2})(?!\d)")
_FRONT_KEYS = ("title", "published", "url", "source")


def read_bytes(path: Path, *, cap: tuple[int, str, str] | None = None) -> bytes:
    """The file's bytes, as an ``InputError`` naming the file when it cannot be read or is too big.

    The size is checked before reading, against ``cap`` = (bytes, what they are the cap on, the
    setting that raises it); by default the ``max_file_bytes`` setting."""
    limit, what, setting = cap or (int(config.get("max_file_bytes")), "one file", "OFFRAMP_MAX_FILE_BYTES")
    try:
        size = Path(path).stat().st_size
        if size > limit:
            raise InputError(
                f"the file is {size:,} bytes, over the {limit:,}-byte cap on {what}",
                where=str(path),
                hint=f"split it into smaller files, or raise {setting}",
            )
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", where=str(path), hint="check the path") from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", where=str(path)) from None
    except OSError as exc:
        raise InputError(
            f"cannot read the file: {exc.strerror}", where=str(path), hint="check its permissions"
        ) from None


def article_cap() -> tuple[int, str, str]:
    """The most bytes one article's file can hold: ``max_document_chars`` of up to 4 UTF-8 bytes
    each, plus room for front matter (and never more than ``max_file_bytes``)."""
    chars = int(config.get("max_document_chars"))
    limit = min(int(config.get("max_file_bytes")), 4 * chars + 64 * 1024)
    return limit, f"one article ({chars:,} characters at most)", "OFFRAMP_MAX_DOCUMENT_CHARS"


def page_cap() -> tuple[int, str, str]:
    """A saved web page or feed is held to the cap on a fetched one."""
    return int(config.get("fetch_max_bytes")), "a page or feed", "OFFRAMP_FETCH_MAX_BYTES"


def check_article_length(text: str, where: str) -> None:
    """``InputError`` naming the cap when ``text`` is longer than one article may be."""
    cap = int(config.get("max_document_chars"))
    if len(text) > cap:
        raise InputError(
            f"the article is {len(text):,} characters, over the {cap:,}-character cap",
            where=where,
            hint="split it into several files, or raise OFFRAMP_MAX_DOCUMENT_CHARS",
        )


def read_dataset_file(path: Path | str, name: str, hint: str) -> tuple[Path, bytes]:
    """An event dataset's path and bytes: refused for URLs, an error naming the file when empty."""
    if isinstance(path, str) and "://" in path:
        raise InputError(f"{name} exports are read from disk", where=path, hint="download the file first")
    path = Path(path)
    data = read_bytes(path)
    if not data.strip():
        raise InputError("the file is empty", where=str(path), hint=hint)
    return path, data


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode_text(data: bytes, where: str, *, allow_cp1252: bool = False) -> tuple[str, str]:
    """Decode ``data`` as UTF-8 (a BOM is dropped); returns (text, encoding).

    With ``allow_cp1252`` a file that is not UTF-8 but is valid Windows-1252 is read
    as that, and the encoding says so; otherwise (or if that fails too) a
    ``FormatError`` names the line of the first bad byte.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FormatError("the file is UTF-16 text", where=where, hint="save it as UTF-8 and ingest it again")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise FormatError(
            "a binary file (it holds NUL bytes), not text",
            where=f"{where}:line {_line_of(data, nul)}",
            hint="convert it to UTF-8 text first",
        )
    try:
        text = data.decode("utf-8-sig")
        encoding = "utf-8"
    except UnicodeDecodeError as exc:
        if allow_cp1252:
            try:
                text = data.decode("cp1252")
                encoding = "cp1252"
            except UnicodeDecodeError:
                text, encoding = "", ""
        else:
            text, encoding = "", ""
        if not encoding:
            raise FormatError(
                f"not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be decoded)",
                where=f"{where}:line {_line_of(data, exc.start)}",
                hint="save the file as UTF-8 and ingest it again",
            ) from None
    controls = _CONTROL.findall(text[:20000])
    if len(controls) > max(2, len(text[:20000]) // 100):
        raise FormatError(
            "a binary file (control bytes), not text", where=where, hint="convert it to UTF-8 text first"
        )
    return text, encoding


def _front_matter(text: str, where: str) -> tuple[dict[str, Any], str, int]:
    """(front matter, body, number of lines the front matter took)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text, 0
    for i in range(1, min(len(lines), 200)):
        if lines[i].strip() in ("---", "..."):
            break
    else:
        return {}, text, 0  # a horizontal rule at the top, not front matter
    block = "\n".join(lines[1:i])
    try:
        meta = yaml.safe_load(block) if block.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        raise FormatError(
            "the front matter is not valid YAML",
            where=f"{where}:line {line}",
            hint="write it as 'key: value' lines between two '---' lines",
        ) from None
    if not isinstance(meta, dict):
        raise FormatError(
            "the front matter is not a set of 'key: value' lines",
            where=f"{where}:line 2",
            hint="write it as 'key: value' lines between two '---' lines",
        )
    return meta, "\n".join(lines[i + 1 :]), i + 1


def _markdown_title(body: str) -> str | None:
    for line in body.split("\n")[:20]:
        m = re.match(r"#\s+(.+?)\s*#*\s*$", line)
        if m:
            return m.group(1)
    return None


def _read(path: Path | str, options: ReadOptions, fmt: str) -> Iterator[Item]:
    if isinstance(path, str) and "://" in path:
        raise InputError("text files are read from disk", where=path, hint="use --format html for a web page")
    path = Path(path)
    where = str(path)
    data = read_bytes(path, cap=article_cap())
    if not data.strip():
        raise InputError("the file is empty", where=where, hint="check the file, or leave it out")
    text, encoding = decode_text(data, where, allow_cp1252=True)
    del data
    check_article_length(text, where)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    front, body, front_lines = _front_matter(text, where)
    if not body.strip():
        raise InputError(
            "the file has no text after its front matter", where=where, hint="add the article text"
        )
    meta: dict[str, Any] = {}
    if encoding != "utf-8":
        # Windows-1252 is a guess from the bytes: say so, so odd characters can be traced
        meta["encoding"] = encoding
    published, published_from = None, None
    if front.get("published") is not None:
        try:
            published = parse_date(front["published"])
        except ValueError as exc:
            line = next(
                (n for n, ln in enumerate(text.split("\n")[:front_lines], 1) if ln.startswith("published")), 2
            )
            raise FormatError(
                f"front matter: {exc}", where=f"{where}:line {line}", hint="write published: YYYY-MM-DD"
            ) from None
        published_from = "front-matter"
    if published is None and options.published is not None:
        published, published_from = options.published, "cli"
    if published is None:
        m = _DATE_IN_NAME.search(path.name)
        if m:
            try:
                published, published_from = dt.date(*map(int, m.groups())), "filename"
            except ValueError:
                pass
    extra = {k: v for k, v in front.items() if k not in _FRONT_KEYS}
    if extra:
        meta["front_matter"] = {k: str(v) for k, v in extra.items()}
    title = front.get("title")
    if title is None and fmt == "markdown":
        title = _markdown_title(body)
    yield Document(
        text=body.strip("\n"),
        title=str(title) if title is not None else None,
        url=str(front["url"]) if front.get("url") else options.url,
        source=str(front["source"]) if front.get("source") else options.source,
        published=published,
        published_from=published_from,
        path=where,
        format=fmt,
        meta=meta,
    )


@register_reader("text", patterns=("*.txt", "*.text"), rank=70)
def read_text(path: Path | str, options: ReadOptions) -> Iterator[Item]:
    """A plain-text article."""
    return _read(path, options, "text")


@register_reader("markdown", patterns=("*.md", "*.markdown"), rank=80)
def read_markdown(path: Path | str, options: ReadOptions) -> Iterator[Item]:
    """A Markdown article (title from the first ``#`` heading unless front matter gives one)."""
    return _read(path, options, "markdown")
