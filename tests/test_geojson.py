"""geojson.py and `export --format geojson`: layers that a real GeoJSON reader (GDAL, shapely) loads cleanly."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from frontclaims import geojson
from frontclaims.cli import main
from frontclaims.errors import ExitCode
from frontclaims.mapdata import Selection, map_data, selected_claims
from frontclaims.models import Period

pyogrio = pytest.importorskip("pyogrio")
shapely = pytest.importorskip("shapely")


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def places_file(dated_store, tmp_path):
    path = tmp_path / "places.geojson"
    with open(path, "w", encoding="utf-8") as fh:
        geojson.write_places(map_data(dated_store, count_contradictions=True), fh)
    return path


@pytest.fixture
def claims_file(dated_store, tmp_path):
    path = tmp_path / "claims.geojson"
    with open(path, "w", encoding="utf-8") as fh:
        geojson.write_claims(map_data(dated_store), selected_claims(dated_store, Selection()), fh)
    return path


def features(path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def test_places_layer_reads_in_gdal_with_typed_fields(places_file):
    info = pyogrio.read_info(places_file)
    assert info["layer_name"] == "frontclaims_places"
    assert info["features"] == 3
    assert info["crs"] == "EPSG:4326"
    assert info["geometry_type"] == "Point"
    types = dict(zip(info["fields"], info["dtypes"]))
    assert types["claims"] == types["contradictions"] == types["ru_claims"] == types["undated"] == "int32"
    assert types["geonames_id"] == "int32"
    assert types["lat"] == types["lon"] == "float64"
    assert types["first_date"] == types["last_date"] == "datetime64[D]"  # GDAL reads ISO dates as Date fields
    assert types["name"] == types["status"] == types["place_id"] == "object"


def test_places_layer_values_and_coordinates(places_file):
    _, fids, geometry, fields = pyogrio.raw.read(places_file, return_fids=True)
    names = list(fields[2])
    assert names == ["Kupiansk", "Bakhmut", "Examplevka"] and list(fids) == [1, 2, 3]
    points = shapely.from_wkb(geometry)
    assert (points[0].x, points[0].y) == (37.6158, 49.71)  # [lon, lat]
    assert points[2] is None  # a place without coordinates has a null geometry, not a made-up point
    kupiansk = features(places_file)[0]["properties"]
    assert kupiansk["geonames_id"] == 703656 and kupiansk["place_id"] == "703656"
    assert kupiansk["status"] == "both" and kupiansk["contradictions"] == 2  # six clashing pairs in two disputes
    assert kupiansk["ua_last_claim"] == "control" and kupiansk["ua_last_date"] == "2025-12-03"
    assert kupiansk["neutral_last_claim"] is None  # its only neutral claim has no date
    assert features(places_file)[2]["properties"]["geonames_id"] is None


def test_every_feature_has_the_same_flat_properties_with_one_type_each(places_file, claims_file):
    for path, names in ((places_file, geojson.PLACE_PROPERTIES), (claims_file, geojson.CLAIM_PROPERTIES)):
        collection = json.loads(path.read_text(encoding="utf-8"))
        assert "crs" not in collection and collection["type"] == "FeatureCollection"
        types: dict[str, set] = {}
        for feature in collection["features"]:
            assert isinstance(feature["id"], int)
            assert tuple(feature["properties"]) == names
            for key, value in feature["properties"].items():
                assert not isinstance(value, (list, dict)), key
                if value is not None:
                    types.setdefault(key, set()).add(type(value))
        assert all(len(found) == 1 for found in types.values()), types


def test_claims_layer_reads_in_gdal_with_dates_and_a_join_to_places(claims_file):
    info = pyogrio.read_info(claims_file)
    assert info["layer_name"] == "frontclaims_claims" and info["features"] == 8
    types = dict(zip(info["fields"], info["dtypes"]))
    assert types["date"] == types["published"] == "datetime64[D]"  # Date fields
    assert types["start"] == types["place_fid"] == "int32"
    rows = [f["properties"] for f in features(claims_file)]
    b1 = next(r for r in rows if r["claim_id"] == "b1")
    assert (b1["date"], b1["claim_date"], b1["published"]) == ("2025-03-01", "2025-03-01", "2025-03-05")
    assert b1["place_fid"] == 2  # Bakhmut's id in the places layer
    k5 = next(r for r in rows if r["claim_id"] == "k5")
    assert k5["date"] is None and k5["outlet"] is None and k5["units"] is None
    k1 = next(f for f in features(claims_file) if f["properties"]["claim_id"] == "k1")
    assert shapely.geometry.shape(k1["geometry"]).equals(shapely.Point(37.6158, 49.71))


def test_export_geojson_layers_from_the_command_line(dated_store, tmp_path):
    out = tmp_path / "places.geojson"
    result = run("--db", dated_store.path, "export", "--format", "geojson", "--layer", "places", "--out", str(out))
    assert result.exit_code == ExitCode.SUCCESS, result.output
    assert "wrote 3 place(s)" in result.output
    assert pyogrio.read_info(out)["features"] == 3
    result = run("--db", dated_store.path, "export", "--format", "geojson", "--since", "2025-11-21")
    assert result.exit_code == ExitCode.SUCCESS
    collection = json.loads(result.stdout)
    assert sorted(f["properties"]["claim_id"] for f in collection["features"]) == ["k3", "k4", "k6"]
    assert "1 undated claim(s) left out" in result.stderr
    with_undated = run("--db", dated_store.path, "export", "--format", "geojson", "--since", "2025-11-21", "--undated")
    assert len(json.loads(with_undated.stdout)["features"]) == 4


@pytest.mark.parametrize("args, hint", [
    (["--layer", "places"], "--layer"),
    (["--format", "geojson", "--search", "Kupiansk"], "--search"),
    (["--undated"], "--undated"),
    (["--since", "2025-12-01", "--until", "2025-11-01"], "--since"),
    (["--since", "1 Nov 2025"], "--since"),
])
def test_export_option_mistakes_are_usage_errors(dated_store, args, hint):
    result = CliRunner().invoke(main, ["--db", dated_store.path, "export", *args])
    assert result.exit_code == ExitCode.USAGE
    assert hint in result.output


def test_claims_layer_of_a_period_from_the_library(dated_store, tmp_path):
    selection = Selection(period=Period(until=dt.date(2025, 3, 31)))
    path = tmp_path / "march.geojson"
    with open(path, "w", encoding="utf-8") as fh:
        count = geojson.write_claims(map_data(dated_store, selection), selected_claims(dated_store, selection,
                                                                                       undated=False), fh)
    assert count == 1 and pyogrio.read_info(path)["features"] == 1
