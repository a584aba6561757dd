"""Checks the composed evaluation corpus's gold file against its articles: every line a JSON object
with the annotation keys and allowed values, every sentence in its article, every place in its sentence.

    python scripts/check_composed_gold.py                   # tests/data/composed
    python scripts/check_composed_gold.py --dir OTHER_DIR   # a folder with articles/ and gold.jsonl

It prints each problem on its own line, then the number of articles and gold claims and the claims by
type and by side, and exits 1 when there is a problem.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEYS = ("file", "sentence", "place_text", "place", "claimant", "side", "claim", "subject_side", "figure")
SIDES = {"RU", "UA", "neutral"}
SUBJECT_SIDES = {"RU", "UA", None}
CLAIMS = {"captured", "liberated", "control", "encircled", "advancing", "repelled", "attacked", "withdrew",
          "denied", "contested", "distance", "area", "casualties", "other"}


def problems(row: object, articles: dict[str, str]) -> list[str]:
    """What is wrong with one gold row (an empty list when nothing is)."""
    if not isinstance(row, dict):
        return ["not a JSON object"]
    found = []
    if tuple(row) != KEYS:
        found.append(f"keys {list(row)} are not {list(KEYS)}")
    for key in ("file", "sentence", "place_text", "place", "claimant"):
        if not isinstance(row.get(key), str) or not row.get(key, "").strip():
            found.append(f"{key} is not a non-empty string")
    if row.get("side") not in SIDES:
        found.append(f"side {row.get('side')!r} is not one of {sorted(SIDES)}")
    if row.get("claim") not in CLAIMS:
        found.append(f"claim {row.get('claim')!r} is not a gold label")
    if row.get("subject_side") not in SUBJECT_SIDES:
        found.append(f"subject_side {row.get('subject_side')!r} is not RU, UA or null")
    figure = row.get("figure")
    if figure is not None and (not isinstance(figure, str) or not any(c.isdigit() for c in figure)):
        found.append(f"figure {figure!r} is neither null nor a number with its unit")
    if found:
        return found
    text = articles.get(row["file"])
    if text is None:
        return [f"no article {row['file']}"]
    if row["sentence"] not in text:
        found.append("sentence is not in its article")
    if row["place_text"] not in row["sentence"]:
        found.append(f"place_text {row['place_text']!r} is not in its sentence")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=ROOT / "tests" / "data" / "composed")
    args = parser.parse_args()
    articles = {p.name: p.read_text(encoding="utf-8") for p in sorted((args.dir / "articles").glob("*.txt"))}
    bad, rows, seen = 0, [], set()
    for number, line in enumerate((args.dir / "gold.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            print(f"line {number}: not JSON ({err})")
            bad += 1
            continue
        found = problems(row, articles)
        identity = json.dumps([row.get(k) for k in ("file", "sentence", "place", "claimant", "claim")])
        if identity in seen:
            found.append("repeats another row's (sentence, place, claimant, claim)")
        seen.add(identity)
        for problem in found:
            print(f"line {number}: {problem}")
        bad += bool(found)
        rows.append(row)
    unannotated = sorted(set(articles) - {r.get("file") for r in rows if isinstance(r, dict)})
    for name in unannotated:
        print(f"{name}: no gold claims")
    print(f"{len(articles)} articles, {len(rows)} gold claims, {bad} bad line(s)")
    valid = [r for r in rows if isinstance(r, dict)]
    print("by claim: " + ", ".join(f"{k} {n}" for k, n in Counter(r.get("claim") for r in valid).most_common()))
    print("by side:  " + ", ".join(f"{k} {n}" for k, n in Counter(r.get("side") for r in valid).most_common()))
    print("by subject side: " + ", ".join(f"{k} {n}" for k, n in
                                          Counter(str(r.get("subject_side")) for r in valid).most_common()))
    return 1 if bad or unannotated else 0


if __name__ == "__main__":
    sys.exit(main())
