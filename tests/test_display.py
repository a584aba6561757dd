"""display.py: untrusted text made safe to print."""

from __future__ import annotations

import pytest

from frontclaims.display import clean, shorten, shown_name


@pytest.mark.parametrize("attack, shown", [
    ("copy \x1b]52;c;ZWNobyBoaQ==\x07this", "copy this"),  # OSC 52: write the clipboard
    ("clear \x1b[2Jscreen", "clear screen"),
    ("hidden \x1b[8mtext\x1b[0m here", "hidden text here"),
    ("title \x1b]0;pwned\x1b\\ set", "title  set"),
    ("eight-bit \x9b2J csi", "eight-bit  csi"),
    ("bell\x07 and backspace\x08", "bell and backspace"),
    ("right-to-left \u202eoverride", "right-to-left override"),
    ("cut at the end \x1b[", "cut at the end "),
])
def test_escape_sequences_and_controls_are_stripped(attack, shown):
    assert clean(attack) == shown


def test_text_keeps_its_lines_and_letters():
    text = "Купянск — “Kupiansk”\nsecond line\ttab"
    assert clean(text) == text
    assert clean(text, one_line=True) == "Купянск — “Kupiansk” second line tab"


def test_long_text_is_shortened_around_an_ellipsis():
    short = clean("x" * 100_000, limit=200)
    assert len(short) <= 200 and "characters]" in short
    assert shorten("short") == "short"


@pytest.mark.parametrize("name, shown", [
    ("news/a.txt", "news/a.txt"),
    ("my article.txt", "my article.txt"),
    ("a\nskipped b.txt", "'a\\nskipped b.txt'"),
    ("bad\udcff.txt", "'bad\\xff.txt'"),
    ("it's.txt", "'it\\'s.txt'"),
    ("esc\x1b[2J.txt", "'esc\\x1b[2J.txt'"),
    (" leading.txt", "' leading.txt'"),
])
def test_file_names_are_quoted_when_they_could_mislead(name, shown):
    assert shown_name(name) == shown
    assert "\n" not in shown_name(name) and "\x1b" not in shown_name(name)
