"""segment.py: sentences by rule, as offsets into the article text."""

from __future__ import annotations

import dataclasses

import pytest

from frontclaims.loader import parse_article
from frontclaims.segment import MAX_SENTENCE, Sentence, split_article, split_text


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_text(text)]


def test_plain_sentences():
    text = "Russian forces attacked the village. Ukrainian troops repelled them! Was it over? No."
    assert sentences(text) == [
        "Russian forces attacked the village.", "Ukrainian troops repelled them!", "Was it over?", "No."]


def test_single_sentence_without_final_stop():
    assert sentences("Fighting continues near Testivka") == ["Fighting continues near Testivka"]


def test_empty_and_blank_text_have_no_sentences():
    assert sentences("") == []
    assert sentences("   \n ") == []


@pytest.mark.parametrize("text, expected", [
    ("The assault began on Dec. 5 near the river. It failed.",
     ["The assault began on Dec. 5 near the river.", "It failed."]),
    ("Gen. Smith said the line held. Lt. Col. Jones agreed.",
     ["Gen. Smith said the line held.", "Lt. Col. Jones agreed."]),
    ("The U.S. sent aid. It arrived.", ["The U.S. sent aid.", "It arrived."]),
    ("Dr. Roe and Mr. Doe left on Jan. 3. They returned.",
     ["Dr. Roe and Mr. Doe left on Jan. 3.", "They returned."]),
    ("Commander J. Doe spoke. Nobody asked questions.", ["Commander J. Doe spoke.", "Nobody asked questions."]),
])
def test_abbreviations_do_not_end_sentences(text, expected):
    assert sentences(text) == expected


def test_missing_space_after_full_stop_is_split():
    assert sentences("The offensive stalled on Thursday.The army regrouped.") == [
        "The offensive stalled on Thursday.", "The army regrouped."]


def test_decimal_numbers_are_not_split():
    assert sentences("Troops advanced 2.5 kilometres. Then they stopped.") == [
        "Troops advanced 2.5 kilometres.", "Then they stopped."]


def test_opening_straight_quote_goes_with_next_sentence():
    text = 'He spoke briefly. "We will hold the town," he said. Nobody answered.'
    assert sentences(text) == ['He spoke briefly.', '"We will hold the town," he said.', 'Nobody answered.']


def test_opening_straight_quote_without_space_goes_with_next_sentence():
    assert sentences('The report ended."This is new," she wrote.') == [
        'The report ended.', '"This is new," she wrote.']


def test_closing_quote_stays_with_its_sentence():
    assert sentences('He said: "Attack." Then he left.') == ['He said: "Attack."', "Then he left."]
    assert sentences("“We hold the line.” The general left.") == ["“We hold the line.”", "The general left."]


def test_cyrillic_sentences():
    text = "Бої тривають біля Куп’янська. Ворог відступив."
    assert sentences(text) == ["Бої тривають біля Куп’янська.", "Ворог відступив."]


def test_offset_shifts_and_whitespace_is_trimmed():
    text = "  Hello there.  Next one.  "
    assert list(split_text(text, offset=100)) == [(102, 114), (116, 125)]


def test_long_text_without_punctuation_is_cut_at_spaces():
    text = "word " * 1000  # 5,000 characters, no sentence end
    pieces = list(split_text(text, offset=7))
    assert len(pieces) >= 3
    assert all(end - start <= MAX_SENTENCE for start, end in pieces)
    for start, end in pieces:
        piece = text[start - 7:end - 7]
        assert piece == piece.strip()
        assert all(w == "word" for w in piece.split(" "))  # cut between words
    # nothing is lost
    assert " ".join(text[s - 7:e - 7] for s, e in pieces).split() == text.split()


def test_long_text_without_spaces_is_cut_hard():
    text = "x" * (2 * MAX_SENTENCE + 10)
    pieces = list(split_text(text))
    assert all(end - start <= MAX_SENTENCE for start, end in pieces)
    assert "".join(text[s:e] for s, e in pieces) == text


def test_long_run_of_sentences_stays_split_at_sentence_ends():
    text = " ".join(f"Sentence number {i} ends here." for i in range(300))
    pieces = sentences(text)
    assert len(pieces) == 300
    assert all(p.endswith("ends here.") for p in pieces)


def test_split_article_uses_article_offsets_and_paragraph_numbers():
    text = (" date 2026-01-27 1\n"
            "Defenders hold the line\n"
            "Read more\n"
            "The governor spoke on Dec. 5 in the city. Shelling had stopped.\n"
            "Residents returned home.\n")
    article = parse_article(text, "x.txt")
    result = split_article(article)
    assert all(isinstance(s, Sentence) for s in result)
    assert [(article.text[s.start:s.end], s.paragraph) for s in result] == [
        ("Defenders hold the line", 0),
        ("The governor spoke on Dec. 5 in the city.", 1),
        ("Shelling had stopped.", 1),
        ("Residents returned home.", 2),
    ]


def test_split_article_without_paragraphs(make_article):
    article = dataclasses.replace(make_article("Some text."), paragraphs=())
    assert split_article(article) == []


@pytest.mark.parametrize("text, first", [
    ("KYIV (Reuters) - Russian troops seized a village.", "Russian troops seized a village."),
    ("ROSTOV-ON-DON, April 22. /TASS/. Russian forces advanced.", "Russian forces advanced."),
    ("MOSCOW — Russia said its troops advanced.", "Russia said its troops advanced."),
    ("KHARKIV, Ukraine (AP) — Shelling went on.", "Shelling went on."),
    ("NATO said on Monday that it would help.", "NATO said on Monday that it would help."),
])
def test_a_dateline_is_no_part_of_the_first_sentence(make_article, text, first):
    article = make_article(text)
    (sentence,) = split_article(article)
    assert article.text[sentence.start:sentence.end] == first


def test_text_without_sentence_ends_is_counted_as_overlong_stretches():
    """Hostile 13: a dump without punctuation is read in pieces of at most MAX_SENTENCE characters,
    each piece's work bounded, and the stretches are counted so that ingest can say so."""
    from frontclaims.segment import MAX_SENTENCE, overlong

    body = " ".join(f"word{i} near Kupiansk" for i in range(2000))  # about 40,000 characters, no sentence end
    article = parse_article(f"Headline\n{body}\nA short sentence. Another one.\n", "x.txt")
    assert overlong(article) == 1
    pieces = split_article(article)
    assert max(s.end - s.start for s in pieces) <= MAX_SENTENCE
    assert len(pieces) >= len(body) // MAX_SENTENCE
    assert overlong(parse_article("Headline\nA short sentence. Another one.\n", "x.txt")) == 0
