"""The home page's map and table: each current council's latest grade in one judgement area as of a date."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from cskg.api import lookups
from cskg.api.pages.grades import GradeStyle, legend, style
from cskg.graph.stores.base import Store

SHAPES = Path(__file__).resolve().parent.parent.parent / "ontology" / "england.json"
DEFAULT_AREA = "overall-effectiveness"


@dataclass(frozen=True, slots=True)
class MapShapes:
    width: int
    height: int
    paths: dict[str, str]  # GSS code -> SVG path data
    source: str


@lru_cache(maxsize=1)
def shapes() -> MapShapes:
    """The council shapes scripts/build_geography.py wrote (ontology/england.json)."""
    data = json.loads(SHAPES.read_text(encoding="utf-8"))
    return MapShapes(data["width"], data["height"], data["councils"], data["source"])


@dataclass(frozen=True, slots=True)
class CouncilGrade:
    gss: str
    name: str
    region: str
    path: str  # "" when the council has no shape
    grade: str | None  # as printed, lower case
    framework: str | None
    date: str | None  # the inspection's start, else its publication
    style: GradeStyle


@dataclass(frozen=True, slots=True)
class HomePage:
    area: str
    as_of: str
    areas: list[str]
    councils: list[CouncilGrade]
    shapes: MapShapes
    legend: list[GradeStyle]
    counts: dict[int | None, int]


def parse_as_of(raw: str | None) -> date:
    """The as-of date of the map (today when not given); ValueError with the accepted form otherwise."""
    if not raw:
        return date.today()
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise ValueError(f"as_of must be a date YYYY-MM-DD, not {raw[:40]!r}") from None


_GRADED_AREAS = """PREFIX cskg: <https://w3id.org/cskg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?area WHERE { { SELECT DISTINCT ?concept WHERE { ?judgement cskg:judgementArea ?concept } }
  ?concept skos:notation ?area }"""


def graded_areas(store: Store) -> list[str]:
    """The judgement areas the store holds grades in, and the default one."""
    return sorted({str(area) for (area,) in store.select(_GRADED_AREAS).rows} | {DEFAULT_AREA})


def _latest_in_area(rows: list[dict], area: str, as_of: str) -> dict[str, tuple[str, dict]]:
    """Per council, the latest inspection up to the date that graded the area: (date, worst row of it)."""
    latest: dict[str, tuple[str, str, dict]] = {}
    for row in rows:
        when = str(row["inspection_start"] or row["published"] or "")
        if row["area"] != area or not when or when > as_of:
            continue
        key = (when, row["source"])
        held = latest.get(row["authority_code"])
        # A framework that grades one area per service (SLAC) gives several rows: the worst stands.
        if held is None or key > held[:2] or (key == held[:2] and row["grade_rank"] > held[2]["grade_rank"]):
            latest[row["authority_code"]] = (*key, row)
    return {code: (when, row) for code, (when, _, row) in latest.items()}


def latest_grades(store: Store, area: str, as_of: date) -> dict[str, tuple[str, dict]]:
    """Per council, its latest grade in the area up to the date: (date, row). Up to today that is the derived
    graph's latest judgement (a query of one row per council, fast even on a store read in place); an earlier
    date, or a store with an inspection dated after it, needs every judgement."""
    if as_of >= date.today():
        rows = lookups.named_query("latest-grades").run(store, {"area": area}).as_dicts()
        if all(str(row["inspection_date"]) <= as_of.isoformat() for row in rows):
            return {row["authority_code"]: (str(row["inspection_date"]), row) for row in rows}
    # Every judgement, not the area's alone: one answer (cached, and read ahead) draws any area's map on any date.
    rows = lookups.named_query("judgements").run(store).as_dicts()
    return _latest_in_area(rows, area, as_of.isoformat())


def read_ahead(store: Store, history: bool) -> None:
    """What the home page reads, read once (into the served store's answer cache): today's map of the default
    area and, with `history`, every judgement, from which the map of any area on any date is drawn."""
    home(store, None, parse_as_of(None))
    if history:
        lookups.named_query("judgements").run(store)


def home(store: Store, area: str | None, as_of: date) -> HomePage:
    area = area or DEFAULT_AREA
    areas = graded_areas(store)
    if area not in areas:
        raise ValueError(f"no judgement area {area[:80]!r}: choose one of {', '.join(areas)}")
    latest = latest_grades(store, area, as_of)
    map_shapes = shapes()
    councils = []
    for summary in lookups.current_authorities(store):
        when, row = latest.get(summary["gss"], (None, None))
        rank = row["grade_rank"] if row else None
        councils.append(CouncilGrade(
            gss=summary["gss"], name=summary["name"], region=summary["region"] or "",
            path=map_shapes.paths.get(summary["gss"], ""), grade=str(row["grade"]) if row else None,
            framework=row["framework"] if row else None, date=when, style=style(rank)))
    councils.sort(key=lambda c: c.name)
    counts: dict[int | None, int] = {s.rank: 0 for s in legend()}
    for council in councils:
        counts[council.style.rank] += 1
    return HomePage(area, as_of.isoformat(), areas, councils, map_shapes, legend(), counts)
