"""Who makes a claim: the speaker whose reporting verb, "according to" phrase or statement noun
governs the claim word, the speaker of a whole sentence, of a quotation, or carried back from the
next sentence ('X. Y, Putin said.')."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from .. import lexicon as lx
from ..models import Article, Side
from ..segment import Sentence
from .context import ArticleContext, Speaker
from .tree import VERBAL, child, lemma, phrase, speech_noun, subject

_QUOTE_OPEN = "“«"
_QUOTE_CLOSE = "”»"


def _balanced(text: str) -> str:
    """Text with a closing quote added where it opens one and stops: 'Corps “Khartia' -> 'Corps “Khartia”'."""
    if text.count("“") > text.count("”"):
        return text + "”"
    if text.count('"') % 2:
        return text + '"'
    return text


def speaker(token: Token, rule: str, context: ArticleContext, trailing: bool = False) -> Speaker:
    """The speaker named by the phrase a token heads; a pronoun or "the general" is the speaker met before."""
    words = phrase(token)
    text = _balanced(re.sub(r"\s*['’]s$", "", words.text.strip(" ,;:\"“”'’")))
    sides, memory = context.sides, context.memory
    side = sides.side_of(text)
    lowered = text.lower()
    if lowered in lx.PRONOUNS:
        last = memory.last(with_side=True, person=lowered in lx.PERSONAL_PRONOUNS) or memory.last(with_side=True)
        if last is not None:
            return Speaker(last.text, last.side, f"{rule}; '{text}' = {last.text}", trailing, True, last.person)
        return Speaker(text, Side.UNKNOWN, rule, trailing, named=False)
    actor = sides.find_actor(text.split())
    person = (actor is not None and actor.kind == "person") or any(
        t.ent_type_ == "PERSON" for t in words if t.pos_ == "PROPN")
    head = words.root.lemma_.lower()
    if side == Side.UNKNOWN and head in lx.DEFINITE_SPEAKERS and words[0].lower_ not in ("a", "an"):
        last = memory.last(with_side=True)  # "the spokesman" is one met before; "a spokesman" is new
        if last is not None:
            return Speaker(text, last.side, f"{rule}; '{text}' refers back to {last.text}", trailing, True,
                           last.person)
    if side == Side.UNKNOWN and context.home != Side.UNKNOWN:
        side = sides.side_of(text, home=context.home)
        if side != Side.UNKNOWN:
            rule += f"; an unmarked institution of the outlet's country ({side.value})"
    return Speaker(text, side, rule, trailing, person=person)


def governing_speaker(token: Token, context: ArticleContext) -> Speaker | None:
    """The speaker whose verb, "according to" phrase or statement noun governs the claim word."""
    if lemma(token) in lx.DENIAL_VERBS and token.pos_ in VERBAL:
        denier = subject(token)
        if denier is not None:
            return speaker(denier, f"subject of '{token.text}'", context)
    if lemma(token) in lx.DENIAL_ACTS and token.pos_ in ("NOUN", "PROPN"):
        denier = owner(token) or (subject(token.head) if token.dep_ in ("dobj", "attr") and token.head.pos_ in VERBAL
                                  else None)
        if denier is not None:
            return speaker(denier, f"who issues the '{token.text}'", context)
    if token.lower_ in lx.DENIAL_FORMS and token.pos_ not in VERBAL and 0 < token.i <= 8 \
            and not any(t.pos_ in VERBAL for t in token.doc[:token.i]):
        # a headline the tagger misread: "Ukraine's military dismisses Russian statement on ..."
        words = token.doc[:token.i]
        return Speaker(words.text, context.sides.side_of(words.text), f"the words before '{token.text}'")
    for anc in [token, *token.ancestors]:
        according = according_to(anc, context)
        if according is not None:
            return according
        noun = statement_before_that(anc)
        if noun is not None:
            return speaker(owner(noun), f"source of '{noun.text}'", context)
        if anc is token:
            continue
        if lemma(anc) in lx.SPEECH_VERBS and anc.pos_ in VERBAL:
            said_by = subject(anc)
            if said_by is not None and said_by.i != token.i:
                return speaker(said_by, f"subject of '{anc.text}'", context)
        if speech_noun(anc) and anc.pos_ in ("NOUN", "PROPN"):
            source = owner(anc)
            if source is not None:
                return speaker(source, f"source of '{anc.text}'", context)
    return None


def statement_before_that(clause: Token) -> Token | None:
    """ "Moscow's announcement in November that ...": the statement noun a that-clause follows, with an owner.

    The parser often hangs such a clause on the main verb; the words before "that" say whose it is.
    """
    mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"), None)
    if mark is None or clause.pos_ not in VERBAL:
        return None
    doc = clause.doc
    for k in range(mark.i - 1, max(mark.i - 5, -1), -1):
        if speech_noun(doc[k]) and doc[k].pos_ in ("NOUN", "PROPN") and owner(doc[k]) is not None:
            return doc[k]
        if doc[k].is_punct or doc[k].pos_ in VERBAL:
            break
    return None


def according_to(token: Token, context: ArticleContext) -> Speaker | None:
    """The source of an "according to" phrase on this word, unless it is no one in particular."""
    for node in token.children:
        if node.lower_ == "according":
            to = next((c for c in node.children if c.lower_ == "to"), None)
            source = child(to, "pobj") if to is not None else None
            if source is not None:
                inner = next((c for c in source.children if c.dep_ == "prep" and c.lower_ in {"from", "by"}), None)
                if speech_noun(source) and inner is not None and child(inner, "pobj") is not None:
                    source = child(inner, "pobj")
                elif speech_noun(source) and owner(source) is None:
                    return None  # "according to reports": no one in particular
                return speaker(source, "'according to'", context)
    return None


def owner(noun: Token) -> Token | None:
    """Whose statement a statement noun is: "Moscow's announcement", "statements by the chief", "Russian claims"."""
    found = child(noun, "poss")
    if found is not None:
        return found
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in {"by", "from"}:
            pobj = child(prep, "pobj")
            if pobj is not None:
                return pobj
    if any(c.dep_ in ("amod", "compound") and c.lower_ in lx.SIDE_ADJECTIVES for c in noun.children):
        return noun
    if any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in noun.children):
        return noun  # "DeepState maps", "ISW assessment"
    return None


def embedded_owner(token: Token, denial_at: Token | None) -> Token | None:
    """Who made the statement a denial denies: "statements by the chief of Russia's general staff that ...",
    or who tells the lie: "Gerasimov brings Putin a lie about 'control of Kupyansk'" (but whoever issues a
    denial denies)."""
    for anc in token.ancestors:
        if denial_at is not None and anc.i == denial_at.i:
            break
        if speech_noun(anc):
            return owner(anc)
    if denial_at is not None and denial_at.pos_ in ("NOUN", "PROPN") and denial_at.dep_ in ("dobj", "attr") \
            and lemma(denial_at.head) not in lx.DENIAL_VERBS and lemma(denial_at) not in lx.DENIAL_ACTS:
        return subject(denial_at.head)
    return None


def sentence_speaker(doc: Doc, context: ArticleContext, main_only: bool = True) -> Speaker | None:
    """The speaker of a sentence as a whole: the subject of its main reporting verb (or of any, for
    remembering who has spoken), or the agent of "This was stated by X"."""
    for token in doc:
        if token.dep_ in ("ROOT", "conj", "parataxis") or (token.dep_ == "ccomp" and token.head.dep_ == "ROOT"):
            according = according_to(token, context)
            if according is not None:
                return according
    deps = ("ROOT", "parataxis", "conj", "ccomp") if main_only else ("ROOT", "parataxis", "conj", "ccomp", "advcl")
    verbs = [t for t in doc if lemma(t) in lx.SPEECH_VERBS and t.pos_ in VERBAL and t.dep_ in deps]
    for token in sorted(verbs, key=lambda t: deps.index(t.dep_)):  # the main verb first: '"...," X said'
        agent = child(token, "agent")
        if agent is not None and child(agent, "pobj") is not None:
            back = child(token, "nsubjpass")
            trailing = back is not None and back.lower_ in {"this", "that", "it"}
            return speaker(child(agent, "pobj"), f"agent of '{token.text}'", context, trailing=trailing)
        said_by = subject(token)
        if said_by is not None and said_by.lower_ not in {"this", "that"}:
            trailing = token.i > len(doc) * 0.5
            return speaker(said_by, f"subject of '{token.text}'", context, trailing=trailing)
    return None


def quote_speakers(article: Article, sentences: Sequence[Sentence], own: list[Speaker | None]) -> dict[int, Speaker]:
    """Speakers of sentences inside a quotation that another sentence of the paragraph attributes."""
    result: dict[int, Speaker] = {}
    groups: dict[int, list[int]] = {}
    for i, s in enumerate(sentences):
        groups.setdefault(s.paragraph, []).append(i)
    for members in groups.values():
        depth, run = 0, []
        for i in members:
            text = article.text[sentences[i].start:sentences[i].end]
            quoted = depth > 0 or text[:1] in _QUOTE_OPEN + '"'  # inside a quotation, or opening one
            for char in text:
                if char in _QUOTE_OPEN:
                    depth += 1
                elif char in _QUOTE_CLOSE:
                    depth = max(depth - 1, 0)
                elif char == '"':
                    depth = 0 if depth else 1
            if quoted or depth > 0:
                run.append(i)
            if (depth == 0 or i == members[-1]) and run:
                found = next((own[j] for j in reversed(run) if own[j] is not None), None) or \
                    next((own[j] for j in run if own[j] is not None), None)
                before = run[0] - 1
                opens_with_quote = article.text[sentences[run[0]].start] in _QUOTE_OPEN + '"'
                if found is None and before >= 0 and own[before] is not None and own[before].trailing \
                        and (before in members or opens_with_quote):
                    found = own[before]  # '... , Gerasimov added. "Battlegroup Vostok ...'
                if found is not None:
                    for j in run:
                        result.setdefault(j, Speaker(found.text, found.side, found.rule + "; same quotation",
                                                     person=found.person))
                run = []
    return result


def carried(i: int, sentences: Sequence[Sentence], own: list[Speaker | None]) -> Speaker | None:
    """ "X. Y, Putin said.": a sentence takes the speaker of the next one when that one ends with it."""
    nxt = i + 1
    if nxt < len(sentences) and sentences[nxt].paragraph == sentences[i].paragraph:
        found = own[nxt]
        if found is not None and found.trailing:
            return Speaker(found.text, found.side, found.rule + "; carried from the next sentence")
    return None
