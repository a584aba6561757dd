"""The report in a real browser: the system's chromium driven by Playwright for Python.

A page built from the seeds and the test articles (one with markup in its evidence) must load with
no error and no network request, answer the slider and the filters, open a place's time line
with both sides' lanes, and show article text as text. Skipped where no chromium is installed;
`.ci/run` installs one. A screenshot is left in the temporary folder for CI to keep.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parent.parent
CHROMIUM = os.environ.get("FRONTCLAIMS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOT = Path(tempfile.gettempdir()) / "frontclaims-report.png"
KUPIANSK = "703656"
MARKUP = "<b>Victory</b><script>alert(1)</script>"


def day(text: str) -> int:
    """A date as the page's slider counts it: days since 1970-01-01."""
    return (dt.date.fromisoformat(text) - dt.date(1970, 1, 1)).days


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no chromium at {CHROMIUM}")
    with sync_api.sync_playwright() as playwright:
        # never Playwright's own browser download: the system's chromium, which as root needs --no-sandbox
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def report_file(tmp_path_factory, cache_home) -> Path:
    """The report of the seeds, the claim fixtures and tests/data/report, built by the real command."""
    folder = tmp_path_factory.mktemp("browser")
    db, out = folder / "front.db", folder / "front.html"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    command = [sys.executable, "-m", "frontclaims", "--db", str(db)]
    ingest = subprocess.run([*command, "ingest", "-q", "--workers", "1", str(ROOT / "seeds"),
                             str(ROOT / "tests" / "data" / "claims"), str(ROOT / "tests" / "data" / "report")],
                            capture_output=True, text=True, env=env, check=False)
    assert ingest.returncode == 0, ingest.stderr
    report = subprocess.run([*command, "report", "--out", str(out)], capture_output=True, text=True, env=env,
                            check=False)
    assert report.returncode == 0, report.stderr
    return out


class Page:
    """A browser page on the report, with everything that went wrong or out while it ran."""

    def __init__(self, browser, url: str):
        self.page = browser.new_page(viewport={"width": 1300, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))
        self.page.on("console", lambda msg: self.errors.append(f"console {msg.type}: {msg.text}")
                     if msg.type in ("error", "warning") else None)
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("requestfailed", lambda request: self.requests.append(request.url))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.goto(url)
        self.page.wait_for_selector("body[data-ready='1']", timeout=30_000)

    def markers(self) -> int:
        count = int(self.page.get_attribute("#shown-count", "data-markers"))
        assert self.page.locator("path.fc-marker").count() == count  # what the page says is what it draws
        return count

    def set_date(self, text: str) -> None:
        self.page.locator("#as-of").fill(str(day(text)))


@pytest.fixture
def open_report(browser, report_file):
    pages = []

    def open_(fragment: str = "") -> Page:
        pages.append(Page(browser, report_file.as_uri() + fragment))
        return pages[-1]

    yield open_
    for opened in pages:
        opened.page.close()


def test_the_page_loads_with_no_error_and_no_network_request(open_report, report_file):
    view = open_report()
    view.page.screenshot(path=str(SCREENSHOT), full_page=False)
    print(f"screenshot: {SCREENSHOT}")
    assert view.errors == []
    assert not [url for url in view.requests if not url.startswith("file:")]
    assert view.requests == [report_file.as_uri()]
    assert view.page.locator("#stamp").text_content().startswith("Data as of 2026-01-27")
    assert view.markers() > 5
    assert "Crimea is shown as part of Ukraine" in view.page.locator("#legend").text_content()
    assert SCREENSHOT.stat().st_size > 10_000


def test_the_slider_and_contradictions_only_change_the_markers(open_report):
    view = open_report()
    latest = view.markers()
    view.set_date("2025-03-01")
    assert view.page.locator("#as-of-label").text_content() == "2025-03-01"
    early = view.markers()
    assert 0 < early < latest
    view.set_date("2025-06-03")  # Toretsk: RU control on 06-02 against UA's repelled assault, the same day
    before = view.markers()
    assert view.page.get_attribute("#shown-count", "data-ringed") == "1"
    view.page.locator("#contra-only").check()
    assert view.markers() == 1 < before
    assert "contra=1" in view.page.evaluate("location.hash")
    assert view.errors == []


def test_range_mode_shows_only_the_claims_in_the_range(open_report):
    view = open_report()
    everything = view.markers()
    view.page.locator("#range-mode").check()
    view.page.locator("#from").fill(str(day("2025-11-20")))
    view.set_date("2025-11-22")
    assert view.page.locator("#as-of-word").text_content() == "to"
    assert 0 < view.markers() < everything
    assert "from=2025-11-20" in view.page.evaluate("location.hash")


def test_clicking_kupiansk_opens_its_time_line_with_both_sides(open_report):
    view = open_report("#map=49.71,37.62,12")  # close enough that Kupiansk's marker stands alone
    view.page.locator(f'path.fc-marker[data-place="{KUPIANSK}"]').click()
    panel = view.page.locator("#place-panel")
    assert panel.is_visible() and view.page.locator("#place-name").text_content() == "Kupiansk"
    for side in ("RU", "UA", "neutral"):
        assert view.page.locator(f'#timeline g.fc-lane[data-side="{side}"]').count() == 1
    assert view.page.locator('#timeline circle.fc-mark[data-side="RU"]').count() >= 1
    assert view.page.locator('#timeline circle.fc-mark[data-side="UA"]').count() >= 1
    # the RU capture of 2025-11-20 and the UA denial of 2025-11-22 cannot both hold
    assert int(view.page.get_attribute("#timeline svg", "data-contradictions")) >= 1
    assert view.page.locator("#timeline line.fc-contradiction").count() >= 1
    view.page.locator('#timeline circle.fc-mark[data-day="2025-11-20"][data-side="RU"]').first.click()
    assert "Kupyansk" in view.page.locator("#mark-detail").text_content()
    assert f"place={KUPIANSK}" in view.page.evaluate("location.hash")
    assert view.errors == []


def test_markup_in_an_evidence_sentence_is_shown_as_text(open_report):
    view = open_report()
    view.page.locator("#search").fill("Toretsk")
    view.page.locator("#results button", has_text="Toretsk").first.click()
    sentences = view.page.locator("#place-evidence q.sentence")
    texts = sentences.all_text_contents()
    assert any(MARKUP in text for text in texts)
    assert view.page.locator("#place-evidence q.sentence b, #place-evidence q.sentence script").count() == 0
    assert view.page.locator("#claims-table td.ev", has_text=MARKUP).count() == 1
    assert view.dialogs == [] and view.errors == []


def test_search_finds_a_place_by_any_spelling(open_report):
    view = open_report()
    for spelling in ("Купянск", "kupjansk", "Kupyansk"):
        view.page.locator("#search").fill(spelling)
        assert view.page.locator(f'#results button[data-place="{KUPIANSK}"]').count() == 1, spelling


def test_the_view_is_kept_in_the_hash_and_restored(open_report):
    view = open_report(f"#date=2025-11-21&sides=UA&types=denial,control&place={KUPIANSK}")
    assert view.page.locator("#as-of-label").text_content() == "2025-11-21"
    assert not view.page.locator('input[data-filter=side][value="RU"]').is_checked()
    assert view.page.locator('input[data-filter=type][value="denial"]').is_checked()
    assert not view.page.locator('input[data-filter=type][value="advance"]').is_checked()
    assert view.page.locator("#place-name").text_content() == "Kupiansk"
    assert view.page.locator('#timeline circle.fc-mark[data-side="RU"]').count() == 0
    view.page.locator('input[data-filter=side][value="RU"]').check()
    assert "sides=RU%2CUA&" in view.page.evaluate("location.hash")


def test_undated_claims_join_the_map_only_when_asked(open_report):
    view = open_report()
    dated = view.markers()
    view.page.locator("#undated-too").check()
    assert view.markers() > dated  # places that only undated claims mention (seeds without a date line)
    assert "undated=1" in view.page.evaluate("location.hash")
    assert view.errors == []
