"""One benchmark run of the installed `frontclaims`: prints a table of measurements and ratios, asserts nothing.

Measures ingest against the bare trained pipeline, ingest's peak memory at two corpus sizes,
start-up (`--help` against `import click`), the read commands, full exports (against a plain
SQLite-cursor-to-csv writer of the same rows) and the HTML report on a 100,000-article database.
Timings drift by tens of percent on shared machines, so compare only figures from one run.

    python benchmarks/run.py            # everything (builds the store once, a minute or two)
    python benchmarks/run.py --quick    # smaller corpora, one timing per read command
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
FRONTCLAIMS = shutil.which("frontclaims", path=str(Path(PYTHON).parent)) or "frontclaims"
TINY_ARTICLE = (" date 2025-03-01\nFront update\n"
                "Ukrainian forces repelled an attack near Kupiansk, the General Staff said.\n")
MB = 1_000_000


@dataclass
class Run:
    """One finished command: wall time, the peak of its process tree's summed RSS, how it ended."""

    seconds: float
    peak: int
    returncode: int | None  # None: killed at the timeout
    stdout: str
    stderr: str


def run(cmd: list[str], timeout: float = 900.0) -> Run:
    """Run a command, sampling the RSS of it and all its children every 50 ms."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = psutil.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        peak = [0]
        done = threading.Event()
        sampler = threading.Thread(target=_sample, args=(proc, done, peak))
        sampler.start()
        try:
            returncode = proc.wait(timeout)
        except psutil.TimeoutExpired:
            for child in proc.children(recursive=True) + [proc]:
                child.kill()
            proc.wait()
            returncode = None
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        out.seek(0)
        err.seek(0)
        return Run(seconds, peak[0], returncode, out.read(), err.read())


def _sample(proc: psutil.Popen, done: threading.Event, peak: list[int]) -> None:
    while not done.is_set():
        try:
            tree = [proc] + proc.children(recursive=True)
        except psutil.NoSuchProcess:
            return
        total = 0
        for p in tree:
            try:
                total += p.memory_info().rss
            except (psutil.NoSuchProcess, psutil.ZombieProcess, psutil.AccessDenied):
                pass
        peak[0] = max(peak[0], total)
        done.wait(0.05)


def checked(cmd: list[str], timeout: float = 900.0) -> Run:
    """`run`, stopping the benchmark with the command's own error when it fails."""
    result = run(cmd, timeout)
    if result.returncode != 0:
        why = "timed out" if result.returncode is None else f"exit {result.returncode}"
        sys.exit(f"{' '.join(cmd)} failed ({why}):\n{result.stderr[-2000:]}")
    return result


def median_seconds(cmd: list[str], repeat: int, budget: float = 60.0) -> tuple[float, int]:
    """Median wall time of up to `repeat` runs, fewer once they have taken `budget` seconds; and how many ran."""
    times: list[float] = []
    while len(times) < repeat and sum(times) < budget:
        times.append(checked(cmd).seconds)
    return statistics.median(times), len(times)


def corpus(folder: Path, words: int) -> tuple[int, int]:
    """Write a corpus with make_corpus.py; returns (articles, words)."""
    checked([PYTHON, str(HERE / "make_corpus.py"), str(folder), "--words", str(words)])
    texts = [p.read_text(encoding="utf-8") for p in folder.glob("*.txt")]
    return len(texts), sum(len(t.split()) for t in texts)


def source_version() -> str:
    """The commit of the checkout the benchmarks live in, marked -dirty when it has uncommitted changes."""
    git = subprocess.run(["git", "-C", str(HERE), "describe", "--always", "--dirty"], capture_output=True, text=True, check=False)
    return git.stdout.strip() or "unknown commit"


def ingest_cmd(db: Path, paths: list[Path], workers: bool) -> list[str]:
    return [FRONTCLAIMS, "--db", str(db), "ingest", "-q", *(["--workers", "2"] if workers else []), *map(str, paths)]


class Table:
    """Rows of (measurement, value, target), printed as a Markdown table."""

    def __init__(self):
        self.rows: list[tuple[str, str, str]] = []

    def add(self, what: str, value: str, target: str = "") -> None:
        self.rows.append((what, value, target))
        print(f"  {what}: {value}", file=sys.stderr, flush=True)

    def print(self) -> None:
        widths = [max(len(r[i]) for r in self.rows + [("measurement", "value", "target")]) for i in range(3)]
        for row in [("measurement", "value", "target"), None, *self.rows]:
            if row is None:
                print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
            else:
                print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |")


def bench_ingest(table: Table, tmp: Path, size: int, workers: bool, repeat: int) -> tuple[float, float]:
    """(a)-(c): the bare pipeline against ingest on one corpus."""
    folder = tmp / "corpus"
    articles, words = corpus(folder, size)
    table.add("corpus", f"{articles} articles, {words:,} words")

    processes = 2 if workers else 1
    baseline = json.loads(checked([PYTHON, str(HERE / "baseline.py"), str(folder), "--processes", str(processes)]).stdout)
    base_rate = baseline["words"] / baseline["seconds"]
    table.add(f"yardstick: trained pipeline, nlp.pipe(n_process={processes}) (load excluded)",
              f"{baseline['seconds']:.1f} s, {base_rate:,.0f} words/s (load {baseline['load_seconds']:.1f} s)")
    one = json.loads(checked([PYTHON, str(HERE / "baseline.py"), str(folder)]).stdout)
    table.add("trained pipeline, nlp.pipe in 1 process (load excluded)",
              f"{one['seconds']:.1f} s, {one['words'] / one['seconds']:,.0f} words/s")

    tiny = tmp / "tiny"
    tiny.mkdir()
    (tiny / "tiny.txt").write_text(TINY_ARTICLE, encoding="utf-8")
    checked(ingest_cmd(tmp / "warm.db", [tiny], workers))  # warms the gazetteer cache and the file cache
    startups = [checked(ingest_cmd(tmp / f"tiny{i}.db", [tiny], workers)).seconds for i in range(repeat)]
    startup = statistics.median(startups)
    table.add("ingest start-up: one 13-word article, fresh db", f"{startup:.2f} s (median of {repeat})")

    result = checked(ingest_cmd(tmp / "ingest.db", [folder], workers))
    net = max(result.seconds - startup, 1e-9)
    label = "ingest -q" + (" --workers 2" if workers else " (no --workers option)")
    table.add(f"{label}: wall", f"{result.seconds:.1f} s, {words / result.seconds:,.0f} words/s, "
              f"{articles / result.seconds:.1f} articles/s")
    table.add(f"{label}: minus start-up", f"{net:.1f} s, {words / net:,.0f} words/s, {articles / net:.1f} articles/s")
    table.add(f"{label}: peak memory (RSS summed over process tree)", f"{result.peak / MB:,.0f} MB", "≤ 1,500 MB")
    table.add(f"RATIO ingest words/s ÷ yardstick (n_process={processes}) words/s (ingest minus start-up)",
              f"{words / net / base_rate:.2f}", "≥ 2")
    table.add(f"RATIO ingest words/s ÷ yardstick (n_process={processes}) words/s (ingest wall incl. start-up)",
              f"{words / result.seconds / base_rate:.2f}")
    table.add("ratio ingest words/s ÷ 1-process pipeline words/s (ingest minus start-up)",
              f"{words / net / (one['words'] / one['seconds']):.2f}")

    # ingest multiplies matrices with numpy's BLAS; the same baseline doing so shows that choice's share
    same_blas = json.loads(checked([PYTHON, str(HERE / "baseline.py"), str(folder), "--processes", str(processes),
                                    "--numpy-blas"]).stdout)
    same_rate = same_blas["words"] / same_blas["seconds"]
    table.add(f"yardstick with numpy's BLAS, as ingest has it (n_process={processes})", f"{same_blas['seconds']:.1f} s, {same_rate:,.0f} words/s")
    table.add("ratio ingest words/s ÷ that baseline (ingest minus start-up)", f"{words / net / same_rate:.2f}")
    bench_dask(table, tmp, folder, result)
    return words / net, startup


def bench_dask(table: Table, tmp: Path, folder: Path, local: Run) -> None:
    """The same corpus through a local Dask cluster of as many workers: the same claims, and its time
    against the local engine's (both whole commands, start-up included)."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        table.add("ingest --engine dask", "not measured (pip install -e '.[dask]')")
        return
    result = checked(ingest_cmd(tmp / "dask.db", [folder], True)[:-1] + ["--engine", "dask", str(folder)])
    same = _claims(tmp / "dask.db") == _claims(tmp / "ingest.db")
    table.add("ingest --engine dask --workers 2 (a local cluster): wall",
              f"{result.seconds:.1f} s, peak {result.peak / MB:,.0f} MB; claims identical to the local engine's: "
              f"{'yes' if same else 'NO'}")
    table.add("RATIO dask wall ÷ local engine wall", f"{result.seconds / local.seconds:.2f}", "≤ 1.3")


def _claims(db: Path) -> list[tuple]:
    with closing(sqlite3.connect(db)) as con:
        return con.execute("SELECT claim_id, place_id, side, claim, subject_side, claimant, sentence FROM claims "
                           "ORDER BY claim_id").fetchall()


def bench_inputs(table: Table, tmp: Path, workers: bool, normal_rate: float, startup: float, big_mb: float) -> None:
    """Bounded cost per input: the corpus's own text shaped the hostile ways, each as one file, against
    ingest's words/s on the corpus (both minus start-up); and the peak memory of a big file."""
    from frontclaims.loader import parse_article

    # each article's text as the loader keeps it (no date line, headline, boilerplate or appeal)
    articles = [parse_article(p.read_text(encoding="utf-8"), p.name) for p in sorted((tmp / "corpus").glob("*.txt"))]
    bodies = ["\n".join(a.text[q.start:q.end] for q in a.paragraphs[1:]) for a in articles]
    text = " ".join(" ".join(bodies).split())[:300_000]
    with open(HERE.parent / "data" / "gazetteer.csv", encoding="utf-8") as f:
        names = [row["name"] for row, _ in zip((r for r in csv.DictReader(f) if r["kind"] == "settlement"),
                                              range(5_000))]
    shapes = {
        "one line (the corpus's text without its line breaks)": text,
        "one line without sentence ends": re.sub(r"[.!?]", "", text),
        "thousands of place mentions (5,000 settlement names in lists)": " ".join(
            f"Shelling was reported in {', '.join(names[i:i + 20])}." for i in range(0, len(names), 20)),
    }
    for label, body in shapes.items():
        path = tmp / "shape.txt"
        path.write_text(f"Headline\n{body}\n", encoding="utf-8")
        words = len(body.split())
        result = checked(ingest_cmd(tmp / f"shape-{len(body)}.db", [path], workers))
        rate = words / max(result.seconds - startup, 1e-9)
        table.add(f"input: {label}, {words:,} words", f"{result.seconds:.1f} s, {rate:,.0f} words/s, "
                  f"peak {result.peak / MB:,.0f} MB")
        table.add("RATIO its words/s ÷ the corpus's words/s", f"{rate / normal_rate:.2f}", "≥ 0.5")
    big = tmp / "big.txt"
    with big.open("w", encoding="utf-8") as out:
        out.write("Headline\n")
        written = 0
        copy = 0
        while written < big_mb * MB:
            copy += 1
            for body in bodies:  # each copy made distinct: the loader keeps a repeated line once
                for line in body.split("\n"):
                    if line.strip():
                        line = f"In update {copy}: {line}"
                        out.write(line + "\n")
                        written += len(line.encode("utf-8")) + 1
    words = sum(len(line.split()) for line in big.open(encoding="utf-8"))
    result = checked(ingest_cmd(tmp / "big.db", [big], workers), timeout=6 * 3600)
    rate = words / max(result.seconds - startup, 1e-9)
    table.add(f"input: one {big.stat().st_size / MB:,.0f} MB file of the corpus's paragraphs, {words:,} words",
              f"{result.seconds:.1f} s, {rate:,.0f} words/s, peak {result.peak / MB:,.0f} MB", "≤ 1,500 MB")
    table.add("RATIO its words/s ÷ the corpus's words/s", f"{rate / normal_rate:.2f}", "≥ 0.5")


def bench_memory(table: Table, tmp: Path, sizes: list[int], workers: bool) -> None:
    """(d): does ingest's peak memory grow with the corpus?"""
    peaks = []
    for size in sizes:
        folder = tmp / f"corpus-{size}"
        articles, words = corpus(folder, size)
        result = checked(ingest_cmd(tmp / f"size-{size}.db", [folder], workers))
        peaks.append(result.peak)
        table.add(f"ingest {words:,} words ({articles} articles): peak memory",
                  f"{result.peak / MB:,.0f} MB; {result.seconds:.1f} s, {words / result.seconds:,.0f} words/s",
                  "≤ 1,500 MB")
    if len(peaks) >= 2:
        table.add(f"peak memory growth, {sizes[0]:,} → {sizes[-1]:,} words",
                  f"{(peaks[-1] - peaks[0]) / MB:+,.0f} MB ({(peaks[-1] / peaks[0] - 1) * 100:+.0f} %)", "≈ 0")


def compile_bytecode() -> str:
    """Compile the installed frontclaims to bytecode, as Python itself does on a package's first import
    unless PYTHONDONTWRITEBYTECODE is set; without it every start-up would compile the modules anew."""
    package = checked([PYTHON, "-c", "import frontclaims, os; print(os.path.dirname(frontclaims.__file__))"]).stdout
    checked([PYTHON, "-m", "compileall", "-q", package.strip()])
    return "set" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "not set"


def bench_startup(table: Table, repeat: int) -> float:
    """(e): `frontclaims --help` against the floor of any click program."""
    helps, _ = median_seconds([FRONTCLAIMS, "--help"], repeat)
    click, _ = median_seconds([PYTHON, "-c", "import click"], repeat)
    table.add("frontclaims --help", f"{helps * 1000:.0f} ms (median of {repeat})")
    table.add('python -c "import click"', f"{click * 1000:.0f} ms (median of {repeat})")
    table.add("RATIO --help ÷ import click", f"{helps / click:.2f}", "≤ 1.5")
    place, _ = median_seconds([FRONTCLAIMS, "place", "Kupiansk"], repeat)
    table.add("frontclaims place Kupiansk (the packaged gazetteer, its index built)", f"{place * 1000:.0f} ms (median of {repeat})")
    table.add("RATIO place Kupiansk ÷ --help", f"{place / helps:.2f}", "≤ 3")
    return helps


def bench_store(table: Table, tmp: Path, store: Path, articles: int, repeat: int, helps: float) -> None:
    """(f): the read commands on a large database, built once and kept at `store`."""
    if not store.exists():
        built = checked([PYTHON, str(HERE / "make_store.py"), str(store), "--articles", str(articles)])
        table.add("make_store.py (built now, reused next time)", f"{built.seconds:.0f} s")
    with closing(sqlite3.connect(store)) as db:
        n_articles, n_claims = (db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("articles", "claims"))
        per_place = db.execute("SELECT place, COUNT(*) FROM claims WHERE place IN ('Kupiansk', 'Pokrovsk') "
                               "GROUP BY place_id ORDER BY place").fetchall()
    table.add("store", f"{store.name}: {n_articles:,} articles, {n_claims:,} claims; "
              + ", ".join(f"{place} {count:,}" for place, count in per_place))
    commands = {
        "compare Kupiansk": ["compare", "Kupiansk"],
        "compare Pokrovsk --json": ["compare", "Pokrovsk", "--json"],
        "export --format csv --place Kupiansk": ["export", "--format", "csv", "--place", "Kupiansk",
                                                 "--out", str(tmp / "kupiansk.csv")],
    }
    warm = run([FRONTCLAIMS, "--db", str(store), *commands["export --format csv --place Kupiansk"]])
    if warm.returncode != 0:
        sys.exit(f"{store} cannot be read: {warm.stderr.strip()}\n"
                 "It may have been built by another version of frontclaims: delete it and run again to rebuild.")
    for label, args in commands.items():
        seconds, runs = median_seconds([FRONTCLAIMS, "--db", str(store), *args], repeat)
        table.add(label, f"{seconds:.2f} s (median of {runs})")
        if label.startswith("compare"):
            table.add(f"RATIO {label} ÷ --help", f"{seconds / helps:.1f}", "≤ 2")
    csv_seconds = bench_export(table, tmp, store, repeat)
    bench_report(table, tmp, store, repeat, csv_seconds)


def bench_report(table: Table, tmp: Path, store: Path, repeat: int, export_seconds: float) -> None:
    """The HTML report of the whole store: its time against a full CSV export, its size, and how long
    the system's chromium takes to load it (when Playwright and chromium are installed)."""
    page = tmp / "front.html"
    seconds, runs = median_seconds([FRONTCLAIMS, "--db", str(store), "report", "--out", str(page)], repeat)
    table.add("report --out front.html (all claims)", f"{seconds:.2f} s (median of {runs})")
    table.add("RATIO report ÷ export --format csv (all claims)", f"{seconds / export_seconds:.2f}", "≤ 1")
    table.add("report: HTML size", f"{page.stat().st_size / MB:.1f} MB", "≤ 10 MB")
    loads = page_loads(page, 3)
    table.add("report: load in chromium (navigation to ready, median of 3)",
              f"{statistics.median(loads):.2f} s" if loads else "not measured (no Playwright or no chromium)", "≤ 3 s")


def page_loads(page: Path, repeat: int) -> list[float]:
    """Seconds from navigation until the report says it is ready, in the system's chromium."""
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return []
    if not os.path.exists(chromium):
        return []
    loads = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for _ in range(repeat):
            tab = browser.new_page(viewport={"width": 1300, "height": 900})
            start = time.perf_counter()
            tab.goto(page.as_uri())
            tab.wait_for_selector("body[data-ready='1']", timeout=60_000)
            loads.append(time.perf_counter() - start)
            tab.close()
        browser.close()
    return loads


def bench_export(table: Table, tmp: Path, store: Path, repeat: int) -> float:
    """(g): full exports against a plain SQLite-cursor-to-csv writer of the same rows, alternated run
    by run so that both see the same load; peak memory shows the stream stays flat."""
    plain = [PYTHON, str(HERE / "plain_export.py"), str(store), str(tmp / "plain.csv")]
    exports = {fmt: [FRONTCLAIMS, "--db", str(store), "export", "--format", fmt, "--out", str(tmp / f"all.{fmt}")]
               for fmt in ("csv", "jsonl")}
    times: dict[str, list[float]] = {"plain": [], "csv": [], "jsonl": []}
    peaks: dict[str, int] = {}
    for _ in range(repeat):
        for name, cmd in (("plain", plain), *exports.items()):
            result = checked(cmd)
            times[name].append(result.seconds)
            peaks[name] = max(peaks.get(name, 0), result.peak)
    base = statistics.median(times["plain"])
    table.add("plain cursor → csv.writer, same rows and order (yardstick)",
              f"{base:.2f} s (median of {repeat}), peak {peaks['plain'] / MB:,.0f} MB")
    for fmt in ("csv", "jsonl"):
        seconds = statistics.median(times[fmt])
        table.add(f"export --format {fmt} (all claims, formulas neutralised)",
                  f"{seconds:.2f} s (median of {repeat}), peak {peaks[fmt] / MB:,.0f} MB", "≤ 3 s")
        table.add(f"RATIO export --format {fmt} ÷ plain writer", f"{seconds / base:.2f}", "≈ 1")
    return statistics.median(times["csv"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100_000,
                        help="corpus size for ingest against the baseline (a large one amortises start-up, as real use does)")
    parser.add_argument("--sizes", default="10000,100000", help="two corpus sizes (words) for peak memory")
    parser.add_argument("--store", type=Path, default=HERE / "store-100k.db",
                        help="database for the read commands; built with make_store.py if missing")
    parser.add_argument("--articles", type=int, default=100_000, help="articles in a newly built store")
    parser.add_argument("--repeat", type=int, default=5, help="runs per timing of a read command")
    parser.add_argument("--skip-store", action="store_true", help="skip the read commands on the large store")
    parser.add_argument("--skip-sizes", action="store_true", help="skip the peak memory at two corpus sizes")
    parser.add_argument("--skip-inputs", action="store_true", help="skip the hostile inputs (one line, many places, a big file)")
    parser.add_argument("--big-mb", type=float, default=2.0,
                        help="size of the big one-file input in MB (50 is the limit ingest reads; about an hour here)")
    parser.add_argument("--quick", action="store_true", help="--words 5000 --sizes 2000,20000 --repeat 1")
    args = parser.parse_args()
    if args.quick:
        args.words, args.sizes, args.repeat = 5_000, "2000,20000", 1
    sizes = [int(s) for s in args.sizes.split(",")]

    workers = "--workers" in checked([FRONTCLAIMS, "ingest", "--help"]).stdout
    table = Table()
    table.add("frontclaims", f"{FRONTCLAIMS} at {source_version()} (ingest --workers: {'yes' if workers else 'no'})")
    table.add("machine at start: cores, load average (1 min)", f"{os.cpu_count()}, {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="frontclaims-bench-") as name:
        tmp = Path(name)
        normal_rate, startup = bench_ingest(table, tmp, args.words, workers, max(args.repeat, 3))
        if not args.skip_inputs:
            bench_inputs(table, tmp, workers, normal_rate, startup, args.big_mb)
        if not args.skip_sizes:
            bench_memory(table, tmp, sizes, workers)
        table.add("PYTHONDONTWRITEBYTECODE (frontclaims is compiled to bytecode first either way)",
                  compile_bytecode())
        helps = bench_startup(table, 7)
        if not args.skip_store:
            bench_store(table, tmp, args.store, args.articles, args.repeat, helps)
    table.add("machine at end: load average (1 min), includes this run", f"{os.getloadavg()[0]:.2f}")
    table.print()


if __name__ == "__main__":
    main()
