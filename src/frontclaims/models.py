"""The records that cross module boundaries: articles, places, mentions, figures and claims."""

from __future__ import annotations

import datetime as dt
from enum import Enum

from pydantic import BaseModel, ConfigDict


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
    COUNTRY = "country"


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FormerName(Frozen):
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


class Place(Frozen):
    """A gazetteer entry, or a place the gazetteer lacks (resolved=False) kept under its written name."""

    id: str
    name: str
    kind: PlaceKind = PlaceKind.SETTLEMENT
    admin1: str = ""
    country: str = ""
    lat: float | None = None
    lon: float | None = None
    population: int | None = None
    name_uk: str = ""
    name_ru: str = ""
    former_names: tuple[FormerName, ...] = ()
    resolved: bool = True


class Paragraph(Frozen):
    """A stretch of article text kept for extraction, by offsets into `Article.text`."""

    start: int
    end: int


class Article(Frozen):
    """One news article as loaded: its whole decoded text, and which parts of it are the article."""

    id: str
    source: str
    text: str
    title: str = ""
    published: dt.date | None = None
    paragraphs: tuple[Paragraph, ...] = ()


class Figure(Frozen):
    """A number stated with its unit: a distance, an area, a count or a share."""

    text: str
    value: float
    value_max: float | None = None
    unit: str

    @property
    def normalised(self) -> str:
        def fmt(x: float) -> str:
            return f"{x:g}"

        number = fmt(self.value) if self.value_max is None else f"{fmt(self.value)}-{fmt(self.value_max)}"
        return f"{number} {self.unit}"


class Claim(Frozen):
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

    @property
    def date(self) -> dt.date | None:
        """The date the claim speaks of, else the article's date."""
        return self.claim_date or self.published
