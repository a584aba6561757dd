"""Choosing among gazetteer candidates: spellings, old names, admin areas, context, ambiguity."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontclaims.gazetteer import Gazetteer
from frontclaims.models import PlaceKind
from frontclaims.resolve import Context, choose, resolve_name


@pytest.mark.parametrize("spelling", ["Kupiansk", "Kupyansk", "Kupjansk", "Koupiansk", "Купянск", "Куп'янськ",
                                      "Куп’янськ", "KUPYANSK", "kup-yansk"])
def test_every_spelling_of_kupiansk(gazetteer, spelling):
    assert resolve_name(gazetteer, spelling).place.name == "Kupiansk"


@pytest.mark.parametrize("old, current", [("Krasnoarmeysk", "Pokrovsk"), ("Artyomovsk", "Bakhmut"),
                                          ("Artemovsk", "Bakhmut"), ("Dimitrov", "Myrnohrad"),
                                          ("Dnepropetrovsk", "Dnipro"), ("Krasny Liman", "Lyman"),
                                          ("Dzerzhinsk", "Toretsk")])
def test_old_names(gazetteer, old, current):
    result = resolve_name(gazetteer, old)
    assert result.place.name == current
    assert "former name" in result.reason


@pytest.mark.parametrize("name, expected, kind", [
    ("Kharkiv region", "Kharkiv Oblast", PlaceKind.OBLAST),
    ("Zaporozhye Region", "Zaporizhzhia Oblast", PlaceKind.OBLAST),
    ("Kupyansk district", "Kupiansk Raion", PlaceKind.RAION),
    ("Oskol River", "Oskil", PlaceKind.RIVER),
    ("Donbass", "Donbas", PlaceKind.REGION),
])
def test_admin_areas_and_features(gazetteer, name, expected, kind):
    place = resolve_name(gazetteer, name).place
    assert (place.name, place.kind) == (expected, kind)


def test_typo_is_matched_only_when_it_is_a_slip(gazetteer):
    assert resolve_name(gazetteer, "Bakhmutt").place.name == "Bakhmut"
    assert resolve_name(gazetteer, "Radkivka").place is None  # not Rakivka


def test_same_name_places_are_flagged_and_context_decides(gazetteer):
    plain = resolve_name(gazetteer, "Lyman")
    assert len({c.place.id for c, _ in plain.candidates}) > 1
    assert plain.place.admin1 == "Donetsk Oblast"  # the largest, without context
    kharkiv = resolve_name(gazetteer, "Lyman", Context(oblasts=frozenset({"Kharkiv Oblast"}),
                                                       sentence_oblasts=frozenset({"Kharkiv Oblast"})))
    assert kharkiv.place.admin1 == "Kharkiv Oblast"
    assert "same sentence" in kharkiv.reason


def test_another_places_name_listed_by_mistake_is_not_a_variant(gazetteer):
    assert resolve_name(gazetteer, "Slovyansk").place.name == "Sloviansk"  # GeoNames lists it under Nikopol too
    assert resolve_name(gazetteer, "Lgov").place.name == "Lgov"  # and under Lgovskiy, next door


def test_nearby_places_decide_between_namesakes(gazetteer):
    lyman = gazetteer.candidates("Lyman")
    near_kharkiv_lyman = Context(anchors=((49.60, 36.45),))  # a few km from the Lyman of Kharkiv Oblast
    assert choose("Lyman", lyman, near_kharkiv_lyman).place.admin1 == "Kharkiv Oblast"


def test_unknown_name(gazetteer):
    result = resolve_name(gazetteer, "Xyzzyville")
    assert result.place is None
    assert result.candidates == ()


def test_ten_row_gazetteer_is_enough():
    gazetteer = Gazetteer.from_rows([
        {"id": "a", "name": "Alpha", "kind": "settlement", "admin1": "A Oblast", "country": "UA", "lat": "48",
         "lon": "37", "population": "10", "variants": "Alfa"},
        {"id": "b", "name": "Alpha", "kind": "settlement", "admin1": "B Oblast", "country": "UA", "lat": "50",
         "lon": "30", "population": "5000", "variants": ""},
    ])
    assert resolve_name(gazetteer, "Alfa").place.id == "a"
    assert resolve_name(gazetteer, "Alpha").place.id == "b"  # the most populous, without context
    assert resolve_name(gazetteer, "Alpha", Context(sentence_oblasts=frozenset({"A Oblast"}))).place.id == "a"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(max_size=60))
def test_any_text_resolves_or_says_nothing_fits(gazetteer, name):
    result = resolve_name(gazetteer, name)
    assert result.query == name
    if result.place is not None:  # whatever it chose is one of the candidates it weighed, or their raion
        assert result.place.id in {c.place.id for c, _ in result.candidates} or result.reason.startswith("the raion")
