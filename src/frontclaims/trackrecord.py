"""Track records of sources: for each outlet and each claimant, how many of the claims it carried
the other side contradicted, later conceded, and neutral claimants corroborated.

Each figure is read off the claim table: what contradicts what is `contradicts` (as in
`reconcile`), what concedes what is `concedes`, and a neutral claim corroborates a claim when it
would concede it coming from the other side. The README defines the figures.
"""

from __future__ import annotations

import bisect
import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from .lexicon import CLAIMS
from .models import ClaimType, Side
from .reconcile import DEFAULT_WINDOW_DAYS, Entry, Position, disputes, entry_line, story_key
from .store import Store

DEFAULT_MIN_CLAIMS = 5
_SIDED = ("RU", "UA")


@dataclass(frozen=True)
class _Claim:
    """What a track record needs of a stored claim."""

    row: int
    place_id: str
    side: str
    claim: str
    subject_side: str
    denies: str | None
    day: dt.date | None
    article_id: str
    claimant: str
    outlet: str
    story: str

    @property
    def position(self) -> Position:
        return Position(self.side, self.claim, self.subject_side, self.denies)


@dataclass(frozen=True)
class TrackRecord:
    """The figures of one outlet or claimant (see the README: "Track records")."""

    name: str
    kind: str  # "outlet" or "claimant"
    side: str  # a claimant's side (its most frequent one); for an outlet, "" (it carries both sides)
    claims: int  # stories carried (a story repeated in several articles of the source counts once)
    sided: int  # of them, claims by a Russian or Ukrainian claimant: the ones the shares are of
    contradicted: int
    conceded: int
    corroborated: int
    days_to_concession: tuple[int, ...] = field(default=(), repr=False)

    def share(self, count: int) -> float | None:
        return round(count / self.sided, 3) if self.sided else None

    @property
    def median_days_to_concession(self) -> float | None:
        return statistics.median(self.days_to_concession) if self.days_to_concession else None

    def as_dict(self) -> dict:
        return {
            "name": self.name, "kind": self.kind, "side": self.side or None, "claims": self.claims,
            "sided_claims": self.sided,
            "contradicted": self.contradicted, "contradicted_share": self.share(self.contradicted),
            "conceded": self.conceded, "conceded_share": self.share(self.conceded),
            "corroborated": self.corroborated, "corroborated_share": self.share(self.corroborated),
            "median_days_to_concession": self.median_days_to_concession,
        }


@dataclass(frozen=True)
class TrackRecords:
    """`frontclaims sources`: the outlets and the claimants with at least `min_claims` claims."""

    window_days: int
    min_claims: int
    outlets: list[TrackRecord]
    claimants: list[TrackRecord]


def _agreeing(concession: Position, claim: Position) -> bool:
    """Whether a claim in the `concession` position says what `claim` says (see `concedes` in the claim
    table): same place assumed, the claimant sides are the caller's business."""
    try:
        how = CLAIMS[ClaimType(concession.claim)].concedes.get(ClaimType(claim.claim))
    except ValueError:
        return False
    if how is None or concession.subject_side not in _SIDED or claim.subject_side not in _SIDED:
        return False
    return (concession.subject_side == claim.subject_side) == (how == "same side")


def _read(store: Store) -> list[_Claim]:
    rows = store.select_claims(["rowid", "place_id", "side", "claim", "subject_side", "denies",
                                "COALESCE(claim_date, published)", "article_id", "claimant", "outlet", "sentence"])
    return [_Claim(row, place, side, claim, subject, denies, dt.date.fromisoformat(day) if day else None,
                   article, claimant.strip(), outlet.strip(), story_key(place, side, claim, sentence))
            for row, place, side, claim, subject, denies, day, article, claimant, outlet, sentence in rows]


def _contradicted(claims: list[_Claim], window_days: int) -> set[str]:
    """The stories some claim of the other side contradicts (the disputes `reconcile` finds)."""
    found: set[str] = set()
    by_place: dict[str, dict[str, _Claim]] = defaultdict(dict)
    for c in claims:
        if c.side in _SIDED:
            by_place[c.place_id].setdefault(c.story, c)
    for stories in by_place.values():
        firsts = list(stories.values())
        entries = [Entry(c.position, *entry_line(c.day, c.article_id)) for c in firsts]
        for dispute in disputes(entries, window_days):
            found.update(firsts[n].story for n in dispute.members)
    return found


def _later(claims: list[_Claim], window_days: int) -> tuple[dict[int, int], set[int]]:
    """For each claim (by row) the other side conceded, the days until the first concession; and the
    rows of the claims a neutral claimant of another article corroborated within the window."""
    by_place: dict[str, list[_Claim]] = defaultdict(list)
    for c in claims:
        if c.day is not None:
            by_place[c.place_id].append(c)
    conceded: dict[int, int] = {}
    corroborated: set[int] = set()
    for place_claims in by_place.values():
        lines: dict[tuple[str, Position], list[_Claim]] = defaultdict(list)
        for c in place_claims:
            lines[(c.side, c.position)].append(c)
        for members in lines.values():
            members.sort(key=lambda c: c.day)
        days = {key: [c.day for c in members] for key, members in lines.items()}
        positions = {c.position for c in place_claims if c.side in _SIDED}
        for position in positions:
            opponent = Side(position.side).opponent.value
            conceding = [key for key in lines if key[0] == opponent and _agreeing(key[1], position)]
            neutral = [key for key in lines if key[0] == Side.NEUTRAL.value and _agreeing(key[1], position)]
            for c in lines[(position.side, position)]:
                first = [days[key][i] for key in conceding
                         if (i := bisect.bisect_right(days[key], c.day)) < len(days[key])]
                if first:
                    conceded[c.row] = (min(first) - c.day).days
                for key in neutral:
                    lo = bisect.bisect_left(days[key], c.day - dt.timedelta(days=window_days))
                    hi = bisect.bisect_right(days[key], c.day + dt.timedelta(days=window_days))
                    if any(other.article_id != c.article_id for other in lines[key][lo:hi]):
                        corroborated.add(c.row)
                        break
    return conceded, corroborated


def _records(kind: str, groups: dict[str, list[_Claim]], contradicted: set[str], conceded: dict[int, int],
             corroborated: set[int], min_claims: int) -> list[TrackRecord]:
    records = []
    for name, members in groups.items():
        stories: dict[str, list[_Claim]] = {}
        for c in members:
            stories.setdefault(c.story, []).append(c)
        if len(stories) < min_claims:
            continue
        sided = [copies for copies in stories.values() if copies[0].side in _SIDED]
        sides = [c.side for copies in stories.values() for c in copies[:1]]
        days = [min(conceded[c.row] for c in copies if c.row in conceded)
                for copies in sided if any(c.row in conceded for c in copies)]
        records.append(TrackRecord(
            name=name, kind=kind, side=max(set(sides), key=lambda s: (sides.count(s), s)) if kind == "claimant" else "",
            claims=len(stories), sided=len(sided),
            contradicted=sum(1 for copies in sided if copies[0].story in contradicted),
            conceded=len(days),
            corroborated=sum(1 for copies in sided if any(c.row in corroborated for c in copies)),
            days_to_concession=tuple(sorted(days))))
    return sorted(records, key=lambda r: (-r.claims, r.name.lower()))


def track_records(store: Store, window_days: int = DEFAULT_WINDOW_DAYS,
                  min_claims: int = DEFAULT_MIN_CLAIMS) -> TrackRecords:
    """The track record of every outlet and every claimant with at least `min_claims` claims (stories)."""
    claims = _read(store)
    contradicted = _contradicted(claims, window_days)
    conceded, corroborated = _later(claims, window_days)
    outlets: dict[str, list[_Claim]] = defaultdict(list)
    claimants: dict[str, list[_Claim]] = defaultdict(list)
    for c in claims:
        if c.outlet:
            outlets[c.outlet].append(c)
        if c.claimant:
            claimants[c.claimant].append(c)
    return TrackRecords(window_days, min_claims,
                        _records("outlet", outlets, contradicted, conceded, corroborated, min_claims),
                        _records("claimant", claimants, contradicted, conceded, corroborated, min_claims))

