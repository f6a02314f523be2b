"""Text search over findings and recommendations."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from cskg.api import lookups, models
from cskg.api.deps import get_store
from cskg.graph.stores.base import Store

router = APIRouter(tags=["search"])


@router.get("/search", response_model=models.SearchResults,
            summary="Findings and recommendations containing the words (case-insensitive), newest first")
def search(
    q: str = Query(..., min_length=2, max_length=200, description="words to find, e.g. neglect"),
    limit: int = Query(50, ge=1, le=500),
    authority: str | None = Query(None, description="only this council (GSS code, DfE code or name)"),
    store: Store = Depends(get_store),
) -> models.SearchResults:
    return lookups.search(store, q.strip(), limit, authority)
