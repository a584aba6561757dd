"""extraction.discourse: claims beyond a sentence's main assertion about a place; relative clauses about
the place, clauses tied to the main one, denials of the sentence before, claims about the whole front."""

from __future__ import annotations

import pytest

from frontclaims.models import ClaimType, Side


def only(claims, place):
    found = [c for c in claims if c.place.name == place]
    assert found, f"no claim about {place}: {[(c.place.name, c.claim.value) for c in claims]}"
    return found


def test_a_denial_of_the_claims_of_the_sentence_before(analyse):
    claims = analyse("The Kremlin said on Tuesday that Russian soldiers now held all of Kupiansk. "
                     "Kyiv rejected those claims within hours.")
    found = {(c.side, c.claim) for c in only(claims, "Kupiansk")}
    assert found == {(Side.RU, ClaimType.CONTROL), (Side.UA, ClaimType.DENIAL)}
    (denial,) = [c for c in claims if c.claim == ClaimType.DENIAL]
    assert (denial.denies, denial.subject_side, denial.place_text) == (ClaimType.CONTROL, Side.RU, "those claims")


def test_a_denial_of_a_claim_of_the_same_side_is_none(analyse):
    claims = analyse("Kyiv said on Tuesday that Ukrainian soldiers now held all of Kupiansk. "
                     "Ukrainian officials rejected those claims as premature.")
    assert ClaimType.DENIAL not in {c.claim for c in claims}


def test_a_clause_tied_to_the_main_one_adds_its_claim(analyse):
    claims = only(analyse("Kyiv said its soldiers entered Lyman late on Sunday, after surrounding several thousand "
                          "Russian troops."), "Lyman")
    kinds = {c.claim: c.subject_side for c in claims}
    assert kinds == {ClaimType.ADVANCE: Side.UA, ClaimType.ENCIRCLED: Side.RU}


@pytest.mark.parametrize("text, first, second", [
    ("Russian forces captured Kotlyne and advanced on Udachne.", ("Kotlyne", ClaimType.CONTROL),
     ("Udachne", ClaimType.ADVANCE)),
    (("The ministry said its forces had liberated Zelene Pole, a village west of Velyka Novosilka, and were "
      "pushing towards Vilne Pole."), ("Zelene Pole", ClaimType.CONTROL), ("Vilne Pole", ClaimType.ADVANCE)),
    ("Having entered Toretsk, Russian units then attacked Shcherbynivka.", ("Toretsk", ClaimType.ADVANCE),
     ("Shcherbynivka", ClaimType.ATTACK)),
])
def test_coordinated_clauses_with_places_of_their_own_claim_each_its_own(analyse, text, first, second):
    """A clause tied to the main one adds its claim only when it names no place of its own: capturing X and
    advancing on Y is no advance on X and no capture of Y."""
    claims = analyse(text)
    for place, kind in (first, second):
        assert {c.claim for c in only(claims, place)} == {kind}


def test_a_relative_clause_about_the_place_adds_its_claim(analyse):
    claims = only(analyse("Zaluzhny acknowledged that his brigades had pulled back to the edge of Maryinka, a town "
                          "where Russian commanders declared victory last week."), "Marinka")
    assert {(c.side, c.claim) for c in claims} == {(Side.UA, ClaimType.WITHDRAWAL), (Side.RU, ClaimType.CONTROL)}


# A relative clause whose claim word has a place of its own claims that place, not the one it hangs on.
@pytest.mark.parametrize("text, host, taken", [
    ("The brigade is dug in around Siversk, where it recaptured Ivano-Darivka last week, the commander said.",
     "Siversk", "Ivano-Darivka"),
    ("Fighting continues near Kupiansk, where Russian units captured Petropavlivka on Monday, the ministry said.",
     "Kupiansk", "Petropavlivka"),
    ("Ukrainian drones hit a depot in Tokmak, where Russian forces seized Ocheretuvate in the spring, the navy said.",
     "Tokmak", "Ocheretuvate"),
])
def test_a_relative_clause_about_another_place_claims_that_place(analyse, text, host, taken):
    claims = analyse(text)
    assert ClaimType.CONTROL not in {c.claim for c in claims if c.place.name == host}
    assert ClaimType.CONTROL in {c.claim for c in only(claims, taken)}


def test_settlements_taken_with_no_place_named_are_a_claim_about_the_whole_front(analyse):
    (claim,) = analyse("Russian troops have captured 12 settlements over the past month, the Russian Defence "
                       "Ministry said.")
    assert (claim.place.id, claim.claim, claim.side, claim.subject_side) == (
        "country:UA", ClaimType.CONTROL, Side.RU, Side.RU)
    assert claim.figure.normalised == "12 settlements" and "[control] front_wide" in claim.rule


def test_an_area_attacked_is_no_claim_about_the_whole_front(analyse):
    # only entries marked front_wide (control, advance) count an area as the whole front's
    assert analyse("Russian drones struck 40 square kilometres of farmland, the Ukrainian Air Force said.") == []


# A claim noun the main clause concedes ("despite ...", "amid ...") is asserted too.
@pytest.mark.parametrize("text, place, kinds", [
    ("Despite heavy Russian assaults, Ukrainian troops are holding their positions in Toretsk, the brigade said.",
     "Toretsk", {(ClaimType.CONTROL, Side.UA), (ClaimType.ATTACK, Side.RU)}),
    ("Ukrainian units are holding the line near Siversk despite constant Russian attacks, the spokesman said.",
     "Siversk", {(ClaimType.CONTROL, Side.UA), (ClaimType.ATTACK, Side.RU)}),
    ("Amid intense Russian shelling, Ukrainian defenders still control Vovchansk, the governor said.",
     "Vovchansk", {(ClaimType.CONTROL, Side.UA), (ClaimType.ATTACK, Side.RU)}),
    ("Near Pokrovsk the Ukrainian brigades hold their positions despite offensive actions by Russia, the "
     "spokeswoman said.", "Pokrovsk", {(ClaimType.CONTROL, Side.UA), (ClaimType.ATTACK, Side.RU)}),
])
def test_a_conceded_attack_is_claimed_beside_the_main_claim(analyse, text, place, kinds):
    assert {(c.claim, c.subject_side) for c in only(analyse(text), place)} == kinds


# A place the sentence locates by a distance takes the claim table's `located` entry ([advance]: how far
# the fighting is from it), with the distance as its figure, in the article's own voice, beside any
# other claim the sentence makes about it; the reference point is not claimed.
@pytest.mark.parametrize("text, place, figure, side", [
    ("Bilytske lies some 20 kilometres north of Dobropillia.", "Bilytske", 20, Side.NEUTRAL),
    # the reporter's background, not the quoted officials' claim
    ("Officials said Huliaipole sits roughly 10 miles from the front line.", "Huliaipole", 10, Side.NEUTRAL),
    ("Velyka Novosilka is about 60 km from Donetsk.", "Velyka Novosilka", 60, Side.NEUTRAL),
    ("Vovchansk, situated just 5 km from the border, has emptied.", "Vovchansk", 5, Side.NEUTRAL),
])
def test_a_place_located_by_a_distance_is_claimed_with_it(analyse, text, place, figure, side):
    claims = analyse(text)
    (claim,) = only(claims, place)
    assert claim.claim == ClaimType.ADVANCE and claim.subject_side == Side.UNKNOWN
    assert claim.figure is not None and claim.figure.value == figure
    assert claim.side == side
    assert len(claims) == 1  # the reference point ("Dobropillia", "Donetsk") is not claimed


@pytest.mark.parametrize("text, place, claims", [
    # another claim about the place is kept, and the distance is a claim of its own beside it
    ("Orikhiv, located 40 km southeast of Zaporizhzhia, was shelled on Monday.", "Orikhiv",
     [ClaimType.ATTACK, ClaimType.ADVANCE]),
    # unless it is already of the located type: one advance, not two
    ("Russian forces are 10 km from Pokrovsk.", "Pokrovsk", [ClaimType.ADVANCE]),
])
def test_a_located_place_with_a_claim_of_its_own_keeps_it(analyse, text, place, claims):
    assert sorted(c.claim for c in only(analyse(text), place)) == sorted(claims)


@pytest.mark.parametrize("text, place, located", [
    ("Russian forces shelled the village of Bilohorivka, located 10 km from Lysychansk.", "Bilohorivka", "Lysychansk"),
    ("Artillery pounded Kostiantynivka, 12 km from Chasiv Yar.", "Kostiantynivka", "Chasiv Yar"),
    # a wire's "(N miles)" and a direction, which the parser hangs anywhere but on the place
    ("Russian troops are stepping up attacks on Vovchansk, 5 km north of Kharkiv.", "Vovchansk", "Kharkiv"),
    ("Drones struck the town of Huliaipole, 80 km (50 miles) southeast of Zaporizhzhia.", "Huliaipole",
     "Zaporizhzhia"),
    ("Kyiv's troops are keeping up pressure on the town of Tyotkino, about 3 km (2 miles) east of Ukraine.",
     "Tyotkino", "Ukraine"),
])
def test_the_name_of_a_located_town_and_its_noun_take_the_distance(analyse, text, place, located):
    """ "the village of X, located ...", "X, 12 km from Y": the distance hangs on the settlement noun, or
    is the name's apposition; the place it is measured from is claimed neither way."""
    claims = analyse(text)
    assert sorted(c.claim for c in only(claims, place)) == [ClaimType.ADVANCE, ClaimType.ATTACK]
    assert not [c for c in claims if c.place.name == located]


def test_a_distance_after_a_place_that_is_not_where_it_lies_is_no_location(analyse):
    """ "X, 5 km in a day": a comma, then a distance that measures a movement, not where X is."""
    claims = only(analyse("Russian forces advanced on Vovchansk, 5 km in a single day."), "Vovchansk")
    assert [c.claim for c in claims] == [ClaimType.ADVANCE] and claims[0].subject_side == Side.RU


def test_a_distance_that_does_not_locate_the_place_claims_nothing(analyse):
    """ "The convoy drove 30 km to Kramatorsk": a distance in the sentence, but not where the place is."""
    assert analyse("The convoy drove 30 km to Kramatorsk on Monday.") == []
