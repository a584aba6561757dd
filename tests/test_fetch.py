"""Web pages from addresses and from saved files: downloads from a server on 127.0.0.1 that each test
starts (never the internet), their limits and one-line errors, and `ingest` end to end."""

from __future__ import annotations

import datetime as dt
import http.server
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontclaims.cli import main
from frontclaims.errors import ExitCode
from frontclaims.fetch import Fetcher, FetchError, is_url
from frontclaims.loader import Source
from frontclaims.models import ClaimType, DateSource, RawPage, Side
from frontclaims.store import Store
from frontclaims.webpage import article_from_page, is_html, publication_date, read_source

PAGES = Path(__file__).parent / "data" / "pages"
RU_PAGE = (PAGES / "kupiansk_ru.html").read_bytes()
UA_PAGE = (PAGES / "kupiansk_ua.html").read_bytes()


class _Handler(http.server.BaseHTTPRequestHandler):
    """The routes of the test server; every request is counted."""

    requests: list[str] = []  # noqa: RUF012 (the server's shared log, reset by the fixture)

    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def _send(self, status: int, body: bytes, kind: str = "text/html; charset=utf-8", length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up first (a timeout test)
            pass

    def do_GET(self) -> None:
        self.requests.append(self.path)
        if self.path == "/ru.html":
            self._send(200, RU_PAGE)
        elif self.path == "/ua.html":
            self._send(200, UA_PAGE)
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/ru.html")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/slow":
            time.sleep(2.0)
            self._send(200, RU_PAGE)
        elif self.path == "/report.pdf":
            self._send(200, b"%PDF-1.4 not a page", kind="application/pdf")
        elif self.path == "/huge":
            self._send(200, b"<html><body>" + b"<p>padding</p>" * 200_000 + b"</body></html>")
        elif self.path == "/huge-unannounced":
            self._send(200, b"<html><body>" + b"<p>padding</p>" * 200_000 + b"</body></html>", length=False)
            self.close_connection = True
        else:
            self._send(404, b"<html><body>not here</body></html>")


@pytest.fixture
def server(monkeypatch):
    """An HTTP server on 127.0.0.1 for one test: its base address, and the paths it was asked for."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    _Handler.requests = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.block_on_close = False  # a handler still asleep for a timeout test is not waited for
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", _Handler.requests
    finally:
        httpd.shutdown()
        httpd.server_close()


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


# -- downloading -----------------------------------------------------------------------------------
def test_a_page_is_downloaded_after_its_redirects(server):
    base, asked = server
    page = Fetcher(timeout=5).fetch(f"{base}/moved")
    assert page.data == RU_PAGE
    assert page.url == f"{base}/ru.html" and page.address == f"{base}/moved"
    assert page.content_type == "text/html; charset=utf-8" and page.fetched_at
    assert asked == ["/moved", "/ru.html"]


@pytest.mark.parametrize("path, reason", [
    ("/missing", "the server answered HTTP 404 Not Found"),
    ("/report.pdf", "not a web page (the server sent application/pdf); only HTML pages are read"),
    ("/huge", "the page is too large (2.8 MB, more than 1.0 MB; see --max-size)"),
    ("/huge-unannounced", "the page is too large (more than 1.0 MB; see --max-size)"),
    ("/loop", "more than 10 redirects, or a redirect nowhere"),
])
def test_a_failed_download_says_why_in_a_line(server, path, reason):
    base, _ = server
    with pytest.raises(FetchError) as caught:
        Fetcher(timeout=5, max_bytes=1_000_000).fetch(base + path)
    assert str(caught.value) == f"{base}{path}: {reason}"


def test_a_server_that_does_not_answer_in_time_is_given_up(server):
    base, _ = server
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"^http://127\.0\.0\.1:\d+/slow: no answer .*\(timed out\)$"):
        Fetcher(timeout=0.3).fetch(f"{base}/slow")
    assert time.monotonic() - started < 1.5


def test_a_closed_port_is_refused_in_a_line():
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError, match="the server refused the connection"):
        Fetcher(timeout=2).fetch(f"http://127.0.0.1:{port}/page.html")


def test_only_http_addresses_are_urls():
    assert is_url("https://example.org/a") and is_url("HTTP://example.org")
    assert not is_url("ftp://example.org/a") and not is_url("news/http.txt") and not is_url("file:///etc/passwd")
    with pytest.raises(FetchError, match="not a web address"):
        Fetcher().fetch("file:///etc/passwd")


# -- reading pages ----------------------------------------------------------------------------------
def test_a_page_gives_its_article_text_and_provenance():
    article = article_from_page(RawPage(url="", data=RU_PAGE), "kupiansk_ru.html")
    assert article.title == "Defence ministry reports capture of Kupiansk"
    assert article.outlet == "TASS" and article.author == "Ivan Testov"
    assert article.url == "https://tass.example/politics/1001"
    assert (article.published, article.date_source) == (dt.date(2025, 11, 20), DateSource.METADATA.value)
    assert article.text.startswith("Defence ministry reports capture of Kupiansk\n\nThe Russian Defence Ministry")
    for boilerplate in ("Home", "Most read", "Weather turns cold", "Subscribe", "All rights reserved"):
        assert boilerplate not in article.text


def test_a_date_only_the_address_gives_is_said_to_come_from_it():
    article = article_from_page(RawPage(url="", data=UA_PAGE), "kupiansk_ua.html")
    assert (article.published, article.date_source) == (dt.date(2025, 12, 2), DateSource.URL.value)
    assert article.outlet == "The Kyiv Independent" and article.author == ""


def test_a_date_written_only_in_the_page_text_is_found_there():
    from trafilatura.utils import load_html

    page = (b"<html><head><title>Front update</title></head><body><article><h1>Front update</h1>"
            b"<p>Kyiv, 14 March 2025. Fighting went on near Siversk.</p></article></body></html>")
    assert publication_date(load_html(page), "") == (dt.date(2025, 3, 14), DateSource.PAGE_TEXT.value)
    assert publication_date(load_html(b"<html><body><p>No date at all.</p></body></html>"), "") == (None, "")


def test_a_page_without_article_text_is_an_error():
    from frontclaims.errors import ArticleError

    with pytest.raises(ArticleError, match="^empty.html: no article text in the page$"):
        article_from_page(RawPage(url="", data=b"<html><head><title>x</title></head><body></body></html>"),
                          "empty.html")


def test_a_saved_page_is_known_by_suffix_or_by_its_start(tmp_path):
    assert is_html("page.HTM", b"anything")
    assert is_html("page", b"\n<!DOCTYPE html><html><body>x</body></html>")
    assert not is_html("notes.txt", b"Russian forces <b>advanced</b> near Siversk.")
    saved = tmp_path / "saved"
    saved.write_bytes(RU_PAGE)
    article, page = read_source(Source(str(saved), saved))
    assert article.outlet == "TASS" and page is not None and page.data == RU_PAGE and page.address == ""
    text = tmp_path / "plain.txt"
    text.write_text("Russian forces advanced near Siversk.", encoding="utf-8")
    assert read_source(Source(str(text), text))[1] is None


# -- ingest end to end --------------------------------------------------------------------------------
def test_ingest_walks_a_folder_of_saved_pages(tmp_path, quick_ingest, monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("a saved page was read over the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)  # reading saved pages downloads nothing
    monkeypatch.setattr(socket, "create_connection", no_network)
    folder = tmp_path / "saved_pages" / "november"
    folder.mkdir(parents=True)
    (folder / "ru.html").write_bytes(RU_PAGE)
    (folder.parent / "ua.htm").write_bytes(UA_PAGE)
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    db = tmp_path / "pages.db"
    result = run("--db", str(db), "ingest", str(tmp_path / "saved_pages"))
    assert result.exit_code == ExitCode.SUCCESS, result.output
    assert "2 new article(s)" in result.output
    with Store(db, create=False) as store:
        claims = store.claims()
        ru = [c for c in claims if c.side == Side.RU and c.claim == ClaimType.CONTROL]
        assert ru and {c.outlet for c in ru} == {"TASS"}
        assert {c.url for c in ru} == {"https://tass.example/politics/1001"}
        ua = [c for c in claims if c.side == Side.UA and c.claim == ClaimType.WITHDRAWAL and c.place.name == "Kupiansk"]
        assert ua and {c.outlet for c in ua} == {"Kyiv Independent"}
        (article_id,) = {c.article_id for c in ru}
        assert store.page(article_id).data == RU_PAGE
        info = store.article_info(article_id)
        assert (info["author"], info["published"], info["date_source"]) == ("Ivan Testov", "2025-11-20", "page metadata")


def test_ingest_reads_a_list_of_addresses_and_goes_on_past_each_failure(tmp_path, server, quick_ingest):
    base, asked = server
    urls = tmp_path / "list.txt"
    urls.write_text(f"# pages to read\n{base}/moved\n\n{base}/ua.html\n{base}/missing\n{base}/report.pdf\n"
                    f"{base}/huge\n{base}/slow\n", encoding="utf-8")
    db = tmp_path / "web.db"
    result = run("--db", str(db), "ingest", "--urls", str(urls), "--timeout", "0.5", "--max-size", "1")
    assert result.exit_code == ExitCode.INPUT_SKIPPED
    lines = result.output.splitlines()
    assert f"skipped {base}/missing: the server answered HTTP 404 Not Found" in lines
    assert f"skipped {base}/report.pdf: not a web page (the server sent application/pdf); only HTML pages are read" \
        in lines
    assert f"skipped {base}/huge: the page is too large (2.8 MB, more than 1.0 MB; see --max-size)" in lines
    assert any(line.startswith(f"skipped {base}/slow: no answer") and line.endswith("(timed out)") for line in lines)
    assert "2 new article(s)" in result.output and "4 skipped" in result.output
    with Store(db, create=False) as store:
        assert store.counts()[0] == 2
        urls_stored = {c.url for c in store.claims()}
        assert urls_stored == {f"{base}/ru.html", f"{base}/ua.html"}  # where the page came from, after redirects
    # Again: the addresses already read are not downloaded again, nor one given twice.
    asked.clear()
    again = run("--db", str(db), "ingest", f"{base}/moved", f"{base}/ua.html", f"{base}/ua.html")
    assert again.exit_code == ExitCode.SUCCESS and asked == []
    assert "0 new article(s)" in again.output and "2 already stored" in again.output
    assert "1 duplicate(s) of another file in this run" in again.output


def test_reread_reads_stored_pages_without_the_network(tmp_path, server, quick_ingest):
    base, asked = server
    db = tmp_path / "web.db"
    assert run("--db", str(db), "ingest", f"{base}/ru.html").exit_code == ExitCode.SUCCESS
    with Store(db, create=False) as store:
        before = sorted(c.claim_id for c in store.claims())
    asked.clear()
    result = run("--db", str(db), "ingest", "--reread", f"{base}/ru.html")
    assert result.exit_code == ExitCode.SUCCESS, result.output
    assert asked == [] and "1 read again" in result.output
    with Store(db, create=False) as store:
        assert sorted(c.claim_id for c in store.claims()) == before  # the same claims, the same ids


def test_a_bad_line_in_the_address_list_is_a_usage_error(tmp_path):
    urls = tmp_path / "list.txt"
    urls.write_text("https://example.org/a\nexample.org/b\n", encoding="utf-8")
    result = run("ingest", "--urls", str(urls))
    assert result.exit_code == ExitCode.USAGE
    assert "line 2 is not an http(s) address: 'example.org/b'" in result.output
