"""Regenerate ontology/england.json, the council shapes of the home page's map, from the shared geography.

Usage: python scripts/build_geography.py [PATH/TO/reference/geography]   (needs `pip install -e '.[scripts]'`)

Reads the district boundaries (lad23_boundaries.geojson) and the district -> council lookup
(lad23_to_utla.csv), dissolves each council's districts into one shape, simplifies the shapes as one
coverage (shared borders stay shared, so no slivers open between neighbours), projects them onto a plane
and writes each as an SVG path in whole map units. Only the councils of ontology/authorities.json that
are current are kept; the build fails if one of them has no district, so the map always has all of them.
"""

from __future__ import annotations

import csv
import json
import math
import os
import sys
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, Polygon, shape

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = Path(os.environ.get("CSKG_SHARED", ROOT.parent / "shared")) / "reference" / "geography"
AUTHORITIES = ROOT / "ontology" / "authorities.json"
OUT = ROOT / "ontology" / "england.json"

# An equirectangular projection true to scale at England's middle latitude: east-west distances shrink by
# cos(latitude), which is all a map of one country needs. Map units per degree of latitude.
MIDDLE_LATITUDE = 52.7
UNITS_PER_DEGREE = 300.0
# Simplification tolerance in map units (~0.3 km): London's boroughs keep their shapes at 2 km across.
TOLERANCE = 0.8
# Islands smaller than this (square map units) are dropped unless they are all there is of a council.
MIN_PART_AREA = 2.0


def project(lon: float, lat: float) -> tuple[float, float]:
    return lon * math.cos(math.radians(MIDDLE_LATITUDE)) * UNITS_PER_DEGREE, -lat * UNITS_PER_DEGREE


def _projected(geometry) -> Polygon | MultiPolygon:
    return shapely.transform(geometry, lambda xy: [project(x, y) for x, y in xy])


def _parts(geometry) -> list[Polygon]:
    polygons = list(geometry.geoms) if hasattr(geometry, "geoms") else [geometry]
    polygons = [p for p in polygons if isinstance(p, Polygon) and not p.is_empty]
    largest = max(polygons, key=lambda p: p.area)
    return [p for p in polygons if p is largest or p.area >= MIN_PART_AREA]


def _ring(coords, dx: float, dy: float) -> str:
    points = []
    for x, y in coords[:-1]:  # the closing point repeats the first: Z closes the ring
        point = f"{round(x - dx)} {round(y - dy)}"
        if not points or points[-1] != point:
            points.append(point)
    return "M" + "L".join(points) + "Z" if len(points) >= 3 else ""


def svg_path(geometry, dx: float, dy: float) -> str:
    rings = []
    for polygon in _parts(geometry):
        rings.append(_ring(polygon.exterior.coords, dx, dy))
        rings.extend(_ring(hole.coords, dx, dy) for hole in polygon.interiors)
    return "".join(r for r in rings if r)


def build(folder: Path) -> dict:
    current = {a["gss"]: a["name"] for a in json.loads(AUTHORITIES.read_text())
               if a["status"] == "current"}
    with open(folder / "lad23_to_utla.csv", newline="", encoding="utf-8") as f:
        council_of = {row["lad23cd"]: row["utla_code"] for row in csv.DictReader(f)}
    districts: dict[str, list] = {}
    for feature in json.loads((folder / "lad23_boundaries.geojson").read_text())["features"]:
        council = council_of.get(feature["properties"]["LAD23CD"])
        if council in current:
            districts.setdefault(council, []).append(shapely.make_valid(shape(feature["geometry"])))
    missing = sorted(set(current) - set(districts))
    if missing:
        raise SystemExit(f"no district boundary for current councils {missing}: check lad23_to_utla.csv")
    codes = sorted(districts)
    merged = [_projected(shapely.union_all(districts[code])) for code in codes]
    simplified = shapely.coverage_simplify(merged, TOLERANCE)
    minx, miny, maxx, maxy = shapely.total_bounds(simplified)
    return {
        "source": "ONS Open Geography, local authority districts December 2023 (Open Government Licence v3.0; "
                  "contains OS data (c) Crown copyright and database right), dissolved into the councils that run "
                  "children's services by scripts/build_geography.py",
        "projection": f"equirectangular, true at {MIDDLE_LATITUDE} N, {UNITS_PER_DEGREE:g} units per degree",
        "width": math.ceil(maxx - minx), "height": math.ceil(maxy - miny),
        "councils": {code: svg_path(geometry, minx, miny) for code, geometry in zip(codes, simplified)},
    }


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else DEFAULT_DIR
    data = build(folder)
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(data['councils'])} councils, {OUT.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
