"""Shared fixtures for the frontclaims tests.

Every test runs with FRONTCLAIMS_DB pointing into its own tmp_path and XDG_CACHE_HOME pointing at
one temporary folder for the whole session, so no test touches the user's database or cache and the
gazetteer pickle is built once per session.

Sections: environment isolation, gazetteers, model factories, hand-written parses, stores, the
trained pipeline. Add new fixtures (e.g. CLI ones) in a section of their own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import settings

from frontclaims.gazetteer import Gazetteer
from frontclaims.loader import article_id
from frontclaims.models import Article, Claim, ClaimType, Figure, Paragraph, Place, Side

DATA_DIR = Path(__file__).parent / "data"
MINI_GAZETTEER = DATA_DIR / "mini_gazetteer.csv"


# -- hypothesis ------------------------------------------------------------------------------------
# The suite gates every merge, so its property tests draw the same examples on every run.
# HYPOTHESIS_PROFILE=explore draws new random examples each time, to go looking for failures.
settings.register_profile("default", derandomize=True)
settings.register_profile("explore", derandomize=False, max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


# -- environment isolation -------------------------------------------------------------------------
@pytest.fixture(scope="session")
def cache_home(tmp_path_factory) -> Path:
    """The one XDG_CACHE_HOME of the whole test session."""
    return tmp_path_factory.mktemp("xdg-cache")


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path, cache_home):
    """Keep every test away from the user's database and cache."""
    monkeypatch.setenv("FRONTCLAIMS_DB", str(tmp_path / "frontclaims.db"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))


@pytest.fixture(autouse=True)
def _files_settle_fast(monkeypatch):
    """Tests read files they wrote a moment ago: the loader's pause for a file that may still be
    being written is shortened (test_hostile's rewriting test restores it)."""
    from frontclaims import loader

    monkeypatch.setattr(loader, "SETTLE", 0.005)


# -- gazetteers ------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def gazetteer(cache_home) -> Gazetteer:
    """The packaged gazetteer, loaded once (through the session cache).

    Session fixtures are set up before the function-scoped autouse one, so the cache location is
    set here as well.
    """
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(cache_home))
        return Gazetteer.load()


@pytest.fixture(scope="session")
def mini_gazetteer() -> Gazetteer:
    """The twelve-row gazetteer of tests/data/mini_gazetteer.csv (not cached)."""
    return Gazetteer.load(MINI_GAZETTEER, use_cache=False)


# -- model factories -------------------------------------------------------------------------------
@pytest.fixture
def make_place():
    def make(id: str = "t-bakhmut", name: str = "Bakhmut", **fields) -> Place:
        fields.setdefault("admin1", "Donetsk Oblast")
        fields.setdefault("country", "UA")
        fields.setdefault("lat", 48.59419)
        fields.setdefault("lon", 37.99886)
        return Place(id=id, name=name, **fields)

    return make


@pytest.fixture
def make_article():
    def make(text: str = "Fighting continued near Bakhmut.", source: str = "report.txt", *,
             id: str | None = None, published: dt.date | None = dt.date(2026, 1, 27)) -> Article:
        return Article(id=id or article_id(text), source=source, text=text,
                       title=text.split("\n")[0], published=published,
                       paragraphs=(Paragraph(start=0, end=len(text)),))

    return make


@pytest.fixture
def make_claim(make_place):
    def make(claim_id: str = "c1", *, place: Place | None = None, article: str = "report.txt",
             article_id: str = "art-1", published: dt.date | None = dt.date(2026, 1, 27),
             side: Side = Side.RU, claim: ClaimType = ClaimType.CONTROL,
             sentence: str = "Russian forces took full control of Bakhmut, the ministry said.",
             start: int = 0, figure: Figure | None = None, **fields) -> Claim:
        return Claim(
            claim_id=claim_id, article=article, article_id=article_id, published=published,
            place=place or make_place(), place_text=fields.pop("place_text", (place or make_place()).name),
            claimant=fields.pop("claimant", "Russian Defence Ministry"), side=side, claim=claim,
            figure=figure, sentence=sentence, start=start, end=start + len(sentence), **fields,
        )

    return make


# -- hand-written parses (unit tests of extraction's parts) ------------------------------------------
@pytest.fixture(scope="session")
def parse():
    """A Doc from a parse written by hand, one token a line: "word POS dep head [lemma]", where head is
    the index of the head token (a ROOT is its own head) and the lemma defaults to the lower-cased word.
    No model runs, so a part of extraction is tested on exactly the tree it is given."""
    import spacy
    from spacy.tokens import Doc

    vocab = spacy.blank("en").vocab

    def make(text: str) -> Doc:
        rows = [line.split() for line in text.strip().splitlines()]
        return Doc(vocab, words=[r[0] for r in rows], pos=[r[1] for r in rows], deps=[r[2] for r in rows],
                   heads=[int(r[3]) for r in rows], lemmas=[r[4] if len(r) > 4 else r[0].lower() for r in rows])

    return make


# -- stores ----------------------------------------------------------------------------------------
@pytest.fixture
def store(tmp_path):
    """A new claims database at tmp_path/claims.db, closed after the test."""
    from frontclaims.store import Store

    with Store(tmp_path / "claims.db") as opened:
        yield opened


@pytest.fixture
def dated_places(make_place):
    """Kupiansk, Bakhmut, and a place the gazetteer lacks (no coordinates)."""
    return {
        "kupiansk": make_place("703656", "Kupiansk", admin1="Kharkiv Oblast", lat=49.71, lon=37.6158),
        "bakhmut": make_place("713174", "Bakhmut"),
        "nowhere": make_place("unresolved:x", "Examplevka", lat=None, lon=None, resolved=False),
    }


@pytest.fixture
def dated_store(store, make_article, make_claim, dated_places):
    """A store whose claims have dates. Kupiansk: RU claims control on 2025-11-20 (twice, one outlet), UA
    denies it on 2025-11-22 and claims control on 2025-12-01 and 2025-12-03 (one week), a neutral
    claim is undated. Bakhmut: an RU advance dated by its own text (2025-03-01) in an article of
    2025-03-05. Examplevka: one claim, no coordinates."""
    k, b = dated_places["kupiansk"], dated_places["bakhmut"]
    rows = [
        ("a1", dt.date(2025, 11, 20), [
            make_claim("k1", place=k, published=dt.date(2025, 11, 20), side=Side.RU, claim=ClaimType.CONTROL,
                       subject_side=Side.RU, outlet="TASS", claimant="Russian Defence Ministry"),
            make_claim("k2", place=k, published=dt.date(2025, 11, 20), side=Side.RU, claim=ClaimType.CONTROL, start=80,
                       subject_side=Side.RU, outlet="TASS", claimant="Russian Defence Ministry",
                       sentence="The ministry repeated that its forces held Kupiansk.")]),
        ("a2", dt.date(2025, 11, 22), [
            make_claim("k3", place=k, published=dt.date(2025, 11, 22), side=Side.UA, claim=ClaimType.DENIAL,
                       subject_side=Side.RU, denies=ClaimType.CONTROL, claimant="General Staff",
                       sentence="The General Staff dismissed the claim that Russia held Kupiansk.")]),
        ("a3", dt.date(2025, 12, 1), [
            make_claim("k4", place=k, published=dt.date(2025, 12, 1), side=Side.UA, claim=ClaimType.CONTROL,
                       subject_side=Side.UA, claimant="General Staff",
                       sentence="Kupiansk is under the control of Ukraine's defence forces.")]),
        ("a7", dt.date(2025, 12, 3), [
            make_claim("k6", place=k, published=dt.date(2025, 12, 3), side=Side.UA, claim=ClaimType.CONTROL,
                       subject_side=Side.UA, claimant="General Staff",
                       sentence="Ukraine's forces hold Kupiansk, the General Staff said again.")]),
        ("a4", None, [
            make_claim("k5", place=k, published=None, side=Side.NEUTRAL, claim=ClaimType.FIGHTING,
                       claimant="reporter", sentence="Fighting went on in Kupiansk.")]),
        ("a5", dt.date(2025, 3, 5), [
            make_claim("b1", place=b, published=dt.date(2025, 3, 5), claim_date=dt.date(2025, 3, 1), side=Side.RU,
                       claim=ClaimType.ADVANCE, subject_side=Side.RU, sentence="Russian troops advanced near Bakhmut.")]),
        ("a6", dt.date(2025, 4, 1), [
            make_claim("n1", place=dated_places["nowhere"], published=dt.date(2025, 4, 1), side=Side.UA,
                       claim=ClaimType.FIGHTING, sentence="Fighting near Examplevka.")]),
    ]
    for name, published, claims in rows:
        store.add_article(make_article(name, id=name, published=published),
                          [dataclasses.replace(c, article_id=name, article=f"{name}.txt") for c in claims])
    return store


# -- the trained pipeline (end-to-end tests only) ----------------------------------------------------
@pytest.fixture(scope="session")
def sides():
    from frontclaims.sides import Sides

    return Sides.load()


@pytest.fixture(scope="session")
def trained_nlp(gazetteer, sides):
    """The trained English pipeline with frontclaims' components, loaded once per session."""
    from frontclaims.nlp import trained_pipeline

    return trained_pipeline(gazetteer, sides)


@pytest.fixture(scope="session")
def analyse_article(trained_nlp, gazetteer, sides):
    """Text in, (Article, claims) out: each line of the text is a paragraph."""
    from frontclaims.extraction import ArticleContext, extract_claims
    from frontclaims.loader import parse_article
    from frontclaims.segment import split_article

    def analyse(text: str, source: str = "test.txt"):
        article = parse_article(text, source)
        sentences = split_article(article)
        docs = list(trained_nlp.pipe(article.text[s.start:s.end] for s in sentences))
        return article, extract_claims(ArticleContext.of(article, gazetteer, sides), sentences, docs)

    return analyse


@pytest.fixture(scope="session")
def analyse(analyse_article):
    """Text in, claims out."""
    return lambda text: analyse_article(text)[1]


# -- the command line ----------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def local_engine(gazetteer, sides):
    """One in-process extraction engine for the session (the trained pipeline loaded once)."""
    from frontclaims.ingest import LocalEngine

    return LocalEngine(gazetteer, sides)


@pytest.fixture
def quick_ingest(monkeypatch, local_engine):
    """`frontclaims ingest` through CliRunner extracts with the session's engine: no worker
    processes, no model load per command. Everything else the command does is unchanged."""
    monkeypatch.setattr("frontclaims.cli._engine", lambda *args, **kwargs: local_engine)
    return local_engine
