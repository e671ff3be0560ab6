"""The timeline and the daily dyad series, on the hand-made example crisis."""

from __future__ import annotations

import datetime as dt

import pytest

from offramp.analysis.timeline import EventFilter, daily_dyads, parse_dyad, timeline
from offramp.errors import InputError
from offramp.records import Document, Event

D = dt.date


def test_events_come_in_date_order_with_undated_last(crisis):
    frame = timeline(crisis)
    dates = [d for d in frame["date"] if d is not None and d == d]
    assert dates == sorted(dates)
    assert frame["date"].isna().sum() == 1
    assert frame["date"].isna().iloc[-1]


def test_every_source_is_listed(crisis):
    doc = Document(
        text="a fourth report", title="Report D", url="https://example.info/d", published=D(2025, 5, 21)
    )
    frame = timeline(crisis)
    first = frame.iloc[0]
    with crisis.write():
        crisis.add_document(doc)
    from offramp.records import EventSource

    crisis.add_event_source(
        first["id"], EventSource(doc_id=doc.id, evidence="Another telling of the attack.")
    )
    again = timeline(crisis).set_index("id").loc[first["id"]]
    urls = [s["url"] for s in again["sources"]]
    assert urls == ["https://example.org/a", "https://example.info/d"]
    assert again["n_sources"] == 2
    assert again["sources"][0]["span"] == [0, len(again["sources"][0]["evidence"])]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"actor": "IMF"}, {"AID"}),
        ({"types": ["RETREAT"]}, {"RETREAT"}),
        ({"types": "SANCTION,ACCUSE"}, {"SANCTION", "ACCUSE"}),
        ({"dyad": ("GBR", "IND")}, {"REQUEST"}),
        ({"dyad": "IND-GBR"}, {"REQUEST"}),
        ({"dyad": "IND-GBR", "directed": True}, set()),
        ({"start": D(2025, 5, 11), "end": D(2025, 5, 11)}, {"ASSAULT"}),
    ],
)
def test_filters(crisis, kwargs, expected):
    assert set(timeline(crisis, **kwargs)["type"]) == expected


def test_date_window_keeps_spans_that_overlap_it(crisis):
    # the artillery duel runs 7-9 May; a window on 9 May keeps it
    frame = timeline(crisis, start=D(2025, 5, 9), end=D(2025, 5, 9), types=["ASSAULT"])
    assert list(frame["mode"]) == ["heavy-weapons"]


def test_negated_events_are_left_out(store):
    doc = Document(text="x", title="x")
    with store.write():
        store.add_document(doc)
        store.add_events([Event(type="ASSAULT", source=["IND"], target=["PAK"], date=D(2025, 5, 1), doc_id=doc.id,
                                negated=True, quad=4)])  # fmt: skip
    assert timeline(store).empty
    assert len(timeline(store, EventFilter(include_negated=True))) == 1


@pytest.mark.parametrize("text", ["IND-PAK", "ind:pak", "IND,PAK", " IND - PAK "])
def test_parse_dyad(text):
    assert parse_dyad(text) == ("IND", "PAK")


@pytest.mark.parametrize("text", ["IND", "-PAK", ""])
def test_parse_dyad_rejects(text):
    with pytest.raises(InputError):
        parse_dyad(text)


def test_daily_series_counts_each_day_of_a_span_and_fatalities_once(store):
    doc = Document(text="y", title="y")
    ev = Event(type="ASSAULT", source=["PAK"], target=["IND"], date=D(2025, 5, 7), date_end=D(2025, 5, 9),
               fatalities=12, score=-9.0, quad=4, doc_id=doc.id)  # fmt: skip
    talk = Event(
        type="CONSULT", source=["IND"], target=["PAK"], date=D(2025, 5, 8), score=1.0, quad=1, doc_id=doc.id
    )
    with store.write():
        store.add_document(doc)
        store.add_events([ev, talk])
    frame = daily_dyads(store)
    pak = frame[frame["source"] == "PAK"]
    assert [str(d)[:10] for d in pak["date"]] == ["2025-05-07", "2025-05-08", "2025-05-09"]
    assert list(pak["material_conflict"]) == [1, 1, 1]
    assert list(pak["fatalities"]) == [12, 0, 0]
    ind = frame[frame["source"] == "IND"].iloc[0]
    assert (ind["verbal_coop"], ind["score"], ind["target"]) == (1, 1.0, "PAK")


def test_daily_series_for_a_dyad_drops_other_pairs_on_the_same_event(crisis):
    frame = daily_dyads(crisis, dyad="IND-PAK")
    assert set(zip(frame["source"], frame["target"], strict=True)) <= {("IND", "PAK"), ("PAK", "IND")}
    assert not frame.empty


def test_a_timeline_row_is_the_event_record(crisis):
    from offramp.analysis.queries import event_records

    ours = timeline(crisis)
    theirs = event_records(crisis)
    assert list(ours.columns) == list(theirs.columns)
    assert list(ours["id"]) == list(theirs["id"])
    assert [[s["url"] for s in x] for x in ours["sources"]] == [
        [s["url"] for s in x] for x in theirs["sources"]
    ]
    assert ours.iloc[0]["sources"][0].keys() == theirs.iloc[0]["sources"][0].keys()


def test_dataset_rows_are_told_apart_from_events_read_from_text(crisis):
    from offramp.analysis.timeline import from_dataset
    from offramp.records import EventSource

    row = Event(
        type="ASSAULT", source=["IND"], target=["PAK"], date=dt.date(2025, 5, 8), dataset="acled", dataset_row=7,
        sources=[EventSource(doc_id="", dataset="acled", dataset_row=7, url="https://news.example/acled-7")],
    )  # fmt: skip
    with crisis.write():
        crisis.add_events([row])
    everything = timeline(crisis)
    text = timeline(crisis, dataset=False)
    rows = timeline(crisis, dataset=True)
    assert list(rows["id"]) == [row.id]
    assert row.id not in set(text["id"]) and len(text) + len(rows) == len(everything)
    assert from_dataset(rows.iloc[0]["sources"]) and not any(from_dataset(s) for s in text["sources"])
    assert rows.iloc[0]["sources"][0]["url"] == "https://news.example/acled-7"
