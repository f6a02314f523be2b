"""Batch ingest: files and folders -> records -> validated report graphs -> store.

Parsing, mapping and SHACL validation run in a process pool; only the parent process writes. New
report graphs are written in batches (a failed batch write takes its graphs back out, then each is
written on its own); a graph the store already holds is replaced atomically. A rejected or failing
file never leaves anything in the store.
"""

from __future__ import annotations

import gc
import hashlib
import io
import os
import stat
import traceback
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.compare import isomorphic

from cskg.graph.derived import DERIVED_GRAPH, derived_ntriples
from cskg.graph.mapping import map_record
from cskg.graph.namespaces import BODIES_GRAPH, REFERENCE_GRAPH, VOCABULARY_GRAPH
from cskg.graph.reference import authorities_graph, bodies_graph, vocabulary_graph
from cskg.graph.report_store import ntriples
from cskg.graph.stores.base import Store
from cskg.graph.text_index import TextIndex
from cskg.graph.validate import validate_graph, warm_up
from cskg.loaders import RejectedInput, load_records
from cskg.loaders.authorities import authority_index
from cskg.loaders.manifest import ManifestEntry, apply_manifest
from cskg.loaders.readers import max_file_bytes


@dataclass(frozen=True, slots=True)
class Loaded:
    source: str
    key: str
    graph: str
    ntriples: str
    triples: int
    framework: str
    authority: str
    warnings: tuple[str, ...] = ()  # "code: message" of each warning the loaders raised


@dataclass(frozen=True, slots=True)
class Rejected:
    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class Skipped:
    source: str
    stored_as: str  # the source name of the stored report read from the same bytes


@dataclass
class IngestSummary:
    loaded: list[Loaded] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)  # files whose bytes the store holds a report of
    replaced: list[str] = field(default_factory=list)  # sources whose graph another file of the batch replaced

    @property
    def triples(self) -> int:
        return sum(item.triples for item in self.loaded)

    @property
    def with_warnings(self) -> int:
        return sum(1 for item in self.loaded if item.warnings)


def discover(paths: Iterable[str | Path]) -> list[tuple[Path, str]]:
    """Every file to ingest with the source name it keeps: its path relative to the folder given,
    or its file name when a file was given. Hidden files are skipped."""
    found: list[tuple[Path, str]] = []
    for given in map(Path, paths):
        if given.is_dir():
            for file in sorted(given.rglob("*")):
                rel = file.relative_to(given)
                # Anything but a folder is offered to the readers, which refuse pipes and devices by name.
                if not file.is_dir() and not any(part.startswith(".") for part in rel.parts):
                    found.append((file, readable_name(rel.as_posix())))
        else:
            found.append((given, readable_name(given.name)))
    return found


def readable_name(name: str) -> str:
    """A file name as text every store and terminal takes: bytes that are not UTF-8 (which Python
    keeps as lone surrogates) become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


_STORED_HASHES = """PREFIX cskg: <https://w3id.org/cskg/ontology#>
SELECT ?sha ?source WHERE { ?report a cskg:InspectionReport ; cskg:sha256 ?sha ; cskg:sourcePath ?source }"""


def stored_hashes(store: Store) -> dict[str, str]:
    """The SHA-256 of every stored report's source file, with the source name it was read from."""
    return {str(sha): str(source) for sha, source in store.select(_STORED_HASHES).rows}


def file_sha256(path: Path) -> str | None:
    """The SHA-256 of a regular file within the size cap; None for anything else (a pipe, a device, a
    file too large), which the readers then refuse with the reason."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > max_file_bytes():
            return None
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None


def process_file(path: Path, source: str, listed: ManifestEntry | None = None) -> list[Loaded] | list[Rejected]:
    """Everything but the store write; runs in a worker process. `listed` is the file's manifest row.
    One Loaded per report the file holds, or one Rejected: a file is stored whole or not at all."""
    try:
        loaded = []
        records = load_records(path, source)
        for record in records:
            record = apply_manifest(record, listed)
            mapped = map_record(record)
            report = validate_graph(mapped.graph)
            if not report.conforms:
                shown = "; ".join(report.violations[:5])
                more = f" (+{len(report.violations) - 5} more)" if len(report.violations) > 5 else ""
                part = f"report {len(loaded) + 1} of {len(records)}: " if len(records) > 1 else ""
                return [Rejected(source, f"{part}extracted graph fails the SHACL shapes: {shown}{more}")]
            loaded.append(Loaded(source, mapped.key, str(mapped.graph_uri), ntriples(mapped.graph), len(mapped.graph),
                                 record.framework, record.authority_name, tuple(map(str, record.warnings))))
        return loaded
    except RejectedInput as exc:
        return [Rejected(source, exc.reason)]
    except Exception as exc:  # a loader bug must not stop the batch; say where it came from
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return [Rejected(source, f"internal error {type(exc).__name__}: {exc} "
                                 f"(at {Path(where.filename).name}:{where.lineno}; please report it)")]


def start_worker() -> None:
    """A worker allocates rdflib terms, triples and index dicts by the hundred thousand and drops
    them after each report: at the cyclic GC's default threshold (a collection every 700
    allocations) collections took ~8 % of a worker's time, and it finds little to free."""
    gc.set_threshold(50_000, 20, 20)


def ensure_base_graphs(store: Store) -> bool:
    """The vocabulary, the authority reference data and the reference list of bodies, refreshed on
    every ingest (each written only when it differs from the stored one). Whether any was written."""
    written = [replace_if_changed(store, str(graph), ntriples(build()))
               for graph, build in ((VOCABULARY_GRAPH, vocabulary_graph), (REFERENCE_GRAPH, authorities_graph),
                                    (BODIES_GRAPH, bodies_graph))]
    return any(written)


def refresh_derived(store: Store) -> bool:
    """Recompute the derived analytics graph (graph/derived.py) from the stored reports (on the
    corpus, 0.3-1.1 s); written only when it changed. Whether it was written."""
    return replace_if_changed(store, str(DERIVED_GRAPH), derived_ntriples(store))


def replace_if_changed(store: Store, graph: str, text: str) -> bool:
    """Replace the graph unless it holds these triples already: rewriting the three base graphs took
    1.3 s of a 4 s re-ingest of the unchanged corpus, and left garbage for compaction. Whether it wrote."""
    if graph in store.graphs():
        held = io.BytesIO()
        store.dump(held, "application/n-triples", graph)
        if same_triples(held.getvalue(), text.encode()):
            return False
    store.replace_graph(graph, text)
    return True


def same_triples(first: bytes, second: bytes) -> bool:
    """Whether two N-Triples documents state the same graph: the same triples without blank nodes,
    and isomorphic triples with them (the vocabulary's OWL lists; their labels differ on each parse)."""
    def split(data: bytes) -> tuple[set[ox.Triple], list[ox.Triple]]:
        ground, blank = set(), []
        for triple in ox.parse(data, ox.RdfFormat.N_TRIPLES):
            if isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode):
                blank.append(triple)
            else:
                ground.add(triple)
        return ground, blank

    (ground_a, blank_a), (ground_b, blank_b) = split(first), split(second)
    if ground_a != ground_b or len(blank_a) != len(blank_b):
        return False
    if not blank_a:
        return True
    graphs = [Graph().parse(data="".join(f"{t} .\n" for t in blank), format="nt") for blank in (blank_a, blank_b)]
    return isomorphic(*graphs)


BATCH_TRIPLES = 50_000  # triples per batched store write: ~25 reports, a few dozen writes for the corpus


class BatchWriter:
    """The parent's store writes. New report graphs are gathered and written together by
    Store.add_graphs: on disk one bulk write per batch costs ~8 µs a triple where a transaction per
    report costs ~20 µs, and the parent's writes compete with the workers for the cores. A graph
    the store or the gathered batch holds already is replaced on its own, atomically. When a batch
    write fails its reports are written one by one, so a graph the store refuses rejects only
    its own report."""

    def __init__(self, store: Store, done: Callable[[Loaded | Rejected], None]) -> None:
        self.store = store
        self.done = done
        self.held = set(store.graphs())
        self.batch: list[Loaded] = []
        self.batch_size = 0

    def write(self, loaded: Loaded) -> None:
        if loaded.graph in self.held or any(item.graph == loaded.graph for item in self.batch):
            self.flush()
            self._replace(loaded)
            return
        self.batch.append(loaded)
        self.batch_size += loaded.triples
        if self.batch_size >= BATCH_TRIPLES:
            self.flush()

    def flush(self) -> None:
        batch, self.batch, self.batch_size = self.batch, [], 0
        if not batch:
            return
        try:
            self.store.add_graphs([(item.graph, item.ntriples) for item in batch])
        except Exception:  # whatever the store raised, one by one below names the file it concerns
            for item in batch:
                self._replace(item)
            return
        self.held.update(item.graph for item in batch)
        for item in batch:
            self.done(item)

    def _replace(self, loaded: Loaded) -> None:
        try:
            self.store.replace_graph(loaded.graph, loaded.ntriples)
        except Exception as exc:  # a store failure must not stop the batch either
            self.done(Rejected(loaded.source, f"the store did not take the report's graph ({exc}); check "
                                              "that the store's disk is writable, then ingest the file again"))
            return
        self.held.add(loaded.graph)
        self.done(loaded)


def ingest(paths: Iterable[str | Path], store: Store, *, jobs: int | None = None,
           on_result: Callable[[Loaded | Rejected], None] | None = None,
           on_processed: Callable[[str], None] | None = None,
           manifest: Mapping[str, ManifestEntry] | None = None, text_index: TextIndex | None = None,
           force: bool = False) -> IngestSummary:
    """Ingest files and folders into `store`. `on_processed` hears of each file's source name as soon
    as it has been read, parsed and validated (a progress bar's step: the store writes new graphs in
    batches of ~25 reports). `on_result` hears of each file once its outcome is final: loaded once
    its graph is in the store, else rejected with the reason. `manifest` gives publication dates and
    report pages by source name (loaders/manifest.py). The derived graph (graph/derived.py) is recomputed
    after the writes. `text_index` is brought in step with the
    store at the end: the texts of every graph written are read anew (a replaced report's old texts go).
    A file whose SHA-256 a stored report records is skipped before it is read (summary.skipped; it
    counts as processed, with no on_result); `force` reads every file again."""
    listed = manifest or {}
    files = discover(paths)
    summary = IngestSummary()
    jobs = max(1, jobs or os.cpu_count() or 1)
    by_key: dict[str, str] = {}

    def done(result: Loaded | Rejected) -> None:
        if isinstance(result, Loaded):
            if result.key in by_key:
                summary.replaced.append(by_key[result.key])
            by_key[result.key] = result.source
            summary.loaded.append(result)
        else:
            summary.rejected.append(result)
        if on_result:
            on_result(result)

    writer = BatchWriter(store, done)

    def record(results: list[Loaded] | list[Rejected]) -> None:
        if on_processed:
            on_processed(results[0].source)
        for result in results:  # the reports of one file
            if isinstance(result, Loaded):
                writer.write(result)
            else:
                done(result)

    missing = [(p, s) for p, s in files if not p.exists()]
    for path, source in missing:
        record([Rejected(source, f"no such file or folder: {path}")])
    files = [f for f in files if f not in missing]
    if not force and files:
        stored = stored_hashes(store)
        kept = []
        for path, source in files:
            stored_as = stored.get(file_sha256(path) or "")
            if stored_as is None:
                kept.append((path, source))
                continue
            summary.skipped.append(Skipped(source, stored_as))
            if on_processed:
                on_processed(source)
        files = kept
    # A pool pays ~2 s of warm-up (SHACL shapes, reference data) to fork it into its workers: for two
    # files at most one file's time is saved, and a re-ingest that skipped the rest often has two left.
    base_changed = False
    if jobs == 1 or len(files) <= 2:
        base_changed = ensure_base_graphs(store)
        for path, source in files:
            record(process_file(path, source, listed.get(source)))
    else:
        # Worker processes fork from this one: caches built here first are theirs for free.
        warm_up()
        authority_index()
        with ProcessPoolExecutor(max_workers=jobs, initializer=start_worker) as pool:
            futures = [pool.submit(process_file, path, source, listed.get(source)) for path, source in files]
            try:
                base_changed = ensure_base_graphs(store)  # while the workers start and parse the first files
            except BaseException:
                pool.shutdown(cancel_futures=True)
                raise
            for future in as_completed(futures):
                record(future.result())
    writer.flush()
    # Computed from every report graph and the vocabulary's ranks: redone when either changed (or it is missing).
    if summary.loaded or base_changed or str(DERIVED_GRAPH) not in store.graphs():
        refresh_derived(store)
    if text_index is not None:
        text_index.sync(store, refresh=[item.graph for item in summary.loaded])
    # The embedded store is compacted when reports were written; a SPARQL server manages its own files.
    if hasattr(store, "compact") and summary.loaded:
        store.compact()
    if hasattr(store, "flush"):
        store.flush()
    return summary
