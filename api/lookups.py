"""What the REST routers return, computed from a Store with named queries (queries/ and api/rq/)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from cskg.api import models
from cskg.errors import NotFound
from cskg.graph.namespaces import ID, inspection_uri
from cskg.graph.stores.base import Store
from cskg.graph.text_index import TextIndex
from cskg.loaders.authorities import authority_index
from cskg.queries import NamedQuery, iri_safe, load_query, parse_query_file

RQ_DIR = Path(__file__).resolve().parent / "rq"
INSPECTION_BASE = str(ID["inspection/"])


@lru_cache(maxsize=None)
def rest_query(name: str) -> NamedQuery:
    return parse_query_file(RQ_DIR / f"{name}.rq")


@lru_cache(maxsize=None)
def named_query(name: str) -> NamedQuery:
    return load_query(name)


def inspection_id(iri: str) -> str:
    return iri.removeprefix(INSPECTION_BASE)


def _str(value) -> str | None:
    return None if value is None or value == "" else str(value)


def resolve_gss(code: str) -> str:
    authority = authority_index().resolve_code(code)
    if authority is None:
        raise NotFound(f"no council matches {code!r}: give a GSS code (E10000028), a DfE code (860) or a "
                       "name slug (staffordshire); GET /authorities lists them")
    return authority.gss


def _latest(row: dict) -> models.LatestInspection:
    return models.LatestInspection(
        framework=row["framework"], inspection_start=_str(row["inspection_start"]),
        inspection_end=_str(row["inspection_end"]), published=_str(row["published"]),
        lead_inspector=_str(row["lead_inspector"]), overall=_str(row["overall"]),
        impact_of_leaders=_str(row["impact_of_leaders"]), help_and_protection=_str(row["help_and_protection"]),
        children_in_care=_str(row["children_in_care"]), care_leavers=_str(row["care_leavers"]),
        overall_rank=row["overall_rank"], source=row["source"])


def _summary(row: dict, latest: dict | None) -> dict:
    return {"gss": row["gss"], "dfe": row["dfe"], "name": row["name"], "region": _str(row["region"]),
            "region_code": _str(row["region_code"]), "type": _str(row["type"]), "status": row["status"],
            "latest_ilacs": _latest(latest) if latest else None, "href": f"/authorities/{row['gss']}"}


def authorities(store: Store, region: str | None = None, grade: str | None = None, rank: int | None = None,
                status: str | None = None) -> list[models.AuthoritySummary]:
    latest = {r["authority_code"]: r for r in named_query("latest-judgements").run(store).as_dicts()}
    out = []
    for row in rest_query("authorities").run(store).as_dicts():
        if region and region.lower() not in ((row["region"] or "").lower(), (row["region_code"] or "").lower()):
            continue
        if status and row["status"] != status:
            continue
        ilacs = latest.get(row["gss"])
        if grade and (ilacs is None or (ilacs["overall"] or "") != grade.lower()):
            continue
        if rank is not None and (ilacs is None or ilacs["overall_rank"] != rank):
            continue
        out.append(models.AuthoritySummary(**_summary(row, ilacs)))
    return out


def current_authorities(store: Store) -> list[dict]:
    """The current councils' codes, names and regions from the store's reference data, without their grades."""
    return [row for row in rest_query("authorities").run(store).as_dicts() if row["status"] == "current"]


def authority(store: Store, code: str) -> models.AuthorityDetail:
    gss = resolve_gss(code)
    rows = rest_query("authorities").run(store, {"authority": gss}).as_dicts()
    if not rows:
        raise NotFound(f"council {gss} is not in the store's reference data; re-run `cskg ingest` to load it")
    row = rows[0]
    latest = named_query("latest-judgements").run(store, {"authority": gss}).as_dicts()
    neighbours = [
        models.Neighbour(rank=n["neighbour_rank"], gss=n["authority_code"], name=n["authority"],
                         overall=_str(n["overall"]), overall_rank=n["overall_rank"], framework=_str(n["framework"]),
                         published=_str(n["published"]))
        for n in named_query("neighbours").run(store, {"authority": gss}).as_dicts()]
    return models.AuthorityDetail(**_summary(row, latest[0] if latest else None), urn=_str(row["urn"]),
                                  population_0_25=row["population_0_25"], statistical_neighbours=neighbours,
                                  inspections_href=f"/authorities/{gss}/inspections")


def authority_inspections(store: Store, code: str) -> models.AuthorityInspections:
    gss = resolve_gss(code)
    name = authority_index().by_gss[gss].name
    rows = named_query("authority-timeline").run(store, {"authority": gss}).as_dicts()
    inspections = [
        models.InspectionSummary(
            id=inspection_id(r["inspection"]), framework=r["framework"],
            inspection_start=_str(r["inspection_start"]), inspection_end=_str(r["inspection_end"]),
            published=_str(r["published"]), overall_grade=_str(r["overall_grade"]), overall_rank=r["overall_rank"],
            lead_inspector=_str(r["lead_inspector"]), judgements=r["judgements"] or 0, source=r["source"],
            href=f"/inspections/{inspection_id(r['inspection'])}")
        for r in rows]
    return models.AuthorityInspections(gss=gss, name=name, inspections=inspections)


def _evidence(row: dict) -> models.Evidence:
    return models.Evidence(quote=_str(row["quote"]), page=row["page"], paragraph=row["paragraph"],
                           section=_str(row["section"]))


def inspection(store: Store, key: str, with_findings: bool = True) -> models.InspectionDetail:
    """One inspection; without its findings when the caller shows only judgements and recommendations (a
    council's page): reading every paragraph is the one costly query of an inspection."""
    if not iri_safe(key):
        raise NotFound(f"no inspection {key[:80]!r}: ids look like E10000028/ILACS-standard/2023-11-06 and hold no "
                       "spaces or <>\"{}|^`\\; GET /authorities/{code}/inspections lists a council's")
    iri = str(inspection_uri(key.strip("/")))
    params = {"inspection": iri}
    rows = rest_query("inspection").run(store, params).as_dicts()
    if not rows:
        raise NotFound(f"no inspection {key!r}: ids look like E10000028/ILACS-standard/2023-11-06; "
                       "GET /authorities/{code}/inspections lists a council's")
    head = rows[0]
    judgements = [models.JudgementOut(area=r["area"], area_label=_str(r["area_label"]), grade=r["grade"],
                                      printed_grade=_str(r["printed_grade"]), rank=r["rank"], evidence=_evidence(r))
                  for r in rest_query("inspection-judgements").run(store, params).as_dicts()]
    recommendations = [
        models.RecommendationOut(number=r["number"], kind=r["kind"], timescale=_str(r["timescale"]), text=r["text"],
                                 evidence=_evidence(r))
        for r in rest_query("inspection-recommendations").run(store, params).as_dicts()]
    inspectors = [models.InspectorOut(name=r["name"], role=r["role"], title=_str(r["title"]),
                                      position=_str(r["position"]))
                  for r in rest_query("inspection-team").run(store, params).as_dicts()]
    findings = [
        models.FindingOut(paragraph=r["paragraph"], area=_str(r["area"]), text=r["text"], page=r["page"],
                          section=_str(r["section"]),
                          evidence_span=(r["start"], r["end"]) if r["start"] is not None else None)
        for r in rest_query("inspection-findings").run(store, params).as_dicts()] if with_findings else []
    return models.InspectionDetail(
        id=key.strip("/"), iri=iri, authority_code=head["authority_code"], authority=head["authority"],
        framework=head["framework"], framework_label=_str(head["framework_label"]),
        inspection_start=_str(head["inspection_start"]), inspection_end=_str(head["inspection_end"]),
        published=_str(head["published"]), title=_str(head["title"]), source=head["source"], sha256=head["sha256"],
        page_count=head["page_count"], lead_inspector=_str(head["lead_inspector"]),
        team=sorted({r["team"] for r in rows if r["team"]}), inspectors=inspectors, judgements=judgements,
        recommendations=recommendations, findings=findings)


def search(index: TextIndex, q: str, limit: int, authority: str | None = None,
           order: str = "newest", offset: int = 0) -> models.SearchResults:
    """One page of the findings and recommendations matching `q`, found, counted, ordered and paged by
    the text index, which holds what a hit shows of each (read from the store when the index was
    brought in step with it): a page takes no store query (SearchSyntaxError for a search cskg cannot
    read)."""
    gss = resolve_gss(authority) if authority else None
    total, page = index.search(q, kinds=("finding", "recommendation"), authority=gss, order=order, limit=limit,
                               offset=offset)
    hits = []
    for hit in page:
        shown = dict(hit.shown or {})
        kind = shown.pop("type", hit.kind)
        key = inspection_id(re.sub(r"/(finding|recommendation)/[^/]+$", "", hit.iri))
        hits.append(models.SearchHit(type=kind, text=hit.text, iri=hit.iri, inspection_href=f"/inspections/{key}",
                                     **{name: value for name, value in shown.items() if value is not None}))
    return models.SearchResults(q=q, total=total, hits=hits)
