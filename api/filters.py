"""The values each enumerated REST filter takes, read from the vocabularies and the reference data, so that
an unknown value gets a 422 that lists them instead of an empty answer."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from fastapi import HTTPException
from rdflib import URIRef
from rdflib.namespace import SKOS

from cskg.graph.namespaces import CSKG, ID
from cskg.graph.reference import authorities_graph, vocabulary_graph

AUTHORITY_STATUSES = ("current", "predecessor")


def _in_schemes(schemes: Iterable[str]) -> list[URIRef]:
    g = vocabulary_graph()
    return [c for scheme in schemes for c in g.subjects(SKOS.inScheme, ID[f"scheme/{scheme}"])]


@lru_cache(maxsize=1)
def body_kinds() -> tuple[str, ...]:
    """Organisation kind and service type notations."""
    g = vocabulary_graph()
    return tuple(sorted({str(g.value(c, SKOS.notation)) for c in _in_schemes(("organisation-kinds", "service-types"))}))


@lru_cache(maxsize=1)
def ilacs_grades() -> tuple[str, ...]:
    """ILACS grade labels in lower case, best first."""
    g = vocabulary_graph()
    concepts = sorted(_in_schemes(("grades/ILACS",)), key=lambda c: int(g.value(c, CSKG.rank)))
    return tuple(str(g.value(c, SKOS.prefLabel)).lower() for c in concepts)


@lru_cache(maxsize=1)
def regions() -> tuple[str, ...]:
    """Region names, then their codes."""
    g = authorities_graph()
    found = {(str(g.value(r, SKOS.prefLabel)), str(g.value(r, SKOS.notation))) for r in set(g.objects(None, CSKG.region))}
    return tuple(name for name, _ in sorted(found)) + tuple(code for _, code in sorted(found))


def check(name: str, value: str | None, allowed: tuple[str, ...]) -> None:
    """A 422 naming the allowed values when `value` (given, any case) is none of them."""
    if value and value.casefold() not in {a.casefold() for a in allowed}:
        raise HTTPException(422, f"unknown {name} {value!r}: use one of {', '.join(allowed)}")
