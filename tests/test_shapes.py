"""SHACL shapes: every shape accepts a conforming graph and rejects a graph broken for its reason.

tests/shapes/report.ttl and tests/shapes/reference.ttl conform to every shape; each case below
breaks them with one SPARQL Update and states the complete set of violations that must follow
(shape, constraint component, focus node, path), so a case fails when a shape fails for another
reason, or when a second shape fires too.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH

from cskg.graph.mapping import map_record
from cskg.graph.namespaces import CSKG, ID
from cskg.graph.reference import authorities_graph, vocabulary_graph
from cskg.graph.validate import report_shapes, shapes_graph, validate_graph, validate_reference
from cskg.loaders.records import (
    AreaGrade, Evidence, Finding, Inspector, Judgement, Member, OrganisationMention, PreviousInspection,
    Recommendation, ReportRecord, Statistic,
)

HERE = Path(__file__).resolve().parent / "shapes"
SHAPES = "https://w3id.org/cskg/shapes#"
PREAMBLE = """
BASE <https://w3id.org/cskg/id/>
PREFIX cskg: <https://w3id.org/cskg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

# Nodes of tests/shapes/report.ttl, relative to https://w3id.org/cskg/id/
I = "inspection/E10000028/ILACS-standard/2024-01-08"
R = "report/E10000028/ILACS-standard/2024-01-08"
J1, J2 = f"{I}/judgement/overall-effectiveness", f"{I}/judgement/help-and-protection"
REC1, REC2 = f"{I}/recommendation/1", f"{I}/recommendation/2"
F1, S1, P1, M1 = f"{I}/finding/1", f"{I}/statistic/1", f"{I}/previous/1", f"{I}/mention/1"
PASSAGE = f"{R}/passage/100-160"
W1 = f"{R}/warning/1"
TEAM2 = f"{I}/team/2"
AREA_GRADE = f"{P1}/area/help-and-protection"
BODY = "body/lscb/E10000028"
MEMBERSHIP = f"{BODY}/membership/E10000028/member"
# Nodes of tests/shapes/reference.ttl
BCP, POOLE, REGION, LINK = "authority/E06000058", "authority/E06000029", "region/E12000009", "authority/E06000058/neighbour/1"

CSKG_NS, PROV_NS, DCT, ORG_NS, SKOS_NS, RDFS_NS = (
    "cskg:", "prov:", "dcterms:", "org:", "skos:", "rdfs:")
_EXPAND = {"cskg:": str(CSKG), "prov:": "http://www.w3.org/ns/prov#", "dcterms:": "http://purl.org/dc/terms/",
           "org:": "http://www.w3.org/ns/org#", "skos:": "http://www.w3.org/2004/02/skos/core#",
           "rdfs:": str(RDFS)}


def _iri(curie: str | None) -> str | None:
    if curie is None:
        return None
    for prefix, base in _EXPAND.items():
        if curie.startswith(prefix):
            return base + curie[len(prefix):]
    return str(ID[curie])


# (case id, SPARQL update, {(shape, component, focus, path)}); path None = a complex path.
REPORT_CASES: list[tuple[str, str, set[tuple[str, str, str, str | None]]]] = [
    ("provenance-missing", f"DELETE WHERE {{ <{REC1}> prov:wasDerivedFrom ?p }}",
     {("Provenance", "MinCount", REC1, "prov:wasDerivedFrom")}),
    ("provenance-not-a-passage",
     f"DELETE WHERE {{ <{F1}> prov:wasDerivedFrom ?p }} ; INSERT DATA {{ <{F1}> prov:wasDerivedFrom <{R}/passage/9-99> }}",
     {("Provenance", "Class", F1, "prov:wasDerivedFrom")}),
    ("inspection-without-framework", f"DELETE WHERE {{ <{I}> cskg:framework ?f }}",
     {("Inspection-framework", "MinCount", I, "cskg:framework")}),
    ("inspection-with-two-frameworks", f"INSERT DATA {{ <{I}> cskg:framework <framework/ILACS-short> }}",
     {("Inspection-framework", "MaxCount", I, "cskg:framework")}),
    # A framework that is not a framework concept has no grade scale or areas either.
    ("inspection-framework-not-a-framework",
     f"DELETE WHERE {{ <{I}> cskg:framework ?f }} ; INSERT DATA {{ <{I}> cskg:framework <area/ILACS/overall-effectiveness> }}",
     {("Inspection-framework", "Class", I, "cskg:framework"),
      ("JudgementGradeOnFrameworkScale", "SPARQL", J1, "cskg:grade"),
      ("JudgementGradeOnFrameworkScale", "SPARQL", J2, "cskg:grade"),
      ("JudgementAreaOfFramework", "SPARQL", J1, "cskg:judgementArea"),
      ("JudgementAreaOfFramework", "SPARQL", J2, "cskg:judgementArea")}),
    ("inspection-of-unknown-council",
     f"DELETE WHERE {{ <{I}> cskg:inspectedAuthority ?a }} ; INSERT DATA {{ <{I}> cskg:inspectedAuthority <authority/E10999999> }}",
     {("Inspection-inspectedAuthority", "Class", I, "cskg:inspectedAuthority")}),
    ("inspection-without-council", f"DELETE WHERE {{ <{I}> cskg:inspectedAuthority ?a }}",
     {("Inspection-inspectedAuthority", "MinCount", I, "cskg:inspectedAuthority")}),
    ("inspection-starts-after-it-ends",
     f"DELETE WHERE {{ <{I}> cskg:startDate ?d }} ; INSERT DATA {{ <{I}> cskg:startDate \"2024-01-20\"^^xsd:date }}",
     {("Inspection-startDate", "LessThanOrEquals", I, "cskg:startDate")}),
    ("inspection-with-two-end-dates", f"INSERT DATA {{ <{I}> cskg:endDate \"2024-01-20\"^^xsd:date }}",
     {("Inspection-endDate", "MaxCount", I, "cskg:endDate")}),
    ("inspection-without-report", f"DELETE WHERE {{ <{I}> cskg:report ?r }}",
     {("Inspection-report", "MinCount", I, "cskg:report")}),
    ("inspector-not-an-inspector", f"INSERT DATA {{ <{I}> cskg:teamMember <person/nobody> }}",
     {("Inspection-inspectors", "Class", I, None)}),
    ("inspection-ends-after-publication",
     f"DELETE WHERE {{ <{I}> cskg:endDate ?d }} ; INSERT DATA {{ <{I}> cskg:endDate \"2024-03-02\"^^xsd:date }}",
     {("InspectionEndsBeforePublication", "SPARQL", I, "cskg:endDate")}),
    ("report-sha256-not-hex",
     f"DELETE WHERE {{ <{R}> cskg:sha256 ?h }} ; INSERT DATA {{ <{R}> cskg:sha256 \"4B227777\" }}",
     {("InspectionReport-sha256", "Pattern", R, "cskg:sha256")}),
    ("report-without-source", f"DELETE WHERE {{ <{R}> cskg:sourcePath ?p }}",
     {("InspectionReport-sourcePath", "MinCount", R, "cskg:sourcePath")}),
    ("report-date-from-elsewhere",
     f"DELETE WHERE {{ <{R}> cskg:publishedSource ?s }} ; INSERT DATA {{ <{R}> cskg:publishedSource \"guess\" }}",
     {("InspectionReport-publishedSource", "In", R, "cskg:publishedSource")}),
    ("report-page-a-literal",
     f"DELETE WHERE {{ <{R}> cskg:reportPage ?p }} ; INSERT DATA {{ <{R}> cskg:reportPage \"https://x.org/\" }}",
     {("InspectionReport-reportPage", "NodeKind", R, "cskg:reportPage")}),
    ("report-warning-not-a-warning",
     f"DELETE WHERE {{ <{R}> cskg:warning ?w }} ; INSERT DATA {{ <{R}> cskg:warning <{F1}> }}",
     {("InspectionReport-warning", "Class", R, "cskg:warning")}),
    ("warning-with-an-unknown-code",
     f"DELETE WHERE {{ <{W1}> cskg:warningCode ?c }} ; INSERT DATA {{ <{W1}> cskg:warningCode \"odd-report\" }}",
     {("ExtractionWarning-code", "In", W1, "cskg:warningCode")}),
    ("warning-without-a-message", f"DELETE WHERE {{ <{W1}> cskg:warningMessage ?m }}",
     {("ExtractionWarning-message", "MinCount", W1, "cskg:warningMessage")}),
    ("report-with-no-pages",
     f"DELETE WHERE {{ <{R}> cskg:pageCount ?n }} ; INSERT DATA {{ <{R}> cskg:pageCount 0 }}",
     {("InspectionReport-pageCount", "MinInclusive", R, "cskg:pageCount")}),
    ("report-issued-not-a-date",
     f"DELETE WHERE {{ <{R}> dcterms:issued ?d }} ; INSERT DATA {{ <{R}> dcterms:issued \"1 March 2024\" }}",
     {("InspectionReport-issued", "Datatype", R, "dcterms:issued")}),
    ("report-about-unknown-council", f"INSERT DATA {{ <{R}> dcterms:subject <authority/E10999999> }}",
     {("InspectionReport-subject", "Class", R, "dcterms:subject")}),
    ("report-not-generated-by-inspection", f"DELETE WHERE {{ <{R}> prov:wasGeneratedBy ?i }}",
     {("InspectionReport-wasGeneratedBy", "MinCount", R, "prov:wasGeneratedBy")}),
    ("inspector-without-name", "DELETE WHERE { <person/jo-bloggs> rdfs:label ?l }",
     {("Inspector-label", "MinCount", "person/jo-bloggs", "rdfs:label")}),
    ("team-place-of-no-inspector", f"DELETE WHERE {{ <{TEAM2}> prov:agent ?p }}",
     {("TeamPlace-agent", "MinCount", TEAM2, "prov:agent")}),
    ("team-place-without-position", f"DELETE WHERE {{ <{TEAM2}> cskg:position ?p }}",
     {("TeamPlace-position", "MinCount", TEAM2, "cskg:position")}),
    ("team-place-of-someone-not-an-inspector", f"DELETE WHERE {{ <{TEAM2}> prov:agent ?p }} ; "
                                               f"INSERT DATA {{ <{TEAM2}> prov:agent <{BODY}> }}",
     {("TeamPlace-agent", "Class", TEAM2, "prov:agent")}),
    ("judgement-of-no-inspection", f"DELETE DATA {{ <{I}> cskg:hasJudgement <{J2}> }}",
     {("Judgement-inspection", "MinCount", J2, None)}),
    ("stated-area-grade-without-area", f"DELETE WHERE {{ <{AREA_GRADE}> cskg:judgementArea ?a }}",
     {("StatedAreaGrade-judgementArea", "MinCount", AREA_GRADE, "cskg:judgementArea")}),
    ("stated-area-grade-of-a-grade-that-is-no-grade", f"DELETE WHERE {{ <{AREA_GRADE}> cskg:grade ?g }} ; "
                                                      f"INSERT DATA {{ <{AREA_GRADE}> cskg:grade <{BODY}> }}",
     {("StatedAreaGrade-grade", "Class", AREA_GRADE, "cskg:grade")}),
    ("judgement-without-area", f"DELETE WHERE {{ <{J1}> cskg:judgementArea ?a }}",
     {("Judgement-judgementArea", "MinCount", J1, "cskg:judgementArea")}),
    ("judgement-without-grade", f"DELETE WHERE {{ <{J1}> cskg:grade ?g }}",
     {("Judgement-grade", "MinCount", J1, "cskg:grade")}),
    ("judgement-without-printed-grade", f"DELETE WHERE {{ <{J1}> cskg:printedGrade ?g }}",
     {("Judgement-printedGrade", "MinCount", J1, "cskg:printedGrade")}),
    ("grade-of-another-framework",
     f"DELETE WHERE {{ <{J1}> cskg:grade ?g }} ; INSERT DATA {{ <{J1}> cskg:grade <grade/SIF/good> }}",
     {("JudgementGradeOnFrameworkScale", "SPARQL", J1, "cskg:grade")}),
    ("area-of-another-framework",
     f"DELETE WHERE {{ <{J1}> cskg:judgementArea ?a }} ; INSERT DATA {{ <{J1}> cskg:judgementArea <area/SIF/lscb> }}",
     {("JudgementAreaOfFramework", "SPARQL", J1, "cskg:judgementArea")}),
    # REC2 is an AreaForImprovement: the Recommendation shapes reach it through rdfs:subClassOf.
    ("recommendation-with-empty-text",
     f"DELETE WHERE {{ <{REC2}> cskg:text ?t }} ; INSERT DATA {{ <{REC2}> cskg:text \"\" }}",
     {("Recommendation-text", "MinLength", REC2, "cskg:text")}),
    ("recommendation-numbered-zero",
     f"DELETE WHERE {{ <{REC1}> cskg:number ?n }} ; INSERT DATA {{ <{REC1}> cskg:number 0 }}",
     {("Recommendation-number", "MinInclusive", REC1, "cskg:number")}),
    ("timescale-not-in-timescale-scheme",
     f"DELETE WHERE {{ <{REC2}> cskg:timescale ?t }} ; INSERT DATA {{ <{REC2}> cskg:timescale <measure/children-in-care> }}",
     {("Recommendation-timescale", "Node", REC2, "cskg:timescale")}),
    ("finding-without-text", f"DELETE WHERE {{ <{F1}> cskg:text ?t }}",
     {("Finding-text", "MinCount", F1, "cskg:text")}),
    ("finding-paragraph-a-decimal",
     f"DELETE WHERE {{ <{F1}> cskg:paragraphNumber ?n }} ; INSERT DATA {{ <{F1}> cskg:paragraphNumber 1.0 }}",
     {("Finding-paragraphNumber", "Datatype", F1, "cskg:paragraphNumber")}),
    ("finding-on-two-pages", f"INSERT DATA {{ <{F1}> cskg:page 4 }}",
     {("Finding-page", "MaxCount", F1, "cskg:page")}),
    ("finding-area-not-an-area",
     f"DELETE WHERE {{ <{F1}> cskg:judgementArea ?a }} ; INSERT DATA {{ <{F1}> cskg:judgementArea <grade/ILACS/good> }}",
     {("Finding-judgementArea", "Class", F1, "cskg:judgementArea")}),
    ("passage-with-empty-quote",
     f"DELETE WHERE {{ <{PASSAGE}> cskg:quote ?q }} ; INSERT DATA {{ <{PASSAGE}> cskg:quote \"\" }}",
     {("Passage-quote", "MinLength", PASSAGE, "cskg:quote")}),
    ("passage-starts-after-it-ends",
     f"DELETE WHERE {{ <{PASSAGE}> cskg:startOffset ?o }} ; INSERT DATA {{ <{PASSAGE}> cskg:startOffset 170 }}",
     {("Passage-startOffset", "LessThanOrEquals", PASSAGE, "cskg:startOffset")}),
    ("passage-without-end", f"DELETE WHERE {{ <{PASSAGE}> cskg:endOffset ?o }}",
     {("Passage-endOffset", "MinCount", PASSAGE, "cskg:endOffset")}),
    ("passage-of-no-report",
     f"DELETE WHERE {{ <{PASSAGE}> dcterms:isPartOf ?r }} ; INSERT DATA {{ <{PASSAGE}> dcterms:isPartOf <report/elsewhere> }}",
     {("Passage-isPartOf", "Class", PASSAGE, "dcterms:isPartOf")}),
    ("passage-on-page-zero",
     f"DELETE WHERE {{ <{PASSAGE}> cskg:page ?p }} ; INSERT DATA {{ <{PASSAGE}> cskg:page 0 }}",
     {("Passage-page", "MinInclusive", PASSAGE, "cskg:page")}),
    ("statistic-of-unknown-measure",
     f"DELETE WHERE {{ <{S1}> cskg:measure ?m }} ; INSERT DATA {{ <{S1}> cskg:measure <measure/no-such-measure> }}",
     {("StatisticObservation-measure", "Node", S1, "cskg:measure")}),
    ("statistic-value-not-decimal",
     f"DELETE WHERE {{ <{S1}> cskg:value ?v }} ; INSERT DATA {{ <{S1}> cskg:value \"seven hundred\" }}",
     {("StatisticObservation-value", "Datatype", S1, "cskg:value")}),
    ("statistic-of-no-area", f"DELETE WHERE {{ <{S1}> cskg:refArea ?a }}",
     {("StatisticObservation-refArea", "MinCount", S1, "cskg:refArea")}),
    ("statistic-in-unknown-unit",
     f"DELETE WHERE {{ <{S1}> cskg:unit ?u }} ; INSERT DATA {{ <{S1}> cskg:unit \"children\" }}",
     {("StatisticObservation-unit", "In", S1, "cskg:unit")}),
    ("statistic-date-not-a-date",
     f"DELETE WHERE {{ <{S1}> cskg:asOf ?d }} ; INSERT DATA {{ <{S1}> cskg:asOf \"31 March 2023\" }}",
     {("StatisticObservation-asOf", "Datatype", S1, "cskg:asOf")}),
    ("previous-inspection-date-as-text",
     f"DELETE WHERE {{ <{P1}> cskg:statedDate ?d }} ; INSERT DATA {{ <{P1}> cskg:statedDate \"May 2019\" }}",
     {("PreviousInspectionStatement-statedDate", "Or", P1, "cskg:statedDate")}),
    ("previous-inspection-with-two-dates", f"INSERT DATA {{ <{P1}> cskg:statedDate \"2019-06-01\"^^xsd:date }}",
     {("PreviousInspectionStatement-statedDate", "MaxCount", P1, "cskg:statedDate")}),
    ("previous-inspection-of-unknown-framework",
     f"DELETE WHERE {{ <{P1}> cskg:statedFramework ?f }} ; INSERT DATA {{ <{P1}> cskg:statedFramework <framework/APA> }}",
     {("PreviousInspectionStatement-statedFramework", "Class", P1, "cskg:statedFramework")}),
    ("body-without-name", f"DELETE WHERE {{ <{BODY}> rdfs:label ?l }}",
     {("Body-label", "MinCount", BODY, "rdfs:label")}),
    ("body-kind-not-a-kind",
     f"DELETE WHERE {{ <{BODY}> cskg:organisationKind ?k }} ; INSERT DATA {{ <{BODY}> cskg:organisationKind <role/member> }}",
     {("Body-organisationKind", "Pattern", BODY, "cskg:organisationKind")}),
    ("body-without-membership", f"DELETE WHERE {{ <{MEMBERSHIP}> ?p ?o }}",
     {("Body-membership", "MinCount", BODY, None), ("Body-memberAuthority", "MinCount", BODY, None)}),
    ("body-member-not-a-council",
     f"DELETE WHERE {{ <{MEMBERSHIP}> org:member ?m }} ; INSERT DATA {{ <{MEMBERSHIP}> org:member <authority/E10999999> }}",
     {("Body-memberAuthority", "Class", BODY, None), ("Membership-member", "Class", MEMBERSHIP, "org:member")}),
    ("membership-with-two-members", f"INSERT DATA {{ <{MEMBERSHIP}> org:member <authority/E06000058> }}",
     {("Membership-member", "MaxCount", MEMBERSHIP, "org:member")}),
    ("membership-of-two-bodies", f"INSERT DATA {{ <{MEMBERSHIP}> org:organization <body/elsewhere> }}",
     {("Membership-organization", "MaxCount", MEMBERSHIP, "org:organization"),
      ("Membership-organization", "Class", MEMBERSHIP, "org:organization")}),
    ("membership-role-not-an-iri",
     f"DELETE WHERE {{ <{MEMBERSHIP}> org:role ?r }} ; INSERT DATA {{ <{MEMBERSHIP}> org:role \"member\" }}",
     {("Membership-role", "NodeKind", MEMBERSHIP, "org:role")}),
    ("mention-of-no-body",
     f"DELETE WHERE {{ <{M1}> cskg:mentionOf ?b }} ; INSERT DATA {{ <{M1}> cskg:mentionOf <body/elsewhere> }}",
     {("Mention-mentionOf", "Class", M1, "cskg:mentionOf")}),
    ("mention-in-a-statistic",
     f"DELETE WHERE {{ <{M1}> cskg:inFinding ?f }} ; INSERT DATA {{ <{M1}> cskg:inFinding <{S1}> }}",
     {("Mention-inFinding", "Class", M1, "cskg:inFinding")}),
]

REFERENCE_CASES: list[tuple[str, str, set[tuple[str, str, str, str | None]]]] = [
    ("gss-code-of-a-district",
     f"DELETE WHERE {{ <{BCP}> cskg:gssCode ?c }} ; INSERT DATA {{ <{BCP}> cskg:gssCode \"E05000001\" }}",
     {("LocalAuthority-gssCode", "Pattern", BCP, "cskg:gssCode")}),
    ("dfe-code-of-two-digits",
     f"DELETE WHERE {{ <{BCP}> cskg:dfeCode ?c }} ; INSERT DATA {{ <{BCP}> cskg:dfeCode \"83\" }}",
     {("LocalAuthority-dfeCode", "Pattern", BCP, "cskg:dfeCode")}),
    ("council-without-name", f"DELETE WHERE {{ <{POOLE}> rdfs:label ?l }}",
     {("LocalAuthority-label", "MinCount", POOLE, "rdfs:label")}),
    ("council-in-unknown-region",
     f"DELETE WHERE {{ <{POOLE}> cskg:region ?r }} ; INSERT DATA {{ <{POOLE}> cskg:region <region/E12999999> }}",
     {("LocalAuthority-region", "Class", POOLE, "cskg:region")}),
    ("provider-page-elsewhere",
     f"DELETE WHERE {{ <{BCP}> cskg:providerPage ?p }} ; INSERT DATA {{ <{BCP}> cskg:providerPage <http://example.org/x> }}",
     {("LocalAuthority-providerPage", "Pattern", BCP, "cskg:providerPage")}),
    ("urn-not-digits",
     f"DELETE WHERE {{ <{BCP}> cskg:ofstedURN ?u }} ; INSERT DATA {{ <{BCP}> cskg:ofstedURN \"URN-1\" }}",
     {("LocalAuthority-ofstedURN", "Pattern", BCP, "cskg:ofstedURN")}),
    ("negative-population",
     f"DELETE WHERE {{ <{BCP}> cskg:population0to25 ?n }} ; INSERT DATA {{ <{BCP}> cskg:population0to25 -5 }}",
     {("LocalAuthority-population0to25", "MinInclusive", BCP, "cskg:population0to25")}),
    ("unknown-status",
     f"DELETE WHERE {{ <{POOLE}> cskg:status ?s }} ; INSERT DATA {{ <{POOLE}> cskg:status \"abolished\" }}",
     {("LocalAuthority-status", "In", POOLE, "cskg:status")}),
    ("successor-not-a-council",
     f"DELETE WHERE {{ <{POOLE}> cskg:successor ?s }} ; INSERT DATA {{ <{POOLE}> cskg:successor <authority/E06999999> }}",
     {("LocalAuthority-related", "Class", POOLE, None)}),
    ("region-code-not-ons",
     f"DELETE WHERE {{ <{REGION}> skos:notation ?n }} ; INSERT DATA {{ <{REGION}> skos:notation \"SW\" }}",
     {("Region-notation", "Pattern", REGION, "skos:notation")}),
    ("region-without-name", f"DELETE WHERE {{ <{REGION}> skos:prefLabel ?l }}",
     {("Region-prefLabel", "MinCount", REGION, "skos:prefLabel")}),
    ("region-outside-regions-scheme", f"DELETE WHERE {{ <{REGION}> skos:inScheme ?s }}",
     {("Region-inScheme", "HasValue", REGION, "skos:inScheme")}),
    ("neighbour-link-of-no-council", f"DELETE WHERE {{ <{LINK}> cskg:neighbourOf ?a }}",
     {("StatisticalNeighbourLink-neighbourOf", "MinCount", LINK, "cskg:neighbourOf")}),
    ("neighbour-not-a-council",
     f"DELETE WHERE {{ <{LINK}> cskg:neighbour ?a }} ; INSERT DATA {{ <{LINK}> cskg:neighbour <authority/E06999999> }}",
     {("StatisticalNeighbourLink-neighbour", "Class", LINK, "cskg:neighbour")}),
    ("neighbour-rank-zero",
     f"DELETE WHERE {{ <{LINK}> cskg:neighbourRank ?r }} ; INSERT DATA {{ <{LINK}> cskg:neighbourRank 0 }}",
     {("StatisticalNeighbourLink-neighbourRank", "MinInclusive", LINK, "cskg:neighbourRank")}),
]


def _load(name: str) -> Graph:
    return Graph().parse(HERE / name, format="turtle")


def _broken(name: str, update: str) -> Graph:
    graph = _load(name)
    before = len(graph)
    graph.update(PREAMBLE + update)
    assert len(graph) != before or "INSERT" in update, "the update changed nothing; the case tests nothing"
    return graph


def _expected(rows: set[tuple[str, str, str, str | None]]) -> set[tuple[str, str, str, str | None]]:
    return {(SHAPES + shape, f"http://www.w3.org/ns/shacl#{component}ConstraintComponent", _iri(focus), _iri(path))
            for shape, component, focus, path in rows}


def _found(report) -> set[tuple[str, str, str, str | None]]:
    return {(r.source_shape, r.component, r.focus, r.path) for r in report.results}


def test_conforming_report_graph_conforms() -> None:
    report = validate_graph(_load("report.ttl"))
    assert report.conforms, report.violations


def test_conforming_reference_graph_conforms() -> None:
    report = validate_reference(_load("reference.ttl"))
    assert report.conforms, report.violations


@pytest.mark.parametrize("case,update,expected", REPORT_CASES, ids=[c[0] for c in REPORT_CASES])
def test_report_shape_rejects(case: str, update: str, expected: set) -> None:
    report = validate_graph(_broken("report.ttl", update))
    assert not report.conforms
    assert _found(report) == _expected(expected)
    assert len(report.violations) == len(report.results)
    shapes = shapes_graph()
    for result in report.results:  # the shape's own plain-words message, not pySHACL's generic text
        if not result.component.endswith("SPARQLConstraintComponent"):
            assert result.message == str(shapes.value(URIRef(result.source_shape), SH.message))


@pytest.mark.parametrize("case,update,expected", REFERENCE_CASES, ids=[c[0] for c in REFERENCE_CASES])
def test_reference_shape_rejects(case: str, update: str, expected: set) -> None:
    report = validate_reference(_broken("reference.ttl", update))
    assert not report.conforms
    assert _found(report) == _expected(expected)


def _targeted_shapes() -> set[str]:
    shapes = shapes_graph()
    return {str(s) for s in shapes.subjects(SH.targetClass, None) if isinstance(s, URIRef)}


def test_every_shape_has_a_violating_case() -> None:
    covered = {shape for _, _, rows in REPORT_CASES + REFERENCE_CASES for shape, *_ in _expected(rows)}
    assert _targeted_shapes() - covered == set()


def _instances(graph: Graph, cls: URIRef) -> set:
    """Instances of cls or its subclasses (the vocabulary's rdfs:subClassOf)."""
    vocabulary = vocabulary_graph()
    classes = {cls, *vocabulary.transitive_subjects(RDFS.subClassOf, cls)}
    return {s for c in classes for s in graph.subjects(RDF.type, c)}


@pytest.mark.parametrize("name", ["report.ttl", "reference.ttl"])
def test_conforming_graphs_give_every_shape_focus_nodes(name: str) -> None:
    """The conforming graphs exercise every shape they are checked against: each targeted shape
    has at least one focus node in one of them."""
    shapes = shapes_graph()
    in_reports = set(report_shapes())
    graph = _load(name)
    wanted = _targeted_shapes() & in_reports if name == "report.ttl" else _targeted_shapes() - in_reports
    for shape in wanted:
        targets = list(shapes.objects(URIRef(shape), SH.targetClass))
        assert any(_instances(graph, t) for t in targets), f"{shape} has no focus node in {name}"


def test_report_shapes_leave_out_reference_classes() -> None:
    shapes = set(report_shapes())
    assert SHAPES + "LocalAuthority-gssCode" not in shapes
    assert SHAPES + "Region-notation" not in shapes
    assert SHAPES + "Passage-quote" in shapes and SHAPES + "Provenance" in shapes


def test_authorities_graph_conforms() -> None:
    report = validate_reference(authorities_graph())
    assert report.conforms, report.violations[:10]


def test_validation_leaves_the_report_graph_unchanged() -> None:
    graph = _load("report.ttl")
    before = set(graph)
    validate_graph(graph)
    broken = _broken("report.ttl", f"DELETE WHERE {{ <{J1}> cskg:grade ?g }}")
    broken_before = set(broken)
    assert not validate_graph(broken).conforms
    assert set(graph) == before and set(broken) == broken_before


def test_violation_lines_name_focus_path_and_message() -> None:
    report = validate_graph(_broken("report.ttl", f"DELETE WHERE {{ <{J1}> cskg:grade ?g }}"))
    assert report.violations == (
        f"{ID[J1]} {CSKG.grade}: A judgement needs exactly one grade, a cskg:Grade concept.",)


def test_sparql_messages_name_the_offending_values() -> None:
    report = validate_graph(_broken(
        "report.ttl", f"DELETE WHERE {{ <{J1}> cskg:grade ?g }} ; INSERT DATA {{ <{J1}> cskg:grade <grade/SIF/good> }}"))
    (result,) = report.results
    assert result.value == str(ID["grade/SIF/good"])
    assert result.message == (f"The grade {ID['grade/SIF/good']} is not on the grade scale of the inspection's "
                              f"framework {ID['framework/ILACS-standard']}.")


def _evidence(start: int, page: int = 2, paragraph: int | None = None) -> Evidence:
    return Evidence(quote=f"Quoted sentence {start}.", start=start, end=start + 40, page=page,
                    paragraph=paragraph, section="Findings")


def _record(framework: str = "SIF") -> ReportRecord:
    return ReportRecord(
        source="staffordshire/2016-06-27.pdf", sha256="ab" * 32, media_type="application/pdf",
        framework=framework, authority_code="E10000028", authority_name="Staffordshire",
        title="Staffordshire", page_count=40, inspection_start=date(2016, 4, 4),
        inspection_end=date(2016, 4, 27), published=date(2016, 6, 27),
        inspectors=(Inspector("Alison Smale", "lead", "HMI"), Inspector("Jo Bloggs", position="team inspector")),
        judgements=(Judgement("overall-effectiveness", "Overall effectiveness", "requires improvement", 3,
                              _evidence(100, 1)),
                    Judgement("lscb", "The LSCB", "good", 2, _evidence(200, 1))),
        recommendations=(Recommendation(1, "Improve assessments.", _evidence(300)),
                         Recommendation(2, "Review plans.", _evidence(400), "within-six-months",
                                        "area-for-improvement")),
        findings=tuple(Finding(n, f"Finding {n}.", _evidence(1000 + 100 * n, 3, n), "help-and-protection")
                       for n in range(1, 4)),
        statistics=(Statistic("children-in-care", 281, _evidence(500), "count", date(2016, 3, 1)),
                    Statistic("children-in-care", 39.8, _evidence(500), "rate-per-10000")),
        previous_inspections=(PreviousInspection(_evidence(600), date(2012, 7, 1), "SLAC", "adequate", 3, "month", (
            AreaGrade("safeguarding-overall-effectiveness", "adequate", 3),
            AreaGrade("looked-after-overall-effectiveness", "good", 2))),),
        organisations=(OrganisationMention("Staffordshire Safeguarding Children Board", "lscb", _evidence(700),
                                           abbreviation="SSCB", members=(Member("E10000028", "member"),)),),
    )


def test_a_mapped_record_conforms() -> None:
    report = validate_graph(map_record(_record()).graph)
    assert report.conforms, report.violations


def test_a_mapped_record_with_a_grade_off_its_scale_is_rejected() -> None:
    record = _record()
    wrong = replace(record.judgements[0], grade="requires improvement to be good")  # the ILACS wording
    report = validate_graph(map_record(replace(record, judgements=(wrong,))).graph)
    assert {(r.source_shape, r.component) for r in report.results} == {
        (SHAPES + "Judgement-grade", "http://www.w3.org/ns/shacl#ClassConstraintComponent"),
        (SHAPES + "JudgementGradeOnFrameworkScale", "http://www.w3.org/ns/shacl#SPARQLConstraintComponent")}


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_reports_conform(prefix: str) -> None:
    """What the parsers extract from the seed reports passes the shapes (seeds no parser reads are
    skipped: their rejection is the parsers' business)."""
    from cskg.loaders import RejectedInput, load_record
    from tests.conftest import seed
    path = seed(prefix)
    try:
        record = load_record(path, path.name)
    except RejectedInput as exc:
        pytest.skip(f"{path.name} is not read: {exc.reason}")
    report = validate_graph(map_record(record).graph)
    assert report.conforms, report.violations[:10]
