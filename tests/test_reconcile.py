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


def test_undated_claims_are_paired_only_within_their_own_article(make_claim):
    """First day 10: an undated claim (its article has no date either) is never paired by the window
    with a claim of another article, however far apart in time they may be; within its own article
    the claims speak of one moment and still clash."""
    ru = make_claim("a", side=RU, claim=C.ENCIRCLED, subject_side=UA, published=None, article="x.txt",
                    article_id="x")
    elsewhere = make_claim("b", side=UA, claim=C.ENCIRCLED, subject_side=RU, published=dt.date(2025, 1, 1),
                           sentence="Another sentence.", article="y.txt", article_id="y")
    assert contradictions([ru, elsewhere], window_days=1) == []
    same = make_claim("c", side=UA, claim=C.ENCIRCLED, subject_side=RU, published=None, sentence="A third one.",
                      article="x.txt", article_id="x", start=40)
    (found,) = contradictions([ru, elsewhere, same], window_days=1)
    assert {found.first.claim_id, found.second.claim_id} == {"a", "c"} and found.days_apart is None


def test_a_claim_dated_by_its_article_is_paired_by_the_window(make_claim):
    ru = make_claim("a", side=RU, claim=C.CONTROL, subject_side=RU, published=dt.date(2025, 3, 1))
    ua = make_claim("b", side=UA, claim=C.CONTROL, subject_side=UA, published=dt.date(2027, 3, 1),
                    sentence="Years later.", article="later.txt", article_id="later")
    assert contradictions([ru, ua], window_days=14) == []


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


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=st.lists(st.tuples(st.sampled_from([RU, UA, Side.NEUTRAL]), st.sampled_from(list(C)),
                                st.sampled_from([RU, UA, Side.UNKNOWN]), st.one_of(st.none(), st.integers(0, 60)),
                                st.booleans(), st.integers(0, 2)), max_size=14),
       window=st.integers(0, 30))
def test_disputes_are_the_connected_clashes_within_the_window(make_claim, make_place, specs, window):
    """Against brute force: every clashing pair within the window (undated: within one article) is
    counted in exactly one dispute, and two claims share a dispute exactly when a chain of clashing
    pairs of its kind links them."""
    izium = make_place("707292", "Izium")
    claims = [make_claim(f"c{i}", side=side, claim=kind, subject_side=subject, sentence=f"Sentence {i}.",
                         published=None if day is None else dt.date(2026, 1, 1) + dt.timedelta(days=day),
                         place=izium if elsewhere else None, start=i, article=f"a{article}.txt",
                         article_id=f"a{article}")
              for i, (side, kind, subject, day, elsewhere, article) in enumerate(specs)]
    pairs = {}
    for i, a in enumerate(claims):
        for b in claims[i + 1:]:
            if a.date and b.date:
                close = abs((a.date - b.date).days) <= window
            else:
                close = a.date is None and b.date is None and a.article_id == b.article_id
            if a.place.id == b.place.id and close and conflict(a, b):
                pairs[frozenset((a.claim_id, b.claim_id))] = conflict(a, b)
    groups = {}
    for pair, kind in pairs.items():  # brute-force components per kind
        merged = set(pair)
        for key in [k for k in groups if k[0] == kind and k[1] & merged]:
            merged |= groups.pop(key)[1]
        groups[(kind, frozenset(merged))] = (kind, merged)
    expected = sorted((kind, sorted(members)) for kind, members in groups.values())
    found = contradictions(claims, window)
    assert sorted((c.kind, sorted(m.claim_id for m in c.claims)) for c in found) == expected
    assert sum(c.pairs for c in found) == len(pairs)
    for c in found:
        assert frozenset((c.first.claim_id, c.second.claim_id)) in pairs


def test_many_claims_about_one_place_are_counted_without_pairing_them(store, make_article, make_claim):
    """Hostile 7: 5,000 claims about one place (2,500 per side, all within a fortnight) hold 6.25
    million clashing pairs; `places` and `compare --limit 0` count them as one dispute in seconds
    instead of building every pair (35 s and 2.2 GB before)."""
    import time

    article = make_article("Many claims.", id="art-many")
    claims = [make_claim(f"c{i}", side=RU if i % 2 else UA, claim=C.CONTROL, subject_side=RU if i % 2 else UA,
                         sentence=f"Claim number {i} about Bakhmut.", start=i, article_id="art-many",
                         published=dt.date(2026, 1, 1) + dt.timedelta(days=i % 14))
              for i in range(5000)]
    store.add_article(article, claims)
    started = time.perf_counter()
    (summary,) = summarise_places(store)
    assert summary.contradictions == 1 and summary.claims == 5000
    (dispute,) = contradictions(store.claims(), 14)
    assert dispute.pairs == 2500 * 2500 and len(dispute.claims) == 5000
    assert time.perf_counter() - started < 10


def test_one_dispute_gathers_the_claims_that_support_it(make_claim):
    """First day 9: two Russian and three Ukrainian sentences of one article about the same control of
    a place are one contradiction with five supporting claims, not six pairs."""
    day = dt.date(2026, 1, 10)
    ru = [make_claim(f"r{i}", side=RU, claim=C.CONTROL, subject_side=RU, sentence=f"Russia holds it ({i}).",
                     published=day, start=i) for i in range(2)]
    ua = [make_claim(f"u{i}", side=UA, claim=C.CONTROL, subject_side=UA, sentence=f"Ukraine holds it ({i}).",
                     published=day, start=10 + i) for i in range(3)]
    (dispute,) = contradictions(ru + ua)
    assert dispute.kind == "control vs control" and dispute.pairs == 6
    assert sorted(c.claim_id for c in dispute.claims) == ["r0", "r1", "u0", "u1", "u2"]


def test_a_sentence_an_article_repeats_is_not_republished_in_itself(make_claim):
    wire = "Russian forces took full control of Bakhmut, the ministry said."
    twice = [make_claim(f"r{i}", article="one.txt", side=RU, claim=C.CONTROL, subject_side=RU, sentence=wire,
                        start=100 * i) for i in range(2)]
    assert syndicated(twice) == [(twice[0], 0)]


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
