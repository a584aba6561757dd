"""The real command line under stress: killed, interrupted, run twice at once, or pointed at a file that is not ours.

Every test runs `python -m frontclaims` in subprocesses against a database in a temporary folder and
reads that database the way another program would. The trained pipeline loads in each process, so
the tests share one corpus, one clean run to compare against, and one gazetteer cache.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from frontclaims.errors import ExitCode
from frontclaims.export import read_jsonl

# scripts/ is not a package, and the battery is the one home of the helpers that build the corpus,
# start, stop and watch the command line and read its database: load it by path. It goes into
# sys.modules first because its dataclasses look their module up there.
_spec = importlib.util.spec_from_file_location("battery", Path(__file__).parent.parent / "scripts" / "battery.py")
battery = sys.modules["battery"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(battery)

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs POSIX signals and /proc")]

CLI = [sys.executable, "-m", "frontclaims"]
ARTICLES = battery.ROUNDUPS + battery.BRIEFS
TIMEOUT = 180  # seconds any one command may take before the test gives up


# -- corpus and clean run --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def cli_env(cache_home) -> dict[str, str]:
    """The environment of every subprocess: no default database, the session's gazetteer cache."""
    env = {k: v for k, v in os.environ.items() if k != "FRONTCLAIMS_DB"}
    env["XDG_CACHE_HOME"] = str(cache_home)
    return env


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return battery.write_corpus(tmp_path_factory.mktemp("reliability") / "corpus")


@pytest.fixture(scope="module")
def clean(tmp_path_factory, cli_env, corpus):
    """The claims of one uninterrupted ingest of the corpus into a new database."""
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    result = frontclaims(cli_env, db, "ingest", "-q", str(corpus))
    assert result.returncode == ExitCode.SUCCESS, result.stderr
    records = exported(cli_env, db)
    assert_no_duplicates(records)
    assert len(records) > ARTICLES  # the roundups carry several claims each
    assert battery.stored_articles(db) == ARTICLES
    return records, battery.claims_by_article(db)


# -- running the command line ----------------------------------------------------------------------
def frontclaims(env: dict[str, str], db: Path, *args: str) -> subprocess.CompletedProcess:
    return battery.run_command(CLI, env, db, *args, timeout=TIMEOUT)


def start_ingest(env: dict[str, str], db: Path, *paths: Path | str, held: bool = False) -> battery.Job:
    return battery.start_ingest(CLI, env, db, *paths, held=held)


def wait_for_first_article(db: Path, *jobs: battery.Job) -> int:
    """Articles stored once an ingest has committed its first; fails the test if none does."""
    stored = battery.wait_for_first_article(db, *jobs, timeout=TIMEOUT)
    if not stored:
        exits = [job.proc.returncode for job in jobs]
        pytest.fail(f"no article stored within {TIMEOUT} s (exit {exits}): {[job.stderr() for job in jobs]}")
    return stored


def exported(env: dict[str, str], db: Path) -> list[dict]:
    result = frontclaims(env, db, "export", "--format", "jsonl")
    assert result.returncode == ExitCode.SUCCESS, result.stderr
    return list(read_jsonl(result.stdout))


def assert_intact(db: Path, clean_by_article: dict[str, set[str]]) -> int:
    """The file passes SQLite's integrity check, no claim lacks its article and every stored article
    has all its claims and no more.

    Returns how many articles are stored.
    """
    intact, stored, problem = battery.whole_articles(db, clean_by_article)
    assert intact, problem
    return stored


def assert_no_duplicates(records: list[dict]) -> None:
    repeated = [claim_id for claim_id, n in Counter(r["claim_id"] for r in records).items() if n > 1]
    assert repeated == [], f"claim ids stored more than once: {repeated}"


def assert_same_claims(records: list[dict], clean_records: list[dict]) -> None:
    assert_no_duplicates(records)
    ids, clean_ids = {r["claim_id"] for r in records}, {r["claim_id"] for r in clean_records}
    assert not clean_ids - ids, f"{len(clean_ids - ids)} claim(s) of a clean run are missing"
    assert not ids - clean_ids, f"{len(ids - clean_ids)} claim(s) a clean run does not have"
    assert Counter(map(battery.content, records)) == Counter(map(battery.content, clean_records))


# -- a. killed ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def killed(tmp_path_factory, cli_env, corpus):
    """An ingest killed with SIGKILL once its first articles are stored: (database, articles seen
    before the kill, processes of its group still alive the battery's GRACE seconds after it)."""
    db = tmp_path_factory.mktemp("killed") / "killed.db"
    job = start_ingest(cli_env, db, corpus)
    try:
        seen = wait_for_first_article(db, job)
        os.kill(job.proc.pid, signal.SIGKILL)
        job.proc.wait(timeout=TIMEOUT)
        left = battery.wait_until_gone(job.proc.pid)
    finally:
        battery.kill_group(job.proc)
    assert job.proc.returncode == -signal.SIGKILL
    assert seen < ARTICLES, "the ingest outran the poll; make the corpus bigger"
    return db, seen, left


def test_a_killed_ingest_leaves_whole_articles_and_a_rerun_completes_it(cli_env, corpus, clean, killed):
    clean_records, clean_by_article = clean
    db, _, _ = killed
    stored = assert_intact(db, clean_by_article)
    assert 0 < stored < ARTICLES

    rerun = frontclaims(cli_env, db, "ingest", "-q", str(corpus))
    assert rerun.returncode == ExitCode.SUCCESS, rerun.stderr
    assert f"{stored} already stored" in rerun.stderr
    assert assert_intact(db, clean_by_article) == ARTICLES
    assert_same_claims(exported(cli_env, db), clean_records)


def test_a_no_process_outlives_a_killed_ingest(killed):
    """Worker processes and multiprocessing's resource tracker go too, instead of holding a model's
    memory and the ingest's standard output and error."""
    _, _, left = killed
    assert left == [], f"still running {battery.GRACE} s after the ingest was killed: {left}"


# -- b. Ctrl-C ---------------------------------------------------------------------------------------
def test_b_ctrl_c_stops_after_the_current_article_with_130(tmp_path, cli_env, corpus, clean):
    clean_records, clean_by_article = clean
    db = tmp_path / "interrupted.db"
    job = start_ingest(cli_env, db, corpus)
    try:
        seen = wait_for_first_article(db, job)
        os.killpg(job.proc.pid, signal.SIGINT)  # as Ctrl-C in a terminal: to the whole foreground group
        err = battery.finish(job, TIMEOUT)
        left = battery.wait_until_gone(job.proc.pid)
    finally:
        battery.kill_group(job.proc)
    assert seen < ARTICLES, "the ingest outran the poll; make the corpus bigger"

    assert job.proc.returncode == ExitCode.INTERRUPTED, err
    assert "Stopping after the current article" in err
    assert "Traceback" not in err
    assert left == [], "processes outlived the interrupted ingest"
    stored = assert_intact(db, clean_by_article)
    assert 0 < stored < ARTICLES

    rerun = frontclaims(cli_env, db, "ingest", "-q", str(corpus))
    assert rerun.returncode == ExitCode.SUCCESS, rerun.stderr
    assert assert_intact(db, clean_by_article) == ARTICLES
    assert_same_claims(exported(cli_env, db), clean_records)


# -- c. two at once ------------------------------------------------------------------------------------
def test_c_two_ingests_at_once_and_readers_meanwhile(tmp_path, cli_env, corpus, clean):
    clean_records, clean_by_article = clean
    db = tmp_path / "shared.db"
    briefs, one, two, three = corpus / "briefs", *(corpus / part for part in battery.PARTS)
    # Both write the same briefs in step, then meet again in part2: the first from part1, the second from part3.
    # Each reads standard input last, and it is held open until the readers have run: however busy
    # the machine, neither ingest can end before them (they once both did, and the test failed).
    first = start_ingest(cli_env, db, briefs, one, two, "-", held=True)
    second = start_ingest(cli_env, db, briefs, three, two, "-", held=True)
    try:
        wait_for_first_article(db, first, second)
        running = first.proc.poll() is None and second.proc.poll() is None
        # A third writer holds the lock for a while, as a long article's transaction would: the
        # ingests must wait for it, and readers must not need it.
        with contextlib.closing(sqlite3.connect(db, isolation_level=None)) as writer:
            writer.execute("BEGIN IMMEDIATE")
            held = time.monotonic()
            compared = frontclaims(cli_env, db, "compare", "Kupiansk")
            during = frontclaims(cli_env, db, "export", "--format", "jsonl")
            for job in (first, second):  # a brief they already have: nothing new, and on to the end
                battery.release(job, (briefs / "brief_000.txt").read_text(encoding="utf-8"))
            time.sleep(max(0.0, battery.HOLD - (time.monotonic() - held)))
            writer.execute("ROLLBACK")
        errors = [battery.finish(first, TIMEOUT), battery.finish(second, TIMEOUT)]
    finally:
        battery.kill_group(first.proc)
        battery.kill_group(second.proc)

    assert running, "both ingests ended before the readers started"
    assert (first.proc.returncode, second.proc.returncode) == (ExitCode.SUCCESS, ExitCode.SUCCESS), errors
    if compared.returncode == ExitCode.ERROR:  # Kupiansk may have no claims yet
        assert compared.stderr.startswith("Error:") and len(compared.stderr.splitlines()) == 1, compared.stderr
    else:
        assert compared.returncode == ExitCode.SUCCESS, compared.stderr
        assert "Kupiansk" in compared.stdout
    assert during.returncode == ExitCode.SUCCESS, during.stderr
    partial = list(read_jsonl(during.stdout))
    assert_no_duplicates(partial)
    assert set(map(battery.content, partial)) <= set(map(battery.content, clean_records))

    assert assert_intact(db, clean_by_article) == ARTICLES
    assert_same_claims(exported(cli_env, db), clean_records)


def test_c_the_place_compared_is_in_the_fixtures(cli_env, tmp_path, clean):
    result = frontclaims(cli_env, tmp_path / "unused.db", "place", "Kupiansk")
    assert result.returncode == ExitCode.SUCCESS, result.stderr
    assert any(r["place"] == "Kupiansk" for r in clean[0])


# -- d. a file that is not ours ------------------------------------------------------------------------
def _text_file(path: Path) -> None:
    path.write_text("shopping list\neggs\nmilk\n", encoding="utf-8")


def _other_programs_db(path: Path) -> None:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.executescript("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"
                           "INSERT INTO notes (body) VALUES ('keep me');")


def _other_application_id(path: Path) -> None:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.executescript("PRAGMA application_id = 1234; CREATE TABLE articles (id TEXT);")


def _newer_frontclaims_db(path: Path) -> None:
    from frontclaims.store import APPLICATION_ID

    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.executescript(f"PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = 999;"
                           "CREATE TABLE articles (id TEXT);")


@pytest.mark.parametrize("make", [_text_file, _other_programs_db, _other_application_id, _newer_frontclaims_db],
                         ids=["text-file", "sqlite-of-another-program", "other-application-id", "newer-schema"])
@pytest.mark.parametrize("args", [("ingest", "-q", "{corpus}"), ("export", "--format", "csv"),
                                  ("compare", "Kupiansk"), ("places",)], ids=lambda a: a[0])
def test_d_a_file_that_is_not_ours_is_refused_untouched(tmp_path, cli_env, corpus, make, args):
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    db = folder / "data.db"
    make(db)
    before, listing, modified = db.read_bytes(), sorted(os.listdir(folder)), db.stat().st_mtime_ns

    result = frontclaims(cli_env, db, *(a.format(corpus=corpus) for a in args))

    assert result.returncode == ExitCode.DATABASE, result.stderr
    assert result.stderr.startswith("Error:") and len(result.stderr.splitlines()) == 1, result.stderr
    assert str(db) in result.stderr
    assert db.read_bytes() == before
    assert db.stat().st_mtime_ns == modified
    assert sorted(os.listdir(folder)) == listing  # no journal, WAL or shared-memory file left beside it
