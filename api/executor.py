"""Runs user SPARQL with a time limit that Oxigraph itself does not offer.

Queries are evaluated in worker processes forked from one process that has loaded the store (the zygote,
api/worker.py). The server waits for an answer up to the timeout; an overrunning or crashed worker is killed
and an idle spare takes its place at once; a new spare is forked in the background in milliseconds (loading
the store anew took ~8 s on the corpus), so the event loop, the REST lookups and the other workers never wait.
"""

from __future__ import annotations

import logging
import os
import queue
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection

from cskg.api.results import DEFAULT_MAX_BYTES
from cskg.api.worker import Job, Outcome

log = logging.getLogger(__name__)
DEMOTE_AFTER = 0.25  # seconds after which a query's worker runs at LONG_QUERY_NICE
LONG_QUERY_NICE = 19
RETIRE_AFTER = 5.0  # seconds an extra worker stays idle before it is stopped, or a grown one is renewed
RENEW_ABOVE = 32 * 1024**2  # bytes an idle worker may have added since its fork; more, and a fresh fork replaces it
BURST_AFTER = 0.05  # seconds a query waits for an idle worker before one is forked for it


@dataclass(frozen=True)
class _Forked:
    """A worker process forked by the zygote: not the server's child (the zygote reaps it), so it is held by
    a pidfd, opened while it is certainly alive (it has not said "ready" yet): a signal then reaches this very
    process, never a later one the kernel gave the same pid after it ended. Where the kernel has no pidfd,
    the pid alone."""
    pid: int
    pidfd: int | None

    @classmethod
    def of(cls, pid: int) -> _Forked:
        try:
            return cls(pid, os.pidfd_open(pid))
        except (AttributeError, OSError):
            return cls(pid, None)

    def kill(self) -> None:
        try:
            if self.pidfd is not None:
                signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
            else:
                os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def set_nice(self, nice: int) -> bool:
        """Set the worker's scheduling priority; False where this user may not (raising one back needs
        privileges on most systems)."""
        if self.gone():  # its pid may be another process's by now; whoever reads its socket learns it ended
            return True
        try:
            os.setpriority(os.PRIO_PROCESS, self.pid, nice)
        except PermissionError:
            return False
        except ProcessLookupError:
            pass
        return True

    def gone(self) -> bool:
        if self.pidfd is not None:  # readable once the process has ended
            return bool(select.select([self.pidfd], [], [], 0)[0])
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return True
        return False

    def private_bytes(self) -> int:
        """Memory the worker holds alone: what its queries added beyond the pages it shares with the loaded
        parent it was forked from (0 where /proc does not say)."""
        try:
            with open(f"/proc/{self.pid}/smaps_rollup", "rb") as rollup:
                return 1024 * sum(int(line.split()[1]) for line in rollup
                                  if line.startswith((b"Private_Clean:", b"Private_Dirty:")))
        except (OSError, ValueError, IndexError):
            return 0

    def release(self) -> None:
        if self.pidfd is not None:
            os.close(self.pidfd)


@dataclass(eq=False)  # identity, so the pool can keep workers in a set
class _Worker:
    process: _Forked
    conn: Connection
    extra: bool = False  # forked while every worker was busy; stopped once idle for RETIRE_AFTER
    idle_since: float = 0.0
    born_private: int = 0  # its private bytes when it said "ready"
    measured_idle_since: float = -1.0  # the idle period its memory was last read in: once per period is enough

    def grown(self) -> bool:
        return self.process.private_bytes() - self.born_private > RENEW_ABOVE

    def stop(self) -> None:
        self.process.kill()
        deadline = time.monotonic() + 5
        while not self.process.gone() and time.monotonic() < deadline:
            time.sleep(0.005)
        self.process.release()
        self.conn.close()


class _Zygote:
    """The process that holds the loaded store and forks workers from it, and the socket that asks it to."""

    def __init__(self, argv: list[str], start_timeout: float) -> None:
        ours, theirs = socket.socketpair()
        self.process = subprocess.Popen([sys.executable, "-m", "cskg.api.worker", str(theirs.fileno()), *argv],
                                        pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL)
        theirs.close()
        self._control = ours
        self._lock = threading.Lock()  # one fork request at a time
        ours.settimeout(start_timeout)
        hello = self._line()
        if hello != "ready":
            self.close()
            raise RuntimeError(hello.removeprefix("error ") or "the query workers' process ended while loading")
        ours.settimeout(30)

    def _line(self) -> str:
        data = b""
        while not data.endswith(b"\n"):
            chunk = self._control.recv(256)
            if not chunk:
                break
            data += chunk
        return data.decode().strip()

    def fork(self) -> tuple[_Forked, Connection]:
        ours, theirs = socket.socketpair()
        try:
            with self._lock:
                socket.send_fds(self._control, [b"fork"], [theirs.fileno()])
                pid = self._line()
        finally:
            theirs.close()
        if not pid.isdigit():
            ours.close()
            raise RuntimeError("the query workers' process did not fork a worker")
        return _Forked.of(int(pid)), Connection(ours.detach())

    def alive(self) -> bool:
        return self.process.poll() is None

    def close(self) -> None:
        self._control.close()  # the zygote ends when its control socket closes
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)


class WorkerPool:
    """A fixed number of query worker processes over one read-only store folder (None: empty store)."""

    def __init__(self, location: str | None, *, size: int, timeout: float, max_rows: int,
                 in_memory: bool = True, start_timeout: float = 600.0, memory: int = 0, spares: int = 1,
                 max_bytes: int = DEFAULT_MAX_BYTES, burst: int = 4) -> None:
        self.location = location
        self.memory = memory  # bytes of address space per worker (0: no limit)
        self.in_memory = in_memory
        self.size = size
        self.timeout = timeout
        self.max_rows = max_rows
        self.max_bytes = max_bytes  # the largest answer a worker writes
        self.start_timeout = start_timeout
        self.spares = spares  # workers kept loaded and idle, to stand in for a stopped one at once
        self.burst = burst  # extra workers forked at most at once while every worker is busy
        self._bursting = 0
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._spare: queue.Queue[_Worker] = queue.Queue()
        self._closed = threading.Event()
        self._lock = threading.Lock()
        self._all: set[_Worker] = set()
        self._zygote: _Zygote | None = None
        self._started = threading.Event()
        self._start_failure: str | None = None
        self.replaced = 0  # workers killed for overrunning or dying: surfaced by /health for operators

    def _start_zygote(self) -> _Zygote:
        # A fresh interpreter (not multiprocessing): it never re-imports the caller's __main__ and never
        # inherits the server's threads, so it may fork safely.
        return _Zygote([self.location or "", str(self.max_rows), "1" if self.in_memory else "0", str(self.memory),
                        str(self.max_bytes)], self.start_timeout)

    def _launch(self) -> tuple[_Forked, Connection]:
        with self._lock:
            zygote = self._zygote
        if zygote is None or not zygote.alive():  # killed from outside: load the store again, once
            zygote = self._start_zygote()
            with self._lock:
                old, self._zygote = self._zygote, zygote
            if old is not None:
                old.close()
        return zygote.fork()

    def _ready(self, process: _Forked, conn: Connection) -> _Worker:
        if not conn.poll(self.start_timeout):
            process.kill()
            raise RuntimeError(f"a query worker did not start within {self.start_timeout} s")
        hello = conn.recv()
        if hello != "ready":
            process.kill()
            raise RuntimeError(hello.body.decode() if isinstance(hello, Outcome) else str(hello))
        worker = _Worker(process, conn, born_private=process.private_bytes())
        with self._lock:
            self._all.add(worker)
        return worker

    def _spawn(self) -> _Worker:
        return self._ready(*self._launch())

    def start(self, wait: bool = True) -> None:
        """Load the store and fork the workers; with `wait` False in the background, queries meanwhile waiting
        for the first worker (the server answers everything else at once)."""
        threading.Thread(target=self._sweep_idle, name="cskg-worker-sweep", daemon=True).start()
        if wait:
            self._start_workers()
        else:
            threading.Thread(target=self._start_in_background, name="cskg-worker-start", daemon=True).start()

    def _start_workers(self) -> None:
        try:
            self._zygote = self._start_zygote()
            launched = [self._launch() for _ in range(self.size + self.spares)]
            for index, (process, conn) in enumerate(launched):
                (self._idle if index < self.size else self._spare).put(self._ready(process, conn))
        finally:
            self._started.set()

    def _start_in_background(self) -> None:
        try:
            self._start_workers()
        except Exception as exc:
            self._start_failure = f"the query workers could not start: {exc}"
            log.exception("cskg: %s", self._start_failure)

    @property
    def busy(self) -> int:
        """Workers evaluating a query now."""
        with self._lock:
            return max(0, len(self._all) - self._idle.qsize() - self._spare.qsize())

    def _replace(self, worker: _Worker, counted: bool = True) -> None:
        """Kill a worker and start another, off the request's thread."""
        self.replaced += counted
        if worker.extra:  # forked while every worker was busy: nothing to replace
            self._retire(worker)
            return
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

    def _take_worker(self) -> _Worker | None:
        """An idle worker; or, when every worker stays busy for BURST_AFTER (slow queries hold them), one
        forked for this query alone, up to `burst` at a time, so that a quick query need not wait for slow
        ones; else an idle worker within the time limit, or None."""
        deadline = time.monotonic() + self.timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                return self._idle.get(timeout=min(BURST_AFTER, left))
            except queue.Empty:
                pass
            with self._lock:
                room = self._bursting < self.burst
                self._bursting += room
            if room:
                try:
                    worker = self._spawn()
                    worker.extra = True
                    return worker
                except Exception:  # no fork now: go on waiting for an idle worker
                    log.exception("could not fork an extra query worker")
                    with self._lock:
                        self._bursting -= 1
        return None

    def _release(self, worker: _Worker) -> None:
        worker.idle_since = time.monotonic()
        self._idle.put(worker)

    def _retire(self, worker: _Worker) -> None:
        """Stop an extra worker, off the caller's thread."""
        with self._lock:
            self._all.discard(worker)
            self._bursting -= 1
        threading.Thread(target=worker.stop, name="cskg-worker-stop", daemon=True).start()

    def _sweep_idle(self) -> None:
        """Every second, among workers idle for RETIRE_AFTER seconds: extra ones are stopped, so a burst's
        memory goes back once the slow queries that caused it have ended (a burst of quick queries keeps
        them); one holding more than RENEW_ABOVE of its own (big answers, a query engine's caches) is replaced
        by a fresh fork, so the server's memory after a load returns to what it was before."""
        while not self._closed.wait(1.0):
            kept, grown = [], []
            while True:
                try:
                    worker = self._idle.get_nowait()
                except queue.Empty:
                    break
                rested = time.monotonic() - worker.idle_since > RETIRE_AFTER
                if worker.extra and rested:
                    self._retire(worker)
                elif rested and not worker.extra and worker.measured_idle_since != worker.idle_since:
                    # An idle worker's memory does not change: read it once per idle period, not every second.
                    worker.measured_idle_since = worker.idle_since
                    (grown if worker.grown() else kept).append(worker)
                else:
                    kept.append(worker)
            for worker in kept:
                self._idle.put(worker)
            for worker in grown:
                self._renew(worker)

    def _renew(self, worker: _Worker) -> None:
        if self._closed.is_set():
            return
        try:
            fresh = self._spawn()
        except Exception:  # keep the grown worker rather than serve with one fewer
            log.exception("could not fork a query worker to renew a grown one")
            self._idle.put(worker)
            return
        fresh.idle_since = time.monotonic()
        self._idle.put(fresh)
        with self._lock:
            ours = worker in self._all  # else close() has taken it, and stops it
            self._all.discard(worker)
        if ours:
            worker.stop()

    def run(self, job: Job) -> Outcome:
        """Evaluate one job; blocking (call it from a thread)."""
        # Waiting for a worker is not counted against the query's own time limit: a query that queued
        # behind slow ones would otherwise be stopped as soon as it started.
        # Before the first workers are up, a query waits for them (not counted either).
        if not self._started.wait(self.start_timeout) or self._start_failure:
            return Outcome.error(503, self._start_failure or "the query workers are still loading the store; retry")
        worker = self._take_worker()
        if worker is None:
            return Outcome.error(503, f"every query worker stayed busy for {self.timeout:g} s; retry shortly")
        try:
            worker.conn.send(job)
            answered = worker.conn.poll(min(DEMOTE_AFTER, self.timeout))
            demoted = not answered
            if demoted:
                # A long query yields the processor to quick ones and to the server: on two cores, two
                # cross products at full priority slowed every other answer to seconds.
                worker.process.set_nice(LONG_QUERY_NICE)
                answered = worker.conn.poll(max(0.0, self.timeout - DEMOTE_AFTER))
            if answered:
                outcome = worker.conn.recv()
                if not demoted or worker.process.set_nice(0):
                    self._release(worker)
                else:  # not allowed to raise a priority back: a fresh worker, forked in milliseconds
                    self._replace(worker, counted=False)
                return outcome
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)  # not remembered: a worker may also die of something else than its query
            limit = f" (a worker may use {self.memory / 1024**3:g} GiB)" if self.memory else ""
            return Outcome.error(503, f"the query needed more memory than a query worker may use{limit}, or "
                                      "stopped its worker; it was stopped and the worker replaced. Add LIMIT, "
                                      "narrow the pattern or build smaller strings, and try again")
        self._replace(worker)
        return Outcome.error(503, f"the query ran longer than the {self.timeout:g} s limit and was stopped; "
                                  "add LIMIT, narrow the pattern or avoid cross products")

    def close(self) -> None:
        self._closed.set()
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()
        with self._lock:
            zygote, self._zygote = self._zygote, None
        if zygote is not None:
            zygote.close()


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

    def start(self, wait: bool = True) -> None:
        pass

    def close(self) -> None:
        pass
