"""store.py: the SQLite claims database."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3

import pytest

from frontclaims import store as store_module
from frontclaims.errors import DatabaseError, ExitCode, NotAFrontclaimsDatabaseError, SchemaVersionError
from frontclaims.models import ClaimType, Figure, Period, PlaceKind, Side
from frontclaims.store import APPLICATION_ID, SCHEMA_VERSION, Store


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "claims.db"


@pytest.fixture
def article(make_article):
    return make_article("Russian forces took full control of Bakhmut, the ministry said.", source="a.txt",
                        id="art-1")


def test_default_path_follows_the_environment(tmp_path):
    # conftest points FRONTCLAIMS_DB into tmp_path, so no test can reach the user's database.
    assert store_module.default_path() == str(tmp_path / "frontclaims.db")


def test_new_database_is_marked_as_ours(store, db_path):
    assert store.counts() == (0, 0)
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_add_article_returns_new_claims_and_is_idempotent(store, article, make_claim):
    claims = [make_claim("c1"), make_claim("c2", start=70, side=Side.UA, claim=ClaimType.DENIAL)]
    assert not store.has_article("art-1")
    assert store.add_article(article, claims) == 2
    assert store.has_article("art-1")
    assert store.counts() == (1, 2)
    assert store.add_article(article, claims) == 0
    assert store.add_article(article, [make_claim("c3")]) == 0  # a known article adds nothing at all
    assert store.counts() == (1, 2)
    assert [c.claim_id for c in store.claims()] == ["c1", "c2"]


def test_article_without_claims_is_still_recorded(store, make_article):
    assert store.add_article(make_article("Nothing happened.", id="quiet"), []) == 0
    assert store.has_article("quiet")
    assert store.counts() == (1, 0)


def test_same_claim_id_in_another_article_is_not_counted_twice(store, make_article, make_claim):
    assert store.add_article(make_article("one", id="a1"), [make_claim("c1", article_id="a1")]) == 1
    assert store.add_article(make_article("two", id="a2"), [make_claim("c1", article_id="a2"),
                                                          make_claim("c2", article_id="a2")]) == 1
    assert store.counts() == (2, 2)


def test_appearances_of_one_article_under_two_names(store, article):
    store.add_article(article, [])
    store.add_article(dataclasses.replace(article, source="copy/a.txt"), [])
    store.add_appearance("third.txt", article.id)
    store.add_appearance("third.txt", article.id)
    assert store.appearances(article.id) == ["a.txt", "copy/a.txt", "third.txt"]
    assert store.counts() == (1, 0)


def test_claims_read_back_equal(store, article, make_claim, make_place):
    place = make_place("t-kupiansk", "Kupiansk", admin1="Kharkiv Oblast", lat=49.71003, lon=37.61581)
    original = make_claim(
        "c1", place=place, side=Side.UA, claim=ClaimType.REPELLED, subject_side=Side.RU,
        units=("92nd Brigade", "Куп’янськ defence"), figure=Figure(text="5 to 7 km", value=5, value_max=7, unit="km"),
        claim_date=dt.date(2026, 1, 25), date_text="on Sunday", outlet="Example News", rule="repelled-near",
    )
    store.add_article(article, [original])
    assert store.claims() == [original]


def test_extra_place_fields_are_not_stored(store, article, make_claim, make_place):
    place = make_place(population=80500, name_uk="Бахмут")
    store.add_article(article, [make_claim(place=place)])
    (stored,) = store.claims()
    assert stored.place.name == "Bakhmut" and stored.place.lat == place.lat
    assert stored.place.population is None  # the claims table keeps only what exports need


def test_claims_are_ordered_by_date_with_undated_last(store, article, make_claim):
    claims = [
        make_claim("undated", published=None, article="a.txt"),
        make_claim("late", published=dt.date(2026, 2, 1), article="a.txt"),
        make_claim("early-by-claim-date", published=dt.date(2026, 3, 1), claim_date=dt.date(2025, 12, 1),
                   article="a.txt"),
        make_claim("mid-b", published=dt.date(2026, 1, 10), article="b.txt", start=0),
        make_claim("mid-a-second", published=dt.date(2026, 1, 10), article="a.txt", start=50),
        make_claim("mid-a-first", published=dt.date(2026, 1, 10), article="a.txt", start=5),
    ]
    store.add_article(article, claims)
    assert [c.claim_id for c in store.claims()] == [
        "early-by-claim-date", "mid-a-first", "mid-a-second", "mid-b", "late", "undated"]


def test_claims_filtered_by_place_and_side(store, article, make_claim, make_place):
    kupiansk = make_place("t-kupiansk", "Kupiansk")
    pokrovsk = make_place("t-pokrovsk", "Pokrovsk")
    store.add_article(article, [
        make_claim("bakhmut-ru", side=Side.RU),
        make_claim("bakhmut-ua", side=Side.UA, start=10),
        make_claim("kupiansk-ru", place=kupiansk, side=Side.RU, start=20),
        make_claim("pokrovsk-ua", place=pokrovsk, side=Side.UA, start=30),
    ])
    assert [c.claim_id for c in store.claims(place_ids=["t-kupiansk"])] == ["kupiansk-ru"]
    assert [c.claim_id for c in store.claims(place_ids=["t-kupiansk", "t-pokrovsk"])] == [
        "kupiansk-ru", "pokrovsk-ua"]
    assert [c.claim_id for c in store.claims(side=Side.UA)] == ["bakhmut-ua", "pokrovsk-ua"]
    assert [c.claim_id for c in store.claims(place_ids=["t-bakhmut"], side=Side.RU)] == ["bakhmut-ru"]
    assert store.claims(place_ids=[]) == []
    assert store.claims(side=Side.NEUTRAL) == []
    assert [(p.id, p.name, counts) for p, counts in store.side_counts()] == [
        ("t-bakhmut", "Bakhmut", {"RU": 1, "UA": 1}), ("t-kupiansk", "Kupiansk", {"RU": 1}),
        ("t-pokrovsk", "Pokrovsk", {"UA": 1})]
    assert sorted(p.id for p in store.claimed_places()) == ["t-bakhmut", "t-kupiansk", "t-pokrovsk"]


def test_data_survives_reopening(db_path, article, make_claim):
    with Store(db_path) as first:
        first.add_article(article, [make_claim("c1")])
    with Store(db_path, create=False) as second:
        assert second.has_article(article.id)
        assert [c.claim_id for c in second.claims()] == ["c1"]


def test_failed_transaction_leaves_nothing(store, article):
    with pytest.raises(RuntimeError):
        with store.transaction() as db:
            db.execute("INSERT INTO articles (id, source, title, published, text, ingested_at) VALUES ('half', 'h.txt', '', NULL, 'text', 'now')")
            raise RuntimeError("crash in the middle")
    assert not store.has_article("half")
    assert store.counts() == (0, 0)


def test_failing_claim_rolls_back_its_article(store, article, make_claim):
    bad = make_claim("c2", article_id="no-such-article")  # violates the foreign key
    with pytest.raises(sqlite3.IntegrityError):
        store.add_article(article, [make_claim("c1"), bad])
    assert not store.has_article(article.id)
    assert store.counts() == (0, 0)


# -- files that are not (our) databases ------------------------------------------------------------


def test_text_file_is_refused_untouched(db_path):
    content = b"claim_id,article\nc1,a.txt\n" * 10
    db_path.write_bytes(content)
    with pytest.raises(NotAFrontclaimsDatabaseError, match="not an SQLite file") as info:
        Store(db_path)
    assert db_path.read_bytes() == content
    assert info.value.exit_code == ExitCode.DATABASE
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]  # no -wal/-shm files


def test_sqlite_file_of_another_program_is_refused_untouched(db_path):
    with sqlite3.connect(db_path) as other:
        other.execute("CREATE TABLE bookmarks (url TEXT, title TEXT)")
        other.execute("INSERT INTO bookmarks VALUES ('http://example.org', 'Example')")
    other.close()
    before = db_path.read_bytes()
    with pytest.raises(NotAFrontclaimsDatabaseError, match="another program"):
        Store(db_path)
    assert db_path.read_bytes() == before
    with sqlite3.connect(db_path) as check:
        assert check.execute("PRAGMA user_version").fetchone()[0] == 0
        assert [r[0] for r in check.execute("SELECT name FROM sqlite_master WHERE type='table'")] == ["bookmarks"]
    check.close()


def test_sqlite_file_with_another_application_id_is_refused(db_path):
    other = sqlite3.connect(db_path)
    other.execute("PRAGMA application_id = 1234")
    other.execute("CREATE TABLE t (x)")
    other.commit()
    other.close()
    before = db_path.read_bytes()
    with pytest.raises(NotAFrontclaimsDatabaseError, match="another program"):
        Store(db_path)
    assert db_path.read_bytes() == before


def test_newer_schema_is_refused(db_path):
    Store(db_path).close()
    newer = sqlite3.connect(db_path)
    newer.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    newer.commit()
    newer.close()
    with pytest.raises(SchemaVersionError, match=f"schema {SCHEMA_VERSION + 1}") as info:
        Store(db_path)
    assert isinstance(info.value, DatabaseError)
    assert info.value.exit_code == ExitCode.DATABASE


def test_missing_file_with_create_false(db_path):
    with pytest.raises(DatabaseError, match="no database"):
        Store(db_path, create=False)
    assert not db_path.exists()


def test_empty_file_becomes_a_database(db_path):
    db_path.write_bytes(b"")
    with Store(db_path) as opened:
        assert opened.counts() == (0, 0)
    assert db_path.read_bytes().startswith(b"SQLite format 3\x00")


def test_missing_folder_is_a_database_error(tmp_path):
    with pytest.raises(DatabaseError, match="folder does not exist"):
        Store(tmp_path / "nowhere" / "claims.db")


def test_folder_is_a_database_error(tmp_path):
    with pytest.raises(DatabaseError, match="is a folder"):
        Store(tmp_path)


def test_a_version_1_database_is_migrated_in_place(db_path, article, make_claim):
    from frontclaims.store import _SCHEMA_V1, _statements, claim_row

    old = sqlite3.connect(db_path)
    for statement in _statements(_SCHEMA_V1):
        old.execute(statement)
    old.execute("INSERT INTO articles VALUES ('art-1', 'a.txt', '', '2026-01-27', 'text', 'now')")
    old.execute(f"INSERT INTO claims VALUES ({', '.join('?' * 30)})", claim_row(make_claim("c1")))
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    old.execute("PRAGMA user_version = 1")
    old.commit()
    old.close()
    with Store(db_path, create=False) as store:
        assert [c.claim_id for c in store.claims()] == ["c1"]
        assert [c.claim_id for c in store.iter_claims(search="full CONTROL")] == ["c1"]  # indexed on migration
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_version_2_database_is_migrated_to_stemmed_search(db_path, article, make_claim):
    """Schema 3 rebuilds the full-text index with the porter stemmer: a file written by schema 2
    finds word forms once opened, keeps its claims, and says which named step ran."""
    from frontclaims.store import MIGRATIONS, _statements, claim_row

    old = sqlite3.connect(db_path)
    for step in MIGRATIONS[:2]:
        for statement in _statements(step.sql):
            old.execute(statement)
    old.execute("INSERT INTO articles VALUES ('art-1', 'a.txt', '', '2026-01-27', 'text', 'now')")
    old.execute(f"INSERT INTO claims VALUES ({', '.join('?' * 30)})",
                claim_row(make_claim("c1", sentence="Ukrainian units were encircled near Bakhmut.")))
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    old.execute("PRAGMA user_version = 2")
    old.commit()
    assert old.execute("SELECT rowid FROM claims_text WHERE claims_text MATCH 'encircle'").fetchall() == []
    old.close()
    with Store(db_path, create=False) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [c.claim_id for c in store.iter_claims(search="encircle")] == ["c1"]
        assert [c.claim_id for c in store.iter_claims(search="encircl*")] == ["c1"]
        sql = store.db.execute("SELECT sql FROM sqlite_master WHERE name = 'claims_text'").fetchone()[0]
        assert "porter" in sql
    assert MIGRATIONS[2].version == 3 and "porter" in MIGRATIONS[2].name


def test_a_version_4_database_gains_the_gazetteer_meta_table(db_path, article, make_claim):
    """Schema 5 adds the table that records which gazetteers made the claims; a file of schema 4 keeps its claims."""
    from frontclaims.store import MIGRATIONS, _statements, claim_row

    old = sqlite3.connect(db_path)
    for step in MIGRATIONS[:4]:
        for statement in _statements(step.sql):
            old.execute(statement)
    old.execute("INSERT INTO articles (id, source, title, published, text, ingested_at) "
                "VALUES ('art-1', 'a.txt', '', '2026-01-27', 'text', 'now')")
    old.execute(f"INSERT INTO claims VALUES ({', '.join('?' * 30)})", claim_row(make_claim("c1")))
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    old.execute("PRAGMA user_version = 4")
    old.commit()
    old.close()
    with Store(db_path, create=False) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
        assert [c.claim_id for c in store.claims()] == ["c1"]
        assert store.gazetteers() == []
        store.record_gazetteer("mine.csv", "b" * 64)
        assert store.gazetteers() == [{"name": "mine.csv", "sha256": "b" * 64}]
    assert MIGRATIONS[4].version == 5 and "gazetteer" in MIGRATIONS[4].name


def test_the_gazetteers_used_are_recorded_once_each_in_order(store):
    store.record_gazetteer("gazetteer.csv, gazetteer-ru.csv", "a" * 64)
    store.record_gazetteer("mine.csv", "b" * 64)
    store.record_gazetteer("gazetteer.csv, gazetteer-ru.csv", "a" * 64)
    store.record_gazetteer("(built in memory)", "")  # nothing to tell it by: not recorded
    assert store.gazetteers() == [{"name": "gazetteer.csv, gazetteer-ru.csv", "sha256": "a" * 64},
                                  {"name": "mine.csv", "sha256": "b" * 64}]


def test_search_finds_sentences_with_all_the_words(store, article, make_claim):
    store.add_article(article, [make_claim("c1"), make_claim("c2", start=70, sentence="Fighting near Bakhmut's edge.")])
    assert [c.claim_id for c in store.iter_claims(search="bakhmut fighting")] == ["c2"]
    assert [c.claim_id for c in store.iter_claims(search='("control"*')] == ["c1"]  # operators are plain words
    assert list(store.iter_claims(search="Izium")) == []


def test_latest_claims_are_the_most_recent_in_timeline_order(store, article, make_claim):
    days = [dt.date(2026, 1, d) for d in (5, 1, 9, 3)]
    store.add_article(article, [make_claim(f"c{i}", published=None, claim_date=day, start=10 * i)
                                for i, day in enumerate(days)] + [make_claim("undated", published=None, start=99)])
    assert [c.claim_id for c in store.latest_claims("t-bakhmut", 2)] == ["c0", "c2"]
    assert [c.claim_id for c in store.latest_claims("t-bakhmut", 9)] == ["c1", "c3", "c0", "c2", "undated"]
    assert store.count_claims("t-bakhmut") == 5


def test_places_around_are_near_in_the_oblast_or_named_after(store, make_article, make_claim, make_place):
    kupiansk = make_place("k", "Kupiansk", lat=49.71, lon=37.61, admin1="Kharkiv Oblast")
    others = [make_place("v", "Kupiansk-Vuzlovyi", lat=49.67, lon=37.64, admin1="Kharkiv Oblast"),
              make_place("r", "Kupiansk Raion", kind=PlaceKind.RAION, lat=None, lon=None, admin1=""),
              make_place("i", "Izium", lat=49.21, lon=37.28, admin1="Kharkiv Oblast"),
              make_place("p", "Pokrovsk", lat=48.28, lon=37.18, admin1="Donetsk Oblast")]
    for n, place in enumerate([kupiansk, *others]):
        article = make_article(f"Claim {n} about {place.name}.", id=f"a{n}")
        store.add_article(article, [make_claim(f"c{n}", place=place, article_id=article.id)])
    assert [p.id for p in store.places_around(kupiansk, 20)] == ["i", "r", "v"]  # Izium: same oblast
    assert store.places_around(others[3], 20) == []


# -- periods: claims dated by their own date, else their article's ----------------------------------
def test_a_period_holds_its_days_and_says_which(dated_store):
    period = Period(since=dt.date(2025, 11, 21), until=dt.date(2025, 12, 1))
    assert period.holds(dt.date(2025, 11, 21)) and period.holds(dt.date(2025, 12, 1)) and not period.holds(dt.date(2025, 11, 20))
    assert str(period) == "2025-11-21 to 2025-12-01" and str(Period()) == "all dates"
    assert str(Period(since=dt.date(2025, 1, 1))) == "since 2025-01-01"
    with pytest.raises(ValueError):
        Period(since=dt.date(2025, 2, 1), until=dt.date(2025, 1, 1))


def test_store_dates_a_claim_by_its_own_date_else_its_article(dated_store):
    # b1 speaks of 2025-03-01 in an article of 2025-03-05
    ids = [c.claim_id for c in dated_store.iter_claims(period=Period(until=dt.date(2025, 3, 2)), undated=False)]
    assert ids == ["b1"]
    ids = [c.claim_id for c in dated_store.iter_claims(period=Period(since=dt.date(2025, 3, 2), until=dt.date(2025, 11, 21)))]
    assert ids == ["n1", "k1", "k2", "k5"]  # the undated claim comes last, kept apart
    assert dated_store.count_undated() == 1
    assert dated_store.count_claims("703656", period=Period(since=dt.date(2025, 11, 21))) == 4  # k3, k4, k6 and undated k5
    assert [p.name for p, _ in dated_store.side_counts(period=Period(since=dt.date(2025, 11, 1)))] == ["Kupiansk"]


def test_a_version_3_database_gains_provenance_pages_and_corrections(db_path, make_claim):
    """Schema 4, migrating a file of schema 3 in place: its articles keep their text and gain the
    provenance columns (a date line is said to be where the date came from), and a claim can then be
    corrected; the correction is applied to every reading and kept in its own table."""
    from frontclaims.store import MIGRATIONS, _statements, claim_row

    old = sqlite3.connect(db_path)
    for step in MIGRATIONS[:3]:
        for statement in _statements(step.sql):
            old.execute(statement)
    old.execute("INSERT INTO articles VALUES ('art-1', 'a.txt', 'Title', '2026-01-27', 'date 2026-01-27\nTitle', 'now')")
    old.execute(f"INSERT INTO claims VALUES ({', '.join('?' * 30)})", claim_row(make_claim("c1")))
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    old.execute("PRAGMA user_version = 3")
    old.commit()
    old.close()
    with Store(db_path, create=False) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert MIGRATIONS[3].version == 4 and "corrections" in MIGRATIONS[3].name
        info = store.article_info("art-1")
        assert (info["url"], info["outlet"], info["author"], info["date_source"]) == ("", "", "", "date line")
        (claim,) = store.claims()
        assert (claim.url, claim.review) == ("", None)
        store.put_corrections([{"claim_id": "c1", "side": "UA", "rejected": 0, "note": "checked",
                                "reviewed_at": "2026-02-01T00:00:00+00:00"}])
    with Store(db_path, create=False) as store:
        (claim,) = store.claims()
        assert (claim.side, claim.review.original_side, claim.review.note) == (Side.UA, Side.RU, "checked")
        assert store.corrections()[0]["original"]["side"] == "RU"


def test_a_page_is_kept_compressed_with_its_article(store, make_article):
    from frontclaims.models import RawPage

    article = make_article("A page's article text.", "page.html")
    html = b"<html><body>" + b"<p>the same words again and again</p>" * 500 + b"</body></html>"
    page = RawPage(url="https://news.example/a", address="https://news.example/short", data=html,
                   content_type="text/html", fetched_at="2026-01-01T00:00:00+00:00")
    store.store_articles([(article, [])], pages={article.id: page})
    assert store.page(article.id) == page
    assert store.page_at("https://news.example/short") == (article.id, page)
    stored = store.db.execute("SELECT length(raw) FROM pages").fetchone()[0]
    assert stored < len(html) / 10
