"""Which reader a file needs, from its first bytes and its name.

Content wins where it is unambiguous (a zip, a binary file, a GDELT row of 61
tab-separated fields, an ACLED header); otherwise the extension decides, and a
file with no telling extension is sniffed (feed, HTML, JSON lines, text).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import FormatError, InputError

__all__ = ["GDELT_COLUMNS", "HEAD_BYTES", "detect", "is_acled_header", "read_head"]

HEAD_BYTES = 64 * 1024
GDELT_COLUMNS = 61
# Columns every ACLED export has (ACLED codebook, acledR::acled_codebook)
_ACLED_KEYS = {"event_id_cnty", "event_date", "event_type"}
_TEXT_EXT = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}
_FEED_EXT = {".rss", ".atom", ".xml"}


def read_head(path: Path, size: int = HEAD_BYTES) -> bytes:
    """The first ``size`` bytes of ``path``, as an ``InputError`` if it cannot be opened."""
    try:
        with open(path, "rb") as f:
            return f.read(size)
    except FileNotFoundError:
        raise InputError("no such file", where=str(path), hint="check the path") from None
    except IsADirectoryError:
        raise InputError(
            "is a folder, not a file", where=str(path), hint="pass the folder itself to ingest"
        ) from None
    except OSError as exc:
        raise InputError(
            f"cannot read the file: {exc.strerror}", where=str(path), hint="check its permissions"
        ) from None


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    if not head:
        return False
    # control bytes other than tab/newline/CR/form feed/escape are rare in text of any encoding
    controls = sum(1 for b in head[:4096] if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(2, len(head[:4096]) // 100)


def is_acled_header(first_line: str) -> bool:
    cols = {c.strip().strip('"').strip().lower() for c in first_line.replace(";", ",").split(",")}
    return cols >= _ACLED_KEYS


def _first_line(head: bytes) -> str:
    line = head.split(b"\n", 1)[0].rstrip(b"\r")
    return line.decode("utf-8-sig", errors="replace")


def _gdelt_line(line: str) -> bool:
    return line.count("\t") == GDELT_COLUMNS - 1


def _sniff_markup(head: bytes) -> str | None:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:2048].lower()
    if start.startswith(b"<?xml"):
        if b"<rss" in start or b"<feed" in start or b"<rdf:rdf" in start:
            return "feed"
        if b"<html" in start:
            return "html"
        return "feed"
    if start.startswith((b"<rss", b"<feed", b"<rdf:rdf")):
        return "feed"
    if (
        start.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--"))
        or b"<html" in start[:512]
    ):
        return "html"
    return None


def _zip_format(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = [n for n in zf.namelist() if not n.endswith("/")]
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise FormatError(
            f"a damaged zip archive ({exc})", where=str(path), hint="download it again or unzip it by hand"
        ) from None
    if len(names) == 1 and (".export." in names[0].lower() or names[0].lower().endswith((".csv", ".tsv"))):
        return "gdelt"
    raise FormatError(
        f"a zip archive holding {len(names)} file(s); offramp reads only zipped GDELT event exports",
        where=str(path),
        hint="unzip it and ingest the folder",
    )


def detect(path: Path, head: bytes | None = None) -> str:
    """The reader format for ``path``; ``FormatError`` for binary or unreadable content."""
    path = Path(path)
    if head is None:
        head = read_head(path)
    name = path.name.lower()
    suffix = path.suffix.lower()
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_format(path)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FormatError(
            "the file is UTF-16 text", where=str(path), hint="save it as UTF-8 and ingest it again"
        )
    if _looks_binary(head):
        raise FormatError(
            "a binary file, not text",
            where=str(path),
            hint="offramp reads text, HTML, feeds, JSONL/CSV, GDELT and ACLED files; convert it first",
        )
    first = _first_line(head)
    if ".export." in name or suffix == ".tsv" or (suffix == ".csv" and _gdelt_line(first)):
        return "gdelt"
    if suffix == ".csv":
        return "acled" if is_acled_header(first) else "csv"
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in _FEED_EXT:
        return "feed"
    if suffix in _TEXT_EXT:
        # a saved web page with a .txt name is still a page; other markup in text stays text
        start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:64].lower()
        return "html" if start.startswith((b"<!doctype html", b"<html")) else _TEXT_EXT[suffix]
    markup = _sniff_markup(head)
    if markup:
        return markup
    if _gdelt_line(first):
        return "gdelt"
    if first.lstrip().startswith("{") and first.rstrip().endswith("}"):
        return "jsonl"
    if is_acled_header(first):
        return "acled"
    return "text"
