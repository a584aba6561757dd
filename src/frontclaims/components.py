"""frontclaims' spaCy pipeline components: places, back-references, military units, actors and figures.

Each component writes to the Doc only: `doc.spans["places"]` (labels PLACE, REGION_OF, RAION_OF,
BACKREF, UNKNOWN), `doc.spans["units"]`, `doc.spans["actors"]` (label: the actor's side),
`doc.spans["figures"]`, and `doc.ents` with the places relabelled GPE. Turning a Doc into
claims is the `extraction` package's job.

The place and actor components get their data the way spaCy's own components do: `nlp.initialize()`
loads the packaged gazetteer and actors tables (or the gazetteer files named in the
`[initialize.components.frontclaims_places]` config block), and `nlp.to_disk()` saves the gazetteer
beside the pipeline, so `spacy.load()` of the saved folder finds the same places. `set_gazetteer` and
`set_sides` give them data already loaded, as frontclaims itself does.
"""

from __future__ import annotations

import bisect
import json
import shutil
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path

from spacy.attrs import LOWER
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.strings import StringStore
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .figures import find_figures
from .names import name_key

PLACE = "PLACE"
REGION_OF = "REGION_OF"  # "Sumy and Kharkov regions": the oblasts named after these cities
RAION_OF = "RAION_OF"  # "Kupyansk district"
BACKREF = "BACKREF"  # "the town", "this village"
UNKNOWN = "UNKNOWN"  # a settlement the gazetteer lacks, named after a cue ("the village of X")
GUESS = "GUESS"  # a place the entity recogniser found and the gazetteer lacks: kept only if a typo of a known one

_JOINERS = {"-", "–", "'", "’", "'s", "’s", "."}
# Lower-case words that may continue a multi-word name ("Kharkiv region", "Rostov-on-Don").
_NAME_CONTINUATIONS = {"region", "oblast", "province", "river", "raion", "district", "rayon", "on", "na", "nad",
                       "pid", "de", "oblast'", "people's", "peoples", "republic", "peninsula", "basin"}
_REGION_WORDS = {"region", "regions", "oblast", "oblasts", "province", "provinces"}
# Words after a city's name that make it stand for the oblast named after it: "Sumy governor X",
# "the Kharkiv regional administration".
_OFFICE_OF_REGION = {"governor", "governors", "regional"}
_RAION_WORDS = {"district", "districts", "raion", "raions", "rayon", "rayons"}
# Heads that make a preceding place name part of something else: "Maidan protests", "Yalta forum".
_NOT_PLACE_AFTER = {
    "club", "forum", "protests", "protest", "revolution", "format", "agreement", "agreements", "accords",
    "accord", "process", "summit", "talks", "plant", "university", "declaration", "memorandum", "dialogue",
    "administration", "council", "mayor", "governor", "authorities", "court", "airport", "brigade",
    "battalion", "regiment", "corps", "division", "grouping", "channel", "television", "tv", "radio",
    "street", "avenue", "square", "road", "highway", "lane", "boulevard", "prospekt", "park", "station",
    "regime", "government", "airfield", "port", "reservoir", "dam", "canal", "bridge", "hydroelectric",
}
_NOT_PLACE_BEFORE = {"club", "forum", "battlegroup", "operation", "group", "grouping", "project", "channel"}
# Nouns that, after "the", "this" or "that", refer back to a place named before: a settlement, "the area"
# round one, a river or its bank ("the left bank", "the eastern shore").
_SETTLEMENT_NOUNS = {"city", "town", "village", "settlement", "locality", "hamlet", "township", "area", "river",
                     "bank", "shore"}
_BACKREF_DETERMINERS = {"the", "this", "that"}
_BACKREF_NOT_BEFORE = {"hall", "council", "administration", "mayor", "authorities", "officials", "government",
                       "residents", "of", "people", "dwellers"}
_NAMED_SETTLEMENT_NOUNS = {"village", "town", "city", "settlement", "hamlet"}  # after a name: "Ternove Village"
_PLACE_CUE_NOUNS = {"village", "villages", "town", "towns", "settlement", "settlements", "city", "hamlet",
                    "hamlets", "locality", "localities"}
CAPTURE_VERBS = {"liberate", "capture", "seize", "take", "retake", "recapture", "storm", "enter", "occupy",
                  "free", "regain", "reclaim", "encircle", "surround", "secure"}
_PERSON_LIKE = {"PERSON"}
# Words of no name, which a recogniser may still take into one at a sentence's head ("Near Toretsk").
_FUNCTION_WORDS = STOP_WORDS | {"near", "outside", "inside", "toward", "towards", "beyond", "along", "across",
                                "around", "amid", "despite"}
_NUMERIC = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}  # "May 9", "the third" ...
# Months and weekdays: a village called May is named as such ("the village of May"), never bare.
_CALENDAR = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_SWALLOWING = {"ORG", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "NORP"}
_PLACE_LIKE = {"GPE", "LOC"}


_INVISIBLE = "\ufe0f\ufe0e\u200b\u200c\u200d\u2060\ufeff"  # emoji variation selectors, zero-width marks


def _starts_upper(text: str) -> bool:
    text = text.lstrip(_INVISIBLE)
    return bool(text) and text[0].isupper()


_INNER_APOSTROPHES = str.maketrans("", "", "'’ʼ`")


def _is_word(token) -> bool:
    """A token of letters, ignoring the invisible marks emoji bullets leave before a word ("▪️Dzerzhinsk")
    and apostrophes between letters, as Ukrainian names romanized letter by letter keep them ("Mar'inka")."""
    if token.is_alpha:
        return True
    text = token.text.lstrip(_INVISIBLE)
    return text.isalpha() or (text[:1].isalpha() and text[-1:].isalpha() and text.translate(_INNER_APOSTROPHES).isalpha())


def title_case(doc: Doc) -> bool:
    """True for a headline written in Title Case: most of its longer words capitalised."""
    words = [t for t in doc if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) / len(words) > 0.7


def _english_words(nlp: Language) -> frozenset[str]:
    """Common English words from the trained pipeline's lemmatizer tables, if it has them."""
    words = set(STOP_WORDS)
    if "lemmatizer" in nlp.pipe_names:
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if lookups is not None and lookups.has_table("lemma_index"):
            table = lookups.get_table("lemma_index")
            for pos in ("noun", "verb", "adj", "adv"):
                if pos in table:
                    words.update(table[pos])
    return frozenset(words)


@Language.factory("frontclaims_places", default_config={"max_words": 8}, assigns=["doc.spans", "doc.ents"])
def make_place_ruler(nlp: Language, name: str, *, max_words: int) -> PlaceRuler:
    return PlaceRuler(nlp, name, max_words=max_words)


_CITY = 100_000  # people: a city this large is meant by its name wherever a sentence puts it


class PlaceRuler:
    """Marks gazetteer places, back-references and cue-named unknown settlements.

    A gazetteer name must start with a capital letter; single English words ("Progress", "Bar")
    count only where the tagger or the entity recogniser says proper name or place; names inside
    a longer person or organisation entity ("Vladimir Putin", "Zaporizhzhia nuclear power plant")
    and names that modify a non-place ("Maidan protests") are left alone.
    """

    def __init__(self, nlp: Language, name: str, *, max_words: int):
        self.name = name
        self.max_words = max_words
        self.index: frozenset[str] = frozenset()
        self.sorted_index: list[str] = []
        self.gazetteer = None
        self.person_words: frozenset[str] = frozenset()
        self.english = _english_words(nlp)
        self._covered: set[int] = set()  # the tokens of the Doc being read that some gazetteer name covers
        self._warned = False

    def set_gazetteer(self, gazetteer, person_words=()) -> PlaceRuler:
        """Use this gazetteer's spellings; `person_words` are name parts of known people."""
        self.gazetteer = gazetteer
        self.index = gazetteer.matchable_keys()
        self.sorted_index = sorted(self.index)
        self.person_words = frozenset(w.lower() for w in person_words)
        return self

    def initialize(self, get_examples: Callable[[], Iterable] | None = None, *, nlp: Language | None = None,
                   gazetteer: list[str] | None = None) -> None:
        """Load the gazetteer (these CSV files, or the packaged ones) and the actors' name words."""
        from .gazetteer import Gazetteer
        from .sides import Sides

        places = Gazetteer.load(gazetteer or None)
        self.set_gazetteer(places, Sides.load(places).person_words())

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """The gazetteer's files (or, for one built in memory, its index) and the person words, in `path`."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        files = []
        if self.gazetteer is not None and self.gazetteer.source.files:
            for number, source in enumerate(self.gazetteer.source.files):
                name = f"{number}-{Path(source).name}"
                shutil.copyfile(source, path / name)
                files.append(name)
        elif self.gazetteer is not None:
            (path / "gazetteer.sqlite").write_bytes(self.gazetteer.image())
        (path / "cfg.json").write_text(json.dumps({"files": files, "person_words": sorted(self.person_words)},
                                                  ensure_ascii=False), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> PlaceRuler:
        from .gazetteer import Gazetteer

        path = Path(path)
        cfg = json.loads((path / "cfg.json").read_text(encoding="utf-8"))
        if cfg["files"]:
            self.set_gazetteer(Gazetteer.load([path / name for name in cfg["files"]]), cfg["person_words"])
        elif (path / "gazetteer.sqlite").exists():
            self.set_gazetteer(Gazetteer.from_image((path / "gazetteer.sqlite").read_bytes()), cfg["person_words"])
        return self

    def __call__(self, doc: Doc) -> Doc:
        if self.gazetteer is None and not self._warned:
            warnings.warn(f"{self.name} has no gazetteer, so it finds no place: run nlp.initialize() or "
                          "give it one with set_gazetteer()", stacklevel=2)
            self._warned = True
        ner = doc.has_annotation("ENT_IOB")
        tagged = doc.has_annotation("TAG")
        ents = list(doc.ents) if ner else []
        keys = [name_key(t.text) for t in doc]
        title = title_case(doc)
        spans: list[Span] = []
        refused: list[Span] = []  # gazetteer names read as something else: no other path makes them places
        found = {i: self._longest(doc, keys, i) for i in range(len(doc))}
        self._covered = {k for m in found.values() if m is not None for k in range(m.start, m.end)}
        i = 0
        while i < len(doc):
            match = found[i]
            if match is not None:
                longer = self._hyphenated(doc, match)
                match = longer or match
            if match is not None and self._accept(doc, match, ents, tagged, title, keys):
                spans.append(Span(doc, match.start, match.end, label=GUESS) if longer else self._labelled(doc, match))
                i = match.end
            else:
                if match is not None:
                    refused.append(match)
                i += 1
        spans += _unknown_settlements(doc, spans + refused + self._names(doc), ents)
        spans += self._misspelt(doc, spans + refused, ents, tagged)
        spans += _back_references(doc, spans)
        spans = filter_spans(spans)
        doc.spans["places"] = spans
        if ner:
            places = [Span(doc, s.start, s.end, label="GPE") for s in spans if s.label_ != BACKREF]
            kept = [e for e in doc.ents if not any(e.start < p.end and p.start < e.end for p in places)]
            doc.ents = filter_spans(kept + places)
        return doc

    def _hyphenated(self, doc: Doc, span: Span) -> Span | None:
        """ "Kupyansk-Vuzlovy": a known name with a hyphenated part is another place, when one fits the whole."""
        end = span.end
        while end + 1 < len(doc) and doc[end].text in {"-", "–"} and doc[end + 1].is_alpha:
            end += 2
        if end > span.end and self.gazetteer is not None and self.gazetteer.typos(doc[span.start:end].text):
            return doc[span.start:end]
        return None

    def _misspelt(self, doc: Doc, spans: list[Span], ents: list[Span], tagged: bool) -> list[Span]:
        """Proper names one typing slip away from a gazetteer name ("Sieverodonetsk")."""
        if self.gazetteer is None or not tagged:
            return []
        taken = {i for s in spans + self._names(doc) for i in range(s.start, s.end)}
        # a one-word PERSON is as often a place the recogniser misread ("Sieverodonetsk") as a surname
        taken |= {i for e in ents if e.label_ == "DATE" or (e.label_ == "PERSON" and len(e) > 1)
                  for i in range(e.start, e.end)}
        # the per-word conditions first, so that spans are made only where a name can be
        named = [t.i not in taken and t.pos_ == "PROPN" and t.is_alpha and _starts_upper(t.text) for t in doc]
        found = []
        i = 0
        while i < len(doc):
            if not named[i]:  # every name starts with a named word
                i += 1
                continue
            names = [n for n in (3, 2, 1) if i + n <= len(doc) and all(named[i:i + n])
                     and self._could_be_misspelt(doc[i:i + n], taken)]
            match = next((n for n in names if self.gazetteer.typos(doc[i:i + n].text)
                          and not (i + n < len(doc) and doc[i + n].lower_ in _NOT_PLACE_AFTER)), None)
            if match:
                found.append(Span(doc, i, i + match, label=GUESS))
                i += match
            else:
                i += 1
        return found

    def _city(self, word: str) -> bool:
        """True for the current name of a city of 100,000 or more: "Odesa" and "Kharkiv" are in the
        lexicon's word list, but no English word at the head of a sentence."""
        return any(p.name == word and (p.population or 0) >= _CITY for p in self.gazetteer.lookup(word))

    def _could_be_misspelt(self, span: Span, taken: set[int]) -> bool:
        if any(t.i in taken or t.pos_ != "PROPN" or not _starts_upper(t.text) or not t.is_alpha for t in span):
            return False
        if len(span) == 1 and (len(span[0]) < 7 or span[0].lower_ in self.english):
            return False
        return not any(t.lower_ in self.person_words for t in span) and len(span.text) >= 7

    def _longest(self, doc: Doc, keys: list[str], i: int) -> Span | None:
        first = doc[i]
        if not _is_word(first) or not _starts_upper(first.text):
            return None
        lengths, key = [], ""  # the numbers of words whose keys together are a gazetteer key
        for n in range(1, min(self.max_words, len(doc) - i) + 1):
            key += keys[i + n - 1]
            if not self._starts_a_key(key):
                break  # no longer run of words can be a name either
            if len(key) >= 3 and key in self.index:
                lengths.append(n)
        for n in reversed(lengths):  # the longest name first
            last = doc[i + n - 1]
            if not _is_word(last) or any(not _is_word(t) and t.text not in _JOINERS for t in doc[i:i + n]):
                continue
            if _name_like(doc[i:i + n]):
                return doc[i:i + n]
        return None

    def _starts_a_key(self, key: str) -> bool:
        at = bisect.bisect_left(self.sorted_index, key)
        return at < len(self.sorted_index) and self.sorted_index[at].startswith(key)

    def _accept(self, doc: Doc, span: Span, ents: list[Span], tagged: bool, title: bool, keys: list[str]) -> bool:
        if any(s.start < span.end and span.start < s.end for s in self._names(doc)):
            return False  # a word of a unit's or an actor's name: "Battlegroup Dnepr", "group Khortytsia"
        if len(span) == 1 and span[0].lower_ in _CALENDAR:
            return False
        if span.end < len(doc) and doc[span.end].lower_ in _OFFICE_OF_REGION and _starts_upper(span.text):
            return True  # "Kherson Governor X": the recogniser may call the two words a person
        if span.end < len(doc) and doc[span.end].lower_ in _NAMED_SETTLEMENT_NOUNS and _starts_upper(span.text):
            return True  # "Ternove Village": a settlement's name, whatever entity the recogniser makes of a headline
        for ent in ents:
            if ent.label_ in _NUMERIC and ent.start < span.end and span.start < ent.end and \
                    (not tagged or span[0].pos_ != "PROPN" or any(t.like_num or t.lower_ in _CALENDAR for t in ent)):
                return False  # a month, a day or a number: "on May 9"; a proper name alone is the recogniser's slip
            inside = ent.start <= span.start and span.end <= ent.end and len(ent) > len(span)
            # the rest of the entity is words of its own: "Vladimir Putin", not "Near Toretsk" at a sentence's head
            rest = [t for t in ent if not span.start <= t.i < span.end]
            # a person's other names are their own even where a village has them ("Stanislav Orlov"); an
            # organisation or a title made of places ("Toretsk-Dnipro", "Lyptsi in Kharkiv Region") has none
            named_by_places = ent.label_ not in _PERSON_LIKE or any(t.text in {"-", "–"} for t in rest)
            # a number after the name is no word of one either: the recogniser makes "Kherson 40" (times) a name
            # and in a Title Case headline a capitalised English word is no name: "Russia Captures Toretsk"
            own_words = any(t.lower_ not in _FUNCTION_WORDS and not t.is_punct and not (t.like_num and t.i >= span.end)
                            and not (named_by_places and t.i in self._covered)
                            and not (title and self._english_word(t.lower_)) for t in rest)
            if inside and own_words and (ent.label_ in _PERSON_LIKE or ent.label_ in _SWALLOWING):
                return False
            if ent.label_ == "NORP" and ent.start <= span.start and span.end <= ent.end \
                    and any(t.pos_ == "ADJ" for t in span):
                return False  # "Russian", "Ukrainian": peoples, whatever GeoNames calls a village
        if span.end < len(doc):
            after = doc[span.end]
            if after.lower_ in _NOT_PLACE_AFTER and after.lower_ not in _OFFICE_OF_REGION:
                return False
            if after.text in {"-", "–"} and span.end + 1 < len(doc) and _starts_upper(doc[span.end + 1].text) \
                    and not (span[-1].whitespace_ and after.whitespace_):  # "X - TASS": a dash, not a hyphen
                # "the Svatove-Kreminna line" names two places; "the Siverskyi Donets-Donbas canal" and a
                # hyphenated name the gazetteer lacks name something else
                pair = self._longest(doc, keys, span.end + 1)
                if pair is None or (pair.end < len(doc) and doc[pair.end].lower_ in _NOT_PLACE_AFTER):
                    return False
            if len(span) == 1 and _starts_upper(after.text) and after.lower_ in self.person_words:
                return False
        before = [t for t in doc[max(span.start - 2, 0):span.start] if not t.is_quote and not t.is_punct]
        if before and before[-1].lower_ in _NOT_PLACE_BEFORE:
            return False
        if len(span) == 1 and span.text.lower() in self.english and not self._city(span.text):
            in_place_ent = any(e.start <= span.start and span.end <= e.end and e.label_ in _PLACE_LIKE for e in ents)
            proper = tagged and span[0].pos_ == "PROPN" and span.start > 0 and not title
            return in_place_ent or proper or not tagged
        return True

    def _english_word(self, word: str) -> bool:
        """A common English word or an inflected form of one ("captures", "recaptured")."""
        return word in self.english or any(word.endswith(end) and word[:-len(end)] + add in self.english
                                           for end, add in (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("d", "")))

    @staticmethod
    def _names(doc: Doc) -> list[Span]:
        """The units and actors already marked (their components run before this one)."""
        return [*doc.spans.get("units", ()), *doc.spans.get("actors", ())]

    def _labelled(self, doc: Doc, span: Span) -> Span:
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        if after in _RAION_WORDS:
            return Span(doc, span.start, span.end + 1, label=RAION_OF)
        if after in {"regions", "oblasts", "provinces"} | _OFFICE_OF_REGION or _coordinated_with_regions(doc, span):
            return Span(doc, span.start, span.end, label=REGION_OF)
        return Span(doc, span.start, span.end, label=PLACE)


def _name_like(span: Span) -> bool:
    """True when every word after the first is capitalised, joined by a hyphen, or a word names carry."""
    for k, token in enumerate(span[1:], start=1):
        if token.is_alpha and not _starts_upper(token.text) and span[k - 1].text not in {"-", "–"} \
                and token.lower_ not in _NAME_CONTINUATIONS:
            return False
    return True


def _coordinated_with_regions(doc: Doc, span: Span) -> bool:
    """True for "Sumy" in "Sumy and Kharkov regions": a name joined by "and" to one before "regions"."""
    j = span.end
    if j < len(doc) and doc[j].lower_ in {"and", ",", "or"}:
        for k in range(j + 1, min(j + 5, len(doc))):
            if doc[k].lower_ in {"regions", "oblasts", "provinces"}:
                return True
            if not (doc[k].is_alpha or doc[k].text in _JOINERS):
                return False
    return False


def _name_at(doc: Doc, k: int) -> int:
    """The end of a capitalised name starting at token k (k itself when there is none)."""
    start = k
    while k < len(doc) and ((doc[k].is_alpha and _starts_upper(doc[k].text)) or
                            (doc[k].text in {"-", "'", "’"} and k > start and k + 1 < len(doc) and doc[k + 1].is_alpha)):
        k += 1
    return k


def _skip_locative(doc: Doc, k: int) -> int:
    """Past "in the Kherson region" after a name in a list ("X in the Y region, Z in the W region")."""
    if k < len(doc) and doc[k].lower_ == "in":
        j = k + 1
        if j < len(doc) and doc[j].lower_ == "the":
            j += 1
        end = _name_at(doc, j)
        if end > j and end < len(doc) and doc[end].lower_ in _REGION_WORDS:
            return end + 1
    return k


def _name_list(doc: Doc, k: int) -> list[tuple[int, int]]:
    """The names of a list starting at token k: "X", "X and Y", "X, Y and Z", "X in the Y region, and Z"."""
    names = []
    while k < len(doc):
        end = _name_at(doc, k)
        if end == k:
            break
        names.append((k, end))
        end = _skip_locative(doc, end)
        if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in {"and", "or"}:
            end += 1
        if end < len(doc) and doc[end].lower_ in {"and", "or"}:
            k = end + 1
        elif end < len(doc) and doc[end].text == "," and any(t.lower_ in {"and", "or"} for t in doc[end:end + 8]):
            k = end + 1
        else:
            break
    return names


def _unknown_settlements(doc: Doc, known: list[Span], ents: list[Span]) -> list[Span]:
    """Names the gazetteer lacks, where the text says they are settlements.

    "the village(s) of X (and Y)", "the town of X", "X and Y settlements", or (with the trained
    pipeline) a proper name the entity recogniser calls a place.
    """
    taken = {i for s in known for i in range(s.start, s.end)}
    peoples = {i for e in ents if e.label_ == "NORP" for i in range(e.start, e.end)}
    found = []

    tagged = doc.has_annotation("TAG")

    def add(start: int, end: int, label: str) -> None:
        if end <= start or any(i in taken or i in peoples for i in range(start, end)) or not doc[end - 1].is_alpha:
            return
        if any(t.lower_ in _PLACE_CUE_NOUNS for t in doc[start:end]):
            return  # "Russian Troops Take Village In ...": the noun, capitalised in a headline, is no name
        if tagged and any(t.pos_ != "PROPN" for t in doc[start:end] if t.is_alpha):
            return
        if end < len(doc) and doc[end].lower_ in _NOT_PLACE_AFTER or doc[start].lower_ in STOP_WORDS:
            return
        found.append(Span(doc, start, end, label=label))
        taken.update(range(start, end))

    for token in doc:
        if token.lower_ not in _PLACE_CUE_NOUNS:
            continue
        if token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "of":
            for start, end in _name_list(doc, token.i + 2):
                add(start, end, UNKNOWN)
        if token.i > 1 and doc[token.i - 1].lower_ in {"a", "the"} \
                and doc[token.i - 2].text == "," and token.i > 2:
            start = token.i - 3  # "Rabotino, a village in ...": the name before the apposition
            while start > 0 and doc[start - 1].is_alpha and _starts_upper(doc[start - 1].text):
                start -= 1
            if _name_at(doc, start) == token.i - 2:
                add(start, token.i - 2, UNKNOWN)
        if token.i > 0:
            k = token.i
            while k > 0 and (doc[k - 1].is_alpha and _starts_upper(doc[k - 1].text) or doc[k - 1].lower_ in {"and", ","}):
                k -= 1
            for start, end in _name_list(doc, k):
                if end <= token.i:
                    add(start, end, UNKNOWN)
    people = {i for e in ents if e.label_ == "PERSON" and len(e) > 1 for i in range(e.start, e.end)}  # one word: often a village
    for token in doc:  # "liberated Vasylenkovo and Artemivka": proper names taken by a capture verb
        if token.pos_ != "PROPN" or not _starts_upper(token.text) or token.ent_type_ == "NORP" or token.i in people:
            continue  # not a person the parser hung on the place: "entered X, Serhii Petrenko, its mayor, said"
        verb = token.head if token.dep_ == "dobj" else \
            token.head.head if token.dep_ == "conj" and token.head.dep_ == "dobj" else None
        if verb is not None and verb.lemma_.lower() in CAPTURE_VERBS:
            start = token.i
            while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i == token.i:
                start -= 1
            add(start, token.i + 1, UNKNOWN)
    for ent in ents:
        if ent.label_ in _PLACE_LIKE and all(_starts_upper(t.text) or not t.is_alpha for t in ent) and \
                not any(i in taken for i in range(ent.start, ent.end)):
            add(ent.start, ent.end, GUESS)
    return found


def _back_references(doc: Doc, places: list[Span]) -> list[Span]:
    """ "the city", "this village", "the embattled town": a settlement referred back to."""
    starts = {s.start for s in places}
    found = []
    for token in doc:
        if token.lower_ not in _SETTLEMENT_NOUNS:
            continue
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if nxt is not None and (nxt.lower_ in _BACKREF_NOT_BEFORE or nxt.i in starts):
            continue
        k = token.i - 1
        while k >= 0 and k >= token.i - 3 and doc[k].is_alpha and doc[k].is_lower and doc[k].lower_ not in _BACKREF_DETERMINERS:
            k -= 1
        if k >= 0 and doc[k].lower_ in _BACKREF_DETERMINERS:
            found.append(Span(doc, k, token.i + 1, label=BACKREF))
    return found


# -- units -----------------------------------------------------------------------------------------
_UNIT_NOUNS = ["corps", "brigade", "brigades", "division", "regiment", "battalion", "battalions", "army",
               "company", "detachment", "squadron", "group", "grouping"]
_ORDINAL = r"^\d+(?:st|nd|rd|th)$"
_DIRECTIONS = ["West", "East", "North", "South", "Center", "Centre", "Central", "Dnepr", "Dnipro", "Sever",
               "Zapad", "Vostok", "Yug", "Tsentr", "Northern", "Southern", "Eastern", "Western"]


@Language.factory("frontclaims_units", default_config={}, assigns=["doc.spans"])
def make_unit_finder(nlp: Language, name: str) -> UnitFinder:
    return UnitFinder(nlp, name)


class UnitFinder:
    """Marks military units: "2nd National Guard Corps 'Khartia'", "West grouping of forces", "10th army corps"."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.matcher = Matcher(nlp.vocab)
        modifier = {"IS_ALPHA": True, "LOWER": {"NOT_IN": ["of", "the", "and", "in", "on", "at", "by"] + _UNIT_NOUNS},
                    "OP": "{0,5}"}
        unit = {"LOWER": {"IN": _UNIT_NOUNS}}
        patterns = [
            [{"TEXT": {"REGEX": _ORDINAL}}, modifier, unit, {"LOWER": {"IN": _UNIT_NOUNS}, "OP": "?"}],
            [{"LOWER": "battlegroup"}, {"IS_TITLE": True}],
            [{"TEXT": {"IN": _DIRECTIONS}}, {"LOWER": {"IN": ["group", "grouping", "groups"]}}, {"LOWER": "of"},
             {"LOWER": {"IN": ["forces", "troops"]}}],
            [{"LOWER": {"IN": ["group", "grouping"]}}, {"LOWER": "of"}, {"LOWER": {"IN": ["forces", "troops"]}},
             {"TEXT": {"IN": _DIRECTIONS}}],
            [{"IS_TITLE": True, "LOWER": {"NOT_IN": ["the", "a", "russian", "ukrainian", "ukraine", "russia"]}, "OP": "+"},
             {"LOWER": {"IN": ["corps", "brigade", "regiment", "battalion", "division"]}}],
            [{"IS_QUOTE": True, "OP": "?"}, {"IS_TITLE": True}, {"IS_QUOTE": True, "OP": "?"},
             {"LOWER": {"IN": ["operational", "operational-strategic", "operational-tactical"]}},
             {"LOWER": {"IN": ["group", "command"]}}],
            [{"LOWER": {"IN": ["operational", "operational-strategic", "operational-tactical"]}},
             {"LOWER": {"IN": ["group", "command"]}}, {"LOWER": "of", "OP": "?"}, {"LOWER": "forces", "OP": "?"},
             {"IS_QUOTE": True, "OP": "?"}, {"IS_TITLE": True}, {"IS_QUOTE": True, "OP": "?"}],
            [{"LOWER": "wagner"}, {"LOWER": {"IN": ["pmc", "group"]}, "OP": "?"}],
            [{"LOWER": "pmc"}, {"LOWER": "wagner"}],
        ]
        self.matcher.add("UNIT", patterns)
        # every pattern has a word from a closed list: a Doc without any of them has no unit
        self.needed = _required_words(patterns, nlp.vocab.strings)

    def __call__(self, doc: Doc) -> Doc:
        if self.needed is not None and self.needed.isdisjoint(doc.to_array(LOWER).tolist()):
            doc.spans["units"] = []
            return doc
        spans = [Span(doc, start, end, label="UNIT") for _, start, end in self.matcher(doc)]
        doc.spans["units"] = [_with_quoted_name(doc, s) for s in filter_spans(spans)]
        return doc


def _required_words(patterns: list[list[dict]], strings: StringStore) -> frozenset[int] | None:
    """The lower-case words (as string ids) of which any match has one: each pattern's first token
    that must be there and is one of a list of words. None if a pattern has no such token."""
    words: set[str] = set()
    for pattern in patterns:
        for spec in pattern:
            lower = spec.get("LOWER")
            listed = isinstance(lower, str) or isinstance(lower, dict) and set(lower) == {"IN"}
            if listed and spec.get("OP", "1") in ("1", "+"):
                words.update([lower] if isinstance(lower, str) else lower["IN"])
                break
        else:
            return None
    return frozenset(strings.add(word) for word in words)


def _with_quoted_name(doc: Doc, span: Span) -> Span:
    """Extend "2nd National Guard Corps" over a following quoted name ("Khartia")."""
    end = span.end
    if end + 2 < len(doc) and doc[end].is_quote and doc[end + 1].is_alpha and _starts_upper(doc[end + 1].text):
        close = end + 2 if doc[end + 2].is_quote else end + 3
        if close < len(doc) and doc[close].is_quote and (close == end + 2 or doc[end + 2].is_punct):
            return Span(doc, span.start, close + 1, label=span.label_)
    return span


# -- actors ----------------------------------------------------------------------------------------
@Language.factory("frontclaims_actors", default_config={"max_words": 8}, assigns=["doc.spans"])
def make_actor_finder(nlp: Language, name: str, *, max_words: int) -> ActorFinder:
    return ActorFinder(nlp, name, max_words=max_words)


class ActorFinder:
    """Marks actors of the actors table (people, ministries, units, monitors, outlets), labelled with their side."""

    def __init__(self, nlp: Language, name: str, *, max_words: int):
        self.name = name
        self.max_words = max_words
        self.sides = None

    def set_sides(self, sides) -> ActorFinder:
        self.sides = sides
        return self

    def initialize(self, get_examples: Callable[[], Iterable] | None = None, *, nlp: Language | None = None) -> None:
        """Load the packaged actors, outlets and regions tables."""
        from .sides import Sides

        self.set_sides(Sides.load())

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """The actors tables ship with the package: only whether they were loaded is saved."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "cfg.json").write_text(json.dumps({"sides": "packaged" if self.sides is not None else None}),
                                       encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> ActorFinder:
        if json.loads((Path(path) / "cfg.json").read_text(encoding="utf-8"))["sides"] == "packaged":
            self.initialize()
        return self

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        if self.sides is not None:
            keys = [name_key(t.text) for t in doc]
            i = 0
            while i < len(doc):
                actor, n = None, 0
                if _starts_upper(doc[i].text):
                    for n in range(min(self.max_words, len(doc) - i), 0, -1):
                        actor = self.sides.actor_by_key("".join(keys[i:i + n]))
                        if actor is not None:
                            break
                if actor is not None:
                    spans.append(Span(doc, i, i + n, label=actor.side.value))
                    i += n
                else:
                    i += 1
        doc.spans["actors"] = spans
        return doc


# -- figures ---------------------------------------------------------------------------------------
@Language.factory("frontclaims_figures", default_config={}, assigns=["doc.spans"])
def make_figure_finder(nlp: Language, name: str) -> FigureFinder:
    return FigureFinder(name)


class FigureFinder:
    """Marks distances, areas, shares and counts ("12-14km", "more than 500 square kilometers")."""

    def __init__(self, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for start, end, figure in find_figures(doc.text):
            span = doc.char_span(start, end, label=figure.unit, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["figures"] = filter_spans(spans)
        return doc

