"""Event identity rules (issue 8): which tellings are one act, within a document and across
documents, whatever order the documents come in. Sentences are written for these tests."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from offramp.analysis.queries import event_records
from offramp.extract.merge import Merger, dedupe, merge_events, named_act
from offramp.records import Document, Event

D = dt.date
RU, UA = ("RUS",), ("UKR",)
_SINCE = {"date_inferred": True, "attrs": {"date_reason": "from 'Friday' to the report's date"}}


def ev(doc: str, start: int, type_: str = "ASSAULT", src=RU, tgt=UA, **kw) -> Event:
    return Event(
        type=type_,
        source=list(src),
        target=list(tgt),
        doc_id=doc,
        evidence=kw.pop("evidence", f"sentence at {start}"),
        span_start=start,
        span_end=start + 10,
        **kw,
    )


def _stored(store, docs_events, reverse: bool = False) -> list[dict]:
    """Merge each (document, events) in turn, in the given order or reversed; the event rows."""
    for doc, events in reversed(docs_events) if reverse else docs_events:
        store.add_document(doc)
        merge_events(store, events, doc)
    return event_records(store).to_dict(orient="records")


@pytest.mark.parametrize(
    ("modes", "acts"),
    [
        # "A Russian missile strike destroyed a fuel depot in Odesa on Monday": aerial, and what it did
        (("aerial", "destroy"), 1),
        # "Russian artillery shelled Kherson and drones hit Odesa on Monday": two means, two acts
        (("heavy-weapons", "drone"), 2),
    ],
)
def test_one_sentence_telling_means_and_outcome_is_one_act(modes, acts):
    day = D(2024, 3, 4)
    told = [ev("a", 0, date=day, mode=m, evidence="one sentence") for m in modes]
    assert len(dedupe(told)) == acts


@pytest.mark.parametrize(
    ("start", "folds"),
    [
        # "On Friday Russia launched missiles at Kyiv. ... Dozens have been killed in Russian strikes
        # since Friday.": the period is the going-on of Friday's act
        (D(2024, 3, 15), True),
        # a period that began on another day is not that act
        (D(2024, 3, 12), False),
    ],
)
def test_a_period_since_the_day_of_an_act_is_that_act(start, folds):
    act = ev("a", 0, date=D(2024, 3, 15), mode="aerial")
    period = ev("a", 200, date=start, date_end=D(2024, 3, 18), mode="aerial", **_SINCE)
    assert (len(dedupe([act, period])) == 1) is folds


def _doc(text: str) -> Document:
    return Document(text=text)


# "Russian missiles struck Okhmatdyt on 8 July" (placed at the hospital) and, in another report
# with no day, "A Russian missile hit the Okhmatdyt children's hospital in Kyiv" (placed at Kyiv).
HOSPITAL = "A Russian missile hit the Okhmatdyt children's hospital in Kyiv."


@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize(
    ("dated_place", "rows"),
    [
        ("Okhmatdyt", 1),  # the dated telling's site is named in the undated one: one act, dated
        ("Lviv", 2),  # told somewhere the undated sentence does not name: two acts
    ],
)
def test_an_undated_telling_joins_the_act_told_at_a_place_it_names(store, dated_place, rows, reverse):
    undated, dated = _doc("undated report"), _doc("dated report")
    found = _stored(
        store,
        [
            (undated, [ev(undated.id, 0, mode="aerial", evidence=HOSPITAL, location="Kyiv", country="UKR")]),
            (dated, [ev(dated.id, 0, date=D(2024, 7, 8), mode="aerial", location=dated_place,
                        evidence=f"Russian missiles struck {dated_place} on 8 July.")]),
        ],
        reverse=reverse,
    )  # fmt: skip
    assert len(found) == rows
    if rows == 1:
        assert found[0]["date"] is not None and str(found[0]["date"])[:10] == "2024-07-08"


@pytest.mark.parametrize(
    ("named", "joins_dated"),
    [
        # an undated drone strike and a dated one at Odesa: a third, undated telling that names
        # Odesa fits both (the same means), and joins the one told there
        ("Odesa", True),
        # naming Dnipro it is not the Odesa strike: it joins the undated one of its means
        ("Dnipro", False),
    ],
)
def test_an_undated_telling_fitting_several_joins_the_one_at_its_place(store, named, joins_dated):
    a, b, c = _doc("undated strike"), _doc("dated strike"), _doc("later mention")
    found = _stored(
        store,
        [
            (a, [ev(a.id, 0, mode="drone", evidence="Russian drones struck overnight.")]),
            (b, [ev(b.id, 0, mode="drone", date=D(2024, 5, 2), location="Odesa", country="UKR",
                    evidence="Drones hit the port of Odesa on 2 May.")]),
            (c, [ev(c.id, 0, mode="drone", evidence=f"Kyiv condemned the Russian drone strike on {named}.")]),
        ],
    )  # fmt: skip
    dated = next(r for r in found if r["date"] is not None)
    assert (dated["n_sources"] == 2) is joins_dated


ARM_AZE = ("ARM", "AZE")


def _agreed(doc: Document, evidence: str, **kw) -> list[Event]:
    return [ev(doc.id, 0, "AGREE", ARM_AZE, ARM_AZE, evidence=evidence, attrs={"both_ways": True}, **kw)]


@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize(
    ("second", "rows"),
    [
        # "the truce" told by a report with no day is the ceasefire another report dates
        ("The truce between Armenia and Azerbaijan held through the night.", 1),
        # a prisoner exchange by the same sides is another agreement
        ("Armenia and Azerbaijan agreed to a prisoner exchange.", 2),
    ],
)
def test_tellings_naming_the_same_agreement_are_one_act(store, second, rows, reverse):
    a, b, c = _doc("dated ceasefire"), _doc("undated ceasefire"), _doc("second agreement")
    found = _stored(
        store,
        [
            (
                a,
                _agreed(
                    a, "Armenia and Azerbaijan agreed to a ceasefire on 10 November.", date=D(2020, 11, 10)
                ),
            ),
            (b, _agreed(b, "The ceasefire agreed by Armenia and Azerbaijan was fragile.")),
            (c, _agreed(c, second)),
        ],
        reverse=reverse,
    )
    assert len(found) == rows
    ceasefire = [r for r in found if r["n_sources"] >= 2]
    assert len(ceasefire) == 1 and str(ceasefire[0]["date"])[:10] == "2020-11-10"


@pytest.mark.parametrize(
    ("evidence", "named"),
    [
        ("Kyiv and Moscow agreed to a 30-day cease-fire on energy sites.", "ceasefire (settle)"),
        ("The two sides swapped 90 prisoners in a prisoner exchange.", "prisoner exchange (settle)"),
        # naming two things, it says neither
        ("The truce talks also covered a prisoner exchange.", None),
        ("Azerbaijani forces shelled Armenian positions.", None),
    ],
)
def test_named_act_of_an_agreement(evidence, named):
    assert named_act("AGREE", evidence) == named
    assert named_act("ASSAULT", evidence) is None  # only agreements and pauses are named so


def test_an_undated_telling_fitting_several_named_acts_joins_the_one_of_its_very_sides(store):
    # "Azerbaijan said on 12 November the ceasefire was broken", coded as an AGREE by Azerbaijan
    # alone, is an act of another day than the ceasefire of both sides agreed on the 10th; an
    # undated "truce between the two" fits both, and joins the one of both sides
    a, b, c = _doc("both sides"), _doc("one side"), _doc("later")
    found = _stored(
        store,
        [
            (a, _agreed(a, "Armenia and Azerbaijan agreed to a ceasefire on 10 November.", date=D(2020, 11, 10))),
            (b, [ev(b.id, 0, "AGREE", ("AZE",), (), date=D(2020, 11, 12),
                    evidence="Azerbaijan said on 12 November the ceasefire was broken.")]),
            (c, _agreed(c, "The truce between the two held.")),
        ],
    )  # fmt: skip
    assert len(found) == 2
    both = next(r for r in found if len(r["source"]) == 2)
    assert both["n_sources"] == 2


@pytest.mark.parametrize(
    ("mode", "rows"),
    [
        # "Azerbaijan's foreign minister met his Armenian counterpart on 10 May" and "Armenia's
        # foreign minister held talks with the ministers of Azerbaijan and Kazakhstan on 10 May"
        (None, 1),
        # "Putin visited Beijing" and "Xi visited Moscow": who went to whom tells two visits apart
        ("visit", 2),
    ],
)
def test_talks_told_from_either_side_are_one_meeting(store, mode, rows):
    a, b = _doc("from Baku"), _doc("from Yerevan")
    day = D(2024, 5, 10)
    found = _stored(
        store,
        [
            (a, [ev(a.id, 0, "CONSULT", ("AZE",), ("ARM",), date=day, mode=mode)]),
            (b, [ev(b.id, 0, "CONSULT", ("ARM",), ("AZE", "KAZ"), date=day, mode=mode)]),
        ],
    )
    assert len(found) == rows


_REPORT_DAY = D(2024, 3, 6)


def _on_report_day(start: int, nominal: bool, **kw) -> Event:
    reason = "told as done in a paragraph of current news: the report's date (from its date-line)"
    attrs = {"date_reason": reason, **({"nominal": True} if nominal else {})}
    return ev("a", start, date=_REPORT_DAY, date_inferred=True, attrs=attrs, **kw)


@pytest.mark.parametrize(
    ("told", "nominal", "kept"),
    [
        # "Russian missiles struck Odesa on 3 March. ... Kyiv condemned the strikes." (report of the
        # 6th): "the strikes" is the one act the text tells, on its own day
        ([{"date": D(2024, 3, 3), "mode": "aerial", "location": "Odesa", "country": "UKR"}], True, 1),
        # "Russian drones hit Sumy" on the report's day is a new act, not a mention
        ([{"date": D(2024, 3, 3), "mode": "aerial", "location": "Odesa", "country": "UKR"}], False, 2),
        # with two acts of those sides told, "the strikes" could be either: it stays apart
        ([{"date": D(2024, 3, 3), "mode": "aerial", "location": "Odesa", "country": "UKR"},
          {"date": D(2024, 3, 1), "mode": "heavy-weapons", "location": "Kharkiv", "country": "UKR"}], True, 3),
    ],
)  # fmt: skip
def test_a_passing_mention_dated_by_its_report_is_the_one_act_the_text_tells(told, nominal, kept):
    acts = [ev("a", 100 * i, **kw) for i, kw in enumerate(told)]
    events = dedupe([*acts, _on_report_day(900, nominal)])
    assert len(events) == kept
    if kept == 1:
        assert events[0].date == D(2024, 3, 3)


@pytest.mark.parametrize(
    ("mode", "joins"),
    [
        # "Russian drones struck again": the undated drone strike, not the undated "Russian strikes"
        # that named no means (and could be the drone strike or the shelling)
        ("drone", True),
        # told by no means itself, it could be any of them: it stays apart
        (None, False),
    ],
)
def test_an_undated_telling_joins_the_undated_act_of_its_means(store, mode, joins):
    docs = [_doc(f"report {i}") for i in range(4)]
    told = [
        ("drone", "Russian drones struck the port."),
        ("heavy-weapons", "Russian artillery shelled the town."),
        (None, "Kyiv condemned the Russian strikes."),
        (mode, "Russian drones struck again, officials said."),
    ]
    found = _stored(
        store, [(d, [ev(d.id, 0, mode=m, evidence=t)]) for d, (m, t) in zip(docs, told, strict=True)]
    )
    drones = next(r for r in found if r["mode"] == "drone")
    assert (drones["n_sources"] == 2) is joins
    assert len(found) == (3 if joins else 4)


@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize(("dated_place", "rows"), [("Jermuk", 1), ("Sotk", 2)])
def test_an_undated_act_told_by_many_takes_the_day_of_a_dated_telling_at_its_place(
    store, reverse, dated_place, rows
):
    # three reports with no day tell Azerbaijani drones hitting Jermuk; a fourth dates a drone
    # strike on Jermuk: one act, on that day; a dated drone strike on Sotk is another act
    undated = [_doc(f"undated {i}") for i in range(3)]
    told = [
        (
            d,
            [
                ev(
                    d.id,
                    0,
                    src=("AZE",),
                    tgt=("ARM",),
                    mode="drone",
                    evidence=f"Azerbaijani drones hit Jermuk ({i}).",
                )
            ],
        )
        for i, d in enumerate(undated)
    ]
    dated = _doc("dated")
    told.append(
        (
            dated,
            [
                ev(dated.id, 0, src=("AZE",), tgt=("ARM",), mode="drone", date=D(2022, 9, 13), location=dated_place,
                   country="ARM", evidence=f"On 13 September Azerbaijani drones struck {dated_place}.")
            ],
        )
    )  # fmt: skip
    found = _stored(store, told, reverse=reverse)
    assert len(found) == rows
    if rows == 1:
        assert found[0]["n_sources"] == 4 and str(found[0]["date"])[:10] == "2022-09-13"


@pytest.mark.parametrize(
    ("later_targets", "kept"),
    [
        # "On 4 May Russian drones hit a US depot in Poland. ... Moscow said its drones targeted the
        # American depot in Poland.": the later telling names the host state as a target too
        (("USA", "POL"), 1),
        # a telling against another state than the host is not the same act
        (("USA", "LTU"), 2),
    ],
)
def test_a_later_undated_telling_naming_the_host_state_is_the_dated_act(later_targets, kept):
    dated = ev(
        "a", 0, src=RU, tgt=("USA",), date=D(2025, 5, 4), mode="drone", location="Poland", country="POL"
    )
    later = ev("a", 300, src=RU, tgt=later_targets, mode="drone")
    assert len(dedupe([dated, later])) == kept


@pytest.mark.parametrize(("first_place", "rows"), [("Odesa", 1), ("Kharkiv", 2)])
def test_attacks_a_day_apart_are_one_only_where_both_are_placed_alike(store, first_place, rows):
    # a drone strike on 1 March placed at Kharkiv, told again by a report that also names Odesa,
    # does not take in the drone strike on Odesa of 2 March; placed at Odesa itself, it does
    a, b, c = _doc("first"), _doc("retold"), _doc("next day")
    found = _stored(
        store,
        [
            (a, [ev(a.id, 0, mode="drone", date=D(2024, 3, 1), location=first_place, country="UKR",
                    evidence=f"Russian drones struck {first_place} on 1 March.")]),
            (b, [ev(b.id, 0, mode="drone", date=D(2024, 3, 1), location=first_place, country="UKR",
                    evidence=f"After the 1 March drone strike on {first_place}, Odesa braced for more.")]),
            (c, [ev(c.id, 0, mode="drone", date=D(2024, 3, 2), location="Odesa", country="UKR",
                    evidence="Russian drones struck Odesa on 2 March.")]),
        ],
    )  # fmt: skip
    assert len(found) == rows


@pytest.mark.parametrize(("start", "rows"), [(D(2024, 3, 15), 1), (D(2024, 3, 14), 2)])
def test_a_period_since_the_day_another_report_dates_an_act_is_that_act(store, start, rows):
    # one report: "On Friday 15 March Russian missiles struck Kyiv"; another, of the 18th: "dozens
    # have been killed in Russian missile strikes since Friday" -- the going-on of Friday's act
    a, b = _doc("the act"), _doc("the period")
    found = _stored(
        store,
        [
            (a, [ev(a.id, 0, mode="aerial", date=D(2024, 3, 15))]),
            (b, [ev(b.id, 0, mode="aerial", date=start, date_end=D(2024, 3, 18), **_SINCE)]),
        ],
    )
    assert len(found) == rows
    if rows == 1:
        assert str(found[0]["date"])[:10] == "2024-03-15" and found[0]["n_sources"] == 2


@pytest.mark.parametrize(
    ("sentence", "same"),
    [
        # "Russian missiles hit Split harbour" names the place the other telling is placed at
        ("Russian missiles hit Split harbour, officials said.", True),
        # "a split in the coalition" does not name the town of Split
        ("Russian missiles hit the port amid a split in the coalition.", False),
    ],
)
def test_a_place_is_named_in_a_sentence_only_as_a_name(sentence, same):
    from offramp.extract.merge import _same_place

    placed = ev("a", 0, mode="aerial", location="Split", country="HRV")
    told = ev("b", 0, mode="aerial", evidence=sentence)
    assert _same_place(placed, told) is same


_REFERENCE = {"attrs": {"presupposed": True, "nominal": True}}


@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize(
    ("days", "rows"),
    [
        # "On 4 March Russian drones struck a fuel depot" and, in a report with no day, "Kyiv
        # answered the Russian drone strikes": the one dated act of its sides and means
        ((D(2024, 3, 4),), 1),
        # two dated drone strikes of those sides: it does not say which one, it stays apart
        ((D(2024, 3, 4), D(2024, 3, 9)), 3),
    ],
)
def test_an_undated_reference_joins_the_one_dated_act_it_presupposes(store, reverse, days, rows):
    told = []
    for i, day in enumerate(days):
        d = _doc(f"dated {i}")
        told.append(
            (d, [ev(d.id, 0, mode="drone", date=day, evidence=f"Russian drones struck a fuel depot ({i}).")])
        )
    ref = _doc("reference")
    told.append(
        (
            ref,
            [ev(ref.id, 0, mode="drone", evidence="Kyiv answered the Russian drone strikes.", **_REFERENCE)],
        )
    )
    found = _stored(store, told, reverse=reverse)
    if reverse and len(days) > 1:
        # told first, the reference met one dated act, the only one then: it stays with it, and
        # the act told later is another row (a merge is not undone)
        rows = len(days)
    assert len(found) == rows
    if rows == 1:
        assert found[0]["n_sources"] == 2 and str(found[0]["date"])[:10] == "2024-03-04"


@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize(
    ("dated_sentence", "rows"),
    [
        # the same kind of installation aimed at: "military sites" in both
        ("On 13 September Azerbaijani forces struck military sites in Armenia.", 1),
        # another kind: the border posts are not said to be the military sites
        ("On 13 September Azerbaijani forces struck border posts in Armenia.", 2),
    ],
)
def test_an_undated_telling_joins_the_dated_act_on_the_same_kind_of_target(
    store, reverse, dated_sentence, rows
):
    undated, dated = _doc("undated"), _doc("dated")
    found = _stored(
        store,
        [
            (undated, [ev(undated.id, 0, src=("AZE",), tgt=("ARM",),
                          evidence="Yerevan counted the damage from Azerbaijan's attacks on its military sites.")]),
            (dated, [ev(dated.id, 0, src=("AZE",), tgt=("ARM",), date=D(2022, 9, 13), evidence=dated_sentence)]),
        ],
        reverse=reverse,
    )  # fmt: skip
    assert len(found) == rows


@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize(("dated_place", "rows"), [("Kharkiv", 1), ("Odesa", 2)])
def test_an_undated_reference_placed_elsewhere_is_another_act(store, reverse, dated_place, rows):
    # "the Russian missile strike on Kharkiv" (no day) and a dated missile strike: at Kharkiv one
    # act, at Odesa another, though the sides and means agree
    ref, dated = _doc("reference"), _doc("dated")
    found = _stored(
        store,
        [
            (ref, [ev(ref.id, 0, mode="aerial", location="Kharkiv", country="UKR",
                      evidence="Kyiv condemned the Russian missile strike on Kharkiv.", **_REFERENCE)]),
            (dated, [ev(dated.id, 0, mode="aerial", date=D(2024, 5, 25), location=dated_place, country="UKR",
                        evidence=f"Russian missiles hit {dated_place} on 25 May.")]),
        ],
        reverse=reverse,
    )  # fmt: skip
    assert len(found) == rows


@pytest.mark.parametrize(
    ("source", "named"),
    [
        # the operation is Azerbaijan's: a telling of Armenia's reprisals does not carry it
        (("ARM",), None),
        # Azerbaijan's act told in that sentence does
        (("AZE",), "iron fist"),
    ],
)
def test_an_operation_given_to_another_state_is_not_the_act(source, named):
    sentence = "Fighting flared after Azerbaijan's Operation Iron Fist and Armenia's reprisals on the border."
    assert named_act("ASSAULT", sentence, source) == named


@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize(
    ("side", "rows"),
    [
        # "Brazil, India and South Africa abstained on the motion on 2 March" and, with no day,
        # "India, Brazil and South Africa abstained on it": the same three states, one act
        (("BRA", "IND", "ZAF"), 1),
        # two states abstaining alike is common: nothing but the sides agrees, it stays apart
        (("BRA", "IND"), 2),
    ],
)
def test_an_undated_telling_of_the_same_coalition_joins_its_one_dated_act(store, reverse, side, rows):
    dated, undated = _doc("dated"), _doc("undated")
    found = _stored(
        store,
        [
            (dated, [ev(dated.id, 0, "REJECT", side, ("UN",), date=D(2022, 3, 2),
                        evidence="They abstained on the motion on 2 March.")]),
            (undated, [ev(undated.id, 0, "REJECT", tuple(reversed(side)), ("UN",),
                          evidence="They abstained on it.")]),
        ],
        reverse=reverse,
    )  # fmt: skip
    assert len(found) == rows


@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize(
    ("town", "rows"),
    [
        # "Russian forces shelled Kherson on 3 May" and, with no day, "the damage Russian forces
        # did to Kherson": the town named in both
        ("Kherson", 1),
        # a capital names a government as often as a city ("Russia said Kyiv would pay"): no match
        ("Kyiv", 2),
    ],
)
def test_a_capital_named_in_both_is_not_a_place_they_agree_on(store, reverse, town, rows):
    dated, undated = _doc("dated"), _doc("undated")
    found = _stored(
        store,
        [
            (dated, [ev(dated.id, 0, date=D(2024, 5, 3), location=town, country="UKR",
                        evidence=f"Russian forces hit {town} on 3 May.")]),
            (undated, [ev(undated.id, 0, evidence=f"Officials counted the damage Russian forces did to {town}.")]),
        ],
        reverse=reverse,
    )  # fmt: skip
    assert len(found) == rows


@pytest.mark.parametrize(("source", "rows"), [(RU, 1), ((), 2)])
def test_an_undated_telling_missing_a_side_presupposes_no_act(store, source, rows):
    # "the Russian drone strikes" joins the one dated drone strike of Russia on Ukraine; "the
    # drone strikes on Ukraine", with no doer, could be anyone's: it stays apart
    dated, undated = _doc("dated"), _doc("undated")
    found = _stored(
        store,
        [
            (dated, [ev(dated.id, 0, src=source, mode="drone", date=D(2024, 3, 4),
                        evidence="Drones struck a depot on 4 March.")]),
            (undated, [ev(undated.id, 0, src=source, mode="drone", evidence="Kyiv answered the drone strikes.",
                          **_REFERENCE)]),
        ],
    )  # fmt: skip
    assert len(found) == rows


AZE, ARM = ("AZE",), ("ARM",)
_SEPT_13 = D(2022, 9, 13)


def _operation_reports(undated_operation: str, undated_sides: tuple[tuple[str, ...], tuple[str, ...]]):
    """Three reports of one act: an undated one naming an operation, a dated one naming none, and
    a dated one naming Operation Steel Ring (which joins the dated one by day and place)."""
    a, b, c = _doc("undated operation"), _doc("dated attack"), _doc("dated operation")
    src, tgt = undated_sides
    return [
        (a, [ev(a.id, 0, src=src, tgt=tgt,
                evidence=f"Azerbaijan pressed on with {undated_operation} against Armenia.")]),
        (b, [ev(b.id, 0, src=AZE, tgt=ARM, date=_SEPT_13, location="Jermuk", country="ARM",
                evidence="Azerbaijani troops attacked Armenian positions near Jermuk on 13 September.")]),
        (c, [ev(c.id, 0, src=AZE, tgt=ARM, date=_SEPT_13, location="Jermuk", country="ARM",
                evidence="On 13 September Azerbaijan opened Operation Steel Ring with an assault near Jermuk.")]),
    ]  # fmt: skip


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
@pytest.mark.parametrize(
    ("undated_operation", "undated_sides", "rows"),
    [
        # the undated row names the operation a dated telling names later: one act, dated
        ("Operation Steel Ring", (AZE, ARM), 1),
        # another operation: another act
        ("Operation Iron Gate", (AZE, ARM), 2),
        # the same operation told with other sides (a coalition's): not told that it is one act
        ("Operation Steel Ring", (("AZE", "TUR"), ARM), 2),
    ],
)
def test_an_undated_named_operation_is_absorbed_by_the_dated_act_that_comes_to_name_it(
    store, undated_operation, undated_sides, rows, order
):
    reports = _operation_reports(undated_operation, undated_sides)
    found = _stored(store, [reports[i] for i in order])
    assert len(found) == rows
    dated = [r for r in found if r["date"] is not None]
    assert len(dated) == 1 and str(dated[0]["date"])[:10] == "2022-09-13"
    assert dated[0]["n_sources"] == (3 if rows == 1 else 2)
    kept = {r["id"] for r in found}
    told = store.query("SELECT DISTINCT event_id FROM event_sources")["event_id"]
    assert set(told) == kept  # no telling is left pointing at an absorbed row
    ruled = store.query("SELECT DISTINCT event_id FROM event_ladder")["event_id"]
    assert set(ruled) <= kept  # nor a ladder rule row


@pytest.mark.parametrize("flush_each", [False, True])
def test_one_merger_absorbs_a_row_it_has_not_written_yet(store, flush_each):
    """The extractor merges a batch of reports with one merger: the undated row may still be
    waiting to be written when the telling that joins it to the dated act comes."""
    merger = Merger(store)
    for doc, events in _operation_reports("Operation Steel Ring", (AZE, ARM)):
        store.add_document(doc)
        merger.add(events, doc)
        if flush_each:
            merger.flush()
    merger.flush()
    found = event_records(store).to_dict(orient="records")
    assert len(found) == 1 and found[0]["n_sources"] == 3
    assert found[0]["location"] == "Jermuk"
