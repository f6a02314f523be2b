"""The named analyst queries (queries/*.rq): list them, run one with parameters, a page at a time."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import StreamingResponse

from cskg.api import models, paging
from cskg.api.deps import get_store, get_text_index
from cskg.api.negotiation import choose, parse_accept
from cskg.errors import NotAcceptable
from cskg.graph.stores.base import SelectResult, Store
from cskg.graph.text_index import TextIndex
from cskg.queries import PAGING, list_queries, named_query

router = APIRouter(prefix="/queries", tags=["queries"])
_TABLE_TYPES = {"application/json": "application/json", "text/csv": "text/csv"}
_CSV_CHUNK = 1000  # rows per piece of a streamed CSV answer


@router.get("", response_model=list[models.NamedQueryOut], summary="The named queries and their parameters")
def get_queries() -> list[models.NamedQueryOut]:
    return [models.NamedQueryOut(
        name=q.name, description=q.description, href=f"/queries/{q.name}",
        parameters=[models.QueryParameterOut(name=p.name, type=p.type, optional=p.optional,
                                             description=p.description) for p in q.parameters]
        + [models.QueryParameterOut(name=name, type="integer", optional=True, description=doc)
           for name, doc in PAGING.items()])
        for q in list_queries()]


def _csv_rows(result: SelectResult) -> Iterator[str]:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.variables)
    for start in range(0, len(result.rows), _CSV_CHUNK):
        writer.writerows(["" if v is None else v for v in row] for row in result.rows[start:start + _CSV_CHUNK])
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    yield out.getvalue()


@router.get("/{name}", response_model=models.QueryRows,
            summary="Run a named query; its parameters are query-string parameters. The first "
                    f"{paging.PAGE_SIZE} rows by default, with the total and the next page's address",
            responses={200: {"content": {"text/csv": {}}, "headers": {
                "X-Total-Count": {"description": "rows of the whole answer", "schema": {"type": "integer"}},
                "Link": {"description": '<…&offset=N>; rel="next" while more rows follow',
                         "schema": {"type": "string"}}}}})
def run_query(name: str, request: Request, response: Response,
              format: str | None = Query(None, pattern="^(json|csv)$", description="json (default) or csv; "
                                         "else chosen by Accept"),
              limit: str | None = Query(None, description=f"rows per page ({paging.PAGE_SIZE} by default), a "
                                        "whole number, or all for the whole answer (CSV streams it)"),
              offset: str | None = Query(None, description="skip this many rows first (0 by default)"),
              store: Store = Depends(get_store),
              index: TextIndex = Depends(get_text_index)) -> models.QueryRows | Response:
    query = named_query(name)  # the project's library only, never a file the server can see
    values = {k: v for k, v in request.query_params.items() if k != "format"}
    whole = limit == "all"
    values["limit"] = "" if whole else (limit if limit is not None else str(paging.PAGE_SIZE))
    result = query.run(store, values, index)  # an unknown name, value or parameter: the app's one error handler
    start = int(values.get("offset") or 0)
    # The total costs a query of its own (cached by the server like the page) unless this page is the whole rest.
    total = start + len(result.rows) if whole or (
        start == 0 and len(result.rows) < int(values["limit"])) else query.count(store, values, index)
    page = paging.Page(None if whole else int(values["limit"]), start)
    following = paging.describe(response, request, page, total)
    media = {"csv": "text/csv", "json": "application/json"}.get(format or "") or \
        choose(parse_accept(request.headers.get("accept")), _TABLE_TYPES, "application/json")
    if media == "text/csv":
        return StreamingResponse(_csv_rows(result), media_type="text/csv", headers=dict(response.headers))
    if media is None:
        raise NotAcceptable("named query results are application/json or text/csv")
    return models.QueryRows(query=query.name, variables=list(result.variables), rows=result.as_dicts(), total=total,
                            offset=start, limit=page.limit, next=following)
