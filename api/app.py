"""The FastAPI app: SPARQL 1.1 Protocol endpoint, service and dataset descriptions, REST lookups, exports."""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import pyoxigraph as ox
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.middleware.cors import CORSMiddleware

from cskg import __version__
from cskg.api.cache import CachedStore
from cskg.api.executor import ThreadRunner, WorkerPool
from cskg.api.guard import check_query
from cskg.api.lookups import NotFound
from cskg.api.negotiation import choose_graph, choose_results
from cskg.api.settings import Settings
from cskg.api.worker import Job, Outcome
from cskg.graph.stores import MEMORY, OxigraphStore, RemoteStore, Store, StoreError, open_store
from cskg.graph.text_index import TextIndex, open_synced

log = logging.getLogger(__name__)

DESCRIPTION = """Knowledge graph of English local authority children's services and what Ofsted found when it
inspected them.

* **/sparql**: SPARQL 1.1 Protocol (GET `query=`, POST form or `application/sparql-query`), read-only; the
  default graph is the union of all report graphs. `GET /sparql` without a query returns the service description.
* **/.well-known/void**: VoID description of the dataset.
* **/authorities**, **/inspections**, **/search**, **/queries**, **/boards**, **/export**: REST lookups.
"""


@dataclass(frozen=True, slots=True)
class _Served:
    store: Store  # in-process store for the REST lookups
    executor: WorkerPool | ThreadRunner  # evaluates /sparql queries with the time limit
    scratch: str | None  # temporary folder holding a copy of an in-memory store, removed at shutdown
    disk: Store | None = None  # the read-only store a memory copy was made from, closed at shutdown


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
        except StoreError as exc:
            return Outcome.error(502, str(exc))
    return call


def _serve(settings: Settings) -> _Served:
    pool_args = {"size": settings.workers, "timeout": settings.query_timeout, "max_rows": settings.max_rows,
                 "in_memory": settings.in_memory, "memory": settings.worker_memory,
                 "spares": settings.spare_workers}
    given = settings.store
    if isinstance(given, str):
        given = open_store(given, read_only=given != MEMORY and not given.startswith(("http://", "https://")))
        if settings.in_memory and isinstance(given, OxigraphStore) and given.location != MEMORY:
            copy = OxigraphStore(None)
            copy.native.bulk_extend(given.native.quads_for_pattern(None, None, None, None))
            return _Served(copy, WorkerPool(given.location, **pool_args), None, given)
    if isinstance(given, RemoteStore):
        return _Served(given, ThreadRunner(_remote_call(given), timeout=settings.query_timeout), None)
    if not isinstance(given, OxigraphStore):
        raise StoreError(f"cannot serve a {type(given).__name__}: give a store folder, ':memory:' or a URL")
    if given.location == MEMORY:
        scratch = _copy_to_folder(given) if len(given.native) else None
        return _Served(given, WorkerPool(scratch, **pool_args), scratch)
    return _Served(given, WorkerPool(given.location, **pool_args), None)


def _text_index(settings: Settings, store: Store) -> TextIndex:
    """The served store's text index, brought in step with it first; one in memory where the index
    file cannot be written."""
    location = settings.store if isinstance(settings.store, str) else settings.store.location
    index, problem = open_synced(location, store, settings.text_index)
    if problem:
        log.warning("%s: searching an index built in memory", problem)
    return index


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        served = _serve(settings)
        served.executor.start()
        app.state.text_index = _text_index(settings, served.store)
        # A snapshot never changes while served, so its SELECT results can be shared; a remote store's may change.
        remote = isinstance(served.store, RemoteStore)
        app.state.store = served.store if remote else CachedStore(served.store)
        app.state.executor = served.executor
        try:
            yield
        finally:
            app.state.text_index.close()
            served.executor.close()
            if served.scratch:
                shutil.rmtree(served.scratch, ignore_errors=True)
            if not isinstance(settings.store, Store):  # a store handed in belongs to the caller
                served.store.close()
            if served.disk is not None:
                served.disk.close()

    app = FastAPI(title=settings.title, version=__version__, description=DESCRIPTION, lifespan=lifespan)
    app.state.settings = settings
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                           allow_methods=["GET", "POST", "OPTIONS"], allow_headers=["*"])

    from cskg.api.routers import authorities, boards, descriptions, exports, inspections, queries, search, sparql

    for module in (sparql, descriptions, authorities, inspections, search, queries, boards, exports):
        app.include_router(module.router)

    @app.exception_handler(NotFound)
    async def not_found(_: Request, exc: NotFound) -> JSONResponse:
        # Every lookup of a council, inspection or body that is not in the store is a 404 with the reason.
        return JSONResponse({"detail": str(exc)}, status_code=404)

    return app
