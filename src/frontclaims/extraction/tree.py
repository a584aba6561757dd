"""Small helpers over spaCy's dependency tree that every part of extraction reads with: lemmas,
paths between words, subjects, and the noun phrase a word heads."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .. import lexicon as lx

VERBAL = frozenset({"VERB", "AUX"})
_CUT_FROM_PHRASE = {"relcl", "acl", "advcl", "punct", "cc", "conj", "prep"}


def spans_at(doc: Doc, group: str) -> dict[int, Span]:
    """The spans of one of the Doc's span groups ("places", "actors", ...) by the tokens they cover (the
    first span for a token two cover), worked out once per Doc: a long sentence asks for each of its words."""
    key = f"frontclaims_spans_at_{group}"
    spans = doc.spans.get(group, ())
    cached = doc.user_data.get(key)
    if cached is None or cached[0] != len(spans):
        at: dict[int, Span] = {}
        for span in spans:
            for i in range(span.start, span.end):
                at.setdefault(i, span)
        cached = doc.user_data[key] = (len(spans), at)
    return cached[1]


def lemma(token: Token) -> str:
    return token.lemma_.lower()


def speech_noun(token: Token) -> bool:
    """A noun that carries someone's word, by word or lemma: "announcement", "claims", "maps"."""
    return token.lower_ in lx.SPEECH_NOUNS or lemma(token) in lx.SPEECH_NOUNS


def statement_noun(token: Token) -> bool:
    """A noun for something asserted, which a denial can deny: "claims", "reports", "statement"."""
    return token.lower_ in lx.STATEMENT_NOUNS or lemma(token) in lx.STATEMENT_NOUNS


def path(a: Token, b: Token) -> tuple[int, int] | None:
    """(steps up from a, steps down to b) through their lowest common ancestor."""
    ups = {t.i: n for n, t in enumerate([a, *a.ancestors])}
    for down, t in enumerate([b, *b.ancestors]):
        if t.i in ups:
            return ups[t.i], down
    return None


def lca(a: Token, b: Token) -> Token | None:
    """The lowest common ancestor of two words."""
    ups = {t.i for t in [a, *a.ancestors]}
    return next((t for t in [b, *b.ancestors] if t.i in ups), None)


def child(token: Token, *deps: str) -> Token | None:
    """The first child with one of these dependency labels."""
    return next((c for c in token.children if c.dep_ in deps), None)


def is_heading(token: Token) -> bool:
    """A word before a colon that opens the sentence ("Background: the governor said ...") labels the
    sentence; it names no one, whatever the parser makes of it."""
    doc = token.doc
    return token.i == token.sent.start and token.i + 1 < len(doc) and doc[token.i + 1].text == ":"


def is_passive(token: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)


def passive_subject(token: Token) -> Token | None:
    """The subject of a passive verb, also where the small model hangs it on the auxiliary ("units | were
    positioned")."""
    found = child(token, "nsubjpass")
    if found is None:
        found = next((s for a in token.children if a.dep_ == "auxpass" for s in [child(a, "nsubj")] if s), None)
    return found


def relative_clauses(root: Token) -> list[Token]:
    """Clauses about a place: "X, where ...", "X, a town which ...", "X, held by ..."."""
    heads = [root, *(c for c in root.children if c.dep_ == "appos")]
    return [c for h in heads for c in h.children if c.dep_ in ("relcl", "acl")]


def phrase(token: Token) -> Span:
    """The noun phrase headed by a token, without its clauses and its time and manner modifiers."""
    doc = token.doc
    keep = {token.i}
    stack = [c for c in token.children if c.dep_ not in _CUT_FROM_PHRASE or c.dep_ in ("appos", "prep")]
    if token.lower_ in lx.MEDIA_NOUNS:
        stack += [c for c in token.children if c.dep_ == "acl" and c.lemma_.lower() in lx.MEDIA_VERBS]
    while stack:
        node = stack.pop()
        if node.dep_ in ("relcl", "advcl") or (node.dep_ == "acl" and node.head.i != token.i):
            continue
        if node.dep_ == "prep" and any(t.ent_type_ in ("DATE", "TIME") for t in node.subtree):
            continue
        keep.add(node.i)
        stack.extend(c for c in node.children if c.dep_ not in ("relcl", "acl", "advcl", "conj", "cc"))
    start, end = min(keep), max(keep) + 1
    while start < end - 1 and (doc[start].is_punct or doc[start].lower_ in {"and", "but"}):
        start += 1
    while end - 1 > start and doc[end - 1].is_punct and not doc[end - 1].is_quote:
        end -= 1
    if end - start > 14:
        end = start + 14
    return doc[start:end]


# Prepositions after which a verb's object does what the verb under them says: "accused X of attacking",
# "blamed X for shelling", "credited X with taking", "stopped X from entering" (not "took it by storming").
_OBJECT_CONTROL = {"for", "of", "with", "from"}


def subject(verb: Token) -> Token | None:
    """The subject of a verb, following shared subjects of conjoined, adverbial and relative clauses."""
    seen = 0
    while verb is not None and seen < 6:
        passive_ok = lemma(verb) in lx.PASSIVE_SOURCE_VERBS or (seen > 0 and lemma(verb) not in lx.SPEECH_VERBS)
        found = next((c for c in verb.children if c.dep_ == "nsubj" and not is_heading(c)), None) or (
            child(verb, "nsubjpass") if passive_ok else None)
        if found is not None and found.pos_ in VERBAL:
            found = None
        if found is not None:
            if found.lower_ in {"which", "who", "that"} and verb.dep_ == "relcl":
                return verb.head
            if found.dep_ == "expl" or found.lower_ == "there":
                return None
            return found
        if verb.dep_ == "relcl":
            return verb.head
        if verb.dep_ in ("conj", "xcomp", "advcl", "acl", "pcomp") and verb.head is not verb:
            verb = verb.head
            seen += 1
            continue
        if seen and verb.dep_ == "prep" and verb.lower_ in _OBJECT_CONTROL and verb.head.pos_ in VERBAL:
            controller = child(verb.head, "dobj")  # "blamed Ukrainian troops for shelling X": the troops shell
            if controller is not None:
                return controller
        if seen and (verb.dep_ == "acomp" or verb.dep_ == "prep" and verb.head.pos_ in ("ADJ", *VERBAL)) \
                and verb.head.i != verb.i:
            verb = verb.head  # "troops were unable to take X", "are close to taking X", "succeeded in taking X"
            seen += 1
            continue
        return None
    return None


def no_claim_verb(token: Token) -> bool:
    """A verb that makes no claim of its own, alone or with a particle ("seen", "stand"; not "took", "driven
    out"): forces under it a distance from a place are only placed there."""
    lem = lemma(token)
    return token.pos_ == "VERB" and lem not in lx.VERB_TRIGGERS and \
        not any((lem, c.lower_) in lx.PHRASAL for c in token.children)


def mend_closing_attribution(doc: Doc) -> None:
    """Rehang a speaker set off between commas before its reporting verb, where the small model makes the
    claim's object the verb's subject or hangs the speaker on that object:

    "Russian troops have encircled X, the outlet Y reported": X the subject of "reported", the outlet
    its apposition -> X the object of "encircled", the outlet the subject of "reported";
    "Russian troops have entered X, Ivan Petrenko, head of ..., said": the person a conjunct of X and
    "said" a conjunct of "entered" -> the person the subject of "said", "entered" its complement.
    """
    for verb in doc:
        if lemma(verb) not in lx.SPEECH_VERBS or verb.pos_ not in VERBAL or verb.i == 0:
            continue
        subject_ = child(verb, "nsubj")
        if subject_ is not None and subject_.i < verb.i:
            clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < subject_.i), None)
            speaker = next((c for c in subject_.children if c.dep_ in ("appos", "conj") and c.i > subject_.i), None)
            end = clause.right_edge.i if clause is not None else 0
            while end > 0 and doc[end].is_punct:
                end -= 1
            if clause is not None and speaker is not None and clause.pos_ == "VERB" and child(clause, "dobj") is None \
                    and subject_.left_edge.i == end + 1 and _set_off(subject_, speaker):
                # (the "subject" right after the clause's words, with no comma between: its object)
                subject_.head, subject_.dep_ = clause, "dobj"
                speaker.head, speaker.dep_ = verb, "nsubj"
        elif subject_ is None and verb.dep_ == "conj" and verb.head.pos_ == "VERB" and verb.head.i < verb.i:
            clause = verb.head
            obj = child(clause, "dobj")
            person = next((c for c in obj.children if c.dep_ in ("conj", "appos") and c.ent_type_ == "PERSON"
                           and c.i > obj.i), None) if obj is not None else None
            if person is not None and _set_off(obj, person) and clause.dep_ == "ROOT":
                verb.head, verb.dep_ = verb, "ROOT"
                clause.head, clause.dep_ = verb, "ccomp"
                person.head, person.dep_ = verb, "nsubj"


def _set_off(before: Token, after: Token) -> bool:
    """A comma alone between a word and the phrase of a dependent after it: "X, the outlet"."""
    return [t.text for t in before.doc[before.i + 1:after.left_edge.i]] == [","]
