"""The claims table as CSV or JSON lines, safe to open in a spreadsheet, and read back the same.

CSV cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage
return) get a leading apostrophe, as OWASP recommends; `raw=True` writes them as they are. Reading
an export back removes exactly the apostrophes writing added.

`export` streams a store's claims at disk speed: SQLite formats each row (the cells of a CSV row,
or a whole JSON line) and the rows go from its cursor to the file in flat memory; Python is called
only for the rare cell that needs it (a formula to neutralise, a list of units, a number SQLite
would write differently). `write` does the same from `Claim` records, byte for byte.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TextIO

from .models import Claim

if TYPE_CHECKING:
    from .store import ClaimFilter, Store

COLUMNS = (
    "claim_id", "article", "published", "place", "place_text", "place_id", "admin1", "lat", "lon",
    "claimant", "side", "claim", "subject_side", "units", "figure", "figure_value", "figure_unit",
    "sentence", "start", "end", "claim_date", "outlet", "url",
    "reviewed", "original_place", "original_place_id", "original_side", "original_claim", "original_subject_side",
    "review_note",
)
FORMATS = ("csv", "jsonl")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
UNITS_SEPARATOR = "; "


def claim_fields(claim: Claim) -> dict:
    """A claim as the export's flat record (JSON types)."""
    figure, review = claim.figure, claim.review
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
        "claim_date": claim.claim_date.isoformat() if claim.claim_date else None,
        "outlet": claim.outlet,
        "url": claim.url,
        "reviewed": claim.review is not None,
        "original_place": review.original_place if review else None,
        "original_place_id": review.original_place_id if review else None,
        "original_side": review.original_side.value if review else None,
        "original_claim": review.original_claim.value if review else None,
        "original_subject_side": review.original_subject_side.value if review else None,
        "review_note": review.note if review else None,
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
    if isinstance(value, bool):
        return "true" if value else "false"
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


JSON_SEPARATORS = (",", ":")  # as SQLite's json_object writes them: {"claim_id":"...","article":...}


def write_jsonl(claims: Iterable[Claim], out: TextIO) -> int:
    count = 0
    for claim in claims:
        out.write(json.dumps(claim_fields(claim), ensure_ascii=False, separators=JSON_SEPARATORS) + "\n")
        count += 1
    return count


def write(claims: Iterable[Claim], out: TextIO, fmt: str, *, raw: bool = False) -> int:
    """Write claims in a format of FORMATS; returns how many were written."""
    if fmt == "csv":
        return write_csv(claims, out, raw=raw)
    if fmt == "jsonl":
        return write_jsonl(claims, out)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


# -- streaming a store ------------------------------------------------------------------------------
_FORMULA_CODES = ", ".join(str(ord(c)) for c in (*_FORMULA_START, "'"))  # a cell starting with one may need it


def _units_cell(units: str) -> str:
    return UNITS_SEPARATOR.join(json.loads(units))


def _json_number(value) -> str:
    return json.dumps(value)


def _csv_number(value) -> str:
    return neutralise(_csv_cell(value))


_FUNCTIONS = {"fc_neutralise": neutralise, "fc_units": _units_cell, "fc_number": _json_number,
              "fc_csv_number": _csv_number}


def _csv_expression(column: str, raw: bool) -> str:
    """SQL giving a CSV cell as `_csv_cell` and `neutralise` would make it: SQLite looks at the first
    character of each cell, and only a cell starting like a formula goes to Python."""
    quoted = f'"{column}"'
    if column in ("lat", "lon", "figure_value"):  # a whole number is written without its ".0"
        number = (f"CASE WHEN {quoted} = CAST({quoted} AS INTEGER) AND abs({quoted}) < 1e15 "
                  f"THEN CAST({quoted} AS INTEGER) ELSE {quoted} END")
        if raw:
            return number
        # A negative number Python writes with an exponent (-1e-05) starts like a formula.
        return (f"CASE WHEN {quoted} < 0 AND ({quoted} > -1e-4 OR {quoted} <= -1e16) "
                f"THEN fc_csv_number({quoted}) ELSE {number} END")
    if column in ("start", "end"):
        return quoted
    if column == "reviewed":
        return "CASE WHEN reviewed THEN 'true' ELSE 'false' END"
    if column == "units":
        quoted = "CASE units WHEN '[]' THEN '' ELSE fc_units(units) END"
    if raw:
        return quoted
    return f"CASE WHEN unicode({quoted}) IN ({_FORMULA_CODES}) THEN fc_neutralise({quoted}) ELSE {quoted} END"


def _json_value(column: str) -> str:
    """SQL giving a value for SQLite's json_object, written as `json.dumps` writes it: text and whole
    numbers as they are; a real number as SQLite writes it where that is Python's text too (plain
    notation, at most 15 digits, exact), else as Python writes it; lists and booleans as JSON."""
    quoted = f'"{column}"'
    if column == "units":
        return "json(units)"  # stored as json.dumps wrote it
    if column == "reviewed":
        return "json(CASE WHEN reviewed THEN 'true' ELSE 'false' END)"
    if column in ("lat", "lon", "figure_value"):
        text = f"CAST({quoted} AS TEXT)"
        return (f"CASE WHEN {quoted} IS NULL OR typeof({quoted}) = 'integer' THEN {quoted} "
                f"WHEN {quoted} != 0 AND instr({text}, 'e') = 0 AND CAST({text} AS REAL) = {quoted} "
                f"AND length(replace(replace({text}, '-', ''), '.', '')) <= 15 THEN json({text}) "
                f"ELSE json(fc_number({quoted})) END")
    return quoted


def _json_line_sql() -> str:
    """One JSON object per claim, made by SQLite's json_object (several times faster than joining
    each member's text), with the separators JSON_SEPARATORS names."""
    return "json_object(" + ", ".join(f"'{c}', {_json_value(c)}" for c in COLUMNS) + ")"


def export(store: Store, out: TextIO, fmt: str, *, raw: bool = False, where: ClaimFilter | None = None) -> int:
    """Write the claims of `store` that `where` selects, in a format of FORMATS, streamed from the
    database in timeline order; returns how many were written. The bytes are those `write` gives
    for the same claims."""
    if fmt == "csv":
        rows = store.select_claims([_csv_expression(c, raw) for c in COLUMNS], where, functions=_FUNCTIONS)
        return write_csv_rows(rows, out)
    if fmt == "jsonl":
        rows = store.select_claims([_json_line_sql()], where, functions=_FUNCTIONS)
        return write_lines(rows, out)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


class _Counted:
    """The rows of a cursor, fetched in chunks and counted as they pass."""

    def __init__(self, rows):
        self.rows, self.count = rows, 0

    def __iter__(self):
        while chunk := self.rows.fetchmany(4096):
            self.count += len(chunk)
            yield from chunk


def write_csv_rows(rows, out: TextIO, header: Iterable[str] = COLUMNS) -> int:
    """Rows of ready cells (an SQLite cursor, say) as RFC 4180 CSV under a header; how many rows."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    counted = _Counted(rows)
    writer.writerows(counted)
    return counted.count


def write_lines(rows, out: TextIO) -> int:
    """Rows of one ready line each (an SQLite cursor, say), one per line; how many rows."""
    count = 0
    while chunk := rows.fetchmany(4096):
        out.write("\n".join([line for (line,) in chunk]) + "\n")
        count += len(chunk)
    return count


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
