"""SPARQL 1.1 Service Description of the endpoint and VoID description of the dataset, as RDF."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from cskg import __version__
from cskg.graph.namespaces import BASE, CSKG, ID, ORG, PREFIXES, PROV, SKOS
from cskg.graph.stores.base import Store

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
_RDFLIB_FORMAT = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld",
                  "application/rdf+xml": "xml"}
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "JSON-LD", "RDF_XML")
# Classes whose instance counts the VoID description gives, as class partitions.
VOID_CLASSES = ("LocalAuthority", "Inspection", "InspectionReport", "Judgement", "Recommendation", "Finding",
                "Body", "Inspector", "Passage")


def _graph() -> Graph:
    g = Graph()
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, iri)
    g.bind("sd", SD)
    g.bind("void", VOID)
    return g


def _serialize(g: Graph, media_type: str) -> bytes:
    return g.serialize(format=_RDFLIB_FORMAT[media_type], encoding="utf-8")


def service_description(store: Store, endpoint: str, media_type: str) -> bytes:
    g = _graph()
    service = URIRef(endpoint + "#service")
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, URIRef(endpoint)))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    g.add((service, SD.defaultEntailmentRegime, URIRef("http://www.w3.org/ns/entailment/Simple")))
    for name in RESULT_FORMATS:
        g.add((service, SD.resultFormat, FORMATS[name]))
    dataset = BNode()
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, RDF.type, VOID.Dataset))
    default = BNode()
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    g.add((default, DCTERMS.description, Literal("The union of all named graphs.", lang="en")))
    for name in store.graphs():
        named = BNode()
        g.add((dataset, SD.namedGraph, named))
        g.add((named, RDF.type, SD.NamedGraph))
        g.add((named, SD.name, URIRef(name)))
    return _serialize(g, media_type)


def void_description(store: Store, base_url: str, media_type: str) -> bytes:
    g = _graph()
    dataset = URIRef(base_url + ".well-known/void#cskg")
    g.add((dataset, RDF.type, VOID.Dataset))
    g.add((dataset, DCTERMS.title, Literal("cskg: English children's services inspections", lang="en")))
    g.add((dataset, DCTERMS.description, Literal(
        "English local authority children's services and the judgements, findings and recommendations of "
        "their Ofsted inspections, one named graph per inspection report, with evidence passages.", lang="en")))
    g.add((dataset, DCTERMS.hasVersion, Literal(__version__)))
    g.add((dataset, VOID.sparqlEndpoint, URIRef(base_url + "sparql")))
    g.add((dataset, VOID.uriSpace, Literal(str(ID))))
    g.add((dataset, VOID.exampleResource, URIRef(ID["authority/E10000028"])))
    for vocabulary in (str(CSKG), str(SKOS), str(PROV), str(ORG), str(DCTERMS)):
        g.add((dataset, VOID.vocabulary, URIRef(vocabulary)))
    counts = store.select(
        "SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?g) AS ?graphs) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0]
    g.add((dataset, VOID.triples, Literal(int(counts[0] or 0), datatype=XSD.integer)))
    classes = " ".join(f"cskg:{c}" for c in VOID_CLASSES)
    rows = store.select(
        f"PREFIX cskg: <{CSKG}> SELECT ?class (COUNT(DISTINCT ?s) AS ?n) "
        f"WHERE {{ VALUES ?class {{ {classes} }} ?s a ?class }} GROUP BY ?class").rows
    for cls, count in sorted(rows):
        partition = URIRef(f"{dataset}-{str(cls).rsplit('#', 1)[-1]}")
        g.add((dataset, VOID.classPartition, partition))
        g.add((partition, VOID["class"], URIRef(cls)))
        g.add((partition, VOID.entities, Literal(int(count), datatype=XSD.integer)))
    reports = URIRef(f"{dataset}-reports")
    g.add((dataset, VOID.subset, reports))
    g.add((reports, RDF.type, VOID.Dataset))
    g.add((reports, DCTERMS.description, Literal("One named graph per inspection report, named "
                                                 f"{BASE}graph/report/{{GSS}}/{{framework}}/{{start}}.", lang="en")))
    return _serialize(g, media_type)
