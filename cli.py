"""The `cskg` command.

Exit status:
  0  success
  1  some input was rejected (ingest) or does not conform (validate)
  2  usage error: unknown command or option, malformed --param
  3  store error: the store cannot be opened, read or written
  4  query error: unknown query, bad parameter value, malformed SPARQL
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sqlite3
import sys
from pathlib import Path

from cskg.errors import EXIT_OK, EXIT_REJECTED, EXIT_USAGE, CskgError

SKIPPED_SHOWN = 10  # skipped files named one a line; a re-ingest of the corpus skips hundreds


def _shown(name: str) -> str:
    """A file name for one line of output: control characters escaped, so a name holding a newline
    cannot print a line of its own."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in name)


def _store_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", metavar="LOC",
                        help="store location: a folder (embedded Oxigraph, the default ./cskg-store), "
                             "':memory:', or the URL of a SPARQL 1.1 server; else $CSKG_STORE")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cskg", description="Knowledge graph of English children's services inspections.",
        epilog=__doc__.split("\n", 2)[2], formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("ingest", help="read reports (PDF, text, markdown) into the store")
    p.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders of them")
    p.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--verbose", action="store_true", help="list each loaded report's warnings")
    p.add_argument("--manifest", metavar="FILE.csv",
                   help="publication dates and report pages the reports do not print: a CSV with columns file "
                        "(relative to the folder given), published (YYYY-MM-DD) and optional url")
    p.add_argument("--force", action="store_true",
                   help="read every file again, even one whose SHA-256 a stored report records (else skipped)")
    _store_arg(p)

    p = sub.add_parser("reindex", help="bring the full-text index in step with the store (build it if missing)")
    p.add_argument("--force", action="store_true", help="rebuild every graph's texts, not only changed ones")
    p.add_argument("--index", metavar="FILE", help="index file (default: beside the store folder, "
                                                   "<store>.text-index.sqlite; for a server URL $CSKG_TEXT_INDEX)")
    _store_arg(p)

    p = sub.add_parser("derive", help="recompute the derived analytics graph (ingest does it at its end)")
    _store_arg(p)

    p = sub.add_parser("validate", help="validate every stored report graph against the SHACL shapes")
    _store_arg(p)

    p = sub.add_parser("query", help="run a named query or a .rq file")
    p.add_argument("name", metavar="NAME|FILE.rq")
    p.add_argument("--param", action="append", default=[], metavar="K=V", help="query parameter (repeatable)")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    _store_arg(p)

    sub.add_parser("queries", help="list the named queries with their parameters")

    p = sub.add_parser("export", help="export the graph: networks, RDF dumps, summary sheet")
    p.add_argument("--format", required=True,
                   help="gexf, graphml, csv (zip of nodes.csv and edges.csv), ttl, nt, nq, trig, jsonld, "
                        "summary-csv, summary-xlsx")
    p.add_argument("--view", choices=("organisations", "inspections"), default="organisations")
    p.add_argument("--neighbours", action="store_true",
                   help="networks: add statistical-neighbour edges between authorities")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    _store_arg(p)

    p = sub.add_parser("serve", help="serve the SPARQL endpoint and REST API")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--timeout", type=float, default=5.0, help="per-query timeout in seconds")
    p.add_argument("--workers", type=int, default=2, help="processes evaluating /sparql queries")
    p.add_argument("--worker-memory", type=float, default=4.0, metavar="GIB",
                   help="address space one query worker may use, in GiB (0: no limit); a query needing more "
                        "fails with 503 and its worker is replaced")
    p.add_argument("--max-rows", type=int, default=100_000, help="most result rows one query may return")
    p.add_argument("--max-result-mib", type=float, default=256,
                   help="largest /sparql answer in MiB, checked while it is written (default 256)")
    p.add_argument("--cache-idle", type=float, default=600, metavar="SECONDS",
                   help="drop cached answers nobody has read for this long and return their memory (0: never; "
                        "the home page's stay)")
    p.add_argument("--cors-origin", action="append", default=[], metavar="ORIGIN",
                   help="allow browser apps from this origin (repeatable; '*' for any); else $CSKG_CORS_ORIGINS")
    placement = p.add_mutually_exclusive_group()
    placement.add_argument("--on-disk", dest="in_memory", action="store_false", default=False,
                           help="serve a store folder from a read-only checkpoint of it, read in place by the server "
                                "and its workers (the default): about the memory `oxigraph serve` takes")
    placement.add_argument("--in-memory", dest="in_memory", action="store_true",
                           help="serve a store folder from copies of it in memory: /sparql about 1.7x faster at the "
                                "median (up to 3.5x), for about twice the memory (bench/serve_memory.py)")
    _store_arg(p)

    p = sub.add_parser("stats", help="count triples (report and reference graphs), reports, councils (with "
                                      "reports, known, current), judgements, findings, bodies, reports by framework")
    _store_arg(p)
    return parser


def _parse_params(pairs: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise SystemExit(_usage(f"malformed --param {pair!r}: write it as NAME=VALUE"))
        params[key.strip()] = value.strip()
    return params


def _usage(message: str) -> int:
    print(f"cskg: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _write_rows(variables: tuple[str, ...], rows: list[dict], fmt: str) -> None:
    out = sys.stdout
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(variables)
        for row in rows:
            writer.writerow(["" if row[v] is None else row[v] for v in variables])
    elif fmt == "json":
        json.dump(rows, out, indent=1, ensure_ascii=False)
        out.write("\n")
    else:
        cells = [[str(v) for v in variables]] + [["" if r[v] is None else str(r[v]) for v in variables] for r in rows]
        widths = [min(60, max(len(c[i]) for c in cells)) for i in range(len(variables))]
        for index, line in enumerate(cells):
            out.write("  ".join(c[:60].ljust(w) for c, w in zip(line, widths)).rstrip() + "\n")
            if index == 0:
                out.write("  ".join("-" * w for w in widths) + "\n")


def cmd_ingest(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from cskg.graph.ingest import Loaded, discover, ingest
    from cskg.graph.stores import open_store, resolve_location
    from cskg.graph.text_index import open_text_index
    from cskg.loaders.manifest import read_manifest

    manifest = read_manifest(args.manifest) if args.manifest else None  # an unreadable one: exit 2, as usage
    store = open_store(args.store)
    try:
        text_index = open_text_index(resolve_location(args.store))
    except (sqlite3.Error, OSError) as exc:  # the reports are still stored; `cskg reindex` builds it later
        print(f"cskg: warning: the text index cannot be opened ({exc}); run `cskg reindex` once it can",
              file=sys.stderr)
        text_index = None
    sources = {source for _, source in discover(args.paths)}
    total = len(sources)
    bar = tqdm(total=total, unit="report", disable=args.quiet, file=sys.stderr)

    def show(result) -> None:
        if not isinstance(result, Loaded):
            bar.write(f"rejected {_shown(result.source)}: {result.reason}", file=sys.stderr)

    try:
        summary = ingest(args.paths, store, jobs=args.jobs, on_result=show, on_processed=lambda _: bar.update(1),
                         manifest=manifest.entries if manifest else None, text_index=text_index, force=args.force)
    finally:
        bar.close()
        store.close()
        if text_index is not None:
            text_index.close()
    by_framework: dict[str, int] = {}
    for item in summary.loaded:
        by_framework[item.framework] = by_framework.get(item.framework, 0) + 1
    frameworks = ", ".join(f"{k} {v}" for k, v in sorted(by_framework.items()))
    print(f"loaded {len(summary.loaded)} reports ({frameworks or 'none'}), {summary.with_warnings} with warnings, "
          f"{summary.triples} triples; rejected {len(summary.rejected)}")
    if args.verbose:
        for item in sorted(summary.loaded, key=lambda loaded: loaded.source):
            for warning in item.warnings:
                print(f"  warning {_shown(item.source)}: {_shown(warning)}")
    elif summary.with_warnings:
        print("  (cskg ingest --verbose lists the warnings; so does cskg query warnings)")
    for item in summary.rejected:
        print(f"  rejected {_shown(item.source)}: {item.reason}")
    for source in summary.replaced:
        print(f"  note: {_shown(source)} was replaced by a later file of the same inspection")
    if summary.skipped:
        print(f"skipped {len(summary.skipped)} files already stored (same SHA-256; --force reads them again)")
        for item in summary.skipped[:SKIPPED_SHOWN]:
            same = "" if item.stored_as == item.source else f" (stored from {_shown(item.stored_as)})"
            print(f"  skipped {_shown(item.source)}{same}")
        if len(summary.skipped) > SKIPPED_SHOWN:
            print(f"  … and {len(summary.skipped) - SKIPPED_SHOWN} more")
    manifest_problems = _manifest_problems(manifest, sources) if manifest else []
    for problem in manifest_problems:
        print(f"  manifest {_shown(args.manifest)} {_shown(problem)}")
    return EXIT_REJECTED if summary.rejected or manifest_problems else EXIT_OK


def _manifest_problems(manifest, sources: set[str]) -> list[str]:  # type: ignore[no-untyped-def]
    """Rows left out, and rows naming no file among the inputs (named as ingest names them: relative to
    the folder given)."""
    unmatched = [f"line {entry.line}: no file {file!r} among the inputs; row not used"
                 for file, entry in manifest.entries.items() if file not in sources]
    return [f"{problem}; row left out" for problem in manifest.problems] + unmatched


def cmd_reindex(args: argparse.Namespace) -> int:
    from cskg.graph.stores import open_store, resolve_location
    from cskg.graph.text_index import open_text_index

    location = resolve_location(args.store)
    store = open_store(location, read_only=True)
    index = open_text_index(location, args.index)
    try:
        report = index.sync(store, rebuild=args.force)
    finally:
        index.close()
        store.close()
    print(f"text index {index.location}: {report.describe()}")
    return EXIT_OK


def cmd_derive(args: argparse.Namespace) -> int:
    from cskg.graph.derived import DERIVED_GRAPH
    from cskg.graph.ingest import refresh_derived
    from cskg.graph.stores import open_store

    store = open_store(args.store)
    try:
        written = refresh_derived(store)
        if hasattr(store, "flush"):
            store.flush()
    finally:
        store.close()
    print(f"derived graph <{DERIVED_GRAPH}>: {'written' if written else 'unchanged'}")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from cskg.graph.stores import open_store
    from cskg.graph.validate import validate_stored_reports

    store = open_store(args.store, read_only=True)
    checked = failures = 0
    for graph, result in validate_stored_reports(store):
        checked += 1
        if not result.conforms:
            failures += 1
            print(f"{graph}: does not conform")
            for line in result.violations:
                print(f"  {line}")
    print(f"{checked - failures} of {checked} report graphs conform")
    return EXIT_REJECTED if failures else EXIT_OK


def cmd_query(args: argparse.Namespace) -> int:
    from cskg.graph.stores import open_store, resolve_location
    from cskg.graph.text_index import open_synced
    from cskg.queries import load_query

    query = load_query(args.name)
    params = _parse_params(args.param)
    location = resolve_location(args.store)
    store = open_store(location, read_only=True)
    index, problem = open_synced(location, store)  # reads only what changed since the last ingest
    if problem:
        print(f"cskg: warning: {problem}; searched an index built in memory", file=sys.stderr)
    try:
        result = query.run(store, params, index)
    finally:
        index.close()
    _write_rows(result.variables, result.as_dicts(), args.format)
    return EXIT_OK


def cmd_queries(_: argparse.Namespace) -> int:
    from cskg.queries import PAGING, list_queries

    for q in list_queries():
        print(f"{q.name}: {q.description}")
        for p in q.parameters:
            print(f"    --param {p.name}=…  ({p.type}{', optional' if p.optional else ''}) {p.description}")
        for name, doc in PAGING.items():
            print(f"    --param {name}=…  (integer, optional) {doc}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from cskg.api.exports import get_format, export_to_file
    from cskg.graph.stores import open_store

    get_format(args.format)  # an unknown format fails before the store is opened
    store = open_store(args.store, read_only=True)
    try:
        export_to_file(store, args.format, Path(args.output), view=args.view, neighbours=args.neighbours)
    finally:
        store.close()
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from cskg.api.app import create_app
    from cskg.api.settings import Settings
    from cskg.graph.stores import open_store, resolve_location

    location = resolve_location(args.store)
    open_store(location, read_only=True).close()  # a missing store is a clear error now, not at start-up
    extra = {"cors_origins": tuple(args.cors_origin)} if args.cors_origin else {}
    try:
        settings = Settings(store=location, query_timeout=args.timeout, workers=args.workers, max_rows=args.max_rows,
                            max_result_bytes=int(args.max_result_mib * 1024**2),
                            worker_memory=int(args.worker_memory * 1024**3), cache_idle=args.cache_idle,
                            in_memory=args.in_memory, **extra)
    except ValueError as exc:  # a limit out of range: the option's name is in the message
        return _usage(str(exc))
    print(f"serving {settings.store} at http://{args.host}:{args.port}/sparql (docs at /docs)", file=sys.stderr)
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="warning")
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from cskg.graph.stores import open_store
    from cskg.queries import load_query

    store = open_store(args.store, read_only=True)
    counts = load_query("stats").run(store).as_dicts()
    print(f"triples: {store.count_quads()}")
    print(f"graphs: {len(store.graphs())}")
    for row in counts:
        print(f"{row['measure']}: {row['value']}")
    print(STATS_NOTE, file=sys.stderr)
    return EXIT_OK


STATS_NOTE = (
    "note: triples = report-triples + reference-triples + derived-triples. `cskg ingest` counts the triples of the "
    "report graphs it loads (report-triples, after one ingest of every report); reference-triples are the "
    "vocabularies, the councils and the reference list of bodies, written beside them; derived-triples the derived "
    "analytics graph computed from the reports. councils-with-reports have a stored report; "
    "councils-known are every council of the reference data, councils-current those that exist today "
    "(GET /authorities lists these).")


COMMANDS = {"ingest": cmd_ingest, "reindex": cmd_reindex, "derive": cmd_derive, "validate": cmd_validate, "query": cmd_query,
            "queries": cmd_queries, "export": cmd_export, "serve": cmd_serve, "stats": cmd_stats}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except CskgError as exc:  # every error cskg raises on purpose knows its exit code
        print(f"cskg: {exc.label}: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        # The reader went away (`cskg query … | head`): what it read is what it wanted. Python would
        # report the pipe again while flushing stdout at exit, so stdout is pointed at nothing first.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
