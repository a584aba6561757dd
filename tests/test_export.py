"""export.py: CSV (spreadsheet-safe) and JSON lines exports, and reading them back."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontclaims import export
from frontclaims.models import ClaimType, Figure, Side

# -- neutralise / restore --------------------------------------------------------------------------


@pytest.mark.parametrize("cell", [
    "=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tindented", "\rreturn", "=", "-", "-5x", "--5",
    "-5.5.5", "- a list item",
])
def test_formula_cells_get_an_apostrophe(cell):
    assert export.neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["-5.5", "-5", "5", "12.25", "", "Bakhmut", "a=b", "Kup'yansk", "5-7 km", " =x"])
def test_harmless_cells_are_untouched(cell):
    assert export.neutralise(cell) == cell


@pytest.mark.parametrize("cell", ["'=x", "''+1", "'-", "'@me"])
def test_cells_that_look_neutralised_get_another_apostrophe(cell):
    # so that reading back removes exactly the apostrophe writing added
    assert export.neutralise(cell) == "'" + cell
    assert export.restore(export.neutralise(cell)) == cell


@pytest.mark.parametrize("cell", [
    "=1+1", "-5.5", "-5", "'", "''", "'-5", "'=x", "''=x", "'x", "-", "@", "\t", "\r\n", "'\t", "x'",
    "Kup'yansk", "'Kupiansk'", "-5.5.5", "+", "'+38 050", "=-5",
])
def test_restore_undoes_neutralise(cell):
    assert export.restore(export.neutralise(cell)) == cell


@given(st.text())
def test_restore_undoes_neutralise_for_any_text(cell):
    assert export.restore(export.neutralise(cell)) == cell


@given(st.text(alphabet="'=+-@\t\r0123456789.ax ", max_size=12))
def test_restore_undoes_neutralise_for_prefix_heavy_text(cell):
    neutral = export.neutralise(cell)
    assert export.restore(neutral) == cell
    if neutral and not export._NUMBER.match(neutral):
        assert not neutral.startswith(export._FORMULA_START)  # nothing left for a spreadsheet to run


# -- writing and reading back ----------------------------------------------------------------------


@pytest.fixture
def claims(make_claim, make_place):
    kupiansk = make_place("t-kupiansk", "Kupiansk", admin1="Kharkiv Oblast", lat=49.71, lon=37.61)
    unresolved = make_place("unresolved:testivka", "Testivka", admin1="", lat=None, lon=None, resolved=False)
    return [
        make_claim("c1"),
        make_claim("c2", place=kupiansk, side=Side.UA, claim=ClaimType.REPELLED,
                   claimant="=HYPERLINK(\"http://evil\")", units=("-3rd Assault Brigade", "@92nd Brigade"),
                   figure=Figure(text="12-14km", value=12, value_max=14, unit="km"),
                   sentence='+ "We pushed them back 12-14km," the spokesman said,\nadding more.'),
        make_claim("c3", place=unresolved, published=None, side=Side.UNKNOWN, claim=ClaimType.FIGHTING,
                   claimant="'quoted", figure=Figure(text="80%", value=80, unit="%"),
                   sentence="Fighting continued near Testivka; 80% of it was destroyed."),
    ]


def write(claims, fmt, **kw):
    out = io.StringIO()
    count = export.write(claims, out, fmt, **kw)
    return count, out.getvalue()


def test_csv_header_is_exactly_the_columns(claims):
    count, text = write(claims, "csv")
    assert count == 3
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == export.COLUMNS
    assert len(rows) == 4
    assert all(len(r) == len(export.COLUMNS) for r in rows)


def test_csv_of_no_claims_is_the_header():
    count, text = write([], "csv")
    assert count == 0
    assert text == ",".join(export.COLUMNS) + "\r\n"  # RFC 4180 line ends


def test_csv_neutralises_formulas(claims):
    _, text = write(claims, "csv")
    row = list(csv.DictReader(io.StringIO(text)))[1]
    assert row["claimant"] == "'=HYPERLINK(\"http://evil\")"
    assert row["units"] == "'-3rd Assault Brigade; @92nd Brigade"
    assert row["sentence"].startswith("'+ \"We pushed")
    for record in csv.DictReader(io.StringIO(text)):
        for value in record.values():
            assert not value.startswith(export._FORMULA_START) or export._NUMBER.match(value)


def test_csv_raw_leaves_formulas(claims):
    _, text = write(claims, "csv", raw=True)
    row = list(csv.DictReader(io.StringIO(text)))[1]
    assert row["claimant"] == "=HYPERLINK(\"http://evil\")"
    assert row["units"] == "-3rd Assault Brigade; @92nd Brigade"
    assert list(export.read_csv(text, raw=True))[1]["claimant"] == "=HYPERLINK(\"http://evil\")"


def test_read_csv_restores_neutralised_cells(claims):
    _, text = write(claims, "csv")
    records = list(export.read_csv(text))
    assert records[1]["claimant"] == "=HYPERLINK(\"http://evil\")"
    assert records[2]["claimant"] == "'quoted"
    assert records[1]["sentence"] == claims[1].sentence


def test_jsonl_records(claims):
    count, text = write(claims, "jsonl")
    assert count == 3
    lines = text.splitlines()
    assert len(lines) == 3
    first = json.loads(lines[0])
    assert list(first) == list(export.COLUMNS)
    assert first["published"] == "2026-01-27"
    assert first["lat"] == 48.59419
    assert first["figure"] is None
    second = json.loads(lines[1])
    assert second["units"] == ["-3rd Assault Brigade", "@92nd Brigade"]
    assert (second["figure_value"], second["figure_unit"]) == (12, "km")
    assert json.loads(lines[2])["published"] is None


def test_jsonl_keeps_cyrillic_readable(make_claim):
    _, text = write([make_claim(sentence="Бої тривають біля Куп’янська.")], "jsonl")
    assert "Куп’янська" in text


def test_csv_and_jsonl_read_back_equal(claims):
    _, csv_text = write(claims, "csv")
    _, jsonl_text = write(claims, "jsonl")
    from_csv = [export.comparable(r) for r in export.read_csv(csv_text)]
    from_jsonl = [export.comparable(r) for r in export.read_jsonl(jsonl_text)]
    assert len(from_csv) == 3
    assert from_csv == from_jsonl
    assert from_csv[1]["claimant"] == "=HYPERLINK(\"http://evil\")"
    assert from_csv[2]["published"] == "" and from_csv[2]["lat"] == ""


def test_claim_fields_match_the_claim(claims):
    record = export.claim_fields(claims[1])
    assert record["place"] == "Kupiansk" and record["place_id"] == "t-kupiansk"
    assert record["side"] == "UA" and record["claim"] == "repelled" and record["subject_side"] == "unknown"
    assert (record["start"], record["end"]) == (claims[1].start, claims[1].end)


def test_unknown_format_is_a_value_error(claims):
    with pytest.raises(ValueError, match="unknown export format"):
        write(claims, "xlsx")


# Any text, lone carriage returns and the Unicode line breaks included (surrogates cannot be encoded).
safe_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@given(claimant=safe_text, sentence=safe_text, place_text=safe_text)
def test_csv_round_trip_of_arbitrary_text(make_claim_for_hypothesis, claimant, sentence, place_text):
    claim = make_claim_for_hypothesis(claimant=claimant, sentence=sentence, place_text=place_text)
    _, csv_text = write([claim], "csv")
    _, jsonl_text = write([claim], "jsonl")
    (from_csv,) = export.read_csv(csv_text)
    (from_jsonl,) = export.read_jsonl(jsonl_text)
    assert from_csv["claimant"] == claimant
    assert from_csv["sentence"] == sentence
    assert from_csv["place_text"] == place_text
    assert export.comparable(from_csv) == export.comparable(from_jsonl)


@pytest.fixture(scope="module")
def make_claim_for_hypothesis():
    """make_claim without the function scope, which hypothesis does not reset between examples."""
    from frontclaims.models import Claim, Place

    def make(**fields):
        return Claim(claim_id="h1", article="a.txt", published=dt.date(2026, 1, 2),
                     place=Place(id="t-1", name="Testivka"), side=Side.RU, claim=ClaimType.ATTACK,
                     start=0, end=1, **fields)

    return make


def test_csv_keeps_coordinates_and_figures_exact(make_claim):
    claim = make_claim(figure=Figure(text="1,234,567 personnel", value=1_234_567, unit="servicemen"))
    _, text = write([claim], "csv")
    (record,) = export.read_csv(text)
    assert float(record["lat"]) == claim.place.lat == 48.59419
    assert float(record["lon"]) == claim.place.lon
    assert float(record["figure_value"]) == 1_234_567


@pytest.mark.parametrize("field", ["article", "claimant"])
def test_csv_round_trip_of_carriage_return(make_claim, field):
    claim = make_claim(**{field: "report\rpart two"}) if field == "article" else make_claim(claimant="Ministry\rof Defence")
    _, text = write([claim], "csv")
    (record,) = export.read_csv(text)
    assert record[field] == getattr(claim, field)


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"])
def test_jsonl_round_trip_of_unicode_line_breaks(make_claim, char):
    claim = make_claim(sentence=f"Shelling continued{char} near Testivka.")
    _, text = write([claim], "jsonl")
    (record,) = export.read_jsonl(text)
    assert record["sentence"] == claim.sentence


# -- typed records read back (records.py) ---------------------------------------------------------
@pytest.mark.parametrize("raw", [False, True])
def test_csv_and_jsonl_read_back_as_the_claims_written(claims, raw):
    from frontclaims.records import ExportRecord, read_records

    expected = [ExportRecord.of(c) for c in claims]
    assert read_records(write(claims, "csv", raw=raw)[1], "csv", raw=raw) == expected
    assert read_records(write(claims, "jsonl")[1], "jsonl") == expected
    assert expected[1].units == ("-3rd Assault Brigade", "@92nd Brigade") and expected[2].published is None


def test_a_row_that_is_not_a_claim_is_a_value_error_naming_it(claims):
    from frontclaims.records import read_records

    text = write(claims, "csv")[1].replace(",RU,", ",Russia,", 1)
    with pytest.raises(ValueError, match=r"record 1 .*side"):
        read_records(text, "csv")


# -- streaming from the store ----------------------------------------------------------------------
def _streamed(store, fmt: str, **options) -> str:
    out = io.StringIO()
    export.export(store, out, fmt, **options)
    return out.getvalue()


def _written(store, fmt: str, *, raw: bool = False, where=None) -> str:
    out = io.StringIO()
    claims = store.iter_claims(where.place_ids, where.side, where.search, period=where.period,
                               undated=where.undated) if where else store.iter_claims()
    export.write(claims, out, fmt, raw=raw)
    return out.getvalue()


@pytest.fixture
def odd_store(store, make_article, make_claim, make_place):
    """Claims with every kind of value an export must write exactly: formulas, apostrophes, numbers
    whole and fractional, tiny and huge, negative coordinates, empty and several units, no figure,
    no date, control characters and Unicode line breaks."""
    article = make_article("Odd.", id="art-1")
    far = make_place("t-far", "Far Place", lat=-33.000001, lon=-70.0, admin1="=cmd|' /C calc'!A0")
    whole = make_place("t-whole", "Whole", lat=48.0, lon=37.0)
    none = make_place("t-none", "Nowhere", lat=None, lon=None, admin1="")
    values = [(30.0, "km"), (12.5, "km2"), (1e-05, "km"), (1e15, "troops"), (123456789012345.0, "m"),
              (0.1 + 0.2, "km"), (-2.0, "km"), (0.0, "km"), (None, None)]
    claims = []
    for n, (value, unit) in enumerate(values):
        figure = Figure(text=f"{value} {unit}", value=value, unit=unit) if value is not None else None
        claims.append(make_claim(
            f"c{n}", place=(far, whole, none)[n % 3], start=10 * n, figure=figure,
            published=None if n % 4 == 0 else dt.date(2026, 1, 1 + n),
            claimant=("=HYPERLINK(\"x\")", "+1", "@SUM(A1)", "'=already", "-5", "- a list", "\tTab", "Normal",
                      "Купянськ")[n],
            sentence=("Line\nbreak", "Carriage\rreturn", "Sep\u2028arator", "Quote \"x\", comma", "\x1b[2J esc",
                      "-minus first", "'apostrophe", "=1+1", "plain")[n],
            units=((), ("3rd Brigade",), ("=bad", "+also"), ("a", "b", "c"))[n % 4],
            place_text=("-x", "+y", "z")[n % 3]))
    store.add_article(article, claims)
    return store


@pytest.mark.parametrize("fmt, raw", [("csv", False), ("csv", True), ("jsonl", False)])
def test_a_streamed_export_is_byte_identical_to_the_written_records(odd_store, fmt, raw):
    """Issue 15: SQLite formats the rows, and the bytes are those the record writer gives."""
    assert _streamed(odd_store, fmt, raw=raw) == _written(odd_store, fmt, raw=raw)


def test_a_streamed_export_with_filters_is_the_written_one(odd_store):
    from frontclaims.store import ClaimFilter

    where = ClaimFilter(("t-far", "t-none"), Side.RU, None)
    assert _streamed(odd_store, "csv", where=where) == _written(odd_store, "csv", where=where)
    assert _streamed(odd_store, "jsonl", where=where).count("\n") == 6


@pytest.fixture(scope="module")
def number_store(tmp_path_factory):
    """One claim, whose numbers the next test rewrites for each example (hypothesis does not reset
    function-scoped fixtures)."""
    from frontclaims.models import Article, Claim, Paragraph, Place
    from frontclaims.store import Store

    store = Store(tmp_path_factory.mktemp("numbers") / "n.db")
    store.add_article(Article(id="a", source="a.txt", text="x", paragraphs=(Paragraph(start=0, end=1),)), [
        Claim(claim_id="n", article="a.txt", article_id="a", place=Place(id="p", name="P", lat=1.0, lon=1.0),
              place_text="P", claimant="c", side=Side.RU, claim=ClaimType.ATTACK, start=0, end=1, sentence="s",
              figure=Figure(text="f", value=1.0, unit="km"))])
    yield store
    store.close()


@given(value=st.floats(allow_nan=False, allow_infinity=False),
       lat=st.floats(min_value=-90, max_value=90, allow_nan=False))
def test_numbers_are_written_as_python_writes_them(number_store, value, lat):
    """Where SQLite's text for a real number is not Python's (exponents, 16 or 17 digits, -0.0),
    Python writes it: any float comes out as the record writer has it."""
    number_store.db.execute("UPDATE claims SET figure_value = ?, lat = ?, lon = ?", (value, lat, -lat))
    for fmt in ("csv", "jsonl"):
        assert _streamed(number_store, fmt) == _written(number_store, fmt)
