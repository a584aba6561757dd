"""Lining the two sides up: a place's claims in date order, and the pairs of them that cannot both hold.

Two claims contradict when opposite sides (RU and UA) make them about the same place within a time
window and they cannot both be true: each side's forces control it, each side's forces are the
encircled ones, one side claims something the other side denies, one claims control where the
other claims to have repelled it. A wire story republished by several outlets counts once.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import UnknownPlaceError
from .lexicon import CLAIMS
from .models import Claim, ClaimType, Period, Place, PlaceKind, Side, distance_km
from .names import name_key, other_names
from .store import Store

if TYPE_CHECKING:  # loaded only when a name is not among the places with claims
    from .gazetteer import Gazetteer
    from .resolve import Resolution

DEFAULT_WINDOW_DAYS = 14
RELATED_KM = 20.0
_SIDES = (Side.RU, Side.UA)
_ORDER = list(ClaimType)


@dataclass(frozen=True)
class Contradiction:
    """Two claims about one place, from opposite sides, that cannot both hold."""

    kind: str
    first: Claim
    second: Claim
    days_apart: int | None = None
    repeats: int = 0


@dataclass
class Comparison:
    """What `frontclaims compare` shows about one place."""

    place: Place
    resolution: Resolution | None
    other_names: list[str]
    related: list[Place]
    claims: list[Claim]
    contradictions: list[Contradiction] = field(default_factory=list)
    total: int = 0  # claims about the place in the store; `claims` may hold only the latest of them
    repeats: dict[str, list[str]] = field(default_factory=dict)  # claim id -> other articles with the same story
    republished: set[str] = field(default_factory=set)  # ids of the claims that repeat an earlier one


@dataclass(frozen=True)
class PlaceSummary:
    """A line of `frontclaims places`: how much is claimed about a place, and how much of it clashes."""

    place: Place
    claims: int
    contradictions: int
    by_side: dict[str, int]


def conflict(a: Claim, b: Claim) -> str | None:
    """Why two claims cannot both hold ("control vs repelled", the types in the claim table's order),
    or None when they can: what each claim type contradicts is its claim-table entry's `contradicts`."""
    if a.side not in _SIDES or b.side not in _SIDES or a.side == b.side:
        return None
    for claim, other in ((a, b), (b, a)):
        how = CLAIMS[claim.claim].contradicts.get(other.claim)
        if how is not None and _contradicts(how, claim, other):
            first, second = sorted((claim.claim, other.claim), key=_ORDER.index)
            return f"{first.value} vs {second.value}"
    return None


def _contradicts(how: str, claim: Claim, other: Claim) -> bool:
    if how == "denied":  # a denial of that claim type, or of none named, about the same forces or none
        return claim.denies in (None, other.claim) and (
            claim.subject_side == other.subject_side or claim.subject_side not in _SIDES)
    if claim.subject_side not in _SIDES or other.subject_side not in _SIDES:
        return False
    return (claim.subject_side == other.subject_side) == (how == "same side")


def _timeline_key(claim: Claim) -> tuple:
    """Date order, undated claims last."""
    return (claim.date is None, claim.date or dt.date.min, claim.article, claim.start)


def _story_key(claim: Claim) -> str:
    """Claims with the same sentence, place, side and type are one story however many outlets carried it."""
    words = re.sub(r"\W+", " ", claim.sentence.lower()).strip()
    return f"{claim.place.id}|{claim.side.value}|{claim.claim.value}|{words}"


def stories(claims: list[Claim]) -> list[tuple[Claim, list[Claim]]]:
    """Each distinct story once, with the further appearances of the same story in other articles."""
    groups: dict[str, tuple[Claim, list[Claim]]] = {}
    for claim in claims:
        key = _story_key(claim)
        if key in groups:
            groups[key][1].append(claim)
        else:
            groups[key] = (claim, [])
    return list(groups.values())


def syndicated(claims: list[Claim]) -> list[tuple[Claim, int]]:
    """Each distinct story once, with how many further appearances it had."""
    return [(first, len(rest)) for first, rest in stories(claims)]


def contradictions(claims: list[Claim], window_days: int = DEFAULT_WINDOW_DAYS) -> list[Contradiction]:
    """Every pair of claims about the same place that cannot both hold within the window, oldest first.

    Only Russian claims can contradict Ukrainian ones, so each Russian story is set against the
    Ukrainian stories of its place within the window (found by bisection in date order): the work
    grows with the pairs that are close in time, not with the square of the claims. Undated claims
    cannot be placed outside the window, so they are compared with everything.
    """
    by_place: dict[str, dict[Side, list[tuple[Claim, int]]]] = {}
    for story in syndicated(claims):
        if story[0].side in _SIDES:
            by_place.setdefault(story[0].place.id, {}).setdefault(story[0].side, []).append(story)
    found = []
    window = dt.timedelta(days=window_days)
    for sides in by_place.values():
        ukrainian = sorted((s for s in sides.get(Side.UA, []) if s[0].date), key=lambda s: s[0].date)
        dates = [s[0].date for s in ukrainian]
        undated = [s for s in sides.get(Side.UA, []) if not s[0].date]
        for a, repeats_a in sides.get(Side.RU, []):
            if a.date:
                near = ukrainian[bisect.bisect_left(dates, a.date - window):bisect.bisect_right(dates, a.date + window)]
            else:
                near = ukrainian
            for b, repeats_b in near + undated:
                kind = conflict(a, b)
                if kind is None:
                    continue
                days = abs((a.date - b.date).days) if a.date and b.date else None
                first, second = sorted((a, b), key=_timeline_key)
                found.append(Contradiction(kind=kind, first=first, second=second, days_apart=days,
                                           repeats=repeats_a + repeats_b))
    return sorted(found, key=lambda c: (_timeline_key(c.first), _timeline_key(c.second)))


def find_place(store: Store, gazetteer: Callable[[], Gazetteer], name: str) -> tuple[Place, Resolution | None]:
    """The place a user means.

    A spelling that only one place with claims has is that place, and among several the one whose
    current name it is, then the most populous: the store knows every spelling of the places it
    holds claims about, so no gazetteer is loaded. Otherwise (a tie, a typo, a place without
    claims) the gazetteer chooses (`gazetteer()` loads it), and a name it lacks may still be an
    unresolved place of the store.
    """
    if not name.strip():
        raise UnknownPlaceError(name)
    key = name_key(name)
    claimed = _by_name_then_size(store.places_by_key(key) if key else [], key)
    if len(claimed) == 1 or (len(claimed) > 1 and _rank(claimed[0], key) > _rank(claimed[1], key)):
        return claimed[0], None
    from .resolve import resolve_name

    places = gazetteer()
    resolution = resolve_name(places, name)
    if resolution.place is not None:
        return resolution.place, resolution
    for place in store.claimed_places():
        if not place.resolved and name_key(place.name) == key:
            return place, None
    suggestions = places.suggestions(name)
    suggestions += [p.name for p in store.claimed_places() if not p.resolved and p.name not in suggestions
                    and name_key(p.name)[:3] == key[:3]]
    raise UnknownPlaceError(name, suggestions[:4])


def _rank(place: Place, key: str) -> tuple[bool, int]:
    """How the resolver ranks same-name places without context: the current name, then population."""
    return name_key(place.name) == key, place.population or 0


def _by_name_then_size(places: list[Place], key: str) -> list[Place]:
    return sorted(places, key=lambda p: _rank(p, key), reverse=True)


def related_places(place: Place, claimed: list[Place]) -> list[Place]:
    """Places with claims that are near this one or part of it, listed beside it rather than merged."""
    related = []
    for other in claimed:
        if other.id == place.id:
            continue
        near = (place.lat is not None and other.lat is not None and place.kind == PlaceKind.SETTLEMENT
                and distance_km((place.lat, place.lon), (other.lat, other.lon)) <= RELATED_KM)
        inside = place.kind in (PlaceKind.OBLAST, PlaceKind.REGION) and other.admin1 == place.admin1 and place.admin1
        named = name_key(place.name) in name_key(other.name) or (other.kind == PlaceKind.RAION and
                                                                  name_key(other.name).startswith(name_key(place.name)))
        if near or inside or named:
            related.append(other)
    return sorted(related, key=lambda p: p.name)


def compare(store: Store, gazetteer: Callable[[], Gazetteer], name: str,
            window_days: int = DEFAULT_WINDOW_DAYS, limit: int | None = None, *,
            period: Period | None = None) -> Comparison:
    """What both sides claim about the place a name means, and where they contradict each other:
    every claim, or the `limit` latest (and the contradictions among them). With a `period`, the
    claims dated in it and the undated ones, which cannot be placed in or out of it.

    `gazetteer()` is called only when the store alone cannot tell which place the name means.
    """
    place, resolution = find_place(store, gazetteer, name)
    claims = (store.latest_claims(place.id, limit, period=period) if limit
              else store.claims(place_ids=[place.id], period=period))
    groups = stories(claims)
    return Comparison(
        total=store.count_claims(place.id, period=period) if limit else len(claims),
        place=place, resolution=resolution,
        other_names=store.other_names(place.id) or other_names(place.name, place.name_uk, place.name_ru),
        related=related_places(place, store.places_around(place, RELATED_KM)), claims=claims,
        contradictions=contradictions(claims, window_days),
        repeats={first.claim_id: [c.article for c in rest] for first, rest in groups if rest},
        republished={c.claim_id for _, rest in groups for c in rest},
    )


def summarise_places(store: Store, window_days: int = DEFAULT_WINDOW_DAYS, *,
                     period: Period | None = None) -> list[PlaceSummary]:
    """Every place with claims, most claimed first, with its contradictions counted; with a `period`,
    the places and claims dated in it (`Store.undated_counts` tells what that leaves out).

    Contradictions are looked for only where both sides have spoken, one place at a time.
    """
    summaries = []
    undated = not (period and period.bounded)
    for place, counts in store.side_counts(period=period):
        clashes = 0
        if counts.get(Side.RU.value) and counts.get(Side.UA.value):
            clashes = len(contradictions(store.claims(place_ids=[place.id], period=period, undated=undated),
                                         window_days))
        summaries.append(PlaceSummary(place, sum(counts.values()), clashes, counts))
    return sorted(summaries, key=lambda s: (-s.claims, -s.contradictions, s.place.name))
