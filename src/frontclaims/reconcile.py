"""Lining the two sides up: a place's claims in date order, and the disputes among them.

Two claims contradict when opposite sides (RU and UA) make them about the same place within a time
window and they cannot both be true: each side's forces control it, each side's forces are the
encircled ones, one side claims something the other side denies, one claims control where the
other claims to have repelled it. A wire story republished by several outlets counts once. The
clashing pairs that hang together (same kind, linked through shared claims within the window) are
one dispute, reported once with all its claims; pairs are counted, never built one by one, so a
place with thousands of claims costs a sort, not the square of its claims.

An undated claim is one whose article has no date either: it is paired only with claims of its own
article (which speak of the same moment), never across articles by the window.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from .errors import UncertainPlaceError, UnknownPlaceError
from .lexicon import CLAIMS
from .models import Claim, ClaimType, Period, Place, PlaceKind, Side, distance_km
from .names import name_key, other_names
from .placeref import referenced_place
from .store import Store

if TYPE_CHECKING:  # loaded only when a name is not among the places with claims
    from .gazetteer import Gazetteer
    from .resolve import Resolution

DEFAULT_WINDOW_DAYS = 14
RELATED_KM = 20.0
# A corrected spelling is shown only when it is this close to a gazetteer name and no other place
# is as close; otherwise the user is asked to choose among the candidates.
CLOSE_SPELLING = 85.0
_SIDES = (Side.RU, Side.UA)
_ORDER = list(ClaimType)


@dataclass(frozen=True)
class Contradiction:
    """One dispute about a place: claims of opposite sides that cannot both hold, gathered into one.

    `first` and `second` are its closest pair in time (the older first), `claims` every claim of
    either side that takes part (one per story, oldest first), `pairs` how many pairs of them clash,
    `repeats` how many further appearances its stories had in other articles.
    """

    kind: str
    first: Claim
    second: Claim
    days_apart: int | None = None
    repeats: int = 0
    claims: tuple[Claim, ...] = ()
    pairs: int = 1


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
    corrected: bool = False  # the name was a misspelling of the place's name


@dataclass(frozen=True)
class PlaceSummary:
    """A line of `frontclaims places`: how much is claimed about a place, and how much of it clashes."""

    place: Place
    claims: int
    contradictions: int
    by_side: dict[str, int]


class Position(NamedTuple):
    """What a claim asserts, as far as a clash is concerned (the values of its fields)."""

    side: str
    claim: str
    subject_side: str
    denies: str | None


def position(claim: Claim) -> Position:
    return Position(claim.side.value, claim.claim.value, claim.subject_side.value,
                    claim.denies.value if claim.denies else None)


_SIDE_VALUES = ("RU", "UA")


@functools.lru_cache(maxsize=4096)
def clash(a: Position, b: Position) -> str | None:
    """Why two positions cannot both hold ("control vs repelled", the types in the claim table's
    order), or None when they can: what each claim type contradicts is its claim-table entry's
    `contradicts`. Positions are few, so each pair of them is worked out once."""
    if a.side not in _SIDE_VALUES or b.side not in _SIDE_VALUES or a.side == b.side:
        return None
    try:
        kinds = ClaimType(a.claim), ClaimType(b.claim)
    except ValueError:  # a claim type this frontclaims does not know clashes with nothing
        return None
    for (claim, kind), (other, other_kind) in (((a, kinds[0]), (b, kinds[1])), ((b, kinds[1]), (a, kinds[0]))):
        how = CLAIMS[kind].contradicts.get(other_kind)
        if how is not None and _contradicts(how, claim, other):
            first, second = sorted((kind, other_kind), key=_ORDER.index)
            return f"{first.value} vs {second.value}"
    return None


def _contradicts(how: str, claim: Position, other: Position) -> bool:
    if how == "denied":  # a denial of that claim type, or of none named, about the same forces or none
        return claim.denies in (None, other.claim) and (
            claim.subject_side == other.subject_side or claim.subject_side not in _SIDE_VALUES)
    if claim.subject_side not in _SIDE_VALUES or other.subject_side not in _SIDE_VALUES:
        return False
    return (claim.subject_side == other.subject_side) == (how == "same side")


def conflict(a: Claim, b: Claim) -> str | None:
    """Why two claims cannot both hold, or None when they can (see `clash`)."""
    return clash(position(a), position(b))


def _timeline_key(claim: Claim) -> tuple:
    """Date order, undated claims last."""
    return (claim.date is None, claim.date or dt.date.min, claim.article, claim.start)


_NOT_WORDS = re.compile(r"\W+")


def story_key(place_id: str, side: str, claim: str, sentence: str) -> str:
    """Claims with the same sentence, place, side and type are one story however many outlets carried it."""
    return f"{place_id}|{side}|{claim}|{_NOT_WORDS.sub(' ', sentence.lower()).strip()}"


def _story_key(claim: Claim) -> str:
    return story_key(claim.place.id, claim.side.value, claim.claim.value, claim.sentence)


def stories(claims: list[Claim]) -> list[tuple[Claim, list[Claim]]]:
    """Each distinct story once, with its further appearances in other articles (a sentence an
    article repeats is not a republication of itself)."""
    groups: dict[str, tuple[Claim, list[Claim], set[str]]] = {}
    for claim in claims:
        key = _story_key(claim)
        if key not in groups:
            groups[key] = (claim, [], {claim.article})
        elif claim.article not in groups[key][2]:
            groups[key][1].append(claim)
            groups[key][2].add(claim.article)
    return [(first, rest) for first, rest, _ in groups.values()]


def syndicated(claims: list[Claim]) -> list[tuple[Claim, int]]:
    """Each distinct story once, with how many further appearances it had."""
    return [(first, len(rest)) for first, rest in stories(claims)]


# -- disputes -----------------------------------------------------------------------------------------
class Entry(NamedTuple):
    """A story as the dispute finder sees it: what it asserts, when, and on which time line."""

    position: Position
    day: int  # days since year 1 on its time line
    line: Hashable  # None: the calendar; an article id: the undated claims of that article
    repeats: int = 0


@dataclass
class Dispute:
    """A dispute as found: the entries taking part (by index), how many pairs clash, and the closest one."""

    kind: str
    members: list[int]
    pairs: int
    closest: tuple[int, int, int]  # (days apart, entry of one side, entry of the other)


def entry_line(day: dt.date | None, article_id: str) -> tuple[int, Hashable]:
    """Where a claim sits in time: its date on the calendar, or, undated, its own article's line."""
    return (day.toordinal(), None) if day else (0, ("undated", article_id))


def disputes(entries: Sequence[Entry], window_days: int) -> list[Dispute]:
    """The disputes among stories of one place.

    Entries are grouped by position; for each pair of positions that clash, each Russian entry meets
    the Ukrainian entries of the other position within the window on the same time line, a range
    found by bisection in date order. Ranges are counted, not listed, and joined into disputes
    through a union-find in which a range links only its neighbours: the work is a sort plus linear.
    """
    groups: dict[tuple[Hashable, Position], list[int]] = {}
    for number, entry in enumerate(entries):
        if entry.position.side in _SIDE_VALUES:
            groups.setdefault((entry.line, entry.position), []).append(number)
    for members in groups.values():
        members.sort(key=lambda n: entries[n].day)
    lines: dict[Hashable, list[Position]] = {}
    for line, pos in groups:
        lines.setdefault(line, []).append(pos)

    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def root(node):
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def join(a, b) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[rb] = ra

    counted: dict[tuple[str, int], int] = {}
    nearest: dict[tuple[str, int], tuple[int, int, int]] = {}
    for line, positions in lines.items():
        window = window_days if line is None else 0
        russian = [p for p in positions if p.side == "RU"]
        ukrainian = [p for p in positions if p.side == "UA"]
        for a in russian:
            for b in ukrainian:
                kind = clash(a, b)
                if kind is None:
                    continue
                others = groups[(line, b)]
                days = [entries[n].day for n in others]
                joined = -1
                for r in groups[(line, a)]:
                    day = entries[r].day
                    lo, hi = bisect.bisect_left(days, day - window), bisect.bisect_right(days, day + window)
                    if lo == hi:
                        continue
                    node = (kind, r)
                    counted[node] = counted.get(node, 0) + hi - lo
                    join(node, (kind, others[lo]))
                    for i in range(max(lo + 1, joined + 1), hi):
                        join((kind, others[i - 1]), (kind, others[i]))
                    joined = max(joined, hi - 1)
                    at = bisect.bisect_left(days, day, lo, hi)
                    u = min((i for i in (at - 1, at) if lo <= i < hi), key=lambda i: (abs(days[i] - day), i))
                    close = (abs(days[u] - day), r, others[u])
                    if node not in nearest or close < nearest[node]:
                        nearest[node] = close
    found: dict[tuple[str, int], Dispute] = {}
    for node in parent:
        top = root(node)
        dispute = found.setdefault(top, Dispute(node[0], [], 0, (1 << 62, 0, 0)))
        dispute.members.append(node[1])
        dispute.pairs += counted.get(node, 0)
        if node in nearest and nearest[node] < dispute.closest:
            dispute.closest = nearest[node]
    return list(found.values())


def contradictions(claims: list[Claim], window_days: int = DEFAULT_WINDOW_DAYS) -> list[Contradiction]:
    """The disputes among claims (of one place or several), oldest first: each the pairs of stories
    that cannot both hold within the window, joined where they share a claim."""
    found = []
    by_place: dict[str, list[tuple[Claim, int]]] = {}
    for story, rest in stories(claims):
        by_place.setdefault(story.place.id, []).append((story, len(rest)))
    for place_stories in by_place.values():
        entries = [Entry(position(c), *entry_line(c.date, c.article_id or c.article), repeats)
                   for c, repeats in place_stories]
        for dispute in disputes(entries, window_days):
            days, one, other = dispute.closest
            first, second = sorted((place_stories[one][0], place_stories[other][0]), key=_timeline_key)
            members = sorted((place_stories[n][0] for n in dispute.members), key=_timeline_key)
            found.append(Contradiction(
                kind=dispute.kind, first=first, second=second,
                days_apart=days if first.date and second.date else None,
                repeats=sum(entries[n].repeats for n in dispute.members), claims=tuple(members),
                pairs=dispute.pairs))
    return sorted(found, key=lambda c: (_timeline_key(c.first), _timeline_key(c.second), c.kind))


def count_disputes(rows: Iterable[tuple], window_days: int = DEFAULT_WINDOW_DAYS) -> int:
    """How many disputes the claims of one place hold, from rows of (side, claim, subject_side,
    denies, date text or None, article id, sentence), without building a claim or a pair."""
    seen: set[str] = set()
    entries = []
    for side, claim, subject, denies, day, article_id, sentence in rows:
        if side not in _SIDE_VALUES:
            continue
        key = story_key("", side, claim, sentence)
        if key in seen:
            continue
        seen.add(key)
        entries.append(Entry(Position(side, claim, subject, denies),
                             *entry_line(dt.date.fromisoformat(day) if day else None, article_id)))
    return len(disputes(entries, window_days))


def find_place(store: Store, gazetteer: Callable[[], Gazetteer], name: str) -> tuple[Place, Resolution | None]:
    """The place a user means.

    An id (`704422`, `ambiguous:andriivka`) or "Name, Oblast" names one place outright (see `placeref`).
    A spelling that only one place with claims has is that place, and among several the one whose
    current name it is, then the most populous: the store knows every spelling of the places it
    holds claims about, so no gazetteer is loaded. Otherwise (a tie, a typo, a place without
    claims) the gazetteer chooses (`gazetteer()` loads it), and a name it lacks may still be an
    unresolved place of the store.
    """
    if not name.strip():
        raise UnknownPlaceError(name)
    gazetteer = functools.cache(gazetteer)
    named = referenced_place(name, lambda place_id: store.place(place_id) or gazetteer().get(place_id),
                             lambda text: [*store.places_by_key(name_key(text)), *gazetteer().lookup(text)])
    if named is not None:
        return named, None
    key = name_key(name)
    claimed = _by_name_then_size(store.places_by_key(key) if key else [], key)
    if len(claimed) == 1 or (len(claimed) > 1 and _rank(claimed[0], key) > _rank(claimed[1], key)):
        return claimed[0], None
    from .resolve import resolve_name

    places = gazetteer()
    resolution = resolve_name(places, name)
    if resolution.place is not None and not corrected(resolution):
        return resolution.place, resolution
    if resolution.place is not None and not resolution.ambiguous and resolution.score >= CLOSE_SPELLING:
        return resolution.place, resolution
    if resolution.place is not None:  # a guess: let the user choose
        names = []
        for candidate, _ in resolution.candidates:
            label = candidate.place.name + (f" ({candidate.place.admin1})" if candidate.place.admin1 else "")
            if label not in names:
                names.append(label)
        raise UncertainPlaceError(name, names[:4])
    for place in store.claimed_places():
        if not place.resolved and name_key(place.name) == key:
            return place, None
    suggestions = places.suggestions(name)
    suggestions += [p.name for p in store.claimed_places() if not p.resolved and p.name not in suggestions
                    and name_key(p.name)[:3] == key[:3]]
    raise UnknownPlaceError(name, suggestions[:4])


def corrected(resolution: Resolution | None) -> bool:
    """Whether the name was taken for a misspelling of the place's name."""
    return bool(resolution and resolution.candidates and resolution.candidates[0][0].how == "typo")


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
        republished={c.claim_id for _, rest in groups for c in rest} | _repeated_in_place(claims, groups),
        corrected=corrected(resolution),
    )


def _repeated_in_place(claims: list[Claim], groups: list[tuple[Claim, list[Claim]]]) -> set[str]:
    """Claims that repeat a story in the article that already told it: shown once, not as republished."""
    kept = {first.claim_id for first, _ in groups} | {c.claim_id for _, rest in groups for c in rest}
    return {c.claim_id for c in claims if c.claim_id not in kept}


def summarise_places(store: Store, window_days: int = DEFAULT_WINDOW_DAYS, *,
                     period: Period | None = None) -> list[PlaceSummary]:
    """Every place with claims, most claimed first, with its disputes counted; with a `period`, the
    places and claims dated in it (`Store.undated_counts` tells what that leaves out).

    Disputes are looked for only where both sides have spoken, one place at a time, from the few
    fields a clash depends on: no claim and no pair is built.
    """
    undated = not (period and period.bounded)
    counts = store.side_counts(period=period)
    disputed = [place.id for place, by_side in counts if by_side.get(Side.RU.value) and by_side.get(Side.UA.value)]
    clashes = {place_id: count_disputes(rows, window_days)
               for place_id, rows in store.clash_rows(disputed, period=period, undated=undated)}
    summaries = [PlaceSummary(place, sum(by_side.values()), clashes.get(place.id, 0), by_side)
                 for place, by_side in counts]
    return sorted(summaries, key=lambda s: (-s.claims, -s.contradictions, s.place.name))
