"""Article files: finding them, reading them safely, decoding them, and telling the article from the
site around it.

One mechanism reads every file: regular files only (a FIFO, a device or a socket is skipped, never
waited on), in bounded chunks up to a size limit, with its size and times checked before and after
(a file changed while being read is read again, and skipped if it keeps changing). The encoding is
decided per file: UTF-8 (with or without BOM) when the bytes are UTF-8, with a stray byte of another
encoding repaired and reported rather than the whole text garbled; UTF-16 with BOM; otherwise the
single-byte encoding charset-normalizer finds most plausible (cp1251, KOI8, ...). Newlines are
normalised, an optional first line `date ...` (ISO, European or written-out dates) gives the
publication date, the next line is the headline, and site boilerplate (donation appeals, photo
credits and captions, "Read more", subscribe lines, related-link lists) is left out of the
paragraphs that extraction reads. Offsets always refer to the whole decoded text, so an evidence
sentence can be found again in the file.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import os
import re
import stat
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .dates import MONTHS
from .errors import ArticleError
from .models import Article, DateSource, Paragraph

Warn = Callable[[str], None]
MAX_BYTES = 50_000_000  # files larger than this are skipped unless the caller allows more
CHUNK = 1 << 20
TRIES = 4  # reads of a file that keeps changing before it is skipped
# A file modified this recently may still be being written (a write sets the time as it starts,
# and a writer may be paused in the middle): it is read again after this pause, and kept only if
# nothing changed.
SETTLE = 0.25
# Single-byte encodings charset-normalizer may choose from for a file that is not UTF-8.
LEGACY_ENCODINGS = ("cp1251", "koi8_r", "koi8_u", "cp1252", "iso8859_5", "mac_cyrillic")

STDIN = "-"
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")  # what a folder walk takes: text files and saved web pages
URL_SCHEMES = ("http://", "https://")

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

# A first line that is a date line: "date" (any case, optional colon) and then something date-like.
_DATE_LINE = re.compile(r"^\s*date\s*(?::\s*|\s+)(?P<value>(?:\d|(?:%s)\b).*)$" % "|".join(MONTHS),
                        re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"^(?P<a>\d{1,4})(?P<sep>[-./])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{1,4})(?=$|[\sT,;])")
_WORDED_DATE = re.compile(
    r"^(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[a-z]+)\.?,?\s+(?P<year>\d{4})"
    r"|(?P<month2>[a-z]+)\.?\s+(?P<day2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year2>\d{4}))(?=$|[\s,;])",
    re.IGNORECASE)
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
        |,\ 1920,\ \d\d\.\d\d\.\d{4}\s*$|\|\s*Updated\s*:
        |^\s*\S.{0,160}\s/\s*(?:TASS|AP|AFP|Reuters|EPA|Sputnik|RIA\ Novosti|Anadolu|Ukrinform|UNIAN)
         (?:[\s/-]*(?:Photo|Photos|Images|EFE|Pool|Handout|via\ Getty\ Images))*\s*$""",
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
_SENTENCE_ENDS = re.compile(r".*?[.!?…][\"”’)]*(?=\s)", re.DOTALL)  # the text up to each sentence end
_SUPPORT_HEADER = re.compile(r"^\s*support\ (?:the\ [\w\s]+|us|independent\ journalism)!?\s*$", re.IGNORECASE | re.VERBOSE)


@dataclass(frozen=True)
class Source:
    """Where an article comes from: a file path, a web address, or standard input (`name` is how it is shown)."""

    name: str
    path: Path | None = None
    url: str = ""

    def read_bytes(self, limit: int = MAX_BYTES) -> bytes:
        """The file's bytes, read safely (see the module docstring); ArticleError says why not."""
        if self.url:
            raise ArticleError(self.name, "a web address is downloaded, not read as a file")
        if self.path is None:
            return _read_stdin(limit)
        if str(self.path) != _text(str(self.path)):  # the name holds bytes that are not UTF-8
            raise ArticleError(self.name, "the file name is not valid UTF-8; rename the file to ingest it")
        return read_file(self.path, self.name, limit)


def _text(name: str) -> str:
    """A path as valid text: bytes the file system gave that are not UTF-8 become \\xNN."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _source(path: Path) -> Source:
    return Source(str(path), path)


# -- reading ---------------------------------------------------------------------------------------
_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


def _not_regular(mode: int) -> str | None:
    for test, what in _KINDS:
        if test(mode):
            return what
    return None if stat.S_ISREG(mode) else "not a regular file"


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB"


def _too_big(name: str, size: int | None, limit: int) -> ArticleError:
    what = f"{_megabytes(size)}, " if size is not None else ""
    return ArticleError(name, f"larger than the limit ({what}more than {_megabytes(limit)}; see --max-size)")


def _chunks(read: Callable[[int], bytes], name: str, limit: int) -> bytes:
    data = bytearray()
    while chunk := read(CHUNK):
        data += chunk
        if len(data) > limit:
            raise _too_big(name, None, limit)
    return bytes(data)


def _signature(info: os.stat_result) -> tuple:
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns


def read_file(path: Path, name: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, as one consistent version.

    Opened without blocking (a FIFO with no writer is found out, not waited on), checked to be a
    regular file within the limit, read in chunks, and checked again: if its size or times changed,
    or it was modified so recently that a write may be under way, it is read again (after a short
    pause) until two reads agree; a file that keeps changing is an ArticleError.
    """
    previous: bytes | None = None
    for _ in range(TRIES):
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
        except IsADirectoryError:
            raise ArticleError(name, "is a directory, not a file") from None
        except OSError as exc:
            raise ArticleError(name, f"cannot be read: {_reason(exc)}") from None
        try:
            before = os.fstat(fd)
            if kind := _not_regular(before.st_mode):
                raise ArticleError(name, f"not a regular file ({kind}), skipped")
            if before.st_size > limit:
                raise _too_big(name, before.st_size, limit)
            started = time.time_ns()
            data = _chunks(lambda n: os.read(fd, n), name, limit)
            after = os.fstat(fd)
        except OSError as exc:
            raise ArticleError(name, f"cannot be read: {_reason(exc)}") from None
        finally:
            os.close(fd)
        try:
            now = os.stat(path)
        except OSError:
            now = None  # removed or replaced meanwhile: read what is there now
        steady = now is not None and _signature(before) == _signature(after) == _signature(now) \
            and len(data) == before.st_size
        if steady and (before.st_mtime_ns < started - SETTLE * 1e9 or data == previous):
            return data
        previous = data if steady else None
        time.sleep(SETTLE)
    raise ArticleError(name, f"changed while being read ({TRIES} tries); ingest it again once it is complete")


def _read_stdin(limit: int) -> bytes:
    stream = sys.stdin
    if stream is None or getattr(stream, "buffer", None) is None:
        raise ArticleError("<stdin>", "standard input is closed")
    try:
        return _chunks(stream.buffer.read, "<stdin>", limit)
    except (OSError, ValueError) as exc:
        raise ArticleError("<stdin>", f"cannot be read: {exc}") from None


# -- finding files ---------------------------------------------------------------------------------
def iter_sources(paths: Iterable[str], on_error=None) -> Iterator[Source]:
    """Every article source under the given paths, lazily, in a stable order.

    Folders are walked recursively for `.txt` files and saved web pages (`.html`, `.htm`); a file
    named on the command line is read whatever its suffix; an http(s) address is a source of its
    own. Problems (missing paths, symlink loops) go to `on_error(name, reason)`.
    """
    for raw in paths:
        if raw == STDIN:
            yield Source("<stdin>")
            continue
        if raw.lower().startswith(URL_SCHEMES):
            yield Source(raw, url=raw)
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, on_error)
        elif path.exists():
            yield _source(path)
        elif on_error is not None:
            on_error(str(path), "no such file or folder")


def _walk(root: Path, on_error) -> Iterator[Source]:
    seen: set[tuple[int, int]] = set()
    found = {"articles": 0, "others": 0}

    def report(path: Path, reason: str) -> None:
        if on_error:
            on_error(str(path), reason)

    def visit(folder: Path) -> Iterator[Source]:
        try:
            info = folder.stat()
        except OSError as exc:
            report(folder, _reason(exc))
            return
        if (info.st_dev, info.st_ino) in seen:
            report(folder, "symbolic link loop, skipped")
            return
        seen.add((info.st_dev, info.st_ino))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            report(folder, _reason(exc))
            return
        for entry in entries:
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()
                is_file = entry.is_file()
            except OSError as exc:
                report(path, _reason(exc))
                continue
            if is_dir:
                yield from visit(path)
                continue
            if path.suffix.lower() not in ARTICLE_SUFFIXES:
                found["others"] += 1
                continue
            found["articles"] += 1
            if is_file:
                yield _source(path)
            elif entry.is_symlink() and not os.path.exists(path):
                report(path, "broken or looping symbolic link")
            else:
                try:
                    kind = _not_regular(entry.stat().st_mode) or "not a regular file"
                except OSError as exc:
                    kind = _reason(exc)
                report(path, f"not a regular file ({kind}), skipped")

    yield from visit(root)
    if not found["articles"]:
        others = f" ({found['others']} file(s) of other kinds)" if found["others"] else ""
        report(root, f"no .txt files or saved web pages (.html, .htm) in this folder{others}")


def _reason(exc: OSError) -> str:
    if exc.errno == 40:  # ELOOP
        return "symbolic link loop"
    return (exc.strerror or str(exc)).lower()


# -- decoding --------------------------------------------------------------------------------------
def decode(data: bytes, warn: Warn | None = None) -> str:
    """Text from the bytes of one file, its encoding decided for it alone: UTF-8 (BOM or not; a few
    stray bytes of another encoding are read as cp1251 and reported through `warn`), UTF-16 with
    BOM, or else the legacy encoding charset-normalizer finds most plausible. Raises ValueError with
    a reason when the bytes are not text."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise ValueError(f"not a text file ({what})")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _strict(data, "utf-16")
    else:
        if b"\x00" in data:
            raise ValueError("not a text file (contains NUL bytes)")
        body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            text = _repaired_utf8(body, warn) if _mostly_utf8(body) or body is not data else _legacy(body, warn)
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f\v")
    if controls > max(2, len(text) // 100):
        raise ValueError("not a text file (binary content)")
    return text


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH = re.compile(rb"[\x80-\xff]")


def _mostly_utf8(data: bytes) -> bool:
    """Whether text with some invalid bytes is UTF-8 all the same: most of its non-ASCII bytes
    form valid UTF-8 sequences."""
    valid = sum(len(m) for m in _UTF8_SEQUENCE.findall(data))
    return valid > 0 and valid >= 0.9 * len(_HIGH.findall(data))


def _as_cp1251(exc: UnicodeDecodeError) -> tuple[str, int]:
    """A codec error handler: the bytes that are not UTF-8 read as cp1251, their offsets noted."""
    _STRAY.append(exc.start)
    return exc.object[exc.start:exc.end].decode("cp1251", "replace"), exc.end


_STRAY: list[int] = []
codecs.register_error("frontclaims.cp1251", _as_cp1251)


def _repaired_utf8(data: bytes, warn: Warn | None) -> str:
    """UTF-8 text whose few invalid bytes are read as cp1251 (where a stray byte most likely comes
    from in this domain), each reported."""
    _STRAY.clear()
    text = data.decode("utf-8", "frontclaims.cp1251")
    if warn is not None and _STRAY:
        where = ", ".join(f"byte {at} (0x{data[at]:02x})" for at in _STRAY[:3]) + (", ..." if len(_STRAY) > 3 else "")
        warn(f"{len(_STRAY)} byte(s) that are not UTF-8 in a UTF-8 file, read as cp1251: {where}")
    return text


def _legacy(data: bytes, warn: Warn | None) -> str:
    """Text in the single-byte encoding charset-normalizer finds most plausible for these bytes."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        raise ValueError("cannot be decoded: not UTF-8, and no known encoding reads it as text")
    if warn is not None and best.encoding != "cp1251":
        warn(f"not UTF-8; read as {best.encoding}")
    return str(best)


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


def date_of_line(value: str) -> tuple[dt.date | None, str]:
    """The date a date line's value gives (ISO, day.month.year, day/month/year, "11 December 2025",
    "December 11, 2025"; a time or other words may follow), or None and why not."""
    value = value.strip()
    if match := _NUMERIC_DATE.match(value):
        a, sep, b, c = match["a"], match["sep"], match["b"], match["c"]
        if len(a) == 4:
            year, month, day = a, b, c
        elif len(c) == 4:
            day, month, year = a, b, c
            if sep == "/" and int(b) > 12 >= int(a):  # 12/31/2025: month first
                day, month = b, a
        else:
            return None, "the year must have four digits"
        return _checked(year, month, day)
    if match := _WORDED_DATE.match(value):
        day, month, year = (match["day"], match["month"], match["year"]) if match["day"] else \
            (match["day2"], match["month2"], match["year2"])
        number = MONTHS.get(month.lower())
        if number is None:
            return None, f"{month!r} is not a month"
        return _checked(year, str(number), day)
    return None, "not a date in a form frontclaims reads (2025-12-11, 11.12.2025, 11 December 2025)"


def _checked(year: str, month: str, day: str) -> tuple[dt.date | None, str]:
    try:
        return dt.date(int(year), int(month), int(day)), ""
    except ValueError as exc:
        return None, f"no such day ({exc})"


def parse_article(text: str, source: str, warn: Warn | None = None) -> Article:
    """An Article from decoded text: date line, headline, and the paragraphs that are article text.
    A date line that cannot be read is left out and reported through `warn`."""
    text = normalise_newlines(text).lstrip("\ufeff")
    if not text.strip():
        raise ArticleError(source, "empty file")
    lines = list(_lines(text))
    published, date_source = None, ""
    if lines and (match := _DATE_LINE.match(text[lines[0][0]:lines[0][1]])):
        published, why = date_of_line(match["value"])
        date_source = DateSource.DATE_LINE.value if published else ""
        if published is None and warn is not None:
            warn(f"the date line {text[lines[0][0]:lines[0][1]][:80]!r} was not understood ({why}); "
                 "the article is stored undated")
        lines = lines[1:]

    kept: list[tuple[int, int]] = []
    seen: set[str] = set()
    # an appeal in the second half of the text ends the article (where it opens a line, or a sentence
    # of a long line: a file of one line is cut there, not dropped)
    appeal_from = (lines[0][0] + (lines[-1][1] - lines[0][0]) // 2) if lines else 0
    for start, end in lines:
        line = text[start:end]
        if published is None and (match := _TIMESTAMP_LINE.match(line)):
            published = _date(*match.groups())
            date_source = DateSource.TEXT.value if published else ""
        if published is None and (match := _UPDATED.search(line)):
            published = _date(match.group(3), match.group(2), match.group(1))
            date_source = DateSource.TEXT.value if published else ""
        if _RELATED_HEADING.match(line):
            break
        if (appeal := _APPEAL.search(line)) and start + appeal.start() >= appeal_from:
            before = _SENTENCE_ENDS.findall(line[:appeal.start()])
            if before and (head := line[:sum(len(b) for b in before)].rstrip()) not in seen:
                kept.append((start, start + len(head)))
            break
        if is_boilerplate(line) or line in seen:
            continue
        seen.add(line)
        kept.append((start, end))

    if not kept:
        raise ArticleError(source, "no article text (only boilerplate)")
    title = text[kept[0][0]:kept[0][1]]
    return Article(
        id=article_id(text), source=source, text=text, title=title, published=published, date_source=date_source,
        paragraphs=tuple(Paragraph(start=s, end=e) for s, e in kept),
    )


def load_article(source: Source, *, max_bytes: int = MAX_BYTES, warn: Warn | None = None) -> Article:
    """Read, decode and parse one source; every failure is an ArticleError naming the file, and
    what was repaired or left out on the way goes to `warn`."""
    data = source.read_bytes(max_bytes)
    if not data.strip():
        raise ArticleError(source.name, "empty file")
    try:
        text = decode(data, warn)
    except ValueError as exc:
        raise ArticleError(source.name, str(exc)) from None
    return parse_article(text, source.name, warn)
