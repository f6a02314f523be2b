"""The derived analytics graph: what the named queries used to compute on every request, computed once
per ingest from the report graphs and stored in its own named graph (`graph/derived`).

Per inspection: its date (start, else publication), its overall grade and normalised rank (the worst
overall-effectiveness judgement), its framework family, its place in the council's sequence with links to
the previous and next stored inspection, the previous inspection that graded overall effectiveness, and
the report's statement about the latest earlier inspection it names, and
flags (latest of its family, a combined "children in care and care leavers" judgement). Per council: its
latest inspection and its latest graded one. Per body two or more councils are tied to by a sharing role (the
one definition of a shared body), each council's tie with one piece of its evidence, and the body's name and kind
as the shared-boards query shows them. The terms are described in ontology/cskg.ttl.

"Latest" is defined once, by `latest_key`: the greatest date, an undated inspection counting as earliest,
ties broken by the greater IRI.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from cskg.graph.namespaces import CSKG, GRAPH
from cskg.graph.report_store import ntriples
from cskg.graph.stores.base import Store

DERIVED_GRAPH = GRAPH["derived"]
FRAMEWORK_BASE = "https://w3id.org/cskg/id/framework/"
# A stand-alone review of the board, not of the council's services: outside the council's sequence.
BOARD_REVIEW = "LSCB-review"

_INSPECTIONS = """PREFIX cskg: <https://w3id.org/cskg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?inspection ?council ?framework ?start ?published WHERE {
  ?inspection cskg:inspectedAuthority ?council ; cskg:framework ?framework ; cskg:report ?report .
  OPTIONAL { ?inspection cskg:startDate ?start }
  OPTIONAL { ?report dcterms:issued ?published }
}"""

_JUDGEMENTS = """PREFIX cskg: <https://w3id.org/cskg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?inspection ?area ?rank ?label ?judgement WHERE {
  ?inspection cskg:hasJudgement ?judgement .
  ?judgement cskg:judgementArea ?areaConcept ; cskg:grade ?grade .
  ?areaConcept skos:notation ?area .
  ?grade cskg:rank ?rank ; skos:prefLabel ?label .
}"""

_STATEMENTS = """PREFIX cskg: <https://w3id.org/cskg/ontology#>
SELECT ?inspection ?statement ?stated ?grade WHERE {
  ?inspection cskg:previousInspection ?statement .
  ?statement cskg:statedDate ?stated .
  OPTIONAL { ?statement cskg:statedGrade ?grade }
}"""

COMBINED_CARE_AREA = "children-in-care-and-care-leavers"

# The roles that make a body shared when two or more councils hold one: member, joint owner, served council,
# member through a named group. Sharing a chair, working jointly with another council's board and working
# with a partner organisation are not sharing a body.
SHARING_ROLES = ("member", "joint", "delivers-for", "group-member")
ROLE_BASE = "https://w3id.org/cskg/id/role/"
_TIES = """PREFIX cskg: <https://w3id.org/cskg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?body ?council ?path ?page ?quote ?listed WHERE {
  VALUES ?role { %s }
  ?membership org:organization ?body ; org:member ?council ; org:role ?role ; prov:wasDerivedFrom ?evidence .
  { ?evidence cskg:quote ?quote ; dcterms:isPartOf ?report . ?report cskg:sourcePath ?path .
    OPTIONAL { ?evidence cskg:page ?page } }
  UNION
  { ?evidence dcterms:source ?listed }
}""" % " ".join(f"<{ROLE_BASE}{role}>" for role in SHARING_ROLES)
_BODY_NAMES = """PREFIX cskg: <https://w3id.org/cskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?body ?name ?kind WHERE { VALUES ?body { %s } ?body rdfs:label ?name ; cskg:organisationKind ?kind }"""


def is_overall_area(notation: str) -> bool:
    """Overall effectiveness, or a framework's overall effectiveness of one service (SLAC's)."""
    return notation == "overall-effectiveness" or notation.endswith("-overall-effectiveness")


def framework_family(notation: str) -> str:
    """The framework family a council's latest inspection is kept for: the standard and short ILACS
    inspections are one family; every other framework is its own."""
    return "ILACS" if notation.startswith("ILACS") else notation


@dataclass(frozen=True, slots=True)
class InspectionFacts:
    iri: str
    council: str
    framework: str  # notation
    date: str | None  # ISO date: start, else publication
    overall_rank: int | None = None
    overall_grade: str | None = None  # the worst overall judgement's label, lower case
    combined_care: bool = False
    latest_statement: str | None = None  # the report's statement about the latest earlier inspection it names
    judgements: tuple[tuple[str, int, str], ...] = ()  # (area notation, rank, judgement IRI) of each graded judgement

    @property
    def latest_key(self) -> tuple[str, str]:
        """The one order of "latest": by date (undated first), then by IRI."""
        return (self.date or "", self.iri)


def read_facts(store: Store) -> list[InspectionFacts]:
    """Every stored inspection's facts the derived graph is computed from: three SELECTs over the store."""
    worst: dict[str, str] = {}  # inspection -> greatest "rank|label" of its overall judgements
    combined: set[str] = set()
    graded: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
    for inspection, area, rank, label, judgement in store.select(_JUDGEMENTS).rows:
        graded[inspection].append((str(area), int(rank), str(judgement)))
        if area == COMBINED_CARE_AREA:
            combined.add(inspection)
        if is_overall_area(str(area)):
            worst[inspection] = max(worst.get(inspection, ""), f"{rank}|{str(label).lower()}")
    statements: dict[str, tuple[str, str]] = {}  # inspection -> ("stated date|stated grade", statement)
    for inspection, statement, stated, grade in store.select(_STATEMENTS).rows:
        statements[inspection] = max(statements.get(inspection, ("", "")), (f"{stated}|{grade or ''}", statement))
    facts = []
    for inspection, council, framework, start, published in store.select(_INSPECTIONS).rows:
        key = worst.get(inspection)
        facts.append(InspectionFacts(
            inspection, council, str(framework).removeprefix(FRAMEWORK_BASE), start or published,
            int(key.split("|", 1)[0]) if key else None, key.split("|", 1)[1] if key else None,
            inspection in combined, statements[inspection][1] if inspection in statements else None,
            tuple(sorted(graded.get(inspection, ())))))
    return facts


def _previous(ordered: list[InspectionFacts], order: Callable[[InspectionFacts], object]) -> dict[str, InspectionFacts]:
    """For each dated inspection of one council (sorted by `order`), the greatest by `order` of those
    dated strictly earlier."""
    found: dict[str, InspectionFacts] = {}
    best: InspectionFacts | None = None
    pending: list[InspectionFacts] = []  # the inspections of the current date, not yet earlier
    for facts in (f for f in ordered if f.date):
        if pending and pending[0].date != facts.date:
            best = max([*pending, *([best] if best else [])], key=order)
            pending = []
        if best is not None:
            found[facts.iri] = best
        pending.append(facts)
    return found


def _graded_key(f: InspectionFacts) -> str:
    """Of two graded inspections on one date, the worse grade is taken as the previous one."""
    return f"{f.date or ''}|{f.overall_rank}|{f.overall_grade}|{f.iri}"


def derive(facts: Iterable[InspectionFacts]) -> Graph:
    """The derived graph of these inspections."""
    g = Graph()
    by_council: dict[str, list[InspectionFacts]] = defaultdict(list)
    for f in facts:
        by_council[f.council].append(f)
    for council, inspections in by_council.items():
        inspections.sort(key=lambda f: f.latest_key)
        for f in inspections:
            node = URIRef(f.iri)
            g.add((node, CSKG.frameworkFamily, Literal(framework_family(f.framework))))
            if f.date:
                g.add((node, CSKG.inspectionDate, Literal(f.date, datatype=XSD.date)))
            if f.overall_rank is not None:
                g.add((node, CSKG.overallRank, Literal(f.overall_rank)))
                g.add((node, CSKG.overallGrade, Literal(f.overall_grade)))
            if f.combined_care:
                g.add((node, CSKG.combinedCareJudgement, Literal(True)))
            if f.latest_statement:
                g.add((node, CSKG.latestPreviousStatement, URIRef(f.latest_statement)))
        # The council's sequence: its inspections of services (board reviews left out), by date.
        sequence = [f for f in inspections if f.framework != BOARD_REVIEW]
        for number, f in enumerate(sequence, start=1):
            g.add((URIRef(f.iri), CSKG.sequenceNumber, Literal(number)))
        for iri, previous in _previous(sequence, lambda f: f.latest_key).items():
            g.add((URIRef(iri), CSKG.previousStoredInspection, URIRef(previous.iri)))
            g.add((URIRef(previous.iri), CSKG.nextStoredInspection, URIRef(iri)))
        graded = [f for f in inspections if f.overall_rank is not None]
        for iri, previous in _previous(graded, _graded_key).items():
            g.add((URIRef(iri), CSKG.previousGradedInspection, URIRef(previous.iri)))
        latest_of_family: dict[str, InspectionFacts] = {}
        for f in inspections:  # in latest order: the last of each family wins
            latest_of_family[framework_family(f.framework)] = f
        for f in latest_of_family.values():
            g.add((URIRef(f.iri), CSKG.latestOfFamily, Literal(True)))
        g.add((URIRef(council), CSKG.latestInspection, URIRef(inspections[-1].iri)))
        if graded:
            g.add((URIRef(council), CSKG.latestGradedInspection, URIRef(graded[-1].iri)))
        for judgement in latest_judgements(inspections).values():
            g.add((URIRef(council), CSKG.latestJudgement, URIRef(judgement)))
    return g


def latest_judgements(inspections: list[InspectionFacts]) -> dict[str, str]:
    """Per judgement area, one council's judgement of it in its latest dated inspection that graded the area
    (`inspections` in latest order); of two judgements of one area in that inspection, the worse."""
    found: dict[str, str] = {}
    for f in (f for f in inspections if f.date):  # a later inspection replaces what an earlier one graded
        worst: dict[str, tuple[int, str]] = {}
        for area, rank, judgement in f.judgements:
            worst[area] = max(worst.get(area, (rank, judgement)), (rank, judgement))
        found.update({area: judgement for area, (_, judgement) in worst.items()})
    return found


@dataclass(frozen=True, slots=True)
class Tie:
    """One council's tie to a shared body, with the one piece of evidence shown for it: the first report
    sentence by file, page and quote, else the reference list's source."""
    body: str
    council: str
    source: str  # the report's file, or "reference list: <source>"
    page: int | None
    evidence: str  # the sentence; empty for the reference list

    @property
    def order(self) -> tuple:
        # Pages compare as printed text, as the shared-boards query compared them before the derived graph.
        return (self.source.startswith("reference list: "), self.source, "" if self.page is None else str(self.page),
                self.evidence)


def read_ties(store: Store) -> list[Tie]:
    """Each council's first tie to each body two or more councils hold by a sharing role."""
    first: dict[tuple[str, str], Tie] = {}
    for body, council, path, page, quote, listed in store.select(_TIES).rows:
        tie = (Tie(str(body), str(council), str(path), int(page) if page is not None else None, str(quote))
               if path is not None else Tie(str(body), str(council), f"reference list: {listed}", None, ""))
        kept = first.get((tie.body, tie.council))
        if kept is None or tie.order < kept.order:
            first[(tie.body, tie.council)] = tie
    councils: dict[str, set[str]] = defaultdict(set)
    for body, council in first:
        councils[body].add(council)
    return [tie for (body, _), tie in first.items() if len(councils[body]) > 1]


def derive_ties(ties: Iterable[Tie], names: dict[str, tuple[str, str]]) -> Graph:
    """The ties as nodes of the derived graph, and each shared body's name and kind (the least of its labels
    and kinds, as every report names it)."""
    g = Graph()
    for tie in ties:
        node = URIRef(f"{tie.body}/tie/{tie.council.rsplit('/', 1)[-1]}")
        g.add((node, CSKG.sharedBody, URIRef(tie.body)))
        g.add((node, CSKG.tiedAuthority, URIRef(tie.council)))
        g.add((node, CSKG.tieSource, Literal(tie.source)))
        g.add((node, CSKG.tieEvidence, Literal(tie.evidence)))
        if tie.page is not None:
            g.add((node, CSKG.tiePage, Literal(tie.page)))
    for body, (name, kind) in names.items():
        g.add((URIRef(body), CSKG.sharedBodyName, Literal(name)))
        g.add((URIRef(body), CSKG.sharedBodyKind, URIRef(kind)))
    return g


def read_body_names(store: Store, bodies: Iterable[str]) -> dict[str, tuple[str, str]]:
    names: dict[str, tuple[str, str]] = {}
    wanted = sorted(set(bodies))
    for start in range(0, len(wanted), 500):
        values = " ".join(f"<{body}>" for body in wanted[start:start + 500])
        for body, name, kind in store.select(_BODY_NAMES % values).rows:
            held = names.get(str(body))
            names[str(body)] = (min(held[0], str(name)), min(held[1], str(kind))) if held else (str(name), str(kind))
    return names


def derived_ntriples(store: Store) -> str:
    """The derived graph of the store's report graphs, as N-Triples (graph/ingest.py stores it)."""
    ties = read_ties(store)
    names = read_body_names(store, (tie.body for tie in ties))
    return ntriples(derive(read_facts(store)) + derive_ties(ties, names))
