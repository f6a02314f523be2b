"""Per-field precision and recall of cskg's extraction against the field-level truth people read from the
reports (tests/data/field_truth/*.json; how items are matched: tests/field_truth.py).

    python bench/field_accuracy.py [--details] [--jobs N] [NAME ...]

Prints one row per field (findings, recommendations, team, previous inspections, statistics) over every
truth file (or the named ones), and with --details each truth item missed and each extracted item the
truth lacks, so a disagreement can be read against the PDF: the truth corrected, or the parser fixed.
"""

from __future__ import annotations

import argparse
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.field_truth import FIELDS, score_truth, table, total, truths  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="truth files to score (default: all)")
    parser.add_argument("--details", action="store_true", help="print every disagreement")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    labelled = [t for t in truths() if not args.names or any(n in t.name for n in args.names)]
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        scores = list(pool.map(score_truth, labelled))
    summed = total(scores)
    print(f"{len(labelled)} truth files")
    print(table(summed))
    if args.details:
        for name in FIELDS:
            score = summed[name]
            if score.misses or score.extras:
                print(f"\n== {name}")
                print("\n".join([f"  missed {m}" for m in score.misses] + [f"  extra  {e}" for e in score.extras]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
