"""Regenerate ontology/authorities.json from the shared la_lookup.csv.

Usage: python scripts/build_authorities.py [PATH/TO/la_lookup.csv]

The CSV's facts (codes, names, regions, statistical neighbours, populations) become the
project's own reference data. Its known defects are mended here, each with a reason:
region codes are derived from region names (a few rows carry the wrong E12 code or
'NotKnown'), and predecessor councils lacking a current GSS code get their last ONS code.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CSV = Path(os.environ.get("CSKG_SHARED", ROOT.parent / "shared")) / "reference" / "la_lookup.csv"
OUT = ROOT / "ontology" / "authorities.json"

REGIONS = {  # ONS region codes (rgn22cd) by name
    "North East": "E12000001", "North West": "E12000002", "Yorkshire and the Humber": "E12000003",
    "East Midlands": "E12000004", "West Midlands": "E12000005", "East of England": "E12000006",
    "London": "E12000007", "South East": "E12000008", "South West": "E12000009",
}

# Councils abolished in reorganisations, with the ONS code they last held and their successors.
# Rows of the CSV without a current code are matched here by DfE code; councils the CSV lacks
# altogether but reports name (Bournemouth, the old Dorset County Council) are added.
PREDECESSORS = {
    "909": {"gss": "E10000006", "successors": ["942", "943"], "abolished": "2023-04-01"},  # Cumbria
    "928": {"gss": "E10000021", "successors": ["940", "941"], "abolished": "2021-04-01"},  # Northamptonshire
    "836": {"gss": "E06000029", "successors": ["839"], "abolished": "2019-04-01"},  # Poole
}
EXTRA_PREDECESSORS = [
    {"gss": "E06000028", "dfe": "837", "name": "Bournemouth", "region": "South West",
     "successors": ["839"], "abolished": "2019-04-01"},
    {"gss": "E10000009", "dfe": "835", "name": "Dorset County Council", "region": "South West",
     "successors": ["838"], "abolished": "2019-04-01", "also_known_as": ["Dorset"]},
]


def _list(cell: str) -> list[str]:
    return [item.strip() for item in re.split(r"[,\[\]]", cell) if item.strip()]


def build(csv_path: Path) -> list[dict]:
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_dfe = {row["la_code"]: row for row in rows}
    gss_by_dfe = {dfe: (row["la_code_new"] or PREDECESSORS.get(dfe, {}).get("gss", "")) for dfe, row in by_dfe.items()}
    for extra in EXTRA_PREDECESSORS:
        gss_by_dfe[extra["dfe"]] = extra["gss"]

    authorities: list[dict] = []
    for row in rows:
        dfe = row["la_code"]
        gss = gss_by_dfe[dfe]
        if not gss:
            raise SystemExit(f"{csv_path}: no GSS code for DfE {dfe} {row['local_authority_ons_name']}; "
                             "add it to PREDECESSORS")
        predecessor = PREDECESSORS.get(dfe)
        name = row["local_authority_ons_name"]
        aliases = _list(row["also_known_as"])
        if "," in name:  # "Bristol, City of" is printed "City of Bristol" / "Bristol"
            head, tail = (part.strip() for part in name.split(",", 1))
            aliases += [f"{tail} {head}", head]
        neighbours = _list(row["stat_neighbours_la_code"])
        authorities.append({
            "gss": gss,
            "dfe": dfe,
            "urn": row["urn"] or None,
            "name": name,
            "also_known_as": sorted(set(aliases) - {name}),
            "region_code": REGIONS[row["region_name"]],
            "region_name": row["region_name"],
            "type": row["ons_la_type"] or None,
            "population_0_25": int(row["ons_population_0-25"]) if row["ons_population_0-25"] else None,
            "statistical_neighbours": neighbours,
            "status": "predecessor" if predecessor else "current",
            "successors": [gss_by_dfe[d] for d in predecessor["successors"]] if predecessor else [],
            "abolished": predecessor["abolished"] if predecessor else None,
            "domain": row["domain"] or None,
        })
    for extra in EXTRA_PREDECESSORS:
        authorities.append({
            "gss": extra["gss"], "dfe": extra["dfe"], "urn": None, "name": extra["name"],
            "also_known_as": extra.get("also_known_as", []), "region_code": REGIONS[extra["region"]],
            "region_name": extra["region"], "type": None, "population_0_25": None,
            "statistical_neighbours": [], "status": "predecessor",
            "successors": [gss_by_dfe[d] for d in extra["successors"]], "abolished": extra["abolished"],
            "domain": None,
        })
    by_gss = {a["gss"]: a for a in authorities}
    for authority in authorities:
        authority["predecessors"] = sorted(a["gss"] for a in authorities if authority["gss"] in a["successors"])
        unknown = [n for n in authority["statistical_neighbours"] if n not in by_gss]
        if unknown:
            raise SystemExit(f"{authority['name']}: statistical neighbours {unknown} are not in the lookup")
    return sorted(authorities, key=lambda a: a["gss"])


def main(argv: list[str]) -> int:
    csv_path = Path(argv[1]) if len(argv) > 1 else DEFAULT_CSV
    authorities = build(csv_path)
    OUT.write_text(json.dumps(authorities, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    current = sum(a["status"] == "current" for a in authorities)
    print(f"wrote {OUT}: {current} current authorities, {len(authorities) - current} predecessors")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
