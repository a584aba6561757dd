"""What extraction knows about the article it is reading: the outlet and its side, the article's own
voice, the place that stands for the whole front, and the speakers met so far."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..gazetteer import Gazetteer
from ..models import Article, Place, Side
from ..sides import Actor, Sides

# What a speaker is, for the pronouns that may stand for it: "he" and "she" a person, "it" an
# organisation or a state, "they" a group or an organisation; "" when the words do not tell.
PERSON, ORGANISATION, GROUP = "person", "organisation", "group"


@dataclass(frozen=True)
class Speaker:
    """Who makes a claim, as written, with their side and the rule that found them.

    `trailing`: the attribution ends its sentence ('..., Putin said.'), so it may carry back to the
    sentence before; `refers_back`: it points back ("This was announced by X"), so it carries to what
    came before it; `named`: a speaker later pronouns may refer back to; `kind`: PERSON,
    ORGANISATION, GROUP or "" (unknown), which decides the pronouns that can stand for it.
    """

    text: str
    side: Side
    rule: str
    trailing: bool = False
    named: bool = True
    kind: str = ""
    refers_back: bool = False

    @property
    def person(self) -> bool:
        return self.kind == PERSON


@dataclass
class SpeakerMemory:
    """The speakers and the people and organisations met so far, for "he said", "the ministry added"
    and a surname named again.

    `speakers` are those who spoke anywhere in the article; `mentioned` everyone named, with the words
    of their phrase; `people` the side-bearing description of a person by surname; `here` and
    `subjects` the speakers and the subjects of the paragraph being read (`enter` starts a new one);
    `posters` who posted the videos, photos and posts named so far ("the footage" is the last one's).
    """

    speakers: list[Speaker] = field(default_factory=list)
    mentioned: list[tuple[Speaker, frozenset[str]]] = field(default_factory=list)
    people: dict[str, Speaker] = field(default_factory=dict)
    here: list[Speaker] = field(default_factory=list)
    subjects: list[Speaker] = field(default_factory=list)
    posters: list[Speaker] = field(default_factory=list)
    paragraph: int | None = None

    def enter(self, paragraph: int) -> None:
        """Reading a sentence of this paragraph: a new paragraph forgets the last one's speakers and subjects."""
        if paragraph != self.paragraph:
            self.paragraph, self.here, self.subjects = paragraph, [], []

    def remember(self, speaker: Speaker | None) -> None:
        if speaker is not None and speaker.named:
            self.speakers.append(speaker)
            self.here.append(speaker)

    def mention(self, speaker: Speaker, words: frozenset[str], *, subject: bool = False,
                surname: str = "") -> None:
        """Someone named in the sentence just read: a subject of its clause, a person with a surname."""
        self.mentioned.append((speaker, words))
        if subject:
            self.subjects.append(speaker)
        if surname and speaker.side != Side.UNKNOWN:
            self.people[surname.lower()] = speaker

    def posted(self, poster: Speaker) -> None:
        self.posters.append(poster)

    def last_poster(self) -> Speaker | None:
        return self.posters[-1] if self.posters else None

    def last(self, with_side: bool = False, kinds: Collection[str] | None = None) -> Speaker | None:
        """The last speaker (with a side; of one of these kinds, or of a kind not known)."""
        for speaker in reversed(self.speakers):
            if (not with_side or speaker.side != Side.UNKNOWN) and (kinds is None or speaker.kind in (*kinds, "")):
                return speaker
        return None

    def named_with(self, word: str) -> Speaker | None:
        """The last one named with a side whose phrase has this word: "the ministry" is the ministry named before."""
        for speaker, words in reversed(self.mentioned):
            if word in words and speaker.side != Side.UNKNOWN:
                return speaker
        return None

    def person(self, surname: str) -> Speaker | None:
        """The described person a bare surname names again: "Maliar said" after "Hanna Maliar, Ukraine's ..."."""
        return self.people.get(surname.lower())


_MOST = 0.75  # the share of an article's places in one state's oblasts that makes it the article's state


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
    publisher: str = ""  # the site that published the page, when the article is a web page
    # The oblasts of the places each sentence names (by its Doc), set once the places are resolved.
    oblasts: dict[Doc, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, article: Article, gazetteer: Gazetteer, sides: Sides) -> ArticleContext:
        """The context of an article, reading `sides` with this gazetteer (so that officials of any place
        take its country's side)."""
        sides = _placed(sides, gazetteer)
        site = sides.outlet_named(article.outlet) if article.outlet else None
        outlet = sides.voice(article.text, site)
        voice = Speaker(f"reporter ({outlet.name})" if outlet else "reporter",
                        outlet.side if outlet else Side.NEUTRAL, "the article's own voice")
        country = gazetteer.get("country:UA")
        publisher = site.name if site else article.outlet
        return cls(article, gazetteer, sides, outlet, voice, country, outlet.home if outlet else Side.UNKNOWN,
                   publisher=publisher)

    @property
    def outlet_name(self) -> str:
        """The outlet a claim is filed under: the site that published the page (by its name in the outlets
        table when it is there), else the outlet whose marks the text carries."""
        return self.publisher or (self.outlet.name if self.outlet else "")

    def local_side(self, doc: Doc) -> tuple[Side, str] | None:
        """Whose officials "the regional governor" and "local authorities" are, where nothing else says:
        those of the state governing the oblast the sentence's places lie in, else the oblast most of the
        article's places lie in (three in four of them); with (side, oblast), or None when the places are
        on both sides of the border or there are none."""
        for oblasts, share in ((self.oblasts.get(doc, ()), 1.0),
                               ([o for named in self.oblasts.values() for o in named], _MOST)):
            if not oblasts:
                continue
            counts = Counter(oblasts)
            by_side = Counter()
            for oblast, n in counts.items():
                by_side[self.sides.region_side(oblast)] += n
            side, n = by_side.most_common(1)[0]
            if side in (Side.RU, Side.UA) and n >= share * len(oblasts):
                return side, max((o for o in counts if self.sides.region_side(o) == side), key=counts.__getitem__)
            return None
        return None

    def forget(self) -> None:
        """Start a reading pass: no speaker met yet."""
        self.memory = SpeakerMemory()


@functools.lru_cache(maxsize=4)
def _placed(sides: Sides, gazetteer: Gazetteer) -> Sides:
    """`Sides.with_gazetteer`, made once per pair rather than once per article (it builds new tables)."""
    return sides.with_gazetteer(gazetteer)
