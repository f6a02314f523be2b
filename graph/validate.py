"""SHACL validation of one report graph against ontology/shapes.ttl."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pyshacl import validate
from rdflib import Graph

from cskg.graph.reference import vocabulary_graph
from cskg.ontology import SHAPES_TTL


@dataclass(frozen=True, slots=True)
class ValidationReport:
    conforms: bool
    violations: tuple[str, ...]  # one line each: focus node, path, message


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    return Graph().parse(SHAPES_TTL, format="turtle")


def validate_graph(data: Graph) -> ValidationReport:
    """Validate a report graph; the vocabulary is mixed in so that shapes can check, e.g., that a
    grade belongs to the scale of the inspection's framework."""
    conforms, results_graph, _ = validate(
        data, shacl_graph=shapes_graph(), ont_graph=vocabulary_graph(), inference="none",
        advanced=True, allow_warnings=True,
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
