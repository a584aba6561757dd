"""Contradictions between the sides: which pairs cannot both hold, the time window, syndication."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontclaims.models import ClaimType, Period, Side
from frontclaims.reconcile import compare, conflict, contradictions, related_places, summarise_places, syndicated

RU, UA = Side.RU, Side.UA
C = ClaimType


@pytest.mark.parametrize("a, b, kind", [
    ((RU, C.CONTROL, RU), (UA, C.CONTROL, UA), "control vs control"),
    ((RU, C.ENCIRCLED, UA), (UA, C.ENCIRCLED, RU), "encircled vs encircled"),
    ((RU, C.CONTROL, RU), (UA, C.DENIAL, RU), "control vs denial"),
    ((RU, C.CONTROL, RU), (UA, C.REPELLED, UA), "control vs repelled"),
    ((UA, C.CONTROL, UA), (RU, C.WITHDRAWAL, UA), "control vs withdrawal"),
])
def test_claims_that_cannot_both_hold(make_claim, a, b, kind):
    first = make_claim("a", side=a[0], claim=a[1], subject_side=a[2])
    second = make_claim("b", side=b[0], claim=b[1], subject_side=b[2], sentence="Another sentence.")
    assert conflict(first, second) == kind
    assert conflict(second, first) == kind


@pytest.mark.parametrize("a, b", [
    ((RU, C.CONTROL, RU), (RU, C.CONTROL, RU)),  # same side
    ((RU, C.CONTROL, RU), (UA, C.CONTROL, RU)),  # both say Russia holds it
    ((RU, C.ADVANCE, RU), (UA, C.FIGHTING, Side.UNKNOWN)),
    ((Side.NEUTRAL, C.CONTROL, RU), (UA, C.CONTROL, UA)),  # a wire is not a side
])
def test_claims_that_can_both_hold(make_claim, a, b):
    first = make_claim("a", side=a[0], claim=a[1], subject_side=a[2])
    second = make_claim("b", side=b[0], claim=b[1], subject_side=b[2], sentence="Another sentence.")
    assert conflict(first, second) is None


def test_window(make_claim):
    ru = make_claim("a", side=RU, claim=C.CONTROL, subject_side=RU, published=dt.date(2025, 11, 1))
    ua = make_claim("b", side=UA, claim=C.CONTROL, subject_side=UA, published=dt.date(2025, 11, 20),
                    sentence="Another sentence.")
    assert contradictions([ru, ua], window_days=14) == []
    (found,) = contradictions([ru, ua], window_days=30)
    assert found.days_apart == 19
    assert (found.first.claim_id, found.second.claim_id) == ("a", "b")


def test_undated_claims_are_compared_with_everything(make_claim):
    ru = make_claim("a", side=RU, claim=C.ENCIRCLED, subject_side=UA, published=None)
    ua = make_claim("b", side=UA, claim=C.ENCIRCLED, subject_side=RU, published=dt.date(2025, 1, 1),
                    sentence="Another sentence.")
    (found,) = contradictions([ru, ua], window_days=1)
    assert found.days_apart is None
    assert found.first.claim_id == "b"  # dated first, undated last


def test_a_syndicated_story_counts_once(make_claim):
    wire = "Russian forces took full control of Bakhmut, the ministry said."
    copies = [make_claim(f"r{i}", article=f"outlet{i}.txt", side=RU, claim=C.CONTROL, subject_side=RU, sentence=wire)
              for i in range(3)]
    ua = make_claim("u", side=UA, claim=C.CONTROL, subject_side=UA, sentence="Bakhmut remains Ukrainian.")
    assert [n for _, n in syndicated(copies)] == [2]
    (found,) = contradictions(copies + [ua])
    assert found.repeats == 2


def test_related_places_are_near_or_part_of_the_place(make_place):
    kupiansk = make_place("703656", "Kupiansk", lat=49.71, lon=37.62, admin1="Kharkiv Oblast")
    vuzlovyi = make_place("703652", "Kupiansk-Vuzlovyi", lat=49.67, lon=37.64, admin1="Kharkiv Oblast")
    far = make_place("707292", "Izium", lat=49.21, lon=37.28, admin1="Kharkiv Oblast")
    assert [p.name for p in related_places(kupiansk, [kupiansk, vuzlovyi, far])] == ["Kupiansk-Vuzlovyi"]


def test_a_denial_contradicts_the_kind_of_claim_it_denies(make_claim):
    ru_control = make_claim("a", side=RU, claim=C.CONTROL, subject_side=RU)
    ru_advance = make_claim("b", side=RU, claim=C.ADVANCE, subject_side=RU, sentence="Other.")
    ua = make_claim("c", side=UA, claim=C.DENIAL, subject_side=RU, denies=C.CONTROL, sentence="Untrue.")
    assert conflict(ru_control, ua) == "control vs denial"
    assert conflict(ru_advance, ua) is None


def test_places_are_listed_by_claims_with_contradictions_counted(store, make_article, make_claim, make_place):
    article = make_article("Bakhmut and Izium.", id="art-1")
    izium = make_place("707292", "Izium", lat=49.21, lon=37.28, admin1="Kharkiv Oblast")
    store.add_article(article, [
        make_claim("a", side=RU, claim=C.CONTROL, subject_side=RU),
        make_claim("b", side=UA, claim=C.CONTROL, subject_side=UA, sentence="Bakhmut is still Ukrainian.", start=70),
        make_claim("c", side=UA, claim=C.ATTACK, subject_side=RU, sentence="Russians shelled Bakhmut.", start=99),
        make_claim("d", place=izium, side=RU, claim=C.ATTACK, subject_side=RU, sentence="Izium was shelled.", start=130),
    ])
    bakhmut, izium_line = summarise_places(store)
    assert (bakhmut.place.name, bakhmut.claims, bakhmut.contradictions) == ("Bakhmut", 3, 1)
    assert bakhmut.by_side == {"RU": 1, "UA": 2}
    assert (izium_line.place.name, izium_line.claims, izium_line.contradictions) == ("Izium", 1, 0)


def test_compare_lists_a_republished_story_once_with_its_appearances(store, make_article, make_claim, gazetteer):
    wire = "Russian forces took full control of Bakhmut, the ministry said."
    for i in range(3):
        article = make_article(f"Outlet {i}\n\n{wire}", source=f"outlet{i}.txt")
        store.add_article(article, [make_claim(f"r{i}", article=f"outlet{i}.txt", article_id=article.id,
                                               place=gazetteer.candidates("Bakhmut")[0].place,
                                               claim=C.CONTROL, subject_side=RU, sentence=wire)])
    result = compare(store, lambda: gazetteer, "Artemovsk")
    assert len(result.claims) == 3
    (first,) = [c for c in result.claims if c.claim_id not in result.republished]
    assert sorted(result.repeats[first.claim_id]) == sorted({"outlet0.txt", "outlet1.txt", "outlet2.txt"} - {first.article})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=st.lists(st.tuples(st.sampled_from([RU, UA, Side.NEUTRAL]), st.sampled_from(list(C)),
                                st.sampled_from([RU, UA, Side.UNKNOWN]), st.one_of(st.none(), st.integers(0, 60)),
                                st.booleans()), max_size=14),
       window=st.integers(0, 30))
def test_contradictions_are_every_conflicting_pair_within_the_window(make_claim, make_place, specs, window):
    izium = make_place("707292", "Izium")
    claims = [make_claim(f"c{i}", side=side, claim=kind, subject_side=subject, sentence=f"Sentence {i}.",
                         published=None if day is None else dt.date(2026, 1, 1) + dt.timedelta(days=day),
                         place=izium if elsewhere else None, start=i)
              for i, (side, kind, subject, day, elsewhere) in enumerate(specs)]
    expected = set()
    for i, a in enumerate(claims):
        for b in claims[i + 1:]:
            close = a.date is None or b.date is None or abs((a.date - b.date).days) <= window
            if a.place.id == b.place.id and close and conflict(a, b):
                expected.add(frozenset((a.claim_id, b.claim_id)))
    found = [frozenset((c.first.claim_id, c.second.claim_id)) for c in contradictions(claims, window)]
    assert sorted(found, key=sorted) == sorted(expected, key=sorted) and len(found) == len(set(found))


def test_a_name_among_places_with_claims_needs_no_gazetteer(store, make_article, make_claim, make_place):
    big = make_place("704422", "Pokrovsk", population=60_000, admin1="Donetsk Oblast")
    small = make_place("708060", "Pokrovsk", population=300, admin1="Dnipropetrovsk Oblast", lat=47.9, lon=36.2)
    for n, place in enumerate((small, big)):
        article = make_article(f"Claim {n}.", id=f"a{n}")
        store.add_article(article, [make_claim(f"c{n}", place=place, article_id=article.id)])

    def no_gazetteer():
        raise AssertionError("the gazetteer was loaded")

    assert compare(store, no_gazetteer, "POKROVSK").place.id == "704422"
    assert [c.claim_id for c in compare(store, no_gazetteer, "Pokrovsk").claims] == ["c1"]


# -- periods --------------------------------------------------------------------------------------
def test_compare_with_a_period_keeps_the_undated_claims_apart(dated_store):
    result = compare(dated_store, lambda: None, "Kupiansk", period=Period(since=dt.date(2025, 11, 21)))
    assert [c.claim_id for c in result.claims] == ["k3", "k4", "k6", "k5"]
    assert result.total == 4


def test_summarise_places_with_a_period_counts_only_dated_claims_in_it(dated_store):
    summaries = summarise_places(dated_store, period=Period(until=dt.date(2025, 11, 21)))
    assert {s.place.name: s.claims for s in summaries} == {"Kupiansk": 2, "Bakhmut": 1, "Examplevka": 1}
    assert dated_store.undated_counts() == {"703656": 1}
