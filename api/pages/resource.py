"""Linked data: what a graph IRI (https://w3id.org/cskg/id/...) says about itself, as RDF or as a page."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cskg.errors import NotFound
from cskg.graph.namespaces import ID, PREFIXES
from cskg.graph.stores.base import Store
from cskg.queries import iri_safe

BASE = str(ID)
# The IRIs that have a page of their own, and the page: a council, an inspection (not its parts), a body.
_PAGES = (
    (re.compile(r"authority/(?P<key>E\d{8})"), "/authorities/{key}"),
    (re.compile(r"inspection/(?P<key>[^/]+/[^/]+/[^/]+)"), "/inspections/{key}"),
    (re.compile(r"body/(?P<key>.+)"), "/boards/{key}"),
)
MAX_LINKS = 500  # statements a resource page lists in each direction


def resource_iri(path: str) -> str:
    if not path or not iri_safe(path):
        raise NotFound(f"no resource id/{path[:80]}: ids hold no spaces or <>\"{{}}|^`\\")
    return BASE + path


def page_for(path: str) -> str | None:
    for pattern, page in _PAGES:
        match = pattern.fullmatch(path)
        if match:
            return page.format(key=match.group("key"))
    return None


def describe_query(iri: str) -> str:
    """The resource's own statements: what a Linked Data client gets back for its IRI."""
    return f"CONSTRUCT {{ <{iri}> ?p ?o }} WHERE {{ <{iri}> ?p ?o }}"


def exists(store: Store, iri: str) -> bool:
    return store.ask(f"ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?p <{iri}> }} }}")


def compact(iri: str) -> str:
    """prefix:name for the project's prefixes, else the IRI."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def local_href(iri: str) -> str | None:
    """The server path of an IRI of this graph (its /id/... page), else None."""
    return "/id/" + iri[len(BASE):] if iri.startswith(BASE) else None


@dataclass(frozen=True, slots=True)
class Statement:
    predicate: str
    value: str
    is_iri: bool


@dataclass(frozen=True, slots=True)
class ResourcePage:
    iri: str
    outgoing: list[Statement]
    incoming: list[Statement]  # (predicate, subject)


def _statements(store: Store, query: str) -> list[Statement]:
    return [Statement(str(r["p"]), str(r["v"]), bool(r["link"])) for r in store.select(query).as_dicts()]


def resource(store: Store, path: str) -> ResourcePage:
    iri = resource_iri(path)
    outgoing = _statements(store, f"SELECT DISTINCT ?p ?v (isIRI(?v) AS ?link) WHERE {{ <{iri}> ?p ?v }} "
                                  f"ORDER BY ?p ?v LIMIT {MAX_LINKS}")
    incoming = _statements(store, f"SELECT DISTINCT ?p ?v (true AS ?link) WHERE {{ ?v ?p <{iri}> }} "
                                  f"ORDER BY ?p ?v LIMIT {MAX_LINKS}")
    if not outgoing and not incoming:
        raise NotFound(f"the graph says nothing about <{iri}>")
    return ResourcePage(iri, outgoing, incoming)
