"""The words that carry claims and attributions: the claim table (`claims.toml`, one entry per claim
type) and the shared vocabularies (`vocabulary.toml`), read once into frozen records, with every
word set extraction looks words up in derived from them here and nowhere else.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from importlib import resources
from types import MappingProxyType
from typing import Any, Literal

from ..errors import LexiconError
from ..models import ClaimType

Subject = Literal["agent", "patient", "opponent", "none"]
_SUBJECTS = ("agent", "patient", "opponent", "none")
_NOUN_NEEDS = ("owner", "side", "of")
_CONTRADICTS = ("other side", "same side")
_ASSERTIVE = "assertive"  # in `contradicts`: every entry marked assertive


def _no_mapping() -> Mapping:
    return MappingProxyType({})


@dataclass(frozen=True)
class ClaimEntry:
    """One claim type as the claim table declares it: its words, whose forces it is about, and what
    negation, prospects and stopping verbs make of it (see the head of `claims.toml`)."""

    kind: ClaimType
    meaning: str
    subject: Subject
    verbs: frozenset[str] = frozenset()
    verbs_with_support: frozenset[str] = frozenset()
    phrasal: frozenset[tuple[str, str]] = frozenset()
    nouns: frozenset[str] = frozenset()
    adjectives: frozenset[str] = frozenset()
    noun_needs: Mapping[str, str] = field(default_factory=_no_mapping)
    owner_loses: frozenset[str] = frozenset()
    weak_nouns: frozenset[str] = frozenset()
    modified_nouns: Mapping[str, frozenset[str]] = field(default_factory=_no_mapping)
    captures: frozenset[str] = frozenset()
    partial_objects: frozenset[str] = frozenset()
    partial: ClaimType | None = None
    stops: frozenset[str] = frozenset()
    negated: Literal["denial", "unchanged"] = "denial"
    negated_by_outsider: Literal["opponent"] | None = None
    unnamed_doer: Literal["opponent"] | None = None  # a passive naming no doer: whose (None: the claimant's)
    prospective: ClaimType | None = None  # None: unchanged
    attempted: ClaimType | None = None  # None: unchanged
    failed: ClaimType | None = None  # None: unchanged
    ended: ClaimType | None = None  # None: unchanged
    ongoing: ClaimType | None = None  # None: unchanged
    holding: frozenset[str] = frozenset()
    hypothetical: Literal["dropped", "unchanged"] = "dropped"
    stopped: ClaimType | None = None
    front_wide: bool = False
    located: bool = False
    assertive: bool = False
    contradicts: Mapping[ClaimType, str] = field(default_factory=_no_mapping)
    concedes: Mapping[ClaimType, str] = field(default_factory=_no_mapping)

    @property
    def name(self) -> str:
        """How explanations name the entry: "[control]"."""
        return f"[{self.kind.value}]"


@dataclass(frozen=True)
class Vocabulary:
    """The shared word lists of `vocabulary.toml`, by section and key: `vocabulary.words("scope", "hedges")`."""

    sections: Mapping[str, Mapping[str, frozenset[str]]]

    def words(self, section: str, key: str) -> frozenset[str]:
        try:
            return self.sections[section][key]
        except KeyError:
            raise LexiconError(f"vocabulary.toml has no list {key!r} in [{section}]") from None


def _words(value: Any, where: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
        raise LexiconError(f"{where} must be a list of words")
    return frozenset(value)


def _claim_type(value: Any, where: str, unchanged: bool = False) -> ClaimType | None:
    if unchanged and value == "unchanged":
        return None
    try:
        return ClaimType(value)
    except ValueError:
        raise LexiconError(f"{where} = {value!r} is not a claim type") from None


def _choice(value: Any, choices: Iterable[str], where: str) -> str:
    if value not in choices:
        raise LexiconError(f"{where} = {value!r}: expected one of {', '.join(choices)}")
    return value


def _entry(kind: ClaimType, raw: dict[str, Any]) -> ClaimEntry:
    at = f"claims.toml [{kind.value}]"
    known = {f.name for f in fields(ClaimEntry)} - {"kind"}
    unknown = set(raw) - known
    if unknown:
        raise LexiconError(f"{at}: unknown key(s) {', '.join(sorted(unknown))}")
    for key in ("meaning", "subject"):
        if key not in raw:
            raise LexiconError(f"{at}: {key!r} is missing")
    values: dict[str, Any] = {"kind": kind, "meaning": str(raw["meaning"]),
                              "subject": _choice(raw["subject"], _SUBJECTS, f"{at} subject")}
    for key in ("verbs", "verbs_with_support", "nouns", "adjectives", "owner_loses", "weak_nouns", "captures", "stops",
                "partial_objects", "holding"):
        if key in raw:
            values[key] = _words(raw[key], f"{at} {key}")
    if "phrasal" in raw:
        pairs = [tuple(p.split()) for p in _words(raw["phrasal"], f"{at} phrasal")]
        if any(len(p) != 2 for p in pairs):
            raise LexiconError(f"{at} phrasal: each entry is a verb and a particle, such as \"pull back\"")
        values["phrasal"] = frozenset(pairs)
    if "noun_needs" in raw:
        values["noun_needs"] = MappingProxyType(
            {noun: _choice(need, _NOUN_NEEDS, f"{at} noun_needs.{noun}") for noun, need in raw["noun_needs"].items()})
    if "modified_nouns" in raw:
        values["modified_nouns"] = MappingProxyType(
            {noun: _words(mods, f"{at} modified_nouns.{noun}") for noun, mods in raw["modified_nouns"].items()})
    if "contradicts" in raw:
        values["contradicts"] = MappingProxyType(
            {(_ASSERTIVE if other == _ASSERTIVE else _claim_type(other, f"{at} contradicts")):
             _choice(how, ("denied",) if other == _ASSERTIVE else _CONTRADICTS, f"{at} contradicts.{other}")
             for other, how in raw["contradicts"].items()})
    if "concedes" in raw:
        values["concedes"] = MappingProxyType(
            {_claim_type(other, f"{at} concedes"): _choice(how, _CONTRADICTS, f"{at} concedes.{other}")
             for other, how in raw["concedes"].items()})
    if "negated" in raw:
        values["negated"] = _choice(raw["negated"], ("denial", "unchanged"), f"{at} negated")
    if "negated_by_outsider" in raw:
        values["negated_by_outsider"] = _choice(raw["negated_by_outsider"], ("opponent",), f"{at} negated_by_outsider")
    if "unnamed_doer" in raw:
        values["unnamed_doer"] = _choice(raw["unnamed_doer"], ("opponent",), f"{at} unnamed_doer")
    if "hypothetical" in raw:
        values["hypothetical"] = _choice(raw["hypothetical"], ("dropped", "unchanged"), f"{at} hypothetical")
    for key in ("prospective", "attempted", "failed", "ended", "ongoing", "stopped", "partial"):
        if key in raw:
            values[key] = _claim_type(raw[key], f"{at} {key}", unchanged=True)
    for key in ("front_wide", "located", "assertive"):
        if key in raw:
            if not isinstance(raw[key], bool):
                raise LexiconError(f"{at} {key} must be true or false")
            values[key] = raw[key]
    entry = ClaimEntry(**values)
    stray = entry.captures - entry.verbs - entry.verbs_with_support
    if stray:
        raise LexiconError(f"{at} captures: {', '.join(sorted(stray))} not among the entry's verbs")
    if bool(entry.partial_objects) != (entry.partial is not None):
        raise LexiconError(f"{at}: partial_objects and partial go together")
    return entry


def load_claims(text: str) -> dict[ClaimType, ClaimEntry]:
    """The claim table from the text of a `claims.toml`: one entry for every claim type, each word of
    a kind (verb, noun, weak noun, phrasal verb) in one entry only."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"claims.toml: {exc}") from None
    names = {k.value for k in ClaimType}
    if set(raw) != names:
        extra, missing = sorted(set(raw) - names), sorted(names - set(raw))
        raise LexiconError("claims.toml must have one entry per claim type of frontclaims.models.ClaimType"
                           + (f"; not claim types: {', '.join(extra)}" if extra else "")
                           + (f"; missing: {', '.join(missing)}" if missing else ""))
    table = {kind: _entry(kind, raw[kind.value]) for kind in ClaimType}
    if sum(entry.located for entry in table.values()) > 1:
        raise LexiconError("claims.toml: located is true on more than one entry")
    assertive = [kind for kind, entry in table.items() if entry.assertive]
    for kind, entry in table.items():
        if _ASSERTIVE in entry.contradicts:
            how = entry.contradicts[_ASSERTIVE]
            expanded = {other: how for other in assertive} | {k: v for k, v in entry.contradicts.items() if k != _ASSERTIVE}
            table[kind] = dataclasses.replace(entry, contradicts=MappingProxyType(expanded))
    for kind_of_word in (("verbs", "verbs_with_support"), ("nouns", "adjectives"), ("weak_nouns",), ("phrasal",)):
        seen: dict[Any, ClaimType] = {}
        for entry in table.values():
            for word in set().union(*(getattr(entry, k) for k in kind_of_word)):
                if word in seen:
                    raise LexiconError(f"claims.toml: {word!r} is in both [{seen[word].value}] and "
                                       f"[{entry.kind.value}] {kind_of_word[0]}")
                seen[word] = entry.kind
    return table


def load_vocabulary(text: str) -> Vocabulary:
    """The shared vocabularies from the text of a `vocabulary.toml`: sections of word lists."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"vocabulary.toml: {exc}") from None
    return Vocabulary(MappingProxyType({
        section: MappingProxyType({key: _words(value, f"vocabulary.toml [{section}] {key}")
                                   for key, value in lists.items()})
        for section, lists in raw.items()
    }))


FORM_TAGS = ("VBD", "VBN", "VBG", "VBZ")  # past, past participle, -ing, third person: Penn Treebank tags
FORMS_FILE = resources.files(__name__).joinpath("forms.tsv")


def load_forms(text: str) -> dict[str, dict[str, tuple[str, ...]]]:
    """The verb forms of a `forms.tsv`: lemma -> tag -> forms."""
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    if not rows or tuple(rows[0]) != ("lemma", *FORM_TAGS):
        raise LexiconError(f"forms.tsv must start with the columns lemma, {', '.join(FORM_TAGS)}")
    forms = {}
    for row in rows[1:]:
        if len(row) != len(FORM_TAGS) + 1:
            raise LexiconError(f"forms.tsv: the line for {row[0]!r} needs {len(FORM_TAGS) + 1} columns")
        forms[row[0]] = {tag: tuple(cell.split()) for tag, cell in zip(FORM_TAGS, row[1:])}
    return forms


def _packaged(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


CLAIMS: Mapping[ClaimType, ClaimEntry] = MappingProxyType(load_claims(_packaged("claims.toml")))
LOCATED: ClaimType | None = next((kind for kind, entry in CLAIMS.items() if entry.located), None)
VOCABULARY = load_vocabulary(_packaged("vocabulary.toml"))
FORMS = MappingProxyType(load_forms(_packaged("forms.tsv")))
_v = VOCABULARY.words


def forms_of(lemma: str, tags: tuple[str, ...] = FORM_TAGS) -> frozenset[str]:
    """A verb and its inflected forms with these tags (from forms.tsv): "take", "took", "taken", ..."""
    known = FORMS.get(lemma, {})
    return frozenset([lemma, *(form for tag in tags for form in known.get(tag, ()))])

# -- derived from the claim table ---------------------------------------------------------------------
# Verbs that assert something about a place, by lemma.
VERB_TRIGGERS: Mapping[str, ClaimType] = MappingProxyType(
    {w: e.kind for e in CLAIMS.values() for w in e.verbs | e.verbs_with_support})
# Verbs that are claims only with a particle or the right object ("take control", "hold positions").
NEEDS_SUPPORT = frozenset(w for e in CLAIMS.values() for w in e.verbs_with_support)
# Nouns and adjectives that assert something about a place, by word or lemma.
NOUN_TRIGGERS: Mapping[str, ClaimType] = MappingProxyType(
    {w: e.kind for e in CLAIMS.values() for w in e.nouns | e.adjectives})
# Triggers that count only when no stronger word governs the place.
WEAK_TRIGGERS: Mapping[str, ClaimType] = MappingProxyType({w: e.kind for e in CLAIMS.values() for w in e.weak_nouns})
# Particles that turn a verb into a claim: "pull back", "cut off", "close in".
PHRASAL: Mapping[tuple[str, str], ClaimType] = MappingProxyType({p: e.kind for e in CLAIMS.values() for p in e.phrasal})
# Nouns that make a claim with a modifier: "grey zone".
MODIFIED_NOUNS: Mapping[str, tuple[frozenset[str], ClaimType]] = MappingProxyType(
    {noun: (mods, e.kind) for e in CLAIMS.values() for noun, mods in e.modified_nouns.items()})
NOUN_NEEDS: Mapping[str, str] = MappingProxyType({n: need for e in CLAIMS.values() for n, need in e.noun_needs.items()})
OWNER_LOSES = frozenset(w for e in CLAIMS.values() for w in e.owner_loses)
# Verbs whose object is a place even where the gazetteer lacks the name: "liberated Radkivka".
CAPTURE_VERBS = frozenset(w for e in CLAIMS.values() for w in e.captures)
# Verbs that stop an attack or an advance: "repelled the attacks", "fought off the assault", "reduced
# the tempo of the offensive": the verbs, phrasal verbs and `stops` of the entries a `stopped` names.
_STOPPERS = [CLAIMS[e.stopped] for e in CLAIMS.values() if e.stopped is not None]
STOPPING = frozenset(w for e in _STOPPERS for w in e.verbs | e.verbs_with_support | e.stops)
STOPPING_PHRASAL = frozenset(p for e in _STOPPERS for p in e.phrasal)
DENIAL_VERBS = frozenset(w for e in CLAIMS.values() if e.kind == ClaimType.DENIAL
                         for w in e.verbs | e.verbs_with_support)
# Forms of the denial verbs that deny on their own, whatever the tagger makes of them in a headline:
# "Ukraine's military dismisses ...".
DENIAL_FORMS = frozenset(f for e in CLAIMS.values() if e.kind == ClaimType.DENIAL for v in e.verbs
                         for f in forms_of(v, ("VBD", "VBN", "VBZ")))
# The trigger verbs each inflected form may be, for words the lemmatizer gets wrong ("raging" as "rag").
_lemmas_of: dict[str, set[str]] = {}
for _verb in VERB_TRIGGERS:
    for _form in forms_of(_verb):
        _lemmas_of.setdefault(_form, set()).add(_verb)
TRIGGER_LEMMAS_OF: Mapping[str, tuple[str, ...]] = MappingProxyType({f: tuple(sorted(v)) for f, v in _lemmas_of.items()})
# Nouns and adjectives that call what they govern false: "the claims are untrue", "a fabrication".
DENIAL_WORDS = frozenset(w for e in CLAIMS.values() if e.kind == ClaimType.DENIAL for w in e.nouns | e.adjectives)

# -- the shared vocabularies --------------------------------------------------------------------------
SPEECH_VERBS = _v("attribution", "speech_verbs")


def lexicon_verbs() -> frozenset[str]:
    """Every verb the lexicon names whose inflected forms extraction or the cheap first pass looks for:
    the claim words' verbs, the reporting verbs and the verbs of scope (forms.tsv has a line for each)."""
    return frozenset(VERB_TRIGGERS) | SPEECH_VERBS | SCOPE_VERBS
PASSIVE_SOURCE_VERBS = _v("attribution", "passive_source_verbs")
RELAY_VERBS = _v("attribution", "relay_verbs")
OBJECT_VERBS = _v("attribution", "object_verbs")
NOT_SPEECH_WITH_TO = _v("attribution", "not_speech_with_to")
ISSUING_VERBS = _v("attribution", "issuing_verbs")
STATEMENT_NOUNS = _v("attribution", "statement_nouns")
SPEECH_NOUNS = STATEMENT_NOUNS | _v("attribution", "source_nouns")
SIDE_ADJECTIVES = _v("attribution", "side_adjectives")
MEDIA_NOUNS = _v("attribution", "media_nouns")
MEDIA_VERBS = _v("attribution", "media_verbs")
PRONOUNS = _v("attribution", "pronouns")
PERSONAL_PRONOUNS = _v("attribution", "personal_pronouns")
FIRST_PERSON_PRONOUNS = _v("attribution", "first_person_pronouns")
ORGANISATION_PRONOUNS = _v("attribution", "organisation_pronouns")
GROUP_PRONOUNS = _v("attribution", "group_pronouns")
POSSESSIVE_PRONOUNS = _v("attribution", "possessive_pronouns")
PERSON_NOUNS = _v("attribution", "person_nouns")
ORGANISATION_NOUNS = _v("attribution", "organisation_nouns")
DEFINITE_SPEAKERS = _v("attribution", "definite_speakers")
LOCAL_OFFICES = _v("attribution", "local_offices")
LOCAL_MODIFIERS = _v("attribution", "local_modifiers")

DENIAL_ACTS = _v("scope", "denial_acts")
HEDGES = _v("scope", "hedges")
UNVERIFIED = _v("scope", "unverified")
TRUTHS = _v("scope", "truths")
PROSPECTIVE = _v("scope", "prospective")
ONGOING = _v("scope", "ongoing")
ONGOING_PREPOSITIONS = _v("scope", "ongoing_prepositions")
CONCESSIVE = _v("scope", "concessive")
ATTEMPTS = _v("scope", "attempts")
FAILURES = _v("scope", "failures")
SUCCESSES = _v("scope", "successes")
# The words of scope that may be verbs, and the ones each inflected form may be, for forms the lemmatizer
# gets wrong ("hoped" as "hop"); forms.tsv has a line for each (the nouns among them get harmless ones).
# Nouns of what can fail ("the assaults failed", "launched an assault ... but were stopped"): the attack
# entry's (an advance's nouns are mostly of ground gained, which a later stop does not undo: "made gains").
FAILABLE_NOUNS = CLAIMS[ClaimType.ATTACK].nouns
SCOPE_VERBS = PROSPECTIVE | ATTEMPTS | FAILURES | SUCCESSES | ONGOING
_scope_lemmas_of: dict[str, set[str]] = {}
for _verb in SCOPE_VERBS:
    for _form in forms_of(_verb):
        _scope_lemmas_of.setdefault(_form, set()).add(_verb)
SCOPE_LEMMAS_OF: Mapping[str, frozenset[str]] = MappingProxyType(
    {f: frozenset(v) for f, v in _scope_lemmas_of.items()})
FAILED_MODIFIERS = _v("scope", "failed_modifiers")
MODALS_FUTURE = _v("scope", "modals_future")
MODALS_HYPOTHETICAL = _v("scope", "modals_hypothetical")
GOALS = _v("scope", "goals")
AVOIDING = _v("scope", "avoiding")

SUPPORTING_OBJECTS = _v("support", "objects")
SUPPORTING_PARTICLES = _v("support", "particles")
SUPPORTED_BY_FORCES = _v("support", "force_objects")
PLACE_PARTICLES_ONLY = _v("support", "place_particles_only")
MOVEMENT_PARTICLES_ONLY = _v("support", "movement_particles_only")
MOVEMENT_PARTICLES = _v("support", "movement_particles")
PLACE_PARTICLES = _v("support", "place_particles")
OBJECTS_ONLY = _v("support", "objects_only")
PLACE_AS_OBJECT = _v("support", "place_as_object")
SUPPORTED_BY_PASSIVE = _v("support", "passive")
PLACE_SUBJECT = _v("support", "place_subject")
NAMED_OBJECT_VERBS = _v("support", "named_object_verbs")
NAMED_OBJECTS = _v("support", "named_objects")

FORCE_NOUNS = _v("roles", "force_nouns")
CIVILIANS = _v("roles", "civilians")
HELD_BY_NOUNS = _v("roles", "held_by_nouns")
SIDE_NAMES = _v("roles", "side_names")
SIDE_WORDS = _v("roles", "side_words")
QUANTITIES = _v("roles", "quantities")

PLACE_NOUNS = _v("targets", "place_nouns")
WHOLES = _v("targets", "wholes")
COMPASS = _v("targets", "compass")
REACH_NOUNS = _v("targets", "reach_nouns")
LOCATING_VERBS = _v("targets", "locating_verbs")
LOCATING_PREPOSITIONS = _v("targets", "locating_prepositions")
SECTOR_NOUNS = _v("targets", "sector_nouns")
DESCRIBING_VERBS = _v("targets", "describing_verbs")
GOVERNMENT_NOUNS = _v("targets", "government_nouns")
PLACE_PARTS = _v("targets", "place_parts")
OFFICE_WORDS = _v("targets", "office_words")
STAYING_VERBS = _v("targets", "staying_verbs")
PLACING_VERBS = _v("targets", "placing_verbs")
GOVERNMENT_SUFFIXES = tuple(sorted(_v("targets", "government_suffixes")))
