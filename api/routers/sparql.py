"""SPARQL 1.1 Protocol: GET with query=, POST form-encoded, POST application/sparql-query; read-only."""

from __future__ import annotations

from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Request, Response
from fastapi.concurrency import run_in_threadpool
from starlette.background import BackgroundTask

from cskg.api.heap import release_free_memory
from cskg.api.deps import get_executor, get_settings, get_store, get_text_index
from cskg.api.descriptions import service_description
from cskg.api.guard import check_query
from cskg.api.negotiation import choose_graph, choose_results, parse_accept
from cskg.api.settings import Settings
from cskg.api.text_match import rewrite_matches
from cskg.api.worker import Job
from cskg.errors import (Forbidden, NotAcceptable, PayloadTooLarge, RequestError, UnsupportedMediaType,
                         UriTooLong)
from cskg.graph.stores.base import Store
from cskg.graph.text_index import TextIndex

router = APIRouter(tags=["SPARQL"])

_QUERY_DOC = {
    "parameters": [
        {"name": "query", "in": "query", "required": False, "schema": {"type": "string"},
         "description": "SPARQL 1.1 query; without it the SPARQL service description is returned"},
        {"name": "default-graph-uri", "in": "query", "required": False,
         "schema": {"type": "array", "items": {"type": "string"}},
         "description": "graphs whose merge is the default graph (else the union of all graphs)"},
        {"name": "named-graph-uri", "in": "query", "required": False,
         "schema": {"type": "array", "items": {"type": "string"}}, "description": "graphs GRAPH may name"},
    ],
    "responses": {"200": {"description": "results, negotiated by Accept",
                          "content": {t: {} for t in ("application/sparql-results+json", "application/sparql-results+xml",
                                                      "text/csv", "text/tab-separated-values", "text/turtle",
                                                      "application/n-triples", "application/ld+json",
                                                      "application/rdf+xml")}},
                  "400": {"description": "malformed query (the parser's message)"},
                  "403": {"description": "update or SERVICE refused"},
                  "406": {"description": "no acceptable result format"},
                  "413": {"description": "request too large"},
                  "414": {"description": "URL too long: POST the query"},
                  "415": {"description": "POST body neither a form nor application/sparql-query"},
                  "431": {"description": "request headers too large"},
                  "422": {"description": "more result rows than the server returns"},
                  "503": {"description": "query stopped at the time limit"}},
}
_POST_DOC = {
    "requestBody": {"required": True, "content": {
        "application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {
            "query": {"type": "string"}, "default-graph-uri": {"type": "array", "items": {"type": "string"}},
            "named-graph-uri": {"type": "array", "items": {"type": "string"}}}, "required": ["query"]}},
        "application/sparql-query": {"schema": {"type": "string"}}}},
    "responses": _QUERY_DOC["responses"],
}


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(f"the request body is larger than {limit} bytes; send a shorter query")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"the request body is larger than {limit} bytes; send a shorter query")
        chunks.append(chunk)
    return b"".join(chunks)


async def _run(request: Request, query: str, defaults: list[str], named: list[str], settings: Settings,
               executor, index: TextIndex) -> Response:
    if len(query.encode()) > settings.max_request_bytes:
        raise PayloadTooLarge(f"the query is longer than {settings.max_request_bytes} bytes")
    form = check_query(query)
    accept = parse_accept(request.headers.get("accept"))
    if form is not None:
        media = choose_graph(accept) if form in ("CONSTRUCT", "DESCRIBE") else choose_results(accept)
        if media is None:
            raise NotAcceptable(f"cannot write a {form} result in any type of Accept: "
                                f"{request.headers.get('accept')}")
    # `?x cskg:matches "words"` becomes a VALUES block of what the text index finds.
    query = await run_in_threadpool(rewrite_matches, query, index)
    dataset = bool(defaults or named)
    job = Job(query, accept, tuple(defaults) if dataset else None, tuple(named) if dataset else None)
    outcome = await run_in_threadpool(executor.run, job)
    response = Response(outcome.body, status_code=outcome.status, media_type=outcome.media_type)
    response.headers["Vary"] = "Accept"
    return _released_once_sent(response) if len(outcome.body) >= _LARGE_ANSWER else response


_LARGE_ANSWER = 1 << 20


def _released_once_sent(response: Response) -> Response:
    """A large answer's memory handed back to the system once it is sent: glibc keeps freed heap for reuse, so
    without this the server stays as large as the largest answers it ever held at once."""
    def release() -> None:
        response.body = b""  # sent already; the bytes need not live as long as the response object
        release_free_memory()
    response.background = BackgroundTask(release)
    return response


def _single(values: list[str], name: str) -> str | None:
    if len(values) > 1:
        raise RequestError(f"give the {name} parameter once, not {len(values)} times")
    return values[0] if values else None


@router.get("/sparql", name="sparql", summary="SPARQL query (GET) or service description",
            openapi_extra=_QUERY_DOC)
async def sparql_get(request: Request, settings: Settings = Depends(get_settings),
                     executor=Depends(get_executor), store: Store = Depends(get_store),
                     index: TextIndex = Depends(get_text_index)) -> Response:
    if len(request.url.query.encode()) > settings.max_request_bytes * 3:  # percent-encoding triples size
        raise UriTooLong(f"the URL is too long; POST queries longer than {settings.max_request_bytes} bytes")
    params = request.query_params
    if params.getlist("update"):
        raise Forbidden("this endpoint is read-only: SPARQL Update is refused")
    query = _single(params.getlist("query"), "query")
    if query is None:
        accept = parse_accept(request.headers.get("accept"))
        media = choose_graph(accept)
        if media is None:
            raise NotAcceptable("the service description is RDF: accept text/turtle, application/n-triples, "
                                "application/ld+json or application/rdf+xml")
        body = await run_in_threadpool(service_description, store, str(request.url_for("sparql")), media)
        return Response(body, media_type=media, headers={"Vary": "Accept"})
    return await _run(request, query, params.getlist("default-graph-uri"),
                      params.getlist("named-graph-uri"), settings, executor, index)


@router.post("/sparql", summary="SPARQL query (POST form or application/sparql-query)", openapi_extra=_POST_DOC)
async def sparql_post(request: Request, settings: Settings = Depends(get_settings),
                      executor=Depends(get_executor), index: TextIndex = Depends(get_text_index)) -> Response:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/sparql-update":
        raise Forbidden("this endpoint is read-only: SPARQL Update is refused")
    body = await _read_body(request, settings.max_request_bytes)
    url_params = request.query_params
    if content_type == "application/x-www-form-urlencoded":
        form = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
        if form.get("update"):
            raise Forbidden("this endpoint is read-only: SPARQL Update is refused")
        query = _single(form.get("query", []), "query")
        if query is None:
            raise RequestError("the form has no query field")
        return await _run(request, query, form.get("default-graph-uri", []), form.get("named-graph-uri", []),
                          settings, executor, index)
    if content_type == "application/sparql-query":
        try:
            query = body.decode("utf-8")
        except UnicodeDecodeError:
            raise RequestError("the query is not UTF-8 text") from None
        return await _run(request, query, url_params.getlist("default-graph-uri"),
                          url_params.getlist("named-graph-uri"), settings, executor, index)
    raise UnsupportedMediaType("POST a query as application/x-www-form-urlencoded (query=...) or as "
                               "application/sparql-query")
