"""Extraction engines: the cheap pass changes no claim, long articles are read in windows, and the
process and Dask engines give exactly the claims of the local one."""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

import pytest

from frontclaims.ingest import Extraction, LocalEngine, ProcessEngine, ingest, ordered_results, windows
from frontclaims.loader import Source, iter_sources, load_article, parse_article
from frontclaims.segment import Sentence
from frontclaims.store import Store

ROOT = Path(__file__).parent.parent
CORPUS = [ROOT / "seeds", Path(__file__).parent / "data" / "claims", Path(__file__).parent / "data" / "articles"]


def _articles():
    return [load_article(source) for source in iter_sources(map(str, CORPUS))]


def _fingerprint(claims) -> list[str]:
    return [repr(claim) for claim in claims]


@pytest.fixture(scope="module")
def full(gazetteer, sides):
    return Extraction(gazetteer, sides, triage=False)


@pytest.fixture(scope="module")
def fast(gazetteer, sides):
    return Extraction(gazetteer, sides)


def test_the_cheap_pass_changes_no_claim(full, fast):
    articles = _articles()
    assert len(articles) >= 10
    for article in articles:
        assert _fingerprint(fast.claims(article)) == _fingerprint(full.claims(article)), article.source


def test_the_cheap_pass_leaves_sentences_unparsed(fast):
    from frontclaims.triage import selected

    texts = ["The weather was mild on Tuesday.", "Russian troops entered Kupyansk.",
             "Prices rose again.", "“We will hold,” he said.",
             "Olena Kravets, a Ukrainian army spokeswoman, gave an interview."]  # "she said" may follow
    assert selected(texts, fast.cheap, fast.gazetteer) == [1, 3, 4]


def test_articles_in_one_batch_get_the_claims_they_get_alone(fast):
    articles = _articles()
    together = fast.claims_of(articles)
    assert [_fingerprint(c) for c in together] == [_fingerprint(fast.claims(a)) for a in articles]


def test_windows_keep_sentences_whole_and_bounded():
    sentences = [Sentence(i * 100, i * 100 + 90, 0) for i in range(25)]
    runs = list(windows(sentences, limit=1000))
    assert [s for run in runs for s in run] == sentences
    assert all(run[-1].end - run[0].start <= 1000 for run in runs) and len(runs) == 3


def test_a_huge_one_line_article_is_read_to_its_end(fast):
    """Two megabytes on one line: parsed window by window, claims found at its start and its end."""
    first = "Russian forces took full control of Bakhmut, the Russian Defence Ministry said. "
    filler = "Markets were calm and the weather was mild in the capital on that day. "
    last = "Ukraine's General Staff said its forces repelled an attack near Pokrovsk. "
    text = "Headline\n" + first + filler * (2_000_000 // len(filler)) + last
    article = parse_article(text, "dump.txt")
    claims = fast.claims(article)
    assert {c.place.name for c in claims} >= {"Bakhmut", "Pokrovsk"}
    assert max(c.start for c in claims) > 2_000_000


def test_ordered_results_come_back_in_input_order(make_article):
    articles = [make_article(f"Article {i} about Bakhmut.", source=f"{i}.txt") for i in range(7)]
    submitted = []

    def submit(batch):
        future = Future()
        future.set_result([[i] for i, _ in enumerate(batch)])
        submitted.append(len(batch))
        return future

    out = list(ordered_results(submit, articles, batch_size=3, in_flight=2))
    assert [a.source for a, _ in out] == [f"{i}.txt" for i in range(7)]
    assert submitted == [3, 3, 1]


def _stored(engine, tmp_path, name):
    with Store(tmp_path / name) as store:
        report = ingest(list(map(str, CORPUS)), store, engine)
        assert not report.skipped
        return sorted(repr(c) for c in store.iter_claims())


@pytest.fixture(scope="module")
def local_claims(gazetteer, sides, tmp_path_factory):
    return _stored(LocalEngine(gazetteer, sides), tmp_path_factory.mktemp("local"), "local.db")


@pytest.mark.slow
def test_two_worker_processes_store_the_claims_of_the_local_engine(local_claims, tmp_path):
    assert _stored(ProcessEngine(2), tmp_path, "processes.db") == local_claims


@pytest.mark.slow
def test_a_dask_local_cluster_stores_the_claims_of_the_local_engine(local_claims, tmp_path):
    from frontclaims.ingest import DaskEngine

    assert _stored(DaskEngine(workers=2), tmp_path, "dask.db") == local_claims


@pytest.mark.slow
def test_worker_processes_end_when_their_ingest_is_killed(tmp_path):
    """A killed ingest leaves no worker behind holding a model's memory."""
    import os
    import signal
    import subprocess
    import sys
    import time

    psutil = pytest.importorskip("psutil")
    folder = tmp_path / "many"
    folder.mkdir()
    text = (ROOT / "seeds" / "002_0be6f8c388b5b39d.txt").read_text(encoding="utf-8")
    for i in range(40):
        (folder / f"{i}.txt").write_text(f"{text}\nCopy {i}.\n", encoding="utf-8")
    ingest_process = subprocess.Popen([sys.executable, "-m", "frontclaims", "--db", str(tmp_path / "db"), "ingest",
                                       "-q", "--workers", "2", str(folder)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parent = psutil.Process(ingest_process.pid)
    deadline = time.monotonic() + 60
    while len(workers := [c for c in parent.children() if "spawn_main" in " ".join(c.cmdline())]) < 2:
        assert time.monotonic() < deadline and ingest_process.poll() is None, "no workers started"
        time.sleep(0.2)
    os.kill(ingest_process.pid, signal.SIGKILL)
    ingest_process.wait()
    gone, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive


def test_a_long_article_in_parts_gets_the_claims_it_gets_whole(fast, monkeypatch):
    """Hostile 13: a long article is sent to the workers in parts (runs of its windows) so that every
    worker shares in it; the parts' claims, joined in order, are the whole article's. (Windows and
    parts are made small here, so that a short text has several.)"""
    from frontclaims import ingest as ingest_module
    from frontclaims.ingest import joined_parts, split_parts

    monkeypatch.setattr(ingest_module, "WINDOW_CHARS", 2_000)
    monkeypatch.setattr(ingest_module, "PART_CHARS", 4_000)
    PART_CHARS = 4_000

    sentences = ["Russian forces took full control of Bakhmut, the Russian Defence Ministry said.",
                 "Ukraine's General Staff said its forces repelled an attack near Pokrovsk.",
                 "Markets were calm and the weather was mild in the capital on that day."]
    text = "Headline\n" + " ".join(f"{sentences[n % 3]} ({n})" for n in range(3 * PART_CHARS // 80))
    article = parse_article(text, "long.txt")
    items = list(split_parts([article]))
    n = -(-len(article.text) // PART_CHARS)  # parts of at most PART_CHARS, rounded up
    assert n >= 3 and [part for _, part in items] == [(k, n) for k in range(n)]
    pieces = fast.claims_of([a for a, _ in items], [p for _, p in items])
    (whole,) = list(joined_parts(zip(items, pieces)))
    assert whole[0] is article
    assert _fingerprint(whole[1]) == _fingerprint(fast.claims(article))
    assert all(pieces)  # each part found claims of its own


def test_a_local_dask_cluster_keeps_its_workers_memory_and_one_blas_thread():
    """The workers of the LocalCluster ingest starts keep Dask's environment (one BLAS thread each)
    but not its malloc trim threshold, which made them fault their memory back in after every task,
    and they run no profiler."""
    pytest.importorskip("distributed")  # its defaults join Dask's configuration when it is imported
    import dask.config as dask_config

    from frontclaims.ingest import _quiet_local_workers

    settings = _quiet_local_workers(dask_config)
    environ = settings["distributed.nanny.pre-spawn-environ"]
    assert "MALLOC_TRIM_THRESHOLD_" not in environ
    assert str(environ.get("OPENBLAS_NUM_THREADS")) == "1"
    assert settings["distributed.worker.profile.enabled"] is False
    with dask_config.set(settings):  # a setting replaces Dask's environment rather than merging into it
        assert "MALLOC_TRIM_THRESHOLD_" not in dask_config.get("distributed.nanny.pre-spawn-environ")
