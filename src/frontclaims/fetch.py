"""Downloading the web pages a user names by address: bounded in time and size, redirects followed,
anything but an HTML page refused, each failure one `FetchError` that says why in a line.

Nothing else in frontclaims touches the network: a page is fetched only because its address was
given, and is kept in the database (see `Store.store_articles`), so reading it again needs none.
"""

from __future__ import annotations

import datetime as dt
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message

from . import __version__
from .errors import ArticleError
from .models import RawPage

TIMEOUT = 20.0  # seconds to connect, and at most between two pieces of the answer
MAX_BYTES = 10_000_000
MAX_REDIRECTS = 10
HTML_TYPES = ("text/html", "application/xhtml+xml")
USER_AGENT = f"frontclaims/{__version__}"
_CHUNK = 1 << 16


class FetchError(ArticleError):
    """A web page could not be downloaded, or what came back is not a web page."""

    def __init__(self, url: str, reason: str):
        self.url = url
        super().__init__(url, reason)


def is_url(text: str) -> bool:
    """Whether a command-line argument is a web address rather than a file name."""
    return text.lower().startswith(("http://", "https://"))


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS


@dataclass(frozen=True)
class Fetcher:
    """Downloads pages with these limits: `timeout` seconds per wait (and four times that in all),
    `max_bytes` of answer at most."""

    timeout: float = TIMEOUT
    max_bytes: int = MAX_BYTES

    def __call__(self, url: str) -> RawPage:
        return self.fetch(url)

    def fetch(self, url: str) -> RawPage:
        """The page at `url`, after redirects; FetchError says in a line why there is none."""
        if not is_url(url):
            raise FetchError(url, "not a web address (http:// or https://)")
        opener = urllib.request.build_opener(_Redirects)
        request = urllib.request.Request(url, headers={
            "User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
            "Accept-Encoding": "identity"})
        try:
            with opener.open(request, timeout=self.timeout) as response:
                return self._read(url, response)
        except urllib.error.HTTPError as exc:
            if exc.code in (301, 302, 303, 307, 308):
                raise FetchError(url, f"more than {MAX_REDIRECTS} redirects, or a redirect nowhere") from None
            raise FetchError(url, f"the server answered HTTP {exc.code} {exc.reason}".rstrip()) from None
        except urllib.error.URLError as exc:
            raise FetchError(url, _network_reason(exc.reason)) from None
        except TimeoutError:
            raise FetchError(url, f"no answer within {self.timeout:g} s (timed out)") from None
        except (OSError, ValueError) as exc:  # a connection reset, a malformed answer or address
            raise FetchError(url, f"the download failed: {exc}") from None

    def _read(self, url: str, response) -> RawPage:
        headers: Message = response.headers
        kind = headers.get_content_type()
        if kind not in HTML_TYPES:
            raise FetchError(url, f"not a web page (the server sent {kind}); only HTML pages are read")
        declared = headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(url, f"the page is too large ({int(declared) / 1e6:,.1f} MB, more than "
                                  f"{self.max_bytes / 1e6:,.1f} MB; see --max-size)")
        deadline = time.monotonic() + 4 * self.timeout
        data = bytearray()
        while chunk := response.read(_CHUNK):
            data += chunk
            if len(data) > self.max_bytes:
                raise FetchError(url, f"the page is too large (more than {self.max_bytes / 1e6:,.1f} MB; "
                                      f"see --max-size)")
            if time.monotonic() > deadline:
                raise FetchError(url, f"the download took longer than {4 * self.timeout:g} s (timed out)")
        charset = headers.get_content_charset() or ""
        return RawPage(url=response.geturl() or url, address=url, data=bytes(data),
                       content_type=kind + (f"; charset={charset}" if charset else ""),
                       fetched_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))


def _network_reason(reason) -> str:
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "no answer in time (timed out)"
    if isinstance(reason, ConnectionRefusedError):
        return "the server refused the connection"
    if isinstance(reason, socket.gaierror):
        return "no such host (the name cannot be resolved)"
    if isinstance(reason, OSError) and reason.strerror:
        return f"cannot connect: {reason.strerror.lower()}"
    return f"cannot connect: {reason}"
