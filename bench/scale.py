"""How cskg's costs grow with data: the real corpus (1x) against a synthetic corpus ten times its size (10x).

    python bench/scale.py --store cskg-store          # a store built by `cskg ingest ../shared/...`
    python bench/scale.py --store cskg-store --factor 10 --repeat 5

The 10x corpus holds every report graph of the store `factor` times: copy k puts each report under new IRIs
(the council's GSS code suffixed with "-k" in every inspection, report and graph IRI, and a copy of the council
itself, with its reference data, under id/authority/{GSS}-k, and every body a report names under its key suffixed
"-k"), so there are `factor` times the councils, each with the inspections and bodies of the real one; people and
vocabularies are shared. Both corpora are bulk loaded
from N-Quads into fresh on-disk stores; then the derived graph and the text index are computed. Printed for each:
load time, derived-graph and text-index build times, store size on disk; for every named query (typical
parameters, one council for the per-council queries) and for /search's first page of five words, the p50 in
process on the on-disk store (read-only, as `cskg serve` reads it in place); and the 10x/1x ratio. A ratio near
1 for one council's lookups means they stay flat; near `factor` for whole-corpus queries means linear growth.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from cskg.graph.ingest import refresh_derived
from cskg.graph.stores import OxigraphStore
from cskg.graph.text_index import TextIndex
from cskg.queries import load_query

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("query_cases", ROOT / "tests" / "query_cases.py")
query_cases = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(query_cases)

BASE = "https://w3id.org/cskg/"
# The IRIs of a report and everything in it carry the council's GSS code first in their key.
_KEYED = re.compile(rf"<{BASE}(id/report|id/inspection|graph/report)/(E\d{{8}})/")
_COUNCIL = re.compile(rf"<{BASE}id/authority/(E\d{{8}})([/>])")
_BODY = re.compile(rf"<{BASE}id/body/([^/>]+)/([^/>]+)")  # a body's kind and key
WORDS = ("neglect", "supervision", '"private fostering"', "exploitation", "LADO")
REPORT_GRAPH = f"<{BASE}graph/report/"
REFERENCE_GRAPH = f"<{BASE}graph/reference>"


def copy_line(line: str, k: int) -> str:
    """An N-Quads line of a report graph under copy k's IRIs: its bodies too, so that copy k's councils hold copies
    of the bodies the real ones hold (sharing one body, ten copies of each council would hold it together, and
    the bodies of one council would turn into bodies shared by ten)."""
    line = _KEYED.sub(lambda m: f"<{BASE}{m.group(1)}/{m.group(2)}-{k}/", line)
    line = _BODY.sub(lambda m: f"<{BASE}id/body/{m.group(1)}/{m.group(2)}-{k}", line)
    return _COUNCIL.sub(lambda m: f"<{BASE}id/authority/{m.group(1)}-{k}{m.group(2)}", line)


def copy_council_line(line: str, k: int) -> str | None:
    """A reference-graph line about a council (its codes, names, neighbour links), for copy k's council."""
    if not line.startswith(f"<{BASE}id/authority/E"):
        return None
    line = _COUNCIL.sub(lambda m: f"<{BASE}id/authority/{m.group(1)}-{k}{m.group(2)}", line)
    return re.sub(r'(gssCode> ")(E\d{8})"', rf'\g<1>\g<2>-{k}"', line)


def synthetic(dump: Path, out: Path, factor: int) -> None:
    """The dump with every report graph (and every council's reference data) `factor` times."""
    lines = dump.read_text(encoding="utf-8").splitlines(keepends=True)
    with out.open("w", encoding="utf-8") as target:
        target.writelines(lines)
        for k in range(1, factor):
            for line in lines:
                if REPORT_GRAPH in line:
                    target.write(copy_line(line, k))
                elif line.rstrip().endswith(f"{REFERENCE_GRAPH} .") and (council := copy_council_line(line, k)):
                    target.write(council)


def folder_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def build(nquads: Path, folder: Path) -> dict[str, float]:
    """Load the N-Quads into a new store folder, compute its derived graph and text index; the times taken."""
    times = {}
    began = time.perf_counter()
    native = ox.Store(str(folder))
    native.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    native.optimize()
    native.flush()
    del native
    times["load"] = time.perf_counter() - began
    store = OxigraphStore(folder)
    began = time.perf_counter()
    refresh_derived(store)
    store.flush()
    times["derived graph"] = time.perf_counter() - began
    began = time.perf_counter()
    index = TextIndex(str(folder) + ".text-index.sqlite")
    index.sync(store)
    index.close()
    times["text index"] = time.perf_counter() - began
    store.compact()
    store.close()
    times["size MB"] = folder_bytes(folder) / 1e6
    return times


def p50(run, repeat: int) -> float:
    run()  # warm
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def measure(folder: Path, cases: list[tuple[str, dict[str, str]]], repeat: int) -> dict[str, tuple[float, int]]:
    store = OxigraphStore(folder, read_only=True)
    index = TextIndex(str(folder) + ".text-index.sqlite")
    out = {}
    try:
        quads = store.count_quads()
        out["quads"] = (0.0, quads)
        for name, params in cases:
            query = load_query(name)
            rows = len(query.run(store, params, index).rows)
            label = name + "".join(f" {k}={v}" for k, v in params.items())
            out[label] = (p50(lambda: query.run(store, params, index), repeat), rows)
        for word in WORDS:
            def search() -> tuple:
                index._answers.clear()  # the index keeps recent answers: time the search, not the cache
                return index.search(word, kinds=("finding", "recommendation"), limit=50)

            out[f"search {word}"] = (p50(search, repeat), search()[0])
    finally:
        index.close()
        store.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="a store folder built by `cskg ingest`")
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per query (p50)")
    args = parser.parse_args(argv)

    scratch = Path(tempfile.mkdtemp(prefix="cskg-scale-"))
    try:
        dump = scratch / "1x.nq"
        source = OxigraphStore(args.store, read_only=True)
        with dump.open("wb") as out:
            source.dump(out, "application/n-quads")
        council = str(source.select("""PREFIX cskg: <https://w3id.org/cskg/ontology#>
            SELECT ?code WHERE { ?i cskg:inspectedAuthority/cskg:gssCode ?code }
            GROUP BY ?code ORDER BY DESC(COUNT(?i)) ?code LIMIT 1""").rows[0][0])
        source.close()
        big = scratch / f"{args.factor}x.nq"
        synthetic(dump, big, args.factor)
        cases = [(name, params) for name, sets in query_cases.FIXED.items() for params in sets if name != "board"]
        cases += [(name, {"authority": council}) for name in ("authority-timeline", "neighbours",
                                                              "previous-inspections", "latest-judgements")]
        cases.append(("stats", {}))
        built, measured = {}, {}
        for label, nquads in (("1x", dump), (f"{args.factor}x", big)):
            built[label] = build(nquads, scratch / label)
            print(f"{label}: built {built[label]}", file=sys.stderr, flush=True)
            measured[label] = measure(scratch / label, cases, args.repeat)
        small, large = "1x", f"{args.factor}x"
        print(f"{'':52} {'1x':>10} {large:>10} {'ratio':>7}")
        print(f"{'quads':52} {measured[small]['quads'][1]:>10} {measured[large]['quads'][1]:>10} "
              f"{measured[large]['quads'][1] / measured[small]['quads'][1]:>7.1f}")
        for key in built[small]:
            unit = "" if key == "size MB" else " s"
            print(f"{key + unit:52} {built[small][key]:>10.1f} {built[large][key]:>10.1f} "
                  f"{built[large][key] / built[small][key]:>7.1f}")
        print(f"\n{'p50 ms (rows at 1x / 10x)':52} {'1x':>10} {large:>10} {'ratio':>7}  rows")
        for label, (seconds, rows) in measured[small].items():
            if label == "quads":
                continue
            other, other_rows = measured[large][label]
            print(f"{label[:52]:52} {seconds * 1000:>10.1f} {other * 1000:>10.1f} {other / seconds:>7.1f}  "
                  f"{rows} / {other_rows}", flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
