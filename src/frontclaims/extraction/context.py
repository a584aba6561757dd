"""What extraction knows about the article it is reading: the outlet and its side, the article's own
voice, the place that stands for the whole front, and the speakers met so far."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from ..gazetteer import Gazetteer
from ..models import Article, Place, Side
from ..sides import Actor, Sides


@dataclass(frozen=True)
class Speaker:
    """Who makes a claim, as written, with their side and the rule that found them.

    `trailing`: the attribution ends its sentence ('..., Putin said.'), so it may carry back to the
    sentence before; `named`: a speaker later pronouns may refer back to; `person`: a person, not
    an institution ("he" refers back to people only).
    """

    text: str
    side: Side
    rule: str
    trailing: bool = False
    named: bool = True
    person: bool = False


@dataclass
class SpeakerMemory:
    """The speakers met so far, for "he said" and "the general added"."""

    speakers: list[Speaker] = field(default_factory=list)

    def remember(self, speaker: Speaker | None) -> None:
        if speaker is not None and speaker.named:
            self.speakers.append(speaker)

    def last(self, with_side: bool = False, person: bool = False) -> Speaker | None:
        for speaker in reversed(self.speakers):
            if speaker.named and (not with_side or speaker.side != Side.UNKNOWN) and (not person or speaker.person):
                return speaker
        return None


@dataclass
class ArticleContext:
    """One article as extraction reads it.

    The gazetteer and the sides tables are shared and never changed; the outlet (whose voice the
    article's own words are), its home country (whose "the military" an unmarked one is) and the
    country are worked out once per article (`ArticleContext.of`); `memory` is the one thing that
    changes while the article is read, and each reading pass starts it afresh.
    """

    article: Article
    gazetteer: Gazetteer
    sides: Sides
    outlet: Actor | None
    voice: Speaker
    country: Place | None
    home: Side = Side.UNKNOWN
    memory: SpeakerMemory = field(default_factory=SpeakerMemory)

    @classmethod
    def of(cls, article: Article, gazetteer: Gazetteer, sides: Sides) -> ArticleContext:
        """The context of an article, reading `sides` with this gazetteer (so that officials of any place
        take its country's side)."""
        sides = _placed(sides, gazetteer)
        outlet = sides.voice(article.text)
        voice = Speaker(f"reporter ({outlet.name})" if outlet else "reporter",
                        outlet.side if outlet else Side.NEUTRAL, "the article's own voice")
        country = gazetteer.get("country:UA")
        return cls(article, gazetteer, sides, outlet, voice, country, outlet.home if outlet else Side.UNKNOWN)

    @property
    def outlet_name(self) -> str:
        return self.outlet.name if self.outlet else ""

    def forget(self) -> None:
        """Start a reading pass: no speaker met yet."""
        self.memory = SpeakerMemory()


@functools.lru_cache(maxsize=4)
def _placed(sides: Sides, gazetteer: Gazetteer) -> Sides:
    """`Sides.with_gazetteer`, made once per pair rather than once per article (it builds new tables)."""
    return sides.with_gazetteer(gazetteer)
