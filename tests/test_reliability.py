"""The real command line under stress: killed, interrupted, run twice at once, or pointed at a file that is not ours.

Every test runs `python -m frontclaims` in subprocesses against a database in a temporary folder and
reads that database the way another program would. The trained pipeline loads in each process, so
the tests share one corpus, one clean run to compare against, and one gazetteer cache.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from frontclaims.errors import ExitCode
from frontclaims.export import COLUMNS, read_jsonl

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs POSIX signals and /proc")

DATA_DIR = Path(__file__).parent / "data"
PARTS = ("part1", "part2", "part3")
PER_PART = 10  # 30 roundups: about a second of parsing after the model has loaded, time enough to stop a run
BRIEFS = 120  # one-sentence articles, parsed in milliseconds: two ingests on them write at nearly the same moments
ARTICLES = PER_PART * len(PARTS) + BRIEFS
TIMEOUT = 180  # seconds any one command may take before the test gives up
POLL = 0.005
GRACE = 5  # seconds a command's processes may take to go once it has ended
HOLD = 1.5  # seconds test c holds the write lock while two ingests run
CONTENT_COLUMNS = tuple(c for c in COLUMNS if c != "claim_id")


# -- corpus and clean run --------------------------------------------------------------------------
def fixture_bodies() -> tuple[list[str], list[str]]:
    """The date lines and the bodies (date line removed) of the small articles in tests/data."""
    dates, bodies = [], []
    for path in sorted(DATA_DIR.glob("claims/*.txt")) + sorted(DATA_DIR.glob("articles/*.txt")):
        lines = [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
        if lines[0].strip().startswith("date "):
            dates.append(lines.pop(0))
        bodies.append("\n".join(lines))
    return dates, bodies


def write_corpus(root: Path) -> Path:
    """Distinct articles: roundups of all the fixture articles in a rotated order, and one-sentence briefs."""
    dates, bodies = fixture_bodies()
    for number in range(PER_PART * len(PARTS)):
        folder = root / PARTS[number // PER_PART]
        folder.mkdir(parents=True, exist_ok=True)
        rotated = bodies[number % len(bodies):] + bodies[:number % len(bodies)]
        text = "\n".join([dates[number % len(dates)], f"Front-line roundup number {number}", *rotated]) + "\n"
        (folder / f"roundup_{number:02d}.txt").write_text(text, encoding="utf-8")
    (root / "briefs").mkdir()
    for number in range(BRIEFS):
        text = (f"{dates[number % len(dates)]}\nBrief {number}\n"
                f"Russian forces shelled Kupiansk in the night, officials said ({number}).\n")
        (root / "briefs" / f"brief_{number:03d}.txt").write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def cli_env(cache_home) -> dict[str, str]:
    """The environment of every subprocess: no default database, the session's gazetteer cache."""
    env = {k: v for k, v in os.environ.items() if k != "FRONTCLAIMS_DB"}
    env["XDG_CACHE_HOME"] = str(cache_home)
    return env


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("reliability") / "corpus")


@pytest.fixture(scope="module")
def clean(tmp_path_factory, cli_env, corpus):
    """The claims of one uninterrupted ingest of the corpus into a new database."""
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    result = frontclaims(cli_env, db, "ingest", "-q", str(corpus))
    assert result.returncode == ExitCode.SUCCESS, result.stderr
    records = exported(cli_env, db)
    assert_no_duplicates(records)
    assert len(records) > ARTICLES  # the roundups carry several claims each
    with contextlib.closing(read_only(db)) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == ARTICLES
        by_article: dict[str, set[str]] = {}
        for claim_id, article_id in conn.execute("SELECT claim_id, article_id FROM claims"):
            by_article.setdefault(article_id, set()).add(claim_id)
    return records, by_article


# -- running the command line ----------------------------------------------------------------------
# Every command runs in a process group of its own, as a shell job would: Ctrl-C goes to the whole
# group, and whatever the command leaves behind (worker processes) can be found and cleaned up.
def command(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "frontclaims", "--db", str(db), *args]


def frontclaims(env: dict[str, str], db: Path, *args: str) -> subprocess.CompletedProcess:
    proc = subprocess.Popen(command(db, *args), env=env, text=True, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        kill_group(proc)
        proc.communicate()
        pytest.fail(f"{proc.args} did not finish within {TIMEOUT} s")
    finally:
        kill_group(proc)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@dataclass
class Job:
    """A command running in the background, in a process group of its own."""

    proc: subprocess.Popen
    log: Path  # its standard error

    def stderr(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def start_ingest(env: dict[str, str], db: Path, *paths: Path) -> Job:
    """An ingest in the background; its standard error goes to a file beside the database.

    Not a pipe: a worker process that outlives its parent would keep a pipe open, and reading it
    would never end.
    """
    log = db.with_name(f"{db.stem}-{time.monotonic_ns()}.stderr")
    with open(log, "w") as err:
        proc = subprocess.Popen(command(db, "ingest", "-q", *map(str, paths)), env=env, start_new_session=True,
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
    return Job(proc, log)


def finish(job: Job) -> str:
    """Wait for a started ingest; its standard error."""
    try:
        job.proc.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        kill_group(job.proc)
        job.proc.wait()
        pytest.fail(f"{job.proc.args} did not finish within {TIMEOUT} s")
    return job.stderr()


def group_members(pgid: int) -> list[str]:
    """The live processes of a process group (zombies excluded), as 'pid command line'."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, IndexError):
            continue  # ended while we looked
        if fields[0] != "Z" and int(fields[2]) == pgid:
            members.append(f"{stat.parent.name} {cmdline.strip()[:120]}")
    return members


def wait_until_gone(pgid: int, grace: float) -> list[str]:
    """The members of the group still alive after `grace` seconds (none, as soon as they are gone)."""
    deadline = time.monotonic() + grace
    while (members := group_members(pgid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return members


def kill_group(proc: subprocess.Popen) -> None:
    """Kill what is left of a command this module started (its own process group)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)


def exported(env: dict[str, str], db: Path) -> list[dict]:
    result = frontclaims(env, db, "export", "--format", "jsonl")
    assert result.returncode == ExitCode.SUCCESS, result.stderr
    return list(read_jsonl(result.stdout))


# -- reading the database as another program -------------------------------------------------------
def read_only(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True, timeout=10)


def stored_articles(db: Path) -> int:
    """Articles committed so far; 0 while the file or its tables do not exist yet."""
    try:
        with contextlib.closing(read_only(db)) as conn:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def wait_for_first_article(db: Path, *jobs: Job) -> int:
    """Poll until an ingest has committed at least one article (the model takes seconds to load)."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if stored := stored_articles(db):
            return stored
        if all(job.proc.poll() is not None for job in jobs):
            exits = [job.proc.returncode for job in jobs]
            pytest.fail(f"the ingest ended (exit {exits}) before storing an article: {[j.stderr() for j in jobs]}")
        time.sleep(POLL)
    pytest.fail(f"no article was stored within {TIMEOUT} s")


def assert_intact(db: Path, clean_by_article: dict[str, set[str]]) -> int:
    """The file passes SQLite's integrity check and every stored article has all its claims and no more.

    Returns how many articles are stored.
    """
    with contextlib.closing(read_only(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        orphans = conn.execute(
            "SELECT claim_id FROM claims WHERE article_id NOT IN (SELECT id FROM articles)").fetchall()
        assert orphans == [], "claims whose article was never stored"
        stored: dict[str, set[str]] = {article_id: set() for (article_id,) in conn.execute("SELECT id FROM articles")}
        for claim_id, article_id in conn.execute("SELECT claim_id, article_id FROM claims"):
            stored[article_id].add(claim_id)
    for article_id, claim_ids in stored.items():
        assert claim_ids == clean_by_article.get(article_id, set()), f"article {article_id} is stored half-written"
    return len(stored)


def content(record: dict) -> tuple:
    return tuple(json.dumps(record[column], ensure_ascii=False) for column in CONTENT_COLUMNS)


def assert_no_duplicates(records: list[dict]) -> None:
    repeated = [claim_id for claim_id, n in Counter(r["claim_id"] for r in records).items() if n > 1]
    assert repeated == [], f"claim ids stored more than once: {repeated}"


def assert_same_claims(records: list[dict], clean_records: list[dict]) -> None:
    assert_no_duplicates(records)
    ids, clean_ids = {r["claim_id"] for r in records}, {r["claim_id"] for r in clean_records}
    assert not clean_ids - ids, f"{len(clean_ids - ids)} claim(s) of a clean run are missing"
    assert not ids - clean_ids, f"{len(ids - clean_ids)} claim(s) a clean run does not have"
    assert Counter(map(content, records)) == Counter(map(content, clean_records))


# -- a. killed ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def killed(tmp_path_factory, cli_env, corpus):
    """An ingest killed with SIGKILL once its first articles are stored: (database, articles seen
    before the kill, processes of its group still alive GRACE seconds after it)."""
    db = tmp_path_factory.mktemp("killed") / "killed.db"
    job = start_ingest(cli_env, db, corpus)
    try:
        seen = wait_for_first_article(db, job)
        os.kill(job.proc.pid, signal.SIGKILL)
        job.proc.wait(timeout=TIMEOUT)
        left = wait_until_gone(job.proc.pid, GRACE)
    finally:
        kill_group(job.proc)
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
    assert left == [], f"still running {GRACE} s after the ingest was killed: {left}"


# -- b. Ctrl-C ---------------------------------------------------------------------------------------
def test_b_ctrl_c_stops_after_the_current_article_with_130(tmp_path, cli_env, corpus, clean):
    clean_records, clean_by_article = clean
    db = tmp_path / "interrupted.db"
    job = start_ingest(cli_env, db, corpus)
    try:
        seen = wait_for_first_article(db, job)
        os.killpg(job.proc.pid, signal.SIGINT)  # as Ctrl-C in a terminal: to the whole foreground group
        err = finish(job)
        left = wait_until_gone(job.proc.pid, GRACE)
    finally:
        kill_group(job.proc)
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
    briefs, one, two, three = corpus / "briefs", *(corpus / part for part in PARTS)
    # Both write the same briefs in step, then meet again in part2: the first from part1, the second from part3.
    first = start_ingest(cli_env, db, briefs, one, two)
    second = start_ingest(cli_env, db, briefs, three, two)
    try:
        wait_for_first_article(db, first, second)
        running = first.proc.poll() is None or second.proc.poll() is None
        # A third writer holds the lock for a while, as a long article's transaction would: the
        # ingests must wait for it, and readers must not need it.
        with contextlib.closing(sqlite3.connect(db, isolation_level=None)) as writer:
            writer.execute("BEGIN IMMEDIATE")
            held = time.monotonic()
            compared = frontclaims(cli_env, db, "compare", "Kupiansk")
            during = frontclaims(cli_env, db, "export", "--format", "jsonl")
            time.sleep(max(0.0, HOLD - (time.monotonic() - held)))
            writer.execute("ROLLBACK")
        errors = [finish(first), finish(second)]
    finally:
        kill_group(first.proc)
        kill_group(second.proc)

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
    assert set(map(content, partial)) <= set(map(content, clean_records))

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
