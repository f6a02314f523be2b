"""SHACL validation of report graphs and of the reference graph against ontology/shapes.ttl.

A report graph only holds what one report says; the shapes also need a little from outside it:
the class hierarchy (an AreaForImprovement is a Recommendation), which concept is in which
scheme, each framework's grade scale and area scheme, and which councils exist. That context
is built once per process from the vocabulary and the reference data and mixed into a copy of
the report graph, instead of the whole vocabulary (comments, labels, alignments) that no shape
reads. Shapes of reference-data classes (councils, regions, neighbour links) are left out of
report validation, since the context types every council but carries none of its data.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.term import Node
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.namespace import RDF, RDFS, SH, SKOS

from cskg.graph.namespaces import CSKG, ID
from cskg.graph.reference import authorities_graph, vocabulary_graph
from cskg.ontology import SHAPES_TTL

@dataclass(frozen=True, slots=True)
class ValidationReport:
    conforms: bool
    violations: tuple[str, ...]  # one line each: focus node, path, message


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    return Graph().parse(SHAPES_TTL, format="turtle")


@lru_cache(maxsize=1)
def _reference_classes() -> frozenset[URIRef]:
    return frozenset(o for o in authorities_graph().objects(None, RDF.type) if isinstance(o, URIRef))


@lru_cache(maxsize=1)
def _report_shapes() -> tuple[str, ...]:
    """Shapes that apply to report graphs: all but those targeting only reference-data classes."""
    shapes = shapes_graph()
    reference = _reference_classes()
    targeted = {s for s in shapes.subjects(SH.targetClass, None) if isinstance(s, URIRef)}
    return tuple(sorted(str(shape) for shape in targeted
                        if not set(shapes.objects(shape, SH.targetClass)) <= reference))


@lru_cache(maxsize=1)
def _class_hierarchy() -> tuple[tuple[Node, Node, Node], ...]:
    """rdfs:subClassOf of the vocabulary, so that sh:class and sh:targetClass see subclasses."""
    return tuple(vocabulary_graph().triples((None, RDFS.subClassOf, None)))


@lru_cache(maxsize=1)
def _context_by_node() -> dict[Node, tuple[tuple[Node, Node, Node], ...]]:
    """For each concept, scheme and council a report may point at, the triples shapes read about
    it: its type, its scheme, a framework's grade scale and area scheme."""
    vocabulary = vocabulary_graph()
    id_base = str(ID)
    found: dict[Node, list[tuple[Node, Node, Node]]] = {}
    for predicate in (RDF.type, SKOS.inScheme, CSKG.gradeScale, CSKG.areaScheme):
        for s, p, o in vocabulary.triples((None, predicate, None)):
            if str(s).startswith(id_base):
                found.setdefault(s, []).append((s, p, o))
    for council in authorities_graph().subjects(RDF.type, CSKG.LocalAuthority):
        found.setdefault(council, []).append((council, RDF.type, CSKG.LocalAuthority))
    return {node: tuple(triples) for node, triples in found.items()}


def _report_context(data: Graph) -> list[tuple[Node, Node, Node]]:
    """The context triples about the nodes `data` points at, with the class hierarchy."""
    by_node = _context_by_node()
    triples = list(_class_hierarchy())
    for node in {o for o in data.objects() if isinstance(o, URIRef)}:
        triples.extend(by_node.get(node, ()))
    return [t for t in triples if t not in data]


class _PreparedQueryGraph(Graph):
    """A view of a graph's store whose SPARQL queries are parsed once per text: pySHACL sends a
    SPARQL constraint's text again for every focus node, and parsing it takes rdflib ~30 ms
    where evaluating it on a report takes well under 1 ms."""

    def query(self, query_object, *args, **kwargs):  # type: ignore[override]
        if isinstance(query_object, str):
            query_object = _prepared_query(query_object)
        return super().query(query_object, *args, **kwargs)


@lru_cache(maxsize=64)
def _prepared_query(text: str) -> Query:
    return prepareQuery(text)


def validate_graph(data: Graph) -> ValidationReport:
    """Validate one report graph. The context triples are added to `data` for the validation and
    taken out again afterwards, which is far cheaper than copying a report of thousands of
    triples; triples `data` already held are left in place."""
    view = _PreparedQueryGraph(store=data.store, identifier=data.identifier)
    added = _report_context(data)
    view.addN((s, p, o, view) for s, p, o in added)
    try:
        return _run(view, use_shapes=_report_shapes())
    finally:
        for triple in added:
            view.remove(triple)


def validate_reference(data: Graph) -> ValidationReport:
    """Validate the reference graph of councils (graph.reference.authorities_graph())."""
    return _run(data, use_shapes=None)


def _run(data: Graph, use_shapes: tuple[str, ...] | None) -> ValidationReport:
    conforms, results_graph, _ = validate(
        data, shacl_graph=shapes_graph(), inference="none", allow_warnings=True, inplace=True,
        use_shapes=list(use_shapes) if use_shapes else None,
    )
    return ValidationReport(bool(conforms), tuple(_violations(results_graph)) if not conforms else ())


def _violations(results: Graph) -> list[str]:
    rows = results.query("""
        PREFIX sh: <http://www.w3.org/ns/shacl#>
        SELECT ?focus ?path ?message ?severity WHERE {
          ?r a sh:ValidationResult ; sh:focusNode ?focus ; sh:resultSeverity ?severity .
          OPTIONAL { ?r sh:resultPath ?path } OPTIONAL { ?r sh:resultMessage ?message }
          FILTER (?severity = sh:Violation)
        } ORDER BY ?focus ?path""")
    return [f"{focus} {path or ''}: {message or 'violates a shape'}".strip() for focus, path, message, _ in rows]
