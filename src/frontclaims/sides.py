"""Whose side a phrase speaks for: the actors and outlets tables, and the cue words of each side."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from .models import Side
from .names import name_key

# Words that put a phrase on a side when no actor of the table is named in it.
_CUES: dict[Side, tuple[str, ...]] = {
    Side.RU: (
        "russia", "russian", "russians", "moscow", "kremlin", "moscow-backed", "russian-installed",
        "russian-backed", "kremlin-backed", "pro-russian", "pro-moscow", "separatist", "separatists",
        "dpr", "lpr", "dnr", "lnr", "wagner", "akhmat", "aggressor", "invaders", "rashists", "battlegroup",
        "kadyrovites", "russia-installed", "moscow-installed", "occupation",
    ),
    Side.UA: (
        "ukraine", "ukrainian", "ukrainians", "kyiv", "kiev", "zsu", "afu", "khartia", "azov", "khortytsia",
        "kyiv-backed", "pro-ukrainian", "deepstate", "zelensky", "zelenskyy", "zelenskiy",
    ),
    Side.NEUTRAL: (
        "analyst", "analysts", "reuters", "isw", "observers", "experts", "monitors", "journalists",
        "western", "nato", "u.s.", "american", "british", "german", "french", "un", "iaea", "osce",
    ),
}
_CUE_SIDE = {word: side for side, words in _CUES.items() for word in words}
_OPPOSING = {"enemy", "enemy's", "adversary", "adversary's", "occupiers", "occupier", "foe", "opponent"}
_OWN = {"we", "our", "us", "ours", "its", "their", "they", "his", "her"}
_WORD = re.compile(r"[\w'’.-]+")


@dataclass(frozen=True)
class Actor:
    """A person, organisation, unit, monitor or outlet with a known side."""

    name: str
    side: Side
    kind: str


def _data_rows(name: str) -> list[dict[str, str]]:
    with resources.files("frontclaims").joinpath("data", name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


class Sides:
    """Looks up actors and outlets, and reads the side cues of a phrase."""

    def __init__(self, names: list[tuple[str, Actor]], outlets: list[tuple[Actor, re.Pattern]]):
        """`names`: every (name or alias, actor) pair; `outlets`: each outlet with the pattern that marks it."""
        self.actors = tuple(dict.fromkeys(actor for _, actor in names))
        self._aliases = {name_key(name): actor for name, actor in names}
        self._people_words = {w.lower() for name, actor in names if actor.kind == "person" for w in name.split()}
        self.max_words = max((len(name.split()) for name, _ in names), default=1)
        self.outlets = outlets
        self._outlet_words = [None if pattern.flags & re.IGNORECASE else literal_runs(pattern.pattern)
                              for _, pattern in outlets]

    @classmethod
    def load(cls) -> Sides:
        names = []
        for row in _data_rows("actors.csv"):
            actor = Actor(row["name"], Side(row["side"]), row["kind"])
            names += [(alias, actor) for alias in [row["name"], *filter(None, row["aliases"].split("|"))]]
        outlets = []
        for row in _data_rows("outlets.csv"):
            actor = Actor(row["name"], Side(row["side"]), "outlet")
            outlets.append((actor, re.compile(row["pattern"], re.MULTILINE)))
            names.append((row["name"], actor))
        return cls(names, outlets)

    def actor_named(self, text: str) -> Actor | None:
        """The actor whose name or alias is exactly this text."""
        return self._aliases.get(name_key(text))

    def actor_by_key(self, key: str) -> Actor | None:
        return self._aliases.get(key) if key else None

    def person_words(self) -> set[str]:
        """Every word of the people's names and aliases: "Volodymyr" in "Volodymyr Zelensky" is no place."""
        return set(self._people_words)

    def find_actor(self, words: list[str]) -> Actor | None:
        """The actor named by the longest run of these words, if any."""
        best: tuple[int, Actor] | None = None
        for i in range(len(words)):
            for n in range(min(self.max_words, len(words) - i), 0, -1):
                actor = self._aliases.get(name_key(" ".join(words[i:i + n])))
                if actor and (best is None or n > best[0]):
                    best = (n, actor)
                    break
        return best[1] if best else None

    def side_of(self, phrase: str, speaker: Side = Side.UNKNOWN) -> Side:
        """The side a phrase stands for: a known actor in it, else its cue words.

        "The enemy" and its like are the side opposite the speaker; "we", "our", "its" and "their"
        are the speaker's own side.
        """
        words = _WORD.findall(phrase)
        actor = self.find_actor(words)
        if actor is not None:
            return actor.side
        lowered = [w.lower().rstrip(".").removesuffix("'s").removesuffix("’s") for w in words]
        for word in lowered:
            if word in _OPPOSING and speaker in (Side.RU, Side.UA):
                return speaker.opponent
            if word in _CUE_SIDE:
                return _CUE_SIDE[word]
        for word in lowered:
            if word in _OPPOSING:
                return Side.RU
            if word in _OWN and speaker in (Side.RU, Side.UA):
                return speaker
        return Side.UNKNOWN

    def detect_outlet(self, text: str) -> Actor | None:
        """The outlet that published the text, from the marks it leaves (datelines, credits, appeals)."""
        first: tuple[int, Actor] | None = None
        for (actor, pattern), words in zip(self.outlets, self._outlet_words):
            if words is not None and not any(word in text for word in words):
                continue  # a plain substring test rules most patterns out far faster than the search
            match = pattern.search(text)
            if match and (first is None or match.start() < first[0]):
                first = (match.start(), actor)
        return first[1] if first else None


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
