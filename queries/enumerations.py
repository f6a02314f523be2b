"""The values an enumerated parameter takes, read from the vocabularies (ontology/*.ttl) and the reference
data, so that an unknown value is refused with the list instead of matching nothing.

A string parameter of a named query whose name is in `ENUMERATED` takes one of its values (any case):
`framework`, `area`, `kind`, `timescale` (concept notations) and `grade` (grade labels in lower case).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, partial

from rdflib import URIRef
from rdflib.namespace import SKOS

from cskg.graph.namespaces import CSKG, ID
from cskg.graph.reference import authorities_graph, vocabulary_graph


def _concepts(segment: str) -> list[URIRef]:
    """Concepts minted under id/{segment}/ (ARCHITECTURE.md, URIs)."""
    base = str(ID[f"{segment}/"])
    g = vocabulary_graph()
    return [s for s in set(g.subjects(SKOS.prefLabel, None)) if isinstance(s, URIRef) and str(s).startswith(base)]


@lru_cache(maxsize=None)
def notations(segment: str) -> tuple[str, ...]:
    """Notations of the concepts under id/{segment}/: framework, area, kind (organisation kinds and service
    types), timescale."""
    g = vocabulary_graph()
    return tuple(sorted({str(n) for c in _concepts(segment) for n in g.objects(c, SKOS.notation)}))


def body_kinds() -> tuple[str, ...]:
    return notations("kind")


@lru_cache(maxsize=None)
def grades() -> tuple[str, ...]:
    """Every grade label of every framework's scale, in lower case."""
    g = vocabulary_graph()
    return tuple(sorted({str(g.value(c, SKOS.prefLabel)).lower() for c in _concepts("grade")}))


@lru_cache(maxsize=None)
def ilacs_grades() -> tuple[str, ...]:
    """ILACS grade labels in lower case, best first."""
    g = vocabulary_graph()
    concepts = [c for c in _concepts("grade/ILACS") if g.value(c, CSKG.rank) is not None]
    return tuple(str(g.value(c, SKOS.prefLabel)).lower() for c in sorted(concepts, key=lambda c: int(g.value(c, CSKG.rank))))


@lru_cache(maxsize=None)
def regions() -> tuple[str, ...]:
    """Region names, then their codes."""
    g = authorities_graph()
    found = sorted({(str(g.value(r, SKOS.prefLabel)), str(g.value(r, SKOS.notation)))
                    for r in set(g.objects(None, CSKG.region))})
    return tuple(name for name, _ in found) + tuple(code for _, code in found)


ENUMERATED: dict[str, Callable[[], tuple[str, ...]]] = {
    "framework": partial(notations, "framework"), "area": partial(notations, "area"), "kind": body_kinds,
    "timescale": partial(notations, "timescale"), "grade": grades}


def canonical(value: str, allowed: tuple[str, ...]) -> str | None:
    """The allowed value `value` names in any case, as the vocabulary spells it; None when none."""
    folded = value.casefold()
    return next((a for a in allowed if a.casefold() == folded), None)


def unknown_value_message(name: str, value: str, allowed: tuple[str, ...]) -> str | None:
    """What to say when `value` (given, any case) is none of `allowed`; None when it is one."""
    if not value or canonical(value, allowed) is not None:
        return None
    return f"unknown {name} {value!r}: use one of {', '.join(allowed)}"
