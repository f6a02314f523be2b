"""Issue 17's serving targets in one run on one store, each measured by the bench that owns it.

    python bench/serving.py --store cskg-store            # a store built by `cskg ingest ../shared/...`
    python bench/serving.py --store cskg-store --quick    # fewer repeats, a shorter load, a 3x corpus

Runs one after another (run it with nothing else on the machine):
  search_bench.py   text search through the index against today's scan (target: p95 <= 10 ms, >= 10x faster)
  query_bench.py    every named query's first page over HTTP, the server reading the store in place (p95 <= 30 ms)
  serve_memory.py   start-up and memory of `cskg serve` against `oxigraph serve` in memory and on disk after the same
                    mixed load (RSS within 1.5x)
  live_update.py    start-up (first answer within 2 s) and how long after an ingest it is served (within 5 s)
  scale.py          the 1x/10x growth table (cost at most linear in the data; one council's lookups flat)
Each bench's whole output is printed as it runs; then, under one heading, the lines that state each target and,
from the growth table, the largest 10x/1x ratio of the whole-corpus queries and of one council's lookups. A bench
that fails is named with its exit status and the others still run. No number here is asserted by a test.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
# A row of scale.py's growth table: label, 1x ms, Nx ms, ratio, rows at 1x / Nx.
_GROWTH_ROW = re.compile(r"^(?P<label>.{52}) +(?P<small>[\d.]+) +(?P<large>[\d.]+) +(?P<ratio>[\d.]+)  "
                         r"(?P<rows>\d+ / \d+)$")


@dataclass(frozen=True)
class Step:
    script: str
    argv: tuple[str, ...]
    summary: re.Pattern[str]  # the lines of its output that state a target


def steps(store: str, quick: bool) -> list[Step]:
    return [
        Step("search_bench.py", ("--store", store, "--rounds", "10" if quick else "30"), re.compile(r"^search: ")),
        Step("query_bench.py", ("--store", store, "--repeat", "5" if quick else "20"),
             re.compile(r"^(?:worst first-page|whole answers)")),
        Step("serve_memory.py", ("--store", store, "--duration", "10" if quick else "30",
                                 *(("--servers", "oxigraph-disk", "cskg") if quick else ())),
             re.compile(r"^(?:server |oxigraph |cskg)")),
        Step("live_update.py", ("--store", store), re.compile(r"^(?:start-up|live update)")),
        Step("scale.py", ("--store", store, "--factor", "3" if quick else "10", "--repeat", "3" if quick else "5"),
             re.compile(r"^(?:quads|load|size MB|derived graph|text index)")),
    ]


def growth_summary(lines: list[str]) -> list[str]:
    """The largest time ratio among the whole-corpus rows and among one council's lookups of scale.py's table,
    each with its rows at 1x and Nx (the copies share the bodies, so shared-body answers grow faster than the data)."""
    whole, one = [], []
    for line in lines:
        row = _GROWTH_ROW.match(line)
        if row is None:
            continue
        label, ratio = row.group("label").strip(), float(row.group("ratio"))
        (one if "authority=" in label else whole).append((ratio, label, row.group("rows")))
    out = []
    for rows, what in ((whole, "a whole-corpus query or search"), (one, "one council's lookups")):
        if rows:
            ratio, label, counted = max(rows)
            out.append(f"growth: largest time ratio of {what} {ratio:.1f} ({label}; rows {counted})")
    return out


def run(step: Step) -> tuple[int, list[str], float]:
    """Runs one bench, echoing its output; its exit status, its output's lines and its seconds."""
    print(f"\n==== {step.script} {' '.join(step.argv)}", flush=True)
    began = time.monotonic()
    process = subprocess.Popen([sys.executable, str(BENCH / step.script), *step.argv], stdout=subprocess.PIPE,
                               text=True, bufsize=1)
    lines = []
    assert process.stdout is not None
    for line in process.stdout:
        print(line, end="", flush=True)
        lines.append(line.rstrip("\n"))
    return process.wait(), lines, time.monotonic() - began


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", required=True, help="a store folder built by `cskg ingest` (read, not changed)")
    parser.add_argument("--quick", action="store_true", help="fewer repeats, a 10 s load, a 3x corpus (a smoke run)")
    args = parser.parse_args(argv)
    if not Path(args.store).is_dir():
        print(f"no store at {args.store}: build one with `cskg ingest ../shared/seeds ../shared/corpus/reports "
              f"--store {args.store}`", file=sys.stderr)
        return 2
    summary: list[str] = []
    failed = 0
    for step in steps(args.store, args.quick):
        status, lines, seconds = run(step)
        summary.append(f"-- {step.script} ({seconds:.0f} s){'' if status == 0 else f': FAILED, exit {status}'}")
        failed += status != 0
        summary += [line for line in lines if step.summary.match(line)]
        if step.script == "scale.py":
            summary += growth_summary(lines)
    print("\n==== issue 17's targets, as measured above")
    print("\n".join(summary))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
