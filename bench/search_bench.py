"""Text search through the full-text index against today's scan (a FILTER over every text), in one run.

    python bench/search_bench.py [--store DIR] [--shared ../shared] [--rounds N]

The store (a folder built by `cskg ingest`; without --store one is built from ../shared in a temporary
folder) is copied into memory as `cskg serve` serves it. For each word of the issue's list (neglect,
supervision, "private fostering", exploitation, LADO), interleaved over N rounds, in process:
  index      the text index's lookup alone (the IRIs a q= parameter binds);
  search     /search's work: its first page of 50 hits, newest first, with total. Scan: the findings and
             recommendations named queries with the text FILTER they held before the index (every text
             read and lower-cased), sorted; index: lookups.search (the index finds, counts, orders and
             pages, and holds what each hit shows);
  findings   the findings named query with q= (every matching row): the old FILTER sub-SELECT vs the
             index's IRIs bound by VALUES.
  tantivy    (when the tantivy package is installed: pip install -e '.[bench]') the same lookup in a
             tantivy index of the same texts, built in memory, for the choice between the two engines.
Prints p50 and p95 in ms and scan/index ratios; the issue's target: search p95 <= 10 ms and >= 10x faster
than the scan. Also the index's build time and size. No test asserts a timing.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rdflib import Literal

from cskg.api.lookups import search
from cskg.graph.stores import OxigraphStore
from cskg.graph.text_index import TextIndex
from cskg.queries import named_query

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = Path(os.environ.get("CSKG_SHARED", ROOT.parent / "shared"))
# The words, as an analyst types them into the index and as the old substring FILTER read them.
WORDS = (("neglect", "neglect"), ("supervision", "supervision"), ('"private fostering"', "private fostering"),
         ("exploitation", "exploitation"), ("LADO", "LADO"))
PAGE = 50
# The FILTER the q parameter ran before the index, put back into the text sub-SELECT it sat in.
SCAN_FILTER = "FILTER(CONTAINS(LCASE(?text), LCASE(STR(?q))))"


def scan_query(name: str, subject: str) -> str:
    """The named query with the FILTER after the statement that reads the subject's text."""
    sparql = named_query(name).sparql
    statement = re.search(rf"\{subject} cskg:text \?text\b[^.]*?\s\.(?=\s)", sparql)
    if statement is None:
        raise SystemExit(f"{name}.rq no longer reads '{subject} cskg:text ?text': update the bench's scan query")
    return f"{sparql[:statement.end()]}\n      {SCAN_FILTER}{sparql[statement.end():]}"


SCANS = {"findings": scan_query("findings", "?finding"),
         "recommendations": scan_query("recommendations", "?recommendation")}


def scan_search(store: OxigraphStore, words: str) -> tuple[int, list[dict]]:
    """/search as it was: both named queries with the FILTER, newest first, the first page."""
    rows = store.select(SCANS["findings"], {"q": Literal(words)}).as_dicts()
    rows += store.select(SCANS["recommendations"], {"q": Literal(words)}).as_dicts()
    rows.sort(key=lambda r: str(r["inspection_start"] or r["published"] or ""), reverse=True)
    return len(rows), rows[:PAGE]


def tantivy_lookup(texts: list[tuple[str, str, str]]) -> tuple[Callable[[str, str], object], float] | None:
    """A lookup of finding IRIs in a tantivy index of the same texts, and its build time; None without
    tantivy. Its query parser reads the same words, "phrases" and word* (lower-cased like cskg's)."""
    try:
        import tantivy
    except ImportError:
        return None
    began = time.perf_counter()
    schema = tantivy.SchemaBuilder()
    schema.add_text_field("text", stored=False, tokenizer_name="default")
    schema.add_text_field("iri", stored=True, tokenizer_name="raw")
    schema.add_text_field("kind", stored=False, tokenizer_name="raw")
    built = schema.build()
    index = tantivy.Index(built)
    writer = index.writer()
    for iri, kind, text in texts:
        writer.add_document(tantivy.Document(text=text, iri=iri, kind=kind))
    writer.commit()
    index.reload()
    elapsed = time.perf_counter() - began

    def lookup(typed: str, _: str) -> list[str]:
        searcher = index.searcher()
        query = index.parse_query(f"({typed.lower()}) AND kind:finding", ["text"])
        found = searcher.search(query, limit=max(1, searcher.num_docs))
        return [searcher.doc(address)["iri"][0] for _, address in found.hits]
    return lookup, elapsed


def percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered) * 1000, ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000


def build_store(shared: Path, folder: Path) -> Path:
    location = folder / "store"
    subprocess.run([sys.executable, "-m", "cskg.cli", "ingest", str(shared / "seeds"),
                    str(shared / "corpus" / "reports"), "--store", str(location), "--quiet"], check=False)
    return location


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, help="a store folder built by cskg ingest (else built from --shared)")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        location = args.store or build_store(args.shared, Path(scratch))
        disk = OxigraphStore(location, read_only=True)
        store = OxigraphStore(None)
        store.native.bulk_extend(disk.native.quads_for_pattern(None, None, None, None))
        disk.close()
        began = time.perf_counter()
        index = TextIndex(str(Path(scratch) / "index.sqlite"))
        report = index.sync(store)
        built = time.perf_counter() - began
        size = sum(p.stat().st_size for p in Path(scratch).glob("index.sqlite*"))
        print(f"store: {store.count_quads():,} quads; index built in {built:.2f} s ({report.texts:,} texts, "
              f"{size / 1e6:.1f} MB)")

        entries = index._db.execute("SELECT iri, kind, text FROM entries WHERE kind != 'body'").fetchall()
        cases: dict[str, Callable[[str, str], object]] = {
            "index lookup": lambda typed, _: index.matching(typed, kinds=("finding",)),
            "search, scan": lambda _, plain: scan_search(store, plain),
            "search, index": lambda typed, _: search(index, typed, PAGE),
            "findings q=, scan": lambda _, plain: store.select(SCANS["findings"], {"q": Literal(plain)}),
            "findings q=, index": lambda typed, _: named_query("findings").run(store, {"q": typed}, index),
        }
        tantivy = tantivy_lookup(entries)
        if tantivy is not None:
            cases["tantivy lookup"] = tantivy[0]
            print(f"tantivy index built in {tantivy[1]:.2f} s (in memory)")
            for typed, _ in WORDS:
                agree = set(tantivy[0](typed, "")) == set(index.matching(typed, kinds=("finding",)))
                print(f"  {typed}: tantivy and the SQLite index find {'the same' if agree else 'DIFFERENT'} findings")
        times: dict[tuple[str, str], list[float]] = {(c, w): [] for c in cases for w, _ in WORDS}
        for case, run in cases.items():  # once each before timing: parses, caches
            for typed, plain in WORDS:
                run(typed, plain)
        for _ in range(args.rounds):
            for typed, plain in WORDS:
                for case, run in cases.items():
                    began = time.perf_counter()
                    run(typed, plain)
                    times[(case, typed)].append(time.perf_counter() - began)

        print(f"\n{'word':22} {'hits scan/index':>16} " + " ".join(f"{c:>20}" for c in cases))
        print(f"{'':22} {'':>16} " + " ".join(f"{'p50 / p95 ms':>20}" for _ in cases))
        worst: dict[str, float] = {}
        for typed, plain in WORDS:
            scanned, _ = scan_search(store, plain)
            indexed = search(index, typed, PAGE).total
            cells = []
            for case in cases:
                p50, p95 = percentiles(times[(case, typed)])
                worst[case] = max(worst.get(case, 0.0), p95)
                cells.append(f"{p50:8.2f} / {p95:8.2f}")
            print(f"{typed:22} {f'{scanned}/{indexed}':>16} " + " ".join(f"{c:>20}" for c in cells))
        print()
        for typed, _ in WORDS:
            search_ratio = (percentiles(times[("search, scan", typed)])[1]
                            / percentiles(times[("search, index", typed)])[1])
            findings_ratio = (percentiles(times[("findings q=, scan", typed)])[1]
                              / percentiles(times[("findings q=, index", typed)])[1])
            print(f"{typed:22} p95 scan/index: search {search_ratio:6.1f}x, findings q= {findings_ratio:6.1f}x")
        ratio = worst["search, scan"] / worst["search, index"]
        print(f"\nsearch: worst p95 {worst['search, index']:.2f} ms via the index (target <= 10 ms: "
              f"{'met' if worst['search, index'] <= 10 else 'NOT met'}), {worst['search, scan']:.2f} ms by the scan; "
              f"{ratio:.1f}x (target >= 10x: {'met' if ratio >= 10 else 'NOT met'})")
        index.close()


if __name__ == "__main__":
    main()
