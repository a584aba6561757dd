"""The gazetteer: loads the places CSV files and answers "which entries could this name be?", with scores.

Lookups compare `names.name_key` forms, so case, accents, apostrophes, hyphens and spaces never
matter. Fuzzy matching (rapidfuzz) only accepts edits that look like typing slips, so that a
village the gazetteer lacks is not turned into a different real one. Choosing among candidates
is `resolve.py`'s job.

The places and their lookup keys are kept in an SQLite index, built once in the user's cache folder
for each content of the data files and of the code that makes the keys; a lookup reads a few rows
of it instead of loading every place.
"""

from __future__ import annotations

import bisect
import csv
import dataclasses
import hashlib
import importlib.util
import io
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import GazetteerError
from .models import FormerName, Place, PlaceKind
from .names import cyrillic_language, english_russian, is_cyrillic, kmu, name_key, other_names, romanizations

VOWELS = set("aeiouyаеєиіїоуюяыэё")
_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
INDEX_FORMAT = "1"  # the layout of the SQLite index below; part of the cache key
PACKAGED = ("gazetteer.csv", "gazetteer-ru.csv")


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


@dataclass(frozen=True)
class GazetteerSource:
    """Which files a gazetteer was loaded from: their names and the sha256 of their contents, in order."""

    files: tuple[str, ...] = ()
    sha256: str = ""

    @property
    def name(self) -> str:
        return ", ".join(os.path.basename(f) for f in self.files) or "(built in memory)"

    @classmethod
    def of(cls, paths: Sequence[Path | str] | None = None) -> GazetteerSource:
        """The files (the packaged ones by default) and their content's sha256, without loading them."""
        files = tuple(Path(p) for p in paths) if paths else default_paths()
        try:
            return _source(files, [_file_sha256(p) for p in files])
        except OSError as exc:
            raise GazetteerError(f"cannot read the gazetteer {exc.filename}: {exc.strerror}") from exc


def default_path() -> Path:
    """The main gazetteer file shipped inside the package."""
    return default_paths()[0]


def default_paths() -> tuple[Path, ...]:
    """The gazetteer files shipped inside the package: Ukraine and features, Russia's border oblasts."""
    return tuple(Path(__file__).parent / "data" / name for name in PACKAGED)


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
        admin1=row.get("admin1") or "", raion=row.get("raion") or "", hromada=row.get("hromada") or "",
        country=row.get("country") or "",
        lat=float(row["lat"]) if row.get("lat") else None,
        lon=float(row["lon"]) if row.get("lon") else None,
        approximate=(row.get("approximate") or "0") not in ("0", "false", "False"),
        population=int(row["population"]) if row.get("population") else None,
        name_uk=row.get("name_uk") or "", name_ru=row.get("name_ru") or "",
        former_names=_former_names(row.get("former_names") or ""),
    )


def _is_typo(query: str, key: str) -> bool:
    """True when `query` differs from `key` the way a slip of the keyboard or of transliteration does.

    One edit is a typo when it swaps two neighbours, doubles or undoubles a letter, hits a key next to
    the right one, adds or drops a vowel, or trades a vowel for a vowel; any single edit counts in names
    of ten letters or more, two in fourteen or more. Dropping a consonant from a short name
    (Radkivka -> Rakivka) makes another name, not a typo.
    """
    from rapidfuzz.distance import OSA, Levenshtein

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


# -- the index -----------------------------------------------------------------------------------------
_SCHEMA = """
CREATE TABLE places (
    n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, kind TEXT NOT NULL, admin1 TEXT NOT NULL,
    raion TEXT NOT NULL, hromada TEXT NOT NULL, country TEXT NOT NULL, lat REAL, lon REAL,
    approximate INTEGER NOT NULL, population INTEGER, name_uk TEXT NOT NULL, name_ru TEXT NOT NULL,
    former_names TEXT NOT NULL
);
CREATE TABLE keys (key TEXT NOT NULL, place INTEGER NOT NULL, PRIMARY KEY (key, place)) WITHOUT ROWID;
CREATE TABLE former (key TEXT NOT NULL, place INTEGER NOT NULL, PRIMARY KEY (key, place)) WITHOUT ROWID;
CREATE TABLE spellings (key TEXT PRIMARY KEY, matchable INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
_COLUMNS = ("id", "name", "kind", "admin1", "raion", "hromada", "country", "lat", "lon", "approximate",
            "population", "name_uk", "name_ru", "former_names")


def _build(db: sqlite3.Connection, rows: Iterable[Mapping[str, str]], digest: str) -> None:
    """Fill an empty database with the places of `rows` and the lookup key of every spelling of each."""
    db.execute("PRAGMA synchronous = OFF")  # a file is only used once it is complete and renamed into place
    db.executescript(_SCHEMA)
    db.execute("BEGIN")
    places, keys, former = [], [], []
    for n, row in enumerate(rows, 1):
        place = _place_from_row(row)
        former_names = json.dumps([dataclasses.asdict(f) for f in place.former_names], ensure_ascii=False)
        places.append((n, place.id, place.name, place.kind.value, place.admin1, place.raion, place.hromada,
                       place.country, place.lat, place.lon, int(place.approximate), place.population, place.name_uk,
                       place.name_ru, former_names if place.former_names else ""))
        spellings = {place.name, place.name_uk, place.name_ru, *(row.get("variants") or "").split("|")}
        for old in place.former_names:
            spellings |= {old.uk, old.ru, old.name}
            for spelling in filter(None, (old.name, old.uk, old.ru)):
                spelt = romanizations(spelling, "both") | ({english_russian(spelling)} if is_cyrillic(spelling) else set())
                former += [(k, n) for k in {name_key(spelling)} | {name_key(r) for r in spelt}]
        keys += [(k, n) for k in {name_key(s) for s in spellings if s} if len(k) >= 2]
    try:
        db.executemany(f"INSERT INTO places VALUES ({', '.join('?' * (len(_COLUMNS) + 1))})", places)
    except sqlite3.IntegrityError as exc:
        db.execute("ROLLBACK")
        raise ValueError(f"an id is used twice ({exc})") from None
    db.executemany("INSERT OR IGNORE INTO keys VALUES (?, ?)", keys)
    db.executemany("INSERT OR IGNORE INTO former VALUES (?, ?)", former)
    db.execute("INSERT INTO spellings SELECT key, MAX(kind != 'country') FROM keys JOIN places ON n = place "
               "GROUP BY key")
    db.executemany("INSERT INTO meta VALUES (?, ?)", [("digest", digest), ("places", str(len(places)))])
    db.execute("COMMIT")


def _connect(target: str) -> sqlite3.Connection:
    # Read from whichever thread a Dask worker runs its tasks in; the index is never written after it is built.
    return sqlite3.connect(target, check_same_thread=False, isolation_level=None, uri=target.startswith("file:"))


def _code_files() -> list[Path]:
    """The code that shapes the index: this module, the name machinery, the records, and translitua (its
    version's tables), found without importing it."""
    here = Path(__file__).parent
    files = [here / "gazetteer.py", here / "names.py", here / "models.py"]
    spec = importlib.util.find_spec("translitua")
    if spec is not None and spec.origin:
        files += sorted(Path(spec.origin).parent.glob("*.py"))
    return files


def _code_digest() -> bytes:
    digest = hashlib.sha256(INDEX_FORMAT.encode())
    for file in _code_files():
        digest.update(file.read_bytes())
    return digest.digest()


def _file_sha256(path: Path, data: bytes | None = None) -> str:
    """A data file's sha256, remembered in the cache folder by its path, size and modification time, so that
    a command does not read a 10 MB file to find the index it built before."""
    stat = path.stat()
    stamp = hashlib.sha256(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{stat.st_ino}".encode()).hexdigest()
    memo = cache_dir() / "stamps" / stamp[:32]
    try:
        known = memo.read_text(encoding="ascii")
        if len(known) == 64:
            return known
    except OSError:
        pass
    digest = hashlib.sha256(path.read_bytes() if data is None else data).hexdigest()
    _write_atomically(memo, digest.encode("ascii"))
    return digest


def _write_atomically(target: Path, data: bytes) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
    except OSError:
        pass  # a read-only cache folder only costs the next run some time


class Gazetteer:
    """Places and their spellings, indexed by lookup key."""

    def __init__(self, db: sqlite3.Connection, source: GazetteerSource = GazetteerSource()):
        self._db = db
        self.source = source
        self._places: dict[int, Place] = {}
        self._all: tuple[Place, ...] | None = None
        self._matchable: frozenset[str] | None = None
        self._sorted_keys: list[str] | None = None
        self._pools: dict[str, list[str]] = {}  # keys by first letter: typos rarely touch the first letter
        self._typo_cache: dict[str, list[Candidate]] = {}
        self._found: dict[tuple[str, bool], tuple[Candidate, ...]] = {}  # candidates by name, see `candidates`
        self._size = int(db.execute("SELECT value FROM meta WHERE name = 'places'").fetchone()[0])

    # -- loading ---------------------------------------------------------------------------------
    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, str]]) -> Gazetteer:
        """A gazetteer of these rows (CSV columns as keys), indexed in memory."""
        db = _connect(":memory:")
        _build(db, rows, "")
        return cls(db)

    @classmethod
    def from_csv_text(cls, text: str) -> Gazetteer:
        return cls.from_rows(csv.DictReader(io.StringIO(text)))

    @classmethod
    def load(cls, path: Path | str | Sequence[Path | str] | None = None, *, use_cache: bool = True) -> Gazetteer:
        """Load gazetteer CSV files (the packaged ones by default) through an index in the cache folder,
        built on first use for this content of the files and of the code that makes lookup keys."""
        if path is None:
            paths = default_paths()
        elif isinstance(path, (str, os.PathLike)):
            paths = (Path(path),)
        else:
            paths = tuple(Path(p) for p in path)
        if not paths:
            raise GazetteerError("no gazetteer file given")
        try:
            contents = [] if use_cache else [p.read_bytes() for p in paths]
            digests = [_file_sha256(p) for p in paths] if use_cache else [hashlib.sha256(c).hexdigest()
                                                                          for c in contents]
        except OSError as exc:
            raise GazetteerError(f"cannot read the gazetteer {exc.filename}: {exc.strerror}") from exc
        if not use_cache:
            db = _connect(":memory:")
            _build_from(db, paths, contents, "")
            return cls(db, _source(paths, digests))
        key = hashlib.sha256(_code_digest() + "|".join(digests).encode()).hexdigest()
        cached = cache_dir() / f"gazetteer-{key[:24]}.sqlite"
        db = _open_cached(cached, key)
        if db is None:
            db = _build_cache(cached, key, paths)
        return cls(db, _source(paths, digests))

    @classmethod
    def load_source(cls, source: GazetteerSource) -> Gazetteer:
        """The gazetteer of these files, refused if their content is not the one `source` was made from (a worker
        on another machine that has another file at that path)."""
        return _load_files(source.files, source.sha256)

    def image(self) -> bytes:
        """The whole index as bytes (`from_image` reads it back): how a gazetteer built in memory is saved."""
        return self._db.serialize()

    @classmethod
    def from_image(cls, image: bytes) -> Gazetteer:
        return _from_image(image)

    def __reduce__(self):
        if self.source.files:  # another process opens the same files (through its own cache)
            return (_load_files, (self.source.files, self.source.sha256))
        return (_from_image, (self._db.serialize(),))

    # -- the index -------------------------------------------------------------------------------
    def _place(self, row: tuple) -> Place:
        n = row[0]
        place = self._places.get(n)
        if place is None:
            (_, place_id, name, kind, admin1, raion, hromada, country, lat, lon, approximate, population, name_uk,
             name_ru, former) = row
            place = Place(
                id=place_id, name=name, kind=PlaceKind(kind), admin1=admin1, raion=raion, hromada=hromada,
                country=country, lat=lat, lon=lon, approximate=bool(approximate), population=population,
                name_uk=name_uk, name_ru=name_ru,
                former_names=tuple(FormerName(**f) for f in json.loads(former)) if former else (),
            )
            self._places[n] = place
        return place

    @property
    def places(self) -> Sequence[Place]:
        """Every entry, in the order of the files (read as they are asked for)."""
        return _Places(self)

    @property
    def index(self) -> Mapping[str, tuple[str, ...]]:
        """Lookup key -> the ids of the entries with a spelling of that key."""
        return _Index(self)

    def __len__(self) -> int:
        return self._size

    def matchable_keys(self) -> frozenset[str]:
        """Keys worth finding in running text: every spelling of a place that is not a whole country."""
        if self._matchable is None:
            self._matchable = frozenset(self._sorted(matchable=True))
        return self._matchable

    def _sorted(self, matchable: bool = False) -> list[str]:
        """Every key (or every matchable key) in sorted order; shared with the typo pools, so held once."""
        if self._sorted_keys is None:
            self._sorted_keys = [k for (k,) in self._db.execute("SELECT key FROM spellings ORDER BY key")]
        if not matchable:
            return self._sorted_keys
        countries = {k for (k,) in self._db.execute("SELECT key FROM spellings WHERE NOT matchable")}
        return [k for k in self._sorted_keys if k not in countries]

    def get(self, place_id: str) -> Place | None:
        row = self._db.execute("SELECT * FROM places WHERE id = ?", (place_id,)).fetchone()
        return self._place(row) if row else None

    def lookup_key(self, key: str) -> tuple[Place, ...]:
        """Entries having a spelling with exactly this lookup key."""
        return tuple(self._place(row) for row in self._db.execute(
            "SELECT places.* FROM keys JOIN places ON n = place WHERE key = ? ORDER BY place", (key,)))

    def lookup(self, name: str) -> tuple[Place, ...]:
        return self.lookup_key(name_key(name))

    def other_names(self, place: Place, limit: int = 8) -> list[str]:
        """A few other spellings worth showing: the Cyrillic names and the common romanizations."""
        return other_names(place.name, place.name_uk, place.name_ru, limit)

    def _is_former(self, key: str, place: Place) -> bool:
        return self._db.execute("SELECT 1 FROM former JOIN places ON n = place WHERE key = ? AND id = ?",
                                (key, place.id)).fetchone() is not None

    # -- lookup ----------------------------------------------------------------------------------
    def candidates(self, name: str, *, fuzzy: bool = True, limit: int | None = None) -> list[Candidate]:
        """Entries the name could mean, best first: exact spellings, then romanized Cyrillic, then typos.

        Names recur (every mention is resolved twice, and an article names its places again and
        again): the answers are kept, as the gazetteer never changes."""
        found = self._found.get((name, fuzzy))
        if found is None:
            if len(self._found) > 100_000:
                self._found.clear()
            found = self._found[(name, fuzzy)] = tuple(self._candidates(name, fuzzy))
        return list(found[:limit] if limit else found)

    def _candidates(self, name: str, fuzzy: bool) -> list[Candidate]:
        key = name_key(name)
        if not key:
            return []
        found = [Candidate(p, 100.0, name, "former" if self._is_former(key, p) else "exact")
                 for p in self.lookup_key(key)]
        if not found and is_cyrillic(name):
            language = cyrillic_language(name)
            for spelling in sorted(romanizations(name, "both" if language == "other" else language)):
                for place in self.lookup(spelling):
                    if all(c.place.id != place.id for c in found):
                        found.append(Candidate(place, 99.0, spelling, "romanized"))
        if not found and fuzzy and len(key) >= 5:
            found = self._typos(key)
        return found

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

    def _pool(self, initial: str) -> list[str]:
        if initial not in self._pools:
            keys = self._sorted()
            start = bisect.bisect_left(keys, initial)
            end = bisect.bisect_left(keys, chr(ord(initial) + 1), start)
            self._pools[initial] = keys[start:end]
        return self._pools[initial]

    def _search_typos(self, key: str) -> list[Candidate]:
        from rapidfuzz import fuzz, process

        matches = process.extract(key, self._pool(key[0]), scorer=fuzz.ratio, limit=25, score_cutoff=75)
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
        from rapidfuzz import fuzz, process

        key = name_key(name)
        if not key:
            return []
        matches = process.extract(key, self._sorted(), scorer=fuzz.ratio, limit=limit * 4, score_cutoff=60)
        names: list[str] = []
        for other, _, _ in matches:
            for place in self.lookup_key(other):
                if place.name not in names:
                    names.append(place.name)
        return names[:limit]


class _Places(Sequence):
    """The entries of a gazetteer as a sequence, read from the index as they are asked for."""

    def __init__(self, gazetteer: Gazetteer):
        self._gazetteer = gazetteer

    def __len__(self) -> int:
        return len(self._gazetteer)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        row = self._gazetteer._db.execute("SELECT * FROM places WHERE n = ?", (i + 1,)).fetchone()
        if row is None:
            raise IndexError(i)
        return self._gazetteer._place(row)

    def __iter__(self) -> Iterator[Place]:
        gazetteer = self._gazetteer
        if gazetteer._all is not None:
            yield from gazetteer._all
            return
        read = []
        for row in gazetteer._db.execute("SELECT * FROM places ORDER BY n"):
            read.append(gazetteer._place(row))
            yield read[-1]
        gazetteer._all = tuple(read)  # read to the end once: keep them for the next time

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)


class _Index(Mapping):
    """Lookup key -> place ids, read from the index as asked for."""

    def __init__(self, gazetteer: Gazetteer):
        self._gazetteer = gazetteer

    def __getitem__(self, key: str) -> tuple[str, ...]:
        ids = tuple(p.id for p in self._gazetteer.lookup_key(key))
        if not ids:
            raise KeyError(key)
        return ids

    def __iter__(self) -> Iterator[str]:
        return iter(self._gazetteer._sorted())

    def __len__(self) -> int:
        return len(self._gazetteer._sorted())

    def __contains__(self, key) -> bool:
        return self._gazetteer._db.execute("SELECT 1 FROM spellings WHERE key = ?", (key,)).fetchone() is not None


def _source(paths: Sequence[Path], digests: Sequence[str]) -> GazetteerSource:
    total = digests[0] if len(digests) == 1 else hashlib.sha256("".join(digests).encode()).hexdigest()
    return GazetteerSource(tuple(str(p.resolve()) for p in paths), total)


def _rows(paths: Sequence[Path], contents: Sequence[bytes]) -> Iterator[tuple[Path, dict]]:
    for path, data in zip(paths, contents):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise GazetteerError(f"the gazetteer {path} is malformed: {exc}") from exc
        for row in csv.DictReader(io.StringIO(text)):
            yield path, row


def _build_from(db: sqlite3.Connection, paths: Sequence[Path], contents: Sequence[bytes], digest: str) -> None:
    current = {"path": paths[0]}

    def rows():
        for path, row in _rows(paths, contents):
            current["path"] = path
            yield row

    try:
        _build(db, rows(), digest)
    except (KeyError, ValueError, TypeError) as exc:
        raise GazetteerError(f"the gazetteer {current['path']} is malformed: {exc}") from exc


def _open_cached(cached: Path, key: str) -> sqlite3.Connection | None:
    """The index at `cached` if it is a complete one for this key, else None."""
    if not cached.is_file():
        return None
    db = None
    try:
        db = _connect(f"{cached.as_uri()}?mode=ro&immutable=1")
        found = dict(db.execute("SELECT name, value FROM meta"))
        if found.get("digest") == key and found.get("places", "").isdigit():
            return db
    except sqlite3.DatabaseError:
        pass
    if db is not None:
        db.close()
    return None


def _build_cache(cached: Path, key: str, paths: Sequence[Path]) -> sqlite3.Connection:
    """Build the index into a temporary file and move it into place whole, so that no reader ever opens a
    half-written one; where the cache folder cannot be written, keep it in memory."""
    try:
        contents = [p.read_bytes() for p in paths]
    except OSError as exc:
        raise GazetteerError(f"cannot read the gazetteer {exc.filename}: {exc.strerror}") from exc
    tmp = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        db = _connect(str(tmp))
    except (OSError, sqlite3.DatabaseError):
        db = _connect(":memory:")
        _build_from(db, paths, contents, key)
        return db
    try:
        db.execute("PRAGMA journal_mode = OFF")
        _build_from(db, paths, contents, key)
        db.close()
        os.replace(tmp, cached)
    except BaseException:
        db.close()
        tmp.unlink(missing_ok=True)
        raise
    opened = _open_cached(cached, key)
    if opened is None:
        raise GazetteerError(f"the gazetteer index {cached} cannot be read back")
    return opened


def _load_files(files: tuple[str, ...], sha256: str) -> Gazetteer:
    """A gazetteer loaded from the same files in another process; refused if their content has changed."""
    gazetteer = Gazetteer.load(files)
    if sha256 and gazetteer.source.sha256 != sha256:
        raise GazetteerError(f"the gazetteer {gazetteer.source.name} differs here from where it was loaded first "
                             f"(sha256 {gazetteer.source.sha256[:12]}…, expected {sha256[:12]}…)")
    return gazetteer


def _from_image(image: bytes) -> Gazetteer:
    db = _connect(":memory:")
    db.deserialize(image)
    return Gazetteer(db)
