"""Boards, partnerships and other bodies: which councils share them, and the sentences that say so.

Thin: every answer is a named query (queries/shared-boards.rq, boards.rq, bodies.rq, board.rq).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, Field

from cskg.api import filters, paging
from cskg.api.deps import get_store
from cskg.errors import NotFound
from cskg.graph.namespaces import body_uri
from cskg.graph.stores.base import Store
from cskg.loaders.authorities import authority_index
from cskg.queries import iri_safe, load_query

router = APIRouter(tags=["boards"])


class SharedBoard(BaseModel):
    """A pair of councils tied to one body (queries/shared-boards.rq: cskg's one definition of shared)."""

    authority_a_code: str
    authority_a: str
    authority_b_code: str
    authority_b: str
    body_id: str = Field(description="body key; GET /boards/{id}")
    body: str = Field(description="the body's name")
    kind: str = Field(description="organisation kind notation, e.g. lscb, cdop, regional-adoption-agency")
    source_a: str = Field(description="the report that ties council a to the body, or 'reference list: <source>'")
    page_a: int | None = None
    evidence_a: str = Field(description="the sentence that ties council a to the body ('' for the reference list)")
    source_b: str
    page_b: int | None = None
    evidence_b: str


class BodySummary(BaseModel):
    id: str = Field(description="body key, e.g. lscb/E06000021+E10000028; GET /boards/{id}")
    name: str
    kind: str
    kind_label: str | None = None
    members: int = Field(description="councils tied to the body")
    inspections: int = Field(description="inspections that mention it")
    href: str


class MembershipOut(BaseModel):
    authority_code: str
    authority: str
    role: str = Field(description="member, joint, delivers-for, group-member, chair-shared, joint-working or partner")
    source: str
    page: int | None = None
    paragraph: int | None = None
    evidence: str = Field(description="the sentence that ties the council to the body")
    passage: str = Field(description="IRI of the quoted passage")


class BodyDetail(BaseModel):
    id: str
    iri: str
    name: str
    kind: str
    labels: list[str] = Field(description="other spellings used in the reports")
    members: list[str] = Field(description="GSS codes of the councils tied to the body")
    memberships: list[MembershipOut]


def _gss(code: str) -> str:
    authority = authority_index().resolve_code(code)
    if authority is None:
        raise NotFound(f"no council matches {code!r}: give a GSS code (E10000028), a DfE code (860) "
                       "or a name slug (staffordshire); GET /authorities lists them")
    return authority.gss


@router.get("/authorities/{code}/shared-boards", response_model=list[SharedBoard],
            summary="Bodies a council shares with other councils, one row per council and body, with evidence",
            responses=paging.HEADERS_DOC)
def list_shared_boards(code: str, request: Request, response: Response,
                       page: paging.Page = Depends(paging.page_query),
                       store: Store = Depends(get_store)) -> list[SharedBoard]:
    return paging.paged(shared_boards(code, store), response, request, page)


def shared_boards(code: str, store: Store) -> list[SharedBoard]:
    """Every pair of the council with another council and a body both are tied to, the council first."""
    gss = _gss(code)
    # Every pair once, as the named query lists them (one query, which the server caches), this
    # council's turned to put it first: the same rows `shared-boards --param authority=…` gives.
    rows = [_council_first(row, gss) for row in load_query("shared-boards").run(store).as_dicts()
            if gss in (row["authority_a_code"], row["authority_b_code"])]
    rows.sort(key=lambda r: (r["authority_b"], r["body"], r["body_id"]))
    return [SharedBoard(**row) for row in rows]


# The columns of council a and their twins of council b.
_SIDES = {f"{name}_a": f"{name}_b" for name in ("authority", "source", "page", "evidence")} | {
    "authority_a_code": "authority_b_code"}
_SWAP = _SIDES | {b: a for a, b in _SIDES.items()}


def _council_first(row: dict, gss: str) -> dict:
    """The row with the council's columns first (as council a)."""
    return row if row["authority_a_code"] == gss else {_SWAP.get(key, key): value for key, value in row.items()}


@router.get("/boards", response_model=list[BodySummary], summary="Every body in the graph (a page of them)",
            responses=paging.HEADERS_DOC)
def list_boards(
    request: Request, response: Response,
    kind: str | None = Query(None, description="only this kind notation, e.g. lscb, regional-adoption-agency"),
    shared: bool = Query(False, description="only shared bodies: two or more councils tied to the body as member, "
                                             "joint owner, served council or group member (as shared-boards)"),
    page: paging.Page = Depends(paging.page_query),
    store: Store = Depends(get_store),
) -> list[BodySummary]:
    filters.check("kind", kind, filters.body_kinds())
    return paging.paged(bodies(kind, shared, store), response, request, page)


def bodies(kind: str | None, shared: bool, store: Store) -> list[BodySummary]:
    """Every body of the kind (any kind when None), only the shared ones when `shared`."""
    rows = load_query("bodies").run(store, {"kind": kind} if kind else {}).as_dicts()
    # Shared as shared-boards defines it, so that this list and every council's shared boards agree.
    shared_ids = {r["body_id"] for r in load_query("shared-boards").run(store).as_dicts()} if shared else set()
    return [BodySummary(id=r["body_id"], name=r["body"], kind=r["kind"], kind_label=r["kind_label"],
                        members=r["members"], inspections=r["inspections"], href=f"/boards/{r['body_id']}")
            for r in rows if not shared or r["body_id"] in shared_ids]


@router.get("/boards/{id:path}", response_model=BodyDetail,
            summary="One body with every council tied to it, the role, and the sentence that says so")
def get_board(id: str, store: Store = Depends(get_store)) -> BodyDetail:
    if not iri_safe(id):
        raise NotFound(f"no body {id[:80]!r}: body ids hold no spaces or <>\"{{}}|^`\\; "
                       "GET /boards lists the bodies with their ids")
    iri = str(body_uri(id.strip("/")))
    rows = load_query("board").run(store, {"body": iri}).as_dicts()
    if not rows:
        raise NotFound(f"no body {id!r}: GET /boards lists the bodies with their ids")
    labels = sorted({label for r in rows for label in (r["labels"] or "").split(" | ") if label})
    # The name as the reports print it; the reference list's only for a body no report names.
    name = min(r["name"] for r in rows if r["evidence"]) if any(r["evidence"] for r in rows) else min(
        r["name"] for r in rows)
    return BodyDetail(
        id=id.strip("/"), iri=iri, name=name, kind=rows[0]["kind"],
        labels=[label for label in labels if label != name],
        members=sorted({r["authority_code"] for r in rows}),
        memberships=[MembershipOut(**{k: r[k] for k in MembershipOut.model_fields}) for r in rows])
