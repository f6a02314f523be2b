"""Triples of one organisation mention: the body, its mention in the inspection, its memberships.

Bodies and memberships have report-independent URIs (id/body/{key}, …/membership/{GSS}/{role}), so
the union of the report graphs holds each body once, with every report's spellings as skos:altLabel
and every sentence that ties a council to it as a prov:wasDerivedFrom of the membership.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Literal, URIRef

from cskg.graph.classes import typed
from cskg.graph.fast_terms import CSKG, ORG, PROV, RDFS, SKOS
from cskg.graph.namespaces import authority_uri, body_uri, concept_uri
from cskg.loaders.parsing import slug
from cskg.loaders.records import OrganisationMention

Triple = tuple[URIRef, URIRef, URIRef | Literal]


def body_key(m: OrganisationMention) -> str:
    return m.key or f"{m.kind}/{slug(m.name)}"


def mention_uri(inspection: URIRef, index: int) -> URIRef:
    return URIRef(f"{inspection}/mention/{index}")


def membership_uri(body: URIRef, authority: str, role: str) -> URIRef:
    return URIRef(f"{body}/membership/{authority}/{role}")


def organisation_triples(m: OrganisationMention, inspection: URIRef, index: int,
                         passage: URIRef) -> Iterator[Triple]:
    body = body_uri(body_key(m))
    yield from typed(body, CSKG.Body)
    yield body, RDFS.label, Literal(m.name)
    yield body, CSKG.organisationKind, concept_uri("kind", m.kind)
    for label in (*m.labels, *([m.abbreviation] if m.abbreviation else [])):
        if label != m.name:
            yield body, SKOS.altLabel, Literal(label)
    mention = mention_uri(inspection, index)
    yield from typed(mention, CSKG.Mention)
    yield inspection, CSKG.mentions, mention
    yield mention, CSKG.mentionOf, body
    yield mention, PROV.wasDerivedFrom, passage
    for member in m.members:
        membership = membership_uri(body, member.authority, member.role)
        yield from typed(membership, ORG.Membership)
        yield membership, ORG.member, authority_uri(member.authority)
        yield membership, ORG.organization, body
        yield membership, ORG.role, concept_uri("role", member.role)
        yield membership, PROV.wasDerivedFrom, passage
