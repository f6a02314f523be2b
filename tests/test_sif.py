"""SIF parser: the Stoke-on-Trent seed exactly, corpus reports checked by reading the PDFs, and
every SIF PDF of the corpus: seven judgements, or warnings that say which are missing and why."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest

from cskg.loaders.document import Document
from cskg.loaders.frameworks import detect, lac, sif
from cskg.loaders.readers import read_document
from cskg.loaders.records import ReportRecord
from tests.conftest import CORPUS, seed, seed_reprinted

SEVEN = ("overall-effectiveness", "help-and-protection", "children-looked-after", "adoption-performance",
         "care-leavers", "leadership-management-governance", "lscb")


@lru_cache(maxsize=None)
def _read(path: str) -> Document:
    return read_document(Path(path))


@lru_cache(maxsize=None)
def _parse(path: str) -> ReportRecord:
    return sif.parse(_read(path), Path(path).name)


def _corpus(name: str) -> ReportRecord:
    return _parse(str(CORPUS / name))


def _grades(record: ReportRecord) -> dict[str, str]:
    return {j.area: j.grade for j in record.judgements}


def test_seed_004_is_detected_as_sif() -> None:
    doc = _read(str(seed("004")))
    assert sif.detect(doc) == "SIF"
    assert detect(doc)[0] == "SIF"
    assert lac.detect(doc) is None


def test_seed_004_facts() -> None:
    record = _parse(str(seed("004")))
    assert record.framework == "SIF"
    assert record.authority_code == "E06000021"
    assert (record.inspection_start, record.inspection_end) == (date(2015, 6, 1), date(2015, 6, 25))
    assert record.published == date(2015, 8, 10)
    assert record.lead_inspector == "Peter McEntee"
    assert "Brenda McLaughlin" in [i.name for i in record.inspectors if i.role == "team"]
    # everyone the team block names, the quality assurance manager too, with the role as printed
    assert [(i.name, i.position, i.title) for i in record.inspectors if i.name == "Simone White"] == [
        ("Simone White", "quality assurance manager", "Senior Her Majesty's Inspector")]
    assert record.warnings == ()


def test_seed_004_has_exactly_seven_judgements() -> None:
    record = _parse(str(seed("004")))
    assert [j.area for j in record.judgements] == list(SEVEN)
    assert _grades(record) == {
        "overall-effectiveness": "requires improvement", "help-and-protection": "requires improvement",
        "children-looked-after": "requires improvement", "adoption-performance": "good",
        "care-leavers": "requires improvement", "leadership-management-governance": "requires improvement",
        "lscb": "requires improvement",
    }
    overall = record.judgements[0]
    assert overall.rank == 3 and overall.printed_grade == "require improvement to be good"
    assert {j.rank for j in record.judgements if j.area == "adoption-performance"} == {2}
    lscb = record.judgements[-1]
    assert lscb.evidence.quote == "The Local Safeguarding Children Board requires improvement"


def test_seed_004_findings_are_every_numbered_paragraph_with_its_area() -> None:
    record = _parse(str(seed("004")))
    # paragraphs 1-14 and 144-150 are recommendations, numbered with the findings
    assert [f.paragraph for f in record.findings] == [*range(15, 144), *range(151, 169)]
    area = {f.paragraph: f.area for f in record.findings}
    assert area[15] == area[51] == "help-and-protection"
    assert area[52] == area[92] == "children-looked-after"
    assert area[93] == area[105] == "adoption-performance"
    assert area[106] == area[122] == "care-leavers"
    assert area[123] == area[143] == "leadership-management-governance"
    assert area[151] == area[168] == "lscb"
    first = record.findings[0]
    assert first.text.startswith("The volume of contacts made by other agencies")
    assert first.evidence.paragraph == 15 and first.evidence.section == "Children who need help and protection"
    assert record.findings[125].text.endswith("key messages from complaints.")  # runs on after "(85 to"


def test_seed_004_recommendations_are_numbered_with_their_section() -> None:
    record = _parse(str(seed("004")))
    assert len(record.recommendations) == 21
    assert [r.number for r in record.recommendations] == list(range(1, 22))
    assert [r.evidence.paragraph for r in record.recommendations] == [*range(1, 15), *range(144, 151)]
    assert record.recommendations[0].text.startswith("Review quality assurance processes")
    assert record.recommendations[0].evidence.section == "Recommendations"
    assert record.recommendations[14].evidence.section == "Recommendations (Local Safeguarding Children Board)"
    assert all(r.kind == "recommendation" for r in record.recommendations)


def test_seed_004_previous_inspections() -> None:
    record = _parse(str(seed("004")))
    # safeguarding and looked after children services, both August 2011: one SLAC inspection
    assert [(p.date, p.framework, p.grade, p.rank) for p in record.previous_inspections] == [
        (date(2011, 8, 1), "SLAC", "adequate", 3)]


def test_a_first_page_printed_over_lines_reads_as_printed_on_one(tmp_path: Path) -> None:
    """The council and title wrapped, the dates split over two lines, the publication date on the line after its
    label and the judgement box without tabs (labels wrapped, a grade on the line below): the same record."""
    doc = read_document(seed_reprinted(tmp_path, "004", "# Stoke-on-Trent", "\n---\n", (
        "Stoke-on-Trent City\nCouncil\n\n"
        "Inspection of services for children in need of\nhelp and protection, children looked after and\n"
        "care leavers\n\nand\n\nReview of the effectiveness of the Local\nSafeguarding Children Board\n\n"
        "Inspection dates: 1 June 2015 –\n25 June 2015\n\n"
        "Report published:\n10 August 2015\n\n"
        "Children’s services in Stoke-on-Trent\nrequire improvement to be good\n\n"
        "1. Children who need help and\nprotection Requires improvement\n"
        "2. Children looked after and achieving\npermanence\nRequires improvement\n"
        "2.1 Adoption performance Good\n"
        "2.2 Experiences and progress of care leavers\nRequires improvement\n"
        "3. Leadership, management and governance Requires improvement\n")))
    assert sif.detect(doc) == "SIF"
    record = sif.parse(doc, "reflowed.txt")
    original = _parse(str(seed("004")))
    assert record.authority_code == "E06000021"
    assert record.title == original.title == ("Inspection of services for children in need of help and protection, "
                                              "children looked after and care leavers and Review of the "
                                              "effectiveness of the Local Safeguarding Children Board")
    assert (record.inspection_start, record.inspection_end) == (date(2015, 6, 1), date(2015, 6, 25))
    assert record.published == date(2015, 8, 10)
    assert _grades(record) == _grades(original)
    looked_after = next(j for j in record.judgements if j.area == "children-looked-after")
    assert looked_after.evidence.quote == "Children looked after and achieving permanence Requires improvement"
    assert record.warnings == ()


def test_barking_and_dagenham_2014() -> None:
    """2014 template: judgement box with the LSCB on page 1, 'Areas for improvement', team on page 7."""
    record = _corpus("barking-and-dagenham/2014-07-07.pdf")
    assert record.authority_code == "E09000002"
    assert (record.inspection_start, record.inspection_end, record.published) == (
        date(2014, 4, 29), date(2014, 5, 22), date(2014, 7, 7))
    assert _grades(record) == {area: "requires improvement" for area in SEVEN}
    assert record.lead_inspector == "Brendan Parkinson"
    assert [i.name for i in record.inspectors if i.role == "team"] == [
        "Mike Ferguson", "Wendy Ghaffar", "Graham Tilby", "Penny Fisher", "Sara Goodinge", "Nick Stacey"]
    assert [f.paragraph for f in record.findings] == [*range(1, 28), *range(41, 136), *range(141, 155)]
    recs = record.recommendations
    assert [r.evidence.paragraph for r in recs] == [*range(28, 41), *range(136, 141)]
    assert {r.kind for r in recs} == {"area-for-improvement"}
    assert recs[0].evidence.page == 5
    # "judged Good for safeguarding and Adequate for looked after children": one inspection, its first grade
    assert [(p.framework, p.grade) for p in record.previous_inspections] == [("SLAC", "good")]


def test_bath_and_north_east_somerset_2017() -> None:
    """2016-17 template: LSCB judgement heads its own section at the end."""
    record = _corpus("bath-and-north-east-somerset/2017-07-07.pdf")
    assert record.authority_code == "E06000022"
    assert (record.inspection_start, record.inspection_end) == (date(2017, 4, 24), date(2017, 5, 18))
    assert _grades(record) == {
        "overall-effectiveness": "good", "help-and-protection": "requires improvement",
        "children-looked-after": "good", "adoption-performance": "outstanding",
        "care-leavers": "requires improvement", "leadership-management-governance": "good", "lscb": "good"}
    assert record.lead_inspector == "Donna Marriott"
    assert [f.paragraph for f in record.findings] == [*range(9, 86), *range(89, 106)]
    assert [r.evidence.paragraph for r in record.recommendations] == [*range(1, 9), 86, 87, 88]


def test_reinspection_has_no_lscb_judgement_and_says_so() -> None:
    record = _corpus("coventry/2017-06-13.pdf")
    assert record.title.startswith("Re-inspection of services for children in need of help and protection")
    assert "lscb" not in _grades(record) and len(record.judgements) == 6
    assert _grades(record)["overall-effectiveness"] == "requires improvement"
    assert any("does not include a review of the Local Safeguarding Children Board" in w.message
               for w in record.warnings if w.code == "not-judged")


def test_areas_not_judged_are_left_out_with_a_warning() -> None:
    record = _corpus("isles-of-scilly/2016-06-27.pdf")
    assert set(_grades(record)) == {"overall-effectiveness", "help-and-protection",
                                     "leadership-management-governance", "lscb"}
    assert sorted(w.message.split(":")[0] for w in record.warnings if w.code == "not-judged") == [
        "adoption-performance", "care-leavers", "children-looked-after"]


def test_bulleted_pilot_report_has_judgements_but_no_numbered_findings() -> None:
    record = _corpus("hartlepool/2014-02-11.pdf")
    assert _grades(record)["overall-effectiveness"] == "good"
    assert _grades(record)["lscb"] == "requires improvement"
    assert record.findings == ()
    assert any(w.code == "no-findings" and "no numbered paragraphs" in w.message for w in record.warnings)


def _sif_pdfs() -> list[str]:
    """The corpus PDFs whose first page carries the SIF title (read with pypdfium2 alone: cheaper
    than reading every report of the corpus)."""
    import pypdfium2 as pdfium

    found = []
    for path in sorted(CORPUS.glob("*/*.pdf")):
        if path.read_bytes()[:5] != b"%PDF-":
            continue
        pdf = pdfium.PdfDocument(str(path))
        try:
            textpage = pdf[0].get_textpage()
            first = textpage.get_text_range()
            textpage.close()
        finally:
            pdf.close()
        if sif._TITLE.search(first):
            found.append(str(path.relative_to(CORPUS)))
    return found


SIF_PDFS = _sif_pdfs() if CORPUS.is_dir() else []


def test_corpus_holds_the_sif_reports() -> None:
    assert len(SIF_PDFS) == 89


@pytest.mark.parametrize("name", SIF_PDFS)
def test_every_corpus_sif_pdf_has_seven_judgements_or_says_why_not(name: str) -> None:
    record = _corpus(name)
    areas = [j.area for j in record.judgements]
    assert len(areas) == len(set(areas))
    assert set(areas) <= set(SEVEN)
    missing = set(SEVEN) - set(areas)
    explained = {w.message.split(":")[0] for w in record.warnings
                 if w.code in ("missing-judgement", "not-judged", "missing-overall-grade")}
    assert missing == explained
    assert all(j.rank == {"outstanding": 1, "good": 2, "requires improvement": 3, "inadequate": 4}[j.grade]
               for j in record.judgements)
    if record.findings:  # findings and recommendations numbered in one sequence through the report from 1
        numbers = sorted([f.paragraph for f in record.findings] + [
            r.evidence.paragraph for r in record.recommendations if r.evidence.paragraph is not None])
        assert numbers == list(range(1, len(numbers) + 1))
    assert record.lead_inspector


def test_stand_alone_lscb_review() -> None:
    from cskg.loaders.frameworks import lscb_review

    doc = _read(str(CORPUS / "surrey" / "2015-08-03.pdf"))
    assert detect(doc)[0] == "LSCB-review"
    assert sif.detect(doc) is None
    record = lscb_review.parse(doc, "2015-08-03.pdf")
    assert record.framework == "LSCB-review"
    assert record.authority_code == "E10000030"
    assert (record.inspection_start, record.inspection_end, record.published) == (
        date(2015, 6, 15), date(2015, 6, 17), date(2015, 8, 3))
    assert [(j.area, j.grade, j.rank) for j in record.judgements] == [("lscb", "requires improvement", 3)]
    assert [f.paragraph for f in record.findings] == list(range(1, 18))
    assert {f.area for f in record.findings} == {"lscb"}
    assert "Overall effectiveness" not in {f.evidence.section for f in record.findings}
    assert record.lead_inspector == "Dominic Stevens"


def test_list_headings_followed_by_a_colon_open_and_close_the_recommendations() -> None:
    """"Recommendations:" opens the list as "Recommendations" does, and "The local authority has the following
    strengths:" ends it: the strengths numbered after it are findings, not areas for improvement."""
    from cskg.loaders.readers.text import read as read_text

    body = ("Recommendations:\n\n"
            "1. Improve the timeliness of initial health assessments for children who come into care.\n\n"
            "2. Strengthen the oversight of plans for children placed with connected carers.\n\n"
            "The local authority has the following strengths:\n\n"
            "3. Children at risk of harm are seen quickly and their needs are understood well.\n\n"
            "4. Care leavers are helped to find suitable homes and stay in touch with their advisers.\n")
    found = sif.paragraphs(read_text("t.txt", body.encode("utf-8"), "0" * 64))
    assert [(p.number, sif.is_recommendation(p)) for p in found] == [(1, True), (2, True), (3, False), (4, False)]
    assert [r.kind for r in sif.recommendations(found)] == ["recommendation", "recommendation"]


@pytest.mark.parametrize("nothing", ["The inspection did not find any areas for priority and immediate action.",
                                     "No areas were identified for priority and immediate action."])
def test_a_numbered_line_saying_the_inspection_found_nothing_to_do_is_no_recommendation(nothing: str) -> None:
    from cskg.loaders.readers.text import read as read_text

    body = ("Priority and immediate action\n\n"
            f"1. {nothing}\n\n"
            "Areas for improvement\n\n"
            "2. Make sure that every child in care has an up-to-date health assessment.\n")
    found = sif.paragraphs(read_text("t.txt", body.encode("utf-8"), "0" * 64))
    assert [(p.number, sif.is_recommendation(p)) for p in found] == [(1, False), (2, True)]


def test_a_stand_alone_review_printed_over_lines(tmp_path: Path) -> None:
    """A review's first page with the board's name, the title, the dates, the publication date and the grade each
    wrapped onto a second line: read as printed on one."""
    from cskg.loaders.frameworks import lscb_review

    doc = read_document(seed_reprinted(tmp_path, "004", "# Stoke-on-Trent", "\n---\n", (
        "Stoke-on-Trent Safeguarding\nChildren Board\n\n"
        "Review of the effectiveness of the Local\nSafeguarding Children Board\n\n"
        "Inspection dates: 1 June 2015 –\n25 June 2015\n\n"
        "Report published:\n10 August 2015\n\n"
        "The Local Safeguarding Children Board is\ngood\n")))
    assert detect(doc)[0] == "LSCB-review"
    record = lscb_review.parse(doc, "review.txt")
    assert (record.authority_code, record.title) == (
        "E06000021", "Review of the effectiveness of the Local Safeguarding Children Board")
    assert (record.inspection_start, record.inspection_end, record.published) == (
        date(2015, 6, 1), date(2015, 6, 25), date(2015, 8, 10))
    assert [(j.area, j.grade, j.evidence.quote) for j in record.judgements] == [
        ("lscb", "good", "The Local Safeguarding Children Board is good")]


def test_a_bulleted_recommendation_list_in_the_lscb_section_is_read_and_ends_at_the_next_heading() -> None:
    """A SIF report may bullet its board's recommendations; the bullets of the next part ('Key strengths and
    weaknesses of the LSCB') are findings of the board, not more recommendations."""
    from cskg.loaders.readers.text import read as read_text

    body = ("Recommendations\n\n"
            "1. Improve the timeliness of initial health assessments for children who come into care.\n\n"
            "The local authority has the following strengths\n\n"
            "2. Children at risk of harm are seen quickly and their needs are understood well.\n\n"
            "Section 2: The effectiveness of the Local Safeguarding Children Board\n\n"
            "Recommendations\n\n"
            "• The board should agree how it will hear the views of children in care.\n\n"
            "• The board should check that partners act on the learning from case reviews.\n\n"
            "Key strengths and weaknesses of the LSCB\n\n"
            "• The board has a clear plan and its partners attend well.\n")
    doc = read_text("t.txt", body.encode("utf-8"), "0" * 64)
    listed = sif.listed_recommendations(doc, sif.paragraphs(doc))
    assert [(r.number, r.kind, r.text[:24]) for r in listed] == [
        (1, "recommendation", "Improve the timeliness o"),
        (2, "recommendation", "The board should agree h"),
        (3, "recommendation", "The board should check t")]

