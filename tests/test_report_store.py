"""The lean store report graphs are built on: it must answer exactly as rdflib's Memory store does,
and its N-Triples must be rdflib's, line for line."""

from __future__ import annotations

import itertools

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from cskg.graph.mapping import map_record
from cskg.graph.namespaces import CSKG
from cskg.graph.fast_terms import Terms
from cskg.graph.report_store import ReportStore, ntriples, report_graph
from cskg.graph.validate import validate_graph
from cskg.loaders import load_record
from tests.conftest import seed

NAME = URIRef("https://example.org/graph/1")
A, B, C = URIRef("https://example.org/a"), URIRef("https://example.org/b"), URIRef("https://example.org/c")
NODE = BNode("n1")
TRIPLES = [
    (A, RDF.type, CSKG.Passage),
    (A, RDFS.label, Literal('a "quoted"\nline \\ with\r breaks')),
    (A, RDFS.label, Literal("Bath", lang="en")),
    (A, CSKG.page, Literal(3, datatype=XSD.integer)),
    (A, CSKG.page, Literal("3")),  # the same lexical form, another literal
    (B, RDF.type, CSKG.Passage),
    (B, RDFS.seeAlso, A),
    (NODE, RDFS.seeAlso, B),
    (C, RDFS.seeAlso, NODE),
    (C, CSKG.quote, Literal("café – ‘curly’")),
]


def _both() -> tuple[Graph, Graph]:
    lean, memory = report_graph(NAME), Graph(identifier=NAME)
    for triple in TRIPLES + TRIPLES[:3]:  # duplicates are held once
        lean.add(triple)
        memory.add(triple)
    return lean, memory


def test_every_lookup_answers_as_rdflib_memory() -> None:
    lean, memory = _both()
    assert len(lean) == len(memory) == len(TRIPLES)
    terms = [None, A, B, NODE, RDF.type, RDFS.seeAlso, CSKG.page, Literal("3"), CSKG.Passage, URIRef("urn:none")]
    for pattern in itertools.product(terms, repeat=3):
        assert set(lean.triples(pattern)) == set(memory.triples(pattern)), pattern
    for subject, predicate in itertools.product(terms, repeat=2):
        assert sorted(lean.objects(subject, predicate)) == sorted(memory.objects(subject, predicate))
        assert sorted(lean.objects(subject, predicate, unique=True)) == \
            sorted(memory.objects(subject, predicate, unique=True))


def test_remove_keeps_the_indexes_consistent() -> None:
    lean, memory = _both()
    for graph in (lean, memory):
        graph.remove((A, None, None))
        graph.remove((None, RDFS.seeAlso, NODE))
    assert set(lean) == set(memory)
    assert len(lean) == len(memory)
    assert set(lean.subjects()) == set(memory.subjects())
    assert (A, RDF.type, CSKG.Passage) not in lean
    assert set(lean.objects(B, None)) == set(memory.objects(B, None)) == {CSKG.Passage, A}
    assert set(lean.subjects(RDFS.seeAlso, None)) == set(memory.subjects(RDFS.seeAlso, None)) == {B, NODE}


def test_property_paths_take_rdflib_route() -> None:
    lean, memory = _both()
    path = RDFS.seeAlso * "+"
    assert set(lean.objects(C, path)) == set(memory.objects(C, path)) == {NODE, B, A}


def test_a_second_graph_object_on_the_store_sees_the_triples() -> None:
    lean, _ = _both()
    view = Graph(store=lean.store, identifier=NAME)
    assert set(view) == set(lean)
    assert len(Graph(store=lean.store, identifier=URIRef("urn:other"))) == 0


def test_the_store_refuses_another_graph() -> None:
    store = ReportStore(NAME)
    Graph(store=store, identifier=NAME).add((A, RDF.type, CSKG.Passage))
    with pytest.raises(ValueError, match="holds only the graph"):
        Graph(store=store, identifier=URIRef("urn:other")).add((A, RDF.type, CSKG.Passage))


def test_ntriples_are_rdflibs_line_for_line() -> None:
    lean, memory = _both()
    assert sorted(ntriples(lean).splitlines()) == sorted(memory.serialize(format="nt").splitlines())
    assert sorted(ntriples(memory).splitlines()) == sorted(memory.serialize(format="nt").splitlines())
    assert ntriples(lean).endswith(" .\n")


def test_a_mapped_report_serialises_and_validates_as_on_memory() -> None:
    mapped = map_record(load_record(seed("000")))
    copy = Graph(identifier=mapped.graph_uri)
    for triple in mapped.graph:
        copy.add(triple)
    assert isinstance(mapped.graph.store, ReportStore)
    assert sorted(ntriples(mapped.graph).splitlines()) == sorted(copy.serialize(format="nt").splitlines())
    assert validate_graph(mapped.graph) == validate_graph(copy)
    broken = [t for t in mapped.graph if t[1] != CSKG.quote]
    for graph in (report_graph(mapped.graph_uri), Graph()):
        for triple in broken:
            graph.add(triple)
        report = validate_graph(graph)
        assert not report.conforms and any("quote" in line for line in report.violations)
    assert len(mapped.graph) == len(copy)  # validation leaves the graph as it was


def test_terms_are_the_namespace_terms() -> None:
    terms = Terms(CSKG)
    assert terms.Passage == CSKG.Passage and isinstance(terms.Passage, URIRef)
    assert terms.Passage is terms.Passage
    assert terms["quote"] == CSKG.quote
