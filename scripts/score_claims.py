#!/usr/bin/env python3
"""Score a claims export (CSV) against a gold file (JSON lines) as the team's development corpus is scored.

    python scripts/score_claims.py claims.csv tests/data/composed/gold.jsonl [--misses]

A gold claim is found when an exported row has the same article (file name), the same place (names
compared without case, accents, hyphens, apostrophes or spaces) and a sentence that overlaps the gold
sentence (at least 60 % of the shorter one's words, or 60 % similar). Gold claim labels are mapped onto
the export's vocabulary (captured/liberated/control -> control, advancing/distance -> advance,
attacked -> attack, withdrew -> withdrawal, denied -> denial, contested -> fighting). Prints one line:
place_recall, place_precision, claim_recall, side_accuracy, claim_accuracy, figure_recall.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import unicodedata
from collections import defaultdict
from difflib import SequenceMatcher
from pathlib import Path

LABELS = {"captured": "control", "liberated": "control", "control": "control", "encircled": "encircled",
          "advancing": "advance", "distance": "advance", "repelled": "repelled", "attacked": "attack",
          "withdrew": "withdrawal", "denied": "denial", "contested": "fighting"}


def key(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in text.lower() if c.isalnum() and not unicodedata.combining(c))


def _words(text: str) -> list[str]:
    return "".join(c.lower() if c.isalnum() else " " for c in text).split()


def overlaps(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    shared = len(set(wa) & set(wb)) / min(len(set(wa)), len(set(wb)))
    return shared >= 0.6 or SequenceMatcher(None, " ".join(wa), " ".join(wb)).ratio() >= 0.6


def _numbers(text: str) -> set[float]:
    found, current = set(), ""
    for c in (text or "") + " ":
        if c.isdigit() or (c == "." and current):
            current += c
        elif c == "," and current:
            continue
        else:
            if current.strip("."):
                found.add(float(current.strip(".")))
            current = ""
    return found


def score(rows: list[dict], gold: list[dict]) -> tuple[dict, list[str]]:
    """The figures, and the gold claims not found."""
    by_pair = defaultdict(list)
    for row in rows:
        by_pair[(key(Path(row["article"]).name), key(row["place"]))].append(row)
    gold_pairs = {(key(g["file"]), key(g["place"])) for g in gold}
    found = side = claim = claim_n = figure = figure_n = 0
    misses = []
    for g in gold:
        matches = [r for r in by_pair.get((key(g["file"]), key(g["place"])), []) if overlaps(r["sentence"], g["sentence"])]
        if not matches:
            misses.append(f"{g['file']}: {g['place']} ({g['side']} {g['claim']}): {g['sentence'][:100]}")
            continue
        found += 1
        side += any(r["side"].upper() == g["side"].upper() for r in matches)
        if g.get("figure"):
            figure_n += 1
            figure += any(_numbers(g["figure"]) & (_numbers(r.get("figure_value", "")) | _numbers(r.get("figure", "")))
                          for r in matches)
        if g["claim"] in LABELS:
            claim_n += 1
            claim += any(r["claim"] == LABELS[g["claim"]] for r in matches)
    pairs = set(by_pair)
    figures = {
        "place_recall": len(gold_pairs & pairs) / len(gold_pairs) if gold_pairs else 0.0,
        "place_precision": len(gold_pairs & pairs) / len(pairs) if pairs else 0.0,
        "claim_recall": found / len(gold) if gold else 0.0,
        "side_accuracy": side / found if found else 0.0,
        "claim_accuracy": claim / claim_n if claim_n else 0.0,
        "figure_recall": figure / figure_n if figure_n else 0.0,
    }
    return figures, misses


def line(figures: dict) -> str:
    return " ".join(f"{name}={value:.2f}" for name, value in figures.items())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("claims_csv", type=Path)
    parser.add_argument("gold_jsonl", type=Path)
    parser.add_argument("--misses", action="store_true", help="also print every gold claim not found")
    args = parser.parse_args()
    with open(args.claims_csv, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    gold = [json.loads(x) for x in args.gold_jsonl.read_text(encoding="utf-8").splitlines() if x.strip()]
    figures, misses = score(rows, gold)
    if args.misses:
        print("\n".join(misses))
    print(line(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
