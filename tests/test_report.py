"""The brief: self-contained HTML and Markdown, every piece of article text escaped."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from offramp.report.brief import collect, render_html, render_markdown, safe_url, write_brief

from example_crisis import HOSTILE_MARK as MARK
from example_crisis import add_example_crisis, add_hostile_article

D = dt.date


@pytest.fixture
def hostile(store):
    add_example_crisis(store)
    add_hostile_article(store)
    return store


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "div", "header", "nav", "a", "main", "section", "h1", "h2",
    "h3", "ul", "ol", "li", "p", "span", "i", "br", "table", "tr", "th", "td", "svg", "line", "text", "path",
    "circle", "defs", "marker", "details", "summary", "input", "script",
}  # fmt: skip


def test_html_has_no_executable_article_text(hostile):
    html = render_html(collect(hostile))
    parser = _Tags()
    parser.feed(html)
    tags = {t for t, _ in parser.tags}
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS  # no img, iframe, b, svg-in-text from the article
    assert len(parser.scripts) == 1 and MARK not in parser.scripts[0]
    for tag, attrs in parser.tags:
        assert not [k for k in attrs if k.lower().startswith("on")], (tag, attrs)
        for key in ("href", "src", "action", "xlink:href"):
            value = (attrs.get(key) or "").strip().lower()
            assert not value or value.startswith(("https://", "http://", "#", "url(#")), (tag, key, value)
        assert not any("javascript:" in (v or "").lower() for v in attrs.values())
    # the text is still there, escaped, for the analyst to read
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=" in html
    assert "India won the war" in html


def test_html_is_self_contained_and_pins_its_one_script(hostile):
    html = render_html(collect(hostile))
    parser = _Tags()
    parser.feed(html)
    assert not [a for t, a in parser.tags if t in ("link", "img", "iframe", "object", "embed")]
    assert not re.search(r"@import|url\((?!#)", html)
    script_tags = [a for t, a in parser.tags if t == "script"]
    assert script_tags == [{}]  # inline, no src
    digest = base64.b64encode(hashlib.sha256(parser.scripts[0].encode()).digest()).decode()
    csp = next(
        a["content"]
        for t, a in parser.tags
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )
    assert f"'sha256-{digest}'" in csp and "default-src 'none'" in csp


def test_html_sections_and_contents(hostile):
    brief = collect(hostile)
    html = render_html(brief)
    for section in ("summary", "escalation", "timeline", "levers", "network", "ledger", "sources"):
        assert f'<section id="{section}">' in html
    assert html.count('class="timeline-row"') == len(brief.timeline) == hostile.counts()["events"]
    assert html.count('class="pt"') > 5 and 'id="ladder-chart"' in html
    assert 'class="edge"' in html and 'class="node"' in html
    # contested first in the ledger
    statuses = re.findall(r'<span class="tag st-(\w+)">', html.split('id="ledger-table"')[1])
    assert statuses[0] == "contested"
    assert "https://example.org/a" in html
    assert any("Peak" in line for line in brief.headline)


def test_markdown_is_escaped_and_complete(hostile):
    md = render_markdown(collect(hostile))
    assert "<script" not in md and "<img" not in md and "<iframe" not in md and "<b " not in md
    assert not re.search(r"\]\(\s*<?\s*javascript:|<javascript:", md, re.I)  # never as a link
    assert "&lt;script&gt;" in md
    for heading in ("## Summary", "## Escalation ladder", "## Timeline", "## Mediators and levers", "## Claims ledger",
                    "## Sources"):  # fmt: skip
        assert heading in md
    section = md.split("## Timeline")[1].split("## Mediators")[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "→" in line][
        1:
    ]  # after the header
    assert rows, "timeline rows"
    assert len(rows) == hostile.counts()["events"]
    # five cells each: a pipe in article text would have broken out of its cell
    assert all(len(re.split(r"(?<!\\)\|", line)) == 7 for line in rows)


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org/a", True),
        ("http://example.org/a?b=c", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("vbscript:x", False),
        ("//example.org/a", False),
        ("https:///nohost", False),
        ("https://exa\nmple.org", False),
        (None, False),
    ],
)
def test_safe_url(url, ok):
    assert (safe_url(url) is not None) == ok


@pytest.mark.parametrize(("name", "fmt", "marker"), [("b.html", None, "<!DOCTYPE html>"), ("b.md", None, "# Crisis"),
                                                     ("b.txt", "md", "# Crisis")])  # fmt: skip
def test_write_brief_picks_the_format(hostile, tmp_path, name, fmt, marker):
    path = write_brief(hostile, tmp_path / name, fmt=fmt)
    assert path.read_text(encoding="utf-8").lstrip().startswith(marker)


def test_brief_of_an_empty_store(store, tmp_path):
    html = write_brief(store, tmp_path / "empty.html").read_text(encoding="utf-8")
    assert "no escalation series" in html


def test_outlook_charts_are_inert_images(hostile):
    html = render_html(collect(hostile, outlook="india-pakistan-2025"))
    parser = _Tags()
    parser.feed(html)
    images = [a for t, a in parser.tags if t == "img"]
    assert len(images) == 2
    assert all(a["src"].startswith("data:image/svg+xml;base64,") for a in images)
    assert '<section id="outlook">' in html and "chance of a ceasefire within 7 days" in html


def test_an_unknown_outlook_is_a_note_not_a_crash(hostile):
    html = render_html(collect(hostile, outlook="no-such-case"))
    assert "The outlook could not be computed" in html


@pytest.fixture(scope="module")
def example_brief(tmp_path_factory):
    from offramp.store import Store

    with Store(tmp_path_factory.mktemp("prop") / "b.duckdb") as store:
        add_example_crisis(store)
        return collect(store)


def _tag_names(html: str) -> list[str]:
    parser = _Tags()
    parser.feed(html)
    return sorted(t for t, _ in parser.tags)


@pytest.mark.slow  # fuzzing: 40 arbitrary texts through the whole brief
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)
       | st.sampled_from(["<script>x</script>", "\"><img src=x onerror=y>", "</textarea><svg/onload=1>",
                          "{{ 7*7 }}", "]]><!--", "javascript:alert(1)", "<a href='javascript:1'>x</a>"]))  # fmt: skip
def test_no_text_adds_an_element(example_brief, text):
    baseline = _tag_names(render_html(example_brief))
    ev = example_brief.timeline[0]
    claim = example_brief.ledger[0]["claims"][0]
    saved = (
        ev["sources"][0]["evidence"],
        ev["location"],
        claim["content"],
        example_brief.sources[0]["title"],
    )
    try:
        ev["sources"][0]["evidence"] = ev["location"] = claim["content"] = example_brief.sources[0][
            "title"
        ] = text
        html = render_html(example_brief)
    finally:
        ev["sources"][0]["evidence"], ev["location"], claim["content"], example_brief.sources[0]["title"] = (
            saved
        )
    parser = _Tags()
    parser.feed(html)
    assert not Counter(t for t, _ in parser.tags) - Counter(baseline)  # no element added
    assert len(parser.scripts) == 1
    for _, attrs in parser.tags:
        assert not [k for k in attrs if k.lower().startswith("on")]
        assert (attrs.get("href") or "https://").startswith(("https://", "http://", "#"))


def test_dataset_rows_stand_apart_with_their_article_links(hostile):
    from offramp.records import Event, EventSource

    row = Event(
        type="ASSAULT", source=["IND"], target=["PAK"], date=dt.date(2025, 5, 8), dataset="gdelt", dataset_row=42, quad=4,
        sources=[EventSource(doc_id="", dataset="gdelt", dataset_row=42, url="https://news.example/gdelt-42")],
    )  # fmt: skip
    with hostile.write():
        hostile.add_events([row])
    brief = collect(hostile)
    assert [e["id"] for e in brief.datasets] == [row.id]
    assert row.id not in {e["id"] for e in brief.timeline}
    html = render_html(brief)
    part = html.split('<section id="datasets">')[1].split("</section>")[0]
    assert 'href="https://news.example/gdelt-42"' in part and "row 42" in part
    assert "https://news.example/gdelt-42" in render_markdown(brief).split("### Event-dataset rows")[1]


def test_ledger_section_leads_with_contested_propositions_and_both_sides(hostile):
    brief = collect(hostile)
    html = render_html(brief)
    ledger = html.split('<section id="ledger">')[1]
    contested = [r for r in brief.ledger if r["status"] == "contested"]
    assert contested and ledger.index('id="contested"') < ledger.index('id="ledger-table"')
    first = ledger.split('id="contested"')[1].split("</div>")[0]
    row = contested[0]
    assert row["proposition"].split()[0] in first
    md = render_markdown(brief).split("## Claims ledger")[1]
    assert md.index("### Contested propositions") < md.index("### All propositions")
    sides = [c for c in row["claims"] if c["polarity"] in ("assert", "deny")]
    assert all(c["polarity"] in ("assert", "deny", "hedge") for c in row["claims"]) and sides
