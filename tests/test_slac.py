"""SLAC parser on the Staffordshire 2009 (seed 000) and Dudley 2011 (seed 003) reports."""

from __future__ import annotations

from datetime import date

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from cskg.loaders.errors import RejectedInput
from cskg.loaders.frameworks import slac
from cskg.loaders.parsing import clean_text
from cskg.loaders.readers import read_document
from cskg.loaders.readers.text import read as read_text
from cskg.loaders.recommendations import timescale_of
from cskg.loaders.records import ReportRecord
from cskg.ontology import ONTOLOGY_DIR
from tests.conftest import seed

SCHEME = URIRef("https://w3id.org/cskg/id/scheme/areas/SLAC")

# Every graded judgement of the record of main findings, in table order: (area, grade, rank).
STAFFORDSHIRE = [
    ("safeguarding-overall-effectiveness", "adequate", 3),
    ("safeguarding-capacity-for-improvement", "good", 2),
    ("safeguarding-children-safe", "adequate", 3),
    ("safeguarding-children-feel-safe", "adequate", 3),
    ("safeguarding-quality-of-provision", "adequate", 3),
    ("safeguarding-service-responsiveness", "adequate", 3),
    ("safeguarding-assessment-and-direct-work", "adequate", 3),
    ("safeguarding-case-planning-review-and-recording", "adequate", 3),
    ("safeguarding-leadership-and-management", "adequate", 3),
    ("safeguarding-ambition-and-prioritisation", "good", 2),
    ("safeguarding-evaluation", "adequate", 3),
    ("safeguarding-user-engagement", "good", 2),
    ("safeguarding-partnerships", "adequate", 3),
    ("safeguarding-equality-and-diversity", "adequate", 3),
    ("safeguarding-value-for-money", "good", 2),
    ("looked-after-overall-effectiveness", "adequate", 3),
    ("looked-after-capacity-for-improvement", "adequate", 3),
    ("looked-after-being-healthy", "adequate", 3),
    ("looked-after-staying-safe", "adequate", 3),
    ("looked-after-enjoying-and-achieving", "adequate", 3),
    ("looked-after-making-a-positive-contribution", "good", 2),
    ("looked-after-economic-well-being", "adequate", 3),
    ("looked-after-quality-of-provision", "adequate", 3),
    ("looked-after-service-responsiveness", "adequate", 3),
    ("looked-after-assessment-and-direct-work", "adequate", 3),
    ("looked-after-case-planning-review-and-recording", "adequate", 3),
    ("looked-after-children-safeguarded", "adequate", 3),
    ("looked-after-leadership-and-management", "adequate", 3),
    ("looked-after-ambition-and-prioritisation", "adequate", 3),
    ("looked-after-evaluation", "adequate", 3),
    ("looked-after-user-engagement", "adequate", 3),
    ("looked-after-partnerships", "adequate", 3),
    ("looked-after-equality-and-diversity", "adequate", 3),
    ("looked-after-value-for-money", "adequate", 3),
]

DUDLEY = [
    ("safeguarding-overall-effectiveness", "adequate", 3),
    ("safeguarding-capacity-for-improvement", "good", 2),
    ("safeguarding-children-safe-and-feel-safe", "adequate", 3),
    ("safeguarding-quality-of-provision", "adequate", 3),
    ("safeguarding-health-contribution", "adequate", 3),
    ("safeguarding-ambition-and-prioritisation", "good", 2),
    ("safeguarding-leadership-and-management", "good", 2),
    ("safeguarding-performance-management-and-quality-assurance", "adequate", 3),
    ("safeguarding-partnerships", "good", 2),
    ("safeguarding-equality-and-diversity", "good", 2),
    ("looked-after-overall-effectiveness", "good", 2),
    ("looked-after-capacity-for-improvement", "good", 2),
    ("looked-after-being-healthy", "adequate", 3),
    ("looked-after-staying-safe", "good", 2),
    ("looked-after-enjoying-and-achieving", "outstanding", 1),
    ("looked-after-making-a-positive-contribution", "good", 2),
    ("looked-after-economic-well-being", "good", 2),
    ("looked-after-quality-of-provision", "adequate", 3),
    ("looked-after-ambition-and-prioritisation", "good", 2),
    ("looked-after-leadership-and-management", "good", 2),
    ("looked-after-performance-management-and-quality-assurance", "adequate", 3),
    ("looked-after-equality-and-diversity", "good", 2),
]

THREE, SIX = "within-three-months", "within-six-months"


def _parse(prefix: str) -> ReportRecord:
    path = seed(prefix)
    return slac.parse(read_document(path), path.name)


@pytest.fixture(scope="module")
def staffordshire() -> ReportRecord:
    return _parse("000")


@pytest.fixture(scope="module")
def dudley() -> ReportRecord:
    return _parse("003")


@pytest.fixture(scope="module")
def areas_graph() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "areas-slac.ttl")


def _variant(prefix: str, change) -> ReportRecord:
    """The seed's text after `change`, read as a text file (for extraction variants)."""
    text = change(seed(prefix).read_text(encoding="utf-8"))
    return slac.parse(read_text(f"{prefix}-variant.txt", text.encode("utf-8"), "0" * 64), f"{prefix}-variant.txt")


@pytest.mark.parametrize("prefix, expected", [("000", "SLAC"), ("003", "SLAC"), ("001", None), ("002", None),
                                              ("004", None)])
def test_detects_only_slac_reports(prefix: str, expected: str | None) -> None:
    assert slac.detect(read_document(seed(prefix))) == expected


def test_staffordshire_metadata(staffordshire: ReportRecord) -> None:
    r = staffordshire
    assert (r.framework, r.authority_code, r.authority_name) == ("SLAC", "E10000028", "Staffordshire")
    assert (r.inspection_start, r.inspection_end) == (date(2009, 6, 29), date(2009, 7, 10))
    assert r.published == date(2009, 8, 7)
    assert [(i.name, i.role, i.title) for i in r.inspectors] == [("Martin Ayres", "lead", "HMI")]
    assert r.lead_inspector == "Martin Ayres"
    assert r.page_count is None
    assert r.warnings == ()


def test_dudley_metadata(dudley: ReportRecord) -> None:
    r = dudley
    assert (r.authority_code, r.authority_name) == ("E08000027", "Dudley")
    assert (r.inspection_start, r.inspection_end) == (date(2011, 11, 28), date(2011, 12, 9))
    assert r.published == date(2012, 1, 25)
    assert [(i.name, i.role, i.title) for i in r.inspectors] == [("Martin Ayres", "lead", "HMI")]


def test_staffordshire_every_judgement_once(staffordshire: ReportRecord) -> None:
    assert [(j.area, j.grade, j.rank) for j in staffordshire.judgements] == STAFFORDSHIRE
    assert len(staffordshire.judgements) == 34


def test_dudley_every_judgement_once(dudley: ReportRecord) -> None:
    assert [(j.area, j.grade, j.rank) for j in dudley.judgements] == DUDLEY


def test_judgement_evidence_is_the_table_row(staffordshire: ReportRecord, dudley: ReportRecord) -> None:
    for record in (staffordshire, dudley):
        text = read_document(seed("000" if record is staffordshire else "003")).text
        for j in record.judgements:
            row = clean_text(text[j.evidence.start:j.evidence.end].replace("|", " "))
            assert j.area_label in row and j.grade in row.lower()
            assert j.evidence.section == "Record of main findings"
            assert j.evidence.page is None
            assert j.printed_grade is None  # SLAC prints the word


def test_safe_judgement_keeps_the_printed_label(staffordshire: ReportRecord) -> None:
    safe = next(j for j in staffordshire.judgements if j.area == "safeguarding-children-safe")
    assert safe.area_label.startswith("Children and young people are safe: effectiveness of services")


def test_staffordshire_areas_for_improvement(staffordshire: ReportRecord) -> None:
    recs = staffordshire.recommendations
    assert [r.number for r in recs] == list(range(1, 12))
    assert [r.timescale for r in recs] == [THREE] * 4 + [SIX] + [THREE] * 3 + [SIX] * 3
    assert {r.kind for r in recs} == {"area-for-improvement"}
    assert [r.evidence.paragraph for r in recs] == [13] * 5 + [29] * 6
    # the bullet glyph of the one six-month item was lost in extraction: still an item
    assert recs[4].text.startswith("Improve the effectiveness of auditing the")
    assert recs[0].text.startswith("Ensure there is joint agreement and")
    assert recs[10].text.startswith("In conjunction with CAFCASS")


def test_dudley_areas_for_improvement(dudley: ReportRecord) -> None:
    recs = dudley.recommendations
    assert [r.timescale for r in recs] == [THREE] * 6 + [SIX] * 2 + [THREE] * 4 + [SIX]
    assert [r.evidence.paragraph for r in recs] == [19] * 8 + [61] * 5
    # an item cut by a page break is one item, joined
    assert "including case recording, health contribution to holistic assessments" in recs[0].text
    assert "young people including case recording" in recs[8].text
    assert all(not r.text.startswith("In order to improve") for r in recs)


def test_findings_are_every_numbered_paragraph(staffordshire: ReportRecord, dudley: ReportRecord) -> None:
    assert [f.paragraph for f in staffordshire.findings] == list(range(1, 48))
    assert [f.paragraph for f in dudley.findings] == list(range(1, 97))


def test_finding_whose_number_was_lost_is_placed_in_sequence(staffordshire: ReportRecord) -> None:
    f33 = staffordshire.findings[32]
    assert f33.paragraph == 33
    assert f33.text.startswith("The impact of services on enabling looked")


def test_findings_rejoin_page_breaks_and_carry_sections(staffordshire: ReportRecord) -> None:
    by_number = {f.paragraph: f for f in staffordshire.findings}
    assert "generally show good analysis of the risks involved" in by_number[11].text
    assert (by_number[4].evidence.section, by_number[4].area) == ("Service information", None)
    assert by_number[10].area == "safeguarding-overall-effectiveness"
    assert by_number[14].area == "safeguarding-children-safe"
    assert by_number[16].area == "safeguarding-children-feel-safe"
    assert by_number[25].area == "looked-after-overall-effectiveness"
    assert by_number[40].area == "looked-after-quality-of-provision"
    assert by_number[47].area == "looked-after-leadership-and-management"


def test_dudley_finding_areas(dudley: ReportRecord) -> None:
    by_number = {f.paragraph: f for f in dudley.findings}
    assert by_number[38].area == "safeguarding-health-contribution"
    assert by_number[72].area == "looked-after-enjoying-and-achieving"
    assert by_number[81].area == "looked-after-economic-well-being"  # heading glued to its grade
    assert by_number[61].area is None and by_number[61].evidence.section == "Areas for improvement"


def test_finding_evidence_points_at_the_paragraph(staffordshire: ReportRecord) -> None:
    text = read_document(seed("000")).text
    for f in staffordshire.findings:
        assert f.evidence.paragraph == f.paragraph and f.evidence.page is None
        assert f.text[:40] in clean_text(text[f.evidence.start:f.evidence.end]).replace("*", "")


def test_statistics_come_from_service_information(staffordshire: ReportRecord) -> None:
    assert [(s.measure, s.value) for s in staffordshire.statistics] == [
        ("population-0-18", 173081.0), ("population-0-18", 22.0), ("child-protection-plans", 450.0)]


def test_every_area_the_parser_emits_is_a_concept(areas_graph: Graph) -> None:
    concepts = {str(n) for n in areas_graph.objects(None, SKOS.notation)} - {"SLAC"}
    emitted = {a for a, _, _ in STAFFORDSHIRE + DUDLEY}
    assert emitted <= concepts
    parts = ("safeguarding", "looked-after")
    assert set(slac.AREAS.values()) == {c.split("-", 1)[1] if c.startswith("safeguarding-")
                                        else c.removeprefix("looked-after-") for c in concepts
                                        if c.startswith(parts)}


def test_area_concepts_follow_the_uri_pattern(areas_graph: Graph) -> None:
    for concept, notation in areas_graph.subject_objects(SKOS.notation):
        if concept == SCHEME:
            continue
        assert str(concept) == f"https://w3id.org/cskg/id/area/SLAC/{notation}"
        assert (concept, SKOS.inScheme, SCHEME) in areas_graph
        assert any(label.language == "en" for label in areas_graph.objects(concept, SKOS.prefLabel))
    overall = URIRef("https://w3id.org/cskg/id/area/SLAC/safeguarding-overall-effectiveness")
    assert (overall, SKOS.closeMatch, URIRef("https://w3id.org/cskg/id/area/SIF/help-and-protection")) in areas_graph
    assert (overall, SKOS.notation, Literal("safeguarding-overall-effectiveness")) in areas_graph


def test_table_printed_without_tabs_reads_the_same() -> None:
    record = _variant("000", lambda text: text.replace("\t", " "))
    assert [(j.area, j.grade, j.rank) for j in record.judgements] == STAFFORDSHIRE


def test_without_the_table_grades_come_from_section_headings() -> None:
    record = _variant("003", lambda text: text[:text.index("Record of main findings:")])
    # Equality and diversity is graded only in the table.
    expected = [row for row in DUDLEY if not row[0].endswith("equality-and-diversity")]
    assert [(j.area, j.grade, j.rank) for j in record.judgements] == expected
    assert any(w.code == "no-judgement-table" and "no record of main findings table" in w.message
               for w in record.warnings)


def test_report_without_a_council_is_rejected() -> None:
    text = "Inspection of safeguarding and looked after children services\n\nNowhere in particular\n\n" \
           "Inspection dates: 1 to 5 June 2010\n"
    doc = read_text("x.txt", text.encode(), "0" * 64)
    with pytest.raises(RejectedInput, match="council name"):
        slac.parse(doc, "x.txt")


@pytest.mark.parametrize("heading, timescale", [
    ("Immediately:", "immediately"),
    ("Within three months:", "within-three-months"),
    ("Within six months:", "within-six-months"),
    ("For immediate action", "immediately"),
    ("For action over the next six months", "within-six-months"),
    ("For action in the longer term", "longer-term"),
    ("**Within 3 months:**", "within-three-months"),
    ("Areas for improvement", None),
    ("Within three months the council should review its thresholds and report to the board.", None),
])
def test_timescale_headings(heading: str, timescale: str | None) -> None:
    assert timescale_of(heading) == timescale


def test_title_names_the_resolved_council(staffordshire: ReportRecord) -> None:
    # the printed title line is OCR-damaged ("Staffordshire County Counci ı"); the record's title is clean
    assert staffordshire.title == "Inspection of safeguarding and looked after children services: Staffordshire"
