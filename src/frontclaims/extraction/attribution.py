"""Who makes a claim: the speaker whose reporting verb, "according to" phrase or statement noun
governs the claim word, the speaker of a whole sentence, of a quotation, or carried back from the
next sentence ('X. Y, Putin said.'); pronouns, "the ministry" and surnames read back to whom they name."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from .. import lexicon as lx
from ..models import Article, Side
from ..segment import Sentence
from .context import GROUP, ORGANISATION, PERSON, ArticleContext, Speaker
from .tree import VERBAL, child, lemma, phrase, spans_at, speech_noun, subject

_QUOTE_OPEN = "“«"
_QUOTE_CLOSE = "”»"
# A short label before a quotation: 'Quote: "...', 'He added: "...'.
_LABELLED_QUOTE = re.compile(r"^\s*[\w’' ]{1,30}:\s*[\"“«]")
_NOMINAL = ("NOUN", "PROPN")
_NOT_A_HEAD = {"compound", "flat", "amod", "det", "case", "punct"}
# Dashes and colons before a credit that ends a headline: "X liberated — defence ministry", "...: Shoigu".
_CREDIT_MARKS = {":", "—", "–", "-", "--"}
_DEFINITE = {"the", "this", "these", "that", "those"}


def _balanced(text: str) -> str:
    """Text with a closing quote added where it opens one and stops: 'Corps “Khartia' -> 'Corps “Khartia”'."""
    if text.count("“") > text.count("”"):
        return text + "”"
    if text.count('"') % 2:
        return text + '"'
    return text


# -- who a phrase is ----------------------------------------------------------------------------------
def kind_of(token: Token, context: ArticleContext) -> str:
    """What the phrase a noun heads names, for the pronouns that may stand for it: a person, an
    organisation or state, a group (a plural of either), or "" (a thing, a place, or not known)."""
    if token.pos_ not in _NOMINAL:
        return ""
    word = lemma(token)
    listed = {word, token.lower_}
    plural = token.tag_ in ("NNS", "NNPS") and not listed & (lx.PERSON_NOUNS | lx.ORGANISATION_NOUNS)
    if token.i in spans_at(token.doc, "places"):
        # "Russia", "Kyiv" stand for a state; a town does not speak
        return ORGANISATION if context.sides.side_of(token.text) in (Side.RU, Side.UA) else ""
    if listed & lx.ORGANISATION_NOUNS:  # "the General Staff" is no general
        return GROUP if plural else ORGANISATION
    named = spans_at(token.doc, "actors").get(token.i)
    actor = context.sides.find_actor(named.text.split() if named is not None else [token.text])
    described = [c for c in token.children if c.dep_ in ("appos", "compound")] + (
        [token.head] if token.dep_ == "appos" else [])
    if token.ent_type_ == "PERSON" or listed & lx.PERSON_NOUNS or (actor is not None and actor.kind == "person") \
            or (token.pos_ == "PROPN" and any(lemma(d) in lx.PERSON_NOUNS for d in described)):
        return GROUP if plural and token.pos_ != "PROPN" else PERSON  # the tagger makes "Kravets" plural
    if token.ent_type_ in ("ORG", "NORP") or actor is not None:
        return GROUP if plural else ORGANISATION
    return ""


def _local_office(words) -> bool:
    """A local office whose place goes unsaid: "the regional governor", "the governor", "the city's mayor",
    "local authorities", "the head of the regional administration" (not "officials" alone)."""
    head = {lemma(words.root), words.root.lower_}
    said = {lemma(t) for t in words} | {t.lower_ for t in words}
    return bool(head & lx.LOCAL_OFFICES) or bool(head & lx.OFFICE_WORDS and said & lx.LOCAL_MODIFIERS)


def _fits(pronoun: str, kind: str) -> bool:
    """Whether a pronoun can stand for a phrase of this kind: "he" for a person, "it" for a ministry."""
    if pronoun in lx.PERSONAL_PRONOUNS:
        return kind == PERSON
    if pronoun in lx.ORGANISATION_PRONOUNS:
        return kind == ORGANISATION
    if pronoun in lx.GROUP_PRONOUNS:
        return kind in (GROUP, ORGANISATION)
    return bool(kind)


def _pronoun_kinds(pronoun: str) -> tuple[str, ...]:
    return tuple(k for k in (PERSON, ORGANISATION, GROUP) if _fits(pronoun, k))


def speaker(token: Token, rule: str, context: ArticleContext, trailing: bool = False,
            home: Side = Side.UNKNOWN) -> Speaker:
    """The speaker named by the phrase a token heads. A pronoun is whom it stands for (see `antecedent`);
    a video or post is whoever posted it; "the general" is the general named before, "another adviser"
    takes the side of the adviser named before, a bare surname that of the person described before; an
    unmarked institution is that of the outlet's country (or of `home`, the country of an outlet that
    relays the speaker)."""
    poster = _poster(token)
    if poster is not None:
        found = speaker(poster, rule, context, trailing)
        return Speaker(found.text, found.side, f"{found.rule}; who posted the '{token.text}'", trailing,
                       found.named, found.kind)
    if _media(token) and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.children):
        found = context.memory.last_poster()  # "the footage showed": the video posted before
        if found is not None:
            return Speaker(found.text, found.side, f"{rule}; '{token.text}' posted by {found.text}", trailing,
                           found.named, found.kind)
    words = phrase(token)
    text = _balanced(re.sub(r"\s*['’]s$", "", words.text.strip(" ,;:\"“”'’")))
    sides, memory = context.sides, context.memory
    lowered = text.lower()
    if lowered in lx.PRONOUNS | lx.POSSESSIVE_PRONOUNS or _as_pronoun(lowered) in lx.PRONOUNS:
        found = antecedent(token, context)  # "he said", "his statement", "according to him"
        if found is not None:
            return Speaker(found.text, found.side, f"{rule}; '{text}' = {found.text}", trailing, True, found.kind)
        return Speaker(text, Side.UNKNOWN, rule, trailing, named=False)
    kind = kind_of(token, context)
    side = sides.side_of(text)
    head = words.root
    if side == Side.UNKNOWN:
        owner = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in lx.POSSESSIVE_PRONOUNS), None)
        whose = antecedent(owner, context) if owner is not None else None
        if whose is not None and whose.side != Side.UNKNOWN:  # "his publication said": the person's
            return Speaker(whose.text, whose.side, f"{rule}; '{text}': '{owner.text}' = {whose.text}",
                           trailing, True, whose.kind)
    if side == Side.UNKNOWN and head.pos_ == "PROPN":
        described = memory.person(head.text)
        if described is not None:
            return Speaker(text, described.side, f"{rule}; '{head.text}' described before as {described.text}",
                           trailing, True, PERSON)
    if side == Side.UNKNOWN and _local_office(words) and memory.named_with(lemma(head)) is None:
        # "the regional governor", "local authorities": the officials of where the sentence's places are
        local = context.local_side(token.doc)
        if local is not None:
            return Speaker(text, local[0], f"{rule}; '{text}': an office of {local[1]}, where the places named lie",
                           trailing, kind=kind)
    if side == Side.UNKNOWN and lemma(head) in lx.DEFINITE_SPEAKERS and words[0].lower_ not in ("a", "an", "another"):
        # "the spokesman" is one met before, "the ministry" the ministry named before; "a spokesman" is new
        last = memory.named_with(lemma(head)) or memory.last(with_side=True)
        if last is not None:
            return Speaker(text, last.side, f"{rule}; '{text}' refers back to {last.text}", trailing, True,
                           kind or last.kind)
    if side == Side.UNKNOWN and words[0].lower_ == "another":
        # "another adviser to the region's leader": one more of those named before, on their side
        like = memory.named_with(lemma(head))
        if like is not None:
            return Speaker(text, like.side, f"{rule}; '{text}' is one more like {like.text}", trailing, True, kind)
    home = home if home != Side.UNKNOWN else context.home
    if side == Side.UNKNOWN and home != Side.UNKNOWN:
        side = sides.side_of(text, home=home)
        if side != Side.UNKNOWN:
            rule += f"; an unmarked institution of the outlet's country ({side.value})"
    return Speaker(text, side, rule, trailing, kind=kind)


def antecedent(pronoun: Token, context: ArticleContext) -> Speaker | None:
    """Whom a pronoun stands for, by number and kind ("he" a person, "it" an organisation, "they" a
    group or an organisation): a fitting phrase earlier in the sentence outside what the pronoun's
    own verb reports (a speaker first, then a subject, then anyone, the nearest first); else a speaker,
    then a subject, of the paragraph so far; else the last speaker of the article with a side.
    "I" and "we" are the last speaker: the one whose quotation they are in."""
    word = _as_pronoun(pronoun.lower_)
    memory = context.memory
    if word in lx.FIRST_PERSON_PRONOUNS or word not in lx.PRONOUNS:
        return memory.last(with_side=True)
    verb = pronoun.head if pronoun.dep_ != "poss" else _clause_of(pronoun)
    reported = {t.i for t in verb.subtree} if verb is not None and verb is not pronoun else {pronoun.i}
    ranked = sorted((t for t in pronoun.doc[:pronoun.i] if t.i not in reported and _heads_a_phrase(t)),
                    key=lambda t: (_salience(t), -t.i))
    for t in ranked:
        if _fits(word, kind_of(t, context)):
            return speaker(t, f"named before '{pronoun.text}'", context)
    for earlier in (*reversed(memory.here), *reversed(memory.subjects)):
        if _fits(word, earlier.kind):
            return earlier
    return memory.last(with_side=True, kinds=_pronoun_kinds(word))


def _as_pronoun(word: str) -> str:
    """The subject pronoun a possessive or an object pronoun stands with: "his" and "him" fit what "he" fits."""
    return {"his": "he", "him": "he", "her": "she", "its": "it", "their": "they", "them": "they", "us": "we",
            "me": "i"}.get(word, word)


def _clause_of(token: Token) -> Token | None:
    return next((t for t in token.ancestors if t.pos_ in VERBAL), None)


def _heads_a_phrase(token: Token) -> bool:
    return token.pos_ in _NOMINAL and token.dep_ not in _NOT_A_HEAD


def _salience(token: Token) -> int:
    """0 for a speaker, 1 for another subject, 2 for anyone else: the order a pronoun looks back in."""
    if token.dep_ == "pobj" and token.head.dep_ == "agent":
        return 0 if lemma(token.head.head) in lx.SPEECH_VERBS else 1
    if token.dep_ in ("nsubj", "nsubjpass"):
        return 0 if lemma(token.head) in lx.SPEECH_VERBS else 1
    return 2


def _media(token: Token) -> bool:
    return token.lower_ in lx.MEDIA_NOUNS or lemma(token) in lx.MEDIA_NOUNS


def _poster(token: Token) -> Token | None:
    """Who posted a video, a photo or a post: "a video posted by X", "the ministry's footage", "photos from X"."""
    if not _media(token):
        return None
    for c in token.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ == "acl" and lemma(c) in lx.MEDIA_VERBS:
            agent = child(c, "agent")
            if agent is not None and child(agent, "pobj") is not None:
                return child(agent, "pobj")
        if c.dep_ == "prep" and c.lower_ in ("by", "from") and child(c, "pobj") is not None:
            return child(c, "pobj")
    return None


def note_mentions(doc: Doc, context: ArticleContext) -> None:
    """Remember the people and organisations a sentence names, after reading it: its subjects for the
    pronouns of the paragraph, everyone for "the ministry" later, a described person by surname, and
    whoever posts a video ("a video posted by X", "X released a video")."""
    for token in doc:
        if _media(token):
            poster = _poster(token) or (subject(token.head) if token.dep_ == "dobj" and lemma(token.head)
                                        in lx.MEDIA_VERBS else None)
            if poster is not None:
                context.memory.posted(speaker(poster, f"who posted the '{token.text}'", context))
        if not _heads_a_phrase(token) or token.lower_ in lx.PRONOUNS:
            continue
        kind = kind_of(token, context)
        if not kind:
            continue
        found = speaker(token, "named in the article", context)
        if token.dep_ == "appos" and found.side == Side.UNKNOWN:  # "the Ukrainian spokesman, Ivan Koval"
            whole = speaker(token.head, "named in the article", context)
            found = Speaker(found.text, whole.side, whole.rule, kind=kind)
        surname = token.text if token.pos_ == "PROPN" and kind == PERSON else ""
        context.memory.mention(found, frozenset(lemma(t) for t in phrase(token)),
                               subject=token.dep_ in ("nsubj", "nsubjpass"), surname=surname)


# -- which speaker governs a claim --------------------------------------------------------------------
def reports(verb: Token, context: ArticleContext) -> bool:
    """A verb that reports what someone says: a speech verb, not negated ("has not commented"), and
    not one that reports nothing ("seizing the town adds to the pressure", where "he pointed to
    progress" reports)."""
    if lemma(verb) not in lx.SPEECH_VERBS or verb.pos_ not in VERBAL:
        return False
    if any(c.dep_ == "neg" for c in verb.children):
        return False
    if lemma(verb) in lx.NOT_SPEECH_WITH_TO and any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children):
        by = subject(verb)
        return by is not None and (by.lower_ in lx.PRONOUNS or bool(kind_of(by, context)))
    return True


def said_by(verb: Token, context: ArticleContext) -> Token | None:
    """Who speaks through a reporting verb: whom it relays ("quoted X as saying", "reported, citing X"),
    the speaker put after it ("..., wrote an officer of the brigade"), the speaker the parser hung on
    the word before it, or its subject."""
    relayed = _relay(verb)
    if relayed is not None:
        return relayed[0]
    if child(verb, "nsubj", "nsubjpass") is None and verb.i > 0:
        before = verb.doc[verb.i - 1]
        if before.is_punct and lemma(verb) not in lx.OBJECT_VERBS | lx.RELAY_VERBS:
            after = child(verb, "dobj", "attr")
            if after is not None and after.i > verb.i and kind_of(after, context):
                return after
        set_off = before.text == "," and verb.i > 1  # "..., Serhii Petrenko, the town's mayor, said"
        if set_off:
            before = verb.doc[verb.i - 2]
        comma = max((t.i for t in verb.doc[:before.i] if t.text == ","), default=-1)
        while before.dep_ != "appos" and comma < before.head.i < verb.i and before.head.i != before.i:
            before = before.head  # "..., the governor of the Kharkiv region said": from "region" up to "governor"
        if before.dep_ == "appos" and before.pos_ in _NOMINAL:
            # "X captured Siversk, the monitoring group DeepState said": the parser hung the speaker on the place
            top = before
            while top.head.dep_ == "appos" and top.head.pos_ in _NOMINAL and kind_of(top.head, context):
                top = top.head
            if set_off and top.head.ent_type_ == "PERSON" and top.head.dep_ in ("conj", "appos", "npadvmod"):
                return top.head  # the person the role describes, hung on the object before them
            if kind_of(top, context):
                return top
    if verb.dep_ == "pcomp":  # "the ministry is keen on celebrating the capture of X"
        above = verb.head
        for _ in range(3):
            if above.head is above:
                break
            above = above.head
            found = child(above, "nsubj", "nsubjpass")
            if found is not None:
                return found
    return subject(verb)


def _relay(verb: Token) -> tuple[Token, Token] | None:
    """The speaker a relay names, with the verb that relays: "an agency quoted the spokesman as saying ..."
    (the spokesman), "TASS reported, citing the defence ministry" (the ministry), "a report quoted a
    commander as saying" (the commander)."""
    node = verb
    for _ in range(3):  # from "saying" up through "as" to "quoted"
        if lemma(node) in lx.RELAY_VERBS and node.pos_ in VERBAL:
            quoted = child(node, "dobj")
            if quoted is not None and not speech_noun(quoted):
                return quoted, node
            break
        if node.head is node:
            break
        node = node.head
    for c in verb.children:
        if c.dep_ in ("advcl", "xcomp", "conj") and lemma(c) in lx.RELAY_VERBS:
            cited = child(c, "dobj")
            cited = (owner(cited) if cited is not None and speech_noun(cited) else cited)
            if cited is not None:
                return cited, verb
    return None


def _relay_home(verb: Token, context: ArticleContext) -> Side:
    """The home country of an outlet that relays a speaker ("TASS reported, citing the defence ministry"):
    its unmarked institutions are that country's."""
    found = _relay(verb)
    relayer = subject(found[1]) if found is not None else None
    if relayer is None:
        return Side.UNKNOWN
    actor = context.sides.find_actor(phrase(relayer).text.split())
    return actor.home if actor is not None and actor.kind == "outlet" else Side.UNKNOWN


def _describes(token: Token, by: Token, verb: Token) -> bool:
    """Whether a word is part of the speaker's phrase rather than of what the verb reports: the path up
    from the word meets the speaker before the verb ("the official governing the occupied region said"),
    not after it ("the corps, which confirmed the liberation of X")."""
    for t in [token, *token.ancestors]:
        if t.i == verb.i:
            return False
        if t.i == by.i:
            return True
    return False


def governing_speaker(token: Token, context: ArticleContext) -> Speaker | None:
    """The speaker whose verb, "according to" phrase or statement noun governs the claim word; the
    article's own voice for a word inside the speaker's own description ("the official governing the
    occupied region said")."""
    if lemma(token) in lx.DENIAL_VERBS and token.pos_ in VERBAL:
        denier = subject(token)
        if denier is not None:
            return speaker(denier, f"subject of '{token.text}'", context)
    if lemma(token) in lx.DENIAL_ACTS and token.pos_ in _NOMINAL:
        denier = owner(token) or (subject(token.head) if token.dep_ in ("dobj", "attr") and token.head.pos_ in VERBAL
                                  else None)
        if denier is not None:
            return speaker(denier, f"who issues the '{token.text}'", context)
    if token.lower_ in lx.DENIAL_FORMS and token.pos_ not in VERBAL and 0 < token.i <= 8 \
            and not any(t.pos_ in VERBAL for t in token.doc[:token.i]):
        # a headline the tagger misread: "Ukraine's military dismisses Russian statement on ..."
        words = token.doc[:token.i]
        return Speaker(words.text, context.sides.side_of(words.text), f"the words before '{token.text}'")
    for anc in [token, *token.ancestors]:
        according = according_to(anc, context)
        if according is not None:
            return according
        noun = statement_before_that(anc)
        if noun is not None:
            return speaker(owner(noun), f"source of '{noun.text}'", context)
        if anc is token:
            continue
        if reports(anc, context):
            by = said_by(anc, context)
            if by is not None and by.i != token.i and not _no_one_in_particular(by):
                if _describes(token, by, anc):
                    return _own_voice(context, by)
                return speaker(by, f"subject of '{anc.text}'", context, home=_relay_home(anc, context))
        if speech_noun(anc) and anc.pos_ in _NOMINAL:
            source = owner(anc)
            if source is None and anc.dep_ == "dobj" and lemma(anc.head) in lx.ISSUING_VERBS:
                source = subject(anc.head)  # "bloggers began circulating information that ..."
            if source is not None:
                return speaker(source, f"source of '{anc.text}'", context)
    return None


def _no_one_in_particular(by: Token) -> bool:
    """ "Current estimates suggest", "reports say": a statement with no one's name on it, which the
    article states in its own voice (a picture keeps its own: "footage showed" is imagery; "the
    statement said" is the one named before)."""
    return speech_noun(by) and by.pos_ in _NOMINAL and owner(by) is None and not _media(by) \
        and not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in by.children)


def _own_voice(context: ArticleContext, by: Token) -> Speaker:
    voice = context.voice
    return Speaker(voice.text, voice.side, f"{voice.rule}: it describes the speaker '{phrase(by).text}'",
                   named=False)


def statement_before_that(clause: Token) -> Token | None:
    """ "Moscow's announcement in November that ...": the statement noun a that-clause follows, with an owner.

    The parser often hangs such a clause on the main verb; the words before "that" say whose it is.
    """
    mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"), None)
    if mark is None or clause.pos_ not in VERBAL:
        return None
    doc = clause.doc
    for k in range(mark.i - 1, max(mark.i - 5, -1), -1):
        if speech_noun(doc[k]) and doc[k].pos_ in _NOMINAL and owner(doc[k]) is not None:
            return doc[k]
        if doc[k].is_punct or doc[k].pos_ in VERBAL:
            break
    return None


def according_to(token: Token, context: ArticleContext) -> Speaker | None:
    """The source of an "according to" phrase on this word, unless it is no one in particular."""
    for node in token.children:
        if node.lower_ == "according":
            to = next((c for c in node.children if c.lower_ == "to"), None)
            source = child(to, "pobj") if to is not None else None
            if source is not None:
                inner = next((c for c in source.children if c.dep_ == "prep" and c.lower_ in {"from", "by"}), None)
                if speech_noun(source) and inner is not None and child(inner, "pobj") is not None:
                    source = child(inner, "pobj")
                elif speech_noun(source) and owner(source) is None and _poster(source) is None:
                    return None  # "according to reports": no one in particular
                return speaker(source, "'according to'", context)
    return None


def owner(noun: Token) -> Token | None:
    """Whose statement a statement noun is: "Moscow's announcement", "statements by the chief", "Russian claims"."""
    found = child(noun, "poss") or next(
        (c for c in noun.children if c.dep_ == "nmod" and any(g.dep_ == "case" for g in c.children)), None)
    if found is not None:  # "Moscow's announcement", also where the parser makes the owner a modifier
        return found
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in {"by", "from"}:
            pobj = child(prep, "pobj")
            if pobj is not None:
                return pobj
    if any(c.dep_ in ("amod", "compound") and c.lower_ in lx.SIDE_ADJECTIVES for c in noun.children):
        return noun
    if any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in noun.children):
        return noun  # "DeepState maps", "ISW assessment"
    return None


def embedded_owner(token: Token, denial_at: Token | None) -> Token | None:
    """Who made the statement a denial denies: "statements by the chief of Russia's general staff that ...",
    or who tells the lie: "Gerasimov brings Putin a lie about 'control of Kupyansk'" (but whoever issues a
    denial denies)."""
    for anc in token.ancestors:
        if denial_at is not None and anc.i == denial_at.i:
            break
        if speech_noun(anc):
            return owner(anc)
    if denial_at is not None and denial_at.pos_ in _NOMINAL and denial_at.dep_ in ("dobj", "attr") \
            and lemma(denial_at.head) not in lx.DENIAL_VERBS and lemma(denial_at) not in lx.DENIAL_ACTS:
        return subject(denial_at.head)
    return None


# -- who speaks in a sentence, a quotation, a passage ------------------------------------------------
def sentence_speaker(doc: Doc, context: ArticleContext, main_only: bool = True) -> Speaker | None:
    """The speaker of a sentence as a whole: the subject of its main reporting verb (or of any, for
    remembering who has spoken), the agent of "This was stated by X", or the credit that ends a
    headline ("X liberated — defence ministry", "...: Shoigu")."""
    for token in doc:
        if token.dep_ in ("ROOT", "conj", "parataxis") or (token.dep_ == "ccomp" and token.head.dep_ == "ROOT"):
            according = according_to(token, context)
            if according is not None:
                return according
    deps = ("ROOT", "parataxis", "conj", "ccomp") if main_only else ("ROOT", "parataxis", "conj", "ccomp", "advcl")
    verbs = [t for t in doc if reports(t, context) and (t.dep_ in deps or _closing_attribution(t))]
    for token in sorted(verbs, key=lambda t: deps.index(t.dep_) if t.dep_ in deps else -1):  # '"...," X said'
        agent = child(token, "agent") if lemma(token) not in lx.RELAY_VERBS else None
        if agent is not None and child(agent, "pobj") is not None:
            back = child(token, "nsubjpass")
            trailing = back is not None and back.lower_ in {"this", "that", "it"}
            found = speaker(child(agent, "pobj"), f"agent of '{token.text}'", context, trailing=trailing)
            return dataclasses.replace(found, refers_back=trailing)  # "This was announced by X"
        by = said_by(token, context)
        if by is not None and by.lower_ not in {"this", "that"} and not _no_one_in_particular(by):
            trailing = token.i > len(doc) * 0.5 and not _reports_after(token)
            if any(c.dep_ == "dobj" and c.lower_ in {"this", "that"} for c in token.children):  # "X announced this"
                found = speaker(by, f"subject of '{token.text}'", context, trailing=True)
                return dataclasses.replace(found, refers_back=True)
            return speaker(by, f"subject of '{token.text}'", context, trailing=trailing,
                           home=_relay_home(token, context))
    return _credit(doc, context)


def _closing_attribution(verb: Token) -> bool:
    """ "..., a Russian war blogger wrote.": a reporting verb that ends the sentence after a comma, with its
    subject between, whatever clause the parser hung it in."""
    doc = verb.doc
    rest = [t for t in doc[verb.i + 1:] if not (t.is_punct or t.is_space)]
    subject_ = child(verb, "nsubj")
    if rest or subject_ is None or verb.dep_ in ("ROOT", "ccomp"):
        return False
    comma = max((t.i for t in doc[:subject_.i] if t.text == ","), default=-1)
    return comma > 0 and all(t.pos_ not in VERBAL for t in doc[comma + 1:verb.i])


def _reports_after(verb: Token) -> bool:
    """The verb's report follows it ("... bloggers spoke of heavy losses"), so it carries back to nothing."""
    return any(c.i > verb.i and (c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "prep" and c.lower_ in ("of", "about")))
               for c in verb.children)


def _credit(doc: Doc, context: ArticleContext) -> Speaker | None:
    """The speaker a headline names after a colon or a dash at its end: "Russian troops take X: Shoigu"."""
    marks = [t for t in doc if t.text in _CREDIT_MARKS and t.whitespace_
             and (t.text == ":" or (t.i > 0 and doc[t.i - 1].whitespace_))]  # not the hyphen of "pro-Russian"
    if not marks:
        return None
    mark = marks[-1]
    credit = doc[mark.i + 1:]
    if mark.i < 2 or not 0 < len(credit) <= 6 or any(t.pos_ in VERBAL or t.like_num for t in credit):
        return None  # "...: 300 soldiers" is a count, not a credit
    words = [t for t in credit if not t.is_punct]
    head = next((t for t in reversed(words) if _heads_a_phrase(t) and kind_of(t, context)), None)
    if head is None:
        return None
    found = speaker(head, f"credited after '{mark.text}'", context)
    return Speaker(" ".join(t.text for t in words), found.side, found.rule, kind=found.kind)


def _opens_quotation(text: str) -> bool:
    """The sentence opens with a quotation mark, or with a short label before one: 'Quote: "...'."""
    stripped = text.lstrip()
    return stripped[:1] in _QUOTE_OPEN + '"' or bool(_LABELLED_QUOTE.match(stripped))


def _quote_steps(text: str) -> list[int]:
    """+1 for each quotation mark that opens, -1 for each that closes; a straight quote opens after a
    space or at the start and closes after a word or punctuation."""
    steps = []
    for k, char in enumerate(text):
        if char in _QUOTE_OPEN:
            steps.append(1)
        elif char in _QUOTE_CLOSE:
            steps.append(-1)
        elif char == '"':
            steps.append(1 if k == 0 or text[k - 1].isspace() or text[k - 1] in "([—–-:" else -1)
    return steps


def _closes_later(article: Article, sentences: Sequence[Sentence], start: int, paragraphs: int = 3) -> bool:
    """A quotation left open at a paragraph's end goes on without a new opening mark when one of the
    next few paragraphs closes it before opening another."""
    first = sentences[start].paragraph
    for s in sentences[start:]:
        if s.paragraph - first >= paragraphs:
            return False
        for step in _quote_steps(article.text[s.start:s.end]):
            return step < 0
    return False


def quote_speakers(article: Article, sentences: Sequence[Sentence], own: list[Speaker | None]) -> dict[int, Speaker]:
    """Speakers of sentences inside a quotation that one of its sentences, or the one just before it,
    attributes: '"A. B," X said.' makes A X's too; a labelled quotation ('Quote: "A.') that names no
    one is the last speaker's. A quotation open at the end of a paragraph goes on
    into the next when that one opens with a quotation mark, or closes the quotation before opening another."""
    result: dict[int, Speaker] = {}
    depth, run = 0, []

    def attribute(members: list[int]) -> None:
        found = next((own[j] for j in reversed(members) if own[j] is not None), None) or \
            next((own[j] for j in members if own[j] is not None), None)
        before = members[0] - 1
        first = article.text[sentences[members[0]].start:sentences[members[0]].end]
        if found is None and before >= 0 and own[before] is not None and own[before].trailing \
                and (sentences[before].paragraph == sentences[members[0]].paragraph or _opens_quotation(first)):
            found = own[before]  # '... , Gerasimov added. "Battlegroup Vostok ...'
        if found is None and _LABELLED_QUOTE.match(first):
            # 'Quote: "...' with no one named in it quotes whoever spoke last
            found = next((own[j] for j in range(before, -1, -1) if own[j] is not None), None)
        if found is not None:
            for j in members:
                result.setdefault(j, Speaker(found.text, found.side, found.rule + "; same quotation",
                                             kind=found.kind))

    for i, s in enumerate(sentences):
        text = article.text[s.start:s.end]
        new_paragraph = i > 0 and s.paragraph != sentences[i - 1].paragraph
        if new_paragraph and run:
            if depth > 0 and (_opens_quotation(text) or _closes_later(article, sentences, i)):
                pass  # the quotation goes on in this paragraph
            else:
                attribute(run)
                depth, run = 0, []
        quoted = depth > 0 or _opens_quotation(text)
        for step in _quote_steps(text):
            depth = max(depth + step, 0)
        if quoted or depth > 0:
            run.append(i)
        if depth == 0 and run:
            attribute(run)
            run = []
    if run:
        attribute(run)
    return result


def carried(i: int, sentences: Sequence[Sentence], own: list[Speaker | None]) -> Speaker | None:
    """ "X. Y, Putin said.": a sentence takes the speaker of the next one of its paragraph when that one
    ends with it, or of the next one at all when that one points back to it ("This was announced by Z")."""
    nxt = i + 1
    if nxt < len(sentences) and own[nxt] is not None:
        found = own[nxt]
        if found.refers_back or (found.trailing and sentences[nxt].paragraph == sentences[i].paragraph):
            how = "it points back here" if found.refers_back else "carried from the next sentence"
            return Speaker(found.text, found.side, f"{found.rule}; {how}", kind=found.kind)
    return None
