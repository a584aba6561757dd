"""extraction.record: a finding becomes a Claim with its figure, date, units, id and explanation."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Span

from frontclaims.extraction.context import ArticleContext, Speaker
from frontclaims.extraction.record import Finding, record
from frontclaims.mentions import Mention
from frontclaims.models import ClaimType, Side
from frontclaims.segment import Sentence

TREE = """
Russian ADJ amod 1
troops NOUN nsubj 2 troop
captured VERB ROOT 2 capture
Kupiansk PROPN dobj 2
on ADP prep 2
Thursday PROPN pobj 4
, PUNCT punct 2
12 NUM nummod 8
km NOUN npadvmod 2
"""


def _finding(doc, make_place, claim=ClaimType.CONTROL):
    span = Span(doc, 3, 4, label="PLACE")
    mention = Mention(0, span, "PLACE", span.start_char, span.end_char, place=make_place("703656", "Kupiansk"))
    return Finding(mention, claim, Speaker("Moscow", Side.RU, "subject of 'said'"), Side.RU,
                   "'captured': [control] verbs \"capture\"", doc[2])


def _record(parse, make_article, make_place, mini_gazetteer, sides, claim=ClaimType.CONTROL):
    doc = parse(TREE)
    doc.ents = [Span(doc, 5, 6, label="DATE")]
    doc.spans["figures"] = [Span(doc, 7, 9, label="km")]
    article = make_article(doc.text, published=dt.date(2025, 11, 21))
    context = ArticleContext(article, mini_gazetteer, sides, None, Speaker("reporter", Side.NEUTRAL, "voice"), None)
    return record(context, Sentence(0, len(doc.text), 0), doc, _finding(doc, make_place, claim))


def test_a_finding_becomes_a_claim_with_its_evidence(parse, make_article, make_place, mini_gazetteer, sides):
    claim = _record(parse, make_article, make_place, mini_gazetteer, sides)
    assert (claim.place.name, claim.place_text, claim.claimant, claim.side, claim.claim, claim.subject_side) == (
        "Kupiansk", "Kupiansk", "Moscow", Side.RU, ClaimType.CONTROL, Side.RU)
    assert (claim.start, claim.end, claim.sentence.split()[:2]) == (0, len(claim.sentence), ["Russian", "troops"])
    assert claim.rule == "'captured': [control] verbs \"capture\"; claimant: subject of 'said'"


def test_the_date_nearest_the_claim_word_dates_it(parse, make_article, make_place, mini_gazetteer, sides):
    claim = _record(parse, make_article, make_place, mini_gazetteer, sides)
    assert (claim.date_text, claim.claim_date) == ("Thursday", dt.date(2025, 11, 20))


def test_the_figure_nearest_the_place_is_the_claims(parse, make_article, make_place, mini_gazetteer, sides):
    claim = _record(parse, make_article, make_place, mini_gazetteer, sides)
    assert (claim.figure.value, claim.figure.unit) == (12, "km")


def test_the_claim_id_is_stable_and_depends_on_the_claim(parse, make_article, make_place, mini_gazetteer, sides):
    first = _record(parse, make_article, make_place, mini_gazetteer, sides)
    again = _record(parse, make_article, make_place, mini_gazetteer, sides)
    other = _record(parse, make_article, make_place, mini_gazetteer, sides, claim=ClaimType.ADVANCE)
    assert first.claim_id == again.claim_id != other.claim_id and len(first.claim_id) == 16


# -- end to end ---------------------------------------------------------------------------------------
def test_units_named_in_the_sentence(analyse):
    (claim,) = [c for c in analyse("Fighters of Ukraine's 92nd Brigade recaptured Kindrashivka on Sunday.")
                if c.place.name == "Kindrashivka"]
    assert "92nd Brigade" in claim.units and claim.subject_side == Side.UA


def test_evidence_offsets_point_into_the_article(analyse_article):
    article, claims = analyse_article("Headline about Kupiansk\nRussian forces captured Kupiansk, Moscow said.")
    assert claims
    for claim in claims:
        assert article.text[claim.start:claim.end] == claim.sentence


def test_claim_dates_resolve_against_the_article(analyse_article):
    _, claims = analyse_article(" date 2025-11-21\nOn Thursday the Russian defence ministry reported that its units "
                                "had seized Kupiansk.")
    (claim,) = [c for c in claims if c.place.name == "Kupiansk"]
    assert claim.date_text in ("Thursday", "On Thursday") and str(claim.claim_date) == "2025-11-20"
