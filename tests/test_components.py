"""frontclaims' spaCy components on blank English pipelines with a few patterns."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from frontclaims.gazetteer import Gazetteer
from frontclaims.nlp import add_components
from frontclaims.sides import Sides

ROWS = [
    {"id": "1", "name": "Kupiansk", "kind": "settlement", "admin1": "Kharkiv Oblast", "country": "UA",
     "lat": "49.71", "lon": "37.61", "population": "27000", "variants": "Kupyansk|Купянск|Kup'yans'k"},
    {"id": "2", "name": "Kupiansk-Vuzlovyi", "kind": "settlement", "admin1": "Kharkiv Oblast", "country": "UA",
     "lat": "49.67", "lon": "37.64", "population": "8000", "variants": "Kupyansk-Uzlovoy|Kupyansk-Vuzlovyy"},
    {"id": "3", "name": "Kharkiv", "kind": "settlement", "admin1": "Kharkiv Oblast", "country": "UA",
     "lat": "49.98", "lon": "36.25", "population": "1400000", "variants": "Kharkov"},
    {"id": "4", "name": "Sumy", "kind": "settlement", "admin1": "Sumy Oblast", "country": "UA",
     "lat": "50.9", "lon": "34.8", "population": "256000", "variants": ""},
    {"id": "UA-63", "name": "Kharkiv Oblast", "kind": "oblast", "admin1": "Kharkiv Oblast", "country": "UA",
     "lat": "49.7", "lon": "36.4", "population": "", "variants": "Kharkiv region|Kharkov region|Kharkov Region"},
    {"id": "UA-59", "name": "Sumy Oblast", "kind": "oblast", "admin1": "Sumy Oblast", "country": "UA",
     "lat": "50.9", "lon": "34.8", "population": "", "variants": "Sumy region"},
    # GeoNames traps: places called like English words and first names.
    {"id": "5", "name": "In", "kind": "settlement", "admin1": "", "country": "RU", "lat": "", "lon": "",
     "population": "100", "variants": "Inn"},
    {"id": "6", "name": "Progress", "kind": "settlement", "admin1": "", "country": "RU", "lat": "", "lon": "",
     "population": "100", "variants": ""},
    {"id": "7", "name": "Volodymyr", "kind": "settlement", "admin1": "Volyn Oblast", "country": "UA", "lat": "",
     "lon": "", "population": "38000", "variants": "Vladimir"},
]


@pytest.fixture(scope="module")
def nlp():
    return add_components(spacy.blank("en"), Gazetteer.from_rows(ROWS), Sides.load())


def spans(doc, group):
    return [(s.text, s.label_) for s in doc.spans[group]]


def test_places_any_spelling(nlp):
    doc = nlp("Russian troops entered Kupyansk and Купянск.")
    assert spans(doc, "places") == [("Kupyansk", "PLACE"), ("Купянск", "PLACE")]


def test_longest_name_wins(nlp):
    doc = nlp("Fighting near Kupyansk-Uzlovoy in the Kharkov region.")
    assert spans(doc, "places") == [("Kupyansk-Uzlovoy", "PLACE"), ("Kharkov region", "PLACE")]


def test_lower_case_words_are_not_places(nlp):
    doc = nlp("The progress in the war is slow, in Kupiansk and elsewhere.")
    assert [t for t, _ in spans(doc, "places")] == ["Kupiansk"]


def test_first_names_of_known_people_are_not_places(nlp):
    doc = nlp("President Volodymyr Zelensky met Vladimir Putin.")
    assert spans(doc, "places") == []


def test_regions_named_after_cities(nlp):
    doc = nlp("Russia is expanding a security zone in the border areas of Sumy and Kharkov regions.")
    assert spans(doc, "places") == [("Sumy", "REGION_OF"), ("Kharkov", "REGION_OF")]


def test_district_named_after_a_city(nlp):
    doc = nlp("Two attacks were repelled in the Kupyansk district.")
    assert spans(doc, "places") == [("Kupyansk district", "RAION_OF")]


def test_back_references(nlp):
    doc = nlp("Shelling hit the embattled town and this village overnight.")
    assert spans(doc, "places") == [("the embattled town", "BACKREF"), ("this village", "BACKREF")]


def test_a_settlement_named_by_the_text_but_not_in_the_gazetteer(nlp):
    doc = nlp("Troops liberated the villages of Radkivka and Vasylenkove near Kupiansk.")
    assert ("Radkivka", "UNKNOWN") in spans(doc, "places")
    assert ("Vasylenkove", "UNKNOWN") in spans(doc, "places")


def test_names_before_settlements(nlp):
    doc = nlp("They have liberated Kucherovka and Kupiansk settlements.")
    assert ("Kucherovka", "UNKNOWN") in spans(doc, "places")


@pytest.mark.parametrize("text, unit", [
    ("It was led by the 2nd National Guard Corps “Khartia” in the north.", "2nd National Guard Corps “Khartia”"),
    ("Frontline units of the West grouping of forces advanced.", "West grouping of forces"),
    ("The 10th army corps holds the line.", "10th army corps"),
    ("Units of Battlegroup Dnepr attacked.", "Battlegroup Dnepr"),
])
def test_units(nlp, text, unit):
    doc = nlp(text)
    assert unit in [s.text for s in doc.spans["units"]]


def test_units_are_looked_for_only_where_a_unit_word_is():
    from frontclaims.components import _required_words

    strings = spacy.blank("en").vocab.strings
    words = _required_words([[{"TEXT": "X"}, {"LOWER": {"IN": ["corps", "brigade"]}}], [{"LOWER": "pmc"}]], strings)
    assert {strings[w] for w in words} == {"corps", "brigade", "pmc"}
    # a pattern whose words are all optional or open-ended: no shortcut
    assert _required_words([[{"LOWER": "wagner", "OP": "?"}, {"IS_TITLE": True}]], strings) is None
    assert _required_words([[{"LOWER": {"NOT_IN": ["the"]}}]], strings) is None


def test_actors_carry_their_side(nlp):
    doc = nlp("Gerasimov said so, Zelenskyy denied it and DeepState mapped it, Reuters reported.")
    assert spans(doc, "actors") == [("Gerasimov", "RU"), ("Zelenskyy", "UA"), ("DeepState", "UA"), ("Reuters", "neutral")]


def test_figures(nlp):
    doc = nlp("Forward units are 12-14km away; up to 800 Ukrainian servicemen and 17 settlements, 80% of the town.")
    assert [s.text for s in doc.spans["figures"]] == ["12-14km", "up to 800 Ukrainian servicemen", "17 settlements", "80%"]


# -- spaCy's component protocol: initialize, to_disk, from_disk ----------------------------------------
CUSTOM = Path(__file__).parent / "data" / "custom_gazetteer.csv"
SENTENCE = "Russian troops shelled Vydumanovka in the Donetsk region on Monday."


def _places(doc) -> list[tuple[str, str]]:
    return [(s.text, s.label_) for s in doc.spans["places"]]


@pytest.fixture
def initialized():
    """A blank pipeline with the actor and place components, initialized from a config naming a gazetteer."""
    nlp = spacy.blank("en")
    nlp.add_pipe("frontclaims_actors")
    nlp.add_pipe("frontclaims_places")
    nlp.config["initialize"]["components"]["frontclaims_places"] = {"gazetteer": [str(CUSTOM)]}
    nlp.initialize()
    return nlp


def test_initialize_loads_the_gazetteer_the_config_names(initialized):
    assert _places(initialized(SENTENCE)) == [("Vydumanovka", "PLACE"), ("Donetsk region", "PLACE")]


def test_a_saved_pipeline_loads_with_the_same_places(initialized, tmp_path):
    initialized.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert _places(loaded(SENTENCE)) == _places(initialized(SENTENCE)) != []
    assert loaded.get_pipe("frontclaims_actors").sides is not None


def test_a_gazetteer_built_in_memory_is_saved_with_the_pipeline(tmp_path):
    nlp = add_components(spacy.blank("en"), Gazetteer.from_rows(ROWS), Sides.load())
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    text = "Fighting continued near Kupyansk and in the Kharkov region."
    assert _places(loaded(text)) == _places(nlp(text)) != []


def test_a_place_component_without_a_gazetteer_warns_and_finds_nothing():
    nlp = spacy.blank("en")
    nlp.add_pipe("frontclaims_places")
    with pytest.warns(UserWarning, match="no gazetteer"):
        doc = nlp(SENTENCE)
    assert _places(doc) == []


@pytest.mark.parametrize("name", ["frontclaims_places", "frontclaims_actors", "frontclaims_units",
                                  "frontclaims_figures"])
def test_the_factories_say_what_they_assign(name):
    nlp = spacy.blank("en")
    nlp.add_pipe(name)
    assert "doc.spans" in nlp.get_pipe_meta(name).assigns
