"""The gazetteer: loads the places CSV and answers "which entries could this name be?", with scores.

Lookups compare `names.name_key` forms, so case, accents, apostrophes, hyphens and spaces never
matter. Fuzzy matching (rapidfuzz) only accepts edits that look like typing slips, so that a
village the gazetteer lacks is not turned into a different real one. Choosing among candidates
is `resolve.py`'s job.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import pickle
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Levenshtein

from .errors import GazetteerError
from .models import FormerName, Place, PlaceKind
from .names import cyrillic_language, is_cyrillic, kmu, name_key, other_names, romanizations

VOWELS = set("aeiouyаеєиіїоуюяыэё")
_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _keyboard_neighbours() -> dict[str, set[str]]:
    """Keys next to each other on a QWERTY keyboard, in a row or diagonally below/above."""
    position = {c: (r, i) for r, row in enumerate(_KEYBOARD_ROWS) for i, c in enumerate(row)}
    near: dict[str, set[str]] = {c: set() for c in position}
    for a, (ra, ia) in position.items():
        for b, (rb, ib) in position.items():
            if a != b and abs(ra - rb) <= 1 and abs(ia - ib) <= 1 + (rb > ra):
                near[a].add(b)
    return near


NEIGHBOURS = _keyboard_neighbours()


@dataclass(frozen=True)
class Candidate:
    """A gazetteer entry that a name could mean, and how well the name fits it (0-100)."""

    place: Place
    score: float
    matched: str
    how: str  # "exact", "former" (a curated former name), "romanized" or "typo"


def default_path() -> Path:
    """The gazetteer shipped inside the package."""
    return Path(str(resources.files("frontclaims") / "data" / "gazetteer.csv"))


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "frontclaims"


def _former_names(field: str) -> tuple[FormerName, ...]:
    names = []
    for item in filter(None, field.split("|")):
        uk, ru, start, end = (item.split("/") + ["", "", "", ""])[:4]
        names.append(FormerName(
            name=kmu(uk) if uk else ru, uk=uk, ru=ru,
            valid_from=int(start) if start else None, valid_to=int(end) if end else None,
        ))
    return tuple(names)


def _place_from_row(row: Mapping[str, str]) -> Place:
    return Place(
        id=row["id"], name=row["name"], kind=PlaceKind(row.get("kind") or "settlement"),
        admin1=row.get("admin1", ""), country=row.get("country", ""),
        lat=float(row["lat"]) if row.get("lat") else None,
        lon=float(row["lon"]) if row.get("lon") else None,
        population=int(row["population"]) if row.get("population") else None,
        name_uk=row.get("name_uk", ""), name_ru=row.get("name_ru", ""),
        former_names=_former_names(row.get("former_names", "")),
    )


def _is_typo(query: str, key: str) -> bool:
    """True when `query` differs from `key` the way a slip of the keyboard or of transliteration does.

    One edit is a typo when it swaps two neighbours, doubles or undoubles a letter, hits a key next to
    the right one, adds or drops a vowel, or trades a vowel for a vowel; any single edit counts in names
    of ten letters or more, two in fourteen or more. Dropping a consonant from a short name
    (Radkivka -> Rakivka) makes another name, not a typo.
    """
    distance = OSA.distance(query, key)
    if distance == 0:
        return True
    if distance == 2:
        return min(len(query), len(key)) >= 14
    if distance != 1:
        return False
    if min(len(query), len(key)) >= 10 or Levenshtein.distance(query, key) == 2:
        return True
    (op, i, j), = Levenshtein.editops(query, key)
    if op == "replace":
        return (query[i] in VOWELS and key[j] in VOWELS) or query[i] in NEIGHBOURS.get(key[j], ())
    longer, pos = (query, i) if op == "delete" else (key, j)
    neighbours = longer[max(pos - 1, 0):pos] + longer[pos + 1:pos + 2]
    return longer[pos] in neighbours or longer[pos] in VOWELS


class Gazetteer:
    """Places and their spellings, indexed by lookup key."""

    def __init__(self, places: Sequence[Place], spellings: Mapping[str, Iterable[str]]):
        self.places: tuple[Place, ...] = tuple(places)
        self._by_id = {place.id: place for place in self.places}
        index: dict[str, list[str]] = {}
        for place in self.places:
            for spelling in {place.name, *spellings.get(place.id, ())}:
                key = name_key(spelling)
                if len(key) >= 2 and place.id not in index.setdefault(key, []):
                    index[key].append(place.id)
        self.index: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in index.items()}
        self._former: set[tuple[str, str]] = set()  # (key, place id) of curated former names
        for place in self.places:
            for former in place.former_names:
                for spelling in (former.name, former.uk, former.ru):
                    if spelling:
                        self._former.add((name_key(spelling), place.id))
                        self._former |= {(name_key(r), place.id) for r in romanizations(spelling, "both")}
        self._keys = sorted(self.index)
        self._by_initial: dict[str, list[str]] = {}  # typos rarely touch the first letter
        for key in self._keys:
            self._by_initial.setdefault(key[0], []).append(key)
        self.spellings = {pid: tuple(sorted(set(s))) for pid, s in spellings.items()}
        self._typo_cache: dict[str, list[Candidate]] = {}

    # -- loading ---------------------------------------------------------------------------------
    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, str]]) -> Gazetteer:
        places, spellings = [], {}
        for row in rows:
            place = _place_from_row(row)
            places.append(place)
            spellings[place.id] = [
                v for v in (row.get("variants") or "").split("|") + [row.get("name_uk", ""), row.get("name_ru", "")]
                if v
            ] + [n for former in place.former_names for n in (former.uk, former.ru, former.name) if n]
        return cls(places, spellings)

    @classmethod
    def from_csv_text(cls, text: str) -> Gazetteer:
        return cls.from_rows(csv.DictReader(io.StringIO(text)))

    @classmethod
    def load(cls, path: Path | str | None = None, *, use_cache: bool = True) -> Gazetteer:
        """Load a gazetteer CSV (the packaged one by default), through a cache keyed by its content."""
        path = Path(path) if path else default_path()
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise GazetteerError(f"cannot read the gazetteer {path}: {exc.strerror}") from exc
        # The cache is keyed by the data and by this module's code, so neither can go stale.
        code = Path(__file__).read_bytes() + (Path(__file__).parent / "models.py").read_bytes()
        digest = hashlib.sha256(data + code).hexdigest()[:20]
        cached = cache_dir() / f"gazetteer-{digest}.pickle"
        if use_cache:
            try:
                with open(cached, "rb") as fh:
                    gazetteer = pickle.load(fh)
                if isinstance(gazetteer, cls):
                    return gazetteer
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
                pass
        try:
            gazetteer = cls.from_csv_text(data.decode("utf-8"))
        except (KeyError, ValueError, UnicodeDecodeError) as exc:
            raise GazetteerError(f"the gazetteer {path} is malformed: {exc}") from exc
        if use_cache:
            gazetteer._save(cached)
        return gazetteer

    def _save(self, target: Path) -> None:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            with open(tmp, "wb") as fh:
                pickle.dump(self, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)
        except OSError:
            pass  # a read-only home only costs the next run its start-up time

    # -- lookup ----------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.places)

    def matchable_keys(self) -> frozenset[str]:
        """Keys worth finding in running text: every spelling of a place that is not a whole country."""
        return frozenset(k for k, ids in self.index.items()
                         if any(self._by_id[i].kind != PlaceKind.COUNTRY for i in ids))

    def get(self, place_id: str) -> Place | None:
        return self._by_id.get(place_id)

    def lookup_key(self, key: str) -> tuple[Place, ...]:
        """Entries having a spelling with exactly this lookup key."""
        return tuple(self._by_id[pid] for pid in self.index.get(key, ()))

    def lookup(self, name: str) -> tuple[Place, ...]:
        return self.lookup_key(name_key(name))

    def other_names(self, place: Place, limit: int = 8) -> list[str]:
        """A few other spellings worth showing: the Cyrillic names and the common romanizations."""
        return other_names(place.name, place.name_uk, place.name_ru, limit)

    def candidates(self, name: str, *, fuzzy: bool = True, limit: int | None = None) -> list[Candidate]:
        """Entries the name could mean, best first: exact spellings, then romanized Cyrillic, then typos."""
        key = name_key(name)
        if not key:
            return []
        found = [Candidate(p, 100.0, name, "former" if (key, p.id) in self._former else "exact")
                 for p in self.lookup_key(key)]
        if not found and is_cyrillic(name):
            language = cyrillic_language(name)
            for spelling in sorted(romanizations(name, "both" if language == "other" else language)):
                for place in self.lookup(spelling):
                    if all(c.place.id != place.id for c in found):
                        found.append(Candidate(place, 99.0, spelling, "romanized"))
        if not found and fuzzy and len(key) >= 5:
            found = self._typos(key)
        return found[:limit] if limit else found

    def typos(self, name: str) -> list[Candidate]:
        """Entries whose spelling differs from the name by a typing slip only (see `_is_typo`)."""
        key = name_key(name)
        return self._typos(key) if len(key) >= 5 else []

    def _typos(self, key: str) -> list[Candidate]:
        # Names recur from sentence to sentence; the fuzzy search is the costly part of reading one.
        cache = self._typo_cache
        if key not in cache:
            if len(cache) > 100_000:
                cache.clear()
            cache[key] = self._search_typos(key)
        return list(cache[key])

    def _search_typos(self, key: str) -> list[Candidate]:
        pool = self._by_initial.get(key[0], [])
        matches = process.extract(key, pool, scorer=fuzz.ratio, limit=25, score_cutoff=75)
        found: dict[str, Candidate] = {}
        for other, score, _ in matches:
            if not _is_typo(key, other):
                continue
            for place in self.lookup_key(other):
                if place.id not in found or found[place.id].score < score:
                    found[place.id] = Candidate(place, round(float(score), 1), other, "typo")
        return sorted(found.values(), key=lambda c: -c.score)

    def suggestions(self, name: str, limit: int = 3) -> list[str]:
        """Close names to offer when nothing matches."""
        key = name_key(name)
        if not key:
            return []
        matches = process.extract(key, self._keys, scorer=fuzz.ratio, limit=limit * 4, score_cutoff=60)
        names: list[str] = []
        for other, _, _ in matches:
            for place in self.lookup_key(other):
                if place.name not in names:
                    names.append(place.name)
        return names[:limit]
