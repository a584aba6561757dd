"""Issue 12, "a new user's first day": each item as the command line shows it (CliRunner, or a real
process where only one can show it). Item 16 (captions) is in test_loader.py, item 17 (the test run)
in .ci/run and test_reliability.py."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontclaims.cli import main
from frontclaims.errors import ExitCode
from frontclaims.models import ClaimType, Side
from frontclaims.store import Store

ROOT = Path(__file__).parent.parent
CLAIMS_DIR = Path(__file__).parent / "data" / "claims"
CAPTURE = (CLAIMS_DIR / "ru_capture.txt").read_text(encoding="utf-8")
DENIAL = (CLAIMS_DIR / "ua_denial.txt").read_text(encoding="utf-8")
C, RU, UA = ClaimType, Side.RU, Side.UA


def run(*args, input=None, env=None):
    return CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False)


@pytest.fixture
def kupiansk(gazetteer):
    return gazetteer.candidates("Kupiansk")[0].place


@pytest.fixture
def filled(tmp_path, make_article, make_claim, kupiansk, gazetteer):
    """A database with one dispute about Kupiansk told by two RU and three UA sentences of one article,
    a second article with a dated claim, and searchable sentences; no model needed."""
    db = tmp_path / "filled.db"
    day = dt.date(2025, 11, 20)
    with Store(db) as store:
        first = make_article("Both sides.", source="news/both_sides.txt", id="art-a", published=day)
        store.add_article(first, [
            make_claim("r1", place=kupiansk, article="news/both_sides.txt", article_id="art-a", published=day,
                       side=RU, claim=C.CONTROL, subject_side=RU, start=0,
                       sentence="Russian troops took full control of Kupiansk, Moscow said."),
            make_claim("r2", place=kupiansk, article="news/both_sides.txt", article_id="art-a", published=day,
                       side=RU, claim=C.CONTROL, subject_side=RU, start=100,
                       sentence="The ministry repeated that Kupiansk was under Russian control."),
            make_claim("u1", place=kupiansk, article="news/both_sides.txt", article_id="art-a", published=day,
                       side=UA, claim=C.CONTROL, subject_side=UA, start=200,
                       sentence="Kyiv said Kupiansk remained under Ukrainian control."),
            make_claim("u2", place=kupiansk, article="news/both_sides.txt", article_id="art-a", published=day,
                       side=UA, claim=C.CONTROL, subject_side=UA, start=300,
                       sentence="Ukrainian units hold the centre of Kupiansk, the brigade said."),
            make_claim("u3", place=kupiansk, article="news/both_sides.txt", article_id="art-a", published=day,
                       side=UA, claim=C.CONTROL, subject_side=UA, start=400,
                       sentence="Ukraine's forces keep control of Kupiansk, officials said."),
        ])
        later = make_article("Later.", source="news/later.txt", id="art-b", published=dt.date(2025, 12, 30))
        pokrovsk = gazetteer.candidates("Pokrovsk")[0].place
        siversk = gazetteer.candidates("Siversk")[0].place
        store.add_article(later, [
            make_claim("e1", place=kupiansk, article="news/later.txt", article_id="art-b",
                       published=dt.date(2025, 12, 30), side=UA, claim=C.ENCIRCLED, subject_side=RU, start=0,
                       sentence="Russian units in the city are encircled, commanders said."),
            make_claim("e2", place=pokrovsk, article="news/later.txt", article_id="art-b",
                       published=dt.date(2025, 12, 30), side=RU, claim=C.ENCIRCLED, subject_side=UA, start=60,
                       sentence="The encirclement of Ukrainian troops near Pokrovsk is complete."),
            make_claim("e3", place=siversk, article="news/later.txt", article_id="art-b",
                       published=dt.date(2025, 12, 30), side=RU, claim=C.ATTACK, subject_side=RU, start=120,
                       sentence="Russian forces attacked Siversk from three sides."),
        ])
    return db


# 1 ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("command", [["export"], ["places"], ["compare", "Kupiansk"]])
def test_1_a_closed_pipe_stops_quietly(filled, command):
    """`frontclaims export | head -1`: the reader goes away; the command stops without a word, with
    the status a shell gives cat in the same place (141)."""
    proc = subprocess.Popen([sys.executable, "-m", "frontclaims", "--db", str(filled), *command],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader is gone before the first line
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == ExitCode.BROKEN_PIPE
    assert err == ""


# 2 ------------------------------------------------------------------------------------------------
def test_2_a_missing_output_folder_is_named_as_given(filled, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("--db", str(filled), "export", "--out", "out/claims.csv")
    assert result.exit_code == ExitCode.ERROR
    assert result.output == "Error: cannot write out/claims.csv: the folder out does not exist\n"
    assert ".tmp" not in result.output


# 3 ------------------------------------------------------------------------------------------------
def test_3_a_folder_without_articles_is_reported(tmp_path, quick_ingest):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "notes.md").write_text("Kupiansk", encoding="utf-8")
    result = run("--db", str(tmp_path / "x.db"), "ingest", str(folder))
    assert result.exit_code == ExitCode.INPUT_SKIPPED
    assert f"skipped {folder}: no .txt files or saved web pages (.html, .htm) in this folder (1 file(s) of other kinds)" \
        in result.output
    assert "0 new article(s)" in result.output and "1 skipped" in result.output


# 4 ------------------------------------------------------------------------------------------------
def test_4_common_date_lines_are_read_and_a_bad_one_is_reported(tmp_path, quick_ingest):
    folder = tmp_path / "news"
    folder.mkdir()
    body = CAPTURE.split("\n", 1)[1]
    (folder / "colon.txt").write_text("Date: 2025-12-11\n" + body, encoding="utf-8")
    (folder / "european.txt").write_text(" date 11.12.2025\n" + body + "Second copy.\n", encoding="utf-8")
    (folder / "impossible.txt").write_text(" date 2025-13-45\n" + body + "Third copy.\n", encoding="utf-8")
    db = tmp_path / "x.db"
    result = run("--db", str(db), "ingest", str(folder))
    assert result.exit_code == ExitCode.SUCCESS, result.output
    assert (f"warning {folder / 'impossible.txt'}: the date line 'date 2025-13-45' was not understood "
            "(no such day (month must be in 1..12)); the article is stored undated") in result.output
    with Store(db, create=False) as store:
        rows = dict(store.db.execute("SELECT source, published FROM articles").fetchall())
        titles = {r[0] for r in store.db.execute("SELECT title FROM articles")}
    assert rows == {str(folder / "colon.txt"): "2025-12-11", str(folder / "european.txt"): "2025-12-11",
                    str(folder / "impossible.txt"): None}
    assert titles == {"Russia says its troops captured Kupyansk"}


# 5 ------------------------------------------------------------------------------------------------
def test_5_identical_files_in_one_run_are_counted_as_duplicates(tmp_path, quick_ingest):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a_utf8.txt").write_text(DENIAL, encoding="utf-8")
    (folder / "b_utf16.txt").write_text(DENIAL, encoding="utf-16")
    (folder / "c_copy.txt").write_text(DENIAL, encoding="utf-8")
    (folder / "d_other.txt").write_text(CAPTURE, encoding="utf-8")
    db = tmp_path / "x.db"
    result = run("--db", str(db), "ingest", str(folder))
    assert result.exit_code == ExitCode.SUCCESS
    assert "2 new article(s)" in result.output
    assert "2 duplicate(s) of another file in this run; 0 already stored" in result.output
    assert "holds 2 article(s)" in result.output
    with Store(db, create=False) as store:
        assert store.counts()[0] == 2
        assert len(store.db.execute("SELECT * FROM appearances").fetchall()) == 4


# 6 ------------------------------------------------------------------------------------------------
def test_6_a_corrected_name_is_said_and_a_doubtful_one_refused(filled):
    """A misspelling the resolver accepts is shown with a note on standard error; one it rules out
    (nothing confirms it) is refused with the candidates."""
    result = CliRunner().invoke(main, ["--db", str(filled), "compare", "Pokrovks"])
    assert result.exit_code == 0
    assert result.stderr == "showing Pokrovsk for 'Pokrovks' (a close spelling)\n"
    assert result.stdout.startswith("Pokrovsk")
    doubtful = run("--db", str(filled), "compare", "Kupiansl")
    assert doubtful.exit_code == ExitCode.ERROR
    assert doubtful.output.startswith("Error: no place called 'Kupiansl' in the gazetteer. Did you mean: Kupiansk")


# 7 ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("command", [["ingest", "{folder}"], ["compare", "Kupiansk"], ["places"], ["export"],
                                     ["place", "Kupiansk"]])
def test_7_db_may_follow_the_command(tmp_path, filled, quick_ingest, command):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(CAPTURE, encoding="utf-8")
    args = [a.format(folder=folder) for a in command]
    result = run(args[0], "--db", str(filled), *args[1:])
    assert result.exit_code == 0, result.output
    assert "No such option" not in result.output


def test_7_db_after_the_command_is_the_one_used(tmp_path, quick_ingest):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(CAPTURE, encoding="utf-8")
    result = run("ingest", "--db", str(tmp_path / "here.db"), str(folder))
    assert result.exit_code == 0 and (tmp_path / "here.db").exists()


# 8 ------------------------------------------------------------------------------------------------
def test_8_a_narrow_terminal_gets_one_claim_per_block(filled):
    narrow = run("--db", str(filled), "compare", "Kupiansk", env={"COLUMNS": "80"}).output
    wide = run("--db", str(filled), "compare", "Kupiansk", env={"COLUMNS": "160"}).output
    assert max(len(line) for line in narrow.splitlines()) <= 80
    assert "RU                " not in narrow  # no three-column table
    assert "[both_sides.txt]" in narrow  # file names whole, never broken mid-word
    assert len(narrow.splitlines()) < 2 * len(wide.splitlines())
    assert "----------  ------" in wide


# 9 ------------------------------------------------------------------------------------------------
def test_9_one_dispute_is_one_contradiction_with_its_claims(filled):
    data = json.loads(run("--db", str(filled), "compare", "Kupiansk", "--json").output)
    (dispute,) = data["contradictions"]
    assert dispute["kind"] == "control vs control" and dispute["pairs"] == 6
    assert sorted(c["claim_id"] for c in dispute["claims"]) == ["r1", "r2", "u1", "u2", "u3"]
    assert {dispute["first"]["claim_id"], dispute["second"]["claim_id"]} <= {"r1", "r2", "u1", "u2", "u3"}
    text = run("--db", str(filled), "compare", "Kupiansk").output
    assert "1 contradiction(s) (6 clashing pair(s) of claims)" in text
    assert "also in" not in text  # no article is listed as republished in itself
    places = json.loads(run("--db", str(filled), "places", "--json").output)
    assert next(p for p in places if p["name"] == "Kupiansk")["contradictions"] == 1


# 10 -----------------------------------------------------------------------------------------------
def test_10_undated_claims_of_different_articles_are_never_paired(tmp_path, make_article, make_claim, kupiansk):
    db = tmp_path / "undated.db"
    with Store(db) as store:
        for n, (side, subject) in enumerate(((RU, UA), (UA, RU))):
            article = make_article(f"Undated {n}.", source=f"u{n}.txt", id=f"u{n}", published=None)
            store.add_article(article, [make_claim(f"c{n}", place=kupiansk, article=f"u{n}.txt", article_id=f"u{n}",
                                                   published=None, side=side, claim=C.ENCIRCLED,
                                                   subject_side=subject, sentence=f"Encircled, says side {n}.")])
    data = json.loads(run("--db", str(db), "compare", "Kupiansk", "--json", "--window", "0").output)
    assert data["contradictions"] == []


# 11 -----------------------------------------------------------------------------------------------
def test_11_limit_shows_the_latest_claims(tmp_path, make_article, make_claim, kupiansk):
    db = tmp_path / "latest.db"
    with Store(db) as store:
        for n in range(5):  # undated articles, stored one after another
            article = make_article(f"Report {n}.", source=f"r{n}.txt", id=f"r{n}", published=None)
            store.add_article(article, [make_claim(f"c{n}", place=kupiansk, article=f"r{n}.txt", article_id=f"r{n}",
                                                   published=None, sentence=f"Report number {n}.")])
    data = json.loads(run("--db", str(db), "compare", "Kupiansk", "--json", "--limit", "2").output)
    assert sorted(c["claim_id"] for c in data["claims"]) == ["c3", "c4"]
    assert "the latest 2 of 5" in run("--db", str(db), "compare", "Kupiansk", "--limit", "2").output


# 12 -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("words, expected", [("encircle", {"e1", "e2"}), ("encircl*", {"e1", "e2"}),
                                             ("encirclement", {"e1", "e2"}), ("encircled Pokrovsk", {"e2"})])
def test_12_search_finds_word_forms_and_prefixes(filled, words, expected):
    result = run("--db", str(filled), "export", "--format", "jsonl", "--search", words)
    assert {json.loads(line)["claim_id"] for line in result.output.splitlines()} == expected


# 13 -----------------------------------------------------------------------------------------------
def test_13_several_places_are_all_kept(filled):
    result = run("--db", str(filled), "export", "--format", "jsonl", "--place", "Pokrovsk", "--place", "Siversk")
    assert {json.loads(line)["place"] for line in result.output.splitlines()} == {"Pokrovsk", "Siversk"}


# 14 -----------------------------------------------------------------------------------------------
def test_14_one_word_for_one_thing(filled):
    text = run("--db", str(filled), "compare", "Kupiansk", env={"COLUMNS": "160"}).output
    assert "(forces: RU)" in text and "(forces: UA)" in text and "(subject" not in text
    header = run("--db", str(filled), "places").output.splitlines()[0]
    assert header.split() == ["place", "claims", "contradictions", "RU", "UA", "neutral", "unknown"]
    rows = json.loads(run("--db", str(filled), "places", "--json").output)
    assert set().union(*(r["by_side"] for r in rows)) <= {"RU", "UA", "neutral", "unknown"}
    everything = run("--db", str(filled), "places", "--limit", "0")
    assert everything.exit_code == 0 and len(everything.output.splitlines()) == 1 + len(rows)


# 15 -----------------------------------------------------------------------------------------------
def test_15_the_progress_says_the_model_is_loading(tmp_path, quick_ingest):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(CAPTURE, encoding="utf-8")
    result = run("--db", str(tmp_path / "x.db"), "ingest", str(folder), env={"TTY_COMPATIBLE": "1"})
    assert result.exit_code == 0
    assert "loading the language model" in result.output


# 18 -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("document", ["README.md", "benchmarks/README.md"])
def test_18_the_docs_point_only_at_what_a_user_has(document):
    text = (ROOT / document).read_text(encoding="utf-8")
    assert not re.search(r"/work/|/tmp/|/root/|/home/", text), "a path of one machine"
    assert "../shared" not in text, "a folder a user's clone does not have"
