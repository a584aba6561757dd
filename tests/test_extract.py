"""Claim extraction with the trained pipeline: attribution, claim types, sides, figures, places."""

from __future__ import annotations

import pytest

from frontclaims.models import ClaimType, Side

pytestmark = pytest.mark.usefixtures("trained_nlp")


def only(claims, place):
    found = [c for c in claims if c.place.name == place]
    assert found, f"no claim about {place}: {[(c.place.name, c.claim.value) for c in claims]}"
    return found


def test_according_to_is_reported_speech(analyse):
    claims = analyse("According to Ukrainian field commanders, Russian units in the town of Kupiansk are now largely cut off.")
    (claim,) = only(claims, "Kupiansk")
    assert claim.claim == ClaimType.ENCIRCLED
    assert claim.side == Side.UA
    assert claim.subject_side == Side.RU
    assert claim.claimant == "Ukrainian field commanders"


def test_subject_of_said_is_the_claimant(analyse):
    (claim,) = only(analyse("Russia's defence ministry said its forces had captured the village of Kindrashivka."),
                    "Kindrashivka")
    assert claim.claim == ClaimType.CONTROL
    assert claim.side == Side.RU and claim.subject_side == Side.RU
    assert "defence ministry" in claim.claimant


def test_negated_control_is_a_denial_of_the_other_side(analyse):
    (claim,) = only(analyse("Ukrainian officials said Russian troops do not control Kupiansk."), "Kupiansk")
    assert claim.claim == ClaimType.DENIAL
    assert claim.side == Side.UA
    assert claim.subject_side == Side.RU


def test_no_confirmation_is_no_claim(analyse):
    assert analyse("There was no official confirmation that Ukrainian troops had retaken Izyum.") == []


def test_hypothetical_capture_is_no_claim(analyse):
    assert analyse("The capture of Lyman would be a serious blow to Moscow, analysts said.") == []


def test_future_capture_counts_as_an_advance(analyse):
    (claim,) = only(analyse("Putin said Russian troops will take Kupyansk-Uzlovoy within days."), "Kupiansk-Vuzlovyi")
    assert claim.claim == ClaimType.ADVANCE
    assert claim.side == Side.RU and claim.subject_side == Side.RU


def test_back_reference_lands_on_the_last_named_place(analyse):
    claims = analyse("Russian forces attacked the village of Kindrashivka on Monday.\n"
                     "Ukrainian troops said they had repelled the assault on the village.")
    back = [c for c in claims if c.place_text == "the village"]
    assert back and back[0].place.name == "Kindrashivka"
    assert back[0].claim == ClaimType.REPELLED
    assert back[0].subject_side == Side.UA


def test_quotation_speaker(analyse):
    (claim,) = only(analyse('"Our troops are already in Lyman, but there are battles," Serhii Cherevatyi said.'), "Lyman")
    assert claim.side == Side.UA
    assert "Cherevatyi" in claim.claimant


def test_trailing_attribution_carries_back_within_the_paragraph(analyse):
    claims = analyse("There are 2,000 buildings in Kupyansk-Uzlovoy and 650 of them are under Russian control. "
                     "Russian troops are advancing in the town, the Russian president said.")
    first = [c for c in claims if c.place_text == "Kupyansk-Uzlovoy"]
    assert first and first[0].claimant == "the Russian president"
    assert first[0].side == Side.RU


def test_distance_figure_is_tied_to_the_claim(analyse):
    (claim,) = only(analyse("Gerasimov said forward units are at a distance of 12-14km from the outskirts of Zaporizhzhia."),
                    "Zaporizhzhia")
    assert claim.claim == ClaimType.ADVANCE
    assert claim.figure is not None and (claim.figure.value, claim.figure.value_max, claim.figure.unit) == (12, 14, "km")


def test_units_named_in_the_sentence(analyse):
    (claim,) = only(analyse("The 2nd National Guard Corps “Khartia” recaptured the village of Kindrashivka."),
                    "Kindrashivka")
    assert any("Khartia" in unit for unit in claim.units)
    assert claim.subject_side == Side.UA


def test_a_place_that_only_locates_another_carries_no_claim(analyse):
    claims = analyse("Russian forces are trying to take a village 30 km north of Kharkiv, a Russian-installed official said.")
    assert not [c for c in claims if c.place.name == "Kharkiv"]


def test_english_words_that_geonames_lists_as_places_are_not_places(analyse):
    claims = analyse("Progress near Kupiansk is slow, Russian forces said as they advanced in Kupiansk.")
    assert {c.place.name for c in claims} == {"Kupiansk"}


def test_first_names_are_not_places(analyse):
    claims = analyse("President Vladimir Putin met President Volodymyr Zelensky, who said troops advanced near Kupiansk.")
    assert {c.place.name for c in claims} == {"Kupiansk"}


def test_encircled_side_is_the_side_encircled(analyse):
    (claim,) = [c for c in only(analyse("Ukrainian forces encircled thousands of Russian troops near Lyman, Kyiv said."),
                                "Lyman") if c.claim == ClaimType.ENCIRCLED]
    assert claim.side == Side.UA
    assert claim.subject_side == Side.RU


def test_denial_of_the_claims_of_the_sentence_before(analyse):
    claims = analyse("Moscow announced in November that its troops had secured Kupiansk. "
                     "Ukrainian officials dismissed those claims as disinformation.")
    sides = {(c.side, c.claim) for c in claims if c.place.name == "Kupiansk"}
    assert (Side.RU, ClaimType.CONTROL) in sides
    assert (Side.UA, ClaimType.DENIAL) in sides


def test_a_statement_noun_before_a_that_clause_names_the_claimant(analyse):
    claims = analyse("The advance is a setback for Russia after Moscow's announcement in November that its troops "
                     "had secured Kupiansk.")
    (claim,) = only(claims, "Kupiansk")
    assert (claim.claimant, claim.side, claim.claim, claim.subject_side) == ("Moscow", Side.RU, ClaimType.CONTROL, Side.RU)


def test_a_capital_standing_for_its_government_is_not_a_place(analyse):
    assert [c for c in analyse("Kyiv announced massive territorial gains on Saturday.") if c.place.name == "Kyiv"] == []


def test_article_voice_is_the_outlet(analyse):
    (claim,) = only(analyse("MOSCOW (Reuters) - Russian forces captured the village of Lyptsi on Friday."), "Lyptsi")
    assert claim.claimant == "reporter (Reuters)"
    assert claim.side == Side.NEUTRAL
    assert claim.subject_side == Side.RU


def test_state_media_voice_is_russian(analyse):
    (claim,) = only(analyse("MOSCOW, May 2. /TASS/. Russian troops have liberated the village of Lyptsi."), "Lyptsi")
    assert claim.side == Side.RU


def test_unknown_village_is_kept_unresolved_not_turned_into_another(analyse):
    claims = analyse("Ukrainian troops liberated the villages of Kindrashivka and Radkivka near Kupiansk, Kyiv said.")
    radkivka = [c for c in claims if c.place_text == "Radkivka"]
    assert radkivka and radkivka[0].place.resolved is False
    assert radkivka[0].place.name == "Radkivka"


def test_evidence_offsets_point_into_the_article(analyse_article):
    article, claims = analyse_article("Headline about Kupiansk\nRussian forces captured Kupiansk, Moscow said.")
    assert claims
    for claim in claims:
        assert article.text[claim.start:claim.end] == claim.sentence


def test_no_forces_at_a_place_is_a_denial(analyse):
    (claim,) = only(analyse("According to DeepState maps, there are no Russians in Kupiansk."), "Kupiansk")
    assert (claim.side, claim.claim, claim.subject_side) == (Side.UA, ClaimType.DENIAL, Side.RU)


def test_a_clause_tied_to_the_main_one_adds_its_claim(analyse):
    claims = only(analyse("Ukrainian forces entered Lyman on Saturday after encircling thousands of Russian troops, "
                          "Kyiv said."), "Lyman")
    kinds = {c.claim: c.subject_side for c in claims}
    assert kinds[ClaimType.ADVANCE] == Side.UA
    assert kinds[ClaimType.ENCIRCLED] == Side.RU


def test_a_relative_clause_about_the_place_adds_its_claim(analyse):
    claims = only(analyse("Zaluzhny confirmed the retreat of his troops to the outskirts of Maryinka, a town where "
                          "Russian forces claimed victory on Monday."), "Marinka")
    assert {(c.side, c.claim) for c in claims} >= {(Side.UA, ClaimType.WITHDRAWAL), (Side.RU, ClaimType.CONTROL)}


def test_stopping_an_attack_is_repelling_it(analyse):
    (claim,) = only(analyse("Ukrainian troops repelled three Russian attacks near Kupiansk, the General Staff said."),
                    "Kupiansk")
    assert (claim.claim, claim.subject_side) == (ClaimType.REPELLED, Side.UA)


def test_a_danger_avoided_is_no_encirclement(analyse):
    claims = analyse("Ukrainian troops withdrew from the southern part of Velyka Novosilka to avoid encirclement, "
                     "a Ukrainian spokesman said.")
    assert {c.claim for c in claims} == {ClaimType.WITHDRAWAL}


def test_a_goal_is_no_claim(analyse):
    assert analyse("The capture of the Luhansk region is one of Russia's main goals.") == []


def test_a_wire_saying_not_conquered_says_who_holds_it(analyse):
    (claim,) = only(analyse("MOSCOW (Reuters) - Sievierodonetsk has not yet been conquered by Russian troops."),
                    "Sievierodonetsk")
    assert (claim.side, claim.claim, claim.subject_side) == (Side.NEUTRAL, ClaimType.CONTROL, Side.UA)


def test_headline_denial_names_its_speaker(analyse):
    (claim,) = [c for c in analyse("Ukraine's military dismisses Russian statement on situation in Kupiansk")
                if c.claim == ClaimType.DENIAL]
    assert claim.side == Side.UA and claim.subject_side == Side.RU


def test_a_quotation_takes_the_speaker_who_ends_the_one_before(analyse):
    claims = analyse('"Kupiansk is under our control," the Ukrainian General Staff said.\n'
                     '"Also untrue are statements that Russia captured 80% of Vovchansk."')
    (vovchansk,) = [c for c in claims if c.place.name == "Vovchansk" and c.claim == ClaimType.DENIAL]
    assert vovchansk.side == Side.UA and vovchansk.claimant == "the Ukrainian General Staff"


def test_claim_dates_resolve_against_the_article(analyse_article):
    _, claims = analyse_article(" date 2025-11-21\nRussia's defence ministry said on Thursday its forces had "
                                "captured Kupiansk.")
    (claim,) = [c for c in claims if c.place.name == "Kupiansk"]
    assert claim.date_text == "Thursday" or claim.date_text == "on Thursday"
    assert str(claim.claim_date) == "2025-11-20"


# -- places in running text ------------------------------------------------------------------------
def test_the_city_skips_a_village_named_in_between(analyse):
    claims = analyse("Russian troops shelled Kupiansk on Monday. They also attacked the village of Kindrashivka. "
                     "Ukrainian officials said the city remained under Ukrainian control.")
    (city,) = [c for c in claims if c.place_text == "the city"]
    assert city.place.name == "Kupiansk"


def test_the_river_is_the_last_river_named(analyse):
    claims = analyse("Kupiansk-Vuzlovyi lies along the bank of the Oskol River. "
                     "As many as 15 Ukrainian battalions are blocked on the left bank of the river, Putin said.")
    (river,) = [c for c in claims if c.place_text == "the river"]
    assert river.place.name == "Oskil"
    assert (river.claim, river.subject_side) == (ClaimType.ENCIRCLED, Side.UA)


def test_a_misspelt_name_is_read_near_its_oblast(analyse):
    claims = analyse("Ukraine has ordered the withdrawal of its troops from Sieverodonetsk in the Luhansk region, "
                     "the governor said.")
    assert {c.place.name for c in claims} == {"Sievierodonetsk"}


def test_unknown_settlements_match_across_spellings(analyse):
    first = analyse("The Russian forces have liberated the settlement of Kucherovka, Gerasimov said.")
    second = analyse("Ukrainian troops said they still hold the village of Kucherivka.")
    assert {c.place.id for c in first} == {c.place.id for c in second} == {"unresolved:kucherivka"}
    assert first[0].place.resolved is False


def test_a_name_the_oblast_given_does_not_fit_stays_unresolved(analyse):
    claims = analyse("Ukrainian troops had liberated Artemivka in Kharkiv region, Zelensky said.")
    (claim,) = [c for c in claims if c.place_text == "Artemivka"]
    assert claim.place.resolved is False and claim.place.admin1 == "Kharkiv Oblast"


def test_regions_named_after_cities_in_running_text(analyse):
    claims = analyse("Russian forces are expanding a security zone in the border areas of Sumy and Kharkov regions, "
                     "Gerasimov said.")
    assert {c.place.name for c in claims} == {"Sumy Oblast", "Kharkiv Oblast"}


def test_a_district_is_a_raion(analyse):
    (claim,) = analyse("Russian officials said two Ukrainian attacks were repelled in the Kupyansk district.")
    assert claim.place.name == "Kupiansk Raion" and claim.place.kind.value == "raion"
