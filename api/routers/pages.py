"""HTML pages for browsers. Every route here matches only requests that want HTML (HtmlRoute), and is mounted
before the JSON routers, so any other client reaches the same path's JSON or RDF route unchanged."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from cskg.api import paging
from cskg.api.deps import get_executor, get_settings, get_store, get_text_index
from cskg.api.pages import council, home, inspection, network, resource, search_page, sparql_page
from cskg.api.pages.render import page
from cskg.api.pages.routing import HtmlRoute
from cskg.api.routers.boards import bodies
from cskg.api.settings import Settings
from cskg.errors import CskgError
from cskg.graph.stores.base import Store
from cskg.graph.text_index import TextIndex

router = APIRouter(route_class=HtmlRoute, include_in_schema=False)


def _render(request: Request, template: str, build: Callable[[], object]) -> Response:
    """The page, or an error page with the lookup's own message and status (never a 500 for bad input)."""
    try:
        data = build()
    except CskgError as exc:
        return page(request, "error.html", exc.http_status, status=exc.http_status, message=exc.message)
    except HTTPException as exc:
        return page(request, "error.html", exc.status_code, status=exc.status_code, message=str(exc.detail))
    except ValueError as exc:
        return page(request, "error.html", 400, status=400, message=str(exc))
    return page(request, template, data=data)


@router.get("/")
def home_page(request: Request, area: str | None = None, as_of: str | None = None,
              store: Store = Depends(get_store)) -> Response:
    return _render(request, "home.html", lambda: home.home(store, area, home.parse_as_of(as_of)))


@router.get("/authorities/{code}")
def council_page(request: Request, code: str, store: Store = Depends(get_store)) -> Response:
    return _render(request, "council.html", lambda: council.council(store, code))


@router.get("/inspections/{id:path}")
def inspection_page(request: Request, id: str, store: Store = Depends(get_store)) -> Response:
    return _render(request, "inspection.html", lambda: inspection.inspection(store, id))


@router.get("/boards")
def boards_page(request: Request, kind: str | None = None, shared: bool = True,
                page_of: paging.Page = Depends(paging.page_query), store: Store = Depends(get_store)) -> Response:
    """The list pages as the JSON does (`limit`, `offset`): all 1,700 bodies of the corpus on one page took 70 ms
    to render and weighed 280 KB."""
    def build() -> dict:
        found = bodies(kind or None, shared, store)
        return {"kind": kind or "", "shared": shared, "bodies": page_of.of(found), "total": len(found),
                "offset": page_of.offset, "next": paging.next_url(request, page_of, len(found))}
    return _render(request, "boards.html", build)


@router.get("/boards/{id:path}")
def board_page(request: Request, id: str, store: Store = Depends(get_store)) -> Response:
    return _render(request, "board.html", lambda: network.board(store, id))


@router.get("/search")
def search_html(request: Request, q: str = "", authority: str | None = None, limit: int = 100,
                index: TextIndex = Depends(get_text_index)) -> Response:
    return _render(request, "search.html", lambda: search_page.search(index, q, authority, limit))


@router.get("/sparql")
async def sparql_page_html(request: Request, query: str | None = None, example: str | None = None,
                           page_no: int = Query(1, alias="page"),
                           settings: Settings = Depends(get_settings), executor=Depends(get_executor)) -> Response:
    text = query if query is not None else sparql_page.example_text(example or "") or sparql_page.starter_query()
    results = None
    if query:
        results = await run_in_threadpool(sparql_page.run, executor, query, page_no, settings.max_request_bytes)
    return page(request, "sparql.html", status_code=results.status if results else 200, query=text, ran=bool(query),
                results=results, examples=sparql_page.examples(), editor=sparql_page.editor_installed(),
                downloads=sparql_page.DOWNLOADS)


@router.get("/id/{path:path}")
def resource_page(request: Request, path: str, store: Store = Depends(get_store)) -> Response:
    target = resource.page_for(path)
    if target is not None and resource.iri_safe(path) and resource.exists(store, resource.BASE + path):
        return RedirectResponse(target, status_code=303)
    return _render(request, "resource.html", lambda: resource.resource(store, path))
