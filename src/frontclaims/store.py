"""The claims database: embedded SQLite, one transaction per article, safe to share between processes.

The file carries frontclaims' application id and a schema version (PRAGMA application_id and
user_version): a file that is not ours is refused untouched, an older schema is migrated, a newer
one is refused with what to do. WAL journaling and a busy timeout let two ingests and any number of
readers share one database; an article and its claims are written in one transaction, so a crash
leaves either all of an article or none of it. A database the user cannot write (a read-only file,
folder or mount) is opened read-only for the read commands, and refused before any work for ingest.
Every SQLite failure reaches the user as a DatabaseError that says what is wrong with the file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import os
import re
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import NamedTuple

from .errors import DatabaseError, NotAFrontclaimsDatabaseError, SchemaVersionError
from .models import Article, Claim, ClaimType, Figure, FormerName, Period, Place, PlaceKind, RawPage, Review, Side

APPLICATION_ID = 0x46434C4D  # "FCLM"
SCHEMA_VERSION = 5
BUSY_TIMEOUT = 60.0  # seconds a command waits for another one's write lock ($FRONTCLAIMS_BUSY_TIMEOUT)
DEFAULT_PATH = "frontclaims.db"
DB_ENV = "FRONTCLAIMS_DB"
_SQLITE_HEADER = b"SQLite format 3\x00"

# Each schema version's statements, applied in order to bring an older file up to date.
_SCHEMA_V1 = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    published TEXT,
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS appearances (
    source TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id),
    PRIMARY KEY (source, article_id)
);
CREATE TABLE IF NOT EXISTS claims (
    claim_id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id),
    article TEXT NOT NULL,
    published TEXT,
    place_id TEXT NOT NULL,
    place TEXT NOT NULL,
    place_kind TEXT NOT NULL,
    place_resolved INTEGER NOT NULL,
    place_text TEXT NOT NULL,
    admin1 TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL DEFAULT '',
    lat REAL,
    lon REAL,
    claimant TEXT NOT NULL,
    side TEXT NOT NULL,
    claim TEXT NOT NULL,
    subject_side TEXT NOT NULL,
    denies TEXT,
    units TEXT NOT NULL DEFAULT '[]',
    figure TEXT,
    figure_value REAL,
    figure_max REAL,
    figure_unit TEXT,
    sentence TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    claim_date TEXT,
    date_text TEXT NOT NULL DEFAULT '',
    outlet TEXT NOT NULL DEFAULT '',
    rule TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS claims_place ON claims(place_id);
CREATE INDEX IF NOT EXISTS claims_article ON claims(article_id);
"""
# Version 2: full-text search over evidence sentences (kept in step by triggers); an index that
# lets `compare` read one place's claims already in date order; and the places with claims, with
# the lookup key of every spelling of each, so that `compare` finds them without the gazetteer.
_SCHEMA_V2 = """
CREATE TABLE IF NOT EXISTS places (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    admin1 TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL DEFAULT '',
    lat REAL,
    lon REAL,
    population INTEGER,
    name_uk TEXT NOT NULL DEFAULT '',
    name_ru TEXT NOT NULL DEFAULT '',
    former_names TEXT NOT NULL DEFAULT '[]',
    resolved INTEGER NOT NULL,
    other_names TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS place_keys (
    key TEXT NOT NULL,
    place_id TEXT NOT NULL REFERENCES places(id),
    PRIMARY KEY (key, place_id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO places (id, name, kind, admin1, country, lat, lon, resolved)
    SELECT place_id, place, place_kind, admin1, country, lat, lon, place_resolved FROM claims GROUP BY place_id;
CREATE VIRTUAL TABLE IF NOT EXISTS claims_text USING fts5(sentence, content='claims', content_rowid='rowid');
CREATE TRIGGER IF NOT EXISTS claims_text_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_text(rowid, sentence) VALUES (new.rowid, new.sentence);
END;
CREATE TRIGGER IF NOT EXISTS claims_text_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claims_text(claims_text, rowid, sentence) VALUES ('delete', old.rowid, old.sentence);
END;
INSERT INTO claims_text(claims_text) VALUES ('rebuild');
CREATE INDEX IF NOT EXISTS claims_place_date ON claims(place_id, COALESCE(claim_date, published));
CREATE INDEX IF NOT EXISTS appearances_article ON appearances(article_id);
"""
# Version 3: search matches word forms ("encircle" finds "encircled" and "encirclement") through
# SQLite's porter stemmer; the index is rebuilt from the claims, and gains an update trigger.
_SCHEMA_V3 = """
DROP TRIGGER IF EXISTS claims_text_insert;
DROP TRIGGER IF EXISTS claims_text_delete;
DROP TRIGGER IF EXISTS claims_text_update;
DROP TABLE IF EXISTS claims_text;
CREATE VIRTUAL TABLE claims_text USING fts5(sentence, content='claims', content_rowid='rowid',
                                            tokenize='porter unicode61');
CREATE TRIGGER claims_text_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_text(rowid, sentence) VALUES (new.rowid, new.sentence);
END;
CREATE TRIGGER claims_text_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claims_text(claims_text, rowid, sentence) VALUES ('delete', old.rowid, old.sentence);
END;
CREATE TRIGGER claims_text_update AFTER UPDATE OF sentence ON claims BEGIN
    INSERT INTO claims_text(claims_text, rowid, sentence) VALUES ('delete', old.rowid, old.sentence);
    INSERT INTO claims_text(rowid, sentence) VALUES (new.rowid, new.sentence);
END;
INSERT INTO claims_text(claims_text) VALUES ('rebuild');
"""
# Version 4: where an article comes from (its address, site, author and where its date was read),
# the web pages themselves (compressed), so that a page can be read again without the network; and
# analysts' corrections of claims, in a table of their own keyed by claim id (claim ids are hashes
# of what a claim is, so a correction finds its claim again when the article is read again). A
# correction is applied to the claim's row itself, so every reading sees it; `original` keeps the
# claim as extraction made it. `claim_rows` is the claims with their article's address and review.
_SCHEMA_V4 = """
ALTER TABLE articles ADD COLUMN url TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN outlet TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN author TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN date_source TEXT NOT NULL DEFAULT '';
CREATE INDEX IF NOT EXISTS articles_url ON articles(url);
UPDATE articles SET date_source = 'date line' WHERE published IS NOT NULL AND lower(ltrim(text)) LIKE 'date%';
UPDATE articles SET date_source = 'text' WHERE published IS NOT NULL AND date_source = '';
CREATE TABLE IF NOT EXISTS pages (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    address TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    content_type TEXT NOT NULL DEFAULT '',
    fetched_at TEXT NOT NULL DEFAULT '',
    raw BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS pages_address ON pages(address);
CREATE TABLE IF NOT EXISTS corrections (
    claim_id TEXT PRIMARY KEY,
    place_id TEXT,
    side TEXT,
    claim TEXT,
    subject_side TEXT,
    rejected INTEGER NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT '',
    reviewed_at TEXT NOT NULL,
    original TEXT
);
CREATE VIEW IF NOT EXISTS claim_rows AS
    SELECT c.rowid AS rowid, c.*, a.url AS url, r.claim_id IS NOT NULL AS reviewed,
           json_extract(r.original, '$.place_id') AS original_place_id,
           json_extract(r.original, '$.place') AS original_place,
           json_extract(r.original, '$.side') AS original_side,
           json_extract(r.original, '$.claim') AS original_claim,
           json_extract(r.original, '$.subject_side') AS original_subject_side,
           r.note AS review_note, r.reviewed_at AS reviewed_at
    FROM claims c LEFT JOIN articles a ON a.id = c.article_id LEFT JOIN corrections r ON r.claim_id = c.claim_id;
"""
# Version 5: which gazetteers (file names and content sha256) the claims were made with.
_SCHEMA_V5 = """
CREATE TABLE IF NOT EXISTS meta (
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    UNIQUE (name, value)
);
"""


class Migration(NamedTuple):
    """One step of the schema: the version it brings a file to, what it adds, and its statements."""

    version: int
    name: str
    sql: str


MIGRATIONS = (
    Migration(1, "articles, appearances and claims", _SCHEMA_V1),
    Migration(2, "full-text search, places with their spellings, the place/date index", _SCHEMA_V2),
    Migration(3, "stemmed full-text search (porter), with an update trigger", _SCHEMA_V3),
    Migration(4, "article provenance, stored web pages, corrections", _SCHEMA_V4),
    Migration(5, "gazetteer meta: the name and sha256 of each gazetteer claims were made with", _SCHEMA_V5),
)

_CLAIM_COLUMNS = (
    "claim_id", "article_id", "article", "published", "place_id", "place", "place_kind", "place_resolved",
    "place_text", "admin1", "country", "lat", "lon", "claimant", "side", "claim", "subject_side", "denies", "units",
    "figure", "figure_value", "figure_max", "figure_unit", "sentence", "start", "end", "claim_date",
    "date_text", "outlet", "rule",
)


_QUOTED_COLUMNS = ", ".join(f'"{c}"' for c in _CLAIM_COLUMNS)
_INSERT_CLAIM = f"INSERT OR IGNORE INTO claims ({_QUOTED_COLUMNS}) VALUES ({', '.join('?' * len(_CLAIM_COLUMNS))})"


def _statements(script: str) -> Iterator[str]:
    """The statements of an SQL script one by one (executescript would commit the open transaction)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending.strip()
            pending = ""


def _all_words(text: str) -> str:
    """An FTS5 query for sentences holding every word of the text in any of its forms, whatever
    punctuation it has; a word ending in * matches every word that starts with it."""
    words = re.findall(r"(\w+)(\*?)", text)
    if not words:
        raise ValueError(f"nothing to search for in {text!r}")
    return " ".join(f'"{word}"{star}' for word, star in words)


def _writable(path: str) -> str | None:
    """Why a database file (and the -wal and -shm files SQLite keeps beside it) cannot be written
    here, or None when it can."""
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.exists(path) and not os.access(path, os.W_OK):
        return "the file is read-only"
    if not os.access(folder, os.W_OK):
        return f"its folder {folder} is read-only"
    return None


def busy_timeout() -> float:
    """Seconds to wait for another command's write lock: $FRONTCLAIMS_BUSY_TIMEOUT, else BUSY_TIMEOUT."""
    try:
        return max(0.0, float(os.environ.get("FRONTCLAIMS_BUSY_TIMEOUT", BUSY_TIMEOUT)))
    except ValueError:
        return BUSY_TIMEOUT


def describe(exc: sqlite3.Error, path: str) -> DatabaseError:
    """A DatabaseError saying in a line what an SQLite failure means for the user's file."""
    text = str(exc)
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        why = f"it is locked by another program (waited {busy_timeout():g} s); try again when that one has finished"
    elif "disk is full" in lowered or "database or disk is full" in lowered:
        why = "the disk is full; what was stored before is kept"
    elif "readonly" in lowered or "read-only" in lowered:
        why = "it cannot be written (read-only)"
    elif "malformed" in lowered or "not a database" in lowered or "corrupt" in lowered:
        why = f"the file is damaged ({text}); restore it from a copy"
    elif "unable to open" in lowered:
        why = "it cannot be opened"
    else:
        why = text
    return DatabaseError(f"the database {path}: {why}")


_DAY = "COALESCE(claim_date, published)"  # a claim's date: its own, else its article's


def _period_clause(period: Period | None, undated: bool) -> tuple[str, list[str]]:
    """An SQL condition keeping the claims dated in the period, and the undated ones if `undated`."""
    parts, args = [], []
    if period is not None and period.since:
        parts.append(f"{_DAY} >= ?")
        args.append(period.since.isoformat())
    if period is not None and period.until:
        parts.append(f"{_DAY} <= ?")
        args.append(period.until.isoformat())
    if not parts:
        return ("" if undated else f"{_DAY} IS NOT NULL"), args
    dated = " AND ".join(parts)
    return (f"({_DAY} IS NULL OR ({dated}))" if undated else f"({dated})"), args


def _filters(place_ids: Iterable[str] | None, side: Side | None, period: Period | None, *, undated: bool = True,
             search: str | None = None) -> tuple[str, list]:
    """A WHERE clause for claims of some places, of one claimant side, dated in a period (or undated),
    whose sentence has all the words searched for."""
    where, args = [], []
    if search is not None:
        where.append("rowid IN (SELECT rowid FROM claims_text WHERE claims_text MATCH ?)")
        args.append(_all_words(search))
    within, within_args = _period_clause(period, undated=undated)
    if within:
        where.append(within)
        args += within_args
    if place_ids is not None:
        ids = list(place_ids)
        where.append(f"place_id IN ({', '.join('?' * len(ids))})")
        args += ids
    if side is not None:
        where.append("side = ?")
        args.append(side.value)
    return (" WHERE " + " AND ".join(where) if where else ""), args


class ClaimFilter(NamedTuple):
    """Which claims a read wants: about some places, by one claimant side, with some words, dated in
    a period (and, unless `undated` is false, the undated ones too)."""

    place_ids: tuple[str, ...] | None = None
    side: Side | None = None
    search: str | None = None
    period: Period | None = None
    undated: bool = True


TIMELINE_ORDER = f"{_DAY} IS NULL, {_DAY}, article, start, claim_id"


def _where(where: ClaimFilter | None) -> tuple[str, list]:
    """The WHERE clause (with its leading space) and arguments for a filter."""
    if where is None:
        return "", []
    return _filters(where.place_ids, where.side, where.period, undated=where.undated, search=where.search)


def default_path() -> str:
    return os.environ.get(DB_ENV) or DEFAULT_PATH


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _quoted(column: str) -> str:
    return f'"{column}"'


def _correction_dict(row: sqlite3.Row) -> dict:
    record = dict(row)
    record["original"] = json.loads(record["original"]) if record["original"] else None
    return record


def claim_row(claim: Claim) -> tuple:
    figure = claim.figure
    return (
        claim.claim_id, claim.article_id, claim.article, _iso(claim.published), claim.place.id, claim.place.name,
        claim.place.kind.value, int(claim.place.resolved), claim.place_text, claim.place.admin1,
        claim.place.country, claim.place.lat, claim.place.lon, claim.claimant, claim.side.value,
        claim.claim.value, claim.subject_side.value, claim.denies.value if claim.denies else None, json.dumps(list(claim.units), ensure_ascii=False),
        figure.text if figure else None, figure.value if figure else None,
        figure.value_max if figure else None, figure.unit if figure else None,
        claim.sentence, claim.start, claim.end, _iso(claim.claim_date), claim.date_text, claim.outlet, claim.rule,
    )


def claim_from_row(row: sqlite3.Row) -> Claim:
    try:
        return _claim_from_row(row)
    except (ValueError, TypeError, KeyError, IndexError) as exc:  # pydantic's errors are ValueErrors
        claim_id = row["claim_id"] if "claim_id" in row.keys() else "?"
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise DatabaseError(f"the database holds a claim this frontclaims cannot read "
                            f"(claim {claim_id!r}: {reason})") from None


def _claim_from_row(row: sqlite3.Row) -> Claim:
    figure = None
    if row["figure"] is not None:
        figure = Figure(text=row["figure"], value=row["figure_value"], value_max=row["figure_max"],
                        unit=row["figure_unit"])
    place = Place(
        id=row["place_id"], name=row["place"], kind=PlaceKind(row["place_kind"]), admin1=row["admin1"],
        country=row["country"], lat=row["lat"], lon=row["lon"], resolved=bool(row["place_resolved"]),
    )
    return Claim(
        claim_id=row["claim_id"], article=row["article"], article_id=row["article_id"],
        published=_date(row["published"]), place=place, place_text=row["place_text"], claimant=row["claimant"],
        side=Side(row["side"]), claim=ClaimType(row["claim"]), subject_side=Side(row["subject_side"]),
        denies=ClaimType(row["denies"]) if row["denies"] else None,
        units=tuple(json.loads(row["units"])), figure=figure, sentence=row["sentence"], start=row["start"],
        end=row["end"], claim_date=_date(row["claim_date"]), date_text=row["date_text"], outlet=row["outlet"],
        rule=row["rule"], **_extras(row),
    )


def _extras(row: sqlite3.Row) -> dict:
    """The article's address and the review of a row read through `claim_rows`."""
    try:
        url = row["url"]
    except IndexError:  # a row of the claims table itself
        return {}
    review = None
    if row["reviewed"] and row["original_side"] is not None:
        review = Review(original_place_id=row["original_place_id"], original_place=row["original_place"],
                        original_side=Side(row["original_side"]), original_claim=ClaimType(row["original_claim"]),
                        original_subject_side=Side(row["original_subject_side"]), note=row["review_note"],
                        reviewed_at=row["reviewed_at"])
    return {"url": url or "", "review": review}


class Store:
    """A frontclaims database file."""

    def __init__(self, path: str | os.PathLike, *, create: bool = True, timeout: float | None = None):
        """Open (or, with `create`, make) the database at `path`. `create` means the caller will write:
        a database it cannot write is refused at once. Without it, one that cannot be written here is
        opened read-only."""
        self.path = os.fspath(path)  # os.path, not pathlib: the read commands start sooner without it
        self._check_file(create)
        problem = _writable(self.path)
        if create and problem:
            raise DatabaseError(f"the database {self.path} cannot be written: {problem}")
        self.read_only = problem is not None
        timeout = busy_timeout() if timeout is None else timeout
        try:
            self.db = self._connect(timeout, immutable=False)
        except sqlite3.DatabaseError as exc:
            raise describe(exc, self.path) from exc
        try:
            try:
                self._prepare()
            except sqlite3.OperationalError:
                if not self.read_only:
                    raise
                # Read-only and in WAL mode without its -shm file, which cannot be made here: as the
                # file cannot change under us, read it as immutable.
                self.db.close()
                self.db = self._connect(timeout, immutable=True)
                self._prepare()
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise describe(exc, self.path) from exc
        except DatabaseError:
            self.db.close()
            raise

    def _connect(self, timeout: float, *, immutable: bool) -> sqlite3.Connection:
        if self.read_only:
            uri = os.path.abspath(self.path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
            db = sqlite3.connect(f"file:{uri}?mode=ro" + ("&immutable=1" if immutable else ""), uri=True,
                                 timeout=timeout, isolation_level=None)
        else:
            db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        db.row_factory = sqlite3.Row
        db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        return db

    def _check_file(self, create: bool) -> None:
        if os.path.isdir(self.path):
            raise DatabaseError(f"{self.path} is a folder, not a database file")
        if not os.path.exists(self.path) or os.path.getsize(self.path) == 0:
            if not create:
                raise DatabaseError(f"no database at {self.path}; run `frontclaims ingest` first")
            if not os.path.isdir(os.path.dirname(os.path.abspath(self.path))):
                raise DatabaseError(f"cannot create the database {self.path}: its folder does not exist")
            return
        try:
            with open(self.path, "rb") as fh:
                header = fh.read(100)
        except OSError as exc:
            raise DatabaseError(f"cannot read the database {self.path}: {exc.strerror}") from exc
        if not header.startswith(_SQLITE_HEADER):
            raise NotAFrontclaimsDatabaseError(
                f"{self.path} is not a frontclaims database (not an SQLite file); it was left untouched"
            )
        application_id = int.from_bytes(header[68:72], "big")
        if application_id not in (0, APPLICATION_ID):
            raise NotAFrontclaimsDatabaseError(
                f"{self.path} is an SQLite database of another program; it was left untouched"
            )

    def _prepare(self) -> None:
        db = self.db
        application_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if application_id == 0 and tables:
            raise NotAFrontclaimsDatabaseError(
                f"{self.path} is an SQLite database of another program; it was left untouched"
            )
        if version > SCHEMA_VERSION:
            raise SchemaVersionError(
                f"{self.path} was written by a newer frontclaims (schema {version}, this one reads "
                f"{SCHEMA_VERSION}); upgrade with: pip install -U frontclaims"
            )
        if version < 0 or (version == 0 and tables):
            raise NotAFrontclaimsDatabaseError(
                f"{self.path} has schema version {version}, which no frontclaims writes; it was left untouched"
            )
        if self.read_only:
            if version < SCHEMA_VERSION:
                raise DatabaseError(f"the database {self.path} was written by an older frontclaims and cannot be "
                                    f"upgraded here (read-only); make it writable and run any command once")
            return
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA foreign_keys = ON")
        if version < SCHEMA_VERSION:
            self.migrate()

    def migrate(self) -> list[str]:
        """Bring the file up to SCHEMA_VERSION in one transaction, step by named step; the names of
        the steps applied."""
        db, applied = self.db, []
        with self.transaction():
            # Another process may have migrated the file while this one waited for the lock.
            version = db.execute("PRAGMA user_version").fetchone()[0]
            for step in MIGRATIONS:
                if step.version <= version:
                    continue
                for statement in _statements(step.sql):
                    db.execute(statement)
                if step.version == 2:
                    self._add_place_keys([self._place(r) for r in db.execute("SELECT * FROM places")])
                applied.append(step.name)
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        return applied

    def transaction(self):
        return _Transaction(self.db)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def add_appearance(self, source: str, article_id: str) -> None:
        with self.transaction():
            self.db.execute("INSERT OR IGNORE INTO appearances VALUES (?, ?)", (source, article_id))

    def record_gazetteer(self, name: str, sha256: str) -> None:
        """Note that claims are being made with this gazetteer (its file names and content's sha256)."""
        if sha256:
            with self.transaction():
                self.db.execute("INSERT OR IGNORE INTO meta VALUES ('gazetteer', ?)",
                                (json.dumps({"name": name, "sha256": sha256}, ensure_ascii=False),))

    def gazetteers(self) -> list[dict[str, str]]:
        """The gazetteers claims were made with: {"name": ..., "sha256": ...}, in the order first used."""
        return [json.loads(value) for (value,) in self.db.execute(
            "SELECT value FROM meta WHERE name = 'gazetteer' ORDER BY rowid")]

    def add_article(self, article: Article, claims: Iterable[Claim]) -> int:
        """Store an article and its claims in one transaction; returns how many claims were new."""
        return self.add_articles([(article, claims)])[0]

    def add_articles(self, batch: Iterable[tuple[Article, Iterable[Claim]]]) -> list[int]:
        """Store articles and their claims in one transaction, in order; how many claims each added.

        An article already stored (by its content id) adds nothing but the name it was seen under.
        """
        return [claims for _, claims in self.store_articles(batch)]

    def store_articles(self, batch: Iterable[tuple[Article, Iterable[Claim]]], *,
                       pages: Mapping[str, RawPage] | None = None,
                       replace: bool = False) -> list[tuple[bool, int]]:
        """As `add_articles`, telling for each article whether it was new (another process may have
        stored the same one meanwhile) and how many claims it added. `pages` are the web pages the
        articles were read from, by article id, kept compressed. With `replace`, an article already
        stored gets these claims instead of its old ones (read again with newer rules); either way
        the corrections of its claims are applied to them."""
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        added = []
        with self.transaction():
            known = {r[0] for r in self.db.execute("SELECT id FROM places")}
            corrected = self.db.execute("SELECT 1 FROM corrections LIMIT 1").fetchone() is not None
            for article, claims in batch:
                inserted = self.db.execute(
                    "INSERT OR IGNORE INTO articles (id, source, title, published, text, ingested_at, url, outlet, "
                    "author, date_source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (article.id, article.source, article.title, _iso(article.published), article.text, now,
                     article.url, article.outlet, article.author, article.date_source),
                ).rowcount
                self.db.execute("INSERT OR IGNORE INTO appearances VALUES (?, ?)", (article.source, article.id))
                if replace and not inserted:
                    self._forget_claims(article.id)
                    self.db.execute("UPDATE articles SET title = ?, published = ?, url = ?, outlet = ?, author = ?, "
                                    "date_source = ? WHERE id = ?",
                                    (article.title, _iso(article.published), article.url, article.outlet,
                                     article.author, article.date_source, article.id))
                page = (pages or {}).get(article.id)
                if replace and page is not None and page.address:  # the page read again gives another text
                    for (old,) in self.db.execute("SELECT article_id FROM pages WHERE address = ? AND article_id != ?",
                                                  (page.address, article.id)).fetchall():
                        self._forget_claims(old)
                        for table, column in (("pages", "article_id"), ("appearances", "article_id"),
                                              ("articles", "id")):
                            self.db.execute(f"DELETE FROM {table} WHERE {column} = ?", (old,))
                if page is not None:
                    self.db.execute("INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?, ?)",
                                    (article.id, page.address, page.url, page.content_type, page.fetched_at,
                                     zlib.compress(page.data, 6)))
                claims = list(claims) if inserted or replace else []
                new_places = {c.place.id: c.place for c in claims if c.place.id not in known}
                if new_places:
                    self._add_places(new_places.values())
                    known |= set(new_places)
                rows = [claim_row(c) for c in claims]
                count = self.db.executemany(_INSERT_CLAIM, rows).rowcount if rows else 0
                if corrected and rows:
                    count -= self._apply_corrections([c.claim_id for c in claims])
                added.append((bool(inserted), count))
        return added

    def _forget_claims(self, article_id: str) -> None:
        """Delete an article's claims before it is read again; their corrections wait for the new ones."""
        self.db.execute("UPDATE corrections SET original = NULL WHERE json_extract(original, '$.article_id') = ?",
                        (article_id,))
        self.db.execute("DELETE FROM claims WHERE article_id = ?", (article_id,))

    # -- corrections -------------------------------------------------------------------------------
    def claim(self, claim_id: str) -> Claim | None:
        """The claim with this id, as every view shows it (corrected, if it was reviewed)."""
        row = self.db.execute("SELECT * FROM claim_rows WHERE claim_id = ?", (claim_id,)).fetchone()
        return claim_from_row(row) if row else None

    def claim_ids_starting(self, prefix: str, limit: int = 5) -> list[str]:
        """The ids of stored or reviewed claims that start with `prefix` (a claim can be named by a few characters)."""
        pattern = re.sub(r"([%_\\])", r"\\\1", prefix) + "%"
        return [r[0] for r in self.db.execute(
            "SELECT claim_id FROM claims WHERE claim_id LIKE ? ESCAPE '\\' UNION "
            "SELECT claim_id FROM corrections WHERE claim_id LIKE ? ESCAPE '\\' ORDER BY 1 LIMIT ?",
            (pattern, pattern, limit))]

    def correction(self, claim_id: str) -> dict | None:
        """A claim's stored correction as a row of the corrections table (`original` decoded), or None."""
        row = self.db.execute("SELECT * FROM corrections WHERE claim_id = ?", (claim_id,)).fetchone()
        return _correction_dict(row) if row else None

    def corrections(self) -> list[dict]:
        """Every correction, in the order they were made."""
        return [_correction_dict(r) for r in self.db.execute("SELECT * FROM corrections ORDER BY reviewed_at, claim_id")]

    def put_corrections(self, corrections: Iterable[dict], places: Iterable[Place] = ()) -> list[str]:
        """Store corrections (each a dict of the corrections table's columns, without `original`),
        replacing earlier ones of the same claims, and apply them to the claims in the store, in one
        transaction; the places they move claims to are added first. The ids of the claims changed."""
        with self.transaction():
            places = [p for p in places if not self.has_place(p.id)]
            if places:
                self._add_places(places)
            ids = []
            for c in corrections:
                self.db.execute(
                    "INSERT INTO corrections (claim_id, place_id, side, claim, subject_side, rejected, note, "
                    "reviewed_at) VALUES (:claim_id, :place_id, :side, :claim, :subject_side, :rejected, :note, "
                    ":reviewed_at) ON CONFLICT (claim_id) DO UPDATE SET place_id = excluded.place_id, "
                    "side = excluded.side, claim = excluded.claim, subject_side = excluded.subject_side, "
                    "rejected = excluded.rejected, note = excluded.note, reviewed_at = excluded.reviewed_at",
                    {k: c.get(k) for k in ("claim_id", "place_id", "side", "claim", "subject_side", "rejected",
                                           "note", "reviewed_at")})
                ids.append(c["claim_id"])
            self._apply_corrections(ids)
        return [i for i in ids if self.db.execute("SELECT 1 FROM corrections WHERE claim_id = ? AND original IS NOT NULL",
                                                   (i,)).fetchone()]

    def drop_correction(self, claim_id: str) -> bool:
        """Remove a claim's correction and give the claim back what extraction said; whether there was one."""
        with self.transaction():
            row = self.db.execute("SELECT original FROM corrections WHERE claim_id = ?", (claim_id,)).fetchone()
            if row is None:
                return False
            if row[0] is not None:
                original = json.loads(row[0])
                self.db.execute("DELETE FROM claims WHERE claim_id = ?", (claim_id,))
                if self.has_article(original["article_id"]):
                    self.db.execute(_INSERT_CLAIM, [original[c] for c in _CLAIM_COLUMNS])
            self.db.execute("DELETE FROM corrections WHERE claim_id = ?", (claim_id,))
        return True

    def _apply_corrections(self, claim_ids: Iterable[str]) -> int:
        """Apply the stored corrections of these claims to their rows (inside a transaction): a
        rejected claim leaves the claims table, a corrected one takes the new place, side or type;
        what extraction said is kept in the correction. How many claims were rejected."""
        rejected = 0
        ids = list(claim_ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            for fix in self.db.execute(f"SELECT * FROM corrections WHERE claim_id IN ({marks})", chunk).fetchall():
                row = self.db.execute(f"SELECT {_QUOTED_COLUMNS} FROM claims WHERE claim_id = ?",
                                      (fix["claim_id"],)).fetchone()
                if fix["original"] is None:
                    if row is None:
                        continue  # the claim is not in this store (yet): the correction waits for it
                    original = dict(zip(_CLAIM_COLUMNS, row))
                    self.db.execute("UPDATE corrections SET original = ? WHERE claim_id = ?",
                                    (json.dumps(original, ensure_ascii=False), fix["claim_id"]))
                else:
                    original = json.loads(fix["original"])
                if fix["rejected"]:
                    if row is not None:
                        self.db.execute("DELETE FROM claims WHERE claim_id = ?", (fix["claim_id"],))
                        rejected += 1
                    continue
                values = dict(original)
                for column in ("side", "claim", "subject_side"):
                    if fix[column] is not None:
                        values[column] = fix[column]
                if fix["place_id"] is not None:
                    place = self.place(fix["place_id"])
                    if place is not None:
                        values.update(place_id=place.id, place=place.name, place_kind=place.kind.value,
                                      place_resolved=int(place.resolved), admin1=place.admin1,
                                      country=place.country, lat=place.lat, lon=place.lon)
                if values.get("claim") != ClaimType.DENIAL.value:
                    values["denies"] = None
                if row is None:
                    if self.has_article(values["article_id"]):
                        self.db.execute(_INSERT_CLAIM, [values[c] for c in _CLAIM_COLUMNS])
                    continue
                changed = {c: values[c] for c in _CLAIM_COLUMNS if c != "claim_id"}
                self.db.execute(f"UPDATE claims SET {', '.join(f'{_quoted(c)} = :{c}' for c in changed)} "
                                f"WHERE claim_id = :claim_id", {**changed, "claim_id": fix["claim_id"]})
        return rejected

    # -- pages and provenance ----------------------------------------------------------------------
    def page(self, article_id: str) -> RawPage | None:
        """The web page an article was read from, as it came."""
        row = self.db.execute("SELECT address, url, content_type, fetched_at, raw FROM pages WHERE article_id = ?",
                              (article_id,)).fetchone()
        return RawPage(address=row[0], url=row[1], content_type=row[2], fetched_at=row[3],
                       data=zlib.decompress(row[4])) if row else None

    def page_at(self, address: str) -> tuple[str, RawPage] | None:
        """The article id and stored page of the latest download from this address, if any."""
        row = self.db.execute("SELECT article_id FROM pages WHERE address = ? ORDER BY fetched_at DESC LIMIT 1",
                              (address,)).fetchone()
        return (row[0], self.page(row[0])) if row else None

    def article_info(self, article_id: str) -> dict | None:
        """An article's provenance: source, title, url, outlet, author, published and where that date came from."""
        row = self.db.execute("SELECT id, source, title, url, outlet, author, published, date_source FROM articles "
                              "WHERE id = ?", (article_id,)).fetchone()
        return dict(row) if row else None

    def has_place(self, place_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM places WHERE id = ?", (place_id,)).fetchone() is not None

    def place(self, place_id: str) -> Place | None:
        """The place of the store with this id (a place with claims, or one a correction named)."""
        row = self.db.execute("SELECT * FROM places WHERE id = ?", (place_id,)).fetchone()
        return self._place(row) if row else None

    def _add_places(self, places: Iterable[Place]) -> None:
        from .names import other_names

        places = list(places)
        self.db.executemany("INSERT OR IGNORE INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
            (p.id, p.name, p.kind.value, p.admin1, p.country, p.lat, p.lon, p.population, p.name_uk, p.name_ru,
             json.dumps([dataclasses.asdict(f) for f in p.former_names], ensure_ascii=False), int(p.resolved),
             json.dumps(other_names(p.name, p.name_uk, p.name_ru), ensure_ascii=False))
            for p in places])
        self._add_place_keys(places)

    def _add_place_keys(self, places: Iterable[Place]) -> None:
        from .names import spelling_keys

        rows = []
        for p in places:
            names = [(p.name, "both"), (p.name_uk, "uk"), (p.name_ru, "ru")]
            for f in p.former_names:
                names += [(f.name, "both"), (f.uk, "uk"), (f.ru, "ru")]
            rows += [(key, p.id) for key in spelling_keys(names)]
        self.db.executemany("INSERT OR IGNORE INTO place_keys VALUES (?, ?)", rows)

    # -- reading -----------------------------------------------------------------------------------
    def claims(self, place_ids: Iterable[str] | None = None, side: Side | None = None, *,
               period: Period | None = None, undated: bool = True) -> list[Claim]:
        """Claims, optionally of some places or of one claimant side, in date and reading order.

        With a `period`, the claims dated in it (by their own date, else their article's), and the
        undated ones unless `undated` is false."""
        return list(self.iter_claims(place_ids, side, period=period, undated=undated))

    def latest_claims(self, place_id: str, limit: int, *, period: Period | None = None) -> list[Claim]:
        """The `limit` most recent claims about a place (undated ones only if too few are dated), in
        date and reading order; with a `period`, the dated ones among them lie in it. Read through the
        place/date index: the time does not grow with the store."""
        day = _DAY
        within, args = _period_clause(period, undated=False)
        rows = self.db.execute(f"SELECT * FROM claim_rows WHERE place_id = ? AND {within or f'{day} IS NOT NULL'} "
                               f"ORDER BY {day} DESC LIMIT ?", (place_id, *args, limit)).fetchall()
        if len(rows) < limit:  # undated claims: the latest stored are the latest
            rows += self.db.execute(f"SELECT * FROM claim_rows WHERE place_id = ? AND {day} IS NULL "
                                    f"ORDER BY rowid DESC LIMIT ?", (place_id, limit - len(rows))).fetchall()
        claims = [claim_from_row(r) for r in rows]
        return sorted(claims, key=lambda c: (c.date is None, c.date or dt.date.min, c.article, c.start, c.claim_id))

    def count_claims(self, place_id: str, *, period: Period | None = None, undated: bool = True) -> int:
        within, args = _period_clause(period, undated)
        return self.db.execute(f"SELECT COUNT(*) FROM claims WHERE place_id = ?{' AND ' + within if within else ''}",
                               (place_id, *args)).fetchone()[0]

    def count_undated(self, place_ids: Iterable[str] | None = None, side: Side | None = None,
                      search: str | None = None) -> int:
        """How many of the claims `iter_claims` would give have no date, neither their own nor their article's."""
        where, args = _filters(place_ids, side, None, search=search)
        where += (" AND " if where else " WHERE ") + f"{_DAY} IS NULL"
        return self.db.execute(f"SELECT COUNT(*) FROM claims{where}", args).fetchone()[0]

    def undated_counts(self) -> dict[str, int]:
        """How many claims about each place have no date, neither their own nor their article's."""
        return dict(self.db.execute(f"SELECT place_id, COUNT(*) FROM claims WHERE {_DAY} IS NULL GROUP BY place_id"))

    def iter_claims(self, place_ids: Iterable[str] | None = None, side: Side | None = None,
                    search: str | None = None, *, period: Period | None = None,
                    undated: bool = True) -> Iterator[Claim]:
        """Claims as `claims` gives them, read lazily; `search` keeps those whose sentence has all its words."""
        where = ClaimFilter(None if place_ids is None else tuple(place_ids), side, search, period, undated)
        for row in self.select_claims(["*"], where):
            yield claim_from_row(row)

    def select_claims(self, columns: Iterable[str], where: ClaimFilter | None = None, *,
                      functions: dict[str, Callable] | None = None) -> sqlite3.Cursor:
        """A cursor over SQL expressions of the claims `where` selects, in timeline order (date, undated
        last, then article and offset). `functions` are Python functions the expressions call."""
        for name, function in (functions or {}).items():
            self.db.create_function(name, 1, function, deterministic=True)
        clause, args = _where(where)
        return self.db.execute(f"SELECT {', '.join(columns)} FROM claim_rows{clause} ORDER BY {TIMELINE_ORDER}", args)

    def clash_rows(self, place_ids: Iterable[str], *, period: Period | None = None,
                   undated: bool = True) -> Iterator[tuple[str, list[tuple]]]:
        """For each place, the fields of its claims that a clash depends on: (side, claim,
        subject_side, denies, date or None, article id, sentence), one place at a time."""
        for place_id in place_ids:
            clause, args = _filters([place_id], None, period, undated=undated)
            yield place_id, self.db.execute(
                f"SELECT side, claim, subject_side, denies, {_DAY}, article_id, sentence "
                f"FROM claims{clause} ORDER BY rowid", args).fetchall()

    def claim_marks(self, place_ids: Iterable[str] | None = None, side: Side | None = None, *,
                    period: Period | None = None) -> Iterator[tuple]:
        """What a time line needs of each claim, without its evidence, in no particular order:
        (row, place_id, ISO date or None, side, claim, subject_side, denies, claimant, outlet), where
        `row` finds the whole claim with `claims_at`. Much cheaper to read than whole claims."""
        where, args = _filters(place_ids, side, period)
        return self.db.execute(f"SELECT rowid, place_id, {_DAY}, side, claim, subject_side, denies, claimant, outlet "
                               f"FROM claims{where}", args)

    def claims_at(self, rows: Iterable[int]) -> list[Claim]:
        """The claims of the rows `claim_marks` gave, in date and reading order."""
        rows, found = list(rows), []
        for start in range(0, len(rows), 500):
            chunk = rows[start:start + 500]
            found += self.db.execute(f"SELECT * FROM claim_rows WHERE rowid IN ({', '.join('?' * len(chunk))})", chunk)
        claims = [claim_from_row(r) for r in found]
        return sorted(claims, key=lambda c: (c.date is None, c.date or dt.date.min, c.article, c.start, c.claim_id))

    def spellings(self) -> dict[str, tuple[list[str], list[str]]]:
        """For each place with claims, the other names worth showing and the lookup key of every spelling."""
        keys: dict[str, list[str]] = {}
        for key, place_id in self.db.execute("SELECT key, place_id FROM place_keys ORDER BY place_id, key"):
            keys.setdefault(place_id, []).append(key)
        return {place_id: (json.loads(names), keys.get(place_id, []))
                for place_id, names in self.db.execute("SELECT id, other_names FROM places")}

    def side_counts(self, *, period: Period | None = None) -> list[tuple[Place, dict[str, int]]]:
        """Every place with claims and how many claims each side made about it; with a `period`,
        only the places and claims dated in it."""
        counts: dict[str, dict[str, int]] = {}
        within, args = _period_clause(period, undated=period is None or not period.bounded)
        where = f" WHERE {within}" if within else ""
        for place_id, side, n in self.db.execute(
                f"SELECT place_id, side, COUNT(*) FROM claims{where} GROUP BY place_id, side", args):
            counts.setdefault(place_id, {})[side] = n
        return [(place, counts[place.id]) for place in self.claimed_places() if place.id in counts]

    def claimed_places(self) -> list[Place]:
        """Every place that has claims."""
        return [self._place(r) for r in self.db.execute("SELECT * FROM places ORDER BY id")]

    def places_around(self, place: Place, km: float) -> list[Place]:
        """Places with claims that may be near, inside or named after this one: those within a box of
        `km` around it, those of its oblast, and those whose name contains its name."""
        where, args = ["name LIKE ? ESCAPE '\\'"], ["%" + re.sub(r"([%_\\])", r"\\\1", place.name) + "%"]
        if place.lat is not None and place.lon is not None:
            dlat, dlon = km / 111.0, km / (111.0 * max(0.1, math.cos(math.radians(place.lat))))
            where.append("(lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?)")
            args += [place.lat - dlat, place.lat + dlat, place.lon - dlon, place.lon + dlon]
        if place.admin1:
            where.append("admin1 = ?")
            args.append(place.admin1)
        sql = f"SELECT * FROM places WHERE id != ? AND ({' OR '.join(where)}) ORDER BY id"
        return [self._place(r) for r in self.db.execute(sql, [place.id, *args])]

    def other_names(self, place_id: str) -> list[str]:
        """The other spellings worth showing for a place with claims (see `names.other_names`)."""
        row = self.db.execute("SELECT other_names FROM places WHERE id = ?", (place_id,)).fetchone()
        return json.loads(row[0]) if row else []

    def places_by_key(self, key: str) -> list[Place]:
        """The places with claims that have a spelling with this lookup key (see `names.name_key`)."""
        return [self._place(r) for r in self.db.execute(
            "SELECT places.* FROM place_keys JOIN places ON places.id = place_keys.place_id WHERE key = ? "
            "ORDER BY places.id", (key,))]

    @staticmethod
    def _place(row: sqlite3.Row) -> Place:
        try:
            return Store._place_of(row)
        except (ValueError, TypeError, KeyError) as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise DatabaseError(f"the database holds a place this frontclaims cannot read "
                                f"(place {row['id']!r}: {reason})") from None

    @staticmethod
    def _place_of(row: sqlite3.Row) -> Place:
        return Place(
            id=row["id"], name=row["name"], kind=PlaceKind(row["kind"]), admin1=row["admin1"], country=row["country"],
            lat=row["lat"], lon=row["lon"], population=row["population"], name_uk=row["name_uk"],
            name_ru=row["name_ru"], former_names=tuple(FormerName(**f) for f in json.loads(row["former_names"])),
            resolved=bool(row["resolved"]),
        )

    def appearances(self, article_id: str) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT source FROM appearances WHERE article_id = ? ORDER BY source", (article_id,))]

    def counts(self) -> tuple[int, int]:
        articles = self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        claims = self.db.execute("SELECT COUNT(*) FROM claims").fetchone()[0]
        return articles, claims


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception (autocommit connection)."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.db.execute("COMMIT")
        elif self.db.in_transaction:  # SQLite may have rolled back already (a full disk, say)
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # the error that brought us here is the one to report
