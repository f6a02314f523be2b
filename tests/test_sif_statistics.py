"""Local statistics of SIF reports (and every framework that prints them): the SIF parser reads the
"Information about this local authority area" figures; numbers with thousands separated by commas or
spaces, and small counts in words, read right."""

from __future__ import annotations

from datetime import date

import pytest

from cskg.loaders import load_record
from cskg.loaders.readers.text import read as read_text
from cskg.loaders.statistics import local_statistics
from tests.conftest import seed

MARCH_2015, MARCH_2014 = date(2015, 3, 31), date(2014, 3, 31)


def _rows(statistics) -> list[tuple[str, float, str, date | None]]:
    return [(s.measure, s.value, s.unit, s.as_of) for s in statistics]


def _read(body: str):
    return local_statistics(read_text("t.txt", body.encode("utf-8"), "0" * 64))


def test_the_sif_seed_gets_its_local_statistics_through_the_loader() -> None:
    record = load_record(seed("004"))
    assert _rows(record.statistics) == [
        ("population-0-17", 55077.0, "count", None), ("population-0-17", 22.0, "percent", None),
        ("children-in-need", 1766.0, "count", MARCH_2015), ("children-in-need", 3381.0, "count", MARCH_2014),
        ("child-protection-plans", 261.0, "count", MARCH_2015), ("child-protection-plans", 308.0, "count", MARCH_2014),
        ("children-in-care", 609.0, "count", MARCH_2015), ("children-in-care", 110.6, "rate-per-10000", MARCH_2015),
        ("children-in-care", 535.0, "count", MARCH_2014), ("children-in-care", 98.0, "rate-per-10000", MARCH_2014),
    ]
    assert record.statistics[0].evidence.section == "Children living in this area"


@pytest.mark.parametrize("printed, value", [("62 100", 62100.0), ("62,100", 62100.0), ("62\u00a0100", 62100.0),
                                            ("1 062 100", 1062100.0), ("620", 620.0)])
def test_thousands_separated_by_commas_or_spaces(printed: str, value: float) -> None:
    body = (f"Children living in this area\n\nApproximately {printed} children and young people currently under "
            "the age of 18 live in Somewhere. That represents 20% of the whole population of the borough.\n")
    assert _rows(_read(body)) == [("population-0-17", value, "count", None), ("population-0-17", 20.0, "percent", None)]


def test_a_spaced_number_never_joins_a_year_or_a_range() -> None:
    body = ("Children looked after in this area\n\nOn 31 March 2016 512 children were looked after by the "
            "council. In 2015–16 488 children were looked after during the year.\n")
    assert _rows(_read(body)) == [("children-in-care", 512.0, "count", date(2016, 3, 31)),
                                  ("children-in-care", 488.0, "count", None)]


def test_small_counts_printed_in_words() -> None:
    body = ("Child protection in this area\n\nOn 9 May 2017, no children were subject to a child protection "
            "plan. On 9 May 2017, three children were being looked after by the council.\n")
    assert _rows(_read(body)) == [("child-protection-plans", 0.0, "count", date(2017, 5, 9)),
                                  ("children-in-care", 3.0, "count", date(2017, 5, 9))]


def test_headings_naming_the_council_and_other_phrasings() -> None:
    body = ("Children living in Northmoor\n\nAround 48,200 children and young people in Northmoor aged "
            "between 0-17 years live there.\n\nChild protection in Northmoor\n\nAt 5 May 2015, assessments had "
            "identified 2,947 children as formally in need of specialist help.\n\n"
            "Children and young people looked after in this area\n\nAt 5 May 2015, 388 children were in the "
            "care of the council.\n\nChildren in care\n\n250 children are looked after elsewhere.\n")
    may = date(2015, 5, 5)
    assert _rows(_read(body)) == [("population-0-17", 48200.0, "count", None),
                                  ("children-in-need", 2947.0, "count", may),
                                  ("children-in-care", 388.0, "count", may)]


SIF_MEASURES = {"children-in-care", "child-protection-plans", "children-in-need", "population-0-17"}
# Reports whose "Information about this local authority area" prints no figure of a measure (read from the PDF).
NOT_PRINTED = {"southampton/2014-09-15.pdf": {"children-in-need"}}


def test_every_sif_inspection_has_its_local_statistics(loaded_files: dict) -> None:
    sif = {source: loaded.records[0] for source, loaded in loaded_files.items()
           if loaded.records and loaded.records[0].framework == "SIF"}
    assert len(sif) >= 89
    for source, record in sif.items():
        measures = {s.measure for s in record.statistics}
        assert measures == SIF_MEASURES - NOT_PRINTED.get(source, set()), source
        assert all(s.value >= 0 and s.evidence.section for s in record.statistics), source


def test_a_footnote_mark_glued_to_a_number_is_not_part_of_it() -> None:
    body = ("Children living in this area\n\nApproximately 41,3003 children and young people currently under the age "
            "of 18 live in Somewhere. That represents 27% of the whole population of the borough.\n")
    assert _rows(_read(body)) == [("population-0-17", 41300.0, "count", None), ("population-0-17", 27.0, "percent", None)]


def test_care_leavers_with_their_ages_and_an_increase_of_a_stated_size() -> None:
    body = ("Children looked after in this area\n\nThere were 152 care leavers (18-21). On 4 August 2016, 45 children "
            "had been identified in need of specialist support. That is a rise of two from 43 at 31 March 2015.\n")
    assert _rows(_read(body)) == [("care-leavers", 152.0, "count", None),
                                  ("children-in-need", 45.0, "count", date(2016, 8, 4)),
                                  ("children-in-need", 43.0, "count", MARCH_2015)]
