"""The columns of the outcomes workbook, each with the note the workbook's notes sheet prints for it.

Names follow the ADCS ILACS outcomes summary and the public ILACS scrape tool's spreadsheet where
they have a counterpart (LA number, URN, the five ILACS judgements, previous grade, direction of
travel), in cskg's snake_case.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from cskg.graph.reference import OFSTED_PROVIDER_PAGE

Kind = Literal["text", "number", "date", "datetime", "link"]


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    note: str
    kind: Kind = "text"
    width: int = 14  # characters, for the workbook


# Shared by both sheets.
_COUNCIL = Column("council", "Council name (reference data, ontology/authorities.json).", width=28)
_GSS = Column("gss_code", "ONS GSS code of the council.", width=11)
_FRAMEWORK = Column("framework", "Inspection framework notation (ILACS-standard, ILACS-short, SIF, …).", width=16)
_START = Column("inspection_start", "First day of the inspection (as the report states it).", "date", 12)
_END = Column("inspection_end", "Last day of the inspection.", "date", 12)
_PUBLISHED = Column("published", "Publication date of the report.", "date", 12)
_PUBLISHED_SOURCE = Column(
    "published_source", "Where the publication date comes from: 'report' when the report states it, "
    "'manifest' when it was given with `cskg ingest --manifest`; blank when no publication date is stored.", width=10)
_LEAD = Column("lead_inspector", "Lead inspector named in the report (several joined by '; ').", width=22)
_OVERALL = Column("overall", "Overall effectiveness grade as printed (lower case).", width=20)
_OVERALL_RANK = Column("overall_rank", "Overall grade normalised across frameworks: 1 outstanding, 2 good, "
                                       "3 requires improvement (to be good) / adequate, 4 inadequate.", "number", 8)
_REPORT_FILE = Column("report_file", "The report file as ingested: its path relative to the folder given to "
                                     "`cskg ingest` (cskg:sourcePath).", "link", 30)
_REPORT_IRI = Column("report_iri", "IRI of the report in the graph (query it at /sparql).", width=30)

OUTCOME_COLUMNS: tuple[Column, ...] = (
    _COUNCIL, _GSS,
    Column("la_code", "DfE local-authority number (LA code).", width=8),
    Column("urn", "Ofsted unique reference number of the council's children's services.", width=8),
    Column("region", "Government office region.", width=18),
    _FRAMEWORK, _START, _END, _PUBLISHED, _PUBLISHED_SOURCE, _LEAD, _OVERALL,
    Column("impact_of_leaders", "ILACS: the impact of leaders on social work practice with children and families."),
    Column("help_and_protection", "ILACS: the experiences and progress of children who need help and protection."),
    Column("children_in_care", "ILACS from 2023: the experiences and progress of children in care. Empty for "
                               "earlier reports, which grade children in care and care leavers together."),
    Column("care_leavers", "ILACS from 2023: the experiences and progress of care leavers. Empty for earlier "
                           "reports (see children_in_care_and_care_leavers)."),
    Column("children_in_care_and_care_leavers",
           "ILACS before 2023: the one combined judgement on the experiences and progress of children in care "
           "and care leavers. Empty for reports grading the two separately.", width=20),
    _OVERALL_RANK,
    Column("previous_framework", "Framework of the council's graded inspection before this one (SIF or ILACS)."),
    Column("previous_inspection_start", "First day of that previous graded inspection.", "date", 12),
    Column("previous_overall", "Overall effectiveness grade of that previous inspection.", width=20),
    Column("previous_overall_rank", "Normalised rank of the previous overall grade.", "number", 8),
    Column("direction_of_travel", "improved, declined or same: this overall rank against the previous one.",
           width=10),
    Column("neighbours_inspected", "Statistical neighbours (DfE list, up to 10) with a stored ILACS overall grade.",
           "number", 8),
    Column("neighbours_outstanding", "Of those, how many are graded outstanding at their latest ILACS.", "number", 8),
    Column("neighbours_good", "… good.", "number", 8),
    Column("neighbours_requires_improvement", "… requires improvement to be good.", "number", 8),
    Column("neighbours_inadequate", "… inadequate.", "number", 8),
    Column("neighbours_mean_overall_rank", "Mean normalised rank of the neighbours' latest ILACS overall grades.",
           "number", 8),
    Column("neighbours_overall", "Each neighbour with its latest ILACS overall grade, closest neighbour first.",
           width=40),
    _REPORT_FILE, _REPORT_IRI,
    Column("ofsted_page", "Ofsted's page for the council (" + OFSTED_PROVIDER_PAGE + "), where its reports are "
                          "published.", "link", 30),
    Column("generated", "When this sheet was generated from the store (UTC).", "datetime", 18),
)

INSPECTION_COLUMNS: tuple[Column, ...] = (
    _COUNCIL, _GSS, _FRAMEWORK, _START, _END, _PUBLISHED, _PUBLISHED_SOURCE, _LEAD, _OVERALL, _OVERALL_RANK,
    Column("judgements", "Every graded judgement of the inspection as 'area: grade', joined by '; ' "
                         "(area notations of the ontology's SKOS vocabularies).", width=50),
    _REPORT_FILE, _REPORT_IRI,
    Column("inspection_iri", "IRI of the inspection in the graph.", width=30),
)
