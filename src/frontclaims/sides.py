"""Whose side a phrase speaks for: the actors, outlets and regions tables, and the cues of each side
that need no table (an allegiance, a nationality, the office of a place, the enemy, the outlet's country)."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from .models import Side
from .names import name_key

if TYPE_CHECKING:
    from .gazetteer import Gazetteer

# Nationality words: "Russian forces", "Kyiv's troops", "a Ukrainian spokesman".
_NATIONS: dict[Side, tuple[str, ...]] = {
    Side.RU: (
        "russia", "russian", "russians", "moscow", "kremlin", "rf", "dpr", "lpr", "dnr", "lnr", "wagner", "akhmat",
        "aggressor", "invaders", "rashists", "kadyrovites", "chechen", "separatist", "separatists", "occupation",
        "collaborator", "collaborators", "battlegroup", "milblogger", "milbloggers", "z-bloggers", "z-blogger",
        "z-channels",
    ),
    Side.UA: (
        "ukraine", "ukrainian", "ukrainians", "kyiv", "kiev", "zsu", "afu", "vsu", "uaf", "khartia", "azov",
        "khortytsia", "deepstate", "zelensky", "zelenskyy", "zelenskiy",
    ),
    Side.NEUTRAL: (
        "analyst", "analysts", "reuters", "isw", "observers", "experts", "monitors", "journalists", "researchers",
        "western", "nato", "u.s.", "american", "britain", "british", "uk", "u.k.", "german", "french", "polish",
        "finnish", "estonian", "un", "u.n.", "iaea", "osce", "pentagon", "washington", "usa",
    ),
}
_NATION_SIDE = {word: side for side, words in _NATIONS.items() for word in words}
# Whole phrases that stand for a side, rewritten to one cue word before the words are read.
_NATION_PHRASES = re.compile(
    r"\b(?:(?P<dpr>(?:donetsk|luhansk|lugansk)\s+people['’]?s\s+republics?|people['’]s\s+militia)"
    r"|(?P<rf>russian\s+federation)"
    r"|(?P<usa>united\s+states|white\s+house)|(?P<uk>united\s+kingdom))\b",
    re.IGNORECASE,
)
# A translation in square brackets: "our Tsentr [Center] group".
_GLOSS = re.compile(r"\s*\[[^\]]{1,40}\]")
# "Russian-installed", "Kremlin-backed", "pro-Moscow", "Ukrainian-appointed": whom a speaker answers to.
_ALLEGIANCE = re.compile(
    r"(?<![\w-])(?:(?P<nation>[a-z]+)-(?:installed|appointed|backed|controlled|led|aligned|allied|imposed|sponsored"
    r"|supported|friendly|leaning|loyal|affiliated|run|funded)"
    r"|pro-(?P<pro>[a-z]+))(?![\w-])",
    re.IGNORECASE,
)
# Evidence with no side of its own: used only when nothing else in the phrase has one.
_EVIDENCE = {"footage", "imagery", "satellite", "geolocated", "geolocation", "photographs", "photos"}
_OPPOSING = {"enemy", "enemy's", "adversary", "adversary's", "occupiers", "occupier", "foe", "opponent"}
_OWN = {"we", "our", "us", "ours", "its", "their", "they", "his", "her"}
# Words naming a state's institutions: an unmarked one ("the military", "a ministry spokesman") is the
# outlet's own country's when the article comes from a national outlet.
_INSTITUTIONS = {
    "military", "army", "armed", "forces", "staff", "ministry", "ministry's", "defence", "defense", "minister",
    "commander", "commander-in-chief", "command", "spokesperson", "spokesman", "spokeswoman", "intelligence",
    "directorate", "president", "president's", "presidential", "government", "official", "officials",
    "authorities", "troops", "unit", "units", "brigade", "battalion", "regiment", "corps", "navy", "guard",
    "guards", "general", "colonel", "officer", "officers", "soldier", "soldiers", "serviceman", "servicemen",
    "fighter", "fighters", "marines", "paratroopers", "headquarters", "governor", "mayor", "administration",
    "police", "group", "grouping", "hur", "gur",
}
_WORD = re.compile(r"[\w'’.-]+")

# The office of a place: "the governor of the Kursk region", "Kharkiv's regional governor", "the mayor of X".
_OFFICE = re.compile(
    r"\b(?:governors?|mayors?|head|chief|leader|administrations?|administrator|councils?|council(?:l)?ors?"
    r"|officials?|authorities|authority|police|prosecutors?|commandant|ombudsman)\b",
    re.IGNORECASE,
)
_CITY_OFFICE = {"mayor", "mayors"}
_CITY_WORDS = {"city", "city's", "town", "town's", "village", "municipal"}
_REGION_WORDS = {"regional", "region", "region's", "oblast", "oblast's", "province", "provincial", "krai", "district",
                 "raion"}
# Words between a place and its office: "Kharkiv's regional military administration", "Kursk acting governor".
_MODIFIER_WORDS = _CITY_WORDS | _REGION_WORDS | {
    "military", "civil", "civil-military", "civilian", "state", "local", "acting", "former", "deputy", "interim",
    "area", "border"}
_MODIFIER = "|".join(re.escape(w).replace("'", "['’]") for w in sorted(_MODIFIER_WORDS, key=len, reverse=True))
_UPPER = "A-ZА-ЯІЇЄҐ"
_PLACE = rf"[{_UPPER}][\w'’-]*(?:\s+[{_UPPER}][\w'’-]*){{0,2}}"
_PLACE_BEFORE = re.compile(rf"(?P<place>{_PLACE})(?:['’]s)?(?P<mods>(?:\s+(?i:{_MODIFIER}))*)\s+$")
_PLACE_AFTER = re.compile(
    rf"^\s+(?i:of|for|in)\s+(?:(?i:the)\s+)?(?P<mods>(?:(?i:occupied|embattled|frontline|front-line|border|"
    rf"city|town|village|region|oblast|district)\s+(?:(?i:of)\s+)?)*)(?P<place>{_PLACE})"
)


@dataclass(frozen=True)
class Actor:
    """A person, organisation, unit, monitor or outlet with a known side.

    `home` is the country whose institutions an outlet leaves unmarked ("the military" in a Ukrainian
    outlet is Ukraine's); it is UNKNOWN for wires and for everything that is not an outlet.
    """

    name: str
    side: Side
    kind: str
    home: Side = Side.UNKNOWN


@dataclass(frozen=True)
class Region:
    """An oblast or city whose officials take the side of the state that governs it."""

    name: str
    kind: str  # "oblast" or "city"
    country: Side
    held_by: Side = Side.UNKNOWN  # who has governed it in fact since 2014, where that differs

    @property
    def side(self) -> Side:
        return self.held_by if self.held_by != Side.UNKNOWN else self.country


def _data_rows(name: str) -> list[dict[str, str]]:
    with resources.files("frontclaims").joinpath("data", name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _aliases(row: dict[str, str]) -> list[str]:
    return [row["name"], *filter(None, (row.get("aliases") or "").split("|"))]


def _country_side(country: str) -> Side:
    return {"UA": Side.UA, "RU": Side.RU}.get(country, Side.NEUTRAL)


class Sides:
    """Looks up actors and outlets, and reads the side cues of a phrase."""

    def __init__(self, names: list[tuple[str, Actor]], outlets: list[tuple[Actor, re.Pattern]],
                 regions: Iterable[tuple[str, Region]] = (), gazetteer: Gazetteer | None = None):
        """`names`: every (name or alias, actor) pair; `outlets`: each outlet with the pattern that marks it;
        `regions`: (spelling, region) pairs for the office of a place; `gazetteer`: for places no region names."""
        self.actors = tuple(dict.fromkeys(actor for _, actor in names))
        self._names = list(names)
        self._aliases = {name_key(name): actor for name, actor in names}
        self._people_words = {w.lower() for name, actor in names if actor.kind == "person" for w in name.split()}
        self.max_words = max((len(name.split()) for name, _ in names), default=1)
        self.outlets = outlets
        self._outlet_words = [None if pattern.flags & re.IGNORECASE else literal_runs(pattern.pattern)
                              for _, pattern in outlets]
        self._regions_list = list(regions)
        self._regions: dict[str, list[Region]] = {}
        self._oblasts: dict[str, Region] = {}  # by the oblast's own name, as the gazetteer gives a place's
        for spelling, region in self._regions_list:
            self._regions.setdefault(name_key(spelling), []).append(region)
            if region.kind == "oblast" or region.name not in self._oblasts:  # Kyiv and Sevastopol are cities
                self._oblasts[region.name] = region
        self.gazetteer = gazetteer

    @classmethod
    def load(cls, gazetteer: Gazetteer | None = None) -> Sides:
        """The packaged actors, outlets and regions tables; with a gazetteer, officials of any place it
        knows take that place's country's side (without one, only the regions table's places do)."""
        names = []
        for row in _data_rows("actors.csv"):
            actor = Actor(row["name"], Side(row["side"]), row["kind"])
            names += [(alias, actor) for alias in _aliases(row)]
        outlets = []
        for row in _data_rows("outlets.csv"):
            actor = Actor(row["name"], Side(row["side"]), "outlet", Side(row.get("home") or "unknown"))
            outlets.append((actor, re.compile(row["pattern"], re.MULTILINE)))
            names += [(alias, actor) for alias in _aliases(row)]
        regions = []
        for row in _data_rows("region_sides.csv"):
            region = Region(row["name"], row["kind"], _country_side(row["country"]),
                            Side(row["held_by"]) if row["held_by"] else Side.UNKNOWN)
            regions += [(spelling, region) for spelling in row["names"].split("|")]
        return cls(names, outlets, regions, gazetteer)

    def with_gazetteer(self, gazetteer: Gazetteer | None) -> Sides:
        """The same tables, reading the office of a place with this gazetteer."""
        if gazetteer is self.gazetteer:
            return self
        return Sides(self._names, self.outlets, self._regions_list, gazetteer)

    def actor_named(self, text: str) -> Actor | None:
        """The actor whose name or alias is exactly this text."""
        return self._aliases.get(name_key(text))

    def outlet_named(self, name: str) -> Actor | None:
        """The outlet of the outlets table that a site name (as a web page gives it) names, if any."""
        actor = self.actor_named(name)
        if actor is None and name.lower().startswith("the "):
            actor = self.actor_named(name[4:])
        return actor if actor is not None and actor.kind == "outlet" else None

    def actor_by_key(self, key: str) -> Actor | None:
        return self._aliases.get(key) if key else None

    def person_words(self) -> set[str]:
        """Every word of the people's names and aliases: "Volodymyr" in "Volodymyr Zelensky" is no place."""
        return set(self._people_words)

    def find_actor(self, words: list[str]) -> Actor | None:
        """The actor named by the longest run of these words, if any; a person, organisation or unit
        before an outlet ("Vladyslav Voloshyn, ... told Ukrinform" is Voloshyn's)."""
        best: tuple[bool, int, Actor] | None = None
        for i in range(len(words)):
            for n in range(min(self.max_words, len(words) - i), 0, -1):
                actor = self._aliases.get(name_key(" ".join(words[i:i + n])))
                if actor:
                    rank = (actor.kind != "outlet", n)
                    if best is None or rank > best[:2]:
                        best = (*rank, actor)
                    break
        return best[2] if best else None

    def side_of(self, phrase: str, speaker: Side = Side.UNKNOWN, *, home: Side = Side.UNKNOWN) -> Side:
        """The side a phrase stands for (see `reading`)."""
        return self.reading(phrase, speaker, home=home)[0]

    def reading(self, phrase: str, speaker: Side = Side.UNKNOWN, *, home: Side = Side.UNKNOWN) -> tuple[Side, str]:
        """The side a phrase stands for, and the cue that decided it, tried in this order: an allegiance
        ("Russian-installed", "pro-Kyiv"); a known actor; a nationality ("a Ukrainian spokesman"); the
        office of a place ("the governor of the Kursk region"); "the enemy" (the side opposite the
        speaker); an unmarked institution ("the military") of the outlet's `home` country; "we", "our",
        "its" (the speaker's own side); footage and imagery (neutral)."""
        text = _NATION_PHRASES.sub(lambda m: next(k for k, v in m.groupdict().items() if v), _GLOSS.sub("", phrase))
        for match in _ALLEGIANCE.finditer(text):
            side = _NATION_SIDE.get((match.group("nation") or match.group("pro")).lower(), Side.UNKNOWN)
            if side in (Side.RU, Side.UA):
                return side, f"allegiance '{match.group(0)}'"
        words = _WORD.findall(text)
        actor = self.find_actor(words)
        if actor is not None:
            return actor.side, f"{actor.kind} '{actor.name}'"
        lowered = [_bare(w) for w in words]
        for word, original in zip(lowered, words):
            if word in _OPPOSING and speaker in (Side.RU, Side.UA):
                return speaker.opponent, f"'{original}' said by {speaker.value}"
            if word in _NATION_SIDE:
                return _NATION_SIDE[word], f"'{original}'"
            if original == "US":  # the country, not the pronoun
                return Side.NEUTRAL, "'US'"
        office = self._office_of_place(phrase)
        if office is not None:
            return office
        if "commander-in-chief" in lowered and "supreme" not in lowered:
            return Side.UA, "'commander-in-chief' (Ukraine's title; Russia's is the president's, 'supreme')"
        for word in lowered:
            if word in _OPPOSING:
                return Side.RU, f"'{word}' (the enemy of a Ukrainian speaker by default)"
        if home in (Side.RU, Side.UA) and any(w in _INSTITUTIONS for w in lowered):
            return home, f"an institution of the outlet's country ({home.value})"
        for word in lowered:
            if word in _OWN and speaker in (Side.RU, Side.UA):
                return speaker, f"'{word}' = the speaker's side"
        if any(w in _EVIDENCE for w in lowered):
            return Side.NEUTRAL, "imagery"
        return Side.UNKNOWN, "no cue"

    def region_side(self, admin1: str) -> Side:
        """The side of the state governing an oblast, or a city with an oblast's standing (by its name in
        the gazetteer: "Kursk Oblast", "Sevastopol"), or UNKNOWN for one the regions table lacks."""
        region = self._oblasts.get(admin1)
        return region.side if region is not None else Side.UNKNOWN

    def _office_of_place(self, phrase: str) -> tuple[Side, str] | None:
        """The side of an official of a place the phrase names: that of the state governing the place."""
        for office in _OFFICE.finditer(phrase):
            rest = phrase[office.end():]
            found = [_PLACE_BEFORE.search(phrase[:office.start()]), _PLACE_AFTER.match(rest)]
            for match in filter(None, found):
                words = match.group("place").split() + match.group("mods").split()
                if match is found[1]:
                    words += rest[match.end():].split()[:1]
                place = self._place_side(match.group("place"), {w.lower().strip(",.;:").replace("’", "'") for w in words},
                                         city_office=office.group(0).lower() in _CITY_OFFICE)
                if place is not None:
                    return place[0], f"official of {place[1]}"
        return None

    def _place_side(self, text: str, context: set[str], *, city_office: bool) -> tuple[Side, str] | None:
        """The side of the state governing a place, from the regions table or else the gazetteer."""
        words = text.split()
        while words and words[-1].lower().replace("’", "'") in _MODIFIER_WORDS:
            words = words[:-1]
        city = city_office or bool(context & _CITY_WORDS)
        region = bool(context & _REGION_WORDS)
        for start in range(len(words)):  # "Acting Kursk": the longest tail that is a place
            candidate = " ".join(words[start:]).removesuffix("'s").removesuffix("’s")
            if candidate.lower() in _INSTITUTIONS or len(candidate) < 4:
                continue
            regions = self._regions.get(name_key(candidate), [])
            if regions:
                wanted = "oblast" if region or not city else "city"
                chosen = next((r for r in regions if r.kind == wanted), regions[0])
                return chosen.side, chosen.name
            if self.gazetteer is not None:
                places = self.gazetteer.lookup(candidate)
                if places:
                    best = max(places, key=lambda p: (p.kind.value != "settlement", p.population or 0))
                    return _country_side(best.country), best.name
        return None

    def voice(self, text: str, site: Actor | None = None) -> Actor | None:
        """Whose voice the article's own words are: the outlet whose marks the text carries (a wire story
        keeps its agency's), else the `site` that published it, or for an article with neither that writes
        in the Kremlin's wording in its own voice (two markers: "the Kiev regime", "the special military
        operation" not put at a distance, "Ukrainian militants", liberation with Kiev's spelling), Russia's."""
        outlet = self.detect_outlet(text) or site
        if outlet is None and len(kremlin_wording(text)) >= 2:
            return KREMLIN_WORDING
        return outlet

    def detect_outlet(self, text: str) -> Actor | None:
        """The outlet that published the text, from the marks it leaves (datelines, credits, bylines,
        appeals); an outlet the text only quotes ("..., TASS reported") leaves no such mark."""
        first: tuple[int, Actor] | None = None
        for (actor, pattern), words in zip(self.outlets, self._outlet_words):
            if words is not None and not any(word in text for word in words):
                continue  # a plain substring test rules most patterns out far faster than the search
            match = pattern.search(text)
            if match and (first is None or match.start() < first[0]):
                first = (match.start(), actor)
        return first[1] if first else None


# The Kremlin's own wording, used by an outlet in its own voice: an article without a byline that writes this
# way speaks for Russia. Each entry is one marker; two different ones are needed.
_KREMLIN_WORDING = {
    "the Kiev regime": re.compile(r"\bKiev\s+regime\b", re.IGNORECASE),
    "the special military operation": re.compile(r"\b(?:special\s+military\s+operation|SMO)\b", re.IGNORECASE),
    "Ukrainian militants": re.compile(r"\bUkrainian\s+(?:militants|neo-?Nazis|nationalist\s+formations)\b", re.IGNORECASE),
    "liberated, in Kiev's spelling": re.compile(r"\bliberat(?:ed|ion|e|ing)\b", re.IGNORECASE),
}
_KIEV = re.compile(r"\bKiev\b")
# "what Moscow calls its special military operation": the term put at a distance.
_DISTANCED = re.compile(r"\b(?:calls?|called|calling|dubbed|dubs|so-called|terms?|termed|describes?|described|what"
                        r"|Moscow['’]s|Russia['’]s|Kremlin['’]s|Putin['’]s)\b[^.;]{0,25}$", re.IGNORECASE)
_QUOTED = re.compile(r"[\"“«][^\"”»]{0,800}[\"”»]")
KREMLIN_WORDING = Actor("unnamed outlet in the Kremlin's wording", Side.RU, "outlet", Side.RU)


def kremlin_wording(text: str) -> list[str]:
    """The markers of the Kremlin's wording that a text uses in its own voice (outside quotation marks)."""
    own = _QUOTED.sub(" ", text)
    found = [name for name, pattern in _KREMLIN_WORDING.items()
             if any(not _DISTANCED.search(own[max(0, m.start() - 40):m.start()]) for m in pattern.finditer(own))]
    return [name for name in found if name != "liberated, in Kiev's spelling" or _KIEV.search(own)]


def _bare(word: str) -> str:
    return word.lower().rstrip(".").removesuffix("'s").removesuffix("’s") if word.lower() not in ("u.s.", "u.k.", "u.n.") \
        else word.lower()


_REGEX_SYNTAX = set("()*+?{}.")


def literal_runs(pattern: str) -> list[str] | None:
    """For each alternative of a regex, its longest run of letters, digits and spaces: text the
    pattern matches has one of them. None for a pattern with groups, repeats or wildcards, where
    letters may be optional."""
    runs, run, best = [], "", ""
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char in _REGEX_SYNTAX:
            return None
        if char == "[":  # a character class: one character, not a letter run
            end = pattern.find("]", i + 2)
            if end < 0:
                return None
            run, i = "", end + 1
            continue
        if char == "\\":  # an escape: an anchor (\b) or one punctuation character, either way no letter
            if i + 1 < len(pattern) and pattern[i + 1].isalnum() and pattern[i + 1] not in "bB":
                return None  # \d, \w, \s...: classes
            run, i = "", i + 2
            continue
        if char == "|":
            runs.append(best)
            run, best = "", ""
        elif char.isalnum() or char == " ":
            run += char
            best = max(best, run, key=len)
        else:  # other literal punctuation, or the anchors ^ and $
            run = ""
        i += 1
    runs.append(best)
    return None if any(not r.strip() for r in runs) else runs
