"""The cheap first pass: which sentences of an article need the trained parser.

A sentence goes to the trained pipeline when it may carry a claim or the attribution of one: the
gazetteer components, run without the trained model, find a place or a back-reference in it
("the town"); a capitalised name in it is a typing slip away from a gazetteer name (the trained
recogniser may call it a place); it has a capture verb (which makes "liberated X" a place); it speaks
(a reporting verb in any form, "according to", quotation marks); it describes a person who may speak
later ("a spokeswoman", "the governor"); it denies ("dismissed"); or it has
an area or a number of settlements (a claim about the whole front). Extraction reads every other
sentence as one without a place or a speaker, which is what the full parse would have found there,
so the claims stay the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from . import lexicon as lx
from .components import CAPTURE_VERBS
from .extraction.discourse import FRONT_WIDE_UNITS
from .gazetteer import Gazetteer

_QUOTES = re.compile("[\"“”«»„‟]")
_WORD = re.compile(r"[a-z]+")

# A sentence without a place matters only through a verb: one that names a speaker for what follows,
# denies what came before, or captures a place the gazetteer lacks (in any of its forms, from forms.tsv);
# or through a person it describes, whom a later "she said" or surname reads back to ("X, a spokeswoman").
_CUES = frozenset(
    {form for lemma in lx.SPEECH_VERBS | lx.DENIAL_VERBS | CAPTURE_VERBS for form in lx.forms_of(lemma)}
    | {form for noun in lx.PERSON_NOUNS for form in (noun, noun[:-2] + "en" if noun.endswith("man") else noun + "s")}
    | {"according"}
)


def selected(texts: Sequence[str], cheap: Language, gazetteer: Gazetteer) -> list[int]:
    """The positions of the sentences that need the trained parser.

    Words and quotation marks decide most sentences; the cheap pipeline reads only the others.
    """
    wanted = {i for i, text in enumerate(texts) if _speaks(text)}
    rest = [i for i in range(len(texts)) if i not in wanted]
    for i, doc in zip(rest, cheap.pipe(texts[i] for i in rest)):
        if _may_name_a_place(doc, gazetteer):
            wanted.add(i)
    return sorted(wanted)


def _speaks(text: str) -> bool:
    """Quotation marks, or a word that reports, denies or captures (in any form)."""
    return bool(_QUOTES.search(text)) or any(word in _CUES for word in _WORD.findall(text.lower()))


def _may_name_a_place(doc: Doc, gazetteer: Gazetteer) -> bool:
    if doc.spans.get("places"):
        return True
    if any(span.label_ in FRONT_WIDE_UNITS for span in doc.spans.get("figures", [])):
        return True
    return any(gazetteer.typos(name) for name in _capitalised_names(doc))


def _capitalised_names(doc: Doc) -> Iterator[str]:
    """Runs of one to three capitalised words long enough to be a misspelt place name."""
    words = [t.text if t.is_alpha and t.text[0].isupper() else "" for t in doc]
    spaces = [t.whitespace_ for t in doc]
    for i in range(len(words)):
        name = ""
        for k in range(i, min(i + 3, len(words))):
            if not words[k]:
                break
            name += words[k]
            if len(name) >= 7:
                yield name
            name += spaces[k]
