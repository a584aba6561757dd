#!/usr/bin/env python3
"""Run the bad-input and hostile-input battery against the installed frontclaims command line and print
one summary line.

    python scripts/battery.py                          # `python -m frontclaims` of this interpreter
    python scripts/battery.py --command frontclaims    # the `frontclaims` found on PATH

Everything happens in a temporary folder: inputs, databases and the gazetteer cache. The battery
feeds the command binary files named .txt, empty and NUL-filled files, undecodable bytes, cp1251 and
UTF-16 articles, a folder named x.txt, symbolic-link loops, a broken link, an unreadable file (not
as root, who reads everything), a multi-megabyte one-line article without sentence ends and the
test fixtures; it kills an ingest, interrupts one, runs two at once, checks usage errors, foreign
database files and that CSV and JSON lines exports read back the same. Then each hostile input of
issue 12: the database as an output file, a name that is not UTF-8, a stray cp1251 byte in UTF-8,
a planted link and a 0600 target, escape sequences in article text, /dev/zero, a FIFO and a 6 GB
sparse file, 5,000 claims about one place, a file rewritten while read, a closed standard error,
1,000 workers, a read-only database, a full disk, a lock held too long, a damaged file, bad rows, a
negative schema version, out-of-range options, a read-only folder, closed standard input and
output, a newline in a file name, a 100,000-character place name; and the one-line file's rate
against the normal corpus's (seconds per MB; it must be at least half as fast). Each failed check
is one line on standard error; the exit status is 1 if any check failed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
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

from frontclaims.display import shown_name
from frontclaims.errors import ExitCode
from frontclaims.export import COLUMNS, comparable, read_csv, read_jsonl

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
FIXTURES = sorted(DATA.glob("claims/*.txt")) + sorted(DATA.glob("articles/*.txt"))
ROUNDUPS = 30  # articles of the crash and concurrency corpus: a second or two of parsing after the model loads
PARTS = ("part1", "part2", "part3")  # the folders the roundups are spread over
BRIEFS = 120  # one-sentence articles, parsed in milliseconds: two ingests on them write at nearly the same moments
TIMEOUT = 300  # seconds any ordinary command may take
# Rewrites a file in place, alternating two versions of the same length, each in one write.
REWRITER = """
import os, sys, time
path = sys.argv[1]
a, b = "Kupiansk was shelled.\\n" * 400_000, "Pokrovsk was struck.\\n" * 400_000
fd = os.open(path, os.O_WRONLY)
end = time.monotonic() + float(sys.argv[2])
while time.monotonic() < end:
    for version in (a, b):
        os.pwrite(fd, version.encode(), 0)
"""
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
    put("undecodable.txt", bytes((n * 97 + 131) % 128 + 128 for n in range(2048)), inputs.bad)  # no encoding reads it
    put("boilerplate.txt", b"Read more\nSubscribe to our channel\n", inputs.bad)
    for name, target in (("loop.txt", "loop.txt"), ("y.txt", "deleted_meanwhile.txt")):
        (inputs.battery / name).symlink_to(target)
        inputs.bad.append(inputs.battery / name)
    (inputs.battery / "cycle").mkdir()
    (inputs.battery / "cycle" / "back").symlink_to("..", target_is_directory=True)
    inputs.bad.append(inputs.battery / "cycle" / "back")
    # Hostile names and files: a name that is not UTF-8, one with a line break, a FIFO, 6 GB of nothing.
    bad_name = Path(os.fsdecode(os.path.join(os.fsencode(inputs.battery), b"bad\xff.txt")))
    put(bad_name.name, denial.encode(), inputs.bad)
    put("forged\nskipped all.txt", b"", inputs.bad)
    os.mkfifo(inputs.battery / "pipe.txt")
    inputs.bad.append(inputs.battery / "pipe.txt")
    with open(inputs.battery / "sparse.txt", "wb") as fh:
        fh.truncate(6 * 10**9)
    inputs.bad.append(inputs.battery / "sparse.txt")
    stray = (capture.replace("Kupyansk in the Kharkov region", "Купянск in the Харьков region")
             + "A stray byte follows.\n").encode().replace(b"MOSCOW (TASS)", b"MOSCOW \xabTASS\xbb")
    inputs.decoded[put("stray_byte.txt", stray, inputs.good)] = "MOSCOW «TASS» – Russian forces have taken full " \
                                                               "control of the town of Купянск"
    put("escapes.txt", (capture.replace("full control of the town", "full \x1b]52;c;ZWNobyBoaQ==\x07control"
                                        " of the \x1b[2J\x1b[8mtown") + "Escapes in a sentence. " * 20 + "\n").encode(), inputs.good)
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
    """A dated article whose body is the fixtures' sentences, each made distinct, on one line of
    `size` characters without a single sentence end (a dump with its punctuation lost)."""
    dates, bodies = fixture_bodies()
    sentences = [s.rstrip(".!?") for body in bodies[:4] for s in body.split("\n")[1:] if s.strip()]
    words, length, n = [], 0, 0
    while length < size:
        words.append(f"{sentences[n % len(sentences)]} report {n}")
        length += len(words[-1]) + 1
        n += 1
    line = re.sub(r"[.!?]", "", " ".join(words))
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


def start_ingest(cli: list[str], env: dict[str, str], db: Path, *paths: Path | str, held: bool = False) -> Job:
    """An ingest in the background; its standard error goes to a file beside the database.

    Not a pipe: a worker process that outlives its parent would keep a pipe open, and reading it
    would never end. With `held`, its standard input is a pipe left open: an ingest given `-` as its
    last path cannot finish until `release` gives it the text to read there.
    """
    log = db.with_name(f"{db.stem}-{time.monotonic_ns()}.stderr")
    with open(log, "w") as err:
        proc = subprocess.Popen([*cli, "--db", str(db), "ingest", "-q", *map(str, paths)], env=env,
                                start_new_session=True, stdin=subprocess.PIPE if held else subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=err)
    return Job(proc, log)


def release(job: Job, text: str) -> None:
    """Give a held ingest the text it reads from standard input, and let it finish."""
    with contextlib.suppress(BrokenPipeError):
        job.proc.stdin.write(text.encode("utf-8"))
        job.proc.stdin.close()


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
        self.hostile_checks = 0
        self.hostile_passed = 0
        self.hostile_skipped: set[str] = set()
        self.normal_rate: float | None = None  # seconds per MB of the normal corpus, start-up excluded
        self.startup = 0.0

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

    def start(self, db: Path, *paths: Path | str, held: bool = False) -> Job:
        return start_ingest(self.cli, self.env, db, *paths, held=held)

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
        started = time.monotonic()
        result = self.run(db, "ingest", "-q", str(inputs.battery), "/dev/zero")
        self.hostile_check(time.monotonic() - started < TIMEOUT, "a FIFO among the files was waited on")
        what = f"ingest {inputs.battery.name}/ /dev/zero"
        self.exit_code(result.returncode, ExitCode.INPUT_SKIPPED, what)
        self.no_traceback(result.stderr, what)
        lines = result.stderr.splitlines()
        bad = [*inputs.bad, Path("/dev/zero")]
        for path in bad:
            naming = [line for line in lines if f"{shown_name(str(path))}:" in line]
            self.check(len(naming) == 1, f"{what}: {len(naming)} standard error line(s) name {path!r}, expected 1")
        reported = [line for line in lines if line.startswith("skipped ")]
        self.errors_reported = len(reported)
        wrongly = [line for line in reported if not any(f"{shown_name(str(path))}:" in line for path in bad)]
        self.check(not wrongly, f"{what}: good input reported as skipped: {wrongly}")
        self.check(f"; {len(bad)} skipped." in result.stderr,
                   f"{what}: the summary does not say {len(bad)} skipped: {lines[-1:]}")
        for reason, name in (("not a regular file (a named pipe)", "pipe.txt"), ("larger than the limit", "sparse.txt"),
                             ("not a regular file (a device)", "/dev/zero"), ("not valid UTF-8", "bad\\xff.txt"),
                             ("empty file", "forged\\nskipped all.txt")):
            self.hostile_check(any(name in line and reason in line for line in lines),
                               f"{what}: {name} not skipped as {reason!r}")
        self.hostile_check(not any(line.startswith("skipped all.txt") for line in lines),
                           f"{what}: a file name forged a line of its own")
        self.hostile_check("read as cp1251" in result.stderr, f"{what}: the stray byte was not reported")

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

    # -- 2. one very long line, against the normal corpus
    def timed_ingest(self, name: str, *paths: Path) -> float | None:
        """Seconds a fresh ingest of `paths` takes, or None when it fails."""
        started = time.monotonic()
        result = self.run(self.work / f"{name}.db", "ingest", "-q", *map(str, paths))
        seconds = time.monotonic() - started
        return seconds if self.exit_code(result.returncode, ExitCode.SUCCESS, f"ingest of the {name}") else None

    def normal_speed(self, inputs: Inputs) -> None:
        """Seconds per MB of the normal corpus, the start-up (one brief into a fresh database) taken off."""
        tiny = self.work / "tiny"
        tiny.mkdir()
        shutil.copy(inputs.corpus / "briefs" / "brief_000.txt", tiny)
        startup = self.timed_ingest("start-up", tiny)
        whole = self.timed_ingest("normal corpus", inputs.corpus)
        size = sum(p.stat().st_size for p in inputs.corpus.rglob("*.txt")) / 1e6
        if startup is not None and whole is not None:
            self.startup = startup
            self.normal_rate = max(whole - startup, 1e-3) / size

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
        self.hostile_check("without a sentence end, read in pieces" in err, f"{what}: the cut was not said")
        if self.normal_rate is not None:
            rate = max(elapsed - self.startup, 1e-3) / size
            self.huge += (f"; {rate:.0f} s/MB against {self.normal_rate:.0f} s/MB for the normal corpus "
                          f"(start-up {self.startup:.0f} s off both)")
            self.hostile_check(rate <= 2 * self.normal_rate,
                               f"{what}: {rate:.0f} s/MB, slower than half the normal rate ({self.normal_rate:.0f} s/MB)")

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
        # Each reads standard input last, held open until the readers have run: neither can end before.
        jobs = [self.start(db, briefs, part1, part2, inputs.battery, "-", held=True),
                self.start(db, briefs, part3, part2, inputs.battery, "-", held=True)]
        try:
            wait_for_first_article(db, *jobs)
            running = all(job.proc.poll() is None for job in jobs)
            # A third writer holds the lock for a while, as a long article's transaction would: the
            # ingests must wait for it, and readers must not need it.
            with contextlib.closing(sqlite3.connect(db, isolation_level=None)) as writer:
                writer.execute("BEGIN IMMEDIATE")
                held = time.monotonic()
                compared = self.run(db, "compare", "Kupiansk")
                during = self.run(db, "export", "--format", "jsonl")
                for job in jobs:  # a brief they already have: nothing new, and they go on to the end
                    release(job, (briefs / "brief_000.txt").read_text(encoding="utf-8"))
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

    # -- 5. hostile input (issue 12), on copies of the clean database and small ones made here
    def hostile_check(self, ok: bool, what: str) -> bool:
        self.hostile_checks += 1
        self.hostile_passed += ok
        return self.check(ok, f"hostile: {what}")

    def hostile_exit(self, result: subprocess.CompletedProcess, expected: int, what: str,
                     starts: str | None = None) -> bool:
        lines = result.stderr.strip().splitlines()
        ok = self.exit_code(result.returncode, expected, f"hostile: {what}")
        ok &= self.no_traceback(result.stderr, what) and "unexpected" not in result.stderr
        if starts is not None:
            ok &= self.check(len(lines) == 1 and lines[0].startswith(starts),
                             f"hostile: {what}: not one line starting {starts!r}: {result.stderr.strip()[-300:]}")
        self.hostile_checks += 1
        self.hostile_passed += ok
        return ok

    def raw(self, *args: str, timeout: float = TIMEOUT, **kwargs) -> subprocess.CompletedProcess:
        """The command line without the battery's --db, its streams as `kwargs` say."""
        kwargs.setdefault("stdin", subprocess.DEVNULL)
        kwargs.setdefault("capture_output", "stdout" not in kwargs and "stderr" not in kwargs)
        return subprocess.run([*self.cli, *args], env=self.env, text=True, timeout=timeout, **kwargs)

    def read_only(self, folder: Path, *args: str, env: dict[str, str] | None = None,
                  tmpfs: bool = False) -> subprocess.CompletedProcess | None:
        """The command line with `folder` read-only (or, with `tmpfs`, a 300 kB file system): a mount in a
        mount namespace of its own as root, the permission bits otherwise (None: cannot be arranged)."""
        if os.geteuid() != 0:
            if tmpfs:
                return None
            modes = {p: p.stat().st_mode for p in [folder, *folder.iterdir()]}
            for p in modes:
                p.chmod(modes[p] & ~0o222)
            try:
                return subprocess.run([*self.cli, *args], env=env or self.env, text=True, capture_output=True,
                                      stdin=subprocess.DEVNULL, timeout=TIMEOUT)
            finally:
                for p, mode in modes.items():
                    p.chmod(mode)
        if not shutil.which("unshare"):
            return None
        mount = ('mount -t tmpfs -o size=300k tmpfs "$0"' if tmpfs
                 else 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0"')
        result = subprocess.run(["unshare", "-m", "sh", "-c", f'{mount} && exec "$@"', str(folder), *self.cli, *args],
                                env=env or self.env, text=True, capture_output=True, stdin=subprocess.DEVNULL,
                                timeout=TIMEOUT)
        return None if result.stderr.startswith(("mount:", "unshare:")) else result

    def hostile(self, inputs: Inputs, clean_db: Path | None) -> None:
        work = self.work / "hostile"
        work.mkdir()
        small = work / "small"
        small.mkdir()
        for name in ("ru_capture.txt", "ua_denial.txt"):
            shutil.copy(DATA / "claims" / name, small / name)
        db = work / "small.db"
        made = self.run(db, "ingest", "-q", str(small))
        if not self.exit_code(made.returncode, ExitCode.SUCCESS, "hostile: ingest of two fixtures"):
            return

        # 1. the database is never an output file
        for suffix in ("", "-wal", "-shm"):
            before = db.read_bytes()
            result = self.run(db, "export", "--out", f"{db}{suffix}")
            self.hostile_exit(result, ExitCode.ERROR, f"export --out {db.name}{suffix}",
                              f"Error: refusing to write {db}{suffix}")
            self.hostile_check(db.read_bytes() == before and stored_articles(db) == 2,
                               f"export --out {db.name}{suffix} changed the database")
        # 4. a planted link at the old predictable temporary name, a 0600 target
        out = work / "claims.csv"
        out.write_text("old", encoding="utf-8")
        out.chmod(0o600)
        victim = work / "victim.txt"
        victim.write_text("keep me", encoding="utf-8")
        with contextlib.suppress(OSError):
            last = int(Path("/proc/sys/kernel/ns_last_pid").read_text())
            for pid in range(last + 1, last + 200):
                (work / f".claims.csv.{pid}.tmp").symlink_to(victim)
        result = self.run(db, "export", "--out", str(out))
        self.hostile_check(result.returncode == 0 and victim.read_text(encoding="utf-8") == "keep me"
                           and (out.stat().st_mode & 0o777) == 0o600 and out.read_text(encoding="utf-8").startswith(
                               "claim_id,"), "export over a 0600 file with planted links")
        # 5. escape sequences in article text (escapes.txt of the battery folder)
        battery_db = self.work / "battery.db"
        for args in (("compare", "Kupiansk"), ("compare", "Kupiansk", "--json"), ("places",)):
            result = self.run(battery_db, *args)
            self.hostile_check(result.returncode == 0 and not any(c in result.stdout for c in "\x1b\x07\x9b"),
                               f"{' '.join(args)} printed escape sequences or failed ({result.returncode})")
        # 7. 5,000 claims about one place
        self.many_claims(work / "many.db")
        # 8. a file rewritten while it is read
        self.rewritten(work)
        # 9. a closed standard error, 1,000 workers
        proc = subprocess.Popen([*self.cli, "--db", str(work / "stderr.db"), "ingest", "--workers", "1000",
                                 str(small)], env=self.env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, start_new_session=True)
        first = proc.stdout.readline()
        proc.stdout.close()
        try:
            code = proc.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            kill_group(proc)
            code = None
        self.hostile_check(code == 0 and stored_articles(work / "stderr.db") == 2 and "one per core" in first,
                           f"ingest --workers 1000 2>&1 | head -1: exit {code}, first line {first.strip()!r}")
        # 10. exit codes
        self.database_errors(work, db, small)
        for args in (("compare", "Kupiansk", "--limit", "9223372036854775808"),
                     ("compare", "Kupiansk", "--window", "1000000000"),
                     ("ingest", "--workers", "99999999999999999999", str(small)),
                     ("ingest", "--engine", "dask", "--scheduler", "foo", str(small))):
            self.hostile_exit(self.run(db, *args), ExitCode.USAGE, " ".join(args))
        # 11. read commands on a read-only folder
        folder = work / "readonly"
        folder.mkdir()
        shutil.copy(db, folder / "claims.db")
        for args in (("compare", "Kupiansk"), ("places",), ("export",)):
            result = self.read_only(folder, "--db", str(folder / "claims.db"), *args)
            if result is None:
                self.hostile_skipped.add("read-only folder")
                continue
            self.hostile_exit(result, ExitCode.SUCCESS, f"{args[0]} in a read-only folder")
        # 12. closed standard streams, a huge place name
        result = self.raw("--db", str(work / "stdin.db"), "ingest", "-", stdin=None, capture_output=True,
                          preexec_fn=lambda: os.close(0))
        self.hostile_exit(result, ExitCode.INPUT_SKIPPED, "ingest - with standard input closed")
        self.hostile_check("skipped <stdin>: standard input is closed" in result.stderr, "closed stdin not named")
        for args in (("export",), ("compare", "Kupiansk"), ("places",)):
            result = self.raw("--db", str(db), *args, stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1))
            self.hostile_exit(result, ExitCode.ERROR, f"{args[0]} with standard output closed",
                              "Error: standard output is closed")
        result = self.run(db, "compare", "K" * 100_000)
        self.hostile_exit(result, ExitCode.ERROR, "compare of a 100,000-character name", "Error: ")
        self.hostile_check(len(result.stderr) < 1_000, f"a 100,000-character name gave a {len(result.stderr):,}-byte error")

    def many_claims(self, path: Path) -> None:
        import datetime as dt

        from frontclaims.gazetteer import Gazetteer
        from frontclaims.models import Article, Claim, ClaimType, Paragraph, Side
        from frontclaims.store import Store

        os.environ["XDG_CACHE_HOME"] = self.env["XDG_CACHE_HOME"]
        place = Gazetteer.load().candidates("Kupiansk")[0].place
        text = "Many claims."
        article = Article(id="many", source="many.txt", text=text, title=text, published=dt.date(2026, 1, 1),
                          paragraphs=(Paragraph(start=0, end=len(text)),))
        claims = [Claim(claim_id=f"c{i}", article="many.txt", article_id="many", place=place, place_text="Kupiansk",
                        claimant="someone", side=Side.RU if i % 2 else Side.UA, claim=ClaimType.CONTROL,
                        subject_side=Side.RU if i % 2 else Side.UA, sentence=f"Claim {i} about Kupiansk.",
                        start=i, end=i + 1, published=dt.date(2026, 1, 1) + dt.timedelta(days=i % 10))
                  for i in range(5000)]
        with Store(path) as store:
            store.add_article(article, claims)
        started = time.monotonic()
        places = self.run(path, "places", "--json")
        compared = self.run(path, "compare", "Kupiansk", "--json", "--limit", "0")
        seconds = time.monotonic() - started
        try:
            counted = json.loads(places.stdout)[0]["contradictions"]
            pairs = json.loads(compared.stdout)["contradictions"][0]["pairs"]
        except (ValueError, LookupError):
            counted = pairs = None
        self.hostile_check(seconds < 60 and counted == 1 and pairs == 2500 * 2500,
                           f"5,000 claims about one place: {seconds:.0f} s, {counted} dispute(s), {pairs} pairs")

    def rewritten(self, work: Path) -> None:
        from frontclaims import loader
        from frontclaims.errors import ArticleError

        path = work / "moving.txt"
        a, b = "Kupiansk was shelled.\n" * 400_000, "Pokrovsk was struck.\n" * 400_000
        path.write_text(a, encoding="utf-8")
        writer = subprocess.Popen([sys.executable, "-c", REWRITER, str(path), "6"])
        spliced = reads = 0
        try:
            time.sleep(0.3)
            deadline = time.monotonic() + 4
            while time.monotonic() < deadline:
                try:
                    text = loader.load_article(loader.Source(str(path), path)).text
                except ArticleError:
                    continue
                reads += 1
                spliced += text not in (a, b)
        finally:
            writer.kill()
            writer.wait()
        self.hostile_check(not spliced, f"a file rewritten while read was read spliced {spliced} time(s) of {reads}")

    def database_errors(self, work: Path, db: Path, small: Path) -> None:
        # a read-only database: refused before the model (here one that does not exist) loads
        folder = work / "readonly-db"
        folder.mkdir()
        shutil.copy(db, folder / "claims.db")
        result = self.read_only(folder, "--db", str(folder / "claims.db"), "ingest", "--workers", "1",
                                "--model", "no_such_model_xyz", str(small))
        if result is None:
            self.hostile_skipped.add("read-only database")
        else:
            self.hostile_exit(result, ExitCode.DATABASE, "ingest into a read-only database",
                              f"Error: the database {folder / 'claims.db'} cannot be written")
        # a full disk: a 300 kB file system
        disk = work / "disk"
        disk.mkdir()
        result = self.read_only(disk, "--db", str(disk / "claims.db"), "ingest", "-q", str(self.work / "corpus"),
                                tmpfs=True)
        if result is None:
            self.hostile_skipped.add("full disk")
        else:
            self.hostile_exit(result, ExitCode.DATABASE, "ingest onto a full disk", f"Error: the database {disk}")
            self.hostile_check("disk is full" in result.stderr, f"a full disk not said: {result.stderr.strip()}")
        # a write lock held longer than the busy timeout
        env = dict(self.env, FRONTCLAIMS_BUSY_TIMEOUT="1")
        locked = work / "locked.db"
        shutil.copy(db, locked)
        with contextlib.closing(sqlite3.connect(locked, isolation_level=None)) as other:
            other.execute("BEGIN IMMEDIATE")
            result = subprocess.run([*self.cli, "--db", str(locked), "ingest", "-q", str(self.work / "corpus" / "briefs")],
                                    env=env, text=True, capture_output=True, stdin=subprocess.DEVNULL, timeout=TIMEOUT)
            other.execute("ROLLBACK")
        self.hostile_exit(result, ExitCode.DATABASE, "ingest while another program holds the lock",
                          f"Error: the database {locked}: it is locked by another program (waited 1 s)")
        # a damaged page, a bad value in a row, a negative schema version
        damaged, bad_row, negative = (work / f"{name}.db" for name in ("damaged", "bad_row", "negative"))
        for path in (damaged, bad_row, negative):
            shutil.copy(db, path)
        with contextlib.closing(sqlite3.connect(damaged)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            page = conn.execute("PRAGMA page_size").fetchone()[0]
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
        data = bytearray(damaged.read_bytes())
        data[2 * page:pages * page] = b"\xa5" * ((pages - 2) * page)
        damaged.write_bytes(bytes(data))
        with contextlib.closing(sqlite3.connect(bad_row)) as conn:
            conn.execute("UPDATE claims SET side = 'Martian'")
            conn.commit()
        with contextlib.closing(sqlite3.connect(negative)) as conn:
            conn.execute("PRAGMA user_version = -1")
        for path, starts in ((damaged, f"Error: the database {damaged}: the file is damaged"),
                             (bad_row, "Error: the database holds a claim this frontclaims cannot read"),
                             (negative, f"Error: {negative} has schema version -1")):
            self.hostile_exit(self.run(path, "compare", "Kupiansk"), ExitCode.DATABASE, f"compare on {path.name}", starts)

    # -- the summary
    def summary(self, inputs: Inputs) -> str:
        codes = ("exit codes as documented" if not self.wrong_exit_codes
                 else f"{len(self.wrong_exit_codes)} of {self.exit_codes} exit codes not as documented")
        skipped = f" ({', '.join(sorted(self.hostile_skipped))} not arranged here)" if self.hostile_skipped else ""
        line = (f"battery: {inputs.tried} files tried, {self.errors_reported} errors reported, "
                f"{self.lost} claims lost, {self.duplicates} duplicates, "
                f"{self.crash_passed}/{self.crash_checks} crash/concurrency checks passed, "
                f"{self.hostile_passed}/{self.hostile_checks} hostile-input checks passed{skipped}, {codes}")
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
    parser.add_argument("--huge-mb", type=float, default=5.0,
                        help="size of the one-line article (default 5 MB: several minutes on two cores)")
    parser.add_argument("--huge-timeout", type=float, default=1800.0,
                        help="seconds the one-line article may take before it counts as not processed (default 1800)")
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
        battery.hostile(inputs, clean[0] if clean else None)
        battery.normal_speed(inputs)
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
