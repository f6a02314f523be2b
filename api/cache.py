"""The served snapshot's answers cached, within a byte budget: SELECT results of the store, bytes of /sparql answers.

The server reads a snapshot (an in-memory copy, or a store opened read-only), so a query's answer
cannot change while it runs: REST lookups and named queries repeat the same SELECT texts, and
SelectResult is immutable, so sharing one result between requests is safe. The cache holds at most
`max_bytes` of results (their text, estimated), dropping the least recently used; an answer larger than
an eighth of the budget is not kept at all, so forty different pages of a large query cannot take the
server's memory (as an entry count could). Answers nobody has read for a while are dropped (`expire`), so
that a server left alone after a busy hour shrinks back to what it held at start; the answers read in
advance for the first visitor (`pin`) stay.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from cskg.api.heap import release_free_memory
from cskg.api.worker import Job, Outcome
from cskg.graph.stores.base import SelectResult, Store
from cskg.graph.stores.binding import bind_values

DEFAULT_CACHE_BYTES = 64 * 1024 * 1024
DEFAULT_SPARQL_CACHE_BYTES = 32 * 1024 * 1024
_CELL_OVERHEAD = 16  # a reference and a small object per cell, beyond the text


def result_bytes(result: SelectResult) -> int:
    """An estimate of the memory a result holds: its text plus a small cost per cell."""
    size = sys.getsizeof(result.rows)
    for row in result.rows:
        size += _CELL_OVERHEAD * (len(row) + 1)
        for value in row:
            if isinstance(value, str):
                size += len(value)
    return size


class AnswerCache:
    """Answers kept by key within a byte budget, least recently read dropped first; one computation per key at a
    time. The base of the two caches the server keeps per snapshot: SELECT results for its own lookups, and the
    bytes of /sparql answers."""

    def __init__(self, max_bytes: int, answers: AnswerCache | None = None) -> None:
        """`answers`: a cache over another copy of the same data, whose answers this one starts with."""
        self.max_bytes = max_bytes
        self.held_bytes = 0
        # key -> (answer, its size, when last read); least recently read first
        self._entries: OrderedDict[Hashable, tuple[Any, int, float]] = OrderedDict()
        self._pinned: set[Hashable] = set()
        if answers is not None:
            with answers._lock:
                self._entries.update(answers._entries)
                self._pinned.update(answers._pinned)
                self.held_bytes = answers.held_bytes
        self._lock = threading.Lock()  # requests run in a thread pool
        self._running: dict[Hashable, threading.Event] = {}  # keys being computed now, set when done

    def _answer(self, key: Hashable, compute: Callable[[], Any], size: Callable[[Any], int | None]) -> Any:
        """The kept answer for `key`, else `compute()`'s, kept when `size` gives its size (None: not to keep)."""
        with self._lock:
            hit = self._entries.get(key)
            if hit is not None:
                self._entries[key] = (hit[0], hit[1], time.monotonic())
                self._entries.move_to_end(key)
                return hit[0]
            running = self._running.get(key)
            if running is None:
                self._running[key] = threading.Event()
        if running is not None:
            # Sixteen clients asking at once for the same uncached 2-second answer used to run it sixteen
            # times side by side, each sixteen times slower: now they wait for the one that runs it.
            running.wait()
            with self._lock:
                hit = self._entries.get(key)
            # Not kept (too large, or not an answer to keep) or failed: computed here too, without taking the lead.
            return hit[0] if hit is not None else compute()
        try:
            answer = compute()
            self._keep(key, answer, size(answer))
            return answer
        finally:
            with self._lock:
                self._running.pop(key).set()

    def _keep(self, key: Hashable, answer: Any, size: int | None) -> None:
        if size is None or size > self.max_bytes // 8:
            return
        with self._lock:
            if key not in self._entries:
                self._entries[key] = (answer, size, time.monotonic())
                self.held_bytes += size
            while self.held_bytes > self.max_bytes and self._entries:
                dropped_key, (_, dropped, _) = self._entries.popitem(last=False)
                self.held_bytes -= dropped
                self._pinned.discard(dropped_key)

    def keys(self) -> set:
        with self._lock:
            return set(self._entries)

    def pin(self, keys: set) -> None:
        """Keep these answers however long nobody reads them (the size budget still applies)."""
        with self._lock:
            self._pinned.update(key for key in keys if key in self._entries)

    def expire(self, idle: float) -> int:
        """Drop the answers not read for `idle` seconds, pinned ones apart, and give the memory they held back to
        the system; how many were dropped."""
        cutoff = time.monotonic() - idle
        with self._lock:
            stale = [key for key, (_, _, read) in self._entries.items() if read < cutoff and key not in self._pinned]
            for key in stale:
                self.held_bytes -= self._entries.pop(key)[1]
        if stale:
            release_free_memory()
        return len(stale)


class CachedStore(AnswerCache):
    def __init__(self, store: Store, max_bytes: int = DEFAULT_CACHE_BYTES, answers: CachedStore | None = None) -> None:
        super().__init__(max_bytes, answers)
        self._store = store

    def select(self, query: str, bindings: dict | None = None) -> SelectResult:
        # Parameters go into the text (as every store binds them), so the text alone is the cache key.
        key = bind_values(query, bindings)
        # The key counts too: a text search binds thousands of IRIs into the query text.
        return self._answer(key, lambda: self._store.select(key), lambda result: result_bytes(result) + len(key))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


class CachedExecutor(AnswerCache):
    """The /sparql answers of one snapshot, as the bytes sent: an analyst's query editor, a dashboard and the
    pages of a named query send the same texts again, and a first page whose ORDER BY reads every finding costs
    a second each time. Only successful answers are kept (a time-out may not recur on a quieter server)."""

    def __init__(self, executor: Any, max_bytes: int = DEFAULT_SPARQL_CACHE_BYTES,
                 answers: CachedExecutor | None = None) -> None:
        super().__init__(max_bytes, answers)
        self._executor = executor

    def run(self, job: Job) -> Outcome:
        return self._answer(job, lambda: self._executor.run(job),
                            lambda outcome: len(outcome.body) + len(job.query) if outcome.status == 200 else None)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._executor, name)
