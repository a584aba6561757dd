"""Track records on a store whose answers are worked out by hand (see each test's comments)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from frontclaims.cli import main
from frontclaims.errors import ExitCode, LexiconError
from frontclaims.lexicon import CLAIMS, load_claims
from frontclaims.lexicon import _packaged as packaged
from frontclaims.models import ClaimType, Side
from frontclaims.store import Store
from frontclaims.trackrecord import track_records

C, RU, UA, NEUTRAL = ClaimType, Side.RU, Side.UA, Side.NEUTRAL
D = dt.date


@pytest.fixture
def ledger(tmp_path, make_article, make_claim, make_place):
    """Kupiansk (K) and Pokrovsk (P), seven claims, one article each:

    r1 TASS, RU ministry: RU forces control K, 1 Nov    u1 Ukrinform, General Staff (UA): denies it, 5 Nov
    u2 Ukrinform, General Staff: UA forces withdrew from K, 21 Nov (concedes r1 after 20 days)
    n1 Reuters, ISW (neutral): RU forces control K, 10 Nov (corroborates r1: 9 days, within 14)
    r3 TASS, RU ministry: RU forces advance at P, 1 Oct  u3 Ukrinform, Ukrainian officials: RU forces
    control P, 31 Oct (concedes r3 after 30 days)       r2 TASS, RU ministry: RU forces control P, 1 Nov
    (after u3: r2 concedes u3, one day later; nothing concedes r2, which came after u3)
    """
    k = make_place("t-k", "Kupiansk")
    p = make_place("t-p", "Pokrovsk")
    rows = [
        ("r1", "TASS", "Russian Defence Ministry", RU, C.CONTROL, RU, k, D(2025, 11, 1), {}),
        ("u1", "Ukrinform", "General Staff", UA, C.DENIAL, RU, k, D(2025, 11, 5), {"denies": C.CONTROL}),
        ("u2", "Ukrinform", "General Staff", UA, C.WITHDRAWAL, UA, k, D(2025, 11, 21), {}),
        ("n1", "Reuters", "ISW", NEUTRAL, C.CONTROL, RU, k, D(2025, 11, 10), {}),
        ("r3", "TASS", "Russian Defence Ministry", RU, C.ADVANCE, RU, p, D(2025, 10, 1), {}),
        ("u3", "Ukrinform", "Ukrainian officials", UA, C.CONTROL, RU, p, D(2025, 10, 31), {}),
        ("r2", "TASS", "Russian Defence Ministry", RU, C.CONTROL, RU, p, D(2025, 11, 1), {}),
    ]
    db = tmp_path / "ledger.db"
    with Store(db) as store:
        for claim_id, outlet, claimant, side, kind, subject, place, day, extra in rows:
            article = make_article(f"Article {claim_id} about {place.name}.", f"{claim_id}.txt", published=day)
            store.add_article(article, [make_claim(
                claim_id, place=place, article=article.source, article_id=article.id, published=day, side=side,
                claim=kind, subject_side=subject, claimant=claimant, outlet=outlet,
                sentence=f"Sentence {claim_id} about {place.name}.", **extra)])
    return db


def _by_name(records):
    return {r.name: r for r in records}


def test_each_figure_is_the_one_worked_out_by_hand(ledger):
    with Store(ledger, create=False) as store:
        records = track_records(store, window_days=14, min_claims=1)
    outlets = _by_name(records.outlets)
    tass = outlets["TASS"]
    assert (tass.claims, tass.sided, tass.contradicted, tass.conceded, tass.corroborated) == (3, 3, 1, 2, 1)
    assert tass.days_to_concession == (20, 30) and tass.median_days_to_concession == 25
    ukrinform = outlets["Ukrinform"]
    assert (ukrinform.claims, ukrinform.contradicted, ukrinform.conceded, ukrinform.corroborated) == (3, 1, 1, 0)
    assert ukrinform.median_days_to_concession == 1
    reuters = outlets["Reuters"]
    assert (reuters.claims, reuters.sided) == (1, 0) and reuters.share(reuters.contradicted) is None
    claimants = _by_name(records.claimants)
    staff = claimants["General Staff"]
    assert (staff.side, staff.claims, staff.contradicted, staff.conceded) == ("UA", 2, 1, 0)
    assert claimants["Ukrainian officials"].conceded == 1
    assert claimants["ISW"].side == "neutral"
    assert tass.as_dict()["contradicted_share"] == pytest.approx(0.333)


def test_the_window_bounds_contradiction_and_corroboration_but_not_concession(ledger):
    with Store(ledger, create=False) as store:
        tass = _by_name(track_records(store, window_days=3, min_claims=1).outlets)["TASS"]
    # r1 and u1 are 4 days apart, r1 and n1 9 days: neither counts; concessions have no window.
    assert (tass.contradicted, tass.corroborated, tass.conceded) == (0, 0, 2)


def test_sources_below_the_minimum_are_left_out(ledger):
    with Store(ledger, create=False) as store:
        records = track_records(store, window_days=14, min_claims=3)
    assert [r.name for r in records.outlets] == ["TASS", "Ukrinform"]
    assert [r.name for r in records.claimants] == ["Russian Defence Ministry"]


def test_a_story_told_twice_by_one_source_counts_once(ledger, make_article, make_claim, make_place):
    with Store(ledger) as store:
        article = make_article("The same wire story again.", "again.txt", published=D(2025, 11, 2))
        store.add_article(article, [make_claim(
            "r1-again", place=make_place("t-k", "Kupiansk"), article=article.source, article_id=article.id,
            published=D(2025, 11, 2), side=RU, claim=C.CONTROL, subject_side=RU, claimant="Russian Defence Ministry",
            outlet="TASS", sentence="Sentence r1 about Kupiansk.")])
        tass = _by_name(track_records(store, window_days=14, min_claims=1).outlets)["TASS"]
    assert (tass.claims, tass.conceded) == (3, 2)
    assert tass.days_to_concession == (19, 30)  # the story's earliest concession: from its copy of 2 Nov


def test_sources_json(ledger):
    result = CliRunner().invoke(main, ["--db", str(ledger), "sources", "--min-claims", "2", "--json"])
    assert result.exit_code == ExitCode.SUCCESS, result.output
    data = json.loads(result.output)
    assert (data["window"], data["min_claims"]) == (14, 2)
    tass = next(r for r in data["outlets"] if r["name"] == "TASS")
    assert tass == {"name": "TASS", "kind": "outlet", "side": None, "claims": 3, "sided_claims": 3,
                    "contradicted": 1, "contradicted_share": 0.333, "conceded": 2, "conceded_share": 0.667,
                    "corroborated": 1, "corroborated_share": 0.333, "median_days_to_concession": 25}
    text = CliRunner().invoke(main, ["--db", str(ledger), "sources", "--min-claims", "3"]).output
    assert "TASS" in text and "2 (67%)" in text and "Reuters" not in text


def test_what_concedes_what_is_declared_in_the_claim_table():
    assert CLAIMS[C.WITHDRAWAL].concedes[C.CONTROL] == "other side"
    assert CLAIMS[C.CONTROL].concedes[C.CONTROL] == "same side"
    assert not CLAIMS[C.DENIAL].concedes
    text = packaged("claims.toml").replace('concedes = { attack = "same side" }', 'concedes = { attack = "ours" }')
    with pytest.raises(LexiconError, match=r"concedes.attack = 'ours': expected one of other side, same side"):
        load_claims(text)
