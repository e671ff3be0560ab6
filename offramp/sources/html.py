"""Web pages: the main text, title and site name by trafilatura, the date from the page's metadata.

The publication date is taken from the page's own metadata fields, in the
order below, and ``published_from`` names the one used (``metadata:article:published_time``,
``metadata:json-ld:datePublished``, …); only if none has it does trafilatura's
date finder (htmldate, without guessing from the text) get a say
(``metadata:htmldate``). A page is a file or an http(s) URL (fetched through
``fetch``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import FormatError, InputError
from ..records import Document, content_hash
from . import Item, ReadOptions, register_reader
from .detect import markup, opens_as_page
from .text import page_cap, parse_date, read_bytes

__all__ = ["page_date", "read_html"]

# <meta> names/properties that hold the publication date, most specific first
_META_FIELDS = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.created",
    "dc.date",
    "date",
)
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _day(value: Any) -> Any:
    """The calendar date written at the start of an ISO timestamp (the publisher's own local date)."""
    if not isinstance(value, str):
        return None
    m = _ISO_DAY.search(value)
    if not m:
        return None
    try:
        return parse_date(m.group(0))
    except ValueError:
        return None


def _json_ld_dates(tree: Any) -> Iterator[Any]:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "datePublished" in item:
                    yield item["datePublished"]
                stack.extend(v for v in item.values() if isinstance(v, list | dict))


def page_date(tree: Any) -> tuple[Any, str | None]:
    """(date, field it came from) from a parsed page's metadata; (None, None) if it has none."""
    metas: dict[str, str] = {}
    for meta in tree.xpath("//meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key and key not in metas and meta.get("content"):
            metas[key] = meta.get("content")
    for field in _META_FIELDS:
        day = _day(metas.get(field))
        if day:
            return day, f"metadata:{field}"
    for value in _json_ld_dates(tree):
        day = _day(value)
        if day:
            return day, "metadata:json-ld:datePublished"
    for node in tree.xpath('//time[@pubdate or @itemprop="datePublished"][@datetime]'):
        day = _day(node.get("datetime"))
        if day:
            return day, "metadata:time[datetime]"
    return None, None


def _config() -> Any:
    from trafilatura.settings import use_config

    cfg = use_config()
    # no SIGALRM-based timeout: readers may run outside the main thread
    cfg.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return cfg


def _parse(raw: bytes, where: str, url: str | None, options: ReadOptions) -> Document:
    # imported on use: detection imports every reader module, and a command that reads
    # no page should not pay for the parsers
    import lxml.etree
    import lxml.html
    import trafilatura

    head = raw[:4096]
    if b"\x00" in head or raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FormatError(
            "a binary file, not an HTML page", where=where, hint="check the file, or pass --format"
        )
    try:
        tree = lxml.html.fromstring(raw)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError) as exc:
        raise FormatError(
            f"not an HTML page ({exc})", where=where, hint="check the file, or pass --format"
        ) from None
    published, published_from = page_date(tree)
    try:
        result = trafilatura.bare_extraction(
            raw,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
            config=_config(),
        )
    except (ValueError, TypeError, lxml.etree.LxmlError, RecursionError) as exc:
        raise FormatError(f"cannot extract the page's text ({exc})", where=where) from None
    doc: dict[str, Any] = {}
    if isinstance(result, dict):
        doc = result
    elif result is not None:
        doc = result.as_dict()
    text = (doc.get("text") or "").strip()
    if not text:
        raise InputError(
            "no article text found in the page", where=where, hint="check it is an article, not an index page"
        )
    if published is None:
        published = _day(doc.get("date"))
        published_from = "metadata:htmldate" if published else None
    if published is None and options.published is not None:
        published, published_from = options.published, "cli"
    return Document(
        text=text,
        title=(doc.get("title") or "").strip() or None,
        url=url or doc.get("url") or options.url,
        source=(doc.get("sitename") or "").strip() or options.source,
        published=published,
        published_from=published_from,
        path=None if url else where,
        format="html",
        hash=content_hash(text),
        meta={k: doc[k] for k in ("author", "hostname", "description") if doc.get(k)},
    )


def page(head: bytes, name: str) -> bool:
    """Page markup (a doctype, ``<html>``, ``<head>``, ``<body>``, a comment) at the start."""
    return markup(head) == "html"


def saved_page(head: bytes, name: str) -> bool:
    """A page saved under a text name: it opens as a page does; other markup in text stays text."""
    return opens_as_page(head)


@register_reader(
    "html",
    patterns=("*.html", "*.htm", "*.xhtml"),
    sniff=page,
    inside={"text": saved_page, "markdown": saved_page},
    urls=("*://*",),  # any web address that no feed claims (feeds rank first)
    rank=20,
)
def read_html(path: Path | str, options: ReadOptions) -> Iterator[Item]:
    """One ``Document`` for the page at ``path`` (a file) or a URL."""
    if isinstance(path, str) and "://" in path:
        from .fetch import fetch

        got = fetch(path, allow_private=options.allow_private)
        yield _parse(got.content, path, got.final_url, options)
        return
    path = Path(path)
    raw = read_bytes(path, cap=page_cap())
    if not raw.strip():
        raise InputError("the file is empty", where=str(path), hint="check the file, or leave it out")
    yield _parse(raw, str(path), options.url, options)
