"""RSS and Atom feeds (file or URL): each entry becomes an article from its title, link, date and text.

The entry's text is its full content when the feed carries it, else its
summary, with markup stripped. The date is the one the entry gives, read as
written (the publisher's local day), marked ``published_from='feed'``.
"""

from __future__ import annotations

import email.utils
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import FormatError, InputError
from ..records import Document
from . import Item, ReadOptions, register_reader
from .detect import markup
from .text import page_cap, parse_date, read_bytes

__all__ = ["html_to_text", "read_feed"]

_BLOCK = re.compile(r"(?i)<\s*(br|/p|/div|/li|/h[1-6]|/blockquote|/tr)\b[^>]*>")


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, paragraphs kept as blank-line breaks."""
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    import lxml.etree  # imported on use, like feedparser below
    import lxml.html

    marked = _BLOCK.sub(lambda m: m.group(0) + "\n\n", fragment)
    try:
        node = lxml.html.fragment_fromstring(marked, create_parent="div")
        text = node.text_content()
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        text = re.sub(r"<[^>]*>", " ", fragment)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def _entry_date(entry: Any) -> Any:
    for key in ("published", "updated", "created"):
        value = entry.get(key)
        if not value:
            continue
        if re.match(r"\d{4}-\d{2}-\d{2}", value):
            try:
                return parse_date(value[:10])
            except ValueError:
                pass
        try:
            return email.utils.parsedate_to_datetime(value).date()
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            try:
                return parse_date(f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}")
            except ValueError:
                pass
    return None


def _looks_html(raw: bytes) -> bool:
    start = raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1024].lower()
    return start.startswith((b"<!doctype html", b"<html")) or (b"<html" in start and b"<rss" not in start)


def _entries(raw: bytes, where: str, options: ReadOptions) -> Iterator[Item]:
    # imported on use: detection imports every reader module, and a command that reads
    # no feed should not pay for the parser
    import feedparser

    if b"\x00" in raw[:4096]:
        raise FormatError("a binary file, not a feed", where=where, hint="check the file, or pass --format")
    if _looks_html(raw):
        raise FormatError(
            "an HTML page, not an RSS/Atom feed",
            where=where,
            hint="ingest it with --format html, or use the site's feed URL",
        )
    try:
        parsed = feedparser.parse(raw, sanitize_html=False, resolve_relative_uris=False)
    except (ValueError, TypeError, LookupError, RecursionError) as exc:
        raise FormatError(f"not a readable feed ({exc})", where=where) from None
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({str(problem).splitlines()[0][:120]})" if problem else ""
        raise FormatError(
            f"not an RSS or Atom feed{detail}", where=where, hint="check the file, or pass --format"
        )
    feed_title = (parsed.feed.get("title") or "").strip() or None
    for i, entry in enumerate(parsed.entries, 1):
        ewhere = f"{where}:entry {i}"
        content = entry.get("content") or []
        body = max((c.get("value", "") for c in content), key=len, default="") or entry.get("summary", "")
        text = html_to_text(body or "")
        if not text:
            yield InputError(
                "the entry has no text", where=ewhere, hint="the feed gives only titles; fetch the pages"
            )
            continue
        published = _entry_date(entry)
        published_from = "feed" if published else None
        if published is None and options.published is not None:
            published, published_from = options.published, "cli"
        yield Document(
            text=text,
            title=html_to_text(entry.get("title", "")) or None,
            url=(entry.get("link") or "").strip() or None,
            source=feed_title or options.source,
            published=published,
            published_from=published_from,
            path=where if "://" not in where else None,
            format="feed",
            meta={"record": ewhere, **({"feed": where} if "://" in where else {})},
        )


def feed_markup(head: bytes, name: str) -> bool:
    """RSS, Atom or RDF markup (or an XML document that is not a page) at the start."""
    return markup(head) == "feed"


@register_reader(
    "feed",
    patterns=("*.rss", "*.atom", "*.xml"),
    sniff=feed_markup,
    urls=("*.rss", "*.xml", "*.atom", "*/feed", "*/rss"),
    rank=10,
)
def read_feed(path: Path | str, options: ReadOptions) -> Iterator[Item]:
    """One ``Document`` per feed entry, from a file or a URL."""
    if isinstance(path, str) and "://" in path:
        from .fetch import fetch

        got = fetch(path, allow_private=options.allow_private)
        yield from _entries(got.content, path, options)
        return
    path = Path(path)
    raw = read_bytes(path, cap=page_cap())
    if not raw.strip():
        raise InputError("the file is empty", where=str(path), hint="check the file, or leave it out")
    yield from _entries(raw, str(path), options)
