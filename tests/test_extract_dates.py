"""Dates of occurrence: forms, years, weekdays, spans, times, relative expressions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from offramp.extract.dates import context_span, find_dates, find_times, infer_default_year
from offramp.extract.mentions import DateMention

D = dt.date


def first(text: str, **kw) -> DateMention:
    found = [m for m in find_dates(text, **kw) if m.kind != "time"]
    assert found, f"no date found in {text!r}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "expected", "kind"),
    [
        ("The attack on April 22 killed tourists.", D(2025, 4, 22), "partial"),
        ("The attack on 22 April killed tourists.", D(2025, 4, 22), "partial"),
        ("The attack on the 22nd of April killed tourists.", D(2025, 4, 22), "partial"),
        ("The attack on April 22nd killed tourists.", D(2025, 4, 22), "partial"),
        ("The attack on April 22, 2024 killed tourists.", D(2024, 4, 22), "explicit"),
        ("The attack on 22 April 2024 killed tourists.", D(2024, 4, 22), "explicit"),
        ("The attack on Apr. 22, 2024 killed tourists.", D(2024, 4, 22), "explicit"),
        ("Filed 22/04/2024 by the ministry.", D(2024, 4, 22), "explicit"),
        ("Filed 04/22/2024 by the ministry.", D(2024, 4, 22), "explicit"),
        ("Filed 2024-04-22 by the ministry.", D(2024, 4, 22), "explicit"),
        ("Filed 10.05.2024 by the ministry.", D(2024, 5, 10), "explicit"),
        ("Filed on Sept. 3 by the ministry.", D(2025, 9, 3), "partial"),
        ("Strikes came early on Wednesday, May 7, officials said.", D(2025, 5, 7), "partial"),
    ],
)
def test_day_forms(text, expected, kind):
    m = first(text, default_year=2025)
    assert (m.date, m.kind) == (expected, kind)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("India struck on the night of May 6th and 7th.", D(2025, 5, 6), D(2025, 5, 7)),
        ("India struck on the night of 6/7 May.", D(2025, 5, 6), D(2025, 5, 7)),
        ("Shelling went on 6-7 May.", D(2025, 5, 6), D(2025, 5, 7)),
        ("Shelling went on May 6–7, 2025.", D(2025, 5, 6), D(2025, 5, 7)),
        ("Clashes between May 7 and May 10 killed dozens.", D(2025, 5, 7), D(2025, 5, 10)),
        ("Clashes from May 7 to 10 killed dozens.", D(2025, 5, 7), D(2025, 5, 10)),
        ("Clashes between 7 and 10 May killed dozens.", D(2025, 5, 7), D(2025, 5, 10)),
        ("Talks ran from April 30 to May 2.", D(2025, 4, 30), D(2025, 5, 2)),
        ("Talks ran from 30 April to 2 May 2025.", D(2025, 4, 30), D(2025, 5, 2)),
        ("Tension rose in mid-May.", D(2025, 5, 11), D(2025, 5, 20)),
        ("Tension rose in early May.", D(2025, 5, 1), D(2025, 5, 10)),
        ("Tension rose in late May 2025.", D(2025, 5, 21), D(2025, 5, 31)),
        ("Tension rose in March.", D(2025, 3, 1), D(2025, 3, 31)),
        ("Tension rose in the first week of May.", D(2025, 5, 1), D(2025, 5, 7)),
        ("Tension rose in the last week of April 2025.", D(2025, 4, 24), D(2025, 4, 30)),
        ("Tension rose at the end of April.", D(2025, 4, 21), D(2025, 4, 30)),
        ("Tension rose in February 2024.", D(2024, 2, 1), D(2024, 2, 29)),
    ],
)
def test_spans(text, start, end):
    m = first(text, default_year=2025)
    assert (m.date, m.date_end) == (start, end)


@pytest.mark.parametrize(
    "text",
    [
        "Officials said 7 and 10 people were hurt.",
        "He may 22 times have said so.",
        "They will march in protest.",
        "The May offensive",  # a month alone, without "in"/"early"/a day, is not a date
    ],
)
def test_not_dates(text):
    assert [m for m in find_dates(text, default_year=2025) if m.kind != "time"] == []


def test_year_from_article_date():
    m = first("The attack on April 22 killed 26.", anchor=D(2024, 5, 1))
    assert m.date == D(2024, 4, 22)


def test_year_from_elsewhere_in_text():
    text = "On May 10 a ceasefire held. It had been agreed on May 10, 2025 in talks."
    assert infer_default_year(text) == 2025
    assert first(text).date == D(2025, 5, 10)


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Nothing dated here, only 1700 hours and 2000 troops.", None),
        ("On 5 March 2024 and 9 March 2024 and 1 June 2025.", 2025),
        # background history gives its years; the current year is the latest
        ("The February 2019 Pulwama attack and the 26 February 2019 strikes preceded 10 May 2025.", 2025),
        ("The ceasefire held on May 10, 2025. The IMF will review the loan by March 2026.", 2025),
        ("The IMF will review the loan by March 2026.", 2026),
        ("As in 2019 at Balakot.", None),  # a bare year is not a full date
    ],
)
def test_infer_default_year(text, year):
    assert infer_default_year(text) == year


def test_no_year_anywhere_gives_no_date():
    m = first("The attack on April 22 killed 26.")
    assert m.date is None


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("Talks were held on December 30.", D(2026, 1, 5), D(2025, 12, 30)),
        ("Talks were held on January 3.", D(2026, 1, 5), D(2026, 1, 3)),
        ("Talks will be held on January 15.", D(2025, 12, 20), D(2026, 1, 15)),
        ("The strikes came in December.", D(2026, 1, 5), D(2025, 12, 1)),
    ],
)
def test_past_tense_year_rollover(text, anchor, expected):
    assert first(text, anchor=anchor).date == expected


@pytest.mark.parametrize(
    ("text", "kw", "expected"),
    [
        ("A meeting on the night of Friday, May 9 was called off.", {"default_year": 2025}, D(2025, 5, 9)),
        # 9 May 2026 is a Saturday: the weekday says the year is 2025.
        ("A meeting on Friday, May 9 was called off.", {"anchor": D(2026, 6, 1)}, D(2025, 5, 9)),
        ("A meeting on Friday, 9 May was called off.", {"default_year": 2025}, D(2025, 5, 9)),
    ],
)
def test_weekday_with_date_agrees_with_year(text, kw, expected):
    m = first(text, **kw)
    assert m.date == expected
    assert m.date.strftime("%A") == "Friday"


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("The army said on Friday it had shot down drones.", D(2025, 5, 12), D(2025, 5, 9)),
        ("The army said on Monday it had shot down drones.", D(2025, 5, 12), D(2025, 5, 12)),
        ("Drones were seen last Tuesday.", D(2025, 5, 12), D(2025, 5, 6)),
        ("Talks will resume on Wednesday.", D(2025, 5, 12), D(2025, 5, 14)),
        ("Talks resume next Monday.", D(2025, 5, 12), D(2025, 5, 19)),
    ],
)
def test_weekday_alone_against_anchor(text, anchor, expected):
    m = first(text, anchor=anchor)
    assert (m.date, m.kind) == (expected, "weekday")


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Shelling resumed yesterday.", D(2025, 5, 11), None),
        ("Shelling resumed today.", D(2025, 5, 12), None),
        ("Shelling resumed last night.", D(2025, 5, 11), None),
        ("Shelling resumed two days ago.", D(2025, 5, 10), None),
        ("Shelling resumed 3 days ago.", D(2025, 5, 9), None),
        ("Shelling resumed last week.", D(2025, 5, 5), D(2025, 5, 11)),
        ("Shelling resumed last month.", D(2025, 4, 1), D(2025, 4, 30)),
        ("Shelling resumed earlier this month.", D(2025, 5, 1), D(2025, 5, 11)),
        ("Shelling resumed last year.", D(2024, 1, 1), D(2024, 12, 31)),
        ("Shelling resumed over the weekend.", D(2025, 5, 10), D(2025, 5, 11)),
        ("Shelling may resume next weekend.", D(2025, 5, 17), D(2025, 5, 18)),
    ],
)
def test_relative_against_anchor(text, start, end):
    m = first(text, anchor=D(2025, 5, 12))  # a Monday
    assert (m.date, m.date_end, m.kind) == (start, end, "relative")


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Shelling killed 40 over the past three days.", D(2025, 5, 9), D(2025, 5, 12)),
        ("Shelling killed 12 in the last 24 hours.", D(2025, 5, 11), D(2025, 5, 12)),
        ("Shelling killed 90 over the previous two weeks.", D(2025, 4, 28), D(2025, 5, 12)),
    ],
)
def test_counted_period_runs_to_the_anchor(text, start, end):
    """Rule counted_period: a period counted back from the report ("the past three days")."""
    m = first(text, anchor=D(2025, 5, 12))
    assert (m.date, m.date_end, m.kind) == (start, end, "span")


@pytest.mark.parametrize("text", ["Shelling killed 40 in the past.", "The last three soldiers left."])
def test_counted_period_needs_a_count_and_a_unit(text):
    assert not [m for m in find_dates(text, anchor=D(2025, 5, 12)) if m.kind == "span"]


@pytest.mark.parametrize(
    "text",
    [
        "Shelling resumed yesterday.",
        "Shelling resumed last week.",
        "It happened on Tuesday.",
        "Two days ago.",
    ],
)
def test_relative_without_anchor_has_no_date(text):
    m = first(text, default_year=2025)
    assert m.date is None


@pytest.mark.parametrize(
    ("text", "second"),
    [
        ("Strikes came on May 7. The following day drones flew.", D(2025, 5, 8)),
        ("Strikes came on May 7. Three days later a truce held.", D(2025, 5, 10)),
        ("Strikes came on May 7. A day earlier troops massed.", D(2025, 5, 6)),
        ("Strikes came on May 7. Two days after the talks failed, shelling began.", None),
    ],
)
def test_sequence_relative_to_previous_date(text, second):
    found = find_dates(text, default_year=2025)
    assert [m.date for m in found] == [D(2025, 5, 7), second]


@pytest.mark.parametrize(
    ("text", "hhmm"),
    [
        ("A ceasefire took effect from 1700 hours.", "17:00"),
        ("A ceasefire took effect from 2000 hours.", "20:00"),
        ("A ceasefire took effect at 0530 hrs IST.", "05:30"),
        ("A ceasefire took effect at 17:00.", "17:00"),
        ("A ceasefire took effect at 5 pm.", "17:00"),
        ("A ceasefire took effect at 5 p.m. IST.", "17:00"),
        ("A ceasefire took effect at 11:30 a.m.", "11:30"),
        ("A ceasefire took effect at 12 am.", "00:00"),
        ("A ceasefire took effect at 1130 GMT.", "11:30"),
        ("A ceasefire took effect at 1700 IST.", "17:00"),
        ("A ceasefire took effect at noon.", "12:00"),
        ("A ceasefire took effect at 12:00 noon.", "12:00"),
        ("A ceasefire took effect at 15:35 hours.", "15:35"),
    ],
)
def test_times(text, hhmm):
    assert [t for *_, t in find_times(text)] == [hhmm]
    assert all(m.kind == "time" for m in find_dates(text, default_year=2025))


@pytest.mark.parametrize(
    "text", ["He held 1700 hours of talks.", "There were 2000 troops.", "In 1700 the city"]
)
def test_numbers_are_not_times(text):
    assert find_times(text) == []


def test_sentence_full_stop_is_not_part_of_the_date():
    (m,) = find_dates("They met on 10 May. Nothing more.", default_year=2025)
    assert m.text == "10 May"


def test_time_attaches_to_the_date_of_its_sentence():
    text = "Talks ended on May 9. The ceasefire took effect at 5 p.m. IST (1130 GMT) on May 10."
    found = find_dates(text, default_year=2025)
    days = [m for m in found if m.kind != "time"]
    assert [(m.date, m.time) for m in days] == [(D(2025, 5, 9), None), (D(2025, 5, 10), "17:00")]
    assert [(m.text, m.date) for m in found if m.kind == "time"] == [
        ("5 p.m. IST", D(2025, 5, 10)),
        ("1130 GMT", D(2025, 5, 10)),
    ]


def test_military_time_is_not_a_year_and_attaches_to_its_date():
    found = find_dates("On May 10, a ceasefire was announced from 1700 hours.")
    (day,) = [m for m in found if m.kind != "time"]
    assert day.date is None  # no year anywhere: 1700 must not be taken for one
    found = find_dates("On May 10, 2025, a ceasefire was announced from 1700 hours.")
    day, clock = found
    assert (day.date, day.time) == (D(2025, 5, 10), "17:00")
    assert (clock.kind, clock.date, clock.text) == ("time", D(2025, 5, 10), "1700 hours")


def test_context_span_between_dated_events():
    text = (
        "India struck on May 7. Pakistan retaliated and exchanges followed. "
        "In 2019 there had been Balakot. A ceasefire came on May 10."
    )
    dates = find_dates(text, default_year=2025)
    pos = text.index("Pakistan retaliated")
    assert context_span(dates, pos) == (D(2025, 5, 7), D(2025, 5, 10))
    assert context_span(dates, 0) is None  # nothing dated before
    assert context_span(dates, len(text)) is None  # nothing dated after


def test_context_span_ignores_outliers():
    text = (
        "Since 1999 talks failed. Strikes on May 7. Then exchanges. Kargil in July 1999. "
        "Tension ran high in May. Truce May 10."
    )
    dates = find_dates(text, default_year=2025)
    assert context_span(dates, text.index("Then exchanges")) == (D(2025, 5, 7), D(2025, 5, 10))


@pytest.mark.parametrize(
    ("file", "phrase", "start", "end", "time"),
    [
        ("000", "April 22", D(2025, 4, 22), None, None),
        ("000", "the night of May 6th and 7th", D(2025, 5, 6), D(2025, 5, 7), None),
        ("000", "Friday, May 9", D(2025, 5, 9), None, None),
        ("000", "May 10", D(2025, 5, 10), None, None),
        ("001", "April 22", D(2025, 4, 22), None, None),
        ("001", "May 7", D(2025, 5, 7), None, None),
        ("001", "May 10, 2025", D(2025, 5, 10), None, "17:00"),
    ],
)
def test_seed_articles(seeds: list[Path], file, phrase, start, end, time):
    (path,) = [p for p in seeds if p.name.startswith(file)]
    text = path.read_text(encoding="utf-8")
    found = find_dates(text)  # the seeds carry no publication date
    hits = [m for m in found if phrase in m.text]
    assert hits, f"{phrase!r} not found"
    assert (hits[0].date, hits[0].date_end, hits[0].time) == (start, end, time)


def test_seed_context_spans(seeds: list[Path]):
    for path, anchor in zip(seeds, ("This led to a retaliatory", "Pakistan swiftly retaliated"), strict=True):
        text = path.read_text(encoding="utf-8")
        assert context_span(find_dates(text), text.index(anchor)) == (D(2025, 5, 7), D(2025, 5, 10))


def test_stage_sets_dates_and_data():
    from offramp.extract.dates import DatesStage
    from offramp.extract.pipeline import DocRecord
    from offramp.records import Document

    record = DocRecord(document=Document(text="On May 9 the IMF met. It met again on 3 June 2024."))
    record = DatesStage()(record)
    # no metadata, dateline or URL: the latest full date the text states is its reference date
    assert record.data == {"default_year": 2024, "anchor": D(2024, 6, 3), "anchor_from": "latest-date"}
    assert [m.date for m in record.dates] == [D(2024, 5, 9), D(2024, 6, 3)]
    record = DatesStage()(DocRecord(document=Document(text="Yesterday.", published=D(2025, 5, 11))))
    assert record.data["anchor"] == D(2025, 5, 11)
    assert record.dates[0].date == D(2025, 5, 10)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200), st.none() | st.dates())
def test_arbitrary_text_never_crashes(text, anchor):
    for m in find_dates(text, anchor=anchor):
        assert 0 <= m.start < m.end <= len(text)
        assert m.date_end is None or m.date is None or m.date <= m.date_end


def test_dispatch_with_a_publication_date():
    """A wire-style dispatch (written for this test) dated Sunday 11 May 2025."""
    text = (
        "India and Pakistan agreed on Saturday to a full ceasefire. The truce took effect at 1700 IST, "
        "an official said late on Saturday evening. Fighting began on Wednesday, two weeks after gunmen "
        "killed 26 people on April 22. On Thursday night and Friday drones flew. Talks are scheduled "
        "for Monday. Earlier this week India suspended a treaty; Pakistan had closed its airspace last month."
    )
    found = [
        (m.text, m.date, m.date_end) for m in find_dates(text, anchor=D(2025, 5, 11)) if m.kind != "time"
    ]
    assert found == [
        ("Saturday", D(2025, 5, 10), None),
        ("Saturday evening", D(2025, 5, 10), None),
        ("Wednesday", D(2025, 5, 7), None),
        ("two weeks after", None, None),
        ("April 22", D(2025, 4, 22), None),
        ("Thursday night", D(2025, 5, 8), None),
        ("Friday", D(2025, 5, 9), None),
        ("Monday", D(2025, 5, 12), None),
        ("Earlier this week", D(2025, 5, 5), D(2025, 5, 10)),
        ("last month", D(2025, 4, 1), D(2025, 4, 30)),
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("the worst flooding since 2010", "reference"),
        ("the first talks since March 2021", "reference"),
        ("has led the army ever since 12 June 2019", "reference"),
        ("the talks held in 2010", "year"),
        ("extended the truce until 18 March", "reference"),
        ("the curfew stays till Friday", "reference"),
        ("must withdraw no later than 20 March", "reference"),
    ],
)
def test_a_date_after_since_or_until_is_a_reference_point(text, kind):
    assert first(text, anchor=D(2024, 3, 15)).kind == kind


def test_from_until_is_still_one_span():
    (m,) = find_dates("Shelling went on from 7 May until 10 May.", anchor=D(2025, 5, 12))
    assert (m.kind, m.date, m.date_end) == ("span", D(2025, 5, 7), D(2025, 5, 10))


def test_a_reference_point_does_not_bound_a_context_span():
    text = "On 2 March talks failed. The worst fighting since 1 March 2023 followed. On 5 March a truce held."
    found = find_dates(text, anchor=D(2024, 3, 15))
    assert context_span(found, text.index("followed")) == (D(2024, 3, 2), D(2024, 3, 5))


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Later that day", D(2024, 3, 2)),
        ("The same evening", D(2024, 3, 2)),
        ("Earlier that morning", D(2024, 3, 2)),
        ("The next day", D(2024, 3, 3)),
    ],
)
def test_that_day_is_the_day_last_named(phrase, expected):
    text = f"On 2 March 2024 the talks in Doha broke down. {phrase} the envoys left."
    found = [m for m in find_dates(text, anchor=D(2024, 3, 9)) if m.text.lower() == phrase.lower()]
    assert found and found[0].date == expected


@pytest.mark.parametrize(
    "text",
    [
        "New Delhi, May 13, 2025 – India rejected the claim. On Monday the ministry spoke.",
        "ISLAMABAD, May 13 (Reuters) - Pakistan rejected the claim. On Monday the ministry spoke.",
    ],
)
def test_a_dateline_is_when_the_story_was_filed(text):
    found = find_dates(text, anchor=D(2025, 5, 13))
    assert found[0].kind == "dateline"
    assert found[1].date == D(2025, 5, 12)


def test_a_date_opening_a_sentence_is_no_dateline():
    (m,) = find_dates("On May 13, 2025 India rejected the claim.", anchor=D(2025, 5, 14))
    assert m.kind != "dateline"


def test_the_dateline_anchors_a_text_without_a_publication_date(nlp):
    from offramp.extract.dates import DatesStage
    from offramp.extract.pipeline import DocRecord
    from offramp.records import Document

    text = "New Delhi, May 13, 2025 – The ministry spoke on Monday."
    record = DatesStage()(DocRecord(document=Document(text=text), doc=nlp(text)))
    assert [m.date for m in record.dates if m.kind == "weekday"] == [D(2025, 5, 12)]


@pytest.mark.parametrize(
    "text",
    ["Between 7 and 10 May the two sides fought.", "From 7 May to 10 May the two sides fought."],
)
def test_a_span_opening_a_sentence(text):
    (m,) = find_dates(text, anchor=D(2025, 5, 13))
    assert (m.kind, m.date, m.date_end) == ("span", D(2025, 5, 7), D(2025, 5, 10))


# --- each relative or partial form, against a reference date (sentences written for these tests) ---

DATE_FORMS = {
    "weekday": [
        ("Azerbaijani forces shelled Sotk on Tuesday.", D(2023, 9, 21), "Tuesday", D(2023, 9, 19), None),
        ("Baku and Yerevan traded fire on Tuesday (September 19).", D(2023, 9, 21), "Tuesday (September 19)",
         D(2023, 9, 19), None),
        ("Caracas recalled its envoy on Monday (4 December).", D(2023, 12, 6), "Monday (4 December)",
         D(2023, 12, 4), None),
        # said a day after, "last Friday" is the Friday of the week before
        ("Kyiv said Russian drones hit Odesa last Friday.", D(2024, 3, 16), "last Friday", D(2024, 3, 8), None),
        ("Kyiv said Russian drones hit Odesa last Friday.", D(2024, 3, 20), "last Friday", D(2024, 3, 15), None),
        # "this Sunday": the Sunday of the reference date's own week, ahead or behind
        ("Should Baku cancel this Sunday's talks, Yerevan could walk out.", D(2024, 3, 13), "this Sunday's",
         D(2024, 3, 17), None),
    ],
    "today, yesterday, last night, early in a day": [
        ("Eritrea closed the crossing today.", D(2024, 5, 7), "today", D(2024, 5, 7), None),
        ("Eritrea closed the crossing yesterday.", D(2024, 5, 7), "yesterday", D(2024, 5, 6), None),
        ("Russian missiles struck Kyiv last night.", D(2024, 5, 27), "last night", D(2024, 5, 26), None),
        ("Chinese warships sailed east early Saturday.", D(2024, 5, 27), "Saturday", D(2024, 5, 25), None),
        ("Taipei confirmed a second incursion earlier in the day.", None, "earlier in the day", None, None),
    ],
    "the night of two days": [
        ("Drones hit Odesa on the night of 6–7 May.", D(2024, 5, 9), "the night of 6–7 May", D(2024, 5, 6),
         D(2024, 5, 7)),
        ("Drones hit Odesa on the night of 6/7 May.", D(2024, 5, 9), "the night of 6/7 May", D(2024, 5, 6),
         D(2024, 5, 7)),
    ],
    "a month without a year": [
        ("Venezuela massed troops at the border in December.", D(2024, 2, 10), "December", D(2023, 12, 1),
         D(2023, 12, 31)),
        ("Guyana will take the case to court in March.", D(2024, 2, 10), "March", D(2024, 3, 1),
         D(2024, 3, 31)),
    ],
    "last week": [
        ("Russian forces shelled Kherson last week.", D(2024, 3, 20), "last week", D(2024, 3, 11),
         D(2024, 3, 17)),
    ],
}  # fmt: skip

NOT_DATES = {
    "weekday": ["Kherson holds its market on Tuesdays.", "Kyiv's Sundays are quiet now."],
    "today, yesterday, last night, early in a day": [
        "The yesterdays of the war weigh on Kyiv.",
        "Gunfire broke the last nightingale's song.",
    ],
    "the night of two days": ["The vote in the assembly was 6-7, May officials said."],
    "a month without a year": ["The March offensive stalled.", "Protesters will march on the embassy."],
    "last week": ["Talks in the last weeks of the war failed."],
}


@pytest.mark.parametrize(
    ("form", "text", "anchor", "phrase", "start", "end"),
    [(form, *case) for form, cases in DATE_FORMS.items() for case in cases],
)
def test_date_form_resolves_against_the_reference_date(form, text, anchor, phrase, start, end):
    found = [m for m in find_dates(text, anchor=anchor) if m.text == phrase]
    assert found, f"{form}: {phrase!r} not found in {[m.text for m in find_dates(text, anchor=anchor)]}"
    assert (found[0].date, found[0].date_end) == (start, end)


@pytest.mark.parametrize(
    ("form", "text"), [(form, text) for form, texts in NOT_DATES.items() for text in texts]
)
def test_date_form_does_not_fire(form, text):
    assert find_dates(text, anchor=D(2024, 5, 8)) == [], form


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Venezuela must withdraw its troops by 30 April.", "reference"),
        ("Kyiv expects the aid by Friday.", "reference"),
        # "by" before an agent, or before the act a day names, not before a deadline
        ("The dam was shelled by Russian forces on 6 June.", "partial"),
        ("The dam was breached by Tuesday's shelling.", "weekday"),
    ],
)
def test_a_date_after_by_is_a_bound(text, kind):
    assert first(text, anchor=D(2024, 6, 10)).kind == kind


@pytest.mark.parametrize(
    ("text", "published", "phrase", "expected"),
    [
        # the latest date a text states is only the earliest day it can have been written: a weekday or
        # "last week" counted back from it may be weeks off, so it is left without a day
        ("Ukraine has been shelled daily since the offensive began on 10 May 2024. Russian drones struck "
         "Odesa last Sunday.", None, "last Sunday", None),
        ("Armenia reported heavy fighting on 12 September 2022. Azerbaijan shelled Jermuk on Tuesday.",
         None, "Tuesday", None),
        # a date the text states stays as written, its year taken from that date
        ("Ukraine has been shelled daily since 10 May 2024. Russian drones struck Odesa on 9 June.",
         None, "9 June", D(2024, 6, 9)),
        # with a date of its own (metadata) the same weekday resolves
        ("Armenia said fighting had eased since 12 September 2022. Azerbaijan shelled Jermuk on Tuesday.",
         D(2022, 9, 15), "Tuesday", D(2022, 9, 13)),
    ],
)  # fmt: skip
def test_a_latest_date_is_only_a_bound_for_relative_days(text, published, phrase, expected):
    from offramp.extract.dates import DatesStage
    from offramp.extract.pipeline import DocRecord
    from offramp.records import Document

    record = DatesStage()(DocRecord(document=Document(text=text, published=published)))
    (mention,) = [m for m in record.dates if phrase in m.text]
    assert mention.date == expected
