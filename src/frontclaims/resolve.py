"""Choosing the place a name means, or saying that none or several fit.

The gazetteer only proposes candidates (`Gazetteer.candidates`). Here each candidate is described by
named feature groups (how the name fits it, the oblast the text names, nearness to the places the
article has pinned down, the country the article is about, the front line, size), and one function
weighs them. "Unresolved" (no candidate is acceptable) and "ambiguous" (several are about as good)
are ordinary outcomes: a same-name village is never silently taken for the largest namesake.
`frontclaims place` and ingest resolve a name through the same function, `resolve`.
"""

from __future__ import annotations

import csv
import functools
import io
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import astuple, dataclass, field, fields
from enum import Enum
from importlib import resources

from .gazetteer import Candidate, Gazetteer
from .models import Place, PlaceKind, distance_km  # noqa: F401  (distance_km is used here and re-exported)
from .names import english_russian, name_key, ukrainian_spelling

_RAION_SUFFIX = re.compile(r"\s+(?:district|raion|rayon)s?\s*$", re.IGNORECASE)
_REGION_SUFFIX = re.compile(r"\s+(?:region|oblast|province)s?\s*$", re.IGNORECASE)
NEAR_KM = 50.0  # the scale of "near": the places of one front sector lie within about this distance
NEIGHBOUR_WEIGHT = 3.0  # nearness to a place of the same sentence, against 2.0 for one anywhere in the article
FAR_KM = 250.0  # farther than this from every place the article pins down is another story's place
UNLISTED = 200  # people presumed in a settlement the gazetteer gives no population for (GeoNames lists most of 500+)
CITY = 100_000  # people: a city this large is named anywhere, far from the article's other places or not
CLEAR_LEAD = 0.5  # a lead smaller than this over a different place leaves the choice open
FRONT_KM = 50.0  # the scale of "near the front line"
# How well the name fits, by how the gazetteer matched it.
_MATCH = {"current": 1.0, "exact": 0.8, "former": 1.2, "romanized": 0.8, "typo": 0.3}


class Cue(str, Enum):
    """What the text says a name is, which decides what may answer it."""

    TYPED = "typed"  # a name a user typed: any kind of place, "X district" and "X region" read as such
    NAME = "name"  # a name found in running text: a settlement, raion, oblast, river or region, never a country
    REGION_OF = "region_of"  # "Sumy and Kharkov regions": the oblast named after a city
    RAION_OF = "raion_of"  # "Kupyansk district": the raion named after a settlement
    SETTLEMENT = "settlement"  # "the village of X": a settlement, kept under its name if the gazetteer lacks it


class Outcome(str, Enum):
    """How a resolution ended."""

    RESOLVED = "resolved"
    AMBIGUOUS = "ambiguous"  # several places fit about as well: kept under the name, with the candidates
    UNRESOLVED = "unresolved"  # no gazetteer entry fits: kept under the written name, or no place at all


class Anchors:
    """The points an article pins down (lat, lon), each with how many of its mentions pin it, bucketed
    on a grid: the nearest one to a place is found in the cells around it, not by measuring to every
    point, so an article naming thousands of places costs their number, not its square."""

    CELL = 0.25  # degrees
    SMALL = 64  # up to this many points, measuring to each is cheaper than the grid

    def __init__(self, points: Iterable[tuple[float, float]] = ()):
        self.counts = Counter(points)
        self.cells: dict[tuple[int, int], list[tuple[float, float]]] = defaultdict(list)
        if len(self.counts) > self.SMALL:
            for point in self.counts:
                self.cells[self._cell(point)].append(point)

    def __len__(self) -> int:
        return len(self.counts)

    def _cell(self, point: tuple[float, float]) -> tuple[int, int]:
        return math.floor(point[0] / self.CELL), math.floor(point[1] / self.CELL)

    def nearest_km(self, point: tuple[float, float], own: tuple[float, float] | None = None,
                   within: float = FAR_KM) -> float | None:
        """Distance to the nearest point, leaving out `own` (the mention's own point) unless another
        mention pins it too: exact when it is at most `within` km (or there are few points), else
        math.inf; None when there is no other point."""
        def others(points):
            return [q for q in points if q != own or self.counts[q] > 1]

        if not self.cells:
            distances = [distance_km(point, q) for q in others(self.counts)]
            return min(distances) if distances else None
        if len(self.counts) == 1 and own in self.counts and self.counts[own] == 1:
            return None
        # a cell is at least this many km across, in the latitudes the search reaches
        cell_km = self.CELL * 111.0 * math.cos(math.radians(min(abs(point[0]) + 4.0, 85.0)))
        ci, cj = self._cell(point)
        best = math.inf
        shrink = math.cos(math.radians(point[0]))
        for ring in range(int(within / cell_km) + 2):
            found = [q for cell in _ring(ci, cj, ring) for q in others(self.cells.get(cell, ()))]
            if found:
                # a flat measure to rank them, the great circle for the few that may be nearest
                flat = [(q[0] - point[0]) ** 2 + ((q[1] - point[1]) * shrink) ** 2 for q in found]
                cutoff = min(flat) * 1.1 + 1e-9
                best = min(best, *(distance_km(point, q) for q, f in zip(found, flat) if f <= cutoff))
            if best <= ring * cell_km:  # whatever lies in a farther ring is farther still
                return best
        return best if best <= within else math.inf


def _ring(ci: int, cj: int, ring: int) -> Iterator[tuple[int, int]]:
    """The cells `ring` steps around (ci, cj): the cell itself for ring 0."""
    if ring == 0:
        yield ci, cj
        return
    for j in range(cj - ring, cj + ring + 1):
        yield ci - ring, j
        yield ci + ring, j
    for i in range(ci - ring + 1, ci + ring):
        yield i, cj - ring
        yield i, cj + ring


def called_fits(noun: str, place: Place) -> bool:
    """Whether "the city", "the town" or "the village" (of X) can mean a settlement of this size."""
    people = place.population
    if people is None and place.resolved:
        # the packaged gazetteer has the population of most places of 500 or more (GeoNames' cities500): one
        # without is taken for no city (with a gazetteer that lists none, "the city" falls back on the last place)
        return noun != "city"
    if people is None or not place.resolved:
        return True
    if noun == "city":
        return people >= 10_000
    if noun == "town":
        return 1_000 <= people < 250_000
    if noun in ("village", "hamlet"):
        return people < 15_000
    return True


@dataclass(frozen=True)
class Context:
    """What an article tells about where it is: oblasts it names, places it has pinned down."""

    oblasts: frozenset[str] = frozenset()  # admin1 names, e.g. "Kharkiv Oblast"
    sentence_oblasts: frozenset[str] = frozenset()
    anchors: Anchors | tuple[tuple[float, float], ...] = ()  # (lat, lon) of the places the article pins down
    own: tuple[float, float] | None = None  # the point this mention itself pins (left out of `anchors` unless shared)
    neighbours: tuple[tuple[float, float], ...] = ()  # the points the other places of the same sentence pin
    river: bool = False  # the sentence speaks of a river, a bank, a crossing
    crossed: bool = False  # the name is what is crossed, or whose bank is meant ("cross the X", "bank of the X")
    countries: frozenset[str] = frozenset()  # countries whose oblasts the article names (RU for the Kursk fighting)
    attached_oblast: str = ""  # "X in the Kharkiv region": the oblast the text puts this place in
    country: str = ""  # the one country the text puts this place in: its attached oblast's, its sentence's
    called: str = ""  # what the text calls it: "village" for "the village of X", "city", "town", or ""
    raions: frozenset[str] = frozenset()  # the raions (Russia: districts) the article names, e.g. "Bakhmut Raion"
    sentence_raions: frozenset[str] = frozenset()
    attached_raion: str = ""  # "X in the Bakhmut district": the raion the text puts this place in

    def __post_init__(self):
        if not isinstance(self.anchors, Anchors):
            object.__setattr__(self, "anchors", Anchors(self.anchors))


@dataclass(frozen=True)
class Features:
    """Why a candidate is likely, in named groups; the score is their sum."""

    match: float = 0.0  # how the name fits: its current name, another spelling, a former name, a slip
    admin: float = 0.0  # its oblast is named in the sentence, in the article, or right after it
    near: float = 0.0  # close to the places the article pins down (negative when far from all of them)
    country: float = 0.0  # in (or not in) the country whose places the article names
    front: float = 0.0  # a settlement near the line of contact
    size: float = 0.0  # population: a weak prior
    kind: float = 0.0  # a river where the sentence speaks of one (or crosses the name), a penalty where it does not

    @functools.cached_property
    def score(self) -> float:
        # summed field by field: dataclasses.astuple deep-copies, and scores are read in every sort
        return self.match + self.admin + self.near + self.country + self.front + self.size + self.kind


@dataclass(frozen=True)
class Weighed:
    """A candidate with its features, whether it may be chosen at all, and the reasons in words."""

    candidate: Candidate
    features: Features
    acceptable: bool
    reasons: tuple[tuple[str, str], ...] = ()  # (feature group, the reason in words)

    @property
    def why(self) -> tuple[str, ...]:
        return tuple(text for _, text in self.reasons)

    @property
    def score(self) -> float:
        return self.features.score


@dataclass(frozen=True)
class Resolution:
    """The place chosen for a name (or its ambiguous or unresolved stand-in), the candidates and why."""

    query: str
    place: Place | None
    score: float = 0.0
    candidates: tuple[tuple[Candidate, float], ...] = field(default=())
    reason: str = ""
    outcome: Outcome = Outcome.UNRESOLVED
    weighed: tuple[Weighed, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return self.outcome == Outcome.AMBIGUOUS


def unresolved_place(name: str, admin1: str = "") -> Place:
    """A settlement the gazetteer lacks, kept under its written name; the same spelling anywhere is the same place."""
    return Place(id=f"unresolved:{name_key(name)}", name=name.strip(), kind=PlaceKind.SETTLEMENT, admin1=admin1,
                 resolved=False)


def ambiguous_place(candidates: Sequence[Place], query: str = "") -> Place:
    """The stand-in for a name several places share: the name as written when some of them bear it, else the
    name most of them bear (the likeliest's on a tie), and their oblast when they share one."""
    bearing = [p.name for p in candidates if query and name_key(p.name) == name_key(query)]
    counts = Counter(bearing or [p.name for p in candidates])
    name = max(counts, key=lambda n: (counts[n], -next(i for i, p in enumerate(candidates) if p.name == n)))
    oblasts = {p.admin1 for p in candidates}
    admin1 = oblasts.pop() if len(oblasts) == 1 else ""
    key = name_key(name) + (f"@{name_key(admin1)}" if admin1 else "")
    return Place(id=f"ambiguous:{key}", name=name, kind=candidates[0].kind, admin1=admin1,
                 country=candidates[0].country if len({p.country for p in candidates}) == 1 else "",
                 resolved=False)


@functools.cache
def foreign_names() -> dict[str, tuple[str, str, int]]:
    """Large cities and countries elsewhere in the world, by lookup key: (name, country code, population)."""
    text = (resources.files("frontclaims") / "data" / "foreign_names.csv").read_text(encoding="utf-8")
    return {row["key"]: (row["name"], row["country"], int(row["population"] or 0))
            for row in csv.DictReader(io.StringIO(text))}


@functools.cache
def _front_segments() -> tuple[tuple[tuple[float, float], tuple[float, float]], ...]:
    text = (resources.files("frontclaims") / "data" / "frontline.csv").read_text(encoding="utf-8")
    lines: dict[str, list[tuple[float, float]]] = {}
    for row in csv.DictReader(io.StringIO(text)):
        lines.setdefault(row["line"], []).append((float(row["lat"]), float(row["lon"])))
    return tuple((a, b) for points in lines.values() for a, b in zip(points, points[1:]))


@functools.lru_cache(maxsize=100_000)  # the same candidates come back in every mention and in both passes
def front_distance_km(lat: float, lon: float) -> float:
    """How far a point is from the approximate line of contact of 2023-2025 (data/frontline.csv)."""
    scale = math.cos(math.radians(lat))
    best = math.inf
    for (lat1, lon1), (lat2, lon2) in _front_segments():
        # a flat projection around the point is exact enough at the scale of "near the front"
        ax, ay, bx, by = (lon1 - lon) * scale, lat1 - lat, (lon2 - lon) * scale, lat2 - lat
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy))) if dx or dy else 0.0
        best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best * 111.2


def raion_of(settlement: Place) -> Place:
    """The raion named after a settlement (Kupiansk -> Kupiansk Raion)."""
    return Place(
        id=f"raion:{settlement.id}", name=f"{settlement.name} Raion", kind=PlaceKind.RAION,
        admin1=settlement.admin1, country=settlement.country, lat=settlement.lat, lon=settlement.lon,
    )


@functools.lru_cache(maxsize=4096)
def _without_yo(russian: str) -> str:
    """The key of a Russian name written, as Russian usually is, without the dots of its ё (Коренёво is
    written Коренево, Korenevo), or "" when it has none: that spelling is no old one."""
    if "ё" not in russian.lower():
        return ""
    return name_key(english_russian(russian.replace("ё", "е").replace("Ё", "Е")))


def features(candidate: Candidate, context: Context, *, settlement: bool = False,
             foreign: tuple[str, str, int] | None = None, named_now: frozenset[str] = frozenset()) -> Weighed:
    """The features of one candidate in this context, and whether it may be chosen at all.

    `settlement` says the text itself calls the name a settlement ("the village of X"); `foreign` is the
    large city or country elsewhere that goes by the same name, if any (see `foreign_names`).
    """
    place = candidate.place
    reasons: list[tuple[str, str]] = []
    how = candidate.how
    if how == "exact" and name_key(candidate.matched) == name_key(place.name):
        how = "current"
        reasons.append(("match", "the one that goes by this name now"))
    elif how == "former":
        reasons.append(("match", "a former name of this place"))
    match = _MATCH[how] * (candidate.score / 100 if how == "typo" else 1.0)
    if how in ("exact", "former") and place.country in named_now \
            and name_key(candidate.matched) != _without_yo(place.name_ru):
        # an old spelling or a former name of this place that another place of its country bears today (a
        # Russian spelling of a Ukrainian village that is a Russian village's name says nothing against the
        # Ukrainian one; Pervomaisk, Luhansk Oblast, is Sokolohirsk now, and Pervomaisk, Mykolaiv Oblast, is
        # still called so): the one that bears it now, unless the context says otherwise
        match = _MATCH["typo"]
        reasons.append(("match", "another place goes by this name now"))

    admin = 0.0
    if place.kind == PlaceKind.SETTLEMENT and place.raion and place.raion in context.raions:
        # a raion is a smaller area than an oblast, so naming it says more
        if place.raion == context.attached_raion:
            admin = 5.0
            reasons.append(("admin", f"in {place.raion}, where the text puts it"))
        elif place.raion in context.sentence_raions:
            admin = 3.5
            reasons.append(("admin", f"in {place.raion}, named in the same sentence"))
        else:
            admin = 2.0 * min(1.0, 2 / len(context.raions))
            reasons.append(("admin", f"in {place.raion}, which the article names"))
    elif place.kind not in (PlaceKind.OBLAST, PlaceKind.REGION, PlaceKind.COUNTRY) and place.admin1:
        if place.admin1 == context.attached_oblast:
            admin = 4.0
            reasons.append(("admin", f"in {place.admin1}, where the text puts it"))
        elif place.admin1 in context.sentence_oblasts:
            admin = 3.0
            reasons.append(("admin", f"in {place.admin1}, named in the same sentence"))
        elif place.admin1 in context.oblasts:
            admin = 1.5 * min(1.0, 2 / len(context.oblasts))  # the more oblasts it names, the less each tells
            reasons.append(("admin", f"in {place.admin1}, which the article names"))

    near, nearest = 0.0, None
    if context.anchors and place.kind == PlaceKind.SETTLEMENT and place.lat is not None and place.lon is not None:
        nearest = context.anchors.nearest_km((place.lat, place.lon), context.own)
    if nearest is not None:
        if nearest <= FAR_KM:
            near = 2.0 * math.exp(-nearest / NEAR_KM)
            if near > 0.3:
                reasons.append(("near", f"{nearest:.0f} km from other places the article names"))
        elif (place.population or 0) < CITY and not admin:
            near = -1.5
            far = f"{nearest:.0f} km" if nearest != math.inf else f"over {FAR_KM:.0f} km"
            reasons.append(("near", f"{far} from every other place the article names"))

    if context.neighbours and place.kind == PlaceKind.SETTLEMENT and place.lat is not None and place.lon is not None:
        # a place named in the same sentence says more than one named paragraphs away
        beside = min(distance_km((place.lat, place.lon), q) for q in context.neighbours)
        here = NEIGHBOUR_WEIGHT * math.exp(-beside / NEAR_KM)
        if here > max(near, 0.3):
            near = here
            reasons.append(("near", f"{beside:.0f} km from a place named in the same sentence"))

    country = 0.0
    if context.country and place.country:
        country = 1.0 if place.country == context.country else -1.0
    elif context.countries and place.country:
        country = 0.5 if place.country in context.countries else -0.5
    if country > 0:
        reasons.append(("country", f"in {place.country}, the country the text speaks of"))
    front = 0.0
    if place.kind == PlaceKind.SETTLEMENT and place.lat is not None and place.lon is not None:
        distance = front_distance_km(place.lat, place.lon)
        front = 0.8 * math.exp(-distance / FRONT_KM)
        if front > 0.3:
            reasons.append(("front", f"{distance:.0f} km from the line of contact"))
    # a settlement whose population the gazetteer lacks is one of the small ones (under 500 people)
    size = math.log10(place.population + 1) if place.population else \
        math.log10(UNLISTED) if place.kind == PlaceKind.SETTLEMENT else 0.0
    if place.population:
        reasons.append(("size", f"population {place.population:,}"))
    if context.called and place.kind == PlaceKind.SETTLEMENT and not called_fits(context.called, place):
        size -= 3.0  # "the village of Makiivka" is no city of 300,000
        reasons.append(("size", f"no {context.called}, as the text calls it"))
    kind = 0.0
    if place.kind == PlaceKind.RIVER:
        kind = 6.0 if context.crossed else 2.5 if context.river else -1.0
    elif context.crossed:  # a town is not crossed: "cross the Dnipro" is the river, not the city
        kind = -3.0

    confirmed = admin > 0 or near > 0.5 or (place.population or 0) >= 50_000
    # a place by the line of contact is named in round-ups of every sector ("... near Sudzha. Elsewhere, Russian
    # troops took Rabotino"): its other spellings are no other place for being far from the article's others
    out_of_context = near < 0 and how != "current" and front <= 0.3
    abroad = foreign is not None and not settlement and admin == 0 and near <= 0.5 \
        and (how != "current" or (place.population or 0) * 10 < foreign[2])
    acceptable = (how != "typo" or confirmed) and not out_of_context and not abroad
    if abroad:
        reasons.append(("match", f"the name is that of {foreign[0]} ({foreign[1]}), and nothing in the text says "
                                  "it is this place"))
    if how == "typo" and not confirmed:
        reasons.append(("match", f"only a slip away from its spelling '{candidate.matched}', "
                                  "and nothing in the text confirms it"))
    if out_of_context:
        reasons.append(("near", "another spelling or an old name, far from the article's places"))
    return Weighed(candidate, Features(match, admin, near, country, front, size, kind), acceptable, tuple(reasons))


def choose(query: str, candidates: Sequence[Candidate], context: Context = Context(), *,
           settlement: bool = False, in_text: bool = False) -> Resolution:
    """Pick one of the candidates for a name, or say none fits, or that several fit as well.

    `in_text`: the name was read in running text, where the name of a large city abroad means that city.
    """
    if not candidates:
        return Resolution(query, None, reason="no gazetteer entry has this name")
    foreign = foreign_names().get(name_key(query)) if in_text else None
    named_now = frozenset(c.place.country for c in candidates
                          if c.how == "exact" and name_key(c.matched) == name_key(c.place.name))
    weighed = tuple(sorted((features(c, context, settlement=settlement, foreign=foreign, named_now=named_now)
                            for c in candidates),
                           key=lambda w: (not w.acceptable, -w.score, w.candidate.place.id)))
    scored = tuple((w.candidate, round(w.score, 3)) for w in weighed)
    best = weighed[0]
    if not best.acceptable:
        why = "; ".join(best.why[-1:]) or "no candidate fits"
        return Resolution(query, None, 0.0, scored, f"not resolved: {best.candidate.place.name} is ruled out, {why}",
                          Outcome.UNRESOLVED, weighed)
    rivals = [w for w in weighed[1:] if w.acceptable and w.candidate.place.id != best.candidate.place.id]
    how = {"exact": "exact spelling", "former": f"a former name of {best.candidate.place.name}",
           "romanized": f"romanized as {best.candidate.matched}",
           "typo": f"close to {best.candidate.matched}"}[best.candidate.how]
    if rivals and best.score - rivals[0].score < CLEAR_LEAD:
        tied = [best] + [w for w in rivals if best.score - w.score < CLEAR_LEAD]
        places = [w.candidate.place for w in tied]
        where = ", ".join(sorted({p.admin1 or p.country or "?" for p in places}))
        return Resolution(query, ambiguous_place(places, query), round(best.score, 1), scored,
                          f"{how}; ambiguous: {len(places)} places fit about as well ({where})",
                          Outcome.AMBIGUOUS, weighed)
    if rivals:
        reason = f"{how}; {len(rivals) + 1} places fit, chose it: {_why_over(best, rivals[0])}"
    else:
        reason = how
    return Resolution(query, best.candidate.place, round(best.candidate.score, 1), scored, reason,
                      Outcome.RESOLVED, weighed)


def _why_over(best: Weighed, rival: Weighed) -> str:
    """The chosen place's reasons in the feature groups where it leads its closest rival, largest lead first."""
    names = [f.name for f in fields(Features)]
    leads = sorted(((a - b, name) for name, a, b in zip(names, astuple(best.features), astuple(rival.features))
                    if a - b > 0.05), reverse=True)
    said = dict(best.reasons)
    words = [said[name] for _, name in leads if name in said][:2]
    place = rival.candidate.place
    return f"{'; '.join(words) or 'first in order'} (over the {place.name} of {place.admin1 or place.country or '?'})"


def resolve(gazetteer: Gazetteer, name: str, context: Context = Context(), cue: Cue = Cue.TYPED) -> Resolution:
    """The place a name means, in any spelling and script, in this context.

    The cue says what the text makes of the name (see `Cue`).
    """
    text = name.strip()
    if cue == Cue.RAION_OF or (cue == Cue.TYPED and _RAION_SUFFIX.search(text)):
        result = _raion(gazetteer, name, text, context)
        if result is not None:
            return result
    if cue == Cue.REGION_OF:
        region = region_named_after(gazetteer, text)
        if region is not None:
            return choose(name, gazetteer.candidates(f"{text} region", fuzzy=False), context, in_text=True)
    candidates = [c for c in gazetteer.candidates(text) if c.place.kind != PlaceKind.COUNTRY or cue == Cue.TYPED]
    if cue in (Cue.NAME, Cue.SETTLEMENT) and not _RAION_SUFFIX.search(text):
        # a district goes by its name with "district" or "raion": a bare "Shevchenko" in running text is a
        # village, not Kyiv's Shevchenkivskyi district (which GeoNames lists as a populated place)
        candidates = [c for c in candidates if c.place.kind != PlaceKind.RAION and not _RAION_SUFFIX.search(c.place.name)]
    if not candidates and cue == Cue.TYPED and _REGION_SUFFIX.search(text):
        candidates = gazetteer.candidates(_REGION_SUFFIX.sub("", text) + " Oblast")
    result = choose(name, candidates, context, settlement=cue == Cue.SETTLEMENT, in_text=cue != Cue.TYPED)
    place, inside = result.place, context.attached_oblast
    if inside and place is not None and place.kind == PlaceKind.SETTLEMENT and \
            not any(c.place.admin1 == inside for c in candidates):
        # the text says which oblast, and no place of that name is listed there: say so, keep it apart
        return Resolution(name, unresolved_place(text, inside), 0.0, result.candidates,
                          f"no {text} in {inside} in the gazetteer; kept unresolved", Outcome.UNRESOLVED,
                          result.weighed)
    if place is None and cue == Cue.NAME and result.weighed and _only_far(result.weighed):
        # a place name, but none of its places fits where the article is: keep the name, say so
        kept = text if context.country == "RU" else ukrainian_spelling(text)
        return Resolution(name, unresolved_place(kept, inside), 0.0, result.candidates,
                          f"a place name, but {result.reason}; kept as {kept}", Outcome.UNRESOLVED, result.weighed)
    if place is None and cue == Cue.SETTLEMENT:
        kept = text if context.country == "RU" else ukrainian_spelling(text)
        return Resolution(name, unresolved_place(kept, inside), 0.0, result.candidates,
                          f"not in the gazetteer; a settlement by the text, kept as {kept}"
                          + (f" ({result.reason})" if result.candidates else ""), Outcome.UNRESOLVED,
                          result.weighed)
    return result


def _only_far(weighed: Sequence[Weighed]) -> bool:
    """True when every candidate was ruled out for lying far from the article's places (not for being a
    slip of the keyboard or the name of a city abroad)."""
    return all(w.features.near < 0 and w.candidate.how != "typo" and not any(
        "the name is that of" in text for text in w.why) for w in weighed)


def _raion(gazetteer: Gazetteer, name: str, text: str, context: Context) -> Resolution | None:
    """ "Kupyansk district": the raion's own entry where the gazetteer has one, else the raion of the settlement."""
    base = _RAION_SUFFIX.sub("", text).strip()
    own = [c for c in gazetteer.candidates(text if _RAION_SUFFIX.search(text) else f"{text} raion", fuzzy=False)
           if c.place.kind == PlaceKind.RAION]
    if own:
        return choose(name, own, context)
    if not base:
        return None
    inner = resolve(gazetteer, base, context)
    if inner.place is not None and inner.place.kind == PlaceKind.SETTLEMENT and inner.outcome == Outcome.RESOLVED:
        return Resolution(name, raion_of(inner.place), inner.score, inner.candidates,
                          f"the raion named after {inner.place.name}", Outcome.RESOLVED, inner.weighed)
    return None


def resolve_name(gazetteer: Gazetteer, name: str, context: Context = Context()) -> Resolution:
    """The place a name typed by a user means, read on its own (see `resolve`)."""
    return resolve(gazetteer, name, context, Cue.TYPED)


def region_named_after(gazetteer: Gazetteer, name: str) -> Place | None:
    """The oblast named after a city ("Kharkov" in "Sumy and Kharkov regions")."""
    for candidate in gazetteer.candidates(f"{name} region", fuzzy=False):
        if candidate.place.kind in (PlaceKind.OBLAST, PlaceKind.REGION):
            return candidate.place
    return None
