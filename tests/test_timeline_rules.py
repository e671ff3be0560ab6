"""Rules that put the acts a timeline needs on it: their recognition, their roles and their dates.

Each rule has a sentence it must fire on and one it must not, both written for these tests from
crises offramp was not tuned on.
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


def events_of(pipeline, text: str, published: dt.date | None = None) -> list:
    return pipeline(Document(text=text, published=published)).events


def on(events: list, trigger: str) -> list:
    return [e for e in events if trigger in (e.attrs.get("trigger") or "")]


# rule: (text, published, trigger, what the event on that trigger must be)
FIRES = {
    "cancelled_meeting": [
        ("The round of talks between Armenia and Azerbaijan, scheduled for Friday in Almaty, has been cancelled, "
         "Kazakhstan's foreign ministry said on Wednesday.", D(2024, 5, 15), "talks",
         {"type": "REJECT", "parties": {"ARM", "AZE"}}),
        ("Georgia called off the meeting with Russian negotiators.", None, "meeting",
         {"type": "REJECT", "parties": {"GEO", "RUS"}}),
    ],
    "date_of_the_plan": [
        ("The round of talks between Armenia and Azerbaijan, scheduled for Friday in Almaty, has been cancelled, "
         "Kazakhstan's foreign ministry said on Wednesday.", D(2024, 5, 15), "talks",
         {"date": D(2024, 5, 15)}),
    ],
    "decision_deadline": [
        ("The Kremlin will decide within ten days whether to strike Kharkiv, a spokesman told reporters "
         "on Monday.", D(2024, 5, 14), "decide", {"type": "THREATEN", "source": ["RUS"], "target": ["UKR"],
                                                  "date": D(2024, 5, 13)}),
    ],
    "defiant_response": [
        ("Azerbaijan responded defiantly to the Armenian protest by announcing new drills.", None,
         "responded", {"type": "REJECT", "source": ["AZE"]}),
    ],
    "approval_pending": [
        ("Azerbaijan's parliament approved a bill to close the border with Armenia. The final decision "
         "rests with the president.", None, "close", {"type": "THREATEN", "source": ["AZE"]}),
    ],
    "counter_measure_aims_at_the_occasion": [
        ("Lithuania expelled two diplomats following Russia's drone attack on a border post.", None,
         "expelled", {"type": "SANCTION", "source": ["LTU"], "target": ["RUS"]}),
    ],
    "site_named_before": [
        ("Pakistani drones were shot down near the Baglihar Dam on Friday. It came a day after Pakistani "
         "artillery shelled the facility.", D(2025, 5, 10), "shelled",
         {"source": ["PAK"], "target": ["IND"]}),
    ],
    "weekday_of_a_past_verb": [
        ("Azerbaijan will not attend the summit, its foreign ministry told reporters on Monday.",
         D(2024, 5, 14), "attend", {"type": "REJECT", "date": D(2024, 5, 13)}),
    ],
    "threat_aims_at_its_content": [
        ("The Kremlin will decide within ten days whether to strike Kharkiv.", None, "decide",
         {"type": "THREATEN", "target": ["UKR"]}),
    ],
    "weekday_of_the_latest_date": [
        ("Kyiv confirmed Saturday that Russian drones struck Odesa. A grain ship left the port on June 14, "
         "2025.", None, "struck", {"date": D(2025, 6, 14)}),
        # a weekday a few days before the latest date: counted back from it, and said to be inferred
        ("Belarus expelled two Polish diplomats on Thursday. A grain ship left Gdansk on June 14, 2025.", None,
         "expelled", {"date": D(2025, 6, 12), "date_inferred": True}),
    ],
    "counted_period": [
        ("Ukraine's health ministry said on Monday that Russian strikes have killed 40 civilians over the past "
         "three days.", D(2025, 6, 20), "killed", {"date": D(2025, 6, 17), "date_end": D(2025, 6, 20)}),
    ],
    "over_a_period": [
        ("Throughout the war, Russian forces fired thousands of missiles at Ukrainian cities.", D(2025, 6, 20),
         "fired", {"date": None}),
        ("Since the start of the offensive, Azerbaijani shelling has killed 200 Armenian soldiers.",
         D(2025, 6, 20), "killed", {"date": None}),
        # the period of the first of two joined verbs is the second's too
        ("Since the start of the offensive, 200 Armenian soldiers have been killed and 900 wounded by "
         "Azerbaijani shelling.", D(2025, 6, 20), "wounded", {"date": None}),
    ],
    "sequence_after_the_last_day": [
        ("The offensive began on Friday, June 13, when Azerbaijan shelled Armenian posts.\nThe Azerbaijani army "
         "later confirmed it had launched an operation against Armenian forces.", D(2025, 6, 20), "launched",
         {"date": D(2025, 6, 13), "date_inferred": True}),
    ],
    "definite_act_refers_back": [
        ("Early Thursday morning, Russian forces fired missiles at Kharkiv.\nA hospital in Kharkiv was badly "
         "damaged during the attack, Ukraine said.", D(2025, 6, 21), "attack",
         {"date": D(2025, 6, 19), "date_inferred": True}),
    ],
    "loss_told_by_the_other_side": [
        ("Ukraine's army said Russia's command post near Kherson had been destroyed.", None, "destroyed",
         {"source": ["UKR"], "target": ["RUS"]}),
    ],
    "law_named_before": [
        ("Armenia's parliament voted to suspend cooperation with Russia's border guards.\nThe president "
         "signed the bill on June 12.", D(2024, 6, 14), "signed",
         {"type": "SANCTION", "source": ["ARM"], "target": ["RUS"], "date": D(2024, 6, 12)}),
    ],
    "infinitive_on_a_noun": [
        ("Armenia's government has issued a decree to suspend cooperation with Russia's border guards.",
         D(2024, 6, 12), "suspend", {"type": "SANCTION", "date": D(2024, 6, 12)}),
    ],
    "dateline_is_no_subject": [
        ("Tbilisi, Agency – Georgia's parliament has approved a bill to expel Russian diplomats.", None,
         "expel", {"source": ["GEO"]}),
    ],
}  # fmt: skip

# rule: (text, published, trigger, what the event on that trigger must not be; None: no event at all)
SPARES = {
    "cancelled_meeting": [
        ("The talks between Armenia and Azerbaijan in Almaty were extended by a day.", None, "talks",
         {"type": "REJECT"}),
    ],
    "date_of_the_plan": [
        # a clause that tells when it was held, not planned, dates it
        ("The talks between Armenia and Azerbaijan, held in Almaty on Friday, were cancelled.", D(2024, 5, 15),
         "talks", {"date": D(2024, 5, 15)}),
    ],
    "decision_deadline": [
        ("Moscow is weighing whether to strike Kharkiv.", None, "weighing", None),
    ],
    "defiant_response": [
        ("Azerbaijan responded to the Armenian proposal by welcoming it.", None, "responded", None),
    ],
    "approval_pending": [
        ("Azerbaijan's parliament approved a bill to close the border with Armenia.", None, "close",
         {"type": "THREATEN"}),
    ],
    "counter_measure_aims_at_the_occasion": [
        # a target the clause names stands
        ("Lithuania expelled two Belarusian diplomats following Russia's drone attack on a border post.", None,
         "expelled", {"target": ["RUS"]}),
    ],
    "site_named_before": [
        ("Pakistani drones were shot down on Friday. It came a day after Pakistani artillery shelled the "
         "facility.", D(2025, 5, 10), "shelled", {"target": ["IND"]}),
    ],
    "weekday_of_a_past_verb": [
        ("Azerbaijan's foreign minister will visit Moscow on Monday.", D(2024, 5, 14), "visit",
         {"date": D(2024, 5, 13)}),
    ],
    "threat_aims_at_its_content": [
        ("Russia warned Moldova that it would strike Kharkiv.", None, "warned", {"target": ["UKR"]}),
    ],
    "weekday_of_the_latest_date": [
        ("Kyiv confirmed Sunday that Russian drones struck Odesa. A grain ship left the port on June 14, "
         "2025.", None, "struck", {"date": D(2025, 6, 14)}),
        # six days back, the report may as well be a week later: no day
        ("Belarus expelled two Polish diplomats on Sunday. A grain ship left Gdansk on June 14, 2025.", None,
         "expelled", {"date": D(2025, 6, 8)}),
    ],
    "counted_period": [
        ("Russian strikes have killed 40 civilians in the past, Ukraine's health ministry said.", D(2025, 6, 20),
         "killed", {"date": D(2025, 6, 17)}),
    ],
    "over_a_period": [
        ("Russian forces fired missiles at Ukrainian cities.", D(2025, 6, 20), "fired", {"date": None}),
        ("Since Friday, Azerbaijani shelling has killed 200 Armenian soldiers.", D(2025, 6, 20), "killed",
         {"date": None}),
    ],
    "sequence_after_the_last_day": [
        ("The offensive began on Friday, June 13, when Azerbaijan shelled Armenian posts.\nThe Azerbaijani army "
         "confirmed it had launched an operation against Armenian forces.", D(2025, 6, 20), "launched",
         {"date": D(2025, 6, 13)}),
    ],
    "definite_act_refers_back": [
        # an indefinite act is a new one: it is not the act told before
        ("Early Thursday morning, Russian forces fired missiles at Kharkiv.\nA hospital in Kharkiv was badly "
         "damaged during an attack, Ukraine said.", D(2025, 6, 21), "attack", {"date": D(2025, 6, 19)}),
    ],
    "loss_told_by_the_other_side": [
        # a loss that names no side is no deed of the side that tells it
        ("Russia struck Kharkiv. Ukrainian officials said that at least 12 people were killed.", None,
         "killed", None),
    ],
    "law_named_before": [
        # a bill not named before ("a bill on pensions") enacts nothing told
        ("Armenia's parliament voted to suspend cooperation with Russia's border guards.\nThe president "
         "signed a bill on pensions on June 12.", D(2024, 6, 14), "signed", None),
        # a law strikes no one: an attack told before is not what a bill enacts
        ("Russian forces shelled Kharkiv. President Putin signed the bill on Friday.", D(2024, 6, 14),
         "signed", {"type": "ASSAULT"}),
    ],
    "infinitive_on_a_noun": [
        ("Armenia's government will draft a decree to suspend cooperation with Russia's border guards.",
         D(2024, 6, 12), "suspend", {"date": D(2024, 6, 12)}),
    ],
    "dateline_is_no_subject": [
        ("Georgia, the mission said, has condemned Russia's expulsion of Georgian journalists.", None,
         "condemned", {"source": []}),
    ],
}  # fmt: skip


def _field(e, key: str):
    if key == "parties":
        return set(e.source) | set(e.target)
    return getattr(e, key)


@pytest.mark.parametrize(
    ("rule", "text", "published", "trigger", "want"),
    [(rule, *case) for rule, cases in FIRES.items() for case in cases],
)
def test_rule_fires(pipeline, rule, text, published, trigger, want):
    found = on(events_of(pipeline, text, published), trigger)
    assert found, f"{rule}: no event on {trigger!r}"
    e = found[0]
    for key, value in want.items():
        assert _field(e, key) == value, (rule, key, _field(e, key))
    if e.date_inferred:
        assert e.attrs.get("date_reason"), "an inferred date says why"


@pytest.mark.parametrize(
    ("rule", "text", "published", "trigger", "unwanted"),
    [(rule, *case) for rule, cases in SPARES.items() for case in cases],
)
def test_rule_does_not_fire(pipeline, rule, text, published, trigger, unwanted):
    found = on(events_of(pipeline, text, published), trigger)
    if unwanted is None:
        assert not found, (rule, [(e.type, e.source, e.target) for e in found])
        return
    assert found, f"{rule}: no event on {trigger!r} to check"
    for e in found:
        for key, value in unwanted.items():
            assert _field(e, key) != value, (rule, key, value)
