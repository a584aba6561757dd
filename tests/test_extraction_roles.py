"""extraction.roles: whose forces a claim is about, as the claim table's `subject` says: the agent, the
patient (encircled), the claimant's opponent (denial) or nobody (fighting)."""

from __future__ import annotations

import pytest

from frontclaims.extraction import roles
from frontclaims.extraction.context import Speaker
from frontclaims.models import ClaimType, Side

UKRAINIAN = Speaker("Kyiv", Side.UA, "r")
WIRE = Speaker("reporter", Side.NEUTRAL, "r")

ENCIRCLED = """
Ukrainian ADJ amod 1
forces NOUN nsubj 2 force
encircled VERB ROOT 2 encircle
Russian ADJ amod 4
troops NOUN dobj 2 troop
"""


def test_the_agent_is_whoever_does_it(parse, sides):
    doc = parse(ENCIRCLED.replace("encircled VERB ROOT 2 encircle", "attacked VERB ROOT 2 attack"))
    assert roles.agent(doc[2]).text == "forces"
    assert roles.subject_side(doc[2], ClaimType.ATTACK, WIRE, sides) == Side.UA


REPORTED_ENCIRCLED = """
Kyiv PROPN nsubj 1
said VERB ROOT 1 say
Ukrainian ADJ amod 3
forces NOUN nsubj 4 force
encircled VERB ccomp 1 encircle
thousands NOUN dobj 4 thousand
of ADP prep 5
Russian ADJ amod 8
troops NOUN pobj 6 troop
"""


def test_for_an_encirclement_the_subject_is_who_is_encircled(parse, sides):
    doc = parse(REPORTED_ENCIRCLED)
    assert roles.patient(doc[4]).text == "troops"  # "thousands of troops": the troops
    assert roles.subject_side(doc[4], ClaimType.ENCIRCLED, UKRAINIAN, sides) == Side.RU


@pytest.mark.xfail(strict=True, reason="an active encircling verb at the root of its sentence takes its own "
                                       "subject as the encircled (the rule for 'troops are encircled' runs first)")
def test_an_encircling_verb_at_the_root_has_its_object_as_the_patient(parse):
    assert roles.patient(parse(ENCIRCLED)[2]).text == "troops"


@pytest.mark.xfail(strict=True, reason="an active encircling verb at the root of its sentence takes its own "
                                       "subject as the encircled (the rule for 'troops are encircled' runs first)")
def test_an_unattributed_encirclement_is_of_the_forces_encircled(analyse):
    (claim,) = analyse("Ukrainian forces encircled hundreds of Russian troops near Lyman.")
    assert (claim.claim, claim.subject_side) == (ClaimType.ENCIRCLED, Side.RU)


def test_a_passive_agent(parse, sides):
    doc = parse("""
Lyman PROPN nsubjpass 2
was AUX auxpass 2 be
captured VERB ROOT 2 capture
by ADP agent 2
Russian ADJ amod 5
troops NOUN pobj 3 troop
""")
    assert roles.subject_side(doc[2], ClaimType.CONTROL, UKRAINIAN, sides) == Side.RU


def test_our_troops_are_the_speakers_side(parse, sides):
    doc = parse("our PRON poss 1\ntroops NOUN nsubj 2 troop\nentered VERB ROOT 2 enter\nLyman PROPN dobj 2")
    assert roles.subject_side(doc[2], ClaimType.ADVANCE, UKRAINIAN, sides) == Side.UA


def test_the_owner_of_a_loss_is_the_side_that_loses(parse, sides):
    doc = parse("Russia PROPN poss 2\n's PART case 0\nloss NOUN ROOT 2\nof ADP prep 2\nLyman PROPN pobj 3")
    assert roles.subject_side(doc[2], ClaimType.CONTROL, WIRE, sides) == Side.UA


@pytest.mark.parametrize("kind, expected", [(ClaimType.DENIAL, Side.RU), (ClaimType.FIGHTING, Side.UNKNOWN)])
def test_denials_are_about_the_other_side_and_fighting_about_no_side(parse, sides, kind, expected):
    doc = parse(ENCIRCLED)
    assert roles.subject_side(doc[2], kind, UKRAINIAN, sides) == expected


def test_with_no_word_to_read_the_subject_is_the_speakers_side(sides):
    assert roles.subject_side(None, ClaimType.CONTROL, UKRAINIAN, sides) == Side.UA


# "their attacks" as the object of a verb are the attacks of the verb's subject, not of the speaker's
# side (as a bare "their" would be read): the pronoun stands for the subject of its own clause.
@pytest.mark.parametrize("text, place, subject", [
    ("Russian forces are concentrating their attacks in the Pokrovsk direction, the Ukrainian military said.",
     "Pokrovsk", Side.RU),
    ("Ukrainian brigades have stepped up their assaults near Robotyne, a Russian blogger wrote.", "Robotyne", Side.UA),
    ("Moscow's troops resumed their offensive on Vuhledar, Kyiv said.", "Vuhledar", Side.RU),
])
def test_their_attacks_are_those_of_the_verbs_subject(analyse, text, place, subject):
    (claim,) = [c for c in analyse(text) if c.place.name == place]
    assert claim.subject_side == subject


# A claim noun that is the passive subject of a light verb belongs to the verb's agent.
@pytest.mark.parametrize("text, place, subject", [
    ("Gains were achieved by Ukrainian units around Robotyne, the analysts wrote.", "Robotyne", Side.UA),
    ("Some progress was made by Moscow's brigades near Toretsk, a blogger claimed.", "Toretsk", Side.RU),
])
def test_a_claim_noun_made_by_someone_is_theirs(analyse, text, place, subject):
    (claim,) = [c for c in analyse(text) if c.place.name == place]
    assert claim.subject_side == subject
