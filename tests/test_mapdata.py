"""mapdata.py: what a map shows of a store, read in one pass."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from frontclaims.mapdata import Code, Selection, conflicts, map_data, selected_claims, stance, status
from frontclaims.models import ClaimType, Period, Side
from frontclaims.reconcile import conflict, summarise_places

D = dt.date  # the fixture dated_store (conftest) says what each place holds


def test_map_data_counts_each_place_most_claimed_first(dated_store):
    data = map_data(dated_store)
    assert [p.place.name for p in data.places] == ["Kupiansk", "Bakhmut", "Examplevka"]
    kupiansk = data.places[0]
    assert (kupiansk.claims, kupiansk.undated, kupiansk.by_side) == (6, 1, {"RU": 2, "UA": 3, "neutral": 1})
    assert (kupiansk.first, kupiansk.last) == (D(2025, 11, 20), D(2025, 12, 3))
    assert (data.claims, data.undated, data.first, data.last) == (8, 1, D(2025, 3, 1), D(2025, 12, 3))
    assert data.grouping == "day"


def test_same_day_claimant_and_outlet_make_one_mark_with_a_count(dated_store):
    marks = map_data(dated_store).places[0].marks
    first = marks[0]
    assert (first.day, first.claimant, first.outlet, first.count) == (D(2025, 11, 20), "Russian Defence Ministry",
                                                                        "TASS", 2)
    assert first.code == Code(Side.RU, ClaimType.CONTROL, Side.RU, None)
    assert marks[-1].day is None and marks[-1].code.side == Side.NEUTRAL  # undated last


def test_latest_claims_of_each_side_give_the_status(dated_store):
    kupiansk = map_data(dated_store).places[0]
    assert kupiansk.latest[Side.UA][0] == D(2025, 12, 3)
    assert kupiansk.status == "both"  # RU's latest says RU holds it, UA's latest says UA does
    as_of = map_data(dated_store, Selection(period=Period(until=D(2025, 11, 21)))).places[0]
    assert as_of.status == "RU"
    assert map_data(dated_store, Selection(side=Side.UA)).places[0].status == "UA"


def test_evidence_is_the_latest_claims_within_the_budget(dated_store):
    full = map_data(dated_store)
    assert sum(len(p.evidence) for p in full.places) == 8
    one = map_data(dated_store, evidence=1)
    assert [len(p.evidence) for p in one.places] == [1, 0, 0]  # the most claimed place first
    assert one.places[0].evidence[0].claim_id == "k2"  # its latest RU claim (of two the same day)
    four = map_data(dated_store, evidence=4)  # five (place, side) groups: one each for the four first
    assert [c.claim_id for c in four.places[0].evidence] == ["k2", "k6", "k5"]
    assert [len(p.evidence) for p in four.places] == [3, 1, 0]


def test_days_are_grouped_into_weeks_then_months_when_marks_are_too_many(dated_store):
    weekly = map_data(dated_store, max_marks=6)
    assert weekly.grouping == "week"
    assert [m.day for m in weekly.places[0].marks if m.day] == [D(2025, 11, 17), D(2025, 11, 17), D(2025, 12, 1)]
    monthly = map_data(dated_store, max_marks=1)
    assert monthly.grouping == "month"
    assert {m.day for m in monthly.places[0].marks if m.day} == {D(2025, 11, 1), D(2025, 12, 1)}
    assert sum(m.count for m in monthly.places[0].marks) == 6


def test_selection_by_place_and_side(dated_store):
    data = map_data(dated_store, Selection(place_ids=("713174",)))
    assert [p.place.name for p in data.places] == ["Bakhmut"]
    data = map_data(dated_store, Selection(side=Side.RU, period=Period(since=D(2025, 6, 1))))
    assert [(p.place.name, p.claims) for p in data.places] == [("Kupiansk", 2)]
    assert [c.claim_id for c in selected_claims(dated_store, Selection(side=Side.NEUTRAL))] == ["k5"]
    assert list(selected_claims(dated_store, Selection(side=Side.NEUTRAL, period=Period(since=D(2025, 1, 1))),
                                undated=False)) == []


def test_contradictions_are_counted_as_places_counts_them(dated_store):
    data = map_data(dated_store, count_contradictions=True)
    expected = {s.place.id: s.contradictions for s in summarise_places(dated_store)}
    assert {p.place.id: p.contradictions for p in data.places} == expected
    # k1 and k2 against the denial k3 and the UA claims k4 and k6: six clashing pairs, two disputes
    assert data.places[0].contradictions == 2
    assert map_data(dated_store).places[0].contradictions is None
    period = Period(until=D(2025, 11, 25))
    in_november = map_data(dated_store, Selection(period=period), count_contradictions=True)
    assert in_november.places[0].contradictions == summarise_places(dated_store, period=period)[0].contradictions == 1


def test_an_empty_store_makes_an_empty_map(store):
    data = map_data(store)
    assert (data.places, data.claims, data.first, data.last) == ((), 0, None, None)


@pytest.mark.parametrize("claim, subject, denies, expected", [
    (ClaimType.CONTROL, Side.RU, None, "RU"),
    (ClaimType.CONTROL, Side.UNKNOWN, None, ""),
    (ClaimType.REPELLED, Side.UA, None, "UA"),
    (ClaimType.WITHDRAWAL, Side.UA, None, "RU"),
    (ClaimType.DENIAL, Side.RU, ClaimType.CONTROL, "UA"),
    (ClaimType.DENIAL, Side.RU, ClaimType.ADVANCE, ""),
    (ClaimType.ENCIRCLED, Side.RU, None, "fighting"),
    (ClaimType.ATTACK, Side.UA, None, "fighting"),
    (ClaimType.OTHER, Side.RU, None, ""),
])
def test_stance_says_whose_control_a_claim_asserts(claim, subject, denies, expected):
    assert stance(Code(Side.NEUTRAL, claim, subject, denies)) == expected


def test_status_of_stances_taken_together():
    assert status(["RU", "fighting"]) == "RU"
    assert status(["RU", "UA"]) == "both"
    assert status(["fighting", ""]) == "fighting"
    assert status([""]) == status([]) == "mentioned"


def test_the_conflict_table_agrees_with_reconcile():
    codes = [Code(side, claim, subject, denies) for side, claim, subject, denies in itertools.product(
        (Side.RU, Side.UA, Side.NEUTRAL), list(ClaimType), (Side.RU, Side.UA, Side.UNKNOWN), (None, ClaimType.CONTROL))
        if denies is None or claim == ClaimType.DENIAL]
    table = conflicts(codes)
    from frontclaims.mapdata import _stand_in

    for i, j in itertools.combinations(range(len(codes)), 2):
        assert table.get((i, j)) == conflict(_stand_in(codes[i]), _stand_in(codes[j]))
    assert table  # control vs control at least
