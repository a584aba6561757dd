"""The trained pipeline's attribute_ruler, remembered: the same attributes, a fraction of the time.

spaCy's `attribute_ruler` sets each token's POS, morphology and some lemmas by running ~180 Matcher
patterns over every Doc; on sentence-sized Docs it costs as much as the parser. Almost all of its
patterns look at one token only (its tag, lower-case form, dependency label, whether it is a
space), so their combined effect is a function of those four values: `AttributeTable` works it out
once per combination, in the ruler's own order (later patterns win), and sets the result. The few
patterns of several tokens (`gon na`, "there" + "is") are matched directly, and a token they hit
is worked out in full. A ruler with patterns of any other kind is left to do the work itself.
The test checks that the tokens' attributes are the same as the ruler's.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

_FEATURES = ("TAG", "LOWER", "DEP", "IS_SPACE")  # in the order of a token's key: tag_, lower_, dep_, is_space
_CACHE_LIMIT = 500_000


@Language.factory("frontclaims_attributes", default_config={})
def make_attribute_table(nlp: Language, name: str) -> AttributeTable:
    return AttributeTable()


class AttributeTable:
    """Stands in for an AttributeRuler; `learn(ruler)` before use."""

    def __init__(self):
        self.ruler: AttributeRuler | None = None
        self.single: list[tuple[int, dict, list[dict]]] = []  # (order, attributes, one-token specs)
        self.multi: list[tuple[int, dict, list, int]] = []  # (order, attributes, [(pattern, anchor)], index)
        self.exact_only = False
        self.cache: dict[tuple, dict] = {}

    def learn(self, ruler: AttributeRuler) -> AttributeTable:
        self.ruler = ruler
        for attr_id, attrs in enumerate(ruler.attrs):
            _, patterns = ruler.matcher.get(ruler.vocab.strings[str(attr_id)])
            if any(set(spec) - set(_FEATURES) or not _supported(spec) for p in patterns for spec in p):
                self.exact_only = True  # quantifiers or other token attributes: leave it all to the ruler
            elif all(len(p) == 1 for p in patterns):
                self.single.append((attr_id, attrs, [p[0] for p in patterns]))
            else:
                self.multi.append((attr_id, attrs, [(p, _anchor(p)) for p in patterns], ruler.indices[attr_id]))
        return self

    def __call__(self, doc: Doc) -> Doc:
        if self.exact_only:
            return self.ruler(doc)
        features = [(t.tag_, t.lower_, t.dep_, t.is_space) for t in doc]
        spans = self._multi_token_matches(features)
        for i, key in enumerate(features):
            if i in spans:  # rare: work it out in full, in the ruler's order
                attrs = {}
                for _, extra in sorted(self._single_matches(key) + spans[i], key=lambda m: m[0]):
                    attrs.update(extra)
            else:
                attrs = self.cache.get(key)
                if attrs is None:
                    if len(self.cache) > _CACHE_LIMIT:
                        self.cache.clear()
                    attrs = self.cache[key] = {k: v for _, extra in self._single_matches(key) for k, v in extra.items()}
            if attrs:
                set_token_attrs(doc[i], attrs)
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)

    def _single_matches(self, key: tuple) -> list[tuple[int, dict]]:
        return [(attr_id, attrs) for attr_id, attrs, specs in self.single
                if any(_fits(key, spec) for spec in specs)]

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


def remember_attributes(nlp: Language) -> Language:
    """Swap the pipeline's attribute_ruler for an AttributeTable that learnt its patterns."""
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        nlp.replace_pipe("attribute_ruler", "frontclaims_attributes")  # keeps the name
        nlp.get_pipe("attribute_ruler").learn(ruler)
    return nlp
