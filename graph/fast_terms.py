"""The namespaces the mapping names terms of, each term built once.

rdflib's Namespace and DefinedNamespace build and check a new URIRef on every attribute access, which
cost a fifth of mapping a report; graph.mapping and graph.organisations take their terms from here.
"""

from __future__ import annotations

from typing import Any

from rdflib import URIRef
from rdflib import namespace as rdf_namespaces

from cskg.graph import namespaces


class Terms:
    """A namespace whose terms are built once, on first use."""

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        term = getattr(self._namespace, name)
        setattr(self, name, term)  # found directly from now on; __getattr__ is not called again
        return term

    def __getitem__(self, name: str) -> URIRef:
        return self._namespace[name]


CSKG = Terms(namespaces.CSKG)
ORG = Terms(namespaces.ORG)
DCTERMS = Terms(rdf_namespaces.DCTERMS)
PROV = Terms(rdf_namespaces.PROV)
RDF = Terms(rdf_namespaces.RDF)
RDFS = Terms(rdf_namespaces.RDFS)
SKOS = Terms(rdf_namespaces.SKOS)
XSD = Terms(rdf_namespaces.XSD)
