"""Where ingest's time goes: CPU seconds of each step over the corpus, in one process, beside bare extraction.

    python bench/ingest_steps.py [--corpus ../shared/corpus/reports] [--scratch DIR]

Each PDF goes through the steps of `cskg ingest` one at a time, each step timed on its own (process CPU
time): bare pypdfium2 extraction (the reference), reading (read_document), framework detection and
parse, organisation extraction, mapping to triples, SHACL validation, N-Triples serialisation. The
graphs are then written to a fresh on-disk store and a fresh in-memory one as ingest writes them
(graph.ingest.BatchWriter, ~50,000 triples a write). Prints every step's CPU seconds and ratio to bare extraction.

The last line is the floor of the issue's ratio: bare extraction plus the two steps every ingest must
take whatever its parser costs (SHACL validation of each report, the store write), over bare extraction.
With all cores busy on both sides, CPU seconds divide alike, so bench/throughput.py's ingest ratio
cannot fall below this floor unless those two steps get cheaper. No timing here is asserted by the tests.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import DEFAULT_REPORTS, TARGET, bare_extract, corpus_pdfs

if TYPE_CHECKING:
    from cskg.graph.ingest import Loaded

STEPS = ("bare extraction", "read", "detect + parse", "organisations", "map", "SHACL validation", "N-Triples")


def step_times(files: list[str]) -> tuple[dict[str, float], list[Loaded]]:
    """CPU seconds per step over `files`, and each report as ingest's workers hand it to the store writer."""
    from cskg.graph.ingest import Loaded, start_worker
    from cskg.graph.mapping import map_record
    from cskg.graph.report_store import ntriples
    from cskg.graph.validate import validate_graph, warm_up
    from cskg.loaders import RejectedInput
    from cskg.loaders.frameworks import detect
    from cskg.loaders.organisations import extract_organisations
    from cskg.loaders.readers import read_document

    start_worker()  # the garbage-collector settings of ingest's workers
    warm_up()
    spent = dict.fromkeys(STEPS, 0.0)
    graphs: list[Loaded] = []
    clock = time.process_time
    for path in files:
        start = clock()
        bare_extract(path)
        spent["bare extraction"] += clock() - start
        start = clock()
        try:
            doc = read_document(Path(path))
        except RejectedInput:
            spent["read"] += clock() - start
            continue
        spent["read"] += clock() - start
        start = clock()
        _, parser = detect(doc)
        record = parser.parse(doc, Path(path).name)
        spent["detect + parse"] += clock() - start
        start = clock()
        record = replace(record, organisations=record.organisations + extract_organisations(doc, record))
        spent["organisations"] += clock() - start
        start = clock()
        mapped = map_record(record)
        spent["map"] += clock() - start
        start = clock()
        if not validate_graph(mapped.graph).conforms:
            raise SystemExit(f"{path}: the graph does not conform; run `cskg ingest` on it to see why")
        spent["SHACL validation"] += clock() - start
        start = clock()
        text = ntriples(mapped.graph)
        spent["N-Triples"] += clock() - start
        graphs.append(Loaded(Path(path).name, mapped.key, str(mapped.graph_uri), text, len(mapped.graph),
                             record.framework, record.authority_name))
    return spent, graphs


def write_time(location: str, graphs: list[Loaded]) -> float:
    """CPU seconds to write the graphs to a fresh store with ingest's own batching writer."""
    from cskg.graph.ingest import BatchWriter
    from cskg.graph.stores import open_store

    store = open_store(location)
    try:
        start = time.process_time()
        writer = BatchWriter(store, lambda _: None)
        for loaded in graphs:
            writer.write(loaded)
        writer.flush()
        if hasattr(store, "flush"):
            store.flush()
        return time.process_time() - start
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_REPORTS, help="folder of report files")
    parser.add_argument("--scratch", type=Path, default=None, help="folder for the on-disk store's temporary folder")
    args = parser.parse_args(argv)
    files = corpus_pdfs(args.corpus)
    print(f"{len(files)} PDFs under {args.corpus}, one process, CPU seconds")
    spent, graphs = step_times(files)
    with tempfile.TemporaryDirectory(dir=args.scratch) as folder:
        spent["store write (on disk)"] = write_time(folder, graphs)
    spent["store write (in memory)"] = write_time(":memory:", graphs)
    bare = spent["bare extraction"]
    for step, seconds in spent.items():
        print(f"{step:26}{seconds:7.2f} s  ratio {seconds / bare:5.2f}")
    for kind in ("on disk", "in memory"):
        everything = sum(v for k, v in spent.items() if k != "bare extraction" and not k.startswith("store")) \
            + spent[f"store write ({kind})"]
        floor = bare + spent["SHACL validation"] + spent[f"store write ({kind})"]
        print(f"{kind:9}: all steps {everything / bare:4.2f}x bare; floor (bare + SHACL + store write) "
              f"{floor / bare:4.2f}x, target {TARGET:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
