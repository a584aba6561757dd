"""What a claim word sits under: negation ("not surrounded"), hedges ("no confirmation that"),
denial words, conditions ("if"), modality ("will take", "trying to take", "would be"), stated goals,
dangers avoided ("to avoid encirclement") and verbs that stop an attack ("repelled the attacks").

These functions say what the scope is; the claim table (`claims.toml`) says what it does to each
claim type.
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Token

from .. import lexicon as lx
from .tree import VERBAL, child, lemma, speech_noun

Wrapper = Literal["hedge", "denial", "hypothetical"]
Modality = Literal["future", "prospective", "hypothetical"]


def negated(token: Token) -> bool:
    """True when the claim word, or the verb carrying it, is negated: "not surrounded", "neither ... nor"."""
    for t in (token, token.head if token.dep_ in ("acomp", "xcomp", "dobj", "attr", "pobj") else None):
        if t is None:
            continue
        if any(c.dep_ == "neg" or c.lower_ in {"never", "no"} and c.dep_ in ("det", "advmod") for c in t.children):
            return True
        for subj in (child(t, "nsubj", "nsubjpass"), child(t, "attr") if lemma(t) == "be" else None):
            if subj is not None and any(c.lower_ in {"neither", "no"} for c in subj.children):
                return True
    return False


def avoided(token: Token) -> bool:
    """ "to avoid encirclement", "the threat of encirclement": a danger named, not a claim made."""
    for t in (token.head, token.head.head):
        if lemma(t) in lx.AVOIDING:
            return True
    return False


def stopping_verb(noun: Token) -> Token | None:
    """The verb that stops an attack or an advance named by this noun, if any."""
    token = noun
    for _ in range(3):
        if token.dep_ not in ("dobj", "nsubjpass", "pobj", "prep"):
            return None
        token = token.head
        if token.pos_ in VERBAL:
            stops = lemma(token) in lx.STOPPING or any(
                (lemma(token), c.lower_) in lx.STOPPING_PHRASAL for c in token.children if c.dep_ in ("prt", "advmod"))
            return token if stops else None
    return None


def wrapper(token: Token) -> tuple[Wrapper | None, Token | None]:
    """What the claim word sits under: ("hedge", t), ("denial", t), ("hypothetical", t), else (None, None)."""
    for anc in [token, *token.ancestors]:
        lem = lemma(anc)
        if anc is not token and lem in lx.HEDGES and any(c.lower_ == "no" for c in anc.children):
            return "hedge", anc
        if anc is not token and lem in lx.UNVERIFIED and negated(anc):
            return "hedge", anc
        if anc is not token and lem in lx.DENIAL_VERBS and anc.pos_ in VERBAL:
            return "denial", anc
        if any(_denial_word(c) and c.dep_ in ("acomp", "attr", "advmod", "amod") for c in anc.children) \
                or (anc is not token and _denial_word(anc)):
            return "denial", anc
        if any(c.dep_ == "mark" and c.lower_ == "if" for c in anc.children):
            return "hypothetical", anc
        if anc.pos_ in VERBAL and anc.dep_ in ("ccomp", "ROOT") and anc is not token:
            break
    return None, None


def _denial_word(token: Token) -> bool:
    """A noun or adjective of the [denial] entry: "untrue", "lies" (not the verb: "X lies on the river")."""
    return token.pos_ not in VERBAL and (token.lower_ in lx.DENIAL_WORDS or lemma(token) in lx.DENIAL_WORDS)


def stated_as_a_goal(token: Token) -> bool:
    """ "The capture of the Luhansk region is one of Russia's main goals", "objectives including full
    control of Donetsk", "strategies aimed at consolidating gains": an aim, not a claim."""
    for anc in [token, *list(token.ancestors)[:4]]:
        if anc.dep_ in ("nsubj", "nsubjpass") and lemma(anc.head) == "be":
            attr = child(anc.head, "attr")
            if attr is not None and any(lemma(t) in lx.GOALS for t in attr.subtree):
                return True
        if anc is not token and (lemma(anc) in lx.GOALS or lemma(anc) == "aim"):
            return True
        if anc is not token and anc.pos_ in VERBAL and anc.dep_ in ("ROOT", "ccomp"):
            break
    return False


def modality(token: Token) -> Modality | None:
    """ "future" for will/going to, "prospective" for try/poised/verge, "hypothetical" for would be.

    The climb stops where the claim is someone's statement ("claim to have captured"), where it is
    a time clause ("when Russia took control of X, it would ..."), and a prospective word counts only
    when the claim is its complement ("opens the way to advance"), not its subject ("the fall of X opens").
    """
    chain = [token, *list(token.ancestors)[:4]]
    previous = None
    for t in chain:
        auxes = {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}
        if auxes & lx.MODALS_FUTURE:
            return "future"
        if t.pos_ in VERBAL and auxes & lx.MODALS_HYPOTHETICAL:
            subj = child(t, "nsubj")
            if subj is not None and token.i in {x.i for x in subj.subtree}:
                return "hypothetical"
            return "future"
        if t is not token and lemma(t) in lx.PROSPECTIVE and (previous is None or previous.dep_ not in
                                                               ("nsubj", "nsubjpass", "csubj")):
            return "prospective"
        if t is not token and (speech_noun(t) or lemma(t) in lx.SPEECH_VERBS):
            break
        if t.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in {
                "when", "after", "since", "once", "as", "because", "while"} for c in t.children):
            break
        if t.pos_ in VERBAL and t.dep_ in ("ROOT", "ccomp") and t is not token:
            break
        previous = t
    return None
