"""The gazetteer is rebuilt from its pinned sources byte for byte, and the package ships the same files."""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

import pytest

from frontclaims.gazetteer import default_paths

ROOT = Path(__file__).parent.parent
FILES = ("gazetteer.csv", "gazetteer-ru.csv")


@pytest.mark.slow
def test_rebuild_is_byte_for_byte_identical(tmp_path):
    pytest.importorskip("openpyxl")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_gazetteer.py"), "--out", str(tmp_path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    for name in FILES:
        assert filecmp.cmp(tmp_path / name, ROOT / "data" / name, shallow=False), name


def test_the_package_ships_the_repository_gazetteer():
    assert [p.name for p in default_paths()] == list(FILES)
    for packaged in default_paths():
        assert filecmp.cmp(packaged, ROOT / "data" / packaged.name, shallow=False), packaged.name


def test_the_russian_file_states_its_licence():
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert "`gazetteer-ru.csv`" in readme and "GPL-3.0-or-later" in readme
    assert "https://whosonfirst.org/docs/licenses/" in readme  # the link WOF requires
