"""Regenerate ontology/gazetteer.json from the curated reference files in scripts/reference/.

Usage: python scripts/build_gazetteer.py [OUTPUT.json]    (default: ontology/gazetteer.json)

The gazetteer lists the names reports use for councils, for groups of councils and for bodies
several councils share (regional adoption agencies, children's services trusts and companies,
standing consortia). Its facts are curated by hand, each with its source (a URL, or
"ofsted:<council-folder>/<published>.pdf p.<page>"), in:

- scripts/reference/council_names.csv  gss,name,source: short forms and council names beside the
  official name and also_known_as that ontology/authorities.json already gives;
- scripts/reference/groups.json        named groups of councils: key, name, stems, aliases, kind,
  members [{gss, council, from, to}], source. Each stem X is listed as "X", "pan-X" and
  "the X authorities/councils/local authorities"; the bare stem is left out when it is a
  council's own name (pan-Lancashire, never "Lancashire");
- scripts/reference/bodies.json        key, name, aliases, kind, started,
  members [{gss, council, role, from, to}], source;
- ../shared/reference/geography/lad23_to_utla.csv (or $CSKG_SHARED/…): the districts of two-tier
  counties, whose names are places and never a council's ("Newcastle-under-Lyme" is not Newcastle
  upon Tyne, "South Staffordshire" not Staffordshire).

`council` beside a member is there for the reader and is checked against the code. Dates are
strings as the source gives them (YYYY, YYYY-MM or YYYY-MM-DD); a null `from` means the source
gives no start (or the membership is as old as the grouping), a null `to` that it still holds.

The build fails, naming the entry, when: a GSS code is not in authorities.json, or its `council`
is not that code's name; an entry has no source; a kind, role or date is malformed, or a
membership ends before it starts; a key is repeated; a curated council name is another council's
name, or a group, body or region name (a short form must identify exactly one council); a group
or body name is a council's name (a group name never resolves to one council); one name belongs
to two groups or bodies. Names are compared case-insensitively. The output is sorted (councils
by GSS, groups and bodies by key) so that it changes only when the facts do.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CSKG_SHARED", ROOT.parent / "shared"))
DISTRICTS = SHARED / "reference" / "geography" / "lad23_to_utla.csv"
DISTRICTS_SOURCE = "ONS local authority district to upper-tier authority lookup, December 2023 (lad23_to_utla.csv)"
REFERENCE = ROOT / "scripts" / "reference"
AUTHORITIES = ROOT / "ontology" / "authorities.json"
OUT = ROOT / "ontology" / "gazetteer.json"
AUTHORITIES_SOURCE = "ontology/authorities.json"

GROUP_KINDS = {"region", "combined-authority", "sub-region", "county-grouping", "borough-arrangement",
               "police-area", "health-area", "acronym"}
BODY_KINDS = {"regional-adoption-agency", "childrens-services-company", "consortium"}
ROLES = {"member", "host", "delivers-for"}
DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
PLURALS = ("authorities", "councils", "local authorities")
# Other spellings of a region's name that reports and councils use.
REGION_SPELLINGS = {"Yorkshire and the Humber": ("Yorkshire and Humber",)}


class GazetteerError(SystemExit):
    """A curated fact fails a check; the message names the entry."""


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def _unique(names: list[str]) -> list[str]:
    """The first name, then the others sorted; case-insensitive duplicates dropped."""
    seen: set[str] = set()
    kept: list[str] = []
    for name in names:
        name = " ".join(name.split())
        if name and _key(name) not in seen:
            seen.add(_key(name))
            kept.append(name)
    return kept[:1] + sorted(kept[1:], key=_key)


def _check_date(value: str | None, where: str) -> None:
    if value is not None and not DATE.match(value):
        raise GazetteerError(f"{where}: date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")


def _members(entry: dict, where: str, by_gss: dict[str, dict], with_role: bool) -> list[dict]:
    members = []
    for member in entry.get("members") or []:
        gss = member.get("gss")
        if gss not in by_gss:
            raise GazetteerError(f"{where}: GSS code {gss!r} is not in {AUTHORITIES_SOURCE}")
        council = member.get("council")
        if council is not None and council != by_gss[gss]["name"]:
            raise GazetteerError(f"{where}: {gss} is {by_gss[gss]['name']!r}, not {council!r}")
        start, end = member.get("from"), member.get("to")
        _check_date(start, f"{where} {gss}")
        _check_date(end, f"{where} {gss}")
        if start and end and end[:len(start)] < start[:len(end)]:
            raise GazetteerError(f"{where} {gss}: membership ends ({end}) before it starts ({start})")
        row = {"gss": gss}
        if with_role:
            if member.get("role") not in ROLES:
                raise GazetteerError(f"{where} {gss}: role {member.get('role')!r} is not one of {sorted(ROLES)}")
            row["role"] = member["role"]
        row["from"], row["to"] = start, end
        members.append(row)
    return sorted(members, key=lambda m: (m["gss"], m["from"] or "", m.get("role", "")))


def _entries(path: Path, kinds: set[str], by_gss: dict[str, dict], with_role: bool) -> list[dict]:
    entries = []
    keys: set[str] = set()
    for entry in json.loads(path.read_text(encoding="utf-8")):
        key = entry.get("key")
        where = f"{path.name} {key!r}"
        if not key or key in keys:
            raise GazetteerError(f"{where}: missing or repeated key")
        keys.add(key)
        if not entry.get("source"):
            raise GazetteerError(f"{where}: no source")
        if entry.get("kind") not in kinds:
            raise GazetteerError(f"{where}: kind {entry.get('kind')!r} is not one of {sorted(kinds)}")
        names = [entry["name"]]
        for stem in entry.get("stems") or []:
            names += [stem, f"pan-{stem}", *(f"the {stem} {plural}" for plural in PLURALS)]
        names += entry.get("aliases") or []
        built = {"key": key, "name": entry["name"], "names": names, "kind": entry["kind"]}
        if with_role:
            _check_date(entry.get("started"), f"{where} started")
            built["started"] = entry.get("started")
        built["members"] = _members(entry, where, by_gss, with_role)
        built["source"] = entry["source"]
        built["stems"] = {_key(stem) for stem in entry.get("stems") or []}
        entries.append(built)
    return entries


def _regions(authorities: list[dict], curated: set[str]) -> list[dict]:
    """The English regions as groups, from each council's region in authorities.json (London is curated, with
    the names reports give it). Each council is a member while it stood: a predecessor until the day before it
    was abolished, its successor from that day."""
    created = {gss: a["abolished"] for a in authorities if a["abolished"] for gss in a["successors"]}
    regions: dict[str, list[dict]] = {}
    for a in authorities:
        end = (date.fromisoformat(a["abolished"]) - timedelta(days=1)).isoformat() if a["abolished"] else None
        regions.setdefault(a["region_name"], []).append({"gss": a["gss"], "from": created.get(a["gss"]), "to": end})
    out = []
    for name, members in sorted(regions.items()):
        if name in curated:
            continue
        stems = [name, *REGION_SPELLINGS.get(name, ())]
        names = [name] + [form for stem in stems
                          for form in (stem, f"pan-{stem}", *(f"the {stem} {plural}" for plural in PLURALS))]
        out.append({"key": _key(name).replace(" ", "-"), "name": name, "names": names, "kind": "region",
                    "members": sorted(members, key=lambda m: (m["gss"], m["from"] or "")),
                    "source": f"{AUTHORITIES_SOURCE} region_name (from ../shared/reference/la_lookup.csv)",
                    "stems": {_key(stem) for stem in stems}})
    return out


def _council_names(path: Path, by_gss: dict[str, dict]) -> dict[str, list[tuple[str, str]]]:
    curated: dict[str, list[tuple[str, str]]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            where = f"{path.name} line {line} ({row.get('gss')}, {row.get('name')!r})"
            if row.get("gss") not in by_gss:
                raise GazetteerError(f"{where}: GSS code is not in {AUTHORITIES_SOURCE}")
            if not (row.get("name") or "").strip() or not (row.get("source") or "").strip():
                raise GazetteerError(f"{where}: name and source are both required")
            curated.setdefault(row["gss"], []).append((row["name"].strip(), row["source"].strip()))
    return curated


def _districts(path: Path, by_gss: dict[str, dict]) -> list[dict]:
    """The districts of two-tier counties (a district code that is not its council's), each with
    its council."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = []
    for row in rows:
        if row["lad23cd"] == row["utla_code"]:
            continue
        if row["utla_code"] not in by_gss:
            raise GazetteerError(f"{path.name} {row['lad23cd']}: council {row['utla_code']} is not in authorities.json")
        out.append({"gss": row["lad23cd"], "name": row["lad23nm"], "council": row["utla_code"]})
    return sorted(out, key=lambda d: d["gss"])


COMPASS = ("North East", "North West", "South East", "South West", "North", "South", "East", "West", "Central")


def _abbreviation(short: str, name: str) -> bool:
    """Whether a curated short form abbreviates the council's one-word name ("Glos" for Gloucestershire)."""
    return " " not in short and " " not in name and short[:3].lower() == name[:3].lower() and len(short) < len(name)


def _compass_forms(curated: dict[str, list[tuple[str, str]]], by_gss: dict[str, dict],
                   districts: list[dict]) -> tuple[dict[str, list[tuple[str, str]]], list[dict]]:
    """The abbreviation of a county with a compass word before it names the council or district so named:
    "South Glos" is South Gloucestershire, "North Lincs" North Lincolnshire, "South Staffs" a district (never
    Gloucestershire, Lincolnshire or Staffordshire). Derived from the curated abbreviation, its source kept."""
    councils = {_key(a["name"]): gss for gss, a in by_gss.items()}
    places = {_key(d["name"]): d for d in districts}
    names: dict[str, list[tuple[str, str]]] = {}
    derived_places: list[dict] = []
    for gss, rows in curated.items():
        name = by_gss[gss]["name"]
        for short, source in rows:
            if not _abbreviation(short, name):
                continue
            for compass in COMPASS:
                target = _key(f"{compass} {name}")
                # "North East" is also printed "NE"
                for printed in dict.fromkeys([compass, "".join(w[0] for w in compass.split()) if " " in compass else compass]):
                    how = f"derived: '{printed} {short}' as '{compass} {name}' from '{short}' ({source})"
                    if target in councils:
                        names.setdefault(councils[target], []).append((f"{printed} {short}", how))
                    elif target in places:
                        derived_places.append({**places[target], "name": f"{printed} {short}"})
    return names, derived_places


def build(reference: Path = REFERENCE, authorities_path: Path = AUTHORITIES, districts_path: Path = DISTRICTS) -> dict:
    """The gazetteer from the curated files; GazetteerError when a check fails."""
    authorities = json.loads(authorities_path.read_text(encoding="utf-8"))
    by_gss = {a["gss"]: a for a in authorities}
    curated = _council_names(reference / "council_names.csv", by_gss)
    districts = _districts(districts_path, by_gss)
    compass_names, compass_places = _compass_forms(curated, by_gss, districts)
    for gss, rows in compass_names.items():
        curated.setdefault(gss, []).extend(rows)
    groups = _entries(reference / "groups.json", GROUP_KINDS, by_gss, with_role=False)
    groups += _regions(authorities, {g["name"] for g in groups if g["kind"] == "region"})
    bodies = _entries(reference / "bodies.json", BODY_KINDS, by_gss, with_role=True)

    official: dict[str, set[str]] = {}  # name -> GSS codes, from authorities.json
    for a in authorities:
        for name in [a["name"], *a["also_known_as"]]:
            official.setdefault(_key(name), set()).add(a["gss"])
    regions = {_key(a["region_name"]) for a in authorities}
    council_names = dict(official)
    for gss, rows in curated.items():
        for name, _ in rows:
            others = official.get(_key(name), set()) - {gss}
            if others:
                raise GazetteerError(f"council_names.csv {gss} {name!r}: also the name of {sorted(others)}")
            if _key(name) in regions:
                raise GazetteerError(f"council_names.csv {gss} {name!r}: a region's name")
            council_names.setdefault(_key(name), set()).add(gss)

    owner: dict[str, str] = {}  # group or body name -> key; council_names holds curated names too
    for entry in groups + bodies:
        names = []
        for name in entry.pop("names"):
            if _key(name) in council_names:
                if _key(name) in entry["stems"]:
                    continue  # a stem that is a council's own name is listed only as pan-X and plurals
                raise GazetteerError(f"{entry['key']!r}: {name!r} is the name of council "
                                     f"{sorted(council_names[_key(name)])}")
            names.append(name)
        entry["names"] = _unique(names)
        for name in entry["names"]:
            if owner.setdefault(_key(name), entry["key"]) != entry["key"]:
                raise GazetteerError(f"{entry['key']!r}: {name!r} is also a name of {owner[_key(name)]!r}")
        del entry["stems"]

    councils = []
    for a in sorted(authorities, key=lambda a: a["gss"]):
        rows = curated.get(a["gss"], [])
        names = _unique([a["name"], *a["also_known_as"], *(name for name, _ in rows)])
        sources = [AUTHORITIES_SOURCE, *sorted({source for _, source in rows})]
        councils.append({"gss": a["gss"], "names": names, "sources": sources})
    order = ("key", "name", "names", "kind", "started", "members", "source")
    return {
        "councils": councils,
        "districts": {"source": DISTRICTS_SOURCE,
                      "places": sorted(districts + compass_places, key=lambda d: (d["gss"], d["name"]))},
        "groups": [{k: g[k] for k in order if k in g} for g in sorted(groups, key=lambda g: g["key"])],
        "bodies": [{k: b[k] for k in order if k in b} for b in sorted(bodies, key=lambda b: b["key"])],
    }


def render(gazetteer: dict) -> str:
    return json.dumps(gazetteer, indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else OUT
    gazetteer = build()
    out.write_text(render(gazetteer), encoding="utf-8")
    named = sum(len(c["names"]) > 1 for c in gazetteer["councils"])
    kinds = {}
    for body in gazetteer["bodies"]:
        kinds[body["kind"]] = kinds.get(body["kind"], 0) + 1
    print(f"wrote {out}: {len(gazetteer['councils'])} councils ({named} with other names), "
          f"{len(gazetteer['groups'])} groups, bodies {dict(sorted(kinds.items()))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
