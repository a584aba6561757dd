"""names.py: lookup keys, the language of a Cyrillic name, and romanizations."""

from __future__ import annotations

import pytest

from frontclaims.names import (
    cyrillic_language,
    is_cyrillic,
    kmu,
    name_key,
    normalise_apostrophes,
    romanizations,
    russian_forms,
    unique_by_key,
)

# -- name_key --------------------------------------------------------------------------------------


@pytest.mark.parametrize("spelling", [
    "Kupiansk", "KUPIANSK", "kupiansk", "Kup-iansk", "Kup iansk", "Kup'iansk", "Kup’iansk", "Kúpiansk",
    " Kupiansk ", "Kupiánsk",
])
def test_name_key_ignores_case_accents_apostrophes_hyphens_and_spaces(spelling):
    assert name_key(spelling) == "kupiansk"


def test_name_key_distinguishes_different_names():
    assert name_key("Kupiansk") != name_key("Kupiansk-Vuzlovyi")
    assert name_key("Rakivka") != name_key("Radkivka")


def test_name_key_of_cyrillic_keeps_cyrillic_letters():
    assert name_key("Велика Новосілка") == "великановосілка"
    assert name_key("Куп’янськ") == name_key("Куп'янськ") == name_key("КУП'ЯНСЬК") == "купянськ"


def test_name_key_drops_diacritics_of_latin_transliterations():
    assert name_key("Čerkasy") == "cerkasy"
    assert name_key("Kupânsk") == "kupansk"


def test_name_key_of_punctuation_only_is_empty():
    assert name_key("-- ' ’ .") == ""
    assert name_key("") == ""


@pytest.mark.parametrize("apostrophe", ["\u02bc", "\u02b9"])
def test_name_key_ignores_modifier_letter_apostrophes(apostrophe):
    assert name_key(f"Kup{apostrophe}yansk") == name_key("Kup'yansk") == "kupyansk"


# -- scripts and languages -------------------------------------------------------------------------


def test_is_cyrillic():
    assert is_cyrillic("Бахмут")
    assert is_cyrillic("Bakhmut (Бахмут)")
    assert not is_cyrillic("Bakhmut")


@pytest.mark.parametrize("name, language", [
    ("Київ", "uk"),  # ї is Ukrainian only
    ("Куп’янськ", "uk"),  # an apostrophe between letters is Ukrainian
    ("Куп'янськ", "uk"),
    ("Артёмовск", "ru"),  # ё is Russian only
    ("Красноармейск", "both"),  # no letter tells
    ("Бахмут", "both"),
    ("Ўзбекистон", "other"),  # ў is Belarusian/Uzbek
    ("Їжаки Ыы", "other"),  # Ukrainian and Russian letters at once
])
def test_cyrillic_language(name, language):
    assert cyrillic_language(name) == language


# -- romanization ----------------------------------------------------------------------------------


@pytest.mark.parametrize("ukrainian, latin", [
    ("Куп’янськ", "Kupiansk"),
    ("Куп'янськ", "Kupiansk"),  # ASCII apostrophe is normalised first
    ("Харків", "Kharkiv"),
    ("Запоріжжя", "Zaporizhzhia"),
    ("Київ", "Kyiv"),
    ("Згурівка", "Zghurivka"),  # KMU writes зг as zgh
    ("Біла Церква", "Bila Tserkva"),
])
def test_kmu(ukrainian, latin):
    assert kmu(ukrainian) == latin


def test_normalise_apostrophes_only_between_letters():
    assert normalise_apostrophes("Куп'янськ") == "Куп’янськ"
    assert normalise_apostrophes("'Купянськ'") == "'Купянськ'"


def test_romanizations_of_russian_name():
    found = romanizations("Купянск", "ru")
    assert {"Kupyansk", "Kupjansk", "Kupiansk"} <= found


def test_romanizations_of_russian_name_include_german_respelling():
    found = romanizations("Артёмовск", "ru")
    assert "Artyomovsk" in found
    assert "Artjomovsk" in found
    assert "Artomowsk" in found  # Ukrainian German table over the respelt name (w for в)


def test_romanizations_of_ukrainian_name():
    found = romanizations("Куп’янськ", "uk")
    assert "Kupiansk" in found
    assert "Kupyansk" in found


def test_romanizations_both_is_union_of_uk_and_ru():
    name = "Бахмут"
    assert romanizations(name, "both") == romanizations(name, "uk") | romanizations(name, "ru")
    assert {"Bakhmut", "Bachmut"} <= romanizations(name, "both")


@pytest.mark.parametrize("name, language", [
    ("Харків", "uk"), ("Запоріжжя", "uk"), ("Куп’янськ", "uk"), ("Біла  Церква", "uk"),
    ("Артёмовск", "ru"), ("Подъячево", "ru"), ("Нью-Йорк", "both"), ("Бахмут", "both"),
])
def test_romanizations_are_tidy_latin(name, language):
    found = romanizations(name, language)
    assert found
    for roman in found:
            assert roman == roman.strip()
            assert "  " not in roman
            assert "\u0361" not in roman and "\u0360" not in roman
            assert not is_cyrillic(roman)


def test_romanizations_of_unknown_language_or_blank_is_empty():
    assert romanizations("Харків", "xx") == set()
    assert romanizations("   ", "uk") == set()


# -- unique_by_key ---------------------------------------------------------------------------------


def test_unique_by_key_keeps_one_spelling_per_key_sorted():
    names = ["Kupiansk", "kupiansk", "Kup-iansk", "Bakhmut", "BAKHMUT", "Avdiivka"]
    result = unique_by_key(names)
    assert result == sorted(result)
    assert sorted(name_key(n) for n in result) == ["avdiivka", "bakhmut", "kupiansk"]
    assert "BAKHMUT" in result  # the first in sorted order wins: "BAKHMUT" < "Bakhmut"
    assert "Kup-iansk" in result  # "-" sorts before "i"


def test_unique_by_key_drops_names_without_letters():
    assert unique_by_key(["", "--", "'", "Rakivka"]) == ["Rakivka"]
    assert unique_by_key([]) == []


# -- russian_forms ---------------------------------------------------------------------------------


@pytest.mark.parametrize("ukrainian, russian", [
    ("Золота Балка", "Золотая Балка"),  # an adjective before the last word
    ("Мала Токмачка", "Малая Токмачка"),
    ("Зелений Гай", "Зеленый Гай"),
    ("Петрівка", "Петровка"),  # -івка, the possessive -ов-
    ("Новояковлівка", "Новояковлевка"),  # -івка, the soft -ев-
    ("Миколаївка", "Николаевка"),  # -ївка, and a stem Russian writes otherwise
    ("Андріївка", "Андреевка"),
    ("Новоолександрівка", "Новоалександровка"),
    ("Курахове", "Курахово"),  # -ове, a possessive
    ("Степове", "Степовое"),  # -ове, an adjective
    ("Очеретине", "Очеретино"),
    ("Покровське", "Покровское"),
    ("Зелене", "Зеленое"),
    ("Тоненьке", "Тоненькое"),
    ("Торецьк", "Торецк"),
    ("Часів Яр", "Часов Яр"),
    ("Велика Новосілка", "Великая Новоселка"),
    ("Кам'янське", "Каменское"),
    ("Мар'їнка", "Марьинка"),
    ("Вугледар", "Угледар"),
])
def test_russian_forms_include_the_russian_name(ukrainian, russian):
    assert russian in russian_forms(ukrainian)


@pytest.mark.parametrize("name", ["Гуляйполе", "Кринки", "Нью-Йорк", "Kupiansk", ""])
def test_a_name_russian_writes_the_same_way_has_no_other_form(name):
    assert russian_forms(name) == []


def test_russian_forms_are_few():
    assert len(russian_forms("Новоолександрівка Друга Петрівка")) <= 4
