"""Response models of the REST lookups (they document the API in OpenAPI)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class LatestInspection(BaseModel):
    framework: str
    inspection_start: str | None = None
    inspection_end: str | None = None
    published: str | None = None
    lead_inspector: str | None = None
    overall: str | None = Field(None, description="overall effectiveness as printed, lower case")
    impact_of_leaders: str | None = None
    help_and_protection: str | None = None
    children_in_care: str | None = None
    care_leavers: str | None = None
    overall_rank: int | None = Field(None, description="1 outstanding .. 4 inadequate")
    source: str


class AuthoritySummary(BaseModel):
    gss: str = Field(description="GSS code, e.g. E10000028")
    dfe: str = Field(description="DfE local authority number, e.g. 860")
    name: str
    region: str | None = None
    region_code: str | None = None
    type: str | None = None
    status: str = Field(description="current, or predecessor for an abolished council")
    latest_ilacs: LatestInspection | None = None
    href: str


class Neighbour(BaseModel):
    rank: int
    gss: str
    name: str
    overall: str | None = None
    overall_rank: int | None = None
    framework: str | None = None
    published: str | None = None


class AuthorityDetail(AuthoritySummary):
    urn: str | None = None
    population_0_25: int | None = None
    statistical_neighbours: list[Neighbour]
    inspections_href: str


class InspectionSummary(BaseModel):
    id: str = Field(description="inspection key: {GSS}/{framework}/{start date}")
    framework: str
    inspection_start: str | None = None
    inspection_end: str | None = None
    published: str | None = None
    overall_grade: str | None = None
    overall_rank: int | None = None
    lead_inspector: str | None = None
    judgements: int = 0
    source: str
    href: str


class AuthorityInspections(BaseModel):
    gss: str
    name: str
    inspections: list[InspectionSummary]


class Evidence(BaseModel):
    quote: str | None = None
    page: int | None = None
    paragraph: int | None = None
    section: str | None = None


class JudgementOut(BaseModel):
    area: str
    area_label: str | None = None
    grade: str
    printed_grade: str | None = None
    rank: int
    evidence: Evidence


class RecommendationOut(BaseModel):
    number: int
    kind: str
    timescale: str | None = None
    text: str
    evidence: Evidence


class FindingOut(BaseModel):
    paragraph: int
    area: str | None = None
    text: str
    page: int | None = None
    section: str | None = None
    evidence_span: tuple[int, int] | None = Field(None, description="character span in the report text")


class InspectorOut(BaseModel):
    name: str
    role: str = Field(description="lead or team")
    title: str | None = Field(None, description="as printed: His Majesty's Inspector, Social Care Inspector, …")
    position: str | None = Field(None, description="the place the report gives them in this inspection's team, as "
                                                   "printed: lead inspector, deputy lead inspector, team inspector, …")


class InspectionDetail(BaseModel):
    id: str
    iri: str
    authority_code: str
    authority: str
    framework: str
    framework_label: str | None = None
    inspection_start: str | None = None
    inspection_end: str | None = None
    published: str | None = None
    title: str | None = None
    source: str
    sha256: str
    page_count: int | None = None
    lead_inspector: str | None = None
    team: list[str] = Field(description="the team members' names, in name order")
    inspectors: list[InspectorOut] = Field(description="every inspector, the lead first, then as the report prints "
                                                       "the team, each with their position in it")
    judgements: list[JudgementOut]
    recommendations: list[RecommendationOut]
    findings: list[FindingOut]


class SearchHit(BaseModel):
    type: str = Field(description="finding or recommendation (areas for improvement included)")
    text: str
    authority_code: str
    authority: str
    framework: str
    inspection_start: str | None = None
    published: str | None = None
    area: str | None = None
    timescale: str | None = None
    paragraph: int | None = None
    page: int | None = None
    source: str
    iri: str
    inspection_href: str


class SearchResults(BaseModel):
    q: str
    total: int = Field(description="matches before the limit")
    hits: list[SearchHit]


class QueryParameterOut(BaseModel):
    name: str
    type: str
    optional: bool
    description: str


class NamedQueryOut(BaseModel):
    name: str
    description: str
    parameters: list[QueryParameterOut]
    href: str


class QueryRows(BaseModel):
    query: str
    variables: list[str]
    rows: list[dict[str, str | int | float | bool | None]]
    total: int = Field(description="rows of the whole answer")
    offset: int = Field(description="rows skipped before this page")
    limit: int | None = Field(description="rows per page; null when the whole answer was asked for (limit=all)")
    next: str | None = Field(description="the next page's address (also in the Link header); null on the last page")


class ProblemItem(BaseModel):
    """One reason FastAPI gives for a request whose parameters do not fit their declared types."""
    loc: list[str | int]
    msg: str
    type: str


class ErrorOut(BaseModel):
    """Every error answer of the REST API: a message saying what was wrong and what to do next (or, for a
    parameter of the wrong type, FastAPI's list of reasons)."""
    detail: str | list[ProblemItem]


def error_responses(*statuses: int) -> dict[int | str, dict]:
    """The OpenAPI entries of the error statuses an operation can answer, all with the ErrorOut body."""
    reasons = {400: "malformed request (the message says which part)", 404: "nothing matches (the message says "
               "how to find valid values)", 406: "no acceptable media type", 422: "a parameter value outside its "
               "type or allowed set", 431: "request headers too large", 503: "the store or a query worker is "
               "unavailable; retry shortly"}
    return {status: {"model": ErrorOut, "description": reasons[status]} for status in statuses}
