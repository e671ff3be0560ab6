"""The analyst's brief: one self-contained HTML file (or Markdown) from the store.

Everything is computed by ``offramp.analysis``; this module lays it out. The HTML
has inline CSS, inline SVG charts and one small inline script (filter and
tooltips) whose hash is the only script the page's Content-Security-Policy
allows. Text from articles only reaches the page through Jinja2's autoescaping,
and links only when they are http(s).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import math
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import networkx as nx
import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape

from .. import __version__
from ..analysis.actors import actor_names, principal_sides
from ..analysis.escalation import CRISIS
from ..analysis.network import actor_network
from ..analysis.queries import daily_ladder, ledger, levers, number_table, timeline, turning_points
from ..analysis.timeline import from_dataset
from ..errors import InputError
from ..ontology.calendar import stored_day
from ..ontology.ladder import load_ladder
from ..store import Store

__all__ = ["Brief", "collect", "render_html", "render_markdown", "safe_url", "write_brief"]

ROLE_NAMES = {
    "mediator": "Mediator (contact with both sides)",
    "backchannel": "Back channel",
    "economic": "Economic lever",
    "treaty": "Treaty move",
    "doctrine": "Doctrine move",
    "nuclear_signal": "Nuclear signalling",
}


def safe_url(url: Any) -> str | None:
    """``url`` when it is an http(s) URL with a host, else None (drops ``javascript:``, ``data:`` ...)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ord(ch) < 32 for ch in url):
        return None
    return url


@dataclass
class Brief:
    """What the brief shows, as plain data."""

    title: str
    generated: str
    sides: tuple[str, str] | None
    names: dict[str, str]
    counts: dict[str, int]
    headline: list[str]
    timeline: list[dict[str, Any]]
    ladder: pd.DataFrame
    turning: list[dict[str, Any]]
    levers: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    graph: nx.DiGraph
    ledger: list[dict[str, Any]]
    numbers: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    extras: list[dict[str, Any]] = field(default_factory=list)
    datasets: list[dict[str, Any]] = field(default_factory=list)  # event-dataset rows, kept apart


def _day(value: Any) -> str | None:
    day = stored_day(value)
    return day.isoformat() if day else None


def _nice_day(value: Any) -> str:
    d = _day(value)
    if not d:
        return "undated"
    date = dt.date.fromisoformat(d)
    return f"{date.day} {date.strftime('%b %Y')}"


def collect(
    store: Store,
    *,
    title: str | None = None,
    sides: tuple[str, str] | None = None,
    outlook: str | None = None,
) -> Brief:
    """Run every analysis the brief needs; ``outlook`` (a bundled case or scenario file) adds the
    model's fan chart and tornado."""
    sides = sides or principal_sides(store)
    names = actor_names(store)
    events = timeline(store)
    ladder = daily_ladder(store, sides=sides) if sides else pd.DataFrame()
    turning = turning_points(store, ladder, sides=sides) if sides and len(ladder) else pd.DataFrame()
    lev = levers(store, sides=sides) if sides else pd.DataFrame()
    led = ledger(store, sides=sides)
    nums = number_table(store)
    graph = actor_network(store)
    counts = store.counts()

    def name(code: str) -> str:
        return names.get(code, code)

    ev_rows = []
    for r in events.to_dict(orient="records"):
        ev_rows.append(
            {
                "id": r["id"],
                "date": _day(r["date"]),
                "date_end": _day(r["date_end"]),
                "source": list(r["source"] if r["source"] is not None else []),
                "target": list(r["target"] if r["target"] is not None else []),
                "type": r["type"],
                "mode": r["mode"] if isinstance(r["mode"], str) else None,
                "quad": None if pd.isna(r["quad"]) else int(r["quad"]),
                "location": r["location"] if isinstance(r["location"], str) else None,
                "fatalities": None if pd.isna(r["fatalities"]) else int(r["fatalities"]),
                "certainty": r["certainty"],
                "sources": [
                    {**s, "href": safe_url(s.get("url")), "published": _day(s.get("published"))}
                    for s in r["sources"]
                ],
                "dataset": from_dataset(r["sources"]),
            }
        )
    by_id = {e["id"]: e for e in ev_rows}
    turn_rows = []
    for r in turning.to_dict(orient="records") if len(turning) else []:
        turn_rows.append(
            {**r, "date": _day(r["date"]), "events": [by_id[i] for i in r["events"] if i in by_id]}
        )
    lever_rows = []
    for r in lev.to_dict(orient="records") if len(lev) else []:
        lever_rows.append(
            {
                **r,
                "name": name(r["actor"]),
                "role_name": ROLE_NAMES.get(r["role"], r["role"]),
                "first_date": _day(r["first_date"]),
                "last_date": _day(r["last_date"]),
                "evidence": [
                    {**e, "date": _day(e["date"]), "href": safe_url(e.get("url"))} for e in r["evidence"]
                ],
            }
        )
    ledger_rows = []
    for r in led.to_dict(orient="records"):
        claims = [{**c, "href": safe_url(c.get("url"))} for c in r["claims"]]
        ledger_rows.append(
            {
                **r,
                "claims": claims,
                # each side's own claims, for the contested propositions the section leads with
                "asserting": [c for c in claims if c["polarity"] == "assert"],
                "denying": [c for c in claims if c["polarity"] == "deny"],
                "hedging": [c for c in claims if c["polarity"] == "hedge"],
                "numbers": [{**n, "href": safe_url(n.get("url"))} for n in r["numbers"]],
                "events": [by_id[i] for i in r["events"] if i in by_id],
            }
        )
    number_rows = [
        {**n, "href": safe_url(n.get("url")), "anchor_event": by_id.get(n["anchor"])}
        for n in nums.to_dict(orient="records")
        if n["drift"]
    ]
    docs = store.query(
        "SELECT id, title, url, source, published, kind FROM documents ORDER BY published NULLS LAST, title, id"
    )
    sources = [
        {"title": d["title"] or d["url"] or d["id"], "href": safe_url(d["url"]), "url": d["url"],
         "source": d["source"], "published": _day(d["published"]), "kind": d["kind"]}
        for d in docs.to_dict(orient="records")
    ]  # fmt: skip
    headline = _headline(sides, name, turn_rows, lever_rows, ledger_rows, ev_rows)
    if title is None:
        found = [_day(d) for d in ladder["date"]] if len(ladder) else [e["date"] for e in ev_rows]
        dated = [d for d in found if d]
        span = f", {_nice_day(min(dated))} – {_nice_day(max(dated))}" if dated else ""
        title = (f"Crisis brief: {name(sides[0])} – {name(sides[1])}" if sides else "Crisis brief") + span
    extras = _outlook(outlook) if outlook else []
    return Brief(
        extras=extras,
        title=title,
        generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        sides=sides,
        names=names,
        counts=counts,
        headline=headline,
        timeline=[e for e in ev_rows if not e["dataset"]],
        datasets=[e for e in ev_rows if e["dataset"]],
        ladder=ladder,
        turning=turn_rows,
        levers=lever_rows,
        edges=[{"source": u, "target": v, **d} for u, v, d in graph.edges(data=True)],
        graph=graph,
        ledger=ledger_rows,
        numbers=number_rows,
        sources=sources,
    )


def _svg_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _outlook(scenario: str) -> list[dict[str, Any]]:
    """The model's outlook for ``scenario`` as two images (SVG as data: URIs, so they stay inert)."""
    from .. import model
    from ..errors import OfframpError

    try:
        o = model.simulate(scenario, runs=5_000, seed=0)
        fan = model.fan_chart_svg(o)
        tornado = model.tornado_svg(model.sensitivity(scenario, runs=2_000, seed=0))
    except (OfframpError, ImportError) as exc:
        message = exc.line() if isinstance(exc, OfframpError) else str(exc)
        return [
            {
                "id": "outlook",
                "title": "Outlook",
                "img": None,
                "note": f"The outlook could not be computed: {message}",
            }
        ]
    s = o.summary
    note = (
        f"Model outlook for {o.case} as of {o.as_of} ({o.runs:,} runs, seed {o.seed}): chance of a ceasefire within "
        f"7 days {s.get('p_ceasefire_day_7', 0):.0%}, within 30 days {s.get('p_ceasefire_day_30', 0):.0%}; "
        f"median crisis length {s.get('duration_median')} days; nuclear signalling {s.get('p_nuclear_signalling', 0):.0%}. "
        f"Nuclear use: base rate {s['nuclear_use_base_rate']['mean']:.1%} (95% interval up to "
        f"{s['nuclear_use_base_rate']['interval_95'][1]:.1%}; {s['nuclear_use_base_rate']['uses']} uses in "
        f"{len(s['nuclear_use_base_rate']['crises'])} ICB crises between nuclear-armed actors). {s['skill']} "
        "See docs/model.md for what the model assumes and cannot tell."
    )
    return [
        {"id": "outlook", "title": "Outlook", "img": _svg_uri(fan), "note": note},
        {"id": "levers-sensitivity", "title": "What moves the outlook", "img": _svg_uri(tornado),
         "note": "Levers whose size rests on ICB evidence, each at its low and high setting, the others held at "
                 "the scenario's values; the other levers are the user's assumptions and get no bar."},
    ]  # fmt: skip


def _headline(sides, name, turning, lever_rows, ledger_rows, ev_rows) -> list[str]:
    lines = []
    if not sides:
        lines.append(
            f"{len(ev_rows)} events; no two states in conflict were found, so there is no escalation series."
        )
        return lines
    tp: dict[str, list[dict[str, Any]]] = {}
    for t in turning:
        tp.setdefault(t["kind"], []).append(t)
    rung_names = {r.level: r.name for r in load_ladder()}
    if "trigger" in tp:
        lines.append(
            f"Trigger: {_nice_day(tp['trigger'][0]['date'])} ({_event_phrase(tp['trigger'][0]['events'], name)})."
        )
    if "onset" in tp:
        t = tp["onset"][0]
        lines.append(
            f"Hostilities began {_nice_day(t['date'])} at rung {t['rung']} ({rung_names.get(t['rung'])})."
        )
    if "peak" in tp:
        t = tp["peak"][0]
        lines.append(f"Peak: rung {t['rung']} ({rung_names.get(t['rung'])}) on {_nice_day(t['date'])}.")
    if "ceasefire" in tp:
        t = tp["ceasefire"][0]
        lines.append(
            f"Ceasefire: {_nice_day(t['date'])}; the day closed at rung {t['rung']} ({rung_names.get(t['rung'])})."
        )
    if "breach" in tp:
        lines.append(
            f"Breaches after the ceasefire: {', '.join(_nice_day(t['date']) for t in tp['breach'])}."
        )
    if "return_to_baseline" in tp:
        lines.append(
            f"Back to the pre-hostilities level by {_nice_day(tp['return_to_baseline'][0]['date'])}."
        )
    mediators = [r["name"] for r in lever_rows if r["role"] == "mediator"]
    if mediators:
        lines.append(f"Third parties in contact with both sides: {', '.join(mediators)}.")
    econ = [r["name"] for r in lever_rows if r["role"] == "economic"]
    if econ:
        lines.append(f"Economic levers: {', '.join(econ)}.")
    contested = [r for r in ledger_rows if r["status"] == "contested"]
    if contested:
        lines.append(
            f"{len(contested)} contested proposition(s) in the claims ledger, starting with: {contested[0]['proposition']}."
        )
    return lines


def _event_phrase(events: list[dict[str, Any]], name) -> str:
    if not events:
        return "see timeline"
    e = events[0]
    who = ", ".join(name(s) for s in e["source"]) or "unknown actor"
    whom = ", ".join(name(t) for t in e["target"])
    where = f" at {e['location']}" if e.get("location") else ""
    return f"{e['type'].lower()} by {who}{' on ' + whom if whom else ''}{where}"


# ---------------------------------------------------------------- charts (geometry only; the template draws)


def ladder_chart(brief: Brief, width: int = 900, height: int = 300) -> dict[str, Any] | None:
    """Coordinates for the daily-rung step chart, with each point's events for the hover."""
    lad = brief.ladder
    if lad is None or lad.empty or not brief.sides:
        return None
    pad_l, pad_r, pad_t, pad_b = 170, 20, 16, 40
    days = sorted({d for d in (_day(v) for v in lad["date"]) if d})
    n = max(len(days), 2)
    top = max(r.level for r in load_ladder())
    x_of = {d: pad_l + i * (width - pad_l - pad_r) / (n - 1) for i, d in enumerate(days)}

    def y(level: float) -> float:
        return pad_t + (top - level) * (height - pad_t - pad_b) / top

    by_id = {e["id"]: e for e in brief.timeline}
    colours = {brief.sides[0]: "#d35400", brief.sides[1]: "#1f6fb2", CRISIS: "#444"}
    series, highs = [], []
    names = {r.level: r.name for r in load_ladder()}
    for side in [*brief.sides, CRISIS]:
        rows = lad[lad["side"] == side].sort_values("date")
        pts: list[dict[str, Any]] = []
        path: list[str] = []
        prev_y = None
        for r in rows.itertuples(index=False):
            d = _day(r.date) or ""
            px, py = x_of[d], y(r.rung)
            if prev_y is not None:
                path.append(f"L{px:.1f},{prev_y:.1f}")
            path.append(f"{'M' if not path else 'L'}{px:.1f},{py:.1f}")
            prev_y = py
            tip_events = [by_id[i] for i in r.events if i in by_id]
            if int(r.high) > int(r.rung):
                highs.append({"x": round(px, 1), "y": round(y(r.high), 1), "date": d, "rung": int(r.high),
                              "rung_name": names.get(int(r.high)), "colour": colours[side], "label": side,
                              "events": [by_id[i] for i in r.high_events if i in by_id]})  # fmt: skip
            pts.append({"x": round(px, 1), "y": round(py, 1), "date": d, "rung": int(r.rung), "rung_name": r.rung_name,
                        "held": bool(r.held), "events": tip_events})  # fmt: skip
        label = "crisis (higher side)" if side == CRISIS else brief.names.get(side, side)
        series.append({"side": side, "label": label, "colour": colours[side], "path": " ".join(path), "points": pts,
                       "crisis": side == CRISIS})  # fmt: skip
    step = max(1, math.ceil(n / 12))
    ticks = [
        {"x": round(x_of[d], 1), "label": _nice_day(d)[:-5]} for i, d in enumerate(days) if i % step == 0
    ]
    rungs = [{"y": round(y(r.level), 1), "label": f"{r.level} {r.name}"} for r in load_ladder()]
    marks = [
        {"x": x_of[t["date"]], "label": t["kind"].replace("_", " ")}
        for t in brief.turning
        if t["date"] in x_of and t["kind"] in ("trigger", "onset", "peak", "ceasefire", "return_to_baseline")
    ]
    highs = [h for h in highs if h["label"] != CRISIS]
    return {"width": width, "height": height, "series": series, "ticks": ticks, "rungs": rungs, "marks": marks,
            "highs": highs,
            "x0": pad_l, "x1": width - pad_r, "y0": pad_t, "y1": height - pad_b}  # fmt: skip


def network_chart(brief: Brief, size: int = 520) -> dict[str, Any] | None:
    """Circle layout with the two sides facing each other; edge width by event count."""
    g = brief.graph
    if g.number_of_nodes() == 0:
        return None
    degree = dict(g.degree(weight="weight"))
    nodes = sorted(g.nodes, key=lambda n: (-degree.get(n, 0), n))[:24]
    if brief.sides:
        nodes = [s for s in brief.sides if s in g] + [n for n in nodes if n not in brief.sides]
    c, radius = size / 2, size / 2 - 60
    pos = {}
    for i, node in enumerate(nodes):
        angle = math.pi + 2 * math.pi * i / len(nodes)
        pos[node] = (c + radius * math.cos(angle), c + radius * math.sin(angle))
    max_w = max((d["weight"] for _, _, d in g.edges(data=True)), default=1)
    top_degree = max(max(degree.values()), 1)
    radius_of = {n: round(6 + 10 * math.sqrt(degree.get(n, 0) / top_degree), 1) for n in nodes}
    edges = []
    for u, v, d in g.edges(data=True):
        if u not in pos or v not in pos:
            continue
        (x1, y1), (x2, y2) = pos[u], pos[v]
        # end the edge at the rim of the target node, so its arrow shows
        dist = math.hypot(x2 - x1, y2 - y1) or 1
        x2, y2 = x2 - (x2 - x1) * (radius_of[v] + 3) / dist, y2 - (y2 - y1) * (radius_of[v] + 3) / dist
        # bend the edge so u->v and v->u do not overlap
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy) or 1
        qx, qy = mx - dy / length * 18, my + dx / length * 18
        colour = "#b03a2e" if d["sign"] < 0 else "#1e8449" if d["sign"] > 0 else "#888"
        edges.append({"d": f"M{x1:.1f},{y1:.1f} Q{qx:.1f},{qy:.1f} {x2:.1f},{y2:.1f}", "colour": colour,
                      "w": round(1 + 5 * d["weight"] / max_w, 2), "source": u, "target": v, **d})  # fmt: skip
    node_rows = [{"code": n, "name": brief.names.get(n, n), "x": round(pos[n][0], 1), "y": round(pos[n][1], 1),
                  "r": radius_of[n],
                  "side": bool(brief.sides and n in brief.sides)} for n in nodes]  # fmt: skip
    return {"size": size, "nodes": node_rows, "edges": edges}


# ---------------------------------------------------------------- rendering


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("offramp.report", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "md", "svg", "j2"), default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["day"] = _nice_day
    env.filters["safe_url"] = safe_url
    env.filters["md"] = _md_cell
    env.filters["mdurl"] = _md_url
    return env


def _script() -> str:
    return resources.files("offramp.report").joinpath("templates/brief.js").read_text(encoding="utf-8")


def _md_cell(value: Any) -> str:
    """Text for a Markdown table cell: HTML special characters escaped, pipes and newlines neutralised."""
    text = "" if value is None else str(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "|[]`*_":
        text = text.replace(ch, "\\" + ch)
    return " ".join(text.split())


def _md_url(url: Any) -> str:
    """An http(s) URL for a Markdown link destination, with the characters that could end it encoded."""
    text = safe_url(url) or ""
    for ch, code in (
        ("%", "%25"),
        (" ", "%20"),
        ("<", "%3C"),
        (">", "%3E"),
        ("|", "%7C"),
        ("\\", "%5C"),
        ("`", "%60"),
    ):
        text = text.replace(ch, code)
    return text


def render_html(brief: Brief) -> str:
    script = _script()
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    template = _env().get_template("brief.html")
    return template.render(
        b=brief,
        script=script,
        script_hash=f"sha256-{digest}",
        ladder=ladder_chart(brief),
        network=network_chart(brief),
        version=__version__,
        rungs=load_ladder(),
    )


def render_markdown(brief: Brief) -> str:
    env = _env()
    env.autoescape = False  # Markdown: every text goes through the ``md`` filter instead
    template = env.get_template("brief.md")
    return template.render(b=brief, rungs=load_ladder(), version=__version__)


def write_brief(
    store: Store, out: str | Path, *, fmt: str | None = None, title: str | None = None,
    sides: tuple[str, str] | None = None, outlook: str | None = None,
) -> Path:  # fmt: skip
    """Write the brief of ``store`` to ``out`` as HTML (default) or Markdown (``fmt='md'`` or a .md name)."""
    out = Path(out)
    fmt = (fmt or ("md" if out.suffix.lower() in (".md", ".markdown") else "html")).lower()
    if fmt not in ("html", "md", "markdown"):
        raise InputError(f"unknown brief format {fmt!r}", hint="use html or md")
    brief = collect(store, title=title, sides=sides, outlook=outlook)
    text = render_html(brief) if fmt == "html" else render_markdown(brief)
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(
            f"cannot write the brief: {exc.strerror}", where=str(out), hint="check the folder exists"
        ) from exc
    return out
