"""Test data: a small hand-made crisis, and an article that tries to run a script.

``example_crisis()`` is a two-week crisis between two states written for tests
and docs (our own wording, not any article's): a trigger attack, a treaty
suspended, strikes and shelling, a nuclear command meeting, third-party calls,
a loan, a ceasefire and one breach, and a handful of contested claims. The
``crisis`` fixture in ``conftest.py`` writes it into a fresh store.
``add_hostile_article`` adds an article whose every field carries a script, for
the tests that the brief escapes what it shows (the ``hostile`` mark).
"""

from __future__ import annotations

import datetime as dt

from offramp.ontology.plover import quad_of, score
from offramp.records import Claim, Document, Event, EventSource
from offramp.store import Store

__all__ = ["HOSTILE_MARK", "add_example_crisis", "add_hostile_article", "example_crisis"]

D = dt.date


def _docs() -> list[Document]:
    return [
        Document(
            text="example report A", title="Report A", url="https://example.org/a", published=D(2025, 5, 12)
        ),
        Document(
            text="example report B", title="Report B", url="https://example.net/b", published=D(2025, 5, 13)
        ),
        Document(
            text="example report C", title="Report C", url="https://example.com/c", published=D(2025, 5, 20)
        ),
    ]


def _ev(doc: Document, type_: str, source, target, date, evidence, **kw) -> Event:
    return Event(type=type_, source=list(source), target=list(target), date=date, doc_id=doc.id, evidence=evidence,
                 **kw)  # fmt: skip


def example_crisis() -> tuple[list[Document], list[Event], list[Claim]]:
    """Documents, events and claims of the hand-made crisis (IND and PAK as the sides)."""
    a, b, c = _docs()

    def ev(doc, t, s, g, d, text, **kw):
        kw.setdefault("quad", quad_of(t))
        kw.setdefault("score", score(t, kw.get("mode")))
        return _ev(doc, t, s, g, d, text, **kw)

    events = [
        ev(
            a,
            "ASSAULT",
            ["MIL"],
            ["IND"],
            D(2025, 4, 22),
            "Gunmen opened fire on visitors in a valley resort, killing 26.",
            fatalities=26,
            location="Pahalgam",
            mode="firearms",
        ),
        ev(
            a,
            "SANCTION",
            ["IND"],
            ["PAK"],
            D(2025, 4, 23),
            "New Delhi put the river-sharing treaty in abeyance.",
            mode="discontinue",
        ),
        ev(
            b,
            "SANCTION",
            ["PAK"],
            ["IND"],
            D(2025, 4, 24),
            "Islamabad expelled envoys and shut its airspace.",
            mode="expel",
        ),
        ev(
            b,
            "ACCUSE",
            ["IND"],
            ["PAK"],
            D(2025, 4, 25),
            "New Delhi blamed its neighbour for sheltering the gunmen.",
        ),
        ev(
            a,
            "CONSULT",
            ["USA"],
            ["IND", "PAK"],
            D(2025, 4, 30),
            "Washington's top diplomat phoned both capitals.",
            mode="phone",
        ),
        ev(
            a,
            "ASSAULT",
            ["IND"],
            ["PAK"],
            D(2025, 5, 7),
            "Indian missiles hit what it called militant camps.",
            mode="aerial",
        ),
        ev(
            b,
            "ASSAULT",
            ["PAK"],
            ["IND"],
            D(2025, 5, 7),
            "Artillery duels along the Line of Control went on for days.",
            date_end=D(2025, 5, 9),
            mode="heavy-weapons",
        ),
        ev(
            b,
            "ASSAULT",
            ["PAK"],
            ["IND"],
            D(2025, 5, 8),
            "Swarms of drones were sent at Indian military stations.",
            mode="drone",
        ),
        ev(
            c,
            "REQUEST",
            ["GBR"],
            ["IND", "PAK"],
            D(2025, 5, 8),
            "London urged both governments to show restraint.",
        ),
        ev(
            c,
            "CONSULT",
            ["SAU"],
            ["IND", "PAK"],
            D(2025, 5, 8),
            "A Saudi minister shuttled between the two capitals.",
            mode="visit",
        ),
        ev(
            a,
            "CONSULT",
            ["PAK"],
            [],
            D(2025, 5, 9),
            "Islamabad convened its National Command Authority.",
            location="Islamabad",
        ),
        ev(
            a,
            "AID",
            ["IMF"],
            ["PAK"],
            D(2025, 5, 9),
            "The Fund's board released a $1 billion loan tranche.",
            amount_usd=1e9,
        ),
        ev(
            b,
            "CONSULT",
            ["PAK"],
            ["IND"],
            D(2025, 5, 9),
            "The two national security advisers talked through a back channel.",
            certainty="reported",
        ),
        ev(
            a,
            "ASSAULT",
            ["IND"],
            ["PAK"],
            D(2025, 5, 10),
            "Indian jets struck several air bases before dawn.",
            mode="aerial",
        ),
        ev(
            a,
            "RETREAT",
            ["IND"],
            ["PAK"],
            D(2025, 5, 10),
            "Both armies agreed to stop firing from 17:00.",
            mode="ceasefire",
        ),
        ev(
            a,
            "RETREAT",
            ["PAK"],
            ["IND"],
            D(2025, 5, 10),
            "Both armies agreed to stop firing from 17:00.",
            mode="ceasefire",
        ),
        ev(
            c,
            "CONSULT",
            ["USA"],
            ["IND", "PAK"],
            D(2025, 5, 10),
            "The vice-president called both prime ministers.",
            mode="phone",
        ),
        ev(
            b,
            "ASSAULT",
            ["PAK"],
            ["IND"],
            D(2025, 5, 11),
            "Firing resumed briefly along the Line of Control.",
            mode="firearms",
        ),
        ev(
            b,
            "CONSULT",
            ["IND"],
            ["PAK"],
            D(2025, 5, 12),
            "The two directors-general of military operations spoke.",
            mode="phone",
        ),
        ev(
            b,
            "CONSULT",
            ["IND"],
            ["PAK"],
            D(2025, 5, 16),
            "Officials of both sides met at a crossing point to hand back detained fishermen.",
            mode="visit",
        ),
        ev(
            c,
            "THREATEN",
            ["IND"],
            ["PAK"],
            None,
            "Any future attack will be treated as an act of war, Delhi said.",
        ),
    ]
    claims = [
        Claim(
            speaker="the US president",
            speaker_actor="USA",
            cue="said",
            polarity="assert",
            doc_id=a.id,
            content="the United States brokered the ceasefire between the two neighbours",
            about=["USA"],
        ),
        Claim(
            speaker="Pakistan's foreign office",
            speaker_actor="PAK",
            cue="thanked",
            polarity="assert",
            doc_id=b.id,
            content="Washington for facilitating the truce",
            about=["USA"],
        ),
        Claim(
            speaker="India's foreign secretary",
            speaker_actor="IND",
            cue="denied",
            polarity="deny",
            doc_id=b.id,
            content="that any third party mediated the ceasefire",
            about=["USA"],
        ),
        Claim(
            speaker="India's defence minister",
            speaker_actor="IND",
            cue="declared",
            polarity="assert",
            doc_id=a.id,
            content="India won and achieved all its military objectives",
            about=["IND"],
        ),
        Claim(
            speaker="Pakistan's army spokesman",
            speaker_actor="PAK",
            cue="said",
            polarity="assert",
            doc_id=b.id,
            content="Pakistan won a decisive victory over India",
            about=["PAK"],
        ),
        Claim(
            speaker="Pakistan's army spokesman",
            speaker_actor="PAK",
            cue="claimed",
            polarity="assert",
            doc_id=b.id,
            content="its air force shot down five Indian jets",
            about=["PAK", "IND"],
        ),
        Claim(
            speaker="the IMF",
            speaker_actor="IMF",
            cue="announced",
            polarity="assert",
            doc_id=a.id,
            content="its board approved a $1 billion loan to Pakistan",
            about=["IMF", "PAK"],
        ),
        Claim(
            speaker="an analyst",
            speaker_actor="IISS",
            cue="noted",
            polarity="assert",
            doc_id=c.id,
            content="the IMF approved a loan of $1.1 billion for Pakistan",
            about=["IMF", "PAK"],
        ),
        Claim(
            speaker="a local official",
            speaker_actor="IND",
            cue="said",
            polarity="assert",
            doc_id=c.id,
            content="28 people were killed in the attack on tourists",
            about=["IND"],
        ),
        Claim(
            speaker="an analyst",
            speaker_actor="IISS",
            cue="said",
            polarity="hedge",
            doc_id=c.id,
            content="the strikes may have hit civilian areas",
            about=["IND", "PAK"],
        ),
    ]
    for i, e in enumerate(events):  # distinct places in the text, so distinct ids
        e.span_start, e.span_end = i * 100, i * 100 + len(e.evidence or "")
        e.sources[0].span_start, e.sources[0].span_end = e.span_start, e.span_end
        e.id = ""
        e.__post_init__()
    return [a, b, c], events, claims


def add_example_crisis(store: Store) -> None:
    """Write the example crisis into ``store`` (one transaction)."""
    docs, events, claims = example_crisis()
    with store.write():
        for d in docs:
            store.add_document(d)
        store.add_events(events)
        store.add_claims(claims)


HOSTILE_MARK = "document.documentElement.setAttribute('data-pwned','1')"
HOSTILE = {
    "title": f"<script>{HOSTILE_MARK}</script>Report",
    "url": f"javascript:{HOSTILE_MARK}",
    "evidence": f'Shells fell. <img src=x onerror="{HOSTILE_MARK}"> "><svg onload="{HOSTILE_MARK}">',
    "location": f'<iframe src="javascript:{HOSTILE_MARK}"></iframe>',
    "speaker": f'<b onmouseover="{HOSTILE_MARK}">spokesman</b>',
    "content": f"</td></tr></table><script>{HOSTILE_MARK}</script> India won the war",
    "source_url": f"JaVaScRiPt:{HOSTILE_MARK}",
}


def add_hostile_article(store: Store) -> None:
    """An article whose every field tries to run a script (for tests that the brief escapes it)."""
    doc = Document(text="hostile", title=HOSTILE["title"], url=HOSTILE["url"], published=D(2025, 5, 9))
    ev = Event(type="ASSAULT", source=["PAK"], target=["IND"], date=D(2025, 5, 9), quad=4, doc_id=doc.id,
               evidence=HOSTILE["evidence"], location=HOSTILE["location"], mode="heavy-weapons")  # fmt: skip
    claim = Claim(speaker=HOSTILE["speaker"], speaker_actor="IND", content=HOSTILE["content"], doc_id=doc.id,
                  cue="<i>said</i>")  # fmt: skip
    with store.write():
        store.add_document(doc)
        store.add_events([ev])
        store.add_claims([claim])
    store.add_event_source(
        ev.id, EventSource(doc_id=doc.id, evidence=HOSTILE["evidence"], url=HOSTILE["source_url"])
    )
