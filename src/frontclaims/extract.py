"""From parsed sentences to claims: which place, what is asserted about it, who asserts it, for which side.

Sentence structure decides, not keywords anywhere in the sentence. A place takes the claim word that
governs it in the dependency tree (else the nearest one in its clause); the claim takes the speaker
whose reported-speech verb, "according to" phrase or statement noun governs that word (else the
speaker of the surrounding quotation or passage, else the outlet's own voice); the subject side
is read from the agent of the claim word, and for an encirclement from who is encircled.
Negation turns a claim into a denial; "no confirmation that ..." and "would be a blow" drop it;
"will take" and "trying to take" make a capture an advance.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from . import lexicon as lx
from .components import PLACE
from .dates import resolve_date
from .figures import find_figures, parse_figure
from .gazetteer import Gazetteer
from .models import Article, Claim, ClaimType, Figure, PlaceKind, Side
from .mentions import Mention, resolve_mentions
from .segment import Sentence
from .sides import Actor, Sides

MAX_PATH = 8
_VERBAL = {"VERB", "AUX"}
_NOMINAL = {"NOUN", "PROPN", "ADJ", "PRON", "NUM"}
_CUT_FROM_PHRASE = {"relcl", "acl", "advcl", "punct", "cc", "conj", "prep"}
FRONT_WIDE_UNITS = {"km2", "mi2", "settlements"}
_QUOTE_OPEN = "“«"
_QUOTE_CLOSE = "”»"


@dataclass(frozen=True)
class Speaker:
    """Who makes a claim, as written, with their side and the rule that found them."""

    text: str
    side: Side
    rule: str
    trailing: bool = False
    named: bool = True
    person: bool = False


@dataclass
class _Found:
    mention: Mention
    claim: ClaimType
    speaker: Speaker
    subject: Side
    rule: str
    trigger: Token | None = None
    place_text: str = ""
    denies: ClaimType | None = None


@dataclass
class _Memory:
    """The speakers met so far, for "he said" and "the general added"."""

    speakers: list[Speaker] = field(default_factory=list)

    def last(self, with_side: bool = False, person: bool = False) -> Speaker | None:
        for speaker in reversed(self.speakers):
            if speaker.named and (not with_side or speaker.side != Side.UNKNOWN) and (not person or speaker.person):
                return speaker
        return None


# -- small tree helpers ------------------------------------------------------------------------------
def _lemma(token: Token) -> str:
    return token.lemma_.lower()


_TRIGGER_WORDS = "frontclaims_trigger_words"
_PHRASAL_LEMMAS = {lemma for lemma, _ in lx.PHRASAL}


def _trigger_words(doc: Doc) -> list[Token]:
    """The words of a sentence that may make a claim about one of its places (a superset of those
    `_triggers` keeps): worked out once per sentence, however many places it names."""
    at = doc.user_data.get(_TRIGGER_WORDS)
    if at is None:
        at = doc.user_data[_TRIGGER_WORDS] = [t.i for t in doc if _may_trigger(t)]
    return [doc[i] for i in at]


def _may_trigger(token: Token) -> bool:
    lower, lemma = token.lower_, _lemma(token)
    return (lemma == "be" or lower in lx.DENIAL_FORMS or lower in lx.WEAK_TRIGGERS or lower == "distance"
            or lower in lx.MODIFIED_NOUNS or lemma in lx.MODIFIED_NOUNS or lower in lx.NOUN_TRIGGERS or lemma in lx.NOUN_TRIGGERS or lemma in _PHRASAL_LEMMAS
            or any(form in lx.VERB_TRIGGERS for form in _verb_forms(token)))


def _relative_clauses(root: Token) -> list[Token]:
    """Clauses about a place: "X, where ...", "X, a town which ...", "X, held by ..."."""
    heads = [root, *(c for c in root.children if c.dep_ == "appos")]
    return [c for h in heads for c in h.children if c.dep_ in ("relcl", "acl")]


def _verb_forms(token: Token) -> list[str]:
    """The lemma, then lemmas guessed from the word's ending: the lemmatizer reads "raging" as "rag"."""
    lower = token.lower_
    forms = [_lemma(token)]
    for ending in ("ing", "ed", "es", "s"):
        if lower.endswith(ending) and len(lower) > len(ending) + 2:
            stem = lower[: -len(ending)]
            forms += [stem, stem + "e"] + ([stem[:-1]] if len(stem) > 2 and stem[-1] == stem[-2] else [])
    return forms


def _path(a: Token, b: Token) -> tuple[int, int] | None:
    """(steps up from a, steps down to b) through their lowest common ancestor."""
    ups = {t.i: n for n, t in enumerate([a, *a.ancestors])}
    for down, t in enumerate([b, *b.ancestors]):
        if t.i in ups:
            return ups[t.i], down
    return None


def _lca(a: Token, b: Token) -> Token | None:
    ups = {t.i for t in [a, *a.ancestors]}
    return next((t for t in [b, *b.ancestors] if t.i in ups), None)


def _child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _is_passive(token: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)


def _phrase(token: Token) -> Span:
    """The noun phrase headed by a token, without its clauses and its time and manner modifiers."""
    doc = token.doc
    keep = {token.i}
    stack = [c for c in token.children if c.dep_ not in _CUT_FROM_PHRASE or c.dep_ in ("appos", "prep")]
    if token.lower_ in lx.MEDIA_NOUNS:
        stack += [c for c in token.children if c.dep_ == "acl" and c.lemma_.lower() in lx.MEDIA_VERBS]
    while stack:
        child = stack.pop()
        if child.dep_ in ("relcl", "advcl") or (child.dep_ == "acl" and child.head.i != token.i):
            continue
        if child.dep_ == "prep" and any(t.ent_type_ in ("DATE", "TIME") for t in child.subtree):
            continue
        keep.add(child.i)
        stack.extend(c for c in child.children if c.dep_ not in ("relcl", "acl", "advcl", "conj", "cc"))
    start, end = min(keep), max(keep) + 1
    while start < end - 1 and (doc[start].is_punct or doc[start].lower_ in {"and", "but"}):
        start += 1
    while end - 1 > start and doc[end - 1].is_punct and not doc[end - 1].is_quote:
        end -= 1
    if end - start > 14:
        end = start + 14
    return doc[start:end]


def _balanced(text: str) -> str:
    """Text with a closing quote added where it opens one and stops: 'Corps “Khartia' -> 'Corps “Khartia”'."""
    if text.count("“") > text.count("”"):
        return text + "”"
    if text.count('"') % 2:
        return text + '"'
    return text


def _subject(verb: Token) -> Token | None:
    """The subject of a verb, following shared subjects of conjoined, adverbial and relative clauses."""
    seen = 0
    while verb is not None and seen < 6:
        passive_ok = _lemma(verb) in lx.PASSIVE_SOURCE_VERBS or (seen > 0 and _lemma(verb) not in lx.SPEECH_VERBS)
        subject = _child(verb, "nsubj") or (_child(verb, "nsubjpass") if passive_ok else None)
        if subject is not None and subject.pos_ in _VERBAL:
            subject = None
        if subject is not None:
            if subject.lower_ in {"which", "who", "that"} and verb.dep_ == "relcl":
                return verb.head
            if subject.dep_ == "expl" or subject.lower_ == "there":
                return None
            return subject
        if verb.dep_ == "relcl":
            return verb.head
        if verb.dep_ in ("conj", "xcomp", "advcl", "acl", "pcomp") and verb.head is not verb:
            verb = verb.head
            seen += 1
            continue
        return None
    return None


def _negated(token: Token) -> bool:
    """True when the claim word, or the verb carrying it, is negated: "not surrounded", "neither ... nor"."""
    for t in (token, token.head if token.dep_ in ("acomp", "xcomp", "dobj", "attr", "pobj") else None):
        if t is None:
            continue
        if any(c.dep_ == "neg" or c.lower_ in {"never", "no"} and c.dep_ in ("det", "advmod") for c in t.children):
            return True
        for subject in (_child(t, "nsubj", "nsubjpass"), _child(t, "attr") if _lemma(t) == "be" else None):
            if subject is not None and any(c.lower_ in {"neither", "no"} for c in subject.children):
                return True
    return False


# -- the extractor ---------------------------------------------------------------------------------
class Extractor:
    """Turns an article's parsed sentences into claims."""

    def __init__(self, gazetteer: Gazetteer, sides: Sides):
        self.gazetteer = gazetteer
        self.sides = sides.with_gazetteer(gazetteer)  # officials of any place take its country's side
        self._home = Side.UNKNOWN  # the outlet's country: whose "the military" an unmarked one is
        self._country = next((p for p in gazetteer.places if p.id == "country:UA"), None)
        self._outlet_of: tuple[str, Actor | None] = ("", None)  # (article id, its outlet)

    # -- places ------------------------------------------------------------------------------------
    def mentions(self, sentences: Sequence[Sentence], docs: Sequence[Doc]) -> list[Mention]:
        """Every place mention of the article, resolved (see `mentions.resolve_mentions`)."""
        return resolve_mentions(self.gazetteer, sentences, docs, stands_for_government=self._stands_for_government)

    @staticmethod
    def _stands_for_government(mention: Mention) -> bool:
        """ "Kyiv's troops", "Moscow said", "the Kiev regime": a place name used for a state or its army."""
        root = mention.span.root
        head = root.head
        if root.dep_ == "poss":
            return not (head.lower_ in lx.NOUN_TRIGGERS or head.lemma_.lower() in lx.NOUN_TRIGGERS
                        or head.lower_ in lx.WEAK_TRIGGERS)
        if root.dep_ in ("nsubj", "nsubjpass") and _lemma(head) in lx.SPEECH_VERBS:
            return True
        following = mention.span.doc[mention.span.end:mention.span.end + 2]
        if any(t.pos_ in _VERBAL and _lemma(t) in lx.SPEECH_VERBS for t in following[:1]) or (
                len(following) == 2 and following[0].lemma_ in ("have", "be") and _lemma(following[1]) in lx.SPEECH_VERBS):
            return True  # "as Kyiv announced ...", whatever the parser made of it
        capital = mention.place is not None and (mention.place.population or 0) >= 1_000_000
        if capital and root.dep_ == "nsubj" and _lemma(head) not in lx.VERB_TRIGGERS and _lemma(head) != "be":
            return True
        if root.dep_ in ("compound", "npadvmod", "amod") and (head.lower_ in lx.GOVERNMENT_NOUNS
                                                           or head.lower_.endswith(lx.GOVERNMENT_SUFFIXES)):
            return True
        return False

    # -- speakers ----------------------------------------------------------------------------------
    def _speaker(self, token: Token, rule: str, memory: _Memory, trailing: bool = False) -> Speaker:
        phrase = _phrase(token)
        text = _balanced(re.sub(r"\s*['’]s$", "", phrase.text.strip(" ,;:\"“”'’")))
        side = self.sides.side_of(text)
        lowered = text.lower()
        if lowered in lx.PRONOUNS:
            last = memory.last(with_side=True, person=lowered in lx.PERSONAL_PRONOUNS) or memory.last(with_side=True)
            if last is not None:
                return Speaker(last.text, last.side, f"{rule}; '{text}' = {last.text}", trailing, True, last.person)
            return Speaker(text, Side.UNKNOWN, rule, trailing, named=False)
        actor = self.sides.find_actor(text.split())
        person = (actor is not None and actor.kind == "person") or any(
            t.ent_type_ == "PERSON" for t in phrase if t.pos_ == "PROPN")
        head = phrase.root.lemma_.lower()
        if side == Side.UNKNOWN and head in lx.DEFINITE_SPEAKERS and phrase[0].lower_ not in ("a", "an"):
            last = memory.last(with_side=True)  # "the spokesman" is one met before; "a spokesman" is new
            if last is not None:
                return Speaker(text, last.side, f"{rule}; '{text}' refers back to {last.text}", trailing, True,
                               last.person)
        if side == Side.UNKNOWN and self._home != Side.UNKNOWN:
            side = self.sides.side_of(text, home=self._home)
            if side != Side.UNKNOWN:
                rule += f"; an unmarked institution of the outlet's country ({side.value})"
        return Speaker(text, side, rule, trailing, person=person)

    def _governing_speaker(self, token: Token, memory: _Memory) -> Speaker | None:
        """The speaker whose verb, "according to" phrase or statement noun governs the claim word."""
        if _lemma(token) in lx.DENIAL_VERBS and token.pos_ in _VERBAL:
            subject = _subject(token)
            if subject is not None:
                return self._speaker(subject, f"subject of '{token.text}'", memory)
        if token.lower_ in lx.DENIAL_FORMS and token.pos_ not in _VERBAL and 0 < token.i <= 8 \
                and not any(t.pos_ in _VERBAL for t in token.doc[:token.i]):
            # a headline the tagger misread: "Ukraine's military dismisses Russian statement on ..."
            words = token.doc[:token.i]
            return Speaker(words.text, self.sides.side_of(words.text), f"the words before '{token.text}'")
        for anc in [token, *token.ancestors]:
            according = self._according_to(anc, memory)
            if according is not None:
                return according
            noun = self._statement_before_that(anc)
            if noun is not None:
                return self._speaker(self._owner(noun), f"source of '{noun.text}'", memory)
            if anc is token:
                continue
            if _lemma(anc) in lx.SPEECH_VERBS and anc.pos_ in _VERBAL:
                subject = _subject(anc)
                if subject is not None and subject.i != token.i:
                    return self._speaker(subject, f"subject of '{anc.text}'", memory)
            if anc.lower_ in lx.SPEECH_NOUNS and anc.pos_ in ("NOUN", "PROPN"):
                owner = self._owner(anc)
                if owner is not None:
                    return self._speaker(owner, f"source of '{anc.text}'", memory)
        return None

    def _statement_before_that(self, clause: Token) -> Token | None:
        """ "Moscow's announcement in November that ...": the statement noun a that-clause follows, with an owner.

        The parser often hangs such a clause on the main verb; the words before "that" say whose it is.
        """
        mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"), None)
        if mark is None or clause.pos_ not in _VERBAL:
            return None
        doc = clause.doc
        for k in range(mark.i - 1, max(mark.i - 5, -1), -1):
            if doc[k].lower_ in lx.SPEECH_NOUNS and doc[k].pos_ in ("NOUN", "PROPN") and self._owner(doc[k]) is not None:
                return doc[k]
            if doc[k].is_punct or doc[k].pos_ in _VERBAL:
                break
        return None

    def _according_to(self, token: Token, memory: _Memory) -> Speaker | None:
        for child in token.children:
            if child.lower_ == "according":
                to = next((c for c in child.children if c.lower_ == "to"), None)
                source = _child(to, "pobj") if to is not None else None
                if source is not None:
                    inner = next((c for c in source.children if c.dep_ == "prep" and c.lower_ in {"from", "by"}), None)
                    if source.lower_ in lx.SPEECH_NOUNS and inner is not None and _child(inner, "pobj") is not None:
                        source = _child(inner, "pobj")
                    elif source.lower_ in lx.SPEECH_NOUNS and self._owner(source) is None:
                        return None  # "according to reports": no one in particular
                    return self._speaker(source, "'according to'", memory)
        return None

    @staticmethod
    def _owner(noun: Token) -> Token | None:
        """Whose statement a statement noun is: "Moscow's announcement", "statements by the chief", "Russian claims"."""
        owner = _child(noun, "poss")
        if owner is not None:
            return owner
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in {"by", "from"}:
                pobj = _child(prep, "pobj")
                if pobj is not None:
                    return pobj
        if any(c.dep_ in ("amod", "compound") and c.lower_ in lx.SIDE_ADJECTIVES for c in noun.children):
            return noun
        if any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in noun.children):
            return noun  # "DeepState maps", "ISW assessment"
        return None

    def sentence_speaker(self, doc: Doc, memory: _Memory, main_only: bool = True) -> Speaker | None:
        """The speaker of a sentence as a whole: the subject of its main reporting verb (or of any, for
        remembering who has spoken), or the agent of "This was stated by X"."""
        for token in doc:
            if token.dep_ in ("ROOT", "conj", "parataxis") or (token.dep_ == "ccomp" and token.head.dep_ == "ROOT"):
                according = self._according_to(token, memory)
                if according is not None:
                    return according
        deps = ("ROOT", "parataxis", "conj", "ccomp") if main_only else ("ROOT", "parataxis", "conj", "ccomp", "advcl")
        verbs = [t for t in doc if _lemma(t) in lx.SPEECH_VERBS and t.pos_ in _VERBAL and t.dep_ in deps]
        for token in sorted(verbs, key=lambda t: deps.index(t.dep_)):  # the main verb first: '"...," X said'
            agent = _child(token, "agent")
            if agent is not None and _child(agent, "pobj") is not None:
                back = _child(token, "nsubjpass")
                trailing = back is not None and back.lower_ in {"this", "that", "it"}
                return self._speaker(_child(agent, "pobj"), f"agent of '{token.text}'", memory, trailing=trailing)
            subject = _subject(token)
            if subject is not None and subject.lower_ not in {"this", "that"}:
                trailing = token.i > len(doc) * 0.5
                return self._speaker(subject, f"subject of '{token.text}'", memory, trailing=trailing)
        return None

    # -- claims ------------------------------------------------------------------------------------
    def _triggers(self, doc: Doc, mentions: list[Mention]) -> list[tuple[Token, ClaimType, bool]]:
        mention_tokens = {i for m in mentions for i in range(m.span.start, m.span.end)}
        found = []
        for token in _trigger_words(doc):
            if token.i in mention_tokens:
                continue
            kind = self._trigger_type(token, mention_tokens)
            if kind is not None:
                found.append((token, kind, False))
            elif token.lower_ in lx.WEAK_TRIGGERS and token.pos_ in ("NOUN", "PROPN"):
                found.append((token, lx.WEAK_TRIGGERS[token.lower_], True))
            elif token.lower_ == "distance" and token.pos_ == "NOUN":
                found.append((token, ClaimType.ADVANCE, True))
        return found

    def _trigger_type(self, token: Token, mention_tokens: set[int]) -> ClaimType | None:
        if token.lower_ in lx.DENIAL_FORMS:
            return ClaimType.DENIAL  # "Ukraine's military dismisses ...": headlines confuse the tagger
        kind = self._claim_word(token, mention_tokens)
        return None if kind is None or self._avoided(token) else kind

    def _claim_word(self, token: Token, mention_tokens: set[int]) -> ClaimType | None:
        """The kind of claim a word makes, read from the word and its dependents."""
        lemma, lower = _lemma(token), token.lower_
        if lemma == "be" and self._presence(token, mention_tokens):
            return ClaimType.CONTROL
        if token.pos_ in _VERBAL or (token.pos_ == "ADJ" and lemma in lx.VERB_TRIGGERS):
            particles = [c.lower_ for c in token.children if c.dep_ in ("prt", "advmod")]
            for particle in particles:
                if (lemma, particle) in lx.PHRASAL:
                    return lx.PHRASAL[(lemma, particle)]
            lemma = next((f for f in _verb_forms(token) if f in lx.VERB_TRIGGERS), None)
            if lemma is None:
                return None
            if lemma in lx.NEEDS_SUPPORT and not self._supported(token, mention_tokens):
                return None
            return lx.VERB_TRIGGERS[lemma]
        if token.pos_ in ("NOUN", "PROPN", "ADJ"):
            kind = lx.NOUN_TRIGGERS.get(lower) or lx.NOUN_TRIGGERS.get(lemma)
            if kind is None:
                modified = lx.MODIFIED_NOUNS.get(lower) or lx.MODIFIED_NOUNS.get(lemma)
                if modified is not None and any(c.lower_ in modified[0] for c in token.children):
                    return modified[1]
                return None
            need = lx.NOUN_NEEDS.get(lower) or lx.NOUN_NEEDS.get(lemma)
            if need == "side" and not any(c.lower_ in lx.SIDE_WORDS for c in token.children):
                return None
            if need == "owner" and not any(c.dep_ in ("poss", "prep") for c in token.children):
                return None
            if need == "of" and not any(c.lower_ == "of" for c in token.children):
                return None
            return kind
        return None

    @staticmethod
    def _presence(token: Token, mention_tokens: set[int]) -> bool:
        """ "Russian troops are in X", "there are no Russians in X": forces said to be at a place."""
        forces = _child(token, "nsubj", "attr")
        if forces is None or not (forces.lower_ in lx.FORCE_NOUNS or forces.ent_type_ == "NORP"
                                  or forces.lower_ in {"we", "they"}):
            return False
        return any(c.dep_ == "prep" and c.lower_ in {"in", "inside", "within"} and
                   any(t.i in mention_tokens for t in c.subtree) for c in [*token.children, *forces.children])

    @staticmethod
    def _avoided(token: Token) -> bool:
        """ "to avoid encirclement", "the threat of encirclement": a danger named, not a claim made."""
        for t in (token.head, token.head.head):
            if _lemma(t) in lx.AVOIDING:
                return True
        return False

    @staticmethod
    def _supported(token: Token, mention_tokens: set[int]) -> bool:
        """True when a verb that needs it has the object or preposition that makes it a claim."""
        lemma = _lemma(token)
        for child in token.children:
            if child.dep_ in ("dobj", "nsubjpass", "attr"):
                if child.lower_ in lx.SUPPORTING_OBJECTS or child.lemma_.lower() in lx.SUPPORTING_OBJECTS:
                    return True
                if any(t.i in mention_tokens for t in child.subtree):
                    return True
                if lemma in lx.SUPPORTED_BY_FORCES and child.lower_ in lx.FORCE_NOUNS:
                    return True
            if child.dep_ in ("prep", "advmod", "prt") and child.lower_ in lx.SUPPORTING_PARTICLES:
                if lemma in lx.PLACE_PARTICLES_ONLY and child.lower_ not in lx.PLACE_PARTICLES:
                    continue
                if lemma in lx.OBJECTS_ONLY:
                    continue
                return True
        if lemma in lx.SUPPORTED_BY_PASSIVE and _is_passive(token):
            return True
        return False

    def _choose_trigger(self, mention: Mention, triggers) -> tuple[Token, ClaimType, bool] | None:
        """The claim word of the sentence's main assertion about the place (clauses about the place, such as
        "X, where Russian forces claimed victory", are read separately)."""
        root = mention.span.root
        relative = {t.i for c in _relative_clauses(root) for t in c.subtree}
        best, best_rank = None, None
        for token, kind, weak in triggers:
            if token.i in relative:
                continue
            path = _path(root, token)
            if path is None or sum(path) > MAX_PATH:
                continue
            lca = _lca(root, token)
            if lca is not None and lca.i != token.i and _lemma(lca) in lx.SPEECH_VERBS and lca.pos_ in _VERBAL \
                    and not (token.head.i == lca.i and token.dep_ == "dobj"):
                continue  # "confirmed the retreat ... to the outskirts of X" keeps the retreat
            if lca is not None and self._other_verb_between(root, lca, token, triggers):
                continue
            if weak and path[1] > 0 and sum(path) > 3:
                continue  # a weak word counts only over the place or right beside it
            rank = (weak, path[1] > 0, sum(path), abs(token.i - root.i))
            if best_rank is None or rank < best_rank:
                best, best_rank = (token, kind, weak), rank
        stopped = lx.CLAIMS[best[1]].stopped if best is not None else None
        if stopped is not None and best[0].pos_ in ("NOUN", "PROPN"):
            # "repelled three Ukrainian attacks near X", "forced them to reduce the tempo of the offensive"
            stopper = self._stopping_verb(best[0])
            if stopper is not None:
                return stopper, stopped, False
        return best

    @staticmethod
    def _stopping_verb(noun: Token) -> Token | None:
        """The verb that stops an attack or an advance named by this noun, if any."""
        token = noun
        for _ in range(3):
            if token.dep_ not in ("dobj", "nsubjpass", "pobj", "prep"):
                return None
            token = token.head
            if token.pos_ in _VERBAL:
                return token if _lemma(token) in lx.STOPPING else None
        return None

    @staticmethod
    def _other_verb_between(root: Token, lca: Token, trigger: Token, triggers) -> bool:
        """True when the place belongs to another verb's clause ("having crossed the Gaichur River, ... advancing").

        Participles that only describe a noun on the way ("troops stationed in X") do not count.
        """
        trigger_ids = {t.i for t, _, _ in triggers}
        token = root
        while token.i != lca.i and token.head is not token:
            token = token.head
            if token.i == lca.i:
                break
            if token.pos_ == "VERB" and token.i not in trigger_ids and token.dep_ in ("advcl", "ccomp", "conj", "xcomp",
                                                                                         "ROOT", "pcomp"):
                return True
        return False

    def _in_speaker_phrase(self, mention: Mention) -> bool:
        """True for a place inside the subject of a reporting verb: "Kharkiv governor Oleh Syniehubov said"."""
        root = mention.span.root
        for anc in root.ancestors:
            if _lemma(anc) in lx.SPEECH_VERBS and anc.pos_ in _VERBAL:
                subject = _subject(anc)
                if subject is None:
                    return False
                phrase = _phrase(subject)
                return phrase.start <= root.i < phrase.end
        return False

    @staticmethod
    def _describes_another(mention: Mention, others: list[Mention]) -> bool:
        """True for a place that only says where another one is.

        "Kupiansk in the Kharkiv region", "Rabotino, a village in the Zaporozhye region",
        "Sievjerodonetsk is one of the last parts of Luhansk", "the capital of Zaporozhye Region".
        """
        doc, start = mention.span.doc, mention.span.start
        linking = {"in", "the", ",", "of", "a", "an", "located", "situated", "near"} | lx.PLACE_NOUNS
        larger = mention.place is not None and mention.place.kind in (PlaceKind.OBLAST, PlaceKind.REGION,
                                                                        PlaceKind.RAION)
        for other in others:
            gap = start - other.span.end
            if other is mention or other.place is None or not 0 < gap <= (6 if larger else 2):
                continue
            between = {t.lower_ for t in doc[other.span.end:start]}
            if ("in" in between or larger) and between <= linking:
                return True
        for other in others:  # "Vovchansk in Kharkiv region": the parser may hang X on Y; the words say otherwise
            gap = other.span.start - mention.span.end
            if other is not mention and 0 < gap <= 2 and doc[mention.span.end].lower_ == "in" and \
                    other.place is not None and other.place.kind in (PlaceKind.OBLAST, PlaceKind.REGION):
                return False
        spans = {i for m in others if m is not mention for i in range(m.span.start, m.span.end)}
        token, deps = mention.span.root, []
        while token.head is not token and len(deps) < 6:
            deps.append(token.dep_)
            token = token.head
            if token.i in spans:
                if "conj" not in deps and any(d not in ("appos", "cc", "punct") for d in deps):
                    return True
                deps = []  # coordinated with or in apposition to another place: it shares that one's role
            if token.pos_ in _VERBAL:
                break
        # "X is / serves as / remains <something> in Y": Y describes the subject X.
        if token.pos_ in _VERBAL and _lemma(token) in lx.DESCRIBING_VERBS:
            subject = _child(token, "nsubj", "nsubjpass")
            subject_ids = {t.i for t in subject.subtree} if subject is not None else set()
            if subject_ids & spans and mention.span.root.i not in subject_ids:
                return True
        return False

    @staticmethod
    def _inside_actor(mention: Mention, doc: Doc) -> bool:
        """True for a place inside a unit's or actor's name: "Battlegroup Dnepr", "Kharkiv Oblast Administration"."""
        spans = list(doc.spans.get("units", [])) + list(doc.spans.get("actors", []))
        return any(s.start <= mention.span.start and mention.span.end <= s.end for s in spans)

    @staticmethod
    def _reference_point(mention: Mention, doc: Doc) -> bool:
        """True for a place that only locates another: "a village 30 km north of Kharkiv", "X, 60 km from Y".

        A distance that belongs to a movement ("advanced to within 5 km of X") keeps X as a claim's place.
        """
        root = mention.span.root
        head = root.head
        if root.dep_ != "pobj" or head.lower_ not in {"of", "from"}:
            return False
        figures = [s for s in doc.spans.get("figures", []) if s.label_ in {"km", "mi", "m"}]
        anchor = head.head
        in_figure = [f for f in figures if f.start <= anchor.i < f.end]
        if not in_figure and any(f.start <= c.i < f.end for c in head.children for f in figures):
            # "village 30km from Kharkiv" parsed with the distance on the preposition
            in_figure = [f for f in figures if any(f.start <= c.i < f.end for c in head.children)]
            places = {i for s in doc.spans.get("places", []) for i in range(s.start, s.end)}
            return anchor.lower_ in lx.PLACE_NOUNS or anchor.i in places or _lemma(anchor) in {"locate", "lie", "situate"}
        if anchor.lower_ in lx.COMPASS:
            # "east of the river", "30 km north of X" locate; "the south of the region" is a part of it.
            return not any(c.dep_ == "det" for c in anchor.children)
        if not in_figure:
            return False
        token = anchor
        for _ in range(4):
            if any(f.start <= token.i < f.end for f in figures) or token.lower_ in lx.COMPASS or token.dep_ == "prep":
                token = token.head
                continue
            break
        places = {i for s in doc.spans.get("places", []) for i in range(s.start, s.end)}
        if token.pos_ in ("NOUN", "PROPN") and (token.i in places or token.lower_ in lx.PLACE_NOUNS) \
                or _lemma(token) in lx.LOCATING_VERBS | {"be"}:
            return True
        # the parser may hang "30km from X" on the verb: read the words before the distance instead
        figure = in_figure[0] if in_figure else None
        before = [t for t in doc[max(figure.start - 3, 0):figure.start]] if figure is not None else []
        before = [t for t in before if t.lower_ not in {"about", "some", "around", "roughly", "nearly", "only"}]
        return bool(before) and (before[-1].i in places or before[-1].lower_ in lx.PLACE_NOUNS or before[-1].text == ",")

    def _wrappers(self, token: Token) -> tuple[str | None, Token | None]:
        """What the claim word sits under: ("hedge", t), ("denial", t), ("hypothetical", t), ("prospective", t)."""
        for anc in [token, *token.ancestors]:
            lower, lemma = anc.lower_, _lemma(anc)
            if anc is not token and lemma in lx.HEDGES and any(c.lower_ == "no" for c in anc.children):
                return "hedge", anc
            if anc is not token and lemma in lx.UNVERIFIED and _negated(anc):
                return "hedge", anc
            if anc is not token and lemma in lx.DENIAL_VERBS and anc.pos_ in _VERBAL:
                return "denial", anc
            if any(c.lower_ in lx.DENIAL_WORDS and c.dep_ in ("acomp", "attr", "advmod", "amod") for c in anc.children) \
                    or (anc is not token and lower in lx.DENIAL_WORDS):
                return "denial", anc
            if any(c.dep_ == "mark" and c.lower_ == "if" for c in anc.children):
                return "hypothetical", anc
            if anc.pos_ in _VERBAL and anc.dep_ in ("ccomp", "ROOT") and anc is not token:
                break
        return None, None

    @staticmethod
    def _stated_as_a_goal(token: Token) -> bool:
        """ "The capture of the Luhansk region is one of Russia's main goals", "objectives including full
        control of Donetsk", "strategies aimed at consolidating gains": an aim, not a claim."""
        for anc in [token, *list(token.ancestors)[:4]]:
            if anc.dep_ in ("nsubj", "nsubjpass") and _lemma(anc.head) == "be":
                attr = _child(anc.head, "attr")
                if attr is not None and any(_lemma(t) in lx.GOALS for t in attr.subtree):
                    return True
            if anc is not token and (_lemma(anc) in lx.GOALS or _lemma(anc) == "aim"):
                return True
            if anc is not token and anc.pos_ in _VERBAL and anc.dep_ in ("ROOT", "ccomp"):
                break
        return False

    def _modality(self, token: Token) -> str | None:
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
            if t.pos_ in _VERBAL and auxes & lx.MODALS_HYPOTHETICAL:
                subject = _child(t, "nsubj")
                if subject is not None and token.i in {x.i for x in subject.subtree}:
                    return "hypothetical"
                return "future"
            if t is not token and _lemma(t) in lx.PROSPECTIVE and (previous is None or previous.dep_ not in
                                                                    ("nsubj", "nsubjpass", "csubj")):
                return "prospective"
            if t is not token and (t.lower_ in lx.SPEECH_NOUNS or _lemma(t) in lx.SPEECH_VERBS):
                break
            if t.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in {
                    "when", "after", "since", "once", "as", "because", "while"} for c in t.children):
                break
            if t.pos_ in _VERBAL and t.dep_ in ("ROOT", "ccomp") and t is not token:
                break
            previous = t
        return None

    def _subject_side(self, token: Token | None, kind: ClaimType, speaker: Speaker) -> Side:
        own = speaker.side if speaker.side in (Side.RU, Side.UA) else Side.UNKNOWN
        subject = lx.CLAIMS[kind].subject
        if subject == "opponent":
            return own.opponent
        if subject == "none":
            return Side.UNKNOWN
        if token is None:
            return own
        if subject == "patient":
            patient = self._patient(token)
            side = self.sides.side_of(_phrase(patient).text, own) if patient is not None else Side.UNKNOWN
            return side if side in (Side.RU, Side.UA) else own.opponent
        agent = self._agent(token)
        if agent is not None:
            side = self.sides.side_of(_phrase(agent).text, own)
            if token.lemma_.lower() in lx.OWNER_LOSES and side in (Side.RU, Side.UA):
                side = side.opponent
            if side in (Side.RU, Side.UA):
                return side
        clause = token.head if token.dep_ not in ("ROOT",) else token
        for t in [token, clause]:
            for c in t.children:
                if c.dep_ in ("amod", "compound", "nsubj", "poss") and self.sides.side_of(c.text, own) in (Side.RU, Side.UA):
                    return self.sides.side_of(c.text, own)
        return own

    @staticmethod
    def _agent(token: Token) -> Token | None:
        by = _child(token, "agent")
        if by is not None and _child(by, "pobj") is not None:
            return _child(by, "pobj")  # "Lysychansk, captured by Russian troops"
        if token.pos_ in _VERBAL or _lemma(token) in lx.VERB_TRIGGERS and token.pos_ == "ADJ":
            if _is_passive(token):
                agent = _child(token, "agent")
                return _child(agent, "pobj") if agent is not None else None
            return _subject(token)
        for child in token.children:
            if child.dep_ == "poss":
                return child
            if child.dep_ == "prep" and child.lower_ in {"by", "of", "to"} and (
                    _lemma(token) in lx.HELD_BY_NOUNS
                    or child.lower_ == "by"):
                pobj = _child(child, "pobj")
                if pobj is not None and (child.lower_ == "by" or pobj.lower_ in lx.FORCE_NOUNS or
                                         any(c.dep_ in ("amod", "compound", "poss") for c in pobj.children)
                                         or pobj.lower_ in lx.SIDE_NAMES):
                    return pobj
        for child in token.children:
            if child.dep_ in ("amod", "compound") and child.pos_ in ("ADJ", "PROPN", "NOUN"):
                return child
        head = token.head
        if token.dep_ in ("dobj", "pobj", "attr") and head.pos_ in _VERBAL:
            return _subject(head)
        if token.dep_ == "pobj" and head.head.pos_ in _VERBAL:
            return _subject(head.head)
        return None

    @staticmethod
    def _patient(token: Token) -> Token | None:
        if token.dep_ in ("amod", "acl") and token.head.pos_ in ("NOUN", "PROPN"):
            return token.head
        if token.pos_ in _VERBAL or token.pos_ == "ADJ":
            if _is_passive(token) or token.dep_ in ("acomp", "xcomp", "ROOT") and _child(token, "nsubj") is not None:
                patient = _child(token, "nsubjpass", "nsubj")
                if patient is None and token.dep_ in ("acomp", "xcomp"):
                    patient = _subject(token.head)
                return patient
            if token.dep_ in ("acomp",):
                return _subject(token.head)
            obj = _child(token, "dobj")
            if obj is not None:
                of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                if of is not None and _child(of, "pobj") is not None and obj.pos_ in ("NUM", "NOUN") \
                        and obj.lower_ in lx.QUANTITIES:
                    return _child(of, "pobj")
                return obj
            return None
        poss = _child(token, "poss")
        if poss is not None:
            return poss
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None and _child(of, "pobj") is not None:
            return _child(of, "pobj")
        if token.dep_ in ("dobj", "pobj") and token.head.pos_ in _VERBAL:
            return _subject(token.head)
        return None

    @staticmethod
    def _figure(doc: Doc, mention: Mention, trigger: Token | None, kind: ClaimType) -> Figure | None:
        best, best_distance = None, None
        for span in doc.spans.get("figures", []):
            if span.label_ in {"mi", "mi2"} and any(s.label_ in {"km", "km2"} for s in doc.spans["figures"]):
                continue
            gap = min(abs(span.start - mention.span.end), abs(mention.span.start - span.end))
            if trigger is not None:
                gap = min(gap, abs(span.start - trigger.i), abs(trigger.i - span.end))
            if gap <= 14 and (best_distance is None or gap < best_distance):
                best, best_distance = span, gap
        if best is None and kind == ClaimType.ADVANCE:
            distances = [s for s in doc.spans.get("figures", []) if s.label_ == "km"]
            if len(distances) == 1:
                best = distances[0]
        if best is None:
            return None
        # the figure as found in the whole sentence: "650 of them" takes its unit from a count before it
        return next((f for start, _, f in find_figures(doc.text) if start == best.start_char), None) \
            or parse_figure(best.text)

    # -- the whole article -------------------------------------------------------------------------
    def extract(self, article: Article, sentences: Sequence[Sentence], docs: Sequence[Doc | None]) -> list[Claim]:
        """The claims of one article, from its sentences and their parsed Docs (one Doc per sentence).

        A sentence whose Doc is None was left unparsed by the cheap pass (`triage`): it has no place
        and no speaker, and is read as such.
        """
        if self._outlet_of[0] != article.id:  # an article read in windows is searched once
            self._outlet_of = (article.id, self.sides.voice(article.text))
        outlet = self._outlet_of[1]
        self._outlet_name = outlet.name if outlet else ""
        self._home = outlet.home if outlet else Side.UNKNOWN
        voice = Speaker(f"reporter ({outlet.name})" if outlet else "reporter",
                        outlet.side if outlet else Side.NEUTRAL, "the article's own voice")
        mentions = self.mentions(sentences, docs)
        by_sentence: dict[int, list[Mention]] = {}
        for m in mentions:
            by_sentence.setdefault(m.sentence, []).append(m)

        memory = _Memory()
        own: list[Speaker | None] = []  # who speaks in each sentence as a whole
        heard: list[Speaker | None] = []  # anyone who speaks in it, remembered for "he said"
        for doc in docs:
            if doc is None:
                own.append(None)
                heard.append(None)
                continue
            speaker = self.sentence_speaker(doc, memory)
            anyone = speaker or self.sentence_speaker(doc, memory, main_only=False)
            own.append(speaker)
            heard.append(anyone)
            if anyone is not None and anyone.named:
                memory.speakers.append(anyone)
        quoted = self._quote_speakers(article, sentences, own)

        memory = _Memory()
        found: list[tuple[int, _Found]] = []
        previous: list[_Found] = []
        for i, doc in enumerate(docs):
            if doc is None:
                continue
            fallback = own[i] or quoted.get(i) or self._carried(i, sentences, own) or voice
            in_sentence = by_sentence.get(i, [])
            here = [f for m in in_sentence for f in self._claims_about(m, doc, memory, fallback, in_sentence)]
            here += self._anaphoric_denials(doc, previous, memory, fallback, here)
            if not in_sentence:
                here += self._front_wide(doc, sentences[i], memory, fallback)
            found += [(i, f) for f in here]
            if here:
                previous = here
            if heard[i] is not None and heard[i].named:
                memory.speakers.append(heard[i])
            for f in here:
                if f.speaker.named and f.speaker.rule != voice.rule:
                    memory.speakers.append(f.speaker)
        return [self._record(article, sentences[i], docs[i], f) for i, f in found]

    def _claims_about(self, mention: Mention, doc: Doc, memory: _Memory, fallback: Speaker,
                      others: list[Mention]) -> list[_Found]:
        if not mention.locus or self._in_speaker_phrase(mention) or self._reference_point(mention, doc) \
                or self._describes_another(mention, others) or self._inside_actor(mention, doc):
            return []
        triggers = self._triggers(doc, [mention])
        chosen = self._choose_trigger(mention, triggers)
        if chosen is None:
            return self._relative_clause_claims(mention, None, triggers, memory, fallback)
        token, kind, weak = chosen
        rule = f"'{token.text}' ({'weak ' if weak else ''}{kind.value})"
        wrapper, at = self._wrappers(token)
        if wrapper in ("hedge", "hypothetical") or self._stated_as_a_goal(token):
            return []
        speaker = self._governing_speaker(token, memory) or fallback
        entry = lx.CLAIMS[kind]
        if entry.hypothetical == "dropped" or entry.prospective is not None:
            modality = self._modality(token)
            if modality == "hypothetical" and entry.hypothetical == "dropped" and speaker.side not in (Side.RU, Side.UA):
                return []
            if modality and entry.prospective is not None:
                kind, rule = entry.prospective, rule + f"; {modality} capture counts as an advance"
                entry = lx.CLAIMS[kind]
        results = []
        if wrapper is None and _negated(token) and entry.negated_by_outsider == "opponent" \
                and speaker.side not in (Side.RU, Side.UA):
            # a wire saying "not yet conquered by Russian fighters" states who holds it, it denies nothing
            side = self._subject_side(token, kind, speaker)
            if side in (Side.RU, Side.UA):
                return [_Found(mention, kind, speaker, side.opponent, rule + "; negated: the other side holds it",
                               token)]
            return []
        if wrapper == "denial" or (_negated(token) and entry.negated == "denial"):
            denier = self._governing_speaker(at, memory) if at is not None else None
            denier = denier or speaker
            subject = self._subject_side(token, kind, speaker)
            results.append(_Found(mention, ClaimType.DENIAL, denier, denier.side.opponent
                                  if denier.side in (Side.RU, Side.UA) else subject,
                                  rule + f"; denied ('{at.text if at is not None else 'not'}')", token,
                                  denies=kind if kind != ClaimType.DENIAL else None))
            owner = self._embedded_owner(token, at)
            if owner is not None and kind != ClaimType.DENIAL:
                claimant = self._speaker(owner, "owner of the denied statement", memory)
                results.append(_Found(mention, kind, claimant, self._subject_side(token, kind, claimant),
                                      rule + "; the claim denied", token))
            return results
        subject = self._subject_side(token, kind, speaker)
        results.append(_Found(mention, kind, speaker, subject, rule, token))
        results += self._linked_claims(mention, token, kind, triggers, others, memory, fallback)
        results += self._relative_clause_claims(mention, token, triggers, memory, fallback)
        return results

    def _relative_clause_claims(self, mention: Mention, primary: Token | None, triggers, memory: _Memory,
                                fallback: Speaker) -> list[_Found]:
        """ "Maryinka, a key Donbass town, where Russian forces claimed victory": a claim the relative clause
        about the place makes, beside the sentence's main one."""
        found = []
        for clause in _relative_clauses(mention.span.root):
            inside = {t.i for t in clause.subtree}
            if primary is not None and primary.i in inside:
                continue
            near = [(t, k) for t, k, weak in triggers if not weak and t.i in inside
                    and (t.i == clause.i or (t.head.i == clause.i and t.dep_ in ("dobj", "attr", "acomp", "nsubjpass")))]
            best = min(near, key=lambda tk: (tk[0].i != clause.i, tk[0].i), default=None)
            if best is None or self._wrappers(best[0])[0] is not None:
                continue
            token, kind = best
            speaker = self._governing_speaker(token, memory) or fallback
            found.append(_Found(mention, kind, speaker, self._subject_side(token, kind, speaker),
                                f"'{token.text}' ({kind.value}) in a clause about the place", token))
        return found

    def _linked_claims(self, mention: Mention, primary: Token, kind: ClaimType, triggers, others: list[Mention],
                       memory: _Memory, fallback: Speaker) -> list[_Found]:
        """Further claims about the place from clauses tied to the main one that name no place of their own.

        "entered Lyman after encircling thousands of Russian troops" is an advance and an encirclement;
        "recaptured parts of the settlement, while Russian forces launched assaults" a capture and an attack.
        """
        found = []
        placed = {i for m in others for i in range(m.span.start, m.span.end)}
        for token, other_kind, weak in triggers:
            if weak or other_kind in (kind, ClaimType.DENIAL) or token.i == primary.i or token.pos_ not in _VERBAL:
                continue
            linked = token.head.i == primary.i or primary.head.i == token.i or \
                (token.dep_ == "pcomp" and token.head.head.i == primary.i)
            if not linked or token.dep_ not in ("conj", "advcl", "pcomp", "xcomp") and primary.dep_ not in (
                    "conj", "advcl", "xcomp"):
                continue
            if any(t.i in placed for t in token.subtree) and primary.i not in {t.i for t in token.subtree}:
                continue
            wrapper, _ = self._wrappers(token)
            if wrapper is not None or _negated(token) or self._avoided(token):
                continue
            speaker = self._governing_speaker(token, memory) or fallback
            if lx.CLAIMS[other_kind].prospective is not None and self._modality(token):
                other_kind = lx.CLAIMS[other_kind].prospective
            found.append(_Found(mention, other_kind, speaker, self._subject_side(token, other_kind, speaker),
                                f"'{token.text}' ({other_kind.value}), tied to '{primary.text}'", token))
        return found

    def _embedded_owner(self, token: Token, denial_at: Token | None) -> Token | None:
        """Who made the statement a denial denies: "statements by the chief of Russia's general staff that ...",
        or who tells the lie: "Gerasimov brings Putin a lie about 'control of Kupyansk'"."""
        for anc in token.ancestors:
            if denial_at is not None and anc.i == denial_at.i:
                break
            if anc.lower_ in lx.SPEECH_NOUNS or _lemma(anc) in {"claim", "statement", "announcement", "report"}:
                return self._owner(anc)
        if denial_at is not None and denial_at.pos_ in ("NOUN", "PROPN") and denial_at.dep_ in ("dobj", "attr") \
                and _lemma(denial_at.head) not in lx.DENIAL_VERBS:
            return _subject(denial_at.head)
        return None

    def _anaphoric_denials(self, doc: Doc, previous: list[_Found], memory: _Memory, fallback: Speaker,
                           here: list[_Found]) -> list[_Found]:
        """ "Ukrainian officials dismissed those claims": a denial of the claims of the sentence before."""
        results = []
        already = {(f.mention.place.id, f.claim) for f in here if f.mention.place is not None}
        for token in doc:
            if _lemma(token) not in lx.DENIAL_VERBS or token.pos_ not in _VERBAL:
                continue
            obj = _child(token, "dobj")
            if obj is None or obj.lemma_.lower() not in {"claim", "statement", "report", "announcement", "assertion"} \
                    or not any(c.lower_ in {"those", "these", "this", "that", "the", "such"} for c in obj.children):
                continue
            speaker = self._governing_speaker(token, memory) or fallback
            for f in previous:
                if f.claim == ClaimType.DENIAL or f.speaker.side == speaker.side or \
                        (f.mention.place.id, ClaimType.DENIAL) in already:
                    continue
                already.add((f.mention.place.id, ClaimType.DENIAL))
                results.append(_Found(f.mention, ClaimType.DENIAL, speaker, speaker.side.opponent,
                                      f"'{token.text} {obj.text}' denies the claim before", token,
                                      place_text=_phrase(obj).text, denies=f.claim))
        return results

    def _front_wide(self, doc: Doc, sentence: Sentence, memory: _Memory, fallback: Speaker) -> list[_Found]:
        """An area or a count of settlements gained, with no place named: a claim about the whole front."""
        if self._country is None:
            return []
        figures = [s for s in doc.spans.get("figures", []) if s.label_ in FRONT_WIDE_UNITS]
        if not figures:
            return []
        for token in doc:
            kind = self._trigger_type(token, set())
            if kind is not None and lx.CLAIMS[kind].front_wide:
                speaker = self._governing_speaker(token, memory) or fallback
                mention = Mention(-1, figures[0], PLACE, sentence.start + figures[0].start_char,
                                  sentence.start + figures[0].end_char, place=self._country)
                return [_Found(mention, kind, speaker, self._subject_side(token, kind, speaker),
                               f"'{token.text}' ({kind.value}); no place named: the whole front", token, place_text="")]
        return []

    @staticmethod
    def _quote_speakers(article: Article, sentences: Sequence[Sentence], own: list[Speaker | None]) -> dict[int, Speaker]:
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
                    speaker = next((own[j] for j in reversed(run) if own[j] is not None), None) or \
                        next((own[j] for j in run if own[j] is not None), None)
                    before = run[0] - 1
                    opens_with_quote = article.text[sentences[run[0]].start] in _QUOTE_OPEN + '"'
                    if speaker is None and before >= 0 and own[before] is not None and own[before].trailing \
                            and (before in members or opens_with_quote):
                        speaker = own[before]  # '... , Gerasimov added. "Battlegroup Vostok ...'
                    if speaker is not None:
                        for j in run:
                            result.setdefault(j, Speaker(speaker.text, speaker.side, speaker.rule + "; same quotation",
                                                         person=speaker.person))
                    run = []
        return result

    @staticmethod
    def _carried(i: int, sentences: Sequence[Sentence], own: list[Speaker | None]) -> Speaker | None:
        """ "X. Y, Putin said.": a sentence takes the speaker of the next one when that one ends with it."""
        nxt = i + 1
        if nxt < len(sentences) and sentences[nxt].paragraph == sentences[i].paragraph:
            speaker = own[nxt]
            if speaker is not None and speaker.trailing:
                return Speaker(speaker.text, speaker.side, speaker.rule + "; carried from the next sentence")
        return None

    def _record(self, article: Article, sentence: Sentence, doc: Doc, found: _Found) -> Claim:
        m = found.mention
        place = m.place
        units = tuple(dict.fromkeys(
            re.sub(r"[\s,.;:]+(?=[”\"’]?$)", "", u.text) for u in doc.spans.get("units", [])
        )) + tuple(
            a.text for a in doc.spans.get("actors", [])
            if (actor := self.sides.actor_named(a.text)) is not None and actor.kind == "unit"
            and not any(a.text in u.text for u in doc.spans.get("units", []))
        )
        figure = self._figure(doc, m, found.trigger, found.claim) if m.sentence >= 0 else parse_figure(m.span.text)
        place_text = found.place_text if found.place_text or m.sentence < 0 else m.span.text
        key = "|".join([article.id, str(sentence.start), str(m.start), place.id, found.claim.value, found.speaker.text])
        date_text = self._date_text(doc, found.trigger)
        ambiguity = ""
        if m.resolution is not None and m.resolution.ambiguous:
            ambiguity = f"; place ambiguous ({m.resolution.reason})"
        return Claim(
            claim_id=hashlib.sha256(key.encode()).hexdigest()[:16],
            article=article.source, article_id=article.id, published=article.published,
            place=place, place_text=place_text, claimant=found.speaker.text, side=found.speaker.side,
            claim=found.claim, subject_side=found.subject, denies=found.denies, units=units, figure=figure,
            sentence=article.text[sentence.start:sentence.end], start=sentence.start, end=sentence.end,
            claim_date=resolve_date(date_text, article.published) if date_text else None, date_text=date_text,
            outlet=self._outlet_name, rule=f"{found.rule}; claimant: {found.speaker.rule}{ambiguity}",
        )

    @staticmethod
    def _date_text(doc: Doc, trigger: Token | None) -> str:
        """The time expression that dates the claim: the one nearest the claim word in the tree, or the one
        on the verb that reports it ("said on Thursday")."""
        if trigger is None:
            return ""
        dates = [e for e in doc.ents if e.label_ == "DATE"]
        best, best_distance = None, None
        for ent in dates:
            path = _path(trigger, ent.root)
            if path is None:
                continue
            distance = sum(path)
            if distance <= 6 and (best_distance is None or distance < best_distance):
                best, best_distance = ent, distance
        return best.text if best is not None else ""
