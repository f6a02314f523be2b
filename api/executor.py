"""Runs user SPARQL with a time limit that Oxigraph itself does not offer.

Queries are evaluated in worker processes (api/worker.py) that open the store read-only. The
server waits for an answer up to the timeout; an overrunning or crashed worker is killed and a spare,
loaded already, takes its place at once (loading the store anew takes seconds on a large one); a new
spare is started in the background, so the event loop, the REST lookups and the other workers never
wait for it.
"""

from __future__ import annotations

import logging
import queue
import socket
import subprocess
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

from cskg.api.results import DEFAULT_MAX_BYTES
from cskg.api.worker import Job, Outcome

log = logging.getLogger(__name__)
REFUSE_AGAIN_FOR = 60.0  # seconds a query text stopped for overrunning is refused without running


@dataclass(eq=False)  # identity, so the pool can keep workers in a set
class _Worker:
    process: subprocess.Popen
    conn: Connection
    jobs: int = field(default=0)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=5)
        self.conn.close()


class WorkerPool:
    """A fixed number of query worker processes over one read-only store folder (None: empty store)."""

    def __init__(self, location: str | None, *, size: int, timeout: float, max_rows: int,
                 in_memory: bool = True, start_timeout: float = 600.0, memory: int = 0, spares: int = 1,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.location = location
        self.memory = memory  # bytes of address space per worker (0: no limit)
        self.in_memory = in_memory
        self.size = size
        self.timeout = timeout
        self.max_rows = max_rows
        self.max_bytes = max_bytes  # the largest answer a worker writes
        self.start_timeout = start_timeout
        self.spares = spares  # workers kept loaded and idle, to stand in for a stopped one at once
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._spare: queue.Queue[_Worker] = queue.Queue()
        self._closed = threading.Event()
        self._lock = threading.Lock()
        self._all: set[_Worker] = set()
        self._stopped: OrderedDict[str, float] = OrderedDict()  # query texts stopped lately, and when
        self.replaced = 0  # workers killed for overrunning or dying: surfaced by /health for operators

    def _launch(self) -> tuple[subprocess.Popen, Connection]:
        # A fresh interpreter (not multiprocessing): it never re-imports the caller's __main__ and never
        # inherits the server's threads.
        ours, theirs = socket.socketpair()
        process = subprocess.Popen(
            [sys.executable, "-m", "cskg.api.worker", str(theirs.fileno()), self.location or "",
             str(self.max_rows), "1" if self.in_memory else "0", str(self.memory), str(self.max_bytes)],
            pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL)
        theirs.close()
        return process, Connection(ours.detach())

    def _ready(self, process: subprocess.Popen, conn: Connection) -> _Worker:
        if not conn.poll(self.start_timeout):
            process.kill()
            raise RuntimeError(f"a query worker did not start within {self.start_timeout} s")
        hello = conn.recv()
        if hello != "ready":
            process.wait(timeout=5)
            raise RuntimeError(hello.body.decode() if isinstance(hello, Outcome) else str(hello))
        worker = _Worker(process, conn)
        with self._lock:
            self._all.add(worker)
        return worker

    def _spawn(self) -> _Worker:
        return self._ready(*self._launch())

    def start(self) -> None:
        launched = [self._launch() for _ in range(self.size + self.spares)]  # they load the store in parallel
        for index, (process, conn) in enumerate(launched):
            (self._idle if index < self.size else self._spare).put(self._ready(process, conn))

    @property
    def busy(self) -> int:
        """Workers evaluating a query now."""
        with self._lock:
            return max(0, len(self._all) - self._idle.qsize() - self._spare.qsize())

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker and start another, off the request's thread."""
        self.replaced += 1
        with self._lock:
            self._all.discard(worker)
        try:
            stand_in = self._spare.get_nowait()
        except queue.Empty:
            stand_in = None
        if stand_in is not None:
            self._idle.put(stand_in)  # capacity back at once

        def run() -> None:
            worker.stop()
            if self._closed.is_set():
                return
            try:
                (self._spare if stand_in is not None else self._idle).put(self._spawn())
            except Exception:  # keep serving with one worker fewer rather than crash the server
                log.exception("could not replace a query worker")

        threading.Thread(target=run, name="cskg-worker-replace", daemon=True).start()

    def _recently_stopped(self, query: str) -> float | None:
        """When this very text was last stopped (time limit or memory), if within REFUSE_AGAIN_FOR seconds."""
        with self._lock:
            when = self._stopped.get(query)
            if when is not None and time.monotonic() - when > REFUSE_AGAIN_FOR:
                del self._stopped[query]
                when = None
        return when

    def _remember_stopped(self, query: str) -> None:
        with self._lock:
            self._stopped[query] = time.monotonic()
            self._stopped.move_to_end(query)
            while len(self._stopped) > 1024:
                self._stopped.popitem(last=False)

    def run(self, job: Job) -> Outcome:
        """Evaluate one job; blocking (call it from a thread)."""
        stopped = self._recently_stopped(job.query)
        if stopped is not None:
            # A client retrying a query that overran would take a worker for the whole time limit again,
            # every time, and the other clients' queries would wait behind it.
            return Outcome.error(503, f"this query was stopped {time.monotonic() - stopped:.0f} s ago (time or "
                                      f"memory limit); it is not run again for {REFUSE_AGAIN_FOR:g} s. Add "
                                      "LIMIT, narrow the pattern or avoid cross products")
        try:
            # Waiting for a worker is not counted against the query's own time limit: a query that queued
            # behind slow ones would otherwise be stopped as soon as it started.
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return Outcome.error(503, f"every query worker stayed busy for {self.timeout:g} s; retry shortly")
        try:
            worker.conn.send(job)
            if worker.conn.poll(self.timeout):
                outcome = worker.conn.recv()
                worker.jobs += 1
                self._idle.put(worker)
                return outcome
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            self._remember_stopped(job.query)
            limit = f" (a worker may use {self.memory / 1024**3:g} GiB)" if self.memory else ""
            return Outcome.error(503, f"the query needed more memory than a query worker may use{limit}, or "
                                      "stopped its worker; it was stopped and the worker replaced. Add LIMIT, "
                                      "narrow the pattern or build smaller strings, and try again")
        self._replace(worker)
        self._remember_stopped(job.query)
        return Outcome.error(503, f"the query ran longer than the {self.timeout:g} s limit and was stopped; "
                                  "add LIMIT, narrow the pattern or avoid cross products")

    def close(self) -> None:
        self._closed.set()
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()


class ThreadRunner:
    """For a remote store: the server it forwards to enforces its own limits; this only stops waiting."""

    def __init__(self, call: Callable[[Job], Outcome], *, timeout: float) -> None:
        self.call = call
        self.timeout = timeout
        self.replaced = 0
        self.busy = 0  # not tracked: the remote server has its own view

    def run(self, job: Job) -> Outcome:
        box: list[Outcome] = []
        thread = threading.Thread(target=lambda: box.append(self.call(job)), daemon=True)
        thread.start()
        thread.join(self.timeout)
        if not box:
            return Outcome.error(503, f"the query ran longer than the {self.timeout:g} s limit; "
                                      "add LIMIT or narrow the pattern")
        return box[0]

    def start(self) -> None:
        pass

    def close(self) -> None:
        pass
