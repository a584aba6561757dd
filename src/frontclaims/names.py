"""Place-name spelling: the one definition of "the same name" and the romanizations of Cyrillic names.

`name_key` is what every lookup compares: case, accents, apostrophes, hyphens and spaces ignored.
The romanizations come from translitua's tables; Russian has no German or French table there, so a
Russian name is first respelt with the Ukrainian letters that sound the same and then romanized
with the Ukrainian German and French tables.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable


# Letters that only Ukrainian, only Russian, or some other Cyrillic language writes.
_UKRAINIAN_ONLY = set("іїєґІЇЄҐ")
_RUSSIAN_ONLY = set("ыэёъЫЭЁЪ")
_OTHER_CYRILLIC = set("ўјљњђћџѓќѕӣӯҳқғӊӈҷҗңүұөәһꙑѣѧѫ") | set("ЎЈЉЊЂЋЏЃЌЅӢӮҲҚҒҶҖҢҮҰӨӘҺ")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN_OR_CYRILLIC = re.compile(r"^[\s\-'’ʼ`´ʹ‘.()\u0041-\u024f\u1e00-\u1eff\u0400-\u04ff]+$")
_APOSTROPHES = "'’ʼ`´ʹ‘\u02bb\u02bc\""


@functools.lru_cache(maxsize=500_000)  # the same words come back in every article
def name_key(text: str) -> str:
    """The lookup key of a name: letters and digits only, lower case, without accents."""
    decomposed = unicodedata.normalize("NFKD", text)
    # Modifier letters (the Ukrainian apostrophe U+02BC, the prime U+02B9) are punctuation here.
    return "".join(c for c in decomposed.casefold()
                   if c.isalnum() and not unicodedata.combining(c) and unicodedata.category(c) != "Lm")


def is_cyrillic(text: str) -> bool:
    """True when the text contains Cyrillic letters."""
    return bool(_CYRILLIC.search(text))


def is_latin_or_cyrillic(text: str) -> bool:
    """True when the text is written only in the Latin or Cyrillic script."""
    return bool(_LATIN_OR_CYRILLIC.match(text))


def cyrillic_language(text: str) -> str:
    """Which language a Cyrillic name can be: "uk", "ru", "both" or "other"."""
    letters = set(text)
    if letters & _OTHER_CYRILLIC:
        return "other"
    ukrainian = bool(letters & _UKRAINIAN_ONLY) or bool(re.search(r"\w['’ʼ]\w", text))
    russian = bool(letters & _RUSSIAN_ONLY)
    if ukrainian and russian:
        return "other"
    if ukrainian:
        return "uk"
    if russian:
        return "ru"
    return "both"


def normalise_apostrophes(text: str) -> str:
    """Ukrainian apostrophes in one form (’), so that translitua's tables see them."""
    return re.sub(r"(?<=\w)['ʼ`´ʹ‘\u02bb\"”](?=\w)", "’", text)


def _translitua():
    """translitua, imported on first use: `compare` and `export` read stored names and never need it."""
    import translitua

    return translitua


def kmu(ukrainian: str) -> str:
    """The official Ukrainian romanization (KMU 2010) of a Ukrainian Cyrillic name."""
    translitua = _translitua()
    return translitua.translit(normalise_apostrophes(ukrainian), translitua.UkrainianKMU)


def _respell_russian(russian: str) -> str:
    """Russian Cyrillic rewritten with the Ukrainian letters that are pronounced the same."""
    out = []
    previous = ""
    for char in russian:
        lower = char.lower()
        after_vowel = previous == "" or not previous.isalpha() or previous.lower() in "аеёиоуыэюяьъ"
        if lower == "и":
            new = "і"
        elif lower == "ы":
            new = "и"
        elif lower == "э":
            new = "е"
        elif lower == "е":
            new = "є" if after_vowel else "е"
        elif lower == "ё":
            new = "йо" if after_vowel else "ьо"
        elif lower == "г":
            new = "ґ"
        elif lower == "ъ":
            new = ""
        else:
            new = lower
        out.append(new.capitalize() if char.isupper() else new)
        previous = char
    return "".join(out)


def romanizations(cyrillic: str, language: str) -> set[str]:
    """Every romanization of a Cyrillic name in the schemes translitua knows, for "uk" or "ru"."""
    translitua = _translitua()
    text = normalise_apostrophes(cyrillic)
    found: set[str] = set()
    if language in ("uk", "both"):
        found.update(translitua.translit(text, table) for table in translitua.ALL_UKRAINIAN)
    if language in ("ru", "both"):
        found.update(translitua.translit(text, table) for table in translitua.ALL_RUSSIAN)
        respelt = _respell_russian(text)
        found.add(translitua.translit(respelt, translitua.UkrainianGerman))
        found.add(translitua.translit(respelt, translitua.UkrainianFrench))
    return {_tidy(name) for name in found if name.strip()}


_RU_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}
_RU_VOWELS = set("аеёиоуыэюя")


def english_russian(cyrillic: str) -> str:
    """A Russian name the way English Wikipedia titles write it (simplified BGN/PCGN): Тёткино -> Tyotkino,
    Николаево-Дарьино -> Nikolayevo-Daryino, Кореневский -> Korenevsky, Зеленый Шлях -> Zeleny Shlyakh."""
    words = re.split(r"([\s\-]+)", cyrillic)
    out = []
    for word in words:
        lower = word.lower()
        if lower.endswith(("ий", "ый")) and len(lower) > 3:
            lower = lower[:-2] + "ы"
        letters = []
        for i, char in enumerate(lower):
            before = lower[i - 1] if i else ""
            after = lower[i + 1] if i + 1 < len(lower) else ""
            if char == "е":
                letters.append("ye" if not before or before in _RU_VOWELS or before in "ьъ" else "e")
            elif char == "ё":
                letters.append("o" if before in ("ж", "ч", "ш", "щ") else "yo")
            elif char == "ь":
                letters.append("y" if after == "и" else "")
            else:
                letters.append(_RU_LETTERS.get(char, char))
        text = "".join(letters)
        out.append(text[:1].upper() + text[1:] if word[:1].isupper() else text)
    return "".join(out)


def common_romanizations(russian: str) -> list[str]:
    """How the English, German and French press usually write a Russian name (Kupyansk, Kupjansk, Koupiansk)."""
    translitua = _translitua()
    text = normalise_apostrophes(russian)
    respelt = _respell_russian(text)
    return [_tidy(translitua.translit(text, translitua.RussianInternationalPassport1997Reduced)),
            _tidy(translitua.translit(respelt, translitua.UkrainianGerman)),
            _tidy(translitua.translit(respelt, translitua.UkrainianFrench))]


def _tidy(name: str) -> str:
    """Drop the ligature ties and soft-sign primes some schemes write, keeping the letters."""
    name = name.replace("\u0361", "").replace("\u0360", "")
    return re.sub(r"\s+", " ", name).strip()


def other_names(name: str, name_uk: str, name_ru: str, limit: int = 8) -> list[str]:
    """A few other spellings of a place worth showing: its Cyrillic names and the common romanizations."""
    shown = [n for n in (name_uk, name_ru) if n]
    if name_ru:
        shown += common_romanizations(name_ru)
    keys = {name_key(name)}
    unique = []
    for other in shown:
        if name_key(other) not in keys:
            keys.add(name_key(other))
            unique.append(other)
    return unique[:limit]


def spelling_keys(names: Iterable[tuple[str, str]]) -> set[str]:
    """The lookup keys of (name, language) pairs and of every romanization of the Cyrillic ones."""
    keys = set()
    for name, language in names:
        if name:
            keys.add(name_key(name))
            if is_cyrillic(name):
                keys |= {name_key(r) for r in romanizations(name, language)}
    return {k for k in keys if len(k) >= 2}


def unique_by_key(names: Iterable[str]) -> list[str]:
    """The names with one spelling kept per lookup key, in sorted order."""
    chosen: dict[str, str] = {}
    for name in sorted(set(names)):
        key = name_key(name)
        if key and key not in chosen:
            chosen[key] = name
    return sorted(chosen.values())


# Russian place-name endings and their Ukrainian counterparts, as romanized (Kucherovka -> Kucherivka).
_RUSSIAN_ENDINGS = (
    (r"skoye$|skoe$", "ske"), (r"tskoye$|tskoe$", "tske"), (r"oye$|oe$", "e"), (r"aya$", "a"), (r"yaya$", "ia"),
    (r"(?:ov|ev|yov|ëv)ka$", "ivka"), (r"ino$", "yne"), (r"yno$", "yne"), (r"ovo$", "ove"), (r"evo$", "eve"),
    (r"skiy$|skii$|sky$", "skyi"), (r"iy$|yy$|ii$", "yi"), (r"ny$", "nyi"),
)


def ukrainian_spelling(name: str) -> str:
    """A best guess at the official Ukrainian romanization of a name written the Russian way.

    Used only for settlements the gazetteer lacks: Russian endings become Ukrainian ones
    (-ovka -> -ivka, -aya -> -a, -oye -> -e, -ino -> -yne), G becomes H, and the y-vowels
    inside a word are written as the KMU 2010 system writes them (ya -> ia, yu -> iu, ye -> ie).
    """
    words = []
    for word in re.split(r"(\s+|-)", name):
        if not word.strip() or word == "-" or not word.isalpha():
            words.append(word)
            continue
        lower = word.lower()
        for pattern, replacement in _RUSSIAN_ENDINGS:
            if re.search(pattern, lower):
                lower = re.sub(pattern, replacement, lower)
                break
        lower = re.sub(r"g(?!h)", "h", lower)
        if len(lower) > 1:
            lower = lower[0] + re.sub(r"y([aue])", r"i\1", lower[1:])
            lower = re.sub(r"([aeiou])y(?=[^aeiouy]|$)", r"\1i", lower)
        words.append(lower[0].upper() + lower[1:] if word[0].isupper() else lower)
    return "".join(words)


# -- Russian forms of Ukrainian names ---------------------------------------------------------------------
# Russian-language outlets write a Ukrainian village by its Russian name (Золотая Балка for Золота Балка),
# which most sources do not record for villages. These rules make the likely Russian forms from the
# Ukrainian name: the endings that differ, a few stems that differ, and the letters Russian lacks.
# Where the Russian vowel of a Ukrainian і cannot be told (Петрівка: Петровка, Павлівка: Павловка, but
# Миколаївка: Николаевка, Новояковлівка: Новояковлевка), both forms are made.
_RUSSIAN_STEMS = (("олександр", "александр"), ("олекс", "алекс"), ("микола", "никола"), ("вугле", "угле"),
                  ("кам’ян", "камен"), ("сіл", "сел"))
_RUSSIAN_WORD_ENDINGS = (
    ("іївка", ("еевка", "иевка")), ("ївка", ("евка",)), ("івка", ("овка", "евка")), ("ськ", ("ск",)),
    ("цьк", ("цк",)), ("ське", ("ское",)), ("цьке", ("цкое",)), ("ине", ("ино",)), ("ове", ("ово", "овое")),
    ("еве", ("ево", "евое")), ("не", ("ное",)), ("ке", ("кое",)), ("ів", ("ов", "ев")),
)
_RUSSIAN_ADJECTIVE_ENDINGS = (("ий", ("ий", "ый", "ой")), ("а", ("ая",)), ("е", ("ое",)))
_RUSSIAN_LETTERS = str.maketrans({"і": "и", "ї": "и", "є": "е", "ґ": "г"})


def russian_forms(ukrainian: str, limit: int = 4) -> list[str]:
    """Likely Russian forms of a Ukrainian settlement name, most likely first (at most `limit`).

    Each word's ending is changed the way Russian writes it (-івка: -овка or -евка, -ське: -ское,
    -ове: -ово or -овое); in a name of several words, a word before the last that ends in -а, -ий or -е
    is an adjective (Золота Балка: Золотая Балка). Then the letters: і, ї become и, є becomes е, ґ becomes г,
    an apostrophe after р becomes ь and elsewhere goes, and -ськ-, -цьк-, -зьк- lose their ь.
    """
    words = normalise_apostrophes(ukrainian).split(" ")  # apostrophes as ’
    options: list[list[str]] = []
    for n, word in enumerate(words):
        options.append(_russian_word(word, adjective=n < len(words) - 1 and len(words) > 1))
    forms = [""]
    for choices in options:
        forms = [f"{f} {c}".strip() for f in forms for c in choices][:limit]
    return [f for f in forms if f != ukrainian][:limit]


def _russian_word(word: str, adjective: bool) -> list[str]:
    if not word or not is_cyrillic(word):
        return [word]
    lower = word.lower()
    for stem, russian in _RUSSIAN_STEMS:
        lower = lower.replace(stem, russian)
    stems = [(lower, "")]
    for ending, russian_endings in (_RUSSIAN_ADJECTIVE_ENDINGS if adjective else ()) + _RUSSIAN_WORD_ENDINGS:
        if lower.endswith(ending) and len(lower) > len(ending) + 2:
            stems = [(lower[: -len(ending)], r) for r in russian_endings]
            break
    forms = []
    for stem, ending in stems:
        stem = re.sub(r"(?<=[сцз])ьк", "к", stem)
        stem = re.sub(r"р’(?=[яюєї])", "рь", stem).replace("’", "")
        stem = re.sub(r"(?<=[аеоуияюєії])ї", "йи", stem)
        parts = (stem + ending).translate(_RUSSIAN_LETTERS).split("-")
        forms.append("-".join(p[:1].upper() + p[1:] if o[:1].isupper() else p for p, o in zip(parts, word.split("-"))))
    return forms
