"""Ingesting articles: read each source, extract its claims, store them, a few articles per transaction.

Sources are found and read lazily. An article already in the store is not parsed again (its
content id says so), so an interrupted run resumes where it stopped and a repeated run adds
nothing. Files that cannot be read are reported through `on_skip` and the run goes on.

Extraction runs in an engine: `LocalEngine` in this process, `ProcessEngine` in worker processes
on this machine, `DaskEngine` on a Dask cluster. All give the same claims in the same order.
"""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import ArticleError, FrontclaimsError
from .gazetteer import Gazetteer, GazetteerSource
from .loader import MAX_BYTES, Source, iter_sources
from .models import Article, Claim, RawPage
from .segment import MAX_SENTENCE, Sentence, overlong, split_article
from .sides import Sides
from .store import Store

if TYPE_CHECKING:  # extraction imports spaCy, which only the commands that parse need
    from .extraction import ArticleContext


@dataclass
class IngestReport:
    """What an ingest run did."""

    files: int = 0
    articles: int = 0
    known: int = 0  # already in the store before this run (or stored by another run meanwhile)
    duplicates: int = 0  # the same text as a file read earlier in this run
    reread: int = 0  # already stored, read again with `reread`
    claims: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    interrupted: bool = False


# An article longer than this is read in windows of whole sentences, so memory stays bounded
# whatever one file holds (a multi-megabyte one-line dump); spaCy's own limit is 1,000,000.
WINDOW_CHARS = 100_000


def windows(sentences: list[Sentence], limit: int | None = None) -> Iterator[list[Sentence]]:
    """The sentences in consecutive runs of at most `limit` (WINDOW_CHARS) characters (a longer
    sentence alone)."""
    limit = limit or WINDOW_CHARS
    run: list[Sentence] = []
    for sentence in sentences:
        if run and sentence.end - run[0].start > limit:
            yield run
            run = []
        run.append(sentence)
    if run:
        yield run


class Extraction:
    """Claims from articles in this process: the trained pipeline and the cheap one, loaded once.

    With `triage` (the default) only the sentences the cheap pass selects are parsed by the trained
    model; the claims are the same as with every sentence parsed (`triage=False`), only found sooner.
    """

    def __init__(self, gazetteer: Gazetteer, sides: Sides, model: str | None = None, *,
                 triage: bool = True, batch_size: int = 256):
        from .nlp import cheap_pipeline, trained_pipeline

        self.nlp = trained_pipeline(gazetteer, sides, model)
        self.cheap = cheap_pipeline(gazetteer, sides) if triage else None
        self.gazetteer = gazetteer
        self.sides = sides
        self.batch_size = batch_size
        self._context: ArticleContext | None = None  # of the article read last, kept across its windows

    def claims(self, article: Article) -> list[Claim]:
        return self.claims_of([article])[0]

    def claims_of(self, articles: list[Article], parts: list[Part | None] | None = None) -> list[list[Claim]]:
        """The claims of each article (or of the part of it `parts` names). Their sentences are parsed
        together, in runs of at most WINDOW_CHARS characters: big batches keep the model busy, the
        bound keeps memory flat."""
        found: list[list[Claim]] = [[] for _ in articles]
        group: list[tuple[int, list[Sentence]]] = []
        size = 0
        for number, article in enumerate(articles):
            for window in part_of(windows(split_article(article)), parts[number] if parts else None):
                length = window[-1].end - window[0].start
                if group and size + length > WINDOW_CHARS:
                    self._extract(articles, group, found)
                    group, size = [], 0
                group.append((number, window))
                size += length
        if group:
            self._extract(articles, group, found)
        return found

    def _extract(self, articles: list[Article], group: list[tuple[int, list[Sentence]]],
                 found: list[list[Claim]]) -> None:
        from .extraction import extract_claims
        from .triage import selected

        texts = [articles[n].text[s.start:s.end] for n, window in group for s in window]
        wanted = selected(texts, self.cheap, self.gazetteer) if self.cheap else range(len(texts))
        docs: list = [None] * len(texts)
        for i, doc in zip(wanted, self.nlp.pipe((texts[i] for i in wanted), batch_size=self.batch_size)):
            docs[i] = doc
        at = 0
        for number, window in group:
            found[number] += extract_claims(self._context_of(articles[number]), window, docs[at:at + len(window)])
            at += len(window)

    def _context_of(self, article: Article) -> ArticleContext:
        """The reading context of an article: made once for all its windows, so its outlet is looked up once."""
        from .extraction import ArticleContext

        if self._context is None or self._context.article.id != article.id:
            self._context = ArticleContext.of(article, self.gazetteer, self.sides)
        return self._context


# A long article is sent to the workers in parts, each a run of its windows: its claims are the
# same (windows are read independently) and every worker shares in it. A part is about one window,
# so that an article of two or three windows (a one-line dump of 300,000 characters) keeps two
# workers busy, not one.
Part = tuple[int, int]  # (k, n): the k-th of n runs of an article's windows
PART_CHARS = WINDOW_CHARS


def part_of(runs: Iterator[list[Sentence]], part: Part | None) -> Iterator[list[Sentence]]:
    """The windows of one part of an article (all of them for None)."""
    if part is None:
        yield from runs
        return
    every = list(runs)
    k, n = part
    yield from every[k * len(every) // n:(k + 1) * len(every) // n]


def split_parts(articles: Iterable[Article]) -> Iterator[tuple[Article, Part | None]]:
    """Each article whole, or a long one as parts of at most about PART_CHARS characters."""
    for article in articles:
        n = -(-len(article.text) // PART_CHARS)
        if n < 2:
            yield article, None
        else:
            yield from ((article, (k, n)) for k in range(n))


def joined_parts(results: Iterator[tuple[tuple[Article, Part | None], list[Claim]]]
                 ) -> Iterator[tuple[Article, list[Claim]]]:
    """Results of whole articles and parts, in order, put back together per article."""
    claims: list[Claim] = []
    for (article, part), found in results:
        claims += found
        if part is None or part[0] == part[1] - 1:
            yield article, claims
            claims = []


class LocalEngine:
    """Extraction in this process, one article after another."""

    def __init__(self, gazetteer: Gazetteer, sides: Sides, model: str | None = None, *, triage: bool = True):
        self.extraction = Extraction(gazetteer, sides, model, triage=triage)
        self.gazetteer = gazetteer.source

    def claims(self, article: Article) -> list[Claim]:
        return self.extraction.claims(article)

    def run(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Claim]]]:
        for article in articles:
            yield article, self.claims(article)  # one at a time: Ctrl-C stops after the current article


# -- extraction in other processes ---------------------------------------------------------------------
_worker_state: dict[tuple, Extraction] = {}


def extract_batch(articles: list[Article], model: str | None = None, triage: bool = True,
                  parts: list[Part | None] | None = None, gazetteer: GazetteerSource | None = None) -> list[list[Claim]]:
    """The claims of each article (or part), in a worker process: its pipelines are loaded on the
    first call only. `gazetteer` names the files the parent chose (the same content must be at that
    path here); None is the packaged gazetteer."""
    key = (model, triage, gazetteer)
    if key not in _worker_state:
        places = Gazetteer.load_source(gazetteer) if gazetteer else Gazetteer.load()
        _worker_state[key] = Extraction(places, Sides.load(), model, triage=triage)
    return _worker_state[key].claims_of(articles, parts)


def _submit_items(submit: Callable[..., Any]) -> Callable[[list[tuple[Article, Part | None]]], Any]:
    """A batch of (article, part) items sent as extract_batch's articles and parts."""
    return lambda batch: submit([a for a, _ in batch], [p for _, p in batch])


def _start_worker(parent: int) -> None:
    """Workers leave Ctrl-C to the parent, which finishes the batches under way and stops; they end
    when the parent is gone (killed, say), instead of holding a model's memory forever; and they
    multiply matrices on one thread each."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # One BLAS thread each: the workers already keep every core busy. numpy reads this when it is
    # first imported, with the model on the first batch.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _batches(items: Iterable, size: int) -> Iterator[list]:
    """Items in batches of `size`; a part of a long article makes a batch of its own, so that the
    parts spread over the workers."""
    batch: list = []
    for item in items:
        if isinstance(item, tuple) and item[1] is not None:
            if batch:
                yield batch
                batch = []
            yield [item]
            continue
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def ordered_results(submit: Callable[[list[Article]], Any], articles: Iterable[Article], *, batch_size: int,
                    in_flight: int) -> Iterator[tuple[Article, list[Claim]]]:
    """Articles sent off in batches, at most `in_flight` batches at a time, results back in input order.

    `submit(batch)` returns a future (concurrent.futures or Dask) whose result is each article's claims.
    Only the batches under way are held in memory, however many articles there are.
    """
    pending: deque[tuple[list[Article], Any]] = deque()
    for batch in _batches(articles, batch_size):
        pending.append((batch, submit(batch)))
        while len(pending) >= in_flight:
            done, future = pending.popleft()
            yield from zip(done, future.result())
    while pending:
        done, future = pending.popleft()
        yield from zip(done, future.result())


class ProcessEngine:
    """Extraction in `workers` processes on this machine, each loading the pipelines once (and the
    gazetteer files given, else the packaged gazetteer)."""

    def __init__(self, workers: int, model: str | None = None, *, triage: bool = True, batch_size: int = 8,
                 gazetteer: Sequence[str] | None = None):
        self.workers, self.model, self.triage, self.batch_size = workers, model, triage, batch_size
        self.gazetteer = GazetteerSource.of(gazetteer)
        self._files = self.gazetteer if gazetteer else None

    def run(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Claim]]]:
        context = multiprocessing.get_context("spawn")  # no fork of a process with threads running
        pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_start_worker,
                                   initargs=(os.getpid(),))
        try:
            yield from joined_parts(ordered_results(
                _submit_items(lambda batch, parts: pool.submit(extract_batch, batch, self.model, self.triage, parts,
                                                               self._files)),
                split_parts(articles), batch_size=self.batch_size, in_flight=2 * self.workers,
            ))
        finally:  # on a stop, batches not yet started are dropped: a later run does them
            pool.shutdown(wait=True, cancel_futures=True)


class DaskEngine:
    """Extraction on a Dask cluster: the scheduler at `address`, or a LocalCluster of `workers` processes.

    Each worker process loads the pipelines on its first batch and keeps them. Results come back in
    order and are written here, through the same store as the other engines.
    """

    def __init__(self, address: str | None = None, workers: int = 2, model: str | None = None, *,
                 triage: bool = True, batch_size: int = 8, gazetteer: Sequence[str] | None = None):
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise FrontclaimsError('the Dask engine needs Dask: pip install "frontclaims[dask]"') from None
        import dask.config

        self._Client, self._LocalCluster, self._dask_config = Client, LocalCluster, dask.config
        self.address, self.workers, self.model = address, workers, model
        self.triage, self.batch_size = triage, batch_size
        self.gazetteer = GazetteerSource.of(gazetteer)
        self._files = self.gazetteer if gazetteer else None

    def run(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Claim]]]:
        with contextlib.ExitStack() as stack:
            if self.address:
                client = stack.enter_context(self._Client(self.address))
            else:
                stack.enter_context(self._dask_config.set(_quiet_local_workers(self._dask_config)))
                cluster = stack.enter_context(self._LocalCluster(
                    n_workers=self.workers, threads_per_worker=1, processes=True, dashboard_address=None))
                client = stack.enter_context(self._Client(cluster))
            in_flight = 2 * (len(client.scheduler_info().get("workers", {})) or self.workers)
            yield from joined_parts(ordered_results(
                _submit_items(lambda batch, parts: client.submit(extract_batch, batch, self.model, self.triage, parts,
                                                                 self._files, pure=False)),
                split_parts(articles), batch_size=self.batch_size, in_flight=in_flight,
            ))


def _quiet_local_workers(config) -> dict:
    """Dask settings for the workers of a LocalCluster that ingest starts: Dask's own environment for
    them without its malloc trim threshold (64 KiB: memory handed back to the system after every
    task, then faulted in again, about a seventh of the workers' time in the kernel here), and no
    statistical profiler sampling the task thread."""
    environ = {k: v for k, v in config.get("distributed.nanny.pre-spawn-environ", {}).items()
               if k != "MALLOC_TRIM_THRESHOLD_"}
    return {"distributed.nanny.pre-spawn-environ": environ, "distributed.worker.profile.enabled": False}


def ingest(
    paths: Iterable[str],
    store: Store,
    engine,
    *,
    on_start: Callable[[int], None] | None = None,
    on_skip: Callable[[str, str], None] | None = None,
    on_warning: Callable[[str, str], None] | None = None,
    on_article: Callable[[Article, int], None] | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    write_batch: int = 8,
    max_bytes: int = MAX_BYTES,
    fetch: Callable[[str], RawPage] | None = None,
    reread: bool = False,
) -> IngestReport:
    """Read every article under `paths`, extract its claims with `engine`, and store them.

    The file list is gathered first (names only, so progress has a total); contents are read one
    at a time as extraction asks for them, each through the loader's one safe way of reading
    (files over `max_bytes` are skipped). A file whose text was already read in this run is a
    duplicate: stored as another name of that article, counted apart. Results are written in
    input order, `write_batch` articles per transaction; after a stop request the results already
    back are written and the articles still under way are left to a later run. The counts are what
    the database gained: an article another process stored meanwhile counts as known.

    A web address is downloaded by `fetch` (one failure skips that address only), unless the store
    already has a page from it: then it is known, or with `reread` read again from the stored page,
    without the network. With `reread`, articles already stored are read again with this version's
    rules and their claims replaced; the corrections of those claims are applied to the new ones.
    """
    from .webpage import read_source

    report = IngestReport()

    def skip(name: str, reason: str) -> None:
        report.skipped.append((name, reason))
        if on_skip is not None:
            on_skip(name, reason)

    if getattr(engine, "gazetteer", None) is not None:
        store.record_gazetteer(engine.gazetteer.name, engine.gazetteer.sha256)
    sources: list[Source] = list(iter_sources(paths, on_error=skip))
    if on_start is not None:
        on_start(len(sources))

    seen: set[str] = set()
    pages: dict[str, RawPage] = {}  # the web pages of the articles under way, stored with them
    addresses: set[str] = set()  # the web addresses met in this run
    later_names: list[tuple[str, str]] = []  # (name, article id) of duplicates, added once the article is stored

    def fresh_articles() -> Iterator[Article]:
        for source in sources:
            if should_stop():
                report.interrupted = True
                return
            report.files += 1

            def warn(message: str, name: str = source.name) -> None:
                if on_warning is not None:
                    on_warning(name, message)

            if source.url in addresses:  # the same address twice in one run: downloaded once
                report.duplicates += 1
                continue
            if source.url:
                addresses.add(source.url)
            kept = store.page_at(source.url) if source.url else None  # (article id, page) of an address read before
            if kept is not None and not reread:
                store.add_appearance(source.name, kept[0])
                report.known += 1
                continue
            page_kept = kept[1] if kept else None
            try:
                article, page = read_source(source, max_bytes=max_bytes, warn=warn, fetch=fetch,
                                            stored=lambda url, found=page_kept: found)
            except ArticleError as exc:
                skip(exc.source, exc.reason)
                continue
            if page is not None:
                pages[article.id] = page if not source.url else dataclasses.replace(page, address=source.url)
            if cut := overlong(article):
                warn(f"{cut} stretch(es) of more than {MAX_SENTENCE:,} characters without a sentence end, "
                     f"read in pieces of at most {MAX_SENTENCE:,}")
            if article.id in seen:  # its first copy may still be under way: its name is added with it
                later_names.append((article.source, article.id))
                report.duplicates += 1
                if on_article is not None:
                    on_article(article, 0)
                continue
            if not reread and store.has_article(article.id):
                store.add_appearance(article.source, article.id)
                report.known += 1
                if on_article is not None:
                    on_article(article, 0)
                continue
            seen.add(article.id)
            yield article

    done: list[tuple[Article, list[Claim]]] = []

    def write() -> None:
        batch_pages = {article.id: pages.pop(article.id) for article, _ in done if article.id in pages}
        for (article, _), (new, added) in zip(done, store.store_articles(done, pages=batch_pages, replace=reread)):
            if new:
                report.articles += 1
            elif reread:
                report.reread += 1
            else:
                report.known += 1
            report.claims += added
            if on_article is not None:
                on_article(article, added)
        done.clear()
        for name, article_id in list(later_names):
            if store.has_article(article_id):
                store.add_appearance(name, article_id)
                later_names.remove((name, article_id))

    for result in engine.run(fresh_articles()):
        done.append(result)
        if len(done) >= write_batch or should_stop():
            write()
        if should_stop():
            report.interrupted = True
            break
    write()
    return report
