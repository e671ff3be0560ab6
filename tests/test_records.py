"""The plain records: content hashes, stable ids, what a record fills in itself, mentions by span."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from offramp.records import (
    ActorMention,
    Claim,
    DateMention,
    Document,
    Event,
    PlaceMention,
    content_hash,
    in_span,
    stable_id,
    valid_text,
)

D = dt.date
TEXT = "Guyanese troops were put on alert.\nVenezuela held a referendum on the Essequibo."


@pytest.mark.parametrize(
    "variant",
    [
        TEXT.replace("\n", "\r\n"),
        "  " + TEXT.replace(" ", "  ") + "\n\n",
        TEXT.replace("\n", "\t"),
    ],
)
def test_the_same_article_with_other_whitespace_hashes_the_same(variant):
    assert content_hash(variant) == content_hash(TEXT)


def test_composed_and_decomposed_accents_hash_the_same():
    word = "Bakı's ministry of défense"
    assert content_hash(unicodedata.normalize("NFD", word)) == content_hash(
        unicodedata.normalize("NFC", word)
    )


def test_other_words_hash_differently_and_bytes_are_hashed_as_they_are():
    assert content_hash(TEXT) != content_hash(TEXT.replace("alert", "standby"))
    assert content_hash(b"a  b") != content_hash(b"a b")
    assert len(content_hash(TEXT)) == 64


def test_lone_surrogates_are_replaced_and_other_text_kept():
    assert valid_text("shelling near Kharkiv \udcff") == "shelling near Kharkiv \ufffd"
    assert valid_text("Kharkiv — 5 km") == "Kharkiv — 5 km"


def test_stable_ids_are_deterministic_prefixed_and_part_aware():
    one = stable_id("ev", "doc_1", 10, 20)
    assert one == stable_id("ev", "doc_1", 10, 20)
    assert one.startswith("ev_") and len(one) == len("ev_") + 16
    assert one != stable_id("ev", "doc_1", 10, 21)
    assert stable_id("x", "ab", "c") != stable_id("x", "a", "bc")  # parts are kept apart


def test_a_document_names_itself_by_its_content():
    doc = Document(text=TEXT, title="Essequibo \udcff")
    assert doc.hash == content_hash(TEXT)
    assert doc.id == f"doc_{doc.hash[:16]}"
    assert Document(text=TEXT.replace("\n", "\r\n")).id == doc.id
    assert doc.title == "Essequibo \ufffd"
    assert doc.word_count == 13


def _assault(**kw) -> Event:
    base = dict(type="ASSAULT", source=["RUS"], target=["UKR"], doc_id="doc_a", span_start=0, span_end=40,
                date=D(2024, 3, 2), evidence="Russian drones struck a port in Odesa.")  # fmt: skip
    return Event(**{**base, **kw})


def test_an_event_id_depends_on_where_and_what_not_on_the_details():
    assert _assault().id == _assault(fatalities=12, mode="drone").id
    assert _assault().id != _assault(span_start=41, span_end=80).id
    assert _assault().id != _assault(target=["MDA"]).id
    assert _assault().id.startswith("ev_")


def test_an_event_from_a_document_lists_that_document_as_its_source():
    event = _assault(date_end=D(2024, 3, 3), date_text="on Saturday")
    (source,) = event.sources
    assert (source.doc_id, source.evidence) == ("doc_a", event.evidence)
    assert (source.span_start, source.span_end) == (0, 40)
    assert (source.date, source.date_end, source.date_text) == (D(2024, 3, 2), D(2024, 3, 3), "on Saturday")


def test_an_event_from_nowhere_has_no_source():
    assert Event(type="CONSULT", source=["ARM"], target=["AZE"]).sources == []


def test_a_dataset_row_is_its_own_source():
    event = Event(type="ASSAULT", source=["ETH"], target=["ERI"], dataset="acled", dataset_row=7)
    assert [(s.dataset, s.dataset_row) for s in event.sources] == [("acled", 7)]


def test_a_claim_id_depends_on_speaker_and_content():
    said = Claim(speaker="Taiwan's defence ministry", content="ten warships crossed the median line")
    assert (
        said.id
        == Claim(speaker="Taiwan's defence ministry", content="ten warships crossed the median line").id
    )
    assert said.id != Claim(speaker="Taiwan's defence ministry", content="twelve warships crossed").id
    assert said.id.startswith("cl_")
    assert said.polarity == "assert"


def test_records_turn_into_plain_dicts():
    event = _assault()
    data = event.to_dict()
    assert data["source"] == ["RUS"] and data["sources"][0]["doc_id"] == "doc_a"
    assert Event(**{**data, "sources": []}).id == event.id


def test_in_span_keeps_what_lies_inside_in_text_order():
    mentions = [
        PlaceMention(50, 55, "Odesa", "Odesa", country="UKR"),
        ActorMention(0, 7, "Russian", "RUS"),
        DateMention(30, 38, "Saturday", D(2024, 3, 2)),
        ActorMention(38, 52, "straddles", "XXX"),  # crosses the end: left out
    ]
    assert [m.text for m in in_span(mentions, 0, 50)] == ["Russian", "Saturday"]
    assert [m.text for m in in_span(mentions, 0, 55)] == ["Russian", "Saturday", "straddles", "Odesa"]
    assert in_span(mentions, 60, 90) == []


def test_mention_records_are_one_class_wherever_imported():
    from offramp.extract import mentions

    assert mentions.ActorMention is ActorMention
    assert mentions.DateMention is DateMention
    assert mentions.PlaceMention is PlaceMention
    assert mentions.in_span is in_span
