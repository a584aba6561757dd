"""Choosing the place a name means: an oblast named nearby first, the article's other places next,
population last; saying so when the choice stays open instead of guessing silently.

The gazetteer only proposes candidates (`Gazetteer.candidates`); this module picks among them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .gazetteer import Candidate, Gazetteer
from .models import Place, PlaceKind, distance_km  # noqa: F401  (distance_km is used here and re-exported)
from .names import name_key

_RAION_SUFFIX = re.compile(r"\s+(?:district|raion|rayon)s?\s*$", re.IGNORECASE)
_REGION_SUFFIX = re.compile(r"\s+(?:region|oblast|province)s?\s*$", re.IGNORECASE)
_NEAR_KM = 120.0
# Oblasts where the fighting of 2022-2026 took place: a name shared with a village far from the front
# more likely means the front-line one.
FRONTLINE = frozenset({
    "Donetsk Oblast", "Luhansk Oblast", "Kharkiv Oblast", "Zaporizhzhia Oblast", "Kherson Oblast",
    "Dnipropetrovsk Oblast", "Sumy Oblast", "Mykolaiv Oblast", "Kursk Oblast", "Belgorod Oblast", "Crimea",
})


@dataclass(frozen=True)
class Context:
    """What an article tells about where it is: oblasts it names, places it has pinned down."""

    oblasts: frozenset[str] = frozenset()  # admin1 names, e.g. "Kharkiv Oblast"
    sentence_oblasts: frozenset[str] = frozenset()
    anchors: tuple[tuple[float, float], ...] = ()
    river: bool = False
    russia: bool = False
    attached_oblast: str = ""  # "X in the Kharkiv region": the oblast the text puts this place in


@dataclass(frozen=True)
class Resolution:
    """The place chosen for a name, the candidates it was chosen from, and why."""

    query: str
    place: Place | None
    score: float = 0.0
    candidates: tuple[tuple[Candidate, float], ...] = field(default=())
    reason: str = ""
    ambiguous: bool = False


def unresolved_place(name: str, admin1: str = "") -> Place:
    """A settlement the gazetteer lacks, kept under its written name; the same spelling anywhere is the same place."""
    return Place(id=f"unresolved:{name_key(name)}", name=name.strip(), kind=PlaceKind.SETTLEMENT, admin1=admin1,
                 resolved=False)


def raion_of(settlement: Place) -> Place:
    """The raion named after a settlement (Kupiansk -> Kupiansk Raion)."""
    return Place(
        id=f"raion:{settlement.id}", name=f"{settlement.name} Raion", kind=PlaceKind.RAION,
        admin1=settlement.admin1, country=settlement.country, lat=settlement.lat, lon=settlement.lon,
    )


def _weigh(candidate: Candidate, context: Context) -> tuple[float, str]:
    place = candidate.place
    score = candidate.score / 100
    reasons = []
    if place.admin1 and place.admin1 in context.sentence_oblasts and place.kind != PlaceKind.OBLAST:
        score += 3.0
        reasons.append(f"in {place.admin1}, named in the same sentence")
    elif place.admin1 and place.admin1 in context.oblasts and place.kind != PlaceKind.OBLAST:
        score += 1.5
        reasons.append(f"in {place.admin1}, which the article names")
    if context.anchors and place.lat is not None and place.lon is not None:
        nearest = min(distance_km((place.lat, place.lon), anchor) for anchor in context.anchors)
        if nearest > 1:  # an anchor at distance 0 is the candidate itself
            bonus = 2.0 * math.exp(-nearest / _NEAR_KM)
            score += bonus
            if bonus > 0.3:
                reasons.append(f"{nearest:.0f} km from other places the article names")
    if place.kind == PlaceKind.RIVER:
        score += 2.5 if context.river else -1.0
    if place.country == "RU":
        score += 0.3 if context.russia else -0.3
    if place.admin1 in FRONTLINE and place.kind == PlaceKind.SETTLEMENT:
        score += 0.3
    if name_key(candidate.matched) == name_key(place.name) and candidate.how == "exact":
        score += 0.8  # the name it goes by now, not an alternate or old name
        reasons.append("the one that goes by this name now")
    if candidate.how == "former":
        score += 1.0
        reasons.append("the one the curated renames table knows")
    if place.population:
        score += 0.6 * math.log10(place.population + 1)
    return score, "; ".join(reasons)


def choose(query: str, candidates: Sequence[Candidate], context: Context = Context()) -> Resolution:
    """Pick one of the candidates for a name, with the reason and whether the choice was clear."""
    if not candidates:
        return Resolution(query, None, reason="no gazetteer entry has this name")
    weighed = sorted(((c, *_weigh(c, context)) for c in candidates), key=lambda x: (-x[1], x[0].place.id))
    best, best_score, reason = weighed[0]
    others = [w for w in weighed[1:] if w[0].place.id != best.place.id]
    ambiguous = bool(others) and (best_score - others[0][1] < 0.5)
    how = {"exact": "exact spelling", "former": f"a former name of {best.place.name}",
           "romanized": f"romanized as {best.matched}", "typo": f"close to {best.matched}"}[best.how]
    if others:
        why = reason or ("the most populous" if best.place.population else "the first listed")
        reason = f"{how}; {len(others) + 1} places fit, chose it as {why}"
    else:
        reason = how
    return Resolution(
        query, best.place, round(best.score, 1),
        tuple((c, round(s, 3)) for c, s, _ in weighed), reason, ambiguous,
    )


def resolve_name(gazetteer: Gazetteer, name: str, context: Context = Context()) -> Resolution:
    """The place a name means, read on its own: any spelling, any script, "X district", "X region"."""
    text = name.strip()
    raion = _RAION_SUFFIX.search(text)
    known = raion and any(c.how != "typo" for c in gazetteer.candidates(text, fuzzy=False))
    if raion and not known and (base := text[:raion.start()].strip()):  # unless the raion has its own entry
        inner = resolve_name(gazetteer, base, context)
        if inner.place is not None and inner.place.kind == PlaceKind.SETTLEMENT:
            return Resolution(name, raion_of(inner.place), inner.score, inner.candidates,
                              f"the raion named after {inner.place.name}", inner.ambiguous)
    candidates = gazetteer.candidates(text)
    if not candidates and _REGION_SUFFIX.search(text):
        candidates = gazetteer.candidates(_REGION_SUFFIX.sub("", text) + " Oblast")
    typos = [c for c in candidates if c.how == "typo"]
    if typos and len({c.place.id for c in typos if c.score == typos[0].score}) > 1 and not context.oblasts:
        result = choose(name, candidates, context)
        return Resolution(name, result.place, result.score, result.candidates,
                          "several places are as close to this spelling", True)
    return choose(name, candidates, context)


def region_named_after(gazetteer: Gazetteer, name: str) -> Place | None:
    """The oblast named after a city ("Kharkov" in "Sumy and Kharkov regions")."""
    for candidate in gazetteer.candidates(f"{name} region", fuzzy=False):
        if candidate.place.kind in (PlaceKind.OBLAST, PlaceKind.REGION):
            return candidate.place
    return None
