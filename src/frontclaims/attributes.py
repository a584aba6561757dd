"""The trained pipeline's attribute_ruler and lemmatizer, remembered: the same attributes, a fraction of the time.

spaCy's `attribute_ruler` sets each token's POS, morphology and some lemmas by running ~180 Matcher
patterns over every Doc; on sentence-sized Docs it costs as much as the parser. Almost all of its
patterns look at one token only (its tag, lower-case form, dependency label, whether it is a
space), so their combined effect is a function of those four values: `AttributeTable` works it out
once per combination, in the ruler's own order (later patterns win), and sets the result. The few
patterns of several tokens (`gon na`, "there" + "is") are matched directly, and a token they hit
is worked out in full. A ruler with patterns of any other kind is left to do the work itself.
The lemmatizer's rules give a word's lemma from its text, part of speech and morphology alone, so
`LemmaTable` looks each combination up once and sets the lemmas of a whole Doc in one call.
The test checks that the tokens' attributes are the same as the ruler's and the lemmatizer's.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import StringStore
from spacy.tokens import Doc

_FEATURES = ("TAG", "LOWER", "DEP", "IS_SPACE")  # in the order of a token's key: tag_, lower_, dep_, is_space
_FEATURE_IDS = [TAG, LOWER, DEP, IS_SPACE]
_SETTABLE = {POS, TAG, MORPH, LEMMA, DEP}  # token attributes only, written with `Doc.from_array`
_CACHE_LIMIT = 100_000  # entries per cache (a few hundred bytes each), then it starts afresh


@Language.factory("frontclaims_attributes", default_config={})
def make_attribute_table(nlp: Language, name: str) -> AttributeTable:
    return AttributeTable()


class AttributeTable:
    """Stands in for an AttributeRuler; `learn(ruler)` before use."""

    def __init__(self):
        self.ruler: AttributeRuler | None = None
        self.multi: list[tuple[int, dict, list, int]] = []  # (order, attributes, [(pattern, anchor)], index)
        self.exact_only = False
        self.cache: dict[tuple, tuple] = {}  # a token's feature integers -> (column, value) pairs to set
        self.names: dict[tuple, tuple] = {}  # a token's feature integers -> its feature strings
        # One-token specs by what they test: the lower-case form (indexed by its values), the others
        self.by_lower: dict[str, list[tuple[int, dict]]] = {}  # (order, spec) per lower-case value
        self.lower_tested: list[tuple[int, dict]] = []  # specs testing it by a regex or exclusion
        self.context_only: list[tuple[int, dict]] = []  # specs testing the tag, label, space only
        self.by_context: dict[tuple, set[int]] = {}  # (tag_, dep_, is_space) -> orders of context-only fits
        self.outputs: list[int] = []  # the attributes any pattern sets, as `Doc.to_array` columns

    def learn(self, ruler: AttributeRuler) -> AttributeTable:
        self.ruler = ruler
        single: list[tuple[int, list[dict]]] = []  # (order, one-token specs)
        for attr_id, attrs in enumerate(ruler.attrs):
            _, patterns = ruler.matcher.get(ruler.vocab.strings[str(attr_id)])
            if any(set(spec) - set(_FEATURES) or not _supported(spec) for p in patterns for spec in p):
                self.exact_only = True  # quantifiers or other token attributes: leave it all to the ruler
            elif all(len(p) == 1 for p in patterns):
                single.append((attr_id, [p[0] for p in patterns]))
            else:
                self.multi.append((attr_id, attrs, [(p, _anchor(p)) for p in patterns], ruler.indices[attr_id]))
        attributes = {attr for attrs in ruler.attrs for attr in attrs}
        if not attributes <= _SETTABLE:
            self.exact_only = True  # extension or lexeme attributes: the ruler sets those its own way
        self.outputs = sorted(attributes & _SETTABLE)
        for attr_id, specs in single:
            for spec in specs:
                lower = spec.get("LOWER")
                if lower is None:
                    self.context_only.append((attr_id, spec))
                elif isinstance(lower, str) or set(lower) == {"IN"}:
                    for value in [lower] if isinstance(lower, str) else lower["IN"]:
                        self.by_lower.setdefault(value, []).append((attr_id, spec))
                else:
                    self.lower_tested.append((attr_id, spec))
        return self

    def __call__(self, doc: Doc) -> Doc:
        if self.exact_only:
            return self.ruler(doc)
        if not len(doc):
            return doc
        keys = [tuple(row) for row in doc.to_array(_FEATURE_IDS).tolist()]
        strings = doc.vocab.strings
        spans = self._multi_token_matches([self._names(key, strings) for key in keys]) if self.multi else {}
        rows = doc.to_array(self.outputs).tolist()
        for i, key in enumerate(keys):
            if i in spans:  # rare: work it out in full, in the ruler's order
                matches = sorted(self._single_matches(self._names(key, strings)) + spans[i], key=lambda m: m[0])
                values = self._columns(_merged(matches))
            else:
                values = self.cache.get(key)
                if values is None:
                    if len(self.cache) > _CACHE_LIMIT:
                        self.cache.clear()
                    values = self.cache[key] = self._columns(_merged(self._single_matches(self._names(key, strings))))
            for column, value in values:
                rows[i][column] = value
        doc.from_array(self.outputs, numpy.array(rows, dtype=numpy.uint64))
        return doc

    def _names(self, key: tuple[int, ...], strings: StringStore) -> tuple:
        """A token's (tag_, lower_, dep_, is_space) from the integers `Doc.to_array` gives."""
        names = self.names.get(key)
        if names is None:
            if len(self.names) > _CACHE_LIMIT:
                self.names.clear()
            tag, lower, dep, space = key
            names = self.names[key] = (strings[tag], strings[lower], strings[dep], bool(space))
        return names

    def _columns(self, attrs: dict[int, int]) -> tuple[tuple[int, int], ...]:
        """The ruler's attributes as (column of `outputs`, value) pairs."""
        return tuple((self.outputs.index(attr), value) for attr, value in attrs.items())

    def _single_matches(self, names: tuple) -> list[tuple[int, dict]]:
        """The one-token patterns a token fits, in the ruler's order, as (order, attributes)."""
        tag, lower, dep, space = names
        context = self.by_context.get((tag, dep, space))
        if context is None:
            context = self.by_context[tag, dep, space] = {
                attr_id for attr_id, spec in self.context_only if _fits(names, spec)}
        lexical = {attr_id for attr_id, spec in self.by_lower.get(lower, []) + self.lower_tested
                   if _fits(names, spec)}
        return [(attr_id, self.ruler.attrs[attr_id]) for attr_id in sorted(context | lexical)]

    def _multi_token_matches(self, features: list[tuple]) -> dict[int, list[tuple[int, dict]]]:
        found: dict[int, list[tuple[int, dict]]] = {}
        for attr_id, attrs, patterns, index in self.multi:
            for pattern, (k, position, values) in patterns:
                starts = range(len(features) - len(pattern) + 1) if values is None else \
                    [i - k for i, key in enumerate(features) if key[position] in values and 0 <= i - k]
                for start in starts:
                    if start + len(pattern) <= len(features) and \
                            all(_fits(features[start + j], spec) for j, spec in enumerate(pattern)):
                        target = start + (index if index >= 0 else len(pattern) + index)
                        found.setdefault(target, []).append((attr_id, attrs))
        return found


_POSITION = {name: i for i, name in enumerate(_FEATURES)}


def _anchor(pattern: list[dict]) -> tuple[int, int, frozenset | None]:
    """A token of the pattern that must have one of a few values (its place in the pattern, the
    feature, the values): where a match can start is found by looking those values up."""
    for k, spec in enumerate(pattern):
        for name, wanted in spec.items():
            if isinstance(wanted, str):
                return k, _POSITION[name], frozenset([wanted])
            if isinstance(wanted, dict) and set(wanted) == {"IN"}:
                return k, _POSITION[name], frozenset(wanted["IN"])
    return 0, 0, None


def _merged(matches: list[tuple[int, dict]]) -> dict:
    """The attributes of matches in order, later ones overriding earlier ones as in the ruler."""
    return {k: v for _, extra in matches for k, v in extra.items()}


def _fits(key: tuple, spec: dict) -> bool:
    return all(_matches(key[_POSITION[name]], wanted) for name, wanted in spec.items())


def _matches(value, wanted) -> bool:
    if not isinstance(wanted, dict):
        return value == wanted
    for operator, operand in wanted.items():
        if operator == "IN" and value not in operand:
            return False
        if operator == "NOT_IN" and value in operand:
            return False
        if operator == "REGEX" and not re.search(operand, value):
            return False
    return True


def _supported(spec: dict) -> bool:
    return all(not isinstance(v, dict) or set(v) <= {"IN", "NOT_IN", "REGEX"} for v in spec.values())


@Language.factory("frontclaims_lemmas", default_config={})
def make_lemma_table(nlp: Language, name: str) -> LemmaTable:
    return LemmaTable()


class LemmaTable:
    """Stands in for a rule or lookup Lemmatizer; `learn(lemmatizer)` before use."""

    _MODES = ("rule", "lookup")  # modes whose lemma depends on a token's text, POS and morphology only

    def __init__(self):
        self.lemmatizer: Lemmatizer | None = None
        self.cache: dict[tuple[int, int, int], int] = {}  # (orth, pos, morph) -> lemma

    def learn(self, lemmatizer: Lemmatizer) -> LemmaTable:
        self.lemmatizer = lemmatizer
        return self

    @property
    def lookups(self):
        """The lemmatizer's tables (the place finder reads its English words from them)."""
        return self.lemmatizer.lookups

    def __call__(self, doc: Doc) -> Doc:
        lemmatizer = self.lemmatizer
        if lemmatizer.mode not in self._MODES or not len(doc):
            return lemmatizer(doc)
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not lemmatizer.overwrite:
                lemmas.append(lemma)
                continue
            key = (orth, pos, morph)
            lemma = self.cache.get(key)
            if lemma is None:
                if len(self.cache) > _CACHE_LIMIT:
                    self.cache.clear()
                lemma = self.cache[key] = doc.vocab.strings.add(lemmatizer.lemmatize(doc[i])[0])
            lemmas.append(lemma)
        doc.from_array([LEMMA], numpy.array(lemmas, dtype=numpy.uint64))
        return doc


def remember_attributes(nlp: Language) -> Language:
    """Swap the pipeline's attribute_ruler and lemmatizer for tables that learnt what they do."""
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        nlp.replace_pipe("attribute_ruler", "frontclaims_attributes")  # keeps the name
        nlp.get_pipe("attribute_ruler").learn(ruler)
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        nlp.replace_pipe("lemmatizer", "frontclaims_lemmas")
        nlp.get_pipe("lemmatizer").learn(lemmatizer)
    return nlp
