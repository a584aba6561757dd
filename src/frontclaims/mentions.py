"""Place mentions of an article, resolved in its context: which gazetteer entry each name means,
and which place "the town" or "the river" refers back to.

The components mark the names (`doc.spans["places"]`); the gazetteer proposes candidates; this
module gathers what the article tells about where it is (oblasts named, places already pinned
down, a river or Russia's border oblasts spoken of) and lets `resolve.choose` pick.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from .components import BACKREF, GUESS, RAION_OF, REGION_OF, UNKNOWN
from .gazetteer import Gazetteer
from .models import Place, PlaceKind
from .names import ukrainian_spelling
from .resolve import Context, Resolution, choose, distance_km, raion_of, region_named_after, unresolved_place
from .segment import Sentence

_RIVER = re.compile(r"\b(river|bank|crossed|crossing)\b")
_RUSSIAN_OBLAST = re.compile(r"\brussia(n)?'?s? (kursk|belgorod|bryansk|voronezh|rostov)")


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


def _fits(noun: str, place: Place) -> bool:
    """Whether "the city", "the town" or "the village" can mean a settlement of this size."""
    people = place.population
    if people is None or not place.resolved:
        return True
    if noun == "city":
        return people >= 10_000
    if noun == "town":
        return 1_000 <= people < 250_000
    if noun in ("village", "hamlet"):
        return people < 15_000
    return True


def resolve_mentions(gazetteer: Gazetteer, sentences: Sequence[Sentence], docs: Sequence[Doc | None], *,
                     stands_for_government: Callable[[Mention], bool] = lambda m: False) -> list[Mention]:
    """Every place mention of the article, resolved; back-references point at the place they mean.

    `stands_for_government` tells a name used for a state or its army ("Moscow said"), which a
    back-reference never means.
    """
    mentions = [
        Mention(i, span, span.label_, sentences[i].start + span.start_char, sentences[i].start + span.end_char)
        for i, doc in enumerate(docs) if doc is not None for span in doc.spans.get("places", [])
    ]
    named = [m for m in mentions if m.label != BACKREF]
    candidates = {id(m): _candidates(gazetteer, m) for m in named}
    oblasts_by_sentence: dict[int, set[str]] = {}
    anchors = []
    for m in named:
        places = {c.place.id: c.place for c in candidates[id(m)]}
        if len(places) == 1:
            place = next(iter(places.values()))
            if place.kind in (PlaceKind.OBLAST, PlaceKind.REGION) and place.admin1:
                oblasts_by_sentence.setdefault(m.sentence, set()).add(place.admin1)
            elif place.kind == PlaceKind.SETTLEMENT and place.lat is not None:
                anchors.append((place.lat, place.lon))
    all_oblasts = frozenset(o for group in oblasts_by_sentence.values() for o in group)
    cues: dict[int, tuple[bool, bool]] = {}  # per sentence: does it speak of a river, of Russia's oblasts?
    for m in named:
        if m.sentence not in cues:
            doc_text = m.span.doc.text.lower()
            cues[m.sentence] = (bool(_RIVER.search(doc_text)), bool(_RUSSIAN_OBLAST.search(doc_text)))
        river, russia = cues[m.sentence]
        context = Context(
            oblasts=all_oblasts, sentence_oblasts=frozenset(oblasts_by_sentence.get(m.sentence, ())),
            anchors=tuple(anchors), river=river, russia=russia,
            attached_oblast=_attached_oblast(m, named, candidates),
        )
        m.resolution = _choose(gazetteer, m, candidates[id(m)], context)
        m.place = m.resolution.place
    for m in named:
        m.locus = not stands_for_government(m)
    _resolve_back_references(mentions)
    return [m for m in mentions if m.place is not None]

def _attached_oblast(mention: Mention, named: list[Mention], candidates) -> str:
    """ "Vasylenkovo and Artemivka in Kharkiv region": the oblast the words put a settlement in."""
    doc = mention.span.doc
    oblasts = {}
    for other in named:
        places = {c.place for c in candidates[id(other)] if c.place.kind == PlaceKind.OBLAST}
        if other.sentence == mention.sentence and len(places) == 1:
            oblasts[other.span.start] = next(iter(places)).admin1
    listed = {i for other in named if other.sentence == mention.sentence
              for i in range(other.span.start, other.span.end)}
    k = mention.span.end
    while k < len(doc) and (doc[k].lower_ in {"and", ","} or (k in listed and k not in oblasts)):
        k += 1
    if k < len(doc) and doc[k].lower_ == "in":
        k += 1 + (k + 1 < len(doc) and doc[k + 1].lower_ == "the")
        return oblasts.get(k, "")
    return ""

def _candidates(gazetteer: Gazetteer, mention: Mention):
    text = mention.span.text
    if mention.label == REGION_OF and region_named_after(gazetteer, text) is not None:
        return gazetteer.candidates(f"{text} region", fuzzy=False)
    if mention.label == RAION_OF:
        return gazetteer.candidates(mention.span[:-1].text, fuzzy=False)
    return [c for c in gazetteer.candidates(text, fuzzy=mention.label in (UNKNOWN, GUESS))
            if c.place.kind != PlaceKind.COUNTRY]

def _choose(gazetteer: Gazetteer, mention: Mention, candidates, context: Context) -> Resolution:
    text = mention.span.text
    if mention.label in (UNKNOWN, GUESS):
        plausible = [c for c in candidates if c.how != "typo" or _near_context(c.place, context)]
        if not plausible and mention.label == GUESS:
            return Resolution(text, None, reason="not in the gazetteer")
        if not plausible:
            name = text if context.russia else ukrainian_spelling(text)
            return Resolution(text, unresolved_place(name, context.attached_oblast), 0.0, (),
                              f"not in the gazetteer; a settlement by the text, kept as {name}")
        candidates = plausible
    result = choose(text, candidates, context)
    inside = context.attached_oblast
    if inside and result.place is not None and result.place.kind == PlaceKind.SETTLEMENT \
            and not any(c.place.admin1 == inside for c in candidates):
        # the text says which oblast, and no place of that name is listed there: say so, keep it apart
        return Resolution(text, unresolved_place(text, inside), 0.0, result.candidates,
                          f"no {text} in {inside} in the gazetteer; kept unresolved")
    if mention.label == RAION_OF and result.place is not None and result.place.kind == PlaceKind.SETTLEMENT:
        return Resolution(text, raion_of(result.place), result.score, result.candidates, result.reason,
                          result.ambiguous)
    return result

def _near_context(place: Place, context: Context) -> bool:
    if place.admin1 and place.admin1 in context.oblasts:
        return True
    if place.lat is None or not context.anchors:
        return False
    return min(distance_km((place.lat, place.lon), a) for a in context.anchors) < 40

def _resolve_back_references(mentions: list[Mention]) -> None:
    """ "the town" means the last settlement named before it that a town can be; with none before it
    (an article whose headline was lost), the settlement the article names most. "the river" means
    the river named last."""
    counts: dict[str, int] = {}
    for s in mentions:
        if s.label != BACKREF and s.place is not None:
            counts[s.place.id] = counts.get(s.place.id, 0) + 1
    for m in mentions:
        if m.label != BACKREF:
            continue
        noun = m.span.root.lower_
        kind = PlaceKind.RIVER if noun == "river" else PlaceKind.SETTLEMENT
        named = [s for s in mentions if s.label != BACKREF and s.place is not None and s.locus
                 and s.place.kind == kind]
        before = [s for s in named if s.start < m.start]
        fitting = [s for s in before if _fits(noun, s.place)]
        target = (fitting or before)[-1] if before else None
        if target is None and named:
            target = max(named, key=lambda s: (counts[s.place.id], -s.start))
        if target is not None:
            m.place = target.place
