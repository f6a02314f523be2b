"""Draw asserted council pairs (the shared-boards query) at random, with a fixed seed, and print each
with its evidence sentence, for reading: is the pair really tied to the body by that sentence?

    python bench/precision_sample.py --store cskg-store            # a store built by `cskg ingest`
    python bench/precision_sample.py --corpus ../shared/corpus/reports  # ingest into memory first
    python bench/precision_sample.py --corpus … --council-from-folder  # organisations only

--council-from-folder skips the framework parsers: each report's council is read from its folder
name (corpus/reports/<council>/<published>.pdf) and only the organisation extraction runs, so the
sample can be drawn while a framework parser is missing or broken.
"""

from __future__ import annotations

import argparse
import random
import sys
import textwrap
from dataclasses import replace
from datetime import date
from pathlib import Path

from cskg.graph.ingest import ensure_base_graphs, ingest
from cskg.graph.mapping import map_record
from cskg.graph.stores import open_store
from cskg.graph.stores.base import Store
from cskg.loaders.authorities import authority_index
from cskg.loaders.errors import RejectedInput
from cskg.loaders.organisations import extract_organisations
from cskg.loaders.readers import read_document
from cskg.loaders.records import ReportRecord
from cskg.queries import load_query

SEED = 20261122
SAMPLE = 50


def organisations_only(corpus: Path, store: Store) -> int:
    """Map each report's organisation mentions alone; returns the number of reports loaded."""
    ensure_base_graphs(store)
    index = authority_index()
    loaded = 0
    for path in sorted(corpus.rglob("*.pdf")) + sorted(corpus.rglob("*.txt")):
        folder = path.parent.name.replace("-", " ")
        council = index.resolve_code(folder) or index.find_in(folder)
        if council is None:
            print(f"skipped {path}: folder {path.parent.name!r} names no council", file=sys.stderr)
            continue
        try:
            doc = read_document(path)
        except RejectedInput as exc:
            print(f"skipped {path}: {exc.reason}", file=sys.stderr)
            continue
        try:
            published = date.fromisoformat(path.stem[:10])
        except ValueError:
            published = None
        record = ReportRecord(source=path.relative_to(corpus).as_posix(), sha256=doc.sha256,
                              media_type=doc.media_type, framework="unknown", authority_code=council.gss,
                              authority_name=council.name, published=published)
        mapped = map_record(replace(record, organisations=extract_organisations(doc, record)))
        store.replace_graph(str(mapped.graph_uri), mapped.graph.serialize(format="nt"))
        loaded += 1
    return loaded


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--store", help="an existing store location")
    source.add_argument("--corpus", type=Path, help="a folder of reports to ingest into memory")
    parser.add_argument("--council-from-folder", action="store_true",
                        help="with --corpus: organisations only, council from the folder name")
    parser.add_argument("--n", type=int, default=SAMPLE, help=f"pairs to draw (default {SAMPLE})")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)

    if args.store:
        store = open_store(args.store, read_only=True)
    else:
        store = open_store(":memory:")
        if args.council_from_folder:
            organisations_only(args.corpus, store)
        else:
            ingest([args.corpus], store)
    rows = load_query("shared-boards").run(store).as_dicts()
    drawn = random.Random(args.seed).sample(rows, min(args.n, len(rows)))
    print(f"{len(rows)} asserted pairs; {len(drawn)} drawn with seed {args.seed}\n")
    for number, row in enumerate(drawn, start=1):
        print(f"{number:>2}. {row['authority_a']} ({row['authority_a_code']}) + {row['authority_b']} "
              f"({row['authority_b_code']})\n    body: {row['body']} [{row['kind']}]\n    source: {row['source']}")
        print(textwrap.indent(textwrap.fill(row["evidence"], 100), "    | "))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
