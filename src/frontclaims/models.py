"""The records that cross module boundaries: articles, places, mentions, figures and claims.

Plain frozen dataclasses, so that the commands that only read the database (`compare`, `export`)
start fast; data from outside (export files read back) is validated where it comes in.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from enum import Enum

Frozen = dataclass(frozen=True, slots=True, kw_only=True)


class Side(str, Enum):
    """Whose side a claimant or a force is on."""

    RU = "RU"
    UA = "UA"
    NEUTRAL = "neutral"
    UNKNOWN = "unknown"

    @property
    def opponent(self) -> Side:
        return {Side.RU: Side.UA, Side.UA: Side.RU}.get(self, Side.UNKNOWN)


class ClaimType(str, Enum):
    """What a claim asserts about a place."""

    CONTROL = "control"
    ENCIRCLED = "encircled"
    ADVANCE = "advance"
    REPELLED = "repelled"
    ATTACK = "attack"
    WITHDRAWAL = "withdrawal"
    DENIAL = "denial"
    FIGHTING = "fighting"
    OTHER = "other"


class PlaceKind(str, Enum):
    """What sort of place a gazetteer entry is."""

    SETTLEMENT = "settlement"
    OBLAST = "oblast"
    RAION = "raion"
    REGION = "region"
    RIVER = "river"
    RESERVOIR = "reservoir"
    COUNTRY = "country"


@Frozen
class FormerName:
    """A name a place carried before it was renamed, with the years it was in use."""

    name: str
    uk: str = ""
    ru: str = ""
    valid_from: int | None = None
    valid_to: int | None = None

    @property
    def period(self) -> str:
        start = str(self.valid_from) if self.valid_from else ""
        end = str(self.valid_to) if self.valid_to else ""
        return f"{start}–{end}" if start or end else ""

    @property
    def label(self) -> str:
        """The name, its Russian form and its years where known: "Artemivsk / Артёмовск (1924–2016)"."""
        names = " / ".join(n for n in (self.name, self.ru) if n)
        return f"{names} ({self.period})" if self.period else names


@Frozen
class Place:
    """A gazetteer entry, or a place the gazetteer lacks (resolved=False) kept under its written name."""

    id: str
    name: str
    kind: PlaceKind = PlaceKind.SETTLEMENT
    admin1: str = ""
    raion: str = ""  # the raion (Russia: district) a settlement lies in
    hromada: str = ""
    country: str = ""
    lat: float | None = None
    lon: float | None = None
    approximate: bool = False  # lat/lon are the centroid of the place's hromada, not its own
    population: int | None = None
    name_uk: str = ""
    name_ru: str = ""
    former_names: tuple[FormerName, ...] = ()
    resolved: bool = True


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The great-circle distance between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


@Frozen
class Paragraph:
    """A stretch of article text kept for extraction, by offsets into `Article.text`."""

    start: int
    end: int


@Frozen
class Article:
    """One news article as loaded: its whole decoded text, and which parts of it are the article."""

    id: str
    source: str
    text: str
    title: str = ""
    published: dt.date | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    url: str = ""  # where a web page was fetched from, or the address a saved page gives for itself
    outlet: str = ""  # the site's name, as the page gives it
    author: str = ""
    date_source: str = ""  # where `published` came from (see `DateSource`)


class DateSource(str, Enum):
    """Where an article's publication date was read."""

    DATE_LINE = "date line"  # the first line of a text file: "date 2025-11-20"
    TEXT = "text"  # a time stamp or "Updated: ..." line in a text file
    METADATA = "page metadata"  # a web page's own markup: meta tags, JSON-LD, <time> (htmldate)
    URL = "url"  # the page's address: /2025/11/20/
    PAGE_TEXT = "page text"  # a date written in the page, found by htmldate's extensive search


@Frozen
class RawPage:
    """A web page as it came, from an address or a saved file, kept so that it can be read again:
    `url` is where it came from after redirects, `address` the address the user gave ("" for a file)."""

    url: str
    data: bytes
    address: str = ""
    content_type: str = ""
    fetched_at: str = ""  # ISO time of the download; "" for a saved page


@Frozen
class Figure:
    """A number stated with its unit: a distance, an area, a count or a share."""

    text: str
    value: float
    value_max: float | None = None
    unit: str

    @property
    def normalised(self) -> str:
        def fmt(x: float) -> str:
            return f"{x:.10g}"  # digits, never an exponent: "2500000 people"

        number = fmt(self.value) if self.value_max is None else f"{fmt(self.value)}-{fmt(self.value_max)}"
        return f"{number} {self.unit}"


@Frozen
class Review:
    """An analyst's correction of a claim as the claim carries it: what extraction said, and why it changed."""

    original_place_id: str
    original_place: str
    original_side: Side
    original_claim: ClaimType
    original_subject_side: Side
    note: str = ""
    reviewed_at: str = ""


@Frozen
class Claim:
    """Who asserts what about a place, with the sentence that says so."""

    claim_id: str
    article: str
    article_id: str = ""
    published: dt.date | None = None
    place: Place
    place_text: str
    claimant: str
    side: Side
    claim: ClaimType
    subject_side: Side = Side.UNKNOWN
    denies: ClaimType | None = None  # for a denial: the kind of claim denied, when the text says
    units: tuple[str, ...] = ()
    figure: Figure | None = None
    sentence: str
    start: int
    end: int
    claim_date: dt.date | None = None
    date_text: str = ""
    outlet: str = ""
    rule: str = ""
    url: str = ""  # the article's address, when it has one
    review: Review | None = None  # an analyst's correction, when the claim was reviewed

    @property
    def date(self) -> dt.date | None:
        """The date the claim speaks of, else the article's date."""
        return self.claim_date or self.published


@Frozen
class Period:
    """The days from `since` to `until`, both included; either end may be open."""

    since: dt.date | None = None
    until: dt.date | None = None

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise ValueError(f"the period ends ({self.until}) before it starts ({self.since})")

    @property
    def bounded(self) -> bool:
        return self.since is not None or self.until is not None

    def holds(self, day: dt.date) -> bool:
        return (self.since is None or day >= self.since) and (self.until is None or day <= self.until)

    def __str__(self) -> str:
        if self.since and self.until:
            return f"{self.since} to {self.until}"
        if self.since:
            return f"since {self.since}"
        if self.until:
            return f"until {self.until}"
        return "all dates"
