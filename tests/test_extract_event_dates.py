"""When an event happened: its own clause, the clause it hangs on, its paragraph, the report's date.

Each rule has sentences it must date (written for these tests, from crises offramp was not
tuned on) and sentences it must not date that way.
"""

from __future__ import annotations

import datetime as dt

import pytest

from offramp.extract.pipeline import Pipeline
from offramp.records import Document

D = dt.date


@pytest.fixture(scope="module")
def pipeline(nlp):
    return Pipeline(("actors", "dates", "places", "events"), nlp=nlp)


def event(pipeline, text: str, published: dt.date | None, trigger: str):
    events = pipeline(Document(text=text, published=published)).events
    found = [e for e in events if trigger in (e.attrs.get("trigger") or "")]
    assert found, f"no event on {trigger!r} in {[(e.type, e.attrs.get('trigger')) for e in events]}"
    return found[0]


def when(e) -> tuple:
    return e.date, e.date_end, e.date_inferred


# (text, published, trigger, (date, date_end, inferred), words the reason must hold or None)
RULES = {
    "own clause": [
        ("Azerbaijani forces shelled the village of Sotk on Tuesday.", D(2023, 9, 21), "shelled",
         (D(2023, 9, 19), None, False), None),
        ("Sudan accused Eritrea of arming militias on Tuesday (June 4), Khartoum said.", D(2024, 6, 6),
         "accused", (D(2024, 6, 4), None, False), None),
        ("Chinese warships fired on a Taiwanese patrol boat early Saturday, Taipei said.", D(2024, 5, 27),
         "fired", (D(2024, 5, 25), None, False), None),
        ("Russian missiles struck Kyiv last night, Ukraine said.", D(2024, 5, 27), "struck",
         (D(2024, 5, 26), None, False), None),
        ("Azerbaijan shelled Armenian positions on the night of 12–13 September, Yerevan said.",
         D(2022, 9, 14), "shelled", (D(2022, 9, 12), D(2022, 9, 13), False), None),
        # a month without a year: the last such month up to the report's date
        ("Venezuela massed troops near the border in December, Guyana said.", D(2024, 2, 10), "massed",
         (D(2023, 12, 1), D(2023, 12, 31), False), None),
        ("Russian forces shelled Kherson last week.", D(2024, 3, 20), "shelled",
         (D(2024, 3, 11), D(2024, 3, 17), False), None),
    ],
    "a retelling dates to the original act": [
        ("The 22 April attack on a checkpoint near Lachin killed four Armenian soldiers, Armenia said on Friday.",
         D(2024, 5, 12), "killed", (D(2024, 4, 22), None, False), None),
        ("Armenian troops shelled Azerbaijani posts on Friday, two weeks after the 22 April attack near Lachin.",
         D(2024, 5, 12), "attack", (D(2024, 4, 22), None, False), None),
        ("Baku claimed on Monday that Armenia and Azerbaijan had agreed on Sunday to withdraw troops.",
         D(2024, 5, 14), "agreed", (D(2024, 5, 12), None, False), None),
        ("Tensions have risen since 19 September, when Azerbaijan launched an offensive against Armenian "
         "forces in Karabakh.", D(2023, 9, 25), "launched", (D(2023, 9, 19), None, False), None),
    ],
    "so long after another act": [
        ("Ukrainian drones struck a Russian refinery on Friday, three weeks after the Russian missile attack "
         "on Kramatorsk.", D(2024, 5, 12), "attack", (D(2024, 4, 19), None, True), "three weeks after"),
        ("Kyiv said on Monday that it had struck a pontoon bridge near Kherson. It came a day after Russian "
         "aircraft bombed the Antonivka road bridge.", D(2024, 5, 15), "bombed", (D(2024, 5, 12), None, True),
         "a day after"),
    ],
    "a day of the month without its month": [
        ("Ukraine said Russian drones struck the port of Izmail in the early hours of the 2nd.", D(2024, 3, 5),
         "struck", (D(2024, 3, 2), None, False), None),
        ("Azerbaijani troops shelled Armenian positions near Jermuk on the 28th, Yerevan said.", D(2024, 3, 5),
         "shelled", (D(2024, 2, 28), None, False), None),
    ],
    "the clause it hangs on, after an act of the same day": [
        ("A drone was shot down over Kyiv on Monday (May 6), after Russian forces shelled the city.",
         D(2024, 5, 8), "shelled", (D(2024, 5, 6), None, True), "hangs on"),
    ],
    "the clause it hangs on": [
        ("Ukraine's foreign minister on Friday condemned the strike, urging allies to send more air defences.",
         D(2024, 3, 17), "urging", (D(2024, 3, 15), None, True), "hangs on"),
    ],
    "the clause it hangs on, through a fronted date the parser put in the subject": [
        ("On 8 March Blinken had spoken with Armenia's Foreign Minister Ararat Mirzoyan, pressed for restraint "
         "and backed direct talks between Armenia and Azerbaijan.", D(2024, 3, 12), "backed",
         (D(2024, 3, 8), None, True), "hangs on"),
    ],
    "earlier in its paragraph": [
        ("On 14 March 2024 Chinese coast guard ships entered waters off Kinmen. Taiwan protested to Beijing.",
         None, "protested", (D(2024, 3, 14), None, True), "paragraph"),
        ("Russian forces shelled Kherson last week. Ukraine evacuated a hospital near the river.",
         D(2024, 3, 20), "evacuated", (D(2024, 3, 11), D(2024, 3, 17), True), "paragraph"),
    ],
    "meanwhile": [
        ("On Monday Russian drones struck the port of Odesa.\nUkrainian forces meanwhile shelled the "
         "Russian city of Belgorod.", D(2024, 3, 20), "shelled", (D(2024, 3, 18), None, True), "meanwhile"),
    ],
    "since a day, to the report's date": [
        ("At least 30 civilians have been killed in Russian strikes on Kharkiv since Friday, Ukraine said.",
         D(2024, 3, 19), "strikes", (D(2024, 3, 15), D(2024, 3, 19), True), "to the report's date"),
    ],
    "current news takes the report's date": [
        ("Eritrean troops shelled the border town of Zalambessa, killing three civilians, Ethiopian "
         "officials said.", D(2024, 5, 7), "shelled", (D(2024, 5, 7), None, True), "lead"),
        ("On 14 March 2024 Chinese coast guard ships entered waters off Kinmen.\nTaiwan protested to Beijing.",
         D(2024, 3, 20), "protested", (D(2024, 3, 20), None, True), "current news"),
        # reported speech puts the simple past into the pluperfect
        ("Ethiopia said its air force had struck Eritrean positions near Badme.", D(2024, 5, 8), "struck",
         (D(2024, 5, 8), None, True), "lead"),
        # a participle's act is told in the tense of the verb it hangs on
        ("Eritrean troops shelled the border town of Zalambessa, killing three civilians, Ethiopian "
         "officials said.", D(2024, 5, 7), "killing", (D(2024, 5, 7), None, True), "lead"),
        # an infinitive's act is told in the tense of the verb it completes
        ("Guyana's parliament voted to expel Venezuelan diplomats.", D(2024, 5, 8), "expel",
         (D(2024, 5, 8), None, True), "lead"),
    ],
}  # fmt: skip

NOT = {
    "the clause it hangs on": [
        # a date in a clause beside the act (not above it) does not date it
        ("After Russia shelled Kharkiv on Friday, Ukraine's foreign minister urged allies to send more "
         "air defences.", D(2024, 3, 17), "urged"),
    ],
    "earlier in its paragraph": [
        # a present perfect is told as of the report, not as of the act told before it
        ("On 2 May gunmen shot four border guards near Badme. Ethiopia has since accused Eritrea of "
         "sheltering the gunmen.", D(2024, 5, 20), "accused"),
        # a date does not carry over a paragraph break
        ("On 14 March 2024 Chinese coast guard ships entered waters off Kinmen.\nTaiwan protested to Beijing.",
         D(2024, 3, 20), "protested"),
    ],
    "current news takes the report's date": [
        # told as before the story's time (pluperfect), or with no reference date at all
        ("Eritrean troops had shelled the border town of Zalambessa before the truce.", D(2024, 5, 7),
         "shelled"),
        ("Eritrean troops shelled the border town of Zalambessa, killing three civilians, Ethiopian "
         "officials said.", None, "shelled"),
        ("Ethiopia had earlier claimed that its air force had struck Eritrean positions near Badme.",
         D(2024, 5, 8), "struck"),
        ("Guyana will vote to expel Venezuelan diplomats.", D(2024, 5, 8), "expel"),
        # a habit or a history, not the day's news
        ("Armenia and Azerbaijan have repeatedly accused each other of shelling border villages.",
         D(2024, 5, 14), "accused"),
        # a background paragraph: a year or a period's start
        ("Armenia and Azerbaijan have clashed repeatedly since 2020.", D(2024, 5, 14), "clashed"),
    ],
    "a retelling dates to the original act": [
        # an earlier act named as the occasion of a new one takes neither its day nor the report's
        ("Following the drone strikes on Odesa, Ukraine shelled Belgorod on Tuesday.", D(2024, 5, 9), "strikes"),
        ("Guyana recalled its envoy on Thursday in response to Venezuela's suspension of the border talks.",
         D(2024, 5, 9), "suspension"),
    ],
    "a year alone never dates an act": [
        ("In 2020 Azerbaijan attacked Armenian positions in Karabakh.", D(2024, 5, 14), "attacked"),
        ("Azerbaijan attacked Armenian positions in Karabakh ten years ago.", D(2024, 5, 14), "attacked"),
    ],
    "an act after or before the one dated takes not its day": [
        ("Ukraine shelled Belgorod on Monday (May 6), just days after Russian drones struck the port of Odesa.",
         D(2024, 5, 8), "struck"),
        ("Guyana recalled its envoy on Thursday, weeks after Venezuela suspended the border talks.",
         D(2024, 5, 9), "suspended"),
    ],
    "a day of the month without its month": [
        # an ordinal that is not a day: a unit, a floor, a round of talks
        ("Armenia said the 5th Brigade shelled Azerbaijani posts.", None, "shelled"),
        ("Azerbaijan shelled Armenian posts on the 28th anniversary of the ceasefire.", None, "shelled"),
    ],
}  # fmt: skip


@pytest.mark.parametrize(
    ("rule", "text", "published", "trigger", "expected", "reason"),
    [(rule, *case) for rule, cases in RULES.items() for case in cases],
)
def test_rule_dates_the_act(pipeline, rule, text, published, trigger, expected, reason):
    e = event(pipeline, text, published, trigger)
    assert when(e) == expected, rule
    if reason:
        assert reason in e.attrs.get("date_reason", ""), e.attrs
    if e.date_inferred:
        assert e.attrs.get("date_reason"), "an inferred date says why"


@pytest.mark.parametrize(
    ("rule", "text", "published", "trigger"),
    [(rule, *case) for rule, cases in NOT.items() for case in cases],
)
def test_rule_does_not_fire(pipeline, rule, text, published, trigger):
    e = event(pipeline, text, published, trigger)
    if rule == "the clause it hangs on":
        assert "hangs on" not in (e.attrs.get("date_reason") or "") and e.date != D(2024, 3, 15)
    elif rule == "earlier in its paragraph":
        assert e.date not in (D(2024, 3, 14), D(2024, 5, 2))
    else:
        assert e.date is None


def test_a_year_alone_says_so(pipeline):
    e = event(
        pipeline, "In 2020 Azerbaijan attacked Armenian positions in Karabakh.", D(2024, 5, 14), "attacked"
    )
    assert e.attrs.get("date_reason") == "only a year is told"
    e = event(
        pipeline, "On 8 November 2020 Azerbaijan attacked Armenian positions.", D(2024, 5, 14), "attacked"
    )
    assert when(e) == (D(2020, 11, 8), None, False)


@pytest.mark.parametrize(
    ("text", "planned"),
    [
        ("Armenian and Azerbaijani envoys will meet in Almaty next Tuesday.", D(2024, 5, 14)),
        ("The foreign ministers of Guyana and Venezuela are due to meet on 30 May.", D(2024, 5, 30)),
    ],
)
def test_a_planned_act_is_not_dated_as_happened(pipeline, text, planned):
    events = pipeline(Document(text=text, published=D(2024, 5, 8))).events
    assert events
    assert all(e.date is None for e in events)
    assert any(e.attrs.get("planned") == planned.isoformat() for e in events)


def test_a_meeting_that_took_place_is_dated(pipeline):
    e = event(pipeline, "Armenian and Azerbaijani envoys met in Almaty on Tuesday.", D(2024, 5, 8), "met")
    assert when(e) == (D(2024, 5, 7), None, False)
    assert "planned" not in e.attrs


@pytest.mark.parametrize(
    "text",
    [
        "Guyana gave Venezuela until 30 April to withdraw its troops from the border.",
        "Venezuela's troops must leave the border by 30 April, Guyana said.",
    ],
)
def test_until_and_by_are_bounds_not_dates(pipeline, text):
    events = pipeline(Document(text=text, published=D(2024, 4, 2))).events
    assert all(e.date != D(2024, 4, 30) for e in events)
