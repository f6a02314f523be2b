"""Dataset description (VoID), health and the landing redirect."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse
from pydantic import BaseModel

from cskg.api.deps import get_executor, get_settings, get_store
from cskg.api.descriptions import void_description
from cskg.api.negotiation import choose_graph, parse_accept
from cskg.api.settings import Settings
from cskg.graph.stores.base import MEMORY, Store

router = APIRouter(tags=["descriptions"])


class Health(BaseModel):
    status: str
    store: str
    graphs: int
    query_timeout: float
    workers_busy: int  # query workers evaluating a /sparql query now
    workers_replaced: int  # query workers stopped for overrunning the time limit since start
    # "memory": copies held in memory; "in place": the folder read directly (at start-up and for the seconds
    # after an ingest, until the copies are made); "remote": a SPARQL server
    served_from: str


@router.get("/.well-known/void", summary="VoID description of the dataset",
            responses={200: {"content": {"text/turtle": {}, "application/n-triples": {},
                                         "application/ld+json": {}, "application/rdf+xml": {}}}})
async def void(request: Request, store: Store = Depends(get_store)) -> Response:
    media = choose_graph(parse_accept(request.headers.get("accept")))
    if media is None:
        return Response("the VoID description is RDF: accept text/turtle, application/n-triples, "
                        "application/ld+json or application/rdf+xml", status_code=406, media_type="text/plain")
    body = await run_in_threadpool(void_description, store, str(request.base_url), media)
    return Response(body, media_type=media, headers={"Vary": "Accept"})


def served_from(store: Store) -> str:
    location = getattr(store, "location", None)
    if location is None:
        return "remote"
    return "memory" if location == MEMORY else "in place"


@router.get("/health", response_model=Health, summary="Liveness and what is served")
def health(store: Store = Depends(get_store), settings: Settings = Depends(get_settings),
           executor=Depends(get_executor)) -> Health:
    location = settings.store if isinstance(settings.store, str) else store.location
    return Health(status="ok", store=location, graphs=len(store.graphs()),
                  query_timeout=settings.query_timeout, workers_busy=executor.busy,
                  workers_replaced=executor.replaced, served_from=served_from(store))


@router.get("/", include_in_schema=False)
def landing() -> RedirectResponse:
    return RedirectResponse("/docs")
