"""gazetteer.py: loading (CSV, rows, cache), and which places a written name could mean."""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
from pathlib import Path

import pytest

from frontclaims import gazetteer as gazetteer_module
from frontclaims.errors import GazetteerError
from frontclaims.gazetteer import Gazetteer, _is_typo, cache_dir
from frontclaims.models import FormerName, PlaceKind

MINI_GAZETTEER = Path(__file__).parent / "data" / "mini_gazetteer.csv"
HEADER = "id,name,kind,admin1,country,lat,lon,population,name_uk,name_ru,former_names,variants\n"


def names(candidates):
    return [c.place.name for c in candidates]


def ids(candidates):
    return [c.place.id for c in candidates]


# -- building from CSV text and rows ---------------------------------------------------------------


def test_mini_gazetteer_places_and_fields(mini_gazetteer):
    assert len(mini_gazetteer) == 12
    kupiansk = mini_gazetteer.get("t-kupiansk")
    assert kupiansk.name == "Kupiansk"
    assert kupiansk.kind is PlaceKind.SETTLEMENT
    assert kupiansk.admin1 == "Kharkiv Oblast"
    assert (kupiansk.lat, kupiansk.lon) == (49.71003, 37.61581)
    assert kupiansk.population == 27169
    assert (kupiansk.name_uk, kupiansk.name_ru) == ("Куп’янськ", "Купянск")
    oskil = mini_gazetteer.get("t-oskil")
    assert oskil.kind is PlaceKind.RIVER
    assert oskil.lat is None and oskil.population is None
    assert mini_gazetteer.get("no-such-id") is None


def test_former_names_are_parsed_with_their_years(mini_gazetteer):
    pokrovsk = mini_gazetteer.get("t-pokrovsk")
    assert pokrovsk.former_names == (
        FormerName(name="Hryshyne", uk="Гришине", ru="Гришино", valid_from=None, valid_to=1934),
        FormerName(name="Krasnoarmiisk", uk="Красноармійськ", ru="Красноармейск", valid_from=1938, valid_to=2016),
    )
    assert pokrovsk.former_names[0].period == "–1934"
    assert pokrovsk.former_names[1].period == "1938–2016"


def test_from_csv_text_equals_load(mini_gazetteer):
    from_text = Gazetteer.from_csv_text(MINI_GAZETTEER.read_text(encoding="utf-8"))
    assert from_text.places == mini_gazetteer.places
    assert from_text.index == mini_gazetteer.index


def test_from_rows_with_missing_optional_columns():
    gaz = Gazetteer.from_rows([{"id": "x1", "name": "Testivka"}, {"id": "x2", "name": "Samplehrad", "kind": "raion"}])
    assert len(gaz) == 2
    assert gaz.get("x1").kind is PlaceKind.SETTLEMENT  # the default kind
    assert gaz.get("x2").kind is PlaceKind.RAION
    assert ids(gaz.candidates("testivka")) == ["x1"]


def test_variants_and_cyrillic_names_are_indexed(mini_gazetteer):
    for spelling in ("Kupiansk", "Kupyansk", "Kup'yansk", "KUPJANSK", "Куп’янськ", "Купянск"):
        assert [p.id for p in mini_gazetteer.lookup(spelling)] == ["t-kupiansk"], spelling


def test_matchable_keys_leave_out_countries(mini_gazetteer):
    keys = mini_gazetteer.matchable_keys()
    assert "kupiansk" in keys
    assert "донецькаобласть" in keys
    assert "ukraine" not in keys
    assert "україна" not in keys
    assert "ukraine" in mini_gazetteer.index  # still looked up, only not searched for in text


# -- candidates ------------------------------------------------------------------------------------


def test_exact_spelling(mini_gazetteer):
    (candidate,) = mini_gazetteer.candidates("Kupyansk")
    assert candidate.place.id == "t-kupiansk"
    assert candidate.how == "exact"
    assert candidate.score == 100.0
    assert candidate.matched == "Kupyansk"


def test_same_name_gives_every_place(mini_gazetteer):
    assert ids(mini_gazetteer.candidates("Novoselivka")) == ["t-novoselivka-1", "t-novoselivka-2"]
    assert ids(mini_gazetteer.candidates("Novoselivka", limit=1)) == ["t-novoselivka-1"]


@pytest.mark.parametrize("name", ["Artemivsk", "Artyomovsk", "Артемівськ", "Артёмовск"])
def test_curated_former_name_is_marked_former(mini_gazetteer, name):
    (candidate,) = mini_gazetteer.candidates(name)
    assert candidate.place.name == "Bakhmut"
    assert candidate.how == "former"
    assert candidate.score == 100.0


def test_former_names_of_pokrovsk(mini_gazetteer):
    for name in ("Krasnoarmeysk", "Красноармейск", "Красноармійськ", "Hryshyne"):
        candidates = mini_gazetteer.candidates(name)
        assert names(candidates) == ["Pokrovsk"], name
        assert candidates[0].how == "former"


def test_current_name_is_exact_not_former(mini_gazetteer):
    assert [c.how for c in mini_gazetteer.candidates("Bakhmut")] == ["exact"]


def test_cyrillic_name_not_listed_is_romanized(mini_gazetteer):
    # Vovchansk has no Cyrillic names in the mini gazetteer: only a romanization can find it.
    assert mini_gazetteer.lookup("Вовчанськ") == ()
    (candidate,) = mini_gazetteer.candidates("Вовчанськ")
    assert candidate.place.id == "t-vovchansk"
    assert candidate.how == "romanized"
    assert candidate.score == 99.0
    assert candidate.matched != "Вовчанськ"


@pytest.mark.parametrize("slip, place, matched", [
    ("Kupyanks", "Kupiansk", "kupyansk"),  # two neighbours swapped
    ("Bakhmutt", "Bakhmut", "bakhmut"),  # a doubled letter
    ("Avdivka", "Avdiivka", "avdiivka"),  # an undoubled letter
    ("Bakhmot", "Bakhmut", "bakhmut"),  # a vowel for a vowel
    ("Zaporizhzhja", "Zaporizhzhia", "zaporizhzhia"),  # any single edit in a long name
])
def test_typing_slips_are_typos(mini_gazetteer, slip, place, matched):
    candidates = mini_gazetteer.candidates(slip)
    assert names(candidates) == [place]
    assert candidates[0].how == "typo"
    assert candidates[0].matched == matched
    assert 75 <= candidates[0].score < 100


def test_typos_need_fuzzy(mini_gazetteer):
    assert mini_gazetteer.candidates("Bakhmutt", fuzzy=False) == []


@pytest.mark.parametrize("other_name", [
    "Radkivka",  # a dropped consonant makes another village, not a slip
    "Bakhmuk",  # a consonant for a consonant in a short name
    "Zaporizhzhjja",  # two edits in a name shorter than 14 letters
    "Oskl",  # shorter than five letters: never fuzzy
    "Testivka",
])
def test_other_names_are_not_typos(mini_gazetteer, other_name):
    assert mini_gazetteer.candidates(other_name) == []


def test_empty_name_has_no_candidates(mini_gazetteer):
    assert mini_gazetteer.candidates("") == []
    assert mini_gazetteer.candidates("' - '") == []


def test_exact_match_wins_over_typos(mini_gazetteer):
    # "Rakivka" is one vowel away from nothing else, but an exact hit must never be mixed with typos.
    assert [c.how for c in mini_gazetteer.candidates("Rakivka")] == ["exact"]


@pytest.mark.parametrize("query, key, expected", [
    ("bakhmut", "bakhmut", True),
    ("kupyanks", "kupyansk", True),  # transposition
    ("bakhmutt", "bakhmut", True),  # doubled letter
    ("avdivka", "avdiivka", True),  # undoubled letter
    ("bakhmot", "bakhmut", True),  # vowel for vowel
    ("radkivka", "rakivka", False),  # consonant dropped from a short name
    ("rakivka", "radkivka", False),  # consonant added to a short name
    ("bakhmuk", "bakhmut", False),  # consonant for consonant
    ("zaporizhzhja", "zaporizhzhia", True),  # any single edit with ten letters or more
    ("krasnoarmeysk", "krasnoarmiisk", False),  # two edits, 13 letters
    ("velykanovosylko", "velykanovosilka", True),  # two edits, 14 letters or more
    ("kupiansk", "bakhmut", False),
])
def test_is_typo(query, key, expected):
    assert _is_typo(query, key) is expected


def test_suggestions(mini_gazetteer):
    assert mini_gazetteer.suggestions("Kupyamsk") == ["Kupiansk"]
    assert mini_gazetteer.suggestions("") == []
    assert mini_gazetteer.suggestions("Qqqqqqq") == []


def test_other_names_shows_cyrillic_and_romanizations(mini_gazetteer):
    shown = mini_gazetteer.other_names(mini_gazetteer.get("t-kupiansk"))
    assert shown[:2] == ["Куп’янськ", "Купянск"]
    assert "Kupyansk" in shown
    assert "Kupiansk" not in shown  # the place's own name is not repeated
    assert len({n.casefold() for n in shown}) == len(shown)


# -- loading files and the cache -------------------------------------------------------------------


def test_load_missing_file_raises(tmp_path):
    with pytest.raises(GazetteerError, match="cannot read the gazetteer"):
        Gazetteer.load(tmp_path / "missing.csv")


@pytest.mark.parametrize("content", [
    b"name,kind\nTestivka,settlement\n",  # no id column
    HEADER.encode() + b"x1,Testivka,village,,UA,,,,,,,\n",  # unknown kind
    HEADER.encode() + b"x1,Testivka,settlement,,UA,north,,,,,,\n",  # latitude is not a number
    HEADER.encode() + "x1,Тестівка,settlement,,UA,,,,,,,\n".encode("cp1251"),  # not UTF-8
])
def test_load_malformed_file_raises(tmp_path, content):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(GazetteerError, match="malformed"):
        Gazetteer.load(path, use_cache=False)


def _indexes(root):
    return sorted((root / "frontclaims").glob("gazetteer-*.sqlite"))


def test_load_writes_and_then_uses_the_index(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert cache_dir() == tmp_path / "cache" / "frontclaims"
    first = Gazetteer.load(MINI_GAZETTEER)
    (index,) = _indexes(tmp_path / "cache")
    assert not list(index.parent.glob("*.tmp"))

    def no_parsing(*args):
        raise AssertionError("the CSV was parsed although an index exists")

    monkeypatch.setattr(gazetteer_module, "_build", no_parsing)
    second = Gazetteer.load(MINI_GAZETTEER)
    assert second.places == first.places
    assert ids(second.candidates("Kupyanks")) == ["t-kupiansk"]
    assert second.source.files == (str(MINI_GAZETTEER.resolve()),)
    assert second.source.sha256 == hashlib.sha256(MINI_GAZETTEER.read_bytes()).hexdigest()


def test_index_is_keyed_by_content(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    other = tmp_path / "other.csv"
    other.write_text(HEADER + "x1,Testivka,settlement,,UA,,,,,,,\n", encoding="utf-8")
    Gazetteer.load(MINI_GAZETTEER)
    assert len(Gazetteer.load(other)) == 1
    assert len(_indexes(tmp_path / "cache")) == 2
    # The same content at another path shares the index.
    copy = tmp_path / "copy.csv"
    copy.write_bytes(MINI_GAZETTEER.read_bytes())
    assert len(Gazetteer.load(copy)) == 12
    assert len(_indexes(tmp_path / "cache")) == 2


def test_a_changed_data_file_gets_a_new_index(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    data = tmp_path / "places.csv"
    data.write_text(HEADER + "x1,Testivka,settlement,,UA,,,,,,,\n", encoding="utf-8")
    assert ids(Gazetteer.load(data).candidates("Testivka")) == ["x1"]
    data.write_text(HEADER + "x1,Samplehrad,settlement,,UA,,,,,,,\n", encoding="utf-8")
    changed = Gazetteer.load(data)
    assert ids(changed.candidates("Samplehrad")) == ["x1"]
    assert changed.candidates("Testivka") == []
    assert len(_indexes(tmp_path / "cache")) == 2


def test_changed_key_code_gets_a_new_index(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    code = {name: tmp_path / name for name in ("names.py", "gazetteer.py", "translit.py")}
    for path in code.values():
        path.write_text("# code\n")
    monkeypatch.setattr(gazetteer_module, "_code_files", lambda: list(code.values()))
    Gazetteer.load(MINI_GAZETTEER)
    Gazetteer.load(MINI_GAZETTEER)
    assert len(_indexes(tmp_path / "cache")) == 1
    for number, path in enumerate(code.values(), 2):  # the name machinery, this module, translitua's tables
        path.write_text("# code, changed\n")
        Gazetteer.load(MINI_GAZETTEER)
        assert len(_indexes(tmp_path / "cache")) == number


def test_code_that_makes_keys_is_in_the_key():
    files = {path.name for path in gazetteer_module._code_files()}
    assert {"gazetteer.py", "names.py", "models.py"} <= files
    assert any(path.parent.name == "translitua" for path in gazetteer_module._code_files())


def test_use_cache_false_neither_reads_nor_writes(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    Gazetteer.load(MINI_GAZETTEER, use_cache=False)
    assert not (tmp_path / "cache").exists()
    Gazetteer.load(MINI_GAZETTEER)  # writes the index
    (index,) = _indexes(tmp_path / "cache")
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:  # a valid index of another content, under this content's name
        gazetteer_module._build(db, [{"id": "x1", "name": "Testivka"}], index.stem)
    db.close()
    assert len(Gazetteer.load(MINI_GAZETTEER, use_cache=False)) == 12


@pytest.mark.parametrize("damage", ["empty", "garbage", "truncated", "other digest", "no meta"])
def test_broken_or_half_written_index_is_rebuilt(tmp_path, monkeypatch, damage):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    Gazetteer.load(MINI_GAZETTEER)
    (index,) = _indexes(tmp_path / "cache")
    if damage == "empty":
        index.write_bytes(b"")
    elif damage == "garbage":
        index.write_bytes(b"not an index at all" * 100)
    elif damage == "truncated":
        index.write_bytes(index.read_bytes()[:2048])
    else:
        with sqlite3.connect(index) as db:
            db.execute("DELETE FROM meta" if damage == "no meta" else "UPDATE meta SET value = 'x' WHERE name = 'digest'")
            db.execute("DELETE FROM keys")  # what a stale index would answer: nothing
        db.close()
    rebuilt = Gazetteer.load(MINI_GAZETTEER)
    assert len(rebuilt) == 12
    assert ids(rebuilt.candidates("Kupyansk")) == ["t-kupiansk"]
    assert ids(Gazetteer.load(MINI_GAZETTEER).candidates("Kupyansk")) == ["t-kupiansk"]  # and rewritten


def test_unwritable_cache_is_not_an_error(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    loaded = Gazetteer.load(MINI_GAZETTEER)
    assert len(loaded) == 12
    assert ids(loaded.candidates("Kupyansk")) == ["t-kupiansk"]
    assert blocker.read_text() == "x"


def test_session_cache_is_in_the_temporary_cache_home(gazetteer, cache_home):
    assert cache_dir() == cache_home / "frontclaims"
    assert _indexes(cache_home), "the packaged gazetteer was not indexed in the session cache folder"


def test_a_loaded_gazetteer_pickles_as_its_files(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    loaded = Gazetteer.load(MINI_GAZETTEER)
    copy = pickle.loads(pickle.dumps(loaded))
    assert copy.source == loaded.source
    assert copy.places == loaded.places
    in_memory = Gazetteer.from_rows([{"id": "x1", "name": "Testivka"}])
    assert ids(pickle.loads(pickle.dumps(in_memory)).candidates("Testivka")) == ["x1"]


def test_loading_from_a_changed_file_elsewhere_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    data = tmp_path / "places.csv"
    data.write_text(HEADER + "x1,Testivka,settlement,,UA,,,,,,,\n", encoding="utf-8")
    image = pickle.dumps(Gazetteer.load(data))
    data.write_text(HEADER + "x1,Samplehrad,settlement,,UA,,,,,,,\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="differs"):
        pickle.loads(image)


def test_several_files_make_one_gazetteer(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    more = tmp_path / "more.csv"
    more.write_text(HEADER + "x1,Testivka,settlement,,UA,,,,,,,\n", encoding="utf-8")
    both = Gazetteer.load([MINI_GAZETTEER, more])
    assert len(both) == 13
    assert ids(both.candidates("Testivka")) == ["x1"]
    assert both.source.name == "mini_gazetteer.csv, more.csv"


def test_an_id_used_twice_is_malformed(tmp_path):
    data = tmp_path / "twice.csv"
    data.write_text(HEADER + "x1,Testivka,settlement,,UA,,,,,,,\nx1,Samplehrad,settlement,,UA,,,,,,,\n",
                    encoding="utf-8")
    with pytest.raises(GazetteerError, match="malformed.*twice"):
        Gazetteer.load(data, use_cache=False)


# -- the packaged gazetteer ------------------------------------------------------------------------


def test_default_path_exists():
    assert gazetteer_module.default_path().is_file()


def test_packaged_gazetteer_is_big(gazetteer):
    assert len(gazetteer) > 1000
    assert any(p.kind is PlaceKind.OBLAST for p in gazetteer.places)


@pytest.mark.parametrize("spelling", ["Kupiansk", "Kupyansk", "Купянск", "Куп'янськ", "Куп’янськ", "Kupjansk"])
def test_packaged_kupiansk_spellings(gazetteer, spelling):
    candidates = gazetteer.candidates(spelling)
    assert candidates, spelling
    assert candidates[0].place.name == "Kupiansk"
    assert candidates[0].place.admin1 == "Kharkiv Oblast"


@pytest.mark.parametrize("spelling", ["Artyomovsk", "Artemivsk", "Артемовск"])
def test_packaged_bakhmut_former_names(gazetteer, spelling):
    candidates = gazetteer.candidates(spelling)
    assert candidates[0].place.name == "Bakhmut"
    assert candidates[0].how == "former"


def test_packaged_krasnoarmeysk_includes_pokrovsk(gazetteer):
    candidates = gazetteer.candidates("Krasnoarmeysk")
    assert "Pokrovsk" in names(candidates)
    pokrovsk = next(c for c in candidates if c.place.name == "Pokrovsk")
    assert pokrovsk.how == "former"
    assert pokrovsk.place.admin1 == "Donetsk Oblast"


def test_packaged_typos(gazetteer):
    assert names(gazetteer.candidates("Kupyanks"))[:1] == ["Kupiansk"]
    assert names(gazetteer.candidates("Bakhmutt"))[:1] == ["Bakhmut"]
    assert "Rakivka" not in names(gazetteer.candidates("Radkivka"))


def test_packaged_modifier_apostrophe_spelling(gazetteer):
    assert names(gazetteer.candidates("Kup\u02bcyansk"))[:1] == ["Kupiansk"]


# Villages the 2023-2025 fighting made famous, which a gazetteer of towns alone lacked; the reference
# points are English Wikipedia's coordinates, rounded.
FAMOUS = [
    ("Robotyne", "Zaporizhzhia Oblast", "UA", (47.45, 35.84)),
    ("Klishchiivka", "Donetsk Oblast", "UA", (48.53, 37.96)),
    ("Chuhunivka", "Kharkiv Oblast", "UA", (50.18, 37.60)),
    ("Berdychi", "Donetsk Oblast", "UA", (48.19, 37.64)),
    ("Sverdlikovo", "Kursk Oblast", "RU", (51.25, 35.12)),
    ("Oleshnya", "Kursk Oblast", "RU", (51.15, 35.15)),
    ("Gornal", "Kursk Oblast", "RU", (51.06, 35.21)),
    ("Goncharovka", "Kursk Oblast", "RU", (51.19, 35.25)),
    ("Zeleny Shlyakh", "Kursk Oblast", "RU", (51.31, 35.08)),
    ("Nikolayevo-Daryino", "Kursk Oblast", "RU", (51.24, 34.99)),
    ("Tyotkino", "Kursk Oblast", "RU", (51.28, 34.29)),
    ("Korenevo", "Kursk Oblast", "RU", (51.41, 34.91)),
    ("Kozinka", "Belgorod Oblast", "RU", (50.46, 35.60)),
]


@pytest.mark.parametrize("name, oblast, country, near", FAMOUS)
def test_packaged_famous_villages_are_there(gazetteer, name, oblast, country, near):
    from frontclaims.models import distance_km

    places = [c.place for c in gazetteer.candidates(name, fuzzy=False)
              if c.place.name == name and c.place.admin1 == oblast]
    assert places, f"{name} ({oblast}) is missing"
    assert places[0].country == country and places[0].kind is PlaceKind.SETTLEMENT
    assert distance_km((places[0].lat, places[0].lon), near) < 10


# Villages no source gives a Russian name, written the way Russian-language outlets write them
# (names.russian_forms makes the forms at build time).
@pytest.mark.parametrize("russian, name, oblast", [
    ("Zolotaya Balka", "Zolota Balka", "Kherson Oblast"),
    ("Novoyakovlevka", "Novoiakovlivka", "Zaporizhzhia Oblast"),
    ("Kleshcheyevka", "Klishchiivka", "Donetsk Oblast"),
])
def test_packaged_villages_by_their_russian_forms(gazetteer, russian, name, oblast):
    assert any(c.place.name == name and c.place.admin1 == oblast
               for c in gazetteer.candidates(russian, fuzzy=False)), russian


@pytest.mark.parametrize("name, oblast, country", [
    ("Kupiansk Raion", "Kharkiv Oblast", "UA"),
    ("Pokrovsk Raion", "Donetsk Oblast", "UA"),
    ("Korenevsky District", "Kursk Oblast", "RU"),
    ("Sudzhansky District", "Kursk Oblast", "RU"),
    ("Kursk Oblast", "Kursk Oblast", "RU"),
])
def test_packaged_raions_and_districts_are_entries(gazetteer, name, oblast, country):
    (place,) = [c.place for c in gazetteer.candidates(name, fuzzy=False) if c.place.name == name]
    assert (place.admin1, place.country) == (oblast, country)
    assert place.kind in (PlaceKind.RAION, PlaceKind.OBLAST)


@pytest.mark.parametrize("spelling, name", [
    ("Kupyansk district", "Kupiansk Raion"), ("Купянский район", "Kupiansk Raion"),
    ("Sudzha district", "Sudzhansky District"), ("Korenevskiy Rayon", "Korenevsky District"),
    ("Tetkino", "Tyotkino"), ("Тёткино", "Tyotkino"), ("Korenyovo", "Korenevo"), ("Rabotino", "Robotyne"), ("Kleshcheevka", "Klishchiivka"),
])
def test_packaged_other_spellings(gazetteer, spelling, name):
    assert name in names(gazetteer.candidates(spelling, fuzzy=False))


def test_packaged_settlements_know_their_raion_and_hromada(gazetteer):
    kupiansk = gazetteer.get("703656")  # the GeoNames id it has always had
    assert (kupiansk.name, kupiansk.raion, kupiansk.hromada) == ("Kupiansk", "Kupiansk Raion", "Kupianska hromada")
    assert gazetteer.get("713174").name == "Bakhmut"
    approximate = [p for p in gazetteer.places if p.approximate]
    assert approximate and all(p.lat is not None and p.kind is PlaceKind.SETTLEMENT for p in approximate)


def test_candidates_are_kept_per_name_and_each_caller_gets_its_own_list(gazetteer):
    """A name is looked up once: the second answer is the first, and changing a returned list (or
    asking for fewer) changes nothing for the next caller."""
    first = gazetteer.candidates("Kupyansk")
    assert first and ("Kupyansk", True) in gazetteer._found
    first.clear()
    again = gazetteer.candidates("Kupyansk")
    assert again and again == gazetteer.candidates("Kupyansk")
    assert gazetteer.candidates("Kupyansk", limit=1) == again[:1]
    assert gazetteer.candidates("Kupyansk", fuzzy=False) == [c for c in again if c.how != "typo"]


def test_packaged_russian_names_are_forms_of_the_ukrainian_ones(gazetteer):
    # GeoNames lists older and foreign Cyrillic names beside the Russian one (Boikivske's German colony, Ostheim;
    # Irmino's Soviet Teplogorsk): those are no Russian name, though the place is still found by them
    boikivske = gazetteer.get("691741")
    assert boikivske.name == "Boikivske" and boikivske.name_ru != "Остгайм"
    irmino = gazetteer.get("691705")
    assert irmino.name == "Irmino" and irmino.name_ru != "Теплогорск"
    assert "Irmino" in names(gazetteer.candidates("Teplogorsk", fuzzy=False))
    assert gazetteer.get("708276").name_ru == "Горск"  # Hirsk: the Russian form of Гірськ stays


def test_packaged_city_districts_do_not_outweigh_villages_of_their_name(gazetteer):
    # GeoNames counts a Donetsk city district called Oleksandrivka (100,330 people) and Kalynivskyi (103,249):
    # as populations they would win every namesake village by size
    for place_id in ("13561149", "13561144"):
        assert gazetteer.get(place_id).population is None
    assert gazetteer.get("706483").population > 1_000_000  # Kharkiv keeps its own
