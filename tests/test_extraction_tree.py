"""extraction.tree: the dependency helpers the parts read with."""

from __future__ import annotations

from frontclaims.extraction import tree

REPORTED = """
the DET det 2
Ukrainian ADJ amod 2
ministry NOUN nsubj 3
said VERB ROOT 3 say
on ADP prep 3
Monday PROPN pobj 4
that SCONJ mark 8
troops NOUN nsubj 8 troop
entered VERB ccomp 3 enter
Lyman PROPN dobj 8
"""


def test_the_path_between_two_words_goes_through_their_common_ancestor(parse):
    doc = parse(REPORTED)
    assert tree.path(doc[9], doc[2]) == (2, 1)  # Lyman -> entered -> said <- ministry
    assert tree.lca(doc[9], doc[2]).text == "said"


def test_a_subject_is_found_through_shared_and_relative_clauses(parse):
    doc = parse(REPORTED)
    assert tree.subject(doc[8]).text == "troops"
    relative = parse("Lyman PROPN ROOT 0\n, PUNCT punct 0\nwhich PRON dobj 4\nRussians PROPN nsubj 4\n"
                     "held VERB relcl 0 hold")
    assert tree.subject(relative[4]).text == "Russians"


def test_a_phrase_leaves_out_time_modifiers_and_clauses(parse):
    doc = parse("the DET det 1\nministry NOUN ROOT 1\non ADP prep 1\nMonday PROPN pobj 2")
    doc.ents = [doc.char_span(doc[3].idx, doc[3].idx + len("Monday"), label="DATE")]
    assert tree.phrase(doc[1]).text == "the ministry"


def test_speech_and_statement_nouns_match_by_word_or_lemma(parse):
    doc = parse("announcements NOUN ROOT 0 announcement\nmaps NOUN dep 0 map\nremarks NOUN dep 0 remark")
    assert [tree.speech_noun(t) for t in doc] == [True, True, True]
    assert [tree.statement_noun(t) for t in doc] == [True, False, False]
