#!/usr/bin/env python3
"""Run the bad-input battery against the installed frontclaims command line and print one summary line.

    python scripts/battery.py                          # `python -m frontclaims` of this interpreter
    python scripts/battery.py --command frontclaims    # the `frontclaims` found on PATH

Everything happens in a temporary folder: inputs, databases and the gazetteer cache. The battery
feeds the command binary files named .txt, empty and NUL-filled files, undecodable bytes, cp1251 and
UTF-16 articles, a folder named x.txt, symbolic-link loops, a broken link, an unreadable file (not
as root, who reads everything), a multi-megabyte one-line article and the test fixtures; it kills
an ingest, interrupts one, runs two at once, checks usage errors, foreign database files and that
CSV and JSON lines exports read back the same. Each failed check is one line on standard error;
the exit status is 1 if any check failed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from frontclaims.errors import ExitCode
from frontclaims.export import COLUMNS, comparable, read_csv, read_jsonl

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
FIXTURES = sorted(DATA.glob("claims/*.txt")) + sorted(DATA.glob("articles/*.txt"))
ROUNDUPS = 30  # articles of the crash and concurrency corpus: a second or two of parsing after the model loads
PARTS = ("part1", "part2", "part3")  # the folders the roundups are spread over
BRIEFS = 120  # one-sentence articles, parsed in milliseconds: two ingests on them write at nearly the same moments
TIMEOUT = 300  # seconds any ordinary command may take
POLL = 0.005
GRACE = 5  # seconds a command's processes may take to go once it has ended
HOLD = 1.5  # seconds the concurrency check holds the write lock while two ingests run
CONTENT_COLUMNS = tuple(c for c in COLUMNS if c != "claim_id")


# -- inputs --------------------------------------------------------------------------------------------
@dataclass
class Inputs:
    battery: Path  # the folder handed to `ingest`: good and bad entries side by side
    good: list[Path] = field(default_factory=list)  # files whose article must be stored
    bad: list[Path] = field(default_factory=list)  # entries that must each be reported once
    other: list[Path] = field(default_factory=list)  # entries tried that are neither (a folder named x.txt)
    decoded: dict[Path, str] = field(default_factory=dict)  # words a decoded article must contain
    corpus: Path | None = None  # distinct good articles for the crash and concurrency runs
    huge: Path | None = None
    unreadable_skipped: bool = False

    @property
    def tried(self) -> int:
        return len(self.good) + len(self.bad) + len(self.other) + (self.huge is not None)


def text_of(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def build_inputs(work: Path, huge_mb: float) -> Inputs:
    inputs = Inputs(battery=work / "battery")
    inputs.battery.mkdir()

    def put(name: str, data: bytes, kind: list[Path]) -> Path:
        path = inputs.battery / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        kind.append(path)
        return path

    for fixture in FIXTURES:
        put(fixture.name, fixture.read_bytes(), inputs.good)
    capture = text_of(DATA / "claims" / "ru_capture.txt")
    denial = text_of(DATA / "claims" / "ua_denial.txt")
    cp1251 = capture.replace("Kupyansk in the Kharkov region", "Купянск in the Харьков region")
    inputs.decoded[put("cp1251.txt", cp1251.encode("cp1251"), inputs.good)] = "Купянск in the Харьков region"
    utf16 = denial + "Сили оборони утримують Куп’янськ, заявили в Генштабі.\n"
    inputs.decoded[put("utf16.txt", utf16.encode("utf-16"), inputs.good)] = "Сили оборони утримують Куп’янськ"
    put("utf8_bom.txt", b"\xef\xbb\xbf" + (denial + "The statement was repeated on Sunday.\n").encode(), inputs.good)
    put("crlf.txt", (capture + "The ministry repeated the claim.\n").replace("\n", "\r\n").encode(), inputs.good)
    put("UPPER.TXT", (capture + "Upper-case file name.\n").encode(), inputs.good)
    folder = inputs.battery / "x.txt"  # a folder is walked whatever its name
    inputs.other.append(folder)
    put("x.txt/inside.txt", (denial + "Found inside a folder named x.txt.\n").encode(), inputs.good)

    put("fake_pdf.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", inputs.bad)
    put("fake_png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02", inputs.bad)
    put("empty.txt", b"", inputs.bad)
    put("whitespace.txt", b"  \n\t\n\r\n", inputs.bad)
    put("nul.txt", b"\x00" * 4096, inputs.bad)
    put("undecodable.txt", b"Front-line report \x98\x81\x98 near Kupiansk.\n", inputs.bad)  # 0x98 is no cp1251
    put("boilerplate.txt", b"Read more\nSubscribe to our channel\n", inputs.bad)
    for name, target in (("loop.txt", "loop.txt"), ("y.txt", "deleted_meanwhile.txt")):
        (inputs.battery / name).symlink_to(target)
        inputs.bad.append(inputs.battery / name)
    (inputs.battery / "cycle").mkdir()
    (inputs.battery / "cycle" / "back").symlink_to("..", target_is_directory=True)
    inputs.bad.append(inputs.battery / "cycle" / "back")
    if os.geteuid() == 0:
        inputs.unreadable_skipped = True
    else:
        locked = put("unreadable.txt", capture.encode(), inputs.bad)
        locked.chmod(0)

    inputs.huge = work / "huge" / "huge.txt"
    inputs.huge.parent.mkdir()
    inputs.huge.write_bytes(one_line_article(int(huge_mb * 1_000_000)).encode())
    inputs.corpus = write_corpus(work / "corpus")
    return inputs


def fixture_bodies() -> tuple[list[str], list[str]]:
    """The date lines and the bodies (date line removed) of the fixture articles."""
    dates, bodies = [], []
    for path in FIXTURES:
        lines = [line for line in text_of(path).split("\n") if line.strip()]
        if lines[0].strip().startswith("date "):
            dates.append(lines.pop(0))
        bodies.append("\n".join(lines))
    return dates, bodies


def one_line_article(size: int) -> str:
    """A dated article whose body is the fixtures' sentences repeated on one line to `size` characters."""
    dates, bodies = fixture_bodies()
    sentences = " ".join(" ".join(body.split("\n")[1:]) for body in bodies[:4])  # the claims fixtures, no headlines
    line = (sentences + " ") * (size // (len(sentences) + 1) + 1)
    return f"{dates[0]}\nA very long dispatch\n{line[:size].rstrip()}\n"


def write_corpus(root: Path) -> Path:
    """Distinct articles: roundups of the fixtures' bodies in a rotated order, in three folders, and briefs."""
    dates, bodies = fixture_bodies()
    for number in range(ROUNDUPS):
        folder = root / PARTS[number // (ROUNDUPS // len(PARTS))]
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


# -- the database, read as another program ---------------------------------------------------------
def read_only(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True, timeout=10)


def stored_articles(db: Path) -> int:
    """Articles committed so far; 0 while the file or its tables do not exist yet."""
    try:
        with contextlib.closing(read_only(db)) as conn:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def whole_articles(db: Path, clean_by_article: dict[str, set[str]]) -> tuple[bool, int, str]:
    """(intact, articles stored, what is wrong): integrity check, no orphan claims, no half-written article."""
    try:
        with contextlib.closing(read_only(db)) as conn:
            check = conn.execute("PRAGMA integrity_check").fetchall()
            if check != [("ok",)]:
                return False, 0, f"integrity_check says {check[:3]}"
            stored = {article_id: set() for (article_id,) in conn.execute("SELECT id FROM articles")}
            claims = conn.execute("SELECT claim_id, article_id FROM claims").fetchall()
    except sqlite3.Error as exc:
        return False, 0, f"cannot read the database: {exc}"
    for claim_id, article_id in claims:
        if article_id not in stored:
            return False, len(stored), f"claim {claim_id} of an article that is not stored"
        stored[article_id].add(claim_id)
    half = [a for a, ids in stored.items() if ids != clean_by_article.get(a, set())]
    if half:
        return False, len(stored), f"{len(half)} article(s) stored with other claims than a clean run's"
    return True, len(stored), ""


def claims_by_article(db: Path) -> dict[str, set[str]]:
    with contextlib.closing(read_only(db)) as conn:
        by_article: dict[str, set[str]] = {}
        for claim_id, article_id in conn.execute("SELECT claim_id, article_id FROM claims"):
            by_article.setdefault(article_id, set()).add(claim_id)
    return by_article


# -- processes -----------------------------------------------------------------------------------------
# Every command runs in a process group of its own, as a shell job would: Ctrl-C goes to the whole
# group, and whatever the command leaves behind (worker processes) can be found and cleaned up.
@dataclass
class Job:
    """A command running in the background, in a process group of its own."""

    proc: subprocess.Popen
    log: Path  # its standard error

    def stderr(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def kill_group(proc: subprocess.Popen) -> None:
    """Kill what is left of a command started here (its own process group)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)


def run_command(cli: list[str], env: dict[str, str], db: Path, *args: str,
                timeout: float = TIMEOUT) -> subprocess.CompletedProcess:
    """Run `cli --db db args` to its end; killed after `timeout` seconds, with exit status None."""
    proc = subprocess.Popen([*cli, "--db", str(db), *args], env=env, text=True, start_new_session=True,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(proc)
        out, err = proc.communicate()
        err += f"\n(killed after {timeout} s)"
        proc.returncode = None
    finally:
        kill_group(proc)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def start_ingest(cli: list[str], env: dict[str, str], db: Path, *paths: Path) -> Job:
    """An ingest in the background; its standard error goes to a file beside the database.

    Not a pipe: a worker process that outlives its parent would keep a pipe open, and reading it
    would never end.
    """
    log = db.with_name(f"{db.stem}-{time.monotonic_ns()}.stderr")
    with open(log, "w") as err:
        proc = subprocess.Popen([*cli, "--db", str(db), "ingest", "-q", *map(str, paths)], env=env,
                                start_new_session=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=err)
    return Job(proc, log)


def finish(job: Job, timeout: float = TIMEOUT) -> str:
    """Wait for a started ingest, killing it after `timeout` seconds; its standard error."""
    try:
        job.proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(job.proc)
        job.proc.wait()
        return job.stderr() + f"\n(killed after {timeout} s)"
    return job.stderr()


def wait_for_first_article(db: Path, *jobs: Job, timeout: float = TIMEOUT) -> int:
    """Poll until an ingest has committed an article (the model takes seconds to load); 0 if none
    did before the ingests ended or `timeout` passed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(job.proc.poll() is None for job in jobs):
        if stored := stored_articles(db):
            return stored
        time.sleep(POLL)
    return stored_articles(db)


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


def group_rss(pgid: int) -> int:
    """Bytes of memory the live processes of a process group hold together."""
    total = 0
    for member in group_members(pgid):
        with contextlib.suppress(OSError, ValueError, IndexError):
            total += int(Path(f"/proc/{member.split()[0]}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    return total


def wait_until_gone(pgid: int, grace: float = GRACE) -> list[str]:
    """The members of the group still alive after `grace` seconds (none, as soon as they are gone)."""
    deadline = time.monotonic() + grace
    while (members := group_members(pgid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return members


def content(record: dict) -> tuple:
    return tuple(json.dumps(record[column], ensure_ascii=False) for column in CONTENT_COLUMNS)


# -- the battery -------------------------------------------------------------------------------------
class Battery:
    """Runs the commands, counts what was tried and what failed."""

    def __init__(self, cli: list[str], work: Path):
        self.cli = cli
        self.work = work
        self.env = {k: v for k, v in os.environ.items() if k != "FRONTCLAIMS_DB"}
        self.env["XDG_CACHE_HOME"] = str(work / "cache")
        self.failures: list[str] = []
        self.checks = 0
        self.exit_codes = 0
        self.wrong_exit_codes: list[str] = []
        self.errors_reported = 0
        self.lost = 0
        self.duplicates = 0
        self.crash_checks = 0
        self.crash_passed = 0
        self.huge = ""

    # -- bookkeeping
    def check(self, ok: bool, what: str) -> bool:
        self.checks += 1
        if not ok:
            self.failures.append(what)
            print(f"FAILED: {what}", file=sys.stderr, flush=True)
        return ok

    def exit_code(self, got: int | None, expected: int | tuple[int, ...], what: str) -> bool:
        wanted = expected if isinstance(expected, tuple) else (expected,)
        self.exit_codes += 1
        ok = got in wanted
        if not ok:
            self.wrong_exit_codes.append(what)
        return self.check(ok, f"{what}: exit {got}, expected {' or '.join(map(str, map(int, wanted)))}")

    # -- running
    def run(self, db: Path, *args: str) -> subprocess.CompletedProcess:
        return run_command(self.cli, self.env, db, *args)

    def start(self, db: Path, *paths: Path) -> Job:
        return start_ingest(self.cli, self.env, db, *paths)

    def exported(self, db: Path, fmt: str = "jsonl", *extra: str) -> list[dict] | None:
        result = self.run(db, "export", "--format", fmt, *extra)
        if not self.exit_code(result.returncode, ExitCode.SUCCESS, f"export --format {fmt} {' '.join(extra)}".strip()):
            return None
        return list(read_jsonl(result.stdout) if fmt == "jsonl" else read_csv(result.stdout, raw="--raw" in extra))

    def no_traceback(self, stderr: str, what: str) -> bool:
        return self.check("Traceback" not in stderr, f"{what}: a traceback on standard error")

    # -- 1. the bad inputs
    def bad_inputs(self, inputs: Inputs) -> None:
        db = self.work / "battery.db"
        result = self.run(db, "ingest", "-q", str(inputs.battery))
        what = f"ingest {inputs.battery.name}/"
        self.exit_code(result.returncode, ExitCode.INPUT_SKIPPED, what)
        self.no_traceback(result.stderr, what)
        lines = result.stderr.splitlines()
        for path in inputs.bad:
            naming = [line for line in lines if f"{path}:" in line]
            self.check(len(naming) == 1, f"{what}: {len(naming)} standard error line(s) name {path}, expected 1")
        reported = [line for line in lines if line.startswith("skipped ")]
        self.errors_reported = len(reported)
        wrongly = [line for line in reported if not any(f"{path}:" in line for path in inputs.bad)]
        self.check(not wrongly, f"{what}: good input reported as skipped: {wrongly}")
        self.check(f"; {len(inputs.bad)} skipped." in result.stderr,
                   f"{what}: the summary does not say {len(inputs.bad)} skipped: {lines[-1:]}")

        try:
            with contextlib.closing(read_only(db)) as conn:
                sources = dict(conn.execute(
                    "SELECT p.source, a.text FROM appearances p JOIN articles a ON a.id = p.article_id").fetchall())
        except sqlite3.Error as exc:
            self.check(False, f"{what}: cannot read {db}: {exc}")
            return
        for path in inputs.good:
            self.check(str(path) in sources, f"{what}: the article of {path} is not in the database")
        for path, words in inputs.decoded.items():
            self.check(words in sources.get(str(path), ""), f"{what}: {path} was not decoded right")

    # -- 2. one very long line
    def huge_file(self, inputs: Inputs, timeout: float) -> None:
        db = self.work / "huge.db"
        size = inputs.huge.stat().st_size / 1e6
        what = f"ingest {inputs.huge.name} ({size:.1f} MB on one line)"
        job = self.start(db, inputs.huge)
        started, peak = time.monotonic(), 0
        try:
            while job.proc.poll() is None and time.monotonic() - started < timeout:
                peak = max(peak, group_rss(job.proc.pid))
                time.sleep(0.2)
        finally:
            kill_group(job.proc)
            job.proc.wait()
        elapsed = time.monotonic() - started
        memory = f"{elapsed:.0f} s, its processes' peak memory {peak / 2**20:.0f} MB"
        self.huge = f"{size:.1f} MB one-line file {'ingested' if job.proc.returncode == 0 else 'tried'} in {memory}"
        if job.proc.returncode < 0:
            why = (f"not done after {timeout:.0f} s; killed" if elapsed >= timeout
                   else f"ended by signal {-job.proc.returncode}")
            self.check(False, f"{what}: {why} ({memory})")
            return
        err = job.stderr()
        self.exit_code(job.proc.returncode, ExitCode.SUCCESS, f"{what} ({memory})")
        self.no_traceback(err, what)
        self.check(stored_articles(db) == 1, f"{what}: its article is not in the database ({err.strip()[-200:]})")

    # -- 3. crashes and concurrency, compared with a clean run
    def clean_run(self, paths: list[Path]) -> tuple[Path, list[dict], dict[str, set[str]]] | None:
        db = self.work / "clean.db"
        result = self.run(db, "ingest", "-q", *map(str, paths))
        if not self.exit_code(result.returncode, ExitCode.INPUT_SKIPPED, "clean ingest of corpus/ and battery/"):
            return None
        records = self.exported(db)
        if not self.check(bool(records), "clean ingest: no claims exported"):
            return None
        return db, records, claims_by_article(db)

    def compare_claims(self, db: Path, clean: list[dict], what: str) -> bool:
        records = self.exported(db)
        if records is None:
            self.lost += len(clean)
            return False
        ids = Counter(r["claim_id"] for r in records)
        clean_ids = {r["claim_id"] for r in clean}
        duplicates = sum(n - 1 for n in ids.values() if n > 1)
        lost = len(clean_ids - set(ids))
        extra = len(set(ids) - clean_ids)
        self.duplicates += duplicates
        self.lost += lost
        same = Counter(map(content, records)) == Counter(map(content, clean))
        return self.check(not (duplicates or lost or extra) and same,
                          f"{what}: {lost} claim(s) lost, {duplicates} duplicate(s), {extra} not in a clean run"
                          + ("" if same else ", contents differ"))

    def crash_check(self, ok: bool) -> None:
        self.crash_checks += 1
        self.crash_passed += ok

    def killed(self, paths: list[Path], clean: list[dict], by_article: dict[str, set[str]], total: int) -> None:
        db = self.work / "killed.db"
        job = self.start(db, *paths)
        try:
            seen = wait_for_first_article(db, job)
            job.proc.send_signal(signal.SIGKILL)
            job.proc.wait(timeout=TIMEOUT)
            left = wait_until_gone(job.proc.pid)
        finally:
            kill_group(job.proc)
        intact, stored, problem = whole_articles(db, by_article)
        ok = self.check(0 < seen and stored < total, f"SIGKILL: not mid-run ({seen} then {stored} of {total} stored)")
        ok &= self.check(intact, f"SIGKILL: the database is not intact: {problem}")
        self.crash_check(ok)
        self.crash_check(self.check(not left, f"SIGKILL: {len(left)} process(es) of the killed ingest still run "
                                              f"{GRACE} s later: {'; '.join(left)}"))
        rerun = self.run(db, "ingest", "-q", *map(str, paths))
        ok = self.exit_code(rerun.returncode, ExitCode.INPUT_SKIPPED, "ingest again after SIGKILL")
        ok &= self.compare_claims(db, clean, "ingest again after SIGKILL")
        self.crash_check(ok)

    def interrupted(self, paths: list[Path], clean: list[dict], by_article: dict[str, set[str]], total: int) -> None:
        db = self.work / "interrupted.db"
        job = self.start(db, *paths)
        try:
            seen = wait_for_first_article(db, job)
            os.killpg(job.proc.pid, signal.SIGINT)  # as Ctrl-C in a terminal: to the whole foreground group
            err = finish(job)
            left = wait_until_gone(job.proc.pid)
        finally:
            kill_group(job.proc)
        intact, stored, problem = whole_articles(db, by_article)
        ok = self.exit_code(job.proc.returncode, ExitCode.INTERRUPTED, "ingest stopped by Ctrl-C")
        ok &= self.no_traceback(err, "ingest stopped by Ctrl-C")
        ok &= self.check(not left, f"Ctrl-C: {len(left)} process(es) still run after the ingest ended")
        ok &= self.check(0 < seen and stored < total, f"Ctrl-C: not mid-run ({seen} then {stored} of {total} stored)")
        ok &= self.check(intact, f"Ctrl-C: the database is not intact: {problem}")
        rerun = self.run(db, "ingest", "-q", *map(str, paths))
        ok &= self.exit_code(rerun.returncode, ExitCode.INPUT_SKIPPED, "ingest again after Ctrl-C")
        ok &= self.compare_claims(db, clean, "ingest again after Ctrl-C")
        self.crash_check(ok)

    def concurrent(self, inputs: Inputs, clean: list[dict], by_article: dict[str, set[str]]) -> None:
        db = self.work / "shared.db"
        briefs, part1, part2, part3 = (inputs.corpus / name for name in ("briefs", *PARTS))
        # Both write the same briefs in step, then meet again in part2: the first from part1, the second from part3.
        jobs = [self.start(db, briefs, part1, part2, inputs.battery),
                self.start(db, briefs, part3, part2, inputs.battery)]
        try:
            wait_for_first_article(db, *jobs)
            running = any(job.proc.poll() is None for job in jobs)
            # A third writer holds the lock for a while, as a long article's transaction would: the
            # ingests must wait for it, and readers must not need it.
            with contextlib.closing(sqlite3.connect(db, isolation_level=None)) as writer:
                writer.execute("BEGIN IMMEDIATE")
                held = time.monotonic()
                compared = self.run(db, "compare", "Kupiansk")
                during = self.run(db, "export", "--format", "jsonl")
                time.sleep(max(0.0, HOLD - (time.monotonic() - held)))
                writer.execute("ROLLBACK")
            errors = [finish(job) for job in jobs]
        finally:
            for job in jobs:
                kill_group(job.proc)
        ok = self.check(running, "two ingests at once: both ended before compare and export ran")
        for number, (job, err) in enumerate(zip(jobs, errors), 1):
            ok &= self.exit_code(job.proc.returncode, ExitCode.INPUT_SKIPPED, f"concurrent ingest {number}")
            ok &= self.check("Error:" not in err, f"concurrent ingest {number}: {err.strip()[-300:]}")
        ok &= self.exit_code(compared.returncode, (ExitCode.SUCCESS, ExitCode.ERROR), "compare during an ingest")
        if compared.returncode == ExitCode.ERROR:
            ok &= self.check(compared.stderr.startswith("Error:") and len(compared.stderr.splitlines()) == 1,
                             f"compare during an ingest: {compared.stderr.strip()[-300:]}")
        ok &= self.exit_code(during.returncode, ExitCode.SUCCESS, "export during an ingest")
        partial = list(read_jsonl(during.stdout)) if during.returncode == ExitCode.SUCCESS else []
        ok &= self.check(len({r["claim_id"] for r in partial}) == len(partial)
                         and set(map(content, partial)) <= set(map(content, clean)),
                         "export during an ingest: duplicates or claims a clean run does not have")
        intact, _, problem = whole_articles(db, by_article)
        ok &= self.check(intact, f"two ingests at once: the database is not intact: {problem}")
        ok &= self.compare_claims(db, clean, "two ingests at once")
        self.crash_check(ok)

    # -- 4. usage errors, foreign files, exports
    def usage_errors(self, db: Path) -> None:
        missing_db = self.work / "never_created.db"
        for args, target in ((("compare", ""), db), (("export", "--format", "xml"), db),
                             (("ingest", "/no/such/path"), missing_db), (("place", ""), db)):
            what = " ".join(shlex.quote(a) for a in args)
            result = self.run(target, *args)
            self.exit_code(result.returncode, ExitCode.USAGE, what)
            self.no_traceback(result.stderr, what)
            self.check("Error:" in result.stderr, f"{what}: no 'Error:' line")
        self.check(not missing_db.exists(), "ingest /no/such/path created the database")

    def not_ours(self, inputs: Inputs) -> None:
        folder = self.work / "foreign"
        folder.mkdir()
        text = folder / "notes.db"
        text.write_text("shopping list\neggs\nmilk\n", encoding="utf-8")
        other = folder / "other_program.db"
        with contextlib.closing(sqlite3.connect(other)) as conn:
            conn.executescript("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me');")
        for path in (text, other):
            for args in (("ingest", "-q", str(inputs.battery)), ("export", "--format", "csv")):
                before, listing = path.read_bytes(), sorted(os.listdir(folder))
                what = f"{args[0]} with --db {path.name}"
                result = self.run(path, *args)
                self.exit_code(result.returncode, ExitCode.DATABASE, what)
                self.no_traceback(result.stderr, what)
                self.check(path.read_bytes() == before and sorted(os.listdir(folder)) == listing,
                           f"{what}: the file or its folder was changed")

    def exports_agree(self, db: Path) -> None:
        jsonl, csv_, raw = self.exported(db, "jsonl"), self.exported(db, "csv"), self.exported(db, "csv", "--raw")
        if jsonl is None or csv_ is None or raw is None:
            return
        expected = [comparable(r) for r in jsonl]
        self.check([comparable(r) for r in csv_] == expected, "export: CSV does not read back as JSON lines")
        self.check([comparable(r) for r in raw] == expected, "export --raw: CSV does not read back as JSON lines")

    # -- the summary
    def summary(self, inputs: Inputs) -> str:
        codes = ("exit codes as documented" if not self.wrong_exit_codes
                 else f"{len(self.wrong_exit_codes)} of {self.exit_codes} exit codes not as documented")
        line = (f"battery: {inputs.tried} files tried, {self.errors_reported} errors reported, "
                f"{self.lost} claims lost, {self.duplicates} duplicates, "
                f"{self.crash_passed}/{self.crash_checks} crash/concurrency checks passed, {codes}")
        if self.huge:
            line += f"; {self.huge}"
        if self.failures:
            line += f"; {len(self.failures)} of {self.checks} checks failed"
        if inputs.unreadable_skipped:
            line += " (unreadable-file check skipped: running as root)"
        return line


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--command", default=None,
                        help="the command line to test, e.g. 'frontclaims' (default: this Python's -m frontclaims)")
    parser.add_argument("--huge-mb", type=float, default=2.0,
                        help="size of the one-line article (default 2 MB: about three minutes on two cores)")
    parser.add_argument("--huge-timeout", type=float, default=480.0,
                        help="seconds the one-line article may take before it counts as not processed (default 480)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and say where it is")
    args = parser.parse_args()
    cli = shlex.split(args.command) if args.command else [sys.executable, "-m", "frontclaims"]

    work = Path(tempfile.mkdtemp(prefix="frontclaims-battery-"))
    try:
        inputs = build_inputs(work, args.huge_mb)
        battery = Battery(cli, work)
        battery.bad_inputs(inputs)
        paths = [inputs.corpus, inputs.battery]
        clean = battery.clean_run(paths)
        if clean is not None:
            db, records, by_article = clean
            total = stored_articles(db)
            battery.killed(paths, records, by_article, total)
            battery.interrupted(paths, records, by_article, total)
            battery.concurrent(inputs, records, by_article)
            battery.exports_agree(db)
        else:
            battery.crash_checks = 5  # none of them could run
        battery.usage_errors(clean[0] if clean else work / "usage.db")
        battery.not_ours(inputs)
        battery.huge_file(inputs, args.huge_timeout)
        print(battery.summary(inputs), flush=True)
        return 1 if battery.failures else 0
    finally:
        if args.keep:
            print(f"(kept {work})", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
