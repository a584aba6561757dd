"""The yardstick for ingest: the trained pipeline alone, without frontclaims' components, over every article's text.

Prints one JSON object: words, articles, model load time and the time `nlp.pipe` took (load excluded).
With --numpy-blas the pipeline multiplies matrices as frontclaims has it do (`nlp.use_numpy_blas`),
which shows how much of ingest's lead comes from that choice alone.

    python benchmarks/baseline.py CORPUS_DIR [--numpy-blas]
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # one process on one core, as each ingest worker is

from frontclaims.nlp import load_trained, use_numpy_blas  # noqa: E402  (after the thread setting)


def main() -> None:
    if "--numpy-blas" in sys.argv[2:]:
        use_numpy_blas()
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
