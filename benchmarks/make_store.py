"""Fill a frontclaims database with synthetic articles and claims, fast, for timing the read commands.

Claims are built as `Claim` models about real gazetteer places (a few thousand, the front-line
towns most claimed, in a Zipf-like spread), by RU, UA and neutral claimants, dated over two
years; one article in ten republishes an earlier one's sentences. They are written through
`Store.add_articles`, 2,000 articles to a transaction.

    python benchmarks/make_store.py /tmp/bench.db --articles 100000
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import random
import time
from pathlib import Path
from typing import NamedTuple

from frontclaims.gazetteer import Gazetteer
from frontclaims.loader import article_id
from frontclaims.models import Article, Claim, ClaimType, Figure, Place, PlaceKind, Side
from frontclaims.resolve import resolve_name
from frontclaims.store import Store

FIRST_DAY = dt.date(2024, 1, 1)
DAYS = 730
BATCH = 2_000  # articles per transaction
ZIPF = 0.8  # how steeply claims concentrate on the most claimed places
REPUBLISHED = 0.1
HOT = ("Pokrovsk", "Kupiansk", "Bakhmut", "Avdiivka", "Chasiv Yar", "Toretsk", "Vovchansk", "Kurakhove",
       "Siversk", "Lyman", "Huliaipole", "Kostiantynivka", "Myrnohrad", "Velyka Novosilka", "Robotyne")
CLAIMANTS = (
    ("Russian Defence Ministry", Side.RU, "TASS"), ("Igor Konashenkov", Side.RU, "RIA Novosti"),
    ("Valery Gerasimov", Side.RU, "RT"), ("Ukrainian General Staff", Side.UA, "Ukrinform"),
    ("Oleksandr Syrskyi", Side.UA, "UNIAN"), ("Khortytsia group spokesman", Side.UA, "Ukrinform"),
    ("Institute for the Study of War", Side.NEUTRAL, "Reuters"), ("reporter (AP)", Side.NEUTRAL, "AP"),
)
FORCES = {Side.RU: "Russian", Side.UA: "Ukrainian"}
# claim type, whose forces (own or opponent's), sentence
TEMPLATES = (
    (ClaimType.CONTROL, "own", "{who} said {own} forces had taken full control of {place} after {n} days of fighting."),
    (ClaimType.ADVANCE, "own", "{who} said {own} troops had advanced {n} km near {place}."),
    (ClaimType.REPELLED, "own", "{who} said {own} units repelled {n} attacks near {place}."),
    (ClaimType.ATTACK, "opponent", "{who} said {opp} forces attacked positions near {place} {n} times."),
    (ClaimType.ENCIRCLED, "opponent", "{who} said up to {n} {opp} troops were encircled in {place}."),
    (ClaimType.WITHDRAWAL, "opponent", "{who} said {opp} units withdrew from {n} positions around {place}."),
    (ClaimType.DENIAL, "opponent", "{who} denied that {opp} forces had captured {place}, calling it one of {n} fakes."),
    (ClaimType.FIGHTING, "", "{who} said fighting continued in and around {place} for the {n}th day."),
)
WHEN = (("yesterday", 1), ("on Monday", 3), ("on Tuesday", 2), ("last week", 7))  # time words, days before publication


class Said(NamedTuple):
    """One claim sentence of a synthetic article, before it has offsets and an id."""

    sentence: str
    place: Place
    claimant: str
    side: Side
    claim: ClaimType
    subject: Side
    figure: Figure | None
    when: str
    days_before: int


def front_places(gazetteer: Gazetteer, count: int) -> list[Place]:
    """The hot front-line towns first, then the most populous settlements, `count` in all."""
    hot = [resolve_name(gazetteer, name).place for name in HOT]
    places = list(dict.fromkeys(p for p in hot if p is not None))
    settlements = sorted((p for p in gazetteer.places if p.kind == PlaceKind.SETTLEMENT and p not in places),
                         key=lambda p: -(p.population or 0))
    return places + settlements[:count - len(places)]


def sentence_claims(rng: random.Random, places: list[Place], weights: list[float]) -> list[Said]:
    """The claims of one synthetic article."""
    found = []
    for _ in range(rng.randint(3, 5)):
        place = rng.choices(places, cum_weights=weights)[0]
        who, side, _outlet = rng.choice(CLAIMANTS)
        claim, whose, template = rng.choice(TEMPLATES)
        own = side if side in FORCES else rng.choice(list(FORCES))
        subject = {"own": own, "opponent": own.opponent}.get(whose, Side.UNKNOWN)
        n = rng.randint(2, 40)
        sentence = template.format(who=who, own=FORCES[own], opp=FORCES[own.opponent], place=place.name, n=n)
        figure = Figure(text=f"{n} km", value=n, unit="km") if claim == ClaimType.ADVANCE else None
        when, days = rng.choice(WHEN) if rng.random() < 0.3 else ("", 0)
        if when:
            sentence = sentence[:-1] + f" {when}."
        found.append(Said(sentence, place, who, side, claim, subject, figure, when, days))
    return found


def article_and_claims(number: int, published: dt.date, outlet: str, found: list[Said]) -> tuple[Article, list[Claim]]:
    """An Article whose text holds the sentences, and its Claims pointing into that text."""
    title = f"Fighting near {found[0].place.name}"
    text = f" date {published.isoformat()}\n{title}\n"
    spans = []
    for said in found:
        spans.append((len(text), len(text) + len(said.sentence)))
        text += said.sentence + "\n"
    content_id = article_id(text)
    source = f"synthetic/{number:06d}_{content_id}.txt"
    article = Article(id=content_id, source=source, text=text, title=title, published=published)
    claims = []
    for (start, end), said in zip(spans, found):
        key = f"{content_id}|{start}|{said.place.id}|{said.claim.value}|{said.claimant}"
        claims.append(Claim(
            claim_id=hashlib.sha256(key.encode()).hexdigest()[:16], article=source, article_id=content_id,
            published=published, place=said.place, place_text=said.place.name, claimant=said.claimant,
            side=said.side, claim=said.claim, subject_side=said.subject, figure=said.figure,
            denies=ClaimType.CONTROL if said.claim == ClaimType.DENIAL else None,
            sentence=said.sentence, start=start, end=end, outlet=outlet, rule=f"synthetic {said.claim.value}",
            claim_date=published - dt.timedelta(days=said.days_before) if said.when else None, date_text=said.when,
        ))
    return article, claims


def synthetic(articles: int, places: list[Place], seed: int):
    """(Article, claims) for `articles` synthetic articles."""
    rng = random.Random(seed)
    weights = list(itertools.accumulate(1 / (rank + 1) ** ZIPF for rank in range(len(places))))
    recent: list[list[Said]] = []
    seen: set[str] = set()
    while len(seen) < articles:
        if recent and rng.random() < REPUBLISHED:
            found = rng.choice(recent)
        else:
            found = sentence_claims(rng, places, weights)
            recent = (recent + [found])[-50:]
        published = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        article, claims = article_and_claims(len(seen), published, rng.choice(CLAIMANTS)[2], found)
        if article.id not in seen:  # a republished story may land on the same day as its original
            seen.add(article.id)
            yield article, claims


def build(path: Path, articles: int, places: int = 3_000, seed: int = 0) -> tuple[int, int]:
    """Fill the database at `path`; returns its (articles, claims) counts."""
    pairs = synthetic(articles, front_places(Gazetteer.load(), places), seed)
    with Store(path) as store:
        while batch := list(itertools.islice(pairs, BATCH)):
            store.add_articles(batch)
        return store.counts()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path, help="database file to create or add to")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--places", type=int, default=3_000, help="how many gazetteer places the claims are about")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    start = time.perf_counter()
    articles, claims = build(args.db, args.articles, args.places, args.seed)
    print(f"{args.db}: {articles} articles, {claims} claims ({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
