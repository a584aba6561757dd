"""Article files: finding them, decoding them, and telling the article from the site around it.

A file is decoded (UTF-8 with or without BOM, UTF-16 with BOM, cp1251), its newlines normalised,
an optional first line ` date YYYY-MM-DD ...` read as the publication date, the next line taken as
the headline, and site boilerplate (donation appeals, photo credits, "Read more", subscribe lines,
related-link lists) left out of the paragraphs that extraction reads. Offsets always refer to the
whole decoded text, so an evidence sentence can be found again in the file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import ArticleError
from .models import Article, Paragraph

STDIN = "-"
ARTICLE_SUFFIXES = (".txt",)

_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
    b"SQLite format 3\x00": "an SQLite database",
    b"{\\rtf": "an RTF document",
}

_DATE_LINE = re.compile(r"^\s*date\s+(\d{4})-(\d{2})-(\d{2})\b.*$", re.IGNORECASE)
_TIMESTAMP_LINE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}\S*\s*$")
_UPDATED = re.compile(r"\b(?:Updated|Published|Created)\s*:\s*(\d{1,2})[-./](\d{1,2})[-./](\d{4})\b")

# Lines that are never article text.
_BOILERPLATE_LINE = re.compile(
    r"""^(?:read\ more|read\ also|advertisement|share|subscribe\b.*|follow\ us\b.*|related(?:\ articles)?
        |photo\s*:.*|image\s*:.*|video\s*:.*|source\s*:.*|©.*|\(?this\ story\ has\ not\ been\ edited.*
        |not\ ready\ to\ support\ today\??|remind\ me\ later\.?|pa(?:i|y)ment\ methods
        |\d{4}-\d{2}-\d{2}T\d{2}:\d{2}\S*)\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# Marks anywhere in a short line that make it a caption, credit or byline.
_CREDIT_MARK = re.compile(
    r"""\bPhoto\s*:|\(photo:|\bvia\ AP\)|/AP/|\bGetty\ Images\b|\bFile\ photo\b|\bCredit\s*:|©
        |,\ 1920,\ \d\d\.\d\d\.\d{4}\s*$|\|\s*Updated\s*:|^\s*\S.{0,100}\s/\s*(?:TASS|AP|AFP|Reuters|EPA|Sputnik|RIA\ Novosti)\s*$""",
    re.VERBOSE,
)
# A related-links list runs from its heading to the end of the page.
_RELATED_HEADING = re.compile(r"^\s*(?:also\ read|read\ also|related(?:\ stories|\ news)?|more\ on\ this|recommended)\s*:?\s*$",
                              re.IGNORECASE | re.VERBOSE)
# A donation appeal runs from its opening line to the end of the page.
_APPEAL = re.compile(
    r"small\ favou?r\ to\ ask|please\ support\ us|support\ (?:us|independent\ journalism)\ (?:monthly|today)"
    r"|we\ need\ your\ (?:help|support)|become\ a\ (?:member|patron|supporter)|make\ a\ donation",
    re.IGNORECASE | re.VERBOSE,
)
_SUPPORT_HEADER = re.compile(r"^\s*support\ (?:the\ [\w\s]+|us|independent\ journalism)!?\s*$", re.IGNORECASE | re.VERBOSE)


@dataclass(frozen=True)
class Source:
    """Where an article comes from: a file path, or standard input."""

    name: str
    path: Path | None = None

    def read_bytes(self) -> bytes:
        if self.path is None:
            return sys.stdin.buffer.read()
        return self.path.read_bytes()


# -- finding files ---------------------------------------------------------------------------------
def iter_sources(paths: Iterable[str], on_error=None) -> Iterator[Source]:
    """Every article source under the given paths, lazily, in a stable order.

    Folders are walked recursively for `.txt` files; a file named on the command line is read
    whatever its suffix. Problems (missing paths, symlink loops) go to `on_error(name, reason)`.
    """
    for raw in paths:
        if raw == STDIN:
            yield Source("<stdin>")
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, on_error)
        elif path.exists():
            yield Source(str(path), path)
        elif on_error is not None:
            on_error(str(path), "no such file or folder")


def _walk(root: Path, on_error) -> Iterator[Source]:
    seen: set[tuple[int, int]] = set()

    def visit(folder: Path) -> Iterator[Source]:
        try:
            info = folder.stat()
        except OSError as exc:
            if on_error:
                on_error(str(folder), _reason(exc))
            return
        if (info.st_dev, info.st_ino) in seen:
            if on_error:
                on_error(str(folder), "symbolic link loop, skipped")
            return
        seen.add((info.st_dev, info.st_ino))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            if on_error:
                on_error(str(folder), _reason(exc))
            return
        for entry in entries:
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()
                is_file = entry.is_file()
            except OSError as exc:
                if on_error:
                    on_error(str(path), _reason(exc))
                continue
            if is_dir:
                yield from visit(path)
            elif is_file and path.suffix.lower() in ARTICLE_SUFFIXES:
                yield Source(str(path), path)
            elif not is_file and not is_dir and entry.is_symlink() and path.suffix.lower() in ARTICLE_SUFFIXES:
                if on_error:
                    on_error(str(path), "broken or looping symbolic link")

    yield from visit(root)


def _reason(exc: OSError) -> str:
    if exc.errno == 40:  # ELOOP
        return "symbolic link loop"
    return (exc.strerror or str(exc)).lower()


# -- decoding --------------------------------------------------------------------------------------
def decode(data: bytes) -> str:
    """Text from bytes in UTF-8 (BOM or not), UTF-16 with BOM, or cp1251; ArticleError-free callers
    should use `load_article`. Raises ValueError with a reason when the bytes are not text."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise ValueError(f"not a text file ({what})")
    if data.startswith(b"\xef\xbb\xbf"):
        text = _strict(data[3:], "utf-8")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _strict(data, "utf-16")
    else:
        if b"\x00" in data:
            raise ValueError("not a text file (contains NUL bytes)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _strict(data, "cp1251")
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f\v")
    if controls > max(2, len(text) // 100):
        raise ValueError("not a text file (binary content)")
    return text


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ValueError(f"cannot be decoded as {encoding} (byte {exc.start})") from None


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")


# -- parsing ---------------------------------------------------------------------------------------
def article_id(text: str) -> str:
    """A stable id from the article's content."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:16]


def _date(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line's stripped content."""
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped[0])
            yield start, start + len(stripped)
        pos += len(line) + 1


def is_boilerplate(line: str) -> bool:
    """True for a line that belongs to the site, not to the article."""
    if _BOILERPLATE_LINE.match(line) or _SUPPORT_HEADER.match(line):
        return True
    return len(line) < 400 and bool(_CREDIT_MARK.search(line))


def parse_article(text: str, source: str) -> Article:
    """An Article from decoded text: date line, headline, and the paragraphs that are article text."""
    text = normalise_newlines(text).lstrip("\ufeff")
    if not text.strip():
        raise ArticleError(source, "empty file")
    lines = list(_lines(text))
    published = None
    if lines and (match := _DATE_LINE.match(text[lines[0][0]:lines[0][1]])):
        published = _date(*match.groups())
        lines = lines[1:]

    kept: list[tuple[int, int]] = []
    seen: set[str] = set()
    appeal_from = int(len(lines) * 0.5)
    for number, (start, end) in enumerate(lines):
        line = text[start:end]
        if published is None and (match := _TIMESTAMP_LINE.match(line)):
            published = _date(*match.groups())
        if published is None and (match := _UPDATED.search(line)):
            published = _date(match.group(3), match.group(2), match.group(1))
        if _RELATED_HEADING.match(line):
            break
        if number >= appeal_from and _APPEAL.search(line):
            break
        if is_boilerplate(line) or line in seen:
            continue
        seen.add(line)
        kept.append((start, end))

    if not kept:
        raise ArticleError(source, "no article text (only boilerplate)")
    title = text[kept[0][0]:kept[0][1]]
    return Article(
        id=article_id(text), source=source, text=text, title=title, published=published,
        paragraphs=tuple(Paragraph(start=s, end=e) for s, e in kept),
    )


def load_article(source: Source) -> Article:
    """Read, decode and parse one source; every failure is an ArticleError naming the file."""
    try:
        data = source.read_bytes()
    except IsADirectoryError:
        raise ArticleError(source.name, "is a directory, not a file") from None
    except OSError as exc:
        raise ArticleError(source.name, f"cannot be read: {_reason(exc)}") from None
    if not data.strip():
        raise ArticleError(source.name, "empty file")
    try:
        text = decode(data)
    except ValueError as exc:
        raise ArticleError(source.name, str(exc)) from None
    return parse_article(text, source.name)
