"""How long ingesting the corpus takes beside bare pypdfium2 text extraction of the same files.

    python bench/throughput.py [--corpus ../shared/corpus/reports] [--jobs N] [--store disk|memory|both] [--scratch DIR]

Four timings in one run, each over the same PDFs with the same number of worker processes:
  1. bare: open each PDF with pypdfium2 and extract every page's text, nothing else;
  2. read: cskg's reader (read_document: text, line styles, running headers, blocks);
  3. load: read_document + framework parse (cskg.loaders.load_record), no graph;
  4. ingest: cskg.graph.ingest.ingest into a store, on disk (Oxigraph's RocksDB, as `cskg ingest`) and
     in memory: reading, parsing, mapping, SHACL validation and the store writes.
Prints each time and its ratio to bare extraction; the target for ingest is 2.0 or less.
No timing here is asserted by the tests: machines differ.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REPORTS = Path(os.environ.get("CSKG_SHARED", ROOT.parent / "shared")) / "corpus" / "reports"
TARGET = 2.0


def corpus_pdfs(folder: Path) -> list[str]:
    files = sorted(str(p) for p in folder.rglob("*.pdf"))
    if not files:
        raise SystemExit(f"no PDFs under {folder}: give the reports folder with --corpus")
    return files


def bare_extract(path: str) -> int:
    """Pages of one PDF extracted with pypdfium2 alone; 0 for a file pdfium cannot open."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError:
        return 0
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        return len(pdf)
    finally:
        pdf.close()


def read_only(path: str) -> int:
    from cskg.loaders import RejectedInput
    from cskg.loaders.readers import read_document

    try:
        return len(read_document(Path(path)).blocks)
    except RejectedInput:
        return -1


def load_only(path: str) -> str:
    from cskg.loaders import RejectedInput, load_record

    try:
        return load_record(path).framework
    except RejectedInput:
        return "rejected"


def _warm_up(pool: ProcessPoolExecutor, jobs: int, sample: str) -> None:
    """Start every worker and import what it needs, so start-up is not billed to the first timing."""
    list(pool.map(load_only, [sample] * jobs))


def timed_map(function, files: list[str], jobs: int, sample: str) -> tuple[float, list]:
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        _warm_up(pool, jobs, sample)
        start = time.perf_counter()
        results = list(pool.map(function, files, chunksize=2))
        return time.perf_counter() - start, results


def timed_ingest(reports: Path, jobs: int, location: str) -> tuple[float, int, int]:
    from cskg.graph.ingest import ingest
    from cskg.graph.stores import open_store

    store = open_store(location)
    try:
        start = time.perf_counter()
        summary = ingest([reports], store, jobs=jobs)
        return time.perf_counter() - start, len(summary.loaded), len(summary.rejected)
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_REPORTS, help="folder of report files")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--store", choices=("disk", "memory", "both"), default="both",
                        help="ingest into an on-disk store (what `cskg ingest` does), in memory, or both (default)")
    parser.add_argument("--scratch", type=Path, default=None,
                        help="folder for the on-disk store (a temporary folder inside it; default the system's)")
    parser.add_argument("--skip-ingest", action="store_true", help="time only bare extraction and loading")
    args = parser.parse_args(argv)

    files = corpus_pdfs(args.corpus)
    print(f"{len(files)} PDFs under {args.corpus}, {args.jobs} worker processes")

    bare, pages = timed_map(bare_extract, files, args.jobs, files[0])
    print(f"bare pypdfium2 text extraction: {bare:7.2f} s  ({sum(pages)} pages)")
    read, _ = timed_map(read_only, files, args.jobs, files[0])
    print(f"read + segment (read_document): {read:7.2f} s  ratio {read / bare:.2f}")
    load, frameworks = timed_map(load_only, files, args.jobs, files[0])
    rejected = sum(1 for f in frameworks if f == "rejected")
    print(f"read + parse (load_record):     {load:7.2f} s  ratio {load / bare:.2f}  ({rejected} rejected)")
    if args.skip_ingest:
        return 0
    ratios = []
    for kind in ("disk", "memory") if args.store == "both" else (args.store,):
        if kind == "memory":
            ingest_time, loaded, rejected = timed_ingest(args.corpus, args.jobs, ":memory:")
        else:
            with tempfile.TemporaryDirectory(dir=args.scratch) as folder:
                ingest_time, loaded, rejected = timed_ingest(args.corpus, args.jobs, folder)
        ratios.append(ingest_time / bare)
        label = f"full ingest ({kind} store):"
        print(f"{label:32}{ingest_time:7.2f} s  ratio {ratios[-1]:.2f}  ({loaded} loaded, {rejected} rejected)")
    met = max(ratios) <= TARGET
    print(f"target: ingest within {TARGET:.1f}x of bare extraction -> {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
