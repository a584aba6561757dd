"""output.py: the one way a user's output file is written."""

from __future__ import annotations

import os
import stat

import pytest

from frontclaims.errors import OutputPathError
from frontclaims.output import check_output_path, open_output


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_the_database_and_its_side_files_are_refused(tmp_path, suffix):
    db = tmp_path / "claims.db"
    target = tmp_path / f"claims.db{suffix}"
    target.write_bytes(b"precious")
    with pytest.raises(OutputPathError, match="refusing to write .*database"):
        check_output_path(str(target), [str(db)])
    assert target.read_bytes() == b"precious"


def test_the_database_is_refused_through_a_link_too(tmp_path):
    db = tmp_path / "claims.db"
    db.write_bytes(b"precious")
    (tmp_path / "innocent.csv").symlink_to(db)
    with pytest.raises(OutputPathError, match="database"):
        check_output_path(str(tmp_path / "innocent.csv"), [str(db)])


def test_a_missing_folder_is_named_as_the_user_wrote_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OutputPathError) as caught:
        check_output_path("out/claims.csv")
    assert str(caught.value) == "cannot write out/claims.csv: the folder out does not exist"


@pytest.mark.parametrize("path, why", [("/dev/zero", "device"), ("/dev/full", "device")])
def test_devices_are_refused(path, why):
    with pytest.raises(OutputPathError, match=why):
        check_output_path(path)


def test_dev_null_is_written_in_place():
    with open_output(os.devnull) as out:
        out.write("nothing")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(OutputPathError, match="is a folder"):
        check_output_path(str(tmp_path))


def test_the_file_appears_whole_with_the_mode_it_had(tmp_path):
    target = tmp_path / "claims.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    with open_output(str(target)) as out:
        out.write("new")
        assert target.read_text(encoding="utf-8") == "old"  # not yet
    assert target.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.csv"]


def test_a_failure_leaves_the_file_as_it_was_and_no_temporary_file(tmp_path):
    target = tmp_path / "claims.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with open_output(str(target)) as out:
            out.write("half")
            raise RuntimeError("the export failed")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.csv"]


def test_a_link_planted_under_a_predictable_temporary_name_is_not_followed(tmp_path):
    """Hostile 4: the temporary file is created exclusively under a name nobody can guess; links
    planted where the old code put it (.NAME.PID.tmp) are left alone and point at untouched files."""
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    for pid in range(os.getpid() - 2, os.getpid() + 3):
        (tmp_path / f".claims.csv.{pid}.tmp").symlink_to(victim)
    with open_output(str(tmp_path / "claims.csv")) as out:
        out.write("exported")
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert (tmp_path / "claims.csv").read_text(encoding="utf-8") == "exported"
    assert not (tmp_path / "claims.csv").is_symlink()
