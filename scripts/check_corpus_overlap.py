"""Test text that shares a run of five words with real articles (the shared corpus and the seeds):
such a sentence locks a rule fitted to those articles into the tests, so it should be replaced by
one composed for the test.

    python scripts/check_corpus_overlap.py              # ../shared/corpus/articles and seeds/
    python scripts/check_corpus_overlap.py --corpus DIR --corpus seeds tests/test_lexicon.py

It reads the string literals of the test modules and the lines of the text and JSON-lines
fixtures, and prints each one that shares a five-word run with a corpus article, then the count.
The corpus is only read, never copied: the report shows the test's own text.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN = 5
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


def words(text: str) -> list[str]:
    return [w.replace("’", "'") for w in _WORD.findall(text.lower())]


def runs(text: str) -> set[tuple[str, ...]]:
    ws = words(text)
    return {tuple(ws[i:i + RUN]) for i in range(len(ws) - RUN + 1)}


def test_texts(path: Path) -> Iterator[tuple[int, str]]:
    """(line, text) of each string literal of a Python file, or each line of a text file."""
    if path.suffix == ".py":
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield node.lineno, node.value
    else:
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            yield number, line


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append",
                        help="a folder of real articles (repeatable; default: the shared corpus and seeds/)")
    parser.add_argument("paths", nargs="*", type=Path, default=[ROOT / "tests"])
    args = parser.parse_args()
    # the shared folder sits beside the checkout, or one level up from a git worktree (as dump_claims finds it)
    shared = next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared" / "corpus").is_dir()),
                  ROOT.parent / "shared")
    folders = args.corpus or [shared / "corpus" / "articles", ROOT / "seeds"]
    missing = [str(f) for f in folders if not f.is_dir()]
    if missing:
        sys.exit(f"check_corpus_overlap: no folder at {', '.join(missing)} (use --corpus)")
    corpus: set[tuple[str, ...]] = set()
    for article in sorted(a for folder in folders for a in folder.rglob("*.txt")):
        corpus |= runs(article.read_text(encoding="utf-8", errors="replace"))
    files = [f for p in args.paths for f in ([p] if p.is_file() else sorted(p.rglob("*")))
             if f.is_file() and f.suffix in (".py", ".txt", ".jsonl")]
    count = 0
    for path in files:
        for line, text in test_texts(path):
            shared = runs(text) & corpus
            if shared:
                count += 1
                print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}:{line}: "
                      f"{len(shared)} shared run(s): {' '.join(text.split())[:100]}")
    print(f"{count} test text(s) share a run of {RUN} words with the corpus")
    return 0


if __name__ == "__main__":
    sys.exit(main())
