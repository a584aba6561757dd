"""The command line through click's CliRunner: exit codes, the `Error:` lines, and what each command prints."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontclaims.cli import main
from frontclaims.errors import ExitCode
from frontclaims.export import COLUMNS

CLAIMS_DIR = Path(__file__).parent / "data" / "claims"


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.fixture(scope="module")
def claims_db(tmp_path_factory):
    """A database holding the claims of tests/data/claims, ingested once for the module."""
    db = tmp_path_factory.mktemp("cli") / "claims.db"
    result = run("--db", str(db), "ingest", str(CLAIMS_DIR))
    assert result.exit_code == ExitCode.SUCCESS, result.output
    return db


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help_with_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output


def test_main_help_lists_the_commands():
    result = run("--help")
    assert result.exit_code == 0
    for command in ("ingest", "compare", "export", "place"):
        assert command in result.output


def test_ingest_reports_and_repeating_adds_nothing(claims_db):
    again = run("--db", str(claims_db), "ingest", str(CLAIMS_DIR))
    assert again.exit_code == ExitCode.SUCCESS
    assert "0 new article(s), 0 new claim(s); 4 already stored" in again.output


def test_ingest_from_standard_input(tmp_path):
    text = (CLAIMS_DIR / "ru_capture.txt").read_text(encoding="utf-8")
    result = run("--db", str(tmp_path / "stdin.db"), "ingest", "-", input=text)
    assert result.exit_code == ExitCode.SUCCESS
    assert "1 new article(s)" in result.output


def test_ingest_skips_bad_files_and_says_so(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text((CLAIMS_DIR / "ru_capture.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "fake.txt").write_bytes(b"%PDF-1.7\n\x00\x01binary")
    (folder / "empty.txt").write_bytes(b"")
    result = run("--db", str(tmp_path / "x.db"), "ingest", str(folder))
    assert result.exit_code == ExitCode.INPUT_SKIPPED
    assert "fake.txt: not a text file (a PDF document)" in result.output
    assert "empty.txt: empty file" in result.output
    assert "1 new article(s)" in result.output


def test_ingest_missing_path_is_a_usage_error_and_nothing_is_created(tmp_path):
    result = run("--db", str(tmp_path / "x.db"), "ingest", str(CLAIMS_DIR), str(tmp_path / "nope"))
    assert result.exit_code == ExitCode.USAGE
    assert "no such file or folder" in result.output and "nope" in result.output
    assert not (tmp_path / "x.db").exists()


@pytest.mark.parametrize("spelling", ["Kupiansk", "Kupyansk", "Куп'янськ", "Купянск"])
def test_compare_any_spelling_shows_both_sides_and_a_contradiction(claims_db, spelling):
    result = run("--db", str(claims_db), "compare", spelling, "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["place"]["name"] == "Kupiansk"
    assert {"RU", "UA"} <= {c["side"] for c in data["claims"]}
    assert data["contradictions"]
    assert set(COLUMNS) <= set(data["claims"][0])


def test_compare_table(claims_db):
    result = run("--db", str(claims_db), "compare", "Kupyansk", "--explain")
    assert result.exit_code == 0
    assert "Kupiansk" in result.output and "Kharkiv Oblast" in result.output
    assert "contradiction" in result.output
    assert "rule:" in result.output


def test_explain_names_the_claim_table_entry_and_the_word(claims_db):
    data = json.loads(run("--db", str(claims_db), "compare", "Kupiansk", "--json", "--explain").output)
    rules = [c["rule"] for c in data["claims"]]
    assert any(re.search(r"'\w+': \[(control|encircled|advance|repelled|attack|withdrawal|denial|fighting|other)\] "
                         r"(verbs|verbs_with_support|phrasal|nouns|adjectives|weak_nouns) \"", rule) for rule in rules), rules


def test_compare_window_drops_contradictions_far_apart(claims_db):
    wide = json.loads(run("--db", str(claims_db), "compare", "Kupiansk", "--json", "--window", "30").output)
    narrow = json.loads(run("--db", str(claims_db), "compare", "Kupiansk", "--json", "--window", "0").output)
    dated = [c for c in wide["contradictions"] if c["days_apart"] is not None and c["days_apart"] > 0]
    assert dated and len(narrow["contradictions"]) == len(wide["contradictions"]) - len(dated)


def test_compare_unknown_place_is_one_error_line(claims_db):
    result = run("--db", str(claims_db), "compare", "Kupyanks-Xyz")
    assert result.exit_code == ExitCode.ERROR
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: no place called 'Kupyanks-Xyz'")
    assert "Did you mean" in lines[0]
    assert "Traceback" not in result.output


def test_compare_empty_name_is_a_usage_error(claims_db):
    result = run("--db", str(claims_db), "compare", "  ")
    assert result.exit_code == ExitCode.USAGE
    assert "Error" in result.output and "Traceback" not in result.output


def test_compare_without_a_database(tmp_path):
    result = run("--db", str(tmp_path / "none.db"), "compare", "Kupiansk")
    assert result.exit_code == ExitCode.DATABASE
    assert "run `frontclaims ingest` first" in result.output


def test_export_csv_columns_and_rows(claims_db):
    result = run("--db", str(claims_db), "export", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.output)))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) > 3


def test_export_filters(claims_db):
    result = run("--db", str(claims_db), "export", "--format", "jsonl", "--side", "ru", "--place", "Купянск")
    records = [json.loads(line) for line in result.output.splitlines()]
    assert records and {r["side"] for r in records} == {"RU"} and {r["place"] for r in records} == {"Kupiansk"}


def test_export_to_a_file(claims_db, tmp_path):
    out = tmp_path / "claims.csv"
    result = run("--db", str(claims_db), "export", "--out", str(out))
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("claim_id,article,published,place,")


def test_export_unknown_format_is_a_usage_error(claims_db):
    result = run("--db", str(claims_db), "export", "--format", "xlsx")
    assert result.exit_code == ExitCode.USAGE


def test_place_json(claims_db):
    result = run("place", "Kupyansk", "Artyomovsk", "Nowhereville", "--json")
    assert result.exit_code == 0
    records = json.loads(result.output)
    assert [r["name"] for r in records] == ["Kupiansk", "Bakhmut", None]
    assert set(records[0]) >= {"query", "name", "id", "kind", "admin1", "country", "lat", "lon", "score"}
    assert records[0]["admin1"] == "Kharkiv Oblast"


def test_place_text_output_and_unknown(claims_db):
    result = run("place", "Krasnoarmeysk", "Nowhereville")
    assert result.exit_code == ExitCode.ERROR
    assert "Krasnoarmeysk -> Pokrovsk" in result.output
    assert "Error: no place matches 'Nowhereville'" in result.output


def test_python_dash_m_runs_the_cli():
    result = subprocess.run([sys.executable, "-m", "frontclaims", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "compare" in result.stdout


def test_places_lists_the_most_claimed_place_first_with_its_contradictions(claims_db):
    result = run("--db", str(claims_db), "places", "--json")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert rows[0]["name"] == "Kupiansk"
    assert rows[0]["claims"] == max(r["claims"] for r in rows)
    assert rows[0]["contradictions"] >= 1
    text = run("--db", str(claims_db), "places", "--limit", "1").output.splitlines()
    assert len(text) == 2 and text[1].startswith("Kupiansk")


@pytest.mark.parametrize("args", [["place", ""], ["place", "Izium", "  "], ["export", "--search", "--"],
                                  ["export", "--format", "xml"], ["compare", " "], ["places", "--limit", "-1"]])
def test_odd_arguments_are_usage_errors_without_a_traceback(claims_db, args):
    result = CliRunner().invoke(main, ["--db", str(claims_db), *args])
    assert result.exit_code == ExitCode.USAGE
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)


def test_export_search_uses_the_full_text_index(claims_db):
    result = run("--db", str(claims_db), "export", "--format", "jsonl", "--search", "encircled")
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert rows and all("encircled" in r["sentence"].lower() for r in rows)


def test_export_into_a_pipe_writes_into_it_and_leaves_it_a_pipe(claims_db, tmp_path):
    import os
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    result = run("--db", str(claims_db), "export", "--format", "jsonl", "--out", str(fifo))
    reader.join(timeout=30)
    assert result.exit_code == 0
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert len(received[0].splitlines()) == int(result.output.split()[1])


# -- periods: --since / --until ------------------------------------------------------------------------
def test_compare_in_a_period_keeps_the_undated_claims_apart(dated_store):
    result = run("--db", dated_store.path, "compare", "Kupiansk", "--since", "2025-11-21", "--json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert [c["claim_id"] for c in record["claims"]] == ["k3", "k4", "k6", "k5"]
    assert record["period"] == {"since": "2025-11-21", "until": None}
    text = run("--db", dated_store.path, "compare", "Kupiansk", "--until", "2025-11-21").output
    assert text.startswith("Claims dated until 2025-11-21, and 1 undated claim(s), marked undated")
    assert sum(line.startswith("undated ") for line in text.splitlines()) == 1  # k5, in the time line's undated row


def test_places_in_a_period_counts_the_undated_claims_apart(dated_store):
    result = run("--db", dated_store.path, "places", "--since", "2025-11-21", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"name": "Kupiansk", "id": "703656", "admin1": "Kharkiv Oblast", "claims": 3,
                                          "contradictions": 0, "by_side": {"UA": 3}, "undated": 1}]
    assert "1 undated claim(s) about 1 place(s) are not counted" in result.stderr
    assert run("--db", dated_store.path, "places", "--until", "2020-01-01").stdout == "No claims dated until 2020-01-01.\n"


@pytest.mark.parametrize("command", [["compare", "Kupiansk"], ["places"], ["export"]])
def test_a_period_that_ends_before_it_starts_is_a_usage_error(dated_store, command):
    result = CliRunner().invoke(main, ["--db", dated_store.path, *command, "--since", "2025-02-01",
                                       "--until", "2025-01-01"])
    assert result.exit_code == ExitCode.USAGE
    assert "--since 2025-02-01 is after --until 2025-01-01" in result.output


def test_export_csv_in_a_period_says_how_many_undated_claims_it_left_out(dated_store, tmp_path):
    out = tmp_path / "late.csv"
    result = run("--db", dated_store.path, "export", "--since", "2025-11-21", "--out", str(out))
    assert result.exit_code == 0
    assert [row["claim_id"] for row in csv.DictReader(out.open(encoding="utf-8"))] == ["k3", "k4", "k6"]
    assert "wrote 3 claim(s)" in result.output and "1 undated claim(s) left out" in result.output
