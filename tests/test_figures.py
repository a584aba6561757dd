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


# -- every figure a claim can state: three composed sentences per form --------------------------------
def _found(text: str) -> list[tuple[str, str]]:
    return [(text[start:end], figure.normalised) for start, end, figure in find_figures(text)]


@pytest.mark.parametrize("text, figure, normalised", [
    ("Russian units are now 12 km west of the town.", "12 km", "12 km"),
    ("The village lies some 8 kilometres south of the railway hub.", "some 8 kilometres", "8 km"),
    ("Ukrainian troops dug in about 3 miles east of the river.", "about 3 miles", "3 mi"),
])
def test_a_distance_from_a_place(text, figure, normalised):
    assert _found(text) == [(figure, normalised)]


@pytest.mark.parametrize("text, figure, normalised", [
    ("Assault groups have advanced to within 5 km of the city.", "5 km", "5 km"),
    ("The brigade pushed within two kilometres of the highway.", "two kilometres", "2 km"),
    ("Shelling reached positions within 800 metres of the plant.", "800 metres", "800 m"),
])
def test_within_a_distance(text, figure, normalised):
    assert _found(text) == [(figure, normalised)]


@pytest.mark.parametrize("text, figure, normalised", [
    ("Forward units moved 12-14km in a week.", "12-14km", "12-14 km"),
    ("The wedge is between 3 and 4 kilometres deep.", "3 and 4 kilometres", "3-4 km"),
    ("They were pushed back five to seven kilometers.", "five to seven kilometers", "5-7 km"),
])
def test_a_range_of_distances(text, figure, normalised):
    assert _found(text) == [(figure, normalised)]


@pytest.mark.parametrize("text, figure, normalised", [
    ("The front moved half a kilometre overnight.", "half a kilometre", "0.5 km"),
    ("Troops crossed the field, a kilometre and a half wide.", "a kilometre and a half", "1.5 km"),
    ("The bridgehead is one and a half kilometres deep.", "one and a half kilometres", "1.5 km"),
    ("The column stopped a mile short of the town.", "a mile", "1 mi"),
    ("A 10-km buffer zone was declared along the border.", "10-km", "10 km"),
])
def test_a_distance_in_words(text, figure, normalised):
    assert _found(text) == [(figure, normalised)]


@pytest.mark.parametrize("text, figure, normalised", [
    ("Kyiv said it had retaken more than 500 square kilometers in the south.", "more than 500 square kilometers", "500 km2"),
    ("The ministry claimed 13 km2 of the district.", "13 km2", "13 km2"),
    ("Troops seized about 200 sq km of farmland.", "about 200 sq km", "200 km2"),
    ("The army recaptured three square kilometres near the village.", "three square kilometres", "3 km2"),
    ("A pocket of some 40 hectares remains.", "some 40 hectares", "40 ha"),
])
def test_an_area(text, figure, normalised):
    assert _found(text) == [(figure, normalised)]


@pytest.mark.parametrize("text, figure, normalised", [
    ("Moscow says it holds 80 percent of the town.", "80 percent", "80 %"),
    ("Russian troops control 80% of Toretsk.", "80%", "80 %"),
    ("Nearly 60 per cent of the district is contested.", "Nearly 60 per cent", "60 %"),
    ("Estimates put Russian control at between 30 and 40 percent of the city.", "30 and 40 percent", "30-40 %"),
])
def test_a_share_in_percent(text, figure, normalised):
    assert _found(text) == [(figure, normalised)]


@pytest.mark.parametrize("text, figure, normalised", [
    ("Russia now holds one fifth of the region.", "one fifth", "20 %"),
    ("Ukrainian forces hold a third of the city.", "a third", "33.3 %"),
    ("Half of the town lies in ruins.", "Half", "50 %"),
    ("The assault took half the village in a day.", "half", "50 %"),
    ("They control two-thirds of the district.", "two-thirds", "66.7 %"),
    ("Three quarters of the settlement was destroyed.", "Three quarters", "75 %"),
])
def test_a_share_as_a_fraction(text, figure, normalised):
    assert _found(text) == [(figure, normalised)]


@pytest.mark.parametrize("text", [
    "Attacks slowed in the second half of the year.",
    "Fighting flared on the third of March.",
    "The convoy waited for half an hour.",
    "A quarter of an hour later the shelling resumed.",
])
def test_a_fraction_that_is_no_share(text):
    assert _found(text) == []


@pytest.mark.parametrize("text, figure, normalised", [
    ("Russian forces took three villages this week.", "three villages", "3 settlements"),
    ("The General Staff said 17 settlements were freed.", "17 settlements", "17 settlements"),
    ("Twenty-two localities came under fire.", "Twenty-two localities", "22 settlements"),
    ("A dozen villages were shelled overnight.", "A dozen villages", "12 settlements"),
])
def test_a_count_of_settlements(text, figure, normalised):
    assert _found(text) == [(figure, normalised)]


@pytest.mark.parametrize("text, figure, normalised", [
    ("Of the town's buildings, 650 buildings are in Russian hands.", "650 buildings", "650 buildings"),
    ("The General Staff said six attacks were repelled.", "six attacks", "6 attacks"),
    ("Defenders repelled 29 Russian assaults near the town.", "29 Russian assaults", "29 attacks"),
    ("There were more than 200 shelling incidents overnight.", "more than 200 shelling incidents", "200 incidents"),
    ("The army reported 134 combat clashes along the front.", "134 combat clashes", "134 clashes"),
    ("Air defences shot down 40 drones over the region.", "40 drones", "40 drones"),
    ("As many as 15 battalions are cut off.", "As many as 15 battalions", "15 battalions"),
    ("The enemy lost over 74,000 troops in the region.", "over 74,000 troops", "74000 servicemen"),
    ("The ministry put enemy losses at 1,200 troop casualties.", "1,200 troop casualties", "1200 casualties"),
])
def test_a_count_of_what_a_claim_counts(text, figure, normalised):
    assert _found(text) == [(figure, normalised)]


@pytest.mark.parametrize("text, figure, normalised", [
    ("Russian troops tried to storm the village four times.", "four times", "4 times"),
    ("The enemy attacked our positions near the town 11 times.", "11 times", "11 times"),
    ("Assault groups tried six times to break through.", "six times", "6 times"),
])
def test_how_often_something_was_tried(text, figure, normalised):
    assert _found(text) == [(figure, normalised)]


@pytest.mark.parametrize("text", ["The force is three times larger than the garrison.",
                                  "Russia fired two times as many shells.", "Losses were five times higher."])
def test_a_ratio_is_no_count(text):
    assert all(unit != "times" for _, unit in _found(text))
    assert all("times" not in found for found, _ in _found(text))


@pytest.mark.parametrize("text, figures", [
    ("There are 2,000 buildings in the town, and some 650 of them are held by Russia.",
     [("2,000 buildings", "2000 buildings"), ("some 650 of them", "650 buildings")]),
    ("Russia named 12 villages it had taken; 5 of them lie north of the river.",
     [("12 villages", "12 settlements"), ("5 of them", "5 settlements")]),
    ("Two of the five villages are back in Ukrainian hands.", [("Two of the five villages", "2 settlements")]),
    ("Seven out of ten buildings were damaged.", [("Seven out of ten buildings", "7 buildings")]),
])
def test_a_part_of_a_count(text, figures):
    assert _found(text) == figures


def test_of_them_needs_a_count_before_it():
    assert _found("Some 650 of them are under Russian control.") == []
    assert _found("The town had 900 houses. About 300 of them burned.") == [("900 houses", "900 buildings")]


@pytest.mark.parametrize("text, figure, normalised", [
    ("Six brigades were moved to the sector.", "Six brigades", "6 brigades"),
    ("Two thousand soldiers took part.", "Two thousand soldiers", "2000 servicemen"),
    ("One hundred meters separate the trenches.", "One hundred meters", "100 m"),
    ("Half a dozen villages were evacuated.", "Half a dozen villages", "6 settlements"),
    ("Two dozen villages were evacuated.", "Two dozen villages", "24 settlements"),
    ("Some 20-odd villages changed hands.", "Some 20-odd villages", "20 settlements"),
])
def test_numbers_written_as_words(text, figure, normalised):
    assert _found(text) == [(figure, normalised)]


@pytest.mark.parametrize("text", [
    "Dozens of villages were shelled.", "Hundreds of soldiers were wounded.", "Several settlements changed hands.",
    "Thousands of troops massed on the border.", "Scores of houses were destroyed.",
])
def test_a_vague_quantity_is_no_number(text):
    assert _found(text) == []


@pytest.mark.parametrize("text", [
    "The 93rd brigade held the line.", "Soldiers of the 47th and 93rd brigades advanced.",
    "Troops of the 155th Marine Brigade attacked.",
])
def test_a_brigade_number_is_no_figure(text):
    assert _found(text) == []


@pytest.mark.parametrize("text", [
    "On 24 February 2022 the invasion began.", "In 2024 villages in the region emptied.",
    "Fighting resumed at 5:30 am.", "Shelling continued for 24 hours.", "The offensive lasted three weeks.",
])
def test_a_year_a_date_or_a_time_is_no_figure(text):
    assert _found(text) == []


@pytest.mark.parametrize("text", [
    "A 45-year-old soldier was wounded.", "The soldier, aged 45, was evacuated.", "Men aged 18 to 60 may not leave.",
])
def test_an_age_is_no_figure(text):
    assert _found(text) == []


@pytest.mark.parametrize("text", [
    "Washington pledged $500 million in aid.", "The package is worth 5 million dollars.", "Kyiv spent 300 million hryvnias.",
    "The drones cost €20 million.", "The fund paid 1,000 euros per soldier.",
])
def test_money_is_no_figure(text):
    assert _found(text) == []


@pytest.mark.parametrize("text", [
    "F-16 fighters arrived.", "S-300 missiles were fired at the city.", "Su-34 bombers struck the bridge.",
    "Crews fired 155mm shells.", "The H-20 highway was cut.",
])
def test_a_model_or_road_name_is_no_figure(text):
    assert _found(text) == []


def test_a_count_after_a_year_word_only_when_the_year_reads_as_one():
    assert _found("The enemy lost 2000 soldiers.") == [("2000 soldiers", "2000 servicemen")]
    assert _found("Since 2014 soldiers have held the town.") == []


def test_large_numbers_are_written_in_digits():
    assert parse_figure("over 2.5 million troops").normalised == "2500000 servicemen"
    assert parse_figure("half a million soldiers").normalised == "500000 servicemen"


@pytest.mark.parametrize("text", [
    "Zaporizhzhia, a city of over 700,000 people, is 30 km away.",
    "The town, home to 20,000 residents, is 30 km away.",
    "Before the war 15,000 inhabitants lived in the town, 30 km away.",
])
def test_a_population_is_no_figure_of_a_claim(text):
    assert _found(text) == [("30 km", "30 km")]


def test_a_claim_keeps_the_unit_a_part_takes_from_its_sentence(analyse):
    """The extractor takes a figure as found in the whole sentence, so "3 of them" stays a count of villages."""
    (claim,) = analyse("The ministry listed 12 villages and said its troops had captured 3 of them near Kupiansk.")
    assert (claim.figure.value, claim.figure.unit) == (3, "settlements")
