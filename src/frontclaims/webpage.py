"""Web pages as articles: the article's text, title, site name, author, address and publication date
(with where the date was read) from a page's HTML, by trafilatura and htmldate; and the one way
ingest reads a source, whether a text file, a saved page or an address.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

from .errors import ArticleError
from .loader import MAX_BYTES, Source, Warn, decode, parse_article
from .models import Article, DateSource, RawPage

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_HTML_STARTS = (b"<!doctype html", b"<html", b"<?xml", b"<head", b"<meta", b"<!--")


def is_html(name: str, data: bytes) -> bool:
    """Whether a file is a web page: by its suffix, or by how it starts (a page saved without one)."""
    if name.lower().endswith(HTML_SUFFIXES):
        return True
    start = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith(_HTML_STARTS) and b"<html" in data[:4096].lower()


def publication_date(tree, url: str) -> tuple[dt.date | None, str]:
    """A page's publication date and where it was read (a `DateSource` value), by htmldate: the page's
    own markup first (meta tags, JSON-LD, <time>), then a date in its address, then a date written in
    the page. (None, "") when there is none."""
    from htmldate import find_date

    for source, html, options in (
            (DateSource.METADATA, tree, {"extensive_search": False, "url": ""}),
            (DateSource.URL, "<html><body></body></html>", {"extensive_search": False, "url": url}),
            (DateSource.PAGE_TEXT, tree, {"extensive_search": True, "url": ""})):
        if source == DateSource.URL and not url:
            continue
        try:
            found = find_date(html, original_date=True, **options)
        except (ValueError, TypeError):
            found = None
        if found:
            try:
                return dt.date.fromisoformat(found), source.value
            except ValueError:
                continue
    return None, ""


def article_from_page(page: RawPage, source: str, warn: Warn | None = None) -> Article:
    """The article a web page holds: its main text (trafilatura leaves out menus, footers and
    comments), under its title, with its provenance; ArticleError when the page has no article text."""
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    tree = load_html(page.data)
    if tree is None:
        raise ArticleError(source, "not a readable web page (the HTML cannot be parsed)")
    found = bare_extraction(tree, url=page.url or None, with_metadata=True, include_comments=False,
                            include_tables=False)
    body = (found.text or "") if found is not None else ""
    if not body.strip():
        raise ArticleError(source, "no article text in the page")
    title = " ".join((found.title or "").split())
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    if title and lines and lines[0] == title:
        lines = lines[1:]
    text = "\n\n".join(([title] if title else []) + lines)
    url = page.url or found.url or ""
    published, date_source = publication_date(load_html(page.data), url)
    article = parse_article(text, source, warn)
    return dataclasses.replace(
        article, title=title or article.title, published=published, date_source=date_source, url=url,
        outlet=" ".join((found.sitename or found.hostname or "").split()),
        author=" ".join((found.author or "").split()))


def read_source(source: Source, *, max_bytes: int = MAX_BYTES, warn: Warn | None = None,
                fetch: Callable[[str], RawPage] | None = None,
                stored: Callable[[str], RawPage | None] | None = None) -> tuple[Article, RawPage | None]:
    """An article from a source, and the web page it came from (None for a text file).

    An address is read from `stored(url)` when that has its page, else downloaded by `fetch`; a file
    through the loader's safe reading, as a web page when it is one, else as text. Every failure is
    an ArticleError naming the source (a FetchError for a download)."""
    if source.url:
        page = stored(source.url) if stored is not None else None
        if page is None:
            if fetch is None:
                raise ArticleError(source.name, "web addresses are not read here")
            page = fetch(source.url)
        return article_from_page(page, source.name, warn), page
    data = source.read_bytes(max_bytes)
    if not data.strip():
        raise ArticleError(source.name, "empty file")
    if is_html(source.name, data):
        page = RawPage(url="", data=data)
        return article_from_page(page, source.name, warn), page
    try:
        text = decode(data, warn)
    except ValueError as exc:
        raise ArticleError(source.name, str(exc)) from None
    return parse_article(text, source.name, warn), None
