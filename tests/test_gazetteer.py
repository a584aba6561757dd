"""gazetteer.py: loading (CSV, rows, cache), and which places a written name could mean."""

from __future__ import annotations

import pickle
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


def _pickles(root):
    return sorted((root / "frontclaims").glob("gazetteer-*.pickle"))


def test_load_writes_and_then_uses_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert cache_dir() == tmp_path / "cache" / "frontclaims"
    first = Gazetteer.load(MINI_GAZETTEER)
    (cached,) = _pickles(tmp_path / "cache")
    with open(cached, "rb") as fh:
        assert pickle.load(fh).places == first.places

    def no_parsing(cls, text):
        raise AssertionError("the CSV was parsed although a cache exists")

    monkeypatch.setattr(Gazetteer, "from_csv_text", classmethod(no_parsing))
    second = Gazetteer.load(MINI_GAZETTEER)
    assert second.places == first.places
    assert ids(second.candidates("Kupyanks")) == ["t-kupiansk"]


def test_cache_is_keyed_by_content(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    other = tmp_path / "other.csv"
    other.write_text(HEADER + "x1,Testivka,settlement,,UA,,,,,,,\n", encoding="utf-8")
    Gazetteer.load(MINI_GAZETTEER)
    assert len(Gazetteer.load(other)) == 1
    assert len(_pickles(tmp_path / "cache")) == 2
    # The same content at another path shares the cache entry.
    copy = tmp_path / "copy.csv"
    copy.write_bytes(MINI_GAZETTEER.read_bytes())
    assert len(Gazetteer.load(copy)) == 12
    assert len(_pickles(tmp_path / "cache")) == 2


def test_use_cache_false_neither_reads_nor_writes(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    Gazetteer.load(MINI_GAZETTEER, use_cache=False)
    assert not (tmp_path / "cache").exists()
    Gazetteer.load(MINI_GAZETTEER)  # writes the cache
    (cached,) = _pickles(tmp_path / "cache")
    cached.write_bytes(pickle.dumps(Gazetteer.from_rows([{"id": "x1", "name": "Testivka"}])))
    assert len(Gazetteer.load(MINI_GAZETTEER)) == 1  # the (doctored) cache is read ...
    assert len(Gazetteer.load(MINI_GAZETTEER, use_cache=False)) == 12  # ... unless told not to


@pytest.mark.parametrize("garbage", [b"", b"not a pickle at all", pickle.dumps({"a": 1})])
def test_broken_cache_is_rebuilt(tmp_path, monkeypatch, garbage):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    Gazetteer.load(MINI_GAZETTEER)
    (cached,) = _pickles(tmp_path / "cache")
    cached.write_bytes(garbage)
    assert len(Gazetteer.load(MINI_GAZETTEER)) == 12
    with open(cached, "rb") as fh:
        assert isinstance(pickle.load(fh), Gazetteer)  # and rewritten


def test_unwritable_cache_is_not_an_error(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert len(Gazetteer.load(MINI_GAZETTEER)) == 12
    assert blocker.read_text() == "x"


def test_session_cache_is_in_the_temporary_cache_home(gazetteer, cache_home):
    assert cache_dir() == cache_home / "frontclaims"
    assert _pickles(cache_home), "the packaged gazetteer was not cached in the session cache folder"


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
