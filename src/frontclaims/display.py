"""Untrusted text made safe to print: article text, file names and user input reach a terminal only
through `clean` (control and escape sequences stripped, very long text shortened) and `shown_name`
(a file name quoted when it holds anything that could be mistaken for the output around it)."""

from __future__ import annotations

import re
import unicodedata

# Escape sequences a terminal acts on: CSI (colours, cursor moves, clearing), OSC and the other
# string commands (window titles, clipboard writes) up to their terminator, and two-character escapes.
_ESCAPES = re.compile(
    r"""(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?                          # CSI ... final byte
      |(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]).*?(?:\x07|\x1b\\|\x9c|$)  # OSC, DCS, SOS, PM, APC ... terminator
      |\x1b[ -/]*[0-~]?                                            # any other escape
    """,
    re.VERBOSE | re.DOTALL,
)
# Characters that are not text on a screen: controls (C0, C1, DEL) and the invisible format
# characters that reorder or hide what follows (bidirectional overrides and isolates).
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_BREAKS = re.compile(r"[\n\r\t\v\f\u2028\u2029\x85]+")
LONG = 200  # characters of one untrusted value shown before the middle is cut out


def clean(text: str, *, limit: int | None = None, one_line: bool = False) -> str:
    """`text` without escape sequences or control characters; with `one_line`, line breaks become
    spaces; with `limit`, text longer than that keeps its start and end around an ellipsis."""
    text = _ESCAPES.sub("", text)
    if one_line:
        text = _LINE_BREAKS.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    if _SURROGATE.search(text):  # lone surrogates stand for bytes of a name that were not UTF-8
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return shorten(text, limit) if limit else text


def shorten(text: str, limit: int = LONG) -> str:
    """Text of at most about `limit` characters: the start and the end, with what was cut counted."""
    if len(text) <= limit:
        return text
    keep = max(limit - 30, 10)
    head, tail = text[: keep * 2 // 3], text[len(text) - keep // 3:]
    return f"{head}…[{len(text) - len(head) - len(tail):,} characters]…{tail}"


def _plain(name: str) -> bool:
    if not name or name != name.strip():
        return False
    for char in name:
        if char in "'\"\\" or (unicodedata.category(char)[0] in "CZ" and char != " "):
            return False
    return True


def shown_name(name: str, limit: int = LONG) -> str:
    """A file name as printed: as it is when it is plain text, otherwise quoted with its control
    characters, quotes and undecodable bytes escaped (so a newline in a name cannot start a line of
    its own), and shortened when very long."""
    if _plain(name):
        return shorten(name, limit)
    escaped = []
    for char in name:
        if "\udc80" <= char <= "\udcff":  # a byte that was not valid in the file system's encoding
            escaped.append(f"\\x{ord(char) - 0xdc00:02x}")
        elif char in "'\\":
            escaped.append("\\" + char)
        elif unicodedata.category(char)[0] == "C" or (unicodedata.category(char)[0] == "Z" and char != " "):
            escaped.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char, f"\\u{ord(char):04x}"
                                                                     if ord(char) > 0xff else f"\\x{ord(char):02x}"))
        else:
            escaped.append(char)
    return "'" + shorten("".join(escaped), limit) + "'"
