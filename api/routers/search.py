"""Text search over findings and recommendations, answered by the full-text index."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from cskg.api import lookups, models
from cskg.api.deps import get_text_index
from cskg.graph.text_index import ORDERS, TextIndex

router = APIRouter(tags=["search"])


@router.get("/search", response_model=models.SearchResults,
            summary="Findings and recommendations holding the words (whole words, case and accents ignored; "
                    '"a phrase", prefix*), newest first or by relevance (BM25)',
            responses={400: {"description": "the search is not cskg's search syntax (the message says why)"}})
def search(
    q: str = Query(..., min_length=2, max_length=200,
                   description='words (all must occur), "a phrase" or word*, e.g. neglect "private fostering"'),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=1_000_000, description="skip this many hits first (the page start)"),
    order: str = Query("newest", pattern=f"^({'|'.join(ORDERS)})$",
                       description="newest (inspection date) or relevance (BM25 rank)"),
    authority: str | None = Query(None, description="only this council (GSS code, DfE code or name)"),
    index: TextIndex = Depends(get_text_index),
) -> models.SearchResults:
    return lookups.search(index, q.strip(), limit, authority, order, offset)  # bad syntax: 400, the one handler
