"""Numbers with units in running text: distances, areas, shares and counts, in digits or in words, normalised
to value (or range) and unit; years, dates, times, unit numbers, ages, model names and money are no figures."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .models import Figure

_ONES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
# "one fifth of the region", "half the town": shares written as fractions, in percent.
_FRACTIONS = {
    "half": 50, "third": 100 / 3, "thirds": 100 / 3, "quarter": 25, "quarters": 25, "fifth": 20, "fifths": 20,
    "tenth": 10, "tenths": 10,
}


def _alternatives(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_SMALL_WORD = rf"(?:{_alternatives(_TENS)})(?:[\s-](?:{_alternatives(k for k, v in _ONES.items() if v < 10)}))?" \
              rf"|{_alternatives(_ONES)}"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# A number: digits, or words ("twenty-two", "two hundred", "a dozen"), optionally "and a half" or times a multiplier.
_NUMBER = (rf"(?:(?:{_DIGITS})(?:\s+(?:{_alternatives(_MULTIPLIERS)})\b)?"
           rf"|(?:(?:{_SMALL_WORD}|an?|half\s+an?)\s+)?dozen"
           rf"|(?:{_SMALL_WORD}|an?)\s+(?:{_alternatives(_MULTIPLIERS)})(?:\s+(?:and\s+)?(?:{_SMALL_WORD}))?"
           rf"|(?:{_SMALL_WORD})"
           rf"|half\s+an?\s+(?:million|thousand)\b|half\s+an?(?!\s+dozen))"
           rf"(?:\s+and\s+a\s+half)?")
_QUALIFIER = (r"(?:(?:more\s+than|over|up\s+to|about|around|some|nearly|almost|at\s+least|as\s+many\s+as|as\s+much\s+as"
              r"|approximately|roughly|less\s+than|fewer\s+than|under|only|another|a\s+further|an\s+additional"
              r"|close\s+to|just\s+over|just\s+under|upwards\s+of|at\s+most|no\s+more\s+than|no\s+fewer\s+than"
              r"|an\s+estimated|a\s+total\s+of|a\s+little\s+over|well\s+over)\s+)?")

# unit as normalised -> the ways texts write it
_MEASURES: dict[str, str] = {
    "km2": r"square\s+kilomet(?:er|re)s?|sq\.?\s*kilomet(?:er|re)s?|sq\.?\s*km|km2|km²|square\s+km",
    "mi2": r"square\s+miles?|sq\.?\s*mi(?:les?)?",
    "ha": r"hectares?",
    "km": r"kilomet(?:er|re)s?|kms?",
    "mi": r"miles?",
    "m": r"met(?:er|re)s?|m",
    "%": r"%|percent|per\s+cent|pct",
}
_COUNTED: dict[str, str] = {
    "settlements": r"settlements|villages|towns|cities|localities|populated\s+(?:areas|localities|places|points)"
                   r"|communities|hamlets",
    "servicemen": r"servicemen|soldiers|troops|personnel|fighters|militants|men|marines|paratroopers|servicemembers"
                  r"|mercenaries|conscripts|mobilised|mobilized",
    "casualties": r"casualties|dead|killed|wounded|losses",
    "prisoners": r"prisoners\s+of\s+war|prisoners|POWs",
    "battalions": r"battalions",
    "brigades": r"brigades",
    "regiments": r"regiments",
    "divisions": r"divisions",
    "groups": r"assault\s+groups|sabotage\s+groups|groups",
    "buildings": r"buildings|houses|homes|structures|apartment\s+blocks|high-rises|blocks\s+of\s+flats",
    "vehicles": r"vehicles|tanks|armou?red\s+vehicles|APCs|IFVs|artillery\s+(?:systems|pieces|guns)|howitzers",
    "attacks": r"attacks|assaults|counterattacks|counter-attacks|offensive\s+actions|assault\s+actions|attempts|raids"
               r"|incursions|offensives",
    "clashes": r"clashes|engagements|battles|firefights",
    "strikes": r"strikes|airstrikes|shellings|bombardments",
    "incidents": r"incidents",
    "drones": r"drones|UAVs",
    "missiles": r"missiles|rockets",
    "bombs": r"bombs|glide\s+bombs",
    "shells": r"shells|rounds",
    "positions": r"positions|strongholds|strong\s*points|dugouts|fortifications|trenches",
}
# Words that may stand between a number and what it counts ("15 Ukrainian battalions", "74,000 troop losses"),
# but these may not: "three of the villages" counts no villages.
_BETWEEN = r"(?:(?!(?:of|the|a|an|these|those|them|in|and|or|to|per|for|from|by|at|on|with|than|times)\b)(?:[A-Z][a-z]+|[a-z]+(?:-[a-z]+)?)\s+)"
_MEASURE = "|".join(f"(?P<u_{i}>{pattern})" for i, pattern in enumerate(_MEASURES.values()))
_COUNT = "|".join(f"(?P<c_{i}>{pattern})" for i, pattern in enumerate(_COUNTED.values()))
_UNIT_OF_GROUP = {f"u_{i}": unit for i, unit in enumerate(_MEASURES)} | {f"c_{i}": unit for i, unit in enumerate(_COUNTED)}
_RANGE = rf"(?:\s*(?:-|–|—|to|and)\s*(?P<b>{_NUMBER}))?"

FIGURE = re.compile(
    rf"""(?<![\w.,/$€£₴₽-]){_QUALIFIER}(?P<a>{_NUMBER}){_RANGE}(?:-?odd\b)?
        (?:\s*-?\s*(?:{_MEASURE})(?![\w²/])
          |\s+(?:{_BETWEEN}){{0,2}}?(?:{_COUNT})\b(?!-))""",
    re.IGNORECASE | re.VERBOSE,
)
# "two of the five villages", "seven out of ten buildings": the part counts.
PARTITIVE = re.compile(
    rf"""(?<![\w.,/$€£₴₽-]){_QUALIFIER}(?P<a>{_NUMBER})\s+(?:out\s+of|of)\s+(?:the\s+|these\s+|those\s+)?
        (?P<total>{_NUMBER})\s+(?:{_BETWEEN}){{0,2}}?(?:{_COUNT})\b""",
    re.IGNORECASE | re.VERBOSE,
)
# "650 of them": the unit of a count named before in the same sentence.
OF_THEM = re.compile(rf"(?<![\w.,/$€£₴₽-]){_QUALIFIER}(?P<a>{_NUMBER})\s+of\s+(?:them|these|those)\b", re.IGNORECASE)
# "tried six times": how often something was done (but "three times more" is a ratio).
TIMES = re.compile(
    rf"(?<![\w.,/$€£₴₽-]){_QUALIFIER}(?P<a>{_NUMBER})\s+times\b"
    r"(?!\s+(?:more|less|fewer|larger|bigger|higher|greater|smaller|lower|as|over|the|a|an|longer|faster)\b)",
    re.IGNORECASE,
)
# "a third of the city", "half the town", "two-thirds of the district".
FRACTION = re.compile(
    rf"(?<![\w-])(?P<a>(?:a|one|two|three|four|seven|nine)[\s-]+(?:{_alternatives(_FRACTIONS)})|half)"
    r"(?=\s+(?:of\b(?!\s+an?\b)|the\b))",
    re.IGNORECASE,
)
_NOT_A_SHARE_BEFORE = re.compile(r"\b(?:the|first|second|last|latter|former|other)\s+$", re.IGNORECASE)
# "a kilometre from the border": one of a distance unit.
ONE_UNIT = re.compile(r"(?<![\w-])(?P<a>an?)\s+(?P<u>kilomet(?:er|re)|mile)\b(?![\w-])(?P<half>\s+and\s+a\s+half\b)?",
                      re.IGNORECASE)
_YEAR_BEFORE = re.compile(r"(?:^|[.!?]\s+|\b(?:in|since|by|until|till|before|after|from|of|during|through)\s+)$",
                          re.IGNORECASE)
_MONEY_AFTER = re.compile(r"^\s*(?:(?:hundred|thousand|million|billion)\s+)?(?:dollars|euros|pounds|hryvnias?|rubles"
                          r"|roubles|usd|uah|rub|eur)\b", re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(r"[$€£₴₽]\s*$|\b(?:USD|UAH|RUB|EUR)\s*$")


def number_value(text: str) -> float | None:
    """The value of a number written in digits or words: "1,500", "twenty-two", "two hundred", "a dozen"."""
    words = text.lower().replace(",", "").replace("-", " ").split()
    if not words:
        return None
    half = words[-3:] == ["and", "a", "half"]
    if half:
        words = words[:-3]
    if words[:1] == ["half"]:  # "half a", "half a dozen"
        rest = number_value(" ".join(words[1:])) if words[1:] not in (["a"], ["an"]) else 1.0
        return 0.5 * rest if rest is not None else None
    total, current = 0.0, 0.0
    for word in words:
        if re.fullmatch(r"\d+(?:\.\d+)?", word):
            current += float(word)
        elif word in ("a", "an"):
            current += 1
        elif word in _ONES:
            current += _ONES[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "dozen":
            current = (current or 1) * 12
        elif word in _MULTIPLIERS:
            current = (current or 1) * _MULTIPLIERS[word]
            if _MULTIPLIERS[word] >= 1000:
                total, current = total + current, 0.0
        elif word == "and":
            continue
        else:
            return None
    value = total + current
    return value + 0.5 if half else value


def _fraction_value(text: str) -> float:
    words = text.lower().replace("-", " ").split()
    count = 1 if len(words) == 1 or words[0] in ("a", "one") else _ONES[words[0]]
    return round(count * _FRACTIONS[words[-1]], 1)


def _money(text: str, start: int, end: int) -> bool:
    return bool(_CURRENCY_BEFORE.search(text[max(0, start - 5):start]) or _MONEY_AFTER.match(text[end:end + 30]))


def _looks_like_year(text: str, match: re.Match, value: float) -> bool:
    """ "In 2022 villages were shelled", "Since 2014 Ukrainian troops held the town" (but "lost 2000 soldiers")."""
    written = match.group("a")
    return value.is_integer() and 1900 <= value <= 2100 and written.isdigit() and match.group(0).startswith(written) \
        and bool(_YEAR_BEFORE.search(text[:match.start()]))


def _candidates(text: str) -> Iterator[tuple[int, int, Figure]]:
    counts: list[tuple[int, str]] = []  # (end, unit) of each count, for "650 of them"
    for match in FIGURE.finditer(text):
        group = next(name for name, value in match.groupdict().items() if value and name in _UNIT_OF_GROUP)
        unit = _UNIT_OF_GROUP[group]
        low = number_value(match.group("a"))
        high = number_value(match.group("b")) if match.group("b") else None
        if low is None or (unit == "%" and low > 100) or _money(text, match.start("a"), match.end()):
            continue
        if high is not None and high <= low:
            high = None
        if unit in _COUNTED and (_looks_like_year(text, match, low) or not low.is_integer()):
            continue  # "In 2022 villages were shelled"
        if unit in _COUNTED:
            counts.append((match.end(), unit))
        yield match.start(), match.end(), Figure(text=match.group(0), value=low, value_max=high, unit=unit)
    for match in PARTITIVE.finditer(text):
        group = next(name for name, value in match.groupdict().items() if value and name in _UNIT_OF_GROUP)
        part, total = number_value(match.group("a")), number_value(match.group("total"))
        if part is not None and total is not None and part <= total:
            yield match.start(), match.end(), Figure(text=match.group(0), value=part, unit=_UNIT_OF_GROUP[group])
    for match in OF_THEM.finditer(text):
        before = [unit for end, unit in counts if end <= match.start() and "." not in text[end:match.start()].rstrip(".")]
        value = number_value(match.group("a"))
        if before and value is not None:
            yield match.start(), match.end(), Figure(text=match.group(0), value=value, unit=before[-1])
    for match in TIMES.finditer(text):
        value = number_value(match.group("a"))
        if value is not None and value.is_integer() and value > 1:
            yield match.start(), match.end(), Figure(text=match.group(0), value=value, unit="times")
    for match in FRACTION.finditer(text):
        if match.group("a").lower() == "half" and _NOT_A_SHARE_BEFORE.search(text[:match.start()]):
            continue  # "the second half of the year"
        yield match.start(), match.end(), Figure(text=match.group(0), value=_fraction_value(match.group("a")), unit="%")
    for match in ONE_UNIT.finditer(text):
        unit = "km" if match.group("u").lower().startswith("kilo") else "mi"
        yield match.start(), match.end(), Figure(text=match.group(0), value=1.5 if match.group("half") else 1, unit=unit)


def find_figures(text: str) -> Iterator[tuple[int, int, Figure]]:
    """(start, end, figure) for every figure in the text, in order; where two overlap, the longer one."""
    chosen: list[tuple[int, int, Figure]] = []
    for start, end, figure in sorted(_candidates(text), key=lambda c: (c[0], -(c[1] - c[0]))):
        if chosen and start < chosen[-1][1]:
            if end - start > chosen[-1][1] - chosen[-1][0]:
                chosen[-1] = (start, end, figure)
            continue
        chosen.append((start, end, figure))
    yield from chosen


def parse_figure(text: str) -> Figure | None:
    """The first figure in the text, if any."""
    return next((figure for _, _, figure in find_figures(text)), None)
