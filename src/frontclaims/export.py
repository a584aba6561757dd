"""The claims table as CSV or JSON lines, safe to open in a spreadsheet, and read back the same.

CSV cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage
return) get a leading apostrophe, as OWASP recommends; `raw=True` writes them as they are. Reading
an export back removes exactly the apostrophes writing added.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from typing import TextIO

from .models import Claim

COLUMNS = (
    "claim_id", "article", "published", "place", "place_text", "place_id", "admin1", "lat", "lon",
    "claimant", "side", "claim", "subject_side", "units", "figure", "figure_value", "figure_unit",
    "sentence", "start", "end",
)
FORMATS = ("csv", "jsonl")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
UNITS_SEPARATOR = "; "


def claim_fields(claim: Claim) -> dict:
    """A claim as the export's flat record (JSON types)."""
    figure = claim.figure
    return {
        "claim_id": claim.claim_id,
        "article": claim.article,
        "published": claim.published.isoformat() if claim.published else None,
        "place": claim.place.name,
        "place_text": claim.place_text,
        "place_id": claim.place.id,
        "admin1": claim.place.admin1,
        "lat": claim.place.lat,
        "lon": claim.place.lon,
        "claimant": claim.claimant,
        "side": claim.side.value,
        "claim": claim.claim.value,
        "subject_side": claim.subject_side.value,
        "units": list(claim.units),
        "figure": figure.text if figure else None,
        "figure_value": figure.value if figure else None,
        "figure_unit": figure.unit if figure else None,
        "sentence": claim.sentence,
        "start": claim.start,
        "end": claim.end,
    }


def neutralise(cell: str) -> str:
    """A CSV cell that no spreadsheet will evaluate: formulas get a leading apostrophe."""
    if not cell or _NUMBER.match(cell):
        return cell
    if cell.lstrip("'").startswith(_FORMULA_START) and (cell[0] in _FORMULA_START or cell[0] == "'"):
        return "'" + cell
    return cell


def restore(cell: str) -> str:
    """The cell as it was before `neutralise`."""
    if cell.startswith("'") and cell.lstrip("'").startswith(_FORMULA_START) and not _NUMBER.match(cell[1:]):
        return cell[1:]
    return cell


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return UNITS_SEPARATOR.join(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)


def write_csv(claims: Iterable[Claim], out: TextIO, *, raw: bool = False) -> int:
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180; also makes the writer quote a lone \r
    writer.writerow(COLUMNS)
    count = 0
    for claim in claims:
        record = claim_fields(claim)
        cells = [_csv_cell(record[c]) for c in COLUMNS]
        writer.writerow(cells if raw else [neutralise(c) for c in cells])
        count += 1
    return count


def write_jsonl(claims: Iterable[Claim], out: TextIO) -> int:
    count = 0
    for claim in claims:
        out.write(json.dumps(claim_fields(claim), ensure_ascii=False) + "\n")
        count += 1
    return count


def write(claims: Iterable[Claim], out: TextIO, fmt: str, *, raw: bool = False) -> int:
    """Write claims in a format of FORMATS; returns how many were written."""
    if fmt == "csv":
        return write_csv(claims, out, raw=raw)
    if fmt == "jsonl":
        return write_jsonl(claims, out)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


# -- reading an export back ------------------------------------------------------------------------
def read_csv(text: str, *, raw: bool = False) -> Iterator[dict]:
    """The records of a CSV export, with neutralised cells restored (unless it was written raw)."""
    for row in csv.DictReader(io.StringIO(text)):
        yield {k: (v if raw else restore(v)) for k, v in row.items()}


def read_jsonl(text: str) -> Iterator[dict]:
    for line in text.split("\n"):  # not splitlines(): U+2028 and friends may sit inside a sentence
        if line.strip():
            yield json.loads(line)


def comparable(record: dict) -> dict:
    """A record reduced to the export's columns, as text, so that CSV and JSON lines compare equal."""
    out = {}
    for column in COLUMNS:
        value = record.get(column)
        out[column] = _csv_cell(value if not (isinstance(value, str) and column in ("lat", "lon", "figure_value")
                                              and value) else float(value))
    return out
