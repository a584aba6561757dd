"""Sides: the actors, outlets and regions tables, the cues that need no table, and the outlet a text comes from."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from frontclaims.models import Side
from frontclaims.names import name_key
from frontclaims.sides import Sides


def _rows(name: str) -> list[dict[str, str]]:
    with resources.files("frontclaims").joinpath("data", name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


ACTORS = _rows("actors.csv")
OUTLETS = _rows("outlets.csv")
REGIONS = _rows("region_sides.csv")


@pytest.fixture(scope="module")
def gazetteer_sides(sides, gazetteer):
    return sides.with_gazetteer(gazetteer)


# -- the actors table ------------------------------------------------------------------------------
@pytest.mark.parametrize("row", ACTORS, ids=[row["name"] for row in ACTORS])
def test_each_actor_is_found_in_its_example_and_gives_its_side(sides, row):
    """Every row arrives with a sentence in which that actor makes a claim."""
    actor = sides.find_actor(row["example"].split())
    assert actor is not None and actor.name == row["name"]
    assert sides.side_of(row["example"]) == Side(row["side"])


@pytest.mark.parametrize("row", ACTORS + OUTLETS, ids=[row["name"] for row in ACTORS + OUTLETS])
def test_each_row_is_sourced(row):
    assert row["source"].startswith(("Wikipedia: ", "official: ", "ISO 3166-2"))
    assert Side(row["side"]) in (Side.RU, Side.UA, Side.NEUTRAL)


def test_actor_kinds_are_the_known_ones():
    assert {row["kind"] for row in ACTORS} == {"person", "org", "unit", "monitor"}


def test_no_name_stands_for_two_sides():
    seen: dict[str, set[str]] = {}
    for row in ACTORS + OUTLETS:
        for alias in [row["name"], *filter(None, row["aliases"].split("|"))]:
            seen.setdefault(name_key(alias), set()).add(row["side"])
    assert {key: sides for key, sides in seen.items() if len(sides) > 1} == {}


def test_names_are_not_places_of_the_gazetteer(gazetteer):
    """A name that is also a place hides the place inside the actor span; only these are accepted, as the
    units' and people's names are far more common in war news than the villages: Azov and Tavria, and the
    surnames that are also the name of a village of the full gazetteer (Budanov: Budaniv in Ternopil Oblast)."""
    clashes = {name_key(alias) for row in ACTORS + OUTLETS
               for alias in [row["name"], *filter(None, row["aliases"].split("|"))]
               if gazetteer.lookup_key(name_key(alias))}
    assert clashes == {"azov", "tavria", "khortytsia", "zvezda", "lavrov", "лавров", "rogov", "strelkov", "reznikov",
                       "budanov", "буданов", "chaus"}


@pytest.mark.parametrize("name", ["Vadym Filashkin", "Oleksandr Syrskyi", "Battlegroup Vostok", "DeepState"])
def test_spellings_of_one_actor(sides, name):
    row = next(r for r in ACTORS if r["name"] == name)
    for alias in row["aliases"].split("|"):
        assert sides.actor_named(alias).name == name


@pytest.mark.parametrize("words, name", [
    ("Commander-in-Chief Sirsky said".split(), "Oleksandr Syrskyi"),
    ("Олександр Сирський заявив".split(), "Oleksandr Syrskyi"),
    ("the Tsentr group of forces".split(), "Battlegroup Tsentr"),
    ("Battlegroup Sever units".split(), "Battlegroup Sever"),
    ("Vladyslav Voloshyn , speaking to Ukrinform".split(), "Vladyslav Voloshyn"),
])
def test_find_actor(sides, words, name):
    assert sides.find_actor(words).name == name


def test_a_person_outranks_an_outlet_named_beside_him(sides):
    """"X, speaking to TASS" is X's, however short his name."""
    assert sides.find_actor("Maliar told Ukrinform".split()).name == "Hanna Maliar"
    assert sides.side_of("Gladkov, quoted by Ukrinform") == Side.RU
    assert sides.side_of("Ukrinform") == Side.UA


@pytest.mark.parametrize("phrase, side", [
    ("Chief of the Russian General Staff Valery Gerasimov", Side.RU),
    ("President Zelenskiy", Side.UA),
    ("the well-known military monitoring group DeepState", Side.UA),
    ("Reuters", Side.NEUTRAL),
    ("the Institute for the Study of War", Side.NEUTRAL),
    ("the Kremlin", Side.RU),
    ("Military analyst Emil Kastehelmi", Side.NEUTRAL),
    ("the Ministry of Defense of the aggressor country", Side.RU),
    ("the 2nd National Guard Corps “Khartia”", Side.UA),
    ("a local resident", Side.UNKNOWN),
])
def test_side_of_a_phrase(sides, phrase, side):
    assert sides.side_of(phrase) == side


@pytest.mark.parametrize("phrase", [
    "the Russian Volunteer Corps", "fighters of the Freedom of Russia Legion", "the RDK, a Russian volunteer unit"])
def test_russians_fighting_for_ukraine_are_ukraines(sides, phrase):
    assert sides.side_of(phrase) == Side.UA


# -- general cues: nationality and allegiance ------------------------------------------------------
@pytest.mark.parametrize("phrase, side", [
    ("a Ukrainian military spokesman", Side.UA),
    ("Kyiv's top commander in the east", Side.UA),
    ("officers of Ukraine's 3rd army corps", Side.UA),
    ("a Russian army officer", Side.RU),
    ("Moscow's negotiators", Side.RU),
    ("commanders of the Russian Federation's forces", Side.RU),
    ("a French military attaché", Side.NEUTRAL),
    ("US officials", Side.NEUTRAL),
    ("officials in the United States", Side.NEUTRAL),
])
def test_nationality_in_the_description(sides, phrase, side):
    assert sides.side_of(phrase) == side


@pytest.mark.parametrize("phrase, side", [
    ("the Russian-installed governor of Kherson", Side.RU),
    ("Zaporizhzhia's Moscow-appointed administrator", Side.RU),
    ("a Kremlin-backed official in the Kharkiv region", Side.RU),
    ("pro-Russian war bloggers", Side.RU),
    ("a Russia-appointed official in Kherson", Side.RU),
    ("the Kremlin-installed leader of the Zaporizhzhia region", Side.RU),
    ("the Ukrainian-appointed head of the Luhansk region", Side.UA),
    ("a pro-Kyiv partisan movement", Side.UA),
    ("Kyiv-backed officials of the occupied regions", Side.UA),
])
def test_allegiance_decides_before_the_place(sides, gazetteer_sides, phrase, side):
    assert sides.side_of(phrase) == side
    assert gazetteer_sides.side_of(phrase) == side


@pytest.mark.parametrize("phrase", [
    "the Ukrainian governor of the Russian-occupied Luhansk region",
    "Ukraine's mayor of Russian-occupied Melitopol",
    "a Ukrainian official from Russian-held Nova Kakhovka",
])
def test_an_occupied_place_is_no_allegiance_of_its_official(sides, phrase):
    assert sides.side_of(phrase) == Side.UA


@pytest.mark.parametrize("phrase", ["anti-Kremlin activists", "an anti-Kremlin outlet", "anti-Moscow protesters"])
def test_anti_is_no_allegiance(sides, phrase):
    assert sides.side_of(phrase) == Side.UNKNOWN


@pytest.mark.parametrize("phrase", [
    "Yan Example, an adviser to the head of the Donetsk People's Republic",
    "the Luhansk People’s Republic's militia",
    "officials of the self-proclaimed Lugansk People's Republic",
])
def test_the_peoples_republics_are_russias(sides, phrase):
    assert sides.side_of(phrase) == Side.RU


@pytest.mark.parametrize("phrase", [
    "a commander of the people's militia", "milbloggers close to the army", "several Z-bloggers", "a popular milblogger",
])
def test_militia_and_milbloggers_are_russias(sides, phrase):
    assert sides.side_of(phrase) == Side.RU


# -- general cues: the office of a place -----------------------------------------------------------
@pytest.mark.parametrize("phrase", [
    "the governor of the Kharkiv region",
    "Sumy's regional governor",
    "the head of the Zaporizhzhia regional military administration",
    "Kherson Oblast officials",
])
def test_an_official_of_a_ukrainian_oblast_is_ukraines(sides, phrase):
    assert sides.side_of(phrase) == Side.UA


@pytest.mark.parametrize("phrase", [
    "the governor of the Kursk region",
    "Belgorod's acting governor",
    "local authorities in Bryansk",
    "the Voronezh regional administration",
])
def test_an_official_of_a_russian_oblast_is_russias(sides, phrase):
    assert sides.side_of(phrase) == Side.RU


@pytest.mark.parametrize("phrase", ["the head of Crimea", "Sevastopol's governor", "the mayor of Horlivka"])
def test_an_official_of_a_place_held_since_2014_is_russias(sides, phrase):
    assert sides.side_of(phrase) == Side.RU


@pytest.mark.parametrize("phrase", ["the mayor of Kharkiv", "Odesa's mayor", "the Zaporizhzhia city council"])
def test_a_city_office_of_an_oblast_centre_without_a_gazetteer(sides, phrase):
    assert sides.side_of(phrase) == Side.UA


def test_a_city_office_and_a_regional_office_of_one_name(sides):
    assert sides.side_of("the mayor of Donetsk") == Side.RU
    assert sides.side_of("the Donetsk region’s military administration") == Side.UA
    assert sides.side_of("the governor of the Donetsk region") == Side.UA
    assert sides.side_of("Donetsk regional governor") == Side.UA


@pytest.mark.parametrize("phrase, side", [
    ("the mayor of Nikopol", Side.UA),
    ("a member of the city council of Izium", Side.UA),
    ("Vovchansk city military administration head", Side.UA),
    ("the head of the Shebekino district", Side.RU),
    ("Sudzha's Russian district chief", Side.RU),
])
def test_an_official_of_any_place_the_gazetteer_knows(gazetteer_sides, sides, phrase, side):
    assert gazetteer_sides.side_of(phrase) == side
    if "Russian" not in phrase:
        assert sides.side_of(phrase) == Side.UNKNOWN  # without a gazetteer only the regions table is read


@pytest.mark.parametrize("phrase", [
    "the head of the General Staff", "the chief of Defence Intelligence", "the head of Operational Command South",
    "the mayor's office", "the head of the press service",
])
def test_an_institution_named_after_an_office_is_no_place(gazetteer_sides, phrase):
    assert gazetteer_sides.reading(phrase)[1].startswith("official of") is False


def test_the_region_sides_agree_with_the_gazetteers_regions():
    """region_sides.csv repeats, for run time, the codes and countries of the build's data/regions.csv."""
    from pathlib import Path

    build = Path(__file__).resolve().parent.parent / "data" / "regions.csv"
    with build.open(encoding="utf-8", newline="") as fh:
        built = {row["id"]: row for row in csv.DictReader(fh)}
    ours = {row["code"]: row for row in REGIONS if row["code"] in built}
    assert set(built) <= set(ours)
    assert all((row["name"], row["country"]) == (built[code]["name"], built[code]["country"]) for code, row in ours.items())


def test_the_regions_table_names_each_oblast_once():
    oblasts = [row for row in REGIONS if row["kind"] == "oblast"]
    assert len({row["name"] for row in oblasts}) == len(oblasts)
    assert {row["country"] for row in REGIONS} == {"UA", "RU"}
    assert sum(row["country"] == "UA" and row["kind"] == "oblast" for row in REGIONS) == 25  # 24 oblasts and Crimea


@pytest.mark.parametrize("phrase, side", [
    ("the commander-in-chief", Side.UA),
    ("the army's commander-in-chief, speaking on television", Side.UA),
    ("a spokesman for the commander-in-chief", Side.UA),
    ("the Supreme Commander-in-Chief", Side.UNKNOWN),
    ("the commander-in-chief of the Russian Navy", Side.RU),
])
def test_commander_in_chief_is_ukraines_title(sides, phrase, side):
    assert sides.side_of(phrase) == side


# -- general cues: the outlet's own country --------------------------------------------------------
@pytest.mark.parametrize("phrase", [
    "a military spokesperson", "the General Staff", "the defence ministry's intelligence directorate",
    "the chief of the general staff", "an army spokesman in the east",
])
def test_an_unmarked_institution_is_the_outlets_countrys(sides, phrase):
    assert sides.side_of(phrase) == Side.UNKNOWN
    assert sides.side_of(phrase, home=Side.UA) == Side.UA
    assert sides.side_of(phrase, home=Side.RU) == Side.RU


@pytest.mark.parametrize("phrase", ["a Russian military spokesman", "the governor of the Kursk region",
                                    "the Kremlin's spokesman"])
def test_a_marked_institution_keeps_its_mark_in_a_national_outlet(sides, phrase):
    assert sides.side_of(phrase, home=Side.UA) == Side.RU


@pytest.mark.parametrize("phrase", ["a local resident", "witnesses", "a nurse at the hospital"])
def test_people_who_are_no_institution_have_no_home(sides, phrase):
    assert sides.side_of(phrase, home=Side.UA) == Side.UNKNOWN


# -- general cues: unit designations ---------------------------------------------------------------
@pytest.mark.parametrize("phrase", ["the 93rd brigade", "soldiers of the 47th Mechanized Brigade", "the 155th brigade's press service"])
def test_a_unit_number_alone_has_no_side(sides, phrase):
    assert sides.side_of(phrase) == Side.UNKNOWN


@pytest.mark.parametrize("phrase, side", [
    ("Ukraine's 93rd brigade", Side.UA),
    ("the Ukrainian 47th Mechanized Brigade", Side.UA),
    ("Russia's 155th marine brigade", Side.RU),
])
def test_a_unit_number_with_a_cue(sides, phrase, side):
    assert sides.side_of(phrase) == side


# -- general cues: the enemy, our troops, imagery --------------------------------------------------
@pytest.mark.parametrize("phrase", ["the enemy", "the adversary", "the occupiers"])
def test_the_enemy_is_the_other_side_of_the_speaker(sides, phrase):
    assert sides.side_of(phrase, Side.UA) == Side.RU
    assert sides.side_of(phrase, Side.RU) == Side.UA


@pytest.mark.parametrize("phrase", ["our guys", "its troops", "our assault units"])
def test_our_and_its_are_the_speakers_side(sides, phrase):
    assert sides.side_of(phrase, Side.RU) == Side.RU
    assert sides.side_of(phrase, Side.UA) == Side.UA
    assert sides.side_of(phrase) == Side.UNKNOWN


@pytest.mark.parametrize("phrase, side", [
    ("Footage", Side.NEUTRAL),
    ("satellite imagery", Side.NEUTRAL),
    ("geolocated photos", Side.NEUTRAL),
    ("footage released by the Russian Defence Ministry", Side.RU),
    ("drone footage published by a Ukrainian brigade", Side.UA),
])
def test_imagery_is_neutral_unless_someone_released_it(sides, phrase, side):
    assert sides.side_of(phrase) == side


def test_reading_names_the_cue(sides):
    assert sides.reading("the Russian-installed governor")[1] == "allegiance 'Russian-installed'"
    assert sides.reading("Syrsky")[1] == "person 'Oleksandr Syrskyi'"
    assert sides.reading("the governor of the Kursk region")[1] == "official of Kursk Oblast"


def test_sides_load_without_a_gazetteer(sides):
    assert sides.gazetteer is None
    assert Sides.load().side_of("Kharkiv's governor") == Side.UA


# -- outlets ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, outlet", [
    ("MOSCOW, Nov 20 (Reuters) - Russian forces ...", "Reuters"),
    ("MOSCOW (Reuters) – Russian forces ...", "Reuters"),
    ("Text.\n\n(Reporting by A. Writer; Editing by B. Editor)", "Reuters"),
    ("(MENAFN) Russian forces are reportedly ...", "MENAFN"),
    ("MOSCOW, December 2. /TASS/. Kupyansk-Uzlovoi ...", "TASS"),
    ("DONETSK, May 3 (TASS) - ...", "TASS"),
    ("LUGANSK, June 4. TASS/. Russian units ...", "TASS"),
    ("KYIV (CNN) — Ukrainian forces ...", "CNN"),
    ("Russian troops pressed on near Toretsk.\n— Kyiv Independent", "Kyiv Independent"),
    ("Support The Moscow Times!\n\nRussia 'Regroups' Troops ...", "The Moscow Times"),
    ("... refutes this, reports UNN.", "UNN"),
    ("Headline\n- Sputnik Africa, 1920, 10.04.2023\nText", "Sputnik"),
    ("Text of the piece.\nSubscribe to @SputnikAfrica", "Sputnik"),
    ("KYIV (Ukrinform) Text", "Ukrinform"),
    ("Headline\nUkrinform\nText, an Ukrinform correspondent reports.", "Ukrinform"),
    ("Russian troops tried to advance near Siversk. — Ukrinform", "Ukrinform"),
    ("MENAFN - UkrinForm) A spokesman said ...", "Ukrinform"),
    ("by A. Writer and The Kyiv Independent news desk January 10, 2025", "Kyiv Independent"),
    ("Headline\nby A. Writer January 3, 2025 2 min read\nThe Kyiv Independent\nText", "Kyiv Independent"),
])
def test_outlet_from_its_byline_or_credit(sides, text, outlet):
    assert sides.detect_outlet(text).name == outlet


@pytest.mark.parametrize("text", [
    "Russian troops entered the village, TASS reported.",
    "The commander told the Ukrinform news agency that the canal was held.",
    "Ukrinform quoted the spokesman as saying the town was held.",
    "The claim could not be verified, according to RIA Novosti.",
    "The ministry said so in a statement carried by Sputnik.",
    "He told the Kyiv Independent that the town was surrounded.",
    "RT reported that the village had been taken.",
    "The governor told the BBC that the town was held.",
    "As CNN notes, the front is 20 kilometres away.",
    "According to Interfax, the troops withdrew.",
])
def test_an_outlet_only_quoted_is_not_the_texts(sides, text):
    assert sides.detect_outlet(text) is None


def test_the_earliest_credit_wins_over_a_later_one(sides):
    assert sides.detect_outlet("KYIV (Reuters) - Text, an Ukrinform correspondent reports.").name == "Reuters"


def test_outlet_sides_and_homes(sides):
    assert sides.detect_outlet("MOSCOW, May 2. /TASS/. Text").side == Side.RU
    assert sides.detect_outlet("KYIV (Ukrinform) Text").side == Side.UA
    independent = sides.detect_outlet("by A. Writer and The Kyiv Independent news desk")
    assert (independent.side, independent.home) == (Side.NEUTRAL, Side.UA)
    wire = sides.detect_outlet("LONDON (Reuters) - Text")
    assert (wire.side, wire.home) == (Side.NEUTRAL, Side.UNKNOWN)
    assert sides.detect_outlet("A text with no outlet mark.") is None


@pytest.mark.parametrize("text, markers", [
    ("The Kiev regime keeps losing ground. Russian troops completed the liberation of Otradnoye, crushing Ukrainian "
     "militants.", 3),
    ("Units continue the special military operation. The liberation of the village exposed the Kiev regime's lies.", 3),
    ("Ukrainian neo-Nazis fled the town as the special military operation went on.", 2),
])
def test_an_article_in_the_kremlins_wording_speaks_for_russia(sides, text, markers):
    from frontclaims.sides import kremlin_wording

    assert len(kremlin_wording(text)) == markers
    assert sides.voice(text).side == Side.RU
    assert sides.detect_outlet(text) is None


@pytest.mark.parametrize("text", [
    'Moscow said the "Kiev regime" had lost the village, which it says it "liberated".',
    "Putin called the war a special military operation; Kyiv said troops had liberated the village.",
    "In what Moscow calls its special military operation, troops entered the village. Kiev said it was liberated.",
    "The Kiev regime, Russia's foreign ministry said, is doomed.",  # one marker is not enough
])
def test_the_kremlins_words_quoted_or_put_at_a_distance_are_not_the_articles(sides, text):
    assert sides.voice(text) is None


def test_a_byline_outranks_the_wording(sides):
    text = "KYIV (Reuters) - Russia said the Kiev regime's militants... the special military operation"
    assert sides.voice(text).name == "Reuters"


@pytest.mark.parametrize("pattern, runs", [
    (r"\bTASS reports\b|\(TASS\)|^TASS\b", ["TASS reports", "TASS", "TASS"]),
    (r"[-–—] Reuters\b|^Reuters \|", [" Reuters", "Reuters "]),
    (r"\bdpa-infocom\b", ["infocom"]),
    (r"Reuters?", None),  # an optional letter
    (r"\(AP\)|(?:Associated) Press", None),  # a group
    (r"\d+ km", None),  # a class written as an escape
    (r"TASS|", None),  # an empty alternative matches anything
])
def test_the_words_an_outlet_pattern_needs(pattern, runs):
    from frontclaims.sides import literal_runs

    assert literal_runs(pattern) == runs


def test_outlet_found_with_and_without_the_word_test(sides):
    """The substring test only skips searches that would fail: same outlet as searching every pattern."""
    texts = ["BERLIN (dpa) - Text", "... said the Associated Press.", "LONDON - Reuters could not verify it.",
             "Kyiv Independent reports; (Reuters) later", "no mark at all", "@SputnikInt posted"]
    for text in texts:
        searched = [(m.start(), n) for n, (_, p) in enumerate(sides.outlets) if (m := p.search(text))]
        expected = sides.outlets[min(searched)[1]][0] if searched else None
        assert sides.detect_outlet(text) == expected, text


# -- through the trained pipeline ------------------------------------------------------------------
@pytest.mark.parametrize("name", [
    "Oleksandr Syrskyi", "Valery Gerasimov", "Denis Pushilin", "Vyacheslav Gladkov", "Oleh Syniehubov",
    "Battlegroup Zapad", "DeepState", "Institute for the Study of War", "Hanna Maliar", "Defence Intelligence of Ukraine",
])
def test_an_actors_example_through_the_pipeline(analyse, name):
    row = next(r for r in ACTORS if r["name"] == name)
    claims = analyse(row["example"])
    assert claims and {c.side for c in claims} == {Side(row["side"])}


@pytest.mark.parametrize("text, side", [
    ("The governor of the Kursk region said Ukrainian troops had been pushed out of Sudzha.", Side.RU),
    ("Kharkiv's regional governor said Russian forces had shelled Kupiansk overnight.", Side.UA),
    ("The Kremlin-installed leader of the region said Russian troops had captured the village of Robotyne.", Side.RU),
    ("A Ukrainian military spokesman said Russian units had been repelled near Siversk.", Side.UA),
])
def test_a_cue_through_the_pipeline(analyse, text, side):
    claims = analyse(text)
    assert claims and {c.side for c in claims} == {side}


def test_an_unmarked_spokesman_in_a_ukrainian_outlet_through_the_pipeline(analyse_article):
    article, claims = analyse_article(
        "Russians attack near Siversk\nKYIV (Ukrinform) A military spokesperson said Russian troops had attacked "
        "Ukrainian positions near Siversk.")
    assert claims and {c.side for c in claims if "spokesperson" in c.claimant} == {Side.UA}


def test_a_new_spokesman_is_not_the_speaker_met_before(analyse_article):
    """"A spokesperson" introduces someone new: not the Russian ministry of the sentence before, but, in a
    Ukrainian outlet, Ukraine's."""
    article, claims = analyse_article(
        "Fighting near Toretsk\nby A. Writer and The Kyiv Independent news desk\n"
        "Russia's Defence Ministry claimed its forces had captured Toretsk. "
        "A military spokesperson said Ukrainian troops still held the western part of Toretsk.")
    assert {c.side for c in claims if c.claimant.lower().startswith("a military")} == {Side.UA}


def test_an_official_of_a_town_through_the_pipeline(analyse):
    """The extractor reads sides with its gazetteer: a town's council is that town's country's."""
    claims = analyse("A member of the city council of Nikopol said Russian shelling had hit Marhanets.")
    assert claims and {c.side for c in claims} == {Side.UA}


def test_an_article_in_the_kremlins_wording_through_the_pipeline(analyse):
    claims = analyse("Troops complete liberation of Krasnohorivka\n"
                     "The liberation of Krasnohorivka pushed the front further west. The Kiev regime lost "
                     "hundreds of Ukrainian militants there.")
    own = [c for c in claims if c.claimant.startswith("reporter")]
    assert own and {c.side for c in own} == {Side.RU}


def test_a_site_name_finds_its_outlet_and_the_text_s_own_marks_come_first(sides):
    """A web page's site name gives the article's voice when the text carries no outlet's marks; a
    wire story keeps its agency's voice on whatever site it appears."""
    assert sides.outlet_named("The Kyiv Independent").name == "Kyiv Independent"
    assert sides.outlet_named("TASS").side == Side.RU
    assert sides.outlet_named("Ministry of Defence of Ukraine") is None
    assert sides.outlet_named("Volodymyr Zelensky") is None  # an actor, not an outlet
    tass = sides.outlet_named("TASS")
    assert sides.voice("Fighting went on near Siversk overnight.", tass) is tass
    wire = "KYIV (Reuters) - Fighting went on near Siversk overnight."
    assert sides.voice(wire, tass).name == "Reuters"
    assert sides.voice("Fighting went on near Siversk overnight.") is None


@pytest.mark.parametrize("oblast, side", [
    ("Kharkiv Oblast", Side.UA), ("Kursk Oblast", Side.RU), ("Belgorod Oblast", Side.RU),
    ("Crimea", Side.RU), ("Sevastopol", Side.RU),  # governed by Russia since 2014: its officials are Russia's
    ("Kyiv", Side.UA),  # a city with an oblast's standing
    ("Nowhere Oblast", Side.UNKNOWN),
])
def test_the_side_of_an_oblasts_officials_is_that_of_the_state_governing_it(sides, oblast, side):
    assert sides.region_side(oblast) == side
