"""The graph's own IRIs dereferenced (/id/...) as RDF by Accept, and SPARQL results as a file to download."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse
from fastapi.concurrency import run_in_threadpool

from cskg.api.deps import get_executor, get_settings, get_store
from cskg.api.guard import check_query
from cskg.api.negotiation import choose_graph, parse_accept
from cskg.api.pages import resource
from cskg.api.pages.sparql_page import DOWNLOADS
from cskg.api.settings import Settings
from cskg.api.worker import Job
from cskg.errors import NotAcceptable, NotFound, PayloadTooLarge, RequestError
from cskg.graph.stores.base import Store

router = APIRouter(tags=["linked data"])


@router.get("/id/{path:path}", summary="A graph IRI (https://w3id.org/cskg/id/...) dereferenced: its statements "
                                     "as Turtle, JSON-LD, N-Triples or RDF/XML by Accept; HTML for browsers",
            responses={200: {"content": {t: {} for t in ("text/turtle", "application/ld+json", "application/n-triples",
                                                         "application/rdf+xml")}},
                       404: {"description": "the graph says nothing about this IRI"},
                       406: {"description": "no RDF type in Accept"}})
def dereference(path: str, request: Request, store: Store = Depends(get_store)) -> Response:
    media = choose_graph(parse_accept(request.headers.get("accept")))
    if media is None:
        raise NotAcceptable("a resource is RDF: accept text/turtle, application/ld+json, application/n-triples "
                            "or application/rdf+xml (or text/html for its page)")
    iri = resource.resource_iri(path)
    if not resource.exists(store, iri):
        raise NotFound(f"the graph says nothing about <{iri}>")
    body = store.query_serialized(resource.describe_query(iri), media)
    return Response(body, media_type=media, headers={"Vary": "Accept"})


@router.get("/sparql/download", summary="A SELECT query's results as a file (the SPARQL page's download links)")
async def download(query: str = Query(..., description="SPARQL SELECT or ASK query"),
                   format: str = Query("csv", pattern="^(csv|json|tsv)$"),
                   settings: Settings = Depends(get_settings), executor=Depends(get_executor)) -> Response:
    if len(query.encode()) > settings.max_request_bytes:
        raise PayloadTooLarge(f"the query is longer than {settings.max_request_bytes} bytes")
    form = check_query(query)
    if form in ("CONSTRUCT", "DESCRIBE"):
        raise RequestError("downloads are of SELECT or ASK results; GET /sparql with Accept for a graph")
    outcome = await run_in_threadpool(executor.run, Job(query, parse_accept(DOWNLOADS[format])))
    if outcome.status != 200:  # the endpoint's words, in the REST API's error shape
        return JSONResponse({"detail": outcome.body.decode("utf-8", errors="replace")}, status_code=outcome.status)
    return Response(outcome.body, media_type=outcome.media_type,
                    headers={"Content-Disposition": f'attachment; filename="results.{format}"'})
