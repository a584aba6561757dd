"""Issue 12, "hostile input": each item as an attacker or a broken machine would try it, through the
command line (CliRunner, or a real process where only one can show it). Item 13 (pathological
input at speed) is in scripts/battery.py and test_segment.py."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontclaims.cli import main
from frontclaims.errors import ExitCode
from frontclaims.models import ClaimType, Side
from frontclaims.store import Store

CLAIMS_DIR = Path(__file__).parent / "data" / "claims"
CAPTURE = (CLAIMS_DIR / "ru_capture.txt").read_text(encoding="utf-8")
DENIAL = (CLAIMS_DIR / "ua_denial.txt").read_text(encoding="utf-8")
CLI = [sys.executable, "-m", "frontclaims"]
C, RU, UA = ClaimType, Side.RU, Side.UA


def run(*args, input=None, env=None):
    return CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False)


def real(*args, timeout=120, **kwargs) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "FRONTCLAIMS_DB"}
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout, env=env, **kwargs)


def one_error_line(output: str, starts: str) -> None:
    lines = output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(starts), output
    assert "Traceback" not in output and "unexpected" not in output


@pytest.fixture
def kupiansk(gazetteer):
    return gazetteer.candidates("Kupiansk")[0].place


@pytest.fixture
def db(tmp_path, make_article, make_claim, kupiansk):
    """A small database: one article with a Russian and a Ukrainian claim about Kupiansk."""
    path = tmp_path / "v.db"
    day = dt.date(2025, 11, 20)
    with Store(path) as store:
        article = make_article("Report.", source="report.txt", id="art-1", published=day)
        store.add_article(article, [
            make_claim("r1", place=kupiansk, published=day, side=RU, claim=C.CONTROL, subject_side=RU,
                       sentence="Russian troops took full control of Kupiansk."),
            make_claim("u1", place=kupiansk, published=day, side=UA, claim=C.CONTROL, subject_side=UA, start=60,
                       sentence="Kupiansk remains under Ukrainian control."),
        ])
    return path


def read_only_run(folder: Path, args: list[str], **kwargs) -> subprocess.CompletedProcess:
    """Run the command line with `folder` read-only: a read-only bind mount in a mount namespace of
    its own when running as root (whom permissions do not stop), the permission bits otherwise."""
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in [folder, *folder.iterdir()]}
        for p in modes:
            p.chmod(stat.S_IMODE(modes[p]) & ~0o222)
        try:
            return real(*args, **kwargs)
        finally:
            for p, mode in modes.items():
                p.chmod(stat.S_IMODE(mode))
    if not shutil.which("unshare"):
        pytest.skip("needs unshare to make a read-only mount as root")
    script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" && exec "$@"'
    env = {k: v for k, v in os.environ.items() if k != "FRONTCLAIMS_DB"}
    result = subprocess.run(["unshare", "-m", "sh", "-c", script, str(folder), *CLI, *args], capture_output=True,
                            text=True, timeout=kwargs.pop("timeout", 120), env=env, **kwargs)
    if "mount:" in result.stderr or "unshare:" in result.stderr:
        pytest.skip(f"cannot make a read-only mount here: {result.stderr.strip()}")
    return result


# 1 ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_1_the_database_is_never_an_output_file(db, suffix):
    before = db.read_bytes()
    result = run("--db", str(db), "export", "--out", f"{db}{suffix}")
    assert result.exit_code == ExitCode.ERROR
    one_error_line(result.output, f"Error: refusing to write {db}{suffix}: it is the database")
    assert db.read_bytes() == before
    with Store(db, create=False) as store:
        assert store.counts() == (1, 2)


# 2 ------------------------------------------------------------------------------------------------
def test_2_a_name_that_is_not_utf8_is_one_skipped_file(tmp_path, quick_ingest):
    folder = tmp_path / "news"
    folder.mkdir()
    for n in range(3):
        (folder / f"good{n}.txt").write_text(CAPTURE + f"Copy {n}.\n", encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), b"bad\xff.txt"), "wb") as fh:
        fh.write(DENIAL.encode())
    database = tmp_path / "x.db"
    for _ in range(2):  # and again: the rerun is not stopped either
        result = run("--db", str(database), "ingest", str(folder))
        assert result.exit_code == ExitCode.INPUT_SKIPPED, result.output
        assert f"skipped '{folder}/bad\\xff.txt': the file name is not valid UTF-8" in result.output
        assert "1 skipped" in result.output and "unexpected" not in result.output
    with Store(database, create=False) as store:
        assert store.counts()[0] == 3


# 3 ------------------------------------------------------------------------------------------------
def test_3_a_stray_byte_never_garbles_a_utf8_article(tmp_path, quick_ingest):
    path = tmp_path / "mixed.txt"
    text = CAPTURE.replace("Kupyansk in the Kharkov region", "Купянск in the Харьков region")
    path.write_bytes(text.encode("utf-8").replace(b"MOSCOW (TASS)", b"MOSCOW \xabTASS\xbb"))
    database = tmp_path / "x.db"
    result = run("--db", str(database), "ingest", str(path))
    assert result.exit_code == ExitCode.SUCCESS
    assert "2 byte(s) that are not UTF-8 in a UTF-8 file, read as cp1251" in result.output
    with Store(database, create=False) as store:
        (stored,) = store.db.execute("SELECT text FROM articles").fetchone()
    assert "Купянск in the Харьков region" in stored and "MOSCOW «TASS»" in stored


# 4 ------------------------------------------------------------------------------------------------
def test_4_export_keeps_the_mode_and_follows_no_planted_link(db, tmp_path):
    out = tmp_path / "claims.csv"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o600)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (tmp_path / f".claims.csv.{os.getpid()}.tmp").symlink_to(victim)
    result = run("--db", str(db), "export", "--out", str(out))
    assert result.exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text(encoding="utf-8").startswith("claim_id,")
    assert victim.read_text(encoding="utf-8") == "keep me"


# 5 ------------------------------------------------------------------------------------------------
def test_5_article_text_never_reaches_the_terminal_raw(tmp_path, make_article, make_claim, kupiansk):
    path = tmp_path / "esc.db"
    attack = "Kupiansk \x1b]52;c;ZWNobyBoaQ==\x07fell \x1b[2J\x1b[8mhidden\x1b[0m \x9b2J\u202eevil"
    with Store(path) as store:
        store.add_article(make_article("x", id="art-1"), [
            make_claim("r1", place=kupiansk, side=RU, claim=C.CONTROL, subject_side=RU, sentence=attack,
                       claimant="\x1b[31mMoscow"),
            make_claim("u1", place=kupiansk, side=UA, claim=C.CONTROL, subject_side=UA, sentence="No.", start=90),
        ])
    for args in (["compare", "Kupiansk"], ["compare", "Kupiansk", "--json"], ["places"]):
        output = run("--db", str(path), *args, env={"COLUMNS": "100"}).output
        assert not any(c in output for c in "\x1b\x07\x9b\u202e"), args
    assert "Kupiansk fell hidden" in run("--db", str(path), "compare", "Kupiansk", env={"COLUMNS": "200"}).output


# 6 ------------------------------------------------------------------------------------------------
def test_6_devices_and_huge_files_are_skipped_and_the_good_ones_kept(tmp_path, quick_ingest):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "good.txt").write_text(CAPTURE, encoding="utf-8")
    with open(folder / "sparse.txt", "wb") as fh:
        fh.truncate(6 * 10**9)  # 6 GB of nothing, without using the disk
    database = tmp_path / "x.db"
    result = run("--db", str(database), "ingest", "/dev/zero", str(folder))
    assert result.exit_code == ExitCode.INPUT_SKIPPED, result.output
    assert "skipped /dev/zero: not a regular file (a device), skipped" in result.output
    assert f"skipped {folder / 'sparse.txt'}: larger than the limit (6,000.0 MB, more than 50.0 MB; " \
           "see --max-size)" in result.output
    assert "1 new article(s)" in result.output
    small = run("--db", str(tmp_path / "y.db"), "ingest", "--max-size", "0.0001", str(folder / "good.txt"))
    assert "larger than the limit" in small.output and small.exit_code == ExitCode.INPUT_SKIPPED


# 7 ------------------------------------------------------------------------------------------------
def test_7_thousands_of_claims_about_one_place_in_seconds(tmp_path, make_article, make_claim, kupiansk):
    path = tmp_path / "many.db"
    with Store(path) as store:
        store.add_article(make_article("Many.", id="art-1"), [
            make_claim(f"c{i}", place=kupiansk, side=RU if i % 2 else UA, claim=C.CONTROL,
                       subject_side=RU if i % 2 else UA, sentence=f"Claim {i} about Kupiansk.", start=i,
                       published=dt.date(2026, 1, 1) + dt.timedelta(days=i % 10))
            for i in range(5000)])
    started = time.perf_counter()
    places = json.loads(run("--db", str(path), "places", "--json").output)
    compared = json.loads(run("--db", str(path), "compare", "Kupiansk", "--json", "--limit", "0").output)
    assert time.perf_counter() - started < 20
    assert places[0]["contradictions"] == 1
    (dispute,) = compared["contradictions"]
    assert dispute["pairs"] == 2500 * 2500 and len(dispute["claims"]) == 5000


# 8 ------------------------------------------------------------------------------------------------
_REWRITER = """
import os, sys, time
path, a, b = sys.argv[1], sys.argv[2].encode() * 400_000, sys.argv[3].encode() * 400_000
fd = os.open(path, os.O_WRONLY)
end = time.monotonic() + float(sys.argv[4])
while time.monotonic() < end:
    for version in (a, b):
        os.pwrite(fd, version, 0)  # one write: a version is never left half written while we sleep
"""


def test_8_a_file_rewritten_while_read_is_never_stored_spliced(tmp_path, monkeypatch):
    """A writer rewrites an 8 MB file in place, alternating two versions, while it is read: every read
    gives one whole version or says the file kept changing, never a splice of both."""
    from frontclaims import loader
    from frontclaims.errors import ArticleError
    from frontclaims.loader import Source, load_article

    monkeypatch.setattr(loader, "SETTLE", 0.25)

    path = tmp_path / "moving.txt"
    a, b = "Kupiansk was shelled.\n", "Pokrovsk was struck.\n"  # the same length
    path.write_text(a * 400_000, encoding="utf-8")
    writer = subprocess.Popen([sys.executable, "-c", _REWRITER, str(path), a, b, "8"])
    outcomes = []
    try:
        time.sleep(0.3)
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            try:
                text = load_article(Source(str(path), path)).text
            except ArticleError as exc:
                assert "changed while being read" in exc.reason
                outcomes.append("changing")
                continue
            outcomes.append("whole" if text in (a * 400_000, b * 400_000) else "spliced")
    finally:
        writer.kill()
        writer.wait()
    assert outcomes and outcomes.count("spliced") == 0, {o: outcomes.count(o) for o in set(outcomes)}


# 9 ------------------------------------------------------------------------------------------------
def test_9_a_fifo_is_skipped_not_waited_on(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    result = real("--db", str(tmp_path / "x.db"), "ingest", str(folder), str(folder / "pipe.txt"), timeout=60)
    assert result.returncode == ExitCode.INPUT_SKIPPED, result.stderr
    assert result.stderr.count("pipe.txt: not a regular file (a named pipe), skipped") == 2


def test_9_workers_are_capped_at_the_cores(tmp_path, quick_ingest):
    (tmp_path / "a.txt").write_text(CAPTURE, encoding="utf-8")
    result = run("--db", str(tmp_path / "x.db"), "ingest", "--workers", "1000", str(tmp_path / "a.txt"))
    assert result.exit_code == 0
    cores = len(os.sched_getaffinity(0))
    assert f"using {cores} worker(s), one per core: this machine has {cores} core(s)" in result.output


@pytest.mark.slow
def test_9_a_closed_standard_error_does_not_stop_the_ingest(tmp_path):
    """`frontclaims ingest dir 2>&1 | head -1`: the reader takes one line and goes; the ingest goes on
    and stores everything."""
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a_empty.txt").write_bytes(b"")  # a first line on standard error, early
    for n in range(6):
        (folder / f"b{n}.txt").write_text(CAPTURE + f"Copy number {n}.\n", encoding="utf-8")
    database = tmp_path / "x.db"
    env = {k: v for k, v in os.environ.items() if k != "FRONTCLAIMS_DB"}
    proc = subprocess.Popen([*CLI, "--db", str(database), "ingest", str(folder)], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, env=env)
    first = proc.stdout.readline()
    proc.stdout.close()
    assert proc.wait(timeout=300) == ExitCode.INPUT_SKIPPED
    assert b"a_empty.txt" in first
    with Store(database, create=False) as store:
        assert store.counts()[0] == 6


# 10 -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("args", [
    ["compare", "Kupiansk", "--limit", "9223372036854775808"],
    ["compare", "Kupiansk", "--window", "1000000000"],
    ["places", "--window", "1000000000"],
    ["ingest", "--workers", "99999999999999999999", "{db}"],
    ["ingest", "--engine", "dask", "--scheduler", "foo", "{db}"],
])
def test_10_out_of_range_options_are_usage_errors(db, args):
    result = run("--db", str(db), *[a.format(db=db) for a in args])
    assert result.exit_code == ExitCode.USAGE, result.output
    assert "Traceback" not in result.output and "unexpected" not in result.output


def test_10_a_read_only_database_is_refused_before_the_model_loads(db):
    """Exit 4, not 5: the database is checked before a model (here one that does not exist) is loaded."""
    result = read_only_run(db.parent, ["--db", str(db), "ingest", "--workers", "1", "--model", "no_such_model_xyz",
                                       str(CLAIMS_DIR)])
    assert result.returncode == ExitCode.DATABASE, result.stderr
    one_error_line(result.stderr, f"Error: the database {db} cannot be written:")


def test_10_a_full_disk_is_a_database_error(tmp_path, quick_ingest, monkeypatch):
    connect = Store._connect

    def small_disk(self, *args, **kwargs):
        connection = connect(self, *args, **kwargs)
        connection.execute("PRAGMA max_page_count = 22")  # the schema's 18 pages and 16 kB: then the disk is full
        return connection

    monkeypatch.setattr(Store, "_connect", small_disk)
    folder = tmp_path / "news"
    folder.mkdir()
    for n in range(4):
        (folder / f"a{n}.txt").write_text(CAPTURE + f"Copy {n}. " + "Filler words. " * 500 + "\n", encoding="utf-8")
    result = run("--db", str(tmp_path / "x.db"), "ingest", str(folder))
    assert result.exit_code == ExitCode.DATABASE
    one_error_line(result.output, f"Error: the database {tmp_path / 'x.db'}: the disk is full")


def test_10_a_lock_held_too_long_is_a_database_error(db, quick_ingest, monkeypatch, tmp_path):
    monkeypatch.setenv("FRONTCLAIMS_BUSY_TIMEOUT", "0.3")
    (tmp_path / "a.txt").write_text(CAPTURE, encoding="utf-8")
    with contextlib.closing(sqlite3.connect(db, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        result = run("--db", str(db), "ingest", str(tmp_path / "a.txt"))
        exported = run("--db", str(db), "export")  # readers do not need the lock
        other.execute("ROLLBACK")
    assert result.exit_code == ExitCode.DATABASE
    one_error_line(result.output, f"Error: the database {db}: it is locked by another program (waited 0.3 s)")
    assert exported.exit_code == 0 and len(exported.output.splitlines()) == 3


def test_10_a_damaged_database_is_a_database_error(db):
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    data = bytearray(db.read_bytes())
    for number in range(2, pages):  # every page but the first (the header and the schema)
        data[number * page:(number + 1) * page] = b"\xa5" * page
    db.write_bytes(bytes(data))
    for args in (["compare", "Kupiansk"], ["export"], ["places"]):
        result = run("--db", str(db), *args)
        assert result.exit_code == ExitCode.DATABASE, (args, result.output)
        one_error_line(result.output, f"Error: the database {db}: the file is damaged")


def test_10_bad_values_in_rows_are_a_database_error(db):
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.execute("UPDATE claims SET side = 'Martian' WHERE claim_id = 'r1'")
        conn.commit()
    result = run("--db", str(db), "compare", "Kupiansk")
    assert result.exit_code == ExitCode.DATABASE
    one_error_line(result.output, "Error: the database holds a claim this frontclaims cannot read (claim 'r1'")


def test_10_a_negative_schema_version_is_a_database_error(db):
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA user_version = -1")
    before = db.read_bytes()
    result = run("--db", str(db), "compare", "Kupiansk")
    assert result.exit_code == ExitCode.DATABASE
    one_error_line(result.output, f"Error: {db} has schema version -1, which no frontclaims writes")
    assert db.read_bytes() == before


# 11 -----------------------------------------------------------------------------------------------
def test_11_read_commands_work_on_a_read_only_database(db):
    with contextlib.closing(sqlite3.connect(db)) as conn:  # as a finished ingest leaves it: no -wal, no -shm
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{db}{suffix}")
    for args in (["compare", "Kupiansk"], ["places"], ["export", "--format", "jsonl"]):
        result = read_only_run(db.parent, ["--db", str(db), *args])
        assert result.returncode == 0, (args, result.stderr)
        assert "Kupiansk" in result.stdout
    assert sorted(p.name for p in db.parent.iterdir()) == ["v.db"]


# 12 -----------------------------------------------------------------------------------------------
def test_12_closed_standard_input(tmp_path):
    result = real("--db", str(tmp_path / "x.db"), "ingest", "-", stdin=None, preexec_fn=lambda: os.close(0))
    assert result.returncode == ExitCode.INPUT_SKIPPED, result.stderr
    assert "skipped <stdin>: standard input is closed" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [["export"], ["compare", "Kupiansk"], ["places"], ["place", "Kupiansk"]])
def test_12_closed_standard_output_is_an_error(db, args):
    result = subprocess.run([*CLI, "--db", str(db), *args], stderr=subprocess.PIPE, text=True, timeout=60,
                            preexec_fn=lambda: os.close(1))
    assert result.returncode == ExitCode.ERROR, result.stderr
    one_error_line(result.stderr, "Error: standard output is closed")


def test_12_a_file_name_cannot_forge_a_line_of_the_log(tmp_path, quick_ingest):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt\nskipped all.txt").write_bytes(b"")
    result = run("--db", str(tmp_path / "x.db"), "ingest", str(folder))
    skipped = [line for line in result.output.splitlines() if line.startswith("skipped")]
    assert skipped == [f"skipped '{folder}/a.txt\\nskipped all.txt': empty file"]


def test_12_a_huge_place_name_gives_a_short_error_line(db):
    result = run("--db", str(db), "compare", "K" * 100_000)
    assert result.exit_code == ExitCode.ERROR
    assert len(result.output) < 1_000 and result.output.startswith("Error: ")


# 13 -----------------------------------------------------------------------------------------------
def test_13_a_stretch_without_sentence_ends_is_read_in_pieces_and_said(tmp_path, quick_ingest):
    path = tmp_path / "dump.txt"
    path.write_text("Headline\n" + " ".join(f"item {i} of a list" for i in range(1500)) + "\n",
                    encoding="utf-8")
    result = run("--db", str(tmp_path / "x.db"), "ingest", str(path))
    assert result.exit_code == 0
    assert (f"warning {path}: 1 stretch(es) of more than 2,000 characters without a sentence end, read in pieces "
            "of at most 2,000") in result.output
