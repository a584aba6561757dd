"""Places named the way an analyst settles a doubt: by id (a GeoNames id, `raion:...`, or a stand-in
such as `ambiguous:andriivka`), or as "Name, Oblast" when several places share a name."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .errors import FrontclaimsError, UnknownPlaceError
from .models import Place
from .names import name_key

_ID = re.compile(r"\d+|[a-z]+:\S+|[A-Z]{2}-[A-Z0-9]+")
_REGION_WORDS = re.compile(r"\b(?:oblast|oblasti|region|province|obl)\b\.?", re.IGNORECASE)


class SameNamePlacesError(UnknownPlaceError):
    """Several places of that name lie in the oblast given: the user gives the id of one."""

    def __init__(self, name: str, places: list[Place]):
        listed = [f"{p.name} ({p.admin1}; id {p.id})" for p in places]
        FrontclaimsError.__init__(self, f"{len(listed)} places called {name.rpartition(',')[0].strip()!r} lie in "
                                        f"that oblast: {', '.join(listed)}; give the id of one")
        self.name = name
        self.suggestions = tuple(p.id for p in places)


def looks_like_id(text: str) -> bool:
    return bool(_ID.fullmatch(text.strip()))


def _region_key(text: str) -> str:
    return name_key(_REGION_WORDS.sub(" ", text))


def in_oblast(text: str, candidates: Callable[[str], Iterable[Place]]) -> Place | None:
    """The place "Name, Oblast" means among `candidates(name)`: the one of that name in that oblast
    (the oblast's name with or without "Oblast"/"region"); None when the text has no comma or no
    place fits; SameNamePlacesError when several do."""
    name, comma, region = text.rpartition(",")
    if not comma or not name.strip() or not region.strip():
        return None
    wanted = _region_key(region)
    if not wanted:
        return None
    fitting: dict[str, Place] = {}
    for place in candidates(name.strip()):
        if place.admin1 and _region_key(place.admin1) == wanted and not place.id.startswith(("ambiguous:",)):
            fitting.setdefault(place.id, place)
    if len(fitting) > 1:
        raise SameNamePlacesError(text, sorted(fitting.values(), key=lambda p: p.id))
    return next(iter(fitting.values()), None)


def referenced_place(text: str, by_id: Callable[[str], Place | None],
                     candidates: Callable[[str], Iterable[Place]]) -> Place | None:
    """The place an id or "Name, Oblast" names, or None when the text is neither (an ordinary name)."""
    text = text.strip()
    if looks_like_id(text) and (place := by_id(text)) is not None:
        return place
    return in_oblast(text, candidates)


def reference_resolution(gazetteer, text: str):
    """A resolution (as `resolve.resolve_name` gives) for an id or "Name, Oblast" of the gazetteer, or None
    when the text is neither."""
    import dataclasses

    from .resolve import Outcome, Resolution, resolve_name

    try:
        place = referenced_place(text, gazetteer.get, gazetteer.lookup)
    except SameNamePlacesError as exc:  # the name's own resolution, with its candidates and why it cannot choose
        found = resolve_name(gazetteer, text.rpartition(",")[0])
        wanted = set(exc.suggestions)
        return dataclasses.replace(found, query=text, reason=str(exc),
                                   weighed=tuple(w for w in found.weighed if w.candidate.place.id in wanted))
    if place is None:
        return None
    how = "its id" if looks_like_id(text) and gazetteer.get(text.strip()) else "the only place of that name in that oblast"
    return Resolution(query=text, place=place, score=100.0, reason=how, outcome=Outcome.RESOLVED)
