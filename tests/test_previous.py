"""previous_inspections: statements of earlier inspections, with date, framework, grade and rank."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cskg.loaders.document import Document
from cskg.loaders.previous import framework_for, previous_inspections, stated_date
from cskg.loaders.readers import read_document
from cskg.loaders.readers.text import read as read_text
from tests.conftest import CORPUS, seed


def _doc(text: str) -> Document:
    """The text as the reader makes it a Document: its blocks are what previous_inspections reads."""
    return read_text("t.txt", text.encode("utf-8"), "0" * 64)


def _facts(text: str) -> list[tuple[date | None, str | None, str | None, int | None]]:
    return [(p.date, p.framework, p.grade, p.rank) for p in previous_inspections(_doc(text))]


def test_sif_statement_pair() -> None:
    text = ("Other Ofsted inspections\nThe previous inspection of Westhampton's services for children looked\n"
            "after took place in October 2010. Those services were then judged to be good.\n")
    assert _facts(text) == [(date(2010, 10, 1), "SLAC", "good", 2)]
    found = previous_inspections(_doc(text))[0]
    assert found.evidence.quote.startswith("The previous inspection of")
    assert found.evidence.quote.endswith("judged to be good.")
    assert text[found.evidence.start:found.evidence.end].replace("\n", " ") == found.evidence.quote


def test_child_protection_inspection_of_2012_13_has_no_framework_notation() -> None:
    text = ("The last inspection of Northmoor's arrangements for the protection of children took place in "
            "February 2013. They were found to be adequate.")
    assert _facts(text) == [(date(2013, 2, 1), None, "adequate", 3)]


def test_looked_after_children_inspection_2013_is_lac() -> None:
    text = ("The previous inspection of Eastvale's services for looked after children was undertaken between "
            "17 and 21 June 2013. Those services were judged inadequate.")
    assert _facts(text) == [(date(2013, 6, 1), "LAC", "inadequate", 4)]


def test_two_grades_in_one_statement() -> None:
    text = ("The previous inspection of Eastvale's safeguarding arrangements and services for looked after "
            "children took place in May 2012. The council was rated Adequate for safeguarding and "
            "Good for services for looked after children.")
    # one inspection: one statement, with the grade printed first
    assert _facts(text) == [(date(2012, 5, 1), "SLAC", "adequate", 3)]


def test_printed_grade_number() -> None:
    text = ("The previous inspection of Eastvale's services for looked after children took place in February 2010. "
            "The council was judged to be Grade 3 (Adequate).")
    assert _facts(text) == [(date(2010, 2, 1), "SLAC", "adequate", 3)]


def test_ilacs_wording() -> None:
    text = "Exampleshire's services for children were previously inspected by Ofsted in February 2020, with a " \
           "judgment of requires improvement to be good."
    assert _facts(text) == [(date(2020, 2, 1), None, "requires improvement to be good", 3)]


def test_since_the_last_inspection_with_a_year() -> None:
    text = ("Leaders have acted since the previous inspection in 2015, where services were found to be "
            "inadequate overall.")
    assert _facts(text) == [(date(2015, 1, 1), "SIF", "inadequate", 4)]
    assert previous_inspections(_doc(text))[0].precision == "year"


def test_grade_of_one_area_is_not_an_overall_grade() -> None:
    text = ("The help and protection given to children at risk of harm has got better since the "
            "inspection in 2017, when it was judged as requires improvement.")
    assert _facts(text) == []


def test_regulated_services_are_not_council_inspections() -> None:
    text = ("The previous inspection of Northmoor's adoption agency took place in May 2012. The agency was "
            "found to be good.")
    assert _facts(text) == []


def test_no_statement() -> None:
    assert _facts("This was a recommendation at the last inspection.") == []


def test_stated_date_and_framework_rules() -> None:
    assert stated_date("August 2011") == (date(2011, 8, 1), 2011, "month")
    assert stated_date("12 March 2019") == (date(2019, 3, 12), 2019, "day")
    assert stated_date("25 February and 6 March 2013") == (date(2013, 3, 1), 2013, "month")
    assert stated_date("2019") == (date(2019, 1, 1), 2019, "year")
    assert stated_date("recently") == (None, None, None)
    assert framework_for("of the joint area review", None, 2005) == "JAR"
    assert framework_for("of services", date(2015, 1, 1), 2015) == "SIF"
    assert framework_for("of services", date(2018, 5, 1), 2018) is None  # SIF re-inspections and ILACS overlap
    assert framework_for("of services", None, 2013) is None


def test_seed_004() -> None:
    found = previous_inspections(read_document(seed("004")))
    # two statements (safeguarding, then looked after children) of one SLAC inspection: the first
    assert [(p.date, p.framework, p.grade) for p in found] == [(date(2011, 8, 1), "SLAC", "adequate")]
    assert "safeguarding arrangements" in found[0].evidence.quote


def test_sif_summary_list_of_previous_judgements() -> None:
    found = previous_inspections(read_document(CORPUS / "sunderland" / "2018-07-25.pdf"))
    assert [(p.date, p.framework, p.grade, p.rank) for p in found] == [(date(2015, 7, 1), "SIF", "inadequate", 4)]
    assert found[0].evidence.page == 5


def test_ilacs_report_statement() -> None:
    path = Path(CORPUS / "solihull")
    reports = sorted(p for p in path.glob("*.pdf") if p.name >= "2021")
    facts = [(p.date, p.grade) for r in reports for p in previous_inspections(read_document(r))]
    assert (date(2019, 11, 1), "requires improvement to be good") in facts


def _stated(text: str) -> list[tuple[date | None, str | None, str | None, str | None]]:
    return [(p.date, p.precision, p.framework, p.grade) for p in previous_inspections(_doc(text))]


def test_bare_mentions_of_the_last_inspection_keep_their_precision() -> None:
    assert _stated("Services have improved since the last inspection in 2018. Leaders know their services.") == [
        (date(2018, 1, 1), "year", None, None)]
    assert _stated("At the previous ILACS inspection, in January 2019, leaders were new.") == [
        (date(2019, 1, 1), "month", None, None)]
    assert _stated("Since the last inspection (2016), practice has improved.") == [
        (date(2016, 1, 1), "year", "SIF", None)]
    assert _stated("The last inspection of children's services took place on 12 March 2015.") == [
        (date(2015, 3, 12), "day", "SIF", None)]


def test_a_bare_mention_repeats_no_statement() -> None:
    """Named three times, and once with its grade: one statement, the graded one."""
    text = ("Exampleshire's services for children were last inspected in October 2019, with a judgment of requires "
            "improvement to be good. Leaders have acted since the last inspection in 2019. Practice has improved "
            "since the last inspection in 2019. The previous inspection in 2019 found weak supervision.")
    assert _stated(text) == [(date(2019, 10, 1), "month", None, "requires improvement to be good")]
    twice = "Since the last inspection in 2018, leaders have acted. Practice has improved since the last inspection in 2018."
    assert len(_stated(twice)) == 1


def test_a_mention_of_a_regulated_service_or_no_year_is_no_previous_inspection() -> None:
    assert _stated("The last inspection of the fostering service in 2017 judged it good.") == []
    assert _stated("The previous inspection of the council's adoption services in May 2010 rated the service as "
                   "good.") == []
    assert _stated("Practice has improved since the last inspection.") == []


def test_a_grade_stated_with_its_year_takes_the_month_another_sentence_gives() -> None:
    text = ("Since the last Ofsted inspection in July 2016, leaders have not made the improvements needed. "
            "In 2016, services were judged to require improvement in most areas.")
    assert _facts(text) == [(date(2016, 7, 1), "SIF", "requires improvement", 3)]  # on the SIF scale


def test_services_judged_in_a_year_and_a_clause_opened_by_where() -> None:
    assert _facts("Children's services in the predecessor council were judged inadequate in 2019. Leaders act.") \
        == [(date(2019, 1, 1), None, "inadequate", 4)]
    assert _facts("Work has moved on since the last inspection, in 2018, where its children's services were judged "
                  "to require improvement.") == [(date(2018, 1, 1), None, "requires improvement", 3)]


def test_joint_area_review_named_as_the_earlier_inspection() -> None:
    text = "Much has changed since the joint area review in 2007, where council services were judged to be adequate."
    assert _facts(text) == [(date(2007, 1, 1), "JAR", "adequate", 3)]


def test_one_inspection_named_by_its_visit_month_and_by_its_report_month_is_one() -> None:
    """A report may name an earlier inspection by the month of its visit in one place and by the month its
    report came out in another, weeks apart: one inspection, dated by its visit, with the grade stated."""
    text = ("Since the child protection inspection in February 2013, leaders have set up a new framework. "
            "Plans now draw on an Ofsted inspection in March 2013, which found its protection services to be "
            "inadequate.")
    assert _stated(text) == [(date(2013, 2, 1), "month", None, "inadequate")]
    # the report month first, the visit later in the text: still the visit's month
    text = ("Services have declined since the last inspection of children's services published in April 2012, "
            "when the council was found to be good overall. The previous inspection of the council's safeguarding "
            "arrangements was in February 2012. The council was judged to be good.")
    assert _stated(text) == [(date(2012, 2, 1), "month", "SLAC", "good")]
    # a visit late in one year, named by the year its report came out
    text = ("The previous inspection of the council's safeguarding arrangements was in November 2010. The "
            "council was judged to be adequate. Several services have slipped since the last inspection of "
            "safeguarding and looked after children in 2011.")
    assert _stated(text) == [(date(2010, 11, 1), "month", "SLAC", "adequate")]
    # months far apart are two inspections
    text = ("Since the child protection inspection in February 2013, leaders have acted. Plans draw on an Ofsted "
            "inspection in August 2013, which found child protection services to be inadequate.")
    assert len(_stated(text)) == 2


def test_a_grade_in_a_clause_opened_by_which_or_naming_what_was_judged() -> None:
    assert _facts("Leaders have acted since the single inspection in 2014 which judged the service as inadequate.") \
        == [(date(2014, 1, 1), "SIF", "inadequate", 4)]
    assert _facts("The last inspection of the council's children's services in 2019 judged services to be good across "
                  "every area.") == [(date(2019, 1, 1), None, "good", 2)]
    # what was judged is one area of practice: no grade of the council's services
    assert _stated("Practice has improved since the last inspection in 2016, which judged help and protection to be "
                   "inadequate.") == [(date(2016, 1, 1), "year", "SIF", None)]


def _areas(text: str) -> list[list[tuple[str, str, int]]]:
    return [[(g.area, g.grade, g.rank) for g in p.area_grades] for p in previous_inspections(_doc(text))]


def test_a_slac_inspection_keeps_the_grade_of_each_service_it_graded() -> None:
    """SLAC graded safeguarding and services for looked after children apart (its declaration's two overall
    areas): both grades are kept, the one printed first also as the inspection's grade."""
    text = ("The previous inspection of the council's safeguarding arrangements and services for looked after "
            "children was in June 2012. The council was judged to be Good for safeguarding and "
            "Adequate for its services for looked after children.")
    assert _areas(text) == [[("safeguarding-overall-effectiveness", "good", 2),
                             ("looked-after-overall-effectiveness", "adequate", 3)]]
    # two statements of one inspection, each naming its service in its subject
    text = ("The previous inspection of the council's safeguarding arrangements was in September 2010. The "
            "council was judged to be adequate. The previous inspection of the council's services "
            "for looked after children was in September 2010. The council was judged to be good.")
    assert _facts(text) == [(date(2010, 9, 1), "SLAC", "adequate", 3)]
    assert _areas(text) == [[("safeguarding-overall-effectiveness", "adequate", 3),
                             ("looked-after-overall-effectiveness", "good", 2)]]
    # a grade off the framework's scale grades no area
    assert _areas("The previous inspection of the council's safeguarding arrangements was in April 2012. The "
                  "council was judged to require improvement.") == [[]]
    # one grade "for overall effectiveness": the service the subject names
    assert _areas("The last inspection of the council's safeguarding arrangements was in July 2010 when the local "
                  "authority was judged outstanding for overall effectiveness.") == [
        [("safeguarding-overall-effectiveness", "outstanding", 1)]]
    # grades listed with commas
    assert _areas("The previous inspection of the council's services for safeguarding and looked after children was "
                  "in February 2011. The council was judged good for safeguarding, adequate for its looked "
                  "after children's services and outstanding for capacity to improve.") == [
        [("safeguarding-overall-effectiveness", "good", 2), ("looked-after-overall-effectiveness", "adequate", 3)]]
    # a framework graded overall once keeps no area grades
    assert _areas("Services have got better since the last inspection in 2017, when services were judged to be "
                  "inadequate overall.") == [[]]


def test_each_service_s_grade_of_an_earlier_slac_inspection_reaches_the_graph() -> None:
    from rdflib.namespace import RDF

    from cskg.graph.mapping import map_record
    from cskg.graph.namespaces import CSKG, area_uri, grade_uri
    from cskg.loaders import load_record

    record = load_record(CORPUS / "barking-and-dagenham" / "2014-07-07.pdf")
    (previous,) = [p for p in record.previous_inspections if p.framework == "SLAC"]
    assert (previous.date, previous.grade) == (date(2012, 7, 1), "good")
    graph = map_record(record).graph
    graded = {(graph.value(node, CSKG.judgementArea), graph.value(node, CSKG.grade))
              for node in graph.subjects(RDF.type, CSKG.StatedAreaGrade)}
    assert graded == {(area_uri("SLAC", "safeguarding-overall-effectiveness"), grade_uri("SLAC", "good")),
                      (area_uri("SLAC", "looked-after-overall-effectiveness"), grade_uri("SLAC", "adequate"))}


def test_an_earlier_inspection_named_by_its_date_in_front_is_a_bare_mention() -> None:
    """Later reports name the inspection before them as "the <YYYY> inspection": a mention dated as printed, its
    framework the one of those years."""
    assert _stated("Since the 2017 inspection, leaders have kept most of the council's strengths.") == [
        (date(2017, 1, 1), "year", "SIF", None)]
    assert _stated("Several recommendations from the March 2014 inspection remain open.") == [
        (date(2014, 3, 1), "month", "SIF", None)]
    # a regulated service's inspection is not the council's
    assert _stated("Since the 2017 inspection of the adoption service, matching has sped up.") == []
    # a year alone, no inspection after it
    assert _stated("Since the 2017 review, leaders have kept their strengths.") == []


def test_a_judgement_table_above_the_statement_does_not_make_its_grade_one_area_s() -> None:
    # The ILACS summary prints the areas' grades, then "Overall effectiveness <grade>", then the statement: the
    # table's area names are not what the statement is about.
    text = ("The experiences and progress of children who need help and protection\tGood\n\n"
            "The experiences and progress of children in care\tGood\n\nOverall effectiveness\tGood\n\n"
            "Since the last inspection in May 2018, when services for children and families were\n"
            "judged to be requires improvement to be good, leaders have strengthened practice across\n"
            "the service and most children now receive timely help.\n")
    assert _facts(text) == [(date(2018, 5, 1), None, "requires improvement to be good", 3)]
    # The same clause after area words in the statement's own sentence stays an area's grade.
    assert _facts("Help and protection services have improved since the last inspection in May 2018, when they "
                  "were judged to be requires improvement to be good.\n")[0][2] is None


def test_a_year_mentioned_before_the_january_a_graded_inspection_is_dated_by_is_that_inspection() -> None:
    # Inspected late in one year, its report out in the January after: "since the last inspection in <YYYY>"
    # and "… was in January <YYYY+1>. … judged to be adequate" are one inspection, kept at its month.
    text = ("Services have improved steadily since the last inspection in 2012.\n\n"
            "Ofsted's last inspection of the council's child protection arrangements was in January 2013. The "
            "council was judged to be adequate.\n")
    assert _facts(text) == [(date(2013, 1, 1), None, "adequate", 3)]
    # A graded inspection later in the year is another one.
    later = text.replace("January 2013", "June 2013")
    assert len(_facts(later)) == 2


def test_a_grade_in_the_sentence_after_previously_inspected_is_that_inspection_s() -> None:
    text = ("The council's services for children in need of protection were previously inspected in May 2013. "
            "The council was judged to be adequate.\n")
    assert _facts(text) == [(date(2013, 5, 1), None, "adequate", 3)]
    # a sentence after it about something else gives no grade
    other = text.replace("The council was judged to be adequate.", "A fostering agency was judged to be good.")
    assert _facts(other) == [(date(2013, 5, 1), None, None, None)]


def test_the_last_inspection_of_a_council_named_by_its_name_with_its_grade() -> None:
    text = ("Since the last inspection of Northmoor, in March 2019, when all services for children were judged to "
            "be good, leaders have kept a firm grip on practice.\n")
    assert _facts(text) == [(date(2019, 3, 1), None, "good", 2)]


def test_the_same_statement_in_the_summary_and_a_section_is_one_inspection() -> None:
    text = ("Since the last inspection in 2019, when services were judged to be outstanding, practice has slipped.\n\n"
            "Since the last inspection in 2019, when the council was judged to be outstanding, leaders have changed.\n")
    assert _facts(text) == [(date(2019, 1, 1), None, "outstanding", 1)]


def test_the_last_inspection_of_whatever_was_inspected_with_its_framework_named() -> None:
    text = ("After the last inspection of the council's services for children under the single inspection "
            "framework (SIF) in 2015, where the council was judged to be inadequate, leaders acted quickly.\n")
    assert _facts(text) == [(date(2015, 1, 1), "SIF", "inadequate", 4)]
    fostering = ("Since the last inspection of the council's fostering service in 2015, where it was judged to be "
                 "good, carers have been recruited.\n")
    assert [f[2] for f in _facts(fostering)] == [None] * len(_facts(fostering))  # not the council's grade


def test_one_grade_stated_for_several_years_is_one_inspection_a_year() -> None:
    text = ("The trust has tackled the failings which led to the council being judged inadequate in 2010, 2012 "
            "and 2014.\n")
    assert [(d, g) for d, _, g, _ in _facts(text)] == [
        (date(2010, 1, 1), "inadequate"), (date(2012, 1, 1), "inadequate"), (date(2014, 1, 1), "inadequate")]
    area = "Help and protection was judged inadequate in 2012 and 2014, and has now improved.\n"
    assert all(g is None for _, _, g, _ in _facts(area))


def test_at_the_last_inspection_in_a_year_the_grade_services_were_given() -> None:
    text = ("At the last full inspection in 2016, services were found to have improved a great deal and were "
            "judged to require improvement.\n")
    assert _facts(text) == [(date(2016, 1, 1), "SIF", "requires improvement", 3)]
    area = "At the last full inspection in 2016, care leavers' services were judged to be inadequate.\n"
    assert all(g is None for _, _, g, _ in _facts(area))


def test_services_also_inspected_in_a_month_with_their_grades_in_the_next_sentence() -> None:
    text = ("The council's arrangements to safeguard children and its services for looked after children were "
            "also inspected in May 2010. The council was judged to be adequate for its safeguarding arrangements.\n")
    assert _facts(text) == [(date(2010, 5, 1), "SLAC", "adequate", 3)]


def test_an_inspection_dated_by_its_report_takes_the_framework_of_its_visit() -> None:
    # Published in June 2012, visited in the spring: the combined SLAC inspection, whose two statements are one.
    text = ("The previous inspection of the council's safeguarding arrangements was published in June 2012. The "
            "council was judged to be good.\n\n"
            "The previous inspection of the council's services for looked after children was published in June "
            "2012. The council was judged to be outstanding.\n")
    found = previous_inspections(_doc(text))
    assert [(p.date, p.framework, p.grade) for p in found] == [(date(2012, 6, 1), "SLAC", "good")]
    assert [(a.area, a.grade) for a in found[0].area_grades] == [
        ("safeguarding-overall-effectiveness", "good"), ("looked-after-overall-effectiveness", "outstanding")]


def test_an_inspection_stated_with_an_indefinite_article() -> None:
    text = ("An inspection of the council's arrangements for the protection of children was carried out in "
            "March 2013. The arrangements were judged to be adequate.\n")
    assert _facts(text) == [(date(2013, 3, 1), None, "adequate", 3)]
