"""ReportRecord: the plain typed data a framework parser extracts from one report.

Everything here is independent of RDF; graph/ maps it to triples. Every fact carries an
Evidence pointing at the text that states it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Timescale = Literal["immediately", "within-three-months", "within-six-months", "longer-term"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where in the report a fact is stated."""

    quote: str  # the sentence (or table row) that states the fact, as printed
    start: int  # span in Document.text
    end: int
    page: int | None = None
    paragraph: int | None = None  # printed paragraph number, when the text sits in one
    section: str | None = None  # heading the text sits under


@dataclass(frozen=True, slots=True)
class Judgement:
    area: str  # judgement-area notation, unique within the framework (e.g. "help-and-protection")
    area_label: str  # the area as printed
    grade: str  # lower-case grade label as printed ("requires improvement to be good")
    rank: int  # normalised rank: 1 outstanding/best .. 4 inadequate/worst
    evidence: Evidence
    printed_grade: str | None = None  # the grade token as printed when it differs (JAR's "4")


@dataclass(frozen=True, slots=True)
class Recommendation:
    number: int  # order in the report, 1-based
    text: str
    evidence: Evidence
    timescale: Timescale | None = None
    kind: Literal["recommendation", "area-for-improvement"] = "recommendation"


@dataclass(frozen=True, slots=True)
class Finding:
    paragraph: int  # printed paragraph number
    text: str
    evidence: Evidence
    area: str | None = None  # judgement-area notation of the section it sits in


@dataclass(frozen=True, slots=True)
class Inspector:
    name: str  # as printed, without the title ("Alison Smale")
    role: Literal["lead", "team"] = "team"
    title: str | None = None  # "HMI", "His Majesty's Inspector", "Social Care Inspector"
    position: str | None = None  # the role in the team as printed: "deputy lead inspector", "senior data analyst"


@dataclass(frozen=True, slots=True)
class Statistic:
    measure: str  # notation, e.g. "children-in-care", "child-protection-plans", "population-0-17"
    value: float
    evidence: Evidence
    unit: Literal["count", "rate-per-10000", "percent"] = "count"
    as_of: date | None = None


@dataclass(frozen=True, slots=True)
class AreaGrade:
    area: str  # notation of one of the framework's overall areas ("looked-after-overall-effectiveness")
    grade: str  # lower-case, on the framework's scale
    rank: int


@dataclass(frozen=True, slots=True)
class PreviousInspection:
    evidence: Evidence
    date: date | None = None  # the earlier inspection's date as printed: its first day when only a month or year is
    framework: str | None = None  # framework notation when it can be told
    grade: str | None = None  # lower-case overall grade as printed ("adequate")
    rank: int | None = None
    precision: Literal["day", "month", "year"] | None = None  # how much of `date` the report states
    # each overall area's grade, when the framework grades several apart and the report names them ("good for
    # safeguarding and adequate for services for looked after children"); `grade` is the one printed first
    area_grades: tuple[AreaGrade, ...] = ()


OrganisationKind = str  # notation in the organisation-kind or service-type scheme ("lscb", "police-force")
# How a council stands to a body: "member" (the council's own body, or one it belongs to), "joint" (run
# jointly with, or shared with, other councils), "delivers-for" (the body delivers the council's services),
# "chair-shared" (the council's board shares its chair with this body), "joint-working" (the council's
# board works jointly with this body of another council, without sharing it), "partner" (a partner
# organisation the council works with).
Role = Literal["member", "joint", "delivers-for", "group-member", "chair-shared", "joint-working", "partner"]


@dataclass(frozen=True, slots=True)
class Member:
    authority: str  # GSS code
    role: Role


@dataclass(frozen=True, slots=True)
class OrganisationMention:
    """A body (board, partnership, partner organisation, service) named in the report, with the
    councils the sentence ties it to."""

    name: str  # canonical name as resolved within the report ("Staffordshire Safeguarding Children Board")
    kind: OrganisationKind
    evidence: Evidence  # the sentence that names the body (and states the memberships)
    # Resolution key, the same for the same body in every report: "{kind}/{GSS[+GSS…]}" for a
    # council's own or jointly-run body, "{kind}/{slug(name)}" for a body with its own name.
    key: str = ""
    abbreviation: str | None = None  # defined in the text, e.g. "SSCB"
    labels: tuple[str, ...] = ()  # other spellings used in the report
    members: tuple[Member, ...] = ()  # councils this sentence ties to the body, with their role


# What a warning says, for a user deciding which reports to read again. Rejections are not warnings:
# a file that is not one report is refused (RejectedInput).
WarningCode = Literal[
    "missing-overall-grade",  # the framework grades overall effectiveness; no overall grade was read
    "missing-judgement",  # an area the framework grades was not found
    "not-judged",  # the report prints an area as not judged
    "duplicate-judgement",  # an area's grade printed twice; the first kept
    "no-judgement-table",  # grades read from section headings, the summary table was not found
    "no-findings",  # no numbered paragraph read
    "no-lead-inspector",
    "missing-dates",  # the inspection dates are not printed or not readable
    "missing-publication-date",  # the framework's template prints one; none was read
    "implausible-date",  # a date read that the framework's calendar makes unlikely
    "unrecognised-section",  # a graded row or heading naming no area of the framework
    "duplicated-paragraphs",  # paragraph numbers or long paragraphs printed twice
]
WARNING_CODES: tuple[str, ...] = WarningCode.__args__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class ReportWarning:
    """Something a reader of the record should check against the report."""

    code: WarningCode
    message: str

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


@dataclass(frozen=True, slots=True)
class ReportRecord:
    source: str  # path relative to the folder given to ingest, or the file's name
    sha256: str
    media_type: str
    framework: str  # framework notation: JAR, SLAC, LAC, SIF, ILACS-standard, ILACS-short, ...
    authority_code: str  # GSS code of the inspected council
    authority_name: str
    title: str | None = None
    page_count: int | None = None
    inspection_start: date | None = None
    inspection_end: date | None = None
    published: date | None = None
    # Where the publication date comes from: printed in the report, or given in an ingest manifest.
    published_from: Literal["report", "manifest"] = "report"
    report_url: str | None = None  # the report's page at Ofsted, when a manifest gives it
    inspectors: tuple[Inspector, ...] = ()
    judgements: tuple[Judgement, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    findings: tuple[Finding, ...] = ()
    statistics: tuple[Statistic, ...] = ()
    previous_inspections: tuple[PreviousInspection, ...] = ()
    organisations: tuple[OrganisationMention, ...] = ()
    warnings: tuple[ReportWarning, ...] = field(default=())

    @property
    def lead_inspector(self) -> str | None:
        return next((i.name for i in self.inspectors if i.role == "lead"), None)
