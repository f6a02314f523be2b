"""Query evaluation, run inside a worker process that the server can kill when a query overruns.

Workers are forked from one loaded process, the zygote: it opens the on-disk store read-only (and copies it
into memory) once, then forks a worker whenever the server asks, which takes milliseconds and shares the
loaded store's pages with every worker until one writes to them (Oxigraph's reads never do). A worker killed
for overrunning its time or memory is so replaced at once, without loading the store again. Each worker
answers jobs sent over a socket; nothing here touches the network or writes to the store.
"""

from __future__ import annotations

import gc
import os
import resource
import signal
import socket
import sys
from dataclasses import dataclass
from multiprocessing.connection import Connection

import pyoxigraph as ox

from cskg.api.heap import map_large_blocks, release_free_memory
from cskg.api.negotiation import MediaRange, choose_graph, choose_results
from cskg.api.results import DEFAULT_MAX_BYTES, write_boolean, write_solutions, write_triples
from cskg.errors import CskgError
from cskg.graph.stores.oxigraph_store import memory_copy


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
    return memory_copy(location) if in_memory else ox.Store.read_only(location)


def answer_jobs(conn: Connection, store: ox.Store, max_rows: int, max_bytes: int) -> None:
    """Worker main loop: say ready, then answer one job at a time until the socket closes."""
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        outcome = execute(store, job, max_rows, max_bytes)
        conn.send(outcome)
        del outcome
        # (glibc otherwise keeps a large answer's freed heap, and the worker holds that peak for as long as it lives)
        release_free_memory()


def zygote(control: socket.socket, location: str | None, max_rows: int, in_memory: bool, memory: int,
           max_bytes: int) -> None:
    """Load the store once, then fork a worker for every socket the server sends, and answer its pid.

    A read-only RocksDB store is opened by each worker after the fork, never here, so no worker inherits
    RocksDB's threads; a memory copy is made here once and shared by every worker."""
    try:
        loaded = open_store(location, in_memory) if in_memory or not location else None
    except (OSError, CskgError) as exc:
        control.sendall(f"error the query workers cannot open the store at {location}: {exc}\n".encode())
        return
    gc.collect()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps workers that end
    control.sendall(b"ready\n")
    while True:
        try:
            message, fds, _, _ = socket.recv_fds(control, 64, 1)
        except OSError:
            return
        if not message or not fds:  # the server closed the control socket: it is shutting down
            return
        pid = os.fork()
        if pid == 0:
            _worker_after_fork(control, fds[0], loaded, location, max_rows, memory, max_bytes)
        os.close(fds[0])
        control.sendall(f"{pid}\n".encode())


def _worker_after_fork(control: socket.socket, fd: int, loaded: ox.Store | None, location: str | None,
                       max_rows: int, memory: int, max_bytes: int) -> None:
    status = 0
    try:
        control.close()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        limit_memory(memory)
        conn = Connection(fd)
        try:
            store = loaded if loaded is not None else open_store(location, False)
        except OSError as exc:
            conn.send(Outcome.error(500, f"the worker cannot open the store at {location}: {exc}"))
            return
        answer_jobs(conn, store, max_rows, max_bytes)
    except BaseException:
        status = 1
    finally:
        os._exit(status)  # never return into the zygote's loop


def limit_memory(address_space: int) -> None:
    """Cap this process's address space, so a query that blows up (a string doubled thirty times, a
    join of millions of rows) fails in this worker alone instead of taking the machine's memory."""
    if address_space > 0:
        resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))


def main(argv: list[str]) -> None:
    """`python -m cskg.api.worker FD LOCATION MAX_ROWS IN_MEMORY MEMORY MAX_BYTES`: FD is this end of the
    server's control socket; MEMORY the address space each worker may use, in bytes (0: no limit); MAX_BYTES
    the largest answer a worker writes."""
    fd, location, max_rows, in_memory, memory, max_bytes = argv
    map_large_blocks()  # before the store is loaded: the workers it forks write answers of many megabytes
    zygote(socket.socket(fileno=int(fd)), location or None, int(max_rows), in_memory == "1", int(memory),
           int(max_bytes))


if __name__ == "__main__":
    # Run the importable module's main, so pickled Outcomes name cskg.api.worker, not __main__.
    from cskg.api.worker import main as module_main

    module_main(sys.argv[1:])
