"""The yardstick for `frontclaims export`: the same rows in the same order, from an SQLite cursor
straight into Python's csv writer, with no formatting and no formula neutralising.

    python benchmarks/plain_export.py STORE OUT.csv
"""

from __future__ import annotations

import csv
import sqlite3
import sys

from frontclaims.export import COLUMNS
from frontclaims.store import TIMELINE_ORDER


def main() -> None:
    store, out = sys.argv[1], sys.argv[2]
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    columns = ", ".join(f'"{c}"' for c in COLUMNS)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        writer.writerows(db.execute(f"SELECT {columns} FROM claims ORDER BY {TIMELINE_ORDER}"))


if __name__ == "__main__":
    main()
