"""What a claim word sits under: negation ("not surrounded"), hedges ("no confirmation that"),
denial words, conditions ("if"), modality ("will take", "trying to take", "failed to take", "would
be"), stated goals,
dangers avoided ("to avoid encirclement") and verbs that stop an attack ("repelled the attacks").

These functions say what the scope is; the claim table (`claims.toml`) says what it does to each
claim type.
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Token

from .. import lexicon as lx
from ..models import ClaimType
from .tree import VERBAL, child, lemma, speech_noun

Wrapper = Literal["hedge", "denial", "hypothetical"]
# The links by which a claim word is the complement of the word above it: "trying to take" (xcomp),
# "an attempt to capture" (acl), "an attempt at advancing" (prep, pcomp), "on the verge of liberation"
# (prep, pobj), "brings closer the liberation" (dobj). A modifier of a noun ("attempted to relieve
# encircled units") is not one.
_COMPLEMENT = {"xcomp", "acl", "pcomp", "prep", "pobj", "dobj", "ccomp", "advcl", "relcl", "conj"}
Modality = Literal["future", "prospective", "hypothetical", "attempt", "failed", "ended", "ongoing", "purpose",
                   "cannot"]


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
        if token.dep_ not in ("dobj", "nsubjpass", "pobj", "prep") or token.lower_ in lx.CONCESSIVE:
            return None  # "held X despite the attacks" holds out, it stops nothing
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
        if any(c.dep_ == "acomp" and c.lower_ in lx.TRUTHS for c in anc.children) and negated(anc):
            return "denial", anc  # "the claim that ... is not true"
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
    previous = None
    for anc in [token, *list(token.ancestors)[:4]]:
        if anc.dep_ in ("nsubj", "nsubjpass") and lemma(anc.head) == "be":
            attr = child(anc.head, "attr")
            if attr is not None and any(lemma(t) in lx.GOALS for t in attr.subtree):
                return True
        # what a claim in the subject is aimed at is not the claim: "the capture of X was aimed at cutting ..."
        inside_subject = previous is not None and previous.dep_ in ("nsubj", "nsubjpass", "csubj")
        if anc is not token and not inside_subject and (
                (lemma(anc) in lx.GOALS and anc.pos_ not in VERBAL) or lemma(anc) == "aim"):
            return True  # the nouns: "the plan to seize X" is an aim, "planned to seize X" a prospect (see modality)
        if anc is not token and anc.pos_ in VERBAL and anc.dep_ in ("ROOT", "ccomp"):
            break
        previous = anc
    return False


def modality(token: Token) -> Modality | None:
    """ "future" for will/going to, "cannot" for cannot/can't, "prospective" for poised/verge, "hypothetical" for would be, "attempt"
    for trying/struggling/an attempt to, "failed" for failed to/unsuccessfully/a failed attempt or assault,
    "ongoing" for continue to/during, when nothing above says more ("trying to continue" is an attempt), and
    "purpose" for an infinitive of purpose ("launched an assault to take X").

    The climb stops where the claim is someone's statement ("claim to have captured"), where it is
    a time clause ("when Russia took control of X, it would ..."), and a prospective word counts only
    when the claim is its complement ("opens the way to advance"), not its subject ("the fall of X opens").
    """
    if _failed_by_modifier(token) or (token.dep_ in ("amod", "compound") and _failed_by_modifier(token.head)):
        return "failed"  # "a failed assault", "unsuccessful offensive actions"
    if _said_to_fail(token):
        return "failed"  # "the attacks failed", "the assault was unsuccessful", "the attack ended in failure"
    if token.dep_ == "dobj" and _attack_or_attempt(token) and _turned_back(token.head):
        return "failed"  # "launched an assault on X but were stopped"
    if _no_longer(token):
        return "ended"
    chain = [token, *list(token.ancestors)[:4]]
    previous = None
    spine = True  # the claim word is the complement of each word climbed so far ("trying to take")
    for t in chain:
        auxes = {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}
        if previous is not None:
            spine = spine and previous.dep_ in _COMPLEMENT
        words = _scope_lemmas(t)
        if spine and t is not token and _failed_by_modifier(t) and words & (lx.ATTEMPTS | lx.FAILURES):
            return "failed"
        if spine and t is not token and t.pos_ in (*VERBAL, "ADJ") and words & lx.FAILURES and not negated(t):
            return "failed"  # "failed to seize X", "were unable to take X"; "did not fail to" is no failure
        if spine and t is not token and t.pos_ in (*VERBAL, "ADJ") and words & lx.SUCCESSES and negated(t):
            return "failed"  # "were not able to take X", "did not succeed in taking X"
        if spine and t is not token and words & lx.ATTEMPTS:
            return "failed" if _attempt_stopped(t) else "attempt"
        if auxes & {"can", "ca"} and t.pos_ in VERBAL and negated(t):
            return "cannot"  # "cannot hold out much longer", "can't take X": a judgement of strength, not a denial
        if auxes & lx.MODALS_FUTURE:
            return "future"
        if t.pos_ in VERBAL and auxes & lx.MODALS_HYPOTHETICAL:
            subj = child(t, "nsubj")
            if subj is not None and token.i in {x.i for x in subj.subtree}:
                return "hypothetical"
            return "future"
        if spine and t is not token and words & lx.PROSPECTIVE and not (t.pos_ in VERBAL and lemma(t) in lx.VERB_TRIGGERS):
            # (a claim verb of its own is no prospect: "closing in on the city of X, captured by ...")
            # "had hoped to capture X", "had planned to seize X": a hope in the past perfect is one that
            # was not met, an attempt; "hopes to capture X" is still a prospect
            return "attempt" if t.pos_ in VERBAL and "had" in auxes else "prospective"
        if t is not token and (speech_noun(t) or lemma(t) in lx.SPEECH_VERBS):
            break
        if t.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in {
                "when", "after", "since", "once", "as", "because", "while"} for c in t.children):
            break
        if t.pos_ in VERBAL and t.dep_ in ("ROOT", "ccomp") and t is not token:
            break
        previous = t
    if _ongoing(token):
        return "ongoing"
    if _purpose(token):
        # "continuing an offensive to liberate X": what an ongoing drive is for is a taking under way
        return "ongoing" if token.dep_ == "acl" and _ongoing(token.head) else "purpose"
    return None


def _purpose(token: Token) -> bool:
    """ "launched an assault to take X", "deployed brigades to recapture X", "an offensive to liberate X": the
    claim is what something was done for, not what was done (an attempt, for the claim table)."""
    if token.pos_ != "VERB" or token.dep_ not in ("acl", "advcl") or child(token, "nsubj", "nsubjpass") is not None:
        return False
    auxes = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    # "claim to have entered X", "said to have taken X" report a claim: no purpose there
    return "to" in auxes and "have" not in auxes and not speech_noun(token.head) \
        and lemma(token.head) not in lx.SPEECH_VERBS


def _scope_lemmas(token: Token) -> set[str]:
    """The word's lemma, the word itself ("closer": lemma "close") and the scope verbs it is a form of ("hoped",
    which the lemmatizer reads as "hop")."""
    return {lemma(token), token.lower_, *lx.SCOPE_LEMMAS_OF.get(token.lower_, ())}


def _ongoing(token: Token) -> bool:
    """ "continue to liberate X", "continuing the liberation of X", "the capture of X continues", "the ongoing
    capture", "during the liberation of X": the claim word names something still under way."""
    head = token.head
    if token.pos_ in VERBAL:
        return token.dep_ == "xcomp" and bool(_scope_lemmas(head) & lx.ONGOING)
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    if any(c.dep_ in ("amod", "advmod") and c.lower_ in lx.ONGOING for c in token.children):
        return True
    if token.dep_ == "pobj" and head.lower_ in lx.ONGOING_PREPOSITIONS:
        return True
    return token.dep_ in ("nsubj", "dobj") and head.pos_ in VERBAL and bool(_scope_lemmas(head) & lx.ONGOING)


def _no_longer(token: Token) -> bool:
    """ "no longer occupy", "do not hold X any longer": what the claim word says has ended."""
    for t in (token, token.head if token.dep_ in ("xcomp", "acomp") else None):
        if t is None:
            continue
        for c in t.children:
            if c.lower_ == "longer" and (any(g.lower_ == "no" for g in c.children) or
                                         (negated(t) and any(g.lower_ == "any" for g in c.children))):
                return True
    return False


def _failed_by_modifier(token: Token) -> bool:
    """ "unsuccessfully tried", "a failed assault", "attacked in vain": a word on it that says it failed."""
    for c in token.children:
        if c.dep_ in ("advmod", "amod") and c.lower_ in lx.FAILED_MODIFIERS:
            return True
        if c.dep_ == "prep" and c.lower_ == "in" and any(g.lower_ == "vain" for g in c.children):
            return True
    return False


def _attempt_stopped(attempt: Token) -> bool:
    """ "thwarted an attempt to capture X", "repelled attempts to break through": the attempt is the object
    of a verb that stops it; "attempts to storm X failed": the subject of a clause that says it failed;
    "tried to storm X but were repelled": a verb whose own next clause says its doers were stopped."""
    return attempt.pos_ in ("NOUN", "PROPN") and attempt.dep_ in ("dobj", "nsubjpass") and \
        attempt.head.pos_ in VERBAL and lemma(attempt.head) in lx.STOPPING or _said_to_fail(attempt) \
        or _turned_back(attempt)


def _attack_or_attempt(noun: Token) -> bool:
    """A noun of an attack or an attempt ("assault", "attempts", "push"), which can fail; not a capture or a
    gain ("regained control of X but were stopped short of Y", "made gains but were halted": they stand)."""
    words = {noun.lower_, lemma(noun)}
    return noun.pos_ in ("NOUN", "PROPN") and bool(words & (lx.FAILABLE_NOUNS | lx.ATTEMPTS))


def _turned_back(verb: Token) -> bool:
    """ "tried to storm X but were repelled", "launched an assault on X but were stopped by drones", "... but
    failed": a verb with a conjoined clause, sharing its subject, that stops its doers (a stopping verb in the
    passive) or says they failed."""
    if verb.pos_ not in VERBAL:
        return False
    for c in verb.children:
        if c.dep_ != "conj" or c.i < verb.i or c.pos_ not in VERBAL or child(c, "nsubj") is not None or negated(c):
            continue
        words = _scope_lemmas(c)
        passive = any(g.dep_ == "auxpass" for g in c.children)
        stops = lemma(c) in lx.STOPPING or any((lemma(c), g.lower_) in lx.STOPPING_PHRASAL
                                              for g in c.children if g.dep_ in ("prt", "advmod"))
        if (passive and stops) or (words & lx.FAILURES and child(c, "xcomp") is None):
            return True
    return False


def _said_to_fail(noun: Token) -> bool:
    """A noun that is the subject of a clause saying it failed: "the attacks failed" (a verb of `failures`),
    "the assault was unsuccessful", "proved futile" (a complement of `failed_modifiers`), "ended in
    failure" (`failures` as the object of "in"). Negated, the clause says it did not fail."""
    if not _attack_or_attempt(noun) or noun.dep_ != "nsubj" or noun.head.pos_ not in VERBAL or negated(noun.head):
        return False
    verb = noun.head
    if _scope_lemmas(verb) & lx.FAILURES:
        return child(verb, "xcomp") is None  # "the advance has failed to slow down" says nothing of failing
    if any(c.dep_ in ("acomp", "attr", "oprd") and c.lower_ in lx.FAILED_MODIFIERS for c in verb.children):
        return True
    return any(c.dep_ == "prep" and c.lower_ == "in" and any(lemma(g) in lx.FAILURES or g.lower_ == "failure"
                                                             for g in c.children) for c in verb.children)


_KEYS = {"failed": "failed", "attempt": "attempted", "future": "prospective", "prospective": "prospective",
         "ended": "ended", "ongoing": "ongoing", "purpose": "attempted"}


def changed_by(kind: ClaimType, modality: Modality | None, word: str = "") -> tuple[str, ClaimType] | None:
    """The claim-table key a modality reads for this claim type ("failed", "attempted", "prospective") and
    the claim type it makes, when it changes the claim (a taking under way changes, a holding does not:
    `word` is the claim word's lemma)."""
    key = _KEYS.get(modality or "")
    entry = lx.CLAIMS[kind]
    if modality in ("ongoing", "purpose") and word in entry.holding:
        return None  # "continue to hold X", "sent reinforcements to hold X": held, not being taken
    new = getattr(entry, key) if key else None
    return (key, new) if new is not None and new != kind else None
