"""ontology/gazetteer.json: up to date with scripts/build_gazetteer.py, and the facts hold together."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cskg.loaders.authorities import authority_index
from cskg.loaders.gazetteer import gazetteer as loaded_gazetteer
from cskg.ontology import AUTHORITIES_JSON, ONTOLOGY_DIR

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "build_gazetteer.py"
REFERENCE = ROOT / "scripts" / "reference"
GAZETTEER = ONTOLOGY_DIR / "gazetteer.json"

# Bodies that serve one council: children's services trusts and companies mostly do, and one
# regional adoption agency (Adopt Birmingham) is Birmingham's alone. Every other body and every
# group joins at least two councils.
SINGLE_COUNCIL_KINDS = {"childrens-services-company"}
SINGLE_COUNCIL_BODIES = {"adopt-birmingham"}
# Names authorities.json itself gives two councils: a predecessor and its successor, told apart
# by date (Bournemouth the borough and BCP; Dorset County Council and Dorset Council).
INHERITED_AMBIGUOUS = {"bournemouth", "dorset"}


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


@pytest.fixture(scope="module")
def gazetteer() -> dict:
    return json.loads(GAZETTEER.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def authorities() -> dict[str, dict]:
    return {a["gss"]: a for a in json.loads(AUTHORITIES_JSON.read_text(encoding="utf-8"))}


def _build(out: Path, reference: Path | None = None) -> subprocess.CompletedProcess:
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import build_gazetteer as b; "
            "from pathlib import Path; "
            "g = b.build(Path(sys.argv[3])) if len(sys.argv) > 3 else b.build(); "
            "Path(sys.argv[2]).write_text(b.render(g), encoding='utf-8')")
    args = [sys.executable, "-c", code, str(SCRIPT.parent), str(out)]
    if reference is not None:
        args.append(str(reference))
    return subprocess.run(args, capture_output=True, text=True, timeout=120)


def test_gazetteer_is_up_to_date(tmp_path: Path) -> None:
    out = tmp_path / "gazetteer.json"
    done = subprocess.run([sys.executable, str(SCRIPT), str(out)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == GAZETTEER.read_text(encoding="utf-8"), \
        "ontology/gazetteer.json is stale: run python scripts/build_gazetteer.py"


def test_every_gss_code_is_an_authority(gazetteer: dict, authorities: dict[str, dict]) -> None:
    codes = {c["gss"] for c in gazetteer["councils"]}
    codes |= {m["gss"] for entry in gazetteer["groups"] + gazetteer["bodies"] for m in entry["members"]}
    assert codes - authorities.keys() == set()


def test_every_current_council_has_an_entry(gazetteer: dict, authorities: dict[str, dict]) -> None:
    current = {gss for gss, a in authorities.items() if a["status"] == "current"}
    assert len(current) == 153
    entries = {c["gss"]: c for c in gazetteer["councils"]}
    assert current <= entries.keys()
    for gss in current:
        assert entries[gss]["names"][0] == authorities[gss]["name"] and entries[gss]["sources"]


def test_every_group_and_body_has_a_source_and_members(gazetteer: dict) -> None:
    for group in gazetteer["groups"]:
        assert group["source"], group["key"]
        assert len({m["gss"] for m in group["members"]}) >= 2, group["key"]
    for body in gazetteer["bodies"]:
        assert body["source"], body["key"]
        least = 1 if body["kind"] in SINGLE_COUNCIL_KINDS or body["key"] in SINGLE_COUNCIL_BODIES else 2
        assert len({m["gss"] for m in body["members"]}) >= least, body["key"]


def test_raa_members_are_current_or_predecessor_councils(gazetteer: dict, authorities: dict[str, dict]) -> None:
    raas = [b for b in gazetteer["bodies"] if b["kind"] == "regional-adoption-agency"]
    assert len(raas) >= 30
    for raa in raas:
        for member in raa["members"]:
            assert authorities[member["gss"]]["status"] in {"current", "predecessor"}, (raa["key"], member)
            if authorities[member["gss"]]["status"] == "predecessor":
                assert member["to"] is not None, (raa["key"], member)  # membership ends with the council


def test_no_council_name_is_a_group_or_region_name(gazetteer: dict, authorities: dict[str, dict]) -> None:
    council = {_key(n) for c in gazetteer["councils"] for n in c["names"]}
    groups = {_key(n) for g in gazetteer["groups"] for n in g["names"]}
    bodies = {_key(n) for b in gazetteer["bodies"] for n in b["names"]}
    regions = {_key(a["region_name"]) for a in authorities.values()}
    assert council & groups == set()
    assert council & bodies == set()
    assert council & regions == set()
    assert _key("Manchester") in council and _key("Greater Manchester") in groups


def test_a_council_name_names_one_council(gazetteer: dict) -> None:
    owners: dict[str, set[str]] = {}
    for c in gazetteer["councils"]:
        for name in c["names"]:
            owners.setdefault(_key(name), set()).add(c["gss"])
    assert {name for name, codes in owners.items() if len(codes) > 1} == INHERITED_AMBIGUOUS


def test_short_forms_reports_use(gazetteer: dict) -> None:
    by_name = {_key(n): c["gss"] for c in gazetteer["councils"] for n in c["names"]}
    expected = {"Hull": "E06000010", "Southend": "E06000033", "Stoke": "E06000021", "Richmond": "E09000027",
                "Kingston": "E09000021", "BANES": "E06000022", "RBWM": "E06000040", "St Helens": "E08000013",
                "Newcastle": "E08000021", "Stockton": "E06000004", "Blackburn": "E06000008",
                "Cheshire West": "E06000050", "CWaC": "E06000050", "H&F": "E09000013", "Central Beds": "E06000056",
                "NELC": "E06000012", "Herts": "E10000015", "Notts": "E10000024", "Staffs": "E10000028",
                "Scilly": "E06000053"}
    assert {name: by_name.get(_key(name)) for name in expected} == expected


@pytest.mark.parametrize("text, councils", [
    ("shared with Newcastle", ["Newcastle upon Tyne"]),
    ("a panel for Newcastle-under-Lyme and Stafford", []),  # districts of Staffordshire, no council
    ("the Kingston upon Hull and Kingston boards", ["Kingston Upon Hull, City of", "Kingston upon Thames"]),
    ("Herts and Central Beds share a team with Luton", ["Hertfordshire", "Central Bedfordshire", "Luton"]),
    ("joint with Nottingham City and Notts", ["Nottingham", "Nottinghamshire"]),
    ("the Cheshire West and Chester and Cheshire East boards", ["Cheshire West and Chester", "Cheshire East"]),
    # Short forms that are common words are left out: matching ignores case ("a bath", "dogs barking").
    ("children given a bath by carers", []),
    ("complaints about dogs barking", []),
])
def test_short_forms_in_a_sentence(text: str, councils: list[str]) -> None:
    assert [a.name for a in authority_index().find_all(text)] == councils


def test_metropolitan_district_council_is_the_council() -> None:
    found = authority_index().by_name("Wakefield Metropolitan District Council")
    assert found is not None and found.gss == "E08000036"


def test_output_is_sorted(gazetteer: dict) -> None:
    for section, field in (("councils", "gss"), ("groups", "key"), ("bodies", "key")):
        values = [entry[field] for entry in gazetteer[section]]
        assert values == sorted(values) and len(values) == len(set(values)), section


def test_unknown_gss_fails_naming_the_entry(tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    shutil.copytree(REFERENCE, reference)
    bodies = json.loads((reference / "bodies.json").read_text(encoding="utf-8"))
    bodies[0]["members"][0] = {"gss": "E99999999", "role": "member", "from": None, "to": None}
    (reference / "bodies.json").write_text(json.dumps(bodies), encoding="utf-8")
    done = _build(tmp_path / "out.json", reference)
    assert done.returncode != 0
    assert "E99999999" in done.stderr and bodies[0]["key"] in done.stderr


def test_group_name_that_is_a_council_fails(tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    shutil.copytree(REFERENCE, reference)
    groups = json.loads((reference / "groups.json").read_text(encoding="utf-8"))
    groups[0]["aliases"].append("Manchester")
    (reference / "groups.json").write_text(json.dumps(groups), encoding="utf-8")
    done = _build(tmp_path / "out.json", reference)
    assert done.returncode != 0
    assert "'Manchester'" in done.stderr and groups[0]["key"] in done.stderr


@pytest.mark.parametrize("text, groups", [
    ("shared with Cheshire West and Chester, Knowsley and Wirral", []),  # a council's name holds "Cheshire"
    ("the Cheshire East LSCB", []),
    ("West Sussex and the pan-Sussex procedures", ["sussex"]),
    ("the pan-Cheshire missing group", ["cheshire"]),
])
def test_a_group_name_inside_a_councils_name_is_no_group(text: str, groups: list[str]) -> None:
    assert [group.key for _, _, group in loaded_gazetteer().groups_in(text)] == groups


# Current councils in no regional adoption agency of the reference list, each with why. The two Cumbrian
# successors are in none: Cumberland says it is not currently part of one, having left Adopt Coast to Coast,
# and both share Cumbria Adoption (a consortium of the list). For Buckinghamshire (its own council adoption
# team) and four of Adopt London South's ten boroughs no source we found names an agency: Southwark's decision
# speaks of ten participating boroughs, the sources name six.
NO_AGENCY = {"E06000063": "Cumbria Adoption", "E06000064": "Cumbria Adoption", "E06000060": None,
             "E09000021": None, "E09000027": None, "E09000029": None, "E09000032": None}


def test_every_current_council_is_in_a_regional_adoption_agency(gazetteer: dict,
                                                                 authorities: dict[str, dict]) -> None:
    current = {gss for gss, a in authorities.items() if a["status"] == "current"}
    in_agency = {m["gss"] for b in gazetteer["bodies"] if b["kind"] == "regional-adoption-agency"
                 for m in b["members"] if m["to"] is None}
    assert current - in_agency == set(NO_AGENCY)
    shared_instead = {m["gss"]: b["name"] for b in gazetteer["bodies"] if b["kind"] == "consortium"
                      for m in b["members"] if m["to"] is None}
    assert {gss: shared_instead.get(gss) for gss in NO_AGENCY} == NO_AGENCY


@pytest.mark.parametrize("text, groups", [
    ("the Merseyside-wide child death overview panel", ["merseyside"]),
    ("a West Yorkshire-wide protocol", ["west-yorkshire"]),
    ("the Merseyside-based charity", []),  # a hyphen joins the name to another word: no group
    ("a Tees-wide exploitation group", ["tees"]),
    ("the Teeswide child death arrangements", ["tees"]),
])
def test_a_group_name_printed_wide_is_the_group(text: str, groups: list[str]) -> None:
    assert [group.key for _, _, group in loaded_gazetteer().groups_in(text)] == groups


@pytest.mark.parametrize("text, group, members", [
    # The four councils of the Tees safeguarding procedures; Darlington is in Tees Valley, not Tees.
    ("the panel covers Tees", "tees", {"E06000001", "E06000002", "E06000003", "E06000004"}),
    ("the South Tees children's hub", "south-tees", {"E06000002", "E06000003"}),
    ("the Tees Valley adoption agency", "tees-valley", {"E06000001", "E06000002", "E06000003", "E06000004", "E06000005"}),
])
def test_sub_region_names_hold_their_councils(text: str, group: str, members: set[str]) -> None:
    found = loaded_gazetteer().groups_in(text)
    assert [g.key for _, _, g in found] == [group]
    assert set(found[0][2].members_on(None)) == members and found[0][2].expands


def test_the_alliance_of_the_four_hampshire_boards_is_a_body_of_its_four_councils() -> None:
    found = loaded_gazetteer().bodies_in("procedures agreed with the 4LSCB")
    assert [body.key for _, _, body in found] == ["4lscb"]
    assert {m.gss for m in found[0][2].members} == {"E10000014", "E06000046", "E06000044", "E06000045"}
    assert loaded_gazetteer().groups_in("procedures agreed with the 4LSCB") == []


def test_a_council_with_tees_in_its_name_is_no_group() -> None:
    assert loaded_gazetteer().groups_in("Stockton-on-Tees and Hartlepool") == []
    assert loaded_gazetteer().groups_in("a walk along the River Tees") == []
