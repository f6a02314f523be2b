"""Query evaluation, run inside a worker process that the server can kill when a query overruns.

Each worker opens the on-disk store read-only (or an empty in-memory one) and answers jobs sent
over a pipe; nothing here touches the network or writes to the store.
"""

from __future__ import annotations

import resource
import sys
from dataclasses import dataclass
from multiprocessing.connection import Connection

import pyoxigraph as ox

from cskg.api.negotiation import MediaRange, choose_graph, choose_results
from cskg.api.results import DEFAULT_MAX_BYTES, write_boolean, write_solutions, write_triples
from cskg.errors import CskgError


@dataclass(frozen=True, slots=True)
class Job:
    query: str
    accept: tuple[MediaRange, ...]
    # Protocol dataset (default-graph-uri / named-graph-uri); both None: every named graph, union as default.
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    status: int
    body: bytes
    media_type: str

    @classmethod
    def error(cls, status: int, message: str) -> Outcome:
        return cls(status, message.encode(), "text/plain; charset=utf-8")


def _dataset_args(job: Job) -> dict:
    if job.default_graphs is None and job.named_graphs is None:
        return {"use_default_graph_as_union": True}
    return {"default_graph": [ox.NamedNode(g) for g in job.default_graphs or ()],
            "named_graphs": [ox.NamedNode(g) for g in job.named_graphs or ()]}


def execute(store: ox.Store, job: Job, max_rows: int, max_bytes: int = DEFAULT_MAX_BYTES) -> Outcome:
    try:
        result = store.query(job.query, **_dataset_args(job))
        if isinstance(result, ox.QueryTriples):
            media = choose_graph(job.accept)
            if media is None:
                return Outcome.error(406, "a CONSTRUCT or DESCRIBE result can be written as text/turtle, "
                                          "application/n-triples, application/ld+json or application/rdf+xml")
            return Outcome(200, write_triples(result, media, max_rows, max_bytes), media)
        media = choose_results(job.accept)
        if media is None:
            return Outcome.error(406, "a SELECT or ASK result can be written as application/sparql-results+json, "
                                      "application/sparql-results+xml, text/csv or text/tab-separated-values")
        if isinstance(result, ox.QueryBoolean):
            return Outcome(200, write_boolean(bool(result), media), media)
        return Outcome(200, write_solutions(result, media, max_rows, max_bytes), media)
    except SyntaxError as exc:  # pyoxigraph's word for malformed SPARQL
        return Outcome.error(400, f"malformed query: {exc}")
    except CskgError as exc:
        return Outcome.error(exc.http_status, exc.message)
    except (OSError, RuntimeError, ValueError, TypeError) as exc:
        # Evaluation errors (e.g. an IRI that cannot be parsed in FROM) are the query's fault.
        return Outcome.error(400, f"query failed: {exc}")


def open_store(location: str | None, in_memory: bool) -> ox.Store:
    """The store folder read-only, or (in_memory) a copy of it in memory: Oxigraph answers the named
    queries several times faster from memory than from a read-only RocksDB."""
    if not location:
        return ox.Store()
    disk = ox.Store.read_only(location)
    if not in_memory:
        return disk
    memory = ox.Store()
    memory.bulk_extend(disk.quads_for_pattern(None, None, None, None))
    return memory


def serve(conn: Connection, location: str | None, max_rows: int, in_memory: bool = True,
          max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Worker main loop: say ready, then answer one job at a time until the pipe closes."""
    try:
        store = open_store(location, in_memory)
    except OSError as exc:
        conn.send(Outcome.error(500, f"the worker cannot open the store at {location}: {exc}"))
        return
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(execute(store, job, max_rows, max_bytes))


def limit_memory(address_space: int) -> None:
    """Cap this process's address space, so a query that blows up (a string doubled thirty times, a
    join of millions of rows) fails in this worker alone instead of taking the machine's memory."""
    if address_space > 0:
        resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))


def main(argv: list[str]) -> None:
    """`python -m cskg.api.worker FD LOCATION MAX_ROWS IN_MEMORY MEMORY MAX_BYTES`: FD is this end of the
    server's socket pair; MEMORY the address space the worker may use, in bytes (0: no limit); MAX_BYTES the
    largest answer it writes."""
    fd, location, max_rows, in_memory, memory, max_bytes = argv
    limit_memory(int(memory))
    serve(Connection(int(fd)), location or None, int(max_rows), in_memory == "1", int(max_bytes))


if __name__ == "__main__":
    # Run the importable module's main, so pickled Outcomes name cskg.api.worker, not __main__.
    from cskg.api.worker import main as module_main

    module_main(sys.argv[1:])
