"""Which place a claim is about: the article's place mentions, and which of them can carry a claim
at all; not a name that stands for a government ("Moscow said"), a place inside a speaker's or a
unit's name, a reference point ("30 km north of Kharkiv") or a place that only says where another
one is ("Kupiansk in the Kharkiv region")."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from .. import lexicon as lx
from ..mentions import Mention, resolve_mentions
from ..models import Article, ClaimType, PlaceKind
from ..segment import Sentence
from .context import ArticleContext
from .tree import VERBAL, child, lemma, phrase, spans_at, subject


def mentions(context: ArticleContext, sentences: Sequence[Sentence], docs: Sequence[Doc | None]) -> list[Mention]:
    """Every place mention of the article, resolved (see `mentions.resolve_mentions`)."""
    return resolve_mentions(context.gazetteer, sentences, docs, stands_for_government=stands_for_government)


def can_carry_a_claim(mention: Mention, doc: Doc, others: list[Mention], article: Article | None = None) -> bool:
    """False for a mention that names no place a claim is about (see the module's docstring)."""
    return mention.locus and not (dateline(mention, doc, article) or in_speaker_phrase(mention)
                                  or reference_point(mention, doc) or describes_another(mention, others)
                                  or locates_the_object(mention, doc) or inside_actor(mention, doc))


_DATELINE_ENDS = {"(", ":", "—", "–", "-", ","}


def _forces(token) -> bool:
    return token is not None and (token.lower_ in lx.FORCE_NOUNS or token.ent_type_ == "NORP")


def dateline(mention: Mention, doc: Doc, article: Article | None = None) -> bool:
    """True for the city of a dateline, where the story was filed: "KYIV (Reuters) -", "MOSCOW, March 14.
    /TASS/.", "Kyiv: ..." at the head of a paragraph of the body (a headline's "X: ..." names its subject;
    a headline is a first line of one sentence, and an article may have none)."""
    span = mention.span
    if span.start != 0 or span.end >= len(doc) or doc[span.end].text not in _DATELINE_ENDS:
        return False
    return span.text.isupper() or doc[span.end].text == "(" or (
        doc[span.end].text == ":" and not _headline(mention, doc, article))


def _headline(mention: Mention, doc: Doc, article: Article | None) -> bool:
    """True when the mention's sentence is the article's headline: the whole of its first paragraph."""
    if article is None:
        return mention.sentence == 0
    first = article.paragraphs[0]
    start = mention.start - mention.span.start_char
    return start <= first.start and not article.text[start + len(doc.text):first.end].strip()


def stands_for_government(mention: Mention) -> bool:
    """ "Kyiv's troops", "Moscow said", "the Kiev regime": a place name used for a state or its army."""
    root = mention.span.root
    head = root.head
    if root.dep_ == "poss":
        if any(c.dep_ == "prep" and c.lower_ == "of" and child(c, "pobj") is not None for c in head.children):
            return True  # "Kyiv's recapture of X": the one who took X, not what was taken
        return not (head.lower_ in lx.NOUN_TRIGGERS or head.lemma_.lower() in lx.NOUN_TRIGGERS
                    or head.lower_ in lx.WEAK_TRIGGERS or head.lower_ in lx.PLACE_PARTS)
    if root.dep_ in ("nsubj", "nsubjpass") and lemma(head) in lx.SPEECH_VERBS:
        return True
    following = mention.span.doc[mention.span.end:mention.span.end + 2]
    if any(t.pos_ in VERBAL and lemma(t) in lx.SPEECH_VERBS for t in following[:1]) or (
            len(following) == 2 and lemma(following[1]) in lx.SPEECH_VERBS and (
                following[0].lemma_ == "have" or (following[0].lemma_ == "be" and following[1].tag_ == "VBG"))):
        return True  # "as Kyiv announced ...", "Moscow has said", "Kyiv is saying"; not "X was announced"
    capital = mention.place is not None and (mention.place.population or 0) >= 1_000_000
    if capital and root.dep_ == "nsubj" and lemma(head) not in lx.VERB_TRIGGERS and lemma(head) != "be":
        return True
    if capital and root.dep_ == "nsubj" and head.pos_ in VERBAL and lx.VERB_TRIGGERS.get(lemma(head)) == \
            ClaimType.CONTROL and (child(head, "dobj") is not None or head.dep_ == "relcl"):
        return True  # "Moscow captured X", "the cities Kyiv holds": who took or holds them, not where
    if root.dep_ in ("compound", "npadvmod", "amod") and (head.lower_ in lx.GOVERNMENT_NOUNS
                                                       or head.lower_.endswith(lx.GOVERNMENT_SUFFIXES)):
        return True
    return False


_CLAUSES = {"relcl", "acl", "advcl", "ccomp", "xcomp", "csubj"}


def in_speaker_phrase(mention: Mention) -> bool:
    """True for a place inside the subject of a reporting verb: "Kharkiv governor Oleh Syniehubov said"; or
    inside the phrase "according to" names: "according to the governor of the Kherson region", "according to
    Kyiv" (the place standing for its government). (A place in the description of a person set off before
    the verb, "..., Oleh Petrenko, the Kharkiv regional governor, said", was tried too and cost the composed
    corpus two of its gold claims.)"""
    root = mention.span.root
    for anc in [root, *root.ancestors]:
        if anc.dep_ in _CLAUSES:
            break  # a clause of its own inside the phrase: "according to X, which is fighting in the area"
        if anc.dep_ == "pobj" and anc.head.lower_ == "to" and anc.head.head.lower_ == "according":
            return True  # "according to the governor of the Kherson region", "according to Kyiv"
    for anc in root.ancestors:
        if lemma(anc) in lx.SPEECH_VERBS and anc.pos_ in VERBAL:
            speaker = subject(anc)
            if speaker is None:
                return False
            words = phrase(speaker)
            return words.start <= root.i < words.end
    return False


def describes_another(mention: Mention, others: list[Mention]) -> bool:
    """True for a place that only says where another one is.

    "Kupiansk in the Kharkiv region", "Rabotino, a village in the Zaporozhye region",
    "Sievjerodonetsk is one of the last parts of Luhansk", "the capital of Zaporozhye Region".
    """
    doc, start = mention.span.doc, mention.span.start
    linking = {"in", "the", ",", "(", "of", "a", "an", "located", "situated", "near"} | lx.PLACE_NOUNS
    larger = mention.place is not None and mention.place.kind in (PlaceKind.OBLAST, PlaceKind.REGION, PlaceKind.RAION)
    for other in others:
        gap = start - other.span.end
        if other is mention or other.place is None or not 0 < gap <= (6 if larger else 2):
            continue
        between = {t.lower_ for t in doc[other.span.end:start]}
        if ("in" in between or larger) and between <= linking:
            return True
    for other in others:  # "Vovchansk in Kharkiv region", "Vovchansk, Kharkiv region", "Vovchansk (Kharkiv
        # region)": the parser may hang X on Y; the words say otherwise
        gap = other.span.start - mention.span.end
        if other is not mention and 0 < gap <= 2 and doc[mention.span.end].lower_ in ("in", ",", "(") and \
                other.place is not None and other.place.kind in (PlaceKind.OBLAST, PlaceKind.REGION) and not larger:
            return False
    spans = {i for m in others if m is not mention and m.locus for i in range(m.span.start, m.span.end)}
    token, deps = mention.span.root, []
    while token.head is not token and len(deps) < 6:
        deps.append(token.dep_)
        token = token.head
        if token.i in spans:
            if "conj" not in deps and any(d not in ("appos", "cc", "punct") for d in deps):
                return True
            deps = []  # coordinated with or in apposition to another place: it shares that one's role
        if token.pos_ in VERBAL:
            break
    # "X is / serves as / remains <something> in Y": Y describes the subject X.
    if token.pos_ in VERBAL and lemma(token) in lx.DESCRIBING_VERBS:
        subj = child(token, "nsubj", "nsubjpass")
        subject_ids = {t.i for t in subj.subtree} if subj is not None else set()
        if subject_ids & spans and mention.span.root.i not in subject_ids:
            return True
    return False


def inside_actor(mention: Mention, doc: Doc) -> bool:
    """True for a place inside a unit's or actor's name: "Battlegroup Dnepr", "Kharkiv Oblast Administration"."""
    spans = list(doc.spans.get("units", [])) + list(doc.spans.get("actors", []))
    return any(s.start <= mention.span.start and mention.span.end <= s.end for s in spans)


def locates_the_object(mention: Mention, doc: Doc) -> bool:
    """True for a place that says where the named place a verb takes as its object is: "captured Krymske near
    Toretsk", "In the Pokrovsk direction, Russian forces took Vozdvyzhenka" (the claim is Krymske's and
    Vozdvyzhenka's). With no named place as the object, the place is the claim's: "fighting near Toretsk",
    "advancing in the Pokrovsk direction", "took two villages near Pokrovsk"."""
    token = mention.span.root
    sector = token.dep_ in ("compound", "nmod", "amod") and token.head.lower_ in lx.SECTOR_NOUNS
    if sector:
        token = token.head
    if token.dep_ != "pobj":
        return False
    prep = token.head
    if prep.lower_ not in lx.LOCATING_PREPOSITIONS and not (sector and prep.lower_ in ("in", "on", "along")):
        return False
    places = spans_at(doc, "places")
    verb = prep.head
    own = range(mention.span.start, mention.span.end)

    def named(token: Token) -> bool:  # a place, or a settlement noun naming one: "the village of X", "X village"
        return token.i in places or (lemma(token) in lx.PLACE_NOUNS and any(
            t.i in places and t.i not in own for t in token.subtree))

    if not sector and named(verb) and verb.i < mention.span.start:
        return True  # "the village of X near Y", "X near Y": where the place before it lies
    obj = child(verb, "dobj") if verb.pos_ in VERBAL else None
    # "took two villages near X" names no other place: the claim is about X's surroundings
    return obj is not None and obj.i not in own and named(obj)


def reference_point(mention: Mention, doc: Doc) -> bool:
    """True for a place that only locates another: "a village 30 km north of Kharkiv", "X, 60 km from Y".

    A distance that belongs to a movement ("advanced to within 5 km of X") keeps X as a claim's place.
    """
    root = mention.span.root
    head = root.head
    if root.dep_ != "pobj" or head.lower_ not in {"of", "from"}:
        return False
    figures = [s for s in doc.spans.get("figures", []) if s.label_ in {"km", "mi", "m"}]
    # "a village 30km from X", "X, 20 km north of Y", however the parser hangs the distance
    at = head.i - 1 if head.i > 0 and doc[head.i - 1].lower_ in lx.COMPASS else head.i
    if any(f.end == at and _after_a_place(f, doc) for f in figures):
        return True
    anchor = head.head
    in_figure = [f for f in figures if f.start <= anchor.i < f.end]
    if not in_figure and any(f.start <= c.i < f.end for c in head.children for f in figures):
        # "village 30km from Kharkiv" parsed with the distance on the preposition
        in_figure = [f for f in figures if any(f.start <= c.i < f.end for c in head.children)]
        places = spans_at(doc, "places")
        return anchor.lower_ in lx.PLACE_NOUNS or anchor.i in places or lemma(anchor) in {"locate", "lie", "situate"}
    places = spans_at(doc, "places")
    if anchor.lower_ in lx.COMPASS and not in_figure:
        # "a village east of X", "25 km west of X" locate; "the south of the region" is a part of it, and
        # "successes south of X", "fighting west of X" are about X's surroundings.
        if any(c.dep_ == "det" for c in anchor.children):
            return False
        if any(f.end == anchor.i or f.start <= anchor.head.i < f.end for f in figures):
            return True
        owner = anchor.head
        before = anchor.i - 1 if anchor.i > 0 else None  # "a village east of X", hung on the verb by the parser
        if before is not None and doc[before].text == "," and before > 0 and not _under_a_direction(doc[before - 1]):
            before -= 1  # "Guyevo, south of Sudzha"; not a list of directions ("north of X, west of Y")
        if before is not None and (before in places or doc[before].lower_ in lx.PLACE_NOUNS):
            return True
        return owner.i in places or owner.lower_ in lx.PLACE_NOUNS or lemma(owner) in lx.LOCATING_VERBS | {"be"}
    if not in_figure and lemma(anchor) in lx.LOCATING_VERBS | {"be"} and any(
            f.start <= c.i < f.end for c in anchor.children for f in figures):
        # "X, located 10 km from Y", "X is 60 km from Y": the distance beside the preposition on the verb
        return not (lemma(anchor) == "be" and _forces(subject(anchor)))
    if not in_figure:
        return False
    token = anchor
    for _ in range(4):
        if any(f.start <= token.i < f.end for f in figures) or token.lower_ in lx.COMPASS or token.dep_ == "prep":
            token = token.head
            continue
        break
    if lemma(token) == "be" and _forces(subject(token)):
        return False  # "Russian units are within 4 km of X": where forces stand, a claim about X
    if token.pos_ in ("NOUN", "PROPN") and (token.i in places or token.lower_ in lx.PLACE_NOUNS) \
            or lemma(token) in lx.LOCATING_VERBS | {"be"}:
        return True
    # the parser may hang "30km from X" on the verb: read the words before the distance instead
    return bool(in_figure) and _after_a_place(in_figure[0], doc)


# words that may stand between a place and its distance: "a village (about) 30 km from X"
ROUGHLY = frozenset({"about", "some", "around", "roughly", "nearly", "only", "just"})


def _under_a_direction(token: Token) -> bool:
    """True for the place of "north of X": the object of "of" after a direction."""
    return token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ in lx.COMPASS


def _after_a_place(figure: Span, doc: Doc) -> bool:
    """True when the words before a distance are a place, a settlement noun or a comma after one: "a
    village (about) 30km", "Kupiansk, 20 km"; not "advanced to within 5 km", "forces are 10 km"."""
    before = [t for t in doc[max(figure.start - 3, 0):figure.start]
              if t.lower_ not in ROUGHLY]
    return bool(before) and (before[-1].i in spans_at(doc, "places") or before[-1].lower_ in lx.PLACE_NOUNS
                             or before[-1].text == ",")
