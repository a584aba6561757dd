"""extraction.targets: which place mentions can carry a claim. Hand-written parses for the rules, then
the trained pipeline for place names in running text."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from frontclaims.extraction import targets
from frontclaims.mentions import Mention
from frontclaims.models import ClaimType, PlaceKind, Side


def mention(doc, start, end, place=None):
    span = Span(doc, start, end, label="PLACE")
    return Mention(0, span, "PLACE", span.start_char, span.end_char, place=place)


def test_a_capital_that_speaks_stands_for_its_government(parse):
    doc = parse("Kyiv PROPN nsubj 1\nannounced VERB ROOT 1 announce\ngains NOUN dobj 1 gain")
    assert targets.stands_for_government(mention(doc, 0, 1))


def test_a_place_whose_capture_is_told_is_a_place(parse):
    doc = parse("Kyiv PROPN poss 2\n's PART case 0\ncapture NOUN ROOT 2")
    assert not targets.stands_for_government(mention(doc, 0, 1))


def test_the_kyiv_regime_is_a_government(parse):
    doc = parse("the DET det 2\nKyiv PROPN compound 2\nregime NOUN ROOT 2")
    assert targets.stands_for_government(mention(doc, 1, 2))


def test_a_place_in_a_speakers_name_carries_no_claim(parse):
    doc = parse("""
Kharkiv PROPN compound 1
governor NOUN nsubj 2
said VERB ROOT 2 say
""")
    assert targets.in_speaker_phrase(mention(doc, 0, 1))


def test_an_oblast_after_in_only_says_where_the_town_is(parse, make_place):
    doc = parse("""
troops NOUN nsubj 1 troop
left VERB ROOT 1 leave
Vovchansk PROPN dobj 1
in ADP prep 2
Kharkiv PROPN compound 5
region NOUN pobj 3
""")
    town = mention(doc, 2, 3, make_place("1", "Vovchansk"))
    oblast = mention(doc, 4, 6, make_place("2", "Kharkiv Oblast", kind=PlaceKind.OBLAST))
    assert targets.describes_another(oblast, [town, oblast])
    assert not targets.describes_another(town, [town, oblast])


def test_a_place_30_km_north_of_another_locates_it(parse):
    doc = parse("""
a DET det 1
village NOUN ROOT 1
30 NUM nummod 3
km NOUN npadvmod 4
north ADV advmod 1
of ADP prep 4
Kharkiv PROPN pobj 5
""")
    doc.spans["figures"] = [Span(doc, 2, 4, label="km")]
    assert targets.reference_point(mention(doc, 6, 7), doc)


@pytest.mark.parametrize("text, reference", [
    # the distance hung on the verb by the parser, after a settlement noun: the place measured from
    ("Ukrainian troops try to recapture a village 20km from Bakhmut, officials say", "Bakhmut"),
    ("Moscow's army storms small hamlet 40km from Zaporizhzhia, Ukrainian officers report", "Zaporizhzhia"),
    ("Russian forces shelled the village of Bilohorivka, located 10 km from Lysychansk.", "Lysychansk"),
    # a direction set off by a comma after the place it locates
    ("Kyiv's troops took control of Guevo, south of Sudzha, Ukrainian sources said.", "Sudzha"),
    ("Russian forces captured Novoolenivka, north of Kostiantynivka.", "Kostiantynivka"),
])
def test_a_place_a_distance_is_measured_from_carries_no_claim(analyse, text, reference):
    assert not [c for c in analyse(text) if c.place.name == reference]


@pytest.mark.parametrize("text, place", [
    ("Russian forces advanced to within 5 km of Pokrovsk.", "Pokrovsk"),
    ("Russian forces are 10 km from Pokrovsk.", "Pokrovsk"),
])
def test_a_distance_of_forces_from_a_place_is_a_claim_about_it(analyse, text, place):
    assert [c.claim for c in analyse(text) if c.place.name == place] == [ClaimType.ADVANCE]


def test_the_south_of_a_region_is_part_of_it_not_a_reference(parse):
    doc = parse("in ADP ROOT 0\nthe DET det 2\nsouth NOUN pobj 0\nof ADP prep 2\nDonetsk PROPN pobj 3")
    doc.spans["figures"] = []
    assert not targets.reference_point(mention(doc, 4, 5), doc)


def test_a_place_inside_a_units_name_is_no_place_of_a_claim(parse):
    doc = parse("Battlegroup PROPN compound 1\nDnepr PROPN ROOT 1")
    doc.spans["units"] = [Span(doc, 0, 2, label="UNIT")]
    assert targets.inside_actor(mention(doc, 1, 2), doc)


# -- end to end: place names in running text ----------------------------------------------------------
def test_a_place_that_only_locates_another_carries_no_claim(analyse):
    claims = analyse("Russian troops are attempting to seize a hamlet 25 km west of Kharkiv, an occupation official "
                     "claimed.")
    assert not [c for c in claims if c.place.name == "Kharkiv"]


def test_english_words_that_geonames_lists_as_places_are_not_places(analyse):
    claims = analyse("Progress around Kupiansk has been slow, Russian commanders admitted while their units advanced "
                     "in Kupiansk.")
    assert {c.place.name for c in claims} == {"Kupiansk"}


def test_first_names_are_not_places(analyse):
    claims = analyse("Volodymyr Zelensky, speaking after a call with Vladimir Putin's envoy, said his troops had "
                     "advanced near Kupiansk.")
    assert {c.place.name for c in claims} == {"Kupiansk"}


def test_a_capital_standing_for_its_government_is_not_a_place(analyse):
    assert [c for c in analyse("On Sunday Kyiv reported sweeping territorial gains.") if c.place.name == "Kyiv"] == []


def test_an_unknown_village_is_kept_unresolved_not_turned_into_another(analyse):
    # Bubnarivka is in no gazetteer; Ramkivka is one consonant from Rakivka, another village, not a slip
    claims = analyse("Kyiv reported that Ukrainian units had liberated Ramkivka and Bubnarivka, close to Kupiansk.")
    for name in ("Ramkivka", "Bubnarivka"):
        (found,) = [c for c in claims if c.place_text == name]
        assert (found.place.resolved, found.place.name) == (False, name)


def test_the_city_skips_a_village_named_in_between(analyse):
    claims = analyse("Russian artillery pounded Kupiansk overnight. Drones later struck the village of Kindrashivka. "
                     "Ukrainian commanders insisted the city stayed under Ukrainian control.")
    (city,) = [c for c in claims if c.place_text == "the city"]
    assert city.place.name == "Kupiansk"


def test_the_city_skips_a_place_too_small_to_have_its_population_listed(analyse):
    claims = analyse("Russian troops shelled Kostiantynivka on Monday. Moscow also claimed Oleksandro-Shultyne. "
                     "A Ukrainian commander said the city was still in Ukrainian hands.")
    (city,) = [c for c in claims if c.place_text == "the city"]
    assert city.place.name == "Kostiantynivka"


def test_the_river_is_the_last_river_named(analyse):
    claims = analyse("The Oskol River runs past Kupiansk-Vuzlovyi. Putin claimed that a dozen Ukrainian battalions "
                     "were trapped on the eastern bank of the river.")
    (river,) = [c for c in claims if c.place_text == "the river"]
    assert (river.place.name, river.claim, river.subject_side) == ("Oskil", ClaimType.ENCIRCLED, Side.UA)


def test_the_village_lands_on_the_last_named_place(analyse):
    claims = analyse("Russian units assaulted Kindrashivka before dawn.\n"
                     "Ukrainian soldiers reported that they had repulsed the attack on the village.")
    (back,) = [c for c in claims if c.place_text == "the village"]
    assert (back.place.name, back.claim, back.subject_side) == ("Kindrashivka", ClaimType.REPELLED, Side.UA)


def test_a_misspelt_name_is_read_near_its_oblast(analyse):
    claims = analyse("The regional governor said Ukrainian units had pulled back from Sieverodonetsk in Luhansk "
                     "province.")
    assert {c.place.name for c in claims} == {"Sievierodonetsk"}


def test_unknown_settlements_match_across_spellings(analyse):
    first = analyse("Gerasimov announced that Russian units had liberated Bubnarovka.")
    second = analyse("Ukrainian soldiers still hold the village of Bubnarivka, their commander said.")
    assert {c.place.id for c in first} == {c.place.id for c in second} == {"unresolved:bubnarivka"}
    assert first[0].place.resolved is False


def test_a_name_the_oblast_given_does_not_fit_stays_unresolved(analyse):
    (claim,) = [c for c in analyse("Zelensky said his army had freed Novoheorhiivka in Kharkiv region.")  # none there
                if c.place_text == "Novoheorhiivka"]
    assert (claim.place.resolved, claim.place.admin1) == (False, "Kharkiv Oblast")


def test_regions_named_after_cities_in_running_text(analyse):
    claims = analyse("Gerasimov said Russian units kept expanding their buffer zone inside the Kharkov and Sumy "
                     "regions.")
    assert {c.place.name for c in claims} == {"Sumy Oblast", "Kharkiv Oblast"}


# A river that shares its bare name with a town (the Dnipro and the city of Dnipro, the Oskil and its
# village): a sentence about crossing it, its bank or an attempt to cross means the river.
@pytest.mark.parametrize("text, place", [
    ("Ukrainian marines tried again to cross the Dnipro in small boats, the Russian army said.", "Dnieper"),
    ("Russian troops have crossed the Oskil north of Kupiansk, the ministry said.", "Oskil"),
    ("Marines still hold a narrow foothold on the eastern bank of the Dnipro, their commander said.", "Dnieper"),
])
def test_what_is_crossed_is_the_river(analyse, text, place):
    kinds = {c.place.name: c.place.kind.value for c in analyse(text)}
    assert kinds.get(place) == "river", kinds


def test_a_bare_river_name_without_a_crossing_is_the_town(analyse):
    claims = analyse("Russian missiles struck Dnipro overnight, the regional governor said.")
    assert {c.place.name for c in claims} == {"Dnipro"}


# A Title Case headline the recogniser reads as one organisation: a name followed by "Village" or "Town"
# is still a settlement, and the claim is about it, not about the place that only locates it.
@pytest.mark.parametrize("text, place", [
    ("Ukrainian Army Reports Full Liberation of Frontline Kurakhove Village Near Pokrovsk", "Kurakhove"),
    ("Defence Ministry Confirms Total Capture of Small Siversk Town in Donetsk Region", "Siversk"),
])
def test_a_name_before_village_or_town_is_a_place_in_any_headline(analyse, text, place):
    claims = analyse(text)
    assert place in {c.place.name for c in claims}
    assert not any(c.place.kind == PlaceKind.OBLAST for c in claims)


# A reservoir named in full is the reservoir, not the town it is named after, and carries the claim.
@pytest.mark.parametrize("text, place", [
    ("Russian units are pushing across the drained Kakhovka Reservoir, a Ukrainian spokesman said.",
     "Kakhovka Reservoir"),
    ("Ukrainian drones struck a Russian pontoon crossing on the Oskil Reservoir, the brigade said.",
     "Oskil Reservoir"),
    ("Russian forces have reached the dam of the Karlivka Reservoir, the ministry said.", "Karlivka Reservoir"),
])
def test_a_reservoir_is_the_reservoir_not_its_town(analyse, text, place):
    assert {c.place.name for c in analyse(text)} == {place}


def test_the_town_with_nothing_before_it_is_not_a_place_its_own_sentence_names_apart(analyse):
    """ "The village lies 20 km north of X": with no settlement named before it, "the village" would be
    the one the article names most, but not X, which its own sentence names as another place."""
    claims = analyse("The village lies 12 km east of Russian-held Avdiivka, a Ukrainian officer said.")
    assert [c.claim for c in claims if c.place.name == "Avdiivka"] == [ClaimType.CONTROL]


def test_the_town_with_nothing_before_it_is_the_place_the_article_names_most(analyse):
    claims = analyse("Drones hit the town overnight.\nUkrainian units still hold Kupiansk, the army said.")
    assert {c.place.name for c in claims} == {"Kupiansk"}
    assert any(c.place_text == "the town" for c in claims)


@pytest.mark.parametrize("text, place, government", [
    # the possessor of a capture of another place took it: a government, not a place claimed
    ("Kyiv's recapture of Robotyne was confirmed by the general staff.", "Robotyne", "Kyiv"),
    # a place before a passive speech verb is what was announced, not who announced it
    ("Moscow's seizure of Avdiivka was announced on Saturday.", "Avdiivka", "Moscow"),
])
def test_the_possessor_of_a_capture_of_another_place_is_no_place_claimed(analyse, text, place, government):
    claims = analyse(text)
    assert [c.claim for c in claims if c.place.name == place] == [ClaimType.CONTROL]
    assert not [c for c in claims if c.place.name == government]


def test_a_place_that_is_saying_something_stands_for_its_government(analyse):
    claims = analyse("Kyiv is saying Russian troops were repelled near Pokrovsk.")
    assert [(c.place.name, c.claimant) for c in claims] == [("Pokrovsk", "Kyiv")]


@pytest.mark.parametrize("text, place, government", [
    ("Kramatorsk is one of the last big cities Kyiv holds in the east.", "Kramatorsk", "Kyiv"),
    ("Moscow captured Avdiivka in February after months of fighting.", "Avdiivka", "Moscow"),
    ("Lyman was among the towns Moscow occupied in the spring of 2022.", "Lyman", "Moscow"),
])
def test_a_capital_that_takes_or_holds_another_place_is_its_government(analyse, text, place, government):
    """A capital as the subject of an active claim verb with an object (or whose object a relative clause
    leaves out) is the state that took or holds the other place; "Kyiv remains under control" is Kyiv."""
    claims = analyse(text)
    assert [c.claim for c in claims if c.place.name == place] == [ClaimType.CONTROL]
    assert not [c for c in claims if c.place.name == government]


def test_a_capital_that_remains_held_is_the_place(analyse):
    assert [c.place.name for c in analyse("Kyiv remains firmly under Ukrainian control.")] == ["Kyiv"]


def test_a_village_is_read_near_the_place_its_sentence_names(analyse):
    """Andriivka is the name of dozens of villages, the larger ones in Donetsk Oblast, which the article
    also names; the one 15 km from Yunakivka, named in the same sentence, is meant here."""
    claims = analyse("Russian troops pressed on in the Sumy region.\n"
                     "Moscow said its forces had captured Andriivka and were advancing on Yunakivka.\n"
                     "Fighting went on near Kostiantynivka in the Donetsk region.")
    found = {(c.place.admin1, c.place.resolved) for c in claims if c.place.name == "Andriivka"}
    assert found == {("Sumy Oblast", True)}


@pytest.mark.parametrize("text, place, region", [
    ("Russian forces captured Kamianske, Zaporizhzhia region, TASS said.", "Kamianske", "Zaporizhzhia Oblast"),
    ("Drones struck Nikopol, Dnipropetrovsk region, overnight.", "Nikopol", "Dnipropetrovsk Oblast"),
    ("Russian forces seized the village of Bilohorivka (Donetsk region).", "Bilohorivka", "Donetsk Oblast"),
])
def test_a_region_after_a_comma_or_in_brackets_only_says_where_the_place_is(analyse, text, place, region):
    """ "X, Y region" and "X (Y region)": the claim is about X, in Y; Y itself is claimed nothing."""
    claims = analyse(text)
    assert {(c.place.name, c.place.admin1) for c in claims} == {(place, region)}


def test_a_list_of_directions_claims_each_place(analyse):
    """ "north of X, west of Y": two places in a list of directions, not Y locating X."""
    claims = analyse("Russian forces attacked northwest of Svatove, west of Kreminna.")
    assert {c.place.name for c in claims} == {"Svatove", "Kreminna"}


def test_a_large_city_that_repels_is_still_the_place(analyse):
    """Only a capital that takes or holds another place stands for its government ("Moscow captured X")."""
    claims = analyse("Odesa repelled a massive drone attack overnight, the Ukrainian air force said.")
    assert "Odesa" in {c.place.name for c in claims}


@pytest.mark.parametrize("sentence, place", [
    ("Odesa was hit by drones overnight, the army said.", "Odesa"),
    ("Kharkiv was shelled again on Sunday.", "Kharkiv"),
])
def test_a_city_the_lexicon_lists_as_a_word_is_a_place_at_the_head_of_a_sentence(analyse, sentence, place):
    """The lemmatizer's word list has "odesa" and "kharkiv"; at a sentence's head the tagger calls them
    common nouns. A city of 100,000 or more is meant by its name all the same."""
    claims = analyse(f"Update\n\nThe army gave an update.\n\n{sentence}")
    assert place in {c.place.name for c in claims}
