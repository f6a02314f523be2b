"""The ontology and its SKOS vocabularies: declared terms, domains and ranges, the concepts the
mapping points at, OWL RL consistency and the pyLODE documentation."""

from __future__ import annotations

import importlib.util
import typing
from datetime import date
from html import escape
from functools import lru_cache
from pathlib import Path

import owlrl
import pytest
from owlrl.Namespaces import ERRNS
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from cskg.graph.mapping import map_record
from cskg.graph.namespaces import (
    CSKG, ID, area_uri, authority_uri, concept_uri, framework_uri, grade_uri, scale_family,
)
from cskg.graph.reference import authorities_graph, vocabulary_graph
from cskg.loaders.frameworks import FRAMEWORKS as DECLARED
from cskg.loaders.frameworks import GRADE_RANKS
from cskg.loaders.frameworks.jar import JAR_PRINTED
from cskg.loaders.records import (
    AreaGrade, Evidence, Finding, Inspector, Judgement, Member, OrganisationMention, PreviousInspection,
    Recommendation, ReportRecord, Statistic, Timescale,
)
from cskg.ontology import ONTOLOGY_DIR, SHAPES_TTL, vocabulary_files

ONTOLOGY_IRI = URIRef("https://w3id.org/cskg/ontology")
# rdflib's closed XSD namespace warns when pytest inspects the module; an open one does not.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
FRAMEWORKS = ("JAR", "SLAC", "LAC", "SIF", "LSCB-review", "ILACS-standard", "ILACS-short",
              "focused-visit", "monitoring-visit", "JTAI")
UNGRADED = {"focused-visit", "monitoring-visit", "JTAI"}
AREAS = {
    "ILACS": {"overall-effectiveness", "impact-of-leaders", "help-and-protection", "children-in-care",
              "care-leavers", "children-in-care-and-care-leavers"},
    "SIF": {"overall-effectiveness", "help-and-protection", "children-looked-after", "adoption-performance",
            "care-leavers", "leadership-management-governance", "lscb"},
}


def _evidence(start: int, page: int | None = 2, paragraph: int | None = None, section: str | None = "Findings") -> Evidence:
    return Evidence(quote=f"Quoted sentence {start}.", start=start, end=start + 40, page=page,
                    paragraph=paragraph, section=section)


def full_record() -> ReportRecord:
    """A record that sets every field mapping.py maps, so its graph uses every term it can emit."""
    return ReportRecord(
        source="staffordshire/2024-03-01.pdf", sha256="cd" * 32, media_type="application/pdf",
        framework="ILACS-standard", authority_code="E10000028", authority_name="Staffordshire",
        title="Staffordshire: inspection of children's social care services", page_count=22,
        inspection_start=date(2024, 1, 8), inspection_end=date(2024, 1, 19), published=date(2024, 3, 1),
        inspectors=(Inspector("Alison Smale", "lead", "HMI"),
                    Inspector("Jo Bloggs", "team", "Social Care Inspector", position="deputy lead inspector")),
        judgements=(
            Judgement("overall-effectiveness", "Overall effectiveness", "requires improvement to be good", 3,
                      _evidence(100, 1)),
            Judgement("care-leavers", "The experiences and progress of care leavers", "good", 2,
                      _evidence(160, 1), printed_grade="Good")),
        recommendations=(
            Recommendation(1, "The timeliness of assessments.", _evidence(200)),
            Recommendation(2, "Management oversight of contacts and referrals.", _evidence(260, paragraph=4),
                           "within-three-months", "area-for-improvement")),
        findings=(
            Finding(1, "Early help assessments start at the right time.", _evidence(300, 3, 1),
                    "help-and-protection"),
            Finding(2, "Social workers visit children regularly.", _evidence(400, None, 2, None))),
        statistics=(Statistic("children-in-care", 700, _evidence(500), "count", date(2023, 3, 31)),
                    Statistic("child-protection-plans", 45.5, _evidence(560), "rate-per-10000")),
        previous_inspections=(PreviousInspection(_evidence(600), date(2019, 5, 1), "SIF", "requires improvement", 3),
                              PreviousInspection(_evidence(650), date(2011, 8, 1), "SLAC", "adequate", 3, "month", (
                                  AreaGrade("safeguarding-overall-effectiveness", "adequate", 3),
                                  AreaGrade("looked-after-overall-effectiveness", "good", 2)))),
        organisations=(
            OrganisationMention("Staffordshire Safeguarding Children Board", "lscb", _evidence(700),
                                abbreviation="SSCB", labels=("Safeguarding Board",),
                                members=(Member("E10000028", "member"),)),
            OrganisationMention("Midlands Partnership NHS Foundation Trust", "nhs-trust", _evidence(760),
                                members=(Member("E10000028", "partner"), Member("E06000021", "partner")))),
    )


@lru_cache(maxsize=1)
def instance_graph() -> Graph:
    """The mapped record and the authorities' reference data: what cskg writes besides the vocabulary."""
    graph = Graph()
    graph += map_record(full_record()).graph
    graph += authorities_graph()
    return graph


@lru_cache(maxsize=1)
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "cskg.ttl", format="turtle")


def _is_cskg(term: object) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(str(CSKG))


def _used_terms(graph: Graph) -> tuple[set[URIRef], set[URIRef]]:
    """(classes, properties) of the cskg namespace the graph uses."""
    classes = {o for o in graph.objects(None, RDF.type) if _is_cskg(o)}
    properties = {p for p in graph.predicates() if _is_cskg(p)}
    return classes, properties


def _union_members(graph: Graph, node) -> set:
    """The classes a domain or range names: the class itself, or the members of an owl:unionOf."""
    union = graph.value(node, OWL.unionOf)
    return set(Collection(graph, union)) if union is not None else {node}


def _superclasses(graph: Graph, cls) -> set:
    return {cls, *graph.transitive_objects(cls, RDFS.subClassOf)}


def test_every_file_parses_and_the_shapes_are_kept_apart() -> None:
    files = sorted(ONTOLOGY_DIR.glob("*.ttl"))
    for path in files:
        assert len(Graph().parse(path, format="turtle")) > 0, path
    assert SHAPES_TTL in files and SHAPES_TTL not in vocabulary_files()
    assert {"cskg.ttl", "vocabularies.ttl"} <= {p.name for p in vocabulary_files()}


def test_ontology_header() -> None:
    g = ontology()
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in g
    assert g.value(ONTOLOGY_IRI, DCTERMS.creator) == Literal("cskg")
    assert g.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert str(g.value(ONTOLOGY_IRI, DCTERMS.title)).startswith("cskg")
    assert len(str(g.value(ONTOLOGY_IRI, DCTERMS.description))) > 100


def test_every_term_the_mapping_and_reference_data_use_is_declared() -> None:
    g = ontology()
    classes, properties = _used_terms(instance_graph())
    # The record reaches every branch of the mapping: these are among the terms it must produce.
    assert {CSKG.AreaForImprovement, CSKG.Passage, CSKG.StatisticalNeighbourLink, CSKG.Body, CSKG.TeamPlace,
            CSKG.StatedAreaGrade} <= classes
    assert {CSKG.teamMember, CSKG.position, CSKG.timescale, CSKG.asOf, CSKG.statedFramework, CSKG.section, CSKG.title,
            CSKG.successor, CSKG.neighbourRank} <= properties
    instances = instance_graph()
    for cls in classes:
        assert (cls, RDF.type, OWL.Class) in g, f"{cls} is not declared as an owl:Class"
    for prop in properties:
        literal_objects = {isinstance(o, Literal) for o in instances.objects(None, prop)}
        kind = OWL.DatatypeProperty if literal_objects == {True} else OWL.ObjectProperty
        assert literal_objects != {True, False}, f"{prop} has both literal and IRI values"
        assert (prop, RDF.type, kind) in g, f"{prop} is not declared as an {kind}"
    for term in classes | properties:
        assert g.value(term, RDFS.label) is not None, f"{term} has no rdfs:label"
        assert len(str(g.value(term, RDFS.comment) or "")) > 20, f"{term} has no useful rdfs:comment"


def test_every_cskg_term_of_the_vocabulary_files_and_shapes_is_declared() -> None:
    g = ontology()
    declared = {s for s in g.subjects(RDF.type, None) if _is_cskg(s)}
    used = set()
    for path in [*vocabulary_files(), SHAPES_TTL]:
        used |= {t for triple in Graph().parse(path, format="turtle") for t in triple if _is_cskg(t)}
    assert used - declared == set()


def test_every_declared_term_is_labelled_and_explained() -> None:
    g = ontology()
    for term in {s for s in g.subjects(RDF.type, None) if _is_cskg(s)}:
        assert g.value(term, RDFS.label) is not None and g.value(term, RDFS.comment) is not None, term


def test_instance_data_respects_domains_and_ranges() -> None:
    """Every cskg-property triple of the mapped record and the reference data has a subject of the
    property's domain, and an object of its range whenever the object's type is known."""
    onto, instances = ontology(), instance_graph()
    known = Graph()
    known += instances
    known += vocabulary_graph()
    checked = 0
    for s, p, o in instances:
        if not _is_cskg(p):
            continue
        domain, rng = onto.value(p, RDFS.domain), onto.value(p, RDFS.range)
        if domain is not None:
            types = set().union(*(_superclasses(onto, t) for t in known.objects(s, RDF.type)))
            assert types & _union_members(onto, domain), f"{s} {p}: subject is not in the domain"
        if rng is None:
            continue
        if isinstance(o, Literal):
            assert (o.datatype or XSD.string) == rng, f"{s} {p} {o!r}: literal is not a {rng}"
        else:
            # Objects typed nowhere (concepts of vocabularies not loaded) are not judged.
            types = set().union(*(_superclasses(onto, t) for t in known.objects(o, RDF.type)))
            assert not types or rng in types, f"{s} {p} {o}: object is not a {rng}"
        checked += 1
    assert checked > 1000


def _closure_errors(extra: Graph | None = None) -> list[str]:
    """OWL RL closure of the ontology, the vocabularies and a sample of instance data (the mapped
    record, and the reference data of the councils it names plus an abolished and a merged one)."""
    graph = Graph()
    graph += vocabulary_graph()
    graph += map_record(full_record()).graph
    reference = authorities_graph()
    councils = {authority_uri(c) for c in ("E10000028", "E06000021", "E06000028", "E06000058")}
    for s, p, o in reference:
        if any(str(s).startswith(str(c)) for c in councils) or s in councils or (
                p == SKOS.inScheme and o == ID["scheme/regions"]):
            graph.add((s, p, o))
    for node in councils:
        for region in reference.objects(node, CSKG.region):
            graph += reference.triples((region, None, None))
    if extra is not None:
        graph += extra
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return [str(m) for e in graph.subjects(RDF.type, ERRNS.ErrorMessage) for m in graph.objects(e, ERRNS.error)]


def test_owl_rl_closure_is_consistent() -> None:
    assert _closure_errors() == []


def test_owl_rl_closure_would_report_an_inconsistency() -> None:
    """The check above can fail: an individual of owl:Nothing is reported."""
    wrong = Graph()
    wrong.add((ID["inspection/bad"], RDF.type, OWL.Nothing))
    assert _closure_errors(wrong) != []


def _concept(uri: URIRef) -> dict:
    g = vocabulary_graph()
    return {
        "types": set(g.objects(uri, RDF.type)),
        "schemes": set(g.objects(uri, SKOS.inScheme)),
        "labels": [l for l in g.objects(uri, SKOS.prefLabel) if l.language == "en"],
        "notation": g.value(uri, SKOS.notation),
    }


def test_frameworks_scheme() -> None:
    g = vocabulary_graph()
    scheme = ID["scheme/frameworks"]
    members = set(g.subjects(SKOS.inScheme, scheme))
    assert members == {framework_uri(n) for n in FRAMEWORKS}
    for notation in FRAMEWORKS:
        uri = framework_uri(notation)
        concept = _concept(uri)
        assert CSKG.InspectionFramework in concept["types"]
        assert concept["notation"] == Literal(notation) and len(concept["labels"]) == 1
        assert g.value(uri, SKOS.definition) is not None
        start, end = g.value(uri, CSKG.inUseFrom), g.value(uri, CSKG.inUseUntil)
        assert start.datatype == XSD.gYear and (end is None or int(str(end)) >= int(str(start)))
        scale, areas = g.value(uri, CSKG.gradeScale), g.value(uri, CSKG.areaScheme)
        if notation in UNGRADED:
            assert scale is None and areas is None
        else:
            family = "SIF" if notation == "LSCB-review" else scale_family(notation)
            assert scale == ID[f"scheme/grades/{family}"] and (scale, RDF.type, CSKG.GradeScale) in g
            assert areas == ID[f"scheme/areas/{family}"] and (areas, RDF.type, SKOS.ConceptScheme) in g


@pytest.mark.parametrize("family", sorted(GRADE_RANKS))
def test_grade_scale_matches_the_parsers(family: str) -> None:
    g = vocabulary_graph()
    scheme = ID[f"scheme/grades/{family}"]
    assert set(g.subjects(SKOS.inScheme, scheme)) == {grade_uri(family, label) for label in GRADE_RANKS[family]}
    printed = {label: number for number, label in JAR_PRINTED.items()}
    for label, rank in GRADE_RANKS[family].items():
        uri = grade_uri(family, label)
        concept = _concept(uri)
        assert CSKG.Grade in concept["types"] and concept["labels"] == [Literal(label, lang="en")]
        assert g.value(uri, CSKG.rank) == Literal(rank, datatype=XSD.integer)
        expected = printed[label] if family == "JAR" else label
        assert str(concept["notation"]).lower() == expected


def test_grade_scales_of_both_ilacs_kinds_are_one() -> None:
    assert grade_uri("ILACS-short", "good") == grade_uri("ILACS-standard", "good") == ID["grade/ILACS/good"]


def test_equal_ranks_are_close_matches_across_scales() -> None:
    g = vocabulary_graph()
    grades = [(grade_uri(f, label), f, rank) for f, scale in GRADE_RANKS.items() for label, rank in scale.items()]
    for a, family_a, rank_a in grades:
        matches = set(g.objects(a, SKOS.closeMatch))
        assert matches == {b for b, family_b, rank_b in grades if rank_b == rank_a and family_b != family_a}


@pytest.mark.parametrize("framework", ["ILACS-standard", "SIF"])
def test_judgement_areas(framework: str) -> None:
    family = scale_family(framework)
    g = vocabulary_graph()
    scheme = ID[f"scheme/areas/{family}"]
    assert set(g.subjects(SKOS.inScheme, scheme)) == {area_uri(framework, a) for a in AREAS[family]}
    for notation in AREAS[family]:
        concept = _concept(area_uri(framework, notation))
        assert CSKG.JudgementArea in concept["types"] and concept["notation"] == Literal(notation)
        assert len(concept["labels"]) == 1


def test_judgement_areas_are_aligned_across_frameworks() -> None:
    g = vocabulary_graph()
    ilacs, sif = (lambda a: area_uri("ILACS-standard", a)), (lambda a: area_uri("SIF", a))
    assert (sif("children-looked-after"), SKOS.closeMatch, ilacs("children-in-care")) in g
    assert (ilacs("overall-effectiveness"), SKOS.exactMatch, sif("overall-effectiveness")) in g
    combined = ilacs("children-in-care-and-care-leavers")
    # The 2018-2023 combined area is broader than the areas it was later split into.
    assert {ilacs("children-in-care"), ilacs("care-leavers")} <= set(g.objects(combined, SKOS.narrowMatch))
    assert (ilacs("children-in-care"), SKOS.broadMatch, combined) in g


def test_mapping_relations_are_stated_both_ways() -> None:
    g = vocabulary_graph()
    inverse = {SKOS.closeMatch: SKOS.closeMatch, SKOS.exactMatch: SKOS.exactMatch,
               SKOS.broadMatch: SKOS.narrowMatch, SKOS.narrowMatch: SKOS.broadMatch,
               SKOS.broader: SKOS.narrower, SKOS.narrower: SKOS.broader}
    mine = Graph().parse(ONTOLOGY_DIR / "vocabularies.ttl", format="turtle")
    for prop, back in inverse.items():
        for a, b in mine.subject_objects(prop):
            assert (b, back, a) in g, f"{a} {prop} {b} is not stated back"


def test_timescales_are_those_of_the_records() -> None:
    g = vocabulary_graph()
    scheme = ID["scheme/timescales"]
    assert set(g.subjects(SKOS.inScheme, scheme)) == {concept_uri("timescale", t) for t in typing.get_args(Timescale)}


def test_measures_cover_the_local_context_figures() -> None:
    g = vocabulary_graph()
    members = set(g.subjects(SKOS.inScheme, ID["scheme/measures"]))
    required = {"children-in-care", "child-protection-plans", "children-in-need", "population-0-17",
                "population-0-25", "care-leavers", "referrals"}
    assert {concept_uri("measure", m) for m in required} <= members
    for uri in members:
        assert _concept(uri)["notation"] == Literal(str(uri).rsplit("/", 1)[1])


def test_regions_scheme_holds_the_reference_regions() -> None:
    g = vocabulary_graph()
    scheme = ID["scheme/regions"]
    assert (scheme, RDF.type, SKOS.ConceptScheme) in g
    regions = set(authorities_graph().subjects(SKOS.inScheme, scheme))
    assert len(regions) == 9


def test_concepts_have_one_english_label_and_a_scheme() -> None:
    """SKOS integrity over the whole vocabulary graph: at most one prefLabel per language."""
    g = vocabulary_graph()
    concept_classes = {SKOS.Concept, CSKG.Grade, CSKG.JudgementArea, CSKG.InspectionFramework}
    concepts = {s for c in concept_classes for s in g.subjects(RDF.type, c)}
    assert len(concepts) > 100
    for concept in concepts:
        details = _concept(concept)
        assert len(details["labels"]) == 1, f"{concept} has {len(details['labels'])} English prefLabels"
        assert details["schemes"], f"{concept} is in no scheme"


def test_grades_and_areas_the_mapping_emits_exist() -> None:
    g = vocabulary_graph()
    mapped = map_record(full_record()).graph
    for prop, cls in ((CSKG.grade, CSKG.Grade), (CSKG.judgementArea, CSKG.JudgementArea),
                      (CSKG.framework, CSKG.InspectionFramework), (CSKG.statedFramework, CSKG.InspectionFramework)):
        values = set(mapped.objects(None, prop))
        assert values and all((v, RDF.type, cls) in g for v in values), prop
    for prop, scheme in ((CSKG.timescale, "timescales"), (CSKG.measure, "measures")):
        values = set(mapped.objects(None, prop))
        assert values and all((v, SKOS.inScheme, ID[f"scheme/{scheme}"]) in g for v in values), prop


def _docs_module():
    path = Path(__file__).resolve().parent.parent / "scripts" / "ontology_docs.py"
    spec = importlib.util.spec_from_file_location("ontology_docs", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def docs_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    """docs/ontology.html as scripts/ontology_docs.py writes it."""
    if importlib.util.find_spec("pylode") is None:
        pytest.skip("pyLODE is not installed (pip install -e '.[docs]')")
    out = tmp_path_factory.mktemp("docs") / "ontology.html"
    assert _docs_module().main(["-o", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def test_pylode_renders_the_ontology(docs_html: str) -> None:
    html = docs_html
    assert "cskg: children&#39;s services inspection ontology" in html or "cskg: children's services" in html
    classes, _ = _used_terms(instance_graph())
    for cls in classes:
        assert str(ontology().value(cls, RDFS.label)) in html


def test_the_ontology_docs_list_every_skos_concept_with_its_iri_and_notation(docs_html: str) -> None:
    docs = _docs_module()
    html = docs_html
    ontology_dir = Path(__file__).resolve().parent.parent / "ontology"
    files = [ontology_dir / "vocabularies.ttl", ontology_dir / "organisations.ttl", *sorted(ontology_dir.glob("areas-*.ttl"))]
    concepts = Graph()
    for path in files:
        concepts.parse(path, format="turtle")
    listed = {c for c in concepts.subjects(SKOS.inScheme, None)}
    assert len(listed) > 150  # frameworks, areas, grades, kinds, service types, roles, timescales, measures (187)
    section = html[html.index('id="vocabularies"'):html.index('<div id="namespaces">')]
    for concept in listed:
        row = section[section.index(f'<a href="{concept}">') - 400:section.index(f'<a href="{concept}">')]
        notation = concepts.value(concept, SKOS.notation)
        assert f"<td><code>{escape(str(notation))}</code></td>" in row.rsplit("<tr", 1)[1], concept
    for kind in ("frameworks", "areas/ILACS", "grades/ILACS", "organisation-kinds", "service-types", "organisation-roles"):
        assert f'<a href="#concept-scheme-{kind.replace("/", "-")}">' in html  # in the table of contents
    # A stable order: the same page each time; schemes as listed, grades best first.
    assert docs.vocabulary_section(docs.vocabulary_graph()) == docs.vocabulary_section(docs.vocabulary_graph())
    ilacs = section[section.index('id="concept-scheme-grades-ILACS"'):]
    positions = [ilacs.index(f"<td><code>{n}</code></td>") for n in
                 ("Outstanding", "Good", "Requires improvement to be good", "Inadequate")]
    assert positions == sorted(positions)
    assert section.index("concept-scheme-frameworks") < section.index("concept-scheme-areas-ILACS") < section.index(
        "concept-scheme-grades-ILACS") < section.index("concept-scheme-organisation-kinds") < section.index(
        "concept-scheme-organisation-roles")


@pytest.mark.parametrize("framework", DECLARED, ids=lambda f: f.notations[0])
def test_each_declared_framework_has_its_ontology_terms(framework) -> None:
    """Adding a framework is its module's declaration and its ontology terms: the two must agree."""
    g = vocabulary_graph()
    for notation in framework.notations:
        assert (framework_uri(notation), RDF.type, CSKG.InspectionFramework) in g, notation
        assert scale_family(notation) == framework.family
        assert g.value(framework_uri(notation), CSKG.gradeScale) == ID[f"scheme/grades/{framework.family}"]
    in_scheme = set(g.subjects(SKOS.inScheme, ID[f"scheme/areas/{framework.family}"]))
    declared = {area_uri(framework.notations[0], area) for area in framework.areas}
    # a review of one area of its family's scheme declares that area; SLAC declares every service's areas
    assert declared <= in_scheme or in_scheme <= declared, sorted(declared ^ in_scheme)
    assert set(framework.expected.overall_areas) <= set(framework.areas)
