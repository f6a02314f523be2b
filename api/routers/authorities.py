"""Councils: list with latest ILACS grades, one council, its inspections."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Response

from cskg.api import filters, lookups, models, paging
from cskg.api.deps import get_store
from cskg.graph.stores.base import Store

router = APIRouter(prefix="/authorities", tags=["authorities"])


@router.get("", response_model=list[models.AuthoritySummary], summary="Councils with their latest ILACS grades",
            responses=paging.HEADERS_DOC)
def list_authorities(
    request: Request, response: Response,
    region: str | None = Query(None, description="region name or code, e.g. West Midlands or E12000005"),
    grade: str | None = Query(None, description="latest ILACS overall grade, e.g. inadequate"),
    rank: int | None = Query(None, ge=1, le=4, description="latest ILACS overall rank, 1 outstanding .. 4 inadequate"),
    status: str | None = Query("current", description="current or predecessor; empty for both"),
    page: paging.Page = Depends(paging.page_query),
    store: Store = Depends(get_store),
) -> list[models.AuthoritySummary]:
    filters.check("region", region, filters.regions())
    filters.check("grade", grade, filters.ilacs_grades())
    filters.check("status", status, filters.AUTHORITY_STATUSES)
    found = lookups.authorities(store, region=region, grade=grade, rank=rank, status=status or None)
    return paging.paged(found, response, request, page)


@router.get("/{code}", response_model=models.AuthorityDetail,
            summary="One council by GSS code, DfE code or name slug")
def get_authority(code: str, store: Store = Depends(get_store)) -> models.AuthorityDetail:
    return lookups.authority(store, code)


@router.get("/{code}/inspections", response_model=models.AuthorityInspections,
            summary="Every stored inspection of one council, oldest first (a page of them)",
            responses=paging.HEADERS_DOC)
def get_authority_inspections(code: str, request: Request, response: Response,
                              page: paging.Page = Depends(paging.page_query),
                              store: Store = Depends(get_store)) -> models.AuthorityInspections:
    found = lookups.authority_inspections(store, code)
    return found.model_copy(update={"inspections": paging.paged(found.inspections, response, request, page)})
