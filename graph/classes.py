"""Every instance typed with its class and all the class's superclasses (ontology/cskg.ttl's
rdfs:subClassOf, followed transitively): the stores hold no inference, so `?r a cskg:Recommendation`
finds an area for improvement only when the graph says so, and VoID's class partitions count it."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from cskg.ontology import ONTOLOGY_DIR

Triple = tuple[URIRef, URIRef, URIRef]


@lru_cache(maxsize=1)
def _direct_superclasses() -> dict[URIRef, tuple[URIRef, ...]]:
    ontology = Graph().parse(ONTOLOGY_DIR / "cskg.ttl")
    found: dict[URIRef, list[URIRef]] = {}
    for cls, parent in ontology.subject_objects(RDFS.subClassOf):
        if isinstance(cls, URIRef) and isinstance(parent, URIRef):  # not the restrictions' blank nodes
            found.setdefault(cls, []).append(parent)
    return {cls: tuple(sorted(parents)) for cls, parents in found.items()}


@lru_cache(maxsize=256)
def classes_of(cls: URIRef) -> tuple[URIRef, ...]:
    """The class and its superclasses, nearest first, each once."""
    ordered = [cls]
    for current in ordered:  # grows while it is walked: breadth first
        ordered += [parent for parent in _direct_superclasses().get(current, ()) if parent not in ordered]
    return tuple(ordered)


def typed(node: URIRef, cls: URIRef) -> Iterator[Triple]:
    """The rdf:type triples of a node of class `cls`."""
    for each in classes_of(cls):
        yield node, RDF.type, each
