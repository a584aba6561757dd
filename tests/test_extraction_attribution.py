"""extraction.attribution: who makes a claim. Hand-written parses for the rules, then the trained
pipeline for reporting verbs, "according to", statement nouns, quotations and carried speakers."""

from __future__ import annotations

import pytest

from frontclaims.extraction import attribution
from frontclaims.extraction.context import ArticleContext, Speaker
from frontclaims.models import ClaimType, Side
from frontclaims.segment import Sentence


@pytest.fixture
def context(make_article, mini_gazetteer, sides):
    return ArticleContext(make_article("unused"), mini_gazetteer, sides, None,
                          Speaker("reporter", Side.NEUTRAL, "the article's own voice"), None)


ACCORDING_TO = """
According VERB prep 5 accord
to ADP prep 0
Ukrainian ADJ amod 3
officers NOUN pobj 1 officer
, PUNCT punct 5
troops NOUN ROOT 5 troop
"""


def test_according_to_names_the_source(parse, context):
    doc = parse(ACCORDING_TO)
    found = attribution.according_to(doc[5], context)
    assert (found.text, found.side) == ("Ukrainian officers", Side.UA)


def test_according_to_reports_is_no_one_in_particular(parse, context):
    doc = parse(ACCORDING_TO.replace("Ukrainian ADJ amod 3", "the DET det 3").replace(
        "officers NOUN pobj 1 officer", "reports NOUN pobj 1 report"))
    assert attribution.according_to(doc[5], context) is None


def test_according_to_a_statement_by_someone_names_them(parse, context):
    doc = parse("""
According VERB prep 7 accord
to ADP prep 0
updates NOUN pobj 1 update
from ADP prep 2
the DET det 6
General PROPN compound 6
Staff PROPN pobj 3
troops NOUN ROOT 7 troop
""")
    assert attribution.according_to(doc[7], context).text == "the General Staff"


@pytest.mark.parametrize("tree, owner", [
    ("Moscow PROPN poss 2\n's PART case 0\nannouncement NOUN ROOT 2", "Moscow"),
    ("statements NOUN ROOT 0 statement\nby ADP prep 0\nGerasimov PROPN pobj 1", "Gerasimov"),
    ("Russian ADJ amod 1\nclaims NOUN ROOT 1 claim", "claims"),
    ("DeepState PROPN compound 1\nmaps NOUN ROOT 1 map", "maps"),
])
def test_the_owner_of_a_statement(parse, tree, owner):
    doc = parse(tree)
    assert attribution.owner(doc[:].root).text == owner


def test_a_statement_without_an_owner_has_none(parse):
    assert attribution.owner(parse("the DET det 1\nreports NOUN ROOT 1 report")[1]) is None


def test_a_pronoun_is_the_last_person_with_a_side(parse, context):
    context.memory.remember(Speaker("the Ukrainian General Staff", Side.UA, "r"))
    context.memory.remember(Speaker("Oleksandr Syrskyi", Side.UA, "r", person=True))
    context.memory.remember(Speaker("a monitor", Side.UNKNOWN, "r", person=True))
    he = attribution.speaker(parse("he PRON ROOT 0")[0], "subject of 'said'", context)
    assert (he.text, he.side) == ("Oleksandr Syrskyi", Side.UA)
    they = attribution.speaker(parse("they PRON ROOT 0")[0], "subject of 'said'", context)
    assert they.text == "Oleksandr Syrskyi"  # the last speaker with a side, person or not


def test_a_pronoun_with_no_one_before_is_unknown_and_not_remembered(parse, context):
    she = attribution.speaker(parse("she PRON ROOT 0")[0], "subject of 'said'", context)
    assert (she.side, she.named) == (Side.UNKNOWN, False)


def _sentences(text: str) -> list[Sentence]:
    """One sentence a line, all in one paragraph."""
    found, at = [], 0
    for line in text.split("\n"):
        found.append(Sentence(at, at + len(line), 0))
        at += len(line) + 1
    return found


def test_a_quotation_takes_the_speaker_named_in_it(make_article):
    text = '“Our units hold the line.\nThe enemy lost two tanks,” the commander said.\nThe weather turned.'
    article = make_article(text)
    commander = Speaker("the commander", Side.UA, "subject of 'said'", trailing=True)
    quoted = attribution.quote_speakers(article, _sentences(text), [None, commander, None])
    assert quoted[0].text == "the commander" and 2 not in quoted


def test_a_trailing_speaker_is_carried_back_one_sentence():
    sentences = [Sentence(0, 10, 0), Sentence(11, 20, 0), Sentence(21, 30, 1)]
    putin = Speaker("Putin", Side.RU, "subject of 'said'", trailing=True)
    assert attribution.carried(0, sentences, [None, putin, None]).text == "Putin"
    assert attribution.carried(1, sentences, [None, None, putin]) is None  # not across paragraphs


# -- end to end ---------------------------------------------------------------------------------------
def only(claims, place):
    found = [c for c in claims if c.place.name == place]
    assert found, f"no claim about {place}: {[(c.place.name, c.claim.value) for c in claims]}"
    return found


def test_according_to_is_reported_speech(analyse):
    (claim,) = only(analyse("According to Ukrainian brigade officers, Russian troops inside Kupiansk are almost cut "
                            "off."), "Kupiansk")
    assert (claim.claim, claim.side, claim.subject_side) == (ClaimType.ENCIRCLED, Side.UA, Side.RU)
    assert claim.claimant == "Ukrainian brigade officers"


def test_according_to_updates_from_someone_names_them(analyse):
    # "updates" is a speech noun though only "update" is listed: speech nouns match by lemma
    (claim,) = only(analyse("According to updates from the Ukrainian General Staff, Russian troops were pushed back "
                            "from Kupiansk."), "Kupiansk")
    assert (claim.claimant, claim.side) == ("the Ukrainian General Staff", Side.UA)


def test_the_subject_of_a_reporting_verb_is_the_claimant(analyse):
    (claim,) = only(analyse("Russia's defence ministry announced that its soldiers had seized Kindrashivka."),
                    "Kindrashivka")
    assert (claim.claim, claim.side, claim.subject_side) == (ClaimType.CONTROL, Side.RU, Side.RU)
    assert "defence ministry" in claim.claimant


def test_the_speaker_of_a_quotation(analyse):
    (claim,) = only(analyse('"Our soldiers are holding Lyman, although the fighting goes on," Serhii Cherevatyi told '
                            'reporters.'), "Lyman")
    assert claim.side == Side.UA and "Cherevatyi" in claim.claimant


def test_a_trailing_attribution_carries_back_within_the_paragraph(analyse):
    claims = analyse("Roughly 400 houses stand in Kupyansk-Uzlovoy and most of them are now under Russian control. "
                     "Russian units keep pushing through the streets, the Russian president said.")
    first = [c for c in claims if c.place_text == "Kupyansk-Uzlovoy"]
    assert first and (first[0].claimant, first[0].side) == ("the Russian president", Side.RU)


def test_a_statement_noun_before_a_that_clause_names_the_claimant(analyse):
    (claim,) = only(analyse("The counterattack embarrassed the Kremlin, coming weeks after Moscow's announcement in "
                            "October that its army had taken full control of Kupiansk."), "Kupiansk")
    assert (claim.claimant, claim.side, claim.claim, claim.subject_side) == (
        "Moscow", Side.RU, ClaimType.CONTROL, Side.RU)


def test_a_headline_denial_names_its_speaker(analyse):
    (claim,) = [c for c in analyse("Ukraine's army rejects Russian report on Kupiansk fighting")
                if c.claim == ClaimType.DENIAL]
    assert (claim.side, claim.subject_side) == (Side.UA, Side.RU)


def test_a_quotation_takes_the_speaker_who_ends_the_one_before(analyse):
    claims = analyse('"Kupiansk remains in our hands," Ukraine\'s General Staff said.\n'
                     '"Equally false are the reports that Russia has taken most of Vovchansk."')
    (vovchansk,) = [c for c in claims if c.place.name == "Vovchansk" and c.claim == ClaimType.DENIAL]
    assert (vovchansk.side, vovchansk.claimant) == (Side.UA, "Ukraine's General Staff")


def test_the_articles_own_voice_is_its_outlet(analyse):
    (claim,) = only(analyse("LONDON (Reuters) - Russian troops seized Lyptsi late on Tuesday."), "Lyptsi")
    assert (claim.claimant, claim.side, claim.subject_side) == ("reporter (Reuters)", Side.NEUTRAL, Side.RU)


def test_a_dateline_city_is_no_place_of_the_claim(analyse):
    claims = analyse("KYIV (Reuters) - Russian troops seized Lyptsi late on Tuesday.")
    assert [(c.place.name, c.subject_side) for c in claims] == [("Lyptsi", Side.RU)]


def test_state_media_voice_is_russian(analyse):
    (claim,) = only(analyse("MOSCOW, March 14. /TASS/. Russian units have liberated Lyptsi in Kharkiv Region."),
                    "Lyptsi")
    assert claim.side == Side.RU
