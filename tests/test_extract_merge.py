"""Merging: repeated mentions within a document, the same event across documents,
re-extraction, the event records query and the `extract` / `events` commands."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from offramp.analysis.queries import EVENT_RECORD_COLUMNS, event_records
from offramp.extract.merge import THRESHOLD, dedupe, merge_events, same_event_score
from offramp.records import Document, Event

D = dt.date


def ev(
    doc: str, start: int, type_: str = "ASSAULT", src=("IND",), tgt=("PAK",), date=None, end=None, **kw
) -> Event:
    return Event(
        type=type_,
        source=list(src),
        target=list(tgt),
        date=date,
        date_end=end,
        doc_id=doc,
        evidence=kw.pop("evidence", f"sentence at {start}"),
        span_start=start,
        span_end=start + 10,
        **kw,
    )


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # "the night of May 6th and 7th" and "May 7": one strike
        (ev("a", 0, date=D(2025, 5, 6), end=D(2025, 5, 7)), ev("b", 0, date=D(2025, 5, 7)), True),
        # a meeting a day apart (time zones, eve and morning) still merges
        (ev("a", 0, "CONSULT", date=D(2025, 5, 7)), ev("b", 0, "CONSULT", date=D(2025, 5, 8)), True),
        # attacks plainly dated a day apart are two attacks...
        (ev("a", 0, date=D(2025, 5, 7)), ev("b", 0, date=D(2025, 5, 8)), False),
        # ...unless one is told by the night, or both agree on how and where
        (
            ev("a", 0, date=D(2025, 5, 7)),
            ev("b", 0, date=D(2025, 5, 8), date_text="the night of 7 to 8 May"),
            True,
        ),
        (
            ev("a", 0, date=D(2025, 5, 7), mode="drone", location="Lahore"),
            ev("b", 0, date=D(2025, 5, 8), mode="drone", location="Lahore"),
            True,
        ),
        # shelling and a drone raid by the same side on the same day are two acts
        (
            ev("a", 0, date=D(2025, 5, 8), mode="heavy-weapons"),
            ev("b", 0, date=D(2025, 5, 8), mode="drone"),
            False,
        ),
        # a missile strike told as an air strike by another report is one act
        (ev("a", 0, date=D(2025, 5, 7), mode="aerial"), ev("b", 0, date=D(2025, 5, 7), mode="drone"), True),
        # two days apart does not
        (ev("a", 0, date=D(2025, 5, 7)), ev("b", 0, date=D(2025, 5, 9)), False),
        # the other direction is another event
        (ev("a", 0, date=D(2025, 5, 7)), ev("b", 0, src=("PAK",), tgt=("IND",), date=D(2025, 5, 7)), False),
        # another type family
        (ev("a", 0, date=D(2025, 5, 7)), ev("b", 0, type_="CONSULT", date=D(2025, 5, 7)), False),
        # a ceasefire as AGREE and as RETREAT:ceasefire
        (
            ev("a", 0, "AGREE", ("IND", "PAK"), ("IND", "PAK"), D(2025, 5, 10), attrs={"both_ways": True}),
            ev("b", 0, "RETREAT", ("IND", "PAK"), ("IND", "PAK"), D(2025, 5, 10), attrs={"both_ways": True}),
            True,
        ),
        # undated: only on an unambiguous anchor: the same place, mode and actors...
        (
            ev("a", 0, "ASSAULT", ("RUS",), ("UKR",), mode="drone", location="Odesa", country="UKR"),
            ev("b", 0, "ASSAULT", ("RUS",), ("UKR",), mode="drone", location="Odesa", country="UKR"),
            True,
        ),
        # two undated tellings by the same sides and means are one undated event...
        (ev("a", 0, mode="aerial"), ev("b", 0, mode="aerial"), True),
        # ...but a dated telling joins it only on an anchor, not on the same mode and actors alone
        (ev("a", 0, mode="aerial"), ev("b", 0, mode="aerial", date=D(2025, 5, 7)), False),
        # nor on a place that is a whole state
        (
            ev("a", 0, mode="aerial", date=D(2025, 5, 7)),
            ev("b", 0, mode="aerial", location="Pakistan", country="PAK"),
            False,
        ),
        (ev("a", 0), ev("b", 0), False),
        # ...or the same named operation
        (
            ev(
                "a",
                0,
                "ASSAULT",
                ("UKR",),
                ("RUS",),
                evidence="Kyiv said Operation Amber Wind hit four airfields.",
            ),
            ev(
                "b",
                0,
                "ASSAULT",
                ("UKR",),
                ("RUS",),
                D(2025, 6, 1),
                evidence="Operation Amber Wind began at dawn.",
            ),
            True,
        ),
        # two operations named apart are two events, even on one day
        (
            ev(
                "a",
                0,
                "ASSAULT",
                ("AZE",),
                ("ARM",),
                D(2023, 9, 19),
                evidence="Baku announced Operation Iron Step.",
            ),
            ev(
                "b", 0, "ASSAULT", ("AZE",), ("ARM",), D(2023, 9, 19), evidence="Operation Clear Sky went on."
            ),
            False,
        ),
        # a campaign told as a span and one day within it are not one act
        (ev("a", 0, date=D(2025, 5, 7), end=D(2025, 5, 10)), ev("b", 0, date=D(2025, 5, 8)), False),
        (
            ev("a", 0, date=D(2025, 5, 7), end=D(2025, 5, 10)),
            ev("b", 0, date=D(2025, 5, 7), end=D(2025, 5, 10)),
            True,
        ),
        # sites in two countries are two strikes, even by one side on one day
        (
            ev("a", 0, "ASSAULT", ("RUS",), ("UKR",), D(2024, 8, 26), location="Lutsk", country="UKR"),
            ev("b", 0, "ASSAULT", ("RUS",), ("UKR",), D(2024, 8, 26), location="Chisinau", country="MDA"),
            False,
        ),
        # a capital naming the acting side is not where the act landed
        (
            ev("a", 0, "ASSAULT", ("RUS",), ("UKR",), D(2024, 8, 26), location="Moscow", country="RUS"),
            ev("b", 0, "ASSAULT", ("RUS",), ("UKR",), D(2024, 8, 26), location="Lutsk", country="UKR"),
            True,
        ),
        # what a strike did ("destroyed") agrees with how it was made
        (ev("a", 0, date=D(2025, 5, 7), mode="destroy"), ev("b", 0, date=D(2025, 5, 7), mode="aerial"), True),
        # a phone call and a visit on one day are two contacts
        (
            ev("a", 0, "CONSULT", ("CHN",), ("TWN",), D(2024, 5, 2), mode="phone"),
            ev("b", 0, "CONSULT", ("CHN",), ("TWN",), D(2024, 5, 2), mode="visit"),
            False,
        ),
        # different amounts are different loans
        (
            ev("a", 0, "AID", ("IMF",), ("PAK",), amount_usd=1e9, mode="x"),
            ev("b", 0, "AID", ("IMF",), ("PAK",), amount_usd=1.4e9, mode="x"),
            False,
        ),
    ],
)
def test_same_event_score(a, b, same):
    assert (same_event_score(a, b) >= THRESHOLD) is same
    assert (same_event_score(b, a) >= THRESHOLD) is same


def test_dedupe_folds_repeated_mentions_into_the_dated_one():
    first = ev("a", 0, "AGREE", ("IND", "PAK"), ("IND", "PAK"), attrs={"both_ways": True})
    dated = ev("a", 100, "AGREE", ("IND", "PAK"), ("IND", "PAK"), D(2025, 5, 10), attrs={"both_ways": True})
    kept = dedupe([first, dated])
    assert len(kept) == 1
    assert kept[0].date == D(2025, 5, 10)
    assert kept[0].attrs["mentions"] == 2


def test_dedupe_keeps_distinct_events_of_one_sentence():
    drones = ev(
        "a",
        0,
        "ASSAULT",
        ("IND", "PAK"),
        ("IND", "PAK"),
        D(2025, 5, 7),
        mode="drone",
        attrs={"both_ways": True},
    )
    shelling = ev(
        "a",
        0,
        "ASSAULT",
        ("IND", "PAK"),
        ("IND", "PAK"),
        D(2025, 5, 7),
        mode="heavy-weapons",
        attrs={"both_ways": True},
    )
    assert len(dedupe([drones, shelling])) == 2


def test_negated_events_never_merge():
    yes = ev("a", 0, date=D(2025, 5, 7))
    no = ev("a", 50, date=D(2025, 5, 7), negated=True)
    assert len(dedupe([yes, no])) == 2


def _doc(text: str, **kw) -> Document:
    return Document(text=text, **kw)


def test_merge_events_attaches_sources(store):
    a, b = (
        _doc("first", url="https://a.example/1", title="A"),
        _doc("second", url="https://b.example/2", title="B"),
    )
    for d in (a, b):
        store.add_document(d)
    merge_events(store, [ev(a.id, 0, date=D(2025, 5, 6), end=D(2025, 5, 7), mode="aerial")], a)
    merge_events(
        store,
        [ev(b.id, 5, date=D(2025, 5, 7), mode="aerial"), ev(b.id, 40, "CONSULT", ("USA",), ("IND",))],
        b,
    )
    assert store.counts()["events"] == 2
    records = event_records(store, type="ASSAULT")
    assert list(records.columns) == EVENT_RECORD_COLUMNS
    (row,) = records.to_dict(orient="records")
    assert row["n_sources"] == 2
    assert {s["url"] for s in row["sources"]} == {"https://a.example/1", "https://b.example/2"}
    # each source keeps its own date
    assert sorted(s["date"] for s in row["sources"]) == [D(2025, 5, 6), D(2025, 5, 7)]
    assert all(s["evidence"] and len(s["span"]) == 2 for s in row["sources"])


def test_a_later_telling_supplies_what_the_stored_event_lacks(store):
    from offramp.analysis import event_rungs

    a, b, c = (_doc(name) for name in ("first", "second", "third"))
    for d in (a, b, c):
        store.add_document(d)
    merge_events(store, [ev(a.id, 0, date=D(2025, 5, 7))], a)
    before = event_rungs(store).iloc[0]
    merge_events(
        store,
        [ev(b.id, 0, date=D(2025, 5, 7), mode="aerial", location="Bahawalpur", country="PAK", fatalities=8)],
        b,
    )
    merge_events(
        store, [ev(c.id, 0, date=D(2025, 5, 7), location="Muridke", country="PAK", fatalities=31)], c
    )
    (row,) = event_records(store, type="ASSAULT").to_dict(orient="records")
    assert row["n_sources"] == 3
    # the first source to state a mode, place or toll supplies it; later ones do not overwrite
    assert (row["mode"], row["location"], row["fatalities"]) == ("aerial", "Bahawalpur", 8)
    # and the event's ladder rung is worked out again from what it now says
    after = event_rungs(store).iloc[0]
    assert after["rung"] > before["rung"], (before["rule"], after["rule"])


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, 3),
        ({"actor": "usa"}, 1),
        ({"type": "ASSAULT"}, 2),
        ({"since": D(2025, 5, 8)}, 1),
        ({"until": D(2025, 5, 7)}, 1),
    ],
)
def test_event_records_filters(store, filters, expected):
    d = _doc("x")
    store.add_document(d)
    events = [
        ev(d.id, 0, date=D(2025, 5, 7)),
        ev(d.id, 20, src=("PAK",), tgt=("IND",), date=D(2025, 5, 8)),
        ev(d.id, 40, "CONSULT", ("USA",), ("PAK",)),
    ]
    merge_events(store, events, d)
    assert len(event_records(store, **filters)) == expected


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["ASSAULT", "CONSULT", "AGREE", "AID"]),
            st.sampled_from([("IND",), ("PAK",), ("USA",)]),
            st.one_of(st.none(), st.dates(D(2025, 4, 20), D(2025, 5, 15))),
        ),
        max_size=8,
    )
)
def test_dedupe_never_invents_or_loses_everything(items):
    events = [ev("d", i * 10, t, s, ("XXX",), date) for i, (t, s, date) in enumerate(items)]
    kept = dedupe(events)
    assert len(kept) <= len(events)
    assert bool(kept) == bool(events)
    assert {e.type for e in kept} == {e.type for e in events}


def test_reextraction_is_stable(seeds, store):
    from offramp.extract import extract_documents
    from offramp.ingest import ingest

    ingest(store, [str(p) for p in seeds])
    before = store.counts()
    assert extract_documents(store) == len(seeds)
    assert store.counts()["events"] == before["events"]
    assert store.counts()["event_sources"] == before["event_sources"]


def test_cli_extract_and_events(seeds, tmp_path):
    from typer.testing import CliRunner

    from offramp.cli import app
    from offramp.ingest import ingest
    from offramp.store import Store

    db = tmp_path / "cli.duckdb"
    with Store(db) as s:
        ingest(s, [str(p) for p in seeds], extract=False)
    runner = CliRunner()
    result = runner.invoke(app, ["extract", "--db", str(db)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        app, ["events", "--db", str(db), "--actor", "PAK", "--type", "assault", "-f", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert rows and all(r["type"] == "ASSAULT" for r in rows)
    assert all("PAK" in r["source"] + r["target"] for r in rows)
    for key in ("id", "date", "date_end", "date_inferred", "source", "target", "mode", "quad", "cameo_root",
                "score", "location", "fatalities", "amount_usd", "certainty", "sources"):  # fmt: skip
        assert key in rows[0]
    assert {"url", "title", "published", "evidence", "span"} <= set(rows[0]["sources"][0])
    bad = runner.invoke(app, ["events", "--db", str(db), "--type", "FIGHTING"])
    assert bad.exit_code == 1
    assert "unknown event type" in bad.output
    bad = runner.invoke(app, ["events", "--db", str(db), "--since", "yesterday"])
    assert bad.exit_code == 1


def _stored(store, *docs_events):
    """Merge each (document, events) in turn, as extraction does; returns the event rows."""
    for doc, events in docs_events:
        store.add_document(doc)
        merge_events(store, events, doc)
    return event_records(store).to_dict(orient="records")


def test_an_event_never_stretches_over_incompatible_days(store):
    # talks told as on the 13th, the 14th and the 15th: the 14th joins the 13th, but the 15th
    # would make one event of days two apart, so it stays apart
    docs = [_doc(f"talks {i}") for i in range(3)]
    rows = _stored(
        store,
        *((d, [ev(d.id, 0, "CONSULT", ("ARM",), ("AZE",), D(2024, 4, 13 + i))]) for i, d in enumerate(docs)),
    )
    assert sorted(r["n_sources"] for r in rows) == [1, 2]


@pytest.mark.parametrize("dated_strikes", [1, 2])
def test_an_undated_telling_joins_only_an_unambiguous_event(store, dated_strikes):
    where = {"mode": "drone", "location": "Odesa", "country": "UKR"}
    docs = [_doc(f"report {i}") for i in range(dated_strikes + 1)]
    told = [(d, [ev(d.id, 0, "ASSAULT", ("RUS",), ("UKR",), D(2025, 3, 1 + 5 * i), **where)]) for i, d in
            enumerate(docs[:-1])]  # fmt: skip
    undated = docs[-1]
    rows = _stored(store, *told, (undated, [ev(undated.id, 0, "ASSAULT", ("RUS",), ("UKR",), **where)]))
    if dated_strikes == 1:  # the one drone strike on Odesa it can be
        (row,) = rows
        assert row["n_sources"] == 2 and row["date"] == D(2025, 3, 1)
    else:  # two such strikes: it could be either, so it stays apart
        assert len(rows) == 3


def test_a_dated_telling_dates_the_undated_event_of_the_same_operation(store):
    a, b = _doc("first"), _doc("second")
    op = "Operation Amber Wind"
    rows = _stored(
        store,
        (a, [ev(a.id, 0, "ASSAULT", ("UKR",), ("RUS",), evidence=f"Kyiv said {op} hit four airfields.")]),
        (b, [ev(b.id, 0, "ASSAULT", ("UKR",), ("RUS",), D(2025, 6, 1), evidence=f"{op} began on 1 June.")]),
    )
    (row,) = rows
    assert row["n_sources"] == 2 and row["date"] == D(2025, 6, 1)


def test_one_sentence_dating_two_acts_apart_keeps_both():
    # "Guyana said troops crossed on 3 March and again on 9 March"
    first = ev("a", 0, "MOBILIZE", ("VEN",), ("GUY",), D(2024, 3, 3))
    second = ev("a", 0, "MOBILIZE", ("VEN",), ("GUY",), D(2024, 3, 9))
    assert len(dedupe([first, second])) == 2


def test_dedupe_folds_undated_mentions_unless_they_could_be_either_of_two_acts():
    # two undated tellings of one act by the same sides in one text are that act
    a = ev("a", 0, "ASSAULT", ("ETH",), ("ERI",))
    b = ev("a", 100, "ASSAULT", ("ETH",), ("ERI",))
    assert len(dedupe([a, b])) == 1
    # "the strikes" after strikes dated the 3rd and the 9th could be either: it stays apart
    d3 = ev(
        "a", 0, "ASSAULT", ("ETH",), ("ERI",), D(2024, 3, 3), mode="aerial", location="Assab", country="ERI"
    )
    d9 = ev(
        "a",
        50,
        "ASSAULT",
        ("ETH",),
        ("ERI",),
        D(2024, 3, 9),
        mode="aerial",
        location="Massawa",
        country="ERI",
    )
    mention = ev("a", 100, "ASSAULT", ("ETH",), ("ERI",), attrs={"nominal": True})
    assert len(dedupe([d3, d9, mention])) == 3
    # with one dated strike it is that strike
    assert len(dedupe([d3, mention])) == 1


WIRE = (
    "Venezuela's defence ministry said on Tuesday that its navy had seized a Guyanese fishing boat "
    "near the Essequibo coast. Guyana's foreign minister condemned the seizure and summoned the "
    "Venezuelan ambassador in Georgetown. Brazil urged both governments to resolve the dispute "
    "through talks. The United Nations called on Venezuela to release the crew. Officials in "
    "Caracas said the boat had entered waters that Venezuela claims, a claim Guyana rejects. "
    "The two countries have argued over the region for more than a century, and the dispute "
    "is before the International Court of Justice. Fishing crews in the area said patrols had "
    "grown more frequent in recent weeks, and several boats stayed in port on Wednesday."
)


def _wire_copies(tmp_path, n: int):
    path = tmp_path / f"wire{n}.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            # each outlet adds its own credit line, some their own dateline before the first
            # sentence, and some print it a day later
            dateline = f"CARACAS (Outlet {i}) — " if i % 3 == 1 else ""
            record = {
                "url": f"https://outlet{i}.example/news/{i}",
                "published": f"2025-03-0{4 + i % 2}",
                "text": f"{dateline}{WIRE}\n\nPublished by Outlet {i} staff.",
            }
            f.write(json.dumps(record) + "\n")
    return path


@pytest.mark.slow
def test_wire_reprints_give_one_copys_events_with_every_outlet_as_a_source(tmp_path):
    from offramp.ingest import ingest
    from offramp.store import Store

    with Store(tmp_path / "one.duckdb") as one:
        ingest(one, [_wire_copies(tmp_path / "", 1)])
        single = one.counts()["events"]
    with Store(tmp_path / "many.duckdb") as many:
        report = ingest(many, [_wire_copies(tmp_path / "", 20)])
        assert report.count("near-duplicate") == 19
        rows = event_records(many).to_dict(orient="records")
        # links grow with the copies, not the pairs: each copy is linked to the first
        links = many.query("SELECT * FROM near_duplicates")
    assert single > 0
    assert len(rows) == single
    assert len(links) == 19 and links["other_id"].nunique() == 1
    for row in rows:
        assert len({s["url"] for s in row["sources"]}) == 20, row["type"]


def test_dedupe_folds_an_undated_telling_at_the_dated_acts_named_place():
    # "Russian missiles struck Odesa on 3 March ... Russia also hit the port in Odesa, officials said"
    where = {"location": "Odesa", "country": "UKR"}
    dated = ev("a", 0, "ASSAULT", ("RUS",), ("UKR",), D(2025, 3, 3), mode="aerial", **where)
    again = ev("a", 80, "ASSAULT", ("RUS",), ("UKR",), **where)
    assert len(dedupe([dated, again])) == 1
    # a telling elsewhere, not a passing mention, is another act
    elsewhere = ev("a", 80, "ASSAULT", ("RUS",), ("UKR",), location="Kharkiv", country="UKR")
    assert len(dedupe([dated, elsewhere])) == 2


@pytest.mark.parametrize(
    ("both_ways", "expected"),
    [(True, 1), (False, 2)],
)
def test_dedupe_folds_a_mutual_act_told_with_one_more_party(both_ways, expected):
    # "Armenia and Azerbaijan agreed a truce" / "Armenia, Azerbaijan and the US agreed ...": one truce;
    # but a directed act by a larger side ("Armenia and the US accused Azerbaijan") is another
    attrs = {"both_ways": both_ways}
    two = ev("a", 0, "AGREE", ("ARM", "AZE"), ("ARM", "AZE"), attrs=attrs)
    three = ev("a", 90, "AGREE", ("ARM", "AZE", "USA"), ("ARM", "AZE", "USA"), attrs=dict(attrs))
    if not both_ways:
        two = ev("a", 0, "ACCUSE", ("ARM",), ("AZE",))
        three = ev("a", 90, "ACCUSE", ("ARM", "USA"), ("AZE",))
    assert len(dedupe([two, three])) == expected


# Written for this test: one bulletin text, reissued with another day stated in its first sentence.
BULLETIN = (
    "On {day} March 2024 Azerbaijani forces shelled Armenian positions near Sotk, Armenia's defence "
    "ministry said. Yerevan summoned the Azerbaijani charge d'affaires over the shelling. Baku said "
    "its units had only answered fire from across the line. The European Union monitoring mission "
    "said its patrols in the area had been suspended for the day. Villagers in the border "
    "communities said several houses were damaged and that schools stayed closed. Both governments "
    "have traded accusations of ceasefire violations along the border for months, and talks on a "
    "peace treaty have stalled over the wording of a border commission's mandate."
)


@pytest.mark.parametrize(("days", "rows"), [(("04", "04"), 1), (("04", "19"), 2)])
def test_nearly_the_same_words_with_another_stated_day_are_another_act(tmp_path, days, rows):
    """Two near-identical copies are one reprint when the day they state agrees, and two acts
    when each states a different day of its own (a recurring bulletin, not a wire copy)."""
    from offramp.ingest import ingest
    from offramp.store import Store

    path = tmp_path / "bulletins.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i, day in enumerate(days):
            text = BULLETIN.format(day=day) + f"\n\nFiled by desk {i}."
            f.write(
                json.dumps({"url": f"https://desk{i}.example/b", "published": "2024-03-20", "text": text})
            )
            f.write("\n")
    with Store(tmp_path / "b.duckdb") as store:
        report = ingest(store, [path])
        assert report.count("near-duplicate") == 1
        shelling = [r for r in event_records(store).to_dict(orient="records") if r["type"] == "ASSAULT"]
    assert len(shelling) == rows


# -- a later undated telling of the one dated act; a host state named as a target ---------------

SHELLED = {"mode": "heavy-weapons", "location": "Jermuk", "country": "ARM"}


@pytest.mark.parametrize(
    ("later", "folds"),
    [
        # "Azerbaijani artillery shelled Jermuk on 12 September. ... The shelling destroyed two houses."
        (ev("a", 90, "ASSAULT", ("AZE",), ("ARM",), evidence="The shelling destroyed two houses."), True),
        (ev("a", 90, "ASSAULT", ("AZE",), ("ARM",), mode="heavy-weapons", evidence="Shells hit a school."), True),
        # "... Azerbaijani troops also fired on Sotk": another named place, another act
        (ev("a", 90, "ASSAULT", ("AZE",), ("ARM",), location="Sotk", country="ARM",
            evidence="Azerbaijani troops also fired on Sotk."), False),
        # "... Azerbaijani drones hit a radar": other means, another act
        (ev("a", 90, "ASSAULT", ("AZE",), ("ARM",), mode="drone", evidence="Azerbaijani drones hit a radar."),
         False),
        # other sides
        (ev("a", 90, "ASSAULT", ("ARM",), ("AZE",), evidence="Armenian forces returned fire."), False),
    ],
)  # fmt: skip
def test_dedupe_folds_a_later_undated_telling_into_the_one_dated_act(later, folds):
    dated = ev("a", 0, "ASSAULT", ("AZE",), ("ARM",), D(2022, 9, 12), **SHELLED,
               evidence="Azerbaijani artillery shelled Jermuk on 12 September.")  # fmt: skip
    assert (len(dedupe([dated, later])) == 1) is folds


def test_dedupe_keeps_an_undated_telling_told_before_the_dated_act():
    # background first ("Azerbaijan has shelled border towns."), then the day's act
    before = ev("a", 0, "ASSAULT", ("AZE",), ("ARM",), evidence="Azerbaijan has shelled border towns.")
    dated = ev("a", 90, "ASSAULT", ("AZE",), ("ARM",), D(2022, 9, 12), **SHELLED)
    assert len(dedupe([before, dated])) == 2


@pytest.mark.parametrize(
    ("targets", "country", "same"),
    [
        # "Russian missiles hit a NATO depot in Poland" told as against NATO, and against NATO and Poland
        (("NATO", "POL"), "POL", True),
        # a third state that is not where it happened is another act
        (("NATO", "LTU"), "POL", False),
        # no target in common
        (("POL",), "POL", False),
    ],
)
def test_a_host_state_named_as_a_target_is_the_same_act(targets, country, same):
    where = {"location": "Rzeszow", "country": country}
    a = ev("a", 0, "ASSAULT", ("RUS",), ("NATO",), D(2024, 3, 3), mode="aerial", **where)
    b = ev("b", 0, "ASSAULT", ("RUS",), targets, D(2024, 3, 3), mode="aerial", **where)
    assert (same_event_score(a, b) >= THRESHOLD) is same


# -- a telling dated only by its report's date may retell an earlier act -----------------------

REPORT_DAY = {"date_inferred": True}
_REASON = "told as done in a paragraph of current news: the report's date (from its url)"
OPENED = "Ukraine launched Operation Amber Wind on 1 June, striking four Russian airfields."


def _report_dated(doc_id: str, evidence: str, day: dt.date) -> Event:
    return ev(doc_id, 0, "ASSAULT", ("UKR",), ("RUS",), day, evidence=evidence, attrs={"date_reason": _REASON},
              **REPORT_DAY)  # fmt: skip


@pytest.mark.parametrize(
    ("later", "first_day", "joins"),
    [
        # "The Ukrainian military later confirmed it had carried out Operation Amber Wind" (filed 5 June)
        (lambda d: _report_dated(d, "The military later confirmed it had carried out Operation Amber Wind.",
                                 D(2025, 6, 5)), D(2025, 6, 1), True),
        # no anchor: "Ukrainian strikes continued" may be any strike up to the report's day
        (lambda d: _report_dated(d, "Kyiv said Ukrainian strikes continued.", D(2025, 6, 5)), D(2025, 6, 1),
         False),
        # the named act happened after the report was filed: not a retelling of it
        (lambda d: _report_dated(d, "The military later confirmed it had carried out Operation Amber Wind.",
                                 D(2025, 6, 5)), D(2025, 6, 7), False),
        # a day of its own (not the report's) that is days apart is another act
        (lambda d: ev(d, 0, "ASSAULT", ("UKR",), ("RUS",), D(2025, 6, 5),
                      evidence="Operation Amber Wind hit a depot on 5 June."), D(2025, 6, 1), False),
    ],
)  # fmt: skip
def test_a_report_dated_telling_joins_an_earlier_act_only_on_its_anchor(store, later, first_day, joins):
    a, b = _doc("opened"), _doc("retold")
    first = ev(a.id, 0, "ASSAULT", ("UKR",), ("RUS",), first_day, mode="aerial", evidence=OPENED)
    rows = _stored(store, (a, [first]), (b, [later(b.id)]))
    assert (len(rows) == 1) is joins
    if joins:
        (row,) = rows
        # the event keeps its own day; the retelling is one more source
        assert row["date"] == first_day and row["n_sources"] == 2
        # a third, firmly dated telling of the first day still finds it (the report's day set no bound)
        c = _doc("third")
        again = ev(c.id, 0, "ASSAULT", ("UKR",), ("RUS",), first_day, mode="aerial", evidence=OPENED)
        rows = _stored(store, (c, [again]))
        assert len(rows) == 1 and rows[0]["n_sources"] == 3


_SINCE = {"date_inferred": True, "attrs": {"date_reason": "from 'Friday' to the report's date"}}


@pytest.mark.parametrize(
    ("period", "folds"),
    [
        # "Tensions have grown since Friday, when Russian missiles struck Kyiv": one sentence, one act
        (ev("a", 0, "ASSAULT", ("RUS",), ("UKR",), D(2024, 3, 15), D(2024, 3, 18), **_SINCE), True),
        # a period that began another day is not the act of that sentence
        (ev("a", 0, "ASSAULT", ("RUS",), ("UKR",), D(2024, 3, 14), D(2024, 3, 18), **_SINCE), False),
        # a span stated outright ("struck from 15 to 18 March") is a campaign, not the one day's act
        (ev("a", 0, "ASSAULT", ("RUS",), ("UKR",), D(2024, 3, 15), D(2024, 3, 18)), False),
    ],
)
def test_one_sentence_folds_an_act_into_the_period_it_opens(period, folds):
    act = ev("a", 0, "ASSAULT", ("RUS",), ("UKR",), D(2024, 3, 15), mode="aerial")
    assert (len(dedupe([act, period])) == 1) is folds


def _told(doc: Document, evidence: str, **kw) -> list[Event]:
    return [ev(doc.id, 0, "ASSAULT", ("RUS",), ("UKR",), evidence=evidence, **kw)]


@pytest.mark.parametrize(
    ("earlier", "rows"),
    [
        # "Russian drones hit the port" (undated) and, elsewhere, "the Russian strikes" (no means): one act
        ([{"mode": "drone", "evidence": "Russian drones hit the port."}], 1),
        # two undated acts by different means: "the Russian strikes" could be either, so it stays apart
        ([{"mode": "drone", "evidence": "Russian drones hit the port."},
          {"mode": "heavy-weapons", "evidence": "Russian artillery shelled the town."}], 3),
        # a dated act is joined only on an anchor (operation, or place, means and sides)
        ([{"mode": "drone", "date": D(2024, 7, 8), "evidence": "Russian drones hit the port on 8 July."}], 2),
    ],
)  # fmt: skip
def test_an_undated_telling_without_means_joins_the_one_undated_act_of_its_sides(store, earlier, rows):
    docs = [(d := _doc(f"earlier {i}"), _told(d, **kw)) for i, kw in enumerate(earlier)]
    later = _doc("later")
    found = _stored(store, *docs, (later, _told(later, "Kyiv condemned the Russian strikes.")))
    assert len(found) == rows
