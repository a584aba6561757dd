"""Corrections: a review changes every view, outlasts ingesting the same files again (and reading
them again with --reread), and travels through a corrections file to another database."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontclaims.cli import main
from frontclaims.corrections import (
    CorrectionsFileError,
    UnknownClaimError,
    claim_id_of,
    import_corrections,
    review,
    write_corrections,
)
from frontclaims.errors import ExitCode
from frontclaims.models import ClaimType, Side
from frontclaims.store import Store

CLAIMS_DIR = Path(__file__).parent / "data" / "claims"
KLYNOVE_KHARKIV = "ua:UA63060110090083990"
# An article whose village has namesakes in several oblasts: the resolver keeps an "ambiguous:" stand-in.
AMBIGUOUS = ("date 2025-11-25\nRussian troops captured Klynove\n"
             "Russian troops captured the village of Klynove, the Russian Defence Ministry said on Tuesday.\n")


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


@pytest.fixture(scope="module")
def news(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corrections") / "news"
    shutil.copytree(CLAIMS_DIR, folder)
    (folder / "andriivka.txt").write_text(AMBIGUOUS, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def pristine(news, local_engine):
    """The articles of `news` ingested once for the module; each test gets a copy (`db`)."""
    from frontclaims.ingest import ingest

    path = news.parent / "pristine.db"
    with Store(path) as store:
        report = ingest([str(news)], store, local_engine)
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert report.articles == 5 and not report.skipped
    return path


@pytest.fixture
def db(tmp_path, pristine, quick_ingest):
    path = tmp_path / "claims.db"
    shutil.copyfile(pristine, path)
    return path


def _claims(db) -> list:
    with Store(db, create=False) as store:
        return store.claims()


def _one(db, **wanted):
    (claim,) = [c for c in _claims(db) if all(getattr(c, k) == v for k, v in wanted.items())]
    return claim


def _export(db) -> list[dict]:
    result = run("--db", db, "export", "--format", "csv")
    assert result.exit_code == ExitCode.SUCCESS
    return list(csv.DictReader(io.StringIO(result.stdout)))


def _compare(db, place) -> dict:
    result = run("--db", db, "compare", place, "--json", "--limit", "0")
    assert result.exit_code == ExitCode.SUCCESS, result.output
    return json.loads(result.stdout)


def test_a_review_changes_compare_export_places_and_report(db, tmp_path):
    capture = _one(db, claimant="Russia", claim=ClaimType.CONTROL)
    result = run("--db", db, "review", capture.claim_id[:8], "--place", "Klynove, Kharkiv Oblast",
                 "--note", "the village, not the town")
    assert result.exit_code == ExitCode.SUCCESS, result.output
    assert f"claim {capture.claim_id}" in result.output
    assert "now: Klynove (Kharkiv Oblast) [ua:UA63060110090083990]" in result.output

    kupiansk = _compare(db, "Kupiansk")
    assert capture.claim_id not in {c["claim_id"] for c in kupiansk["claims"]}
    moved = _compare(db, KLYNOVE_KHARKIV)
    (row,) = [c for c in moved["claims"] if c["claim_id"] == capture.claim_id]
    assert (row["place"], row["reviewed"], row["original_place"], row["review_note"]) == \
        ("Klynove", True, "Kupiansk", "the village, not the town")

    exported = {r["claim_id"]: r for r in _export(db)}
    assert exported[capture.claim_id]["place_id"] == KLYNOVE_KHARKIV
    assert exported[capture.claim_id]["reviewed"] == "true"
    assert exported[capture.claim_id]["original_place_id"] == capture.place.id
    assert exported[capture.claim_id]["original_side"] == "RU"
    untouched = next(r for i, r in exported.items() if i != capture.claim_id)
    assert (untouched["reviewed"], untouched["original_place"]) == ("false", "")

    places = json.loads(run("--db", db, "places", "--json").stdout)
    assert any(p["id"] == KLYNOVE_KHARKIV and p["claims"] == 1 for p in places)

    page = tmp_path / "front.html"
    assert run("--db", db, "report", "--out", page, "--place", KLYNOVE_KHARKIV).exit_code == ExitCode.SUCCESS
    html = page.read_text(encoding="utf-8")
    assert capture.claim_id in html
    assert "was control by RU (forces: RU) about Kupiansk; note: the village, not the town" in html
    geojson = json.loads(run("--db", db, "export", "--format", "geojson", "--place", KLYNOVE_KHARKIV).stdout)
    (feature,) = geojson["features"]
    assert (feature["properties"]["claim_id"], feature["properties"]["reviewed"]) == (capture.claim_id, True)
    assert feature["properties"]["original_place_id"] == capture.place.id


def test_side_type_and_subject_and_a_rejection(db):
    denial = _one(db, claim=ClaimType.DENIAL)
    encircled = _one(db, claim=ClaimType.ENCIRCLED, side=Side.RU)
    before = len(_claims(db))
    assert run("--db", db, "correct", denial.claim_id, "--claim", "fighting", "--subject", "unknown").exit_code == 0
    assert run("--db", db, "review", encircled.claim_id, "--reject", "--note", "a forecast").exit_code == 0
    after = {c.claim_id: c for c in _claims(db)}
    assert len(after) == before - 1 and encircled.claim_id not in after
    fixed = after[denial.claim_id]
    assert (fixed.claim, fixed.subject_side, fixed.denies) == (ClaimType.FIGHTING, Side.UNKNOWN, None)
    assert fixed.review.original_claim == ClaimType.DENIAL
    assert not any(c["claim_id"] == encircled.claim_id for c in _compare(db, "Kupiansk")["claims"])
    # A rejection is taken back with --restore, and --undo gives the claim back as extracted.
    assert run("--db", db, "review", encircled.claim_id, "--restore").exit_code == 0
    assert encircled.claim_id in {c.claim_id for c in _claims(db)}
    assert run("--db", db, "review", denial.claim_id, "--undo").exit_code == 0
    restored = _one(db, claim_id=denial.claim_id)
    assert (restored.claim, restored.denies, restored.review) == (denial.claim, denial.denies, None)


def test_reviews_outlast_ingesting_the_same_files_again(db, news):
    capture = _one(db, claimant="Russia", claim=ClaimType.CONTROL)
    denial = _one(db, claim=ClaimType.DENIAL)
    run("--db", db, "review", capture.claim_id, "--side", "UA", "--note", "Kyiv's words, quoted")
    run("--db", db, "review", denial.claim_id, "--reject")
    expected = _export(db)
    again = run("--db", db, "ingest", news)
    assert again.exit_code == ExitCode.SUCCESS and "0 new claim(s)" in again.output
    assert _export(db) == expected
    reread = run("--db", db, "ingest", "--reread", news)
    assert reread.exit_code == ExitCode.SUCCESS and "5 read again" in reread.output, reread.output
    assert _export(db) == expected  # claims made again, same ids, corrections applied again


def test_an_ambiguous_place_is_settled_by_name_and_oblast(db, news):
    stand_in = _one(db, claimant="the Russian Defence Ministry", claim=ClaimType.CONTROL,
                    article=str(news / "andriivka.txt"))
    assert stand_in.place.id.startswith("ambiguous:")
    denied = run("--db", db, "review", stand_in.claim_id, "--place", "Klynove, Donetsk Oblast")
    assert denied.exit_code == ExitCode.ERROR
    assert "2 places called 'Klynove' lie in that oblast" in denied.output and "id ua:UA14020010110036574" in denied.output
    assert run("--db", db, "review", stand_in.claim_id, "--place", "ua:UA14020010110036574").exit_code == ExitCode.SUCCESS
    settled = _one(db, claim_id=stand_in.claim_id)
    assert (settled.place.id, settled.place.admin1, settled.place.resolved) == ("ua:UA14020010110036574", "Donetsk Oblast", True)
    assert settled.review.original_place_id == stand_in.place.id


def test_corrections_round_trip_through_a_file(db, news, tmp_path, quick_ingest):
    capture = _one(db, claimant="Russia", claim=ClaimType.CONTROL)
    denial = _one(db, claim=ClaimType.DENIAL)
    run("--db", db, "review", capture.claim_id, "--place", "Klynove, Kharkiv Oblast", "--note", "village")
    run("--db", db, "review", denial.claim_id, "--reject")
    shared = tmp_path / "reviews.jsonl"
    result = run("--db", db, "corrections", "export", "--out", shared)
    assert result.exit_code == ExitCode.SUCCESS and "wrote 2 correction(s)" in result.output
    lines = [json.loads(line) for line in shared.read_text(encoding="utf-8").splitlines()]
    assert {r["claim_id"] for r in lines} == {capture.claim_id, denial.claim_id}
    moved = next(r for r in lines if r["claim_id"] == capture.claim_id)
    assert (moved["place_id"], moved["admin1"], moved["original"]["place"]) == (KLYNOVE_KHARKIV, "Kharkiv Oblast",
                                                                              "Kupiansk")

    # Another analyst imports before ingesting: the corrections wait, then apply as the claims arrive.
    other = tmp_path / "other.db"
    imported = run("--db", other, "corrections", "import", shared)
    assert imported.exit_code == ExitCode.SUCCESS
    assert "2 correction(s) stored (0 applied to claims here, 2 waiting for their claims)" in imported.output
    ingested = run("--db", other, "ingest", news)
    assert ingested.exit_code == ExitCode.SUCCESS
    assert _export(other) == _export(db)
    # Importing again changes nothing: the reviews here are as new.
    again = run("--db", other, "corrections", "import", shared)
    assert "0 correction(s) stored" in again.output and "2 kept as they were here" in again.output


def test_the_newer_review_wins_an_import(db, tmp_path):
    capture = _one(db, claimant="Russia", claim=ClaimType.CONTROL)
    with Store(db) as store:
        review(store, lambda: None, capture.claim_id, side=Side.UA, now="2026-01-02T00:00:00+00:00")
        older = json.dumps({"claim_id": capture.claim_id, "side": "neutral", "reviewed_at": "2026-01-01T00:00:00+00:00"})
        newer = json.dumps({"claim_id": capture.claim_id, "side": "unknown", "note": "later look",
                            "reviewed_at": "2026-01-03T00:00:00+00:00"})
        assert import_corrections(store, lambda: None, older).kept == 1
        assert store.claim(capture.claim_id).side == Side.UA
        report = import_corrections(store, lambda: None, newer)
        assert (report.stored, report.applied) == (1, 1)
        assert store.claim(capture.claim_id).side == Side.UNKNOWN
        out = io.StringIO()
        assert write_corrections(store, out) == 1 and '"note": "later look"' in out.getvalue()


@pytest.mark.parametrize("text, message", [
    ("not json\n", "line 1 is not JSON"),
    ('{"claim_id": "abc"}\n', "line 1 is not a correction: reviewed_at: Field required"),
    ('{"claim_id": "abc", "side": "EU", "reviewed_at": "2026-01-01T00:00:00"}\n', "line 1 is not a correction: side"),
    ('{"claim_id": "abc", "place_id": "no-such", "reviewed_at": "2026-01-01T00:00:00"}\n',
     "which this gazetteer does not know; nothing was imported"),
])
def test_a_bad_corrections_file_is_refused_whole(db, gazetteer, text, message):
    with Store(db) as store:
        with pytest.raises(CorrectionsFileError, match=message):
            import_corrections(store, lambda: gazetteer, text)
        assert store.corrections() == []


def test_a_claim_is_named_by_its_id_or_a_unique_start(db):
    capture = _one(db, claimant="Russia", claim=ClaimType.CONTROL)
    with Store(db) as store:
        assert claim_id_of(store, capture.claim_id[:6]) == capture.claim_id
        with pytest.raises(UnknownClaimError, match="no claim 'abc'"):
            claim_id_of(store, "abc")
    result = run("--db", db, "review", "0000000000", "--reject")
    assert result.exit_code == ExitCode.ERROR and result.output.startswith("Error: no claim '0000000000'")


@pytest.mark.parametrize("args, message", [
    (["--undo", "--reject"], "--undo goes alone"),
    (["--reject", "--restore"], "--reject and --restore contradict each other"),
    ([], "say what to correct"),
    (["--side", "EU"], "'EU' is not one of"),
])
def test_bad_review_options_are_usage_errors(db, args, message):
    result = run("--db", db, "review", "abcdef", *args)
    assert result.exit_code == ExitCode.USAGE and message in result.output


def test_place_options_take_ids_and_name_with_oblast(db, gazetteer):
    capture = _one(db, claimant="Russia", claim=ClaimType.CONTROL)
    run("--db", db, "review", capture.claim_id, "--place", "Klynove, Kharkiv Oblast")
    both = run("--db", db, "export", "--format", "jsonl", "--place", "Klynove, Kharkiv", "--place", "Kupiansk")
    rows = [json.loads(line) for line in both.stdout.splitlines()]
    assert {r["place_id"] for r in rows} == {KLYNOVE_KHARKIV, capture.place.id}
    shown = run("place", "Klynove, Kharkiv Oblast", "ua:UA14020010110036574")
    assert "-> Klynove (settlement, Kharkiv Oblast, UA; id ua:UA63060110090083990" in shown.output
    assert "ua:UA14020010110036574 -> Klynove (settlement, Donetsk Oblast, UA; id ua:UA14020010110036574" in shown.output


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_a_streamed_export_of_reviewed_claims_is_the_record_writer_s(db, fmt):
    from frontclaims import export

    capture = _one(db, claimant="Russia", claim=ClaimType.CONTROL)
    run("--db", db, "review", capture.claim_id, "--side", "UA", "--note", "=SUM(A1)")  # a formula, neutralised
    with Store(db, create=False) as store:
        streamed, written = io.StringIO(), io.StringIO()
        export.export(store, streamed, fmt)
        export.write(store.claims(), written, fmt)
    assert streamed.getvalue() == written.getvalue()
    assert ("'=SUM(A1)" if fmt == "csv" else '"review_note":"=SUM(A1)"') in streamed.getvalue()
