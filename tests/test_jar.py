"""JAR parser on the Stoke-on-Trent 2006 joint area review (seed 002)."""

from __future__ import annotations

from datetime import date

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from cskg.loaders.frameworks import jar
from cskg.loaders.parsing import clean_text
from cskg.loaders.readers import read_document
from cskg.loaders.readers.text import read as read_text
from cskg.loaders.records import ReportRecord, ReportWarning
from cskg.ontology import ONTOLOGY_DIR
from tests.conftest import seed

SCHEME = URIRef("https://w3id.org/cskg/id/scheme/areas/JAR")

# The grades table: (area, grade, rank, grade as printed on JAR's 4 = outstanding .. 1 scale).
STOKE = [
    ("being-healthy", "adequate", 3, "2"),
    ("staying-safe", "inadequate", 4, "1"),
    ("enjoying-and-achieving", "good", 2, "3"),
    ("making-a-positive-contribution", "good", 2, "3"),
    ("achieving-economic-well-being", "adequate", 3, "2"),
    ("service-management", "adequate", 3, "2"),
    ("capacity-to-improve", "adequate", 3, "2"),
    ("council-capacity-to-improve", "adequate", 3, "2"),
    ("childrens-services", "adequate", 3, "2"),
    ("education-service", "good", 2, "3"),
    ("social-care-services", "inadequate", 4, "1"),
    ("health-service", "adequate", 3, "2"),
]


@pytest.fixture(scope="module")
def stoke() -> ReportRecord:
    path = seed("002")
    return jar.parse(read_document(path), path.name)


@pytest.mark.parametrize("prefix, expected", [("002", "JAR"), ("000", None), ("001", None), ("003", None),
                                              ("004", None)])
def test_detects_only_joint_area_reviews(prefix: str, expected: str | None) -> None:
    # seed 000 mentions "the joint area review in 2005" in its body: not a JAR
    assert jar.detect(read_document(seed(prefix))) == expected


def test_metadata(stoke: ReportRecord) -> None:
    assert (stoke.framework, stoke.authority_code, stoke.authority_name) == ("JAR", "E06000021", "Stoke-on-Trent")
    assert stoke.published == date(2006, 2, 23)
    assert stoke.title == "Joint area review: Stoke-on-Trent"
    # This review prints no fieldwork dates and no inspector names.
    assert (stoke.inspection_start, stoke.inspection_end) == (None, None)
    assert stoke.inspectors == ()
    assert stoke.warnings == (ReportWarning("missing-dates", "the review dates are not printed in the report"),)


def test_every_grade_once_on_the_normalised_scale(stoke: ReportRecord) -> None:
    assert [(j.area, j.grade, j.rank, j.printed_grade) for j in stoke.judgements] == STOKE
    assert len(stoke.judgements) == 12


def test_second_column_grade_names_its_column(stoke: ReportRecord) -> None:
    labels = {j.area: j.area_label for j in stoke.judgements}
    assert labels["capacity-to-improve"] == "Capacity to improve"
    assert labels["council-capacity-to-improve"] == "Capacity to improve (Council services)"


def test_judgement_evidence_is_the_table_row(stoke: ReportRecord) -> None:
    text = read_document(seed("002")).text
    for j in stoke.judgements:
        row = text[j.evidence.start:j.evidence.end]
        assert row.startswith(j.area_label.split(" (")[0]) and j.printed_grade in row.split("\t")[1:]
        assert (j.evidence.section, j.evidence.page) == ("Grades", None)


def test_recommendations_with_timescales(stoke: ReportRecord) -> None:
    recs = stoke.recommendations
    assert [r.number for r in recs] == list(range(1, 11))
    assert [r.timescale for r in recs] == ["immediately"] * 2 + ["within-six-months"] * 2 + ["longer-term"] * 2 \
        + ["immediately"] * 4
    # the summary's paragraphs 23-28, then annex B's "Full recommendations for children's social care" 1-4
    assert [r.evidence.paragraph for r in recs] == [23, 24, 25, 26, 27, 28, 1, 2, 3, 4]
    assert {r.kind for r in recs} == {"recommendation"}
    # a numbered item ending "… and:" holds the dashed points under it
    assert recs[0].text.startswith("The council and its partners must improve")
    assert "implement fully the recommendations" in recs[0].text
    assert recs[0].text.endswith("fulfils its full inter-agency responsibilities effectively.")
    assert recs[1].text.startswith("Improve mental health services")
    assert not any("annex B" in r.text for r in recs)  # the pointer to the annex is no recommendation
    assert recs[7].text.startswith("To achieve this, the following key")
    assert "provide a satisfactory and consistent level" in recs[7].text


def test_findings_are_every_numbered_paragraph(stoke: ReportRecord) -> None:
    numbers = [f.paragraph for f in stoke.findings]
    # the numbered recommendations (23-28, annex B's 1-4) are not findings
    assert numbers == list(range(1, 23)) + list(range(29, 85)) + list(range(1, 7))
    annex_a = stoke.findings[78]
    assert annex_a.evidence.section.startswith("Annex A")


def test_findings_carry_outcome_areas(stoke: ReportRecord) -> None:
    main = {f.paragraph: f for f in stoke.findings[:78]}
    assert main[16].area == "being-healthy"
    assert main[37].area == "staying-safe"
    assert main[47].area == "enjoying-and-achieving"
    assert main[57].area == "making-a-positive-contribution"
    assert main[64].area == "achieving-economic-well-being"
    assert main[72].area == "service-management"
    assert (main[9].area, main[9].evidence.section) == (None, "Context")
    text = read_document(seed("002")).text
    for f in stoke.findings:
        assert f.evidence.paragraph == f.paragraph and f.evidence.page is None
        assert f.text[:40] in clean_text(text[f.evidence.start:f.evidence.end]).replace("*", "")


def test_statistics_come_from_context(stoke: ReportRecord) -> None:
    assert [(s.measure, s.value, s.evidence.paragraph) for s in stoke.statistics] == [
        ("children-in-care", 465.0, 9), ("child-protection-plans", 85.0, 9)]


def test_grades_table_printed_without_tabs_reads_the_same() -> None:
    text = seed("002").read_text(encoding="utf-8")
    flat = text.replace("\t\t\t", "\t").replace("\t\t", " ").replace("\t", " ")
    record = jar.parse(read_text("flat.txt", flat.encode("utf-8"), "0" * 64), "flat.txt")
    assert [(j.area, j.grade, j.rank, j.printed_grade) for j in record.judgements] == STOKE


def test_area_concepts_agree_with_the_parser() -> None:
    graph = Graph().parse(ONTOLOGY_DIR / "areas-jar.ttl")
    notations = {str(n) for c, n in graph.subject_objects(SKOS.notation) if c != SCHEME}
    assert set(jar.AREAS.values()) | {"council-capacity-to-improve"} == notations
    for concept, notation in graph.subject_objects(SKOS.notation):
        if concept != SCHEME:
            assert str(concept) == f"https://w3id.org/cskg/id/area/JAR/{notation}"
            assert (concept, SKOS.inScheme, SCHEME) in graph


@pytest.mark.parametrize("sentence, start, end", [
    ("The fieldwork took place between 10 and 21 October 2005.", date(2005, 10, 10), date(2005, 10, 21)),
    ("The review took place from 28 November to 9 December 2005 in two stages.", date(2005, 11, 28),
     date(2005, 12, 9)),
])
def test_review_dates_printed_in_the_introduction(sentence: str, start: date, end: date) -> None:
    text = ("Joint area review\n\nStoke-on-Trent Children's Services Authority Area\n\n"
            f"Introduction\n\n1. {sentence}\n\nContext\n\n2. Between 1 and 3 May 2004 nothing happened.\n")
    record = jar.parse(read_text("jar.txt", text.encode(), "0" * 64), "jar.txt")
    assert (record.inspection_start, record.inspection_end) == (start, end)
    assert record.authority_code == "E06000021"
