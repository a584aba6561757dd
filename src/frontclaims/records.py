"""An export read back: every record checked against the export's columns and types.

Export files come back from spreadsheets and notebooks, so they are outside data: `read_records`
validates each one (pydantic) and gives the same typed records whether the file was CSV or JSON
lines, so that a claims table can be compared, merged or loaded again.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from .export import UNITS_SEPARATOR, claim_fields, read_csv, read_jsonl
from .models import Claim, ClaimType, Side

_OPTIONAL = ("published", "lat", "lon", "figure", "figure_value", "figure_unit", "claim_date", "original_place",
             "original_place_id", "original_side", "original_claim", "original_subject_side", "review_note")


class ExportRecord(BaseModel):
    """One row of the claims table, as `frontclaims export` writes it (see export.COLUMNS)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    claim_id: str
    article: str
    published: dt.date | None
    place: str
    place_text: str
    place_id: str
    admin1: str
    lat: float | None
    lon: float | None
    claimant: str
    side: Side
    claim: ClaimType
    subject_side: Side
    units: tuple[str, ...]
    figure: str | None
    figure_value: float | None
    figure_unit: str | None
    sentence: str
    start: int
    end: int
    claim_date: dt.date | None = None
    outlet: str = ""
    url: str = ""
    reviewed: bool = False
    original_place: str | None = None
    original_place_id: str | None = None
    original_side: Side | None = None
    original_claim: ClaimType | None = None
    original_subject_side: Side | None = None
    review_note: str | None = None

    @field_validator(*_OPTIONAL, mode="before")
    @classmethod
    def _empty_cell_is_none(cls, value):
        return None if value == "" else value

    @field_validator("units", mode="before")
    @classmethod
    def _units_cell(cls, value):
        if isinstance(value, str):  # a CSV cell: "unit; unit"
            return tuple(value.split(UNITS_SEPARATOR)) if value else ()
        return value

    @classmethod
    def of(cls, claim: Claim) -> ExportRecord:
        return cls.model_validate(claim_fields(claim))


def read_records(text: str, fmt: str, *, raw: bool = False) -> list[ExportRecord]:
    """The records of an export in `fmt` ("csv" or "jsonl"); ValueError names the first bad one."""
    rows = read_csv(text, raw=raw) if fmt == "csv" else read_jsonl(text) if fmt == "jsonl" else None
    if rows is None:
        raise ValueError(f"unknown export format {fmt!r}")
    records = []
    for number, row in enumerate(rows, 1):
        try:
            records.append(ExportRecord.model_validate(row))
        except ValidationError as exc:
            raise ValueError(f"record {number} is not a claims-table row: {exc.errors()[0]['msg']} "
                             f"({'.'.join(map(str, exc.errors()[0]['loc']))})") from None
    return records
