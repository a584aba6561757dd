"""figures.py: numbers with units, normalised to value (or range) and unit."""

from __future__ import annotations

import pytest

from frontclaims.figures import find_figures, parse_figure
from frontclaims.models import Figure


@pytest.mark.parametrize("text, figure_text, value, value_max, unit", [
    ("advanced 12-14km toward the town", "12-14km", 12, 14, "km"),
    ("captured more than 500 square kilometers of land", "more than 500 square kilometers", 500, None, "km2"),
    ("liberated 17 settlements in a month", "17 settlements", 17, None, "settlements"),
    ("surrounded up to 800 Ukrainian servicemen", "up to 800 Ukrainian servicemen", 800, None, "servicemen"),
    ("80% of the town is destroyed", "80%", 80, None, "%"),
    ("controls 89 percent of the city", "89 percent", 89, None, "%"),
    ("lost more than 155,000 personnel", "more than 155,000 personnel", 155_000, None, "servicemen"),
    ("pushed 5 to 7 kilometers west", "5 to 7 kilometers", 5, 7, "km"),
    ("moved 5–7 km", "5–7 km", 5, 7, "km"),
    ("between 5 and 7 km from the city", "5 and 7 km", 5, 7, "km"),
    ("about 3.5 km from the river", "about 3.5 km", 3.5, None, "km"),
    ("seized 40 sq km", "40 sq km", 40, None, "km2"),
    ("a 10 km² bridgehead", "10 km²", 10, None, "km2"),
    ("two thousand troops", "two thousand troops", 2000, None, "servicemen"),
    ("twenty-five villages", "twenty-five villages", 25, None, "settlements"),
    ("a dozen villages were shelled", "a dozen villages", 12, None, "settlements"),
    ("destroyed 12 tanks", "12 tanks", 12, None, "vehicles"),
    ("within 10 miles", "10 miles", 10, None, "mi"),
    ("advanced 300 meters", "300 meters", 300, None, "m"),
    ("25 per cent of the region", "25 per cent", 25, None, "%"),
    ("a front of 1,000 km", "1,000 km", 1000, None, "km"),
])
def test_find_figures(text, figure_text, value, value_max, unit):
    ((start, end, figure),) = find_figures(text)
    assert text[start:end] == figure.text == figure_text
    assert figure.value == value
    assert figure.value_max == value_max
    assert figure.unit == unit


@pytest.mark.parametrize("text", [
    "in 2022 the war began",
    "the 65th Mechanized Brigade held the line",
    "the 3rd Assault Brigade",
    "at 5 am the shelling began",
    "on 24 February 2022",
    "150% more than last year",  # a share above 100% is not a share of anything
    "1.5 million",  # no unit
    "Brigade 65",
    "",
])
def test_no_figure(text):
    assert list(find_figures(text)) == []
    assert parse_figure(text) is None


def test_several_figures_in_order():
    text = "They took 17 settlements, advanced 5 km and hold 20% of the district."
    found = [(f.text, f.normalised) for _, _, f in find_figures(text)]
    assert found == [("17 settlements", "17 settlements"), ("5 km", "5 km"), ("20%", "20 %")]


def test_parse_figure_is_the_first():
    figure = parse_figure("advanced 12-14km and took 3 villages")
    assert figure == Figure(text="12-14km", value=12, value_max=14, unit="km")


def test_reversed_range_keeps_only_the_first_value():
    figure = parse_figure("up to 14-12 km")
    assert (figure.value, figure.value_max) == (14, None)


@pytest.mark.parametrize("figure, normalised", [
    (Figure(text="12-14km", value=12, value_max=14, unit="km"), "12-14 km"),
    (Figure(text="more than 500 square kilometers", value=500, unit="km2"), "500 km2"),
    (Figure(text="about 3.5 km", value=3.5, unit="km"), "3.5 km"),
    (Figure(text="155,000 personnel", value=155_000, unit="servicemen"), "155000 servicemen"),
    (Figure(text="80%", value=80, unit="%"), "80 %"),
])
def test_normalised(figure, normalised):
    assert figure.normalised == normalised


def test_normalised_from_text():
    assert parse_figure("pushed 5 to 7 kilometers").normalised == "5-7 km"
    assert parse_figure("captured more than 500 square kilometers").normalised == "500 km2"


@pytest.mark.parametrize("text", ["Since 2014 Ukrainian troops held the town.", "In 2022 villages were shelled."])
def test_year_before_counted_noun_is_not_a_count(text):
    assert list(find_figures(text)) == []
