"""Namespaces and deterministic URI builders shared by mapping, stores and queries."""

from __future__ import annotations

from datetime import date

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from cskg.loaders.parsing import slug  # the loaders make keys with it; URIs must agree
from cskg.loaders.frameworks import family_of

BASE = "https://w3id.org/cskg/"
CSKG = Namespace(BASE + "ontology#")
ID = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")

# Graphs that are not reports: the ontology with its SKOS vocabularies, and the authorities.
VOCABULARY_GRAPH = GRAPH["vocabulary"]
REFERENCE_GRAPH = GRAPH["reference"]
BODIES_GRAPH = GRAPH["reference/bodies"]  # the reference list of multi-council bodies (ontology/gazetteer.json)

PREFIXES: dict[str, str] = {
    "cskg": str(CSKG),
    "id": str(ID),
    "org": str(ORG),
    "prov": str(PROV),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "rdfs": str(RDFS),
    "rdf": str(RDF),
    "owl": str(OWL),
    "xsd": str(XSD),
    "schema": str(SCHEMA),
    "foaf": str(FOAF),
}
# The prefixes whose terms are plain local names (no '/'): serialisers that escape what a local name cannot
# hold (Oxigraph's) get these, so instance IRIs under id/ are written in full instead of as `id:a\/b`.
FLAT_PREFIXES: dict[str, str] = {prefix: iri for prefix, iri in PREFIXES.items() if prefix != "id"}

__all__ = [
    "BASE", "CSKG", "ID", "GRAPH", "ORG", "SCHEMA", "FOAF", "PROV", "SKOS", "DCTERMS", "RDF", "RDFS",
    "OWL", "XSD", "VOCABULARY_GRAPH", "REFERENCE_GRAPH", "BODIES_GRAPH", "PREFIXES", "FLAT_PREFIXES", "slug", "authority_uri",
    "framework_uri", "area_uri", "grade_uri", "report_key", "report_uri", "inspection_uri",
    "report_graph_uri", "region_uri", "concept_uri", "scale_family", "body_uri", "person_uri",
]


def authority_uri(gss_code: str) -> URIRef:
    return ID[f"authority/{gss_code}"]


def region_uri(region_code: str) -> URIRef:
    return ID[f"region/{region_code}"]


def framework_uri(notation: str) -> URIRef:
    return ID[f"framework/{notation}"]


def scale_family(framework: str) -> str:
    """Frameworks that share one grade scale and one set of judgement areas (the standard and short
    ILACS inspections; a stand-alone LSCB review grades on the SIF scale it belongs to), as each
    framework's declaration says (loaders/frameworks); every other framework has its own."""
    return family_of(framework)


def area_uri(framework: str, area: str) -> URIRef:
    return ID[f"area/{scale_family(framework)}/{area}"]


def grade_uri(framework: str, grade_label: str) -> URIRef:
    return ID[f"grade/{scale_family(framework)}/{slug(grade_label)}"]


def concept_uri(scheme: str, notation: str) -> URIRef:
    """Concept of a small SKOS scheme: kind (organisation kinds and service types), role,
    timescale, measure."""
    return ID[f"{scheme}/{notation}"]


def person_uri(name: str) -> URIRef:
    return ID[f"person/{slug(name)}"]


def body_uri(key: str) -> URIRef:
    """A board, partnership, partner organisation or service, keyed by its resolved identity."""
    return ID[f"body/{key}"]


def report_key(authority_code: str, framework: str, start: date | None, published: date | None,
               sha256: str) -> str:
    """One inspection of one council under one framework: re-ingesting it replaces its graph."""
    when = start or published
    if when is None:
        return f"{authority_code}/{framework}/sha-{sha256[:16]}"
    return f"{authority_code}/{framework}/{when.isoformat()}"


def report_uri(key: str) -> URIRef:
    return ID[f"report/{key}"]


def inspection_uri(key: str) -> URIRef:
    return ID[f"inspection/{key}"]


def report_graph_uri(key: str) -> URIRef:
    return GRAPH[f"report/{key}"]
