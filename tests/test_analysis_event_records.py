"""Events as records (``offramp events``, the JSONL event shape): filters, order, sources, attributes."""

from __future__ import annotations

import datetime as dt

import pytest

from offramp.analysis.queries import EVENT_RECORD_COLUMNS, event_records
from offramp.records import Document, Event, EventSource

D = dt.date


def test_columns_are_the_documented_ones_in_order(crisis):
    frame = event_records(crisis)
    assert list(frame.columns) == EVENT_RECORD_COLUMNS
    assert len(frame) == 21


def test_rows_come_in_date_order_with_the_undated_last(crisis):
    dates = list(event_records(crisis)["date"])
    assert dates[-1] is None
    assert all(isinstance(d, dt.date) for d in dates[:-1])
    assert dates[:-1] == sorted(dates[:-1])


@pytest.mark.parametrize("actor", ["USA", "usa"])
def test_actor_filter_matches_either_side_in_any_case(crisis, actor):
    frame = event_records(crisis, actor=actor)
    assert len(frame) == 2  # the two calls to both capitals; what the US said is a claim
    assert all(
        "USA" in list(s) or "USA" in list(t) for s, t in zip(frame["source"], frame["target"], strict=True)
    )


def test_type_filter(crisis):
    frame = event_records(crisis, type="retreat")
    assert set(frame["type"]) == {"RETREAT"} and len(frame) == 2


def test_a_span_overlapping_the_window_is_kept(crisis):
    """The artillery duel of 7–9 May ends inside a window that opens on the 9th."""
    frame = event_records(crisis, since=D(2025, 5, 9), until=D(2025, 5, 9))
    spans = frame[frame["date_end"].notna()]
    assert list(spans["date"]) == [D(2025, 5, 7)] and list(spans["date_end"]) == [D(2025, 5, 9)]
    assert set(frame["date"]) == {D(2025, 5, 7), D(2025, 5, 9)}
    assert event_records(crisis, since=D(2025, 5, 10), until=D(2025, 5, 9)).empty


def test_sources_carry_the_documents_url_title_date_and_span(crisis):
    frame = event_records(crisis, type="AID")
    (sources,) = frame["sources"]
    (src,) = sources
    assert src["url"] == "https://example.org/a" and src["title"] == "Report A"
    assert src["published"] == D(2025, 5, 12) and src["date"] == D(2025, 5, 9)
    assert src["evidence"].startswith("The Fund's board")
    start, end = src["span"]
    assert isinstance(start, int) and end - start == len(src["evidence"])
    assert frame.iloc[0]["n_sources"] == 1


def _store_one(store, **kw) -> Event:
    doc = Document(text=f"a report on the Essequibo {kw}", title="t", url="https://example.org/e")
    event = Event(doc_id=doc.id, date=D(2023, 12, 1), **kw)
    with store.write():
        store.add_document(doc)
        store.add_events([event])
    return event


def test_negated_events_are_left_out_unless_asked_for(store):
    _store_one(store, type="ASSAULT", source=["VEN"], target=["GUY"], negated=True)
    assert event_records(store).empty
    frame = event_records(store, include_negated=True)
    assert list(frame["negated"]) == [True]


def test_attributes_become_columns(store):
    _store_one(store, type="ASSAULT", source=["VEN", "GUY"], target=[],
               attrs={"both_ways": True, "weapons": ["artillery"]})  # fmt: skip
    row = event_records(store).iloc[0]
    assert row["both_ways"] and not row["domestic"]
    assert list(row["weapons"]) == ["artillery"]


def test_every_telling_is_listed_oldest_first(store):
    event = _store_one(store, type="MOBILIZE", source=["VEN"], target=["GUY"])
    later = Document(
        text="a later report", title="Later", url="https://example.net/l", published=D(2023, 12, 5)
    )
    earlier = Document(
        text="an earlier one", title="Earlier", url="https://example.com/e", published=D(2023, 12, 2)
    )
    with store.write():
        store.add_document(later)
        store.add_document(earlier)
    store.add_event_source(event.id, EventSource(doc_id=later.id, evidence="troops moved", url=later.url))
    store.add_event_source(
        event.id, EventSource(doc_id=earlier.id, evidence="troops massed", url=earlier.url)
    )
    titles = [s["title"] for s in event_records(store).iloc[0]["sources"]]
    assert titles[:2] == ["Earlier", "Later"] and len(titles) == 3
