"""Choosing among gazetteer candidates: spellings, old names, admin areas, context, ambiguity."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontclaims.gazetteer import Gazetteer
from frontclaims.models import PlaceKind
from frontclaims.resolve import Context, Cue, Outcome, choose, resolve, resolve_name


@pytest.mark.parametrize("spelling", ["Kupiansk", "Kupyansk", "Kupjansk", "Koupiansk", "Купянск", "Куп'янськ",
                                      "Куп’янськ", "KUPYANSK", "kup-yansk"])
def test_every_spelling_of_kupiansk(gazetteer, spelling):
    assert resolve_name(gazetteer, spelling).place.name == "Kupiansk"


@pytest.mark.parametrize("old, current", [("Krasnoarmeysk", "Pokrovsk"), ("Artyomovsk", "Bakhmut"),
                                          ("Artemovsk", "Bakhmut"), ("Dimitrov", "Myrnohrad"),
                                          ("Dnepropetrovsk", "Dnipro"), ("Krasny Liman", "Lyman"),
                                          ("Dzerzhinsk", "Toretsk"), ("Zhelannoye", "Bazhane"),
                                          ("Shchors", "Snovsk"), ("Novopskov", "Aidar")])
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
    ("Kakhovskoye Reservoir", "Kakhovka Reservoir", PlaceKind.RESERVOIR),
    ("Krasnooskolskoye Reservoir", "Oskil Reservoir", PlaceKind.RESERVOIR),
    ("Печенежское водохранилище", "Pechenihy Reservoir", PlaceKind.RESERVOIR),
])
def test_admin_areas_and_features(gazetteer, name, expected, kind):
    place = resolve_name(gazetteer, name).place
    assert (place.name, place.kind) == (expected, kind)


def test_typo_is_matched_only_when_it_is_a_slip(gazetteer):
    assert resolve_name(gazetteer, "Bakhmutt").place.name == "Bakhmut"
    assert resolve_name(gazetteer, "Ramkivka").place is None  # not Rakivka: a dropped consonant is another name
    assert "Rakivka" not in {c.place.name for c in gazetteer.candidates("Radkivka")}  # a real village of its own


def test_same_name_places_are_flagged_and_context_decides(gazetteer):
    plain = resolve_name(gazetteer, "Lyman")
    assert len({c.place.id for c, _ in plain.candidates}) > 1
    assert plain.place.admin1 == "Donetsk Oblast"  # the largest, without context
    kharkiv = resolve_name(gazetteer, "Lyman", Context(oblasts=frozenset({"Kharkiv Oblast"}),
                                                       sentence_oblasts=frozenset({"Kharkiv Oblast"})))
    assert kharkiv.place.admin1 == "Kharkiv Oblast"
    chosen = next(w for w in kharkiv.weighed if w.candidate.place.id == kharkiv.place.id)
    assert any("same sentence" in why for _, why in chosen.reasons)  # what put it above Donetsk's


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


# -- features, then a choice: unresolved and ambiguous are outcomes ---------------------------------
def _gazetteer(*rows):
    """A gazetteer of (id, name, admin1, country, lat, lon, population, variants) rows."""
    fields = ("id", "name", "admin1", "country", "lat", "lon", "population", "variants")
    return Gazetteer.from_rows([{"kind": "settlement", **dict(zip(fields, map(str, row)))} for row in rows])


def test_a_near_spelling_of_a_village_is_a_suggestion_not_a_resolution():
    # "Hornal" is not in this gazetteer; "Hornak" is one slip away (l and k are neighbours on a keyboard),
    # in an oblast nothing in the text names.
    gazetteer = _gazetteer(("h", "Hornak", "Donetsk Oblast", "UA", 48.2, 37.9, 800, ""))
    result = resolve_name(gazetteer, "Hornal")
    assert result.place is None and result.outcome == Outcome.UNRESOLVED
    assert [c.place.id for c, _ in result.candidates] == ["h"]  # shown as the candidate it is
    assert "nothing in the text confirms it" in result.reason
    confirmed = resolve_name(gazetteer, "Hornal", Context(sentence_oblasts=frozenset({"Donetsk Oblast"})))
    assert confirmed.place.id == "h"


def test_a_namesake_far_from_the_articles_places_is_not_taken_for_another_spelling():
    # The text names places near the Russian border; the only "Mielove" the gazetteer has is 400 km away,
    # and it matches only through another spelling.
    gazetteer = _gazetteer(("m", "Milove", "Luhansk Oblast", "UA", 49.37, 40.13, 5000, "Mielove"))
    near_the_border = Context(anchors=((51.19, 35.27),))
    result = resolve(gazetteer, "Mielove", near_the_border, Cue.NAME)
    assert result.place is not None and result.place.id != "m" and not result.place.resolved
    assert "far from the article's places" in result.reason
    assert resolve(gazetteer, "Mielove", Context(), Cue.NAME).place.id == "m"  # on its own, it is the one


def test_same_name_villages_without_context_stay_ambiguous_under_their_name():
    gazetteer = _gazetteer(("a1", "Sadove", "Sumy Oblast", "UA", 50.9, 34.8, "", ""),
                           ("a2", "Sadove", "Kherson Oblast", "UA", 46.6, 32.6, "", ""))
    result = resolve_name(gazetteer, "Sadove")
    assert result.outcome == Outcome.AMBIGUOUS and result.ambiguous
    assert result.place.name == "Sadove" and result.place.id.startswith("ambiguous:")
    assert result.place.admin1 == "" and not result.place.resolved
    assert {c.place.id for c, _ in result.candidates} == {"a1", "a2"}
    in_kherson = resolve_name(gazetteer, "Sadove", Context(sentence_oblasts=frozenset({"Kherson Oblast"})))
    assert in_kherson.place.id == "a2" and in_kherson.outcome == Outcome.RESOLVED


def test_an_ambiguous_name_keeps_the_oblast_its_candidates_share():
    gazetteer = _gazetteer(("b1", "Zelene", "Kharkiv Oblast", "UA", 49.9, 35.3, "", ""),
                           ("b2", "Zelene", "Kharkiv Oblast", "UA", 49.4, 35.3, "", ""))
    place = resolve_name(gazetteer, "Zelene", Context(oblasts=frozenset({"Kharkiv Oblast"}))).place
    assert place.id.startswith("ambiguous:") and place.admin1 == "Kharkiv Oblast"


def test_a_town_beats_a_same_name_village_next_to_it():
    # Two "Ternove": a town of 40,000 and a village of 900 a few km from it; the article names a place
    # near both. The town is what a reader means.
    gazetteer = _gazetteer(("t", "Ternove", "Donetsk Oblast", "UA", 48.30, 37.20, 40000, ""),
                           ("v", "Ternove", "Donetsk Oblast", "UA", 48.35, 37.10, 900, ""))
    assert resolve_name(gazetteer, "Ternove", Context(anchors=((48.36, 37.12),))).place.id == "t"


def test_a_village_without_a_listed_population_is_small_not_empty():
    # Two "Sadove": a village of 1,000 far away and an unlisted one (under 500 people) beside a place the
    # article names, in an oblast it names. Size is a weak prior: it must not outweigh both.
    gazetteer = _gazetteer(("far", "Sadove", "Donetsk Oblast", "UA", 48.3, 37.9, 1000, ""),
                           ("near", "Sadove", "Sumy Oblast", "UA", 51.1, 34.8, "", ""))
    context = Context(oblasts=frozenset({"Sumy Oblast", "Donetsk Oblast", "Kharkiv Oblast"}),
                      anchors=((51.05, 34.95),))
    assert resolve_name(gazetteer, "Sadove", context).place.id == "near"


def test_a_place_of_the_same_sentence_outweighs_one_named_elsewhere():
    # Two unlisted "Sadove" of the same size in oblasts the article names; one lies beside a place the
    # article names paragraphs away, the other as near one its own sentence names.
    gazetteer = _gazetteer(("there", "Sadove", "Donetsk Oblast", "UA", 48.3, 37.9, "", ""),
                           ("here", "Sadove", "Sumy Oblast", "UA", 51.1, 34.8, "", ""))
    article = {"oblasts": frozenset({"Sumy Oblast", "Donetsk Oblast"}), "anchors": ((48.31, 37.92), (51.11, 34.82))}
    assert resolve_name(gazetteer, "Sadove", Context(**article)).outcome == Outcome.AMBIGUOUS
    result = resolve_name(gazetteer, "Sadove", Context(**article, neighbours=((51.11, 34.82),)))
    assert result.place.id == "here" and "same sentence" in result.reason


def test_the_place_that_bears_a_name_today_beats_one_that_bore_it_once():
    # "Druzhba": a village named so today, and a town of the same size once named so (its old name is
    # among its variants). Today's bearer is meant, unless the text says otherwise.
    gazetteer = _gazetteer(("now", "Druzhba", "Donetsk Oblast", "UA", 48.4, 37.8, 1000, ""),
                           ("once", "Khutir-Mykhailivskyi", "Sumy Oblast", "UA", 52.0, 33.9, 1000, "Druzhba"))
    result = resolve(gazetteer, "Druzhba", Context(), Cue.NAME)
    assert result.place.id == "now" and result.outcome == Outcome.RESOLVED
    once = next(w for w in result.weighed if w.candidate.place.id == "once")
    assert ("match", "another place goes by this name now") in once.reasons
    near_sumy = resolve(gazetteer, "Druzhba", Context(sentence_oblasts=frozenset({"Sumy Oblast"})), Cue.NAME)
    assert near_sumy.place.id == "once"


def test_a_russian_village_of_the_same_name_says_nothing_against_a_ukrainian_spelling():
    # "Novoselovka" is the Russian spelling of Novoselivka and the current name of a Russian border village.
    gazetteer = _gazetteer(("ru", "Novoselovka", "Belgorod Oblast", "RU", 50.5, 36.9, 900, ""),
                           ("ua", "Novoselivka", "Donetsk Oblast", "UA", 48.2, 37.4, 900, "Novoselovka"))
    result = resolve(gazetteer, "Novoselovka", Context(sentence_oblasts=frozenset({"Donetsk Oblast"})), Cue.NAME)
    assert result.place.id == "ua"
    chosen = next(w for w in result.weighed if w.candidate.place.id == "ua")
    assert ("match", "another place goes by this name now") not in chosen.reasons


def test_a_district_centre_beats_the_smaller_village_of_its_name(gazetteer):
    # Korenevo, the centre of Korenevsky District (Kursk Oblast), has a village namesake 2 km away.
    result = resolve_name(gazetteer, "Korenevo")
    assert (result.place.name, result.place.population) == ("Korenevo", 6236)


def test_a_raion_the_text_names_decides_between_namesakes_of_one_oblast():
    # Three villages called Yasenove in one oblast; the text names the raion of the smallest.
    fields = ("id", "name", "raion", "population")
    rows = [("big", "Yasenove", "Pokrovsk Raion", "2400"), ("mid", "Yasenove", "Kramatorsk Raion", "900"),
            ("small", "Yasenove", "Bakhmut Raion", "")]
    gazetteer = Gazetteer.from_rows([{"kind": "settlement", "admin1": "Donetsk Oblast", "country": "UA", "lat": "48.5",
                                      "lon": "37.8", **dict(zip(fields, row))} for row in rows])
    bakhmut = frozenset({"Bakhmut Raion"})
    attached = resolve(gazetteer, "Yasenove", Context(raions=bakhmut, sentence_raions=bakhmut,
                                                      attached_raion="Bakhmut Raion"), Cue.NAME)
    assert attached.place.id == "small" and "where the text puts it" in attached.reason
    in_the_sentence = resolve(gazetteer, "Yasenove", Context(raions=bakhmut, sentence_raions=bakhmut), Cue.NAME)
    assert in_the_sentence.place.id == "small"
    assert resolve(gazetteer, "Yasenove", Context(), Cue.NAME).place.id != "small"


@pytest.mark.parametrize("text, raion", [
    ("Russian troops said they had taken Andriivka in the Bakhmut district.", "Bakhmut Raion"),
    ("Ukraine's army said it held Novoselivka, in Pokrovsk district, after heavy fighting.", "Pokrovsk Raion"),
    ("Fighting went on across the Kramatorsk district. Russia said its forces entered Andriivka.",
     "Kramatorsk Raion"),
])
def test_a_raion_named_in_the_article_places_a_common_village_name(analyse_article, gazetteer, text, raion):
    _, claims = analyse_article("Front update\n" + text)
    village = next(c.place for c in claims if c.place.name in ("Andriivka", "Novoselivka"))
    assert village.resolved and gazetteer.get(village.id).raion == raion


def test_a_name_written_without_the_dots_of_its_yo_is_its_current_name():
    # Russian is written without the dots of ё: "Berezovka" is how the press spells the town Берёзовка as
    # often as the village Березовка beside it, so the larger one wins, as between two namesakes.
    rows = [{"id": "town", "name": "Beryozovka", "name_ru": "Берёзовка", "population": "5400",
             "variants": "Berezovka"},
            {"id": "village", "name": "Berezovka", "name_ru": "Березовка", "population": "700"}]
    gazetteer = Gazetteer.from_rows([{"kind": "settlement", "admin1": "Belgorod Oblast", "country": "RU",
                                      "lat": "50.9", "lon": "36.1", **row} for row in rows])
    result = resolve(gazetteer, "Berezovka", Context(), Cue.NAME)
    assert result.place.id == "town" and result.outcome == Outcome.RESOLVED
    town = next(w for w in result.weighed if w.candidate.place.id == "town")
    assert ("match", "another place goes by this name now") not in town.reasons


def test_an_ambiguous_name_is_called_as_written_when_some_places_bear_it():
    # Two villages named Novoselivka today, and a larger one renamed Lisnivka that bore the name once: all
    # three fit about as well.
    gazetteer = _gazetteer(("a", "Novoselivka", "Odesa Oblast", "UA", 46.5, 30.1, 1000, ""),
                           ("b", "Novoselivka", "Kyiv Oblast", "UA", 50.3, 30.9, 1000, ""),
                           ("c", "Lisnivka", "Crimea", "UA", 45.1, 34.0, 5000, "Novoselivka"))
    place = resolve(gazetteer, "Novoselivka", Context(), Cue.NAME).place
    assert place.id.startswith("ambiguous:") and place.name == "Novoselivka"


def test_a_bare_name_in_running_text_is_no_city_district():
    # GeoNames lists a city's districts as populated places; one of them goes by "Shevchenko" too. In running
    # text a bare name is a settlement; "Shevchenkivskyi district" names the district.
    gazetteer = _gazetteer(("d", "Shevchenkivskyi raion", "Kyiv", "UA", 50.46, 30.47, 220000, "Shevchenko"),
                           ("v", "Shevchenko", "Donetsk Oblast", "UA", 48.2, 37.3, 1600, ""))
    assert resolve(gazetteer, "Shevchenko", Context(), Cue.NAME).place.id == "v"
    assert resolve(gazetteer, "Shevchenkivskyi raion", Context(), Cue.NAME).place.id == "d"


def test_the_country_the_text_puts_a_place_in_decides_between_namesakes():
    gazetteer = _gazetteer(("ua", "Oleshnia", "Sumy Oblast", "UA", 50.5, 34.9, "", "Oleshnya"),
                           ("ru", "Oleshnya", "Kursk Oblast", "RU", 51.2, 35.2, "", ""))
    assert resolve(gazetteer, "Oleshnya", Context(country="RU"), Cue.NAME).place.id == "ru"
    assert resolve(gazetteer, "Oleshnya", Context(country="UA"), Cue.NAME).place.id == "ua"


def test_near_the_front_line_decides_between_namesakes_when_nothing_else_does():
    gazetteer = _gazetteer(("west", "Novomykolaivka", "Khmelnytskyi Oblast", "UA", 49.4, 27.0, "", ""),
                           ("front", "Novomykolaivka", "Zaporizhzhia Oblast", "UA", 47.6, 35.9, "", ""))
    result = resolve_name(gazetteer, "Novomykolaivka")
    assert result.place.id == "front"
    assert result.weighed[0].features.front > result.weighed[1].features.front


def test_a_settlement_the_gazetteer_lacks_keeps_the_spelling_of_its_country():
    gazetteer = _gazetteer(("x", "Khutir", "Kharkiv Oblast", "UA", 50.0, 36.3, "", ""))
    russian = resolve(gazetteer, "Gorodets", Context(country="RU"), Cue.SETTLEMENT)
    assert russian.place.name == "Gorodets" and not russian.place.resolved
    ukrainian = resolve(gazetteer, "Gorodets", Context(), Cue.SETTLEMENT)
    assert ukrainian.place.name == "Horodets"  # written the Ukrainian way, as the gazetteer would


def test_running_text_never_names_a_country_but_a_user_may(gazetteer):
    assert resolve(gazetteer, "Ukraine", Context(), Cue.NAME).place is None
    assert resolve_name(gazetteer, "Ukraine").place.kind == PlaceKind.COUNTRY


def test_the_front_line_distance():
    from frontclaims.resolve import front_distance_km

    assert front_distance_km(48.59, 37.90) < 5  # on the line, by Chasiv Yar
    assert 250 < front_distance_km(50.45, 30.52) < 320  # Kyiv


def test_the_name_of_a_large_city_abroad_means_that_city_in_running_text():
    gazetteer = _gazetteer(("b", "Berlyn", "Lviv Oblast", "UA", 49.9, 24.3, "", "Berlin"))
    in_text = resolve(gazetteer, "Berlin", Context(), Cue.NAME)
    assert in_text.place is None and "Berlin (DE)" in in_text.reason
    assert resolve_name(gazetteer, "Berlin").place.id == "b"  # a user asking about it is shown the village
    assert resolve(gazetteer, "Berlin", Context(), Cue.SETTLEMENT).place.id == "b"  # "the village of Berlin"
    in_its_oblast = resolve(gazetteer, "Berlin", Context(sentence_oblasts=frozenset({"Lviv Oblast"})), Cue.NAME)
    assert in_its_oblast.place.id == "b"


def test_a_former_name_another_place_still_bears_goes_to_that_place_unless_context_says_otherwise():
    # Two towns of one country: one is called Ostrivka today, the other was called so until it was renamed
    # Lisove. With nothing to go on, "Ostrivka" is the one that bears the name now; in a sentence naming the
    # renamed town's oblast, it is the renamed town.
    gazetteer = Gazetteer.from_rows([
        {"id": "now", "name": "Ostrivka", "kind": "settlement", "admin1": "Poltava Oblast", "country": "UA",
         "lat": "49.6", "lon": "34.5", "population": "30000"},
        {"id": "was", "name": "Lisove", "kind": "settlement", "admin1": "Vinnytsia Oblast", "country": "UA",
         "lat": "49.2", "lon": "28.5", "population": "30000", "former_names": "Острівка/Островка//"}])
    plain = resolve_name(gazetteer, "Ostrivka")
    assert plain.place.id == "now"
    assert next(w for w in plain.weighed if w.candidate.place.id == "was").score < plain.weighed[0].score
    in_vinnytsia = resolve_name(gazetteer, "Ostrivka", Context(sentence_oblasts=frozenset({"Vinnytsia Oblast"})))
    assert in_vinnytsia.place.id == "was" and "former name" in in_vinnytsia.reason


def test_a_place_name_whose_places_all_lie_far_away_is_kept_unresolved():
    # The only "Zorianske" is an old name of a town 400 km from the places the article names: the name is
    # kept as written (no such place there), not dropped and not taken for the far town.
    gazetteer = Gazetteer.from_rows([{"id": "z", "name": "Svitle", "kind": "settlement", "admin1": "Poltava Oblast",
                                      "country": "UA", "lat": "49.0", "lon": "33.6", "population": "20000",
                                      "former_names": "Зорянське/Зорянское//2016"}])
    near_the_front = Context(anchors=((48.28, 37.18), (49.71, 37.62)))
    result = resolve(gazetteer, "Zorianske", near_the_front, Cue.NAME)
    assert result.place is not None and not result.place.resolved and result.place.name == "Zorianske"
    assert result.outcome == Outcome.UNRESOLVED and "kept as Zorianske" in result.reason
    assert resolve(gazetteer, "Zorianske", Context(), Cue.NAME).place.id == "z"


# -- the nearest pinned place --------------------------------------------------------------------------
def _points(n: int, seed: int) -> list[tuple[float, float]]:
    import random

    rng = random.Random(seed)
    return [(round(rng.uniform(44.5, 52.5), 3), round(rng.uniform(22.0, 40.5), 3)) for _ in range(n)]


@pytest.mark.parametrize("n", [3, 64, 65, 2_000])
def test_the_nearest_anchor_is_the_one_measuring_to_all_finds(n):
    from frontclaims.models import distance_km
    from frontclaims.resolve import FAR_KM, Anchors

    points = _points(n, n)
    anchors = Anchors(points + points[:5])  # the first five pinned twice
    for query in _points(200, n + 1) + points[:10]:
        own = query if query in points else None
        others = [p for p in points + points[:5] if p != own] + ([own] if own in points[:5] else [])
        exact = min(distance_km(query, p) for p in others)
        found = anchors.nearest_km(query, own)
        assert found == pytest.approx(exact) if exact <= FAR_KM or n <= 64 else found == math.inf


def test_an_article_naming_thousands_of_places_measures_few_distances(monkeypatch):
    """Each place is measured against the pinned places around it, not against all of them."""
    from frontclaims import resolve

    calls = [0]
    real = resolve.distance_km

    def counted(a, b):
        calls[0] += 1
        return real(a, b)

    points = _points(5_000, 7)
    anchors = resolve.Anchors(points)
    monkeypatch.setattr(resolve, "distance_km", counted)
    for query in points:
        anchors.nearest_km(query, query)
    assert calls[0] < 5_000 * 200


def test_an_anchor_pinned_only_by_the_mention_itself_does_not_count():
    from frontclaims.resolve import Anchors

    assert Anchors([(48.0, 37.0)]).nearest_km((48.0, 37.0), own=(48.0, 37.0)) is None
    assert Anchors([(48.0, 37.0)] * 2).nearest_km((48.0, 37.0), own=(48.0, 37.0)) == 0.0


def test_a_score_is_the_sum_of_every_feature_group():
    from dataclasses import fields

    from frontclaims.resolve import Features

    values = {f.name: 2.0 ** n for n, f in enumerate(fields(Features))}
    assert Features(**values).score == sum(values.values())


def test_what_the_text_calls_a_place_weighs_against_a_namesake_of_another_size():
    # A city of 300,000 and a village of the same name 25 km from the place the sentence also names: "the
    # village of Lozuvatka near Borivske" is the village; "the city of Lozuvatka" the city.
    gazetteer = _gazetteer(("city", "Lozuvatka", "Donetsk Oblast", "UA", 48.05, 37.9, 300000, ""),
                           ("village", "Lozuvatka", "Luhansk Oblast", "UA", 49.2, 37.95, "", ""))
    near_borivske = Context(neighbours=((49.05, 38.2),), anchors=((49.05, 38.2),))
    assert resolve(gazetteer, "Lozuvatka", near_borivske, Cue.NAME).place.id == "city"
    called = resolve(gazetteer, "Lozuvatka", Context(neighbours=((49.05, 38.2),), anchors=((49.05, 38.2),),
                                                    called="village"), Cue.NAME)
    assert called.place.id == "village" and any("no village" in why for w in called.weighed
                                                 for _, why in w.reasons)
    assert resolve(gazetteer, "Lozuvatka", Context(called="city"), Cue.NAME).place.id == "city"


@pytest.mark.parametrize("text, called", [
    ("Russian troops took the village of Lozuvatka.", "village"),
    ("Russian troops took Lozuvatka village.", "village"),
    ("Russian troops took Lozuvatka, a village near Borivske.", "village"),
    ("Missiles hit the city of Lozuvatka.", "city"),
    ("Russian troops took Lozuvatka.", ""),
    ("Russian troops took Lozuvatka, the village of Borivske and two hamlets.", ""),
    ("Russian troops shelled Lozuvatka, the city's mayor said.", ""),
    ("Russian troops took Lozuvatka, the town’s last road link.", ""),
])
def test_what_the_text_calls_a_place(text, called):
    import spacy

    from frontclaims.mentions import _called

    doc = spacy.blank("en")(text)
    start = next(t.i for t in doc if t.text == "Lozuvatka")
    assert _called(doc[start:start + 1]) == called


def test_another_spelling_of_a_front_line_village_far_from_the_articles_other_places_is_still_it():
    # A round-up of two sectors: the article pins a place in Kursk Oblast, then names a village by the line of
    # contact in Zaporizhzhia Oblast, 600 km away, in its Russian spelling. Far from the article's places is
    # no reason to doubt a front-line village; the same village 400 km behind the line is kept unresolved.
    row = {"id": "r", "name": "Robotyne", "kind": "settlement", "admin1": "Zaporizhzhia Oblast", "country": "UA",
           "lat": "47.45", "lon": "35.84", "population": "", "variants": "Rabotino"}
    in_kursk = Context(anchors=((51.2, 35.27),))
    assert resolve(Gazetteer.from_rows([row]), "Rabotino", in_kursk, Cue.NAME).place.id == "r"
    behind = Gazetteer.from_rows([{**row, "lat": "49.0", "lon": "30.5"}])
    assert resolve(behind, "Rabotino", in_kursk, Cue.NAME).outcome == Outcome.UNRESOLVED
