"""ILACS parser: seed 001 exactly, corpus reports checked by reading their PDFs, every corpus
ILACS report parsed."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

import pytest

from cskg.loaders.authorities import authority_index
from cskg.loaders.document import Document
from cskg.loaders.errors import RejectedInput
from cskg.loaders.frameworks import ilacs
from cskg.loaders.readers import read_document
from cskg.loaders.records import ReportRecord
from tests.conftest import CORPUS, seed, seed_reprinted

RI = "requires improvement to be good"


def parse_file(path: Path) -> ReportRecord:
    doc = read_document(path)
    assert ilacs.detect(doc) is not None, f"{path} not detected as ILACS"
    return ilacs.parse(doc, path.name)


def grades(record: ReportRecord) -> dict[str, str]:
    return {j.area: j.grade for j in record.judgements}


@pytest.fixture(scope="module")
def staffordshire() -> tuple[Document, ReportRecord]:
    doc = read_document(seed("001"))
    return doc, ilacs.parse(doc, "001.txt")


# ---------------------------------------------------------------- seed 001, exactly

def test_seed_001_identity_dates_and_inspector(staffordshire: tuple[Document, ReportRecord]) -> None:
    doc, record = staffordshire
    assert ilacs.detect(doc) == "ILACS-short"  # 6 to 10 November: one week on site
    assert record.framework == "ILACS-short"
    assert record.authority_code == "E10000028"
    assert record.authority_name == "Staffordshire"
    assert record.title == "Inspection of Staffordshire County Council local authority children's services"
    assert (record.inspection_start, record.inspection_end) == (date(2023, 11, 6), date(2023, 11, 10))
    assert record.published is None  # the seed prints no publication date
    assert record.lead_inspector == "Alison Smale"
    assert [(i.name, i.role, i.title) for i in record.inspectors] == [
        ("Alison Smale", "lead", "His Majesty's Inspector")]
    assert record.source == "001.txt"
    assert record.sha256 == doc.sha256
    assert record.page_count is None


def test_seed_001_five_judgements_from_the_table(staffordshire: tuple[Document, ReportRecord]) -> None:
    doc, record = staffordshire
    assert [(j.area, j.grade, j.rank) for j in record.judgements] == [
        ("overall-effectiveness", RI, 3),
        ("impact-of-leaders", RI, 3),
        ("help-and-protection", RI, 3),
        ("children-in-care", "good", 2),
        ("care-leavers", RI, 3),
    ]
    in_care = next(j for j in record.judgements if j.area == "children-in-care")
    assert in_care.area_label == "The experiences and progress of children in care"
    assert in_care.evidence.quote == "The experiences and progress of children in care Good"
    for judgement in record.judgements:
        assert judgement.printed_grade is None  # printed exactly as the label
        span = doc.text[judgement.evidence.start:judgement.evidence.end]
        assert " ".join(span.split()) == judgement.evidence.quote


def test_seed_001_recommendations(staffordshire: tuple[Document, ReportRecord]) -> None:
    _, record = staffordshire
    assert [r.number for r in record.recommendations] == [1, 2, 3, 4]
    assert record.recommendations[0].text.startswith("The quality and effectiveness of management oversight")
    assert record.recommendations[3].text.endswith("not placed in unsuitable temporary accommodation.")
    assert all(r.evidence.section == "What needs to improve?" for r in record.recommendations)


def test_seed_001_findings_with_sections_and_areas(staffordshire: tuple[Document, ReportRecord]) -> None:
    doc, record = staffordshire
    assert [f.paragraph for f in record.findings] == list(range(1, 46))
    areas = {f.paragraph: f.area for f in record.findings}
    assert {areas[n] for n in range(1, 17)} == {"help-and-protection"}
    assert {areas[n] for n in range(17, 30)} == {"children-in-care"}
    assert {areas[n] for n in range(30, 38)} == {"care-leavers"}
    assert {areas[n] for n in range(38, 46)} == {"impact-of-leaders"}
    seventeenth = record.findings[16]
    assert seventeenth.evidence.section == "The experiences and progress of children in care: good"
    assert seventeenth.evidence.paragraph == 17
    assert seventeenth.text.startswith("Most children come into care appropriately")
    assert doc.text[seventeenth.evidence.start:].startswith("17. Most children come into care")


def test_seed_001_with_a_publication_line(tmp_path: Path) -> None:
    # printed under the dates, as SIF reports print it (the back cover, where the seed's copyright line stands, is
    # no part of the report's blocks)
    text = seed("001").read_text(encoding="utf-8").replace("\n\nLead inspector:",
                                                          "\n\nReport published: 12 January 2024\n\nLead inspector:", 1)
    copy = tmp_path / "published.txt"
    copy.write_text(text, encoding="utf-8")
    assert ilacs.parse(read_document(copy), "published.txt").published == date(2024, 1, 12)


# ---------------------------------------------------------------- corpus PDFs, values read off the PDF

def test_barnet_2019_combined_judgement_and_pages() -> None:
    record = parse_file(CORPUS / "barnet" / "2019-07-01.pdf")
    assert record.framework == "ILACS-standard"
    assert record.authority_code == "E09000003"
    # the report's title: the council's name from the reference data, then the title of 2019's ILACS reports
    council = authority_index().by_gss["E09000003"].name
    assert record.title == f"London Borough of {council} Inspection of children’s social care services"
    assert (record.inspection_start, record.inspection_end) == (date(2019, 5, 13), date(2019, 5, 24))
    assert record.published is None
    assert [(i.name, i.title) for i in record.inspectors] == [("Andy Whippey", "Her Majesty’s Inspector")]
    assert grades(record) == {"overall-effectiveness": "good", "impact-of-leaders": "good",
                              "help-and-protection": "good", "children-in-care-and-care-leavers": "good"}
    combined = next(j for j in record.judgements if j.area == "children-in-care-and-care-leavers")
    assert combined.evidence.page == 1
    assert combined.evidence.quote == "The experiences and progress of children in care and care leavers Good"
    assert len(record.recommendations) == 4
    second = record.recommendations[1].text  # the whole item: its first words, its last, its length
    assert second.startswith("The updating of assessments of need") and second.endswith("for children in care.")
    assert len(second.split()) == 13
    assert [f.paragraph for f in record.findings] == list(range(1, 46))
    first = record.findings[0]
    assert (first.area, first.evidence.page) == ("help-and-protection", 2)
    assert record.page_count == 10


def test_barking_and_dagenham_2023_five_judgements() -> None:
    record = parse_file(CORPUS / "barking-and-dagenham" / "2023-09-04.pdf")
    assert (record.framework, record.authority_code) == ("ILACS-standard", "E09000002")
    assert (record.inspection_start, record.inspection_end) == (date(2023, 7, 10), date(2023, 7, 21))
    assert [(i.name, i.title) for i in record.inspectors] == [("Naintara Khosla", "His Majesty’s Inspector")]
    assert grades(record) == {"overall-effectiveness": RI, "impact-of-leaders": RI, "help-and-protection": RI,
                              "children-in-care": RI, "care-leavers": "good"}
    assert len(record.recommendations) == 8
    assert record.recommendations[0].text == "Timeliness of strategy meetings."
    assert [f.paragraph for f in record.findings] == list(range(1, 69))
    care_leavers = [f.paragraph for f in record.findings if f.area == "care-leavers"]
    assert care_leavers[0] == 43  # the heading on page 8 precedes "43. The local name for personal advisers"
    assert record.findings[-1].evidence.page == 11


def test_st_helens_2023_grades_as_printed() -> None:
    record = parse_file(CORPUS / "st-helens" / "2023-09-04.pdf")
    assert record.authority_code == "E08000013"
    assert grades(record) == {"overall-effectiveness": "good", "impact-of-leaders": "good",
                              "help-and-protection": RI, "children-in-care": "good",
                              "care-leavers": "outstanding"}
    assert record.lead_inspector == "Russel Breyer"


def test_oxfordshire_2018_hmi_suffix_and_wrapped_grade() -> None:
    record = parse_file(CORPUS / "oxfordshire" / "2018-05-22.pdf")
    assert record.framework == "ILACS-short"  # 16 to 20 April 2018
    assert record.authority_code == "E10000025"
    assert [(i.name, i.title) for i in record.inspectors] == [("Donna Marriott", "HMI")]
    help_and_protection = next(j for j in record.judgements if j.area == "help-and-protection")
    assert (help_and_protection.grade, help_and_protection.rank) == (RI, 3)  # "Requires improvement to\nbe good"
    assert grades(record)["children-in-care-and-care-leavers"] == "good"


def test_nottingham_2022_date_range_with_dash_and_repeated_title() -> None:
    record = parse_file(CORPUS / "nottingham" / "2022-09-05.pdf")
    assert record.framework == "ILACS-standard"
    assert record.authority_code == "E06000018"
    assert (record.inspection_start, record.inspection_end) == (date(2022, 7, 11), date(2022, 7, 22))
    assert grades(record)["overall-effectiveness"] == "inadequate"
    assert grades(record)["children-in-care-and-care-leavers"] == RI


def test_newcastle_2022_short_name_resolves() -> None:
    record = parse_file(CORPUS / "newcastle-upon-tyne" / "2022-02-01.pdf")
    assert (record.authority_code, record.authority_name) == ("E08000021", "Newcastle upon Tyne")
    assert (record.inspection_start, record.inspection_end) == (date(2021, 11, 29), date(2021, 12, 10))


def test_isles_of_scilly_2023_three_days_is_short() -> None:
    record = parse_file(CORPUS / "isles-of-scilly" / "2023-08-25.pdf")
    assert record.framework == "ILACS-short"
    assert (record.inspection_start, record.inspection_end) == (date(2023, 7, 11), date(2023, 7, 13))
    assert grades(record)["overall-effectiveness"] == "inadequate"


# ---------------------------------------------------------------- detection and rejection

@pytest.mark.parametrize("prefix", ["000", "002", "003", "004"])
def test_other_frameworks_are_not_ilacs(prefix: str) -> None:
    assert ilacs.detect(read_document(seed(prefix))) is None


@pytest.mark.parametrize("name", ["lambeth/2018-05-09.pdf", "barking-and-dagenham/2014-07-07.pdf"])
def test_single_inspection_framework_reports_are_not_ilacs(name: str) -> None:
    assert ilacs.detect(read_document(CORPUS / name)) is None


def _seed_variant(tmp_path: Path, old: str, new: str) -> Document:
    text = seed("001").read_text(encoding="utf-8")
    assert old in text
    variant = tmp_path / "variant.txt"
    variant.write_text(text.replace(old, new, 1), encoding="utf-8")
    return read_document(variant)


def test_report_without_dates_is_rejected(tmp_path: Path) -> None:
    doc = _seed_variant(tmp_path, "6 to 10 November 2023", "to be confirmed")
    with pytest.raises(RejectedInput, match="Inspection dates"):
        ilacs.parse(doc, "variant.txt")


def test_report_of_an_unknown_council_is_rejected(tmp_path: Path) -> None:
    doc = _seed_variant(tmp_path, "Staffordshire County Council", "Atlantis Council")
    with pytest.raises(RejectedInput, match="not a known English local authority"):
        ilacs.parse(doc, "variant.txt")


def test_two_weeks_on_site_is_standard(tmp_path: Path) -> None:
    doc = _seed_variant(tmp_path, "6 to 10 November 2023", "6 to 17 November 2023")
    assert ilacs.detect(doc) == "ILACS-standard"
    assert ilacs.parse(doc, "variant.txt").framework == "ILACS-standard"


def test_a_stated_kind_wins_over_the_time_on_site(tmp_path: Path) -> None:
    doc = _seed_variant(tmp_path, "Lead inspector:", "This was a standard inspection.\n\nLead inspector:")
    assert ilacs.detect(doc) == "ILACS-standard"
    record = ilacs.parse(doc, "variant.txt")
    assert record.framework == "ILACS-standard"
    assert (record.inspection_start, record.inspection_end) == (date(2023, 11, 6), date(2023, 11, 10))


def test_a_head_printed_over_lines_reads_as_printed_on_one(tmp_path: Path) -> None:
    """The title wrapped, the dates split over two lines, the judgement table without tabs (a label wrapped, its
    grade on the line below) and the publication date on the line after its label: the same record."""
    doc = read_document(seed_reprinted(tmp_path, "001", "# Inspection of", "Services for vulnerable children", (
        "Inspection of Staffordshire County Council\nlocal authority children's services\n\n"
        "Inspection dates: 6 to\n10 November 2023\n\n"
        "Report published:\n12 January 2024\n\n"
        "Lead inspector: Alison Smale, His Majesty's Inspector\n\n"
        "Judgement Grade\n"
        "The impact of leaders on social work practice\nwith children and families\nRequires improvement to be good\n"
        "The experiences and progress of children who\nneed help and protection Requires improvement to be good\n"
        "The experiences and progress of children in care Good\n"
        "The experiences and progress of care leavers\nRequires improvement to be good\n"
        "Overall effectiveness Requires improvement to be good\n\n")))
    assert ilacs.detect(doc) == "ILACS-short"
    record = ilacs.parse(doc, "reflowed.txt")
    assert record.authority_name == "Staffordshire"
    assert record.title == "Inspection of Staffordshire County Council local authority children's services"
    assert (record.inspection_start, record.inspection_end) == (date(2023, 11, 6), date(2023, 11, 10))
    assert record.published == date(2024, 1, 12)
    assert grades(record) == {"overall-effectiveness": RI, "impact-of-leaders": RI, "help-and-protection": RI,
                              "children-in-care": "good", "care-leavers": RI}
    leaders = next(j for j in record.judgements if j.area == "impact-of-leaders")
    assert leaders.evidence.quote == ("The impact of leaders on social work practice with children and families "
                                      "Requires improvement to be good")
    assert all(j.evidence.section is None for j in record.judgements)  # the table's rows, not the headings


# ---------------------------------------------------------------- the whole corpus

def _parse_if_ilacs(path: Path) -> tuple[str, ReportRecord | None]:
    try:
        doc = read_document(path)
    except RejectedInput:
        return path.relative_to(CORPUS).as_posix(), None
    record = ilacs.parse(doc, path.name) if ilacs.detect(doc) else None
    return path.relative_to(CORPUS).as_posix(), record


@pytest.fixture(scope="module")
def corpus_records() -> dict[str, ReportRecord]:
    paths = sorted(CORPUS.glob("*/*.pdf"))
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        parsed = pool.map(_parse_if_ilacs, paths, chunksize=4)
        return {name: record for name, record in parsed if record is not None}


def test_every_corpus_ilacs_report_parses_with_four_to_six_judgements(
        corpus_records: dict[str, ReportRecord]) -> None:
    assert len(corpus_records) == 134
    for name, record in corpus_records.items():
        areas = [j.area for j in record.judgements]
        assert 4 <= len(areas) <= 6, name
        assert len(set(areas)) == len(areas), name
        assert "overall-effectiveness" in areas, name
        combined = "children-in-care-and-care-leavers" in areas
        assert combined != ("children-in-care" in areas), name
        assert record.inspection_start and record.inspection_end, name
        assert record.inspection_start <= record.inspection_end, name
        assert record.lead_inspector, name
        # a "What needs to improve?" section of prose alone lists nothing (north-lincolnshire/2022-11-25)
        assert record.recommendations or name == "north-lincolnshire/2022-11-25.pdf", name
        assert len(record.findings) >= 20, name
        assert all(f.area is not None for f in record.findings), name


def test_combined_judgement_only_before_2023(corpus_records: dict[str, ReportRecord]) -> None:
    for name, record in corpus_records.items():
        combined = any(j.area == "children-in-care-and-care-leavers" for j in record.judgements)
        assert combined == (record.inspection_start < date(2023, 1, 1)), name
