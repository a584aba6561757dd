"""extraction.attribution: who makes a claim. Hand-written parses for the rules, then the trained
pipeline for reporting verbs, "according to", statement nouns, quotations and carried speakers."""

from __future__ import annotations

import pytest

from frontclaims import lexicon as lx
from frontclaims.extraction import attribution
from frontclaims.extraction.context import GROUP, ORGANISATION, PERSON, ArticleContext, Speaker
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


def test_a_pronoun_with_no_one_in_its_sentence_or_paragraph_is_the_last_fitting_speaker(parse, context):
    context.memory.remember(Speaker("the Ukrainian General Staff", Side.UA, "r", kind=ORGANISATION))
    context.memory.remember(Speaker("Oleksandr Syrskyi", Side.UA, "r", kind=PERSON))
    context.memory.enter(1)  # a new paragraph: only the article's speakers are left to look back on
    context.memory.remember(Speaker("a monitor", Side.UNKNOWN, "r", kind=PERSON, named=False))
    he = attribution.speaker(parse("he PRON ROOT 0")[0], "subject of 'said'", context)
    assert (he.text, he.side) == ("Oleksandr Syrskyi", Side.UA)
    it = attribution.speaker(parse("it PRON ROOT 0")[0], "subject of 'said'", context)
    assert it.text == "the Ukrainian General Staff"  # "it" is never a person


def test_a_pronoun_with_no_one_before_is_unknown_and_not_remembered(parse, context):
    she = attribution.speaker(parse("she PRON ROOT 0")[0], "subject of 'said'", context)
    assert (she.side, she.named) == (Side.UNKNOWN, False)


# "Moscow's ministry has not commented, but it says ..."
NOT_COMMENTED_BUT_SAYS = """
Moscow PROPN poss 2
's PART case 0
ministry NOUN nsubj 4
has AUX aux 4
commented VERB ROOT 4 comment
but CCONJ cc 4
it PRON nsubj 7
says VERB conj 4 say
troops NOUN nsubj 9 troop
advanced VERB ccomp 7 advance
"""


def test_a_pronoun_is_first_a_fitting_subject_earlier_in_its_sentence(parse, context):
    context.memory.remember(Speaker("Britain's defence ministry", Side.NEUTRAL, "r", kind=ORGANISATION))
    doc = parse(NOT_COMMENTED_BUT_SAYS)
    it = attribution.speaker(doc[6], "subject of 'says'", context)
    assert (it.text.replace(" ", ""), it.side) == ("Moscow'sministry", Side.RU)
    assert "'it' = Moscow" in it.rule


def test_a_pronoun_does_not_stand_for_someone_inside_what_it_reports(parse, context):
    # "Russian troops advanced, it said": Russia is reported, not the one who reports
    context.memory.remember(Speaker("Ukraine's air force", Side.UA, "r", kind=ORGANISATION))
    doc = parse("""
Russia PROPN nsubj 1
advanced VERB ccomp 4 advance
, PUNCT punct 4
it PRON nsubj 4
said VERB ROOT 4 say
""")
    assert attribution.speaker(doc[3], "subject of 'said'", context).text == "Ukraine's air force"


def test_he_stands_for_a_person_not_for_an_institution_in_its_sentence(parse, context):
    # "The army command met the governor, and he said ..."
    doc = parse("""
The DET det 2
army NOUN compound 2
command NOUN nsubj 3
met VERB ROOT 3 meet
the DET det 5
governor NOUN dobj 3
and CCONJ cc 3
he PRON nsubj 8
said VERB conj 3 say
""")
    assert attribution.antecedent(doc[7], context).text == "the governor"  # not the subject, an institution
    assert (attribution.kind_of(doc[2], context), attribution.kind_of(doc[5], context)) == (ORGANISATION, PERSON)


@pytest.mark.parametrize("pronoun, kind, fits", [
    ("he", PERSON, True), ("she", ORGANISATION, False), ("it", ORGANISATION, True), ("it", PERSON, False),
    ("they", GROUP, True), ("they", ORGANISATION, True), ("they", PERSON, False),
])
def test_a_pronoun_fits_by_number_and_kind(pronoun, kind, fits):
    assert attribution._fits(pronoun, kind) is fits


def test_the_paragraphs_subject_is_a_pronouns_antecedent_until_the_paragraph_ends(parse, context):
    context.memory.enter(0)
    context.memory.mention(Speaker("Oleksandr Syrskyi, Ukraine's top commander", Side.UA, "r", kind=PERSON),
                           frozenset({"syrskyi", "commander"}), subject=True)
    he = parse("he PRON ROOT 0")[0]
    assert attribution.antecedent(he, context).text == "Oleksandr Syrskyi, Ukraine's top commander"
    context.memory.enter(1)
    assert attribution.antecedent(he, context) is None


def test_his_publication_is_the_persons(parse, context):
    context.memory.remember(Speaker("Mykola Petrenko", Side.UA, "r", kind=PERSON))
    doc = parse("his PRON poss 1\npost NOUN nsubj 2\nsaid VERB ROOT 2 say")
    found = attribution.speaker(doc[1], "subject of 'said'", context)
    assert (found.text, found.side) == ("Mykola Petrenko", Side.UA)


def test_the_ministry_is_the_ministry_named_before_not_the_last_speaker(parse, context):
    context.memory.mention(Speaker("Russia's defence ministry", Side.RU, "r", kind=ORGANISATION),
                           frozenset({"russia", "defence", "ministry"}))
    context.memory.remember(Speaker("Ukraine's General Staff", Side.UA, "r", kind=ORGANISATION))
    doc = parse("the DET det 1\nministry NOUN nsubj 2\nadded VERB ROOT 2 add")
    assert attribution.speaker(doc[1], "subject of 'added'", context).side == Side.RU


def test_a_spokesman_is_new_and_another_adviser_is_like_the_one_before(parse, context):
    context.memory.mention(Speaker("an adviser to the DPR's head", Side.RU, "r", kind=PERSON),
                           frozenset({"adviser", "head", "dpr"}))
    a = parse("a DET det 1\nspokesman NOUN nsubj 2\nsaid VERB ROOT 2 say")
    assert attribution.speaker(a[1], "subject of 'said'", context).side == Side.UNKNOWN
    another = parse("another DET det 1\nadviser NOUN nsubj 2\nsaid VERB ROOT 2 say")
    assert attribution.speaker(another[1], "subject of 'said'", context).side == Side.RU


def test_a_surname_takes_the_side_of_the_person_described_before(parse, context):
    context.memory.mention(Speaker("Petro Danylenko, press officer of Ukraine's eastern command", Side.UA, "r",
                                   kind=PERSON), frozenset({"danylenko", "spokesman"}), surname="Danylenko")
    doc = parse("Danylenko PROPN nsubj 1\nsaid VERB ROOT 1 say")
    found = attribution.speaker(doc[0], "subject of 'said'", context)
    assert (found.text, found.side) == ("Danylenko", Side.UA)
    assert "described before" in found.rule


# -- which verb reports, and who through it -----------------------------------------------------------
def test_a_negated_reporting_verb_reports_nothing(parse, context):
    doc = parse("ministry NOUN nsubj 3\nhas AUX aux 3\nnot PART neg 3\ncommented VERB ROOT 3 comment")
    assert not attribution.reports(doc[3], context)


def test_adds_to_is_no_report_unless_someone_adds(parse, context):
    seizing = parse("Lyman PROPN nsubj 1\nadds VERB ROOT 1 add\nto ADP prep 1\npressure NOUN pobj 2")
    assert not attribution.reports(seizing[1], context)
    he = parse("He PRON nsubj 1\npointed VERB ROOT 1 point\nto ADP prep 1\nprogress NOUN pobj 2")
    assert attribution.reports(he[1], context)


def test_a_speaker_put_after_the_verb_speaks(parse, context):
    # "Troops blocked the enemy, wrote an officer of the brigade."
    doc = parse("""
Troops NOUN nsubj 1 troop
blocked VERB ROOT 1 block
enemy NOUN dobj 1
, PUNCT punct 1
wrote VERB conj 1 write
an DET det 6
officer NOUN dobj 4
""")
    assert attribution.said_by(doc[4], context).text == "officer"


def test_told_reporters_names_the_hearer_not_the_speaker(parse, context):
    doc = parse("""
Troops NOUN nsubj 1 troop
advanced VERB ROOT 1 advance
, PUNCT punct 1
told VERB conj 1 tell
reporters NOUN dobj 3 reporter
""")
    assert attribution.said_by(doc[3], context).text == "Troops"  # the shared subject, never "reporters"


def test_a_speaker_the_parser_hung_on_the_place_before_the_verb(parse, context):
    # "Russian troops captured Siversk, the monitoring group DeepState said."
    doc = parse("""
troops NOUN nsubj 1 troop
captured VERB ccomp 6 capture
Siversk PROPN dobj 1
, PUNCT punct 2
the DET det 5
group NOUN appos 2
said VERB ROOT 6 say
""")
    assert attribution.said_by(doc[6], context).text == "group"


@pytest.mark.parametrize("tree, speaker", [
    # the agency quoted Marchenko as saying ...
    ("agency NOUN nsubj 1\nquoted VERB ROOT 1 quote\nMarchenko PROPN dobj 1\nas ADP prep 1\n"
     "saying VERB pcomp 3 say", "Marchenko"),
    # TASS reported, citing the ministry
    ("TASS PROPN nsubj 1\nreported VERB ROOT 1 report\n, PUNCT punct 1\nciting VERB advcl 1 cite\n"
     "ministry NOUN dobj 3", "ministry"),
    # a dispatch quoted the commander as saying
    ("dispatch NOUN nsubj 1\nquoted VERB ROOT 1 quote\ncommander NOUN dobj 1\nas ADP prep 1\n"
     "saying VERB pcomp 3 say", "commander"),
])
def test_a_relay_names_whom_it_relays(parse, context, tree, speaker):
    doc = parse(tree)
    verb = doc[len(doc) - 1] if doc[len(doc) - 1].lemma_ == "say" else doc[1]
    assert attribution.said_by(verb, context).text == speaker


def test_celebrating_a_capture_is_the_celebrators_claim(parse, context):
    # "The ministry is keen on celebrating the capture of X."
    doc = parse("""
ministry NOUN nsubj 1
is AUX ROOT 1 be
keen ADJ acomp 1
on ADP prep 2
celebrating VERB pcomp 3 celebrate
capture NOUN dobj 4
""")
    assert attribution.said_by(doc[4], context).text == "ministry"


def test_a_count_after_a_colon_is_no_credit(parse, context):
    # "Russian troops attacked Pokrovsk; losses: 300 soldiers"
    doc = parse("troops NOUN nsubj 1 troop\nattacked VERB ROOT 1 attack\nPokrovsk PROPN dobj 1\n"
                "losses NOUN appos 2 loss\n: PUNCT punct 3\n300 NUM nummod 6\nsoldiers NOUN appos 3 soldier")
    assert attribution._credit(doc, context) is None


def test_a_word_describing_the_speaker_is_the_articles_not_the_speakers(parse, context):
    # "The official overseeing the occupied region claimed that troops advanced."
    doc = parse("""
The DET det 1
official NOUN nsubj 5
overseeing VERB acl 1 oversee
occupied ADJ amod 4 occupy
region NOUN dobj 2
claimed VERB ROOT 5 claim
troops NOUN nsubj 7 troop
advanced VERB ccomp 5 advance
""")
    voice = attribution.governing_speaker(doc[3], context)
    assert voice.rule.startswith("the article's own voice") and not voice.named  # no one for "he" to stand for
    assert attribution.governing_speaker(doc[7], context).text == "The official"


def test_a_statement_with_no_one_named_is_no_speaker(parse, context):
    estimates = parse("Current ADJ amod 1\nestimates NOUN nsubj 2 estimate\nsuggest VERB ROOT 2\n"
                      "troops NOUN nsubj 4 troop\nhold VERB ccomp 2")
    assert attribution.governing_speaker(estimates[4], context) is None
    footage = parse("Footage NOUN nsubj 1\nshowed VERB ROOT 1 show\ntroops NOUN nsubj 3 troop\n"
                    "entering VERB ccomp 1 enter")
    assert attribution.governing_speaker(footage[3], context).side == Side.NEUTRAL  # imagery keeps its own


def test_a_video_is_whoever_posted_it(parse, context):
    doc = parse("""
a DET det 1
video NOUN nsubj 6
posted VERB acl 1 post
by ADP agent 2
the DET det 5
office NOUN pobj 3
showed VERB ROOT 6 show
""")
    assert attribution.speaker(doc[1], "subject of 'showed'", context).text == "the office"


def test_issuing_information_makes_it_yours(parse, context):
    # "Russian bloggers began circulating information that troops were blocked."
    doc = parse("""
Russian ADJ amod 1
bloggers NOUN nsubj 2 blogger
began VERB ROOT 2 begin
circulating VERB xcomp 2 circulate
information NOUN dobj 3
that SCONJ mark 7
troops NOUN nsubjpass 7 troop
blocked VERB acl 4 block
""")
    found = attribution.governing_speaker(doc[7], context)
    assert (found.text, found.side) == ("Russian bloggers", Side.RU)


@pytest.mark.parametrize("tree, credit", [
    # "Troops take full control of Avdiivka: Shoigu"
    ("Troops NOUN nsubj 1 troop\ntake VERB ROOT 1\ncontrol NOUN dobj 1\n: PUNCT punct 1\nShoigu PROPN appos 2",
     "Shoigu"),
    # "Toretsk liberated — defence ministry"
    ("Toretsk PROPN ROOT 0\nliberated VERB acl 0 liberate\n— PUNCT punct 0\ndefence NOUN compound 4\n"
     "ministry NOUN appos 0", "defence ministry"),
])
def test_a_headline_credit_after_a_colon_or_dash_speaks(parse, context, tree, credit):
    assert attribution.sentence_speaker(parse(tree), context).text == credit


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


def _paragraphs(text: str) -> list[Sentence]:
    """One sentence a line; a blank line starts a new paragraph."""
    found, at, paragraph = [], 0, 0
    for line in text.split("\n"):
        if not line:
            paragraph += 1
        else:
            found.append(Sentence(at, at + len(line), paragraph))
        at += len(line) + 1
    return found


def test_a_quotation_left_open_goes_on_in_the_next_paragraph_that_opens_with_a_quote(make_article):
    text = ('“The enemy attacked Robotyne twice.\n\n'
            '“Both assaults failed,” the spokeswoman wrote on Telegram.\n\nThe weather turned.')
    spokeswoman = Speaker("the spokeswoman", Side.UA, "subject of 'wrote'", trailing=True)
    quoted = attribution.quote_speakers(make_article(text), _paragraphs(text), [None, spokeswoman, None])
    assert quoted[0].text == "the spokeswoman" and 2 not in quoted


def test_a_paragraph_without_an_opening_mark_goes_on_only_if_it_closes_the_quotation(make_article):
    text = ('Hanna Koval said: "Russian troops shelled Orikhiv.\n\nThey also attacked Mala Tokmachka."\n\n'
            'Markets were calm.')
    koval = Speaker("Hanna Koval", Side.UA, "subject of 'said'")
    quoted = attribution.quote_speakers(make_article(text), _paragraphs(text), [koval, None, None])
    assert quoted[1].text == "Hanna Koval" and 2 not in quoted
    unclosed = 'Koval said: "Russian troops shelled Orikhiv.\n\nMarkets were calm.\n\nPrices rose.'
    quoted = attribution.quote_speakers(make_article(unclosed), _paragraphs(unclosed), [koval, None, None])
    assert 1 not in quoted and 2 not in quoted


def test_a_labelled_quotation_with_no_one_named_is_the_last_speakers(make_article):
    text = 'The governor reported that troops had withdrawn.\n\nQuote: "Our units hold Kupiansk.\n\nMarkets were calm.'
    governor = Speaker("The governor", Side.UA, "subject of 'reported'")
    quoted = attribution.quote_speakers(make_article(text), _paragraphs(text), [governor, None, None])
    assert quoted[1].text == "The governor" and 2 not in quoted


@pytest.mark.parametrize("text, steps", [
    ('"We hold the line," he said.', [1, -1]),
    ('The "rashists" fled," he wrote.', [1, -1, -1]),
    ('“Our units advanced.', [1]),
    ('He said: "We hold.', [1]),
])
def test_straight_quotes_open_after_a_space_and_close_after_a_word(text, steps):
    assert attribution._quote_steps(text) == steps


def test_a_trailing_speaker_is_carried_back_one_sentence():
    sentences = [Sentence(0, 10, 0), Sentence(11, 20, 0), Sentence(21, 30, 1)]
    putin = Speaker("Putin", Side.RU, "subject of 'said'", trailing=True)
    assert attribution.carried(0, sentences, [None, putin, None]).text == "Putin"
    assert attribution.carried(1, sentences, [None, None, putin]) is None  # not across paragraphs


def test_an_attribution_that_points_back_carries_to_the_sentence_before_it_across_a_paragraph():
    sentences = [Sentence(0, 10, 0), Sentence(11, 20, 0), Sentence(21, 30, 1)]
    staff = Speaker("the General Staff", Side.UA, "agent of 'announced'", trailing=True, refers_back=True)
    assert attribution.carried(1, sentences, [None, None, staff]).text == "the General Staff"
    assert attribution.carried(0, sentences, [None, None, staff]) is None  # one sentence back, not the paragraph


@pytest.mark.parametrize("tree, owner", [
    # "Russian state media's publication": the parser may make the owner a modifier
    ("media NOUN nmod 2 medium\n's PART case 0\npublication NOUN ROOT 2", "media"),
])
def test_an_owner_the_parser_makes_a_modifier(parse, tree, owner):
    assert attribution.owner(parse(tree)[2]).text == owner


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


# "According to him/her/them": an object pronoun stands for whom its subject form would.
@pytest.mark.parametrize("text, place, speaker, side", [
    ("Dmytro Lykhovii, a spokesman for the Ukrainian army's Tavria group, briefed reporters on Monday.\n"
     "According to him, Russian units attacked Huliaipole four times overnight.", "Huliaipole", "Dmytro Lykhovii",
     Side.UA),
    ("Yevgeny Lisitsyn, a Russian military correspondent, wrote on Telegram that Ukrainian drones had hit a depot.\n"
     "According to him, the Russian army has entered Stepnohirsk.", "Stepnohirsk", "Yevgeny Lisitsyn", Side.RU),
    ("Iryna Koval, a spokeswoman for Ukraine's southern forces, spoke on television on Sunday.\n"
     "According to her, Russian troops shelled Kherson 40 times in a day.", "Kherson", "Iryna Koval", Side.UA),
    ("Ukraine's General Staff said fighting went on near Lyman.\n"
     "According to them, Russian assault groups attacked Kupiansk nine times.", "Kupiansk", "General Staff", Side.UA),
])
def test_according_to_a_pronoun_is_whom_it_stands_for(analyse, text, place, speaker, side):
    (claim,) = only(analyse(text), place)
    assert speaker in claim.claimant and claim.side == side


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


def claim_of(claims, place):
    """The side and claimant of the one claim about a place (all claims about it must agree)."""
    found = {(c.side, c.claimant) for c in only(claims, place)}
    assert len(found) == 1, found
    return found.pop()


# -- pronouns: a fitting phrase before them in the sentence, then the paragraph, then the article -----
@pytest.mark.parametrize("text, place, side, claimant", [
    ("British military intelligence said Russian troops had lost many tanks. Russia's defence ministry gave no "
     "figures, but it says its troops have surrounded Myrnohrad.", "Myrnohrad", Side.RU, "Russia's defence ministry"),
    ("The Ukrainian military said Russian troops attacked Siversk. Vladimir Putin visited a command post on "
     "Sunday, where he said Russian forces had liberated Sudzha.", "Sudzha", Side.RU, "Vladimir Putin"),
    ("The Russian Defence Ministry said its units had taken Lyman. Serhii Cherevatyi, a Ukrainian army "
     "spokesman, called the claim false, and he said Ukrainian troops still held Siversk.", "Siversk", Side.UA,
     "Serhii Cherevatyi, a Ukrainian army spokesman"),
    ("Ukraine's air force said Russian drones struck Odesa overnight. Ukrainian troops repelled an assault near "
     "Chasiv Yar, it said.", "Chasiv Yar", Side.UA, "Ukraine's air force"),
    ("The Kremlin said Russian units had captured Kurakhove. They said Ukrainian troops had fled from Toretsk.",
     "Toretsk", Side.RU, "The Kremlin"),
])
def test_a_pronoun_speaker_is_whom_it_fits_earlier_in_the_sentence_or_paragraph(analyse, text, place, side,
                                                                                  claimant):
    assert claim_of(analyse(text), place) == (side, claimant)


# -- quotations ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, place, side", [
    # the attribution ends the quotation: every sentence of it is the speaker's
    ('"Russian units shelled Kupiansk all night. Our defenders are holding Kindrashivka," Petro Hrytsenko, '
     'a Ukrainian army spokesman, told reporters.', "Kupiansk", Side.UA),
    # a quotation continued in the next paragraph, which opens with a quotation mark
    ('Ivan Koval, spokesman of the Ukrainian eastern group, gave an update on Monday.\n'
     '"The enemy keeps storming Siversk," Koval said. "Our artillery hit their columns twice.\n'
     '"Every assault on Serebrianka was repelled."', "Serebrianka", Side.UA),
    # a labelled quotation that names no one is the last speaker's
    ('Oleh Syniehubov, the governor of Kharkiv, has reported new shelling.\n'
     'Quote: "Russian troops attacked Kupiansk again overnight.\nThe enemy also shelled Balakliia."',
     "Balakliia", Side.UA),
])
def test_a_quotation_is_its_speakers_throughout(analyse, text, place, side):
    assert claim_of(analyse(text), place)[0] == side


# -- headlines and attributions after the claim --------------------------------------------------------
@pytest.mark.parametrize("text, place, side", [
    ("Russian forces take full control of Kurakhove: Gerasimov", "Kurakhove", Side.RU),
    ("Toretsk liberated — Russian defence ministry", "Toretsk", Side.RU),
    ("Russian troops have been pushed out of Kupiansk, says Ukraine's army.", "Kupiansk", Side.UA),
    ("Vovchansk captured, Russia says", "Vovchansk", Side.RU),
    ("Russian forces have captured Siversk, the Ukrainian monitoring project DeepState said.", "Siversk", Side.UA),
    ("Ukrainian troops have blocked Russian units in the centre of Vovchansk, wrote a Ukrainian officer of the "
     "Khartia brigade.", "Vovchansk", Side.UA),
])
def test_a_headline_credit_and_a_speaker_after_the_claim(analyse, text, place, side):
    assert claim_of(analyse(text), place)[0] == side


def test_pro_russian_is_no_credit_after_a_dash(analyse):
    (claim,) = only(analyse("Ukrainian troops attacked Tokmak, defended by pro-Russian militias."), "Tokmak")
    assert (claim.side, claim.claimant) == (Side.NEUTRAL, "reporter")


# -- a person described once keeps that side -----------------------------------------------------------
@pytest.mark.parametrize("text, place, side", [
    ("Petro Danylenko, press officer of Ukraine's eastern command, spoke on national television on Monday. "
     "Danylenko said Russian troops were attacking Siversk from the north.", "Siversk", Side.UA),
    ("Gen. Mykola Hrytsenko of the Ukrainian army gave an interview on Tuesday.\n"
     "Hrytsenko said Russian forces had attacked Kupiansk.", "Kupiansk", Side.UA),
    ("Colonel Igor Smirnov, a spokesman for Russia's Dnepr group of forces, gave a briefing.\n"
     "Smirnov said Russian forces had captured Kamianske.", "Kamianske", Side.RU),
    ("The spokesman for the Ukrainian army's eastern group, Nazar Bondar, spoke on television. "
     "Russian forces captured Toretsk, the spokesman added.", "Toretsk", Side.UA),
])
def test_a_surname_or_the_title_named_again_keeps_the_side_of_its_description(analyse, text, place, side):
    assert claim_of(analyse(text), place)[0] == side


# -- relays: the speaker quoted or cited, not the outlet -------------------------------------------------
@pytest.mark.parametrize("text, place, side, claimant", [
    ("Ukrinform quoted Vasyl Marchenko, a Ukrainian brigade commander, as saying that Russian troops had "
     "attacked Stepnohirsk eleven times.", "Stepnohirsk", Side.UA, "Vasyl Marchenko, a Ukrainian brigade commander"),
    ("A RIA Novosti report quoted a Russian battalion commander as saying that his soldiers had taken Lyman.",
     "Lyman", Side.RU, "a Russian battalion commander"),
    ("Russian troops have taken Velyka Novosilka, TASS reported, citing the defence ministry.",
     "Velyka Novosilka", Side.RU, "the defence ministry"),
    ("Russian units are storming Siversk from three sides, a Ukrainian commander told Reuters.", "Siversk",
     Side.UA, "a Ukrainian commander"),
])
def test_a_relayed_speaker_speaks(analyse, text, place, side, claimant):
    assert claim_of(analyse(text), place) == (side, claimant)


# -- posts and the article's own voice ------------------------------------------------------------------
@pytest.mark.parametrize("text, place, side, claimant", [
    ("New footage released by Ukraine's presidential office showed troops hoisting a flag in Kherson.", "Kherson",
     Side.UA, "Ukraine's presidential office"),
    ("Russia's defence ministry released a video on Telegram. The footage showed Russian soldiers raising a flag "
     "over Vovchansk.", "Vovchansk", Side.RU, "Russia's defence ministry"),
    ("Footage showed Ukrainian soldiers raising a flag over Lyman.", "Lyman", Side.NEUTRAL, "Footage"),
    ("Satellite images show Russian troops entering Vovchansk.", "Vovchansk", Side.NEUTRAL, "Satellite images"),
])
def test_a_picture_is_its_posters_or_else_imagery(analyse, text, place, side, claimant):
    assert claim_of(analyse(text), place) == (side, claimant)


def test_a_word_describing_the_speaker_is_the_articles_own(analyse):
    claims = analyse("Ukraine's southern command, which recaptured Kherson in 2022, said Russian troops had "
                     "attacked Beryslav.")
    assert claim_of(claims, "Kherson") == (Side.NEUTRAL, "reporter")
    assert claim_of(claims, "Beryslav") == (Side.UA, "Ukraine's southern command")


# -- statement nouns and who issues them; statements with no one's name -----------------------------
@pytest.mark.parametrize("text, place, side, claimant", [
    ("Russian war bloggers began circulating reports that Ukrainian units had been surrounded near Pokrovsk.",
     "Pokrovsk", Side.RU, "Russian war bloggers"),
    ("Pro-Kremlin channels spread claims that Russian forces had reached the centre of Kostiantynivka.",
     "Kostiantynivka", Side.RU, "Pro-Kremlin channels"),
    ("Observers say Moscow's defence ministry is fixated on celebrating the seizure of Toretsk.",
     "Toretsk", Side.RU, "Moscow's defence ministry"),
    ("The General Staff has not commented on reports that Russian forces captured Toretsk.", "Toretsk",
     Side.NEUTRAL, "reporter"),
    ("Current estimates suggest Russian troops control about 60 percent of Chasiv Yar.", "Chasiv Yar",
     Side.NEUTRAL, "reporter"),
    ("ISW assessed on Sunday that Russian units had advanced near Siversk.", "Siversk", Side.NEUTRAL, "ISW"),
])
def test_statements_are_whoever_issues_them_and_no_ones_are_the_articles(analyse, text, place, side, claimant):
    assert claim_of(analyse(text), place) == (side, claimant)


# -- the attribution vocabulary: each entry with a sentence that needs it --------------------------
ORGANISATION_PHRASES = {"kremlin": "the Kremlin", "force": "the air force", "intelligence": "military intelligence",
                        "staff": "the General Staff", "center": "the press center", "centre": "the press centre",
                        "monitor": "the war monitor"}


@pytest.mark.parametrize("noun", sorted(lx.PERSON_NOUNS))
def test_he_can_stand_for_each_person_noun(analyse, noun):
    claims = analyse(f"Ukraine's army command met the {noun}, and he said Russian troops had attacked Vovchansk.")
    assert only(claims, "Vovchansk")[0].claimant == f"the {noun}"


@pytest.mark.parametrize("noun", sorted(lx.ORGANISATION_NOUNS))
def test_it_can_stand_for_each_organisation_noun(analyse, noun):
    phrase = ORGANISATION_PHRASES.get(noun, f"the {noun}")
    claims = analyse(f"A British envoy visited {phrase}, and it said Russian troops had attacked Vovchansk.")
    assert only(claims, "Vovchansk")[0].claimant.lower() == phrase.lower()


ISSUED = {"issue": "issued", "make": "made", "spread": "spread", "release": "released", "circulate": "circulated",
          "repeat": "repeated", "voice": "voiced", "disseminate": "disseminated", "broadcast": "broadcast",
          "share": "shared"}


@pytest.mark.parametrize("verb", sorted(lx.ISSUING_VERBS))
def test_whoever_issues_a_claim_makes_it(analyse, verb):
    claims = analyse(f"Russian bloggers {ISSUED[verb]} claims that Ukrainian troops had been encircled near Kurakhove.")
    assert claim_of(claims, "Kurakhove") == (Side.RU, "Russian bloggers")


@pytest.mark.parametrize("verb", sorted(lx.OBJECT_VERBS))
def test_the_object_of_a_reporting_verb_is_whom_it_addresses(parse, context, verb):
    # "Syrskyi visited Kharkiv, told soldiers ...", "..., praised soldiers ...": never the soldiers speak
    doc = parse(f"""
Syrskyi PROPN nsubj 1
visited VERB ROOT 1 visit
Kharkiv PROPN dobj 1
, PUNCT punct 1
{verb}s VERB conj 1 {verb}
soldiers NOUN dobj 4 soldier
""")
    assert attribution.said_by(doc[4], context).text == "Syrskyi"


@pytest.mark.parametrize("text, place, side, claimant", [
    ("Ukrainian officers spoke of fierce fighting in Toretsk.", "Toretsk", Side.UA, "Ukrainian officers"),
    ("A Ukrainian drone operator revealed that Russian troops had entered Toretsk.", "Toretsk", Side.UA,
     "A Ukrainian drone operator"),
    ('"We have taken Lyman!" a Russian soldier shouted in the video.', "Lyman", Side.RU, "a Russian soldier"),
    # possessives: "its statement", "their post" are whom the pronoun stands for
    ("Russia's defence ministry spoke on Monday. Its statement said Russian forces had captured Selydove.",
     "Selydove", Side.RU, "Russia's defence ministry"),
    ("Ukrainian border guards posted a video. Their post said Russian troops had shelled Vovchansk.", "Vovchansk",
     Side.UA, "Ukrainian border guards"),
    # "I" is the one quoted, not the commander named before it in the quotation
    ('Ivan Lytvyn, a Ukrainian sergeant, spoke to reporters.\n"The Russian commander ordered an assault, and I can '
     'confirm that Russian troops entered Vovchansk," Lytvyn said.', "Vovchansk", Side.UA,
     "Ivan Lytvyn, a Ukrainian sergeant"),
    ("Russian bloggers began circulating information that Ukrainian units had been encircled near Pokrovsk.",
     "Pokrovsk", Side.RU, "Russian bloggers"),
])
def test_reporting_verbs_possessives_and_information(analyse, text, place, side, claimant):
    assert claim_of(analyse(text), place) == (side, claimant)


@pytest.mark.parametrize("text, place, side", [
    ("Russian forces pushed into the centre of Toretsk.\nThis was announced by Ukraine's General Staff on Monday.",
     "Toretsk", Side.UA),
    ("Ukrainian units repelled an attack near Siversk. The Ukrainian army reported this on Telegram.", "Siversk",
     Side.UA),
    ("Russian artillery shelled Kupiansk overnight. That was stated by the Kharkiv regional governor.", "Kupiansk",
     Side.UA),
])
def test_this_was_announced_by_names_the_speaker_of_the_sentence_before(analyse, text, place, side):
    assert claim_of(analyse(text), place)[0] == side


@pytest.mark.parametrize("text, place, side, claimant", [
    ("Kyiv scoffed at the Kremlin's publication of claims that its troops had encircled Pokrovsk.", "Pokrovsk",
     Side.RU, "the Kremlin"),
    ("It came after Russian state media's publication of reports that Ukrainian troops had fled Krynky.", "Krynky",
     Side.RU, "Russian state media"),
])
def test_a_publication_is_its_publishers(analyse, text, place, side, claimant):
    assert claim_of(analyse(text), place) == (side, claimant)


def test_whom_a_speaker_praises_is_not_the_speaker(analyse):
    claims = analyse("Zelensky visited troops near Pokrovsk on Friday, praised the brigades holding Myrnohrad.")
    assert claim_of(claims, "Myrnohrad") == (Side.UA, "Zelensky")


# A sentence opened by a label and a colon: the label is no speaker, even where the parser makes it a subject.
@pytest.mark.parametrize("text, claimant, side", [
    ("Background: Ukraine's General Staff said that Russian troops had attacked Kupiansk overnight.",
     "Ukraine's General Staff", Side.UA),
    ("Context: the Ukrainian army spokesman said that Russian troops had attacked Kupiansk overnight.",
     "the Ukrainian army spokesman", Side.UA),
    ("Details: Syrskyi said Ukrainian forces had repelled an assault near Pokrovsk.", "Syrskyi", Side.UA),
    ("Update: the Russian Defence Ministry said its troops had captured Siversk.",
     "the Russian Defence Ministry", Side.RU),
])
def test_a_heading_before_a_colon_is_no_speaker(analyse, text, claimant, side):
    (claim,) = analyse(text)
    assert claim.claimant == claimant
    assert claim.side == side


def test_a_heading_word_is_a_heading_only_before_a_colon_that_opens_the_sentence(trained_nlp):
    from frontclaims.extraction.tree import is_heading

    doc = trained_nlp("Background: the governor spoke.")
    assert is_heading(doc[0]) and not is_heading(doc[3])
    assert not any(is_heading(t) for t in trained_nlp("The governor said: the town is held."))


# A speaker set off between commas after the claim: the small model may make the claim's object the subject
# of "said" or hang the speaker on that object; tree.mend_closing_attribution rehangs them. A speaker that is
# already the verb's subject after a comma is left as it is.
@pytest.mark.parametrize("text, place, claimant, side", [
    (("Russian troops have entered Kurakhove, Roman Padun, head of the Ukrainian city military administration, "
      "said on Friday."), "Kurakhove", "Roman Padun, head of the Ukrainian city military administration", Side.UA),
    ("Russian forces captured Marinka, Igor Konashenkov, the Russian defence ministry spokesman, said.",
     "Marinka", "the Russian defence ministry spokesman", Side.RU),
    (("Ukrainian troops have pulled back from the eastern part of Toretsk to avoid encirclement, Nazar Voloshyn, "
      "spokesman for the Khortytsia group of troops said on television."), "Toretsk",
     "Nazar Voloshyn, spokesman for the Khortytsia group of troops", Side.UA),
])
def test_a_speaker_set_off_after_the_claim(analyse, text, place, claimant, side):
    claims = [c for c in analyse(text) if c.place.name == place]
    assert claims and all(c.claimant == claimant and c.side == side for c in claims), claims
