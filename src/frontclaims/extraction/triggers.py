"""Claim words: the words of a sentence that make a claim about a place, found from the claim table
(`claims.toml`), and the one that carries the sentence's main assertion about a given place."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from spacy.tokens import Doc, Token

from .. import lexicon as lx
from ..components import title_case
from ..mentions import Mention
from ..models import ClaimType
from .scope import avoided, stopping_verb
from .tree import VERBAL, child, is_passive, lca, lemma, no_claim_verb, passive_subject, path, relative_clauses, subject

MAX_PATH = 8  # the longest path, in dependency steps, from a place to its claim word
_TRIGGER_WORDS = "frontclaims_trigger_words"
_PHRASAL_LEMMAS = {verb for verb, _ in lx.PHRASAL}


class Trigger(NamedTuple):
    """A claim word, the claim type it makes, whether it is weak (counts only beside the place), and
    the claim-table entry and list that made it one: '[control] verbs "capture"'."""

    token: Token
    kind: ClaimType
    weak: bool
    source: str = ""

    def explain(self) -> str:
        return f"'{self.token.text}': {self.source}"


def _source(kind: ClaimType, key: str, word: str) -> str:
    return f'{lx.CLAIMS[kind].name} {key} "{word}"'


def trigger_words(doc: Doc) -> list[Token]:
    """The words of a sentence that may make a claim about one of its places (a superset of those
    `find_triggers` keeps): worked out once per sentence, however many places it names."""
    at = doc.user_data.get(_TRIGGER_WORDS)
    if at is None:
        at = doc.user_data[_TRIGGER_WORDS] = [t.i for t in doc if _may_trigger(t)]
    return [doc[i] for i in at]


def _may_trigger(token: Token) -> bool:
    lower, lem = token.lower_, lemma(token)
    return (lem == "be" or lower in lx.DENIAL_FORMS or lower in lx.WEAK_TRIGGERS or lower in lx.FORCE_NOUNS
            or lower in lx.MODIFIED_NOUNS or lem in lx.MODIFIED_NOUNS or lower in lx.NOUN_TRIGGERS
            or lem in lx.NOUN_TRIGGERS or lem in _PHRASAL_LEMMAS
            or any(form in lx.VERB_TRIGGERS for form in verb_forms(token))
            or token.pos_ == "VERB" and lem in lx.PLACING_VERBS)  # "troops were seen 5 km from X"


def verb_forms(token: Token) -> list[str]:
    """The lemma, then the trigger verbs the word is an inflected form of (lexicon/forms.tsv), for
    words the lemmatizer gets wrong: it reads "raging" as "rag"."""
    return [lemma(token), *lx.TRIGGER_LEMMAS_OF.get(token.lower_, ())]


def find_triggers(doc: Doc, mentions: list[Mention]) -> list[Trigger]:
    """Every claim word of the sentence outside the place names."""
    mention_tokens = {i for m in mentions for i in range(m.span.start, m.span.end)}
    found = []
    for token in trigger_words(doc):
        if token.i in mention_tokens:
            continue
        hit = trigger_type(token, mention_tokens)
        if hit is not None:
            found.append(Trigger(token, hit[0], False, hit[1]))
        elif token.lower_ in lx.WEAK_TRIGGERS and token.pos_ in ("NOUN", "PROPN"):
            kind = lx.WEAK_TRIGGERS[token.lower_]
            found.append(Trigger(token, kind, True, _source(kind, "weak_nouns", token.lower_)))
    return found


def triggers_in(doc: Doc, positions: set[int]) -> list[Trigger]:
    """The claim words among these positions of a sentence (no place names to leave out)."""
    return [t for t in find_triggers(doc, []) if t.token.i in positions]


def trigger_type(token: Token, mention_tokens: set[int]) -> tuple[ClaimType, str] | None:
    """The claim type a word makes, with the claim-table entry and list that say so, unless it names a
    danger avoided."""
    if token.lower_ in lx.DENIAL_FORMS:  # "Ukraine's military dismisses ...": headlines confuse the tagger
        return ClaimType.DENIAL, f'{lx.CLAIMS[ClaimType.DENIAL].name} verbs, the form "{token.lower_}"'
    hit = _claim_word(token, mention_tokens)
    return None if hit is None or avoided(token) or _moved_by_civilians(token, hit[0]) else hit


_MOVEMENTS = (ClaimType.WITHDRAWAL, ClaimType.ADVANCE)


def _moved_by_civilians(token: Token, kind: ClaimType) -> bool:
    """ "Residents fled X", "collaborators are leaving X": people who are no side's forces moving is no
    withdrawal or advance."""
    if kind not in _MOVEMENTS or token.pos_ not in VERBAL:
        return False
    mover = subject(token)  # "collaborators keep fleeing X" too
    if mover is not None and mover.lower_ in lx.QUANTITIES:  # "thousands of residents"
        of = next((c for c in mover.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        mover = child(of, "pobj") if of is not None else mover
    return mover is not None and lemma(mover) in lx.CIVILIANS


def _claim_word(token: Token, mention_tokens: set[int]) -> tuple[ClaimType, str] | None:
    """The kind of claim a word makes, read from the word and its dependents."""
    lem, lower = lemma(token), token.lower_
    if lem == "be":
        where = _presence(token, mention_tokens)
        if where == "in":
            return ClaimType.CONTROL, f"{lx.CLAIMS[ClaimType.CONTROL].name} forces said to be in the place"
        if where == "near":
            return ClaimType.ADVANCE, f"{lx.CLAIMS[ClaimType.ADVANCE].name} forces said to be a distance from the place"
    elif lem in lx.PLACING_VERBS and no_claim_verb(token) and _presence(token, mention_tokens, passive=True) == "near":
        # forces a distance from the place under a verb that only places them: "were reported 3 km from X",
        # "were spotted 5 km from X", "stand 2 km from X" (not "were killed 5 km from X"; and being in a place
        # under any verb is not: "died in X")
        return ClaimType.ADVANCE, f"{lx.CLAIMS[ClaimType.ADVANCE].name} forces placed a distance from the place"
    if token.lower_ in lx.FORCE_NOUNS and token.pos_ == "NOUN":
        if _near(token, mention_tokens):  # a headline without its verb: "Russian troops within 3 km of X"
            return ClaimType.ADVANCE, f"{lx.CLAIMS[ClaimType.ADVANCE].name} forces said to be a distance from the place"
        if lower not in lx.NOUN_TRIGGERS and lem not in lx.NOUN_TRIGGERS:
            return None  # forces are no claim word of their own ("encircled units": the adjective is)
    # a word with a subject acts as a verb, whatever the tagger made of it (a headline's "forces close in on X")
    acting = token.pos_ in VERBAL or (token.pos_ in ("ADJ", "ADV") and child(token, "nsubj") is not None
                                      and any(f in lx.VERB_TRIGGERS for f in verb_forms(token))) \
        or _headline_verb(token)
    if acting or (token.pos_ == "ADJ" and lem in lx.VERB_TRIGGERS):
        # the particle of a phrasal verb; the parser may make it a preposition ("break through the lines")
        particles = [c.lower_ for c in token.children if c.dep_ in ("prt", "advmod", "prep")]
        for particle in particles:
            if (lem, particle) in lx.PHRASAL:
                kind = lx.PHRASAL[(lem, particle)]
                return kind, _source(kind, "phrasal", f"{lem} {particle}")
        lem = next((f for f in verb_forms(token) if f in lx.VERB_TRIGGERS), None)
        if lem is None:
            return None
        kind = lx.VERB_TRIGGERS[lem]
        if (partial := _partial(token, kind, lem, mention_tokens)) is not None:
            return partial
        doer = subject(token)
        if kind == ClaimType.ADVANCE and doer is not None and doer.pos_ == "NOUN" and ClaimType.FIGHTING in (
                lx.NOUN_TRIGGERS.get(doer.lower_), lx.NOUN_TRIGGERS.get(lemma(doer))):
            # "the battle for X enters a decisive phase": what moves on is the fighting
            return ClaimType.FIGHTING, _source(ClaimType.FIGHTING, "nouns", lemma(doer)) + f" + '{token.text}'"
        if lem in lx.NEEDS_SUPPORT:
            support = _support(token, mention_tokens)
            if support is None:
                return None
            obj = child(token, "dobj")
            if obj is not None and kind == ClaimType.ADVANCE and ClaimType.CONTROL in (
                    lx.NOUN_TRIGGERS.get(obj.lower_), lx.NOUN_TRIGGERS.get(lemma(obj))):
                # "gained full control over X": the object says what is claimed, the verb how it came about
                return ClaimType.CONTROL, _source(ClaimType.CONTROL, "nouns", obj.lower_) + f", object of '{lem}'"
            return kind, _source(kind, "verbs_with_support", lem) + f" + '{support}'"
        return kind, _source(kind, "verbs", lem)
    if token.pos_ in ("NOUN", "PROPN", "ADJ"):
        for mod in token.children:  # "mop-up operations", "clearing operations": the modifier says what they are
            if mod.dep_ in ("compound", "amod") and mod.i != token.i and (mod.lower_ in lx.NOUN_TRIGGERS
                                                                        or lemma(mod) in lx.NOUN_TRIGGERS):
                kind = lx.NOUN_TRIGGERS.get(mod.lower_) or lx.NOUN_TRIGGERS[lemma(mod)]
                if kind != ClaimType.DENIAL:
                    return kind, _source(kind, "nouns", mod.lower_) + f" + '{token.text}'"
        word = lower if lower in lx.NOUN_TRIGGERS else lem
        kind = lx.NOUN_TRIGGERS.get(word)
        if kind is None:
            head = lower if lower in lx.MODIFIED_NOUNS else lem
            modifiers, kind = lx.MODIFIED_NOUNS.get(head, (frozenset(), None))
            modifier = next((c.lower_ for c in token.children if c.lower_ in modifiers), None)
            return _gaining(token, kind, _source(kind, "modified_nouns", f"{modifier} {head}")) if modifier else None
        need = lx.NOUN_NEEDS.get(lower) or lx.NOUN_NEEDS.get(lem)
        if need == "side" and not any(c.lower_ in lx.SIDE_WORDS for c in token.children):
            return None
        if need == "owner" and not any(c.dep_ in ("poss", "prep") for c in token.children):
            return None
        if need == "of" and not any(c.lower_ == "of" for c in token.children):
            return None
        if (partial := _partial(token, kind, word, mention_tokens)) is not None:
            return partial
        if kind == ClaimType.CONTROL and (fight := _fought_over(token)) is not None:
            # "fought for control of X", "fighting is under way for control of X": X is contested, not held
            return ClaimType.FIGHTING, _source(ClaimType.FIGHTING, "nouns" if fight.pos_ not in VERBAL else "verbs",
                                               lemma(fight)) + f" for '{token.text}'"
        if kind == ClaimType.CONTROL and token.dep_ == "dobj" and token.head.pos_ in VERBAL and \
                any(lx.VERB_TRIGGERS.get(f) == ClaimType.WITHDRAWAL for f in verb_forms(token.head)):
            # "lost control of X": the verb says what became of the control
            return ClaimType.WITHDRAWAL, _source(kind, "nouns", word) + f", object of '{token.head.text}': " \
                                         f"{lx.CLAIMS[ClaimType.WITHDRAWAL].name} verbs"
        return _gaining(token, kind, _source(kind, "adjectives" if word in lx.CLAIMS[kind].adjectives else "nouns",
                                             word))
    return None


def _fought_over(noun: Token) -> Token | None:
    """The fighting word whose "for" a noun is the object of: "battling for control", "clashes for the
    capture", or the subject of the clause the "for" hangs on ("fighting is under way for control")."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "for":
        return None
    over = noun.head.head
    for word in (over, subject(over) if over.pos_ in VERBAL else None):
        if word is not None and ClaimType.FIGHTING in (lx.NOUN_TRIGGERS.get(word.lower_), lx.NOUN_TRIGGERS.get(
                lemma(word)), *(lx.VERB_TRIGGERS.get(f) for f in verb_forms(word))):
            return word
    return None


_HAPPENING = {"go"}  # "the storming has been going on for weeks": an attack that goes on gains nothing


def _gaining(token: Token, kind: ClaimType, source: str) -> tuple[ClaimType, str]:
    """An attack noun whose verb is an advance verb makes an advance: "the offensive near X is progressing",
    "military operations near X are advancing well"."""
    head = token.head
    if kind == ClaimType.ATTACK and token.dep_ == "nsubj" and head.pos_ in VERBAL and \
            any(lx.VERB_TRIGGERS.get(f) == ClaimType.ADVANCE and f not in _HAPPENING for f in verb_forms(head)):
        return ClaimType.ADVANCE, f"{source} + '{head.text}': {lx.CLAIMS[ClaimType.ADVANCE].name} verbs"
    return kind, source


def _partial(token: Token, kind: ClaimType, word: str, mention_tokens: set[int]) -> tuple[ClaimType, str] | None:
    """The claim a capture of only part of a place makes: "captured a bridgehead near X", "the seizure of
    positions in X", "took control of a mine on the outskirts of X" gain ground there (the entry's
    `partial`), they do not take X."""
    entry = lx.CLAIMS[kind]
    if entry.partial is None:
        return None
    if token.pos_ in VERBAL:
        taken = child(token, "dobj", "nsubjpass") if word in entry.captures else None
    else:
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        taken = child(of, "pobj") if of is not None and word in entry.nouns else None
    if taken is None:
        return None
    if lemma(taken) in entry.partial_objects or taken.lower_ in entry.partial_objects:
        why = f"{_source(kind, 'partial_objects', lemma(taken))} taken by '{word}'"
    elif (token.pos_ not in VERBAL or word not in lx.NEEDS_SUPPORT) and _something_at_the_place(taken, mention_tokens):
        # a verb that needs support takes idioms as objects ("operations are taking place in X")
        why = f"'{taken.text}' at the place taken by '{word}'"
    else:
        return None
    return entry.partial, f"{why}: {entry.name} partial = {entry.partial.value}"


_LOCATING = {"pobj", "prep", "compound", "appos", "conj", "cc", "poss", "nmod", "amod", "det"}  # "a mine | on the edge | of X"


def _something_at_the_place(taken: Token, mention_tokens: set[int]) -> bool:
    """ "a coal mine on the outskirts of X", "the railway station in X", "a height near X": what was taken
    is a thing the place's name only locates, under a preposition inside its phrase or beside it on the
    verb ("seized a factory | on the edge of X"). Not the place itself or a settlement ("the village of
    X"), the whole of it or a part or share of it ("the rest of X", "the eastern part of X", "40 percent
    of X": control of what is held), people, or a claim word ("regained control over X")."""
    if taken.pos_ != "NOUN" or taken.i in mention_tokens:
        return False
    words = {taken.lower_, lemma(taken)}
    if words & (lx.PLACE_NOUNS | lx.PLACE_PARTS | lx.WHOLES | lx.FORCE_NOUNS | lx.PERSON_NOUNS | lx.CIVILIANS) or \
            any(w in lx.NOUN_TRIGGERS for w in words) or any(c.dep_ == "nummod" for c in taken.children):
        return False  # a part or a share of the place ("the eastern part of X", "89 percent of X") is held
    if any(c.dep_ in ("det", "predet") and c.lower_ == "all" for c in taken.children):
        return False  # "all the heights around X": the whole of it
    verb = taken.head if taken.dep_ == "dobj" else None
    for i in mention_tokens:
        t, path = taken.doc[i], []
        while t.head.i != t.i and t.i != taken.i and (verb is None or t.i != verb.i):
            path.append(t)
            t = t.head
        if any(p.dep_ not in _LOCATING for p in path):
            continue  # through a clause: "control of a road that leads to X" does not locate the road at X
        beside = verb is not None and t.i == verb.i and bool(path) and path[-1].dep_ == "prep"
        if (t.i == taken.i or beside) and any(p.dep_ == "pobj" for p in path):
            return True
    return False


def _headline_verb(token: Token) -> bool:
    """ "Russia Captures Toretsk", "Ukrainian Forces Liberate Kupiansk": a form of a claim verb (not one that is a
    claim noun too: "Russian Advance Pokrovsk ...") that the tagger took for part of a name in a Title Case
    headline, right before the place."""
    doc = token.doc
    return token.pos_ == "PROPN" and token.i + 1 < len(doc) and doc[token.i + 1].ent_type_ == "GPE" \
        and any(f in lx.VERB_TRIGGERS and (f != token.lower_ or f not in lx.NOUN_TRIGGERS)
                for f in lx.TRIGGER_LEMMAS_OF.get(token.lower_, ())) and title_case(doc)


def _near(forces: Token, mention_tokens: set[int]) -> bool:
    """ "troops within 3 km of X", "units 10 km from X": forces a distance from a place."""
    return _placing(forces.children, mention_tokens) == "near"


def _presence(token: Token, mention_tokens: set[int], passive: bool = False) -> str | None:
    """ "Russian troops are in X", "there are no Russians in X": forces said to be at a place ("in"), or a
    distance from it ("near": "Ukrainian forces are now 20 km from X", "within 3 km of X"); with `passive`,
    forces as the subject of a passive too ("were seen 5 km from X")."""
    forces = child(token, "nsubj", "attr") or (passive_subject(token) if passive else None)
    if forces is None or not (forces.lower_ in lx.FORCE_NOUNS or forces.ent_type_ == "NORP"
                              or forces.lower_ in {"we", "they"}):
        return None
    return _placing([*token.children, *forces.children], mention_tokens)


def _placing(nodes: Iterable[Token], mention_tokens: set[int]) -> str | None:
    """Where the first of these dependents that leads to the place puts forces: "near" it ("10 km from X",
    "within artillery range of X") or "in" it ("in X", "inside X"), else None."""
    nodes = list(nodes)
    measures = [n for n in nodes if n.dep_ in ("npadvmod", "dobj")]  # "stand | 7 km | from X" (a slip: km an object)
    nodes = [n for n in nodes if n.dep_ in ("prep", "advmod", "npadvmod", "dobj")]
    distances = None
    for node in nodes:
        below = {t.i for t in node.subtree}
        if not below & mention_tokens:
            continue
        if distances is None:
            distances = {i for f in node.doc.spans.get("figures", ()) if f.label_ in {"km", "mi", "m"}
                         for i in range(f.start, f.end)}
        if below & distances or lemma(child(node, "pobj") or node) in lx.REACH_NOUNS:
            return "near"
        if node.lower_ in ("from", "of") and any(n.i in distances for n in measures):
            return "near"  # the distance beside the preposition: "stand | 2 km | from X"
        if node.dep_ == "prep" and node.lower_ in {"in", "inside", "within"}:
            return "in"
    return None


def _support(token: Token, mention_tokens: set[int]) -> str | None:
    """The object, particle, voice or (for [support] place_subject) the place as subject that makes a verb of
    `verbs_with_support` a claim, if it has one."""
    lem = lemma(token)
    if lem in lx.PLACE_SUBJECT:
        return "the place as subject" if _place_subject(token, mention_tokens) else None
    if lem in lx.NAMED_OBJECT_VERBS:  # "changed hands"
        obj = child(token, "dobj")
        return obj.text if obj is not None and obj.lower_ in lx.NAMED_OBJECTS else None
    for node in token.children:
        if node.dep_ in ("advmod", "npadvmod") and node.i == token.i + 1 and node.i in mention_tokens \
                and child(token, "dobj") is None:
            return "the place"  # the object the tagger took for an adverb: "have taken Toretsk, TASS reported"
        if node.dep_ in ("dobj", "nsubjpass", "attr"):
            if lem in lx.PLACE_AS_OBJECT and node.lower_ in lx.FORCE_NOUNS:
                continue  # "losing its best units in the area" are losses, not ground
            if node.lower_ in lx.SUPPORTING_OBJECTS or node.lemma_.lower() in lx.SUPPORTING_OBJECTS:
                return node.text
            if lem in lx.PLACE_AS_OBJECT:
                if node.i in mention_tokens:
                    return "the place"
            elif any(t.i in mention_tokens for t in node.subtree):
                return "the place"
            if lem in lx.SUPPORTED_BY_FORCES and node.lower_ in lx.FORCE_NOUNS:
                return node.text
        if node.dep_ in ("prep", "advmod", "prt") and node.lower_ in lx.SUPPORTING_PARTICLES:
            if lem in lx.PLACE_PARTICLES_ONLY and node.lower_ not in lx.PLACE_PARTICLES:
                continue
            if lem in lx.MOVEMENT_PARTICLES_ONLY and node.lower_ not in lx.MOVEMENT_PARTICLES:
                continue
            if lem in lx.OBJECTS_ONLY:
                continue
            return node.text
    if lem in lx.SUPPORTED_BY_PASSIVE and is_passive(token):
        return "the passive"
    return None


_NOT_TAKEN = {"within", "under", "into", "outside", "short", "behind", "apart", "on", "off"}


def _place_subject(token: Token, mention_tokens: set[int]) -> bool:
    """ "X fell", "the town has fallen to Russian troops": the place is the verb's subject, and nothing
    says it fell some other way ("X fell silent", "X falls within range", "X fell under fire")."""
    doer = subject(token)
    if doer is None or not (doer.i in mention_tokens or doer.lower_ in lx.PLACE_NOUNS):
        return False
    return not any(c.dep_ in ("acomp", "oprd") or c.dep_ == "prep" and c.lower_ in _NOT_TAKEN and not _when(c)
                   for c in token.children)


def _when(preposition: Token) -> bool:
    """ "on 17 February", "within days": a preposition that only says when."""
    obj = child(preposition, "pobj")
    return obj is not None and (obj.ent_type_ in ("DATE", "TIME") or lemma(obj) in {"day", "week", "hour", "month"})


def choose(mention: Mention, triggers: list[Trigger]) -> Trigger | None:
    """The claim word of the sentence's main assertion about the place (clauses about the place, such as
    "X, where Russian forces claimed victory", are read separately)."""
    root = mention.span.root
    relative = {t.i for c in relative_clauses(root) for t in c.subtree}
    best, best_rank = None, None
    for trigger in triggers:
        token, weak = trigger.token, trigger.weak
        if token.i in relative:
            continue
        steps = path(root, token)
        if steps is None:
            continue
        common = lca(root, token)
        steps = (steps[0] - _coordination_steps(root, common), steps[1])
        if sum(steps) > MAX_PATH:
            continue
        if common is not None and common.i != token.i and lemma(common) in lx.SPEECH_VERBS \
                and common.pos_ in VERBAL and not (token.head.i == common.i and token.dep_ == "dobj"):
            continue  # "confirmed the retreat ... to the outskirts of X" keeps the retreat
        if common is not None and _other_verb_between(root, common, triggers):
            continue
        if weak and steps[1] > 0 and sum(steps) > 3:
            continue  # a weak word counts only over the place or right beside it
        rank = (weak, steps[1] > 0, sum(steps), abs(token.i - root.i))
        if best_rank is None or rank < best_rank:
            best, best_rank = trigger, rank
    if best is not None and best.token.dep_ in ("nsubj", "nsubjpass") and best.token.pos_ in ("NOUN", "PROPN"):
        # "the Ukrainian garrison of X is surrounded": what the predicate says of the noun is the claim
        head = best.token.head
        predicate = next((t for t in triggers if not t.weak and t.token.i != best.token.i and (
            t.token.i == head.i or t.token.head.i == head.i and t.token.dep_ in ("acomp", "attr"))), None)
        best = predicate or best
    stopped = lx.CLAIMS[best.kind].stopped if best is not None else None
    if stopped is not None and best.token.pos_ in ("NOUN", "PROPN"):
        # "repelled three Ukrainian attacks near X", "forced them to reduce the tempo of the offensive"
        stopper = stopping_verb(best.token)
        if stopper is not None:
            return Trigger(stopper, stopped, False, f"stops {best.explain()}: {lx.CLAIMS[best.kind].name} stopped = "
                                                    f"{stopped.value}")
    return best


def _coordination_steps(root: Token, common: Token | None) -> int:
    """The steps from a place up to `common` that only join it to a noun it is listed with ("A, B, C and
    D", "the villages of A and the towns of B"): a list's tenth place shares the claim word of its first."""
    steps, token = 0, root
    while common is not None and token.i != common.i and token.head is not token:
        if token.dep_ == "conj" and token.pos_ in ("NOUN", "PROPN") and token.head.pos_ in ("NOUN", "PROPN"):
            steps += 1
        token = token.head
    return steps


def _other_verb_between(root: Token, common: Token, triggers: list[Trigger]) -> bool:
    """True when the place belongs to another verb's clause ("having crossed the Gaichur River, ... advancing").

    Participles that only describe a noun on the way ("troops stationed in X") do not count.
    """
    trigger_ids = {t.token.i for t in triggers}
    token = root
    while token.i != common.i and token.head is not token:
        token = token.head
        if token.i == common.i:
            break
        if token.pos_ == "VERB" and token.i not in trigger_ids and token.dep_ in ("advcl", "ccomp", "conj", "xcomp",
                                                                                     "ROOT", "pcomp"):
            return True
    return False
