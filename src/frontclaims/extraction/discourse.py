"""Claims beyond a sentence's main assertion about a place: those of a relative clause about the place
("X, where Russian forces claimed victory"), of clauses tied to the main one ("entered X after
encircling ..."), denials of the sentence before ("dismissed those claims"), and claims about the
whole front when no place is named ("advanced over 300 square kilometres")."""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Span, Token

from .. import lexicon as lx
from ..components import PLACE
from ..mentions import Mention
from ..models import ClaimType, PlaceKind, Side
from ..resolve import region_named_after
from ..segment import Sentence
from .attribution import governing_speaker
from .context import ArticleContext, Speaker
from .record import Finding
from .roles import subject_side
from .scope import avoided, changed_by, modality, negated, stated_as_a_goal, wrapper
from .targets import ROUGHLY
from .tree import VERBAL, child, lemma, phrase, relative_clauses, statement_noun, subject
from .triggers import Trigger, trigger_type, triggers_in

FRONT_WIDE_UNITS = frozenset({"km2", "mi2", "settlements"})  # figure labels of an area or a count of places
DISTANCE_UNITS = frozenset({"km", "mi"})  # figure labels of a distance


def modifier_claims(mention: Mention, context: ArticleContext, fallback: Speaker) -> list[Finding]:
    """ "Russian-occupied Vuhledar", "Ukrainian-held Kostiantynivka": a place described as held by a side,
    whatever else the sentence says of it (a reference point too: "20 km north of Russian-occupied X")."""
    found = []
    control = lx.CLAIMS[ClaimType.CONTROL]
    for mod in mention.span.root.children:
        if mod.dep_ not in ("amod", "compound") or lemma(mod) not in control.verbs | control.verbs_with_support | \
                control.adjectives:
            continue
        for prefix in mod.children:
            side = context.sides.side_of(prefix.text) if prefix.dep_ in ("npadvmod", "compound", "amod", "advmod") \
                else Side.UNKNOWN
            if side in (Side.RU, Side.UA):
                speaker = governing_speaker(mod, context) or fallback
                found.append(Finding(mention, ClaimType.CONTROL, speaker, side,
                                     f"'{prefix.text}-{mod.text}': {control.name} a place described as held by a side",
                                     mod))
                break
    return found


def jurisdiction_claims(doc: Doc, mentions: list[Mention], context: ArticleContext, here: list[Finding]) -> list[Finding]:
    """ "The governor of the Sumy region said Russian troops had pulled back", "Authorities in the Chernihiv
    region said troops remained there": an official of a region who reports a claim naming no place of
    its own reports it about the region.

    The region is an oblast, raion or region named in the reporting verb's subject; a city there stands
    for the oblast named after it when an office word goes with it ("Sumy Governor X said").
    """
    found = []
    claimed = {f.trigger.i for f in here if f.trigger is not None}
    placed = {i for m in mentions for i in range(m.span.start, m.span.end)}
    for verb in doc:
        if lemma(verb) not in lx.SPEECH_VERBS or verb.pos_ not in VERBAL:
            continue
        official = subject(verb)
        said = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
        if official is None or not said:
            continue
        region = _region_of_office(official, mentions, context)
        clause = {t.i for c in said for t in c.subtree}
        if region is None or clause & placed or _names_a_place(doc, clause, context):
            continue
        words = [t for t in triggers_in(doc, clause) if t.token.i not in claimed and not t.weak]
        if not words:
            continue
        trigger = min(words, key=lambda t: t.token.i)
        token, kind = trigger.token, trigger.kind
        if wrapper(token)[0] is not None or avoided(token):
            continue
        speaker = governing_speaker(token, context) or context.voice
        subject_of = subject_side(token, kind, speaker, context.sides)
        mood = modality(token)
        changed = changed_by(kind, mood, lemma(token))
        if negated(token) and lemma(token) in lx.STAYING_VERBS:
            kind, rule_end = ClaimType.WITHDRAWAL, "; negated staying: a withdrawal"
        elif negated(token):
            continue
        elif changed is not None:
            kind, rule_end = changed[1], f"; {mood}: {lx.CLAIMS[kind].name} {changed[0]} = {changed[1].value}"
        else:
            rule_end = ""
        found.append(Finding(region, kind, speaker, subject_of,
                             f"{trigger.explain()}; no place named: the region of its speaker, "
                             f"{region.place.name}{rule_end}", token))
    return found


def _names_a_place(doc: Doc, positions: set[int], context: ArticleContext) -> bool:
    """True when the words name a place of their own, even one the gazetteer lacks or the place finder
    left out ("over the Ugledar administration"); a country is no such place."""
    for i in positions:
        token = doc[i]
        if token.ent_type_ in ("GPE", "LOC", "FAC") and token.pos_ == "PROPN":
            kinds = {c.place.kind for c in context.gazetteer.candidates(token.text, fuzzy=False)}
            if kinds != {PlaceKind.COUNTRY}:
                return True
    return False


def _region_of_office(official: Token, mentions: list[Mention], context: ArticleContext) -> Mention | None:
    """The region whose official the phrase names: an oblast or raion in it, or a city named beside an office."""
    words = phrase(official)
    for m in mentions:
        if not (words.start <= m.span.root.i < words.end) or m.place is None:
            continue
        if m.place.kind in (PlaceKind.OBLAST, PlaceKind.REGION, PlaceKind.RAION):
            return m
        office = any(t.lower_ in lx.OFFICE_WORDS for t in words)
        if office and m.place.kind == PlaceKind.SETTLEMENT:
            oblast = region_named_after(context.gazetteer, m.span.text)
            if oblast is not None:
                return dataclasses.replace(m, place=oblast)
    return None


def held_modifiers(others: list[Mention], mention: Mention | None = None) -> set[int]:
    """The tokens of the "Russian-occupied" kind on the sentence's places, which make claims about those
    places only (see `modifier_claims`); but a modifier before a list is the whole list's: "the occupied
    Kreminna and Svatove" are both held."""
    listed_with = set()
    if mention is not None:
        token = mention.span.root
        while token.dep_ == "conj" and token.head is not token:
            token = token.head
            listed_with.add(token.i)
    return {c.i for m in others if m.span.root.i not in listed_with
            for c in m.span.root.children if c.dep_ in ("amod", "compound")}


def relative_clause_claims(mention: Mention, primary: Token | None, triggers: list[Trigger], context: ArticleContext,
                           fallback: Speaker) -> list[Finding]:
    """ "Maryinka, a key Donbass town, where Russian forces claimed victory": a claim the relative clause
    about the place makes, beside the sentence's main one."""
    found = []
    for clause in relative_clauses(mention.span.root):
        inside = {t.i for t in clause.subtree}
        if primary is not None and primary.i in inside:
            continue
        near = [t for t in triggers if not t.weak and t.token.i in inside
                and (t.token.i == clause.i or (t.token.head.i == clause.i
                                               and t.token.dep_ in ("dobj", "attr", "acomp", "nsubjpass")))]
        best = min(near, key=lambda t: (t.token.i != clause.i, t.token.i), default=None)
        if best is None or wrapper(best.token)[0] is not None or _names_its_own_place(best.token, mention):
            continue
        token, kind = best.token, best.kind
        speaker = governing_speaker(token, context) or fallback
        found.append(Finding(mention, kind, speaker, subject_side(token, kind, speaker, context.sides),
                             f"{best.explain()}, in a clause about the place", token))
    return found


_OBJECT_LINKS = {"dobj", "nsubjpass", "pobj", "conj", "appos", "compound"}


def _names_its_own_place(token: Token, mention: Mention) -> bool:
    """True when the object of a claim word is another place: "near Kupiansk, where Russian units captured
    Petropavlivka" claims Petropavlivka, not Kupiansk ("a town held by Russian troops in the Kherson region"
    still claims the town: the region only says where)."""
    span = mention.span
    for other in token.doc.spans.get("places", ()):
        if other.label_ == "BACKREF" or span.start < other.end and other.start < span.end:
            continue
        node = other.root
        while node.i != token.i and node.head is not node and (
                node.dep_ in _OBJECT_LINKS or node.dep_ == "prep" and node.lower_ == "of"):
            node = node.head
        if node.i == token.i:
            return True
    return False


def linked_claims(mention: Mention, primary: Token, kind: ClaimType, triggers: list[Trigger], others: list[Mention],
                  context: ArticleContext, fallback: Speaker) -> list[Finding]:
    """Further claims about the place from clauses tied to the main one that name no place of their own.

    "entered Lyman after encircling thousands of Russian troops" is an advance and an encirclement;
    "recaptured parts of the settlement, while Russian forces launched assaults" a capture and an attack;
    "held X despite Russian assaults" a control and an attack.
    """
    found = []
    placed = {i for m in others if _elsewhere(m, mention) for i in range(m.span.start, m.span.end)}
    main = _clause(primary)
    for trigger in triggers:
        token, other_kind = trigger.token, trigger.kind
        if trigger.weak or other_kind in (kind, ClaimType.DENIAL) or token.i == primary.i or main is None:
            continue
        if not _conceded(token, main):
            clause = _clause(token)
            if clause is None or clause.i == main.i:
                continue
            linked = clause.head.i == main.i or main.head.i == clause.i or \
                (clause.dep_ == "pcomp" and clause.head.head.i == main.i)
            if not linked or clause.dep_ not in ("conj", "advcl", "pcomp", "xcomp") and main.dep_ not in (
                    "conj", "advcl", "xcomp"):
                continue
        own = {t.i for t in token.subtree}  # the words of its clause: below it, less the main claim's if there
        if primary.i in own:
            own -= {t.i for t in primary.subtree}
        if any(t in placed for t in own):
            continue  # a clause with a place of its own claims about that place: "captured X and advanced on Y"
        if any(token.doc[t].lower_ in lx.PLACE_NOUNS and token.doc[t].dep_ in ("dobj", "nsubjpass", "pobj")
               for t in own):
            continue  # "captured a village ..., advancing around X": the capture is the village's
        if wrapper(token)[0] is not None or negated(token) or avoided(token) or stated_as_a_goal(token):
            continue  # nor what the main claim was aimed at: "the capture of X was aimed at breaching ..."
        speaker = governing_speaker(token, context) or fallback
        rule = f"{trigger.explain()}, tied to '{primary.text}'"
        subject = subject_side(token, other_kind, speaker, context.sides)
        mood = modality(token)
        changed = changed_by(other_kind, mood, lemma(token))
        if changed is not None:
            rule += f"; {mood}: {lx.CLAIMS[other_kind].name} {changed[0]} = {changed[1].value}"
            other_kind = changed[1]
            subject = subject.opponent if changed[0] == "failed" and subject.opponent != subject else \
                subject_side(token, other_kind, speaker, context.sides)
        found.append(Finding(mention, other_kind, speaker, subject, rule, token))
    return found


def _elsewhere(other: Mention, mention: Mention) -> bool:
    """Whether another mention names a place apart from the mention's: not the same place, not a name
    standing for a government ("Moscow's claims"), not the oblast or region the mention's place lies in."""
    if other is mention or not other.locus or other.place is None or mention.place is None:
        return False
    return other.place != mention.place and not (
        other.place.kind == PlaceKind.OBLAST and other.place.name == mention.place.admin1
        or other.place.kind == PlaceKind.REGION)  # "in Crimea", "in the Donbas" say where, like an oblast


def _conceded(token: Token, main: Token) -> bool:
    """ "holding positions in X despite constant Russian attacks": a claim noun the main clause concedes, which
    the sentence asserts as much as its main claim."""
    return token.dep_ == "pobj" and token.head.lower_ in lx.CONCESSIVE and token.head.head.i == main.i


def _clause(token: Token) -> Token | None:
    """The verb of the clause a claim word makes its claim in: the word itself, or the verb of which a
    claim noun is the subject or the object ("fighting still gripped the area", "there are battles")."""
    if token.dep_ in ("nsubj", "nsubjpass", "attr", "dobj") and token.head.pos_ in VERBAL:
        return token.head  # a gerund subject too: "while fighting continued"
    if token.pos_ in VERBAL:
        return token
    return None


def anaphoric_denials(doc: Doc, previous: list[Finding], context: ArticleContext, fallback: Speaker,
                      here: list[Finding]) -> list[Finding]:
    """ "Ukrainian officials dismissed those claims": a denial of the claims of the sentence before; and a
    denial of the claims its own sentence makes outside it, pointing back at them or denying with nothing
    to deny of its own: "X announced the fall of Y, but Z denied it", "... while Z rejected the claim",
    "..., a claim that Z denied", "..., which Z denied", "... as Z denies"."""
    results = []
    already = {(f.mention.place.id, f.claim) for f in here if f.mention.place is not None}
    for token in doc:
        what = _called_false(token)
        if what is None:
            if lemma(token) not in lx.DENIAL_VERBS or token.pos_ not in VERBAL:
                continue
            obj = child(token, "dobj")
            before = obj is not None and statement_noun(obj) \
                and any(c.lower_ in {"those", "these", "this", "that", "the", "such"} for c in obj.children)
            inside = _denies_the_sentence(token, obj)
            if not (before or inside):
                continue
            obj = obj if obj is not None else (token.head if inside and token.dep_ in ("relcl", "acl") else token)
        else:
            obj, before, inside = what, True, False
        speaker = governing_speaker(token, context) or fallback
        outside = [f for f in here if f.trigger is not None and f.trigger.i not in _span(token)] if inside else []
        denied = outside or (previous if before else [])
        for f in denied:
            if f.claim == ClaimType.DENIAL or f.speaker.side == speaker.side or \
                    (f.mention.place.id, ClaimType.DENIAL) in already:
                continue
            already.add((f.mention.place.id, ClaimType.DENIAL))
            results.append(Finding(f.mention, ClaimType.DENIAL, speaker, speaker.side.opponent,
                                   f"'{token.text} {obj.text}' denies the claim "
                                   f"{'of its sentence' if f in outside else 'before'}", token,
                                   place_text=phrase(obj).text, denies=f.claim))
    return results


def _span(token: Token) -> range:
    return range(token.left_edge.i, token.right_edge.i + 1)


def _denies_the_sentence(verb: Token, obj: Token | None) -> bool:
    """A denial verb in a clause tied to another that makes the claim it denies: its object points back
    ("it", "this", "which", "the claim", "Moscow's statement"; not "reports of heavy losses"), it is the relative clause of a statement noun ("a claim that Kyiv
    denied"), or it has nothing to deny of its own ("as Kyiv denies")."""
    if verb.dep_ in ("relcl", "acl") and statement_noun(verb.head):
        return obj is None or obj.lower_ in ("which", "that")
    if verb.dep_ not in ("conj", "advcl", "relcl", "parataxis"):
        return False
    if obj is None:
        return not any(c.dep_ in ("ccomp", "xcomp", "prep") for c in verb.children)
    # a statement with content of its own is another one: "denied reports of heavy losses"
    return obj.lower_ in ("it", "this", "that", "which") or (statement_noun(obj) and not any(
        c.dep_ in ("prep", "acl", "relcl", "ccomp") for c in obj.children))


def _called_false(verb: Token) -> Token | None:
    """ "This is not true", "That is a lie", "It is false": a copula whose subject points back and whose
    complement says false; the subject, or None."""
    if lemma(verb) != "be":
        return None
    pointer = child(verb, "nsubj")
    if pointer is None or pointer.lower_ not in {"this", "that", "it", "these", "those"}:
        return None
    said = child(verb, "acomp", "attr")
    if said is None:
        return None
    if said.lower_ in {"true", "correct", "accurate"} and (negated(verb) or negated(said)):
        return pointer
    return pointer if said.lower_ in lx.DENIAL_WORDS or lemma(said) in lx.DENIAL_WORDS else None


def front_wide(doc: Doc, sentence: Sentence, context: ArticleContext, fallback: Speaker) -> list[Finding]:
    """An area or a count of settlements gained, with no place named: a claim about the whole front."""
    if context.country is None:
        return []
    figures = [s for s in doc.spans.get("figures", []) if s.label_ in FRONT_WIDE_UNITS]
    if not figures:
        return []
    for token in doc:
        hit = trigger_type(token, set())
        if hit is not None and lx.CLAIMS[hit[0]].front_wide:
            kind = hit[0]
            speaker = governing_speaker(token, context) or fallback
            mention = Mention(-1, figures[0], PLACE, sentence.start + figures[0].start_char,
                              sentence.start + figures[0].end_char, place=context.country)
            return [Finding(mention, kind, speaker, subject_side(token, kind, speaker, context.sides),
                            f"'{token.text}': {hit[1]}; no place named, {lx.CLAIMS[kind].name} front_wide: the whole "
                            "front", token, place_text="")]
    return []


def located_by_distance(mention: Mention, doc: Doc, context: ArticleContext) -> list[Finding]:
    """A place whose location the sentence gives as a distance: "X lies 20 km north of Y" (the subject of
    a locating verb, or of "is"), "X, located 40 km from Y" (a participle on it, or on "the town of X"),
    "X, a village about 15 km from Y", "X, 30 km from Y" (its apposition), "X, 60 km (37 miles) southwest of
    Y" (a distance set off after it, however the parser hangs it). The claim table's `located`
    entry, in the article's own voice (where a place lies is the reporter's background, whoever the
    sentence quotes), with the distance as its figure, beside whatever else the sentence claims about
    X; Y, the reference point, is not claimed (see `targets.reference_point`)."""
    kind = lx.LOCATED
    figures = [s for s in doc.spans.get("figures", []) if s.label_ in DISTANCE_UNITS]
    if kind is None or not figures or not mention.locus:
        return []
    root = mention.span.root
    named = [root]  # the name, and the settlement noun it names: "the town of X", "a village called X"
    if root.head.head.lower_ in lx.PLACE_NOUNS and (
            (root.dep_ == "pobj" and root.head.lower_ == "of") or (root.dep_ == "oprd" and root.head.dep_ == "acl")):
        named.append(root.head.head)
    saying = [c for t in named for c in t.children
              if c.dep_ == "appos" or (c.dep_ == "acl" and lemma(c) in lx.LOCATING_VERBS)]
    if root.dep_ in ("nsubj", "nsubjpass") and lemma(root.head) in lx.LOCATING_VERBS | {"be"}:
        saying.append(root.head)
    appended = _distance_after(mention.span.end, figures, doc)
    if appended is not None:  # "X, 60 km (37 miles) southwest of Y", however the parser hangs it
        return [Finding(mention, kind, context.voice, Side.UNKNOWN,
                        f"'{appended.text}' locates the place (after it): {lx.CLAIMS[kind].name} located",
                        appended.root)]
    for token in saying:
        inside = {t.i for t in token.subtree} - {t.i for t in mention.span}
        figure = next((f for f in figures if f.root.i in inside
                       and (f.root.i == token.i or _within(f.root, token, 3))), None)
        if figure is not None:
            return [Finding(mention, kind, context.voice, Side.UNKNOWN,
                            f"'{figure.text}' locates the place ('{token.text}'): {lx.CLAIMS[kind].name} located", token)]
    return []


def _distance_after(end: int, figures: list[Span], doc: Doc) -> Span | None:
    """A distance set off by a comma right after a place and followed by where it is measured from:
    "X, 60 km (37 miles) southwest of Y", "X, about 5 km from the border"; not "X, 5 km in a day"."""
    if end >= len(doc) or doc[end].text != ",":
        return None
    at = end + 1
    while at < len(doc) and doc[at].lower_ in ROUGHLY:  # "about" may or may not be in the figure
        at += 1
    figure = next((f for f in figures if end < f.start <= at), None)
    if figure is None:
        return None
    after = figure.end
    if after < len(doc) and doc[after].text == "(":  # "(37 miles)"
        after = next((t.i + 1 for t in doc[after:after + 8] if t.text == ")"), after)
    if after + 1 < len(doc) and doc[after].lower_ in lx.COMPASS and doc[after + 1].lower_ in ("of", "from"):
        return figure
    return figure if after < len(doc) and doc[after].lower_ in ("from", "away") else None


def _within(token: Token, ancestor: Token, steps: int) -> bool:
    """True when `ancestor` is at most `steps` heads above `token`."""
    for _ in range(steps):
        if token.head.i == token.i:
            return False
        token = token.head
        if token.i == ancestor.i:
            return True
    return False
