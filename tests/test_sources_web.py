"""HTML pages, RSS/Atom feeds and fetching, served by a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from offramp.errors import FetchError, FormatError, InputError
from offramp.ingest import ingest
from offramp.records import Document
from offramp.sources import ReadOptions, get_reader
from offramp.sources.fetch import check_url, fetch

PARAS = [
    "Officials in Islamabad said the talks had made progress on the ceasefire line.",
    "Military commanders spoke by hotline on Monday and agreed to keep troops at their posts.",
    "Diplomats from the Gulf states said they would keep both capitals in touch through the week.",
]


def page(date_meta: str = "", title: str = "Hotline talks hold the ceasefire") -> bytes:
    body = "".join(f"<p>{p} {p}</p>" for p in PARAS)
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{date_meta}"
        '<meta property="og:site_name" content="Example News"></head>'
        f"<body><nav>Home | World</nav><article><h1>{title}</h1>{body}</article>"
        "<footer>(c) Example</footer></body></html>"
    ).encode()


RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Wire</title><link>https://example.org</link>
<item><title>Ceasefire holds</title><link>https://example.org/a</link>
<pubDate>Sun, 11 May 2025 01:30:00 +0530</pubDate>
<description>&lt;p&gt;The ceasefire held overnight.&lt;/p&gt;&lt;p&gt;Both armies reported calm.&lt;/p&gt;</description></item>
<item><title>Titles only</title><link>https://example.org/b</link></item>
<item><title>Talks next week</title><link>https://example.org/c</link><pubDate>Mon, 12 May 2025 10:00:00 GMT</pubDate>
<description>Military officials will talk again next week.</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>
<entry><title>IMF board meets</title><link href="https://example.org/imf"/><updated>2025-05-09T22:00:00-04:00</updated>
<content type="html">&lt;p&gt;The IMF board approved the tranche.&lt;/p&gt;</content></entry></feed>"""


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, str, bytes]]] = {}
    hits: ClassVar[int] = 0

    def do_GET(self):
        type(self).hits += 1
        status, ctype, body = self.routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        if status in (301, 302):
            self.send_header("Location", body.decode())
            body = b""
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    _Handler.routes = {
        "/page": (
            200,
            "text/html; charset=utf-8",
            page('<meta property="article:published_time" content="2025-05-11T09:00:00+05:00">'),
        ),
        "/feed.xml": (200, "application/rss+xml", RSS),
        "/html-feed.xml": (200, "text/html", page()),
        "/big": (200, "application/octet-stream", b"x" * 5000),
        "/moved": (302, "text/plain", b"/page"),
        "/loop": (302, "text/plain", b"/loop"),
        "/gone": (410, "text/plain", b"gone"),
    }
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


# -- fetch -----------------------------------------------------------------


def test_fetch_local_when_allowed(server):
    got = fetch(f"{server}/page", allow_private=True)
    assert got.status == 200 and got.content_type == "text/html" and b"Hotline" in got.content


def test_fetch_follows_redirect(server):
    got = fetch(f"{server}/moved", allow_private=True)
    assert got.final_url.endswith("/page")


@pytest.mark.parametrize(
    ("path", "kwargs", "needle"),
    [("/gone", {}, "HTTP 410"), ("/big", {"max_bytes": 1000}, "cap"), ("/loop", {}, "redirects")],
)
def test_fetch_failures_name_the_url(server, path, kwargs, needle):
    with pytest.raises(FetchError) as exc:
        fetch(f"{server}{path}", allow_private=True, **kwargs)
    assert needle in str(exc.value) and f"{server}{path}" in str(exc.value)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x",
        "http://localhost/x",
        "http://10.0.0.1/x",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/x",
        "http://0.0.0.0/",
    ],
)
def test_private_addresses_refused(url):
    with pytest.raises(FetchError) as exc:
        check_url(url)
    assert "non-public" in str(exc.value) and "--allow-private" in str(exc.value)


def test_refused_without_allow_private_even_if_serving(server):
    with pytest.raises(FetchError, match="non-public"):
        fetch(f"{server}/page")


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://x", "javascript:alert(1)"]
)
def test_other_schemes_refused(url):
    with pytest.raises(FetchError, match="only http and https"):
        fetch(url, allow_private=True)


def test_unreachable_port(server):
    with pytest.raises(FetchError) as exc:
        fetch("http://127.0.0.1:9/x", allow_private=True, timeout=2)
    assert "127.0.0.1:9" in str(exc.value)


# -- html ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("meta", "date", "field"),
    [
        (
            '<meta property="article:published_time" content="2025-05-10T23:30:00+05:30">',
            dt.date(2025, 5, 10),
            "metadata:article:published_time",
        ),
        ('<meta name="pubdate" content="2025-05-08">', dt.date(2025, 5, 8), "metadata:pubdate"),
        (
            '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-05-07T04:00:00Z"}</script>',
            dt.date(2025, 5, 7),
            "metadata:json-ld:datePublished",
        ),
        ("", None, None),
    ],
)
def test_html_file(tmp_path: Path, meta: str, date, field):
    path = tmp_path / "a.html"
    path.write_bytes(page(meta))
    (doc,) = list(get_reader("html")(path, ReadOptions()))
    assert isinstance(doc, Document)
    assert doc.title == "Hotline talks hold the ceasefire" and doc.source == "Example News"
    assert all(p in doc.text for p in PARAS) and "Home | World" not in doc.text
    assert (doc.published, doc.published_from) == (date, field)


def test_html_cli_date_when_page_has_none(tmp_path: Path):
    path = tmp_path / "a.html"
    path.write_bytes(page())
    (doc,) = list(get_reader("html")(path, ReadOptions(published=dt.date(2025, 5, 9))))
    assert (doc.published, doc.published_from) == (dt.date(2025, 5, 9), "cli")


def test_html_from_url(server):
    (doc,) = list(get_reader("html")(f"{server}/page", ReadOptions(allow_private=True)))
    assert doc.url == f"{server}/page" and doc.published == dt.date(2025, 5, 11)


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"", InputError),
        (b"<html><head><script>var x = 1;</script></head><body> </body></html>", InputError),
        (b"\x00\x01\x02<html>", FormatError),
    ],
)
def test_html_bad_input(tmp_path: Path, content: bytes, error: type):
    path = tmp_path / "bad.html"
    path.write_bytes(content)
    with pytest.raises(error) as exc:
        list(get_reader("html")(path, ReadOptions()))
    assert str(path) in str(exc.value)


# -- feeds -----------------------------------------------------------------


def test_rss_file(tmp_path: Path):
    path = tmp_path / "wire.rss"
    path.write_bytes(RSS)
    items = list(get_reader("feed")(path, ReadOptions()))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [d.title for d in docs] == ["Ceasefire holds", "Talks next week"]
    assert docs[0].text == "The ceasefire held overnight.\n\nBoth armies reported calm."
    # the publisher's own day, not the UTC day (01:30 IST on the 11th is the 10th in UTC)
    assert (docs[0].published, docs[0].published_from) == (dt.date(2025, 5, 11), "feed")
    assert docs[0].url == "https://example.org/a" and docs[0].source == "Example Wire"
    assert docs[0].meta["record"] == f"{path}:entry 1"
    assert len(errors) == 1 and errors[0].where == f"{path}:entry 2"


def test_atom_file(tmp_path: Path):
    path = tmp_path / "desk.atom"
    path.write_bytes(ATOM)
    (doc,) = list(get_reader("feed")(path, ReadOptions()))
    assert doc.published == dt.date(2025, 5, 9) and doc.url == "https://example.org/imf"
    assert doc.text == "The IMF board approved the tranche."


def test_feed_from_url(server):
    docs = [
        d
        for d in get_reader("feed")(f"{server}/feed.xml", ReadOptions(allow_private=True))
        if isinstance(d, Document)
    ]
    assert len(docs) == 2 and docs[0].path is None


@pytest.mark.parametrize("where", ["file", "url"])
def test_feed_that_is_html(tmp_path: Path, server, where: str):
    if where == "file":
        src: Path | str = tmp_path / "news.rss"
        src.write_bytes(page())
    else:
        src = f"{server}/html-feed.xml"
    with pytest.raises(FormatError) as exc:
        list(get_reader("feed")(src, ReadOptions(allow_private=True)))
    assert "HTML page, not an RSS/Atom feed" in str(exc.value) and str(src) in str(exc.value)


def test_feed_not_xml(tmp_path: Path):
    path = tmp_path / "x.xml"
    path.write_bytes(b"plain words, no feed here")
    with pytest.raises(FormatError, match="not an RSS or Atom feed"):
        list(get_reader("feed")(path, ReadOptions()))


def test_ingest_feed_url_and_refusal(store, server):
    from offramp.sources import ReadOptions as RO

    report = ingest(store, [f"{server}/feed.xml"], extract=False, options=RO(allow_private=True))
    assert report.count("new") == 2 and len(report.failed) == 1
    refused = ingest(store, [f"{server}/page"], extract=False)
    assert len(refused.failed) == 1 and "non-public" in refused.failed[0].message


def test_a_name_that_turns_private_after_the_check_is_refused_at_connect(server, monkeypatch):
    """DNS rebinding: the name passed the first check as public, then resolves to loopback
    when the connection opens. The connection is refused and no request reaches the server."""
    import offramp.sources.fetch as fetch_module

    hits_before = _Handler.hits
    monkeypatch.setattr(fetch_module, "check_url", lambda url, allow_private=False: None)
    with pytest.raises(FetchError, match="non-public address") as exc:
        fetch(f"{server}/page")
    assert server in str(exc.value)
    assert _Handler.hits == hits_before


def test_the_connect_guard_lets_allowed_private_fetches_through(server):
    assert fetch(f"{server}/page", allow_private=True).status == 200
