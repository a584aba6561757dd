"""What is not a place, read by the trained pipeline: dates, the words of a unit's or an actor's name.

The sentences are composed for these tests; the gazetteer is a few rows with the traps in it.
"""

from __future__ import annotations

import pytest

from frontclaims.gazetteer import Gazetteer

ROWS = [
    ("1", "Toretsk", "Donetsk Oblast", "48.39", "37.85", "30000", ""),
    ("2", "May", "Bryansk Oblast", "52.3", "33.1", "", "Mai"),
    ("3", "Tavriiske", "Zaporizhzhia Oblast", "47.4", "35.3", "", "Tavria|Tavriya"),
    ("4", "Dnipro", "Dnipropetrovsk Oblast", "48.45", "34.98", "980000", "Dnepr"),
    ("5", "Kramatorsk", "Donetsk Oblast", "48.72", "37.56", "150000", ""),
    ("6", "Kupiansk", "Kharkiv Oblast", "49.71", "37.62", "27000", "Kupyansk"),
    ("7", "Marinka", "Donetsk Oblast", "47.94", "37.50", "9000", "Maryinka"),
]


@pytest.fixture(scope="module")
def nlp(sides):
    from frontclaims.nlp import add_components, load_trained

    fields = ("id", "name", "admin1", "lat", "lon", "population", "variants")
    rows = [{"kind": "settlement", "country": "UA", **dict(zip(fields, row))} for row in ROWS]
    return add_components(load_trained(), Gazetteer.from_rows(rows), sides)


def places(doc):
    return [s.text for s in doc.spans["places"] if s.label_ != "BACKREF"]


@pytest.mark.parametrize("text", [
    "The assault on Toretsk began on May 9, a Ukrainian officer said.",
    "Ukrainian troops had held Toretsk since early May, the brigade said.",
    "By the end of May Russian forces were inside Toretsk.",
])
def test_a_month_is_not_a_place(nlp, text):
    assert places(nlp(text)) == ["Toretsk"]


@pytest.mark.parametrize("text", [
    "The operational-strategic group Tavria said Russian troops had attacked Toretsk.",
    "A spokesman for the operational group Tavria reported fighting near Toretsk.",
    "Battlegroup Dnepr units struck Ukrainian positions near Toretsk, the Russian ministry said.",
])
def test_a_word_of_a_units_name_is_not_a_place(nlp, text):
    assert places(nlp(text)) == ["Toretsk"]


@pytest.mark.parametrize("text, wanted", [
    ("Water from the Toretsk-Donbas canal reached the town again.", []),
    ("Russian units massed along the Toretsk-Dnipro line, the army said.", ["Toretsk", "Dnipro"]),
    ("The Dnipro Reservoir was drained after the strike.", []),
])
def test_half_of_a_longer_name_is_no_place(nlp, text, wanted):
    assert places(nlp(text)) == wanted


# The recogniser joins a count that follows a name to it ("Kherson 40" an organisation, "Zaporizhzhia 17"
# a person, "Pokrovsk 25" an event): a number is no word of a name, so the place stands.
@pytest.mark.parametrize("text, place", [
    ("Russian troops shelled Dnipro 40 times in a day, she said.", "Dnipro"),
    ("Russian drones struck Kramatorsk 17 times overnight, the governor said.", "Kramatorsk"),
    ("Ukrainian troops have repelled attacks near Dnipro 25 times since Monday, the army said.", "Dnipro"),
])
def test_a_count_after_a_name_leaves_the_place(nlp, text, place):
    assert places(nlp(text)) == [place]


@pytest.mark.parametrize("text, wanted", [
    ("Shelling hit Kup’yansk overnight, the regional governor said.", ["Kup’yansk"]),
    ("Russian troops said they had entered Mar'inka from the east.", ["Mar'inka"]),
    ("Ukrainian units still hold positions west of Mar’inka, a commander said.", ["Mar’inka"]),
    ("Shelling hit Kupyansk overnight, the regional governor said.", ["Kupyansk"]),
])
def test_a_name_romanized_with_its_apostrophe_is_a_place(nlp, text, wanted):
    # letter-by-letter romanizations keep the Ukrainian apostrophe, and the recogniser may call such a word a time
    assert places(nlp(text)) == wanted
