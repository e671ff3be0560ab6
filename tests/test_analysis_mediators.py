"""Mediators and levers from the events."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from offramp.analysis.mediators import ROLES, levers, mediators
from offramp.records import Document, Event

D = dt.date


@pytest.mark.parametrize(
    ("role", "actors"),
    [
        ("mediator", {"USA", "GBR", "SAU"}),
        ("backchannel", {"PAK", "IND"}),
        ("economic", {"IMF"}),
        ("treaty", {"IND"}),
        ("doctrine", {"IND"}),
        ("nuclear_signal", {"PAK"}),
    ],
)
def test_each_role_is_found_with_its_actors(crisis, role, actors):
    frame = levers(crisis)
    assert set(frame.loc[frame["role"] == role, "actor"]) == actors


def test_rows_carry_dated_evidence(crisis):
    frame = levers(crisis).set_index(["actor", "role"])
    usa = frame.loc[("USA", "mediator")]
    assert (str(usa["first_date"]), str(usa["last_date"])) == ("2025-04-30", "2025-05-10")
    assert len(usa["events"]) == len(usa["evidence"]) == 2
    assert all(e["url"].startswith("https://") and e["text"] for e in usa["evidence"])
    imf = frame.loc[("IMF", "economic")]
    assert "loan" in imf["evidence"][0]["text"]


def test_a_third_party_talking_to_one_side_only_is_not_a_mediator(crisis):
    doc = Document(text="one side only", title="o")
    with crisis.write():
        crisis.add_document(doc)
        crisis.add_events(
            [Event(type="CONSULT", source=["CHN"], target=["PAK"], date=D(2025, 5, 8), quad=1, doc_id=doc.id)]
        )
    assert "CHN" not in set(mediators(crisis)["actor"])
    # once it also calls the other side, it is
    with crisis.write():
        crisis.add_events(
            [
                Event(
                    type="CONSULT",
                    source=["IND"],
                    target=["CHN"],
                    date=D(2025, 5, 9),
                    quad=1,
                    doc_id=doc.id,
                    span_start=5,
                )
            ]
        )
    assert "CHN" in set(mediators(crisis)["actor"])


def test_hostile_contact_does_not_make_a_mediator(crisis):
    doc = Document(text="hostile", title="h")
    with crisis.write():
        crisis.add_document(doc)
        crisis.add_events(
            [
                Event(
                    type="ACCUSE", source=["CHN"], target=["IND"], date=D(2025, 5, 8), quad=3, doc_id=doc.id
                ),
                Event(
                    type="CONSULT", source=["CHN"], target=["PAK"], date=D(2025, 5, 8), quad=1, doc_id=doc.id
                ),
            ]
        )
    assert "CHN" not in set(mediators(crisis)["actor"])


def test_roles_filter_and_order(crisis):
    frame = levers(crisis, roles=["economic", "treaty"])
    assert set(frame["role"]) == {"economic", "treaty"}
    full = levers(crisis)
    assert list(full["role"]) == sorted(full["role"], key=ROLES.index)


def test_no_sides_no_levers(store):
    assert levers(store).empty


@pytest.mark.parametrize(
    ("evidence", "certainty", "date", "backchannel"),
    [
        (
            "The two foreign ministers met in public.",
            "asserted",
            D(2025, 4, 28),
            False,
        ),  # calm day, on the record
        ("The spy chiefs kept a quiet channel open.", "asserted", D(2025, 4, 28), True),
        ("Officials met.", "reported", D(2025, 4, 28), True),
        ("Officials met.", "asserted", D(2025, 5, 8), True),  # under fire
        ("The National Command Authority was convened, reportedly.", "reported", D(2025, 4, 28), False),
    ],
)
def test_back_channel(crisis, evidence, certainty, date, backchannel):
    doc = Document(text=evidence, title="bc")
    ev = Event(type="CONSULT", source=["IND"], target=["PAK"], date=date, quad=1, doc_id=doc.id, evidence=evidence,
               certainty=certainty)  # fmt: skip
    with crisis.write():
        crisis.add_document(doc)
        crisis.add_events([ev])
    found = levers(crisis, roles=["backchannel"])
    ids = {i for row in found["events"] for i in row}
    assert (ev.id in ids) is backchannel


def _add(store, *events):
    doc = Document(text="extra", title="extra")
    with store.write():
        store.add_document(doc)
        store.add_events(
            [
                dataclasses.replace(e, id=f"ev_extra_{i}", doc_id=doc.id, span_start=i)
                for i, e in enumerate(events)
            ]
        )


def test_a_lender_asked_by_one_side_and_lending_to_the_other_is_no_mediator(crisis):
    _add(
        crisis,
        Event(type="REQUEST", source=["IND"], target=["ADB"], date=D(2025, 5, 3), quad=1,
              evidence="India asked the Asian Development Bank to halt its lending."),
        Event(type="AID", source=["ADB"], target=["PAK"], date=D(2025, 5, 9), quad=2, amount_usd=8e8,
              evidence="The Asian Development Bank approved $800 million for Pakistan."),
    )  # fmt: skip
    frame = levers(crisis)
    assert "ADB" not in set(frame.loc[frame["role"] == "mediator", "actor"])
    assert "ADB" in set(frame.loc[frame["role"] == "economic", "actor"])


def test_an_agreement_told_beside_a_trade_threat_is_no_lever_of_those_who_agreed(crisis):
    _add(
        crisis,
        Event(type="AGREE", source=["IND", "PAK"], target=["IND", "PAK"], date=D(2025, 5, 10), quad=1,
              attrs={"both_ways": True, "trigger": "agreed"},
              evidence="Both agreed to stop after a warning that trade with them would end."),
    )  # fmt: skip
    frame = levers(crisis, roles=["economic"])
    agreed = [
        r
        for r in frame.itertuples()
        if r.actor in ("IND", "PAK")
        for e in r.evidence
        if "warning" in e["text"]
    ]
    assert agreed == []


def test_a_money_event_without_a_source_names_the_lender_in_its_evidence(crisis):
    _add(
        crisis,
        Event(type="AID", source=[], target=["PAK"], date=D(2025, 5, 9), quad=2, amount_usd=1.4e9,
              evidence="The World Bank board cleared $1.4 billion for Pakistan."),
    )  # fmt: skip
    frame = levers(crisis, roles=["economic"])
    assert "WB" in set(frame["actor"])


def test_lenders_lead_the_economic_levers(crisis):
    _add(
        crisis,
        *[
            Event(type="SANCTION", source=["IND"], target=["PAK"], date=D(2025, 4, 24 + i), quad=4,
                  evidence=f"India suspended trade with Pakistan, step {i}.")
            for i in range(4)
        ],
    )  # fmt: skip
    frame = levers(crisis, roles=["economic"])
    assert frame["actor"].iloc[0] == "IMF"


def test_levers_of_one_actor(crisis):
    full = levers(crisis)
    assert full["actor"].nunique() > 1
    for code in full["actor"].unique():
        one = levers(crisis, actor=code.lower())
        assert set(one["actor"]) == {code}
        assert one["role"].tolist() == full.loc[full["actor"] == code, "role"].tolist()
    assert levers(crisis, actor="NOBODY").empty
