"""Every claim the seeds, the test fixtures and (where it is beside the repository) the shared corpus
produce, one sorted line each, so that a change to extraction can be diffed claim by claim. The
composed corpus (tests/data/composed) is only scored, with --composed: its claims are not dumped, so
that nobody tunes rules on its sentences.

    python scripts/dump_claims.py                 # writes .dumps/claims.tsv (git ignores .dumps/)
    python scripts/dump_claims.py --out new.tsv && diff .dumps/claims.tsv new.tsv

It runs the installed `frontclaims` command (ingest, then export as JSON lines) and, when the shared
corpus and its scorer are there, prints the scorer's summary line. Lines carry the article file, the
sentence's offset, the place, the claim, the claimant and the sides, the figure and the first words
of the sentence.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The shared folder sits beside the checkout; a git worktree one level deeper finds it one level up.
SHARED = next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared" / "corpus").is_dir()),
              ROOT.parent / "shared")
INPUTS = {
    "seeds": ROOT / "seeds",
    "fixtures": ROOT / "tests" / "data" / "claims",
    "articles": ROOT / "tests" / "data" / "articles",
    "report": ROOT / "tests" / "data" / "report",
    "pages": ROOT / "tests" / "data" / "pages",
    "corpus": SHARED / "corpus" / "articles",
}
COMPOSED = ROOT / "tests" / "data" / "composed"  # scored apart, never dumped: a yardstick nobody tunes on
FIELDS = ("article", "start", "place", "place_id", "place_text", "claim", "claimant", "side", "subject_side",
          "figure")


def run(args: list[str]) -> None:
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode not in (0, 3):  # 3: some inputs skipped, which the fixtures do on purpose
        sys.exit(f"dump_claims: {' '.join(args[:4])}... failed ({done.returncode}): {done.stderr.strip()[-500:]}")


def dump(name: str, folder: Path, work: Path) -> list[str]:
    db, out = work / f"{name}.db", work / f"{name}.jsonl"
    run(["frontclaims", "--db", str(db), "ingest", "-q", str(folder)])
    run(["frontclaims", "--db", str(db), "export", "--format", "jsonl", "--out", str(out)])
    lines = []
    for line in out.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        row["article"] = Path(row["article"]).name
        cells = [name] + ["" if row.get(f) is None else str(row[f]) for f in FIELDS]
        cells.append(" ".join(row["sentence"].split()[:12]))
        lines.append("\t".join(c.replace("\t", " ").replace("\n", " ") for c in cells))
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / ".dumps" / "claims.tsv")
    parser.add_argument("--composed", action="store_true",
                        help="also score the composed corpus (tests/data/composed), without dumping its claims")
    args = parser.parse_args()
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, folder in INPUTS.items():
            if folder.is_dir():
                lines += dump(name, folder, Path(tmp))
        lines.sort(key=lambda s: (s.split("\t")[0], s.split("\t")[1], int(s.split("\t")[2] or 0), s))
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(lines)} claims written to {args.out}")
        scorer, gold = SHARED / "tools" / "score_claims.py", SHARED / "corpus" / "gold.jsonl"
        if scorer.is_file() and INPUTS["corpus"].is_dir():
            csv_out = Path(tmp) / "corpus.csv"
            run(["frontclaims", "--db", str(Path(tmp) / "corpus.db"), "export", "--format", "csv",
                 "--out", str(csv_out)])
            done = subprocess.run([sys.executable, str(scorer), str(csv_out), str(gold)], capture_output=True,
                                  text=True)
            print(done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr.strip())
        if args.composed:
            db, csv_out = Path(tmp) / "composed.db", Path(tmp) / "composed.csv"
            run(["frontclaims", "--db", str(db), "ingest", "-q", str(COMPOSED / "articles")])
            run(["frontclaims", "--db", str(db), "export", "--format", "csv", "--out", str(csv_out)])
            done = subprocess.run([sys.executable, str(ROOT / "scripts" / "score_claims.py"), str(csv_out),
                                   str(COMPOSED / "gold.jsonl")], capture_output=True, text=True)
            print("composed: " + done.stdout.strip().splitlines()[-1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
