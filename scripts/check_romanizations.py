"""Every romanization translitua makes of every gazetteer name must lead back to its place.

The property test (tests/test_romanization_property.py) draws a few hundred of these; this script
tries them all (about 146,000 spellings, a few minutes) and prints one summary line, then each miss.

    python scripts/check_romanizations.py
"""

from __future__ import annotations

import sys

import translitua

from frontclaims.gazetteer import Gazetteer
from frontclaims.names import name_key, normalise_apostrophes
from frontclaims.resolve import resolve_name

TABLES = (("name_uk", translitua.ALL_UKRAINIAN), ("name_ru", translitua.ALL_RUSSIAN))


def main() -> int:
    gazetteer = Gazetteer.load()
    tried, misses = 0, []
    for place in gazetteer.places:
        for attribute, tables in TABLES:
            cyrillic = normalise_apostrophes(getattr(place, attribute))
            for table in tables if cyrillic else ():
                spelling = translitua.translit(cyrillic, table)
                tried += 1
                result = resolve_name(gazetteer, spelling)
                if place.id not in {c.place.id for c, _ in result.candidates}:
                    misses.append(f"{spelling!r} ({table.__name__}) does not reach {place.name} ({place.id})")
                elif len(gazetteer.lookup_key(name_key(spelling))) == 1 and result.place.id != place.id:
                    misses.append(f"{spelling!r} ({table.__name__}) resolves to {result.place.name}, not {place.name}")
    print(f"romanizations: {tried} tried, {len(misses)} missed")
    print("\n".join(misses))
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
