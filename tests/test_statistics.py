"""local_statistics: the local context figures reports print, on every seed."""

from __future__ import annotations

from datetime import date

import pytest

from cskg.loaders.parsing import clean_text
from cskg.loaders.readers import read_document
from cskg.loaders.readers.text import read as read_text
from cskg.loaders.records import Statistic
from cskg.loaders.statistics import local_statistics
from tests.conftest import seed

MARCH_2015, MARCH_2014 = date(2015, 3, 31), date(2014, 3, 31)


def _rows(statistics: tuple[Statistic, ...]) -> list[tuple[str, float, str, date | None]]:
    return [(s.measure, s.value, s.unit, s.as_of) for s in statistics]


def _text(body: str) -> tuple[Statistic, ...]:
    return local_statistics(read_text("t.txt", body.encode("utf-8"), "0" * 64))


def test_slac_service_information() -> None:
    # "over <N> children in the care of <the council>" is a bound, not a value
    assert _rows(local_statistics(read_document(seed("000")))) == [
        ("population-0-18", 173081.0, "count", None),
        ("population-0-18", 22.0, "percent", None),  # "… make up <P>% of the population (<N>)"
        ("child-protection-plans", 450.0, "count", None),
    ]


def test_slac_dudley_population_and_no_rate_from_a_finding() -> None:
    stats = local_statistics(read_document(seed("003")))
    # the referral rate of paragraph 32 is in a finding ("Quality of provision"), not in the local context
    assert _rows(stats) == [
        ("population-0-19", 74830.0, "count", None),
        ("population-0-19", 24.5, "percent", None),  # "… constitute <P>% of the total population with <N> …"
    ]
    assert [(s.evidence.paragraph, s.evidence.section) for s in stats] == [
        (4, "Service information"), (4, "Service information")]


def test_a_referral_rate_is_read_in_the_local_context_only() -> None:
    body = ("Service information\n\n"
            "1. The council received referrals at a rate of 415 referrals per 10,000 children in 2010. "
            "The rate compared with 500 referrals per 10,000 children in similar areas is low.\n\n"
            "Quality of provision\n\n"
            "2. Referrals have settled at 390 referrals per 10,000 children.\n")
    assert _rows(_text(body)) == [("referrals", 415.0, "rate-per-10000", None)]


def test_jar_context() -> None:
    stats = local_statistics(read_document(seed("002")))
    assert _rows(stats) == [("children-in-care", 465.0, "count", None),
                            ("child-protection-plans", 85.0, "count", None)]
    assert {(s.evidence.paragraph, s.evidence.section) for s in stats} == {(9, "Context")}


def test_sif_local_authority_information_with_dates_and_previous_year() -> None:
    assert _rows(local_statistics(read_document(seed("004")))) == [
        ("population-0-17", 55077.0, "count", None),
        ("population-0-17", 22.0, "percent", None),  # "This is <P>% of the total population in <the area>."
        ("children-in-need", 1766.0, "count", MARCH_2015),
        ("children-in-need", 3381.0, "count", MARCH_2014),
        ("child-protection-plans", 261.0, "count", MARCH_2015),
        ("child-protection-plans", 308.0, "count", MARCH_2014),
        ("children-in-care", 609.0, "count", MARCH_2015),
        ("children-in-care", 110.6, "rate-per-10000", MARCH_2015),
        ("children-in-care", 535.0, "count", MARCH_2014),
        ("children-in-care", 98.0, "rate-per-10000", MARCH_2014),
    ]


def test_ilacs_report_without_context_section_has_none() -> None:
    assert local_statistics(read_document(seed("001"))) == ()


@pytest.mark.parametrize("prefix", ["000", "002", "003", "004"])
def test_evidence_is_the_sentence_that_states_the_figure(prefix: str) -> None:
    doc = read_document(seed(prefix))
    for s in local_statistics(doc):
        assert clean_text(doc.text[s.evidence.start:s.evidence.end]) == s.evidence.quote
        assert s.evidence.quote[0].isupper() and s.evidence.quote.endswith(".")
        number = f"{s.value:,.1f}".removesuffix(".0")
        assert number in s.evidence.quote or number.replace(",", "") in s.evidence.quote


def test_bounds_comparisons_and_other_sections_are_not_values() -> None:
    body = ("Service information\n\n"
            "1. In June 2010, there were over 650 children looked after by Northmoor. "
            "More than 40 care leavers live locally.\n\n"
            "Staying safe\n\n"
            "2. There are 300 children looked after. The rate compared with 500 referrals per 10,000 "
            "children in similar areas is low.\n")
    assert _text(body) == ()


def test_plain_statements_in_a_context_section() -> None:
    body = ("Context\n\n"
            "1. The council looks after 312 looked after children and 57 care leavers. "
            "As at 31 March 2010, 140 children were subject to a child protection plan.\n")
    assert _rows(_text(body)) == [
        ("children-in-care", 312.0, "count", None),
        ("care-leavers", 57.0, "count", None),
        ("child-protection-plans", 140.0, "count", date(2010, 3, 31)),
    ]


def _pdf(relative: str) -> tuple[Statistic, ...]:
    from tests.conftest import CORPUS

    path = CORPUS / relative
    if not path.is_file():
        pytest.fail(f"corpus report {relative} not found under {CORPUS}")
    return local_statistics(read_document(path))


def test_pdf_previous_figure_in_the_same_sentence() -> None:
    # "<the council> was looking after <N> children (a rate of <R> per 10,000), an increase from <N>
    # (<R> per 10,000 children) at <date>": the earlier count and rate in the same sentence
    rows = [row for row in _rows(_pdf("bromley/2016-06-27.pdf")) if row[0] == "children-in-care"]
    assert rows == [("children-in-care", 281.0, "count", date(2016, 3, 1)),
                    ("children-in-care", 39.8, "rate-per-10000", date(2016, 3, 1)),
                    ("children-in-care", 265.0, "count", MARCH_2015),
                    ("children-in-care", 37.0, "rate-per-10000", MARCH_2015)]


def test_pdf_figures_carry_pages_and_no_bullet_glyphs() -> None:
    stats = _pdf("havering/2016-12-09.pdf")
    assert ("children-in-need", 1389.0, "count", date(2016, 9, 30)) in _rows(stats)
    assert ("children-in-need", 1374.0, "count", date(2016, 3, 31)) in _rows(stats)
    assert all(s.evidence.page is not None for s in stats)
    assert all(s.evidence.quote[0].isalnum() for s in stats)


def test_a_part_of_the_children_in_care_is_not_their_number() -> None:
    body = ("Service information\n\n"
            "1. At 31 March 2013, 606 children were looked after. There were 34 looked after children "
            "placed with external residential providers. There were 60 children looked after by the council.\n")
    assert _rows(_text(body)) == [("children-in-care", 606.0, "count", date(2013, 3, 31)),
                                  ("children-in-care", 60.0, "count", None)]


def test_an_earlier_figure_given_at_a_month_is_the_figure_at_its_end() -> None:
    body = ("Child protection in this area\n\n"
            "At 31 March 2013, 4,210 children had been identified through assessment as being formally in need of a "
            "specialist children's service. This is an increase from 4,007 at March 2012.\n")
    assert _rows(_text(body)) == [("children-in-need", 4210.0, "count", date(2013, 3, 31)),
                                  ("children-in-need", 4007.0, "count", date(2012, 3, 31))]


def test_an_earlier_figure_may_name_whom_it_counts_before_its_rate() -> None:
    body = ("Child protection in this area\n\n"
            "At 31 March 2019, there were 118 children subject to a child protection plan (a rate of 31 per "
            "10,000). This figure shows a decrease from 142 children (36 per 10,000 children) at 31 March 2018.\n")
    assert _rows(_text(body)) == [("child-protection-plans", 118.0, "count", date(2019, 3, 31)),
                                  ("child-protection-plans", 31.0, "rate-per-10000", date(2019, 3, 31)),
                                  ("child-protection-plans", 142.0, "count", date(2018, 3, 31)),
                                  ("child-protection-plans", 36.0, "rate-per-10000", date(2018, 3, 31))]


def test_a_population_share_in_brackets_after_the_whole_population() -> None:
    body = ("Children living in this area\n\n"
            "Around 41,200 children and young people in Exampleshire are aged 0 to 17, from a total population "
            "of 198,400 (21%).\n")
    assert _rows(_text(body)) == [("population-0-17", 41200.0, "count", None),
                                  ("population-0-17", 21.0, "percent", None)]


def test_an_earlier_rate_may_follow_the_date_of_its_count() -> None:
    body = ("Children looked after in this area\n\n"
            "At 31 March 2019, 377 children were in care (a rate of 71 per 10,000 children). This is a rise "
            "from 352 at 31 March 2018 (66 per 10,000 children).\n")
    assert _rows(_text(body))[2:] == [("children-in-care", 352.0, "count", date(2018, 3, 31)),
                                      ("children-in-care", 66.0, "rate-per-10000", date(2018, 3, 31))]


def test_an_earlier_figure_that_is_the_same_is_last_year_s_figure_too() -> None:
    body = ("Children looked after in this area\n\n"
            "At 31 October 2018, 244 children were in care (a rate of 58 per 10,000 children). It is the same "
            "as 244 as at 31 March 2018 (a rate of 58 per 10,000 children).\n")
    assert _rows(_text(body))[2:] == [("children-in-care", 244.0, "count", date(2018, 3, 31)),
                                      ("children-in-care", 58.0, "rate-per-10000", date(2018, 3, 31))]


def test_an_earlier_figure_compared_as_lower_or_higher_than() -> None:
    body = ("Children looked after in this area\n\n"
            "At 31 March 2018, 288 children were in care. This is higher than the 271 children at 31 March 2017.\n")
    assert _rows(_text(body)) == [("children-in-care", 288.0, "count", date(2018, 3, 31)),
                                  ("children-in-care", 271.0, "count", date(2017, 3, 31))]
    # a comparison with other areas at the same date is no earlier figure
    other = body.replace("higher than the 271 children at 31 March 2017", "higher than the England average")
    assert _rows(_text(other)) == [("children-in-care", 288.0, "count", date(2018, 3, 31))]


def test_a_footnote_mark_glued_to_the_year_of_an_earlier_figure_is_no_part_of_its_date() -> None:
    body = ("Child protection in this area\n\n"
            "At 1 May 2016, 212 children were the subject of a child protection plan. The figure shows an increase "
            "from 187 at 31 March 20157\n.\n")
    assert _rows(_text(body)) == [("child-protection-plans", 212.0, "count", date(2016, 5, 1)),
                                  ("child-protection-plans", 187.0, "count", date(2015, 3, 31))]
