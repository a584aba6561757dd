"""Write a corpus of about N words of article files: the seed articles, then variations of them.

A variation takes a seed's headline and a random choice of paragraphs from all the seeds, gives
some of the places it names the names of other gazetteer places of the same kind, changes the
small numbers and dates it ` date YYYY-MM-DD` somewhere in two years. The same --seed gives the
same files; no two files have the same content id. Files are written one at a time.

    python benchmarks/make_corpus.py /tmp/corpus --words 20000
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import re
from collections.abc import Iterator
from pathlib import Path

from frontclaims.loader import article_id, parse_article

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GAZETTEER = ROOT / "data" / "gazetteer.csv"
FIRST_DAY = dt.date(2024, 1, 1)
DAYS = 730
KEEP_PLACE = 0.5  # share of place names a variation leaves as they are
_NUMBER = re.compile(r"(?<![\d.,-])\d{1,3}(?![\d.,])")  # small whole numbers, not years or "1,000"


def seed_texts() -> list[tuple[str, str]]:
    """(file name, text) of every seed article."""
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]


def places_by_kind() -> dict[str, list[str]]:
    """Gazetteer names of four letters or more, grouped by kind (settlement, oblast, river, ...)."""
    kinds: dict[str, list[str]] = {}
    with open(GAZETTEER, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if len(row["name"]) >= 4:
                kinds.setdefault(row["kind"], []).append(row["name"])
    return {kind: sorted(set(names)) for kind, names in kinds.items()}


def variations(seeds: list[tuple[str, str]], kinds: dict[str, list[str]], rng: random.Random) -> Iterator[str]:
    """Endless synthetic articles built from the seeds' headlines and paragraphs."""
    titles, paragraphs = [], []
    for name, text in seeds:
        article = parse_article(text, name)
        kept = [text[p.start:p.end] for p in article.paragraphs]
        titles.append(kept[0])
        paragraphs += kept[1:]
    kind_of = {name: kind for kind, names in kinds.items() for name in names}
    # Case-sensitive whole words, longest first: "Nova Kakhovka" before "Kakhovka".
    place = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(kind_of, key=len, reverse=True)) + r")\b")
    while True:
        body = [rng.choice(titles)] + rng.sample(paragraphs, rng.randint(3, min(10, len(paragraphs))))
        text = "\n".join(body)
        swaps: dict[str, str] = {}
        for name in dict.fromkeys(m.group() for m in place.finditer(text)):
            if rng.random() >= KEEP_PLACE:
                swaps[name] = rng.choice(kinds[kind_of[name]])
        text = place.sub(lambda m: swaps.get(m.group(), m.group()), text)
        text = _NUMBER.sub(lambda m: str(max(1, round(int(m.group()) * rng.uniform(0.5, 2.0)))), text)
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        yield f" date {day.isoformat()}\n{text}\n"


def write_corpus(out: Path, words: int, seed: int = 0) -> tuple[int, int]:
    """Write articles into `out` until they hold `words` words; returns (articles, words) written."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    seeds = seed_texts()
    texts = iter([text for _, text in seeds])
    made = variations(seeds, places_by_kind(), rng)
    seen: set[str] = set()
    count = total = 0
    while total < words:
        text = next(texts, None) or next(made)
        content_id = article_id(text)
        if content_id in seen:
            continue
        seen.add(content_id)
        (out / f"{count:06d}_{content_id}.txt").write_text(text, encoding="utf-8")
        count += 1
        total += len(text.split())
    return count, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the .txt files into")
    parser.add_argument("--words", type=int, default=20_000, help="about how many words to write")
    parser.add_argument("--seed", type=int, default=0, help="random seed (same seed, same corpus)")
    args = parser.parse_args()
    articles, words = write_corpus(args.out, args.words, args.seed)
    print(f"wrote {articles} articles, {words} words to {args.out}")


if __name__ == "__main__":
    main()
