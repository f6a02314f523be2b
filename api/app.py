"""The FastAPI app: SPARQL 1.1 Protocol endpoint, service and dataset descriptions, REST lookups, exports."""

from __future__ import annotations

import logging
import shutil
import sqlite3
import tempfile
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import pyoxigraph as ox
from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline

from cskg import __version__
from cskg.api.cache import AnswerCache, CachedExecutor, CachedStore
from cskg.api.heap import map_large_blocks, release_free_memory
from cskg.api.executor import ThreadRunner, WorkerPool
from cskg.api.guard import check_query
from cskg.api.handlers import install_error_handlers
from cskg.api.limits import HeaderLimit
from cskg.api.live import StoreWatcher
from cskg.api.models import error_responses
from cskg.api.negotiation import choose_graph, choose_results
from cskg.api.settings import Settings
from cskg.api.worker import Job, Outcome
from cskg.graph.stores import (MEMORY, OxigraphStore, RemoteStore, Store, StoreError, checkpoint, is_folder,
                               open_store)
from cskg.graph.text_index import TextIndex, open_synced, open_text_index

log = logging.getLogger(__name__)

DESCRIPTION = """Knowledge graph of English local authority children's services and what Ofsted found when it
inspected them.

* **/sparql**: SPARQL 1.1 Protocol (GET `query=`, POST form or `application/sparql-query`), read-only; the
  default graph is the union of all report graphs. `GET /sparql` without a query returns the service description.
* **/.well-known/void**: VoID description of the dataset.
* **/authorities**, **/inspections**, **/search**, **/queries**, **/boards**, **/export**: REST lookups.
"""


log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Served:
    store: Store  # in-process store for the REST lookups
    executor: WorkerPool | ThreadRunner  # evaluates /sparql queries with the time limit
    scratch: str | None  # temporary folder holding a copy of an in-memory store, removed at shutdown


def _copy_to_folder(store: OxigraphStore) -> str:
    """Workers live in other processes: they read an in-memory store's quads from a temporary folder."""
    folder = tempfile.mkdtemp(prefix="cskg-serve-")
    copy = ox.Store(folder)
    copy.bulk_extend(store.native.quads_for_pattern(None, None, None, None))
    copy.flush()
    del copy
    return folder


def _remote_call(store: RemoteStore):
    def call(job: Job) -> Outcome:
        form = check_query(job.query)
        media = choose_graph(job.accept) if form in ("CONSTRUCT", "DESCRIBE") else choose_results(job.accept)
        if media is None:
            return Outcome.error(406, "no acceptable result format for this query")
        try:
            return Outcome(200, store.query_serialized(job.query, media), media)
        except CskgError as exc:
            return Outcome.error(502 if isinstance(exc, StoreError) else exc.http_status, exc.message)
    return call


def _pool_args(settings: Settings) -> dict:
    return {"size": settings.workers, "timeout": settings.query_timeout, "max_rows": settings.max_rows,
            "max_bytes": settings.max_result_bytes, "in_memory": settings.in_memory,
            "memory": settings.worker_memory, "spares": settings.spare_workers, "burst": settings.burst_workers}


def _snapshot(location: str, settings: Settings) -> _Served:
    """The store folder copied into memory, with query workers over it. No handle on the folder is kept
    (the workers' loaded parent drops its own after copying), so an ingest may write to it meanwhile."""
    return _Served(OxigraphStore.memory_copy_of(location), WorkerPool(location, **_pool_args(settings)), None)


def _on_disk(location: str, settings: Settings) -> _Served:
    """The store folder read in place, read-only, by the server and by workers that open it after their fork:
    ready in well under a second whatever the store's size, queries several times slower than from memory."""
    return _Served(open_store(location, read_only=True),
                   WorkerPool(location, **{**_pool_args(settings), "in_memory": False}), None)


def _checkpointed(location: str, settings: Settings) -> _Served:
    """The store folder as it is now, through a read-only checkpoint beside it (graph/stores checkpoint), read in
    place by the server and by workers that open it after their fork: no copy in memory, and no handle on the folder
    an ingest writes (the default; not `cskg serve --in-memory`). The checkpoint is removed when this state is let go."""
    target = checkpoint(location)
    return _Served(open_store(target, read_only=True),
                   WorkerPool(target, **{**_pool_args(settings), "in_memory": False}), target)


def _live_folder(settings: Settings) -> str | None:
    """The folder the server watches for ingests: an on-disk store served from memory copies or checkpoints."""
    store = settings.store
    return store if isinstance(store, str) and is_folder(store) and settings.live else None


def _current(location: str, settings: Settings) -> _Served:
    """The folder's state served at once: read in place until the memory copies are made, or its checkpoint."""
    return _on_disk(location, settings) if settings.in_memory else _checkpointed(location, settings)


def _serve(settings: Settings) -> _Served:
    pool_args = _pool_args(settings)
    given = settings.store
    if isinstance(given, str) and is_folder(given) and settings.in_memory:
        return _snapshot(given, settings)
    if isinstance(given, str):
        given = open_store(given, read_only=is_folder(given))
    if isinstance(given, RemoteStore):
        return _Served(given, ThreadRunner(_remote_call(given), timeout=settings.query_timeout), None)
    if not isinstance(given, OxigraphStore):
        raise StoreError(f"cannot serve a {type(given).__name__}: give a store folder, ':memory:' or a URL")
    if given.location == MEMORY:
        scratch = _copy_to_folder(given) if len(given.native) else None
        return _Served(given, WorkerPool(scratch, **pool_args), scratch)
    return _Served(given, WorkerPool(given.location, **pool_args), None)


def _text_index(settings: Settings, store: Store, check: bool = True) -> TextIndex:
    """The served store's text index, brought in step with it first (without `check`, only when it holds
    nothing yet); one in memory where the index file cannot be written."""
    location = settings.store if isinstance(settings.store, str) else settings.store.location
    if not check:
        try:
            kept = open_text_index(location, settings.text_index)
        except (sqlite3.Error, OSError):
            kept = None  # open_synced says why and builds one in memory
        if kept is not None and kept.fingerprints():
            return kept
        if kept is not None:
            kept.close()
    index, problem = open_synced(location, store, settings.text_index)
    if problem:
        log.warning("%s: searching an index built in memory", problem)
    return index


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    def install(app: FastAPI, served: _Served, same_state: bool = False) -> None:
        """With `same_state` (a copy of the data served now) the answers cached so far stay."""
        # A snapshot never changes while served, so its answers can be shared; a remote store's may change.
        # Each request reads app.state once, so it sees one snapshot from start to end.
        if isinstance(served.store, RemoteStore):
            app.state.store, app.state.executor = served.store, served.executor
        else:
            store, executor = getattr(app.state, "store", None), getattr(app.state, "executor", None)
            kept_store = store if same_state and isinstance(store, CachedStore) else None
            kept_answers = executor if same_state and isinstance(executor, CachedExecutor) else None
            app.state.store = CachedStore(served.store, answers=kept_store)
            app.state.executor = CachedExecutor(served.executor, answers=kept_answers)
        app.state.served = served

    def release(served: _Served) -> None:
        served.executor.close()
        if served.scratch:
            shutil.rmtree(served.scratch, ignore_errors=True)
        if not isinstance(settings.store, Store):  # a store handed in belongs to the caller
            served.store.close()

    # Set when the server stops: a memory copy finished after that is let go instead of served.
    stopping = threading.Event()

    def swap(app: FastAPI, fresh: _Served, same_state: bool = False) -> None:
        """Serve `fresh` from the next request on; the old state is released once its queries have ended. With
        `same_state` (the memory copies of the folder just read in place) the answers cached so far stay."""
        if stopping.is_set():
            release(fresh)
            return
        fresh.executor.start()
        if stopping.is_set():
            release(fresh)
            return
        old = app.state.served
        install(app, fresh, same_state)
        deadline = time.monotonic() + settings.query_timeout + 1
        while old.executor.busy and time.monotonic() < deadline:
            time.sleep(0.05)
        release(old)

    def load(app: FastAPI, location: str) -> None:
        """The folder as it is now: read in place at once, then from memory copies once they are made (the
        copies take seconds; the folder is held open only until then)."""
        started = time.monotonic()
        swap(app, _current(location, settings))
        log.warning("cskg: serving the store at %s as it is now (read in place after %.1f s)", location,
                    time.monotonic() - started)
        settle(app, location)
        if settings.in_memory:
            log.warning("cskg: the store at %s is served from memory (after %.1f s)", location,
                        time.monotonic() - started)

    def warm(app: FastAPI, history: bool = True) -> None:
        """The home page's data read once into the answer cache of what is now served, the folder read in place
        as well as its memory copies, and kept there: it is the page a visitor opens first, and the first query on
        a folder just opened costs several times the next. With `history`, every judgement too, from which the map
        of any area on any date is drawn, and the list of shared boards the site's menu links to."""
        from cskg.api.pages import home
        from cskg.api.routers.boards import bodies

        store = app.state.store
        held = store.keys() if isinstance(store, CachedStore) else set()
        try:
            home.read_ahead(store, history)
            if history:
                bodies(None, True, store)
        except Exception:
            log.exception("cskg: the home page's data could not be read in advance")
        if isinstance(store, CachedStore):
            store.pin(store.keys() - held)

    def expire_idle_answers(app: FastAPI, stop: threading.Event) -> None:
        """Every little while, the answers nobody has read for `cache_idle` seconds dropped from the cache and
        the text index, and the index's unused read connections closed."""
        while not stop.wait(min(30.0, settings.cache_idle / 4)):
            for answers in (app.state.store, app.state.executor):
                if isinstance(answers, AnswerCache):
                    answers.expire(settings.cache_idle)
            index = getattr(app.state, "text_index", None)
            if index is not None and index.release_idle(settings.cache_idle):
                release_free_memory()

    def settle(app: FastAPI, folder: str) -> None:
        """After the first answers from the folder read in place: the map's history read, the text index checked
        against the store (the ingest keeps it in step; this reads only what it may have missed), then the memory
        copies."""
        warm(app)
        try:
            app.state.text_index.sync(app.state.served.store)
        except Exception:
            log.exception("cskg: the text index could not be brought in step with %s", folder)
        if settings.in_memory:
            swap(app, _snapshot(folder, settings), same_state=True)
            warm(app)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        map_large_blocks()  # answers of many megabytes pass through the server's threads (see api/heap.py)
        folder = _live_folder(settings)
        served = _current(folder, settings) if folder else _serve(settings)
        # A live folder is answered at once, whatever its size: the workers load it in the background (queries
        # wait for them) and an index the ingest kept is searched while it is checked (`settle`).
        served.executor.start(wait=not folder)
        app.state.text_index = _text_index(settings, served.store, check=not folder)
        install(app, served)
        # Before the first request: what the first visitor would otherwise wait for. The home page's data is a
        # query per council and a scan of the judgement areas, so this stays short whatever the number of reports.
        from cskg.api.pages.render import compile_templates

        compile_templates()
        if not isinstance(served.store, RemoteStore):
            warm(app, history=False)
            if not folder:  # a live folder's watcher reads the rest (`settle`)
                threading.Thread(target=warm, args=(app,), name="cskg-warm", daemon=True).start()
        watcher = None
        if folder:
            # The memory copies replace the folder read in place when made, and after every ingest the watcher
            # serves the folder in place and then its copies again.
            watcher = StoreWatcher(folder, lambda: load(app, folder), first=lambda: settle(app, folder))
            watcher.start()
        stop_expiry = threading.Event()
        if settings.cache_idle:
            threading.Thread(target=expire_idle_answers, args=(app, stop_expiry), name="cskg-cache-expiry",
                             daemon=True).start()
        try:
            yield
        finally:
            stopping.set()
            stop_expiry.set()
            if watcher:
                # Not waited for while it copies the store (seconds): its copy is let go when made.
                watcher.stop(wait=1.0)
            release(app.state.served)
            app.state.text_index.close()

    # Swagger UI and ReDoc from the fastapi-offline package's own copies, not a CDN.
    app = FastAPIOffline(title=settings.title, version=__version__, description=DESCRIPTION, lifespan=lifespan,
                         docs_url=None, redoc_url=None)  # /docs and /redoc: api/pages/assets.py
    app.state.settings = settings
    app.add_middleware(HeaderLimit)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                           allow_methods=["GET", "POST", "OPTIONS"], allow_headers=["*"])

    from cskg.api.pages.assets import mount_assets
    from cskg.api.routers import (authorities, boards, descriptions, exports, inspections, linked_data, pages, queries,
                                  search, sparql)

    # The HTML pages first: their routes match browsers only, and every other client falls through to its route.
    modules = (pages, sparql, descriptions, authorities, inspections, search, queries, boards, exports, linked_data)
    for module in modules:
        # Every error cskg raises may reach any REST operation through the one handler below: documented once.
        extra = {} if module in (sparql, pages) else {"responses": error_responses(400, 404, 406, 422, 431, 503)}
        app.include_router(module.router, **extra)
    mount_assets(app)

    install_error_handlers(app)

    return app
