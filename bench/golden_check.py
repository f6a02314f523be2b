"""Capture, then check, that optimisations leave every output of the ingest pipeline unchanged.

    python bench/golden_check.py capture DIR [--jobs N]   # before a change: write DIR/golden.pickle
    python bench/golden_check.py check DIR [--jobs N]     # after it: compare, print differences

For every corpus PDF and every seed text it keeps the ReportRecords from cskg.loaders.load_records
(or the RejectedInput reason) and what cskg.graph.ingest.process_file returns for them:
the Loaded fields with the N-Triples as a sorted list of lines (line order is free: the store
parses them), or the Rejected reason. It also validates a damaged copy of each mapped graph
(a few triples dropped) so changes to SHACL validation are checked on failing graphs too.
Not a test: it needs the whole shared corpus and minutes of CPU.
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CSKG_SHARED", ROOT.parent / "shared"))


def inputs() -> list[tuple[str, str]]:
    corpus = SHARED / "corpus" / "reports"
    files = [(str(p), p.relative_to(corpus).as_posix()) for p in sorted(corpus.rglob("*.pdf"))]
    files += [(str(p), p.name) for p in sorted((SHARED / "seeds").glob("*.txt"))]
    return files


def _damaged_violations(graph) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    """Violations of the graph with every 7th triple (in sorted order) and all labels of one
    kind removed: deterministic damage that breaks min-count and typing shapes."""
    from rdflib import Graph
    from rdflib.namespace import RDF

    from cskg.graph.validate import validate_graph

    kept = Graph()
    for index, triple in enumerate(sorted(graph)):
        if index % 7 != 3 or triple[1] == RDF.type and index % 2:
            kept.add(triple)
    return validate_graph(kept).violations


def outputs(item: tuple[str, str]) -> dict:
    from cskg.graph import ingest
    from cskg.graph.mapping import map_record
    from cskg.loaders import RejectedInput, load_records

    path, source = item
    out: dict = {"source": source}
    try:
        records = load_records(path, source)
    except RejectedInput as exc:
        out["rejected"] = exc.reason
        return out
    out["records"] = records
    original = ingest.load_records
    ingest.load_records = lambda _path, _source: records  # reuse the records: one load per file
    try:
        results = ingest.process_file(Path(path), source)
    finally:
        ingest.load_records = original
    out["loaded"] = [(r.source, r.key, r.graph, r.triples, r.framework, r.authority, sorted(r.ntriples.splitlines()))
                     for r in results if isinstance(r, ingest.Loaded)]
    out["process_rejected"] = [r.reason for r in results if isinstance(r, ingest.Rejected)]
    out["damaged"] = [_damaged_violations(map_record(record).graph) for record in records]
    return out


def collect(jobs: int) -> dict[str, dict]:
    items = inputs()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return {out["source"]: out for out in pool.map(outputs, items, chunksize=2)}


def _first_difference(a: object, b: object, where: str = "") -> str:
    from dataclasses import fields, is_dataclass

    if is_dataclass(a) and type(a) is type(b):
        for f in fields(a):  # type: ignore[arg-type]
            x, y = getattr(a, f.name), getattr(b, f.name)
            if x != y:
                return _first_difference(x, y, f"{where}.{f.name}")
    if isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)):
        if len(a) != len(b):
            return f"{where}: length {len(a)} != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return _first_difference(x, y, f"{where}[{i}]")
    return f"{where}: {a!r:.300} != {b!r:.300}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=("capture", "check"))
    parser.add_argument("folder", type=Path)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    golden_file = args.folder / "golden.pickle"
    current = collect(args.jobs)
    if args.mode == "capture":
        args.folder.mkdir(parents=True, exist_ok=True)
        golden_file.write_bytes(pickle.dumps(current))
        print(f"captured {len(current)} files to {golden_file}")
        return 0
    golden = pickle.loads(golden_file.read_bytes())
    differing = 0
    for source in sorted(set(golden) | set(current)):
        old, new = golden.get(source), current.get(source)
        if old == new:
            continue
        differing += 1
        if old is None or new is None:
            print(f"{source}: only in {'current' if old is None else 'golden'}")
            continue
        for part in sorted(set(old) | set(new)):
            if old.get(part) != new.get(part):
                print(f"{source} {part}: {_first_difference(old.get(part), new.get(part))}")
    print(f"{len(current)} files, {differing} differ from the golden outputs")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
