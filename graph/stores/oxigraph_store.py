"""Embedded stores backed by Oxigraph: persistent on disk (the default) or in memory (tests)."""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
import uuid

from collections.abc import Sequence
from pathlib import Path
from typing import IO, Mapping

import pyoxigraph as ox

from cskg.errors import NotAcceptable, QueryError
from cskg.graph.stores.base import MEMORY, SelectResult, StoreError, add_graphs_in_turn, no_store
from cskg.graph.stores.binding import Binding, bind_values
from cskg.graph.stores.terms import from_oxigraph


class UnsupportedMediaType(NotAcceptable):
    """The result of this query form cannot be written in the media type asked for."""

    def __init__(self, media_type: str) -> None:
        super().__init__(f"cannot write this result as {media_type}")


def _remove_interrupted_bulk_files(folder: Path) -> None:
    """A bulk load writes sorted `bulk-*.sst` files into the store folder, then hands them to RocksDB, which
    renames them as its own; a process killed in between leaves them behind, and nothing else ever removes
    them. Opened for writing, this process holds the store's lock, so no bulk load is under way: any such
    file is a leftover."""
    for leftover in folder.glob("bulk-*.sst"):
        leftover.unlink(missing_ok=True)


_COPY_PREFIX = "cskg-copy-"  # then the copying process's id


def _remove_abandoned(root: Path, prefix: str) -> None:
    """Folders named <prefix><pid>-… in root whose process has ended: a server stopped while it copies its store
    (it does not wait for the copy), or killed while it serves a checkpoint, leaves them behind; the next copy or
    checkpoint removes them."""
    if not Path("/proc/self").exists():  # no way here to tell a running process from an ended one
        return
    for folder in root.glob(f"{prefix}*-*"):
        pid = folder.name.removeprefix(prefix).split("-", 1)[0]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            shutil.rmtree(folder, ignore_errors=True)


def _read_only(folder: str) -> ox.Store:
    """The store folder opened read-only, or a StoreError that says how to build it."""
    if not Path(folder).is_dir():
        raise no_store(folder)
    try:
        return ox.Store.read_only(folder)
    except OSError as exc:
        raise StoreError(f"cannot open the store at {folder} ({exc}); build one with "
                         f"`cskg ingest PATH --store {folder}`") from exc


_CHECKPOINT_INFIX = ".serving-"


def checkpoint(folder: str) -> str:
    """A read-only checkpoint of the store folder as it is now, made beside it so that RocksDB hard-links its
    immutable files (milliseconds, no second copy on disk): a server reads it in place while an ingest writes the
    folder, which a reader of the folder itself must not see happen. The caller removes it when done; one left by a
    process that has ended is removed by the next checkpoint of the same folder."""
    source_path = Path(folder).resolve()
    parent = source_path.parent if os.access(source_path.parent, os.W_OK) else Path(tempfile.gettempdir())
    stem = f".{source_path.name}{_CHECKPOINT_INFIX}"
    source = _read_only(folder)
    _remove_abandoned(parent, stem)
    target = parent / f"{stem}{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        source.backup(str(target))
    except OSError as exc:
        shutil.rmtree(target, ignore_errors=True)
        raise StoreError(f"cannot make a read-only checkpoint of {folder} in {parent} ({exc}); free some disk space "
                         f"or serve from memory (`cskg serve --in-memory`)") from exc
    finally:
        del source
    return str(target)


def memory_copy(folder: str) -> ox.Store:
    """The store folder copied into a store held in memory; the folder is opened read-only and let go before
    this returns. Written out as N-Quads and read back natively, not quad by quad through Python: the copy then
    leaves the interpreter free for other threads (quad by quad, it held it ~9 s on the corpus)."""
    disk = _read_only(folder)
    memory = ox.Store()
    _remove_abandoned(Path(tempfile.gettempdir()), _COPY_PREFIX)
    with tempfile.TemporaryDirectory(prefix=f"{_COPY_PREFIX}{os.getpid()}-") as scratch:
        dump = Path(scratch) / "store.nq"
        with dump.open("wb") as out:
            disk.dump(out, ox.RdfFormat.N_QUADS)
        del disk
        memory.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
    return memory


def rdf_format(media_type: str) -> ox.RdfFormat:
    fmt = ox.RdfFormat.from_media_type(media_type)
    if fmt is None:
        raise UnsupportedMediaType(media_type)
    return fmt


def results_format(media_type: str) -> ox.QueryResultsFormat:
    fmt = ox.QueryResultsFormat.from_media_type(media_type)
    if fmt is None:
        raise UnsupportedMediaType(media_type)
    return fmt


def _as_nquads(ntriples: str, graph: str) -> str | None:
    """N-Triples as N-Quads in `graph` by text alone, when written one statement a line, each line
    ending " ." (cskg's writer and rdflib's write them so). N-Triples literals cannot hold a raw line
    feed, so " .\\n" ends a statement; the one layout this misreads, a comment after a statement on its
    line, Store.add_graphs rules out. None when a line does not end so (blank lines, "<s> <p> <o>."):
    such text is then parsed instead."""
    text = ntriples if ntriples.endswith("\n") else ntriples + "\n"
    ending = f" <{graph}> .\n"
    quads = text.replace(" .\n", ending)
    return quads if quads.count("\n") == quads.count(ending) else None


class OxigraphStore:
    """One Oxigraph store. `path=None` keeps everything in memory."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.location = str(path) if path is not None else MEMORY
        self.read_only = read_only
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(path))
            else:
                Path(path).mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
                _remove_interrupted_bulk_files(Path(path))
        except OSError as exc:
            raise StoreError(
                f"cannot open the store at {path}: {exc}. Is another cskg process using it? "
                "Stop it, or pass another location with --store or CSKG_STORE."
            ) from exc

    @classmethod
    def memory_copy_of(cls, folder: str) -> OxigraphStore:
        """A store in memory holding what the store folder holds now (memory_copy)."""
        store = cls(None)
        store._store = memory_copy(folder)
        return store

    @property
    def native(self) -> ox.Store:
        return self._store

    def replace_graph(self, graph: str, ntriples: str) -> None:
        name = ox.NamedNode(graph)
        if not self._store.contains_named_graph(name):
            # Nothing to replace (the common case in a batch ingest): a load is one transaction
            # too, and parses N-Triples several times faster than the SPARQL update below.
            self._store.load(ntriples, ox.RdfFormat.N_TRIPLES, to_graph=name)
            return
        # One SPARQL update is one transaction in Oxigraph: readers see the old graph or the new.
        self._store.update(f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{ntriples}\n}} }}")

    def add_graphs(self, graphs: Sequence[tuple[str, str]]) -> None:
        if self.location == MEMORY or len(graphs) < 2:
            add_graphs_in_turn(self, graphs)  # in memory a load per graph is as fast as any
            return
        # On disk a transaction costs ~20 µs per triple (every index is updated row by row, measured on
        # the corpus); a bulk load writes sorted files instead, ~8 µs per triple when one call carries a
        # few dozen reports. It is not atomic, so a failure takes every graph of the call back out.
        quads, others = [], []
        for graph, ntriples in graphs:
            converted = _as_nquads(ntriples, graph)
            if converted is None:
                others.append((graph, ntriples))
            else:
                quads.append(converted)
        try:
            self._store.bulk_load("".join(quads), ox.RdfFormat.N_QUADS)
            for graph, ntriples in others:
                self._store.bulk_load(ntriples, ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph))
        except Exception as exc:
            names = [graph for graph, _ in graphs]
            try:
                for graph in names:
                    self.drop_graph(graph)
            except OSError as again:
                raise StoreError(f"writing {len(names)} report graphs failed ({exc}) and taking them back "
                                 f"failed too ({again}); the store may hold part of them: ingest those reports "
                                 "again once the store can be written") from exc
            raise StoreError(f"the store could not write {len(names)} report graphs: {exc}") from exc

    def drop_graph(self, graph: str) -> None:
        self._store.update(f"DROP SILENT GRAPH <{graph}>")

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def _query(self, query: str, bindings: Mapping[str, Binding] | None = None):
        # Oxigraph's own substitutions only reach projected variables; a VALUES block reaches all.
        try:
            return self._store.query(bind_values(query, bindings), use_default_graph_as_union=True)
        except SyntaxError as exc:  # pyoxigraph's word for malformed SPARQL
            raise QueryError(f"malformed SPARQL: {exc}") from None

    def select(self, query: str, bindings: Mapping[str, Binding] | None = None) -> SelectResult:
        solutions = self._query(query, bindings)
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError("tables come from SELECT queries only; for other query forms use the /sparql endpoint")
        variables = tuple(v.value for v in solutions.variables)
        # A solution iterates its values in the order of `variables` (None where unbound): half the cost
        # of looking each one up by name.
        rows = tuple(tuple(map(from_oxigraph, solution)) for solution in solutions)
        return SelectResult(variables, rows)

    def ask(self, query: str) -> bool:
        result = self._query(query)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError("ask() needs an ASK query")
        return bool(result)

    def query_serialized(self, query: str, media_type: str,
                         bindings: Mapping[str, Binding] | None = None) -> bytes:
        result = self._query(query, bindings)
        if isinstance(result, ox.QueryTriples):
            return result.serialize(format=rdf_format(media_type))
        return result.serialize(format=results_format(media_type))

    def dump(self, out: IO[bytes], media_type: str, graph: str | None = None) -> None:
        fmt = rdf_format(media_type)
        if graph is not None:
            self._store.dump(out, format=fmt, from_graph=ox.NamedNode(graph))
        else:
            self._store.dump(out, format=fmt)

    def count_quads(self) -> int:
        return len(self._store)

    def flush(self) -> None:
        if self.location != MEMORY and not self.read_only:
            self._store.flush()

    def compact(self) -> None:
        """Merge the on-disk files, dropping what replaced graphs left behind (and leftovers of an
        interrupted bulk write, and the write-ahead logs): re-ingesting the corpus grew the folder
        135 MB -> 667 MB; compacted it stays ~140 MB."""
        if self.location != MEMORY and not self.read_only:
            self._store.flush()
            self._store.optimize()
            self._store.flush()
            # RocksDB deletes write-ahead logs it no longer needs when the database closes: reopened
            # here, the logs of this ingest (~500 MB on the corpus) go now, not at the next open.
            self._store = None
            gc.collect()
            try:
                self._store = ox.Store(self.location)
            except OSError as exc:  # the data is flushed already: only this handle is lost
                raise StoreError(f"the store at {self.location} was written and compacted, but could not be "
                                 f"reopened ({exc}); open it again to go on") from exc

    def close(self) -> None:
        self.flush()
        del self._store
