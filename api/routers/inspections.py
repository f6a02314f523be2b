"""One inspection with its judgements, recommendations and findings, each with evidence."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from cskg.api import lookups, models
from cskg.api.deps import get_store
from cskg.graph.stores.base import Store

router = APIRouter(prefix="/inspections", tags=["inspections"])


@router.get("/{id:path}", response_model=models.InspectionDetail,
            summary="One inspection by id, e.g. E10000028/ILACS-standard/2023-11-06")
def get_inspection(id: str, store: Store = Depends(get_store)) -> models.InspectionDetail:
    return lookups.inspection(store, id)
