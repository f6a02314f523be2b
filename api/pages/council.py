"""The council page: codes, region, Ofsted link, grade timeline, latest judgements, shared boards, neighbours."""

from __future__ import annotations

from dataclasses import dataclass

from cskg.api import lookups, models
from cskg.api.pages.charts import Timeline, timeline
from cskg.api.routers.boards import SharedBoard, shared_boards
from cskg.graph.reference import OFSTED_PROVIDER_PAGE
from cskg.graph.stores.base import Store


@dataclass(frozen=True, slots=True)
class SharedBody:
    id: str
    name: str
    kind: str
    partners: list[SharedBoard]  # one row per other council, with the evidence of both ties


@dataclass(frozen=True, slots=True)
class CouncilPage:
    detail: models.AuthorityDetail
    ofsted_url: str | None
    inspections: list[models.InspectionSummary]
    timeline: Timeline | None
    latest: models.InspectionDetail | None
    shared: list[SharedBody]


def _by_body(rows: list[SharedBoard]) -> list[SharedBody]:
    bodies: dict[str, SharedBody] = {}
    for row in rows:
        body = bodies.setdefault(row.body_id, SharedBody(row.body_id, row.body, row.kind, []))
        body.partners.append(row)
    return sorted(bodies.values(), key=lambda b: (b.name, b.id))


def council(store: Store, code: str) -> CouncilPage:
    detail = lookups.authority(store, code)
    inspections = lookups.authority_inspections(store, detail.gss).inspections
    graded = [i for i in inspections if i.judgements]
    latest = lookups.inspection(store, graded[-1].id, with_findings=False) if graded else None
    return CouncilPage(
        detail=detail, ofsted_url=OFSTED_PROVIDER_PAGE.format(urn=detail.urn) if detail.urn else None,
        inspections=inspections, timeline=timeline(inspections), latest=latest,
        shared=_by_body(shared_boards(detail.gss, store)))
