"""From parsed sentences to claims: which place, what is asserted about it, who asserts it, for which side.

Sentence structure decides, not keywords anywhere in the sentence. A place takes the claim word that
governs it in the dependency tree (`triggers`); the claim takes the speaker whose reporting verb,
"according to" phrase or statement noun governs that word, else the speaker of the surrounding
quotation or passage, else the outlet's own voice (`attribution`); negation, hedges, modality and
stopping verbs change or drop it as the claim table says (`scope`, `lexicon/claims.toml`); the
subject side is read from the agent of the claim word or from who undergoes it (`roles`). A place
that only locates another carries no claim (`targets`); clauses about the place, clauses tied to
the main one and denials of the sentence before add claims (`discourse`); `record` makes the Claim.
This module only runs the parts in order, sentence by sentence.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from .. import lexicon as lx
from ..mentions import Mention
from ..models import Claim, ClaimType, PlaceKind, Side
from ..segment import Sentence
from . import attribution, discourse, roles, scope, targets, tree, triggers
from .context import ArticleContext, Speaker, SpeakerMemory
from .record import Finding, record

__all__ = ["ArticleContext", "Finding", "Speaker", "SpeakerMemory", "claims_about", "extract_claims"]

_PARTIES = (Side.RU, Side.UA)
_LOCAL_KINDS = (PlaceKind.SETTLEMENT, PlaceKind.RAION, PlaceKind.OBLAST)  # places that lie in one oblast


def extract_claims(context: ArticleContext, sentences: Sequence[Sentence], docs: Sequence[Doc | None]) -> list[Claim]:
    """The claims of one article (or one window of its sentences), from its sentences and their parsed
    Docs (one per sentence).

    A sentence whose Doc is None was left unparsed by the cheap pass (`triage`): it has no place and
    no speaker, and is read as such.
    """
    article = context.article
    for doc in docs:
        if doc is not None:
            tree.mend_closing_attribution(doc)
    by_sentence: dict[int, list[Mention]] = {}
    for m in targets.mentions(context, sentences, docs):
        by_sentence.setdefault(m.sentence, []).append(m)
    context.oblasts = {docs[i]: tuple(m.place.admin1 for m in named if m.locus and m.place.resolved and m.place.admin1
                                      and m.place.kind in _LOCAL_KINDS) for i, named in by_sentence.items()}

    context.forget()
    own: list[Speaker | None] = []  # who speaks in each sentence as a whole
    heard: list[Speaker | None] = []  # anyone who speaks in it, remembered for "he said"
    for sentence, doc in zip(sentences, docs):
        context.memory.enter(sentence.paragraph)
        if doc is None:
            own.append(None)
            heard.append(None)
            continue
        speaker = attribution.sentence_speaker(doc, context)
        anyone = speaker or attribution.sentence_speaker(doc, context, main_only=False)
        own.append(speaker)
        heard.append(anyone)
        context.memory.remember(anyone)
        attribution.note_mentions(doc, context)
    quoted = attribution.quote_speakers(article, sentences, own)

    context.forget()
    found: list[tuple[int, Finding]] = []
    previous: list[Finding] = []
    for i, doc in enumerate(docs):
        context.memory.enter(sentences[i].paragraph)
        if doc is None:
            continue
        fallback = own[i] or quoted.get(i) or attribution.carried(i, sentences, own) or context.voice
        in_sentence = by_sentence.get(i, [])
        here = [f for m in in_sentence for f in claims_about(m, doc, context, fallback, in_sentence)]
        claimed = {(id(f.mention), f.claim) for f in here}
        here += [f for m in in_sentence if targets.can_carry_a_claim(m, doc, in_sentence, context.article)
                 for f in discourse.located_by_distance(m, doc, context) if (id(m), f.claim) not in claimed]
        here += discourse.jurisdiction_claims(doc, in_sentence, context, here)
        here += discourse.anaphoric_denials(doc, previous, context, fallback, here)
        if not in_sentence:
            here += discourse.front_wide(doc, sentences[i], context, fallback)
        found += [(i, f) for f in here]
        if here:
            previous = here
        context.memory.remember(heard[i])
        for f in here:
            if f.speaker.rule != context.voice.rule:
                context.memory.remember(f.speaker)
        attribution.note_mentions(doc, context)
    return [record(context, sentences[i], docs[i], f) for i, f in found]


def claims_about(mention: Mention, doc: Doc, context: ArticleContext, fallback: Speaker,
                 others: list[Mention]) -> list[Finding]:
    """What the sentence claims about one place (see `_claims_about`), and what the words on the place
    itself say of it ("Russian-occupied X")."""
    described = discourse.modifier_claims(mention, context, fallback) if mention.locus else []
    said = {f.trigger.i for f in described}
    return described + [f for f in _claims_about(mention, doc, context, fallback, others)
                        if f.trigger is None or f.trigger.i not in said]


def _claims_about(mention: Mention, doc: Doc, context: ArticleContext, fallback: Speaker,
                  others: list[Mention]) -> list[Finding]:
    """What the sentence claims about one place: its main claim as scope leaves it (a denial for a
    negated claim, nothing under a hedge), and the claims of clauses about the place or tied to it."""
    if not targets.can_carry_a_claim(mention, doc, others, context.article):
        return []
    reserved = discourse.held_modifiers([m for m in others if m is not mention], mention)
    found_triggers = [t for t in triggers.find_triggers(doc, [mention]) if t.token.i not in reserved]
    chosen = triggers.choose(mention, found_triggers)
    if chosen is None:
        return discourse.relative_clause_claims(mention, None, found_triggers, context, fallback)
    token, kind = chosen.token, chosen.kind
    rule = chosen.explain()
    wrapper, at = scope.wrapper(token)
    if wrapper in ("hedge", "hypothetical") or scope.stated_as_a_goal(token):
        return []
    speaker = attribution.governing_speaker(token, context) or fallback
    entry = lx.CLAIMS[kind]
    sides = context.sides
    failed_side = None  # for a failed attempt: the side that tried
    modality = scope.modality(token)
    if modality == "hypothetical" and entry.hypothetical == "dropped" and speaker.side not in _PARTIES:
        return []
    if modality == "cannot":
        return []  # what forces cannot do is a judgement, no claim of a side's about the place
    changed = scope.changed_by(kind, modality, token.lemma_.lower())
    if changed is not None:
        key, new_kind = changed
        if key == "failed":
            failed_side = roles.subject_side(token, kind, speaker, sides, doer=True)
        rule += f"; {modality}: {entry.name} {key} = {new_kind.value}"
        kind, entry = new_kind, lx.CLAIMS[new_kind]
    negated = scope.negated(token) and modality != "ended"  # "not ... any longer" is the ending, not a denial
    if wrapper is None and negated and entry.negated_by_outsider == "opponent" \
            and speaker.side not in _PARTIES:
        # a wire saying "not yet conquered by Russian fighters" states who holds it, it denies nothing
        side = roles.subject_side(token, kind, speaker, sides)
        if side in _PARTIES:
            return [Finding(mention, kind, speaker, side.opponent,
                            rule + f"; negated in a voice of neither side: {entry.name} negated_by_outsider = "
                                   "opponent (the other side holds it)", token)]
        return []
    if wrapper == "denial" or (negated and entry.negated == "denial"):
        denier = (attribution.governing_speaker(at, context) if at is not None else None) or speaker
        subject = roles.subject_side(token, kind, speaker, sides)
        results = [Finding(mention, ClaimType.DENIAL, denier, denier.side.opponent if denier.side in _PARTIES else subject,
                           rule + (f"; denied ('{at.text}')" if at is not None else
                                   f"; negated: {entry.name} negated = denial"), token,
                           denies=kind if kind != ClaimType.DENIAL else None)]
        owner = attribution.embedded_owner(token, at)
        if owner is not None and kind != ClaimType.DENIAL:
            claimant = attribution.speaker(owner, "owner of the denied statement", context)
            results.append(Finding(mention, kind, claimant, roles.subject_side(token, kind, claimant, sides),
                                   rule + "; the claim denied", token))
        return results
    subject = failed_side.opponent if failed_side in _PARTIES else roles.subject_side(token, kind, speaker, sides)
    results = [Finding(mention, kind, speaker, subject, rule, token)]
    results += discourse.linked_claims(mention, token, kind, found_triggers, others, context, fallback)
    results += discourse.relative_clause_claims(mention, token, found_triggers, context, fallback)
    return results
