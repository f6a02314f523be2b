"""Map a ReportRecord to the triples of its own named graph.

URIs are deterministic (see namespaces.report_key), so re-ingesting the same inspection
yields the same graph name and the same subjects, and replacing the graph never duplicates.
Every judgement, recommendation, finding, statistic, previous-inspection statement and
organisation mention points (prov:wasDerivedFrom) at a cskg:Passage: the quoted text with
its page, paragraph, section and character span in the report.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from rdflib import BNode, Graph, Literal, URIRef

from cskg.graph.classes import typed
from cskg.graph.fast_terms import CSKG, DCTERMS, PROV, RDF, RDFS, XSD
from cskg.graph.namespaces import (
    area_uri, authority_uri, concept_uri, framework_uri, grade_uri,
    inspection_uri, person_uri, report_graph_uri, report_key, report_uri,
)
from cskg.graph.organisations import mention_uri, organisation_triples
from cskg.graph.report_store import report_graph
from cskg.loaders.records import Evidence, OrganisationMention, ReportRecord

@dataclass(frozen=True, slots=True)
class MappedReport:
    key: str
    graph_uri: URIRef
    graph: Graph  # triples of the report's named graph


# Literals are immutable and the same few numbers and dates recur in every report (offsets,
# pages, paragraph numbers); building an rdflib Literal costs more than adding the triple.
@lru_cache(maxsize=4096)
def _date(value: date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


def _stated(value: date, precision: str | None) -> Literal:
    """A date with the precision a report states it: 2018 (xsd:gYear), 2018-06 (xsd:gYearMonth), a day."""
    if precision == "year":
        return Literal(f"{value.year:04d}", datatype=XSD.gYear)
    if precision == "month":
        return Literal(f"{value.year:04d}-{value.month:02d}", datatype=XSD.gYearMonth)
    return _date(value)


@lru_cache(maxsize=65536)
def _int(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


class _Mapper:
    """Accumulates the triples of one report; one instance per record."""

    def __init__(self, record: ReportRecord) -> None:
        self.record = record
        self.key = report_key(record.authority_code, record.framework, record.inspection_start,
                              record.published, record.sha256)
        self.report = report_uri(self.key)
        self.inspection = inspection_uri(self.key)
        self.graph = report_graph(report_graph_uri(self.key))
        # The store's own add, as Graph.add calls it (the terms here are rdflib terms by construction).
        self._store_add = self.graph.store.add
        self._passages: dict[tuple[int, int], URIRef] = {}
        self._strings: dict[str, Literal] = {}
        self._findings: list[tuple[int, int, URIRef]] = []  # (start, end, node), in text order

    def string(self, value: str) -> Literal:
        """A plain literal, built once per report: a finding's text is also its passage's quote,
        and sections, grades and units recur."""
        literal = self._strings.get(value)
        if literal is None:
            literal = self._strings[value] = Literal(value)
        return literal

    def add(self, s: URIRef | BNode, p: URIRef, o: URIRef | Literal | BNode) -> None:
        self._store_add((s, p, o), self.graph, quoted=False)

    def typed(self, node: URIRef, cls: URIRef) -> None:
        for triple in typed(node, cls):
            self._store_add(triple, self.graph, quoted=False)

    def passage(self, evidence: Evidence) -> URIRef:
        span = (evidence.start, evidence.end)
        existing = self._passages.get(span)
        if existing is not None:
            return existing
        node = URIRef(f"{self.report}/passage/{evidence.start}-{evidence.end}")
        self._passages[span] = node
        self.typed(node, CSKG.Passage)
        self.add(node, DCTERMS.isPartOf, self.report)
        self.add(node, CSKG.quote, self.string(evidence.quote))
        self.add(node, CSKG.startOffset, _int(evidence.start))
        self.add(node, CSKG.endOffset, _int(evidence.end))
        if evidence.page is not None:
            self.add(node, CSKG.page, _int(evidence.page))
        if evidence.paragraph is not None:
            self.add(node, CSKG.paragraphNumber, _int(evidence.paragraph))
        if evidence.section:
            self.add(node, CSKG.section, self.string(evidence.section))
        return node

    def derived(self, subject: URIRef, evidence: Evidence) -> None:
        self.add(subject, PROV.wasDerivedFrom, self.passage(evidence))

    def map(self) -> MappedReport:
        r = self.record
        authority = authority_uri(r.authority_code)
        framework = framework_uri(r.framework)

        self.typed(self.report, CSKG.InspectionReport)
        self.add(self.report, PROV.wasGeneratedBy, self.inspection)
        self.add(self.report, CSKG.sourcePath, self.string(r.source))
        self.add(self.report, CSKG.sha256, self.string(r.sha256))
        self.add(self.report, DCTERMS.format, self.string(r.media_type))
        self.add(self.report, DCTERMS.subject, authority)
        if r.title:
            self.add(self.report, DCTERMS.title, self.string(r.title))
        if r.page_count is not None:
            self.add(self.report, CSKG.pageCount, _int(r.page_count))
        if r.published:
            self.add(self.report, DCTERMS.issued, _date(r.published))
            self.add(self.report, CSKG.publishedSource, self.string(r.published_from))
        if r.report_url:
            self.add(self.report, CSKG.reportPage, URIRef(r.report_url))
        for index, warning in enumerate(r.warnings, start=1):
            node = URIRef(f"{self.report}/warning/{index}")
            self.add(self.report, CSKG.warning, node)
            self.typed(node, CSKG.ExtractionWarning)
            self.add(node, CSKG.warningCode, self.string(warning.code))
            self.add(node, CSKG.warningMessage, self.string(warning.message))

        self.typed(self.inspection, CSKG.Inspection)
        self.add(self.inspection, CSKG.framework, framework)
        self.add(self.inspection, CSKG.inspectedAuthority, authority)
        self.add(self.inspection, CSKG.report, self.report)
        if r.inspection_start:
            self.add(self.inspection, CSKG.startDate, _date(r.inspection_start))
        if r.inspection_end:
            self.add(self.inspection, CSKG.endDate, _date(r.inspection_end))

        for index, inspector in enumerate(r.inspectors, start=1):
            person = person_uri(inspector.name)
            self.typed(person, CSKG.Inspector)
            self.add(person, RDFS.label, self.string(inspector.name))
            role = CSKG.leadInspector if inspector.role == "lead" else CSKG.teamMember
            self.add(self.inspection, role, person)
            if inspector.title:
                self.add(person, CSKG.title, self.string(inspector.title))
            if inspector.position:
                # a position is the person's in this inspection's team (a deputy lead here, a team inspector
                # elsewhere): stated on the association of person and inspection, not on the person
                place = URIRef(f"{self.inspection}/team/{index}")
                self.typed(place, CSKG.TeamPlace)
                self.add(self.inspection, PROV.qualifiedAssociation, place)
                self.add(place, PROV.agent, person)
                self.add(place, CSKG.position, self.string(inspector.position))

        for j in r.judgements:
            node = URIRef(f"{self.inspection}/judgement/{j.area}")
            self.typed(node, CSKG.Judgement)
            self.add(self.inspection, CSKG.hasJudgement, node)
            self.add(node, CSKG.judgementArea, area_uri(r.framework, j.area))
            self.add(node, CSKG.grade, grade_uri(r.framework, j.grade))
            self.add(node, CSKG.printedGrade, self.string(j.printed_grade or j.grade))
            self.add(node, CSKG.printedArea, self.string(j.area_label))
            self.derived(node, j.evidence)

        for rec in r.recommendations:
            node = URIRef(f"{self.inspection}/recommendation/{rec.number}")
            cls = CSKG.AreaForImprovement if rec.kind == "area-for-improvement" else CSKG.Recommendation
            self.typed(node, cls)
            self.add(self.inspection, CSKG.hasRecommendation, node)
            self.add(node, CSKG.number, _int(rec.number))
            self.add(node, CSKG.text, self.string(rec.text))
            if rec.timescale:
                self.add(node, CSKG.timescale, concept_uri("timescale", rec.timescale))
            self.derived(node, rec.evidence)

        for index, f in enumerate(r.findings, start=1):
            node = URIRef(f"{self.inspection}/finding/{index}")
            self.typed(node, CSKG.Finding)
            self.add(self.inspection, CSKG.hasFinding, node)
            self.add(node, CSKG.paragraphNumber, _int(f.paragraph))
            self.add(node, CSKG.text, self.string(f.text))
            if f.evidence.page is not None:
                self.add(node, CSKG.page, _int(f.evidence.page))
            if f.evidence.section:
                self.add(node, CSKG.section, self.string(f.evidence.section))
            if f.area:
                self.add(node, CSKG.judgementArea, area_uri(r.framework, f.area))
            self.derived(node, f.evidence)
            self._findings.append((f.evidence.start, f.evidence.end, node))
        self._findings.sort()

        for index, s in enumerate(r.statistics, start=1):
            node = URIRef(f"{self.inspection}/statistic/{index}")
            self.typed(node, CSKG.StatisticObservation)
            self.add(self.inspection, CSKG.hasStatistic, node)
            self.add(node, CSKG.refArea, authority)
            self.add(node, CSKG.measure, concept_uri("measure", s.measure))
            self.add(node, CSKG.value, Literal(str(s.value), datatype=XSD.decimal))
            self.add(node, CSKG.unit, self.string(s.unit))
            if s.as_of:
                self.add(node, CSKG.asOf, _date(s.as_of))
            self.derived(node, s.evidence)

        for index, p in enumerate(r.previous_inspections, start=1):
            node = URIRef(f"{self.inspection}/previous/{index}")
            self.typed(node, CSKG.PreviousInspectionStatement)
            self.add(self.inspection, CSKG.previousInspection, node)
            if p.date:
                self.add(node, CSKG.statedDate, _stated(p.date, p.precision))
            if p.framework:
                self.add(node, CSKG.statedFramework, framework_uri(p.framework))
            if p.grade:
                self.add(node, CSKG.statedGrade, self.string(p.grade))
                if p.framework:
                    self.add(node, CSKG.grade, grade_uri(p.framework, p.grade))
            for area_grade in p.area_grades if p.framework else ():
                graded = URIRef(f"{node}/area/{area_grade.area}")
                self.typed(graded, CSKG.StatedAreaGrade)
                self.add(node, CSKG.statedAreaGrade, graded)
                self.add(graded, CSKG.judgementArea, area_uri(p.framework, area_grade.area))
                self.add(graded, CSKG.grade, grade_uri(p.framework, area_grade.grade))
            self.derived(node, p.evidence)

        for index, mention in enumerate(r.organisations, start=1):
            self.map_organisation(index, mention, authority)

        return MappedReport(self.key, report_graph_uri(self.key), self.graph)

    def map_organisation(self, index: int, m: OrganisationMention, authority: URIRef) -> None:
        """A body keyed by its resolution key, so every report naming it adds to the same node; each
        council the sentence ties to it gets one org:Membership per role, derived from the sentence."""
        for s, p, o in organisation_triples(m, self.inspection, index, self.passage(m.evidence)):
            self.add(s, p, o)
        mention = mention_uri(self.inspection, index)
        for finding in self.findings_overlapping(m.evidence.start, m.evidence.end):
            self.add(mention, CSKG.inFinding, finding)

    def findings_overlapping(self, start: int, end: int) -> list[URIRef]:
        """The findings whose paragraph shares text with [start, end). Numbered paragraphs do not
        overlap one another, so walking back from the last one starting before `end` can stop at the
        first that ends before `start`."""
        found = []
        for index in range(bisect_left(self._findings, (end,)) - 1, -1, -1):
            finding_start, finding_end, node = self._findings[index]
            if finding_end <= start:
                break
            found.append(node)
        return found[::-1]


def map_record(record: ReportRecord) -> MappedReport:
    return _Mapper(record).map()
