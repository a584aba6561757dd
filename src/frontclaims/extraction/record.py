"""From a finding to the stored Claim: its figure, its date, its units, its id and its explanation."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..dates import resolve_date
from ..figures import find_figures, parse_figure
from ..mentions import Mention
from ..models import Claim, ClaimType, Figure, Side
from ..segment import Sentence
from .context import ArticleContext, Speaker
from .tree import path


@dataclass(frozen=True)
class Finding:
    """A claim as found in a sentence, before it is recorded: the place mention, the claim type, who
    claims it, whose forces it is about and the rule that found it."""

    mention: Mention
    claim: ClaimType
    speaker: Speaker
    subject: Side
    rule: str
    trigger: Token | None = None
    place_text: str = ""
    denies: ClaimType | None = None


def record(context: ArticleContext, sentence: Sentence, doc: Doc, found: Finding) -> Claim:
    """The Claim a finding makes, with the evidence sentence and the explanation of how it was found."""
    article, m = context.article, found.mention
    place = m.place
    units = tuple(dict.fromkeys(
        re.sub(r"[\s,.;:]+(?=[”\"’]?$)", "", u.text) for u in doc.spans.get("units", [])
    )) + tuple(
        a.text for a in doc.spans.get("actors", [])
        if (actor := context.sides.actor_named(a.text)) is not None and actor.kind == "unit"
        and not any(a.text in u.text for u in doc.spans.get("units", []))
    )
    figure = _figure(doc, m, found.trigger, found.claim) if m.sentence >= 0 else parse_figure(m.span.text)
    place_text = found.place_text if found.place_text or m.sentence < 0 else m.span.text
    key = "|".join([article.id, str(sentence.start), str(m.start), place.id, found.claim.value, found.speaker.text])
    date_text = _date_text(doc, found.trigger)
    ambiguity = ""
    if m.resolution is not None and m.resolution.ambiguous:
        ambiguity = f"; place ambiguous ({m.resolution.reason})"
    return Claim(
        claim_id=hashlib.sha256(key.encode()).hexdigest()[:16],
        article=article.source, article_id=article.id, published=article.published,
        place=place, place_text=place_text, claimant=found.speaker.text, side=found.speaker.side,
        claim=found.claim, subject_side=found.subject, denies=found.denies, units=units, figure=figure,
        sentence=article.text[sentence.start:sentence.end], start=sentence.start, end=sentence.end,
        claim_date=resolve_date(date_text, article.published) if date_text else None, date_text=date_text,
        outlet=context.outlet_name, rule=f"{found.rule}; claimant: {found.speaker.rule}{ambiguity}",
    )


def _figure(doc: Doc, mention: Mention, trigger: Token | None, kind: ClaimType) -> Figure | None:
    """The figure nearest the place or the claim word; a lone distance goes to an advance."""
    best, best_distance = None, None
    for span in doc.spans.get("figures", []):
        if span.label_ in {"mi", "mi2"} and any(s.label_ in {"km", "km2"} for s in doc.spans["figures"]):
            continue
        gap = min(abs(span.start - mention.span.end), abs(mention.span.start - span.end))
        if trigger is not None:
            gap = min(gap, abs(span.start - trigger.i), abs(trigger.i - span.end))
        if gap <= 14 and (best_distance is None or gap < best_distance):
            best, best_distance = span, gap
    if best is None and kind == ClaimType.ADVANCE:
        distances = [s for s in doc.spans.get("figures", []) if s.label_ == "km"]
        if len(distances) == 1:
            best = distances[0]
    if best is None:
        return None
    # the figure as found in the whole sentence: "650 of them" takes its unit from a count before it
    return next((f for start, _, f in find_figures(doc.text) if start == best.start_char), None) \
        or parse_figure(best.text)


def _date_text(doc: Doc, trigger: Token | None) -> str:
    """The time expression that dates the claim: the one nearest the claim word in the tree, or the one
    on the verb that reports it ("said on Thursday")."""
    if trigger is None:
        return ""
    dates = [e for e in doc.ents if e.label_ == "DATE"]
    best, best_distance = None, None
    for ent in dates:
        steps = path(trigger, ent.root)
        if steps is None:
            continue
        distance = sum(steps)
        if distance <= 6 and (best_distance is None or distance < best_distance):
            best, best_distance = ent, distance
    return best.text if best is not None else ""
