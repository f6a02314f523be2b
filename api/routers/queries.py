"""The named analyst queries (queries/*.rq): list them, run one with parameters."""

from __future__ import annotations

import csv
import io

from fastapi import APIRouter, Depends, Query, Request, Response

from cskg.api import models
from cskg.api.deps import get_store, get_text_index
from cskg.api.negotiation import choose, parse_accept
from cskg.errors import NotAcceptable
from cskg.graph.stores.base import Store
from cskg.graph.text_index import TextIndex
from cskg.queries import PAGING, list_queries, named_query

router = APIRouter(prefix="/queries", tags=["queries"])
_TABLE_TYPES = {"application/json": "application/json", "text/csv": "text/csv"}


@router.get("", response_model=list[models.NamedQueryOut], summary="The named queries and their parameters")
def get_queries() -> list[models.NamedQueryOut]:
    return [models.NamedQueryOut(
        name=q.name, description=q.description, href=f"/queries/{q.name}",
        parameters=[models.QueryParameterOut(name=p.name, type=p.type, optional=p.optional,
                                             description=p.description) for p in q.parameters]
        + [models.QueryParameterOut(name=name, type="integer", optional=True, description=doc)
           for name, doc in PAGING.items()])
        for q in list_queries()]


@router.get("/{name}", response_model=models.QueryRows,
            summary="Run a named query; its parameters are query-string parameters",
            responses={200: {"content": {"text/csv": {}}}})
def run_query(name: str, request: Request,
              format: str | None = Query(None, pattern="^(json|csv)$", description="json (default) or csv; "
                                         "else chosen by Accept"),
              store: Store = Depends(get_store),
              index: TextIndex = Depends(get_text_index)) -> models.QueryRows | Response:
    query = named_query(name)  # the project's library only, never a file the server can see
    values = {k: v for k, v in request.query_params.items() if k != "format"}
    result = query.run(store, values, index)  # an unknown name, value or parameter: the app's one error handler
    media = {"csv": "text/csv", "json": "application/json"}.get(format or "") or \
        choose(parse_accept(request.headers.get("accept")), _TABLE_TYPES, "application/json")
    if media == "text/csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(result.variables)
        writer.writerows(["" if v is None else v for v in row] for row in result.rows)
        return Response(out.getvalue(), media_type="text/csv")
    if media is None:
        raise NotAcceptable("named query results are application/json or text/csv")
    return models.QueryRows(query=query.name, variables=list(result.variables), rows=result.as_dicts())
