"""Server settings: which store to serve and the limits that keep the endpoint safe."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from cskg.api.results import DEFAULT_MAX_BYTES
from cskg.graph.stores.base import Store


def _env_origins() -> tuple[str, ...]:
    raw = os.environ.get("CSKG_CORS_ORIGINS", "")
    return tuple(o.strip() for o in raw.split(",") if o.strip())


@dataclass(frozen=True)
class Settings:
    # A store location (folder, ':memory:' or a SPARQL server URL) or an open Store (tests).
    store: str | Store = "cskg-store"
    query_timeout: float = 5.0  # seconds a /sparql query may run before its worker is stopped
    max_rows: int = 100_000  # solutions (or triples) one query may return
    max_result_bytes: int = DEFAULT_MAX_BYTES  # the largest /sparql answer; checked while it is written
    max_request_bytes: int = 64 * 1024  # query text and form bodies larger than this are refused
    workers: int = 2  # processes evaluating /sparql queries; each can be stopped on timeout
    # Address space one query worker may take (RLIMIT_AS; 0: no limit). A worker holds ~1.1 GB of
    # address space for ~0.3 GB resident on the corpus store; a query that needs more fails alone.
    worker_memory: int = 4 * 1024**3
    # Workers kept loaded beside them, so that one stopped (overrun, out of memory) is replaced at once.
    spare_workers: int = 1
    # Extra workers forked, each for one query, while every worker is busy (slow queries hold them): a quick
    # query then need not wait for a slow one. Forking from the loaded process takes milliseconds.
    burst_workers: int = 4
    # False (the default): a store folder is served from a read-only checkpoint of it, read in place by the server
    # and its workers, no copy per process. True (`cskg serve --in-memory`): from copies held in memory (the
    # server's and the workers' parent's), /sparql 1.7x faster at the median for about twice the memory and seconds
    # of copying at start (bench/serve_memory.py and bench/query_bench.py measure both).
    in_memory: bool = False
    # Watch a store folder and serve its new state after an ingest (no restart needed).
    live: bool = True
    # The full-text index file (graph/text_index.py); None: beside the store (index_location).
    text_index: str | None = None
    # Cached answers nobody has read for this many seconds are dropped and their memory returned (0: kept until
    # the cache's size budget pushes them out); the home page's answers read at start stay.
    cache_idle: float = 600.0
    cors_origins: tuple[str, ...] = field(default_factory=_env_origins)  # "*" allows any origin
    title: str = "cskg: English children's services inspections"

    def __post_init__(self) -> None:
        if self.query_timeout <= 0:
            raise ValueError("query_timeout must be a positive number of seconds")
        if self.workers < 1:
            raise ValueError("workers must be at least 1")
        if self.max_rows < 1 or self.max_result_bytes < 1:
            raise ValueError("max_rows and max_result_bytes must be at least 1")
        if self.cache_idle < 0:
            raise ValueError("cache_idle must not be negative")
        if self.spare_workers < 0 or self.worker_memory < 0:
            raise ValueError("spare_workers and worker_memory must not be negative")
