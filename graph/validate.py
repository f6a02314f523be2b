"""SHACL validation of report graphs and of the reference graph against ontology/shapes.ttl.

A report graph only holds what one report says; the shapes also read a little from outside it:
the class hierarchy (an AreaForImprovement is a Recommendation, a Body an org:Organization),
which concept is in which scheme, each framework's grade scale and area scheme, and which
councils exist. Rather than mixing the whole vocabulary into a copy of every report (copying a
report of thousands of triples costs more than validating it), validate_graph adds just the
context triples about the nodes the report points at, validates, and takes them out again.
Shapes of reference-data classes (councils, regions, neighbour links) are left out of report
validation: the context types the councils a report names but carries none of their data.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from pyshacl import Validator
from pyshacl.graph_abstraction import DataGraph
from pyshacl.monkey import apply_patches
from pyshacl.shapes_graph import ShapesGraph
from pyshacl.validator import assign_baked_in
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH, SKOS
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from cskg.graph.namespaces import CSKG, GRAPH, ID
from cskg.graph.reference import authorities_graph, vocabulary_graph
from cskg.graph.report_store import ReportGraph, ReportStore, report_graph
from cskg.graph.stores.base import Store
from cskg.ontology import SHAPES_TTL

Triple = tuple[Node, Node, Node]


@dataclass(frozen=True, slots=True)
class ShapeResult:
    """One SHACL validation result, for callers that need to know which shape failed and why."""

    focus: str
    path: str | None
    source_shape: str
    component: str  # e.g. http://www.w3.org/ns/shacl#MinCountConstraintComponent
    message: str
    value: str | None = None


@dataclass(frozen=True, slots=True)
class ValidationReport:
    conforms: bool
    violations: tuple[str, ...]  # one line each: focus node, path, message
    results: tuple[ShapeResult, ...] = ()  # the same violations, structured


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    # On a ReportStore: pySHACL looks up each shape's parameters for every report it validates.
    return report_graph(GRAPH["shapes"]).parse(SHAPES_TTL, format="turtle")


@lru_cache(maxsize=1)
def _reference_data() -> tuple[frozenset[URIRef], frozenset[URIRef]]:
    """(the classes of the reference data, the councils), read once per process."""
    reference = authorities_graph()
    classes = frozenset(o for o in reference.objects(None, RDF.type) if isinstance(o, URIRef))
    councils = frozenset(s for s in reference.subjects(RDF.type, CSKG.LocalAuthority) if isinstance(s, URIRef))
    return classes, councils


@lru_cache(maxsize=1)
def report_shapes() -> tuple[str, ...]:
    """Shapes that apply to report graphs: every named shape but those targeting only
    reference-data classes. Untargeted shapes stay in, since pySHACL treats a shape left out
    of the list as absent when another shape refers to it (sh:node)."""
    shapes = shapes_graph()
    reference, _ = _reference_data()
    named = {s for kind in (SH.NodeShape, SH.PropertyShape) for s in shapes.subjects(RDF.type, kind)
             if isinstance(s, URIRef)}
    return tuple(sorted(str(shape) for shape in named
                        if not set(shapes.objects(shape, SH.targetClass)) <= reference
                        or (shape, SH.targetClass, None) not in shapes))


@lru_cache(maxsize=1)
def _class_hierarchy() -> tuple[Triple, ...]:
    return tuple(vocabulary_graph().triples((None, RDFS.subClassOf, None)))


@lru_cache(maxsize=1)
def _context_by_node() -> dict[Node, tuple[Triple, ...]]:
    """For each concept, scheme and council a report may point at, the triples shapes read about
    it: its type, its scheme, a framework's grade scale and area scheme."""
    vocabulary = vocabulary_graph()
    id_base = str(ID)
    found: dict[Node, list[Triple]] = {}
    for predicate in (RDF.type, SKOS.inScheme, CSKG.gradeScale, CSKG.areaScheme):
        for s, p, o in vocabulary.triples((None, predicate, None)):
            if str(s).startswith(id_base):
                found.setdefault(s, []).append((s, p, o))
    for council in _reference_data()[1]:
        found.setdefault(council, []).append((council, RDF.type, CSKG.LocalAuthority))
    return {node: tuple(triples) for node, triples in found.items()}


def report_context(data: Graph) -> list[Triple]:
    """The context triples about the IRIs `data` points at, and the class hierarchy, that `data`
    does not hold already."""
    by_node = _context_by_node()
    triples = list(_class_hierarchy())
    # a ReportStore's object index holds each object once: no pass over every triple
    objects = data.store.osp if isinstance(data.store, ReportStore) else {o for o in data.objects()}
    for node in objects:
        if isinstance(node, URIRef):
            triples.extend(by_node.get(node, ()))
    return [t for t in triples if t not in data]


class _PreparedQueryGraph(ReportGraph):
    """A view of a graph's store whose SPARQL queries are parsed once per text: pySHACL sends a
    SPARQL constraint's text again for every focus node, and rdflib takes ~30 ms to parse it
    where evaluating it on a report takes well under 1 ms."""

    def query(self, query_object, *args, **kwargs):  # type: ignore[no-untyped-def,override]
        if isinstance(query_object, str):
            query_object = _prepared_query(query_object)
        return super().query(query_object, *args, **kwargs)


@lru_cache(maxsize=64)
def _prepared_query(text: str) -> Query:
    return prepareQuery(text)


def warm_up() -> None:
    """Build this module's per-process caches now: a process pool forked afterwards inherits
    them, instead of every worker building them on its first report."""
    _shapes(report_shapes())
    _context_by_node()
    _class_hierarchy()


def validate_graph(data: Graph) -> ValidationReport:
    """Validate one report graph. The context triples are added to `data`'s store for the
    validation and removed afterwards, so `data` ends as it was (not safe to share `data` with
    another thread meanwhile)."""
    view = _PreparedQueryGraph(store=data.store, identifier=data.identifier)
    added = report_context(data)
    view.addN((s, p, o, view) for s, p, o in added)
    try:
        return _run(view, report_shapes())
    finally:
        for triple in added:
            view.remove(triple)


def validate_reference(data: Graph) -> ValidationReport:
    """Validate the reference graph of councils (graph.reference.authorities_graph()) against
    every shape."""
    return _run(_PreparedQueryGraph(store=data.store, identifier=data.identifier), None)


@lru_cache(maxsize=2)
def _shapes(use_shapes: tuple[str, ...] | None) -> ShapesGraph:
    """pySHACL's view of the shapes, built once per process and shape selection: its shapes are
    read from the shapes graph on first use and cached inside it, where pyshacl.validate would
    read them again for every report. Shared by every validation of the process, so
    validations must not run in parallel threads (ingest runs them in worker processes)."""
    apply_patches()  # what pyshacl.validate sets up before every run; idempotent
    assign_baked_in()
    shapes = ShapesGraph(shapes_graph(), False, _LOG)
    if use_shapes:
        shapes.shapes_from_uris([URIRef(s) for s in use_shapes])
    else:
        _ = shapes.shapes
    return shapes


_LOG = logging.getLogger("pyshacl-validate")


def _run(data: Graph, use_shapes: tuple[str, ...] | None) -> ValidationReport:
    """pyshacl.validate(data, shacl_graph=shapes_graph(), inference="none", allow_warnings=True,
    inplace=True, use_shapes=use_shapes), with the shapes graph reused across calls."""
    options = {"debug": False, "inference": "none", "inplace": True, "abort_on_first": False,
               "allow_infos": False, "allow_warnings": True, "advanced": False, "iterate_rules": False,
               "use_js": None, "sparql_mode": False, "logger": _LOG, "focus_nodes": None,
               "use_shapes": list(use_shapes) if use_shapes else None}
    shapes = _shapes(use_shapes)
    validator = Validator(DataGraph.from_rdflib(data), shacl_graph=shapes.graph, options=options)
    validator.shacl_graph = shapes
    conforms, results_graph, _ = validator.run()
    if conforms:
        return ValidationReport(True, ())
    results = _results(results_graph)
    lines = tuple(f"{r.focus} {r.path or ''}: {r.message}".replace("  ", " ") for r in results)
    return ValidationReport(False, lines, results)


def _results(report: Graph) -> tuple[ShapeResult, ...]:
    found = []
    # Only the report's own results: pySHACL also types the nested results of a failed sh:node
    # (linked by sh:detail) as sh:ValidationResult.
    for node in report.objects(None, SH.result):
        if report.value(node, SH.resultSeverity) != SH.Violation:
            continue
        path, value = report.value(node, SH.resultPath), report.value(node, SH.value)
        found.append(ShapeResult(
            focus=str(report.value(node, SH.focusNode)),
            path=str(path) if isinstance(path, URIRef) else None,
            source_shape=str(report.value(node, SH.sourceShape)),
            component=str(report.value(node, SH.sourceConstraintComponent)),
            message=str(report.value(node, SH.resultMessage) or "violates a shape"),
            value=None if value is None else str(value),
        ))
    return tuple(sorted(found, key=lambda r: (r.focus, r.path or "", r.source_shape, r.message)))


def validate_stored_reports(store: Store) -> Iterator[tuple[str, ValidationReport]]:
    """Every report graph the store holds, read back and validated as ingest validated it."""
    prefix = str(GRAPH["report/"])
    for graph in store.graphs():
        if not graph.startswith(prefix):
            continue
        data = store.query_serialized(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}",
                                      "application/n-triples")
        yield graph, validate_graph(Graph().parse(data=data, format="nt"))
