"""Splitting an article's paragraphs into sentences, by offsets into the article text.

Sentences are found with rules rather than the parser, so that every path (the full pipeline, the
cheap first pass, a worker process) sees the same sentences, and a huge paragraph is cut into
pieces no longer than `MAX_SENTENCE` characters, each ending at a sentence boundary where one exists.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .models import Article

MAX_SENTENCE = 2_000

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "st", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vol", "vs", "approx", "etc", "u.s", "u.k", "u.n",
    "e.u", "e.g", "i.e", "gov", "sen", "rep", "prof", "pres", "adm", "brig", "cpl", "pvt", "inc", "ltd", "co",
    "corp", "jr", "sr",
}
# Where a sentence may end: terminal punctuation, closing quotes or brackets, then a space and an opener.
_BOUNDARY = re.compile(
    r"""(?<=[.!?…])["”’')\]]*(?=\s+["“‘'(\[]?[A-Z0-9А-ЯЁІЇЄҐ▪•])  # "...city. The", "...said." He
      |(?<=[a-z]{2}[.!?])["”]?(?=["“]?[A-Z][a-z])                 # missing space: "Thursday.The"
      |(?<=[.!?]["”])(?=[A-Z“"])                                   # '...Ukrainian)."This'
    """,
    re.VERBOSE,
)
_UNENDED = re.compile(r"[^.!?…\n]{%d,}" % (MAX_SENTENCE + 1))
_LAST_WORD = re.compile(r"([\w.]+)[.!?…][\"”’')\]]*$")
# A dateline at the head of a paragraph, where the story was filed: "KYIV (Reuters) - ", "MOSCOW — ",
# "KYIV, Ukraine (AP) — ", "ROSTOV-ON-DON, April 22. /TASS/. ". It is no part of the first sentence.
_DATELINE = re.compile(
    r"""^[A-Z][A-Z’'\-]+(?:[ \-][A-Z][A-Z’'\-]+)*          # the city, in capitals
        (?:,\s+[A-Z][a-z]+)?                               # , Ukraine
        (?:,\s+[A-Z][a-z]+\.?\s+\d{1,2}(?:,\s+\d{4})?\.?)?   # , April 22.
        (?:(?:\s*\([A-Za-z][\w .&-]{0,30}\)|\s*/[A-Z][A-Za-z-]{1,15}/\.?)\s*[-–—]?|\s*[-–—])  # (Reuters) - | /TASS/. | —
        \s+""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article: its offsets into `Article.text` and its paragraph's number."""

    start: int
    end: int
    paragraph: int


def _ends_with_abbreviation(text: str) -> bool:
    match = _LAST_WORD.search(text)
    if not match:
        return False
    word = match.group(1).lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def split_text(text: str, offset: int = 0) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of one paragraph, shifted by `offset`."""
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if end > 0 and text[end - 1] == '"' and text.count('"', 0, end - 1) % 2 == 0:
            end -= 1  # that straight quote opens the next sentence's quotation
        piece = text[start:end]
        if not piece.strip() or _ends_with_abbreviation(piece.rstrip()):
            continue
        yield from _bounded(text, start, end, offset)
        start = end
    if text[start:].strip():
        yield from _bounded(text, start, len(text), offset)


def _bounded(text: str, start: int, end: int, offset: int) -> Iterator[tuple[int, int]]:
    """Trim whitespace, and cut a run longer than MAX_SENTENCE at the last space before the limit."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        yield offset + start, offset + cut
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield offset + start, offset + end


def dateline_end(text: str) -> int:
    """Where the dateline at the head of a paragraph ends ("KYIV (Reuters) - "), or 0 when it has none."""
    match = _DATELINE.match(text)
    return match.end() if match else 0


def split_article(article: Article) -> list[Sentence]:
    """Every sentence of the article's kept paragraphs, in order, datelines left out."""
    sentences = []
    for number, paragraph in enumerate(article.paragraphs):
        text = article.text[paragraph.start:paragraph.end]
        skip = dateline_end(text)
        sentences += [Sentence(s, e, number) for s, e in split_text(text[skip:], paragraph.start + skip)]
    return sentences


def overlong(article: Article) -> int:
    """How many stretches of the article's text run past MAX_SENTENCE characters without a sentence
    end: each is read in pieces of at most that length (a dump without punctuation, say)."""
    return sum(len(_UNENDED.findall(article.text, p.start, p.end)) for p in article.paragraphs)
