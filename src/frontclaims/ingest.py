"""Ingesting articles: read each source, extract its claims, store them, one article per transaction.

Sources are found and read lazily. An article already in the store is not parsed again (its
content id says so), so an interrupted run resumes where it stopped and a repeated run adds
nothing. Files that cannot be read are reported through `on_skip` and the run goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .errors import ArticleError
from .gazetteer import Gazetteer
from .loader import Source, iter_sources, load_article
from .models import Article, Claim
from .segment import split_article
from .sides import Sides
from .store import Store


@dataclass
class IngestReport:
    """What an ingest run did."""

    files: int = 0
    articles: int = 0
    known: int = 0
    claims: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    interrupted: bool = False


class LocalEngine:
    """Extraction in this process: the trained pipeline loaded once, sentences streamed through it."""

    def __init__(self, gazetteer: Gazetteer, sides: Sides, model: str | None = None, batch_size: int = 64):
        from .extract import Extractor
        from .nlp import trained_pipeline

        self.nlp = trained_pipeline(gazetteer, sides, model)
        self.extractor = Extractor(gazetteer, sides)
        self.batch_size = batch_size

    def claims(self, article: Article) -> list[Claim]:
        sentences = split_article(article)
        docs = list(self.nlp.pipe((article.text[s.start:s.end] for s in sentences), batch_size=self.batch_size))
        return self.extractor.extract(article, sentences, docs)

    def run(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Claim]]]:
        for article in articles:
            yield article, self.claims(article)


def ingest(
    paths: Iterable[str],
    store: Store,
    engine,
    *,
    on_start: Callable[[int], None] | None = None,
    on_skip: Callable[[str, str], None] | None = None,
    on_article: Callable[[Article, int], None] | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> IngestReport:
    """Read every article under `paths`, extract its claims with `engine`, and store them.

    The file list is gathered first (names only, so progress has a total); contents are read one
    at a time as extraction asks for them.
    """
    report = IngestReport()

    def skip(name: str, reason: str) -> None:
        report.skipped.append((name, reason))
        if on_skip is not None:
            on_skip(name, reason)

    sources: list[Source] = list(iter_sources(paths, on_error=skip))
    if on_start is not None:
        on_start(len(sources))

    def fresh_articles() -> Iterator[Article]:
        for source in sources:
            if should_stop():
                report.interrupted = True
                return
            report.files += 1
            try:
                article = load_article(source)
            except ArticleError as exc:
                skip(exc.source, exc.reason)
                continue
            if store.has_article(article.id):
                store.add_appearance(article.source, article.id)
                report.known += 1
                if on_article is not None:
                    on_article(article, 0)
                continue
            yield article

    for article, claims in engine.run(fresh_articles()):
        added = store.add_article(article, claims)
        report.articles += 1
        report.claims += added
        if on_article is not None:
            on_article(article, added)
        if should_stop():
            report.interrupted = True
            break
    return report
