"""Exports: network projection, GEXF/GraphML/CSV, RDF dumps, summary sheet, CLI and HTTP.

The fixture store is built from hand-written ReportRecords (six councils, SIF, ILACS and a
monitoring visit, boards shared across councils, a company delivering for three councils), mapped
with graph.mapping and loaded next to the real vocabulary and reference graphs.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import igraph
import networkx as nx
import openpyxl
import pytest
from lxml import etree
from rdflib import Dataset, Graph

from cskg.api.exports import FORMATS, ExportError, export, export_to_file
from cskg.api.exports.network import build_network, rank_intervals
from cskg.api.exports.summary import COLUMNS, summary, summary_sheet
from cskg.graph.ingest import ensure_base_graphs, refresh_derived
from cskg.graph.mapping import map_record
from cskg.graph.namespaces import CSKG, RDF, authority_uri
from cskg.graph.reference import bodies_graph
from cskg.graph.stores import OxigraphStore
from cskg.loaders.records import Evidence, Inspector, Judgement, Member, OrganisationMention, ReportRecord
from cskg.queries import load_query
from tests.conftest import SHARED

STAFFS, STOKE, WINDSOR, KINGSTON, RICHMOND, WESTMINSTER = (
    "E10000028", "E06000021", "E06000040", "E09000021", "E09000027", "E09000033")
NAMES = {STAFFS: "Staffordshire", STOKE: "Stoke-on-Trent", WINDSOR: "Windsor and Maidenhead",
         KINGSTON: "Kingston upon Thames", RICHMOND: "Richmond upon Thames", WESTMINSTER: "Westminster"}
RANKS = {"outstanding": 1, "good": 2, "requires improvement to be good": 3, "requires improvement": 3,
         "inadequate": 4}
XSD_DIR = SHARED / "reference"


def ev(text: str, start: int) -> Evidence:
    return Evidence(text, start, start + len(text), page=1, paragraph=start // 100)


def record(code: str, framework: str, start: str, published: str, grades: dict[str, str],
           organisations: tuple[OrganisationMention, ...] = (), lead: str | None = "Alex Inspector") -> ReportRecord:
    day = date.fromisoformat(start)
    judgements = tuple(
        Judgement(area, area.replace("-", " "), grade, RANKS[grade], ev(f"{area}: {grade}", 10 + 40 * i))
        for i, (area, grade) in enumerate(grades.items()))
    return ReportRecord(
        source=f"{NAMES[code].lower()}/{published}.pdf", sha256=f"{code}{start}".ljust(64, "0"),
        media_type="application/pdf", framework=framework, authority_code=code, authority_name=NAMES[code],
        inspection_start=day, inspection_end=date.fromordinal(day.toordinal() + 11),
        published=date.fromisoformat(published),
        inspectors=(Inspector(lead, "lead", "HMI"),) if lead else (), judgements=judgements,
        organisations=organisations)


def mention(name: str, kind: str, key: str, members: tuple[tuple[str, str], ...], start: int) -> OrganisationMention:
    return OrganisationMention(name, kind, ev(f"Sentence naming {name}.", start), key=key,
                               members=tuple(Member(code, role) for code, role in members))


SSCB = ("Staffordshire Safeguarding Children Board", "lscb", f"lscb/{STAFFS}")
STOKE_LSCB = ("Stoke-on-Trent Safeguarding Children Board", "lscb", f"lscb/{STOKE}")
CDOP = ("Staffordshire and Stoke-on-Trent Child Death Overview Panel", "cdop", f"cdop/{STOKE}+{STAFFS}")
AFC = ("Achieving for Children", "childrens-services-company", "childrens-services-company/achieving-for-children")
FRONT_DOOR = ("Westminster front door", "front-door", f"front-door/{WESTMINSTER}")
CAFCASS = ("Cafcass", "cafcass", "cafcass/cafcass")
ILACS_OLD = ("overall-effectiveness", "impact-of-leaders", "help-and-protection", "children-in-care-and-care-leavers")
ILACS_NEW = ("overall-effectiveness", "impact-of-leaders", "help-and-protection", "children-in-care", "care-leavers")


def records() -> list[ReportRecord]:
    return [
        record(STAFFS, "SIF", "2014-05-12", "2014-07-01", {"overall-effectiveness": "requires improvement"},
               (mention(*SSCB, ((STAFFS, "member"),), 500),)),
        record(STAFFS, "ILACS-standard", "2018-03-05", "2018-04-20",
               dict(zip(ILACS_OLD, ("good", "good", "requires improvement to be good", "good"))),
               (mention(*SSCB, ((STAFFS, "member"),), 700),
                mention(*CDOP, ((STAFFS, "joint"), (STOKE, "joint")), 900))),
        record(STAFFS, "ILACS-standard", "2024-01-15", "2024-02-20",
               dict(zip(ILACS_NEW, ("outstanding", "outstanding", "good", "outstanding", "good"))),
               (mention(*CAFCASS, ((STAFFS, "partner"),), 300),)),
        record(STOKE, "SIF", "2015-03-02", "2015-04-28", {"overall-effectiveness": "inadequate"},
               (mention(*STOKE_LSCB, ((STOKE, "member"), (STAFFS, "chair-shared")), 600),
                mention(*CDOP, ((STOKE, "joint"), (STAFFS, "joint")), 800))),
        record(STOKE, "ILACS-short", "2022-06-13", "2022-07-22",
               dict(zip(ILACS_NEW, ("requires improvement to be good", "good", "requires improvement to be good",
                                    "requires improvement to be good", "good"))),
               (mention(*CAFCASS, ((STOKE, "partner"),), 350),)),
        record(STOKE, "monitoring-visit", "2023-05-10", "2023-06-15", {}, lead=None),
        record(WINDSOR, "ILACS-standard", "2019-09-02", "2019-10-25",
               dict(zip(ILACS_OLD, ("requires improvement to be good",) * 4)),
               (mention(*AFC, ((WINDSOR, "delivers-for"), (KINGSTON, "delivers-for"), (RICHMOND, "delivers-for")),
                        400),)),
        record(RICHMOND, "ILACS-standard", "2019-06-10", "2019-07-30", dict(zip(ILACS_OLD, ("good",) * 4)),
               (mention(*AFC, ((RICHMOND, "delivers-for"), (KINGSTON, "delivers-for")), 450),)),
        record(KINGSTON, "ILACS-standard", "2019-11-04", "2019-12-20", dict(zip(ILACS_OLD, ("good",) * 4))),
        record(WESTMINSTER, "ILACS-standard", "2019-03-11", "2019-05-02", dict(zip(ILACS_OLD, ("outstanding",) * 4)),
               (mention(*FRONT_DOOR, ((WESTMINSTER, "member"),), 300),)),
    ]


def load(store: OxigraphStore, items: list[ReportRecord]) -> None:
    ensure_base_graphs(store)  # the real vocabulary: grade ranks, service types (organisations.ttl)
    for item in items:
        mapped = map_record(item)
        store.replace_graph(str(mapped.graph_uri), mapped.graph.serialize(format="nt"))
    refresh_derived(store)  # as an ingest ends: shared bodies and grade sequences are read from it


@pytest.fixture(scope="module")
def store() -> OxigraphStore:
    s = OxigraphStore(None)
    load(s, records())
    return s


@pytest.fixture(scope="module")
def network(store):
    return build_network(store)


def exported(store, fmt: str, **kwargs) -> bytes:
    out = io.BytesIO()
    export(store, fmt, out, **kwargs)
    return out.getvalue()


A = authority_uri


def edge(g, u, v, kind):
    return g.get_edge_data(str(A(u)) if u[0] == "E" else u, str(A(v)) if v[0] == "E" else v)[kind]


def body(g, label):
    return next(n for n, d in g.nodes(data=True) if d.get("label") == label)


# --- projection -----------------------------------------------------------------------------------

def test_network_nodes_are_every_authority_and_the_non_service_bodies(network):
    categories = [d["category"] for _, d in network.nodes(data=True)]
    assert categories.count("authority") == 158  # every council of the reference data
    bodies = [d for _, d in network.nodes(data=True) if d["category"] == "organisation"]
    assert sorted(d["label"] for d in bodies if d["inspections"]) == sorted(
        [SSCB[0], STOKE_LSCB[0], CDOP[0], AFC[0], CAFCASS[0]])
    # The others are the reference list's multi-council bodies, which no fixture report names.
    listed = {str(s) for s in bodies_graph().subjects(RDF.type, CSKG.Body)}
    assert {n for n, d in network.nodes(data=True) if d["category"] == "organisation" and not d["inspections"]} <= listed
    assert "service" not in categories and "inspection" not in categories


def test_authority_node_attributes(network):
    staffs = network.nodes[str(A(STAFFS))]
    assert staffs["label"] == "Staffordshire" and staffs["gss_code"] == STAFFS and staffs["dfe_code"] == "860"
    assert staffs["region"] == "West Midlands" and staffs["kind"] == "local-authority"
    assert staffs["inspections"] == 3
    assert (staffs["latest_overall_grade"], staffs["latest_overall_rank"]) == ("outstanding", 1)
    stoke = network.nodes[str(A(STOKE))]
    # The monitoring visit is Stoke's latest inspection, but its latest grade is the 2022 one.
    assert stoke["inspections"] == 3
    assert (stoke["latest_inspection"], stoke["latest_framework"]) == ("2023-05-10", "monitoring-visit")
    assert (stoke["latest_overall_grade"], stoke["latest_overall_rank"]) == ("requires improvement to be good", 3)
    assert network.nodes[str(A("E09000020"))]["inspections"] == 0  # a council with no report stored


def test_rank_history_runs_from_each_inspection_to_the_next(network):
    assert network.graph["timeline_end"] == "2024-02-20"  # the latest date in the data (a publication)
    assert network.nodes[str(A(STAFFS))]["overall_rank"] == [
        (3, "2014-05-12", "2018-03-04"), (2, "2018-03-05", "2024-01-14"), (1, "2024-01-15", "2024-02-20")]
    assert network.nodes[str(A(STOKE))]["overall_rank"] == [(4, "2015-03-02", "2022-06-12"),
                                                            (3, "2022-06-13", "2024-02-20")]
    assert "overall_rank" not in network.nodes[str(A("E09000020"))]


def test_rank_intervals_keep_one_grade_per_day():
    assert rank_intervals([("2020-01-01", 2), ("2020-01-01", 3), ("2021-01-01", 1)], "2021-01-01") == [
        (3, "2020-01-01", "2020-12-31"), (1, "2021-01-01", "2021-01-01")]


def test_membership_delivery_and_shared_body_edges(network):
    sscb, stoke_lscb, cdop, afc = (body(network, x[0]) for x in (SSCB, STOKE_LSCB, CDOP, AFC))
    assert edge(network, STAFFS, sscb, "membership") == {  # stated in two reports, from the first one's date
        "kind": "membership", "weight": 1.0, "evidence_count": 2, "roles": "member", "start": "2014-05-12"}
    assert edge(network, STAFFS, stoke_lscb, "membership")["roles"] == "chair-shared"
    assert edge(network, STAFFS, cdop, "membership")["roles"] == "joint"
    # Two report sentences and the reference list's entry for Achieving for Children.
    assert edge(network, KINGSTON, afc, "delivery") == {
        "kind": "delivery", "weight": 1.0, "evidence_count": 3, "roles": "delivers-for"}
    # Two shared bodies, as shared-boards defines it: the panel, whose first sentence names both councils,
    # and the regional adoption agency the reference list gives both; from the first report naming both.
    # Stoke's board, whose chair also chairs Staffordshire's, is not shared: a shared chair is no shared board.
    shared = edge(network, STOKE, STAFFS, "shared-body")
    assert shared == {"kind": "shared-body", "weight": 2.0, "evidence_count": 2,
                      "bodies": f"{CDOP[0]}; Together4Children", "start": "2015-03-02"}
    assert edge(network, KINGSTON, RICHMOND, "shared-body")["weight"] == 1.0
    assert edge(network, KINGSTON, RICHMOND, "shared-body")["evidence_count"] == 1  # one sentence names both
    assert edge(network, KINGSTON, WINDSOR, "shared-body")["evidence_count"] == 2  # a sentence in each report
    # Both councils work with Cafcass, a partner organisation: an edge each, but no shared body.
    assert edge(network, STOKE, body(network, "Cafcass"), "partner")["roles"] == "partner"
    named = {n for n, d in network.nodes(data=True) if d.get("category") == "organisation" and d.get("inspections")}
    kinds = sorted(k for u, v, k in network.edges(keys=True) if u in named or v in named)
    assert kinds == ["delivery"] * 3 + ["membership"] * 5 + ["partner"] * 2
    assert network.nodes[afc]["members"] == 3 and network.nodes[afc]["inspections"] == 2


def test_statistical_neighbour_edges_are_optional(store, network):
    with_neighbours = build_network(store, neighbours=True)
    neighbour = edge(with_neighbours, KINGSTON, RICHMOND, "statistical-neighbour")
    # Each lists the other: weight 2, closest rank 2 (Richmond's list).
    assert neighbour == {"kind": "statistical-neighbour", "weight": 2.0, "evidence_count": 0, "neighbour_rank": 2}
    assert not any(k == "statistical-neighbour" for *_, k in network.edges(keys=True))
    assert with_neighbours.number_of_edges() > network.number_of_edges() + 700


def test_inspections_view_adds_services_and_inspections(store):
    g = build_network(store, "inspections")
    inspections = {n: d for n, d in g.nodes(data=True) if d["category"] == "inspection"}
    assert len(inspections) == 10
    front_door = body(g, FRONT_DOOR[0])
    assert g.nodes[front_door]["category"] == "service" and g.nodes[front_door]["kind"] == "front-door"
    (westminster_inspection,) = [n for n in g.neighbors(str(A(WESTMINSTER))) if n in inspections]
    assert inspections[westminster_inspection]["grade"] == "outstanding"
    assert inspections[westminster_inspection]["date"] == "2019-03-11"
    assert edge(g, westminster_inspection, front_door, "mention")["evidence_count"] == 1
    with pytest.raises(ValueError, match="organisations, inspections"):
        build_network(store, "councils")


# --- GEXF -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def gexf_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD_DIR / "gexf-1.3" / "gexf.xsd")))


@pytest.mark.parametrize("view", ["organisations", "inspections"])
def test_gexf_validates_against_the_schema_it_declares(store, gexf_schema, view):
    data = exported(store, "gexf", view=view, neighbours=True)
    document = etree.fromstring(data)
    assert document.get("version") == "1.3" and document.tag == "{http://gexf.net/1.3}gexf"
    assert gexf_schema.validate(document), gexf_schema.error_log


def _comparable_edges(g) -> list[tuple]:
    return sorted((tuple(sorted((u, v))), tuple(sorted((k, d[k]) for k in d if k != "id")))
                  for u, v, d in g.edges(data=True))


@pytest.mark.parametrize("view", ["organisations", "inspections"])
def test_gexf_reads_back_with_networkx(store, view):
    g = build_network(store, view, neighbours=True)
    back = nx.read_gexf(io.BytesIO(exported(store, "gexf", view=view, neighbours=True)))
    assert back.number_of_nodes() == g.number_of_nodes()
    assert back.number_of_edges() == g.number_of_edges()
    assert dict(back.nodes(data=True)) == dict(g.nodes(data=True))
    assert _comparable_edges(back) == _comparable_edges(g)


def test_gexf_dynamic_attribute_carries_the_inspection_dates(store):
    document = etree.fromstring(exported(store, "gexf"))
    ns = {"g": "http://gexf.net/1.3"}
    graph = document.find("g:graph", ns)
    assert (graph.get("mode"), graph.get("timeformat"), graph.get("timerepresentation")) == (
        "dynamic", "date", "interval")
    assert document.find("g:graph/g:attributes[@mode='dynamic']/g:attribute", ns).get("id") == "overall_rank"
    values = document.findall(f"g:graph/g:nodes/g:node[@id='{A(STAFFS)}']/g:attvalues/"
                              "g:attvalue[@for='overall_rank']", ns)
    assert [(v.get("value"), v.get("start")) for v in values] == [
        ("3", "2014-05-12"), ("2", "2018-03-05"), ("1", "2024-01-15")]


def test_gexf_survives_control_characters_in_labels():
    from cskg.api.exports.gexf import write_gexf

    g = nx.MultiGraph()
    g.add_node("a", label="Board\x0cof\x00 things", kind="board")
    out = io.BytesIO()
    write_gexf(g, out)
    assert nx.read_gexf(io.BytesIO(out.getvalue())).nodes["a"]["label"] == "Board of  things"


# --- GraphML and CSV ------------------------------------------------------------------------------

@pytest.mark.parametrize("view", ["organisations", "inspections"])
def test_graphml_reads_back_with_networkx_and_igraph(store, tmp_path, view):
    network = build_network(store, view, neighbours=True)
    path = tmp_path / "network.graphml"
    export_to_file(store, "graphml", path, view=view, neighbours=True)
    back = nx.read_graphml(path)
    assert (back.number_of_nodes(), back.number_of_edges()) == (network.number_of_nodes(), network.number_of_edges())
    staffs = back.nodes[str(A(STAFFS))]
    assert staffs["latest_overall_rank"] == 1
    assert staffs["overall_rank_history"] == "2014-05-12:3;2018-03-05:2;2024-01-15:1"
    ig = igraph.Graph.Read_GraphML(str(path))
    assert (ig.vcount(), ig.ecount()) == (network.number_of_nodes(), network.number_of_edges())
    assert sorted(ig.es["kind"]) == sorted(k for *_, k in network.edges(keys=True))
    vertex = ig.vs.find(id=str(A(STAFFS)))
    assert (vertex["gss_code"], vertex["inspections"]) == (STAFFS, 3)


def test_csv_is_a_zip_of_gephi_node_and_edge_tables(store, network):
    with zipfile.ZipFile(io.BytesIO(exported(store, "csv"))) as archive:
        assert archive.namelist() == ["nodes.csv", "edges.csv"]
        nodes = list(csv.DictReader(io.TextIOWrapper(archive.open("nodes.csv"), encoding="utf-8")))
        edges = list(csv.DictReader(io.TextIOWrapper(archive.open("edges.csv"), encoding="utf-8")))
    assert len(nodes) == network.number_of_nodes() and len(edges) == network.number_of_edges()
    staffs = next(n for n in nodes if n["Id"] == str(A(STAFFS)))
    assert (staffs["Label"], staffs["region"], staffs["overall_rank_history"]) == (
        "Staffordshire", "West Midlands", "2014-05-12:3;2018-03-05:2;2024-01-15:1")
    shared = next(e for e in edges if e["Kind"] == "shared-body" and {e["Source"], e["Target"]} == {
        str(A(STAFFS)), str(A(STOKE))})
    assert (shared["Type"], shared["Weight"], shared["evidence_count"]) == ("Undirected", "2.0", "2")


# --- RDF dumps ------------------------------------------------------------------------------------

def _quads(dataset: Dataset) -> int:
    return sum(len(graph) for graph in dataset.graphs())


def _distinct_triples(store) -> int:
    result = store.select("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")
    return result.rows[0][0]


@pytest.mark.parametrize("fmt,syntax", [("nq", "nquads"), ("trig", "trig"), ("jsonld", "json-ld")])
def test_quad_dumps_keep_every_named_graph(store, fmt, syntax):
    dataset = Dataset()
    dataset.parse(data=exported(store, fmt), format=syntax)
    assert _quads(dataset) == store.count_quads()
    named = {str(c.identifier) for c in dataset.graphs() if len(c)}
    assert named == set(store.graphs())


@pytest.mark.parametrize("fmt,syntax", [("ttl", "turtle"), ("nt", "nt")])
def test_triple_dumps_hold_the_union(store, fmt, syntax):
    g = Graph().parse(data=exported(store, fmt), format=syntax)
    assert len(g) == _distinct_triples(store)
    assert len(g) < store.count_quads()  # labels of shared bodies are stated by several reports


@pytest.mark.parametrize("fmt", ["ttl", "trig"])
def test_turtle_prefixed_names_need_no_escaping(store, fmt):
    text = exported(store, fmt).decode("utf-8")
    assert "\\/" not in text
    assert f"authority:{STAFFS} " in text and "@prefix authority: <https://w3id.org/cskg/id/authority/> ." in text
    # A nested IRI has no plain local name under any prefix: it is written in full.
    assert f"<https://w3id.org/cskg/id/authority/{STAFFS}/neighbour/1>" in text


def test_construct_results_in_turtle_need_no_escaping():
    import pyoxigraph as ox

    from cskg.api.results import write_triples

    link = ox.NamedNode(f"https://w3id.org/cskg/id/authority/{STAFFS}/neighbour/6")
    triple = ox.Triple(link, ox.NamedNode(str(CSKG.neighbourOf)), ox.NamedNode(str(A(STAFFS))))
    text = write_triples([triple], "text/turtle", 10).decode("utf-8")
    assert "\\/" not in text and f"<{link.value}>" in text and "cskg:neighbourOf" in text
    assert len(Graph().parse(data=text, format="turtle")) == 1


# --- summary sheet --------------------------------------------------------------------------------

OUTCOME_NAMES = (
    "council", "gss_code", "la_code", "urn", "region", "framework", "inspection_start", "inspection_end",
    "published", "published_source", "lead_inspector", "overall", "impact_of_leaders", "help_and_protection",
    "children_in_care", "care_leavers", "children_in_care_and_care_leavers", "overall_rank", "previous_framework",
    "previous_inspection_start", "previous_overall", "previous_overall_rank", "direction_of_travel",
    "neighbours_inspected", "neighbours_outstanding", "neighbours_good", "neighbours_requires_improvement",
    "neighbours_inadequate", "neighbours_mean_overall_rank", "neighbours_overall", "report_file", "report_iri",
    "ofsted_page", "generated")


def outcome_rows(store) -> dict[str, dict]:
    return {r[1]: dict(zip(COLUMNS, r)) for r in summary_sheet(store).rows}


def test_summary_has_one_row_per_current_council_with_the_analysts_columns(store):
    sheet = summary_sheet(store)
    assert sheet.names == COLUMNS == OUTCOME_NAMES
    assert len(sheet.rows) == 153  # every current council of the reference data, inspected or not
    assert [r[0] for r in sheet.rows] == sorted(r[0] for r in sheet.rows)
    rows = outcome_rows(store)
    hartlepool = rows["E06000001"]  # no report stored: codes and links only
    assert (hartlepool["council"], hartlepool["la_code"], hartlepool["urn"], hartlepool["region"]) == (
        "Hartlepool", "805", "80473", "North East")
    assert hartlepool["ofsted_page"] == "https://reports.ofsted.gov.uk/provider/44/80473"
    assert all(hartlepool[c] is None for c in ("framework", "overall", "report_file", "previous_overall"))
    assert rows[STOKE]["framework"] == "ILACS-short"  # its later monitoring visit is no ILACS inspection


def test_summary_keeps_the_combined_pre_2023_judgement_in_its_own_column(store):
    windsor = outcome_rows(store)[WINDSOR]  # ILACS 2019: one judgement for children in care and care leavers
    assert windsor["children_in_care_and_care_leavers"] == "requires improvement to be good"
    assert (windsor["children_in_care"], windsor["care_leavers"]) == (None, None)
    staffs = outcome_rows(store)[STAFFS]  # ILACS 2024 grades the two apart
    assert (staffs["children_in_care"], staffs["care_leavers"], staffs["children_in_care_and_care_leavers"]) == (
        "outstanding", "good", None)
    assert (staffs["overall"], staffs["impact_of_leaders"], staffs["help_and_protection"]) == (
        "outstanding", "outstanding", "good")


def test_summary_previous_grade_and_direction_of_travel(store):
    rows = outcome_rows(store)
    staffs = rows[STAFFS]
    assert (staffs["framework"], staffs["inspection_start"], staffs["inspection_end"], staffs["published"]) == (
        "ILACS-standard", "2024-01-15", "2024-01-26", "2024-02-20")
    assert (staffs["published_source"], staffs["lead_inspector"], staffs["overall_rank"]) == (
        "report", "Alex Inspector", 1)
    assert (staffs["previous_framework"], staffs["previous_inspection_start"], staffs["previous_overall"],
            staffs["previous_overall_rank"], staffs["direction_of_travel"]) == (
        "ILACS-standard", "2018-03-05", "good", 2, "improved")
    stoke = rows[STOKE]  # SIF inadequate (4), then ILACS requires improvement (3)
    assert (stoke["previous_framework"], stoke["previous_overall_rank"], stoke["direction_of_travel"]) == (
        "SIF", 4, "improved")
    assert rows[WINDSOR]["previous_overall"] is None and rows[WINDSOR]["direction_of_travel"] is None


def test_summary_neighbour_columns(store):
    rows = outcome_rows(store)
    richmond = rows[RICHMOND]
    assert richmond["la_code"] == "318"
    # Richmond's statistical neighbours 1 and 2 are Windsor and Maidenhead and Kingston.
    assert (richmond["neighbours_inspected"], richmond["neighbours_good"],
            richmond["neighbours_requires_improvement"], richmond["neighbours_mean_overall_rank"]) == (2, 1, 1, 2.5)
    assert richmond["neighbours_overall"] == (
        "Windsor and Maidenhead: requires improvement to be good; Kingston upon Thames: good")
    assert (rows[WINDSOR]["neighbours_inspected"], rows[WINDSOR]["neighbours_mean_overall_rank"]) == (0, None)


def test_summary_links_name_the_stored_report_and_ofsteds_page(store):
    rows = outcome_rows(store)
    sources = {str(o) for o in Graph().parse(data=exported(store, "nt"), format="nt").objects(
        None, CSKG.sourcePath)}
    assert rows[STAFFS]["report_file"] == "staffordshire/2024-02-20.pdf" and rows[STAFFS]["report_file"] in sources
    assert rows[STAFFS]["report_iri"] == "https://w3id.org/cskg/id/report/E10000028/ILACS-standard/2024-01-15"
    for row in rows.values():
        assert row["ofsted_page"] == f"https://reports.ofsted.gov.uk/provider/44/{row['urn']}"


def test_summary_second_sheet_holds_every_inspection(store):
    book = summary(store)
    assert len(book.inspections.rows) == 10
    rows = [dict(zip(book.inspections.names, r)) for r in book.inspections.rows]
    visit = next(r for r in rows if r["framework"] == "monitoring-visit")
    assert (visit["council"], visit["overall"], visit["judgements"], visit["lead_inspector"]) == (
        "Stoke-on-Trent", None, None, None)
    sif = next(r for r in rows if r["gss_code"] == STAFFS and r["framework"] == "SIF")
    assert (sif["overall"], sif["overall_rank"], sif["judgements"]) == (
        "requires improvement", 3, "overall-effectiveness: requires improvement")
    assert [r["inspection_start"] for r in rows if r["gss_code"] == STAFFS] == ["2014-05-12", "2018-03-05",
                                                                                "2024-01-15"]


def _without_generated(text: str) -> list[list[str]]:
    table = list(csv.reader(io.StringIO(text)))
    at = table[0].index("generated")
    return [r[:at] + r[at + 1:] for r in table]


def test_summary_csv_holds_the_outcomes_sheet(store):
    sheet = summary_sheet(store)
    table = list(csv.reader(io.StringIO(exported(store, "summary-csv").decode("utf-8"))))
    assert tuple(table[0]) == COLUMNS and len(table) == 154
    assert [r[:5] for r in table[1:]] == [["" if v is None else str(v) for v in r[:5]] for r in sheet.rows]
    staffs = dict(zip(table[0], next(r for r in table if r[1] == STAFFS)))
    assert (staffs["care_leavers"], staffs["overall_rank"], staffs["children_in_care_and_care_leavers"]) == (
        "good", "1", "")
    assert date.fromisoformat(staffs["generated"][:10]) >= date(2026, 1, 1)


def test_summary_xlsx_reads_back_with_filters_frozen_header_dates_and_notes(store, tmp_path):
    path = export_to_file(store, "summary-xlsx", tmp_path / "summary.xlsx")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["ILACS outcomes", "Inspections", "Notes"]
    ws = workbook["ILACS outcomes"]
    cells = list(ws.iter_rows(values_only=True))
    assert cells[0] == COLUMNS and len(cells) == 154
    assert ws.auto_filter.ref == "A1:AH154" and ws.freeze_panes == "B2"
    assert ws.column_dimensions["A"].width == 28
    staffs = dict(zip(COLUMNS, next(r for r in cells[1:] if r[1] == STAFFS)))
    assert staffs["inspection_start"] == datetime(2024, 1, 15)  # a real date cell, not text
    assert isinstance(staffs["generated"], datetime)
    assert (staffs["overall"], staffs["overall_rank"], staffs["lead_inspector"]) == ("outstanding", 1, "Alex Inspector")
    row = next(r for r in ws.iter_rows(min_row=2) if r[1].value == STAFFS)
    assert row[COLUMNS.index("inspection_start")].is_date
    assert row[COLUMNS.index("ofsted_page")].hyperlink.target == staffs["ofsted_page"]
    inspections = workbook["Inspections"]
    assert inspections.max_row == 11 and inspections.auto_filter.ref.startswith("A1:")
    notes = {(r[0], r[1]): r[2] for r in workbook["Notes"].iter_rows(min_row=5, values_only=True)}
    assert {name for sheet, name in notes if sheet == "ILACS outcomes"} == set(COLUMNS)
    assert "combined" in notes[("ILACS outcomes", "children_in_care_and_care_leavers")]
    assert workbook["Notes"]["A1"].value == "generated" and isinstance(workbook["Notes"]["B1"].value, datetime)


# --- files, CLI ------------------------------------------------------------------------------------

def test_unknown_format_or_view_is_refused_without_leaving_a_file(store, tmp_path):
    with pytest.raises(ExportError, match="gexf, graphml, csv"):
        export_to_file(store, "pdf", tmp_path / "x.pdf")
    with pytest.raises(ExportError, match="organisations, inspections"):
        export_to_file(store, "gexf", tmp_path / "x.gexf", view="councils")
    assert list(tmp_path.iterdir()) == []


@pytest.fixture(scope="module")
def disk_store(tmp_path_factory) -> tuple[Path, int]:
    """A store folder holding the fixture data, closed so that others can open it; and its quads."""
    location = tmp_path_factory.mktemp("exports") / "store"
    disk = OxigraphStore(location)
    load(disk, records())
    quads = disk.count_quads()
    disk.close()
    return location, quads


def test_cli_exports_every_format_from_a_store_on_disk(disk_store, tmp_path, capsys):
    from cskg.cli import main

    location, quads = disk_store
    for name, spec in FORMATS.items():
        out = tmp_path / f"out.{spec.extension}"
        assert main(["export", "--format", name, "-o", str(out), "--store", str(location)]) == 0, name
        assert out.stat().st_size > 0
    assert _quads(Dataset().parse(tmp_path / "out.nq", format="nquads")) == quads
    assert main(["export", "--format", "gexf", "--view", "inspections", "--neighbours", "-o",
                 str(tmp_path / "n.gexf"), "--store", str(location)]) == 0
    kinds = {d["kind"] for *_, d in nx.read_gexf(tmp_path / "n.gexf").edges(data=True)}
    assert kinds == {"membership", "delivery", "partner", "shared-body", "statistical-neighbour", "inspection",
                     "mention"}
    assert main(["export", "--format", "pdf", "-o", str(tmp_path / "x"), "--store", str(location)]) == 2
    assert "unknown export format 'pdf'" in capsys.readouterr().err


# --- HTTP -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def client(store):
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from cskg.api.handlers import install_error_handlers
    from cskg.api.routers.exports import router

    app = FastAPI()
    app.include_router(router)
    install_error_handlers(app)
    app.state.store = store
    with TestClient(app) as c:
        yield c


def test_http_streams_the_same_exports(client, store):
    response = client.get("/export/gexf", params={"view": "inspections"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/gexf+xml"
    assert response.headers["content-disposition"] == 'attachment; filename="cskg-inspections.gexf"'
    assert response.content == exported(store, "gexf", view="inspections")
    response = client.get("/export/trig")
    assert response.headers["content-type"] == "application/trig"
    assert _quads(Dataset().parse(data=response.content, format="trig")) == store.count_quads()
    response = client.get("/export/summary-csv")
    assert response.headers["content-disposition"] == 'attachment; filename="cskg-ilacs-summary.csv"'
    assert _without_generated(response.text) == _without_generated(exported(store, "summary-csv").decode())
    response = client.get("/export/csv", params={"neighbours": "true"})
    assert response.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:  # written to a non-seekable stream
        edges = archive.read("edges.csv").decode().splitlines()
    assert len(edges) - 1 == build_network(store, neighbours=True).number_of_edges()
    response = client.get("/export/summary-xlsx")
    assert openpyxl.load_workbook(io.BytesIO(response.content)).active.max_row == 154


def test_the_api_app_serves_the_exports(disk_store):
    from fastapi.testclient import TestClient

    from cskg.api.app import create_app
    from cskg.api.settings import Settings

    location, quads = disk_store
    with TestClient(create_app(Settings(store=str(location), workers=1))) as app_client:
        response = app_client.get("/export/nq")
        assert response.status_code == 200
        assert _quads(Dataset().parse(data=response.content, format="nquads")) == quads


def test_http_refuses_unknown_format_and_view(client):
    response = client.get("/export/pdf")
    assert response.status_code == 404 and "gexf, graphml, csv" in response.json()["detail"]
    assert client.get("/export/gexf", params={"view": "councils"}).status_code == 422


def test_streaming_hands_over_chunks_and_errors_in_order():
    from cskg.api.exports.streaming import CHUNK, iter_export

    def write(out):
        out.write(b"x" * (CHUNK + 10))
        out.write(b"tail")

    assert b"".join(iter_export(write)) == b"x" * (CHUNK + 10) + b"tail"

    def fail(out):
        out.write(b"y" * CHUNK)
        raise RuntimeError("store went away")

    chunks = iter_export(fail)
    assert next(chunks) == b"y" * CHUNK
    with pytest.raises(RuntimeError, match="store went away"):
        next(chunks)


def test_streaming_stops_the_writer_when_the_reader_leaves():
    import threading

    from cskg.api.exports.streaming import CHUNK, ExportCancelled, iter_export

    stopped = threading.Event()

    def endless(out):
        try:
            while True:
                out.write(b"z" * CHUNK)
        except ExportCancelled:
            stopped.set()
            raise

    chunks = iter_export(endless, depth=1)
    next(chunks)
    chunks.close()
    assert stopped.wait(10)



def test_gexf_gives_memberships_and_shared_bodies_spells(store, gexf_schema):
    document = etree.fromstring(exported(store, "gexf"))
    assert gexf_schema.validate(document), gexf_schema.error_log
    graph = document.find("{http://gexf.net/1.3}graph")
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    edges = graph.iter("{http://gexf.net/1.3}edge")
    spells = {(e.get("kind"), e.get("start")) for e in edges if e.get("start")}
    assert ("membership", "2014-05-12") in spells and ("shared-body", "2015-03-02") in spells
    sscb = next(n for n in graph.iter("{http://gexf.net/1.3}node") if n.get("label") == SSCB[0])
    assert sscb.get("start") == "2014-05-12"


# --- labels that stand alone, spells on inspections -----------------------------------------------

def test_a_per_council_body_is_labelled_with_its_council_unless_its_name_says_it():
    from cskg.api.exports.labels import body_label, council_codes, distinct_labels

    names = {"E06000031": "Peterborough", STAFFS: "Staffordshire", STOKE: "Stoke-on-Trent"}
    assert council_codes("https://w3id.org/cskg/id/body/cdop/E06000031") == ("E06000031",)
    assert council_codes(f"https://w3id.org/cskg/id/body/cdop/{STOKE}+{STAFFS}") == (STOKE, STAFFS)
    assert council_codes("https://w3id.org/cskg/id/body/regional-adoption-agency/together4children") == ()
    assert body_label("child death overview panel", ("E06000031",), names) == (
        "Peterborough: child death overview panel")
    assert body_label(SSCB[0], (STAFFS,), names) == SSCB[0]
    assert body_label("Improvement Board", (STOKE, STAFFS), names) == "Improvement Board"
    # Still shared: told apart by the first qualifier giving each a different text, else by the key.
    labels = distinct_labels({"a": "Board", "b": "board", "c": "Panel", "d": "Panel"},
                             (lambda n: {"a": "x", "b": "y"}.get(n), lambda n: "same"), lambda n: n)
    assert labels == {"a": "Board (x)", "b": "board (y)", "c": "Panel (c)", "d": "Panel (d)"}


@pytest.mark.parametrize("view", ["organisations", "inspections"])
def test_no_two_gexf_nodes_share_a_label(store, view):
    document = etree.fromstring(exported(store, "gexf", view=view, neighbours=True))
    labels = [n.get("label").casefold() for n in document.iter("{http://gexf.net/1.3}node")]
    assert len(labels) == len(set(labels)) > 158


def test_inspections_and_their_ties_have_spells_from_the_inspection_dates(store, gexf_schema):
    g = build_network(store, "inspections")
    (visit,) = [n for n, d in g.nodes(data=True) if d.get("kind") == "monitoring-visit"]
    assert g.nodes[visit]["label"] == "Stoke-on-Trent: monitoring-visit inspection 2023-05-10"
    assert (g.nodes[visit]["start"], g.nodes[visit]["end"]) == ("2023-05-10", "2023-05-21")
    assert edge(g, STOKE, visit, "inspection")["start"] == "2023-05-10"
    westminster = next(n for n in g.neighbors(str(A(WESTMINSTER))) if g.nodes[n]["category"] == "inspection")
    front_door = body(g, FRONT_DOOR[0])
    assert (edge(g, westminster, front_door, "mention")["start"], edge(g, westminster, front_door, "mention")["end"]) == (
        "2019-03-11", "2019-03-22")
    document = etree.fromstring(exported(store, "gexf", view="inspections"))
    assert gexf_schema.validate(document), gexf_schema.error_log
    ns = "{http://gexf.net/1.3}"
    spelled = [n for n in document.iter(f"{ns}node") if n.get("start")]
    assert len([n for n in spelled if n.get("end")]) == 10  # every inspection, from its first to its last day
    assert document.find(f"{ns}graph").get("timeformat") == "date"
    for element in document.iter(f"{ns}node", f"{ns}edge"):
        for bound in ("start", "end"):
            if element.get(bound):
                date.fromisoformat(element.get(bound))  # GEXF dates: yyyy-mm-dd


def test_gexf_loads_into_igraph_through_networkx(store):
    g = build_network(store, "inspections", neighbours=True)
    back = igraph.Graph.from_networkx(nx.read_gexf(io.BytesIO(exported(store, "gexf", view="inspections",
                                                                        neighbours=True))))
    assert (back.vcount(), back.ecount()) == (g.number_of_nodes(), g.number_of_edges())
    assert sorted(back.vs["label"]) == sorted(d["label"] for _, d in g.nodes(data=True))
    assert sorted(k for k in back.es["kind"]) == sorted(k for *_, k in g.edges(keys=True))
