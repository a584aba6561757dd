"""A gazetteer given with --gazetteer is the one every command and every engine uses, and the database
records it. tests/data/custom_gazetteer.csv holds ten rows, most of them made up (Vyhadanivka, Testivka, ...)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontclaims.cli import main
from frontclaims.errors import ExitCode, GazetteerError
from frontclaims.gazetteer import Gazetteer, GazetteerSource
from frontclaims.store import Store

DATA = Path(__file__).parent / "data"
CUSTOM = DATA / "custom_gazetteer.csv"
ARTICLES = DATA / "custom_articles"


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_place_uses_the_given_gazetteer():
    result = run("--gazetteer", str(CUSTOM), "place", "Vydumanovka", "Vyhadanivka district")
    assert result.exit_code == ExitCode.SUCCESS, result.output
    assert "Vydumanovka -> Vyhadanivka (settlement, Donetsk Oblast, UA; id custom-vyhadanivka" in result.output
    assert "Vyhadanivka district -> Vyhadanivka Raion (raion" in result.output
    packaged = run("place", "Vyhadanivka")
    assert packaged.exit_code == ExitCode.ERROR and "no place matches 'Vyhadanivka'" in packaged.output


def test_the_given_gazetteer_replaces_the_packaged_one():
    result = run("--gazetteer", str(CUSTOM), "place", "--json", "Kupyansk", "Robotyne")
    records = json.loads(result.output)
    assert records[0]["id"] == "custom-kupiansk" and records[1]["id"] is None  # Robotyne is only in the packaged one


def test_a_missing_gazetteer_file_is_a_usage_error(tmp_path):
    result = run("--gazetteer", str(tmp_path / "nope.csv"), "place", "Zrazkove")
    assert result.exit_code == ExitCode.USAGE
    assert "'--gazetteer'" in result.output and "does not exist" in result.output


def test_the_option_is_in_the_help():
    assert "--gazetteer FILE" in run("--help").output


def _ingest(tmp_path, *options):
    db = tmp_path / "claims.db"
    result = run("--db", str(db), "--gazetteer", str(CUSTOM), "ingest", "-q", *options, str(ARTICLES))
    assert result.exit_code == ExitCode.SUCCESS, result.output
    exported = run("--db", str(db), "export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(exported.output)))
    with Store(db, create=False) as store:
        recorded = store.gazetteers()
    return rows, recorded


def _assert_custom_claims(rows, recorded):
    # the headline ("Vyhadanivka falls") and the sentence each claim the capture
    assert [(r["place"], r["place_id"], r["claim"]) for r in rows] == [("Vyhadanivka", "custom-vyhadanivka", "control")] * 2
    assert recorded == [{"name": "custom_gazetteer.csv", "sha256": hashlib.sha256(CUSTOM.read_bytes()).hexdigest()}]


def test_ingest_in_this_process_uses_the_given_gazetteer(tmp_path):
    _assert_custom_claims(*_ingest(tmp_path, "--workers", "1"))


@pytest.mark.slow
def test_worker_processes_use_the_given_gazetteer(tmp_path):
    _assert_custom_claims(*_ingest(tmp_path, "--workers", "2"))


@pytest.mark.slow
def test_dask_workers_use_the_given_gazetteer(tmp_path):
    pytest.importorskip("dask.distributed")
    _assert_custom_claims(*_ingest(tmp_path, "--engine", "dask", "--workers", "1"))


def test_without_the_option_the_packaged_gazetteer_is_recorded(tmp_path, gazetteer, sides):
    from frontclaims.ingest import LocalEngine, ingest

    with Store(tmp_path / "claims.db") as store:
        ingest([str(ARTICLES)], store, LocalEngine(gazetteer, sides))
        (recorded,) = store.gazetteers()
    assert recorded["name"] == "gazetteer.csv, gazetteer-ru.csv"
    assert recorded["sha256"] == GazetteerSource.of().sha256


def test_a_worker_refuses_a_gazetteer_whose_content_differs(tmp_path):
    from frontclaims.ingest import extract_batch

    copy = tmp_path / "custom.csv"
    copy.write_bytes(CUSTOM.read_bytes())
    source = GazetteerSource.of([copy])
    copy.write_text(CUSTOM.read_text(encoding="utf-8").replace("Vyhadanivka,", "Vyhadanka,"), encoding="utf-8")
    with pytest.raises(GazetteerError, match="differs"):
        extract_batch([], None, True, gazetteer=source)
    assert Gazetteer.load_source(GazetteerSource.of([copy])).get("custom-vyhadanivka").name == "Vyhadanka"


def test_help_never_loads_the_gazetteer():
    import subprocess
    import sys

    code = ("import sys; from frontclaims.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print('frontclaims.gazetteer' in sys.modules, 'spacy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split()[-2:] == ["False", "False"]
