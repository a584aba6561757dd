"""What a map of the claims shows: each place with claims in a selection, what each side last claimed
about it, its claims on a time line (grouped by day, claimant and outlet) and the evidence of the
latest few. The HTML report and the GeoJSON export are both built from `map_data`.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from .models import Claim, ClaimType, Period, Place, Side
from .reconcile import DEFAULT_WINDOW_DAYS, conflict, contradictions
from .store import Store

EVIDENCE_BUDGET = 6_000  # claims whose evidence a map carries: about 2 MB of a report
MOST_EVIDENCE = 50  # per place and claimant side
MAX_MARKS = 500_000  # beyond this many, a time line groups days into weeks, then months
GROUPINGS = ("day", "week", "month")
HOLDERS = (Side.RU, Side.UA)
# What a place's latest claims say, as a map colours it: whose forces are claimed to hold it
STATUSES = ("RU", "UA", "both", "fighting", "mentioned")
_FOUGHT_OVER = {ClaimType.ADVANCE, ClaimType.ATTACK, ClaimType.ENCIRCLED, ClaimType.FIGHTING}


@dataclass(frozen=True)
class Selection:
    """Which claims a map shows: those dated in a period (and the undated ones, kept apart), about
    some places or all, made by one claimant side or all."""

    period: Period = field(default_factory=Period)
    place_ids: tuple[str, ...] | None = None
    side: Side | None = None


class Code(NamedTuple):
    """What a claim says, as far as a map is concerned: who says it, what, of whose forces."""

    side: Side
    claim: ClaimType
    subject: Side
    denies: ClaimType | None


class Mark(NamedTuple):
    """Claims on a place's time line that share a day (or week or month), a code, a claimant and an outlet."""

    day: dt.date | None
    code: Code
    claimant: str
    outlet: str
    count: int


@dataclass(frozen=True)
class MapPlace:
    """A place with claims in the selection."""

    place: Place
    names: tuple[str, ...]  # the other spellings worth showing
    keys: tuple[str, ...]  # the lookup key (`names.name_key`) of every spelling the store knows
    claims: int  # dated and undated
    undated: int
    by_side: dict[str, int]
    first: dt.date | None
    last: dt.date | None
    latest: dict[Side, tuple[dt.date, tuple[Code, ...]]]  # each claimant side's latest day, what it said that day
    marks: tuple[Mark, ...]  # by date, undated last
    evidence: tuple[Claim, ...]  # the latest few claims of each side, whole
    contradictions: int | None = None  # counted only when asked for

    @property
    def status(self) -> str:
        """What the latest claims of all sides say together (one of STATUSES)."""
        return status(stance(code) for _, codes in self.latest.values() for code in codes)


@dataclass(frozen=True)
class MapData:
    """Every place with claims in a selection, most claimed first."""

    selection: Selection
    places: tuple[MapPlace, ...]
    window_days: int
    grouping: str  # how the time lines group claims: by "day", "week" or "month"
    claims: int
    undated: int
    first: dt.date | None
    last: dt.date | None  # the latest date any claim has: the data is as of this day

    @property
    def codes(self) -> list[Code]:
        """Every code the marks use, in a fixed order."""
        return sorted({m.code for p in self.places for m in p.marks}, key=_code_order)


def stance(code: Code) -> str:
    """Whose forces a claim says hold the place ("RU" or "UA"), "fighting" when it says the place is
    fought over, "" when it says neither."""
    held = code.subject if code.subject in HOLDERS else None
    if code.claim in (ClaimType.CONTROL, ClaimType.REPELLED):
        return held.value if held else ""
    if code.claim == ClaimType.WITHDRAWAL:
        return held.opponent.value if held else ""
    if code.claim == ClaimType.DENIAL:
        return held.opponent.value if held and code.denies in (None, ClaimType.CONTROL) else ""
    return "fighting" if code.claim in _FOUGHT_OVER else ""


def status(stances: Iterable[str]) -> str:
    """Claims of who holds a place taken together: "both" when one says RU and another UA."""
    stances = set(stances)
    held = stances & {"RU", "UA"}
    if len(held) == 2:
        return "both"
    if held:
        return held.pop()
    return "fighting" if "fighting" in stances else "mentioned"


def conflicts(codes: list[Code]) -> dict[tuple[int, int], str]:
    """Which pairs of codes (by position, first < second) cannot both hold, and why (`reconcile.conflict`)."""
    claims = [_stand_in(code) for code in codes]
    found = {}
    for (i, a), (j, b) in itertools.combinations(enumerate(claims), 2):
        kind = conflict(a, b)
        if kind:
            found[(i, j)] = kind
    return found


def _stand_in(code: Code) -> Claim:
    place = Place(id="", name="")
    return Claim(claim_id="", article="", place=place, place_text="", claimant="", side=code.side, claim=code.claim,
                 subject_side=code.subject, denies=code.denies, sentence="", start=0, end=0)


_SIDE_RANK = {side: rank for rank, side in enumerate(Side)}
_CLAIM_RANK = {claim: rank for rank, claim in enumerate(ClaimType)}


def _code_order(code: Code) -> tuple:
    return (_SIDE_RANK[code.side], _CLAIM_RANK[code.claim], _SIDE_RANK[code.subject],
            _CLAIM_RANK[code.denies] if code.denies else -1)


def _bucket(day: str, grouping: str) -> str:
    """The first day of the week or month of an ISO date, as an ISO date."""
    if grouping == "week":
        start = dt.date.fromisoformat(day)
        return (start - dt.timedelta(days=start.weekday())).isoformat()
    if grouping == "month":
        return day[:8] + "01"
    return day


class _PlaceTally:
    """A place's claims counted as they are read, in no particular order. Codes are numbers here and
    sides their text: hashing enums costs a Python call each, and there are hundreds of thousands."""

    __slots__ = ("by_side", "latest", "marks", "recent", "undated")

    def __init__(self):
        self.marks: dict[tuple, int] = {}  # (ISO day or None, code number, claimant, outlet): claims
        self.by_side: dict[str, int] = {}
        self.undated = 0
        self.latest: dict[str, tuple[str, set[int]]] = {}  # side: its latest day, the codes it said then
        self.recent: dict[tuple[str, bool], list[tuple[str, int]]] = {}  # (side, dated): heap of (day, row)

    def add(self, row: int, day: str | None, code: int, side: str, claimant: str, outlet: str) -> None:
        key = (day, code, claimant, outlet)
        self.marks[key] = self.marks.get(key, 0) + 1
        self.by_side[side] = self.by_side.get(side, 0) + 1
        if day is None:
            self.undated += 1
        else:
            last = self.latest.get(side)
            if last is None or day > last[0]:
                self.latest[side] = (day, {code})
            elif day == last[0]:
                last[1].add(code)
        heap = self.recent.get((side, day is not None))
        if heap is None:
            heap = self.recent[(side, day is not None)] = []
        item = (day or "", row)
        if len(heap) < MOST_EVIDENCE:
            heapq.heappush(heap, item)
        elif item > heap[0]:
            heapq.heapreplace(heap, item)


def map_data(store: Store, selection: Selection = Selection(), *, window_days: int = DEFAULT_WINDOW_DAYS,
             evidence: int = EVIDENCE_BUDGET, max_marks: int = MAX_MARKS,
             count_contradictions: bool = False) -> MapData:
    """The places with claims in the selection, most claimed first, each with its time line and
    the evidence of its latest claims: at least the latest claim of each side about each place while
    `evidence` allows, the places most claimed about first. `count_contradictions` also counts each
    place's contradictions as `frontclaims places` does (slower: it reads every claim whole)."""
    tallies: dict[str, _PlaceTally] = {}
    period = selection.period
    numbers: dict[tuple, int] = {}
    for row, place_id, day, side, claim, subject, denies, claimant, outlet in store.claim_marks(
            selection.place_ids, selection.side, period=period):
        code = numbers.get((side, claim, subject, denies))
        if code is None:
            code = numbers[(side, claim, subject, denies)] = len(numbers)
        tally = tallies.get(place_id)
        if tally is None:
            tally = tallies[place_id] = _PlaceTally()
        tally.add(row, day, code, side, claimant, outlet)
    codes = [Code(Side(side), ClaimType(claim), Side(subject), ClaimType(denies) if denies else None)
             for side, claim, subject, denies in numbers]

    grouping = _grouping(tallies.values(), max_marks)
    places = {p.id: p for p in store.claimed_places() if p.id in tallies}
    order = sorted(tallies, key=lambda pid: (-sum(tallies[pid].by_side.values()), places[pid].name, pid))
    chosen = _evidence_rows(order, tallies, evidence)
    by_place: dict[str, list[Claim]] = {}
    for claim in store.claims_at(chosen):
        by_place.setdefault(claim.place.id, []).append(claim)
    spellings = store.spellings()

    ranks = [_code_order(code) for code in codes]
    dates: dict[str, dt.date] = {}
    built = []
    for place_id in order:
        tally = tallies[place_id]
        days = sorted({day for day, *_ in tally.marks if day})
        clashes = None
        if count_contradictions:
            clashes = 0
            if tally.by_side.get(Side.RU.value) and tally.by_side.get(Side.UA.value):
                claims = store.claims([place_id], selection.side, period=period, undated=not period.bounded)
                clashes = len(contradictions(claims, window_days))
        names, keys = spellings.get(place_id, ([], []))
        latest = {Side(side): (dt.date.fromisoformat(day), tuple(sorted((codes[c] for c in found), key=_code_order)))
                  for side, (day, found) in tally.latest.items()}
        built.append(MapPlace(
            place=places[place_id], names=tuple(names), keys=tuple(keys), claims=sum(tally.by_side.values()),
            undated=tally.undated, by_side=dict(tally.by_side),
            first=dt.date.fromisoformat(days[0]) if days else None,
            last=dt.date.fromisoformat(days[-1]) if days else None,
            latest={side: latest[side] for side in Side if side in latest},
            marks=tuple(_marks(tally.marks, grouping, dates, codes, ranks)), evidence=tuple(by_place.get(place_id, [])),
            contradictions=clashes,
        ))
    firsts = [p.first for p in built if p.first]
    lasts = [p.last for p in built if p.last]
    return MapData(
        selection=selection, places=tuple(built), window_days=window_days, grouping=grouping,
        claims=sum(p.claims for p in built), undated=sum(p.undated for p in built),
        first=min(firsts) if firsts else None, last=max(lasts) if lasts else None,
    )


def _grouping(tallies: Iterable[_PlaceTally], max_marks: int) -> str:
    """The finest grouping of days that keeps the time lines within `max_marks` marks."""
    tallies = list(tallies)
    if sum(len(t.marks) for t in tallies) <= max_marks:
        return "day"
    buckets: dict[str, str] = {}
    for grouping in GROUPINGS[1:-1]:
        if sum(len(_regroup(t.marks, grouping, buckets)) for t in tallies) <= max_marks:
            return grouping
        buckets.clear()
    return GROUPINGS[-1]


def _regroup(counts: dict[tuple, int], grouping: str, buckets: dict[str, str]) -> dict[tuple, int]:
    """Mark counts with their days replaced by the first day of their week or month."""
    if grouping == "day":
        return counts
    grouped: dict[tuple, int] = {}
    for (day, *rest), n in counts.items():
        if day:
            day = buckets.get(day) or buckets.setdefault(day, _bucket(day, grouping))
        key = (day, *rest)
        grouped[key] = grouped.get(key, 0) + n
    return grouped


def _marks(counts: dict[tuple, int], grouping: str, days: dict[str, dt.date], codes: list[Code],
           ranks: list[tuple]) -> list[Mark]:
    """A place's marks in date order (undated last), the days grouped as asked."""
    grouped = _regroup(counts, grouping, {})
    order = sorted(grouped, key=lambda k: (k[0] is None, k[0] or "", ranks[k[1]], k[2], k[3]))
    return [Mark(days.get(k[0]) or days.setdefault(k[0], dt.date.fromisoformat(k[0])) if k[0] else None,
                 codes[k[1]], k[2], k[3], grouped[k]) for k in order]


def _evidence_rows(order: list[str], tallies: dict[str, _PlaceTally], budget: int) -> list[int]:
    """The rows whose claims the map carries whole: the latest of each place and side, as many each
    as the budget allows; when it cannot hold one each, the most claimed places first."""
    groups = [(pid, heap) for pid in order for heap in tallies[pid].recent.values()]
    if not groups or budget <= 0:
        return []
    each = max(1, min(MOST_EVIDENCE, budget // len(groups)))
    rows: list[int] = []
    for _, heap in groups[:budget]:
        rows += [row for _, row in heapq.nlargest(each, heap)]
    return rows[:budget] if len(rows) > budget else rows


def selected_claims(store: Store, selection: Selection, *, undated: bool = True) -> Iterator[Claim]:
    """Every claim of the selection, whole, dated ones in date order and then the undated ones
    (unless `undated` is false)."""
    return store.iter_claims(selection.place_ids, selection.side, period=selection.period, undated=undated)
