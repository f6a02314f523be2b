"""Does export memory stay flat as the graph grows? Measure every export format on a store of N
synthetic reports and on one of 4N.

    /work/.venv/bin/python bench/export_memory.py [--reports 60] [--formats gexf nq ...]

Each export runs in a fresh process that opens the on-disk store read-only, so one export's
memory does not hide another's. Reported per format and size:
  rss_peak_mib  peak resident memory during the export above the memory before it (Linux
                VmHWM, reset just before the export through /proc/self/clear_refs)
  py_peak_mib   peak of Python allocations during the export (tracemalloc; the store's own
                Rust allocations are not traced, RSS covers them)
  out_mib       size of what was written (to a counting sink, nothing is kept)
The `scan` row reads every quad once and writes nothing: the store's own read cost (its block
cache and memory-mapped files), the floor under any full dump.
The synthetic reports are generated text (no report prose): each has 5 judgements, 120
findings, 10 recommendations and mentions of the council's own boards and of bodies shared with
a neighbouring council, so the 4N store has four times the reports, triples and evidence, over
the same councils and bodies.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

FORMATS = ("gexf", "gexf@inspections", "graphml", "graphml@inspections", "csv", "csv@inspections", "ttl", "nt",
           "nq", "trig", "jsonld", "summary-csv", "summary-xlsx")
# Reading every quad once without exporting anything: the store's own read cache, the floor of
# what any full dump costs.
SCAN = "scan"
MIB = 1024 * 1024


class CountingSink(io.RawIOBase):
    """A binary stream that only counts bytes, so the output itself takes no memory."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def write(self, data) -> int:  # type: ignore[override]
        self.count += len(data)
        return len(data)

    def writable(self) -> bool:
        return True


def _status(field: str) -> int:
    """A /proc/self/status memory field in bytes (0 where /proc is absent)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _reset_peak() -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
    except OSError:
        pass


def synthetic_records(count: int):
    from cskg.loaders.authorities import authority_index
    from cskg.loaders.records import (Evidence, Finding, Inspector, Judgement, Member, OrganisationMention,
                                      Recommendation, ReportRecord)

    councils = [a for a in authority_index().authorities if a.status == "current"]
    grades = ["outstanding", "good", "requires improvement to be good", "inadequate"]
    areas = ["overall-effectiveness", "impact-of-leaders", "help-and-protection", "children-in-care", "care-leavers"]
    for i in range(count):
        council = councils[i % len(councils)]
        partner = councils[(i + 1) % len(councils)]
        copy = i // len(councils)
        start = date(2018, 1, 8) + timedelta(days=7 * (i % 300) + 400 * copy)
        offset = 0

        def ev(text: str, section: str) -> Evidence:
            nonlocal offset
            offset += len(text) + 1
            return Evidence(text, offset - len(text) - 1, offset - 1, page=1 + offset // 3000,
                            paragraph=offset // 400, section=section)

        judgements = tuple(
            Judgement(area, area.replace("-", " "), grades[(i + k) % 4], (i + k) % 4 + 1,
                      ev(f"Synthetic judgement {k} of report {i}: {grades[(i + k) % 4]}.", "Judgements"))
            for k, area in enumerate(areas))
        findings = tuple(
            Finding(n, f"Synthetic finding {n} of synthetic report {i} about council {council.gss}, "
                       f"long enough to weigh like a real paragraph of findings text. " * 3,
                    ev(f"Synthetic finding {n} of report {i}.", "Findings"), area=areas[n % 5])
            for n in range(1, 121))
        recommendations = tuple(
            Recommendation(n, f"Synthetic recommendation {n} of report {i}.",
                           ev(f"Synthetic recommendation {n} of report {i}.", "Recommendations"))
            for n in range(1, 11))
        organisations = (
            OrganisationMention(f"{council.name} Safeguarding Children Partnership", "safeguarding-partnership",
                                ev(f"Synthetic sentence {i} naming the partnership.", "Leaders"),
                                key=f"safeguarding-partnership/{council.gss}",
                                members=(Member(council.gss, "member"),)),
            OrganisationMention(f"{council.name} and {partner.name} Child Death Overview Panel", "cdop",
                                ev(f"Synthetic sentence {i} naming a joint panel.", "Leaders"),
                                key=f"cdop/{'+'.join(sorted((council.gss, partner.gss)))}",
                                members=(Member(council.gss, "joint"), Member(partner.gss, "joint"))),
            OrganisationMention(f"{council.name} front door", "front-door",
                                ev(f"Synthetic sentence {i} naming the front door.", "Help"),
                                key=f"front-door/{council.gss}", members=(Member(council.gss, "member"),)),
        )
        yield ReportRecord(
            source=f"synthetic/{i}.txt", sha256=f"{i:064d}", media_type="text/plain",
            framework="ILACS-standard", authority_code=council.gss, authority_name=council.name,
            inspection_start=start, inspection_end=start + timedelta(days=11),
            published=start + timedelta(days=50), inspectors=(Inspector(f"Inspector {i % 17}", "lead"),),
            judgements=judgements, findings=findings, recommendations=recommendations,
            organisations=organisations)


def build_store(path: Path, reports: int) -> int:
    from cskg.graph.ingest import ensure_base_graphs
    from cskg.graph.mapping import map_record
    from cskg.graph.stores import OxigraphStore

    store = OxigraphStore(path)
    ensure_base_graphs(store)
    for record in synthetic_records(reports):
        mapped = map_record(record)
        store.replace_graph(str(mapped.graph_uri), mapped.graph.serialize(format="nt"))
    quads = store.count_quads()
    store.close()
    return quads


def child(location: str, fmt: str) -> None:
    from cskg.api.exports import export
    from cskg.graph.stores import OxigraphStore

    store = OxigraphStore(location, read_only=True)
    export(store, "summary-csv", CountingSink())  # warm imports and caches so they do not count
    sink = CountingSink()
    tracemalloc.start()
    _reset_peak()
    before = _status("VmRSS")
    started = time.perf_counter()
    name, _, view = fmt.partition("@")
    if name == SCAN:
        for _ in store.native.quads_for_pattern(None, None, None, None):  # read every quad, write nothing
            pass
    else:
        export(store, name, sink, view=view or "organisations")
    seconds = time.perf_counter() - started
    peak = _status("VmHWM")
    _, py_peak = tracemalloc.get_traced_memory()
    print(json.dumps({"rss_peak": max(0, peak - before), "py_peak": py_peak, "bytes": sink.count,
                      "seconds": seconds}))


def measure(location: Path, fmt: str) -> dict:
    result = subprocess.run([sys.executable, __file__, "--child", str(location), fmt],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=60, help="N: reports in the small store (default 60)")
    parser.add_argument("--formats", nargs="+", default=[SCAN, *FORMATS], choices=[SCAN, *FORMATS])
    parser.add_argument("--child", nargs=2, metavar=("STORE", "FORMAT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory(prefix="cskg-bench-") as tmp:
        sizes = {}
        for scale in (1, 4):
            started = time.perf_counter()
            sizes[scale] = build_store(Path(tmp) / f"x{scale}", args.reports * scale)
            print(f"store of {args.reports * scale} reports: {sizes[scale]} quads "
                  f"(built in {time.perf_counter() - started:.1f} s)", file=sys.stderr)
        print(f"{'format':<20}{'rss_peak_mib N':>15}{'4N':>8}{'py_peak_mib N':>15}{'4N':>8}"
              f"{'out_mib N':>11}{'4N':>8}{'seconds N':>11}{'4N':>7}")
        for fmt in args.formats:
            small, large = (measure(Path(tmp) / f"x{scale}", fmt) for scale in (1, 4))
            print(f"{fmt:<20}{small['rss_peak'] / MIB:>15.1f}{large['rss_peak'] / MIB:>8.1f}"
                  f"{small['py_peak'] / MIB:>15.2f}{large['py_peak'] / MIB:>8.2f}"
                  f"{small['bytes'] / MIB:>11.1f}{large['bytes'] / MIB:>8.1f}"
                  f"{small['seconds']:>11.2f}{large['seconds']:>7.2f}", flush=True)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
