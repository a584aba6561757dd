"""Files the user asks for (exports, reports): checked before anything is written, and replaced whole or
not at all.

One mechanism for every output path: the database and its side files are refused, as are folders,
devices other than /dev/null or a terminal, and sockets; a FIFO, /dev/null or a terminal is written
in place; any other file is written to a temporary file created exclusively beside it (so a link
planted under a predictable name is never followed), given the mode the target had, and renamed over
it. Every error names the path the user gave, never the temporary file.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from typing import TextIO

from .errors import OutputPathError

SIDE_FILES = ("", "-wal", "-shm", "-journal")


def _same(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def check_output_path(path: str, protected: Iterable[str] = ()) -> str:
    """The file to write for `path` (a link is followed), or OutputPathError saying why it cannot be
    written: it is a protected file (the database, with its side files), a folder, a device, or its
    folder is missing."""
    if not path or not path.strip():
        raise OutputPathError("the output file name is empty")
    target = os.path.realpath(path)
    for database in protected:
        for suffix in SIDE_FILES:
            if _same(target, database + suffix):
                what = "the database" if not suffix else f"the database's {suffix[1:]} file"
                raise OutputPathError(f"refusing to write {path}: it is {what} ({database}); choose another file")
    try:
        info = os.stat(target)
    except FileNotFoundError:
        folder = os.path.dirname(target) or "."
        if not os.path.isdir(folder):
            shown = os.path.dirname(path) or "."
            raise OutputPathError(f"cannot write {path}: the folder {shown} does not exist") from None
        return target
    except OSError as exc:
        raise OutputPathError(f"cannot write {path}: {_reason(exc)}") from None
    if stat.S_ISDIR(info.st_mode):
        raise OutputPathError(f"cannot write {path}: it is a folder")
    if stat.S_ISBLK(info.st_mode) or stat.S_ISSOCK(info.st_mode) or (
            stat.S_ISCHR(info.st_mode) and not (_same(target, os.devnull) or _is_terminal(target))):
        raise OutputPathError(f"refusing to write {path}: it is a device, not a file")
    return target


def _is_terminal(path: str) -> bool:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NOCTTY | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        return os.isatty(fd)
    finally:
        os.close(fd)


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "no space left on the disk"
    return (exc.strerror or str(exc)).lower()


@contextlib.contextmanager
def open_output(path: str, protected: Iterable[str] = ()) -> Iterator[TextIO]:
    """A text file to write `path` through (UTF-8, newlines as written). The file at `path` is
    replaced when the block ends without an error and left as it was otherwise."""
    target = check_output_path(path, protected)
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):  # a FIFO, /dev/null, a terminal: a stream
        try:
            with open(target, "w", encoding="utf-8", newline="") as stream:
                yield stream
        except OSError as exc:
            raise OutputPathError(f"cannot write {path}: {_reason(exc)}") from None
        return
    folder, name = os.path.split(target)
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputPathError(f"cannot write {path}: {_reason(exc)}") from None
    try:
        with io.open(fd, "w", encoding="utf-8", newline="") as stream:
            yield stream
            stream.flush()
            if info is not None:
                os.fchmod(fd, stat.S_IMODE(info.st_mode))
                if os.geteuid() == 0:
                    with contextlib.suppress(OSError):
                        os.fchown(fd, info.st_uid, info.st_gid)
            else:
                umask = os.umask(0)
                os.umask(umask)
                os.fchmod(fd, 0o666 & ~umask)
            os.fsync(fd)
        os.replace(temporary, target)
    except OSError as exc:
        raise OutputPathError(f"cannot write {path}: {_reason(exc)}; it was left as it was") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
