"""Whose forces a claim is about (its subject side): the agent of the claim word, or for a claim
whose table entry says "patient" (an encirclement) the one it happens to; "we" and "the enemy" are
read from the claimant's side."""

from __future__ import annotations

from spacy.tokens import Token

from .. import lexicon as lx
from ..models import ClaimType, Side
from ..sides import Sides
from .context import Speaker
from .tree import VERBAL, child, is_passive, lemma, no_claim_verb, passive_subject, phrase, subject

_PARTIES = (Side.RU, Side.UA)


def subject_side(token: Token | None, kind: ClaimType, speaker: Speaker, sides: Sides, *,
                 doer: bool = False) -> Side:
    """The side whose forces do (or, for a "patient" entry, undergo) what the claim word says; with `doer`,
    the side that does it whatever the entry (who tried, for a failed attempt: "failed to encircle X")."""
    own = speaker.side if speaker.side in _PARTIES else Side.UNKNOWN
    rule = "agent" if doer and lx.CLAIMS[kind].subject == "patient" else lx.CLAIMS[kind].subject
    if rule == "opponent":
        return own.opponent
    if rule == "none":
        return Side.UNKNOWN
    if token is None:
        return own
    if token.dep_ == "pobj" and token.head.lower_ == "under":
        # "X came under heavy shelling": the speaker's side is the one shelled, unless the words say by whom
        named = [c for c in token.children if c.dep_ in ("amod", "compound", "poss", "agent", "prep")]
        sides_named = [sides.side_of(phrase(c).text, own) for c in named]
        return next((s for s in sides_named if s in _PARTIES), own.opponent)
    if rule == "patient":
        undergoer = patient(token)
        side = sides.side_of(phrase(undergoer).text, own) if undergoer is not None else Side.UNKNOWN
        if side in _PARTIES:
            return side
        # "Russian troops have encircled X": the side they encircle is the other (not a participle's subject,
        # which undergoes it: "forces in X ..., surrounded in a cauldron")
        active = token.pos_ in VERBAL and (token.tag_ != "VBN" or any(
            c.dep_ == "aux" and c.lemma_ == "have" for c in token.children))
        by = agent(token) if active else None
        by_side = sides.side_of(phrase(by).text, own) if by is not None else Side.UNKNOWN
        return by_side.opponent if by_side in _PARTIES else own.opponent
    doer = agent(token)
    if doer is None and no_claim_verb(token) and is_passive(token):
        doer = passive_subject(token)  # a verb that only places them: "Russian troops were seen 5 km from X"
    elif doer is None and token.pos_ in VERBAL and is_passive(token) and lemma(token) not in lx.PLACE_SUBJECT:
        undergoer = child(token, "nsubjpass")  # no "by": the words may still say whose forces underwent it
        side = sides.side_of(phrase(undergoer).text, own) if undergoer is not None else Side.UNKNOWN
        if side in _PARTIES and (undergoer.lower_ in lx.FORCE_NOUNS or lemma(undergoer) in lx.HELD_BY_NOUNS):
            # "Ukrainian troops were pushed out of X", "Russian positions were shelled"; not a place whose phrase
            # names a side's region ("the settlement of X in the Donetsk People's Republic has been liberated")
            return side.opponent
        if lx.CLAIMS[kind].unnamed_doer == "opponent" and own in _PARTIES:
            return own.opponent  # "X was shelled overnight, the mayor said"
    if doer is None and lemma(token) in lx.PLACE_SUBJECT and token.pos_ in VERBAL:
        return Side.UNKNOWN  # "X has fallen": to whom, the words do not say
    if doer is not None:
        side = sides.side_of(phrase(doer).text, own)
        if token.lemma_.lower() in lx.OWNER_LOSES and side in _PARTIES:
            side = side.opponent
        if side in _PARTIES:
            return side
    clause = token.head if token.dep_ not in ("ROOT",) else token
    for t in [token, clause]:
        for c in t.children:
            if c.dep_ in ("amod", "compound", "nsubj", "poss") and sides.side_of(c.text, own) in _PARTIES:
                return sides.side_of(c.text, own)
    return own


def _antecedent_subject(noun: Token) -> Token | None:
    """ "Russian forces are concentrating their attacks": the subject of the verb whose object a noun with
    "their" (or "its", "his", "her") is, whom the pronoun stands for."""
    verb = noun.head if noun.dep_ == "dobj" else None
    if verb is None or verb.pos_ not in VERBAL:
        return None
    doer = subject(verb)
    return doer if doer is not None and doer.lower_ not in lx.PRONOUNS else None


def agent(token: Token) -> Token | None:
    """Who does what the claim word says: "Lysychansk, captured by Russian troops", "Russia's capture of X"."""
    by = child(token, "agent")
    if by is not None and child(by, "pobj") is not None:
        return child(by, "pobj")
    if token.pos_ in VERBAL or lemma(token) in lx.VERB_TRIGGERS and token.pos_ == "ADJ":
        if lemma(token) in lx.PLACE_SUBJECT and token.pos_ in VERBAL:  # "X fell to Russian troops": its subject is the place
            to = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "to"), None)
            return child(to, "pobj") if to is not None else None
        if is_passive(token):
            by = child(token, "agent")
            return child(by, "pobj") if by is not None else None
        doer = subject(token)
        if doer is None and token.dep_ in ("acl", "xcomp") and token.head.pos_ in ("NOUN", "PROPN"):
            return agent(token.head)  # "attempts by Ukrainian marines to cross the river"
        return doer
    if token.dep_ in ("amod", "compound") and token.head.pos_ in ("NOUN", "PROPN") and token.head.i != token.i:
        return agent(token.head)  # "offensive actions": whoever conducts the actions
    if token.dep_ == "nsubjpass" and token.head.pos_ in VERBAL:
        by = child(token.head, "agent")  # "progress has been made by Russian forces": whoever made it
        if by is not None and child(by, "pobj") is not None:
            return child(by, "pobj")
    for node in token.children:
        if node.dep_ == "poss":
            owner = _antecedent_subject(token) if node.lower_ in lx.POSSESSIVE_PRONOUNS else None
            return owner if owner is not None else node
        if node.dep_ == "prep" and node.lower_ in {"by", "of", "to"}:
            pobj = child(node, "pobj")
            if pobj is None:
                continue
            if node.lower_ == "by" or (node.lower_ == "of" and pobj.lower_ in lx.FORCE_NOUNS):
                return pobj  # "the withdrawal of Ukrainian troops", "the presence of Russian units"
            if lemma(token) in lx.HELD_BY_NOUNS and (pobj.lower_ in lx.FORCE_NOUNS or pobj.lower_ in lx.SIDE_NAMES
                                                     or any(c.dep_ in ("amod", "compound", "poss")
                                                            for c in pobj.children)):
                return pobj
    for node in token.children:  # "the Russian attack", "Wagner assaults"; not "unsuccessful" or "artillery"
        if node.dep_ in ("amod", "compound") and (node.pos_ == "PROPN" or node.ent_type_ in ("NORP", "GPE", "ORG")
                                                  or node.lower_ in lx.SIDE_WORDS):
            return node
    head = token.head
    if token.dep_ in ("dobj", "pobj", "attr") and head.pos_ in VERBAL:
        return subject(head)
    if token.dep_ == "pobj" and head.head.pos_ in VERBAL:
        return subject(head.head)
    return None


def patient(token: Token) -> Token | None:
    """Who undergoes what the claim word says: "encircled Russian units", "thousands of troops were trapped"."""
    if token.dep_ in ("amod", "acl") and token.head.pos_ in ("NOUN", "PROPN"):
        return token.head
    if token.pos_ in VERBAL or token.pos_ == "ADJ":
        if is_passive(token) or token.dep_ in ("acomp", "xcomp", "ROOT") and child(token, "nsubj") is not None:
            found = child(token, "nsubjpass", "nsubj")
            if found is None and token.dep_ in ("acomp", "xcomp"):
                found = subject(token.head)
            return found
        if token.dep_ in ("acomp",):
            return subject(token.head)
        obj = child(token, "dobj")
        if obj is not None:
            of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            if of is not None and child(of, "pobj") is not None and obj.pos_ in ("NUM", "NOUN") \
                    and obj.lower_ in lx.QUANTITIES:
                return child(of, "pobj")
            return obj
        return None
    poss = child(token, "poss")
    if poss is not None:
        return poss
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None and child(of, "pobj") is not None:
        return child(of, "pobj")
    if token.dep_ in ("dobj", "pobj") and token.head.pos_ in VERBAL:
        return subject(token.head)
    return None
