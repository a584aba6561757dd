"""Place mentions of an article, resolved in its context: which gazetteer entry each name means,
and which place "the town" or "the river" refers back to.

The components mark the names (`doc.spans["places"]`); the gazetteer proposes candidates; this
module gathers what the article tells about where it is (oblasts named, places already pinned
down, a river spoken of, the countries whose oblasts it names) and lets `resolve.resolve` pick.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from .components import BACKREF, GUESS, PLACE, RAION_OF, REGION_OF, UNKNOWN
from .gazetteer import Gazetteer
from .models import Place, PlaceKind
from .resolve import Anchors, Context, Cue, Outcome, Resolution, called_fits, region_named_after, resolve
from .segment import Sentence

_RIVER_NOUNS = {"river", "bank", "shore"}  # "the river", "the left bank": the river named last
_RIVER = re.compile(r"\b(river|banks?|cross(?:es|ed|ing)?)\b")


@dataclass
class Mention:
    """A place named (or referred back to) in a sentence, with the place it was resolved to."""

    sentence: int
    span: Span
    label: str
    start: int
    end: int
    place: Place | None = None
    resolution: Resolution | None = None
    locus: bool = True  # False for "Kyiv's troops", "Moscow said": the name stands for a government


_CUES = {PLACE: Cue.NAME, GUESS: Cue.NAME, REGION_OF: Cue.REGION_OF, RAION_OF: Cue.RAION_OF, UNKNOWN: Cue.SETTLEMENT}
_MILLION = 1_000_000
_NEIGHBOURS = 12  # the most places a sentence may name for each to help place the others
_CLEAR = 1.0  # a settlement chosen with at least this lead over any other candidate locates the article


def resolve_mentions(gazetteer: Gazetteer, sentences: Sequence[Sentence], docs: Sequence[Doc | None], *,
                     stands_for_government: Callable[[Mention], bool] = lambda m: False) -> list[Mention]:
    """Every place mention of the article, resolved; back-references point at the place they mean.

    Two rounds: the names are first read with the oblasts the article names; the settlements that
    come out clear then locate the article, and every name is read again knowing them.
    `stands_for_government` tells a name used for a state or its army ("Moscow said"), which a
    back-reference never means.
    """
    mentions = [
        Mention(i, span, span.label_, sentences[i].start + span.start_char, sentences[i].start + span.end_char)
        for i, doc in enumerate(docs) if doc is not None for span in doc.spans.get("places", [])
    ]
    named = [m for m in mentions if m.label != BACKREF]
    regions = {id(m): _region(gazetteer, m) for m in named}
    raions = {id(m): _raion(gazetteer, m) for m in named}
    raions_here: dict[int, set[str]] = {}  # per sentence, the raions it names
    for m in named:
        if raions[id(m)] is not None:
            raions_here.setdefault(m.sentence, set()).add(raions[id(m)].name)
    article_raions = frozenset(r for group in raions_here.values() for r in group)
    oblasts: dict[int, set[str]] = {}  # per sentence, the oblasts it names
    countries: dict[int, set[str]] = {}  # per sentence, the countries of those oblasts
    country_of = {}
    for m in named:
        region = regions[id(m)]
        if region is not None:
            oblasts.setdefault(m.sentence, set()).add(region.admin1)
            if region.country:
                countries.setdefault(m.sentence, set()).add(region.country)
                country_of[region.admin1] = region.country
    article = frozenset(o for group in oblasts.values() for o in group)
    article_countries = frozenset(c for group in countries.values() for c in group)
    docs_of = {m.sentence: m.span.doc for m in named}
    rivers = {i: bool(_RIVER.search(doc.text.lower())) for i, doc in docs_of.items()}  # once a sentence
    by_sentence: dict[int, list[Mention]] = {}
    for m in named:
        by_sentence.setdefault(m.sentence, []).append(m)
    # Each mention is read with the places pinned down elsewhere in the article: each place once,
    # and a mention's own only when another mention pins it too (Anchors counts them). Built once
    # per article, and bucketed, so a long article costs its places, not the square of its mentions.
    pinned: list[Anchors] = []

    def elsewhere(anchors: dict[int, tuple[float, float]]) -> Anchors:
        if not pinned:
            pinned.append(Anchors(anchors.values()))
        return pinned[0]

    def context(m: Mention, anchors: dict[int, tuple[float, float]]) -> Context:
        oblast = _attached_area(m, by_sentence[m.sentence], regions, PlaceKind.OBLAST)
        raion = _attached_area(m, by_sentence[m.sentence], raions, PlaceKind.RAION)
        attached = oblast.admin1 if oblast else ""
        here = countries.get(m.sentence, set())
        area = oblast or raion
        country = (area.country if area else "") or (next(iter(here)) if len(here) == 1 else "") or \
            (next(iter(article_countries)) if len(article_countries) == 1 else "")
        own = anchors.get(id(m))
        named_here = by_sentence[m.sentence]  # a list of hundreds of places says little of where each one is
        neighbours = tuple({anchors[id(o)] for o in named_here if o is not m and id(o) in anchors
                            and anchors[id(o)] != own}) if len(named_here) <= _NEIGHBOURS else ()
        return Context(oblasts=article, sentence_oblasts=frozenset(oblasts.get(m.sentence, ())),
                       anchors=elsewhere(anchors) if anchors else (), own=own, neighbours=neighbours,
                       river=rivers[m.sentence], crossed=_crossed(m.span), countries=article_countries,
                       attached_oblast=attached,
                       country=country, called=_called(m.span), raions=article_raions,
                       sentence_raions=frozenset(raions_here.get(m.sentence, ())),
                       attached_raion=raion.name if raion else "")

    for m in named:
        m.resolution = resolve(gazetteer, m.span.text, context(m, {}), _CUES[m.label])
    anchors = {id(m): (m.resolution.place.lat, m.resolution.place.lon) for m in named if _locates(m.resolution)}
    for m in named:
        if anchors:
            m.resolution = resolve(gazetteer, m.span.text, context(m, anchors), _CUES[m.label])
        m.place = m.resolution.place
    for m in named:
        m.locus = not stands_for_government(m)
    _resolve_back_references(mentions)
    return [m for m in mentions if m.place is not None]


_CALLED = {"village": "village", "villages": "village", "hamlet": "hamlet", "town": "town", "towns": "town",
           "city": "city"}


def _called(span: Span) -> str:
    """What the text calls the place: "the village of X", "X village", "X, a village near Y" (a settlement
    noun right before "of", right after the name or in an apposition), else ""."""
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in _CALLED:
        return _CALLED[doc[span.start - 2].lower_]
    if span.end < len(doc) and doc[span.end].lower_ in _CALLED:
        return _CALLED[doc[span.end].lower_]
    after = [t.lower_ for t in doc[span.end:span.end + 4]]
    if len(after) >= 3 and after[0] == "," and after[1] in ("a", "the") and after[2] in _CALLED \
            and after[3:4] not in (["of"], ["'s"], ["’s"]):
        return _CALLED[after[2]]  # "X, a village near Y" (not a list's next item, "X, the village of Y, ...")
    return ""


def _crossed(span: Span) -> bool:
    """The name is what the sentence crosses or stands on the bank of: "cross the X", "across the X",
    "the left bank of the X" (also as a compound the parser makes: "crossed the X north of Y")."""
    root = span.root
    while root.dep_ == "compound" and root.head is not root:
        root = root.head
    head = root.head
    if root.dep_ == "dobj" and head.lemma_ == "cross":
        return True
    if root.dep_ == "pobj" and head.lower_ in ("across", "over"):
        return True
    return root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_ in _RIVER_NOUNS


def _region(gazetteer: Gazetteer, mention: Mention) -> Place | None:
    """The oblast (or region) a mention names, when it can name nothing else."""
    if mention.label == REGION_OF:
        return region_named_after(gazetteer, mention.span.text)
    places = {c.place for c in gazetteer.candidates(mention.span.text, fuzzy=False)}
    if len(places) == 1:
        place = next(iter(places))
        if place.kind in (PlaceKind.OBLAST, PlaceKind.REGION) and place.admin1:
            return place
    return None


def _raion(gazetteer: Gazetteer, mention: Mention) -> Place | None:
    """The raion (Russia: district) a mention names, when it can name nothing else: "Bakhmut district"."""
    places = {c.place for c in gazetteer.candidates(mention.span.text, fuzzy=False)}
    if len(places) == 1:
        place = next(iter(places))
        if place.kind == PlaceKind.RAION and place.admin1:
            return place
    return None


def _locates(resolution: Resolution) -> bool:
    """True for a settlement chosen clearly enough to tell where the article is.

    Cities of a million are left out: they are named as seats of government and from afar.
    """
    place = resolution.place
    if resolution.outcome != Outcome.RESOLVED or place is None or place.kind != PlaceKind.SETTLEMENT \
            or place.lat is None or (place.population or 0) >= _MILLION:
        return False
    rivals = [w.score for w in resolution.weighed[1:] if w.candidate.place.id != place.id and w.acceptable]
    return not rivals or resolution.weighed[0].score - max(rivals) >= _CLEAR


def _attached_area(mention: Mention, named: list[Mention], areas: dict[int, Place | None],
                   kind: PlaceKind) -> Place | None:
    """ "Vasylenkovo and Artemivka in Kharkiv region": the oblast (or, for kind RAION, the raion) the words
    put a settlement in.
    `named` are the mentions of its sentence (those of others cannot matter, and looking at every
    mention of a long article for each would cost the square of their number)."""
    doc = mention.span.doc
    at = {other.span.start: other for other in named if other.sentence == mention.sentence}
    listed = {i for other in at.values() for i in range(other.span.start, other.span.end)}
    k = mention.span.end
    while k < len(doc) and (doc[k].lower_ in {"and", ","} or (k in listed and k not in at)):
        k += 1
    if k < len(doc) and doc[k].lower_ == "in":
        k += 1 + (k + 1 < len(doc) and doc[k + 1].lower_ == "the")
        area = areas.get(id(at[k])) if k in at else None
        if area is not None and area.kind == kind:
            return area
    return None


def _resolve_back_references(mentions: list[Mention]) -> None:
    """ "the town" (or "the area") means the last settlement named before it that a town can be; with
    none before it (an article whose headline was lost), the settlement the article names most. "the
    river", "the left bank" mean the river named last."""
    counts: dict[str, int] = {}
    for s in mentions:
        if s.label != BACKREF and s.place is not None:
            counts[s.place.id] = counts.get(s.place.id, 0) + 1
    named_by_kind: dict[PlaceKind, list[Mention]] = {}  # built once, in text order, for every back-reference
    for kind in (PlaceKind.RIVER, PlaceKind.SETTLEMENT):
        named_by_kind[kind] = sorted((s for s in mentions if s.label != BACKREF and s.place is not None and s.locus
                                      and s.place.kind == kind), key=lambda s: s.start)
    starts = {kind: [s.start for s in named] for kind, named in named_by_kind.items()}
    most = {kind: max(named, key=lambda s: (counts[s.place.id], -s.start)) if named else None
            for kind, named in named_by_kind.items()}
    for m in mentions:
        if m.label != BACKREF:
            continue
        noun = m.span.root.lower_
        kind = PlaceKind.RIVER if noun in _RIVER_NOUNS else PlaceKind.SETTLEMENT
        named = named_by_kind[kind]
        before = bisect.bisect_left(starts[kind], m.start)
        target = next((named[i] for i in range(before - 1, -1, -1) if called_fits(noun, named[i].place)), None)
        if target is None and before:
            target = named[before - 1]
        if target is None and most[kind] is not None and most[kind].sentence == m.sentence:
            # "The village lies 20 km north of X": a place its own sentence names apart is not what it means
            others = [s for s in named if s.sentence != m.sentence]
            target = max(others, key=lambda s: (counts[s.place.id], -s.start)) if others else None
        elif target is None:
            target = most[kind]
        if target is not None:
            m.place = target.place
