"""Every romanization translitua makes of every gazetteer name must lead back to its place.

The property test (tests/test_romanization_property.py) draws a few hundred of these; this script
tries them all: each distinct spelling (by lookup key) of each place once, about 200,000 for the
full gazetteer (some 15 minutes on 2 cores), or a deterministic sample of places with --sample. It prints one
summary line, then each miss.

    python scripts/check_romanizations.py                 # every place
    python scripts/check_romanizations.py --sample 2000   # 2,000 places drawn with a fixed seed
"""

from __future__ import annotations

import argparse
import random
import sys

import translitua

from frontclaims.gazetteer import Gazetteer
from frontclaims.names import name_key, normalise_apostrophes
from frontclaims.resolve import resolve_name

TABLES = (("name_uk", translitua.ALL_UKRAINIAN), ("name_ru", translitua.ALL_RUSSIAN))


def spellings(place) -> dict[str, tuple[str, str]]:
    """The place's romanizations, one per lookup key: key -> (spelling, table name)."""
    found: dict[str, tuple[str, str]] = {}
    for attribute, tables in TABLES:
        cyrillic = normalise_apostrophes(getattr(place, attribute))
        for table in tables if cyrillic else ():
            spelling = translitua.translit(cyrillic, table)
            found.setdefault(name_key(spelling), (spelling, table.__name__))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=0, metavar="N", help="check N places drawn with a fixed seed")
    args = parser.parse_args()
    gazetteer = Gazetteer.load()
    places = list(gazetteer.places)
    if args.sample:
        places = random.Random(20261130).sample(places, min(args.sample, len(places)))
    tried, misses = 0, []
    for number, place in enumerate(places, 1):
        for key, (spelling, table) in spellings(place).items():
            tried += 1
            result = resolve_name(gazetteer, spelling)
            if place.id not in {c.place.id for c, _ in result.candidates}:
                misses.append(f"{spelling!r} ({table}) does not reach {place.name} ({place.id})")
            elif len(gazetteer.lookup_key(key)) == 1 and result.place.id != place.id:
                misses.append(f"{spelling!r} ({table}) resolves to {result.place.name}, not {place.name}")
        if number % 2000 == 0:
            print(f"{number} of {len(places)} places, {tried} spellings, {len(misses)} missed", file=sys.stderr)
    print(f"romanizations: {tried} tried ({len(places)} places), {len(misses)} missed")
    print("\n".join(misses))
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
