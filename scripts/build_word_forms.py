#!/usr/bin/env python3
"""Build src/frontclaims/lexicon/forms.tsv: the inflected forms of every verb the lexicon names, from
lemminflect (pinned in the dev extra), so that no inflection is written by hand.

    python scripts/build_word_forms.py            # rewrite the file
    python scripts/build_word_forms.py --check    # exit 1 if a rebuild would change it

Run it after adding a verb to lexicon/claims.toml or lexicon/vocabulary.toml (a test fails until
you do). The output is deterministic.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lemminflect import getInflection

from frontclaims.lexicon import FORM_TAGS, FORMS_FILE, lexicon_verbs

HEADER = ("# The inflected forms of every verb the lexicon names, built by scripts/build_word_forms.py\n"
          "# from lemminflect. Do not edit by hand: run the script after adding a verb.\n")


def build(lemmas: frozenset[str]) -> str:
    """The text of forms.tsv for these verbs: a header, then lemma and each tag's forms, one verb a line."""
    lines = ["lemma\t" + "\t".join(FORM_TAGS)]
    for lemma in sorted(lemmas):
        lines.append("\t".join([lemma, *(" ".join(getInflection(lemma, tag, inflect_oov=True)) for tag in FORM_TAGS)]))
    return HEADER + "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the existing file instead of writing")
    args = parser.parse_args()
    text = build(lexicon_verbs())
    target = Path(str(FORMS_FILE))
    if args.check:
        if target.read_text(encoding="utf-8") != text:
            print(f"{target} is out of date: run python scripts/build_word_forms.py", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote the forms of {len(text.splitlines()) - 3} verbs to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
