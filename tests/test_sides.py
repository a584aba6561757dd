"""Sides: the actors table, the cue words, "the enemy", and the outlet a text comes from."""

from __future__ import annotations

import pytest

from frontclaims.models import Side


@pytest.mark.parametrize("phrase, side", [
    ("Chief of the Russian General Staff Valery Gerasimov", Side.RU),
    ("Gerasimov", Side.RU),
    ("President Zelenskiy", Side.UA),
    ("Zelenskyy", Side.UA),
    ("the well-known military monitoring group DeepState", Side.UA),
    ("Reuters", Side.NEUTRAL),
    ("the Institute for the Study of War", Side.NEUTRAL),
    ("Ukraine's military", Side.UA),
    ("Moscow-backed separatist leader Denis Pushilin", Side.RU),
    ("the Kremlin", Side.RU),
    ("Kyiv", Side.UA),
    ("Military analyst Emil Kastehelmi", Side.NEUTRAL),
    ("the Ministry of Defense of the aggressor country", Side.RU),
    ("the 2nd National Guard Corps “Khartia”", Side.UA),
    ("a local resident", Side.UNKNOWN),
])
def test_side_of_a_phrase(sides, phrase, side):
    assert sides.side_of(phrase) == side


@pytest.mark.parametrize("phrase", ["the enemy", "the adversary", "the occupiers"])
def test_the_enemy_is_the_other_side_of_the_speaker(sides, phrase):
    assert sides.side_of(phrase, Side.UA) == Side.RU
    assert sides.side_of(phrase, Side.RU) == Side.UA


def test_our_and_its_are_the_speakers_side(sides):
    assert sides.side_of("our guys", Side.RU) == Side.RU
    assert sides.side_of("its troops", Side.UA) == Side.UA
    assert sides.side_of("our guys") == Side.UNKNOWN


@pytest.mark.parametrize("text, outlet", [
    ("MOSCOW, Nov 20 (Reuters) - Russian forces ...", "Reuters"),
    ("MOSCOW (Reuters) – Russian forces ...", "Reuters"),
    ("(MENAFN) Russian forces are reportedly ...", "MENAFN"),
    ("MOSCOW, December 2. /TASS/. Kupyansk-Uzlovoi ...", "TASS"),
    ("Support The Moscow Times!\n\nRussia 'Regroups' Troops ...", "The Moscow Times"),
    ("... refutes this, reports UNN.", "UNN"),
])
def test_outlet_from_the_text(sides, text, outlet):
    assert sides.detect_outlet(text).name == outlet


def test_outlet_sides(sides):
    assert sides.detect_outlet("MOSCOW, May 2. /TASS/. Text").side == Side.RU
    assert sides.detect_outlet("KYIV (Ukrinform) Text").side == Side.UA
    assert sides.detect_outlet("A text with no outlet mark.") is None


@pytest.mark.parametrize("pattern, runs", [
    (r"\bTASS reports\b|\(TASS\)|^TASS\b", ["TASS reports", "TASS", "TASS"]),
    (r"[-–—] Reuters\b|^Reuters \|", [" Reuters", "Reuters "]),
    (r"\bdpa-infocom\b", ["infocom"]),
    (r"Reuters?", None),  # an optional letter
    (r"\(AP\)|(?:Associated) Press", None),  # a group
    (r"\d+ km", None),  # a class written as an escape
    (r"TASS|", None),  # an empty alternative matches anything
])
def test_the_words_an_outlet_pattern_needs(pattern, runs):
    from frontclaims.sides import literal_runs

    assert literal_runs(pattern) == runs


def test_outlet_found_with_and_without_the_word_test(sides):
    """The substring test only skips searches that would fail: same outlet as searching every pattern."""
    texts = ["BERLIN (dpa) - Text", "... said the Associated Press.", "LONDON - Reuters could not verify it.",
             "Kyiv Independent reports; (Reuters) later", "no mark at all", "@SputnikInt posted"]
    for text in texts:
        searched = [(m.start(), n) for n, (_, p) in enumerate(sides.outlets) if (m := p.search(text))]
        expected = sides.outlets[min(searched)[1]][0] if searched else None
        assert sides.detect_outlet(text) == expected, text
