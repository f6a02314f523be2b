"""What re-ingesting an unchanged corpus costs beside a full ingest, run as a user runs `cskg ingest`.

    python bench/incremental_ingest.py [--shared ../shared] [--jobs N] [--scratch DIR] [--force]

Timings in one run, each a fresh `cskg ingest SEEDS CORPUS --store DIR` process (start-up included):
  1. full: into an empty on-disk store (read, parse, validate, write, compact, build the text index);
  2. again: the same files, unchanged: each is skipped by its SHA-256 before it is read;
  3. with --force, the same files read again in full (the cost the skip saves).
Prints each wall and CPU time (the ingest's and its workers') and again/full for both; the issue's target
is 0.05 or less. No test asserts a timing.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = Path(os.environ.get("CSKG_SHARED", ROOT.parent / "shared"))
TARGET = 0.05


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # the ingest and its worker processes, once reaped
    return usage.ru_utime + usage.ru_stime


def timed_ingest(paths: list[Path], store: Path, jobs: int | None, *extra: str) -> tuple[float, float, str]:
    command = [sys.executable, "-m", "cskg.cli", "ingest", *map(str, paths), "--store", str(store), "--quiet", *extra]
    if jobs:
        command += ["--jobs", str(jobs)]
    began, cpu = time.perf_counter(), children_cpu()
    done = subprocess.run(command, capture_output=True, text=True)
    elapsed, cpu = time.perf_counter() - began, children_cpu() - cpu
    if done.returncode not in (0, 1):  # 1: some files rejected (the corpus holds two HTML pages)
        raise SystemExit(f"cskg ingest failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed, cpu, done.stdout.splitlines()[0] if done.stdout else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--scratch", type=Path, default=None, help="folder for the store (default: a temporary one)")
    parser.add_argument("--force", action="store_true", help="also time a re-ingest with --force")
    args = parser.parse_args()
    paths = [args.shared / "seeds", args.shared / "corpus" / "reports"]
    with tempfile.TemporaryDirectory(dir=args.scratch) as scratch:
        store = Path(scratch) / "store"
        full, full_cpu, full_line = timed_ingest(paths, store, args.jobs)
        print(f"full ingest:        {full:7.2f} s wall, {full_cpu:7.2f} s CPU   ({full_line})")
        again, again_cpu, again_line = timed_ingest(paths, store, args.jobs)
        print(f"unchanged, again:   {again:7.2f} s wall, {again_cpu:7.2f} s CPU   ({again_line})")
        if args.force:
            forced, forced_cpu, forced_line = timed_ingest(paths, store, args.jobs, "--force")
            print(f"again with --force: {forced:7.2f} s wall, {forced_cpu:7.2f} s CPU   ({forced_line})")
    # CPU seconds too: on a machine shared with other work, wall time mostly measures waiting for a core.
    for what, ratio in (("wall", again / full), ("CPU", again_cpu / full_cpu)):
        print(f"again / full ({what}) = {ratio:.3f} (target <= {TARGET}: {'met' if ratio <= TARGET else 'NOT met'})")


if __name__ == "__main__":
    main()
