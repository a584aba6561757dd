"""Numbers with units in running text: distances, areas, shares and counts, normalised to value and unit."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .models import Figure

_SMALL = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a hundred": 100, "a dozen": 12,
}
_MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}

# unit as normalised -> the ways texts write it
_UNITS: dict[str, str] = {
    "km2": r"square\s+kilomet(?:er|re)s?|sq\.?\s*km|km2|km²|square\s+km",
    "mi2": r"square\s+miles?|sq\.?\s*mi",
    "km": r"kilomet(?:er|re)s?|kms?",
    "mi": r"miles?",
    "m": r"met(?:er|re)s",
    "%": r"%|percent|per\s+cent|pct",
}
_COUNTED: dict[str, str] = {
    "settlements": r"settlements|villages|towns|localities|populated\s+(?:areas|localities|places|points)"
                   r"|communities|hamlets",
    "servicemen": r"servicemen|soldiers|troops|personnel|fighters|militants|men|marines|paratroopers|servicemembers",
    "battalions": r"battalions",
    "brigades": r"brigades",
    "buildings": r"buildings|houses|homes|structures|apartment\s+blocks",
    "vehicles": r"vehicles|tanks|armou?red\s+vehicles",
    "casualties": r"casualties|dead|killed|wounded",
    "prisoners": r"prisoners|prisoners\s+of\s+war|POWs",
}
_WORD_NUMBER = "|".join(sorted((re.escape(w) for w in _SMALL), key=len, reverse=True))
_NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|(?:{_WORD_NUMBER})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)"
_MULT = r"(?:\s+(?:hundred|thousand|million))?"
_QUALIFIER = (r"(?:(?:more\s+than|over|up\s+to|about|around|some|nearly|almost|at\s+least|as\s+many\s+as"
              r"|approximately|roughly|less\s+than|fewer\s+than|under|only|another|a\s+further)\s+)?")
_MEASURE = "|".join(f"(?P<{name}>{pattern})" for name, pattern in
                    (("km2", _UNITS["km2"]), ("mi2", _UNITS["mi2"]), ("km", _UNITS["km"]),
                     ("mi", _UNITS["mi"]), ("m", _UNITS["m"]), ("pct", _UNITS["%"])))
_COUNT = "|".join(f"(?P<c_{name}>{pattern})" for name, pattern in _COUNTED.items())
FIGURE = re.compile(
    rf"""(?<![\w.,]){_QUALIFIER}(?P<a>{_NUMBER}){_MULT}(?:\s*(?:-|–|—|to|and)\s*(?P<b>{_NUMBER}){_MULT})?
        (?:\s*(?:{_MEASURE})(?![\w²])
          |\s+(?:(?!(?:of|the|a|an|these|those|them|in|and|or|to)\b)(?:[A-Z][a-z]+|[a-z]+(?:-[a-z]+)?)\s+){{0,2}}?(?:{_COUNT})\b)""",
    re.IGNORECASE | re.VERBOSE,
)
_KEEP_WORDS = re.compile(r"\b(?:of|the|a|an)\b", re.IGNORECASE)


def _number(text: str) -> float:
    text = text.lower().replace(",", "")
    if text in _SMALL:
        return float(_SMALL[text])
    if "-" in text and text.split("-")[0] in _SMALL:
        tens, ones = text.split("-", 1)
        return float(_SMALL[tens] + _SMALL.get(ones, 0))
    return float(text)


def _multiplied(match: re.Match, group: str) -> float:
    value = _number(match.group(group))
    tail = match.string[match.end(group):match.end(group) + 12].lower()
    for word, factor in _MULTIPLIERS.items():
        if re.match(rf"\s+{word}\b", tail):
            return value * factor
    return value


def _looks_like_year(match: re.Match, value: float) -> bool:
    written = match.group("a")
    return value.is_integer() and 1900 <= value <= 2100 and written.isdigit() and match.group(0).startswith(written)


def find_figures(text: str) -> Iterator[tuple[int, int, Figure]]:
    """(start, end, figure) for every figure in the text."""
    for match in FIGURE.finditer(text):
        unit = next((name for name, value in match.groupdict().items()
                     if value and name not in ("a", "b")), None)
        if unit is None or _KEEP_WORDS.fullmatch(match.group(0).split()[-1]):
            continue
        unit = {"pct": "%"}.get(unit, unit.removeprefix("c_"))
        low = _multiplied(match, "a")
        high = _multiplied(match, "b") if match.group("b") else None
        if high is not None and high <= low:
            high = None
        if unit == "%" and low > 100:
            continue
        if _looks_like_year(match, low) and unit in _COUNTED:
            continue  # "In 2022 villages were shelled"
        yield match.start(), match.end(), Figure(text=match.group(0), value=low, value_max=high, unit=unit)


def parse_figure(text: str) -> Figure | None:
    """The first figure in the text, if any."""
    return next((figure for _, _, figure in find_figures(text)), None)
