"""Which reader a file needs, from its first bytes and its name, by asking the registry.

What no reader reads is refused first: a zip that no format reads (``Format.archives``),
UTF-16 text, binary content. Then a file whose name a format claims
(``Format.patterns``) goes to the first such format in rank order, unless a
format ranked before it unmasks itself behind that name (``Format.inside``: GDELT
rows or an ACLED header in a ``.csv``, a saved page in a ``.txt``). A file with no
telling name goes to the first format whose ``sniff(head, name)`` says yes
(feed, HTML, GDELT rows, JSON lines, an ACLED header), else it is text. A URL
goes to the first format whose ``urls`` match it.

The sniffing helpers here (``first_line``, ``markup``) are shared by the readers'
sniffs.
"""

from __future__ import annotations

import fnmatch
import zipfile
from pathlib import Path

from ..errors import FormatError, InputError
from . import format_names, formats

__all__ = [
    "DEFAULT_FORMAT",
    "HEAD_BYTES",
    "detect",
    "detect_url",
    "first_line",
    "markup",
    "opens_as_page",
    "read_head",
]

HEAD_BYTES = 64 * 1024
# What a file is when nothing about it says otherwise.
DEFAULT_FORMAT = "text"


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


def first_line(head: bytes) -> str:
    """The first line of ``head``, decoded leniently."""
    line = head.split(b"\n", 1)[0].rstrip(b"\r")
    return line.decode("utf-8-sig", errors="replace")


def opens_as_page(head: bytes) -> bool:
    """A file that starts as a web page does (a doctype or an ``<html>`` tag)."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:64].lower()
    return start.startswith((b"<!doctype html", b"<html"))


def markup(head: bytes) -> str | None:
    """``"feed"`` or ``"html"`` when the first bytes are feed or page markup, else ``None``."""
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
    if len(names) == 1:
        member = names[0].lower()
        for fmt in formats():
            if any(fnmatch.fnmatchcase(member, p) for p in fmt.archives):
                return fmt.name
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
    known = formats()
    named = {f.name for f in known if f.claims(name)}
    if named:
        for fmt in known:
            if fmt.name in named:
                return fmt.name
            if any(host in named and test(head, name) for host, test in fmt.inside.items()):
                return fmt.name
    for fmt in known:
        if fmt.sniff is not None and fmt.sniff(head, name):
            return fmt.name
    return DEFAULT_FORMAT


def detect_url(url: str) -> str:
    """The format of the input at ``url``: the first format whose ``urls`` match it."""
    address = url.split("?")[0].lower()
    for fmt in formats():
        if any(fnmatch.fnmatchcase(address, p) for p in fmt.urls):
            return fmt.name
    raise InputError(
        "no reader for this URL", where=url, hint="pass --format with one of " + ", ".join(format_names())
    )
