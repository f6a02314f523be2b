"""Reference data as triples: the authorities (ontology/authorities.json) for the reference graph, and the
reference list of multi-council bodies (ontology/gazetteer.json) for the bodies graph."""

from __future__ import annotations

import json
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from cskg.graph.classes import typed
from cskg.graph.namespaces import CSKG, ORG, PROV, ID, authority_uri, body_uri, concept_uri, region_uri
from cskg.graph.organisations import membership_uri
from cskg.loaders.gazetteer import gazetteer
from cskg.ontology import AUTHORITIES_JSON, vocabulary_files


# Ofsted's reports site lists a council's children's services reports under its URN.
OFSTED_PROVIDER_PAGE = "https://reports.ofsted.gov.uk/provider/44/{urn}"


@lru_cache(maxsize=1)
def authorities_graph() -> Graph:
    """The councils, regions and neighbour links, built once per process (ingest's workers
    inherit it from the parent); callers read it and must not change it."""
    g = Graph()
    for a in json.loads(AUTHORITIES_JSON.read_text(encoding="utf-8")):
        node = authority_uri(a["gss"])
        g += typed(node, CSKG.LocalAuthority)
        g.add((node, RDFS.label, Literal(a["name"])))
        g.add((node, SKOS.prefLabel, Literal(a["name"], lang="en")))
        for alias in a["also_known_as"]:
            g.add((node, SKOS.altLabel, Literal(alias, lang="en")))
        g.add((node, CSKG.gssCode, Literal(a["gss"])))
        g.add((node, CSKG.dfeCode, Literal(a["dfe"])))
        if a["urn"]:
            g.add((node, CSKG.ofstedURN, Literal(a["urn"])))
            g.add((node, CSKG.providerPage, URIRef(OFSTED_PROVIDER_PAGE.format(urn=a["urn"]))))
        region = region_uri(a["region_code"])
        g.add((node, CSKG.region, region))
        g += typed(region, CSKG.Region)
        g.add((region, SKOS.prefLabel, Literal(a["region_name"], lang="en")))
        g.add((region, SKOS.notation, Literal(a["region_code"])))
        g.add((region, SKOS.inScheme, ID["scheme/regions"]))
        if a["type"]:
            g.add((node, CSKG.authorityType, Literal(a["type"])))
        if a["population_0_25"] is not None:
            g.add((node, CSKG.population0to25, Literal(a["population_0_25"], datatype=XSD.integer)))
        for rank, neighbour in enumerate(a["statistical_neighbours"], start=1):
            g.add((node, CSKG.statisticalNeighbour, authority_uri(neighbour)))
            link = URIRef(f"{node}/neighbour/{rank}")
            g += typed(link, CSKG.StatisticalNeighbourLink)
            g.add((link, CSKG.neighbourOf, node))
            g.add((link, CSKG.neighbour, authority_uri(neighbour)))
            g.add((link, CSKG.neighbourRank, Literal(rank, datatype=XSD.integer)))
        g.add((node, CSKG.status, Literal(a["status"])))
        for successor in a["successors"]:
            g.add((node, CSKG.successor, authority_uri(successor)))
            g.add((authority_uri(successor), CSKG.predecessor, node))
        if a["abolished"]:
            event = URIRef(f"{node}/abolition")
            g += typed(event, ORG.ChangeEvent)
            g.add((event, DCTERMS.date, Literal(a["abolished"], datatype=XSD.date)))
            g.add((node, ORG.changedBy, event))
            for successor in a["successors"]:
                g.add((authority_uri(successor), ORG.resultedFrom, event))
    return g


@lru_cache(maxsize=1)
def vocabulary_graph() -> Graph:
    """The ontology and SKOS vocabularies, parsed once per process; their concepts typed with their
    classes' superclasses too, as instances in report graphs are."""
    g = Graph()
    for path in vocabulary_files():
        g.parse(path, format="turtle")
    for node, cls in list(g.subject_objects(RDF.type)):
        if isinstance(node, URIRef) and isinstance(cls, URIRef):
            g += typed(node, cls)
    return g


_ROLES = {"member": "member", "host": "member", "delivers-for": "delivers-for"}


def _partial_date(value: str) -> Literal:
    """"2019", "2019-10" or "2019-10-01" with the datatype of its precision."""
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(value), XSD.date)
    return Literal(value, datatype=datatype)


@lru_cache(maxsize=1)
def bodies_graph() -> Graph:
    """The reference list of multi-council bodies (regional adoption agencies, children's services trusts
    and companies, consortia): each body under the key reports resolve it to, so the reports' mentions
    and the list meet in one node, with memberships derived from the entry's source."""
    g = Graph()
    for body in gazetteer().bodies:
        node = body_uri(f"{body.kind}/{body.key}")
        source = URIRef(f"{node}/reference-source")
        g += typed(node, CSKG.Body)
        g.add((node, RDFS.label, Literal(body.name)))
        g.add((node, CSKG.organisationKind, concept_uri("kind", body.kind)))
        for name in body.names:
            if name != body.name:
                g.add((node, SKOS.altLabel, Literal(name)))
        if body.started:
            g.add((node, CSKG.memberFrom, _partial_date(body.started)))
        g += typed(source, CSKG.ReferenceSource)
        g.add((source, DCTERMS.source, Literal(body.source)))
        for tenure in body.members:
            role = _ROLES.get(tenure.role, "member")
            membership = membership_uri(node, tenure.gss, role)
            g += typed(membership, ORG.Membership)
            g.add((membership, ORG.member, authority_uri(tenure.gss)))
            g.add((membership, ORG.organization, node))
            g.add((membership, ORG.role, concept_uri("role", role)))
            g.add((membership, PROV.wasDerivedFrom, source))
            if tenure.start:
                g.add((membership, CSKG.memberFrom, _partial_date(tenure.start)))
            if tenure.end:
                g.add((membership, CSKG.memberUntil, _partial_date(tenure.end)))
    return g
