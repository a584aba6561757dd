"""The yardstick for ingest: the trained pipeline alone, without frontclaims' components, over every article's text.

Prints one JSON object: words, articles, model load time and the time `nlp.pipe` took (load excluded).
With --processes N, `nlp.pipe(..., n_process=N)`: the yardstick on as many cores as ingest's workers
(the time includes starting the N processes, as ingest's includes starting its workers).
With --numpy-blas the pipeline multiplies matrices as frontclaims has it do (`nlp.use_numpy_blas`),
which shows how much of ingest's lead comes from that choice alone.

    python benchmarks/baseline.py CORPUS_DIR [--processes N] [--numpy-blas]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # one process on one core, as each ingest worker is

from frontclaims.nlp import load_trained, use_numpy_blas  # noqa: E402  (after the thread setting)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--numpy-blas", action="store_true")
    args = parser.parse_args()
    if args.numpy_blas:
        use_numpy_blas()
    start = time.perf_counter()
    nlp = load_trained()
    loaded = time.perf_counter()
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.corpus.glob("*.txt"))]
    begin = time.perf_counter()
    for _doc in nlp.pipe(texts, n_process=args.processes):
        pass
    seconds = time.perf_counter() - begin
    print(json.dumps({"words": sum(len(t.split()) for t in texts), "articles": len(texts),
                      "load_seconds": loaded - start, "seconds": seconds, "processes": args.processes, "pipeline": nlp.pipe_names}))


if __name__ == "__main__":
    main()
