"""Boards, partnerships, trusts and services: extraction, resolution, graph, queries, REST."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import SKOS

from cskg.graph.ingest import ensure_base_graphs, refresh_derived
from cskg.graph.mapping import map_record
from cskg.graph.namespaces import body_uri
from cskg.graph.stores import open_store
from cskg.graph.validate import validate_graph
from cskg.loaders.authorities import authority_index
from cskg.loaders.organisation_kinds import KINDS
from cskg.loaders.organisation_text import Sentence, definitions, sentences
from cskg.loaders.organisations import extract_organisations, find_in_sentences
from cskg.loaders.parsing import clean_text
from cskg.loaders.readers import read_document, text
from cskg.loaders.records import OrganisationMention, ReportRecord, Role
from cskg.ontology import ONTOLOGY_DIR
from cskg.queries import load_query
from tests.conftest import CORPUS, seed

STOKE, STAFFS = "E06000021", "E10000028"
WESTMINSTER, KENSINGTON, HAMMERSMITH = "E09000033", "E09000020", "E09000013"
NORTH_NORTHANTS, WEST_NORTHANTS = "E06000061", "E06000062"
WINDSOR = "E06000040"
TRI_BOROUGH = {WESTMINSTER, KENSINGTON, HAMMERSMITH}


def _record(path: Path, gss: str, published: date) -> tuple[ReportRecord, tuple[OrganisationMention, ...]]:
    """A record as a framework parser would give it (council, dates), with the organisations read."""
    doc = read_document(path)
    council = authority_index().by_gss[gss]
    record = ReportRecord(source=path.name, sha256=doc.sha256, media_type=doc.media_type, framework="SIF",
                          authority_code=gss, authority_name=council.name, inspection_start=published,
                          published=published)
    mentions = extract_organisations(doc, record)
    return replace(record, organisations=mentions), mentions


@lru_cache(maxsize=None)
def _report(relative: str, gss: str) -> tuple[ReportRecord, tuple[OrganisationMention, ...]]:
    path = seed(relative) if len(relative) == 3 else CORPUS / relative
    published = date(2015, 6, 1) if len(relative) == 3 else date.fromisoformat(Path(relative).stem)
    return _record(path, gss, published)


def _text_report(tmp_path: Path, body: str, gss: str) -> tuple[OrganisationMention, ...]:
    data = body.encode()
    doc = text.read(str(tmp_path / "report.txt"), data, hashlib.sha256(data).hexdigest())
    record = ReportRecord(source="report.txt", sha256=doc.sha256, media_type=doc.media_type, framework="SIF",
                          authority_code=gss, authority_name=authority_index().by_gss[gss].name)
    return extract_organisations(doc, record)


def _members(m: OrganisationMention) -> set[tuple[str, Role]]:
    return {(x.authority, x.role) for x in m.members}


def _with(mentions, key: str) -> list[OrganisationMention]:
    return [m for m in mentions if m.key == key]


# --- Stoke-on-Trent 2015 (seed 004): shared with Staffordshire ---------------------------------

def test_stoke_cdop_and_abuse_forum_are_joint_with_staffordshire_with_their_sentence():
    _, mentions = _report("004", STOKE)
    cdop = [m for m in _with(mentions, f"cdop/{STOKE}+{STAFFS}") if len(m.members) == 2]
    assert cdop, "the joint child death overview panel"
    assert _members(cdop[0]) == {(STOKE, "joint"), (STAFFS, "joint")}
    assert "joint working arrangements with Staffordshire" in cdop[0].evidence.quote
    assert cdop[0].evidence.paragraph == 152
    assert cdop[0].abbreviation == "CDOP"
    forum = [m for m in mentions if m.name == "Child Sexual Abuse Forum" and len(m.members) == 2]
    assert forum and forum[0].abbreviation == "CSAF"
    assert _members(forum[0]) == {(STOKE, "joint"), (STAFFS, "joint")}


def test_stoke_lscb_chair_also_chairs_staffordshires_lscb():
    _, mentions = _report("004", STOKE)
    chair = [m for m in _with(mentions, f"lscb/{STAFFS}") if (STOKE, "chair-shared") in _members(m)]
    assert len(chair) == 1
    # the whole sentence, as the seed prints it (read from ../shared, not copied here)
    quote = chair[0].evidence.quote
    assert quote.startswith("He also chairs Staffordshire's") and quote.endswith("Partnership Board.")
    assert quote.count(".") == 1 and quote in clean_text(read_document(seed("004")).text)
    assert _members(chair[0]) == {(STAFFS, "member"), (STOKE, "chair-shared")}
    # The printed names of Staffordshire's board in this report are its labels.
    assert {"Staffordshire Safeguarding Children Board", "Staffordshire's LSCB"} <= set(chair[0].labels)


def test_stoke_ties_no_council_the_text_does_not_name():
    _, mentions = _report("004", STOKE)
    named = {m.authority for mention in mentions for m in mention.members}
    assert named == {STOKE, STAFFS}


def test_stoke_own_boards_are_keyed_by_kind_and_council():
    _, mentions = _report("004", STOKE)
    keys = {m.key for m in mentions}
    assert {f"lscb/{STOKE}", f"mash/{STOKE}", f"corporate-parenting-board/{STOKE}",
            f"health-wellbeing-board/{STOKE}", f"virtual-school/{STOKE}"} <= keys
    # "Staffordshire police" is a named police force, a partner of the council.
    police = _with(mentions, "police-force/staffordshire-police")
    assert police and _members(police[0]) == {(STOKE, "partner")}


# --- Corpus: tri-borough, Northamptonshire Children's Trust, Achieving for Children -----------

@pytest.mark.parametrize("relative, gss", [
    ("westminster/2016-03-29.pdf", WESTMINSTER),
    ("kensington-and-chelsea/2016-03-29.pdf", KENSINGTON),
    ("hammersmith-and-fulham/2016-03-29.pdf", HAMMERSMITH),
])
def test_tri_borough_lscb_and_partnership_are_one_body_each_from_every_borough(relative, gss):
    _, mentions = _report(relative, gss)
    key = "+".join(sorted(TRI_BOROUGH))
    lscb = [m for m in _with(mentions, f"lscb/{key}") if len(m.members) == 3]
    assert lscb, "the shared LSCB"
    assert {a for a, _ in _members(lscb[0])} == TRI_BOROUGH
    assert "LSCB is shared" in lscb[0].evidence.quote
    partnership = [m for m in _with(mentions, f"shared-services/{key}") if len(m.members) == 3]
    assert partnership and {a for a, _ in _members(partnership[0])} == TRI_BOROUGH
    # Every council this report ties to anything is one of the three it names.
    assert {m.authority for mention in mentions for m in mention.members} <= TRI_BOROUGH


def test_hammersmith_2019_mash_shared_but_disaggregation_is_not_sharing():
    _, mentions = _report("hammersmith-and-fulham/2019-10-15.pdf", HAMMERSMITH)
    key = "+".join(sorted(TRI_BOROUGH))
    mash = [m for m in _with(mentions, f"mash/{key}") if len(m.members) == 3]
    assert mash and "shared with Kensington and Chelsea, and Westminster" in mash[0].evidence.quote
    assert not any("disaggregation" in m.evidence.quote and len(m.members) > 1 for m in mentions)


def test_northamptonshire_childrens_trust_delivers_for_north_and_west_northamptonshire():
    _, mentions = _report("north-northamptonshire/2022-11-25.pdf", NORTH_NORTHANTS)
    trust = _with(mentions, "childrens-services-company/northamptonshire-childrens-trust")
    assert trust and all(m.name == "Northamptonshire Children’s Trust" and m.abbreviation == "NCT" for m in trust)
    both = [m for m in trust if len(m.members) == 2]
    assert len(both) == 1
    assert _members(both[0]) == {(NORTH_NORTHANTS, "delivers-for"), (WEST_NORTHANTS, "delivers-for")}
    assert both[0].evidence.quote.startswith("The trust now delivers children’s social care")


@pytest.mark.parametrize("relative", ["windsor-and-maidenhead/2020-02-24.pdf", "windsor-and-maidenhead/2024-11-19.pdf"])
def test_achieving_for_children_delivers_windsor_and_maidenheads_social_care(relative):
    _, mentions = _report(relative, WINDSOR)
    afc = _with(mentions, "childrens-services-company/achieving-for-children")
    delivering = [m for m in afc if (WINDSOR, "delivers-for") in _members(m)]
    assert delivering and "to Achieving for Children (AfC)" in delivering[0].evidence.quote
    # The report mentions "the three AfC boroughs" but names no other: no other member.
    assert {m.authority for mention in afc for m in mention.members} == {WINDSOR}


# --- Rules on small texts -----------------------------------------------------------------------

def test_generic_phrases_make_no_body(tmp_path):
    mentions = _text_report(tmp_path, "1. The partnership works well with partners and the police.\n\n"
                                      "2. Partners told inspectors that the board is effective.\n", STOKE)
    assert mentions == ()


def test_shared_statement_needs_the_named_council_and_an_ended_one_is_not_shared(tmp_path):
    mentions = _text_report(tmp_path, "The LSCB is shared with Rutland. The CDOP is shared with partners.\n\n"
                                      "Since the disaggregation of the shared MASH with Rutland, referrals have fallen.\n",
                            "E10000018")
    leicestershire, rutland = "E10000018", "E06000017"
    lscb = _with(mentions, f"lscb/{rutland}+{leicestershire}")
    assert lscb and _members(lscb[0]) == {(leicestershire, "joint"), (rutland, "joint")}
    assert _members(_with(mentions, f"cdop/{leicestershire}")[0]) == {(leicestershire, "member")}
    assert _members(_with(mentions, f"mash/{leicestershire}")[0]) == {(leicestershire, "member")}


def test_abbreviation_defined_in_the_report_resolves_later_mentions(tmp_path):
    mentions = _text_report(tmp_path, "The Tamworth Family Resilience Forum (TFRF) meets monthly. "
                                      "The TFRF is chaired by the head of early help.\n", STAFFS)
    forum = [m for m in mentions if m.abbreviation == "TFRF"]
    assert forum and forum[0].name == "Tamworth Family Resilience Forum"
    assert ("Tamworth Family Resilience Forum", "TFRF", 4) in definitions(
        "The Tamworth Family Resilience Forum (TFRF) meets monthly.")


def test_running_headers_are_not_part_of_sentences():
    doc = read_document(CORPUS / "westminster/2025-01-13.pdf")
    assert not any("local authority children’s services 11 to 15" in s.text
                   for s in sentences(doc))


# --- Graph, SHACL, queries, REST ----------------------------------------------------------------

@pytest.fixture(scope="module")
def store():
    s = open_store(":memory:")
    ensure_base_graphs(s)
    for relative, gss in [("004", STOKE), ("westminster/2016-03-29.pdf", WESTMINSTER),
                          ("kensington-and-chelsea/2016-03-29.pdf", KENSINGTON),
                          ("hammersmith-and-fulham/2016-03-29.pdf", HAMMERSMITH),
                          ("north-northamptonshire/2022-11-25.pdf", NORTH_NORTHANTS),
                          ("windsor-and-maidenhead/2020-02-24.pdf", WINDSOR),
                          ("windsor-and-maidenhead/2024-11-19.pdf", WINDSOR)]:
        mapped = map_record(_report(relative, gss)[0])
        s.replace_graph(str(mapped.graph_uri), mapped.graph.serialize(format="nt"))
    refresh_derived(s)  # as an ingest ends
    return s


def test_report_graph_with_bodies_conforms_to_the_shapes():
    mapped = map_record(_report("004", STOKE)[0])
    report = validate_graph(mapped.graph)
    assert report.conforms, report.violations[:5]


def test_each_body_is_one_node_across_reports(store):
    key = "+".join(sorted(TRI_BOROUGH))
    rows = store.select(f"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ <{body_uri('lscb/' + key)}> a "
                        "<https://w3id.org/cskg/ontology#Body> } }")
    assert rows.rows[0][0] == 3  # the three borough reports describe the same board


def test_shared_boards_query_stoke_and_staffordshire(store):
    every = load_query("shared-boards").run(store, {"authority": "Stoke-on-Trent"}).as_dicts()
    assert every and {r["authority_a_code"] for r in every} == {STOKE}
    # The reference list ties Stoke-on-Trent to its regional adoption agency's other councils.
    listed = [r for r in every if r["source_b"].startswith("reference list: ")]
    assert {r["body_id"] for r in listed} == {"regional-adoption-agency/together4children"}
    rows = [r for r in every if r not in listed]
    assert {r["authority_b_code"] for r in rows} == {STAFFS}
    kinds = {r["kind"] for r in rows}
    assert {"cdop", "sub-group"} <= kinds
    # Staffordshire's LSCB is chaired by Stoke's chair: sharing a chair is not sharing the board.
    assert "lscb" not in kinds
    cdop = next(r for r in rows if r["kind"] == "cdop")
    assert "child death overview" in cdop["evidence_a"].lower()
    assert cdop["source_a"] == cdop["source_b"] == seed("004").name and cdop["page_a"] is None
    assert list(rows[0]) == ["authority_a_code", "authority_a", "authority_b_code", "authority_b", "body_id", "body",
                             "kind", "source_a", "page_a", "evidence_a", "source_b", "page_b", "evidence_b"]


def test_shared_boards_query_lists_each_pair_once_without_a_council(store):
    rows = load_query("shared-boards").run(store).as_dicts()
    pairs = [(r["authority_a_code"], r["authority_b_code"], r["body"]) for r in rows]
    assert len(pairs) == len(set(pairs))
    assert all(a < b for a, b, _ in pairs)
    tri = {(a, b) for a, b, body in pairs if {a, b} <= TRI_BOROUGH and "Adopt" not in body}
    assert tri == {(HAMMERSMITH, KENSINGTON), (HAMMERSMITH, WESTMINSTER), (KENSINGTON, WESTMINSTER)}
    assert any(a == NORTH_NORTHANTS and b == WEST_NORTHANTS and "Northamptonshire Children" in body
               for a, b, body in pairs)
    # Windsor and Maidenhead's reports name no body it shares but Achieving for Children, which the
    # reference list says serves Kingston and Richmond too.
    assert {body for a, b, body in pairs if WINDSOR in (a, b) and "Adopt" not in body} == {"Achieving for Children"}


def test_boards_query_gives_kinds_and_roles(store):
    rows = load_query("boards").run(store, {"authority": "868"}).as_dicts()  # DfE code of Windsor and Maidenhead
    afc = [r for r in rows if r["body_id"] == "childrens-services-company/achieving-for-children"]
    assert {r["role"] for r in afc} >= {"delivers-for"}
    assert next(r for r in afc if r["role"] == "delivers-for")["statements"] == 2  # one sentence per report


def test_rest_endpoints(store):
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from cskg.api.handlers import install_error_handlers
    from cskg.api.routers.boards import router

    app = FastAPI()
    app.state.store = store
    app.include_router(router)
    install_error_handlers(app)
    client = TestClient(app)
    shared = client.get("/authorities/stoke-on-trent/shared-boards")
    assert shared.status_code == 200
    assert {r["authority_b_code"] for r in shared.json() if r["evidence_b"]} == {STAFFS}
    assert client.get("/authorities/nowhere/shared-boards").status_code == 404
    listed = client.get("/boards", params={"kind": "childrens-services-company"}).json()
    # The reports' two trusts, and the reference list's others.
    assert {b["id"] for b in listed if b["inspections"]} == {"childrens-services-company/achieving-for-children",
                                                             "childrens-services-company/northamptonshire-childrens-trust"}
    assert "childrens-services-company/birmingham-childrens-trust" in {b["id"] for b in listed}
    trust = client.get("/boards/childrens-services-company/northamptonshire-childrens-trust").json()
    assert trust["name"] == "Northamptonshire Children’s Trust" and "NCT" in trust["labels"]
    assert {NORTH_NORTHANTS, WEST_NORTHANTS} <= set(trust["members"])
    # Every tie with its sentence, or (from the reference list) with its source.
    assert all(m["evidence"] or m["source"].startswith("reference list: ") for m in trust["memberships"])
    assert any(m["source"].startswith("reference list: ") for m in trust["memberships"])
    assert client.get("/boards/lscb/E00000000").status_code == 404


def test_vocabulary_declares_every_kind_and_role():
    vocabulary = Graph().parse(ONTOLOGY_DIR / "organisations.ttl")
    kinds = {str(n) for s, n in vocabulary.subject_objects(SKOS.notation) if "/id/kind/" in str(s)}
    roles = {str(n) for s, n in vocabulary.subject_objects(SKOS.notation) if "/id/role/" in str(s)}
    assert kinds == {k.notation for k in KINDS}
    assert roles == set(Role.__args__)


def test_a_consortium_named_for_a_group_of_councils_is_those_councils(tmp_path):
    """A consortium named for a group ties the group's councils, in a report on one of them; a region in the
    name ties no one, and an adoption agency named for a county is not all the county's councils."""
    dudley, sandwell, walsall, wolverhampton = "E08000027", "E08000028", "E08000030", "E08000031"
    mentions = _text_report(tmp_path, "Its adoption service has used the Black Country consortium to "
                                      "find adopters.\n", sandwell)
    consortium = [m for m in mentions if m.kind == "consortium"]
    assert consortium and _members(consortium[0]) == {(sandwell, "member"), (dudley, "group-member"),
                                                      (walsall, "group-member"), (wolverhampton, "group-member")}
    leeds = "E08000035"
    regional = [m for m in _text_report(tmp_path, "Leeds uses the Yorkshire and Humber consortium for "
                                                  "placements.\n", leeds) if m.kind == "consortium"]
    assert all({m.authority for m in r.members} == {leeds} for r in regional)


# --- Sharing worded without a kind of body, from real sentences (a dozen words each at most) ----------

def _tied(text: str, inspected: str, day: date = date(2016, 1, 1)) -> set[frozenset[str]]:
    """The sets of two or more councils the sentence ties to one body."""
    found = find_in_sentences((Sentence(text, 0, len(text), None, None),), inspected, day)
    qualifying = ("member", "joint", "delivers-for", "group-member")
    tied = {frozenset(m.authority for m in r.members if m.role in qualifying) for _, r in found}
    return {councils for councils in tied if len(councils) > 1}


WARRINGTON, KNOWSLEY, LIVERPOOL, WIRRAL = "E06000007", "E08000011", "E08000012", "E08000015"
BLACKPOOL, BLACKBURN, BOLTON, WIGAN, ROCHDALE = "E06000009", "E06000008", "E08000001", "E08000010", "E08000005"
BURY = "E08000002"
CAMBRIDGESHIRE, PETERBOROUGH, CORNWALL, SCILLY = "E10000003", "E06000031", "E06000052", "E06000053"
BEDFORDSHIRE = {"E06000055", "E06000056", "E06000032"}  # Bedford, Central Bedfordshire, Luton
BERKSHIRE = {"E06000036", "E06000037", "E06000038", "E06000039", "E06000040", "E06000041"}
MERSEYSIDE = {KNOWSLEY, LIVERPOOL, "E08000013", "E08000014", WIRRAL}


@pytest.mark.parametrize("inspected, text, expected", [
    # a service or arrangement named by no kind, tied by a cue or by "with" and the councils
    (WARRINGTON, "This service is shared with four other authorities (Knowsley, Liverpool, and Wirral).",
     {frozenset({WARRINGTON, KNOWSLEY, LIVERPOOL, WIRRAL})}),
    (BLACKPOOL, "Fresh arrangements, with Bolton and Blackburn local authorities, have made placements quicker.",
     {frozenset({BLACKPOOL, BOLTON, BLACKBURN})}),
    (WIGAN, "A youth outreach project (YOP), jointly undertaken with Rochdale, has grown.",
     {frozenset({WIGAN, ROCHDALE})}),
    (CAMBRIDGESHIRE, "Joint work with Peterborough Council has included shared management and service delivery.",
     {frozenset({CAMBRIDGESHIRE, PETERBOROUGH})}),
    (SCILLY, "An adoption service-level agreement is in place with Cornwall Council today.",
     {frozenset({SCILLY, CORNWALL})}),
    ("E06000056", "The local safeguarding partnership and pan-Bedfordshire arrangements support cross-authority cooperation.",
     {frozenset(BEDFORDSHIRE)}),
    # a board or group said to be joint, with the councils it covers
    ("E09000001", "This is a dual board, covering both Hackney and the City of London.",
     {frozenset({"E09000001", "E09000012"})}),
    ("E06000014", "A joint steering group across York and North Yorkshire County Council meets monthly.",
     {frozenset({"E06000014", "E06000065"})}),
    # councils that "share" a body
    (KENSINGTON, "The three boroughs share one multi-agency safeguarding hub (MASH).", {frozenset(TRI_BOROUGH)}),
    # a body of a kind takes the cue before words that name none
    ("E06000039", "Its out-of-hours service, run under a pan-Berkshire agreement, supports families.",
     {frozenset(BERKSHIRE)}),
    # a group named further after the body, where the words between share it
    ("E08000013", "Their CDOP is shared with three other local authorities in Greater Merseyside.", {frozenset(MERSEYSIDE)}),
    # a group printed "<group>-wide" before a body, "pan-<group>" after it, councils whose names hold "and"
    ("E08000014", "Sefton is part of the Merseyside-wide CDOP.", {frozenset(MERSEYSIDE)}),
    ("E10000017", "The child death overview panel is a pan-Lancashire panel.",
     {frozenset({"E10000017", "E06000008", "E06000009"})}),
    (HAMMERSMITH, "The LADO service is shared with Kensington and Chelsea and Westminster.", {frozenset(TRI_BOROUGH)}),
    # a council's long name after "hosted by"
    (WESTMINSTER, "The out-of-hours team is now hosted by the Royal Borough of Kensington and Chelsea.",
     {frozenset({WESTMINSTER, KENSINGTON})}),
    # not sharing: a shared director, a place's name on a project, "a shared approach", a university
    (PETERBOROUGH, "The combined leadership arrangements with Cambridgeshire have been tested.", set()),
    (WIGAN, "Close links with the Greater Manchester Project Phoenix exist.", set()),
    ("E08000027", "Links between safeguarding arrangements promote a shared approach across the Black Country.", set()),
    (HAMMERSMITH, "They worked in partnership with the University of Hertfordshire on the programme.", set()),
    (STOKE, "Several joint working arrangements exist with Staffordshire LSCB.", set()),
    # "joint" qualifying a noun that is no body, after a group's name: the board beside it is not the group's
    ("E08000036", "The LSCB is supported by the joint West Yorkshire partnerships.", set()),
    # sharing learning or training is not sharing the body
    (BURY, "The LSCB shares learning with Bolton and Rochdale LSCBs.", set()),
    (BURY, "Bury's fostering service shares training with Bolton.", set()),
])
def test_sharing_worded_without_a_kind_of_body(inspected, text, expected):
    assert _tied(text, inspected) == expected


# --- A body named in one sentence and tied to councils in the next (synthetic sentences of the shapes
# reports use: "The partnership … . It covers Bolton, Bury and …", "the four councils") --------------------

def _tied_in_paragraph(texts: tuple[str, ...], inspected: str, paragraphs: tuple[int | None, ...] | None = None,
                       day: date = date(2016, 1, 1)) -> dict[frozenset[str], str]:
    """The sets of two or more councils the sentences tie to one body, with the quote that is their evidence."""
    items, position = [], 0
    for n, text in enumerate(texts):
        paragraph = paragraphs[n] if paragraphs else 7
        items.append(Sentence(text, position, position + len(text), paragraph, 4))
        position += len(text) + 1
    qualifying = ("member", "joint", "delivers-for", "group-member")
    tied = {}
    for sentence, r in find_in_sentences(tuple(items), inspected, day):
        councils = frozenset(m.authority for m in r.members if m.role in qualifying)
        if len(councils) > 1:
            tied[councils] = sentence.text
    return tied


HARTLEPOOL, MIDDLESBROUGH, REDCAR, STOCKTON = "E06000001", "E06000002", "E06000003", "E06000004"


@pytest.mark.parametrize("inspected, texts, expected", [
    (BOLTON, ("The emergency duty team was set up in 2016.", "It covers Bolton, Bury and Rochdale."),
     {frozenset({BOLTON, BURY, ROCHDALE})}),
    (BOLTON, ("The child death overview panel works well.", "It is shared with Bury and Rochdale."),
     {frozenset({BOLTON, BURY, ROCHDALE})}),
    (BOLTON, ("The MASH has improved the timeliness of decisions.", "This service is shared with Bury."),
     {frozenset({BOLTON, BURY})}),
    (HARTLEPOOL, ("The LSCB has an independent chair.", "It covers the Tees Valley."),
     {frozenset({HARTLEPOOL, MIDDLESBROUGH, REDCAR, STOCKTON, "E06000005"})}),
    (HARTLEPOOL, ("Hartlepool, Middlesbrough, Redcar and Cleveland and Stockton-on-Tees work closely together.",
                  "The four councils share a child death overview panel."),
     {frozenset({HARTLEPOOL, MIDDLESBROUGH, REDCAR, STOCKTON})}),
    (BOLTON, ("Leaders work closely with Bury and Rochdale.", "The three councils share an emergency duty team."),
     {frozenset({BOLTON, BURY, ROCHDALE})}),
    # not shared: a chair in common, an arrangement ended, a count the councils before do not make, another paragraph
    (BOLTON, ("The LSCB is well led.", "It shares a chair with Bury."), {}),
    (BOLTON, ("The LSCB is well led.", "It is no longer shared with Bury."), {}),
    (BOLTON, ("Leaders work closely with Bury, Wigan and Rochdale.", "The three councils share an emergency duty team."),
     {}),
    (BOLTON, ("Leaders work closely with Bury and Rochdale.", "The two councils share an emergency duty team."), {}),
    (BOLTON, ("The virtual school is good.", "It works well with Bury."), {}),
    # a place after the cue, not the councils whose body it is
    (BURY, ("The early help hub opened in 2019.", "It covers the wards that border Bolton."), {}),
    (BURY, ("The MASH is well established.", "It serves children placed in Rochdale and Bolton."), {}),
    (BURY, ("The virtual school is strong.", "This service covers children placed in Manchester and Salford."), {}),
    (BOLTON, ("Leaders work closely with Bury and Rochdale.", "The three councils' LSCBs share a chair."), {}),
])
def test_a_body_named_in_one_sentence_and_tied_in_the_next(inspected, texts, expected):
    tied = _tied_in_paragraph(texts, inspected)
    assert set(tied) == set(expected)
    # The evidence holds both sentences, so the body's name is in it.
    assert all(quote == " ".join(texts) for quote in tied.values())


def test_a_sentence_of_another_paragraph_does_not_refer_back():
    texts = ("The emergency duty team was set up in 2016.", "It covers Bolton, Bury and Rochdale.")
    assert _tied_in_paragraph(texts, BOLTON, paragraphs=(7, 8)) == {}
    assert _tied_in_paragraph(texts, BOLTON, paragraphs=(None, None)) == {
        frozenset({BOLTON, BURY, ROCHDALE}): " ".join(texts)}


def test_the_west_london_alliance_is_a_consortium_of_the_reference_list():
    """Named in a report on one of its boroughs it ties that borough; the reference list ties the others."""
    text = "Leaders work closely with the West London Alliance of boroughs on placements."
    found = find_in_sentences((Sentence(text, 0, len(text), None, None),), HAMMERSMITH, date(2024, 5, 16))
    assert [(r.key, {(m.authority, m.role) for m in r.members}) for _, r in found] == [
        ("consortium/west-london-alliance", {(HAMMERSMITH, "member")})]


@pytest.mark.parametrize("inspected, text, name", [
    ("E09000010", "Recruitment through the North London Adoption and Fostering Consortium has grown.",
     "North London Adoption and Fostering Consortium"),
    (WINDSOR, "The Berkshire Adoption Consortium Consultation Service (BACCS) provides help.",
     "Berkshire Adoption Consortium Consultation Service"),
    (STAFFS, "It includes the Staffordshire Consortium of Infrastructure Organisations (voluntary sector).",
     "Staffordshire Consortium of Infrastructure Organisations"),
])
def test_a_consortium_is_named_whole_never_cut_to_its_last_word(inspected, text, name):
    found = find_in_sentences((Sentence(text, 0, len(text), None, None),), inspected, date(2015, 6, 1))
    assert [r.name for _, r in found if r.kind == "consortium"] == [name]


def test_a_councils_own_body_is_joint_when_the_sentence_shares_it_with_others():
    wirral, cheshire_west = "E08000015", "E06000050"
    assert _tied("Wirral's emergency duty team is part of a shared service with Cheshire West and Chester.",
                 wirral) == {frozenset({wirral, cheshire_west})}
    assert _tied("Staffordshire's LSCB shares an independent chair with Stoke-on-Trent.", STAFFS) == set()
    luton, bedford, central = "E06000032", "E06000055", "E06000056"
    assert _tied("The MASH, co-located with the police, serves Bedford Borough, Central Bedfordshire and Luton.",
                 luton) == {frozenset({luton, bedford, central})}


@pytest.mark.parametrize("inspected, text, expected", [
    # an agency not named, with the councils it joins
    ("E08000007", "Stockport is part of the regional adoption agency with Manchester, Salford and Trafford.",
     {frozenset({"E08000007", "E08000003", "E08000006", "E08000009"})}),
    # an agency named: its words are no second agency; the reference list holds the inspected council
    ("E06000027", "Torbay's adoption is provided through Adopt South West, a regional adoption agency hosted by Devon.",
     {frozenset({"E06000027", "E10000008"})}),
    # councils listed in full before a body, though the list is also a group's name
    ("E06000023", "The Bristol, North Somerset and South Gloucestershire CDOP works well.",
     {frozenset({"E06000023", "E06000024", "E06000025"})}),
])
def test_agencies_and_lists_of_councils_in_unseen_shapes(inspected, text, expected):
    assert _tied(text, inspected) == expected


# Kinds of shared body in any letter case, each with a sharing cue that names the other councils.
SHARED_KIND_WORDINGS = ("missing from home service", "emergency duty team", "out of hours service", "LADO", "MASH",
                        "CDOP", "child death overview panel", "Channel panel", "regional adoption agency", "RAA",
                        "adoption agency", "multi-agency safeguarding hub", "local authority designated officer")


def _cases(words: str) -> tuple[str, ...]:
    if words.isupper():
        return (words,)
    return tuple(dict.fromkeys((words, words[0].upper() + words[1:], words.title())))


@pytest.mark.parametrize("words", [case for words in SHARED_KIND_WORDINGS for case in _cases(words)])
@pytest.mark.parametrize("template", ["The {} is shared with Bury and Wigan.",
                                      "Bolton, Bury and Wigan share a {}.",
                                      "The {} is provided jointly with Bury and Wigan."])
def test_a_kind_in_any_case_is_shared_when_the_sentence_names_the_councils(words, template):
    assert _tied(template.format(words), BOLTON) == {frozenset({BOLTON, BURY, WIGAN})}


@pytest.mark.parametrize("text", [
    "Children placed in Bury receive a return interview from the missing from home service.",
    "The adoption agency decision maker in Bolton considers plans promptly.",
    "The RAA has placed children with adopters living in Wigan and Bury.",
    "Children who go missing from Bury and Wigan placements are seen by the service.",
])
def test_a_kind_near_other_councils_without_sharing_ties_none(text):
    assert _tied(text, BOLTON) == set()


CUMBERLAND, WESTMORLAND, CUMBRIA = "E06000063", "E06000064", "E10000006"


@pytest.mark.parametrize("inspected, day, text, expected", [
    # after 2023 "Cumbria" is the two councils that replaced the county, never the abolished council
    (CUMBERLAND, date(2024, 5, 1), "The Cumbria safeguarding children partnership works for both councils.",
     {frozenset({CUMBERLAND, WESTMORLAND})}),
    (CUMBERLAND, date(2024, 5, 1), "The LADO service is shared with Westmorland and Furness across Cumbria.",
     {frozenset({CUMBERLAND, WESTMORLAND})}),
    (NORTH_NORTHANTS, date(2023, 5, 1), "The CDOP is shared with Northamptonshire.",
     {frozenset({NORTH_NORTHANTS, WEST_NORTHANTS})}),
    # a sentence dated before the abolition speaks of the county council itself (the inspected council is
    # joint in its own report's sharing sentence, as always)
    (NORTH_NORTHANTS, date(2022, 11, 25), "In 2020 the CDOP was shared by Northamptonshire with Leicestershire.",
     {frozenset({NORTH_NORTHANTS, "E10000021", "E10000018"})}),
    # before its abolition the county is the county
    (CUMBRIA, date(2019, 5, 1), "The CDOP is shared with Lancashire.", {frozenset({CUMBRIA, "E10000017"})}),
])
def test_an_abolished_councils_name_after_its_end_is_its_successors(inspected, day, text, expected):
    assert _tied(text, inspected, day) == expected
