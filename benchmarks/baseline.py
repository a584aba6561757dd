"""The yardstick for ingest: the trained pipeline alone, without frontclaims' components, over every article's text.

Prints one JSON object: words, articles, model load time and the time `nlp.pipe` took (load excluded).

    python benchmarks/baseline.py CORPUS_DIR
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from frontclaims.nlp import load_trained


def main() -> None:
    start = time.perf_counter()
    nlp = load_trained()
    loaded = time.perf_counter()
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
    begin = time.perf_counter()
    for _doc in nlp.pipe(texts):
        pass
    seconds = time.perf_counter() - begin
    print(json.dumps({"words": sum(len(t.split()) for t in texts), "articles": len(texts),
                      "load_seconds": loaded - start, "seconds": seconds, "pipeline": nlp.pipe_names}))


if __name__ == "__main__":
    main()
